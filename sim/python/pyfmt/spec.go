package pyfmt

import (
	"fmt"
	"math"
	"math/big"
	"strings"
	"unicode/utf8"
)

// Kind says which builtin __format__ is parsing a spec: each has its own
// default presentation type and alignment.
type Kind int

const (
	KindInt   Kind = iota // int and bool: type 'd', right-aligned
	KindFloat             // float: no type (repr-like), right-aligned
	KindStr               // str: type 's', left-aligned
)

// Spec is a parsed format specification:
// [[fill]align][sign]["z"]["#"]["0"][width][grouping]["." precision][type].
type Spec struct {
	Fill      rune // ' ' unless given (or '0' from the zero flag)
	Align     byte // '<', '>', '=', '^'
	Sign      byte // 0, '+', '-', ' '
	NoNegZero bool // 'z'
	Alternate bool // '#'
	Width     int  // -1 when absent
	Grouping  byte // 0, ',', '_'
	Precision int  // -1 when absent
	Type      rune // 0 when absent for float; the kind's default otherwise
}

// MaxWidth bounds width and precision. CPython would try to build the
// string and fail with MemoryError somewhere above this; a sandbox on a
// shared server stops earlier with the same exception.
const MaxWidth = 10_000_000

func memoryError() *Error { return &Error{Type: "MemoryError", Msg: ""} }

// ParseSpec parses spec as CPython's parse_internal_render_format_spec
// does for the given kind; typeName is only used in error messages.
func ParseSpec(spec string, kind Kind, typeName string) (Spec, error) {
	s := Spec{Fill: ' ', Align: '>', Width: -1, Precision: -1}
	defaultAlign := byte('>')
	switch kind {
	case KindInt:
		s.Type = 'd'
	case KindStr:
		s.Type = 's'
		s.Align, defaultAlign = '<', '<'
	}
	r := []rune(spec)
	pos := 0
	alignSpecified, fillSpecified := false, false
	if len(r) >= 2 && isAlign(r[1]) {
		s.Fill, s.Align = r[0], byte(r[1])
		fillSpecified, alignSpecified = true, true
		pos = 2
	} else if len(r) >= 1 && isAlign(r[0]) {
		s.Align = byte(r[0])
		alignSpecified = true
		pos = 1
	}
	if pos < len(r) && (r[pos] == '+' || r[pos] == '-' || r[pos] == ' ') {
		s.Sign = byte(r[pos])
		pos++
	}
	if pos < len(r) && r[pos] == 'z' {
		s.NoNegZero = true
		pos++
	}
	if pos < len(r) && r[pos] == '#' {
		s.Alternate = true
		pos++
	}
	if !fillSpecified && pos < len(r) && r[pos] == '0' {
		s.Fill = '0'
		if !alignSpecified && defaultAlign == '>' {
			s.Align = '='
		}
		pos++
	}
	var err error
	var n int
	if s.Width, n, err = parseDigits(r, &pos); err != nil {
		return s, err
	}
	if n == 0 {
		s.Width = -1
	}
	if pos < len(r) && r[pos] == ',' {
		s.Grouping = ','
		pos++
	}
	if pos < len(r) && r[pos] == '_' {
		if s.Grouping != 0 {
			return s, valueError("Cannot specify both ',' and '_'.")
		}
		s.Grouping = '_'
		pos++
	}
	if pos < len(r) && r[pos] == ',' {
		return s, valueError("Cannot specify both ',' and '_'.")
	}
	if pos < len(r) && r[pos] == '.' {
		pos++
		if s.Precision, n, err = parseDigits(r, &pos); err != nil {
			return s, err
		}
		if n == 0 {
			return s, valueError("Format specifier missing precision")
		}
	}
	if len(r)-pos > 1 {
		return s, valueError(fmt.Sprintf("Invalid format specifier '%s' for object of type '%s'", spec, typeName))
	}
	if pos < len(r) {
		s.Type = r[pos]
	}
	if s.Grouping != 0 {
		switch s.Type {
		case 'd', 'e', 'f', 'g', 'E', 'G', '%', 'F', 0:
		case 'b', 'o', 'x', 'X':
			if s.Grouping == '_' {
				break
			}
			fallthrough
		default:
			return s, valueError(fmt.Sprintf("Cannot specify '%c' with %s.", s.Grouping, quoteCode(s.Type)))
		}
	}
	if s.Width > MaxWidth || s.Precision > MaxWidth {
		return s, memoryError()
	}
	return s, nil
}

func isAlign(c rune) bool { return c == '<' || c == '>' || c == '=' || c == '^' }

// parseDigits reads decimal digits at *pos, returning the value and how
// many digits there were.
func parseDigits(r []rune, pos *int) (int, int, error) {
	const maxSsize = math.MaxInt // PY_SSIZE_T_MAX
	v, n := 0, 0
	for *pos < len(r) && r[*pos] >= '0' && r[*pos] <= '9' {
		d := int(r[*pos] - '0')
		if v > (maxSsize-d)/10 {
			return 0, n, valueError("Too many decimal digits in format string")
		}
		v = v*10 + d
		*pos++
		n++
	}
	return v, n, nil
}

