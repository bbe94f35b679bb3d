package torch

import (
	"math"
	"strings"
	"sync"

	"github.com/ckptlab/ckptlab/sim/python"
	"github.com/ckptlab/ckptlab/sim/torch/tensor"
	"github.com/ckptlab/ckptlab/sim/torch/tensorfmt"
)

// Tensor is a torch.Tensor (or nn.Parameter) as a Python value: one wrapper
// per engine tensor, so identity (`is`, optimizer state keys) behaves as in
// PyTorch.
type Tensor struct {
	T   *tensor.Tensor
	cls *python.Class
}

// TensorClass is torch.Tensor; ParameterClass is torch.nn.Parameter.
var (
	TensorClass    = python.NewClass("Tensor")
	ParameterClass = python.NewClass("Parameter", TensorClass)
)

func (x *Tensor) Type() *python.Class { return x.cls }

// wrap returns the Python object of an engine tensor (nil stays nil).
func wrap(t *tensor.Tensor) *Tensor {
	if t == nil {
		return nil
	}
	if w, ok := t.Owner.(*Tensor); ok {
		return w
	}
	w := &Tensor{T: t, cls: TensorClass}
	t.Owner = w
	return w
}

// wrapV is wrap as a Python value, None for nil.
func wrapV(t *tensor.Tensor) python.Value {
	if t == nil {
		return python.None
	}
	return wrap(t)
}

func ret(t *tensor.Tensor, err error) (python.Value, error) {
	if err != nil {
		return nil, pyErr(err)
	}
	return wrap(t), nil
}

// detach is t.detach() as a Python object: the view and its object in
// one allocation.
func detach(t *tensor.Tensor) *Tensor {
	return new(detachedTensor).of(t)
}

// newParameter makes an nn.Parameter sharing data's memory.
func newParameter(data *tensor.Tensor, requiresGrad bool) (*Tensor, error) {
	a, err := data.Alias(requiresGrad)
	if err != nil {
		return nil, pyErr(err)
	}
	w := &Tensor{T: a, cls: ParameterClass}
	a.Owner = w
	return w, nil
}

// freshParameter makes an nn.Parameter of t itself: t is a tensor a layer
// just made for its weights, which nothing else holds, so the parameter
// needs no alias of it (PyTorch's alias shares t's memory and is
// discarded with it).
func freshParameter(t *tensor.Tensor) (*Tensor, error) {
	w := &Tensor{}
	if err := freshParameterIn(w, t); err != nil {
		return nil, err
	}
	return w, nil
}

// freshParameterIn is freshParameter making the parameter in w, which the
// caller may have allocated with others.
func freshParameterIn(w *Tensor, t *tensor.Tensor) error {
	if err := t.SetRequiresGrad(true); err != nil {
		return pyErr(err)
	}
	*w = Tensor{T: t, cls: ParameterClass}
	t.Owner = w
	return nil
}

func isParameter(v python.Value) bool {
	x, ok := v.(*Tensor)
	return ok && x.cls.IsSubclass(ParameterClass)
}

// operand converts a Python number or tensor to an engine tensor; numbers
// become wrapped scalars that promote as PyTorch's do.
func operand(t *python.Thread, v python.Value) (*tensor.Tensor, bool) {
	c := rt(t).ctx
	switch x := v.(type) {
	case *Tensor:
		return x.T, true
	case python.Bool:
		b := 0.0
		if x {
			b = 1
		}
		return tensor.Scalar(c, tensor.Bool, b), true
	case python.Int:
		return tensor.Scalar(c, tensor.Int64, float64(x)), true
	case python.Float:
		return tensor.Scalar(c, tensor.Float64, float64(x)), true
	}
	return nil, false
}

// tensorArg reads an argument that must be a tensor.
func tensorArg(fname, pname string, v python.Value) (*tensor.Tensor, error) {
	if x, ok := v.(*Tensor); ok {
		return x.T, nil
	}
	return nil, python.Errorf(python.TypeErrorClass, "%s(): argument '%s' (position 1) must be Tensor, not %s", fname, pname, v.Type().Name)
}

// setFmtView describes an engine tensor to tensorfmt in v, which the repr
// passes on by pointer. The floats of a contiguous tensor are its
// storage's, not a copy: printing only reads them.
func setFmtView(v *tensorfmt.View, t *tensor.Tensor) {
	v.DType, v.Shape = tensorfmt.DType(t.DType()), t.Shape()
	if t.DType().IsFloat() {
		if n := t.Numel(); n > 0 && t.IsContiguous() {
			off := t.Offset()
			v.Float = t.Storage().Data[off : off+n]
			return
		}
	}
	vals := t.Values()
	switch {
	case t.DType().IsFloat():
		v.Float = vals
	case t.DType() == tensor.Bool:
		v.Bool = make([]bool, len(vals))
		for i, x := range vals {
			v.Bool[i] = x != 0
		}
	default:
		v.Int = make([]int64, len(vals))
		for i, x := range vals {
			v.Int[i] = int64(x)
		}
	}
}

func tensorRepr(th *python.Thread, x *Tensor) string {
	var stack [256]byte // most reprs fit: the result is then the only allocation
	return string(appendTensorRepr(stack[:0], th, x))
}

// AppendRepr appends the tensor's repr to b for print (python.ReprAppender).
// The classes of plain tensors and parameters are frozen, so their
// __repr__ is tensorRepr and their __str__ object's; a subclass's may not
// be, and its tensors go through str().
func (x *Tensor) AppendRepr(th *python.Thread, b []byte) ([]byte, bool) {
	if x.cls != TensorClass && x.cls != ParameterClass {
		return b, false
	}
	return appendTensorRepr(b, th, x), true
}

// appendTensorRepr appends tensorRepr(th, x) to b, so that the state view
// and the timeline can keep it in their text arena.
func appendTensorRepr(b []byte, th *python.Thread, x *Tensor) []byte {
	o := &rt(th).print
	var v tensorfmt.View
	setFmtView(&v, x.T)
	if x.cls.IsSubclass(ParameterClass) {
		return tensorfmt.AppendParameterRepr(b, &v, o, x.T.RequiresGrad())
	}
	if fn := x.T.GradFn(); fn != nil {
		return tensorfmt.AppendRepr(b, &v, o, "grad_fn=<"+fn.Name()+">")
	}
	if x.T.RequiresGrad() {
		return tensorfmt.AppendRepr(b, &v, o, "requires_grad=True")
	}
	return tensorfmt.AppendRepr(b, &v, o)
}

// scalarValue is item(): a Python float, int or bool.
func scalarValue(t *tensor.Tensor, v float64) python.Value {
	switch {
	case t.DType().IsFloat():
		return python.Float(v)
	case t.DType() == tensor.Bool:
		return python.Bool(v != 0)
	}
	return python.Int(int64(v))
}

