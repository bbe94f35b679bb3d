package tensor

import (
	"math"
	"math/rand"
	"slices"
	"testing"
	"unsafe"
)

// The gradient checks run in float64, where a central difference is
// accurate to about 1e-8, and compare with the gradients backward computes.

func randTensor(t *testing.T, c *Context, r *rand.Rand, shape []int, lo, hi float64) *Tensor {
	t.Helper()
	n := 1
	for _, s := range shape {
		n *= s
	}
	vals := make([]float64, n)
	for i := range vals {
		vals[i] = lo + (hi-lo)*r.Float64()
	}
	x, err := FromValues(c, Float64, shape, vals)
	if err != nil {
		t.Fatal(err)
	}
	if err := x.SetRequiresGrad(true); err != nil {
		t.Fatal(err)
	}
	return x
}

// musts returns a helper that unwraps (tensor, error) results.
func musts(t *testing.T) func(*Tensor, error) *Tensor {
	return func(x *Tensor, err error) *Tensor {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return x
	}
}

func scalar(c *Context, v float64) *Tensor { return Scalar(c, Float64, v) }

type gradCase struct {
	name   string
	shapes [][]int
	lo, hi float64
	f      func(t *testing.T, c *Context, in []*Tensor) *Tensor
}

var gradCases = []gradCase{
	{"add-broadcast", [][]int{{2, 3}, {3}}, -1, 1, func(t *testing.T, c *Context, in []*Tensor) *Tensor {
		m := musts(t)
		s := m(Add(in[0], in[1], 0.5))
		return m(SumDims(m(Mul(s, s)), nil, false, nil))
	}},
	{"sub-mul-div", [][]int{{3}, {3}}, 0.5, 2, func(t *testing.T, c *Context, in []*Tensor) *Tensor {
		m := musts(t)
		d := m(Sub(in[0], in[1], 1))
		q := m(Div(m(Mul(d, in[0])), in[1]))
		return m(SumDims(q, nil, false, nil))
	}},
	{"pow-scalar-and-tensor", [][]int{{4}, {4}}, 0.5, 1.5, func(t *testing.T, c *Context, in []*Tensor) *Tensor {
		m := musts(t)
		a := m(Pow(in[0], scalar(c, 3)))
		b := m(Pow(in[0], in[1]))
		return m(Mean(m(Add(a, b, 1)), nil, false, nil))
	}},
	{"unary", [][]int{{5}}, 0.2, 2, func(t *testing.T, c *Context, in []*Tensor) *Tensor {
		m := musts(t)
		x := in[0]
		y := m(Add(m(Exp(x)), m(Log(x)), 1))
		y = m(Add(y, m(Sqrt(x)), 1))
		y = m(Add(y, m(Tanh(x)), 1))
		y = m(Add(y, m(Sigmoid(x)), 1))
		y = m(Add(y, m(Neg(m(Abs(x)))), 1))
		return m(SumDims(y, nil, false, nil))
	}},
	{"relu-clamp", [][]int{{6}}, -1, 1, func(t *testing.T, c *Context, in []*Tensor) *Tensor {
		m := musts(t)
		lo, hi := -0.5, 0.5
		y := m(Add(m(Relu(in[0])), m(Clamp(in[0], &lo, &hi)), 1))
		return m(SumDims(m(Mul(y, y)), nil, false, nil))
	}},
	{"linear-mse", [][]int{{4, 3}, {2, 3}, {2}, {4, 2}}, -1, 1, func(t *testing.T, c *Context, in []*Tensor) *Tensor {
		m := musts(t)
		out := m(Linear(in[0], in[1], in[2]))
		return m(MseLoss(out, in[3], ReduceMean))
	}},
	{"matmul-shapes", [][]int{{3}, {3, 2}, {2, 3}}, -1, 1, func(t *testing.T, c *Context, in []*Tensor) *Tensor {
		m := musts(t)
		v := m(Matmul(in[0], in[1]))
		mv := m(Matmul(in[2], in[0]))
		d := m(Dot(v, v))
		return m(Add(d, m(SumDims(mv, nil, false, nil)), 1))
	}},
	{"views", [][]int{{2, 3}}, -1, 1, func(t *testing.T, c *Context, in []*Tensor) *Tensor {
		m := musts(t)
		x := in[0]
		tr := m(x.T())
		r := m(tr.Reshape([]int{6}))
		u := m(r.Unsqueeze(0))
		s := m(m(x.Slice(1, nil, nil, 2)).Select(0, 1))
		w := m(Mul(u, m(u.Flatten(0, -1))))
		e := m(m(s.Unsqueeze(1)).Expand([]int{2, 3}))
		return m(Add(m(SumDims(w, nil, false, nil)), m(SumDims(m(Mul(e, e)), nil, false, nil)), 1))
	}},
	{"reductions", [][]int{{3, 4}}, -1, 1, func(t *testing.T, c *Context, in []*Tensor) *Tensor {
		m := musts(t)
		x := in[0]
		a := m(SumDims(m(Mean(x, []int{1}, true, nil)), nil, false, nil))
		b := m(SumDims(m(Var(x, []int{0}, 1, false, false)), nil, false, nil))
		s := m(SumDims(m(Var(x, nil, 1, false, true)), nil, false, nil))
		n := m(Norm(x, 2, nil, false))
		mx, _, err := MaxDim(x, 1, false, true)
		if err != nil {
			t.Fatal(err)
		}
		ms := m(SumDims(mx, nil, false, nil))
		total := m(Add(a, b, 1))
		total = m(Add(total, s, 1))
		total = m(Add(total, n, 1))
		return m(Add(total, ms, 1))
	}},
	{"cross-entropy", [][]int{{4, 3}}, -2, 2, func(t *testing.T, c *Context, in []*Tensor) *Tensor {
		m := musts(t)
		target := m(FromValues(c, Int64, []int{4}, []float64{0, 2, 1, 2}))
		return m(CrossEntropy(in[0], target, ReduceMean, -100))
	}},
	{"softmax", [][]int{{2, 3}}, -1, 1, func(t *testing.T, c *Context, in []*Tensor) *Tensor {
		m := musts(t)
		p := m(Softmax(in[0], 1))
		w := m(FromValues(c, Float64, []int{2, 3}, []float64{1, 2, 3, -1, 0.5, 2}))
		return m(SumDims(m(Mul(p, w)), nil, false, nil))
	}},
	{"cat-stack", [][]int{{2}, {2}}, -1, 1, func(t *testing.T, c *Context, in []*Tensor) *Tensor {
		m := musts(t)
		a := m(Cat([]*Tensor{in[0], in[1]}, 0))
		b := m(Stack([]*Tensor{in[0], in[1]}, 1))
		return m(Add(m(SumDims(m(Mul(a, a)), nil, false, nil)), m(SumDims(m(Exp(b)), nil, false, nil)), 1))
	}},
	{"batchnorm-train", [][]int{{4, 2}, {2}, {2}}, -1, 1, func(t *testing.T, c *Context, in []*Tensor) *Tensor {
		m := musts(t)
		y := m(BatchNorm(in[0], nil, nil, in[1], in[2], true, 0.1, 1e-5))
		w := m(FromValues(c, Float64, []int{4, 2}, []float64{1, -2, 0.5, 3, -1, 2, 0.25, 1}))
		return m(SumDims(m(Mul(y, w)), nil, false, nil))
	}},
	{"assign-view", [][]int{{2, 3}, {3}}, -1, 1, func(t *testing.T, c *Context, in []*Tensor) *Tensor {
		m := musts(t)
		base := m(Mul(in[0], Scalar(c, Float64, 2)))
		row := m(base.Select(0, 1))
		if err := AssignView(base, row, m(Mul(in[1], in[1]))); err != nil {
			t.Fatal(err)
		}
		return m(SumDims(m(Mul(base, base)), nil, false, nil))
	}},
	{"l1-where-index", [][]int{{5}, {5}}, -1, 1, func(t *testing.T, c *Context, in []*Tensor) *Tensor {
		m := musts(t)
		l := m(L1Loss(in[0], in[1], ReduceSum))
		idx := m(IndexSelect(in[0], 0, []int{4, 0, 4}))
		cond := m(FromValues(c, Bool, []int{5}, []float64{1, 0, 1, 0, 1}))
		w := m(Where(cond, in[0], in[1]))
		total := m(Add(l, m(SumDims(m(Mul(idx, idx)), nil, false, nil)), 1))
		return m(Add(total, m(SumDims(m(Mul(w, w)), nil, false, nil)), 1))
	}},
}

