package pymath

import (
	"math"
	"math/big"
)

// CPython's gauss and normalvariate call the C library's log, sin and cos,
// which on the reference platform (glibc) return the correctly rounded
// result; Go's math package is off by an ulp for about a quarter of inputs,
// which changes the printed repr. These versions evaluate in 160-bit
// arithmetic and round once, which gives the correctly rounded double.

const prec = 160

var (
	bigPi  = mustParse("3.14159265358979323846264338327950288419716939937510582097494459230781640628620899862803482534211706798")
	bigLn2 = atanhSeries(big.NewFloat(1).SetPrec(prec).Quo(newFloat(1), newFloat(3)), true)
)

func newFloat(x float64) *big.Float { return new(big.Float).SetPrec(prec).SetFloat64(x) }

func mustParse(s string) *big.Float {
	f, _, err := big.ParseFloat(s, 10, prec, big.ToNearestEven)
	if err != nil {
		panic(err)
	}
	return f
}

// atanhSeries returns 2*atanh(s) = ln((1+s)/(1-s)) for small |s|; when
// double is false it returns atanh(s) itself.
func atanhSeries(s *big.Float, double bool) *big.Float {
	s2 := new(big.Float).SetPrec(prec).Mul(s, s)
	sum := new(big.Float).SetPrec(prec).Set(s)
	term := new(big.Float).SetPrec(prec).Set(s)
	for k := int64(3); k < 400; k += 2 {
		term.Mul(term, s2)
		t := new(big.Float).SetPrec(prec).Quo(term, new(big.Float).SetPrec(prec).SetInt64(k))
		if t.Sign() == 0 || t.MantExp(nil)-sum.MantExp(nil) < -prec {
			break
		}
		sum.Add(sum, t)
	}
	if double {
		sum.Mul(sum, newFloat(2))
	}
	return sum
}

// clibLog is log(x) as glibc computes it.
func clibLog(x float64) float64 {
	switch {
	case math.IsNaN(x) || x < 0:
		return math.NaN()
	case x == 0:
		return math.Inf(-1)
	case math.IsInf(x, 1):
		return x
	case x == 1:
		return 0
	}
	f, _ := bigLog(x).Float64()
	return f
}

// clibSinCos is (sin(x), cos(x)) as glibc computes them, for the moderate
// arguments gauss uses (|x| < 2**20).
func clibSinCos(x float64) (float64, float64) {
	if math.IsNaN(x) || math.IsInf(x, 0) || math.Abs(x) >= 1<<20 {
		return math.Sin(x), math.Cos(x)
	}
	if x == 0 {
		return x, 1
	}
	s, c := bigSinCos(x)
	sf, _ := s.Float64()
	cf, _ := c.Float64()
	return sf, cf
}

// taylorSinCos sums both series for |r| <= pi/4.
func taylorSinCos(r *big.Float) (*big.Float, *big.Float) {
	r2 := new(big.Float).SetPrec(prec).Mul(r, r)
	sin := new(big.Float).SetPrec(prec).Set(r)
	cos := newFloat(1)
	st := new(big.Float).SetPrec(prec).Set(r)
	ct := newFloat(1)
	for k := int64(1); k < 60; k++ {
		// st *= -r2 / ((2k)(2k+1)); ct *= -r2 / ((2k-1)(2k))
		st.Mul(st, r2)
		st.Quo(st, new(big.Float).SetPrec(prec).SetInt64(-(2*k)*(2*k+1)))
		ct.Mul(ct, r2)
		ct.Quo(ct, new(big.Float).SetPrec(prec).SetInt64(-(2*k-1)*(2*k)))
		sin.Add(sin, st)
		cos.Add(cos, ct)
		if st.Sign() == 0 || st.MantExp(nil) < -prec-8 {
			break
		}
	}
	return sin, cos
}

// bigExp is e**z for a 160-bit z of moderate size (|z| < 2000).
func bigExp(z *big.Float) *big.Float {
	zf, _ := z.Float64()
	k := math.Round(zf / math.Ln2)
	r := new(big.Float).SetPrec(prec).Sub(z, new(big.Float).SetPrec(prec).Mul(bigLn2, newFloat(k)))
	sum := newFloat(1)
	term := newFloat(1)
	for n := int64(1); n < 200; n++ {
		term.Mul(term, r)
		term.Quo(term, new(big.Float).SetPrec(prec).SetInt64(n))
		if term.Sign() == 0 || term.MantExp(nil)-sum.MantExp(nil) < -prec-4 {
			break
		}
		sum.Add(sum, term)
	}
	return sum.SetMantExp(sum, int(k))
}

