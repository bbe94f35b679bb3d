package tensor

import (
	"math"
	"testing"
)

// A row shorter than a vector sums its values one by one, then adds the
// vector's lanes, all +0: a sum of negative zeros comes out +0, as the
// lanes make it in PyTorch's kernel.
func TestInnerSumOfAShortRow(t *testing.T) {
	f32 := func(x float64) float64 { return float64(float32(x)) }
	negZero := math.Copysign(0, -1)
	for _, c := range []struct {
		v    []float64
		want float64
	}{
		{[]float64{negZero}, 0},
		{[]float64{negZero, negZero, negZero}, 0},
		{[]float64{0.1, 0.2, 0.3}, f32(f32(f32(0.1)+0.2) + 0.3)},
		{[]float64{-1.5, 1.5}, 0},
		{[]float64{math.Inf(1), 1}, math.Inf(1)},
	} {
		got := innerSum(c.v, 8, f32)
		if math.Float64bits(got) != math.Float64bits(c.want) {
			t.Errorf("innerSum(%v) = %v (bits %x), want %v (bits %x)", c.v, got, math.Float64bits(got), c.want, math.Float64bits(c.want))
		}
	}
}
