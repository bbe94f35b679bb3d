package torch

import (
	"math"

	"github.com/ckptlab/ckptlab/sim/python"
	"github.com/ckptlab/ckptlab/sim/torch/tensor"
)

// torch.nn.utils: gradient clipping as torch/nn/utils/clip_grad.py does it.

func init() {
	register("torch.nn.utils", func(m *python.Module) {
		m.SetFunc("clip_grad_norm_", clipGradNorm)
		m.SetFunc("clip_grad_value_", clipGradValue)
	})
}

// gradsOf collects the gradients of a parameter or an iterable of them.
func gradsOf(th *python.Thread, params python.Value) ([]*tensor.Tensor, error) {
	var items []python.Value
	if p, ok := params.(*Tensor); ok {
		items = []python.Value{p}
	} else {
		var err error
		if items, err = python.ToSlice(th, params); err != nil {
			return nil, err
		}
	}
	var out []*tensor.Tensor
	for _, it := range items {
		p, ok := it.(*Tensor)
		if !ok {
			return nil, python.Errorf(python.TypeErrorClass, "'%s' object has no attribute 'grad'", it.Type().Name)
		}
		if p.T.Grad != nil {
			out = append(out, p.T.Grad)
		}
	}
	return out, nil
}

func clipGradNorm(th *python.Thread, args python.Args) (python.Value, error) {
	var params python.Value
	var maxNorm, normType float64 = 0, 2
	errorIfNonfinite := false
	if err := python.UnpackArgs("clip_grad_norm_", args, "parameters", &params, "max_norm", &maxNorm, "norm_type?", &normType, "error_if_nonfinite?", &errorIfNonfinite, "foreach?", new(python.Value)); err != nil {
		return nil, err
	}
	gs, err := gradsOf(th, params)
	if err != nil {
		return nil, err
	}
	c := rt(th).ctx
	saved := c.GradEnabled
	c.GradEnabled = false
	defer func() { c.GradEnabled = saved }()
	if len(gs) == 0 {
		return ret(tensor.Full(c, tensor.Float32, []int{}, 0))
	}
	norms := make([]*tensor.Tensor, len(gs))
	for i, g := range gs {
		if norms[i], err = tensor.Norm(g, normType, nil, false); err != nil {
			return nil, pyErr(err)
		}
	}
	stacked, err := tensor.Stack(norms, 0)
	if err != nil {
		return nil, pyErr(err)
	}
	total, err := tensor.Norm(stacked, normType, nil, false)
	if err != nil {
		return nil, pyErr(err)
	}
	tv, _ := total.Item()
	if errorIfNonfinite && (math.IsNaN(tv) || math.IsInf(tv, 0)) {
		return nil, python.Errorf(python.RuntimeErrorClass, "The total norm of order %s for gradients from `parameters` is non-finite, so it cannot be clipped. To disable this error and scale the gradients by the non-finite norm anyway, set `error_if_nonfinite=False`", pyFloat(normType))
	}
	// clip_coef = max_norm / (total_norm + 1e-6), clamped to 1
	denom, err := tensor.Add(total, tensor.Scalar(c, tensor.Float64, 1e-6), 1)
	if err != nil {
		return nil, pyErr(err)
	}
	coef, err := tensor.Div(tensor.Scalar(c, tensor.Float64, maxNorm), denom)
	if err != nil {
		return nil, pyErr(err)
	}
	one := 1.0
	if coef, err = tensor.Clamp(coef, nil, &one); err != nil {
		return nil, pyErr(err)
	}
	for _, g := range gs {
		if err := g.MulInPlace(coef); err != nil {
			return nil, pyErr(err)
		}
	}
	return wrap(total), nil
}

func clipGradValue(th *python.Thread, args python.Args) (python.Value, error) {
	var params python.Value
	var clip float64
	if err := python.UnpackArgs("clip_grad_value_", args, "parameters", &params, "clip_value", &clip, "foreach?", new(python.Value)); err != nil {
		return nil, err
	}
	gs, err := gradsOf(th, params)
	if err != nil {
		return nil, err
	}
	lo, hi := -clip, clip
	for _, g := range gs {
		if err := g.ClampInPlace(&lo, &hi); err != nil {
			return nil, pyErr(err)
		}
	}
	return python.None, nil
}
