package python

import (
	"math"
	"math/big"
	"sync"
)

// Correctly rounded elementary functions. CPython calls the C library's
// exp, log, pow, sin, cos and tan, which on glibc are (almost always)
// correctly rounded; Go's math package can be a few ulps off, which shows in
// the 16th digit of a printed learning rate. These compute in 192-bit
// floating point and round once.

const libmPrec = 192

var (
	libmOnce      sync.Once
	ln2Big, piBig *big.Float
	twoPiBig      *big.Float
	ln10Big       *big.Float
)

func libmInit() {
	libmOnce.Do(func() {
		third := newBig(1)
		third.Quo(third, newBig(3))
		ln2Big = atanh2(third) // log(2) = 2*atanh(1/3)
		piBig, _ = new(big.Float).SetPrec(libmPrec).SetString("3.14159265358979323846264338327950288419716939937510582097494459230781640628620899862803482534211706798")
		twoPiBig = new(big.Float).SetPrec(libmPrec).Mul(piBig, newBig(2))
		ln10Big = bigLog(newBig(10))
	})
}

func newBig(x float64) *big.Float { return new(big.Float).SetPrec(libmPrec).SetFloat64(x) }

// atanh2 returns 2*atanh(z) = log((1+z)/(1-z)) for |z| < 1 by its series.
func atanh2(z *big.Float) *big.Float {
	z2 := new(big.Float).SetPrec(libmPrec).Mul(z, z)
	term := new(big.Float).SetPrec(libmPrec).Set(z)
	sum := new(big.Float).SetPrec(libmPrec).Set(z)
	eps := new(big.Float).SetMantExp(newBig(1), -libmPrec-8)
	for k := 3; k < 2000; k += 2 {
		term.Mul(term, z2)
		t := new(big.Float).SetPrec(libmPrec).Quo(term, newBig(float64(k)))
		sum.Add(sum, t)
		if new(big.Float).Abs(t).Cmp(eps) < 0 {
			break
		}
	}
	return sum.Mul(sum, newBig(2))
}

// bigLog returns log(x) for x > 0.
func bigLog(x *big.Float) *big.Float {
	mant := new(big.Float).SetPrec(libmPrec)
	e := x.MantExp(mant) // x = mant * 2**e, mant in [0.5, 1)
	one := newBig(1)
	num := new(big.Float).SetPrec(libmPrec).Sub(mant, one)
	den := new(big.Float).SetPrec(libmPrec).Add(mant, one)
	r := atanh2(num.Quo(num, den))
	if e != 0 {
		r.Add(r, new(big.Float).SetPrec(libmPrec).Mul(ln2Big, newBig(float64(e))))
	}
	return r
}

// bigExp returns exp(x) for a finite x of moderate size.
func bigExp(x *big.Float) *big.Float {
	kf, _ := new(big.Float).Quo(x, ln2Big).Float64()
	k := math.Round(kf)
	r := new(big.Float).SetPrec(libmPrec).Sub(x, new(big.Float).SetPrec(libmPrec).Mul(ln2Big, newBig(k)))
	const halvings = 12
	r.SetMantExp(r, -halvings)
	sum := newBig(1)
	term := newBig(1)
	eps := new(big.Float).SetMantExp(newBig(1), -libmPrec-8)
	for n := 1; n < 200; n++ {
		term.Mul(term, r)
		term.Quo(term, newBig(float64(n)))
		sum.Add(sum, term)
		if new(big.Float).Abs(term).Cmp(eps) < 0 {
			break
		}
	}
	for i := 0; i < halvings; i++ {
		sum.Mul(sum, sum)
	}
	return sum.SetMantExp(sum, int(k))
}

