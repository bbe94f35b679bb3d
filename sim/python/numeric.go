package python

import (
	"github.com/ckptlab/ckptlab/sim/python/pymath"
	"math"
	"math/big"
	"math/bits"
	"strconv"

	"github.com/ckptlab/ckptlab/sim/python/pyfmt"
)

// toBig returns an int value as *big.Int (a fresh one for Int).
func toBig(v Value) *big.Int {
	switch v := v.(type) {
	case Int:
		return big.NewInt(int64(v))
	case Bool:
		if v {
			return big.NewInt(1)
		}
		return big.NewInt(0)
	case *BigInt:
		return v.b
	}
	return nil
}

// isIntLike reports whether v is an int (or bool).
func isIntLike(v Value) bool {
	switch v.(type) {
	case Int, Bool, *BigInt:
		return true
	}
	return false
}

// AsInt64 returns v as int64 when it is an int (or bool) that fits.
func AsInt64(v Value) (int64, bool) {
	switch v := v.(type) {
	case Int:
		return int64(v), true
	case Bool:
		if v {
			return 1, true
		}
		return 0, true
	}
	return 0, false
}

// AsFloat converts an int or float to float64, with CPython's OverflowError
// for ints too large.
func AsFloat(v Value) (float64, bool, error) {
	switch v := v.(type) {
	case Float:
		return float64(v), true, nil
	case Int:
		return float64(v), true, nil
	case Bool:
		if v {
			return 1, true, nil
		}
		return 0, true, nil
	case *BigInt:
		f, _ := new(big.Float).SetInt(v.b).Float64()
		if math.IsInf(f, 0) {
			return 0, true, Errorf(OverflowErrorClass, "int too large to convert to float")
		}
		return f, true, nil
	}
	return 0, false, nil
}

func intRepr(v Value) string {
	switch v := v.(type) {
	case Int:
		return strconv.FormatInt(int64(v), 10)
	case *BigInt:
		return v.b.String()
	case Bool:
		if v {
			return "1"
		}
		return "0"
	}
	return "?"
}

// floatRepr is repr(float) as CPython prints it.
func floatRepr(f float64) string { return pyfmt.FloatRepr(f) }