func tolist(t *tensor.Tensor) python.Value {
	vals := t.Values()
	shape := t.Shape()
	var build func(d, off int) python.Value
	build = func(d, off int) python.Value {
		if d == len(shape) {
			return scalarValue(t, vals[off])
		}
		stride := 1
		for _, s := range shape[d+1:] {
			stride *= s
		}
		items := make([]python.Value, shape[d])
		for i := range items {
			items[i] = build(d+1, off+i*stride)
		}
		return python.NewList(items)
	}
	return build(0, 0)
}

type method func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error)

func def(name string, fn method) {
	if !inPlaceMethods[name] {
		// nothing to record: no recorder lookup on every call
		TensorClass.SetMethod(name, func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
			return fn(th, self.(*Tensor), args)
		})
		return
	}
	TensorClass.SetMethod(name, func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		return observeTensorMethod(th, name, self.(*Tensor), args, fn)
	})
}

func prop(name string, get func(th *python.Thread, x *Tensor) (python.Value, error), set func(th *python.Thread, x *Tensor, v python.Value) error) {
	var s func(th *python.Thread, self python.Value, v python.Value) error
	if set != nil {
		s = func(th *python.Thread, self python.Value, v python.Value) error { return set(th, self.(*Tensor), v) }
	}
	TensorClass.SetProperty(name, func(th *python.Thread, self python.Value) (python.Value, error) {
		return get(th, self.(*Tensor))
	}, s)
}

// binary defines an operator method; reflected ones swap the operands.
func binaryOp(name string, reflected bool, f func(a, b *tensor.Tensor) (*tensor.Tensor, error)) {
	def(name, func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		if len(args.Pos) != 1 {
			return nil, python.Errorf(python.TypeErrorClass, "%s() takes exactly one argument (%d given)", name, len(args.Pos))
		}
		o, ok := operand(th, args.Pos[0])
		if !ok {
			return python.NotImplemented, nil
		}
		if reflected {
			return ret(f(o, x.T))
		}
		return ret(f(x.T, o))
	})
}

// inplace defines an in-place operator or method returning self.
func inplace(name string, f func(a, b *tensor.Tensor) error) {
	def(name, func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		if len(args.Pos) < 1 {
			return nil, python.Errorf(python.TypeErrorClass, "%s() missing 1 required positional arguments: \"other\"", name)
		}
		o, ok := operand(th, args.Pos[0])
		if !ok {
			if strings.HasPrefix(name, "__") {
				return python.NotImplemented, nil
			}
			return nil, python.Errorf(python.TypeErrorClass, "%s(): argument 'other' (position 1) must be Tensor, not %s", name, args.Pos[0].Type().Name)
		}
		if err := f(x.T, o); err != nil {
			return nil, pyErr(err)
		}
		return x, nil
	})
}

func alphaArg(args python.Args) (float64, error) {
	alpha := 1.0
	if v := args.Kwarg("alpha"); v != nil {
		f, ok, err := python.AsFloat(v)
		if err != nil || !ok {
			return 0, python.Errorf(python.TypeErrorClass, "alpha must be a number")
		}
		alpha = f
	}
	return alpha, nil
}

// dimsArg reads a dim argument: None, an int or a tuple/list of ints.
func dimsArg(th *python.Thread, v python.Value) ([]int, bool, error) {
	if v == nil || v == python.None {
		return nil, false, nil
	}
	if n, ok := python.AsInt64(v); ok {
		return []int{int(n)}, true, nil
	}
	items, err := python.ToSlice(th, v)
	if err != nil {
		return nil, false, python.Errorf(python.TypeErrorClass, "dim must be an int or a tuple of ints, not %s", v.Type().Name)
	}
	out, err := intsOf("dim", items)
	return out, true, err
}

func optFloat(v python.Value) (*float64, error) {
	if v == nil || v == python.None {
		return nil, nil
	}
	if x, ok := v.(*Tensor); ok {
		f, err := x.T.Item()
		if err != nil {
			return nil, pyErr(err)
		}
		return &f, nil
	}
	f, ok, err := python.AsFloat(v)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, python.Errorf(python.TypeErrorClass, "expected a number, got %s", v.Type().Name)
	}
	return &f, nil
}

// returnType is a torch.return_types structseq: (values, indices).
type returnType struct {
	name            string
	values, indices *Tensor
}

var returnTypeClass = python.NewClass("return_types")

func (*returnType) Type() *python.Class { return returnTypeClass }

func init() {
	returnTypeClass.Module = "torch"
	returnTypeClass.SetMethod("__repr__", func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		r := self.(*returnType)
		return python.Str("torch.return_types." + r.name + "(\nvalues=" + tensorRepr(th, r.values) + ",\nindices=" + tensorRepr(th, r.indices) + ")"), nil
	})
	returnTypeClass.SetMethod("__len__", func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		return python.Int(2), nil
	})
	returnTypeClass.SetMethod("__iter__", func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		r := self.(*returnType)
		return python.Iter(th, python.Tuple{r.values, r.indices})
	})
	returnTypeClass.SetMethod("__getitem__", func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		r := self.(*returnType)
		return python.GetItem(th, python.Tuple{r.values, r.indices}, args.Pos[0])
	})
	returnTypeClass.SetProperty("values", func(th *python.Thread, self python.Value) (python.Value, error) {
		return self.(*returnType).values, nil
	}, nil)
	returnTypeClass.SetProperty("indices", func(th *python.Thread, self python.Value) (python.Value, error) {
		return self.(*returnType).indices, nil
	}, nil)
	returnTypeClass.Freeze()
}

// toDType converts with .to/.float()/... semantics: self when unchanged.
func toDType(x *Tensor, d tensor.DType) (python.Value, error) {
	if x.T.DType() == d {
		return x, nil
	}
	return ret(x.T.To(d))
}

func init() {
	TensorClass.New = func(th *python.Thread, cls *python.Class, args python.Args) (python.Value, error) {
		return legacyTensor(th, tensor.Float32, args)
	}
	TensorClass.Module = "torch"
	ParameterClass.Module = "torch.nn.parameter"
	initTensorMethods()
	TensorClass.Freeze()
	ParameterClass.Freeze()
}

