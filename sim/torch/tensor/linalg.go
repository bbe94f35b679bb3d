package tensor

// mmData multiplies [m,k] by [k,n] in float arithmetic of dtype dt, in the
// order of PyTorch's CPU gemm (measured against the oracle): with a bias and
// a row-major b, each output accumulates from the bias product by product;
// with a transposed b (a Linear layer's weight.t()), the products are summed
// from zero and the bias added last.
// mmInto writes the m×n product of a and b (plus bias) into out.
func mmInto(out []float64, a, b *Tensor, bias *Tensor, dt DType) {
	m, k, n := a.shape[0], a.shape[1], b.shape[1]
	var cv []float64
	if bias != nil {
		// the bias broadcast to the output, on the stack when it is small
		var cbuf [16]float64
		if m*n <= len(cbuf) {
			cv = cbuf[:m*n]
		} else {
			cv = make([]float64, m*n)
		}
		cv = bias.expandInto(cv, []int{m, n})
	}
	rowMajor := b.strides[1] == 1 && b.strides[0] >= max(1, n)
	transposedB := !rowMajor && b.strides[0] == 1
	if dt == Float32 {
		mmFloat32(out, a, b, cv, m, k, n, transposedB)
		return
	}
	av, bv := a.vals(), b.vals()
	round := dt.Round
	for i := 0; i < m; i++ {
		for j := 0; j < n; j++ {
			acc := 0.0
			if cv != nil && !transposedB {
				acc = round(cv[i*n+j])
			}
			for l := 0; l < k; l++ {
				acc = round(acc + round(round(av[i*k+l])*round(bv[l*n+j])))
			}
			if cv != nil && transposedB {
				acc = round(round(cv[i*n+j]) + acc)
			}
			out[i*n+j] = acc
		}
	}
}

// mm is the product of a and b (plus bias) as a new m×n tensor.
func mm(a, b, bias *Tensor, dt DType, shape []int) (*Tensor, error) {
	r, err := Empty(a.ctx, dt, shape)
	if err != nil {
		return nil, err
	}
	mmInto(r.st.Data, a, b, bias, dt)
	return r, nil
}

// mmFloat32 is mmData's loop for float32, the default dtype, in float32
// arithmetic: the same roundings as rounding every step through float64,
// without the per-element conversions. The explicit float32 conversion of
// each product keeps the compiler from fusing it into the addition.
func mmFloat32(out []float64, ta, tb *Tensor, cv []float64, m, k, n int, transposedB bool) {
	if m*k <= smallOperand && k*n <= smallOperand {
		// so small that copying them costs more than it saves
		mmFloat32Small(out, ta, tb, cv, m, k, n, transposedB)
		return
	}
	mmFloat32Staged(out, ta, tb, cv, m, k, n, transposedB)
}

// mmFloat32Staged is mmFloat32 converting the operands to float32 first,
// b transposed, so that the inner loop reads two contiguous rows.
func mmFloat32Staged(out []float64, ta, tb *Tensor, cv []float64, m, k, n int, transposedB bool) {
	var abuf, bbuf [smallOperand]float32 // small operands stay on the stack
	a := abuf[:0]
	if m*k > len(abuf) {
		a = make([]float32, 0, m*k)
	}
	// the operands read through their strides, though they be views (a
	// weight's transpose), in row-major order
	ad, as0, as1 := ta.st.Data, ta.strides[0], ta.strides[1]
	for i := 0; i < m; i++ {
		for l := 0; l < k; l++ {
			a = append(a, float32(ad[ta.off+i*as0+l*as1]))
		}
	}
	// b transposed, so each output element reads two contiguous rows.
	bt := bbuf[:]
	if k*n > len(bbuf) {
		bt = make([]float32, k*n)
	}
	bd, bs0, bs1 := tb.st.Data, tb.strides[0], tb.strides[1]
	for l := 0; l < k; l++ {
		for j := 0; j < n; j++ {
			bt[j*k+l] = float32(bd[tb.off+l*bs0+j*bs1])
		}
	}
	for i := 0; i < m; i++ {
		row := a[i*k : i*k+k]
		for j := 0; j < n; j++ {
			col := bt[j*k : j*k+k]
			var acc float32
			if cv != nil && !transposedB {
				acc = float32(cv[i*n+j])
			}
			for l, x := range row {
				acc += float32(x * col[l])
			}
			if cv != nil && transposedB {
				acc = float32(cv[i*n+j]) + acc
			}
			out[i*n+j] = float64(acc)
		}
	}
}

