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

// f2 is SLEEF's double-float: an unevaluated sum x + y of two floats.
type f2 struct{ x, y float32 }

func fmaf(a, b, c float32) float32 { return fma32(a, b, c) }

func dfAdd2FF(x, y float32) f2 {
	rx := x + y
	v := rx - x
	return f2{rx, (x - (rx - v)) + (y - v)}
}

func dfAdd2F2F(x f2, y float32) f2 {
	rx := x.x + y
	v := rx - x.x
	ry := (x.x - (rx - v)) + (y - v)
	return f2{rx, ry + x.y}
}

func dfAdd2F2F2(x, y f2) f2 {
	rx := x.x + y.x
	v := rx - x.x
	ry := (x.x - (rx - v)) + (y.x - v)
	return f2{rx, ry + (x.y + y.y)}
}

func dfAddFF2(x float32, y f2) f2 {
	rx := x + y.x
	return f2{rx, ((x - rx) + y.x) + y.y}
}

func dfAddF2F2(x, y f2) f2 {
	rx := x.x + y.x
	return f2{rx, (((x.x - rx) + y.x) + x.y) + y.y}
}

func dfMulF2F(x f2, y float32) f2 {
	rx := x.x * y
	return f2{rx, fmaf(x.y, y, fmaf(x.x, y, -rx))}
}

func dfMulF2F2(x, y f2) f2 {
	rx := x.x * y.x
	return f2{rx, fmaf(x.x, y.y, fmaf(x.y, y.x, fmaf(x.x, y.x, -rx)))}
}

func dfSquF2(x f2) f2 {
	rx := x.x * x.x
	return f2{rx, fmaf(x.x+x.x, x.y, fmaf(x.x, x.x, -rx))}
}

func dfRecF2(d f2) f2 {
	qx := 1 / d.x
	return f2{qx, qx * fmaf(-d.y, qx, fmaf(-d.x, qx, 1))}
}

func dfDivF2F2(n, d f2) f2 {
	t := 1 / d.x
	qx := n.x * t
	u := fmaf(t, n.x, -qx)
	qy := fmaf(-d.y, t, fmaf(-d.x, t, 1))
	qy = fmaf(qx, qy, fmaf(n.y, t, u))
	return f2{qx, qy}
}

// expk2f is SLEEF's double-float exp, the core of its tanhf.
func expk2f(d f2) f2 {
	const (
		rLn2 = float32(1.442695040888963407359924681001892137426645954152985934135449406931)
		l2u  = float32(0.693145751953125)
		l2l  = float32(1.428606765330187045e-06)
	)
	u := (d.x + d.y) * rLn2
	q := int32(math.RoundToEven(float64(u)))
	qf := float32(q)
	s := dfAdd2F2F(d, qf*-l2u)
	s = dfAdd2F2F(s, qf*-l2l)
	u = float32(+0.1980960224e-3)
	u = fmaf(u, s.x, +0.1394256484e-2)
	u = fmaf(u, s.x, +0.8333456703e-2)
	u = fmaf(u, s.x, +0.4166637361e-1)
	t := dfAdd2F2F(dfMulF2F(s, u), +0.166666659414234244790680580464e+0)
	t = dfAdd2F2F(dfMulF2F2(s, t), 0.5)
	t = dfAdd2F2F2(s, dfMulF2F2(dfSquF2(s), t))
	t = dfAddFF2(1, t)
	t = f2{ldexp2f(t.x, q), ldexp2f(t.y, q)}
	if d.x < -104 {
		t = f2{}
	}
	return t
}

// sleefTanhf is Sleef_tanhf8_u10, which PyTorch's vectorised tanh calls.
func sleefTanhf(x float32) float32 {
	if x != x {
		return x
	}
	ax := float32(math.Abs(float64(x)))
	d := expk2f(f2{ax, 0})
	e := dfRecF2(d)
	d = dfDivF2F2(dfAdd2F2F2(d, f2{-e.x, -e.y}), dfAdd2F2F2(d, e))
	y := d.x + d.y
	if ax > 8.664339742 || y != y {
		y = 1
	}
	if math.Signbit(float64(x)) {
		y = -y
	}
	return y
}

// tanhFunc is tanh as a kernel of dtype d computes it.
func tanhFunc(d DType) func(float64) float64 {
	if d == Float32 {
		return func(x float64) float64 { return float64(sleefTanhf(float32(x))) }
	}
	return math.Tanh
}

func dfAddF2F(x f2, y float32) f2 {
	rx := x.x + y
	return f2{rx, ((x.x - rx) + y) + x.y}
}

// sleefLogf is Sleef_logf8_u10 (xlogf_u1), which PyTorch's vectorised log
// calls.
func sleefLogf(d float32) float32 {
	switch {
	case d != d || d < 0:
		return float32(math.NaN())
	case d == 0:
		return float32(math.Inf(-1))
	case math.IsInf(float64(d), 1):
		return d
	}
	const fltMin = 1.17549435e-38
	o := d < fltMin
	if o {
		d *= float32(1<<32) * float32(1<<32)
	}
	e := int32((math.Float32bits(d*(1.0/0.75))>>23)&0xff) - 0x7f
	m := math.Float32frombits(uint32(int32(math.Float32bits(d)) + (-e << 23)))
	if o {
		e -= 64
	}
	s := dfMulF2F(f2{0.69314718246459960938, -1.904654323148236017e-09}, float32(e))
	x := dfDivF2F2(dfAdd2FF(-1, m), dfAdd2FF(1, m))
	x2 := x.x * x.x
	t := float32(+0.3027294874e+0)
	t = fmaf(t, x2, +0.3996108174e+0)
	t = fmaf(t, x2, +0.6666694880e+0)
	s = dfAddF2F2(s, f2{x.x * 2, x.y * 2})
	s = dfAddF2F(s, x2*x.x*t)
	return s.x + s.y
}

// logFunc is log as a kernel of dtype d computes it.
func logFunc(d DType) func(float64) float64 {
	if d == Float32 {
		return func(x float64) float64 { return float64(sleefLogf(float32(x))) }
	}
	return math.Log
}
