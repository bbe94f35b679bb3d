package torch

import (
	"strconv"

	"github.com/ckptlab/ckptlab/sim/python"
	"github.com/ckptlab/ckptlab/sim/torch/tensor"
)

// layer describes a built-in nn layer: how __init__ fills it, its forward
// and its extra_repr.
type layer struct {
	name, module string
	init         func(th *python.Thread, m *Module, args python.Args) error
	forward      func(th *python.Thread, m *Module, args python.Args) (python.Value, error)
	extra        extraRepr
}

// extraRepr appends a built-in layer's extra_repr to b.
type extraRepr func(th *python.Thread, m *Module, b []byte) []byte

var (
	layerClasses = map[string]*python.Class{}
	layerDefs    = map[*python.Class]layer{}
)

func defineLayer(l layer) *python.Class {
	c := python.NewClass(l.name, ModuleClass)
	c.Module = l.module
	// made at package init, perhaps before nn.Module's hooks are set
	c.New = newModule
	c.GetAttrHook, c.SetAttrHook, c.DelAttrHook = moduleGetAttr, moduleSetAttr, moduleDelAttr
	c.SetMethod("__init__", func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		m, ok := self.(*Module)
		if !ok {
			return nil, python.Errorf(python.TypeErrorClass, "descriptor '__init__' requires a '%s' object", l.name)
		}
		m.init()
		m.forward, m.extra = l.forward, l.extra
		if l.init != nil {
			if err := l.init(th, m, args); err != nil {
				return nil, err
			}
		}
		return python.None, nil
	})
	layerClasses[l.name] = c
	layerDefs[c] = l
	return c
}

// attr reads an instance attribute a layer stored at construction.
func attr(th *python.Thread, m *Module, name string) python.Value {
	v, _ := m.Dict().GetStr(name)
	if v == nil {
		return python.None
	}
	return v
}

// setAttrs sets instance attributes from name, value pairs. A name given
// as a python.Str constant is stored as it is; a Go string is boxed first,
// which costs an allocation.
func setAttrs(m *Module, kv ...any) {
	d := m.Dict()
	d.Reserve(len(kv) / 2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(python.Value) // the same box, not a new one
		if !ok {
			k = python.Str(kv[i].(string))
		}
		d.Set(nil, k, kv[i+1].(python.Value))
	}
}

// linearAttrs are the keys of a Linear's attributes.
var linearAttrs = keysTemplateOf([]string{"in_features", "out_features"})

// setAttrsFrom sets instance attributes, tmpl's keys with vals in order.
// A new layer's attribute dict, still empty, shares the template's keys
// and keeps vals as its values, which costs no allocation but vals, where
// setting them one by one costs two.
func setAttrsFrom(m *Module, tmpl *keysTmpl, vals ...python.Value) {
	d := m.Dict()
	if d.Len() == 0 {
		d.ShareKeys(tmpl.dict, vals)
		return
	}
	for i, k := range tmpl.keys {
		d.Set(nil, k, vals[i])
	}
}

// appendRepr appends repr(v) to b: an int's digits directly, as an
// attribute like in_features is one.
func appendRepr(th *python.Thread, b []byte, v python.Value) []byte {
	if i, ok := v.(python.Int); ok {
		return strconv.AppendInt(b, int64(i), 10)
	}
	return append(b, reprOf(th, v)...)
}

func reprOf(th *python.Thread, v python.Value) string {
	s, err := python.Repr(th, v)
	if err != nil {
		return "?"
	}
	return s
}

func param(m *Module, name string) *tensor.Tensor {
	if v, ok := m.params.get(name); ok && v != nil {
		return v.(*Tensor).T
	}
	return nil
}

func buffer(m *Module, name string) *tensor.Tensor {
	if v, ok := m.buffers.get(name); ok && v != nil {
		return v.(*Tensor).T
	}
	return nil
}

