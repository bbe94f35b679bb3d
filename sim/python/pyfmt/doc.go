// Package pyfmt renders numbers and strings exactly as CPython 3.12 does,
// so the simulator's output matches a real interpreter byte for byte.
//
// It is pure Go over plain values (float64, *big.Int, string) and does not
// import the interpreter; the interpreter converts its objects and calls in.
//
// The API:
//
//	FloatRepr(f float64) string
//	    repr(f) and str(f): shortest round-trip digits, "1e+16", "1e-05",
//	    "inf", "nan", "-0.0", "1.0".
//
//	FormatInt(x *big.Int, spec, typeName string) (string, error)
//	FormatFloat(f float64, spec, typeName string) (string, error)
//	FormatStr(s, spec, typeName string) (string, error)
//	    format(x, spec): the format-spec mini-language of f-strings,
//	    str.format and format(). typeName is the object's type name used in
//	    error messages ("int", "bool", "float", "str"). An empty spec gives
//	    str(x); for a bool the interpreter must print "True"/"False" itself.
//	    Ints with a float presentation type (e, f, g, %) go through
//	    IntToFloat(x) (OverflowError for huge ints) as CPython does.
//
//	IntToDecimal(x *big.Int) (string, error)
//	    str(x) for an int, with CPython's ValueError past MaxStrDigits (4300)
//	    decimal digits; format() and %d apply the same limit.
//
//	ParseSpec(spec string, kind Kind, typeName string) (Spec, error)
//	    the parsed fields, for callers that want them.
//
//	FormatPercent(format string, args []any, isTuple, isMapping bool,
//	    vals PercentValues) (string, error)
//	    `format % operand` (printf-style). The interpreter passes its own
//	    values as any and implements PercentValues (str/repr/ascii, int and
//	    float conversion, mapping lookup); errors come out in CPython's order
//	    ("not enough arguments for format string", "%d format: a real
//	    number is required, not str", "unsupported format character 'q'
//	    (0x71) at index 1", ...).
//
//	ParsePercent(format string) ([]PercentPiece, error)
//	    the same string split into literals and conversion specifiers
//	    (key, flags, width/precision or '*', verb), for callers that want
//	    the structure.
//
//	FormatString(format string, vals FormatValues, formatMap bool) (string, error)
//	    str.format / str.format_map: literals, "{{", "}}", fields "{0}",
//	    "{name}", "{0.attr}", "{0[key]}", "!r"/"!s"/"!a", nested specs
//	    "{:{width}}", automatic numbering, and CPython's errors ("Single '}'
//	    encountered in format string", "cannot switch from manual field
//	    specification to automatic field numbering", "Replacement index 3
//	    out of range for positional args tuple", ...). The interpreter
//	    implements FormatValues (argument lookup, getattr, getitem,
//	    conversion, and format(v, spec), usually via FormatInt/FormatFloat/
//	    FormatStr).
//
//	ParseFormatString(format string) ([]Field, error)
//	    the same string split into literals and fields, for callers that
//	    want the structure.
//
// f-strings: the parser splits the string itself (3.12 grammar); each
// replacement field's value then goes through the same Format* functions,
// after !r/!s/!a, with the spec expanded first.
//
// Every behaviour is tested against tables recorded from CPython by
// testdata/gen.py (run it with /usr/bin/python3 from testdata/).
// Errors are *Error values carrying the Python exception type and CPython's
// exact message, e.g. &Error{Type: "ValueError", Msg: "Format specifier
// missing precision"}.
package pyfmt

// Error is a Python exception the caller should raise: Type is the builtin
// exception class name ("ValueError", "TypeError", "OverflowError",
// "KeyError", "IndexError", "MemoryError") and Msg its message.
type Error struct {
	Type string
	Msg  string
}

func (e *Error) Error() string { return e.Type + ": " + e.Msg }

func valueError(msg string) *Error { return &Error{Type: "ValueError", Msg: msg} }
