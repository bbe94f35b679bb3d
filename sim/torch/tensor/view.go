package tensor

// wrapDim turns a possibly negative dim into an index, with PyTorch's error.
func wrapDim(dim, ndim int) (int, error) {
	n := ndim
	if n == 0 {
		n = 1
	}
	if dim < -n || dim >= n {
		return 0, errorf("IndexError", "Dimension out of range (expected to be in range of [%d, %d], but got %d)", -n, n-1, dim)
	}
	if dim < 0 {
		dim += n
	}
	return dim, nil
}

// WrapDim is wrapDim for the binding.
func WrapDim(dim, ndim int) (int, error) { return wrapDim(dim, ndim) }

// inferShape resolves one -1 in a requested shape for n elements.
func inferShape(shape []int, n int) ([]int, error) {
	out := append([]int(nil), shape...)
	infer := -1
	prod := 1
	for i, s := range out {
		switch {
		case s == -1:
			if infer >= 0 {
				return nil, errorf("RuntimeError", "only one dimension can be inferred")
			}
			infer = i
		case s < 0:
			return nil, errorf("RuntimeError", "invalid shape dimension %d", s)
		default:
			prod *= s
		}
	}
	if infer >= 0 {
		if prod == 0 || n%prod != 0 {
			return nil, errorf("RuntimeError", "shape '%s' is invalid for input of size %d", formatList(shape), n)
		}
		out[infer] = n / prod
	} else if prod != n {
		return nil, errorf("RuntimeError", "shape '%s' is invalid for input of size %d", formatList(shape), n)
	}
	return out, nil
}

// viewBackward reshapes the gradient back to the input's shape.
func viewBackward(name string, in, out *Tensor) {
	shape := append([]int(nil), in.shape...)
	if needsGrad(in) {
		record(name, out, []*Tensor{in}, false, func(g *Tensor) ([]*Tensor, error) {
			r, err := g.Reshape(shape)
			return grads(r), err
		})
	}
}

// View is view(): only for tensors whose memory allows it.
func (t *Tensor) View(shape []int) (*Tensor, error) {
	s, err := inferShape(shape, t.Numel())
	if err != nil {
		return nil, err
	}
	if !t.IsContiguous() {
		return nil, errorf("RuntimeError", "view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.")
	}
	r := t.view(s, contiguousStrides(s), t.off)
	viewBackward("ViewBackward0", t, r)
	return r, nil
}

// Reshape is reshape(): a view when possible, else a copy.
func (t *Tensor) Reshape(shape []int) (*Tensor, error) {
	if t.IsContiguous() {
		return t.View(shape)
	}
	s, err := inferShape(shape, t.Numel())
	if err != nil {
		return nil, err
	}
	r, err := FromValues(t.ctx, t.dtype, s, t.vals())
	if err != nil {
		return nil, err
	}
	viewBackward("UnsafeViewBackward0", t, r)
	return r, nil
}

// Flatten is flatten(start_dim, end_dim).
func (t *Tensor) Flatten(start, end int) (*Tensor, error) {
	if t.Dim() == 0 {
		return t.Reshape([]int{1})
	}
	s, err := wrapDim(start, t.Dim())
	if err != nil {
		return nil, err
	}
	e, err := wrapDim(end, t.Dim())
	if err != nil {
		return nil, err
	}
	if s > e {
		return nil, errorf("RuntimeError", "flatten() has invalid args: start_dim cannot come after end_dim")
	}
	if s == e {
		return t, nil
	}
	shape := append([]int(nil), t.shape[:s]...)
	p := 1
	for _, x := range t.shape[s : e+1] {
		p *= x
	}
	shape = append(shape, p)
	shape = append(shape, t.shape[e+1:]...)
	return t.Reshape(shape)
}

// Transpose swaps two dimensions.
func (t *Tensor) Transpose(d0, d1 int) (*Tensor, error) {
	a, err := wrapDim(d0, t.Dim())
	if err != nil {
		return nil, err
	}
	b, err := wrapDim(d1, t.Dim())
	if err != nil {
		return nil, err
	}
	shape := append([]int(nil), t.shape...)
	strides := append([]int(nil), t.strides...)
	if t.Dim() > 0 {
		shape[a], shape[b] = shape[b], shape[a]
		strides[a], strides[b] = strides[b], strides[a]
	}
	r := t.view(shape, strides, t.off)
	if needsGrad(t) {
		record("TransposeBackward0", r, []*Tensor{t}, false, func(g *Tensor) ([]*Tensor, error) {
			x, err := g.Transpose(a, b)
			return grads(x), err
		})
	}
	return r, nil
}

// T is t(): the transpose of a matrix (vectors and scalars unchanged).
func (t *Tensor) T() (*Tensor, error) {
	if t.Dim() > 2 {
		return nil, errorf("RuntimeError", "t() expects a tensor with <= 2 dimensions, but self is %dD", t.Dim())
	}
	if !needsGrad(t) {
		return t.transposeView(new(viewAlloc)), nil
	}
	op := &tOp{}
	r := t.transposeView(&op.out)
	op.node.fn = op
	attach(&op.node, "TBackward0", r, []*Tensor{t}, false)
	return r, nil
}