// oneInput reads a layer's single tensor input.
func oneInput(m *Module, args python.Args) (*tensor.Tensor, error) {
	if len(args.Pos) != 1 || len(args.Kw) > 0 {
		if len(args.Pos) == 0 {
			return nil, python.Errorf(python.TypeErrorClass, "%s.forward() missing 1 required positional argument: 'input'", m.Type().Name)
		}
		return nil, python.Errorf(python.TypeErrorClass, "%s.forward() takes 2 positional arguments but %d were given", m.Type().Name, len(args.Pos)+1)
	}
	x, ok := args.Pos[0].(*Tensor)
	if !ok {
		return nil, python.Errorf(python.TypeErrorClass, "%s(): argument 'input' (position 1) must be Tensor, not %s", lowerName(m), args.Pos[0].Type().Name)
	}
	return x.T, nil
}

func lowerName(m *Module) string {
	switch m.Type().Name {
	case "Linear":
		return "linear"
	case "ReLU":
		return "relu"
	}
	return m.Type().Name
}

func twoInputs(m *Module, args python.Args) (*tensor.Tensor, *tensor.Tensor, error) {
	if len(args.Pos) != 2 {
		return nil, nil, python.Errorf(python.TypeErrorClass, "%s.forward() missing 1 required positional argument: 'target'", m.Type().Name)
	}
	a, ok1 := args.Pos[0].(*Tensor)
	b, ok2 := args.Pos[1].(*Tensor)
	if !ok1 {
		return nil, nil, python.Errorf(python.AttributeErrorClass, "'%s' object has no attribute 'size'", args.Pos[0].Type().Name)
	}
	if !ok2 {
		return nil, nil, python.Errorf(python.AttributeErrorClass, "'%s' object has no attribute 'size'", args.Pos[1].Type().Name)
	}
	return a.T, b.T, nil
}

func reductionArg(v string) (tensor.Reduction, error) {
	switch v {
	case "mean":
		return tensor.ReduceMean, nil
	case "sum":
		return tensor.ReduceSum, nil
	case "none":
		return tensor.ReduceNone, nil
	}
	return 0, python.Errorf(python.ValueErrorClass, "%s is not a valid value for reduction", v)
}

func boolStr(b bool) string {
	if b {
		return "True"
	}
	return "False"
}

var (
	linearClass, sequentialClass, moduleListClass, batchNormClass *python.Class
)

