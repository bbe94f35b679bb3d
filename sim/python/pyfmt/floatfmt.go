package pyfmt

import (
	"math"
	"strconv"
	"strings"
)

// floatOpts are the flags of CPython's PyOS_double_to_string.
type floatOpts struct {
	alt       bool // Py_DTSF_ALT: '#'
	addDot0   bool // Py_DTSF_ADD_DOT_0: no presentation type given
	noNegZero bool // Py_DTSF_NO_NEG_0: 'z'
	sign      bool // Py_DTSF_SIGN: always write a sign
}

// doubleToString is CPython's PyOS_double_to_string: code is one of
// e E f F g G r, prec the precision (0 for 'r').
func doubleToString(f float64, code byte, prec int, o floatOpts) string {
	upper := code == 'E' || code == 'F' || code == 'G'
	lc := code | 0x20
	neg := math.Signbit(f)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		s := "inf"
		if math.IsNaN(f) {
			s, neg = "nan", false // the sign of a nan is ignored
		}
		if upper {
			s = strings.ToUpper(s)
		}
		return signPrefix(neg, o.sign) + s
	}
	a := math.Abs(f)
	var digits string
	var decpt int
	switch lc {
	case 'e':
		prec++
		digits, decpt = sigDigits(a, prec)
	case 'f':
		digits, decpt = fixedDigits(a, prec)
	case 'g':
		if prec == 0 {
			prec = 1
		}
		digits, decpt = sigDigits(a, prec)
	default: // 'r'
		digits, decpt = shortestDigits(a)
	}
	if o.noNegZero && strings.Trim(digits, "0") == "" {
		neg = false
	}

	useExp := false
	vEnd := len(digits)
	switch lc {
	case 'e':
		useExp = true
		vEnd = prec
	case 'f':
		vEnd = decpt + prec
	case 'g':
		limit := prec
		if o.addDot0 {
			limit = prec - 1
		}
		if decpt <= -4 || decpt > limit {
			useExp = true
		}
		if o.alt {
			vEnd = prec
		}
	case 'r':
		if decpt <= -4 || decpt > 16 {
			useExp = true
		}
	}
	exp := 0
	if useExp {
		exp = decpt - 1
		decpt = 1
	}
	vStart := 0
	if decpt <= 0 {
		vStart = decpt - 1
	}
	if !useExp && o.addDot0 {
		vEnd = max(vEnd, decpt+1)
	} else {
		vEnd = max(vEnd, decpt)
	}

	var b strings.Builder
	b.WriteString(signPrefix(neg, o.sign))
	if decpt <= 0 {
		b.WriteString(strings.Repeat("0", decpt-vStart))
		b.WriteByte('.')
		b.WriteString(strings.Repeat("0", -decpt))
	} else {
		b.WriteString(strings.Repeat("0", -vStart))
	}
	if 0 < decpt && decpt <= len(digits) {
		b.WriteString(digits[:decpt])
		b.WriteByte('.')
		b.WriteString(digits[decpt:])
	} else {
		b.WriteString(digits)
	}
	if len(digits) < decpt {
		b.WriteString(strings.Repeat("0", decpt-len(digits)))
		b.WriteByte('.')
		b.WriteString(strings.Repeat("0", vEnd-decpt))
	} else {
		b.WriteString(strings.Repeat("0", vEnd-len(digits)))
	}
	s := b.String()
	if strings.HasSuffix(s, ".") && !o.alt {
		s = s[:len(s)-1]
	}
	if useExp {
		e := exponent(exp)
		if upper {
			e = strings.ToUpper(e)
		}
		s += e
	}
	return s
}

func signPrefix(neg, always bool) string {
	switch {
	case neg:
		return "-"
	case always:
		return "+"
	}
	return ""
}

// sigDigits rounds a >= 0 to n significant digits (dtoa mode 2): the
// digits without trailing zeros ("0" for zero) and the decimal point's
// position.
func sigDigits(a float64, n int) (string, int) {
	if a == 0 {
		return "0", 1
	}
	s := strconv.FormatFloat(a, 'e', n-1, 64)
	mant, exp, _ := strings.Cut(s, "e")
	e, _ := strconv.Atoi(exp)
	d := strings.TrimRight(strings.Replace(mant, ".", "", 1), "0")
	if d == "" {
		return "0", 1
	}
	return d, e + 1
}

// fixedDigits rounds a >= 0 to n digits after the point (dtoa mode 3).
func fixedDigits(a float64, n int) (string, int) {
	s := strconv.FormatFloat(a, 'f', n, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	all := intPart + frac
	decpt := len(intPart)
	trimmed := strings.TrimLeft(all, "0")
	decpt -= len(all) - len(trimmed)
	trimmed = strings.TrimRight(trimmed, "0")
	if trimmed == "" {
		return "0", 1
	}
	return trimmed, decpt
}
