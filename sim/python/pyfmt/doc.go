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
//	(more to come: the format-spec mini-language, %-formatting, str.format)
//
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