// bigSinCos returns sin(x) and cos(x).
func bigSinCos(x *big.Float) (*big.Float, *big.Float) {
	// Reduce into [-pi, pi].
	q, _ := new(big.Float).Quo(x, twoPiBig).Float64()
	n := math.Round(q)
	r := new(big.Float).SetPrec(libmPrec).Sub(x, new(big.Float).SetPrec(libmPrec).Mul(twoPiBig, newBig(n)))
	r2 := new(big.Float).SetPrec(libmPrec).Mul(r, r)
	sin := new(big.Float).SetPrec(libmPrec).Set(r)
	cos := newBig(1)
	st := new(big.Float).SetPrec(libmPrec).Set(r)
	ct := newBig(1)
	eps := new(big.Float).SetMantExp(newBig(1), -libmPrec-8)
	for k := 1; k < 200; k++ {
		st.Mul(st, r2)
		st.Quo(st, newBig(float64((2*k)*(2*k+1))))
		st.Neg(st)
		ct.Mul(ct, r2)
		ct.Quo(ct, newBig(float64((2*k-1)*(2*k))))
		ct.Neg(ct)
		sin.Add(sin, st)
		cos.Add(cos, ct)
		if new(big.Float).Abs(st).Cmp(eps) < 0 && new(big.Float).Abs(ct).Cmp(eps) < 0 {
			break
		}
	}
	return sin, cos
}

func round64(x *big.Float) float64 {
	f, _ := x.Float64()
	return f
}

// crExp is exp(x) correctly rounded.
func crExp(x float64) float64 {
	switch {
	case math.IsNaN(x):
		return x
	case x > 709.8:
		return math.Inf(1)
	case x < -746:
		return 0
	case x == 0:
		return 1
	}
	libmInit()
	return round64(bigExp(newBig(x)))
}

// crLog is log(x) correctly rounded (x > 0).
func crLog(x float64) float64 {
	if x <= 0 || math.IsNaN(x) || math.IsInf(x, 0) || x == 1 {
		return math.Log(x)
	}
	libmInit()
	return round64(bigLog(newBig(x)))
}

func crLog10(x float64) float64 {
	if x <= 0 || math.IsNaN(x) || math.IsInf(x, 0) {
		return math.Log10(x)
	}
	libmInit()
	l := bigLog(newBig(x))
	return round64(l.Quo(l, ln10Big))
}

func crLog2(x float64) float64 {
	if x <= 0 || math.IsNaN(x) || math.IsInf(x, 0) {
		return math.Log2(x)
	}
	if f, e := math.Frexp(x); f == 0.5 {
		return float64(e - 1)
	}
	libmInit()
	l := bigLog(newBig(x))
	return round64(l.Quo(l, ln2Big))
}

func crSin(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) || x == 0 || math.Abs(x) > 1e15 {
		return math.Sin(x)
	}
	libmInit()
	s, _ := bigSinCos(newBig(x))
	return round64(s)
}

func crCos(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) || math.Abs(x) > 1e15 {
		return math.Cos(x)
	}
	libmInit()
	_, c := bigSinCos(newBig(x))
	return round64(c)
}

func crTan(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) || x == 0 || math.Abs(x) > 1e15 {
		return math.Tan(x)
	}
	libmInit()
	s, c := bigSinCos(newBig(x))
	return round64(s.Quo(s, c))
}

// crPow is x**y for finite x > 0 (and integral y for any x), correctly
// rounded; other cases follow math.Pow.
func crPow(x, y float64) float64 {
	if math.IsNaN(x) || math.IsNaN(y) || math.IsInf(x, 0) || math.IsInf(y, 0) || x == 0 || y == 0 || x == 1 {
		return math.Pow(x, y)
	}
	libmInit()
	if y == math.Trunc(y) && math.Abs(y) <= 4096 {
		// Exact repeated squaring in high precision.
		n := int64(math.Abs(y))
		base := newBig(x)
		acc := newBig(1)
		for n > 0 {
			if n&1 == 1 {
				acc.Mul(acc, base)
			}
			base.Mul(base, base)
			n >>= 1
		}
		if y < 0 {
			acc.Quo(newBig(1), acc)
		}
		return round64(acc)
	}
	if x < 0 {
		return math.NaN()
	}
	l := bigLog(newBig(x))
	l.Mul(l, newBig(y))
	lf, _ := l.Float64()
	if lf > 709.8 {
		return math.Inf(1)
	}
	if lf < -746 {
		return 0
	}
	return round64(bigExp(l))
}
