package torch

import (
	"math"

	"github.com/ckptlab/ckptlab/sim/python"
	"github.com/ckptlab/ckptlab/sim/torch/rng"
	"github.com/ckptlab/ckptlab/sim/torch/tensor"
)

func init() {
	register("torch", initTorch)
	register("torch.cuda", initCUDA)
	register("torch.random", initRNGFuncs)
	register("torch.serialization", initSerialization)
	register("torch.autograd", initAutograd)
}

// register makes a torch module importable. Its contents (functions,
// classes, dtypes) hold no per-run state, so they are built once and every
// run's module shares them until the run changes it: importing torch
// stays cheap.
func register(name string, fill func(m *python.Module)) {
	python.RegisterSharedModule(name, fill)
}

// factoryOpts are the keyword arguments tensor factories share.
type factoryOpts struct {
	dtype        tensor.DType
	hasDType     bool
	requiresGrad bool
	size         python.Value
	gen          python.Value // generator=, nil when absent
}

func parseFactoryKw(fname string, kw []python.Kwarg, allowSize bool) (factoryOpts, error) {
	var o factoryOpts
	for _, k := range kw {
		switch k.Name {
		case "dtype":
			d, ok, err := asDType(k.Value)
			if err != nil {
				return o, err
			}
			o.dtype, o.hasDType = d, ok
		case "device":
			if err := checkDevice(k.Value); err != nil {
				return o, err
			}
		case "requires_grad":
			b, err := python.Truth(nil, k.Value)
			if err != nil {
				return o, err
			}
			o.requiresGrad = b
		case "generator":
			o.gen = k.Value
		case "layout", "pin_memory", "memory_format":
		case "size":
			if !allowSize {
				return o, python.Errorf(python.TypeErrorClass, "%s() got an unexpected keyword argument 'size'", fname)
			}
			o.size = k.Value
		case "out":
			return o, python.Errorf(python.TypeErrorClass, "%s(): the simulator does not support out=", fname)
		default:
			return o, python.Errorf(python.TypeErrorClass, "%s() got an unexpected keyword argument '%s'", fname, k.Name)
		}
	}
	return o, nil
}

// finish applies requires_grad to a fresh factory result.
func finish(t *tensor.Tensor, o factoryOpts) (python.Value, error) {
	if o.requiresGrad {
		if err := t.SetRequiresGrad(true); err != nil {
			return nil, pyErr(err)
		}
	}
	return wrap(t), nil
}

func sizedFactory(fname string, fill func(r *runtime, g *rng.Generator, d tensor.DType, shape []int) (*tensor.Tensor, error), defaultDType tensor.DType) func(th *python.Thread, args python.Args) (python.Value, error) {
	return func(th *python.Thread, args python.Args) (python.Value, error) {
		o, err := parseFactoryKw(fname, args.Kw, true)
		if err != nil {
			return nil, err
		}
		pos := args.Pos
		if o.size != nil {
			pos = []python.Value{o.size}
		}
		shape, err := shapeArgs(th, fname, pos)
		if err != nil {
			return nil, err
		}
		d := defaultDType
		if o.hasDType {
			d = o.dtype
		}
		if o.requiresGrad && !d.IsFloat() {
			return nil, python.Errorf(python.RuntimeErrorClass, "Only Tensors of floating point and complex dtype can require gradients")
		}
		g, err := genArg(th, o.gen)
		if err != nil {
			return nil, err
		}
		t, err := fill(rt(th), g, d, shape)
		if err != nil {
			return nil, pyErr(err)
		}
		return finish(t, o)
	}
}

func constFill(v float64) func(r *runtime, g *rng.Generator, d tensor.DType, shape []int) (*tensor.Tensor, error) {
	return func(r *runtime, g *rng.Generator, d tensor.DType, shape []int) (*tensor.Tensor, error) {
		return tensor.Full(r.ctx, d, shape, v)
	}
}

func randomFill(kind string) func(r *runtime, g *rng.Generator, d tensor.DType, shape []int) (*tensor.Tensor, error) {
	return func(r *runtime, g *rng.Generator, d tensor.DType, shape []int) (*tensor.Tensor, error) {
		t, err := tensor.Empty(r.ctx, d, shape)
		if err != nil {
			return nil, err
		}
		var vals []float64
		if kind == "rand" {
			if !d.IsFloat() {
				return nil, python.Errorf(python.RuntimeErrorClass, "\"check_uniform_bounds\" not implemented for '%s'", tensor.TypeName(d))
			}
			vals, err = uniformValues(g, d, t.Numel(), 0, 1)
		} else {
			if !d.IsFloat() {
				return nil, python.Errorf(python.RuntimeErrorClass, "\"normal_kernel_cpu\" not implemented for '%s'", tensor.TypeName(d))
			}
			vals, err = normalValues(g, d, t.Numel(), 0, 1, true)
		}
		if err != nil {
			return nil, err
		}
		return t, t.SetValues(vals)
	}
}

