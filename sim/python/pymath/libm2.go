package pymath

import (
	"math"
	"math/big"
)

// More of the C library's functions, by the same method as libm.go:
// evaluate in 160-bit arithmetic, round once.

// round64 rounds a 160-bit value to the nearest double.
func round64(x *big.Float) float64 {
	f, _ := x.Float64()
	return f
}

// bigSinCos is (sin x, cos x) in 160 bits for |x| < 2**20.
func bigSinCos(x float64) (*big.Float, *big.Float) {
	halfPi := new(big.Float).SetPrec(prec).Quo(bigPi, newFloat(2))
	bx := newFloat(x)
	q, _ := new(big.Float).SetPrec(prec).Quo(bx, halfPi).Float64()
	n := math.Round(q)
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
	return s, c
}

// clibTan is tan(x).
func clibTan(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) || math.Abs(x) >= 1<<20 || x == 0 {
		return math.Tan(x)
	}
	s, c := bigSinCos(x)
	return round64(s.Quo(s, c))
}

// clibLog2 is log2(x) (correctly rounded, as glibc's is).
func clibLog2(x float64) float64 { return logBase(x, bigLn2, math.Log2) }

func logBase(x float64, lnBase *big.Float, special func(float64) float64) float64 {
	if math.IsNaN(x) || x <= 0 || math.IsInf(x, 1) || x == 1 {
		return special(x)
	}
	l := bigLog(x)
	return round64(l.Quo(l, lnBase))
}

// bigAtan is atan(t) in 160 bits for any finite t.
func bigAtan(t *big.Float) *big.Float {
	one := newFloat(1)
	neg := t.Sign() < 0
	a := new(big.Float).SetPrec(prec).Abs(t)
	invert := a.Cmp(one) > 0
	if invert {
		a.Quo(one, a)
	}
	// Halve the angle twice: atan(a) = 2 atan(a / (1 + sqrt(1 + a*a))).
	for i := 0; i < 2; i++ {
		q := new(big.Float).SetPrec(prec).Mul(a, a)
		q.Add(q, one)
		q.Sqrt(q)
		q.Add(q, one)
		a.Quo(a, q)
	}
	a2 := new(big.Float).SetPrec(prec).Mul(a, a)
	sum := new(big.Float).SetPrec(prec).Set(a)
	term := new(big.Float).SetPrec(prec).Set(a)
	for k := int64(3); k < 400; k += 2 {
		term.Mul(term, a2)
		term.Neg(term)
		tk := new(big.Float).SetPrec(prec).Quo(term, new(big.Float).SetPrec(prec).SetInt64(k))
		if tk.Sign() == 0 || tk.MantExp(nil)-sum.MantExp(nil) < -prec-4 {
			break
		}
		sum.Add(sum, tk)
	}
	sum.Mul(sum, newFloat(4))
	if invert {
		halfPi := new(big.Float).SetPrec(prec).Quo(bigPi, newFloat(2))
		sum.Sub(halfPi, sum)
	}
	if neg {
		sum.Neg(sum)
	}
	return sum
}

// clibAtan is atan(x).
func clibAtan(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) || x == 0 {
		return math.Atan(x)
	}
	return round64(bigAtan(newFloat(x)))
}

// clibAtan2 is atan2(y, x).
func clibAtan2(y, x float64) float64 {
	if math.IsNaN(x) || math.IsNaN(y) || math.IsInf(x, 0) || math.IsInf(y, 0) || x == 0 || y == 0 {
		return math.Atan2(y, x)
	}
	q := new(big.Float).SetPrec(prec).Quo(newFloat(math.Abs(y)), newFloat(math.Abs(x)))
	a := bigAtan(q)
	if x < 0 {
		a.Sub(bigPi, a)
	}
	if y < 0 {
		a.Neg(a)
	}
	return round64(a)
}

// clibAsin and clibAcos are asin(x) and acos(x).
func clibAsin(x float64) float64 {
	if math.IsNaN(x) || math.Abs(x) >= 1 || x == 0 {
		return math.Asin(x)
	}
	return round64(bigAsin(x))
}

func clibAcos(x float64) float64 {
	if math.IsNaN(x) || math.Abs(x) >= 1 {
		return math.Acos(x)
	}
	halfPi := new(big.Float).SetPrec(prec).Quo(bigPi, newFloat(2))
	return round64(halfPi.Sub(halfPi, bigAsin(x)))
}

func bigAsin(x float64) *big.Float {
	bx := newFloat(x)
	d := new(big.Float).SetPrec(prec).Mul(bx, bx)
	d.Sub(newFloat(1), d)
	d.Sqrt(d)
	return bigAtan(d.Quo(bx, d))
}

