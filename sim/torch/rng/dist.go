package rng

import (
	"errors"
	"math"
)

// The fill functions below are PyTorch's CPU kernels for a contiguous tensor
// of the named dtype; dst is the tensor's storage in row-major order.

// UniformFloat32 is uniform_(from, to) (and torch.rand with 0, 1) on a
// float32 tensor: 24 random bits of one 32-bit draw per element,
// x*(to-from)+from computed in float32 with from and to rounded to float32
// first. The multiply-add is fused, as the AVX2 build of the kernel compiles
// it.
func (g *Generator) UniformFloat32(dst []float32, from, to float64) {
	f, t := float32(from), float32(to)
	span := float32(t - f)
	for i := range dst {
		x := float32(g.Random()&(1<<24-1)) * (1.0 / (1 << 24))
		dst[i] = fma32(x, span, f)
	}
}

// UniformFloat64 is uniform_(from, to) on a float64 tensor: 53 random bits
// of one 64-bit draw per element.
func (g *Generator) UniformFloat64(dst []float64, from, to float64) {
	span := to - from
	for i := range dst {
		dst[i] = math.FMA(g.uniform53(), span, from)
	}
}

// UniformReduced is uniform_(from, to) on a float16 (digits 11) or bfloat16
// (digits 8) tensor: digits random bits of a 32-bit draw, computed in
// float32. from and to must already be rounded to the tensor's dtype, and the
// caller rounds each result to it, as the kernel's static_cast does.
func (g *Generator) UniformReduced(dst []float32, digits uint, from, to float32) {
	span := float32(to - from)
	scale := float32(1) / float32(uint32(1)<<digits)
	for i := range dst {
		x := float32(g.Random()&(uint32(1)<<digits-1)) * scale
		dst[i] = fma32(x, span, from)
	}
}

// uniform53 is uniform_real_distribution<double>(0, 1): x*(1-0)+0 == x.
func (g *Generator) uniform53() float64 {
	return float64(g.Random64()&(1<<53-1)) * (1.0 / (1 << 53))
}

// uniform24 is uniform_real_distribution<float>(0, 1).
func (g *Generator) uniform24() float32 {
	return float32(g.Random()&(1<<24-1)) * (1.0 / (1 << 24))
}

// normalDouble is one sample of normal_distribution<double>(mean, std):
// Box-Muller over two 53-bit uniforms, returning the cosine branch and
// caching the sine branch for the next call. PyTorch 2.6 computes the radius
// with log1p(-u2); 1.13 used log(1-u2), which can differ in the last bit.
func (g *Generator) normalDouble(mean, std float64) float64 {
	if g.nextDoubleValid {
		g.nextDoubleValid = false
		return math.FMA(g.nextDouble, std, mean)
	}
	u1 := g.uniform53()
	u2 := g.uniform53()
	r := math.Sqrt(-2.0 * math.Log1p(-u2))
	theta := 2.0 * math.Pi * u1
	g.nextDouble = r * math.Sin(theta)
	g.nextDoubleValid = true
	return math.FMA(r*math.Cos(theta), std, mean)
}

// NormalFloat32 is normal_(mean, std) (and torch.randn) on a contiguous
// float32 tensor. Below 16 elements each value is a double Box-Muller sample
// (which shares the cached sample with float64 tensors); from 16 on, all
// uniforms are drawn first and transformed 16 at a time with the AVX2
// kernel's float32 log and sincos, the last partial block redrawn.
func (g *Generator) NormalFloat32(dst []float32, mean, std float64) {
	n := len(dst)
	if n < 16 {
		for i := range dst {
			dst[i] = float32(g.normalDouble(mean, std))
		}
		return
	}
	m, s := float32(mean), float32(std)
	for i := range dst {
		dst[i] = g.uniform24()
	}
	for i := 0; i+16 <= n; i += 16 {
		normal16AVX2((*[16]float32)(dst[i:i+16]), m, s)
	}
	if n%16 != 0 {
		tail := (*[16]float32)(dst[n-16:])
		for i := range tail {
			tail[i] = g.uniform24()
		}
		normal16AVX2(tail, m, s)
	}
}

// NormalFloat64 is normal_(mean, std) (and torch.randn) on a contiguous
// float64 tensor: the cached double Box-Muller below 16 elements, the scalar
// normal_fill kernel (all uniforms first, 16 at a time) from 16 on.
func (g *Generator) NormalFloat64(dst []float64, mean, std float64) {
	n := len(dst)
	if n < 16 {
		for i := range dst {
			dst[i] = g.normalDouble(mean, std)
		}
		return
	}
	for i := range dst {
		dst[i] = g.uniform53()
	}
	for i := 0; i+16 <= n; i += 16 {
		normal16Double((*[16]float64)(dst[i:i+16]), mean, std)
	}
	if n%16 != 0 {
		tail := (*[16]float64)(dst[n-16:])
		for i := range tail {
			tail[i] = g.uniform53()
		}
		normal16Double(tail, mean, std)
	}
}