// smallOperand is the most elements of an operand mmFloat32Small reads in
// place.
const smallOperand = 32

// mmFloat32Small is mmFloat32 reading the operands in place through
// their strides, for a product of a few elements (a Linear layer's on a
// small batch): the same float32 operations in the same order.
func mmFloat32Small(out []float64, ta, tb *Tensor, cv []float64, m, k, n int, transposedB bool) {
	ad, as0, as1 := ta.st.Data, ta.strides[0], ta.strides[1]
	bd, bs0, bs1 := tb.st.Data, tb.strides[0], tb.strides[1]
	for i := 0; i < m; i++ {
		for j := 0; j < n; j++ {
			var acc float32
			if cv != nil && !transposedB {
				acc = float32(cv[i*n+j])
			}
			pa, pb := ta.off+i*as0, tb.off+j*bs1
			for l := 0; l < k; l++ {
				acc += float32(float32(ad[pa]) * float32(bd[pb]))
				pa += as1
				pb += bs0
			}
			if cv != nil && transposedB {
				acc = float32(cv[i*n+j]) + acc
			}
			out[i*n+j] = float64(acc)
		}
	}
}

func matmulDType(a, b *Tensor) (DType, error) {
	if a.dtype != b.dtype {
		return 0, errorf("RuntimeError", "expected m1 and m2 to have the same dtype, but got: %s != %s", cppName(a.dtype), cppName(b.dtype))
	}
	if a.dtype == Bool {
		return 0, errorf("RuntimeError", "\"addmm_impl_cpu_\" not implemented for 'Bool'")
	}
	return a.dtype, nil
}

// mmCheck is torch.mm's checks of its operands; it returns the product's
// dtype.
func mmCheck(a, b *Tensor) (DType, error) {
	if a.Dim() != 2 {
		return 0, errorf("RuntimeError", "self must be a matrix")
	}
	if b.Dim() != 2 {
		return 0, errorf("RuntimeError", "mat2 must be a matrix")
	}
	if a.shape[1] != b.shape[0] {
		return 0, errorf("RuntimeError", "mat1 and mat2 shapes cannot be multiplied (%dx%d and %dx%d)", a.shape[0], a.shape[1], b.shape[0], b.shape[1])
	}
	return matmulDType(a, b)
}

// Mm is torch.mm of two matrices.
func Mm(a, b *Tensor) (*Tensor, error) {
	dt, err := mmCheck(a, b)
	if err != nil {
		return nil, err
	}
	r, err := mm(a, b, nil, dt, []int{a.shape[0], b.shape[1]})
	if err != nil {
		return nil, err
	}
	if needsGrad(a, b) {
		record("MmBackward0", r, []*Tensor{a, b}, true, mmBackward(a, b))
	}
	return r, nil
}

func mmBackward(a, b *Tensor) func(g *Tensor) ([]*Tensor, error) {
	return func(g *Tensor) ([]*Tensor, error) {
		ga, gb, err := mmGrads(a, b, g)
		if err != nil {
			return nil, err
		}
		return grads(ga, gb), nil
	}
}

// transposeIn is the transpose (t()) of the matrix t as a view whose
// shape and strides are dims: a caller keeps both on its stack.
func transposeIn(t *Tensor, dims *[4]int) Tensor {
	*dims = [4]int{t.shape[1], t.shape[0], t.strides[1], t.strides[0]}
	return Tensor{ctx: t.ctx, st: t.st, off: t.off, shape: dims[0:2:2], strides: dims[2:4:4], dtype: t.dtype}
}