// likeFactory makes zeros_like / ones_like / rand_like / randn_like /
// empty_like / full_like.
func likeFactory(fname string, fill func(r *runtime, g *rng.Generator, d tensor.DType, shape []int) (*tensor.Tensor, error)) func(th *python.Thread, args python.Args) (python.Value, error) {
	return func(th *python.Thread, args python.Args) (python.Value, error) {
		if len(args.Pos) < 1 {
			return nil, python.Errorf(python.TypeErrorClass, "%s() missing 1 required positional arguments: \"input\"", fname)
		}
		x, err := tensorArg(fname, "input", args.Pos[0])
		if err != nil {
			return nil, err
		}
		o, err := parseFactoryKw(fname, args.Kw, false)
		if err != nil {
			return nil, err
		}
		d := x.DType()
		if o.hasDType {
			d = o.dtype
		}
		g, err := genArg(th, o.gen)
		if err != nil {
			return nil, err
		}
		t, err := fill(rt(th), g, d, x.Shape())
		if err != nil {
			return nil, pyErr(err)
		}
		return finish(t, o)
	}
}

// dataTensor is torch.tensor(data): nested lists of numbers.
func dataTensor(th *python.Thread, data python.Value, o factoryOpts) (*tensor.Tensor, error) {
	if x, ok := data.(*Tensor); ok {
		d := x.T.DType()
		if o.hasDType {
			d = o.dtype
		}
		return tensor.FromValues(rt(th).ctx, d, x.T.Shape(), x.T.Values())
	}
	w := dataWalker{kind: tensor.Bool}
	w.shape, w.vals = w.shapeBuf[:0], w.valBuf[:0]
	if err := w.walk(th, data, 0); err != nil {
		return nil, err
	}
	shape, vals, kind := w.shape, w.vals, w.kind
	if len(vals) == 0 && !w.sawAny && kind == tensor.Bool {
		kind = tensor.Float32
	}
	if o.hasDType {
		kind = o.dtype
		if err := checkIntRange(kind, vals); err != nil {
			return nil, err
		}
	}
	t, err := tensor.FromValues(rt(th).ctx, kind, shape, vals)
	if err != nil {
		return nil, pyErr(err)
	}
	return t, nil
}

// A dataWalker reads torch.tensor's nested sequences: the shape, the
// values in row-major order and their kind (Bool, Int64 or Float32). A
// small tensor's shape and values stay in its buffers, on the stack.
type dataWalker struct {
	shape    []int
	vals     []float64
	kind     tensor.DType
	sawAny   bool
	shapeBuf [4]int
	valBuf   [8]float64
}

// items are the elements of a list or tuple, or ok is false.
func (w *dataWalker) items(th *python.Thread, v python.Value) (items []python.Value, ok bool) {
	switch x := v.(type) {
	case *python.List:
		if x.Class == nil {
			return x.Items, true // read, never kept
		}
		items, _ = python.ToSlice(th, x)
		return items, true
	case python.Tuple:
		return x, true
	}
	return nil, false
}

