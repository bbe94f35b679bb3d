package tensor

import (
	"fmt"
	"math"
	"math/rand"
	"testing"
)

// The fused momentum step gives the bits of sgd.py's three in-place ops,
// for values of every magnitude and for dampening, over several steps.
func TestSGDMomentumStepIsTheOps(t *testing.T) {
	c := NewContext()
	rnd := rand.New(rand.NewSource(1))
	tensor := func(n int) *Tensor { return randomFloat32s(t, c, rnd, n) }
	for _, o := range []SGDOptions{{LR: 0.05, Momentum: 0.9}, {LR: 0.1, Momentum: 0.5, Dampening: 0.3}, {LR: 1e-3, Momentum: 0.99}} {
		p, g, buf := tensor(7), tensor(7), tensor(7)
		p2, buf2 := copyOf(t, p), copyOf(t, buf)
		for step := 0; step < 5; step++ {
			if !sgdMomentumFused(p, g, buf) {
				t.Fatal("the fused step does not take plain float32 tensors")
			}
			if _, err := SGDStep(p, g, buf, o); err != nil {
				t.Fatal(err)
			}
			if _, err := sgdStepOps(p2, g, buf2, o); err != nil {
				t.Fatal(err)
			}
			for i := range p.st.Data {
				if p.st.Data[i] != p2.st.Data[i] || buf.st.Data[i] != buf2.st.Data[i] {
					t.Fatalf("%+v step %d element %d: fused %v %v, ops %v %v", o, step, i, p.st.Data[i], buf.st.Data[i], p2.st.Data[i], buf2.st.Data[i])
				}
			}
		}
	}
}

// randomFloat32s is a float32 vector of n values of every magnitude, from
// 1e-6 to 1e5 and of either sign.
func randomFloat32s(t *testing.T, c *Context, rnd *rand.Rand, n int) *Tensor {
	vals := make([]float64, n)
	for i := range vals {
		vals[i] = Float32.Round(rnd.NormFloat64() * math.Pow(10, float64(rnd.Intn(12)-6)))
	}
	x, err := FromValues(c, Float32, []int{n}, vals)
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// copyOf is a contiguous copy of x.
func copyOf(t *testing.T, x *Tensor) *Tensor {
	c, err := FromValues(x.ctx, x.dtype, x.shape, x.Values())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// The fused Adam and AdamW step gives the bits of adam.py's ops, for values
// of every magnitude, both branches of lerp_ and several steps, and
// charges the memory budget the same bytes in the same order.
func TestAdamStepIsTheOps(t *testing.T) {
	rnd := rand.New(rand.NewSource(2))
	opts := []AdamOptions{
		{LR: 1e-3, Beta1: 0.9, Beta2: 0.999, Eps: 1e-8},
		{LR: 0.01, Beta1: 0.3, Beta2: 0.6, Eps: 1e-3},
		{LR: 0.1, Beta1: 0.9, Beta2: 0.99, Eps: 1e-8, WeightDecay: 0.01, Decoupled: true},
	}
	for _, o := range opts {
		for _, n := range []int{1, 7, 40} {
			var charges [2][]int64
			run := func(k int, fused bool) (*Tensor, *AdamState) {
				rnd.Seed(int64(n))
				c := NewContext()
				c.Budget = BudgetFunc(func(b int64) error { charges[k] = append(charges[k], b); return nil })
				tensor := func() *Tensor { return randomFloat32s(t, c, rnd, n) }
				p := tensor()
				s, err := NewAdamState(p, false)
				if err != nil {
					t.Fatal(err)
				}
				for step := 0; step < 5; step++ {
					g := tensor()
					if fused {
						if !adamFused(p, g, s, o) {
							t.Fatal("the fused step does not take plain float32 tensors")
						}
						err = AdamStep(p, g, s, o)
					} else {
						err = adamStepOps(p, g, s, o)
					}
					if err != nil {
						t.Fatal(err)
					}
				}
				return p, s
			}
			p, s := run(0, true)
			p2, s2 := run(1, false)
			for _, pair := range [][2]*Tensor{{p, p2}, {s.ExpAvg, s2.ExpAvg}, {s.ExpAvgSq, s2.ExpAvgSq}, {s.Step, s2.Step}} {
				for i := range pair[0].st.Data {
					if a, b := pair[0].st.Data[i], pair[1].st.Data[i]; math.Float64bits(a) != math.Float64bits(b) {
						t.Fatalf("%+v n=%d element %d: fused %v, ops %v", o, n, i, a, b)
					}
				}
			}
			if fmt.Sprint(charges[0]) != fmt.Sprint(charges[1]) {
				t.Errorf("%+v n=%d: fused charges %v, ops %v", o, n, charges[0], charges[1])
			}
		}
	}
}