// transposeView is t.t()'s view, made in a.
func (t *Tensor) transposeView(a *viewAlloc) *Tensor {
	r := t.viewIn(a, t.Dim(), t.off)
	if t.Dim() < 2 {
		copy(r.shape, t.shape)
		copy(r.strides, t.strides)
	} else {
		r.shape[0], r.shape[1] = t.shape[1], t.shape[0]
		r.strides[0], r.strides[1] = t.strides[1], t.strides[0]
	}
	return r
}

// A tOp is a recorded t(): the view and its node in one allocation.
type tOp struct {
	out  viewAlloc
	node Node
}

func (op *tOp) grad(g *Tensor) ([]*Tensor, error) {
	x, err := g.T()
	if err == nil && x.IsContiguous() {
		// strides as a new tensor's where only size-1 dimensions differ
		// (a Linear's transposed weight gradient of one row or column),
		// which address the same elements, so that accumulate may keep it
		fillContiguousStrides(x.strides, x.shape)
	}
	return grads(x), err
}

// Permute reorders dimensions.
func (t *Tensor) Permute(dims []int) (*Tensor, error) {
	if len(dims) != t.Dim() {
		return nil, errorf("RuntimeError", "permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = %d is not equal to len(dims) = %d", t.Dim(), len(dims))
	}
	shape := make([]int, len(dims))
	strides := make([]int, len(dims))
	seen := make([]bool, len(dims))
	inv := make([]int, len(dims))
	for i, d := range dims {
		w, err := wrapDim(d, t.Dim())
		if err != nil {
			return nil, err
		}
		if seen[w] {
			return nil, errorf("RuntimeError", "permute(): duplicate dims are not allowed.")
		}
		seen[w] = true
		shape[i], strides[i] = t.shape[w], t.strides[w]
		inv[w] = i
	}
	r := t.view(shape, strides, t.off)
	if needsGrad(t) {
		record("PermuteBackward0", r, []*Tensor{t}, false, func(g *Tensor) ([]*Tensor, error) {
			x, err := g.Permute(inv)
			return grads(x), err
		})
	}
	return r, nil
}

// Unsqueeze inserts a size-1 dimension.
func (t *Tensor) Unsqueeze(dim int) (*Tensor, error) {
	d, err := wrapDim(dim, t.Dim()+1)
	if err != nil {
		return nil, err
	}
	shape := append([]int(nil), t.shape[:d]...)
	strides := append([]int(nil), t.strides[:d]...)
	st := 1
	if d < t.Dim() {
		st = t.strides[d] * t.shape[d]
	}
	shape = append(append(shape, 1), t.shape[d:]...)
	strides = append(append(strides, st), t.strides[d:]...)
	r := t.view(shape, strides, t.off)
	viewBackward("UnsqueezeBackward0", t, r)
	return r, nil
}

// Squeeze removes size-1 dimensions: all of them (dim nil) or one.
func (t *Tensor) Squeeze(dim *int) (*Tensor, error) {
	var shape, strides []int
	name := "SqueezeBackward0"
	if dim == nil {
		for i, s := range t.shape {
			if s != 1 {
				shape = append(shape, s)
				strides = append(strides, t.strides[i])
			}
		}
	} else {
		name = "SqueezeBackward1"
		d, err := wrapDim(*dim, t.Dim())
		if err != nil {
			return nil, err
		}
		for i, s := range t.shape {
			if i != d || s != 1 {
				shape = append(shape, s)
				strides = append(strides, t.strides[i])
			}
		}
	}
	if shape == nil {
		shape, strides = []int{}, []int{}
	}
	r := t.view(shape, strides, t.off)
	viewBackward(name, t, r)
	return r, nil
}

// Expand is expand(): a broadcast view (-1 keeps a size).
func (t *Tensor) Expand(sizes []int) (*Tensor, error) {
	if len(sizes) < t.Dim() {
		return nil, errorf("RuntimeError", "expand(torch.FloatTensor{%s}, size=%s): the number of sizes provided (%d) must be greater or equal to the number of dimensions in the tensor (%d)", formatList(t.shape)[1:len(formatList(t.shape))-1], formatList(sizes), len(sizes), t.Dim())
	}
	shape := append([]int(nil), sizes...)
	lead := len(sizes) - t.Dim()
	for i := range shape {
		if i >= lead {
			own := t.shape[i-lead]
			if shape[i] == -1 {
				shape[i] = own
			} else if own != 1 && own != shape[i] {
				return nil, errorf("RuntimeError", "The expanded size of the tensor (%d) must match the existing size (%d) at non-singleton dimension %d.  Target sizes: %s.  Tensor sizes: %s", shape[i], own, i, formatList(sizes), formatList(t.shape))
			}
		}
	}
	r := t.expandView(shape)
	if r == t {
		r = t.viewCopy(t.shape, t.strides, t.off)
	}
	in := t
	if needsGrad(t) {
		record("ExpandBackward0", r, []*Tensor{t}, false, func(g *Tensor) ([]*Tensor, error) {
			x, err := sumTo(g, in.shape, in.dtype)
			return grads(x), err
		})
	}
	return r, nil
}