func initTensorMethods() {
	TensorClass.SetMethod("__repr__", func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		return python.Str(tensorRepr(th, self.(*Tensor))), nil
	})
	def("__format__", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		spec := ""
		if len(args.Pos) > 0 {
			if s, ok := args.Pos[0].(python.Str); ok {
				spec = string(s)
			}
		}
		if x.T.Dim() == 0 {
			v, _ := x.T.Item()
			return python.CallMethod(th, scalarValue(x.T, v), "__format__", python.PosArgs(python.Str(spec)))
		}
		if spec != "" {
			return nil, python.Errorf(python.TypeErrorClass, "unsupported format string passed to Tensor.__format__")
		}
		return python.Str(tensorRepr(th, x)), nil
	})

	// attributes
	prop("shape", func(th *python.Thread, x *Tensor) (python.Value, error) {
		return &Size{Dims: append([]int(nil), x.T.Shape()...)}, nil
	}, nil)
	prop("dtype", func(th *python.Thread, x *Tensor) (python.Value, error) { return dtypeOf(x.T.DType()), nil }, nil)
	prop("device", func(th *python.Thread, x *Tensor) (python.Value, error) { return cpuDevice, nil }, nil)
	prop("is_cuda", func(th *python.Thread, x *Tensor) (python.Value, error) { return python.False, nil }, nil)
	prop("ndim", func(th *python.Thread, x *Tensor) (python.Value, error) { return python.Int(x.T.Dim()), nil }, nil)
	prop("is_leaf", func(th *python.Thread, x *Tensor) (python.Value, error) { return python.Bool(x.T.IsLeaf()), nil }, nil)
	prop("requires_grad", func(th *python.Thread, x *Tensor) (python.Value, error) {
		return python.Bool(x.T.RequiresGrad()), nil
	}, func(th *python.Thread, x *Tensor, v python.Value) error {
		b, err := python.Truth(th, v)
		if err != nil {
			return err
		}
		return pyErr(x.T.SetRequiresGrad(b))
	})
	prop("grad", func(th *python.Thread, x *Tensor) (python.Value, error) { return wrapV(x.T.Grad), nil },
		func(th *python.Thread, x *Tensor, v python.Value) error {
			if v == python.None {
				x.T.Grad = nil
				return nil
			}
			g, ok := v.(*Tensor)
			if !ok {
				return python.Errorf(python.TypeErrorClass, "assigned grad expected to be a Tensor or None but got grad of type %s", v.Type().Name)
			}
			if !sameInts(g.T.Shape(), x.T.Shape()) {
				return python.Errorf(python.RuntimeErrorClass, "assigned grad has data of a different size")
			}
			x.T.Grad = g.T
			return nil
		})
	prop("grad_fn", func(th *python.Thread, x *Tensor) (python.Value, error) {
		if fn := x.T.GradFn(); fn != nil {
			return &gradFn{n: fn}, nil
		}
		return python.None, nil
	}, nil)
	prop("data", func(th *python.Thread, x *Tensor) (python.Value, error) { return detach(x.T), nil },
		func(th *python.Thread, x *Tensor, v python.Value) error {
			src, ok := v.(*Tensor)
			if !ok {
				return python.Errorf(python.TypeErrorClass, "Variable data has to be a tensor, but got %s", v.Type().Name)
			}
			return pyErr(x.T.SetData(src.T))
		})
	prop("T", func(th *python.Thread, x *Tensor) (python.Value, error) {
		if x.T.Dim() == 2 || x.T.Dim() < 2 {
			return ret(x.T.T())
		}
		dims := make([]int, x.T.Dim())
		for i := range dims {
			dims[i] = x.T.Dim() - 1 - i
		}
		return ret(x.T.Permute(dims))
	}, nil)

	// shape queries
	def("size", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		var dim python.Value = python.None
		if err := python.UnpackArgs("size", args, "dim?", &dim); err != nil {
			return nil, err
		}
		if dim == python.None {
			return &Size{Dims: append([]int(nil), x.T.Shape()...)}, nil
		}
		n, ok := python.AsInt64(dim)
		if !ok {
			return nil, python.Errorf(python.TypeErrorClass, "size(): argument 'dim' must be int, not %s", dim.Type().Name)
		}
		d, err := tensor.WrapDim(int(n), x.T.Dim())
		if err != nil {
			return nil, pyErr(err)
		}
		return python.Int(x.T.Shape()[d]), nil
	})
	def("dim", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		return python.Int(x.T.Dim()), nil
	})
	def("ndimension", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		return python.Int(x.T.Dim()), nil
	})
	def("numel", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		return python.Int(x.T.Numel()), nil
	})
	def("nelement", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		return python.Int(x.T.Numel()), nil
	})
	def("element_size", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		return python.Int(x.T.DType().ItemSize()), nil
	})
	def("is_contiguous", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		return python.Bool(x.T.IsContiguous()), nil
	})
	def("is_floating_point", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		return python.Bool(x.T.DType().IsFloat()), nil
	})
	def("stride", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		out := python.Tuple{}
		for _, s := range x.T.Strides() {
			out = append(out, python.Int(s))
		}
		if len(args.Pos) == 1 {
			return python.GetItem(th, out, args.Pos[0])
		}
		return out, nil
	})
	def("storage_offset", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		return python.Int(x.T.Offset()), nil
	})
	def("data_ptr", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		// a stable fake address per storage, offset by the view's position
		return python.Int(0x5500_0000_0000 + storageID(th, x.T)*0x1000 + int64(x.T.Offset()*x.T.DType().ItemSize())), nil
	})
	def("get_device", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) { return python.Int(-1), nil })

	// values
	def("item", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		v, err := x.T.Item()
		if err != nil {
			return nil, pyErr(err)
		}
		return scalarValue(x.T, v), nil
	})
	def("tolist", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) { return tolist(x.T), nil })
	def("__bool__", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		if x.T.Numel() != 1 {
			if x.T.Numel() == 0 {
				return nil, python.Errorf(python.RuntimeErrorClass, "Boolean value of Tensor with no values is ambiguous")
			}
			return nil, python.Errorf(python.RuntimeErrorClass, "Boolean value of Tensor with more than one value is ambiguous")
		}
		v, _ := x.T.Item()
		return python.Bool(v != 0), nil
	})
	def("__float__", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		v, err := x.T.Item()
		if err != nil {
			return nil, python.Errorf(python.TypeErrorClass, "only one element tensors can be converted to Python scalars")
		}
		return python.Float(v), nil
	})
	def("__int__", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		v, err := x.T.Item()
		if err != nil {
			return nil, python.Errorf(python.TypeErrorClass, "only one element tensors can be converted to Python scalars")
		}
		return python.Int(int64(v)), nil
	})
	def("__index__", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		v, err := x.T.Item()
		if err != nil || x.T.DType().IsFloat() {
			return nil, python.Errorf(python.TypeErrorClass, "only integer tensors of a single element can be converted to an index")
		}
		return python.Int(int64(v)), nil
	})
	def("__len__", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		if x.T.Dim() == 0 {
			return nil, python.Errorf(python.TypeErrorClass, "len() of a 0-d tensor")
		}
		return python.Int(x.T.Shape()[0]), nil
	})
	def("__iter__", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		if x.T.Dim() == 0 {
			return nil, python.Errorf(python.TypeErrorClass, "iteration over a 0-d tensor")
		}
		items := make(python.Tuple, x.T.Shape()[0])
		for i := range items {
			s, err := x.T.Select(0, i)
			if err != nil {
				return nil, pyErr(err)
			}
			items[i] = wrap(s)
		}
		return python.Iter(th, items)
	})
	def("__getitem__", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		return ret(getIndex(th, x.T, args.Pos[0]))
	})
	def("__setitem__", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		return python.None, setIndex(th, x.T, args.Pos[0], args.Pos[1])
	})
	def("__contains__", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		o, ok := operand(th, args.Pos[0])
		if !ok {
			return nil, python.Errorf(python.RuntimeErrorClass, "Tensor.__contains__ only supports Tensor or scalar, but you passed in a %s.", args.Pos[0].Type().Name)
		}
		eq, err := tensor.Compare(tensor.Eq, x.T, o)
		if err != nil {
			return nil, pyErr(err)
		}
		for _, v := range eq.Values() {
			if v != 0 {
				return python.True, nil
			}
		}
		return python.False, nil
	})

	// arithmetic operators
	add := func(a, b *tensor.Tensor) (*tensor.Tensor, error) { return tensor.Add(a, b, 1) }
	sub := func(a, b *tensor.Tensor) (*tensor.Tensor, error) { return tensor.Sub(a, b, 1) }
	binaryOp("__add__", false, add)
	binaryOp("__radd__", true, add)
	binaryOp("__sub__", false, sub)
	binaryOp("__rsub__", false, func(a, b *tensor.Tensor) (*tensor.Tensor, error) { return tensor.Rsub(a, b) })
	binaryOp("__mul__", false, tensor.Mul)
	binaryOp("__rmul__", true, tensor.Mul)
	binaryOp("__truediv__", false, tensor.Div)
	// number / tensor is tensor.reciprocal() * number in PyTorch
	binaryOp("__rtruediv__", false, func(a, b *tensor.Tensor) (*tensor.Tensor, error) {
		r, err := tensor.Reciprocal(a)
		if err != nil {
			return nil, err
		}
		return tensor.Mul(r, b)
	})
	binaryOp("__floordiv__", false, tensor.FloorDivide)
	binaryOp("__rfloordiv__", true, tensor.FloorDivide)
	binaryOp("__mod__", false, tensor.Remainder)
	binaryOp("__rmod__", true, tensor.Remainder)
	binaryOp("__pow__", false, tensor.Pow)
	binaryOp("__rpow__", true, tensor.Pow)
	binaryOp("__matmul__", false, tensor.Matmul)
	binaryOp("__rmatmul__", true, tensor.Matmul)
	binaryOp("__and__", false, func(a, b *tensor.Tensor) (*tensor.Tensor, error) { return tensor.Logical('&', a, b) })
	binaryOp("__or__", false, func(a, b *tensor.Tensor) (*tensor.Tensor, error) { return tensor.Logical('|', a, b) })
	binaryOp("__xor__", false, func(a, b *tensor.Tensor) (*tensor.Tensor, error) { return tensor.Logical('^', a, b) })
	for name, op := range map[string]tensor.Comparison{"__eq__": tensor.Eq, "__ne__": tensor.Ne, "__lt__": tensor.Lt, "__le__": tensor.Le, "__gt__": tensor.Gt, "__ge__": tensor.Ge,
		"eq": tensor.Eq, "ne": tensor.Ne, "lt": tensor.Lt, "le": tensor.Le, "gt": tensor.Gt, "ge": tensor.Ge} {
		op := op
		name := name
		def(name, func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
			o, ok := operand(th, args.Pos[0])
			if !ok {
				if name == "__eq__" {
					return python.False, nil
				}
				if name == "__ne__" {
					return python.True, nil
				}
				return python.NotImplemented, nil
			}
			return ret(tensor.Compare(op, x.T, o))
		})
	}
	def("__neg__", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		return ret(tensor.Neg(x.T))
	})
	def("neg", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		return ret(tensor.Neg(x.T))
	})
	def("__pos__", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) { return x, nil })
	def("__abs__", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		return ret(tensor.Abs(x.T))
	})
	def("__invert__", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		return ret(tensor.LogicalNot(x.T))
	})
	inplace("__iadd__", func(a, b *tensor.Tensor) error { return a.AddInPlace(b, 1) })
	inplace("__isub__", func(a, b *tensor.Tensor) error { return a.SubInPlace(b, 1) })
	inplace("__imul__", func(a, b *tensor.Tensor) error { return a.MulInPlace(b) })
	inplace("__itruediv__", func(a, b *tensor.Tensor) error { return a.DivInPlace(b) })
	inplace("__ipow__", func(a, b *tensor.Tensor) error { return a.PowInPlace(b) })

	// named arithmetic
	withAlpha := func(name string, f func(a, b *tensor.Tensor, alpha float64) (*tensor.Tensor, error)) {
		def(name, func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
			if len(args.Pos) != 1 {
				return nil, python.Errorf(python.TypeErrorClass, "%s() missing 1 required positional arguments: \"other\"", name)
			}
			o, ok := operand(th, args.Pos[0])
			if !ok {
				return nil, python.Errorf(python.TypeErrorClass, "%s(): argument 'other' (position 1) must be Tensor, not %s", name, args.Pos[0].Type().Name)
			}
			alpha, err := alphaArg(args)
			if err != nil {
				return nil, err
			}
			return ret(f(x.T, o, alpha))
		})
	}
	withAlpha("add", tensor.Add)
	withAlpha("sub", tensor.Sub)
	for name, f := range map[string]func(a, b *tensor.Tensor) (*tensor.Tensor, error){
		"mul": tensor.Mul, "div": tensor.Div, "pow": tensor.Pow, "matmul": tensor.Matmul, "mm": tensor.Mm,
		"dot": tensor.Dot, "maximum": tensor.Maximum, "minimum": tensor.Minimum, "true_divide": tensor.Div,
		"floor_divide": tensor.FloorDivide, "remainder": tensor.Remainder, "multiply": tensor.Mul, "divide": tensor.Div,
	} {
		f := f
		name := name
		def(name, func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
			var other python.Value
			if err := python.UnpackArgs(name, args, "other", &other); err != nil {
				return nil, err
			}
			o, ok := operand(th, other)
			if !ok {
				return nil, python.Errorf(python.TypeErrorClass, "%s(): argument 'other' (position 1) must be Tensor, not %s", name, other.Type().Name)
			}
			return ret(f(x.T, o))
		})
	}
	def("add_", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		return inplaceAlpha(th, x, args, "add_", x.T.AddInPlace)
	})
	def("sub_", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		return inplaceAlpha(th, x, args, "sub_", x.T.SubInPlace)
	})
	inplace("mul_", func(a, b *tensor.Tensor) error { return a.MulInPlace(b) })
	inplace("div_", func(a, b *tensor.Tensor) error { return a.DivInPlace(b) })
	inplace("pow_", func(a, b *tensor.Tensor) error { return a.PowInPlace(b) })
	inplace("copy_", func(a, b *tensor.Tensor) error { return a.CopyFrom(b) })
	def("fill_", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		var v python.Value
		if len(args.Pos) == 1 && len(args.Kw) == 0 {
			v = args.Pos[0] // fill_(1.0), as nearly every call is
		} else if err := python.UnpackArgs("fill_", args, "value", &v); err != nil {
			return nil, err
		}
		if f, ok := v.(python.Float); ok {
			return x, pyErr(x.T.Fill(float64(f)))
		}
		f, err := optFloat(v)
		if err != nil {
			return nil, err
		}
		if f == nil {
			return nil, python.Errorf(python.TypeErrorClass, "fill_() received an invalid combination of arguments - got (NoneType)")
		}
		return x, pyErr(x.T.Fill(*f))
	})
	def("zero_", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		return x, pyErr(x.T.Zero())
	})
	def("uniform_", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		from, to := 0.0, 1.0
		var gen python.Value = python.None
		if err := python.UnpackArgs("uniform_", args, "from?", &from, "to?", &to, "*", "generator?", &gen); err != nil {
			return nil, err
		}
		g, err := genArg(th, gen)
		if err != nil {
			return nil, err
		}
		vals, err := uniformValues(g, x.T.DType(), x.T.Numel(), from, to)
		if err != nil {
			return nil, err
		}
		return x, pyErr(x.T.SetValues(vals))
	})
	def("normal_", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		mean, std := 0.0, 1.0
		var gen python.Value = python.None
		if err := python.UnpackArgs("normal_", args, "mean?", &mean, "std?", &std, "*", "generator?", &gen); err != nil {
			return nil, err
		}
		g, err := genArg(th, gen)
		if err != nil {
			return nil, err
		}
		vals, err := normalValues(g, x.T.DType(), x.T.Numel(), mean, std, x.T.IsContiguous())
		if err != nil {
			return nil, err
		}
		return x, pyErr(x.T.SetValues(vals))
	})
	def("random_", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		var from, to, gen python.Value = python.None, python.None, python.None
		if err := python.UnpackArgs("random_", args, "from?", &from, "to?", &to, "*", "generator?", &gen); err != nil {
			return nil, err
		}
		g, err := genArg(th, gen)
		if err != nil {
			return nil, err
		}
		n := x.T.Numel()
		var vals []float64
		switch {
		case from == python.None && to == python.None:
			vals = make([]float64, n)
			switch x.T.DType() {
			case tensor.Int64:
				buf := make([]int64, n)
				g.RandomInt64(buf)
				for i, v := range buf {
					vals[i] = float64(v)
				}
			case tensor.Int32:
				buf := make([]int32, n)
				g.RandomInt32(buf)
				for i, v := range buf {
					vals[i] = float64(v)
				}
			default:
				return nil, python.Errorf(python.NotImplementedErrorClass, "the simulator's random_() without bounds supports int64 and int32 tensors")
			}
		default:
			lo, hi := int64(0), int64(0)
			if to == python.None {
				h, _ := python.AsInt64(from)
				hi = h
			} else {
				l, _ := python.AsInt64(from)
				h, _ := python.AsInt64(to)
				lo, hi = l, h
			}
			if vals, err = randintValues(g, x.T.DType(), n, lo, hi); err != nil {
				return nil, err
			}
		}
		return x, pyErr(x.T.SetValues(vals))
	})
	def("bernoulli_", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		var p, gen python.Value = python.Float(0.5), python.None
		if err := python.UnpackArgs("bernoulli_", args, "p?", &p, "*", "generator?", &gen); err != nil {
			return nil, err
		}
		g, err := genArg(th, gen)
		if err != nil {
			return nil, err
		}
		var vals []float64
		if pt, ok := p.(*Tensor); ok {
			probs := broadcastValues(pt.T, x.T.Shape())
			if vals, err = bernoulliTensorValues(g, probs); err != nil {
				return nil, err
			}
		} else {
			pf, ok, _ := python.AsFloat(p)
			if !ok || pf < 0 || pf > 1 {
				return nil, python.Errorf(python.RuntimeErrorClass, "bernoulli_ expects p to be in [0, 1], but got p=%s", reprOf(th, p))
			}
			keep := make([]bool, x.T.Numel())
			g.Bernoulli(keep, pf)
			vals = make([]float64, len(keep))
			for i, k := range keep {
				if k {
					vals[i] = 1
				}
			}
		}
		return x, pyErr(x.T.SetValues(vals))
	})
	def("clamp_", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		lo, hi, err := clampArgs(args)
		if err != nil {
			return nil, err
		}
		return x, pyErr(x.T.ClampInPlace(lo, hi))
	})
	for name, f := range map[string]func(*tensor.Tensor) (*tensor.Tensor, error){"relu_": tensor.Relu, "exp_": tensor.Exp, "sqrt_": tensor.Sqrt, "abs_": tensor.Abs, "neg_": tensor.Neg, "tanh_": tensor.Tanh, "sigmoid_": tensor.Sigmoid, "log_": tensor.Log} {
		f := f
		def(name, func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
			return x, pyErr(x.T.UnaryInPlace(f))
		})
	}
	def("requires_grad_", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		b := true
		if err := python.UnpackArgs("requires_grad_", args, "requires_grad?", &b); err != nil {
			return nil, err
		}
		return x, pyErr(x.T.SetRequiresGrad(b))
	})
	def("retain_grad", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		x.T.RetainGrad()
		return python.None, nil
	})
	def("backward", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		if len(args.Pos) == 0 && len(args.Kw) == 0 {
			// loss.backward(), as every training loop calls it: no
			// argument to unpack
			return python.None, pyErr(tensor.Backward(x.T, nil, false))
		}
		return backwardWithArgs(th, x, args)
	})

	// unary math
	for name, f := range map[string]func(*tensor.Tensor) (*tensor.Tensor, error){
		"exp": tensor.Exp, "log": tensor.Log, "sqrt": tensor.Sqrt, "abs": tensor.Abs, "relu": tensor.Relu,
		"tanh": tensor.Tanh, "sigmoid": tensor.Sigmoid, "absolute": tensor.Abs, "logical_not": tensor.LogicalNot, "reciprocal": tensor.Reciprocal,
		"sin": tensor.Sin, "cos": tensor.Cos,
	} {
		f := f
		def(name, func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) { return ret(f(x.T)) })
	}
	def("square", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		return ret(tensor.Pow(x.T, tensor.Scalar(rt(th).ctx, tensor.Int64, 2)))
	})
	def("clamp", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		lo, hi, err := clampArgs(args)
		if err != nil {
			return nil, err
		}
		return ret(tensor.Clamp(x.T, lo, hi))
	})
	TensorClass.Set("clip", TensorClass.Lookup("clamp"))
	def("softmax", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		var dim int
		if err := python.UnpackArgs("softmax", args, "dim", &dim, "dtype?", new(python.Value)); err != nil {
			return nil, err
		}
		return ret(tensor.Softmax(x.T, dim))
	})
	def("log_softmax", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		var dim int
		if err := python.UnpackArgs("log_softmax", args, "dim", &dim, "dtype?", new(python.Value)); err != nil {
			return nil, err
		}
		return ret(tensor.LogSoftmax(x.T, dim))
	})

	// reductions
	def("sum", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		var dim, dt python.Value = python.None, python.None
		keep := false
		if err := python.UnpackArgs("sum", args, "dim?", &dim, "keepdim?", &keep, "*", "dtype?", &dt); err != nil {
			return nil, err
		}
		dims, _, err := dimsArg(th, dim)
		if err != nil {
			return nil, err
		}
		d, ok, err := asDType(dt)
		if err != nil {
			return nil, err
		}
		var dp *tensor.DType
		if ok {
			dp = &d
		}
		return ret(tensor.SumDims(x.T, dims, keep, dp))
	})
	def("mean", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		var dim, dt python.Value = python.None, python.None
		keep := false
		if err := python.UnpackArgs("mean", args, "dim?", &dim, "keepdim?", &keep, "*", "dtype?", &dt); err != nil {
			return nil, err
		}
		dims, _, err := dimsArg(th, dim)
		if err != nil {
			return nil, err
		}
		d, ok, err := asDType(dt)
		if err != nil {
			return nil, err
		}
		var dp *tensor.DType
		if ok {
			dp = &d
		}
		return ret(tensor.Mean(x.T, dims, keep, dp))
	})
	minmax := func(name string, isMax bool) {
		def(name, func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
			var dim python.Value = python.None
			keep := false
			if err := python.UnpackArgs(name, args, "dim?", &dim, "keepdim?", &keep); err != nil {
				return nil, err
			}
			if o, ok := dim.(*Tensor); ok {
				if isMax {
					return ret(tensor.Maximum(x.T, o.T))
				}
				return ret(tensor.Minimum(x.T, o.T))
			}
			if dim == python.None {
				return ret(tensor.MaxAll(x.T, isMax))
			}
			n, ok := python.AsInt64(dim)
			if !ok {
				return nil, python.Errorf(python.TypeErrorClass, "%s(): argument 'dim' must be int, not %s", name, dim.Type().Name)
			}
			v, i, err := tensor.MaxDim(x.T, int(n), keep, isMax)
			if err != nil {
				return nil, pyErr(err)
			}
			return &returnType{name: name, values: wrap(v), indices: wrap(i)}, nil
		})
	}
	minmax("max", true)
	minmax("min", false)
	argm := func(name string, isMax bool) {
		def(name, func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
			var dim python.Value = python.None
			keep := false
			if err := python.UnpackArgs(name, args, "dim?", &dim, "keepdim?", &keep); err != nil {
				return nil, err
			}
			var dp *int
			if n, ok := python.AsInt64(dim); ok {
				d := int(n)
				dp = &d
			}
			return ret(tensor.Argmax(x.T, dp, keep, isMax))
		})
	}
	argm("argmax", true)
	argm("argmin", false)
	varstd := func(name string, std bool) {
		def(name, func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
			var dim, unbiased, corr python.Value = python.None, python.None, python.None
			keep := false
			if err := python.UnpackArgs(name, args, "dim?", &dim, "unbiased?", &unbiased, "keepdim?", &keep, "*", "correction?", &corr); err != nil {
				return nil, err
			}
			if b, ok := dim.(python.Bool); ok {
				unbiased, dim = b, python.None
			}
			dims, _, err := dimsArg(th, dim)
			if err != nil {
				return nil, err
			}
			c := 1.0
			if unbiased != python.None {
				b, _ := python.Truth(th, unbiased)
				if !b {
					c = 0
				}
			}
			if corr != python.None {
				f, _, _ := python.AsFloat(corr)
				c = f
			}
			return ret(tensor.Var(x.T, dims, c, keep, std))
		})
	}
	varstd("var", false)
	varstd("std", true)
	def("norm", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		var p, dim python.Value = python.Float(2), python.None
		keep := false
		if err := python.UnpackArgs("norm", args, "p?", &p, "dim?", &dim, "keepdim?", &keep, "dtype?", new(python.Value)); err != nil {
			return nil, err
		}
		pf := 2.0
		if s, ok := p.(python.Str); ok {
			if s != "fro" {
				return nil, python.Errorf(python.RuntimeErrorClass, "norm(): unsupported norm type %s", s)
			}
		} else if f, ok, _ := python.AsFloat(p); ok {
			pf = f
		}
		dims, _, err := dimsArg(th, dim)
		if err != nil {
			return nil, err
		}
		return ret(tensor.Norm(x.T, pf, dims, keep))
	})

	// shape manipulation
	def("view", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		if len(args.Pos) == 1 {
			if d, ok, _ := asDType(args.Pos[0]); ok {
				if d == x.T.DType() {
					return ret(x.T.View(x.T.Shape()))
				}
				return nil, python.Errorf(python.RuntimeErrorClass, "view(dtype) is not supported by the simulator")
			}
		}
		shape, err := shapeArgs(th, "view", args.Pos)
		if err != nil {
			return nil, err
		}
		return ret(x.T.View(shape))
	})
	def("reshape", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		shape, err := shapeArgs(th, "reshape", args.Pos)
		if err != nil {
			return nil, err
		}
		return ret(x.T.Reshape(shape))
	})
	def("view_as", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		o, err := tensorArg("view_as", "other", args.Pos[0])
		if err != nil {
			return nil, err
		}
		return ret(x.T.View(o.Shape()))
	})
	def("reshape_as", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		o, err := tensorArg("reshape_as", "other", args.Pos[0])
		if err != nil {
			return nil, err
		}
		return ret(x.T.Reshape(o.Shape()))
	})
	def("expand", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		shape, err := shapeArgs(th, "expand", args.Pos)
		if err != nil {
			return nil, err
		}
		return ret(x.T.Expand(shape))
	})
	def("expand_as", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		o, err := tensorArg("expand_as", "other", args.Pos[0])
		if err != nil {
			return nil, err
		}
		return ret(x.T.Expand(o.Shape()))
	})
	def("flatten", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		start, end := 0, -1
		if err := python.UnpackArgs("flatten", args, "start_dim?", &start, "end_dim?", &end); err != nil {
			return nil, err
		}
		return ret(x.T.Flatten(start, end))
	})
	def("t", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) { return ret(x.T.T()) })
	def("transpose", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		var a, b int
		if err := python.UnpackArgs("transpose", args, "dim0", &a, "dim1", &b); err != nil {
			return nil, err
		}
		return ret(x.T.Transpose(a, b))
	})
	def("permute", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		dims, err := shapeArgs(th, "permute", args.Pos)
		if err != nil {
			return nil, err
		}
		return ret(x.T.Permute(dims))
	})
	def("unsqueeze", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		var d int
		if err := python.UnpackArgs("unsqueeze", args, "dim", &d); err != nil {
			return nil, err
		}
		return ret(x.T.Unsqueeze(d))
	})
	def("squeeze", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		var dim python.Value = python.None
		if err := python.UnpackArgs("squeeze", args, "dim?", &dim); err != nil {
			return nil, err
		}
		if dim == python.None {
			return ret(x.T.Squeeze(nil))
		}
		n, ok := python.AsInt64(dim)
		if !ok {
			return nil, python.Errorf(python.TypeErrorClass, "squeeze(): argument 'dim' must be int, not %s", dim.Type().Name)
		}
		d := int(n)
		return ret(x.T.Squeeze(&d))
	})
	def("contiguous", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		return ret(x.T.Contiguous())
	})
	def("clone", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) { return ret(x.T.Clone()) })
	def("detach", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		return detach(x.T), nil
	})
	def("detach_", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		return nil, python.Errorf(python.RuntimeErrorClass, "detach_() is not supported by the simulator; use detach()")
	})

	// conversions
	for name, d := range map[string]tensor.DType{"float": tensor.Float32, "double": tensor.Float64, "half": tensor.Float16, "bfloat16": tensor.BFloat16, "long": tensor.Int64, "int": tensor.Int32, "short": tensor.Int16, "bool": tensor.Bool, "byte": tensor.UInt8, "char": tensor.Int8} {
		d := d
		def(name, func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) { return toDType(x, d) })
	}
	def("cpu", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) { return x, nil })
	def("cuda", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) { return nil, errNoCUDA() })
	def("numpy", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		if x.T.RequiresGrad() {
			return nil, python.Errorf(python.RuntimeErrorClass, "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.")
		}
		return nil, python.Errorf(python.ModuleNotFoundErrorClass, "No module named 'numpy'")
	})
	def("type", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		if len(args.Pos) == 0 && len(args.Kw) == 0 {
			return python.Str("torch." + legacyTypeName(x.T.DType())), nil
		}
		var v python.Value
		if len(args.Pos) > 0 {
			v = args.Pos[0]
		} else {
			v = args.Kwarg("dtype")
		}
		d, ok, err := asDType(v)
		if err != nil || !ok {
			return nil, python.Errorf(python.TypeErrorClass, "type() expects a dtype")
		}
		return toDType(x, d)
	})
	def("to", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		var dt tensor.DType
		have := false
		check := func(v python.Value) error {
			if v == nil || v == python.None {
				return nil
			}
			switch y := v.(type) {
			case *DType:
				dt, have = y.D, true
				return nil
			case *Tensor:
				dt, have = y.T.DType(), true
				return nil
			}
			return checkDevice(v)
		}
		for _, v := range args.Pos {
			if err := check(v); err != nil {
				return nil, err
			}
		}
		for _, k := range args.Kw {
			switch k.Name {
			case "dtype", "device":
				if err := check(k.Value); err != nil {
					return nil, err
				}
			case "non_blocking", "copy", "memory_format":
			default:
				return nil, python.Errorf(python.TypeErrorClass, "to() received an invalid combination of arguments - got an unexpected keyword argument '%s'", k.Name)
			}
		}
		copyArg, _ := python.Truth(th, orNone(args.Kwarg("copy")))
		if !have {
			dt = x.T.DType()
		}
		if copyArg {
			c, err := x.T.Clone()
			if err != nil {
				return nil, pyErr(err)
			}
			return ret(c.To(dt))
		}
		return toDType(x, dt)
	})

	// comparisons of whole tensors
	def("equal", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		o, err := tensorArg("equal", "other", args.Pos[0])
		if err != nil {
			return nil, err
		}
		return python.Bool(tensorsEqual(x.T, o)), nil
	})
	def("allclose", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		return allclose(th, append([]python.Value{x}, args.Pos...), args.Kw, false)
	})
	def("isclose", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		return allclose(th, append([]python.Value{x}, args.Pos...), args.Kw, true)
	})
	def("all", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		for _, v := range x.T.Values() {
			if v == 0 {
				return ret(tensor.FromValues(rt(th).ctx, tensor.Bool, []int{}, []float64{0}))
			}
		}
		return ret(tensor.FromValues(rt(th).ctx, tensor.Bool, []int{}, []float64{1}))
	})
	def("any", func(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
		for _, v := range x.T.Values() {
			if v != 0 {
				return ret(tensor.FromValues(rt(th).ctx, tensor.Bool, []int{}, []float64{1}))
			}
		}
		return ret(tensor.FromValues(rt(th).ctx, tensor.Bool, []int{}, []float64{0}))
	})
}

