package torch

import (
	"github.com/ckptlab/ckptlab/sim/python"
	"github.com/ckptlab/ckptlab/sim/torch/rng"
	"github.com/ckptlab/ckptlab/sim/torch/tensor"
)

// Random fills draw from the run's generator in row-major order, the order
// PyTorch's serial CPU kernels fill a tensor.

func uniformValues(g *rng.Generator, d tensor.DType, n int, from, to float64) ([]float64, error) {
	return uniformValuesInto(make([]float64, n), g, d, from, to)
}

// uniformValuesInto is uniformValues into out, which holds the n values.
func uniformValuesInto(out []float64, g *rng.Generator, d tensor.DType, from, to float64) ([]float64, error) {
	if from > to {
		return nil, python.Errorf(python.RuntimeErrorClass, "uniform_ expects to return a [from, to) range, but found from=%s > to=%s", pyFloat(from), pyFloat(to))
	}
	n := len(out)
	switch d {
	case tensor.Float32:
		var small [16]float32 // a small layer's draws stay on the stack
		buf := small[:0]
		if n > len(small) {
			buf = make([]float32, n)
		}
		buf = buf[:n]
		g.UniformFloat32(buf, from, to)
		for i, v := range buf {
			out[i] = float64(v)
		}
	case tensor.Float64:
		g.UniformFloat64(out, from, to)
	case tensor.Float16, tensor.BFloat16:
		digits := uint(11)
		if d == tensor.BFloat16 {
			digits = 8
		}
		buf := make([]float32, n)
		g.UniformReduced(buf, digits, float32(d.Round(from)), float32(d.Round(to)))
		for i, v := range buf {
			out[i] = d.Round(float64(v))
		}
	default:
		return nil, python.Errorf(python.RuntimeErrorClass, "\"check_uniform_bounds\" not implemented for '%s'", tensor.TypeName(d))
	}
	return out, nil
}

func normalValues(g *rng.Generator, d tensor.DType, n int, mean, std float64, contiguous bool) ([]float64, error) {
	if std < 0 {
		return nil, python.Errorf(python.RuntimeErrorClass, "normal expects std >= 0.0, but found std %s", pyFloat(std))
	}
	out := make([]float64, n)
	switch {
	case d == tensor.Float32 && contiguous:
		buf := make([]float32, n)
		g.NormalFloat32(buf, mean, std)
		for i, v := range buf {
			out[i] = float64(v)
		}
	case d == tensor.Float64 && contiguous:
		g.NormalFloat64(out, mean, std)
	case d.IsFloat():
		g.NormalScalar(out, mean, std)
		for i, v := range out {
			out[i] = d.Round(v)
		}
	default:
		return nil, python.Errorf(python.RuntimeErrorClass, "\"normal_kernel_cpu\" not implemented for '%s'", tensor.TypeName(d))
	}
	return out, nil
}

func randintValues(g *rng.Generator, d tensor.DType, n int, low, high int64) ([]float64, error) {
	if low >= high {
		return nil, python.Errorf(python.RuntimeErrorClass, "random_ expects 'from' to be less than 'to', but got from=%d >= to=%d", low, high)
	}
	buf := make([]int64, n)
	switch d {
	case tensor.Int64, tensor.Float32, tensor.Float64, tensor.BFloat16:
		g.Randint(buf, low, high)
	default:
		g.RandintNarrow(buf, low, high)
	}
	out := make([]float64, n)
	for i, v := range buf {
		out[i] = d.Round(float64(v))
	}
	return out, nil
}

// dropoutKeep draws Dropout's keep mask: bernoulli(1 - p) per element.
func dropoutKeep(g *rng.Generator, n int, p float64) []bool {
	keep := make([]bool, n)
	g.Bernoulli(keep, 1-p)
	return keep
}

// linearInit draws nn.Linear's weight and bias as reset_parameters does:
// kaiming_uniform_(weight, a=sqrt(5)), then bias uniform in 1/sqrt(fan_in).
func linearInit(g *rng.Generator, w, b *tensor.Tensor, fanIn int) error {
	var small [16]float64 // a small layer's values stay on the stack
	buf := func(n int) []float64 {
		if n <= len(small) {
			return small[:n]
		}
		return make([]float64, n)
	}
	wb := rng.KaimingUniformBound(fanIn, sqrt5)
	vals, err := uniformValuesInto(buf(w.Numel()), g, w.DType(), -wb, wb)
	if err != nil {
		return err
	}
	if err := w.SetValues(vals); err != nil {
		return pyErr(err)
	}
	if b == nil {
		return nil
	}
	bb := rng.BiasBound(fanIn)
	vals, err = uniformValuesInto(buf(b.Numel()), g, b.DType(), -bb, bb)
	if err != nil {
		return err
	}
	return pyErr(b.SetValues(vals))
}

const sqrt5 = 2.23606797749979

func pyFloat(f float64) string {
	s, _ := python.Repr(nil, python.Float(f))
	return s
}

// genArg is the generator a generator= argument names, the run's default
// one when it is absent or None.
func genArg(th *python.Thread, v python.Value) (*rng.Generator, error) {
	switch x := v.(type) {
	case nil, python.NoneType:
		return rt(th).gen, nil
	case *generator:
		return x.g, nil
	}
	return nil, python.Errorf(python.TypeErrorClass, "generator must be a torch.Generator, not %s", v.Type().Name)
}

// bernoulliTensorValues is bernoulli(p) with a probability per element, as
// the serial CPU kernel draws it: a float uniform (24 bits) per element,
// kept when below its p.
func bernoulliTensorValues(g *rng.Generator, p []float64) ([]float64, error) {
	u := make([]float32, len(p))
	g.UniformFloat32(u, 0, 1)
	out := make([]float64, len(p))
	for i, pv := range p {
		if pv < 0 || pv > 1 || pv != pv {
			return nil, python.Errorf(python.RuntimeErrorClass, "Expected p_in >= 0 && p_in <= 1 to be true, but got false.  (Could this error message be improved?  If so, please report an enhancement request to PyTorch.)")
		}
		if u[i] < float32(pv) {
			out[i] = 1
		}
	}
	return out, nil
}