func init() {
	linearClass = defineLayer(layer{name: "Linear", module: "torch.nn.modules.linear",
		init: func(th *python.Thread, m *Module, args python.Args) error {
			in, out, bias, dev, dt, err := linearArgs(args)
			if err != nil {
				return err
			}
			if err := checkDevice(dev); err != nil {
				return err
			}
			d := tensor.Float32
			if x, ok, err := asDType(dt); err != nil {
				return err
			} else if ok {
				d = x
			}
			if in < 0 || out < 0 {
				return python.Errorf(python.RuntimeErrorClass, "Trying to create tensor with negative dimension %d: [%d, %d]", min(in, out), out, in)
			}
			r := rt(th)
			var w, b *tensor.Tensor
			if bias {
				w, b, err = tensor.EmptyPair(r.ctx, d, []int{out, in}, []int{out})
			} else {
				w, err = tensor.Empty(r.ctx, d, []int{out, in})
			}
			if err != nil {
				return pyErr(err)
			}
			if err := linearInit(r.gen, w, b, in); err != nil {
				return err
			}
			// The weight's and bias's objects and the attribute dict's
			// values, in one allocation.
			a := new(struct {
				ps    [2]Tensor
				attrs [2]python.Value
			})
			a.attrs = [2]python.Value{python.Int(in), python.Int(out)}
			setAttrsFrom(m, linearAttrs, a.attrs[:]...)
			if err := freshParameterIn(&a.ps[0], w); err != nil {
				return err
			}
			m.params.set("weight", &a.ps[0])
			if b != nil {
				if err := freshParameterIn(&a.ps[1], b); err != nil {
					return err
				}
				m.params.set("bias", &a.ps[1])
			} else {
				m.params.set("bias", nil)
			}
			return nil
		},
		forward: func(th *python.Thread, m *Module, args python.Args) (python.Value, error) {
			x, err := oneInput(m, args)
			if err != nil {
				return nil, err
			}
			return linearForward(x, param(m, "weight"), param(m, "bias"))
		},
		extra: func(th *python.Thread, m *Module, b []byte) []byte {
			b = append(b, "in_features="...)
			b = appendRepr(th, b, attr(th, m, "in_features"))
			b = append(b, ", out_features="...)
			b = appendRepr(th, b, attr(th, m, "out_features"))
			b = append(b, ", bias="...)
			return append(b, boolStr(param(m, "bias") != nil)...)
		},
	})

	simple := func(name, module string, f func(*tensor.Tensor) (*tensor.Tensor, error)) {
		defineLayer(layer{name: name, module: module,
			init: func(th *python.Thread, m *Module, args python.Args) error {
				inplace := false
				if name == "ReLU" {
					if err := python.UnpackArgs(name, args, "inplace?", &inplace); err != nil {
						return err
					}
					setAttrs(m, python.Str("inplace"), python.Bool(inplace))
					return nil
				}
				return python.UnpackArgs(name, args)
			},
			forward: func(th *python.Thread, m *Module, args python.Args) (python.Value, error) {
				x, err := oneInput(m, args)
				if err != nil {
					return nil, err
				}
				if name == "ReLU" && attr(th, m, "inplace") == python.True {
					return args.Pos[0], pyErr(x.UnaryInPlace(tensor.Relu))
				}
				return ret(f(x))
			},
			extra: func(th *python.Thread, m *Module, b []byte) []byte {
				if name == "ReLU" && attr(th, m, "inplace") == python.True {
					return append(b, "inplace=True"...)
				}
				return b
			},
		})
	}
	simple("ReLU", "torch.nn.modules.activation", tensor.Relu)
	simple("Tanh", "torch.nn.modules.activation", tensor.Tanh)
	simple("Sigmoid", "torch.nn.modules.activation", tensor.Sigmoid)
	simple("Identity", "torch.nn.modules.linear", func(t *tensor.Tensor) (*tensor.Tensor, error) { return t, nil })

	defineLayer(layer{name: "Softmax", module: "torch.nn.modules.activation",
		init: func(th *python.Thread, m *Module, args python.Args) error {
			var dim python.Value = python.None
			if err := python.UnpackArgs("Softmax.__init__", args, "dim?", &dim); err != nil {
				return err
			}
			setAttrs(m, python.Str("dim"), dim)
			return nil
		},
		forward: func(th *python.Thread, m *Module, args python.Args) (python.Value, error) {
			x, err := oneInput(m, args)
			if err != nil {
				return nil, err
			}
			d, ok := python.AsInt64(attr(th, m, "dim"))
			if !ok {
				d = 1
				if x.Dim() == 0 || x.Dim() == 1 || x.Dim() == 3 {
					d = 0
				}
			}
			return ret(tensor.Softmax(x, int(d)))
		},
		extra: func(th *python.Thread, m *Module, b []byte) []byte {
			return appendRepr(th, append(b, "dim="...), attr(th, m, "dim"))
		},
	})

	defineLayer(layer{name: "Dropout", module: "torch.nn.modules.dropout",
		init: func(th *python.Thread, m *Module, args python.Args) error {
			p := 0.5
			inplace := false
			if err := python.UnpackArgs("Dropout.__init__", args, "p?", &p, "inplace?", &inplace); err != nil {
				return err
			}
			if p < 0 || p > 1 {
				return python.Errorf(python.ValueErrorClass, "dropout probability has to be between 0 and 1, but got %s", pyFloat(p))
			}
			pv := args.Kwarg("p")
			if pv == nil && len(args.Pos) > 0 {
				pv = args.Pos[0]
			}
			if pv == nil {
				pv = python.Float(0.5)
			}
			setAttrs(m, python.Str("p"), pv, python.Str("inplace"), python.Bool(inplace))
			return nil
		},
		forward: func(th *python.Thread, m *Module, args python.Args) (python.Value, error) {
			x, err := oneInput(m, args)
			if err != nil {
				return nil, err
			}
			p, _, _ := python.AsFloat(attr(th, m, "p"))
			return dropout(th, args.Pos[0].(*Tensor), x, p, m.training)
		},
		extra: func(th *python.Thread, m *Module, b []byte) []byte {
			b = appendRepr(th, append(b, "p="...), attr(th, m, "p"))
			return appendRepr(th, append(b, ", inplace="...), attr(th, m, "inplace"))
		},
	})

	defineLayer(layer{name: "Flatten", module: "torch.nn.modules.flatten",
		init: func(th *python.Thread, m *Module, args python.Args) error {
			start, end := 1, -1
			if err := python.UnpackArgs("Flatten.__init__", args, "start_dim?", &start, "end_dim?", &end); err != nil {
				return err
			}
			setAttrs(m, python.Str("start_dim"), python.Int(start), python.Str("end_dim"), python.Int(end))
			return nil
		},
		forward: func(th *python.Thread, m *Module, args python.Args) (python.Value, error) {
			x, err := oneInput(m, args)
			if err != nil {
				return nil, err
			}
			s, _ := python.AsInt64(attr(th, m, "start_dim"))
			e, _ := python.AsInt64(attr(th, m, "end_dim"))
			return ret(x.Flatten(int(s), int(e)))
		},
		extra: func(th *python.Thread, m *Module, b []byte) []byte {
			b = appendRepr(th, append(b, "start_dim="...), attr(th, m, "start_dim"))
			return appendRepr(th, append(b, ", end_dim="...), attr(th, m, "end_dim"))
		},
	})

	batchNormClass = defineLayer(layer{name: "BatchNorm1d", module: "torch.nn.modules.batchnorm",
		init: func(th *python.Thread, m *Module, args python.Args) error {
			var n int
			eps := 1e-5
			var momentum python.Value = python.Float(0.1)
			affine, track := true, true
			if err := python.UnpackArgs("BatchNorm1d.__init__", args, "num_features", &n, "eps?", &eps, "momentum?", &momentum, "affine?", &affine, "track_running_stats?", &track, "device?", new(python.Value), "dtype?", new(python.Value)); err != nil {
				return err
			}
			epsV := args.Kwarg("eps")
			if epsV == nil && len(args.Pos) > 1 {
				epsV = args.Pos[1]
			}
			if epsV == nil {
				epsV = python.Float(1e-5)
			}
			setAttrs(m, python.Str("num_features"), python.Int(n), python.Str("eps"), epsV, python.Str("momentum"), momentum, python.Str("affine"), python.Bool(affine), python.Str("track_running_stats"), python.Bool(track))
			c := rt(th).ctx
			if affine {
				w, err := tensor.Full(c, tensor.Float32, []int{n}, 1)
				if err != nil {
					return pyErr(err)
				}
				b, err := tensor.Full(c, tensor.Float32, []int{n}, 0)
				if err != nil {
					return pyErr(err)
				}
				wp, _ := freshParameter(w)
				bp, _ := freshParameter(b)
				m.params.set("weight", wp)
				m.params.set("bias", bp)
			} else {
				m.params.set("weight", nil)
				m.params.set("bias", nil)
			}
			if track {
				rm, err := tensor.Full(c, tensor.Float32, []int{n}, 0)
				if err != nil {
					return pyErr(err)
				}
				rv, _ := tensor.Full(c, tensor.Float32, []int{n}, 1)
				nb, _ := tensor.Full(c, tensor.Int64, []int{}, 0)
				m.buffers.set("running_mean", wrap(rm))
				m.buffers.set("running_var", wrap(rv))
				m.buffers.set("num_batches_tracked", wrap(nb))
			} else {
				m.buffers.set("running_mean", nil)
				m.buffers.set("running_var", nil)
				m.buffers.set("num_batches_tracked", nil)
			}
			return nil
		},
		forward: func(th *python.Thread, m *Module, args python.Args) (python.Value, error) {
			x, err := oneInput(m, args)
			if err != nil {
				return nil, err
			}
			if x.Dim() != 2 && x.Dim() != 3 {
				return nil, python.Errorf(python.ValueErrorClass, "expected 2D or 3D input (got %dD input)", x.Dim())
			}
			eps, _, _ := python.AsFloat(attr(th, m, "eps"))
			momV := attr(th, m, "momentum")
			rm, rv := buffer(m, "running_mean"), buffer(m, "running_var")
			factor := 0.0
			if mom, ok, _ := python.AsFloat(momV); ok && momV != python.None {
				factor = mom
			}
			if m.training {
				if nb := buffer(m, "num_batches_tracked"); nb != nil {
					if err := nb.AddInPlace(tensor.Scalar(nb.Ctx(), tensor.Int64, 1), 1); err != nil {
						return nil, pyErr(err)
					}
					if momV == python.None {
						n, _ := nb.Item()
						factor = 1 / n
					}
				}
			}
			training := m.training || rm == nil
			if !training && (rm == nil || rv == nil) {
				return nil, python.Errorf(python.RuntimeErrorClass, "running_mean and running_var must be defined in evaluation mode")
			}
			return ret(tensor.BatchNorm(x, rm, rv, param(m, "weight"), param(m, "bias"), training, factor, eps))
		},
		extra: func(th *python.Thread, m *Module, b []byte) []byte {
			b = appendRepr(th, b, attr(th, m, "num_features"))
			b = appendRepr(th, append(b, ", eps="...), attr(th, m, "eps"))
			b = appendRepr(th, append(b, ", momentum="...), attr(th, m, "momentum"))
			b = appendRepr(th, append(b, ", affine="...), attr(th, m, "affine"))
			return appendRepr(th, append(b, ", track_running_stats="...), attr(th, m, "track_running_stats"))
		},
	})

	defineLayer(layer{name: "Embedding", module: "torch.nn.modules.sparse",
		init: func(th *python.Thread, m *Module, args python.Args) error {
			var num, dim int
			var pad python.Value = python.None
			if err := python.UnpackArgs("Embedding.__init__", args, "num_embeddings", &num, "embedding_dim", &dim, "padding_idx?", &pad, "max_norm?", new(python.Value), "norm_type?", new(python.Value), "scale_grad_by_freq?", new(python.Value), "sparse?", new(python.Value), "_weight?", new(python.Value), "_freeze?", new(python.Value), "device?", new(python.Value), "dtype?", new(python.Value)); err != nil {
				return err
			}
			if p, ok := python.AsInt64(pad); ok {
				if p >= int64(num) || p < -int64(num) {
					return python.Errorf(python.AssertionErrorClass, "Padding_idx must be within num_embeddings")
				}
				if p < 0 {
					pad = python.Int(p + int64(num))
				}
			}
			setAttrs(m, python.Str("num_embeddings"), python.Int(num), python.Str("embedding_dim"), python.Int(dim), python.Str("padding_idx"), pad)
			r := rt(th)
			w, err := tensor.Empty(r.ctx, tensor.Float32, []int{num, dim})
			if err != nil {
				return pyErr(err)
			}
			vals, err := normalValues(r.gen, tensor.Float32, num*dim, 0, 1, true)
			if err != nil {
				return err
			}
			if p, ok := python.AsInt64(pad); ok {
				for j := 0; j < dim; j++ {
					vals[int(p)*dim+j] = 0
				}
			}
			w.SetValues(vals)
			wp, err := freshParameter(w)
			if err != nil {
				return err
			}
			m.params.set("weight", wp)
			return nil
		},
		forward: func(th *python.Thread, m *Module, args python.Args) (python.Value, error) {
			x, err := oneInput(m, args)
			if err != nil {
				return nil, err
			}
			return ret(tensor.Embedding(param(m, "weight"), x))
		},
		extra: func(th *python.Thread, m *Module, b []byte) []byte {
			b = appendRepr(th, b, attr(th, m, "num_embeddings"))
			b = appendRepr(th, append(b, ", "...), attr(th, m, "embedding_dim"))
			if p := attr(th, m, "padding_idx"); p != python.None {
				b = appendRepr(th, append(b, ", padding_idx="...), p)
			}
			return b
		},
	})

	loss := func(name string, f func(th *python.Thread, m *Module, a, b *tensor.Tensor, red tensor.Reduction) (python.Value, error), extraArgs ...string) {
		defineLayer(layer{name: name, module: "torch.nn.modules.loss",
			init: func(th *python.Thread, m *Module, args python.Args) error {
				reduction := "mean"
				var weight python.Value = python.None
				ignore := -100
				smoothing := 0.0
				pairs := []any{"size_average?", new(python.Value), "reduce?", new(python.Value), "reduction?", &reduction}
				if name == "CrossEntropyLoss" || name == "NLLLoss" {
					pairs = []any{"weight?", &weight, "size_average?", new(python.Value), "ignore_index?", &ignore, "reduce?", new(python.Value), "reduction?", &reduction, "label_smoothing?", &smoothing}
				}
				if err := python.UnpackArgs(name+".__init__", args, pairs...); err != nil {
					return err
				}
				if weight != python.None {
					return python.Errorf(python.NotImplementedErrorClass, "the simulator's %s does not support class weights", name)
				}
				if smoothing != 0 {
					return python.Errorf(python.NotImplementedErrorClass, "the simulator's %s does not support label_smoothing", name)
				}
				setAttrs(m, python.Str("reduction"), python.Str(reduction))
				if name == "CrossEntropyLoss" || name == "NLLLoss" {
					setAttrs(m, python.Str("ignore_index"), python.Int(ignore))
				}
				return nil
			},
			forward: func(th *python.Thread, m *Module, args python.Args) (python.Value, error) {
				a, b, err := twoInputs(m, args)
				if err != nil {
					return nil, err
				}
				rs, _ := attr(th, m, "reduction").(python.Str)
				red, err := reductionArg(string(rs))
				if err != nil {
					return nil, err
				}
				return f(th, m, a, b, red)
			},
		})
	}
	loss("MSELoss", func(th *python.Thread, m *Module, a, b *tensor.Tensor, red tensor.Reduction) (python.Value, error) {
		return mseLoss(a, b, red)
	})
	loss("L1Loss", func(th *python.Thread, m *Module, a, b *tensor.Tensor, red tensor.Reduction) (python.Value, error) {
		return ret(tensor.L1Loss(a, b, red))
	})
	loss("CrossEntropyLoss", func(th *python.Thread, m *Module, a, b *tensor.Tensor, red tensor.Reduction) (python.Value, error) {
		ig, _ := python.AsInt64(attr(th, m, "ignore_index"))
		return crossEntropy(a, b, red, int(ig))
	})
	loss("NLLLoss", func(th *python.Thread, m *Module, a, b *tensor.Tensor, red tensor.Reduction) (python.Value, error) {
		ig, _ := python.AsInt64(attr(th, m, "ignore_index"))
		return ret(tensor.NllLoss(a, b, red, int(ig)))
	})

	initResets()
	initContainers()
	for _, c := range layerClasses {
		c.Freeze()
	}
}

