package python

import (
	"math"
	"testing"
)

// TestIntArithAgreesWithBinary checks the unboxed int path against the
// general one on the edges of int64: where intArith answers, Binary must
// give the same int.
func TestIntArithAgreesWithBinary(t *testing.T) {
	vals := []int64{0, 1, -1, 2, -2, 3, -7, 97, 1 << 17, -(1 << 17), 1<<31 - 1, -(1 << 31), 1 << 32,
		math.MaxInt64, math.MinInt64, math.MaxInt64 - 1, math.MinInt64 + 1, 3037000499, -3037000500}
	ops := []Op{Add, Sub, Mul, FloorDiv, Mod, And, Or, Xor, TrueDiv, Pow, LShift, RShift}
	for _, op := range ops {
		for _, x := range vals {
			for _, y := range vals {
				got, ok := intArith(op, x, y)
				if !ok {
					continue
				}
				want, err := Binary(nil, op, Int(x), Int(y))
				if err != nil {
					t.Fatalf("%d %v %d: fast path answered %d, Binary raised %v", x, op, y, got, err)
				}
				if w, isInt := want.(Int); !isInt || int64(w) != got {
					t.Errorf("%d %v %d: fast path %d, Binary %v", x, op, y, got, want)
				}
			}
		}
	}
}