func orNone(v python.Value) python.Value {
	if v == nil {
		return python.None
	}
	return v
}

func inplaceAlpha(th *python.Thread, x *Tensor, args python.Args, name string, f func(*tensor.Tensor, float64) error) (python.Value, error) {
	if len(args.Pos) < 1 {
		return nil, python.Errorf(python.TypeErrorClass, "%s() missing 1 required positional arguments: \"other\"", name)
	}
	o, ok := operand(th, args.Pos[0])
	if !ok {
		return nil, python.Errorf(python.TypeErrorClass, "%s(): argument 'other' (position 1) must be Tensor, not %s", name, args.Pos[0].Type().Name)
	}
	alpha, err := alphaArg(args)
	if err != nil {
		return nil, err
	}
	if len(args.Pos) == 2 {
		if f2, ok, _ := python.AsFloat(args.Pos[1]); ok {
			alpha = f2
		}
	}
	return x, pyErr(f(o, alpha))
}

func clampArgs(args python.Args) (*float64, *float64, error) {
	var lo, hi python.Value = python.None, python.None
	if err := python.UnpackArgs("clamp", args, "min?", &lo, "max?", &hi); err != nil {
		return nil, nil, err
	}
	l, err := optFloat(lo)
	if err != nil {
		return nil, nil, err
	}
	h, err := optFloat(hi)
	return l, h, err
}

func sameInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// tensorsEqual is torch.equal: same shape and the same values.
func tensorsEqual(a, b *tensor.Tensor) bool {
	if !sameInts(a.Shape(), b.Shape()) {
		return false
	}
	av, bv := a.Values(), b.Values()
	for i := range av {
		if av[i] != bv[i] {
			return false
		}
	}
	return true
}

func allclose(th *python.Thread, pos []python.Value, kw []python.Kwarg, elementwise bool) (python.Value, error) {
	var a, b python.Value
	rtol, atol := 1e-5, 1e-8
	eqNaN := false
	name := "allclose"
	if elementwise {
		name = "isclose"
	}
	if err := python.UnpackArgs(name, python.Args{Pos: pos, Kw: kw}, "input", &a, "other", &b, "rtol?", &rtol, "atol?", &atol, "equal_nan?", &eqNaN); err != nil {
		return nil, err
	}
	x, err := tensorArg(name, "input", a)
	if err != nil {
		return nil, err
	}
	y, err := tensorArg(name, "other", b)
	if err != nil {
		return nil, err
	}
	if x.DType() != y.DType() {
		return nil, python.Errorf(python.RuntimeErrorClass, "%s(): expected both inputs to have same dtype, but got %s and %s", name, legacyScalarName(x.DType()), legacyScalarName(y.DType()))
	}
	close, err := tensor.Sub(x, y, 1)
	if err != nil {
		return nil, pyErr(err)
	}
	shape := close.Shape()
	xv := broadcastValues(x, shape)
	yv := broadcastValues(y, shape)
	out := make([]float64, len(xv))
	all := true
	for i := range xv {
		ok := xv[i] == yv[i] || math.Abs(xv[i]-yv[i]) <= atol+rtol*math.Abs(yv[i])
		if math.IsNaN(xv[i]) && math.IsNaN(yv[i]) && eqNaN {
			ok = true
		}
		if ok {
			out[i] = 1
		} else {
			all = false
		}
	}
	if elementwise {
		return ret(tensor.FromValues(rt(th).ctx, tensor.Bool, shape, out))
	}
	return python.Bool(all), nil
}

