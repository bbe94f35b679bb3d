package tensor

import (
	"slices"
	"testing"
)

// An in-place op computed straight into its tensor gives what the op's
// result copied back gives, whatever the other operand is: a scalar, a
// broadcast row, the tensor itself, a transposed view of its memory, or an
// overlapping slice of it (which must not be read after it is written).
// Each charges the bytes a result tensor would, as before.
func TestInPlaceOpsMatchTheirResults(t *testing.T) {
	m := musts(t)
	vals := []float64{1.5, -2, 0.25, 3, 7, -0.5, 2, 4, -1}
	ints := func(i int) *int { return &i }
	tests := []struct {
		name  string
		setup func(c *Context) (x, other *Tensor)
	}{
		{"scalar", func(c *Context) (*Tensor, *Tensor) {
			return m(FromValues(c, Float32, []int{3, 3}, vals)), Scalar(c, Float64, 0.9)
		}},
		{"row", func(c *Context) (*Tensor, *Tensor) {
			return m(FromValues(c, Float32, []int{3, 3}, vals)), m(FromValues(c, Float32, []int{3}, []float64{1, -1, 0.5}))
		}},
		{"itself", func(c *Context) (*Tensor, *Tensor) {
			x := m(FromValues(c, Float32, []int{3, 3}, vals))
			return x, x
		}},
		{"its transpose", func(c *Context) (*Tensor, *Tensor) {
			x := m(FromValues(c, Float32, []int{3, 3}, vals))
			return x, m(x.T())
		}},
		{"an overlapping slice", func(c *Context) (*Tensor, *Tensor) {
			base := m(FromValues(c, Float32, []int{9}, vals))
			return m(base.Slice(0, ints(1), ints(7), 1)), m(base.Slice(0, ints(0), ints(6), 1))
		}},
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
			c.Budget = BudgetFunc(func(n int64) error { charged += n; return nil })
			x, o := tc.setup(c)
			want := m(op.op(x, o)).Values()
			charged = 0
			if err := op.inPlace(x, o); err != nil {
				t.Fatal(err)
			}
			if got := x.Values(); !slices.Equal(got, want) {
				t.Errorf("%s with %s: got %v, want %v", op.name, tc.name, got, want)
			}
			if n := int64(x.Numel() * 4); charged != n {
				t.Errorf("%s with %s charged %d bytes, want %d", op.name, tc.name, charged, n)
			}
		}
	}
}

// expandValues reads a tensor broadcast to a shape as the broadcast view
// reads it, for contiguous tensors, transposed ones and offset slices.
func TestExpandValuesMatchesTheView(t *testing.T) {
	m := musts(t)
	c := NewContext()
	base := m(FromValues(c, Float64, []int{2, 3}, []float64{1, 2, 3, 4, 5, 6}))
	one := 1
	tests := []struct {
		x     *Tensor
		shape []int
	}{
		{base, []int{2, 3}},
		{base, []int{4, 2, 3}},
		{m(base.T()), []int{2, 3, 2}},
		{m(base.Select(1, 2)), []int{3, 2}},
		{m(base.Slice(1, &one, nil, 1)), []int{5, 2, 2}},
		{m(FromValues(c, Float64, []int{3, 1}, []float64{7, 8, 9})), []int{3, 4}},
		{m(FromValues(c, Float64, []int{}, []float64{7})), []int{2, 2}},
		{m(FromValues(c, Float64, []int{1, 3}, []float64{7, 8, 9})), []int{0, 3}},
	}
	for _, tc := range tests {
		if got, want := tc.x.expandValues(tc.shape), tc.x.expandView(tc.shape).Values(); !slices.Equal(got, want) {
			t.Errorf("%v (strides %v) to %v: got %v, want %v", tc.x.shape, tc.x.strides, tc.shape, got, want)
		}
	}
}
