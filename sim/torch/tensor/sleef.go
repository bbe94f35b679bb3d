package tensor

import (
	"math"
)

// PyTorch's vectorised CPU kernels compute float32 exp with SLEEF's
// Sleef_expf8_u10 (up to one ulp from the correctly rounded value), and
// print the difference in the fourth decimal now and then (exp(4) prints
// 54.5982, not 54.5981). sleefExpf is that function, operation for
// operation, with the fused multiply-adds of its AVX2 build.

func fma32(a, b, c float32) float32 {
	return float32(math.FMA(float64(a), float64(b), float64(c)))
}

// pow2f is 2^q as a float32 (SLEEF's vpow2i).
func pow2f(q int32) float32 {
	return math.Float32frombits(uint32(q+0x7f) << 23)
}

// ldexp2f is SLEEF's vldexp2: u * 2^q in two steps, so that q outside the
// exponent range still scales correctly.
func ldexp2f(u float32, q int32) float32 {
	h := q >> 1
	return u * pow2f(h) * pow2f(q-h)
}

func sleefExpf(d float32) float32 {
	const (
		rLn2 = float32(1.442695040888963407359924681001892137426645954152985934135449406931)
		l2u  = float32(0.693145751953125)
		l2l  = float32(1.428606765330187045e-06)
	)
	if d != d {
		return d
	}
	q := int32(math.RoundToEven(float64(d * rLn2)))
	qf := float32(q)
	s := fma32(qf, -l2u, d)
	s = fma32(qf, -l2l, s)
	u := float32(0.000198527617612853646278381)
	u = fma32(u, s, 0.00139304355252534151077271)
	u = fma32(u, s, 0.00833336077630519866943359)
	u = fma32(u, s, 0.0416664853692054748535156)
	u = fma32(u, s, 0.166666671633720397949219)
	u = fma32(u, s, 0.5)
	u = 1 + fma32(s*s, u, s)
	u = ldexp2f(u, q)
	if d < -104 {
		u = 0
	}
	if d > 100 {
		u = float32(math.Inf(1))
	}
	return u
}

// expFunc is exp as a kernel of dtype d computes it.
func expFunc(d DType) func(float64) float64 {
	if d == Float32 {
		return func(x float64) float64 { return float64(sleefExpf(float32(x))) }
	}
	return math.Exp
}