// mmNoRecord is Mm where nothing records (a backward pass): the same
// checks and product, in c (the first operand's context), keeping neither
// operand.
func mmNoRecord(c *Context, a, b *Tensor) (*Tensor, error) {
	dt, err := mmCheck(a, b)
	if err != nil {
		return nil, err
	}
	r, err := Empty(c, dt, []int{a.shape[0], b.shape[1]})
	if err != nil {
		return nil, err
	}
	mmInto(r.st.Data, a, b, nil, dt)
	return r, nil
}

// mmGrads is mmBackward's gradients of a and b (nil where none is needed).
func mmGrads(a, b, g *Tensor) (ga, gb *Tensor, err error) {
	if !a.ctx.GradEnabled && a.Dim() == 2 && b.Dim() == 2 {
		// a backward pass, where nothing records: the transposes are
		// views on the stack (the operands are matrices, unless a
		// learner's t.data = ... has changed one since)
		var dims [4]int
		if a.requiresGrad {
			bt := transposeIn(b, &dims)
			if ga, err = mmNoRecord(g.ctx, g, &bt); err != nil {
				return nil, nil, err
			}
		}
		if b.requiresGrad {
			at := transposeIn(a, &dims)
			if gb, err = mmNoRecord(a.ctx, &at, g); err != nil {
				return nil, nil, err
			}
		}
		return ga, gb, nil
	}
	if a.requiresGrad {
		bt, err := b.conjForGrad().T()
		if err != nil {
			return nil, nil, err
		}
		if ga, err = Mm(g, bt); err != nil {
			return nil, nil, err
		}
	}
	if b.requiresGrad {
		at, err := a.conjForGrad().T()
		if err != nil {
			return nil, nil, err
		}
		if gb, err = Mm(at, g); err != nil {
			return nil, nil, err
		}
	}
	return ga, gb, nil
}

// Addmm is torch.addmm(bias, a, b): bias + a @ b, what nn.Linear computes
// for a batch.
func Addmm(bias, a, b *Tensor) (*Tensor, error) {
	if a.Dim() != 2 || b.Dim() != 2 {
		return nil, errorf("RuntimeError", "mat1 must be a matrix, got %d-D tensor", a.Dim())
	}
	if a.shape[1] != b.shape[0] {
		return nil, errorf("RuntimeError", "mat1 and mat2 shapes cannot be multiplied (%dx%d and %dx%d)", a.shape[0], a.shape[1], b.shape[0], b.shape[1])
	}
	dt, err := matmulDType(a, b)
	if err != nil {
		return nil, err
	}
	shape := []int{a.shape[0], b.shape[1]}
	if err := checkBroadcast(bias.shape, shape); err != nil || len(bias.shape) > 2 {
		return nil, errorf("RuntimeError", "The expanded size of the tensor (%d) must match the existing size (%d) at non-singleton dimension 1.  Target sizes: %s.  Tensor sizes: %s", shape[1], bias.shape[len(bias.shape)-1], formatList(shape), formatList(bias.shape))
	}
	if needsGrad(bias, a, b) {
		op := &addmmOp{bias: bias, a: a, b: b}
		r, err := emptyIn(&op.out, a.ctx, dt, shape)
		if err != nil {
			return nil, err
		}
		mmInto(r.st.Data, a, b, bias, dt)
		op.node.fn = op
		attach(&op.node, "AddmmBackward0", r, []*Tensor{bias, a, b}, true)
		return r, nil
	}
	return mm(a, b, bias, dt, shape)
}

// An addmmOp is a recorded addmm: its result, its node and its operands in
// one allocation.
type addmmOp struct {
	out        tensorAlloc
	node       Node
	bias, a, b *Tensor
}

