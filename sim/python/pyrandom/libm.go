package pyrandom

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
	frac, exp := math.Frexp(x) // x = frac * 2**exp, frac in [0.5, 1)
	if frac < math.Sqrt2/2 {
		frac *= 2
		exp--
	}
	m := newFloat(frac)
	num := new(big.Float).SetPrec(prec).Sub(m, newFloat(1))
	den := new(big.Float).SetPrec(prec).Add(m, newFloat(1))
	s := new(big.Float).SetPrec(prec).Quo(num, den)
	r := atanhSeries(s, true)
	r.Add(r, new(big.Float).SetPrec(prec).Mul(bigLn2, new(big.Float).SetPrec(prec).SetInt64(int64(exp))))
	f, _ := r.Float64()
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
	halfPi := new(big.Float).SetPrec(prec).Quo(bigPi, newFloat(2))
	bx := newFloat(x)
	q := new(big.Float).SetPrec(prec).Quo(bx, halfPi)
	qf, _ := q.Float64()
	n := math.Round(qf)
	r := new(big.Float).SetPrec(prec).Sub(bx, new(big.Float).SetPrec(prec).Mul(halfPi, newFloat(n)))
	s, c := taylorSinCos(r)
	switch int64(n) & 3 {
	case 1:
		s, c = c, s.Neg(s)
	case 2:
		s, c = s.Neg(s), c.Neg(c)
	case 3:
		s, c = c.Neg(c), s
	}
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