// NormalScalar is the serial normal kernel PyTorch uses for non-contiguous
// tensors of any floating dtype and for float16/bfloat16 below 16 elements:
// double samples the caller rounds to its dtype.
func (g *Generator) NormalScalar(dst []float64, mean, std float64) {
	for i := range dst {
		dst[i] = g.normalDouble(mean, std)
	}
}

// normal16Double is normal_fill_16<double>.
func normal16Double(d *[16]float64, mean, std float64) {
	for j := 0; j < 8; j++ {
		u1 := 1 - d[j]
		u2 := d[j+8]
		radius := math.Sqrt(-2 * math.Log(u1))
		theta := 2.0 * math.Pi * u2
		d[j] = math.FMA(radius*math.Cos(theta), std, mean)
		d[j+8] = math.FMA(radius*math.Sin(theta), std, mean)
	}
}

// normal16AVX2 is normal_fill_16_AVX2: Box-Muller in float32 with
// avx_mathfun.h's log256_ps and sincos256_ps, lane by lane.
func normal16AVX2(d *[16]float32, mean, std float32) {
	twoPi := float32(2.0 * math.Pi)
	for j := 0; j < 8; j++ {
		u1 := float32(1 - d[j])
		u2 := d[j+8]
		radius := float32(math.Sqrt(float64(float32(-2 * logf(u1)))))
		theta := float32(twoPi * u2)
		sin, cos := sincosf(theta)
		n1 := float32(radius * cos)
		n2 := float32(radius * sin)
		d[j] = fma32(n1, std, mean)
		d[j+8] = fma32(n2, std, mean)
	}
}

// Bernoulli fills dst with 1 where a 53-bit uniform is below p and 0
// elsewhere: bernoulli_(p) with a scalar p on any dtype, one 64-bit draw per
// element. F.dropout(x, p) on CPU draws its keep mask this way with
// Bernoulli(1-p), then scales kept elements by 1/(1-p), in PyTorch 1.13 and
// 2.6 alike (2.6 disabled the MKL bernoulli path that Intel builds of some
// earlier versions took).
func (g *Generator) Bernoulli(dst []bool, p float64) {
	for i := range dst {
		dst[i] = g.uniform53() < p
	}
}

// Randint is torch.randint(low, high) / random_(low, high) for int64,
// float32, float64 and bfloat16 tensors: val % (high-low) + low, with a
// 64-bit draw when the range is 2^32 or more and a 32-bit draw otherwise.
// The caller checks low < high ("random_ expects 'from' to be less than
// 'to', but got from=... >= to=...").
func (g *Generator) Randint(dst []int64, low, high int64) {
	span := uint64(high) - uint64(low)
	for i := range dst {
		var v uint64
		if span >= 1<<32 {
			v = g.Random64()
		} else {
			v = uint64(g.Random())
		}
		dst[i] = int64(v%span + uint64(low))
	}
}

// RandintNarrow is Randint for int32, int16, int8, uint8 and bool tensors,
// whose ranges always fit 32 bits, so every element takes one 32-bit draw.
func (g *Generator) RandintNarrow(dst []int64, low, high int64) {
	span := uint64(high) - uint64(low)
	for i := range dst {
		dst[i] = int64(uint64(g.Random())%span + uint64(low))
	}
}

// RandomInt64 is random_() on an int64 tensor: a 64-bit draw modulo 2^63.
func (g *Generator) RandomInt64(dst []int64) {
	for i := range dst {
		dst[i] = int64(g.Random64() % (1 << 63))
	}
}

// RandomInt32 is random_() on an int32 tensor: a 32-bit draw modulo 2^31.
func (g *Generator) RandomInt32(dst []int32) {
	for i := range dst {
		dst[i] = int32(g.Random() % (1 << 31))
	}
}

// ErrRandpermTooLarge is returned for n that would need PyTorch's large-n
// algorithm; no tensor the simulator allows is that large.
var ErrRandpermTooLarge = errors.New("randperm: n too large")

// Randperm is torch.randperm(n): the identity permutation shuffled by
// swapping position i with i + random()%(n-i), PyTorch's path for
// n < 2^32/20.
func (g *Generator) Randperm(n int64) ([]int64, error) {
	if n < 0 {
		return nil, errors.New("randperm: n must be non-negative")
	}
	if n >= math.MaxUint32/20 {
		return nil, ErrRandpermTooLarge
	}
	r := make([]int64, n)
	for i := range r {
		r[i] = int64(i)
	}
	for i := int64(0); i < n-1; i++ {
		z := int64(g.Random()) % (n - i)
		r[i], r[z+i] = r[z+i], r[i]
	}
	return r, nil
}