func (op *addmmOp) grad(g *Tensor) ([]*Tensor, error) {
	ga, gb, err := mmGrads(op.a, op.b, g)
	if err != nil {
		return nil, err
	}
	var gbias *Tensor
	if op.bias.requiresGrad {
		if gbias, err = sumTo(g, op.bias.shape, op.bias.dtype); err != nil {
			return nil, err
		}
	}
	return grads(gbias, ga, gb), nil
}

// Matmul is torch.matmul / the @ operator for 1-D and 2-D operands and
// batches of matrices.
func Matmul(a, b *Tensor) (*Tensor, error) {
	if a.Dim() == 0 || b.Dim() == 0 {
		return nil, errorf("RuntimeError", "both arguments to matmul need to be at least 1D, but they are %dD and %dD", a.Dim(), b.Dim())
	}
	switch {
	case a.Dim() == 1 && b.Dim() == 1:
		return Dot(a, b)
	case a.Dim() == 2 && b.Dim() == 1:
		if a.shape[1] != b.shape[0] {
			return nil, errorf("RuntimeError", "size mismatch, got input (%d), mat (%dx%d), vec (%d)", a.shape[0], a.shape[0], a.shape[1], b.shape[0])
		}
		return mv(a, b)
	case a.Dim() == 1 && b.Dim() == 2:
		if a.shape[0] != b.shape[0] {
			return nil, errorf("RuntimeError", "mat1 and mat2 shapes cannot be multiplied (1x%d and %dx%d)", a.shape[0], b.shape[0], b.shape[1])
		}
		u, err := a.Unsqueeze(0)
		if err != nil {
			return nil, err
		}
		m, err := Mm(u, b)
		if err != nil {
			return nil, err
		}
		z := 0
		r, err := m.Squeeze(&z)
		if n := r.gradFn(); err == nil && n != nil {
			n.name = "SqueezeBackward3" // matmul squeezes in place
		}
		return r, err
	case a.Dim() == 2 && b.Dim() == 2:
		return Mm(a, b)
	}
	return batchedMatmul(a, b)
}

// Dot is torch.dot.
func Dot(a, b *Tensor) (*Tensor, error) {
	if a.Dim() != 1 || b.Dim() != 1 {
		return nil, errorf("RuntimeError", "1D tensors expected, but got %dD and %dD tensors", a.Dim(), b.Dim())
	}
	if a.shape[0] != b.shape[0] {
		return nil, errorf("RuntimeError", "inconsistent tensor size, expected tensor [%d] and src [%d] to have the same number of elements, but got %d and %d elements respectively", a.shape[0], b.shape[0], a.shape[0], b.shape[0])
	}
	dt, err := matmulDType(a, b)
	if err != nil {
		return nil, err
	}
	av, bv := a.Values(), b.Values()
	acc := 0.0
	for i := range av {
		acc = dt.Round(acc + dt.Round(av[i]*bv[i]))
	}
	r, err := FromValues(a.ctx, dt, []int{}, []float64{acc})
	if err != nil {
		return nil, err
	}
	if needsGrad(a, b) {
		record("DotBackward0", r, []*Tensor{a, b}, true, func(g *Tensor) ([]*Tensor, error) {
			var ga, gb *Tensor
			var err error
			if a.requiresGrad {
				if ga, err = Mul(b.conjForGrad(), g); err != nil {
					return nil, err
				}
			}
			if b.requiresGrad {
				if gb, err = Mul(a.conjForGrad(), g); err != nil {
					return nil, err
				}
			}
			return grads(ga, gb), nil
		})
	}
	return r, nil
}