// quoteCode renders a presentation type as CPython's messages do: 'c' for
// printable ASCII, '\xNN' otherwise.
func quoteCode(c rune) string {
	if c > 32 && c < 128 {
		return fmt.Sprintf("'%c'", c)
	}
	return fmt.Sprintf("'\\x%x'", c)
}

func unknownCode(c rune, typeName string) *Error {
	return valueError(fmt.Sprintf("Unknown format code %s for object of type '%s'", quoteCode(c), typeName))
}

// FormatStr is format(s, spec) for a str.
func FormatStr(s, spec, typeName string) (string, error) {
	if spec == "" {
		return s, nil
	}
	f, err := ParseSpec(spec, KindStr, typeName)
	if err != nil {
		return "", err
	}
	if f.Type != 's' {
		return "", unknownCode(f.Type, typeName)
	}
	switch {
	case f.Sign == ' ':
		return "", valueError("Space not allowed in string format specifier")
	case f.Sign != 0:
		return "", valueError("Sign not allowed in string format specifier")
	case f.NoNegZero:
		return "", valueError("Negative zero coercion (z) not allowed in string format specifier")
	case f.Alternate:
		return "", valueError("Alternate form (#) not allowed in string format specifier")
	case f.Align == '=':
		return "", valueError("'=' alignment not allowed in string format specifier")
	}
	if f.Precision >= 0 && utf8.RuneCountInString(s) > f.Precision {
		s = string([]rune(s)[:f.Precision])
	}
	return pad(s, f.Width, f.Align, f.Fill), nil
}

// pad aligns s in a field of width runes (calc_padding).
func pad(s string, width int, align byte, fill rune) string {
	n := utf8.RuneCountInString(s)
	if width <= n {
		return s
	}
	total := width - n
	left := 0
	switch align {
	case '>':
		left = total
	case '^':
		left = total / 2
	}
	f := string(fill)
	return strings.Repeat(f, left) + s + strings.Repeat(f, total-left)
}

// MaxStrDigits is CPython's default limit on int-to-decimal conversions
// (sys.get_int_max_str_digits()); longer results raise ValueError.
const MaxStrDigits = 4300

// IntToDecimal is str(x) for an int, with CPython's ValueError for more
// than MaxStrDigits digits.
func IntToDecimal(x *big.Int) (string, error) {
	err := valueError("Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit")
	// Like CPython, refuse clearly oversized values before converting.
	if x.BitLen() >= 14286 { // 2**14285 > 10**4300
		return "", err
	}
	s := x.String()
	if n := len(s) - len(strings.TrimPrefix(s, "-")); len(s)-n > MaxStrDigits {
		return "", err
	}
	return s, nil
}

// FormatInt is format(x, spec) for an int (typeName "int") or a bool
// ("bool"; with an empty spec the interpreter prints True/False itself).
func FormatInt(x *big.Int, spec, typeName string) (string, error) {
	if spec == "" {
		return IntToDecimal(x)
	}
	f, err := ParseSpec(spec, KindInt, typeName)
	if err != nil {
		return "", err
	}
	switch f.Type {
	case 'b', 'c', 'd', 'o', 'x', 'X', 'n':
	case 'e', 'E', 'f', 'F', 'g', 'G', '%':
		fl, err := IntToFloat(x)
		if err != nil {
			return "", err
		}
		return formatFloatSpec(fl, f)
	default:
		return "", unknownCode(f.Type, typeName)
	}
	if f.Precision != -1 {
		return "", valueError("Precision not allowed in integer format specifier")
	}
	if f.NoNegZero {
		return "", valueError("Negative zero coercion (z) not allowed in integer format specifier")
	}
	if f.Type == 'c' {
		if f.Sign != 0 {
			return "", valueError("Sign not allowed with integer format specifier 'c'")
		}
		if f.Alternate {
			return "", valueError("Alternate form (#) not allowed with integer format specifier 'c'")
		}
		if !x.IsInt64() || x.Int64() < 0 || x.Int64() > 0x10ffff {
			if !x.IsInt64() {
				return "", &Error{Type: "OverflowError", Msg: "Python int too large to convert to C long"}
			}
			return "", &Error{Type: "OverflowError", Msg: "%c arg not in range(0x110000)"}
		}
		return layoutNumber(0, "", "", string(rune(x.Int64())), f, false), nil
	}
	base, prefix := 10, ""
	switch f.Type {
	case 'b':
		base, prefix = 2, "0b"
	case 'o':
		base, prefix = 8, "0o"
	case 'x', 'X':
		base, prefix = 16, "0x"
	}
	if !f.Alternate {
		prefix = ""
	}
	var sign byte
	if x.Sign() < 0 {
		sign = '-'
	}
	abs := new(big.Int).Abs(x)
	var digits string
	if base == 10 {
		d, err := IntToDecimal(abs)
		if err != nil {
			return "", err
		}
		digits = d
	} else {
		digits = abs.Text(base)
	}
	return layoutNumber(sign, prefix, digits, "", f, f.Type == 'X'), nil
}

