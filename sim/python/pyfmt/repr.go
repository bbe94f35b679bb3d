package pyfmt

import (
	"math"
	"strconv"
	"strings"
)

// FloatRepr returns CPython's repr(f), which is also str(f): the shortest
// digit string that round-trips, in positional notation when the decimal
// exponent lies in [-4, 16), else in exponent notation with at least two
// exponent digits. Integral values keep a ".0".
func FloatRepr(f float64) string {
	return formatShortest(f, false, true)
}

// formatShortest is repr's algorithm ('r' in PyOS_double_to_string) with
// CPython's Py_DTSF_ALT (alt) and Py_DTSF_ADD_DOT_0 (addDot0) flags. The
// sign is included.
func formatShortest(f float64, alt, addDot0 bool) string {
	switch {
	case math.IsNaN(f):
		return "nan"
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	}
	sign := ""
	if math.Signbit(f) {
		sign = "-"
		f = -f
	}
	digits, decpt := shortestDigits(f)
	return sign + layoutDigits(digits, decpt, decpt <= -4 || decpt > 16, alt, addDot0)
}

// shortestDigits returns the shortest round-trip decimal digits of f >= 0
// (no trailing zeros, "0" for zero) and the position of the decimal point
// relative to the first digit, as David Gay's dtoa mode 0 does.
func shortestDigits(f float64) (string, int) {
	if f == 0 {
		return "0", 1
	}
	s := strconv.FormatFloat(f, 'e', -1, 64) // d.ddde±XX
	mant, exp, _ := strings.Cut(s, "e")
	e, _ := strconv.Atoi(exp)
	digits := strings.Replace(mant, ".", "", 1)
	digits = strings.TrimRight(digits, "0")
	if digits == "" {
		digits = "0"
	}
	return digits, e + 1
}

// layoutDigits places digits (significant, no trailing zeros) with the
// decimal point after decpt of them, in exponent form when useExp.
func layoutDigits(digits string, decpt int, useExp, alt, addDot0 bool) string {
	var b strings.Builder
	if useExp {
		b.WriteByte(digits[0])
		if len(digits) > 1 || alt {
			b.WriteByte('.')
			b.WriteString(digits[1:])
		}
		b.WriteString(exponent(decpt - 1))
		return b.String()
	}
	switch {
	case decpt <= 0:
		b.WriteString("0.")
		b.WriteString(strings.Repeat("0", -decpt))
		b.WriteString(digits)
	case decpt >= len(digits):
		b.WriteString(digits)
		b.WriteString(strings.Repeat("0", decpt-len(digits)))
		if addDot0 {
			b.WriteString(".0")
		} else if alt {
			b.WriteByte('.')
		}
	default:
		b.WriteString(digits[:decpt])
		b.WriteByte('.')
		b.WriteString(digits[decpt:])
	}
	return b.String()
}

// exponent renders CPython's exponent suffix: a sign and at least two digits.
func exponent(e int) string {
	sign := "+"
	if e < 0 {
		sign = "-"
		e = -e
	}
	s := strconv.Itoa(e)
	if len(s) < 2 {
		s = "0" + s
	}
	return "e" + sign + s
}