func mv(a, b *Tensor) (*Tensor, error) {
	dt, err := matmulDType(a, b)
	if err != nil {
		return nil, err
	}
	col, err := b.Unsqueeze(1)
	if err != nil {
		return nil, err
	}
	r, err := mm(a, col, nil, dt, []int{a.shape[0]})
	if err != nil {
		return nil, err
	}
	if needsGrad(a, b) {
		record("MvBackward0", r, []*Tensor{a, b}, true, func(g *Tensor) ([]*Tensor, error) {
			var ga, gb *Tensor
			gc, err := g.Unsqueeze(1)
			if err != nil {
				return nil, err
			}
			if a.requiresGrad {
				br, err := b.conjForGrad().Unsqueeze(0)
				if err != nil {
					return nil, err
				}
				if ga, err = Mm(gc, br); err != nil {
					return nil, err
				}
			}
			if b.requiresGrad {
				at, err := a.conjForGrad().T()
				if err != nil {
					return nil, err
				}
				if gb, err = mv(at, g); err != nil {
					return nil, err
				}
			}
			return grads(ga, gb), nil
		})
	}
	return r, nil
}

// batchedMatmul multiplies stacks of matrices with broadcast batch
// dimensions (vectors are promoted to matrices and back, as matmul does).
func batchedMatmul(a, b *Tensor) (*Tensor, error) {
	var err error
	aVec, bVec := a.Dim() == 1, b.Dim() == 1
	if aVec {
		if a, err = a.Unsqueeze(0); err != nil {
			return nil, err
		}
	}
	if bVec {
		if b, err = b.Unsqueeze(1); err != nil {
			return nil, err
		}
	}
	m, k, k2, n := a.shape[a.Dim()-2], a.shape[a.Dim()-1], b.shape[b.Dim()-2], b.shape[b.Dim()-1]
	if k != k2 {
		return nil, errorf("RuntimeError", "Expected size for first two dimensions of batch2 tensor to be: [%d, %d] but got: [%d, %d].", numel(a.shape[:a.Dim()-2]), k, numel(b.shape[:b.Dim()-2]), k2)
	}
	batch, err := broadcastShapes(a.shape[:a.Dim()-2], b.shape[:b.Dim()-2])
	if err != nil {
		return nil, err
	}
	ae, err := a.Expand(append(append([]int(nil), batch...), m, k))
	if err != nil {
		return nil, err
	}
	be, err := b.Expand(append(append([]int(nil), batch...), k, n))
	if err != nil {
		return nil, err
	}
	nb := numel(batch)
	var pieces []*Tensor
	af, err := ae.Reshape([]int{nb, m, k})
	if err != nil {
		return nil, err
	}
	bf, err := be.Reshape([]int{nb, k, n})
	if err != nil {
		return nil, err
	}
	for i := 0; i < nb; i++ {
		ai, err := af.Select(0, i)
		if err != nil {
			return nil, err
		}
		bi, err := bf.Select(0, i)
		if err != nil {
			return nil, err
		}
		p, err := Mm(ai, bi)
		if err != nil {
			return nil, err
		}
		pieces = append(pieces, p)
	}
	out, err := Stack(pieces, 0)
	if err != nil {
		return nil, err
	}
	shape := append(append([]int(nil), batch...), m, n)
	if aVec {
		shape = append(append([]int(nil), batch...), n)
	}
	if bVec {
		shape = append(append([]int(nil), batch...), m)
	}
	return out.Reshape(shape)
}

