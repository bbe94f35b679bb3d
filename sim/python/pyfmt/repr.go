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
	if !math.IsInf(f, 0) && !math.IsNaN(f) {
		var buf [32]byte
		return string(AppendFloatRepr(buf[:0], f))
	}
	return doubleToString(f, 'r', 0, floatOpts{addDot0: true})
}

// AppendFloatRepr appends FloatRepr(f) to b.
func AppendFloatRepr(b []byte, f float64) []byte {
	if positionalRepr(f) {
		return appendPositionalRepr(b, f)
	}
	if !math.IsInf(f, 0) && !math.IsNaN(f) {
		// CPython's exponent notation is strconv's: the shortest
		// digits, d.ddd, and a signed exponent of at least two digits
		// (1e-08, 1.5e+16).
		return strconv.AppendFloat(b, f, 'e', -1, 64)
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
	if m, k, ok := shortDecimal(f); ok && f != 0 { // -0.0 is strconv's
		return appendScaled(b, m, k)
	}
	start := len(b)
	b = strconv.AppendFloat(b, f, 'f', -1, 64)
	if bytes.IndexByte(b[start:], '.') < 0 {
		b = append(b, ".0"...)
	}
	return b
}

// pow10 holds the powers of ten that a float64 holds exactly.
var pow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// shortDecimal finds the shortest decimal m/10^k (k >= 1) that reads back
// as f, a float that is not a whole number, when it has at most 15
// significant digits, as most floats a program writes do (0.1, 0.001,
// 2.5): it reports false for the others, which strconv's general
// algorithm then writes.
//
// Both m (below 10^15) and 10^k (k <= 22) are exact in a float64, so
// m/10^k, a correctly rounded division, is the float that reading the
// decimal gives: the decimal reads back as f exactly when the division
// gives f. And below 10^15 the decimals m/10^k that read back as f lie
// less than a fifth of 10^-k apart, so one at most has k digits after the
// point, and it is the whole number nearest to f*10^k (that product is
// off by less than a sixteenth): the shortest digits are unique, as
// strconv's and CPython's shortest round-trip algorithms find them.
//
// Short decimals are tried first, k = 1, 2, 3, as most are; then the
// longest k that keeps m below 10^15, whose m, with its trailing zeros
// taken off, is the shortest decimal if any of 15 digits is.
func shortDecimal(f float64) (m int64, k int, ok bool) {
	a := math.Abs(f)
	for k = 1; k <= 3; k++ {
		x := math.Round(a * pow10[k])
		if x >= 1e15 {
			return 0, 0, false
		}
		if x/pow10[k] == a {
			return signed(f, int64(x)), k, true
		}
	}
	// 10^d <= 2^e <= a, with d = floor(e*log10(2)): a*10^(14-d) is below
	// 2*10^15, and below 10^15 with one power of ten less.
	e := int(math.Float64bits(a)>>52) - 1023
	k = 14 - (e*78913)>>18
	if k >= len(pow10) {
		return 0, 0, false
	}
	if k >= 1 && a*pow10[k] >= 1e15 {
		k--
	}
	if k < 4 {
		return 0, 0, false // tried above
	}
	x := math.Round(a * pow10[k])
	if x >= 1e15 || x/pow10[k] != a {
		return 0, 0, false
	}
	m = int64(x)
	for k > 1 && m%10 == 0 {
		m /= 10
		k--
	}
	return signed(f, m), k, true
}

// signed is m with the sign of f.
func signed(f float64, m int64) int64 {
	if f < 0 {
		return -m
	}
	return m
}

// appendScaled appends m/10^k in positional notation, k >= 1: "0.1",
// "-2.5", "0.0001".
func appendScaled(b []byte, m int64, k int) []byte {
	if m < 0 {
		b = append(b, '-')
		m = -m
	}
	var buf [24]byte
	digits := strconv.AppendInt(buf[:0], m, 10)
	if len(digits) <= k {
		b = append(b, '0', '.')
		for range k - len(digits) {
			b = append(b, '0')
		}
		return append(b, digits...)
	}
	point := len(digits) - k
	b = append(b, digits[:point]...)
	b = append(b, '.')
	return append(b, digits[point:]...)
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
