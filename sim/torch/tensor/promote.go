package tensor

const undefined DType = -1

func promoteSkipUndefined(a, b DType) DType {
	if a == undefined {
		return b
	}
	if b == undefined {
		return a
	}
	return PromoteTypes(a, b)
}

// combineCategories is PyTorch's rule that a higher-priority participant
// (a tensor with dimensions over a 0-dim tensor over a Python number) keeps
// its dtype unless the lower one is of a higher category.
func combineCategories(higher, lower DType) DType {
	if higher != undefined && higher.IsFloat() {
		return higher
	}
	if higher == Bool || (lower != undefined && lower.IsFloat()) {
		return promoteSkipUndefined(higher, lower)
	}
	if higher != undefined {
		return higher
	}
	return lower
}

// ResultType is torch.result_type over the operands of an op.
func ResultType(ts ...*Tensor) DType {
	if len(ts) == 2 && ts[0] != nil && ts[1] != nil && ts[0].dtype == ts[1].dtype && !ts[0].wrapped && !ts[1].wrapped {
		return ts[0].dtype // two tensors of one dtype, whatever their dimensions
	}
	dim, zero, wrapped := undefined, undefined, undefined
	for _, t := range ts {
		if t == nil {
			continue
		}
		switch {
		case t.wrapped:
			d := t.dtype
			if d.IsFloat() {
				d = Float32
			}
			wrapped = promoteSkipUndefined(wrapped, d)
		case len(t.shape) == 0:
			zero = promoteSkipUndefined(zero, t.dtype)
		default:
			dim = promoteSkipUndefined(dim, t.dtype)
		}
	}
	return combineCategories(dim, combineCategories(zero, wrapped))
}