// Select is t[..., i, ...] along dim: a view with that dimension removed.
func (t *Tensor) Select(dim, index int) (*Tensor, error) {
	if t.Dim() == 0 {
		return nil, errorf("IndexError", "invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ to convert a 0-dim tensor to a number")
	}
	d, err := wrapDim(dim, t.Dim())
	if err != nil {
		return nil, err
	}
	size := t.shape[d]
	if index < -size || index >= size {
		return nil, errorf("IndexError", "index %d is out of bounds for dimension %d with size %d", index, d, size)
	}
	if index < 0 {
		index += size
	}
	shape := append(append([]int(nil), t.shape[:d]...), t.shape[d+1:]...)
	strides := append(append([]int(nil), t.strides[:d]...), t.strides[d+1:]...)
	r := t.view(shape, strides, t.off+index*t.strides[d])
	in := t
	if needsGrad(t) {
		record("SelectBackward0", r, []*Tensor{t}, false, func(g *Tensor) ([]*Tensor, error) {
			z, err := Full(g.ctx, g.dtype, in.shape, 0)
			if err != nil {
				return nil, err
			}
			dst := z.view(shape, strides, index*z.strides[d])
			dst.strides = append(append([]int(nil), z.strides[:d]...), z.strides[d+1:]...)
			dst.setValues(g.Values())
			return grads(z), nil
		})
	}
	return r, nil
}

// Slice is t[start:stop:step] along dim, with Python's clamping of bounds.
// Nil bounds mean the ends.
func (t *Tensor) Slice(dim int, start, stop *int, step int) (*Tensor, error) {
	if t.Dim() == 0 {
		return nil, errorf("IndexError", "slice() cannot be applied to a 0-dim tensor.")
	}
	d, err := wrapDim(dim, t.Dim())
	if err != nil {
		return nil, err
	}
	if step <= 0 {
		return nil, errorf("ValueError", "step must be greater than zero")
	}
	size := t.shape[d]
	clamp := func(p *int, def int) int {
		if p == nil {
			return def
		}
		v := *p
		if v < 0 {
			v += size
		}
		return min(max(v, 0), size)
	}
	s, e := clamp(start, 0), clamp(stop, size)
	n := 0
	if e > s {
		n = (e - s + step - 1) / step
	}
	shape := append([]int(nil), t.shape...)
	strides := append([]int(nil), t.strides...)
	shape[d] = n
	strides[d] = t.strides[d] * step
	r := t.view(shape, strides, t.off+s*t.strides[d])
	in := t
	if needsGrad(t) {
		record("SliceBackward0", r, []*Tensor{t}, false, func(g *Tensor) ([]*Tensor, error) {
			z, err := Full(g.ctx, g.dtype, in.shape, 0)
			if err != nil {
				return nil, err
			}
			zs := append([]int(nil), z.strides...)
			zs[d] *= step
			dst := z.view(shape, zs, s*z.strides[d])
			dst.setValues(g.Values())
			return grads(z), nil
		})
	}
	return r, nil
}

// Clone is clone(): a contiguous copy with CloneBackward0.
func (t *Tensor) Clone() (*Tensor, error) {
	r, err := FromValues(t.ctx, t.dtype, t.shape, t.vals())
	if err != nil {
		return nil, err
	}
	if needsGrad(t) {
		record("CloneBackward0", r, []*Tensor{t}, false, func(g *Tensor) ([]*Tensor, error) {
			return grads(g), nil
		})
	}
	return r, nil
}

// Contiguous returns t when contiguous, else a copy.
func (t *Tensor) Contiguous() (*Tensor, error) {
	if t.IsContiguous() {
		return t, nil
	}
	return t.Clone()
}

// To converts to dtype; it returns t itself when the dtype already matches.
func (t *Tensor) To(dtype DType) (*Tensor, error) {
	if dtype == t.dtype {
		return t, nil
	}
	r, err := Empty(t.ctx, dtype, t.shape)
	if err != nil {
		return nil, err
	}
	for i, v := range t.Values() {
		r.st.Data[i] = dtype.Round(v)
	}
	if dtype.IsFloat() {
		src := t.dtype
		if needsGrad(t) {
			record("ToCopyBackward0", r, []*Tensor{t}, false, func(g *Tensor) ([]*Tensor, error) {
				x, err := g.To(src)
				return grads(x), err
			})
		}
	}
	return r, nil
}