func (w *dataWalker) walk(th *python.Thread, v python.Value, depth int) error {
	if items, ok := w.items(th, v); ok {
		if depth == len(w.shape) {
			if w.sawAny {
				return python.Errorf(python.ValueErrorClass, "expected sequence of length %d at dim %d (got %d)", 0, depth, len(items))
			}
			w.shape = append(w.shape, len(items))
		} else if w.shape[depth] != len(items) {
			return python.Errorf(python.ValueErrorClass, "expected sequence of length %d at dim %d (got %d)", w.shape[depth], depth, len(items))
		}
		if len(items) == 0 {
			if depth == 0 && w.kind == tensor.Bool {
				w.kind = tensor.Float32
			}
			return nil
		}
		for _, it := range items {
			if err := w.walk(th, it, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	if depth != len(w.shape) {
		return python.Errorf(python.ValueErrorClass, "expected sequence of length %d at dim %d (got 0)", w.shape[depth], depth)
	}
	w.sawAny = true
	switch x := v.(type) {
	case python.Bool:
		if x {
			w.vals = append(w.vals, 1)
		} else {
			w.vals = append(w.vals, 0)
		}
	case python.Int:
		w.vals = append(w.vals, float64(x))
		if w.kind == tensor.Bool {
			w.kind = tensor.Int64
		}
	case python.Float:
		w.vals = append(w.vals, float64(x))
		w.kind = tensor.Float32
	case *Tensor:
		f, err := x.T.Item()
		if err != nil {
			return python.Errorf(python.ValueErrorClass, "only one element tensors can be converted to Python scalars")
		}
		w.vals = append(w.vals, f)
		if x.T.DType().IsFloat() {
			w.kind = tensor.Float32
		} else if x.T.DType() != tensor.Bool && w.kind == tensor.Bool {
			w.kind = tensor.Int64
		}
	default:
		if _, big := v.(interface{ Big() interface{} }); big {
			return python.Errorf(python.RuntimeErrorClass, "Overflow when unpacking long")
		}
		return python.Errorf(python.TypeErrorClass, "new(): invalid data type '%s'", v.Type().Name)
	}
	return nil
}

// numberArg reads a Python number (or one-element tensor) and whether it is
// a float.
func numberArg(v python.Value) (float64, bool, error) {
	switch x := v.(type) {
	case python.Bool:
		if x {
			return 1, false, nil
		}
		return 0, false, nil
	case python.Int:
		return float64(x), false, nil
	case python.Float:
		return float64(x), true, nil
	case *Tensor:
		f, err := x.T.Item()
		if err != nil {
			return 0, false, pyErr(err)
		}
		return f, x.T.DType().IsFloat(), nil
	}
	return 0, false, python.Errorf(python.TypeErrorClass, "must be real number, not %s", v.Type().Name)
}

func initTorch(m *python.Module) {
	m.Set("__version__", python.Str("2.6.0+cpu"))
	for name, d := range dtypeNames {
		m.Set(name, dtypeOf(d))
	}
	m.Set("Tensor", TensorClass)
	m.Set("Size", SizeClass)
	m.Set("device", DeviceClass)
	m.Set("dtype", DTypeClass)
	m.Set("no_grad", noGradClass)
	m.Set("enable_grad", enableGradClass)
	m.Set("inference_mode", noGradClass)
	m.Set("set_grad_enabled", setGradEnabledClass)
	m.Set("Generator", generatorClass)
	for name, d := range map[string]tensor.DType{"FloatTensor": tensor.Float32, "DoubleTensor": tensor.Float64, "HalfTensor": tensor.Float16,
		"LongTensor": tensor.Int64, "IntTensor": tensor.Int32, "BoolTensor": tensor.Bool, "ByteTensor": tensor.UInt8} {
		d := d
		m.SetFunc(name, func(th *python.Thread, args python.Args) (python.Value, error) {
			return legacyTensor(th, d, args)
		})
	}
	m.SetFunc("is_grad_enabled", func(th *python.Thread, args python.Args) (python.Value, error) {
		return python.Bool(rt(th).ctx.GradEnabled), nil
	})
	m.SetFunc("tensor", func(th *python.Thread, args python.Args) (python.Value, error) {
		if len(args.Pos) != 1 {
			return nil, python.Errorf(python.TypeErrorClass, "tensor() takes 1 positional argument but %d were given", len(args.Pos))
		}
		o, err := parseFactoryKw("tensor", args.Kw, false)
		if err != nil {
			return nil, err
		}
		t, err := dataTensor(th, args.Pos[0], o)
		if err != nil {
			return nil, err
		}
		return finish(t, o)
	})
	m.SetFunc("as_tensor", func(th *python.Thread, args python.Args) (python.Value, error) {
		o, err := parseFactoryKw("as_tensor", args.Kw, false)
		if err != nil {
			return nil, err
		}
		if x, ok := args.Pos[0].(*Tensor); ok && (!o.hasDType || o.dtype == x.T.DType()) {
			return x, nil
		}
		t, err := dataTensor(th, args.Pos[0], o)
		if err != nil {
			return nil, err
		}
		return wrap(t), nil
	})
	m.SetFunc("zeros", sizedFactory("zeros", constFill(0), tensor.Float32))
	m.SetFunc("ones", sizedFactory("ones", constFill(1), tensor.Float32))
	m.SetFunc("empty", sizedFactory("empty", constFill(0), tensor.Float32))
	m.SetFunc("rand", sizedFactory("rand", randomFill("rand"), tensor.Float32))
	m.SetFunc("randn", sizedFactory("randn", randomFill("randn"), tensor.Float32))
	m.SetFunc("zeros_like", likeFactory("zeros_like", constFill(0)))
	m.SetFunc("ones_like", likeFactory("ones_like", constFill(1)))
	m.SetFunc("empty_like", likeFactory("empty_like", constFill(0)))
	m.SetFunc("rand_like", likeFactory("rand_like", randomFill("rand")))
	m.SetFunc("randn_like", likeFactory("randn_like", randomFill("randn")))
	m.SetFunc("full", func(th *python.Thread, args python.Args) (python.Value, error) {
		if len(args.Pos) < 2 {
			return nil, python.Errorf(python.TypeErrorClass, "full() missing required arguments: \"size\" and \"fill_value\"")
		}
		o, err := parseFactoryKw("full", args.Kw, false)
		if err != nil {
			return nil, err
		}
		shape, err := shapeArgs(th, "full", args.Pos[:1])
		if err != nil {
			return nil, err
		}
		v, isFloat, err := numberArg(args.Pos[1])
		if err != nil {
			return nil, err
		}
		d := tensor.Int64
		switch {
		case o.hasDType:
			d = o.dtype
		case isFloat:
			d = tensor.Float32
		case args.Pos[1] == python.True || args.Pos[1] == python.False:
			d = tensor.Bool
		}
		t, err := tensor.Full(rt(th).ctx, d, shape, v)
		if err != nil {
			return nil, pyErr(err)
		}
		return finish(t, o)
	})
	m.SetFunc("full_like", func(th *python.Thread, args python.Args) (python.Value, error) {
		if len(args.Pos) < 2 {
			return nil, python.Errorf(python.TypeErrorClass, "full_like() missing required arguments")
		}
		v, _, err := numberArg(args.Pos[1])
		if err != nil {
			return nil, err
		}
		return likeFactory("full_like", constFill(v))(th, python.Args{Pos: args.Pos[:1], Kw: args.Kw})
	})
	m.SetFunc("arange", func(th *python.Thread, args python.Args) (python.Value, error) {
		o, err := parseFactoryKw("arange", kwWithout(args.Kw, "start", "end", "step"), false)
		if err != nil {
			return nil, err
		}
		var nums []python.Value
		nums = append(nums, args.Pos...)
		for _, name := range []string{"start", "end", "step"} {
			if v := args.Kwarg(name); v != nil {
				nums = append(nums, v)
			}
		}
		if len(nums) == 0 || len(nums) > 3 {
			return nil, python.Errorf(python.TypeErrorClass, "arange() received an invalid combination of arguments")
		}
		start, end, step := 0.0, 0.0, 1.0
		anyFloat := false
		vals := make([]float64, len(nums))
		for i, v := range nums {
			f, isF, err := numberArg(v)
			if err != nil {
				return nil, err
			}
			vals[i] = f
			anyFloat = anyFloat || isF
		}
		switch len(vals) {
		case 1:
			end = vals[0]
		case 2:
			start, end = vals[0], vals[1]
		default:
			start, end, step = vals[0], vals[1], vals[2]
		}
		if step == 0 {
			return nil, python.Errorf(python.RuntimeErrorClass, "step must be nonzero")
		}
		if (step > 0 && start > end) || (step < 0 && start < end) {
			return nil, python.Errorf(python.RuntimeErrorClass, "upper bound and larger bound inconsistent with step sign")
		}
		d := tensor.Int64
		if anyFloat {
			d = tensor.Float32
		}
		if o.hasDType {
			d = o.dtype
		}
		n := int(math.Ceil((end - start) / step))
		t, err := tensor.Empty(rt(th).ctx, d, []int{n})
		if err != nil {
			return nil, pyErr(err)
		}
		out := make([]float64, n)
		for i := range out {
			out[i] = start + float64(i)*step
		}
		if err := t.SetValues(out); err != nil {
			return nil, pyErr(err)
		}
		return finish(t, o)
	})
	m.SetFunc("linspace", func(th *python.Thread, args python.Args) (python.Value, error) {
		var sv, ev python.Value
		var steps int
		if err := python.UnpackArgs("linspace", python.Args{Pos: args.Pos, Kw: kwOnly(args.Kw, "start", "end", "steps")}, "start", &sv, "end", &ev, "steps", &steps); err != nil {
			return nil, err
		}
		o, err := parseFactoryKw("linspace", kwWithout(args.Kw, "start", "end", "steps"), false)
		if err != nil {
			return nil, err
		}
		if steps < 0 {
			return nil, python.Errorf(python.RuntimeErrorClass, "number of steps must be non-negative")
		}
		start, _, err := numberArg(sv)
		if err != nil {
			return nil, err
		}
		end, _, err := numberArg(ev)
		if err != nil {
			return nil, err
		}
		d := tensor.Float32
		if o.hasDType {
			d = o.dtype
		}
		out := linspaceValues(d, start, end, steps)
		t, err := tensor.FromValues(rt(th).ctx, d, []int{steps}, out)
		if err != nil {
			return nil, pyErr(err)
		}
		return finish(t, o)
	})
	m.SetFunc("eye", func(th *python.Thread, args python.Args) (python.Value, error) {
		o, err := parseFactoryKw("eye", args.Kw, false)
		if err != nil {
			return nil, err
		}
		dims, err := intsOf("eye", args.Pos)
		if err != nil || len(dims) == 0 || len(dims) > 2 {
			return nil, python.Errorf(python.TypeErrorClass, "eye() received an invalid combination of arguments")
		}
		n, mm := dims[0], dims[0]
		if len(dims) == 2 {
			mm = dims[1]
		}
		d := tensor.Float32
		if o.hasDType {
			d = o.dtype
		}
		t, err := tensor.Empty(rt(th).ctx, d, []int{n, mm})
		if err != nil {
			return nil, pyErr(err)
		}
		out := make([]float64, n*mm)
		for i := 0; i < n && i < mm; i++ {
			out[i*mm+i] = 1
		}
		t.SetValues(out)
		return finish(t, o)
	})
	m.SetFunc("randint", func(th *python.Thread, args python.Args) (python.Value, error) {
		o, err := parseFactoryKw("randint", kwWithout(args.Kw, "low", "high"), true)
		if err != nil {
			return nil, err
		}
		pos := args.Pos
		var low, high int64
		var sizeV python.Value = o.size
		ints := []int64{}
		for len(pos) > 0 {
			if n, ok := python.AsInt64(pos[0]); ok {
				ints = append(ints, n)
				pos = pos[1:]
				continue
			}
			break
		}
		if len(pos) > 0 {
			sizeV = pos[0]
		}
		if v := args.Kwarg("low"); v != nil {
			n, _ := python.AsInt64(v)
			ints = append([]int64{n}, ints...)
		}
		if v := args.Kwarg("high"); v != nil {
			n, _ := python.AsInt64(v)
			ints = append(ints, n)
		}
		switch len(ints) {
		case 1:
			high = ints[0]
		case 2:
			low, high = ints[0], ints[1]
		default:
			return nil, python.Errorf(python.TypeErrorClass, "randint() received an invalid combination of arguments")
		}
		if sizeV == nil {
			return nil, python.Errorf(python.TypeErrorClass, "randint() missing 1 required positional arguments: \"size\"")
		}
		shape, err := shapeArgs(th, "randint", []python.Value{sizeV})
		if err != nil {
			return nil, err
		}
		d := tensor.Int64
		if o.hasDType {
			d = o.dtype
		}
		t, err := tensor.Empty(rt(th).ctx, d, shape)
		if err != nil {
			return nil, pyErr(err)
		}
		g, err := genArg(th, o.gen)
		if err != nil {
			return nil, err
		}
		vals, err := randintValues(g, d, t.Numel(), low, high)
		if err != nil {
			return nil, err
		}
		t.SetValues(vals)
		return finish(t, o)
	})
	m.SetFunc("randperm", func(th *python.Thread, args python.Args) (python.Value, error) {
		o, err := parseFactoryKw("randperm", kwWithout(args.Kw, "n"), false)
		if err != nil {
			return nil, err
		}
		var n int64
		if err := python.UnpackArgs("randperm", python.Args{Pos: args.Pos, Kw: kwOnly(args.Kw, "n")}, "n", &n); err != nil {
			return nil, err
		}
		if n < 0 {
			return nil, python.Errorf(python.RuntimeErrorClass, "n must be non-negative, got%d", n)
		}
		if n > int64(tensor.MaxElements) {
			return nil, memoryError(8 * n)
		}
		if err := th.Alloc(8 * n); err != nil {
			return nil, memoryError(8 * n)
		}
		g, err := genArg(th, o.gen)
		if err != nil {
			return nil, err
		}
		perm, err := g.Randperm(n)
		if err != nil {
			return nil, python.Errorf(python.RuntimeErrorClass, "%s", err.Error())
		}
		vals := make([]float64, len(perm))
		for i, v := range perm {
			vals[i] = float64(v)
		}
		d := tensor.Int64
		if o.hasDType {
			d = o.dtype
		}
		t, err := tensor.FromValues(rt(th).ctx, d, []int{int(n)}, vals)
		if err != nil {
			return nil, pyErr(err)
		}
		return finish(t, o)
	})
	m.SetFunc("randint_like", func(th *python.Thread, args python.Args) (python.Value, error) {
		if len(args.Pos) < 2 {
			return nil, python.Errorf(python.TypeErrorClass, "randint_like() missing required argument 'high'")
		}
		var low, high int64
		nums, err := intsOf("randint_like", args.Pos[1:])
		if err != nil {
			return nil, err
		}
		switch len(nums) {
		case 1:
			high = int64(nums[0])
		case 2:
			low, high = int64(nums[0]), int64(nums[1])
		default:
			return nil, python.Errorf(python.TypeErrorClass, "randint_like() received an invalid combination of arguments")
		}
		return likeFactory("randint_like", func(r *runtime, g *rng.Generator, d tensor.DType, shape []int) (*tensor.Tensor, error) {
			t, err := tensor.Empty(r.ctx, d, shape)
			if err != nil {
				return nil, err
			}
			vals, err := randintValues(g, d, t.Numel(), low, high)
			if err != nil {
				return nil, err
			}
			return t, t.SetValues(vals)
		})(th, python.Args{Pos: args.Pos[:1], Kw: args.Kw})
	})
	m.SetFunc("bernoulli", func(th *python.Thread, args python.Args) (python.Value, error) {
		var in python.Value
		var p, gen python.Value = python.None, python.None
		if err := python.UnpackArgs("bernoulli", args, "input", &in, "p?", &p, "*", "generator?", &gen); err != nil {
			return nil, err
		}
		x, err := tensorArg("bernoulli", "input", in)
		if err != nil {
			return nil, err
		}
		g, err := genArg(th, gen)
		if err != nil {
			return nil, err
		}
		out, err := tensor.Empty(rt(th).ctx, x.DType(), x.Shape())
		if err != nil {
			return nil, pyErr(err)
		}
		var vals []float64
		if pf, ok, _ := python.AsFloat(p); ok && p != python.None {
			keep := make([]bool, x.Numel())
			g.Bernoulli(keep, pf)
			vals = make([]float64, len(keep))
			for i, k := range keep {
				if k {
					vals[i] = 1
				}
			}
		} else if vals, err = bernoulliTensorValues(g, x.Values()); err != nil {
			return nil, err
		}
		return ret(out, out.SetValues(vals))
	})
	m.SetFunc("normal", func(th *python.Thread, args python.Args) (python.Value, error) {
		var mean, std python.Value = python.Float(0), python.Float(1)
		var size, gen python.Value = python.None, python.None
		if err := python.UnpackArgs("normal", args, "mean", &mean, "std?", &std, "size?", &size, "*", "generator?", &gen, "out?", new(python.Value), "dtype?", new(python.Value), "layout?", new(python.Value), "device?", new(python.Value), "pin_memory?", new(python.Value), "requires_grad?", new(python.Value)); err != nil {
			return nil, err
		}
		_, mt := mean.(*Tensor)
		_, st := std.(*Tensor)
		if mt || st || size == python.None {
			return nil, python.Errorf(python.NotImplementedErrorClass, "the simulator's torch.normal takes float mean and std and a size")
		}
		mf, _, err := numberArg(mean)
		if err != nil {
			return nil, err
		}
		sf, _, err := numberArg(std)
		if err != nil {
			return nil, err
		}
		shape, err := shapeArgs(th, "normal", []python.Value{size})
		if err != nil {
			return nil, err
		}
		g, err := genArg(th, gen)
		if err != nil {
			return nil, err
		}
		t, err := tensor.Empty(rt(th).ctx, tensor.Float32, shape)
		if err != nil {
			return nil, pyErr(err)
		}
		vals, err := normalValues(g, tensor.Float32, t.Numel(), mf, sf, true)
		if err != nil {
			return nil, err
		}
		return ret(t, t.SetValues(vals))
	})
	m.SetFunc("cat", catStack("cat", tensor.Cat))
	m.SetFunc("concat", catStack("concat", tensor.Cat))
	m.SetFunc("stack", catStack("stack", tensor.Stack))
	m.SetFunc("is_tensor", func(th *python.Thread, args python.Args) (python.Value, error) {
		_, ok := args.Pos[0].(*Tensor)
		return python.Bool(ok), nil
	})
	m.SetFunc("numel", func(th *python.Thread, args python.Args) (python.Value, error) {
		x, err := tensorArg("numel", "input", args.Pos[0])
		if err != nil {
			return nil, err
		}
		return python.Int(x.Numel()), nil
	})
	m.SetFunc("is_floating_point", func(th *python.Thread, args python.Args) (python.Value, error) {
		x, err := tensorArg("is_floating_point", "input", args.Pos[0])
		if err != nil {
			return nil, err
		}
		return python.Bool(x.DType().IsFloat()), nil
	})
	m.SetFunc("get_default_dtype", func(th *python.Thread, args python.Args) (python.Value, error) {
		return dtypeOf(tensor.Float32), nil
	})
	m.SetFunc("promote_types", func(th *python.Thread, args python.Args) (python.Value, error) {
		a, _, err := asDType(args.Pos[0])
		if err != nil {
			return nil, err
		}
		b, _, err := asDType(args.Pos[1])
		if err != nil {
			return nil, err
		}
		return dtypeOf(tensor.PromoteTypes(a, b)), nil
	})
	m.SetFunc("where", func(th *python.Thread, args python.Args) (python.Value, error) {
		if len(args.Pos) != 3 {
			return nil, python.Errorf(python.TypeErrorClass, "where() expects condition, input and other")
		}
		cond, err := tensorArg("where", "condition", args.Pos[0])
		if err != nil {
			return nil, err
		}
		a, ok1 := operand(th, args.Pos[1])
		b, ok2 := operand(th, args.Pos[2])
		if !ok1 || !ok2 {
			return nil, python.Errorf(python.TypeErrorClass, "where(): expected tensors or numbers")
		}
		return ret(tensor.Where(cond, a, b))
	})
	// functional forms of tensor methods: torch.f(x, ...) is x.f(...)
	for _, name := range []string{"sum", "mean", "max", "min", "argmax", "argmin", "std", "var", "norm", "exp", "log", "sqrt",
		"abs", "relu", "tanh", "sigmoid", "clamp", "clip", "reshape", "flatten", "squeeze", "unsqueeze", "transpose", "t", "permute",
		"matmul", "mm", "dot", "add", "sub", "mul", "div", "pow", "softmax", "log_softmax", "clone", "detach", "equal", "allclose",
		"isclose", "maximum", "minimum", "square", "neg", "all", "any", "multiply", "divide", "true_divide", "floor_divide",
		"remainder", "logical_not", "sin", "cos", "eq", "ne", "lt", "le", "gt", "ge", "absolute", "numel"} {
		name := name
		if _, exists := m.Get(name); exists {
			continue
		}
		m.SetFunc(name, func(th *python.Thread, args python.Args) (python.Value, error) {
			if len(args.Pos) == 0 {
				if v := args.Kwarg("input"); v != nil {
					args = python.Args{Pos: []python.Value{v}, Kw: kwWithout(args.Kw, "input")}
				} else {
					return nil, python.Errorf(python.TypeErrorClass, "%s() missing 1 required positional arguments: \"input\"", name)
				}
			}
			x, ok := args.Pos[0].(*Tensor)
			if !ok {
				if _, num := operand(th, args.Pos[0]); num && len(args.Pos) > 1 {
					if y, ok := args.Pos[1].(*Tensor); ok && (name == "add" || name == "mul" || name == "maximum" || name == "minimum") {
						return python.CallMethod(th, y, name, python.Args{Pos: append([]python.Value{args.Pos[0]}, args.Pos[2:]...), Kw: args.Kw})
					}
				}
				return nil, python.Errorf(python.TypeErrorClass, "%s(): argument 'input' (position 1) must be Tensor, not %s", name, args.Pos[0].Type().Name)
			}
			return python.CallMethod(th, x, name, python.Args{Pos: args.Pos[1:], Kw: args.Kw})
		})
	}
	initRNGFuncs(m)
	m.SetFunc("set_printoptions", func(th *python.Thread, args python.Args) (python.Value, error) {
		return python.None, setPrintOptions(th, args)
	})
	m.SetFunc("save", observeSave(torchSave))
	m.SetFunc("load", observeLoad(torchLoad))
}

func kwWithout(kw []python.Kwarg, names ...string) []python.Kwarg {
	var out []python.Kwarg
outer:
	for _, k := range kw {
		for _, n := range names {
			if k.Name == n {
				continue outer
			}
		}
		out = append(out, k)
	}
	return out
}

func kwOnly(kw []python.Kwarg, names ...string) []python.Kwarg {
	var out []python.Kwarg
	for _, k := range kw {
		for _, n := range names {
			if k.Name == n {
				out = append(out, k)
			}
		}
	}
	return out
}

func catStack(name string, f func([]*tensor.Tensor, int) (*tensor.Tensor, error)) func(th *python.Thread, args python.Args) (python.Value, error) {
	return func(th *python.Thread, args python.Args) (python.Value, error) {
		var seq python.Value
		dim := 0
		if err := python.UnpackArgs(name, args, "tensors", &seq, "dim?", &dim); err != nil {
			return nil, err
		}
		items, err := python.ToSlice(th, seq)
		if err != nil {
			return nil, python.Errorf(python.TypeErrorClass, "%s(): argument 'tensors' (position 1) must be tuple of Tensors, not %s", name, seq.Type().Name)
		}
		ts := make([]*tensor.Tensor, len(items))
		for i, it := range items {
			x, ok := it.(*Tensor)
			if !ok {
				return nil, python.Errorf(python.TypeErrorClass, "expected Tensor as element %d in argument 0, but got %s", i, it.Type().Name)
			}
			ts[i] = x.T
		}
		return ret(f(ts, dim))
	}
}

func setPrintOptions(th *python.Thread, args python.Args) error {
	var precision, threshold, edgeitems, linewidth, profile, sciMode python.Value = python.None, python.None, python.None, python.None, python.None, python.None
	if err := python.UnpackArgs("set_printoptions", args, "precision?", &precision, "threshold?", &threshold, "edgeitems?", &edgeitems, "linewidth?", &linewidth, "profile?", &profile, "sci_mode?", &sciMode); err != nil {
		return err
	}
	o := &rt(th).print
	if p, ok := profile.(python.Str); ok {
		switch p {
		case "default":
			o.Precision, o.Threshold, o.EdgeItems, o.LineWidth = 4, 1000, 3, 80
		case "short":
			o.Precision, o.Threshold, o.EdgeItems, o.LineWidth = 2, 1000, 2, 80
		case "full":
			o.Precision, o.Threshold, o.EdgeItems, o.LineWidth = 4, math.Inf(1), 3, 80
		}
	}
	if n, ok := python.AsInt64(precision); ok {
		o.Precision = int(n)
	}
	if f, ok, _ := python.AsFloat(threshold); ok && threshold != python.None {
		o.Threshold = f
	}
	if n, ok := python.AsInt64(edgeitems); ok {
		o.EdgeItems = int(n)
	}
	if n, ok := python.AsInt64(linewidth); ok {
		o.LineWidth = int(n)
	}
	if sciMode == python.None {
		o.SciMode = nil
	} else {
		b, _ := python.Truth(th, sciMode)
		o.SciMode = &b
	}
	return nil
}

func initCUDA(m *python.Module) {
	m.SetFunc("is_available", func(th *python.Thread, args python.Args) (python.Value, error) { return python.False, nil })
	m.SetFunc("device_count", func(th *python.Thread, args python.Args) (python.Value, error) { return python.Int(0), nil })
	m.SetFunc("manual_seed", func(th *python.Thread, args python.Args) (python.Value, error) { return python.None, nil })
	m.SetFunc("manual_seed_all", func(th *python.Thread, args python.Args) (python.Value, error) { return python.None, nil })
	m.SetFunc("current_device", func(th *python.Thread, args python.Args) (python.Value, error) { return nil, errNoCUDA() })
	m.SetFunc("get_rng_state", func(th *python.Thread, args python.Args) (python.Value, error) { return nil, errNoCUDA() })
	m.SetFunc("get_rng_state_all", func(th *python.Thread, args python.Args) (python.Value, error) {
		return python.NewList(nil), nil
	})
	m.SetFunc("set_rng_state", func(th *python.Thread, args python.Args) (python.Value, error) { return nil, errNoCUDA() })
	m.SetFunc("set_rng_state_all", func(th *python.Thread, args python.Args) (python.Value, error) { return python.None, nil })
	m.SetFunc("synchronize", func(th *python.Thread, args python.Args) (python.Value, error) { return nil, errNoCUDA() })
}

func initAutograd(m *python.Module) {
	m.SetFunc("backward", func(th *python.Thread, args python.Args) (python.Value, error) {
		if len(args.Pos) == 0 {
			return nil, python.Errorf(python.TypeErrorClass, "backward() missing 1 required positional argument: 'tensors'")
		}
		return python.CallMethod(th, args.Pos[0], "backward", python.Args{Pos: args.Pos[1:], Kw: args.Kw})
	})
}

// linspaceValues computes torch.linspace as the vectorised CPU kernel does
// (measured against the oracle): the first half counts up from start and
// the second down from end, each element of a vector of 8 (float32) or 4
// (float64) is base + j*step, each vector's base is a fused multiply-add,
// vectors go two at a time and the tail element by element.
func linspaceValues(d tensor.DType, start, end float64, steps int) []float64 {
	out := make([]float64, steps)
	if steps == 0 {
		return out
	}
	if steps == 1 {
		out[0] = d.Round(start)
		return out
	}
	if !d.IsFloat() {
		step := (end - start) / float64(steps-1)
		for i := range out {
			if i < steps/2 {
				out[i] = d.Round(start + step*float64(i))
			} else {
				out[i] = d.Round(end - step*float64(steps-i-1))
			}
		}
		return out
	}
	s0, e0 := d.Round(start), d.Round(end)
	step := d.Round((e0 - s0) / float64(steps-1))
	half := steps / 2
	base := func(k int) float64 {
		if k < half {
			return d.Round(math.FMA(step, float64(k), s0))
		}
		return d.Round(math.FMA(-step, float64(steps-k-1), e0))
	}
	vec := 8
	if d == tensor.Float64 {
		vec = 4
	}
	if d == tensor.Float16 || d == tensor.BFloat16 {
		vec = 16
	}
	i := 0
	for ; i+2*vec <= steps; i += 2 * vec {
		for c := 0; c < 2; c++ {
			idx := i + c*vec
			b := base(idx)
			for j := 0; j < vec; j++ {
				out[idx+j] = d.Round(b + d.Round(float64(j)*step))
			}
		}
	}
	for ; i < steps; i++ {
		out[i] = base(i)
	}
	return out
}

// checkIntRange refuses Python ints outside a narrow integer dtype, as
// torch.tensor(..., dtype=...) does.
func checkIntRange(d tensor.DType, vals []float64) error {
	lo, hi := 0.0, 0.0
	switch d {
	case tensor.UInt8:
		lo, hi = 0, 255
	case tensor.Int8:
		lo, hi = -128, 127
	case tensor.Int16:
		lo, hi = -32768, 32767
	case tensor.Int32:
		lo, hi = -2147483648, 2147483647
	default:
		return nil
	}
	for _, v := range vals {
		if v < lo || v > hi {
			return python.Errorf(python.RuntimeErrorClass, "value cannot be converted to type %s without overflow", d)
		}
	}
	return nil
}

// legacyTensor is torch.Tensor(...) / torch.FloatTensor(...): a sequence
// gives its values, integers give a shape (zero-filled here, where PyTorch
// leaves the memory uninitialised), nothing gives an empty tensor.
func legacyTensor(th *python.Thread, d tensor.DType, args python.Args) (python.Value, error) {
	if len(args.Kw) > 0 {
		return nil, python.Errorf(python.TypeErrorClass, "new() received an invalid combination of arguments - got an unexpected keyword argument '%s'", args.Kw[0].Name)
	}
	if len(args.Pos) == 0 {
		return ret(tensor.Empty(rt(th).ctx, d, []int{0}))
	}
	if len(args.Pos) == 1 {
		switch args.Pos[0].(type) {
		case *python.List, python.Tuple, *Tensor:
			t, err := dataTensor(th, args.Pos[0], factoryOpts{dtype: d, hasDType: true})
			if err != nil {
				return nil, err
			}
			return wrap(t), nil
		}
	}
	shape, err := shapeArgs(th, "new", args.Pos)
	if err != nil {
		return nil, python.Errorf(python.TypeErrorClass, "new(): data must be a sequence (got %s)", args.Pos[0].Type().Name)
	}
	return ret(tensor.Empty(rt(th).ctx, d, shape))
}
