package tensorfmt

import (
	"math"
	"math/bits"
	"strconv"
)

// formatter is _tensor_str.py's _Formatter: one look at all printed values
// decides the notation and the column width every element is padded to.
type formatter struct {
	floating  bool
	boolean   bool
	intMode   bool
	sciMode   bool
	width     int
	precision int
}

// smallTensor is the most elements appendSmallBody prints, keeping their
// texts in a textCache so that each is formatted once. The state view and
// the timeline print many such tensors.
const smallTensor = 16

// textCache holds each element's unpadded printed text: element k is
// buf[ends[k-1]:ends[k]]. Its arrays are fixed so that it lives on the
// stack.
type textCache struct {
	ends [smallTensor]uint8     // buf is shorter than 256 bytes
	buf  [smallTensor * 12]byte // room for common texts, e.g. "-0.0053"
}

// newFormatter measures the values: the ones at the flat indices idx, or
// all numel when idx is nil.
func newFormatter(v *View, idx []int, numel int, o *Options) formatter {
	f := formatter{floating: v.DType.IsFloat(), boolean: v.DType == Bool, intMode: true, width: 1, precision: o.Precision}
	if idx != nil {
		numel = len(idx)
	}
	at := func(k int) int {
		if idx != nil {
			return idx[k]
		}
		return k
	}
	if !f.floating {
		var buf [64]byte
		for k := range numel {
			i := at(k)
			var n int
			if v.DType == Bool {
				n = len(pyBool(v.Bool[i]))
			} else {
				n = len(strconv.AppendInt(buf[:0], v.Int[i], 10))
			}
			f.width = max(f.width, n)
		}
		f.applySciOption(o)
		return f
	}
	var lo, hi float64
	found := false
	for k := range numel {
		x := v.Float[at(k)]
		if !measured(x) {
			continue
		}
		a := math.Abs(x)
		if !found {
			lo, hi, found = a, a, true
		}
		// Plain comparisons: a is finite and positive, so min and max's
		// handling of NaN and signed zeros is not needed.
		if a < lo {
			lo = a
		}
		if a > hi {
			hi = a
		}
		if x != math.Ceil(x) {
			f.intMode = false
		}
	}
	if !found {
		// PyTorch returns before applying sci_mode from the options here.
		return f
	}
	if f.intMode {
		f.sciMode = hi/lo > 1000.0 || hi > 1.0e8
	} else {
		f.sciMode = hi/lo > 1000.0 || hi > 1.0e8 || lo < 1.0e-4
	}
	// The width is measured in the notation the values chose, before
	// sci_mode from the options applies.
	var buf [64]byte
	for k := range numel {
		x := v.Float[at(k)]
		if measured(x) {
			f.width = max(f.width, len(f.appendText(buf[:0], element{f: x})))
		}
	}
	f.applySciOption(o)
	return f
}

// measured reports whether the formatter measures x: the values measured
// are the finite non-zero ones.
func measured(x float64) bool {
	return x != 0 && !math.IsInf(x, 0) && !math.IsNaN(x)
}

func (f *formatter) applySciOption(o *Options) {
	if o.SciMode != nil {
		f.sciMode = *o.SciMode
	}
}

// appendFormat is _Formatter.format: the value in the chosen notation,
// padded on the left to the common width.
func (f *formatter) appendFormat(b []byte, e element) []byte {
	var buf [64]byte
	return appendPadded(b, f.width, f.appendText(buf[:0], e))
}

// appendPadded appends s padded on the left with spaces to width.
func appendPadded(b []byte, width int, s []byte) []byte {
	for n := width - len(s); n > 0; n-- {
		b = append(b, ' ')
	}
	return append(b, s...)
}

// appendText appends the value in the chosen notation, unpadded.
func (f *formatter) appendText(s []byte, e element) []byte {
	switch {
	case f.boolean:
		s = append(s, pyBool(e.b)...)
	case !f.floating:
		s = strconv.AppendInt(s, e.i, 10)
	default:
		s = f.appendFloat(s, e.f)
	}
	return s
}

// appendFloat is appendText for a floating formatter's value x.
func (f *formatter) appendFloat(s []byte, x float64) []byte {
	switch {
	case math.IsNaN(x) || math.IsInf(x, 0):
		str, _ := nonFinite(x)
		s = append(s, str...)
	case f.sciMode:
		s = strconv.AppendFloat(s, x, 'e', f.precision, 64)
	case f.intMode:
		s = appendWhole(s, x)
		s = append(s, '.')
	default:
		s = appendFixed(s, x, f.precision)
	}
	return s
}