func TestGradientsMatchFiniteDifferences(t *testing.T) {
	for _, tc := range gradCases {
		t.Run(tc.name, func(t *testing.T) {
			c := NewContext()
			r := rand.New(rand.NewSource(1))
			var in []*Tensor
			for _, s := range tc.shapes {
				in = append(in, randTensor(t, c, r, s, tc.lo, tc.hi))
			}
			out := tc.f(t, c, in)
			if err := Backward(out, nil, false); err != nil {
				t.Fatal(err)
			}
			const h = 1e-6
			for k, x := range in {
				if x.Grad == nil {
					t.Fatalf("input %d: no gradient", k)
				}
				got := x.Grad.Values()
				for i := range x.st.Data {
					orig := x.st.Data[i]
					eval := func(v float64) float64 {
						x.st.Data[i] = v
						saved := c.GradEnabled
						c.GradEnabled = false
						y := tc.f(t, c, in)
						c.GradEnabled = saved
						x.st.Data[i] = orig
						return y.Values()[0]
					}
					want := (eval(orig+h) - eval(orig-h)) / (2 * h)
					if math.Abs(got[i]-want) > 1e-5*math.Max(1, math.Abs(want)) {
						t.Errorf("input %d element %d: backward %.9g, finite difference %.9g", k, i, got[i], want)
					}
				}
			}
		})
	}
}