// linearArgs reads nn.Linear's arguments.
func linearArgs(args python.Args) (in, out int, bias bool, dev, dt python.Value, err error) {
	bias, dev, dt = true, python.None, python.None
	if len(args.Pos) == 2 && len(args.Kw) == 0 {
		// Linear(in, out), as nearly every call is
		i, ok1 := args.Pos[0].(python.Int)
		o, ok2 := args.Pos[1].(python.Int)
		if ok1 && ok2 {
			return int(i), int(o), bias, dev, dt, nil
		}
	}
	err = python.UnpackArgs("Linear.__init__", args, "in_features", &in, "out_features", &out, "bias?", &bias, "device?", &dev, "dtype?", &dt)
	return in, out, bias, dev, dt, err
}

func linearForward(x, w, b *tensor.Tensor) (python.Value, error) {
	if w == nil {
		return nil, python.Errorf(python.TypeErrorClass, "linear(): argument 'weight' (position 2) must be Tensor, not NoneType")
	}
	if x.DType() != w.DType() {
		return nil, python.Errorf(python.RuntimeErrorClass, "mat1 and mat2 must have the same dtype, but got %s and %s", tensor.TypeName(x.DType()), tensor.TypeName(w.DType()))
	}
	return ret(tensor.Linear(x, w, b))
}