// intBinary applies an arithmetic operator to two ints.
func intBinary(t *Thread, op Op, a, b Value) (Value, error) {
	x, xok := AsInt64(a)
	y, yok := AsInt64(b)
	if xok && yok {
		switch op {
		case Add:
			s := x + y
			if (s > x) == (y > 0) {
				return Int(s), nil
			}
		case Sub:
			s := x - y
			if (s < x) == (y > 0) {
				return Int(s), nil
			}
		case Mul:
			hi, lo := bits.Mul64(uint64(abs64(x)), uint64(abs64(y)))
			if hi == 0 && lo <= math.MaxInt64 && x != math.MinInt64 && y != math.MinInt64 {
				r := int64(lo)
				if (x < 0) != (y < 0) {
					r = -r
				}
				return Int(r), nil
			}
		case FloorDiv:
			if y == 0 {
				return nil, Errorf(ZeroDivisionErrorClass, "integer division or modulo by zero")
			}
			if !(x == math.MinInt64 && y == -1) {
				q := x / y
				if (x%y != 0) && ((x < 0) != (y < 0)) {
					q--
				}
				return Int(q), nil
			}
		case Mod:
			if y == 0 {
				return nil, Errorf(ZeroDivisionErrorClass, "integer modulo by zero")
			}
			if y == -1 {
				return Int(0), nil
			}
			m := x % y
			if m != 0 && ((m < 0) != (y < 0)) {
				m += y
			}
			return Int(m), nil
		case TrueDiv:
			if y == 0 {
				return nil, Errorf(ZeroDivisionErrorClass, "division by zero")
			}
			if abs64(x) < 1<<53 && abs64(y) < 1<<53 {
				return Float(float64(x) / float64(y)), nil
			}
		case And:
			return Int(x & y), nil
		case Or:
			return Int(x | y), nil
		case Xor:
			return Int(x ^ y), nil
		case LShift:
			if y < 0 {
				return nil, Errorf(ValueErrorClass, "negative shift count")
			}
			if y < 63 && x == (x<<y)>>y {
				return Int(x << y), nil
			}
		case RShift:
			if y < 0 {
				return nil, Errorf(ValueErrorClass, "negative shift count")
			}
			if y > 63 {
				y = 63
			}
			return Int(x >> y), nil
		case Pow:
			if y < 0 {
				if x == 0 {
					return nil, Errorf(ZeroDivisionErrorClass, "0.0 cannot be raised to a negative power")
				}
				return Float(pymath.Pow(float64(x), float64(y))), nil
			}
			r, ok := powInt64(x, y)
			if ok {
				return Int(r), nil
			}
		}
	}
	// Slow path with big integers.
	bx, by := toBig(a), toBig(b)
	r := new(big.Int)
	switch op {
	case Add:
		r.Add(bx, by)
	case Sub:
		r.Sub(bx, by)
	case Mul:
		if err := t.Alloc(int64(bx.BitLen()+by.BitLen()) / 8); err != nil {
			return nil, err
		}
		r.Mul(bx, by)
	case FloorDiv, Mod:
		if by.Sign() == 0 {
			if op == Mod {
				return nil, Errorf(ZeroDivisionErrorClass, "integer modulo by zero")
			}
			return nil, Errorf(ZeroDivisionErrorClass, "integer division or modulo by zero")
		}
		q, m := new(big.Int), new(big.Int)
		q.DivMod(bx, by, m) // Euclidean: m >= 0
		if m.Sign() != 0 && by.Sign() < 0 {
			q.Add(q, big.NewInt(1))
			m.Add(m, by)
		}
		if op == FloorDiv {
			return MakeInt(q), nil
		}
		return MakeInt(m), nil
	case TrueDiv:
		if by.Sign() == 0 {
			return nil, Errorf(ZeroDivisionErrorClass, "division by zero")
		}
		q := new(big.Rat).SetFrac(bx, by)
		f, _ := q.Float64()
		if math.IsInf(f, 0) {
			return nil, Errorf(OverflowErrorClass, "integer division result too large for a float")
		}
		return Float(f), nil
	case And:
		r.And(bx, by)
	case Or:
		r.Or(bx, by)
	case Xor:
		r.Xor(bx, by)
	case LShift:
		if by.Sign() < 0 {
			return nil, Errorf(ValueErrorClass, "negative shift count")
		}
		if !by.IsInt64() || by.Int64() > 1<<24 {
			return nil, NewException(MemoryErrorClass)
		}
		if err := t.Alloc(by.Int64() / 8); err != nil {
			return nil, err
		}
		r.Lsh(bx, uint(by.Int64()))
	case RShift:
		if by.Sign() < 0 {
			return nil, Errorf(ValueErrorClass, "negative shift count")
		}
		if !by.IsInt64() {
			if bx.Sign() < 0 {
				return Int(-1), nil
			}
			return Int(0), nil
		}
		r.Rsh(bx, uint(by.Int64()))
	case Pow:
		if by.Sign() < 0 {
			fx, _, err := AsFloat(a)
			if err != nil {
				return nil, err
			}
			fy, _, _ := AsFloat(b)
			if fx == 0 {
				return nil, Errorf(ZeroDivisionErrorClass, "0.0 cannot be raised to a negative power")
			}
			return Float(pymath.Pow(fx, fy)), nil
		}
		if !by.IsInt64() || int64(bx.BitLen())*by.Int64() > 8*(1<<24) {
			return nil, NewException(MemoryErrorClass)
		}
		if err := t.Alloc(int64(bx.BitLen()) * by.Int64() / 8); err != nil {
			return nil, err
		}
		r.Exp(bx, by, nil)
	default:
		return nil, nil
	}
	return MakeInt(r), nil
}

