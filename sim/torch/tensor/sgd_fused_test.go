package tensor

import (
	"math"
	"math/rand"
	"testing"
)

// The fused momentum step gives the bits of sgd.py's three in-place ops,
// for values of every magnitude and for dampening, over several steps.
func TestSGDMomentumStepIsTheOps(t *testing.T) {
	c := NewContext()
	rnd := rand.New(rand.NewSource(1))
	value := func() float64 {
		return Float32.Round(rnd.NormFloat64() * math.Pow(10, float64(rnd.Intn(12)-6)))
	}
	tensor := func(n int) *Tensor {
		vals := make([]float64, n)
		for i := range vals {
			vals[i] = value()
		}
		x, err := FromValues(c, Float32, []int{n}, vals)
		if err != nil {
			t.Fatal(err)
		}
		return x
	}
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

// copyOf is a contiguous copy of x.
func copyOf(t *testing.T, x *Tensor) *Tensor {
	c, err := FromValues(x.ctx, x.dtype, x.shape, x.Values())
	if err != nil {
		t.Fatal(err)
	}
	return c
}
