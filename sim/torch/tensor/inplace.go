package tensor

// checkInplace refuses to modify a leaf that requires grad while autograd
// records, as PyTorch does.
func (t *Tensor) checkInplace() error {
	if !t.ctx.GradEnabled || !t.requiresGrad {
		return nil
	}
	if t.IsLeaf() {
		return errorf("RuntimeError", "a leaf Variable that requires grad is being used in an in-place operation.")
	}
	// a view (through any chain of views) of such a leaf
	for n := t.gradFn(); n != nil && viewNodes[n.name] && len(n.next) > 0; n = n.next[0] {
		if next := n.next[0]; next != nil && next.acc {
			return errorf("RuntimeError", "a view of a leaf Variable that requires grad is being used in an in-place operation.")
		}
	}
	return nil
}

// viewNodes are the grad_fns of ops whose result shares its input's memory.
var viewNodes = map[string]bool{
	"ViewBackward0": true, "SelectBackward0": true, "SliceBackward0": true, "TBackward0": true,
	"TransposeBackward0": true, "PermuteBackward0": true, "UnsqueezeBackward0": true,
	"SqueezeBackward0": true, "SqueezeBackward1": true, "ExpandBackward0": true,
}

// adopt writes r's values into t (t's dtype) and, when r was recorded,
// makes t carry r's history: the in-place op becomes t's grad_fn.
func (t *Tensor) adopt(r *Tensor) error {
	if !sameShape(r.shape, t.shape) {
		e := r.expandView(t.shape)
		if len(r.shape) > len(t.shape) || !sameShape(e.shape, t.shape) {
			return errorf("RuntimeError", "output with shape %s doesn't match the broadcast shape %s", formatList(t.shape), formatList(r.shape))
		}
		r2 := r
		r = e
		r.node = r2.gradFn()
	}
	if r.st != t.st {
		t.setValues(r.vals()) // r's values are read before any is written
	} else {
		t.setValues(r.Values())
	}
	if n := r.gradFn(); n != nil {
		t.node = n
		n.t = t
		t.requiresGrad = true
	}
	return nil
}

func (t *Tensor) castCheck(dt DType) error {
	if dt.category() > t.dtype.category() {
		return errorf("RuntimeError", "result type %s can't be cast to the desired output type %s", typeName(dt), typeName(t.dtype))
	}
	return nil
}

func (t *Tensor) inplaceBinary(other *Tensor, f func(a, b *Tensor) (*Tensor, error)) error {
	if err := t.checkInplace(); err != nil {
		return err
	}
	dt := ResultType(t, other)
	if err := t.castCheck(dt); err != nil {
		return err
	}
	if err := checkBroadcast(t.shape, other.shape); err != nil {
		return err
	}
	r, err := f(t, other)
	if err != nil {
		return err
	}
	if r == t {
		return nil // computed in place (inPlaceDst)
	}
	return t.adopt(r)
}

// inPlaceDst is t when an in-place op with other can compute straight into
// t's memory, else nil (the op makes its result, which t adopts): nothing
// records history, t is contiguous and already of the result's dtype and
// shape, and other is no different view of t's memory, so each element is
// read before it is written and rounds as adopt would round it.
func (t *Tensor) inPlaceDst(other *Tensor) *Tensor {
	if needsGrad(t, other) || !t.IsContiguous() || ResultType(t, other) != t.dtype {
		return nil
	}
	if len(other.shape) > len(t.shape) {
		return nil
	}
	for i := range other.shape {
		if d := other.shape[len(other.shape)-1-i]; d != 1 && d != t.shape[len(t.shape)-1-i] {
			return nil
		}
	}
	if other.st == t.st && (other.off != t.off || !sameShape(other.shape, t.shape) || !sameShape(other.strides, t.strides)) {
		return nil
	}
	return t
}

// AddInPlace is add_(other, alpha).
func (t *Tensor) AddInPlace(other *Tensor, alpha float64) error {
	dst := t.inPlaceDst(other)
	return t.inplaceBinary(other, func(a, b *Tensor) (*Tensor, error) { return add(dst, a, b, alpha) })
}

// SubInPlace is sub_(other, alpha).
func (t *Tensor) SubInPlace(other *Tensor, alpha float64) error {
	dst := t.inPlaceDst(other)
	return t.inplaceBinary(other, func(a, b *Tensor) (*Tensor, error) { return sub(dst, a, b, alpha) })
}

// MulInPlace is mul_(other).
func (t *Tensor) MulInPlace(other *Tensor) error {
	dst := t.inPlaceDst(other)
	return t.inplaceBinary(other, func(a, b *Tensor) (*Tensor, error) { return mul(dst, a, b) })
}

// DivInPlace is div_(other).
func (t *Tensor) DivInPlace(other *Tensor) error {
	if err := t.castCheck(Float32); err != nil && !t.dtype.IsFloat() {
		return err
	}
	return t.inplaceBinary(other, Div)
}

// PowInPlace is pow_(other).
func (t *Tensor) PowInPlace(other *Tensor) error {
	return t.inplaceBinary(other, Pow)
}

// Fill is fill_(v).
func (t *Tensor) Fill(v float64) error {
	if err := t.checkInplace(); err != nil {
		return err
	}
	v = t.dtype.Round(v)
	if t.IsContiguous() {
		// (most tensors: a loop over their values, not a call per value)
		data := t.st.Data[t.off : t.off+t.Numel()]
		for i := range data {
			data[i] = v
		}
	} else {
		t.each(func(p int) { t.st.Data[p] = v })
	}
	if needsGrad(t) && !t.IsLeaf() {
		r, _ := Full(t.ctx, t.dtype, t.shape, v)
		record("FillBackward2", r, []*Tensor{t}, false, func(g *Tensor) ([]*Tensor, error) {
			z, err := Full(g.ctx, g.dtype, g.shape, 0)
			return grads(z), err
		})
		t.node = r.gradFn()
		t.node.t = t
	}
	return nil
}