func abs64(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

func powInt64(x, y int64) (int64, bool) {
	r := int64(1)
	for y > 0 {
		if y&1 == 1 {
			hi, lo := bits.Mul64(uint64(abs64(r)), uint64(abs64(x)))
			if hi != 0 || lo > math.MaxInt64 {
				return 0, false
			}
			neg := (r < 0) != (x < 0)
			r = int64(lo)
			if neg {
				r = -r
			}
		}
		y >>= 1
		if y > 0 {
			hi, lo := bits.Mul64(uint64(abs64(x)), uint64(abs64(x)))
			if hi != 0 || lo > math.MaxInt64 {
				return 0, false
			}
			x = int64(lo)
		}
	}
	return r, true
}

// floatBinary applies an arithmetic operator to two floats.
func floatBinary(op Op, x, y float64) (Value, error) {
	switch op {
	case Add:
		return Float(x + y), nil
	case Sub:
		return Float(x - y), nil
	case Mul:
		return Float(x * y), nil
	case TrueDiv:
		if y == 0 {
			return nil, Errorf(ZeroDivisionErrorClass, "float division by zero")
		}
		return Float(x / y), nil
	case FloorDiv:
		if y == 0 {
			return nil, Errorf(ZeroDivisionErrorClass, "float floor division by zero")
		}
		return Float(floorDivFloat(x, y)), nil
	case Mod:
		if y == 0 {
			return nil, Errorf(ZeroDivisionErrorClass, "float modulo")
		}
		return Float(modFloat(x, y)), nil
	case Pow:
		if x == 0 && y < 0 {
			return nil, Errorf(ZeroDivisionErrorClass, "0.0 cannot be raised to a negative power")
		}
		if x < 0 && y != math.Trunc(y) {
			return nil, Errorf(ValueErrorClass, "math domain error")
		}
		r := pymath.Pow(x, y)
		if math.IsInf(r, 0) && !math.IsInf(x, 0) && !math.IsInf(y, 0) {
			return nil, Errorf(OverflowErrorClass, "(34, 'Numerical result out of range')")
		}
		return Float(r), nil
	}
	return nil, nil
}

func modFloat(x, y float64) float64 {
	m := math.Mod(x, y)
	if m != 0 {
		if (y < 0) != (m < 0) {
			m += y
		}
	} else {
		m = math.Copysign(0, y)
	}
	return m
}

func floorDivFloat(x, y float64) float64 {
	m := math.Mod(x, y)
	div := (x - m) / y
	if m != 0 && (y < 0) != (m < 0) {
		div -= 1
	}
	if div == 0 {
		return math.Copysign(0, x/y)
	}
	f := math.Floor(div)
	if div-f > 0.5 {
		f += 1
	}
	return f
}

// numberBinary handles int and float operands; ok is false when either
// operand is not a number.
func numberBinary(t *Thread, op Op, a, b Value) (Value, bool, error) {
	if x, ok := a.(Bool); ok {
		if y, ok := b.(Bool); ok {
			switch op {
			case And:
				return x && y, true, nil
			case Or:
				return x || y, true, nil
			case Xor:
				return Bool(x != y), true, nil
			}
		}
	}
	if isIntLike(a) && isIntLike(b) {
		if op == MatMul {
			return nil, false, nil
		}
		r, err := intBinary(t, op, a, b)
		return r, r != nil || err != nil, err
	}
	x, xok, err := AsFloat(a)
	if !xok {
		return nil, false, nil
	}
	if err != nil {
		return nil, true, err
	}
	y, yok, err := AsFloat(b)
	if !yok {
		return nil, false, nil
	}
	if err != nil {
		return nil, true, err
	}
	r, err := floatBinary(op, x, y)
	return r, r != nil || err != nil, err
}

// intCompare compares two ints: -1, 0 or 1.
func numCompare(a, b Value) (int, bool) {
	if x, ok := AsInt64(a); ok {
		if y, ok := AsInt64(b); ok {
			switch {
			case x < y:
				return -1, true
			case x > y:
				return 1, true
			}
			return 0, true
		}
	}
	if isIntLike(a) && isIntLike(b) {
		return toBig(a).Cmp(toBig(b)), true
	}
	_, af := a.(Float)
	_, bf := b.(Float)
	if (af || isIntLike(a)) && (bf || isIntLike(b)) {
		if af && bf || !isBig(a) && !isBig(b) && fitsFloat(a) && fitsFloat(b) {
			x, _, _ := AsFloat(a)
			y, _, _ := AsFloat(b)
			switch {
			case x < y:
				return -1, true
			case x > y:
				return 1, true
			case x == y:
				return 0, true
			}
			return 2, true // NaN: unordered
		}
		// A big int against a float: compare exactly.
		x, y := toRat(a), toRat(b)
		if x == nil || y == nil {
			return 2, true
		}
		return x.Cmp(y), true
	}
	return 0, false
}

// fitsFloat reports whether an int converts to float exactly.
func fitsFloat(v Value) bool {
	if n, ok := AsInt64(v); ok {
		return n <= 1<<53 && n >= -(1<<53)
	}
	return true
}

func isBig(v Value) bool { _, ok := v.(*BigInt); return ok }

func toRat(v Value) *big.Rat {
	if f, ok := v.(Float); ok {
		if math.IsNaN(float64(f)) || math.IsInf(float64(f), 0) {
			return nil
		}
		return new(big.Rat).SetFloat64(float64(f))
	}
	return new(big.Rat).SetInt(toBig(v))
}

// hashInt is CPython's hash of an int: the value modulo 2**61-1, -1 -> -2.
func hashInt(v Value) int64 {
	const mod = (1 << 61) - 1
	if x, ok := AsInt64(v); ok {
		var h int64
		if x >= 0 {
			h = x % mod
		} else {
			h = -((-x) % mod)
		}
		if h == -1 {
			h = -2
		}
		return h
	}
	b := toBig(v)
	m := new(big.Int).Mod(new(big.Int).Abs(b), big.NewInt(mod)).Int64()
	if b.Sign() < 0 {
		m = -m
	}
	if m == -1 {
		m = -2
	}
	return m
}