func TestBackwardErrors(t *testing.T) {
	m := musts(t)
	c := NewContext()
	x := m(FromValues(c, Float32, []int{2}, []float64{1, 2}))
	if err := Backward(x, nil, false); err == nil || err.Error() != "RuntimeError: element 0 of tensors does not require grad and does not have a grad_fn" {
		t.Errorf("backward of a constant: %v", err)
	}
	x.SetRequiresGrad(true)
	y := m(Mul(x, x))
	if err := Backward(y, nil, false); err == nil || err.Error() != "RuntimeError: grad can be implicitly created only for scalar outputs" {
		t.Errorf("backward of a vector: %v", err)
	}
	s := m(SumDims(y, nil, false, nil))
	if err := Backward(s, nil, false); err != nil {
		t.Fatal(err)
	}
	if err := Backward(s, nil, false); err == nil || err.Error() != "RuntimeError: "+ErrBackwardTwice {
		t.Errorf("second backward: %v", err)
	}
	// retain_graph keeps the saved tensors, and gradients accumulate
	x.Grad = nil
	s = m(SumDims(m(Mul(x, x)), nil, false, nil))
	if err := Backward(s, nil, true); err != nil {
		t.Fatal(err)
	}
	if err := Backward(s, nil, false); err != nil {
		t.Fatal(err)
	}
	if got := x.Grad.Values(); got[0] != 4 || got[1] != 8 {
		t.Errorf("accumulated grad = %v, want [4 8]", got)
	}
	if err := x.Fill(0); err == nil {
		t.Error("in-place fill of a leaf that requires grad succeeded")
	}
}

func TestViewsShareStorage(t *testing.T) {
	m := musts(t)
	c := NewContext()
	x := m(FromValues(c, Float32, []int{2, 3}, []float64{0, 1, 2, 3, 4, 5}))
	row := m(x.Select(0, 1))
	if err := row.Fill(9); err != nil {
		t.Fatal(err)
	}
	tr := m(x.T())
	d := x.Detach()
	if err := d.AddInPlace(Scalar(c, Int64, 1), 1); err != nil {
		t.Fatal(err)
	}
	want := []float64{1, 10, 2, 10, 3, 10}
	got := tr.Values()
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("transposed view = %v, want %v", got, want)
		}
	}
	if _, err := tr.View([]int{6}); err == nil {
		t.Error("view of a transposed tensor succeeded")
	}
}

// A training step done twice charges the memory budget the same bytes in
// the same order and gives the same loss and gradients, though the second
// reuses what the first made (backward's root gradient).
func TestTrainStepRepeats(t *testing.T) {
	c := NewContext()
	var charged []int64
	c.Budget = BudgetFunc(func(n int64) error { charged = append(charged, n); return nil })
	must := musts(t)
	x := must(FromValues(c, Float32, []int{3, 2}, []float64{0.5, -1, 1.5, 2, -0.5, 0.25}))
	y := must(FromValues(c, Float32, []int{3, 1}, []float64{1, -1, 0.5}))
	w := must(FromValues(c, Float32, []int{1, 2}, []float64{0.25, -0.5}))
	b := must(FromValues(c, Float32, []int{1}, []float64{0.125}))
	for _, p := range []*Tensor{w, b} {
		if err := p.SetRequiresGrad(true); err != nil {
			t.Fatal(err)
		}
	}
	step := func() (charges []int64, loss float64, gw, gb []float64) {
		charged = nil
		w.Grad, b.Grad = nil, nil
		l := must(MseLoss(must(Linear(x, w, b)), y, ReduceMean))
		if err := Backward(l, nil, false); err != nil {
			t.Fatal(err)
		}
		return charged, l.Values()[0], w.Grad.Values(), b.Grad.Values()
	}
	c1, l1, gw1, gb1 := step()
	c2, l2, gw2, gb2 := step()
	if !slices.Equal(c1, c2) || l1 != l2 || !slices.Equal(gw1, gw2) || !slices.Equal(gb1, gb2) {
		t.Errorf("second step: charges %v, loss %v, grads %v %v; first: %v, %v, %v %v", c2, l2, gw2, gb2, c1, l1, gw1, gb1)
	}
}

