package tensor

import (
	"slices"
	"testing"
)

// An in-place op computed straight into its tensor gives what the op's
// result copied back gives, whatever the other operand is: a scalar, a
// broadcast row, the tensor itself, or a transposed view of the tensor's
// own memory (which must not be read after it is written). Each charges
// the bytes a result tensor would, as before.
func TestInPlaceOpsMatchTheirResults(t *testing.T) {
	m := musts(t)
	vals := []float64{1.5, -2, 0.25, 3, 7, -0.5, 2, 4, -1}
	tests := []struct {
		name  string
		other func(x *Tensor) *Tensor
	}{
		{"scalar", func(x *Tensor) *Tensor { return Scalar(x.ctx, Float64, 0.9) }},
		{"row", func(x *Tensor) *Tensor { return m(FromValues(x.ctx, Float32, []int{3}, []float64{1, -1, 0.5})) }},
		{"itself", func(x *Tensor) *Tensor { return x }},
		{"its transpose", func(x *Tensor) *Tensor { return m(x.T()) }},
	}
	ops := []struct {
		name    string
		inPlace func(x, o *Tensor) error
		op      func(x, o *Tensor) (*Tensor, error)
	}{
		{"add_", func(x, o *Tensor) error { return x.AddInPlace(o, 0.5) }, func(x, o *Tensor) (*Tensor, error) { return Add(x, o, 0.5) }},
		{"sub_", func(x, o *Tensor) error { return x.SubInPlace(o, 2) }, func(x, o *Tensor) (*Tensor, error) { return Sub(x, o, 2) }},
		{"mul_", func(x, o *Tensor) error { return x.MulInPlace(o) }, func(x, o *Tensor) (*Tensor, error) { return Mul(x, o) }},
	}
	for _, tc := range tests {
		for _, op := range ops {
			var charged int64
			c := NewContext()
			c.Charge = func(n int64) error { charged += n; return nil }
			x := m(FromValues(c, Float32, []int{3, 3}, vals))
			want := m(op.op(x, tc.other(x))).Values()
			o := tc.other(x)
			charged = 0
			if err := op.inPlace(x, o); err != nil {
				t.Fatal(err)
			}
			if got := x.Values(); !slices.Equal(got, want) {
				t.Errorf("%s with %s: got %v, want %v", op.name, tc.name, got, want)
			}
			if charged != 9*4 {
				t.Errorf("%s with %s charged %d bytes, want %d", op.name, tc.name, charged, 9*4)
			}
		}
	}
}