func mseLoss(a, b *tensor.Tensor, red tensor.Reduction) (python.Value, error) {
	return ret(tensor.MseLoss(a, b, red))
}

func crossEntropy(a, b *tensor.Tensor, red tensor.Reduction, ignore int) (python.Value, error) {
	if b.DType().IsFloat() && sameInts(a.Shape(), b.Shape()) {
		return crossEntropyProbs(a, b, red)
	}
	return ret(tensor.CrossEntropy(a, b, red, ignore))
}

// crossEntropyProbs is cross_entropy with class-probability targets,
// composed as ATen composes it: -(log_softmax(input) * target).sum(), then
// divided by the batch size for the mean.
func crossEntropyProbs(a, b *tensor.Tensor, red tensor.Reduction) (python.Value, error) {
	classDim := 1
	if a.Dim() == 1 {
		classDim = 0
	}
	lp, err := tensor.LogSoftmax(a, classDim)
	if err != nil {
		return nil, pyErr(err)
	}
	prod, err := tensor.Mul(lp, b)
	if err != nil {
		return nil, pyErr(err)
	}
	var dims []int
	if red == tensor.ReduceNone {
		dims = []int{classDim}
	}
	s, err := tensor.SumDims(prod, dims, false, nil)
	if err != nil {
		return nil, pyErr(err)
	}
	loss, err := tensor.Neg(s)
	if err != nil {
		return nil, pyErr(err)
	}
	if red == tensor.ReduceMean {
		n := a.Numel() / a.Shape()[classDim]
		return ret(tensor.DivScalar(loss, float64(n)))
	}
	return wrap(loss), nil
}