func broadcastValues(t *tensor.Tensor, shape []int) []float64 {
	e, err := t.Expand(shape)
	if err != nil {
		return t.Values()
	}
	return e.Values()
}

// legacyTypeName is x.type(): "FloatTensor", "LongTensor", ...
func legacyTypeName(d tensor.DType) string { return tensor.TypeName(d) + "Tensor" }

func legacyScalarName(d tensor.DType) string { return tensor.TypeName(d) }

// storageID numbers storages in order of first query, for data_ptr().
func storageID(th *python.Thread, t *tensor.Tensor) int64 {
	r := rt(th)
	if r.storageIDs == nil {
		r.storageIDs = map[*tensor.Storage]int64{}
	}
	ids := r.storageIDs
	id, ok := ids[t.Storage()]
	if !ok {
		id = int64(len(ids) + 1)
		ids[t.Storage()] = id
	}
	return id
}

// gradFn is the Python view of a grad_fn node.
type gradFn struct{ n *tensor.Node }

var gradFnClass = python.NewClass("Node")

func (g *gradFn) Type() *python.Class { return nodeClass(g.n.Name()) }

var (
	nodeClassMu sync.Mutex
	nodeClasses = map[string]*python.Class{}
)

// nodeClass is the class of a grad_fn, e.g. AddBackward0, so that
// type(t.grad_fn).__name__ reads as in PyTorch. Classes are shared by all
// runs and made on first use.
func nodeClass(name string) *python.Class {
	nodeClassMu.Lock()
	defer nodeClassMu.Unlock()
	c := nodeClasses[name]
	if c == nil {
		c = python.NewClass(name, gradFnClass)
		c.Freeze()
		nodeClasses[name] = c
	}
	return c
}

