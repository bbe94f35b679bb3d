package torch

import (
	"math"

	"github.com/ckptlab/ckptlab/sim/python"
	"github.com/ckptlab/ckptlab/sim/torch/rng"
	"github.com/ckptlab/ckptlab/sim/torch/tensor"
)

func init() {
	register("torch.nn", initNN)
	register("torch.nn.functional", initFunctional)
	register("torch.nn.init", initNNInit)

	ParameterClass.New = func(th *python.Thread, cls *python.Class, args python.Args) (python.Value, error) {
		var data python.Value = python.None
		requiresGrad := true
		if err := python.UnpackArgs("Parameter", args, "data?", &data, "requires_grad?", &requiresGrad); err != nil {
			return nil, err
		}
		var t *tensor.Tensor
		if data == python.None {
			var err error
			if t, err = tensor.Empty(rt(th).ctx, tensor.Float32, []int{0}); err != nil {
				return nil, pyErr(err)
			}
		} else {
			x, ok := data.(*Tensor)
			if !ok {
				return nil, python.Errorf(python.TypeErrorClass, "Parameter.__new__() argument 'data' must be Tensor, not %s", data.Type().Name)
			}
			t = x.T
		}
		p, err := newParameter(t, requiresGrad)
		if err != nil {
			return nil, err
		}
		p.cls = cls
		return p, nil
	}
}

func initNN(m *python.Module) {
	m.Set("Module", ModuleClass)
	m.Set("Parameter", ParameterClass)
	for name, c := range layerClasses {
		m.Set(name, c)
	}
}

// fn reads the leading tensor argument of a functional op.
func fnTensor(fname string, args python.Args) (*Tensor, error) {
	if len(args.Pos) == 0 {
		if v := args.Kwarg("input"); v != nil {
			if x, ok := v.(*Tensor); ok {
				return x, nil
			}
		}
		return nil, python.Errorf(python.TypeErrorClass, "%s() missing 1 required positional argument: 'input'", fname)
	}
	x, ok := args.Pos[0].(*Tensor)
	if !ok {
		return nil, python.Errorf(python.TypeErrorClass, "%s(): argument 'input' (position 1) must be Tensor, not %s", fname, args.Pos[0].Type().Name)
	}
	return x, nil
}

// lossArgs reads a functional loss's input and target; params lists the
// parameters after them (nil for the usual size_average, reduce, reduction)
// and reduction must point at the variable params binds "reduction" to.
func lossArgs(fname string, args python.Args, reduction *string, params ...any) (*tensor.Tensor, *tensor.Tensor, tensor.Reduction, error) {
	var a, b python.Value
	if len(args.Pos) == 2 && len(args.Kw) == 0 {
		// loss(input, target), as every training loop calls it
		a, b = args.Pos[0], args.Pos[1]
	} else {
		if params == nil {
			params = []any{"size_average?", new(python.Value), "reduce?", new(python.Value), "reduction?", reduction}
		}
		pairs := append([]any{"input", &a, "target", &b}, params...)
		if err := python.UnpackArgs(fname, args, pairs...); err != nil {
			return nil, nil, 0, err
		}
	}
	x, ok := a.(*Tensor)
	if !ok {
		return nil, nil, 0, python.Errorf(python.TypeErrorClass, "%s(): argument 'input' (position 1) must be Tensor, not %s", fname, a.Type().Name)
	}
	y, ok := b.(*Tensor)
	if !ok {
		return nil, nil, 0, python.Errorf(python.TypeErrorClass, "%s(): argument 'target' (position 2) must be Tensor, not %s", fname, b.Type().Name)
	}
	red, err := reductionArg(*reduction)
	return x.T, y.T, red, err
}

// lossOperands is the input and target of a loss called as every training
// loop calls it, loss(input, target) with two tensors; ok is false for
// any other call, which lossArgs reads. (Its reduction and keyword
// variables live on the heap, and a training loop calls the loss each step.)
func lossOperands(args python.Args) (a, b *tensor.Tensor, ok bool) {
	if len(args.Pos) != 2 || len(args.Kw) != 0 {
		return nil, nil, false
	}
	x, ok1 := args.Pos[0].(*Tensor)
	y, ok2 := args.Pos[1].(*Tensor)
	if !ok1 || !ok2 {
		return nil, nil, false
	}
	return x.T, y.T, true
}

