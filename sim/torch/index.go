package torch

import (
	"github.com/ckptlab/ckptlab/sim/python"
	"github.com/ckptlab/ckptlab/sim/torch/tensor"
)

// indexItems splits a subscript into its parts (a tuple's items, or itself).
func indexItems(key python.Value) []python.Value {
	if tup, ok := key.(python.Tuple); ok {
		return tup
	}
	return []python.Value{key}
}

// sliceBound reads one bound of a slice (None gives nil).
func sliceBound(v python.Value) (*int, error) {
	if v == nil || v == python.None {
		return nil, nil
	}
	if x, ok := v.(*Tensor); ok && x.T.Numel() == 1 && !x.T.DType().IsFloat() {
		f, _ := x.T.Item()
		n := int(f)
		return &n, nil
	}
	n, ok := python.AsInt64(v)
	if !ok {
		return nil, python.Errorf(python.TypeErrorClass, "slice indices must be integers or None or have an __index__ method")
	}
	i := int(n)
	return &i, nil
}

// basicIndex applies ints, slices, None and Ellipsis, returning a view.
// An advanced index (a tensor or list) is returned separately with the
// dimension it applies to; only one is supported.
func basicIndex(th *python.Thread, t *tensor.Tensor, key python.Value) (*tensor.Tensor, python.Value, int, error) {
	items := indexItems(key)
	consumed := 0
	for _, it := range items {
		switch it.(type) {
		case python.NoneType, python.EllipsisType:
		case python.Bool:
		default:
			if x, ok := it.(*Tensor); ok && x.T.DType() == tensor.Bool {
				consumed += x.T.Dim()
				continue
			}
			consumed++
		}
	}
	if consumed > t.Dim() {
		return nil, nil, 0, python.Errorf(python.IndexErrorClass, "too many indices for tensor of dimension %d", t.Dim())
	}
	var adv python.Value
	advDim := 0
	d := 0
	var err error
	for _, it := range items {
		switch x := it.(type) {
		case python.EllipsisType:
			d += t.Dim() - consumed
		case python.NoneType:
			if t, err = t.Unsqueeze(d); err != nil {
				return nil, nil, 0, pyErr(err)
			}
			d++
		case *python.Slice:
			start, err := sliceBound(x.Start)
			if err != nil {
				return nil, nil, 0, err
			}
			stop, err := sliceBound(x.Stop)
			if err != nil {
				return nil, nil, 0, err
			}
			step := 1
			if s, err := sliceBound(x.Step); err != nil {
				return nil, nil, 0, err
			} else if s != nil {
				step = *s
			}
			if t, err = t.Slice(d, start, stop, step); err != nil {
				return nil, nil, 0, pyErr(err)
			}
			d++
		case *Tensor, *python.List:
			if adv != nil {
				return nil, nil, 0, python.Errorf(python.IndexErrorClass, "the simulator supports one advanced index per subscript")
			}
			adv, advDim = x, d
			if tx, ok := x.(*Tensor); ok && tx.T.DType() == tensor.Bool {
				d += tx.T.Dim()
			} else {
				d++
			}
		default:
			n, ok := python.AsInt64(it)
			if !ok {
				return nil, nil, 0, python.Errorf(python.IndexErrorClass, "only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices (got %s)", it.Type().Name)
			}
			if t, err = t.Select(d, int(n)); err != nil {
				return nil, nil, 0, pyErr(err)
			}
		}
	}
	return t, adv, advDim, nil
}

// intIndices reads an integer index list or tensor.
func intIndices(th *python.Thread, v python.Value) ([]int, bool, error) {
	switch x := v.(type) {
	case *Tensor:
		if x.T.DType().IsFloat() {
			return nil, false, python.Errorf(python.IndexErrorClass, "tensors used as indices must be long, int, byte or bool tensors")
		}
		if x.T.DType() == tensor.Bool || x.T.DType() == tensor.UInt8 {
			return nil, false, nil
		}
		if x.T.Dim() > 1 {
			return nil, false, python.Errorf(python.IndexErrorClass, "the simulator supports 1-D index tensors only")
		}
		vals := x.T.Values()
		out := make([]int, len(vals))
		for i, f := range vals {
			out[i] = int(f)
		}
		return out, true, nil
	case *python.List:
		out, err := intsOf("index", x.Items)
		if err != nil {
			return nil, false, python.Errorf(python.IndexErrorClass, "tensors used as indices must be long, int, byte or bool tensors")
		}
		return out, true, nil
	}
	return nil, false, nil
}

func getIndex(th *python.Thread, t *tensor.Tensor, key python.Value) (*tensor.Tensor, error) {
	v, adv, advDim, err := basicIndex(th, t, key)
	if err != nil {
		return nil, err
	}
	if adv == nil {
		return v, nil
	}
	if idx, ok, err := intIndices(th, adv); err != nil {
		return nil, err
	} else if ok {
		r, err := tensor.IndexSelect(v, advDim, idx)
		return r, pyErr(err)
	}
	mask := adv.(*Tensor).T
	if advDim != 0 {
		return nil, python.Errorf(python.IndexErrorClass, "the simulator supports boolean masks as the first index only")
	}
	r, err := tensor.MaskedSelect(v, mask)
	return r, pyErr(err)
}

func setIndex(th *python.Thread, t *tensor.Tensor, key, value python.Value) error {
	src, ok := operand(th, value)
	if !ok {
		return python.Errorf(python.TypeErrorClass, "can't assign a %s to a %s", value.Type().Name, legacyTypeName(t.DType()))
	}
	v, adv, advDim, err := basicIndex(th, t, key)
	if err != nil {
		return err
	}
	if adv == nil {
		return pyErr(tensor.AssignView(t, v, src))
	}
	if advDim != 0 {
		return python.Errorf(python.IndexErrorClass, "the simulator supports advanced indices as the first index only")
	}
	if idx, ok, err := intIndices(th, adv); err != nil {
		return err
	} else if ok {
		return pyErr(v.IndexPut(idx, src))
	}
	return pyErr(v.MaskedPut(adv.(*Tensor).T, src))
}
