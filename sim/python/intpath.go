package python

import (
	"math"
	"math/bits"
)

// Boxing an int in a Value allocates once it is past the small-int cache,
// so nested int arithmetic, (x * 3 + y) % m, keeps its intermediate results
// unboxed and boxes only the value the expression produces. Anything else
// (overflow, division by zero, floats, other types, operator overloading)
// takes the general path through Binary and Compare.

// evalOperand evaluates an operand of arithmetic or a comparison. isInt
// reports an int that fits in int64, returned in n; v is the value boxed
// when it already was, nil when only n holds it.
func (fr *frame) evalOperand(e Expr) (v Value, n int64, isInt bool, err error) {
	switch x := e.(type) {
	case *BinOp:
		return fr.evalBinOp(x)
	case *Name:
		if x.kind == nameLocal {
			v = fr.locals[x.index]
		}
	case *Const:
		v = x.Value
	}
	if v == nil {
		v, err = fr.eval(e)
		if err != nil {
			return nil, 0, false, err
		}
	}
	if i, ok := v.(Int); ok {
		return v, int64(i), true, nil
	}
	return v, 0, false, nil
}

// evalBinOp evaluates a binary operation, as evalOperand reports it.
func (fr *frame) evalBinOp(x *BinOp) (Value, int64, bool, error) {
	a, an, aInt, err := fr.evalOperand(x.X)
	if err != nil {
		return nil, 0, false, err
	}
	b, bn, bInt, err := fr.evalOperand(x.Y)
	if err != nil {
		return nil, 0, false, err
	}
	if aInt && bInt {
		if r, ok := intArith(x.Op, an, bn); ok {
			return nil, r, true, nil
		}
	}
	if a == nil {
		a = boxInt(an)
	}
	if b == nil {
		b = boxInt(bn)
	}
	r, err := Binary(fr.t, x.Op, a, b)
	if err != nil {
		return nil, 0, false, fr.annotate(err, x)
	}
	if i, ok := r.(Int); ok {
		return r, int64(i), true, nil
	}
	return r, 0, false, nil
}

// intArith computes x op y for the operators whose int result it can
// produce exactly; ok is false when the general path must decide (overflow
// into a big int, division by zero, true division, shifts, powers).
func intArith(op Op, x, y int64) (int64, bool) {
	switch op {
	case Add:
		s := x + y
		return s, (s > x) == (y > 0)
	case Sub:
		s := x - y
		return s, (s < x) == (y > 0)
	case Mul:
		if x == math.MinInt64 || y == math.MinInt64 {
			return 0, false
		}
		hi, lo := bits.Mul64(uint64(abs64(x)), uint64(abs64(y)))
		if hi != 0 || lo > math.MaxInt64 {
			return 0, false
		}
		if (x < 0) != (y < 0) {
			return -int64(lo), true
		}
		return int64(lo), true
	case FloorDiv:
		if y == 0 || (x == math.MinInt64 && y == -1) {
			return 0, false
		}
		q := x / y
		if x%y != 0 && (x < 0) != (y < 0) {
			q--
		}
		return q, true
	case Mod:
		if y == 0 {
			return 0, false
		}
		if y == -1 {
			return 0, true
		}
		m := x % y
		if m != 0 && (m < 0) != (y < 0) {
			m += y
		}
		return m, true
	case And:
		return x & y, true
	case Or:
		return x | y, true
	case Xor:
		return x ^ y, true
	}
	return 0, false
}

// intCompare computes x op y for the ordering and equality operators.
func intCompare(op string, x, y int64) (result, ok bool) {
	switch op {
	case "<":
		return x < y, true
	case "<=":
		return x <= y, true
	case ">":
		return x > y, true
	case ">=":
		return x >= y, true
	case "==":
		return x == y, true
	case "!=":
		return x != y, true
	}
	return false, false
}

// evalCond evaluates the condition of an if, while or conditional
// expression as a truth value.
func (fr *frame) evalCond(e Expr) (bool, error) {
	v, err := fr.eval(e)
	if err != nil {
		return false, err
	}
	return fr.truth(v, e)
}
