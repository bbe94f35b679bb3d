package tensor

import (
	"math"
)

// DType is a tensor's element type. Values are held as float64 in storage
// and rounded to the dtype on every write, so arithmetic done in float64 and
// rounded once gives the same bits as PyTorch's float32 kernels for + - * /
// and sqrt (float64 has more than twice float32's precision).
type DType int8

// The dtypes the course uses. Float32 is the default, as in PyTorch.
const (
	Float32 DType = iota
	Float64
	Float16
	BFloat16
	Int64
	Int32
	Int16
	Int8
	UInt8
	Bool
)

var dtypeNames = [...]string{
	Float32:  "float32",
	Float64:  "float64",
	Float16:  "float16",
	BFloat16: "bfloat16",
	Int64:    "int64",
	Int32:    "int32",
	Int16:    "int16",
	Int8:     "int8",
	UInt8:    "uint8",
	Bool:     "bool",
}

// String is the name after "torch.", e.g. "float32".
func (d DType) String() string {
	if int(d) < len(dtypeNames) {
		return dtypeNames[d]
	}
	return "unknown"
}

// DTypes lists every dtype, for lookups by name.
func DTypes() []DType {
	return []DType{Float32, Float64, Float16, BFloat16, Int64, Int32, Int16, Int8, UInt8, Bool}
}

// ItemSize is element_size(): bytes per element.
func (d DType) ItemSize() int {
	switch d {
	case Float64, Int64:
		return 8
	case Float32, Int32:
		return 4
	case Float16, BFloat16, Int16:
		return 2
	default:
		return 1
	}
}

// IsFloat reports whether d is a floating point dtype.
func (d DType) IsFloat() bool {
	return d == Float32 || d == Float64 || d == Float16 || d == BFloat16
}

// IsInt reports whether d is an integral dtype other than bool.
func (d DType) IsInt() bool {
	return d == Int64 || d == Int32 || d == Int16 || d == Int8 || d == UInt8
}

// category orders bool < integer < floating, the classes of PyTorch's type
// promotion.
func (d DType) category() int {
	switch {
	case d == Bool:
		return 0
	case d.IsInt():
		return 1
	default:
		return 2
	}
}

// Round converts a value to what an element of dtype d holds, the way a
// PyTorch cast does: floats round to nearest even, integers truncate toward
// zero and wrap.
func (d DType) Round(x float64) float64 {
	// the two float types most tensors have, where the compiler inlines it
	switch d {
	case Float64:
		return x
	case Float32:
		return float64(float32(x))
	}
	return d.roundOther(x)
}

// roundOther is Round for the dtypes other than float32 and float64.
func (d DType) roundOther(x float64) float64 {
	switch d {
	case Float16:
		return halfToFloat(floatToHalf(float32(x)))
	case BFloat16:
		return bf16ToFloat(floatToBF16(float32(x)))
	case Bool:
		if x != 0 {
			return 1
		}
		return 0
	}
	if math.IsNaN(x) || math.IsInf(x, 0) {
		x = math.MinInt64
	}
	x = math.Trunc(x)
	switch d {
	case Int32:
		return float64(int32(int64(x)))
	case Int16:
		return float64(int16(int64(x)))
	case Int8:
		return float64(int8(int64(x)))
	case UInt8:
		return float64(uint8(int64(x)))
	}
	return float64(int64(x))
}

// PromoteTypes is torch.promote_types for two dtypes.
func PromoteTypes(a, b DType) DType {
	if a == b {
		return a
	}
	rank := func(d DType) int {
		switch d {
		case Bool:
			return 0
		case UInt8:
			return 1
		case Int8:
			return 1
		case Int16:
			return 2
		case Int32:
			return 3
		case Int64:
			return 4
		case Float16, BFloat16:
			return 5
		case Float32:
			return 6
		}
		return 7
	}
	if (a == Float16 && b == BFloat16) || (a == BFloat16 && b == Float16) {
		return Float32
	}
	if (a == UInt8 && b == Int8) || (a == Int8 && b == UInt8) {
		return Int16
	}
	if rank(a) >= rank(b) {
		return a
	}
	return b
}

// floatToHalf rounds a float32 to IEEE binary16 bits, nearest even.
func floatToHalf(f float32) uint16 {
	b := math.Float32bits(f)
	sign := uint16(b>>16) & 0x8000
	exp := int((b >> 23) & 0xff)
	mant := b & 0x7fffff
	if exp == 0xff {
		if mant != 0 {
			return sign | 0x7e00
		}
		return sign | 0x7c00
	}
	e := exp - 127 + 15
	if e >= 0x1f {
		return sign | 0x7c00
	}
	if e <= 0 {
		if e < -10 {
			return sign
		}
		mant |= 0x800000
		shift := uint(14 - e)
		half := mant >> shift
		rem := mant & (1<<shift - 1)
		mid := uint32(1) << (shift - 1)
		if rem > mid || (rem == mid && half&1 == 1) {
			half++
		}
		return sign | uint16(half)
	}
	half := uint32(e)<<10 | mant>>13
	rem := mant & 0x1fff
	if rem > 0x1000 || (rem == 0x1000 && half&1 == 1) {
		half++
	}
	return sign | uint16(half)
}

func halfToFloat(h uint16) float64 {
	sign := 1.0
	if h&0x8000 != 0 {
		sign = -1
	}
	exp := int(h>>10) & 0x1f
	mant := float64(h & 0x3ff)
	switch exp {
	case 0:
		return sign * mant * math.Pow(2, -24)
	case 0x1f:
		if mant != 0 {
			return math.NaN()
		}
		return sign * math.Inf(1)
	}
	return sign * (1 + mant/1024) * math.Pow(2, float64(exp-15))
}

func floatToBF16(f float32) uint16 {
	b := math.Float32bits(f)
	if f != f {
		return 0x7fc0
	}
	b += 0x7fff + (b>>16)&1
	return uint16(b >> 16)
}

func bf16ToFloat(h uint16) float64 {
	return float64(math.Float32frombits(uint32(h) << 16))
}

// HalfBits and BFloat16Bits expose the 16-bit encodings for serialisation.
func HalfBits(x float64) uint16     { return floatToHalf(float32(x)) }
func HalfFromBits(h uint16) float64 { return halfToFloat(h) }

// BFloat16Bits returns x's bfloat16 encoding.
func BFloat16Bits(x float64) uint16     { return floatToBF16(float32(x)) }
func BFloat16FromBits(h uint16) float64 { return bf16ToFloat(h) }