// Cat is torch.cat along dim.
func Cat(ts []*Tensor, dim int) (*Tensor, error) {
	if len(ts) == 0 {
		return nil, errorf("RuntimeError", "torch.cat(): expected a non-empty list of Tensors")
	}
	var ref *Tensor
	for _, t := range ts {
		if !(t.Dim() == 1 && t.shape[0] == 0) {
			ref = t
			break
		}
	}
	if ref == nil {
		ref = ts[0]
	}
	if ref.Dim() == 0 {
		return nil, errorf("RuntimeError", "zero-dimensional tensor (at position 0) cannot be concatenated")
	}
	d, err := wrapDim(dim, ref.Dim())
	if err != nil {
		return nil, err
	}
	dt := ts[0].dtype
	for _, t := range ts[1:] {
		dt = PromoteTypes(dt, t.dtype)
	}
	shape := append([]int(nil), ref.shape...)
	shape[d] = 0
	var parts []*Tensor
	for i, t := range ts {
		if t.Dim() == 1 && t.shape[0] == 0 && ref.Dim() != 1 {
			continue
		}
		if t.Dim() != ref.Dim() {
			return nil, errorf("RuntimeError", "Tensors must have same number of dimensions: got %d and %d", ref.Dim(), t.Dim())
		}
		for j := range shape {
			if j != d && t.shape[j] != ref.shape[j] {
				return nil, errorf("RuntimeError", "Sizes of tensors must match except in dimension %d. Expected size %d but got size %d for tensor number %d in the list.", d, ref.shape[j], t.shape[j], i)
			}
		}
		shape[d] += t.shape[d]
		parts = append(parts, t)
	}
	r, err := Empty(ref.ctx, dt, shape)
	if err != nil {
		return nil, err
	}
	pos := 0
	var sizes []int
	for _, t := range parts {
		s := t.shape[d]
		start, stop := pos, pos+s
		dst, _ := r.sliceView(d, start, stop)
		dst.setValues(t.Values())
		pos += s
		sizes = append(sizes, s)
	}
	if needsGrad(parts...) {
		record("CatBackward0", r, parts, false, func(g *Tensor) ([]*Tensor, error) {
			out := make([]*Tensor, len(parts))
			p := 0
			for i, s := range sizes {
				v, _ := g.sliceView(d, p, p+s)
				c, err := FromValues(g.ctx, g.dtype, v.shape, v.vals())
				if err != nil {
					return nil, err
				}
				out[i] = c
				p += s
			}
			return out, nil
		})
	}
	return r, nil
}

// sliceView is an untracked view of [start, stop) along d.
func (t *Tensor) sliceView(d, start, stop int) (*Tensor, error) {
	shape := append([]int(nil), t.shape...)
	shape[d] = stop - start
	return t.view(shape, append([]int(nil), t.strides...), t.off+start*t.strides[d]), nil
}

// Stack is torch.stack along a new dim.
func Stack(ts []*Tensor, dim int) (*Tensor, error) {
	if len(ts) == 0 {
		return nil, errorf("RuntimeError", "stack expects a non-empty TensorList")
	}
	d, err := wrapDim(dim, ts[0].Dim()+1)
	if err != nil {
		return nil, err
	}
	for i, t := range ts {
		if !sameShape(t.shape, ts[0].shape) {
			return nil, errorf("RuntimeError", "stack expects each tensor to be equal size, but got %s at entry 0 and %s at entry %d", formatList(ts[0].shape), formatList(t.shape), i)
		}
	}
	saved := ts[0].ctx.GradEnabled
	ts[0].ctx.GradEnabled = false
	us := make([]*Tensor, len(ts))
	for i, t := range ts {
		u, err := t.Unsqueeze(d)
		if err != nil {
			ts[0].ctx.GradEnabled = saved
			return nil, err
		}
		us[i] = u
	}
	r, err := Cat(us, d)
	ts[0].ctx.GradEnabled = saved
	if err != nil {
		return nil, err
	}
	inputs := ts
	if needsGrad(inputs...) {
		record("StackBackward0", r, inputs, false, func(g *Tensor) ([]*Tensor, error) {
			out := make([]*Tensor, len(inputs))
			for i := range inputs {
				s, err := g.Select(d, i)
				if err != nil {
					return nil, err
				}
				if out[i], err = FromValues(g.ctx, g.dtype, s.shape, s.vals()); err != nil {
					return nil, err
				}
			}
			return out, nil
		})
	}
	return r, nil
}

// cppName is the C++ type name PyTorch 2.x prints in dtype mismatches.
func cppName(d DType) string {
	switch d {
	case Float32:
		return "float"
	case Float64:
		return "double"
	case Float16:
		return "c10::Half"
	case BFloat16:
		return "c10::BFloat16"
	case Int64:
		return "long int"
	case Int32:
		return "int"
	case Int16:
		return "short int"
	case Int8:
		return "signed char"
	case UInt8:
		return "unsigned char"
	}
	return "bool"
}