func initFunctional(m *python.Module) {
	unaryFn := func(name string, f func(*tensor.Tensor) (*tensor.Tensor, error)) {
		m.SetFunc(name, func(th *python.Thread, args python.Args) (python.Value, error) {
			x, err := fnTensor(name, args)
			if err != nil {
				return nil, err
			}
			if v := args.Kwarg("inplace"); v == python.True {
				return x, pyErr(x.T.UnaryInPlace(f))
			}
			return ret(f(x.T))
		})
	}
	unaryFn("relu", tensor.Relu)
	unaryFn("tanh", tensor.Tanh)
	unaryFn("sigmoid", tensor.Sigmoid)
	m.SetFunc("linear", func(th *python.Thread, args python.Args) (python.Value, error) {
		var x, w, b python.Value = nil, nil, python.None
		if err := python.UnpackArgs("linear", args, "input", &x, "weight", &w, "bias?", &b); err != nil {
			return nil, err
		}
		xt, err := tensorArg("linear", "input", x)
		if err != nil {
			return nil, err
		}
		wt, err := tensorArg("linear", "weight", w)
		if err != nil {
			return nil, err
		}
		var bt *tensor.Tensor
		if bx, ok := b.(*Tensor); ok {
			bt = bx.T
		}
		return linearForward(xt, wt, bt)
	})
	m.SetFunc("mse_loss", func(th *python.Thread, args python.Args) (python.Value, error) {
		if a, b, ok := lossOperands(args); ok {
			return mseLoss(a, b, tensor.ReduceMean)
		}
		reduction := "mean"
		a, b, red, err := lossArgs("mse_loss", args, &reduction)
		if err != nil {
			return nil, err
		}
		return mseLoss(a, b, red)
	})
	m.SetFunc("l1_loss", func(th *python.Thread, args python.Args) (python.Value, error) {
		if a, b, ok := lossOperands(args); ok {
			return ret(tensor.L1Loss(a, b, tensor.ReduceMean))
		}
		reduction := "mean"
		a, b, red, err := lossArgs("l1_loss", args, &reduction)
		if err != nil {
			return nil, err
		}
		return ret(tensor.L1Loss(a, b, red))
	})
	m.SetFunc("cross_entropy", func(th *python.Thread, args python.Args) (python.Value, error) {
		if a, b, ok := lossOperands(args); ok {
			return crossEntropy(a, b, tensor.ReduceMean, -100)
		}
		var weight python.Value = python.None
		ignore := -100
		smoothing := 0.0
		reduction := "mean"
		a, b, red, err := lossArgs("cross_entropy", args, &reduction, "weight?", &weight, "size_average?", new(python.Value), "ignore_index?", &ignore, "reduce?", new(python.Value), "reduction?", &reduction, "label_smoothing?", &smoothing)
		if err != nil {
			return nil, err
		}
		if weight != python.None || smoothing != 0 {
			return nil, python.Errorf(python.NotImplementedErrorClass, "the simulator's cross_entropy does not support weight or label_smoothing")
		}
		return crossEntropy(a, b, red, ignore)
	})
	m.SetFunc("nll_loss", func(th *python.Thread, args python.Args) (python.Value, error) {
		if a, b, ok := lossOperands(args); ok {
			return ret(tensor.NllLoss(a, b, tensor.ReduceMean, -100))
		}
		ignore := -100
		reduction := "mean"
		a, b, red, err := lossArgs("nll_loss", args, &reduction, "weight?", new(python.Value), "size_average?", new(python.Value), "ignore_index?", &ignore, "reduce?", new(python.Value), "reduction?", &reduction)
		if err != nil {
			return nil, err
		}
		return ret(tensor.NllLoss(a, b, red, ignore))
	})
	softmaxFn := func(name string, f func(*tensor.Tensor, int) (*tensor.Tensor, error)) {
		m.SetFunc(name, func(th *python.Thread, args python.Args) (python.Value, error) {
			var x, dim python.Value = nil, python.None
			if err := python.UnpackArgs(name, args, "input", &x, "dim?", &dim, "_stacklevel?", new(python.Value), "dtype?", new(python.Value)); err != nil {
				return nil, err
			}
			xt, err := tensorArg(name, "input", x)
			if err != nil {
				return nil, err
			}
			d, ok := python.AsInt64(dim)
			if !ok {
				d = 1
				if xt.Dim() == 0 || xt.Dim() == 1 || xt.Dim() == 3 {
					d = 0
				}
			}
			return ret(f(xt, int(d)))
		})
	}
	softmaxFn("softmax", tensor.Softmax)
	softmaxFn("log_softmax", tensor.LogSoftmax)
	m.SetFunc("dropout", func(th *python.Thread, args python.Args) (python.Value, error) {
		var x python.Value
		p := 0.5
		training, inplace := true, false
		if err := python.UnpackArgs("dropout", args, "input", &x, "p?", &p, "training?", &training, "inplace?", &inplace); err != nil {
			return nil, err
		}
		xt, ok := x.(*Tensor)
		if !ok {
			return nil, python.Errorf(python.TypeErrorClass, "dropout(): argument 'input' (position 1) must be Tensor, not %s", x.Type().Name)
		}
		return dropout(th, xt, xt.T, p, training)
	})
	m.SetFunc("embedding", func(th *python.Thread, args python.Args) (python.Value, error) {
		var x, w python.Value
		if err := python.UnpackArgs("embedding", args, "input", &x, "weight", &w, "padding_idx?", new(python.Value)); err != nil {
			return nil, err
		}
		xt, err := tensorArg("embedding", "input", x)
		if err != nil {
			return nil, err
		}
		wt, err := tensorArg("embedding", "weight", w)
		if err != nil {
			return nil, err
		}
		return ret(tensor.Embedding(wt, xt))
	})
}