// bigLog is ln(x) for a finite x > 0.
func bigLog(x float64) *big.Float {
	frac, exp := math.Frexp(x)
	if frac < math.Sqrt2/2 {
		frac *= 2
		exp--
	}
	m := newFloat(frac)
	num := new(big.Float).SetPrec(prec).Sub(m, newFloat(1))
	den := new(big.Float).SetPrec(prec).Add(m, newFloat(1))
	r := atanhSeries(new(big.Float).SetPrec(prec).Quo(num, den), true)
	return r.Add(r, new(big.Float).SetPrec(prec).Mul(bigLn2, new(big.Float).SetPrec(prec).SetInt64(int64(exp))))
}

// clibExp is exp(x) as glibc computes it (correctly rounded here).
func clibExp(x float64) float64 {
	switch {
	case math.IsNaN(x) || math.IsInf(x, 1):
		return x
	case math.IsInf(x, -1) || x < -746:
		return 0
	case x > 710:
		return math.Inf(1)
	case x == 0:
		return 1
	}
	f, _ := bigExp(newFloat(x)).Float64()
	return f
}

// clibPow is pow(x, y) as glibc computes it (correctly rounded here). The
// C99 special cases (zeros, infinities, NaNs, 1, negative bases) are
// Go's, which follow the same standard.
func clibPow(x, y float64) float64 {
	if y == 0 || x == 1 || math.IsNaN(x) || math.IsNaN(y) || math.IsInf(x, 0) || math.IsInf(y, 0) || x == 0 {
		return math.Pow(x, y)
	}
	neg := false
	if x < 0 {
		if y != math.Trunc(y) {
			return math.NaN()
		}
		x = -x
		neg = math.Mod(y, 2) != 0
	}
	var r float64
	switch n := int64(y); {
	case y == 0.5:
		r = math.Sqrt(x) // correctly rounded, as is the power
	case y == 1:
		r = x
	case y == 2:
		r = x * x // one rounding of the exact square
	case float64(n) == y && n >= -64 && n <= 64:
		r = exactIntPow(x, n)
	default:
		t := new(big.Float).SetPrec(prec).Mul(bigLog(x), newFloat(y))
		tf, _ := t.Float64()
		switch {
		case tf > 710:
			r = math.Inf(1)
		case tf < -746:
			r = 0
		default:
			r, _ = bigExp(t).Float64()
		}
	}
	if neg {
		r = -r
	}
	return r
}

// exactIntPow is x**n for a small integer n, computed exactly and rounded
// once.
func exactIntPow(x float64, n int64) float64 {
	k := n
	if k < 0 {
		k = -k
	}
	p := uint(53*k + 64)
	result := new(big.Float).SetPrec(p).SetFloat64(1)
	base := new(big.Float).SetPrec(p).SetFloat64(x)
	for k > 0 {
		if k&1 == 1 {
			result.Mul(result, base)
		}
		base.Mul(base, base)
		k >>= 1
	}
	if n < 0 {
		result = new(big.Float).SetPrec(prec+64).Quo(new(big.Float).SetPrec(prec+64).SetFloat64(1), result)
	}
	f, _ := result.Float64()
	return f
}

// floatPow is Python's float ** float (float_pow in Objects/floatobject.c)
// for the distributions that use it: CPython's own special cases, then the
// C library's pow, with OverflowError when the result is infinite.
func floatPow(v, w float64) (float64, error) {
	switch {
	case w == 0:
		return 1, nil
	case math.IsNaN(v):
		return v, nil
	case math.IsNaN(w):
		if v == 1 {
			return 1, nil
		}
		return w, nil
	case math.IsInf(w, 0):
		av := math.Abs(v)
		if av == 1 {
			return 1, nil
		}
		if (w > 0) == (av > 1) {
			return math.Inf(1), nil
		}
		return 0, nil
	case math.IsInf(v, 0):
		odd := isOddInteger(w)
		if w > 0 {
			if odd {
				return v, nil
			}
			return math.Inf(1), nil
		}
		if odd {
			return math.Copysign(0, v), nil
		}
		return 0, nil
	case v == 0:
		if w < 0 {
			return 0, &Error{"ZeroDivisionError", "0.0 cannot be raised to a negative power"}
		}
		if isOddInteger(w) {
			return v, nil
		}
		return 0, nil
	}
	neg := false
	if v < 0 {
		if w != math.Floor(w) {
			// Python makes a complex number here; no distribution gets here.
			return 0, &Error{"ValueError", "math domain error"}
		}
		v = -v
		neg = isOddInteger(w)
	}
	if v == 1 {
		if neg {
			return -1, nil
		}
		return 1, nil
	}
	r := clibPow(v, w)
	if neg {
		r = -r
	}
	if math.IsInf(r, 0) {
		return 0, &Error{"OverflowError", "(34, 'Numerical result out of range')"}
	}
	return r, nil
}

func isOddInteger(w float64) bool {
	return math.Abs(math.Mod(w, 2)) == 1
}
