package pyfmt

import (
	"bytes"
	"math"
	"strconv"
	"strings"
)

// FloatRepr returns CPython's repr(f), which is also str(f): the shortest
// digit string that round-trips, in positional notation when the decimal
// exponent lies in [-4, 16), else in exponent notation with at least two
// exponent digits. Integral values keep a ".0".
func FloatRepr(f float64) string {
	if positionalRepr(f) {
		var buf [32]byte
		return string(appendPositionalRepr(buf[:0], f))
	}
	return doubleToString(f, 'r', 0, floatOpts{addDot0: true})
}

// AppendFloatRepr appends FloatRepr(f) to b.
func AppendFloatRepr(b []byte, f float64) []byte {
	if positionalRepr(f) {
		return appendPositionalRepr(b, f)
	}
	return append(b, doubleToString(f, 'r', 0, floatOpts{addDot0: true})...)
}

// positionalRepr reports whether repr(f) has no exponent: zero, and
// magnitudes from 1e-4 up to 1e16.
func positionalRepr(f float64) bool {
	a := math.Abs(f)
	return f == 0 || a >= 1e-4 && a < 1e16
}

// appendPositionalRepr appends repr(f) for a float positionalRepr accepts:
// the shortest digits that read back as f, and ".0" when they are an
// integer.
func appendPositionalRepr(b []byte, f float64) []byte {
	if f == math.Trunc(f) && (f != 0 || !math.Signbit(f)) {
		// A whole number (the 1.0 a tensor is filled with) is its
		// digits: below 1e16 its shortest digits are all of them.
		b = strconv.AppendInt(b, int64(f), 10)
		return append(b, ".0"...)
	}
	start := len(b)
	b = strconv.AppendFloat(b, f, 'f', -1, 64)
	if bytes.IndexByte(b[start:], '.') < 0 {
		b = append(b, ".0"...)
	}
	return b
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