// IntToFloat is float(x) for an int, with CPython's OverflowError.
func IntToFloat(x *big.Int) (float64, error) {
	fl, _ := new(big.Float).SetInt(x).Float64()
	if math.IsInf(fl, 0) {
		return 0, &Error{Type: "OverflowError", Msg: "int too large to convert to float"}
	}
	return fl, nil
}

// FormatFloat is format(f, spec) for a float.
func FormatFloat(fl float64, spec, typeName string) (string, error) {
	if spec == "" {
		return FloatRepr(fl), nil
	}
	f, err := ParseSpec(spec, KindFloat, typeName)
	if err != nil {
		return "", err
	}
	switch f.Type {
	case 0, 'e', 'E', 'f', 'F', 'g', 'G', 'n', '%':
	default:
		return "", unknownCode(f.Type, typeName)
	}
	return formatFloatSpec(fl, f)
}

// formatFloatSpec is format_float_internal.
func formatFloatSpec(fl float64, f Spec) (string, error) {
	code := byte(f.Type)
	prec, defaultPrec := f.Precision, 6
	o := floatOpts{alt: f.Alternate, noNegZero: f.NoNegZero}
	if code == 0 {
		o.addDot0 = true
		code = 'r'
		defaultPrec = 0
	}
	if code == 'n' {
		code = 'g'
	}
	pct := false
	if code == '%' {
		code = 'f'
		fl *= 100
		pct = true
	}
	if prec < 0 {
		prec = defaultPrec
	} else if code == 'r' {
		code = 'g'
	}
	s := doubleToString(fl, code, prec, o)
	if pct {
		s += "%"
	}
	var sign byte
	if strings.HasPrefix(s, "-") {
		sign = '-'
		s = s[1:]
	}
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return layoutNumber(sign, "", s[:i], s[i:], f, false), nil
}

// layoutNumber assembles sign, prefix, grouped digits and the remainder
// (decimal point, fraction, exponent, '%', or the character of 'c') with
// padding, as calc_number_widths and fill_number do.
func layoutNumber(sign byte, prefix, digits, remainder string, f Spec, upper bool) string {
	signStr := ""
	switch f.Sign {
	case '+':
		signStr = "+"
		if sign == '-' {
			signStr = "-"
		}
	case ' ':
		signStr = " "
		if sign == '-' {
			signStr = "-"
		}
	default:
		if sign == '-' {
			signStr = "-"
		}
	}
	nonDigits := len(signStr) + len(prefix) + utf8.RuneCountInString(remainder)
	minWidth := 0
	if f.Fill == '0' && f.Align == '=' {
		minWidth = f.Width - nonDigits
	}
	grouped := ""
	if digits != "" {
		sep, size := "", 0
		switch {
		case f.Type == 'n':
		case f.Grouping == ',':
			sep, size = ",", 3
		case f.Grouping == '_':
			sep, size = "_", 3
			if f.Type == 'b' || f.Type == 'o' || f.Type == 'x' || f.Type == 'X' {
				size = 4
			}
		}
		grouped = groupDigits(digits, minWidth, sep, size)
	}
	if upper {
		prefix = strings.ToUpper(prefix)
		grouped = strings.ToUpper(grouped)
	}
	var lpad, spad, rpad int
	if n := f.Width - (nonDigits + len(grouped)); n > 0 {
		switch f.Align {
		case '<':
			rpad = n
		case '^':
			lpad = n / 2
			rpad = n - lpad
		case '=':
			spad = n
		default:
			lpad = n
		}
	}
	fill := string(f.Fill)
	return strings.Repeat(fill, lpad) + signStr + prefix + strings.Repeat(fill, spad) +
		grouped + remainder + strings.Repeat(fill, rpad)
}

// groupDigits inserts a separator every size digits from the right and
// pads with zeros (grouped as well) until minWidth characters are used,
// as _PyUnicode_InsertThousandsGrouping does. size 0 means no grouping.
func groupDigits(digits string, minWidth int, sep string, size int) string {
	var parts []string // right to left
	remaining := len(digits)
	if size == 0 {
		l := max(remaining, minWidth, 1)
		return strings.Repeat("0", l-remaining) + digits
	}
	first := true
	for {
		l := min(max(remaining, minWidth, 1), size)
		nZeros := max(0, l-remaining)
		nChars := max(0, min(remaining, l))
		if !first {
			parts = append(parts, sep)
		}
		parts = append(parts, digits[remaining-nChars:remaining]+"")
		if nZeros > 0 {
			parts[len(parts)-1] = strings.Repeat("0", nZeros) + parts[len(parts)-1]
		}
		remaining -= nChars
		minWidth -= l
		if remaining <= 0 && minWidth <= 0 {
			break
		}
		minWidth -= len(sep)
		first = false
	}
	var b strings.Builder
	for i := len(parts) - 1; i >= 0; i-- {
		b.WriteString(parts[i])
	}
	return b.String()
}