// glibc computes sinh, cosh, tanh, expm1, log1p and log10 with the
// classic fdlibm algorithms (not correctly rounded). Go's Expm1 and Log1p
// are ports of the same fdlibm code; sinh, cosh, tanh and log10 are ported
// here from fdlibm's e_sinh.c, e_cosh.c, s_tanh.c and e_log10.c, over the
// correctly rounded exp and log above (which is what glibc's are, nearly
// always).

func highWord(x float64) int32 { return int32(math.Float64bits(x) >> 32) }
func lowWord(x float64) uint32 { return uint32(math.Float64bits(x)) }

// clibSinh is fdlibm's __ieee754_sinh.
func clibSinh(x float64) float64 {
	jx := highWord(x)
	ix := jx & 0x7fffffff
	if ix >= 0x7ff00000 {
		return x + x
	}
	h := 0.5
	if jx < 0 {
		h = -h
	}
	if ix < 0x40360000 { // |x| < 22
		if ix < 0x3e300000 { // |x| < 2**-28
			return x
		}
		t := math.Expm1(math.Abs(x))
		if ix < 0x3ff00000 {
			return h * (2.0*t - t*t/(t+1))
		}
		return h * (t + t/(t+1))
	}
	if ix < 0x40862E42 { // |x| < log(maxdouble)
		return h * clibExp(math.Abs(x))
	}
	if ix < 0x408633CE || (ix == 0x408633ce && lowWord(x) <= 0x8fb9f87d) {
		w := clibExp(0.5 * math.Abs(x))
		t := h * w
		return t * w
	}
	return x * 1.0e307
}

// clibCosh is fdlibm's __ieee754_cosh.
func clibCosh(x float64) float64 {
	ix := highWord(x) & 0x7fffffff
	if ix < 0x40360000 { // |x| < 22
		if ix < 0x3fd62e43 { // |x| < 0.5*ln2
			if ix < 0x3c800000 {
				return 1
			}
			t := math.Expm1(math.Abs(x))
			w := 1 + t
			return 1 + (t*t)/(w+w)
		}
		t := clibExp(math.Abs(x))
		return 0.5*t + 0.5/t
	}
	if ix < 0x40862e42 {
		return 0.5 * clibExp(math.Abs(x))
	}
	if ix < 0x408633ce || (ix == 0x408633ce && lowWord(x) <= 0x8fb9f87d) {
		w := clibExp(0.5 * math.Abs(x))
		t := 0.5 * w
		return t * w
	}
	if ix >= 0x7ff00000 {
		return x * x
	}
	return math.Inf(1)
}

// clibTanh is fdlibm's tanh.
func clibTanh(x float64) float64 {
	jx := highWord(x)
	ix := jx & 0x7fffffff
	if ix >= 0x7ff00000 {
		if jx >= 0 {
			return 1/x + 1
		}
		return 1/x - 1
	}
	var z float64
	if ix < 0x40360000 { // |x| < 22
		if x == 0 {
			return x
		}
		if ix < 0x3c800000 { // |x| < 2**-55
			return x * (1 + x)
		}
		if ix >= 0x3ff00000 { // |x| >= 1
			t := math.Expm1(2 * math.Abs(x))
			z = 1 - 2/(t+2)
		} else {
			t := math.Expm1(-2 * math.Abs(x))
			z = -t / (t + 2)
		}
	} else {
		z = 1
	}
	if jx >= 0 {
		return z
	}
	return -z
}

// clibExpm1 and clibLog1p are fdlibm's, as Go's are.
func clibExpm1(x float64) float64 { return math.Expm1(x) }
func clibLog1p(x float64) float64 { return math.Log1p(x) }

// clibLog10 is fdlibm's __ieee754_log10 over the correctly rounded log.
func clibLog10(x float64) float64 {
	const (
		two54     = 1.80143985094819840000e+16
		ivln10    = 4.34294481903251816668e-01
		log10_2hi = 3.01029995663611771306e-01
		log10_2lo = 3.69423907715893078616e-13
	)
	hx := highWord(x)
	k := int32(0)
	if hx < 0x00100000 { // x < 2**-1022
		if (hx&0x7fffffff)|int32(lowWord(x)) == 0 {
			return math.Inf(-1)
		}
		if hx < 0 {
			return math.NaN()
		}
		k -= 54
		x *= two54
		hx = highWord(x)
	}
	if hx >= 0x7ff00000 {
		return x + x
	}
	k += (hx >> 20) - 1023
	i := int32(uint32(k) & 0x80000000 >> 31)
	hx = (hx & 0x000fffff) | ((0x3ff - i) << 20)
	y := float64(k + i)
	x = math.Float64frombits(uint64(uint32(hx))<<32 | uint64(lowWord(x)))
	z := y*log10_2lo + ivln10*clibLog(x)
	return z + y*log10_2hi
}