// Backward may keep a gradient it made as a leaf's .grad instead of a copy
// (as AccumulateGrad does), but never one that another leaf also gets, and
// the kept gradient is laid out as a new tensor.
func TestKeptGradientsAreLeavesOwn(t *testing.T) {
	c := NewContext()
	must := musts(t)
	leaf := func(shape []int, vals ...float64) *Tensor {
		x := must(FromValues(c, Float32, shape, vals))
		if err := x.SetRequiresGrad(true); err != nil {
			t.Fatal(err)
		}
		return x
	}
	// a + b passes the gradient (k, made by mul's backward) to both
	// leaves unchanged
	a, b := leaf([]int{2}, 1, 2), leaf([]int{2}, 3, 4)
	k := must(FromValues(c, Float32, []int{2}, []float64{5, 6}))
	s := must(SumDims(must(Mul(must(Add(a, b, 1)), k)), nil, false, nil))
	if err := Backward(s, nil, false); err != nil {
		t.Fatal(err)
	}
	if a.Grad.Storage() == b.Grad.Storage() {
		t.Errorf("a.grad and b.grad share a storage")
	}
	if got, want := b.Grad.Values(), []float64{5, 6}; !slices.Equal(a.Grad.Values(), want) || !slices.Equal(got, want) {
		t.Errorf("a.grad %v, b.grad %v, want %v", a.Grad.Values(), got, want)
	}
	// a weight of one row: its gradient comes through t()'s backward
	x := must(FromValues(c, Float32, []int{3, 2}, []float64{0.5, -1, 1.5, 2, -0.5, 0.25}))
	w, bias := leaf([]int{1, 2}, 0.25, -0.5), leaf([]int{1}, 0.125)
	l := must(SumDims(must(Linear(x, w, bias)), nil, false, nil))
	if err := Backward(l, nil, false); err != nil {
		t.Fatal(err)
	}
	if got, want := w.Grad.Strides(), []int{2, 1}; !slices.Equal(got, want) {
		t.Errorf("w.grad strides %v, want %v", got, want)
	}
	if got, want := w.Grad.Values(), []float64{1.5, 1.25}; !slices.Equal(got, want) {
		t.Errorf("w.grad %v, want %v", got, want)
	}
	if got, want := bias.Grad.Values(), []float64{3}; !slices.Equal(got, want) {
		t.Errorf("bias.grad %v, want %v", got, want)
	}
}

// A tensor and a node take 112 bytes each, which keeps the allocations
// made of them (a view and its object, the two tensors of a backward
// pass's scratch, an op and its node) in the size classes below.
func TestTensorAndNodeSizeClasses(t *testing.T) {
	for _, c := range []struct {
		name      string
		got, want uintptr
	}{
		{"Tensor", unsafe.Sizeof(Tensor{}), 112},
		{"Node", unsafe.Sizeof(Node{}), 112},
		{"viewAlloc", unsafe.Sizeof(viewAlloc{}), 144},
		{"[2]tensorAlloc", unsafe.Sizeof([2]tensorAlloc{}), 416},
		{"tOp", unsafe.Sizeof(tOp{}), 256},
		{"addmmOp", unsafe.Sizeof(addmmOp{}), 352},
		{"mseOp", unsafe.Sizeof(mseOp{}), 320},
	} {
		if c.got > c.want {
			t.Errorf("a %s takes %d bytes, want at most %d", c.name, c.got, c.want)
		}
	}
}

// The in-place loop of a small float32 product gives the bits of the
// staged one, whatever the operands' strides (a transposed weight) and
// wherever the bias is added.
func TestMmFloat32SmallMatchesStaged(t *testing.T) {
	c := NewContext()
	r := rand.New(rand.NewSource(1))
	for trial := 0; trial < 500; trial++ {
		m, k, n := 1+r.Intn(5), 1+r.Intn(5), 1+r.Intn(5)
		a := randTensor(t, c, r, []int{m, k}, -3, 3)
		b := randTensor(t, c, r, []int{k, n}, -3, 3)
		if trial%2 == 1 {
			bt := randTensor(t, c, r, []int{n, k}, -3, 3)
			b = bt.transposeView(new(viewAlloc)) // strides (1, k)
		}
		var cv []float64
		if trial%3 != 0 {
			cv = randTensor(t, c, r, []int{m, n}, -3, 3).vals()
		}
		transposedB := trial%4 == 1
		small := make([]float64, m*n)
		staged := make([]float64, m*n)
		mmFloat32Small(small, a, b, cv, m, k, n, transposedB)
		mmFloat32Staged(staged, a, b, cv, m, k, n, transposedB)
		for i := range small {
			if math.Float64bits(small[i]) != math.Float64bits(staged[i]) {
				t.Fatalf("%dx%d @ %dx%d: element %d is %v in place, %v staged", m, k, k, n, i, small[i], staged[i])
			}
		}
	}
}