func init() {
	gradFnClass.Module = "torch.autograd.graph"
	gradFnClass.SetMethod("__repr__", func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		g := self.(*gradFn)
		return python.Str("<" + g.n.Name() + " object at " + fakeAddr(th, g.n) + ">"), nil
	})
	gradFnClass.SetMethod("name", func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		return python.Str(self.(*gradFn).n.Name()), nil
	})
	gradFnClass.SetProperty("next_functions", func(th *python.Thread, self python.Value) (python.Value, error) {
		var out python.Tuple
		for _, n := range self.(*gradFn).n.NextFunctions() {
			if n == nil {
				out = append(out, python.Tuple{python.None, python.Int(0)})
			} else {
				out = append(out, python.Tuple{&gradFn{n: n}, python.Int(0)})
			}
		}
		if out == nil {
			out = python.Tuple{}
		}
		return out, nil
	}, nil)
	gradFnClass.SetProperty("variable", func(th *python.Thread, self python.Value) (python.Value, error) {
		if v := self.(*gradFn).n.Variable(); v != nil {
			return wrap(v), nil
		}
		return nil, python.Errorf(python.AttributeErrorClass, "'%s' object has no attribute 'variable'", self.(*gradFn).n.Name())
	}, nil)
	gradFnClass.Freeze()
}

