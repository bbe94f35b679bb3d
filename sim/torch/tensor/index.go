package tensor

// IndexSelect is t[idx] along dim for a list of integer indices (advanced
// indexing): a copy, recorded as IndexBackward0.
func IndexSelect(t *Tensor, dim int, idx []int) (*Tensor, error) {
	d, err := wrapDim(dim, t.Dim())
	if err != nil {
		return nil, err
	}
	size := t.shape[d]
	norm := make([]int, len(idx))
	for i, x := range idx {
		if x < -size || x >= size {
			return nil, errorf("IndexError", "index %d is out of bounds for dimension %d with size %d", x, d, size)
		}
		if x < 0 {
			x += size
		}
		norm[i] = x
	}
	shape := append([]int(nil), t.shape...)
	shape[d] = len(norm)
	r, err := Empty(t.ctx, t.dtype, shape)
	if err != nil {
		return nil, err
	}
	for i, x := range norm {
		src, _ := t.sliceView(d, x, x+1)
		dst, _ := r.sliceView(d, i, i+1)
		dst.setValues(src.Values())
	}
	in := t
	if needsGrad(t) {
		record("IndexBackward0", r, []*Tensor{t}, false, func(g *Tensor) ([]*Tensor, error) {
			z, err := Full(g.ctx, g.dtype, in.shape, 0)
			if err != nil {
				return nil, err
			}
			for i, x := range norm {
				src, _ := g.sliceView(d, i, i+1)
				dst, _ := z.sliceView(d, x, x+1)
				sv, dv := src.Values(), dst.Values()
				for k := range dv {
					dv[k] = g.dtype.Round(dv[k] + sv[k])
				}
				dst.setValues(dv)
			}
			return grads(z), nil
		})
	}
	return r, nil
}

// maskPositions returns the storage positions of t's elements where mask
// (a bool tensor of t's leading shape) is true, grouped per selected index.
func maskCheck(t, mask *Tensor) error {
	if mask.dtype != Bool && mask.dtype != UInt8 {
		return errorf("IndexError", "tensors used as indices must be long, int, byte or bool tensors")
	}
	if mask.Dim() > t.Dim() {
		return errorf("IndexError", "too many indices for tensor of dimension %d", t.Dim())
	}
	for i, s := range mask.shape {
		if s != t.shape[i] {
			return errorf("IndexError", "The shape of the mask [%s] at index %d does not match the shape of the indexed tensor [%s] at index %d", formatList(mask.shape)[1:len(formatList(mask.shape))-1], i, formatList(t.shape)[1:len(formatList(t.shape))-1], i)
		}
	}
	return nil
}

// MaskedSelect is t[mask] for a bool mask over t's leading dimensions.
func MaskedSelect(t, mask *Tensor) (*Tensor, error) {
	if err := maskCheck(t, mask); err != nil {
		return nil, err
	}
	flat, rows, inner := t.maskRows(mask)
	vals := t.Values()
	var out []float64
	for _, r := range rows {
		out = append(out, vals[r*inner:(r+1)*inner]...)
	}
	shape := append([]int{len(rows)}, t.shape[mask.Dim():]...)
	r, err := FromValues(t.ctx, t.dtype, shape, out)
	if err != nil {
		return nil, err
	}
	_ = flat
	in := t
	if needsGrad(t) {
		record("IndexBackward0", r, []*Tensor{t}, false, func(g *Tensor) ([]*Tensor, error) {
			res := make([]float64, in.Numel())
			gv := g.Values()
			for i, row := range rows {
				for k := 0; k < inner; k++ {
					res[row*inner+k] += gv[i*inner+k]
				}
			}
			z, err := FromValues(g.ctx, g.dtype, in.shape, res)
			return grads(z), err
		})
	}
	return r, nil
}

// maskRows lists the row numbers (over the mask's dimensions) that are
// selected, and the elements per row.
func (t *Tensor) maskRows(mask *Tensor) (int, []int, int) {
	inner := numel(t.shape[mask.Dim():])
	var rows []int
	for i, v := range mask.Values() {
		if v != 0 {
			rows = append(rows, i)
		}
	}
	return numel(mask.shape), rows, inner
}

// MaskedPut is t[mask] = src: src broadcast over the selected rows.
func (t *Tensor) MaskedPut(mask, src *Tensor) error {
	if err := t.checkInplace(); err != nil {
		return err
	}
	if err := maskCheck(t, mask); err != nil {
		return err
	}
	_, rows, inner := t.maskRows(mask)
	pos := t.positions()
	sel := append([]int{len(rows)}, t.shape[mask.Dim():]...)
	vals := src.expandView(sel)
	if err := checkBroadcast(src.shape, sel); err != nil || len(src.shape) > len(sel) {
		return errorf("RuntimeError", "shape mismatch: value tensor of shape %s cannot be broadcast to indexing result of shape %s", formatList(src.shape), formatList(sel))
	}
	sv := vals.Values()
	for i, r := range rows {
		for k := 0; k < inner; k++ {
			t.st.Data[pos[r*inner+k]] = t.dtype.Round(sv[i*inner+k])
		}
	}
	return nil
}

// IndexPut is t[idx] = src for integer indices along dim 0.
func (t *Tensor) IndexPut(idx []int, src *Tensor) error {
	if err := t.checkInplace(); err != nil {
		return err
	}
	if t.Dim() == 0 {
		return errorf("IndexError", "too many indices for tensor of dimension 0")
	}
	size := t.shape[0]
	sel := append([]int{len(idx)}, t.shape[1:]...)
	if err := checkBroadcast(src.shape, sel); err != nil || len(src.shape) > len(sel) {
		return errorf("RuntimeError", "shape mismatch: value tensor of shape %s cannot be broadcast to indexing result of shape %s", formatList(src.shape), formatList(sel))
	}
	sv := src.expandValues(sel)
	inner := numel(t.shape[1:])
	pos := t.positions()
	for i, x := range idx {
		if x < -size || x >= size {
			return errorf("IndexError", "index %d is out of bounds for dimension 0 with size %d", x, size)
		}
		if x < 0 {
			x += size
		}
		for k := 0; k < inner; k++ {
			t.st.Data[pos[x*inner+k]] = t.dtype.Round(sv[i*inner+k])
		}
	}
	return nil
}
