package rng

import "math"

// logf and sincosf are one lane of avx_mathfun.h's log256_ps and
// sincos256_ps (Cephes polynomials in float32), which PyTorch's AVX2 normal
// kernel uses instead of the C library. Every step rounds to float32 as the
// vector instructions do.

// ma is a*b+c as PyTorch's AVX2 build computes it: GCC compiles those
// kernels with -mfma and contracts a multiply feeding an add into one fused
// instruction. Computing them unfused instead makes some samples differ from
// the oracle's in the last bit (TestOracle catches it).
func ma(a, b, c float32) float32 { return fma32(a, b, c) }

const (
	minNormPos = 0x00800000
	sqrtHalf   = float32(0.707106781186547524)
	logP0      = float32(7.0376836292e-2)
	logP1      = float32(-1.1514610310e-1)
	logP2      = float32(1.1676998740e-1)
	logP3      = float32(-1.2420140846e-1)
	logP4      = float32(+1.4249322787e-1)
	logP5      = float32(-1.6668057665e-1)
	logP6      = float32(+2.0000714765e-1)
	logP7      = float32(-2.4999993993e-1)
	logP8      = float32(+3.3333331174e-1)
	logQ1      = float32(-2.12194440e-4)
	logQ2      = float32(0.693359375)

	minusDP1 = float32(-0.78515625)
	minusDP2 = float32(-2.4187564849853515625e-4)
	minusDP3 = float32(-3.77489497744594108e-8)
	sinP0    = float32(-1.9515295891e-4)
	sinP1    = float32(8.3321608736e-3)
	sinP2    = float32(-1.6666654611e-1)
	cosP0    = float32(2.443315711809948e-005)
	cosP1    = float32(-1.388731625493765e-003)
	cosP2    = float32(4.166664568298827e-002)
	fourOPi  = float32(1.27323954473516)
)

// logf is log256_ps for one lane; x <= 0 gives NaN.
func logf(x float32) float32 {
	if x <= 0 || x != x {
		return float32(math.NaN())
	}
	bits := math.Float32bits(x)
	if bits < minNormPos {
		bits = minNormPos
	}
	exp := int32(bits>>23) - 0x7f
	x = math.Float32frombits(bits&^0x7f800000 | math.Float32bits(0.5))
	e := float32(exp) + 1
	var tmp float32
	if x < sqrtHalf {
		tmp = x
		e = e - 1
	}
	x = x - 1
	x = x + tmp
	z := float32(x * x)
	y := ma(logP0, x, logP1)
	y = ma(y, x, logP2)
	y = ma(y, x, logP3)
	y = ma(y, x, logP4)
	y = ma(y, x, logP5)
	y = ma(y, x, logP6)
	y = ma(y, x, logP7)
	y = ma(y, x, logP8)
	y = float32(y * x)
	// y*z + e*q1: the first multiply is the one fused.
	y = ma(y, z, float32(e*logQ1))
	// y - z*0.5
	y = ma(-z, 0.5, y)
	x = float32(x + y)
	x = ma(e, logQ2, x)
	return x
}

// sincosf is sincos256_ps for one lane.
func sincosf(x float32) (sin, cos float32) {
	signSin := math.Float32bits(x) & 0x80000000
	x = float32(math.Abs(float64(x)))
	y := float32(x * fourOPi)
	j := int32(y) // cvttps: truncation
	j = (j + 1) &^ 1
	y = float32(j)
	swapSin := uint32(j&4) << 29
	polyCos := j&2 == 0
	x = ma(y, minusDP1, x)
	x = ma(y, minusDP2, x)
	x = ma(y, minusDP3, x)
	signCos := uint32(^(j-2)&4) << 29
	signSin ^= swapSin

	z := float32(x * x)
	c := ma(cosP0, z, cosP1)
	c = ma(c, z, cosP2)
	c = float32(c * z)
	c = ma(c, z, -float32(z*0.5))
	c = c + 1

	s := ma(sinP0, z, sinP1)
	s = ma(s, z, sinP2)
	s = float32(s * z)
	s = ma(s, x, x)

	var sinv, cosv float32
	if polyCos {
		sinv, cosv = s, c
	} else {
		sinv, cosv = c, s
	}
	sin = math.Float32frombits(math.Float32bits(sinv) ^ signSin)
	cos = math.Float32frombits(math.Float32bits(cosv) ^ signCos)
	return sin, cos
}