// fakeAddr gives every node a stable made-up address within a run.
func fakeAddr(th *python.Thread, n *tensor.Node) string {
	r := rt(th)
	if r.nodeIDs == nil {
		r.nodeIDs = map[*tensor.Node]int64{}
	}
	ids := r.nodeIDs
	id, ok := ids[n]
	if !ok {
		id = int64(len(ids) + 1)
		ids[n] = id
	}
	const digits = "0123456789abcdef"
	v := 0x7f3a_1c00_0000 + id*0x40
	buf := make([]byte, 12)
	for i := 11; i >= 0; i-- {
		buf[i] = digits[v&15]
		v >>= 4
	}
	return "0x" + string(buf)
}

// backwardWithArgs is backward(gradient, retain_graph, create_graph, inputs).
func backwardWithArgs(th *python.Thread, x *Tensor, args python.Args) (python.Value, error) {
	var grad, retain python.Value = python.None, python.None
	create := false
	if err := python.UnpackArgs("backward", args, "gradient?", &grad, "retain_graph?", &retain, "create_graph?", &create, "inputs?", new(python.Value)); err != nil {
		return nil, err
	}
	var g *tensor.Tensor
	if gt, ok := grad.(*Tensor); ok {
		g = gt.T
	}
	keep := create
	if retain != python.None {
		b, err := python.Truth(th, retain)
		if err != nil {
			return nil, err
		}
		keep = b
	}
	return python.None, pyErr(tensor.Backward(x.T, g, keep))
}