// initNNInit provides torch.nn.init's common initialisers. They modify the
// tensor in place without recording history, as PyTorch's do.
func initNNInit(m *python.Module) {
	fill := func(name string, f func(th *python.Thread, t *tensor.Tensor, args python.Args) ([]float64, error)) {
		m.SetFunc(name, func(th *python.Thread, args python.Args) (python.Value, error) {
			x, err := fnTensor(name, args)
			if err != nil {
				return nil, err
			}
			vals, err := f(th, x.T, python.Args{Pos: args.Pos[1:], Kw: args.Kw})
			if err != nil {
				return nil, err
			}
			c := rt(th).ctx
			saved := c.GradEnabled
			c.GradEnabled = false
			err = x.T.SetValues(vals)
			c.GradEnabled = saved
			return x, pyErr(err)
		})
	}
	constant := func(v float64) func(th *python.Thread, t *tensor.Tensor, args python.Args) ([]float64, error) {
		return func(th *python.Thread, t *tensor.Tensor, args python.Args) ([]float64, error) {
			out := make([]float64, t.Numel())
			for i := range out {
				out[i] = v
			}
			return out, nil
		}
	}
	fill("zeros_", constant(0))
	fill("ones_", constant(1))
	fill("constant_", func(th *python.Thread, t *tensor.Tensor, args python.Args) ([]float64, error) {
		var v float64
		if err := python.UnpackArgs("constant_", args, "val", &v); err != nil {
			return nil, err
		}
		return constant(v)(th, t, args)
	})
	fill("uniform_", func(th *python.Thread, t *tensor.Tensor, args python.Args) ([]float64, error) {
		a, b := 0.0, 1.0
		var gen python.Value = python.None
		if err := python.UnpackArgs("uniform_", args, "a?", &a, "b?", &b, "generator?", &gen); err != nil {
			return nil, err
		}
		g, err := genArg(th, gen)
		if err != nil {
			return nil, err
		}
		return uniformValues(g, t.DType(), t.Numel(), a, b)
	})
	fill("normal_", func(th *python.Thread, t *tensor.Tensor, args python.Args) ([]float64, error) {
		mean, std := 0.0, 1.0
		var gen python.Value = python.None
		if err := python.UnpackArgs("normal_", args, "mean?", &mean, "std?", &std, "generator?", &gen); err != nil {
			return nil, err
		}
		g, err := genArg(th, gen)
		if err != nil {
			return nil, err
		}
		return normalValues(g, t.DType(), t.Numel(), mean, std, t.IsContiguous())
	})
	fans := func(t *tensor.Tensor) (int, int, error) {
		if t.Dim() < 2 {
			return 0, 0, python.Errorf(python.ValueErrorClass, "Fan in and fan out can not be computed for tensor with fewer than 2 dimensions")
		}
		rf := 1
		for _, s := range t.Shape()[2:] {
			rf *= s
		}
		return t.Shape()[1] * rf, t.Shape()[0] * rf, nil
	}
	fill("kaiming_uniform_", func(th *python.Thread, t *tensor.Tensor, args python.Args) ([]float64, error) {
		a := 0.0
		var gen python.Value = python.None
		if err := python.UnpackArgs("kaiming_uniform_", args, "a?", &a, "mode?", new(python.Value), "nonlinearity?", new(python.Value), "generator?", &gen); err != nil {
			return nil, err
		}
		g, err := genArg(th, gen)
		if err != nil {
			return nil, err
		}
		fanIn, _, err := fans(t)
		if err != nil {
			return nil, err
		}
		b := rng.KaimingUniformBound(fanIn, a)
		return uniformValues(g, t.DType(), t.Numel(), -b, b)
	})
	fill("xavier_uniform_", func(th *python.Thread, t *tensor.Tensor, args python.Args) ([]float64, error) {
		gain := 1.0
		var gen python.Value = python.None
		if err := python.UnpackArgs("xavier_uniform_", args, "gain?", &gain, "generator?", &gen); err != nil {
			return nil, err
		}
		g, err := genArg(th, gen)
		if err != nil {
			return nil, err
		}
		fanIn, fanOut, err := fans(t)
		if err != nil {
			return nil, err
		}
		std := gain * math.Sqrt(2.0/float64(fanIn+fanOut))
		a := math.Sqrt(3.0) * std
		return uniformValues(g, t.DType(), t.Numel(), -a, a)
	})
}