// Zero is zero_(); on a tensor with history it records ZeroBackward0.
func (t *Tensor) Zero() error {
	if err := t.checkInplace(); err != nil {
		return err
	}
	if t.IsContiguous() {
		clear(t.st.Data[t.off : t.off+t.Numel()])
	} else {
		t.each(func(p int) { t.st.Data[p] = 0 })
	}
	if needsGrad(t) && !t.IsLeaf() {
		r := t.Detach()
		record("ZeroBackward0", r, []*Tensor{t}, false, func(g *Tensor) ([]*Tensor, error) {
			z, err := Full(g.ctx, g.dtype, g.shape, 0)
			return grads(z), err
		})
		t.node = r.gradFn()
		t.node.t = t
	}
	return nil
}

// CopyFrom is copy_(src): src broadcast to t's shape and cast to its dtype.
func (t *Tensor) CopyFrom(src *Tensor) error {
	if err := t.checkInplace(); err != nil {
		return err
	}
	same := sameShape(src.shape, t.shape) // then src broadcasts to t's shape
	if !same {
		var buf [4]int
		shape, err := broadcastShapesIn(buf[:0], t.shape, src.shape)
		if err != nil || !sameShape(shape, t.shape) {
			return errorf("RuntimeError", "The size of tensor a (%d) must match the size of tensor b (%d) at non-singleton dimension %d", lastOr(t.shape), lastOr(src.shape), max(0, t.Dim()-1))
		}
	}
	var vals []float64
	if src.st != t.st && same {
		vals = src.vals() // read straight from src's memory, which t is not
	} else {
		vals = src.expandValues(t.shape)
	}
	t.setValues(vals)
	if needsGrad(src) {
		srcShape, srcType := src.shape, src.dtype
		r := t.Detach()
		record("CopyBackwards", r, []*Tensor{src}, false, func(g *Tensor) ([]*Tensor, error) {
			x, err := sumTo(g, srcShape, srcType)
			return grads(x), err
		})
		t.node = r.gradFn()
		t.node.t = t
		t.requiresGrad = true
	}
	return nil
}

func lastOr(s []int) int {
	if len(s) == 0 {
		return 1
	}
	return s[len(s)-1]
}

// SetValues overwrites every element with row-major values, untracked: the
// random fills (uniform_, normal_) and loading use it.
func (t *Tensor) SetValues(values []float64) error {
	if err := t.checkInplace(); err != nil {
		return err
	}
	if len(values) != t.Numel() {
		return errorf("RuntimeError", "expected %d values, got %d", t.Numel(), len(values))
	}
	t.setValues(values)
	return nil
}

// ClampInPlace is clamp_(min, max).
func (t *Tensor) ClampInPlace(lo, hi *float64) error {
	if err := t.checkInplace(); err != nil {
		return err
	}
	r, err := Clamp(t, lo, hi)
	if err != nil {
		return err
	}
	return t.adopt(r)
}

// UnaryInPlace applies an out-of-place unary op and writes the result back
// (relu_, exp_, ...).
func (t *Tensor) UnaryInPlace(f func(*Tensor) (*Tensor, error)) error {
	if err := t.checkInplace(); err != nil {
		return err
	}
	r, err := f(t)
	if err != nil {
		return err
	}
	if err := t.castCheck(r.dtype); err != nil {
		return err
	}
	return t.adopt(r)
}

// AssignView is base[index] = src where view is base[index] (a basic
// index, sharing base's memory): src broadcast into the view's elements.
// With autograd recording, base's history becomes CopySlices, as in
// PyTorch: the assigned elements' gradient goes to src, the others' to
// base's previous history.
func AssignView(base, view, src *Tensor) error {
	if err := view.checkInplace(); err != nil {
		return err
	}
	if err := base.checkInplace(); err != nil {
		return err
	}
	shape, err := broadcastShapes(view.shape, src.shape)
	if err != nil || !sameShape(shape, view.shape) {
		return errorf("RuntimeError", "output with shape %s doesn't match the broadcast shape %s", formatList(view.shape), formatList(shape))
	}
	record := needsGrad(base, src)
	var region []int
	if record {
		index := map[int]int{}
		for i, p := range base.positions() {
			index[p] = i
		}
		for _, p := range view.positions() {
			region = append(region, index[p])
		}
	}
	view.setValues(src.expandValues(view.shape))
	if !record {
		return nil
	}
	srcShape, srcType := src.shape, src.dtype
	viewShape := append([]int(nil), view.shape...)
	n := &Node{name: "CopySlices", saves: false, t: base}
	base.ctx.seq++
	n.seq = base.ctx.seq
	n.next = []*Node{base.gradNode(), src.gradNode()}
	n.fn = backwardFunc(func(g *Tensor) ([]*Tensor, error) {
		gv := g.Values()
		var gs *Tensor
		if src.requiresGrad {
			vals := make([]float64, len(region))
			for i, k := range region {
				vals[i] = gv[k]
			}
			r, err := FromValues(g.ctx, g.dtype, viewShape, vals)
			if err != nil {
				return nil, err
			}
			if gs, err = sumTo(r, srcShape, srcType); err != nil {
				return nil, err
			}
		}
		for _, k := range region {
			gv[k] = 0
		}
		gb, err := FromValues(g.ctx, g.dtype, g.shape, gv)
		if err != nil {
			return nil, err
		}
		return grads(gb, gs), nil
	})
	base.node = n
	base.requiresGrad = true
	return nil
}