// KaimingUniformBound is the bound b of init.kaiming_uniform_(w, a=a) with
// the default fan_in mode and leaky_relu gain, which then draws
// uniform_(-b, b). nn.Linear passes a = math.sqrt(5); the arithmetic follows
// torch/nn/init.py in float64 step by step.
func KaimingUniformBound(fanIn int, a float64) float64 {
	gain := math.Sqrt(2.0 / (1 + a*a))
	std := gain / math.Sqrt(float64(fanIn))
	return math.Sqrt(3.0) * std
}

// BiasBound is 1/sqrt(fan_in) (0 for fan_in 0), the bound nn.Linear's
// reset_parameters uses for bias.uniform_(-b, b).
func BiasBound(fanIn int) float64 {
	if fanIn <= 0 {
		return 0
	}
	return 1 / math.Sqrt(float64(fanIn))
}

// fma32 is a*b+c rounded once to float32, as a fused multiply-add
// instruction computes it. a*b is exact in float64; the float64 sum can be
// off by the rounding error err, which only matters when the float64 sum
// lies exactly halfway between two float32 values.
func fma32(a, b, c float32) float32 {
	p := float64(a) * float64(b)
	s := p + float64(c)
	// TwoSum: err is the exact rounding error of p + c.
	bb := s - p
	err := (p - (s - bb)) + (float64(c) - bb)
	r := float32(s)
	if err == 0 || math.IsInf(s, 0) || math.IsNaN(s) {
		return r
	}
	// The neighbour of r on the other side of s.
	var other float32
	if float64(r) < s {
		other = math.Nextafter32(r, float32(math.Inf(1)))
	} else {
		other = math.Nextafter32(r, float32(math.Inf(-1)))
	}
	if math.Abs(float64(r)-s) != math.Abs(float64(other)-s) {
		return r
	}
	// s is a tie; the exact value lies on err's side of it.
	if (float64(other) > s) == (err > 0) {
		return other
	}
	return r
}

// NormalReduced is normal_(mean, std) on a contiguous float16 (digits 11)
// or bfloat16 (digits 8) tensor: PyTorch's scalar normal_fill kernel run in
// that type from 16 elements on, the double Box-Muller below. round rounds a
// float32 to the dtype (ties to even); results come back rounded.
//
// In normal_fill every named intermediate is stored in the dtype. For
// bfloat16, c10's math overloads (log, sqrt, sin, cos) and operators also
// round every single operation; float16 has no such overloads in the 1.13
// oracle, so its expressions run in float32. This matches the 1.13 oracle
// bit for bit; PyTorch 2.6 extended those overloads to float16, which may
// change the last bit of some float16 samples (not verified).
func (g *Generator) NormalReduced(dst []float32, digits uint, round func(float32) float32, mean, std float64) {
	n := len(dst)
	if n < 16 {
		for i := range dst {
			dst[i] = round(float32(g.normalDouble(mean, std)))
		}
		return
	}
	m, s := round(float32(mean)), round(float32(std))
	uniform := func() float32 {
		return float32(g.Random()&(uint32(1)<<digits-1)) / float32(uint32(1)<<digits)
	}
	for i := range dst {
		dst[i] = uniform()
	}
	// op is how one operation's float32 result is kept: rounded to the
	// dtype for bfloat16, as is in float32 for float16.
	op := func(x float32) float32 { return x }
	if digits == 8 {
		op = round
	}
	fill := func(d []float32) {
		for j := 0; j < 8; j++ {
			u1 := round(1 - d[j])
			u2 := d[j+8]
			radius := round(op(float32(math.Sqrt(float64(op(-2 * op(float32(math.Log(float64(u1))))))))))
			theta := round(float32(2.0 * math.Pi * float64(u2)))
			cos := op(float32(math.Cos(float64(theta))))
			sin := op(float32(math.Sin(float64(theta))))
			if digits == 8 {
				d[j] = round(op(op(radius*cos)*s) + m)
				d[j+8] = round(op(op(radius*sin)*s) + m)
			} else {
				d[j] = round(fma32(float32(radius*cos), s, m))
				d[j+8] = round(fma32(float32(radius*sin), s, m))
			}
		}
	}
	for i := 0; i+16 <= n; i += 16 {
		fill(dst[i : i+16])
	}
	if n%16 != 0 {
		tail := dst[n-16:]
		for i := range tail {
			tail[i] = uniform()
		}
		fill(tail)
	}
}

// BernoulliFloat32P is torch.bernoulli(p) / bernoulli_(p) with a float32
// probability tensor (already broadcast to dst's shape): one 32-bit draw per
// element, a 24-bit float32 uniform compared with p in float32.
func (g *Generator) BernoulliFloat32P(dst []bool, p []float32) {
	for i := range dst {
		dst[i] = g.uniform24() < p[i]
	}
}

// BernoulliFloat64P is BernoulliFloat32P for a float64 probability tensor:
// a 53-bit uniform from one 64-bit draw per element.
func (g *Generator) BernoulliFloat64P(dst []bool, p []float64) {
	for i := range dst {
		dst[i] = g.uniform53() < p[i]
	}
}