func dropout(th *python.Thread, xv *Tensor, x *tensor.Tensor, p float64, training bool) (python.Value, error) {
	if p < 0 || p > 1 {
		return nil, python.Errorf(python.ValueErrorClass, "dropout probability has to be between 0 and 1, but got %s", pyFloat(p))
	}
	if !training || p == 0 {
		return xv, nil
	}
	if p == 1 {
		return ret(tensor.Mul(x, tensor.Scalar(x.Ctx(), tensor.Float64, 0)))
	}
	keep := dropoutKeep(rt(th).gen, x.Numel(), p)
	return ret(tensor.DropoutMasked(x, keep, p))
}

// ---- containers ----

func initContainers() {
	sequentialClass = defineLayer(layer{name: "Sequential", module: "torch.nn.modules.container",
		init: func(th *python.Thread, m *Module, args python.Args) error {
			if len(args.Kw) > 0 {
				return python.Errorf(python.TypeErrorClass, "Sequential.__init__() got an unexpected keyword argument '%s'", args.Kw[0].Name)
			}
			if len(args.Pos) == 1 {
				if d, ok := args.Pos[0].(*python.Dict); ok && d.Type() == python.OrderedDictClass {
					keys, vals := d.Items()
					for i, k := range keys {
						s, _ := k.(python.Str)
						if _, ok := vals[i].(*Module); !ok {
							return python.Errorf(python.TypeErrorClass, "%s is not a Module subclass", qualTypeName(vals[i]))
						}
						m.modules.set(string(s), vals[i])
					}
					return nil
				}
			}
			for i, v := range args.Pos {
				if _, ok := v.(*Module); !ok {
					return python.Errorf(python.TypeErrorClass, "%s is not a Module subclass", qualTypeName(v))
				}
				m.modules.set(strconv.Itoa(i), v)
			}
			return nil
		},
		forward: func(th *python.Thread, m *Module, args python.Args) (python.Value, error) {
			if len(args.Pos) != 1 {
				return nil, python.Errorf(python.TypeErrorClass, "Sequential.forward() takes 2 positional arguments but %d were given", len(args.Pos)+1)
			}
			x := args.Pos[0]
			for _, it := range m.modules.items {
				v := it.v
				if v == nil {
					continue
				}
				var err error
				if x, err = python.Call(th, v, python.PosArgs(x)); err != nil {
					return nil, err
				}
			}
			return x, nil
		},
	})
	moduleListClass = defineLayer(layer{name: "ModuleList", module: "torch.nn.modules.container",
		init: func(th *python.Thread, m *Module, args python.Args) error {
			var mods python.Value = python.None
			if err := python.UnpackArgs("ModuleList.__init__", args, "modules?", &mods); err != nil {
				return err
			}
			if mods == python.None {
				return nil
			}
			items, err := python.ToSlice(th, mods)
			if err != nil {
				return err
			}
			for i, v := range items {
				if _, ok := v.(*Module); !ok {
					return python.Errorf(python.TypeErrorClass, "%s is not a Module subclass", qualTypeName(v))
				}
				m.modules.set(strconv.Itoa(i), v)
			}
			return nil
		},
	})
	for _, c := range []*python.Class{sequentialClass, moduleListClass} {
		c := c
		c.SetMethod("__len__", func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
			return python.Int(len(self.(*Module).modules.items)), nil
		})
		c.SetMethod("__iter__", func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
			m := self.(*Module)
			var items python.Tuple
			for _, it := range m.modules.items {
				items = append(items, orNoneV(it.v))
			}
			return python.Iter(th, items)
		})
		c.SetMethod("__getitem__", func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
			m := self.(*Module)
			table := m.modules.items
			if sl, ok := args.Pos[0].(*python.Slice); ok {
				idx := make(python.Tuple, len(table))
				for i := range idx {
					idx[i] = python.Int(i)
				}
				sel, err := python.GetItem(th, idx, sl)
				if err != nil {
					return nil, err
				}
				out := &Module{}
				out.Object.Init(c)
				out.init()
				if c == sequentialClass {
					out.forward = m.forward
				}
				for j, iv := range sel.(python.Tuple) {
					i, _ := python.AsInt64(iv)
					name := table[i].name
					if c == moduleListClass {
						name = strconv.Itoa(j)
					}
					out.modules.set(name, table[i].v)
				}
				return out, nil
			}
			i, ok := python.AsInt64(args.Pos[0])
			if !ok {
				return nil, python.Errorf(python.TypeErrorClass, "%s indices must be integers or slices, not %s", c.Name, args.Pos[0].Type().Name)
			}
			n := int64(len(table))
			if i < -n || i >= n {
				return nil, python.Errorf(python.IndexErrorClass, "index %d is out of range", i)
			}
			if i < 0 {
				i += n
			}
			return orNoneV(table[i].v), nil
		})
		c.SetMethod("append", func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
			m := self.(*Module)
			var v python.Value
			if err := python.UnpackArgs("append", args, "module", &v); err != nil {
				return nil, err
			}
			if _, ok := v.(*Module); !ok {
				return nil, python.Errorf(python.TypeErrorClass, "%s is not a Module subclass", qualTypeName(v))
			}
			m.modules.set(strconv.Itoa(len(m.modules.items)), v)
			return m, nil
		})
	}
}