// appendFixed appends strconv.AppendFloat(s, x, 'f', prec, 64): x rounded
// to prec decimals, ties to even. For the common values (float32 ones,
// precision at most 8) it computes the digits exactly in integers, several
// times cheaper than strconv; otherwise it calls strconv.
func appendFixed(s []byte, x float64, prec int) []byte {
	q, ok := scaledRound(x, prec)
	if !ok {
		return strconv.AppendFloat(s, x, 'f', prec, 64)
	}
	if math.Signbit(x) {
		s = append(s, '-')
	}
	p := pow10[prec]
	s = strconv.AppendUint(s, q/p, 10)
	if prec == 0 {
		return s
	}
	var digits [len(pow10)]byte
	frac := q % p
	for i := prec - 1; i >= 0; i-- {
		digits[i] = byte('0' + frac%10)
		frac /= 10
	}
	s = append(s, '.')
	return append(s, digits[:prec]...)
}

// appendWhole appends appendFixed(s, x, 0) for x a whole number (int
// mode prints only those): below 2^53 its digits come from the integer
// itself, with the sign of -0 kept, and no rounding is needed.
func appendWhole(s []byte, x float64) []byte {
	a := math.Abs(x)
	if a >= 1<<53 || a != math.Trunc(a) {
		return appendFixed(s, x, 0)
	}
	if math.Signbit(x) {
		s = append(s, '-')
	}
	if a < 10 {
		return append(s, byte('0'+int(a)))
	}
	return strconv.AppendUint(s, uint64(a), 10)
}

var pow10 = [...]uint64{1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8}

// scaledRound is |x| * 10^prec rounded to the nearest integer, ties to
// even, computed exactly; ok is false when that does not fit the integer
// arithmetic here (NaN, inf, a precision over 8, a long mantissa).
func scaledRound(x float64, prec int) (q uint64, ok bool) {
	if prec < 0 || prec >= len(pow10) || math.IsNaN(x) || math.IsInf(x, 0) {
		return 0, false
	}
	// |x| = m * 2^e exactly, m odd (or zero).
	b := math.Float64bits(x) &^ (1 << 63)
	if b == 0 {
		return 0, true
	}
	e := int(b >> 52)
	m := b & (1<<52 - 1)
	if e == 0 {
		e = 1 // subnormal
	} else {
		m |= 1 << 52
	}
	e -= 1075
	tz := bits.TrailingZeros64(m)
	m >>= tz
	e += tz
	if e >= 0 {
		if bits.Len64(m)+e > 63 {
			return 0, false
		}
		hi, lo := bits.Mul64(m<<e, pow10[prec])
		return lo, hi == 0
	}
	k := -e // |x| * 10^prec = m * 10^prec / 2^k
	if k > 63 {
		return 0, false
	}
	hi, lo := bits.Mul64(m, pow10[prec])
	if hi != 0 {
		return 0, false
	}
	q = lo >> k
	rest := lo & (1<<k - 1)
	half := uint64(1) << (k - 1)
	if rest > half || rest == half && q&1 == 1 {
		q++
	}
	return q, true
}

func pyBool(b bool) string {
	if b {
		return "True"
	}
	return "False"
}

func nonFinite(x float64) (string, bool) {
	switch {
	case math.IsNaN(x):
		return "nan", true
	case math.IsInf(x, 1):
		return "inf", true
	case math.IsInf(x, -1):
		return "-inf", true
	}
	return "", false
}

// Round rounds x to the nearest value of a floating dtype (ties to even),
// as storing it in a tensor of that dtype does; other dtypes return x.
func Round(d DType, x float64) float64 {
	switch d {
	case Float32:
		return float64(float32(x))
	case Float16:
		return roundFloat16(x)
	case BFloat16:
		return roundBFloat16(x)
	}
	return x
}

// roundBFloat16 keeps the top 16 bits of the float32, rounding to nearest
// even, as c10::BFloat16's round_to_nearest_even does (NaN stays NaN).
func roundBFloat16(x float64) float64 {
	f := float32(x)
	if f != f {
		return x
	}
	b := math.Float32bits(f)
	b += 0x7fff + (b>>16)&1
	return float64(math.Float32frombits(b &^ 0xffff))
}

// roundFloat16 rounds to IEEE half precision: 11 significant bits, exponent
// down to 2^-14 (subnormals to 2^-24), overflow to inf at 65520.
func roundFloat16(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) || x == 0 {
		return x
	}
	f := float64(float32(x)) // PyTorch converts through float32
	a := math.Abs(f)
	if a >= 65520 {
		return math.Copysign(math.Inf(1), f)
	}
	_, exp := math.Frexp(a) // a = m * 2^exp, m in [0.5, 1)
	e := exp - 1            // a in [2^e, 2^(e+1))
	if e < -14 {
		e = -14 // subnormal spacing
	}
	q := math.Ldexp(1, e-10) // spacing of half values near a
	r := math.RoundToEven(a/q) * q
	return math.Copysign(r, f)
}