// initResets gives layers their reset methods, which draw from the RNG as
// construction does.
func initResets() {
	noGrad := func(th *python.Thread, f func() error) error {
		c := rt(th).ctx
		saved := c.GradEnabled
		c.GradEnabled = false
		defer func() { c.GradEnabled = saved }()
		return f()
	}
	layerClasses["Linear"].SetMethod("reset_parameters", func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		m := self.(*Module)
		w := param(m, "weight")
		if w == nil {
			return python.None, nil
		}
		in := 0
		if w.Dim() == 2 {
			in = w.Shape()[1]
		}
		return python.None, noGrad(th, func() error { return linearInit(rt(th).gen, w, param(m, "bias"), in) })
	})
	layerClasses["Embedding"].SetMethod("reset_parameters", func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		m := self.(*Module)
		w := param(m, "weight")
		return python.None, noGrad(th, func() error {
			vals, err := normalValues(rt(th).gen, w.DType(), w.Numel(), 0, 1, w.IsContiguous())
			if err != nil {
				return err
			}
			if p, ok := python.AsInt64(attr(th, m, "padding_idx")); ok && w.Dim() == 2 {
				dim := w.Shape()[1]
				for j := 0; j < dim; j++ {
					vals[int(p)*dim+j] = 0
				}
			}
			return pyErr(w.SetValues(vals))
		})
	})
	resetStats := func(th *python.Thread, m *Module) error {
		return noGrad(th, func() error {
			for name, v := range map[string]float64{"running_mean": 0, "running_var": 1, "num_batches_tracked": 0} {
				if b := buffer(m, name); b != nil {
					if err := b.Fill(v); err != nil {
						return pyErr(err)
					}
				}
			}
			return nil
		})
	}
	bn := layerClasses["BatchNorm1d"]
	bn.SetMethod("reset_running_stats", func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		return python.None, resetStats(th, self.(*Module))
	})
	bn.SetMethod("reset_parameters", func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		m := self.(*Module)
		if err := resetStats(th, m); err != nil {
			return nil, err
		}
		return python.None, noGrad(th, func() error {
			if w := param(m, "weight"); w != nil {
				if err := w.Fill(1); err != nil {
					return pyErr(err)
				}
			}
			if b := param(m, "bias"); b != nil {
				return pyErr(b.Zero())
			}
			return nil
		})
	})
}
