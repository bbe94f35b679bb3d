package torch

import (
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/ckptlab/ckptlab/sim/python"
	"github.com/ckptlab/ckptlab/sim/torch/rng"
	"github.com/ckptlab/ckptlab/sim/torch/tensor"
	"github.com/ckptlab/ckptlab/sim/torch/tensorfmt"
)

// defaultSeed is the seed PyTorch's default CPU generator starts with
// (c10::detail::default_rng_seed_val).
const defaultSeed = 67280421310721

// runtime is one run's torch state: autograd mode and memory budget (the
// engine context), the default generator, the print options and the side
// tables Python objects cannot carry. A run may use several threads (the
// course replays earlier blocks, each in its own thread, before the
// current one) that share the run's workspace, so the state is kept in the
// workspace and goes with it; concurrent runs share nothing.
type runtime struct {
	ctx   *tensor.Context
	gen   *rng.Generator
	print tensorfmt.Options

	safeGlobals []string // torch.serialization.add_safe_globals
	// made on first use, as few runs need them:
	storageIDs map[*tensor.Storage]int64 // data_ptr()
	nodeIDs    map[*tensor.Node]int64    // grad_fn addresses
	objIDs     map[any]int64             // generator object addresses
	copies     map[*python.Dict]map[*tensor.Storage]*tensor.Storage

	context  tensor.Context // what ctx points to, in the runtime's allocation
	genState rng.Generator  // what gen points to, likewise
	// thread is the thread that bound the runtime last, which the context
	// charges (the runtime is the context's budget).
	thread *python.Thread
}

const localKey = "torch.runtime"

// rt returns the run's torch state. A thread finds it in its own locals
// once the first call has bound it there.
func rt(t *python.Thread) *runtime {
	if r, ok := t.Local(localKey).(*runtime); ok {
		return r
	}
	return bindRuntime(t)
}

// bindRuntime finds the run's state in the workspace (making it for the
// run's first thread), makes tensor allocations charge t's memory budget
// and keeps the state in t's locals for the next look-up.
func bindRuntime(t *python.Thread) *runtime {
	ws := t.Workspace()
	r, ok := ws.Local(localKey).(*runtime)
	if !ok {
		r = runtimes.Get().(*runtime) // new, or cleared by ReleaseLocal
		r.print = tensorfmt.DefaultOptions()
		r.genState.ManualSeed(defaultSeed) // as rng.New(defaultSeed) makes it
		r.gen = &r.genState
		r.context.Init()
		r.context.Budget = r
		r.ctx = &r.context
		ws.SetLocal(localKey, r)
	}
	// The threads of a run take turns, so the context charges the one
	// that bound it last.
	r.thread = t
	t.SetLocal(localKey, r)
	return r
}

// runtimes are the states of runs whose workspace was released, cleared,
// for bindRuntime to reuse.
var runtimes = sync.Pool{New: func() any { return new(runtime) }}

// ReleaseLocal clears the runtime and gives it back for a later run: its
// workspace is released, so nothing of the run (no tensor charging its
// context) is used any more (python.LocalReleaser).
func (r *runtime) ReleaseLocal() {
	*r = runtime{}
	runtimes.Put(r)
}

// Charge charges a new storage's bytes to the memory budget of the thread
// that bound the runtime last.
func (r *runtime) Charge(n int64) error {
	if err := r.thread.Alloc(n); err != nil {
		return memoryError(n)
	}
	return nil
}

// memoryError is what a learner sees for a tensor larger than the run's
// memory budget: the RuntimeError PyTorch's CPU allocator raises on Linux
// when the allocation fails.
func memoryError(n int64) error { return pyErr(tensor.AllocError(n)) }

var excByKind = map[string]*python.Class{}

func init() {
	excByKind = map[string]*python.Class{
		"RuntimeError":        python.RuntimeErrorClass,
		"ValueError":          python.ValueErrorClass,
		"TypeError":           python.TypeErrorClass,
		"IndexError":          python.IndexErrorClass,
		"KeyError":            python.KeyErrorClass,
		"MemoryError":         python.MemoryErrorClass,
		"AssertionError":      python.AssertionErrorClass,
		"NotImplementedError": python.NotImplementedErrorClass,
		"ZeroDivisionError":   python.ZeroDivisionErrorClass,
	}
}

// pyErr turns an engine error into the Python exception PyTorch raises.
func pyErr(err error) error {
	if err == nil {
		return nil
	}
	var te *tensor.Error
	if errors.As(err, &te) {
		cls := excByKind[te.Kind]
		if cls == nil {
			cls = python.RuntimeErrorClass
		}
		return python.Errorf(cls, "%s", te.Msg)
	}
	return err
}

// ---- dtype ----

// DType is a torch.dtype object.
type DType struct{ D tensor.DType }

// DTypeClass is torch.dtype.
var DTypeClass = python.NewClass("dtype")

func (*DType) Type() *python.Class { return DTypeClass }

var dtypeValues = map[tensor.DType]*DType{}

func dtypeOf(d tensor.DType) *DType { return dtypeValues[d] }

func init() {
	DTypeClass.Module = "torch"
	for _, d := range tensor.DTypes() {
		dtypeValues[d] = &DType{D: d}
	}
	DTypeClass.SetMethod("__repr__", func(t *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		return python.Str("torch." + self.(*DType).D.String()), nil
	})
	DTypeClass.SetProperty("is_floating_point", func(t *python.Thread, self python.Value) (python.Value, error) {
		return python.Bool(self.(*DType).D.IsFloat()), nil
	}, nil)
	DTypeClass.SetProperty("itemsize", func(t *python.Thread, self python.Value) (python.Value, error) {
		return python.Int(self.(*DType).D.ItemSize()), nil
	}, nil)
	DTypeClass.Freeze()
}

// dtypeNames maps torch's attribute names, aliases included, to dtypes.
var dtypeNames = map[string]tensor.DType{
	"float32": tensor.Float32, "float": tensor.Float32,
	"float64": tensor.Float64, "double": tensor.Float64,
	"float16": tensor.Float16, "half": tensor.Float16,
	"bfloat16": tensor.BFloat16,
	"int64":    tensor.Int64, "long": tensor.Int64,
	"int32": tensor.Int32, "int": tensor.Int32,
	"int16": tensor.Int16, "short": tensor.Int16,
	"int8":  tensor.Int8,
	"uint8": tensor.UInt8,
	"bool":  tensor.Bool,
}

// asDType reads a dtype argument (None gives ok=false).
func asDType(v python.Value) (tensor.DType, bool, error) {
	switch x := v.(type) {
	case nil, python.NoneType:
		return 0, false, nil
	case *DType:
		return x.D, true, nil
	case *python.Class:
		switch x {
		case python.FloatClass:
			return tensor.Float64, true, nil
		case python.IntClass:
			return tensor.Int64, true, nil
		case python.BoolClass:
			return tensor.Bool, true, nil
		}
	}
	return 0, false, python.Errorf(python.TypeErrorClass, "dtype must be torch.dtype, not %s", v.Type().Name)
}

// ---- device ----

// Device is a torch.device object.
type Device struct {
	Kind  string
	Index int // -1 when absent
}

// DeviceClass is torch.device.
var DeviceClass = python.NewClass("device")

func (*Device) Type() *python.Class { return DeviceClass }

func (d *Device) String() string {
	if d.Index >= 0 {
		return fmt.Sprintf("%s:%d", d.Kind, d.Index)
	}
	return d.Kind
}

var cpuDevice = &Device{Kind: "cpu", Index: -1}

func parseDevice(v python.Value) (*Device, error) {
	switch x := v.(type) {
	case *Device:
		return x, nil
	case python.Str:
		s := string(x)
		kind, idx := s, -1
		if i := strings.IndexByte(s, ':'); i >= 0 {
			kind = s[:i]
			n := 0
			if _, err := fmt.Sscanf(s[i+1:], "%d", &n); err != nil || n < 0 {
				return nil, python.Errorf(python.RuntimeErrorClass, "Invalid device string: '%s'", s)
			}
			idx = n
		}
		switch kind {
		case "cpu", "cuda", "mps", "meta":
		default:
			return nil, python.Errorf(python.RuntimeErrorClass, "Expected one of cpu, cuda, ipu, xpu, mkldnn, opengl, opencl, ideep, hip, ve, fpga, ort, xla, lazy, vulkan, mps, meta, hpu, privateuseone device type at start of device string: %s", s)
		}
		return &Device{Kind: kind, Index: idx}, nil
	case python.Int:
		return &Device{Kind: "cuda", Index: int(x)}, nil
	}
	return nil, python.Errorf(python.TypeErrorClass, "device() received an invalid combination of arguments - got (%s)", v.Type().Name)
}

// errNoCUDA is what a CPU-only PyTorch raises when asked for CUDA.
func errNoCUDA() error {
	return python.Errorf(python.AssertionErrorClass, "Torch not compiled with CUDA enabled")
}

// checkDevice accepts CPU and refuses the rest as a machine without CUDA does.
func checkDevice(v python.Value) error {
	if v == nil || v == python.None {
		return nil
	}
	d, err := parseDevice(v)
	if err != nil {
		return err
	}
	if d.Kind == "cpu" {
		return nil
	}
	if d.Kind == "cuda" {
		return errNoCUDA()
	}
	return python.Errorf(python.RuntimeErrorClass, "PyTorch is not linked with support for %s devices", d.Kind)
}

func init() {
	DeviceClass.Module = "torch"
	DeviceClass.New = func(t *python.Thread, cls *python.Class, args python.Args) (python.Value, error) {
		var v python.Value
		idx := -1
		var idxV python.Value = python.None
		if err := python.UnpackArgs("device", args, "type", &v, "index?", &idxV); err != nil {
			return nil, err
		}
		d, err := parseDevice(v)
		if err != nil {
			return nil, err
		}
		if n, ok := python.AsInt64(idxV); ok {
			idx = int(n)
			d = &Device{Kind: d.Kind, Index: idx}
		}
		return d, nil
	}
	DeviceClass.SetMethod("__init__", func(t *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		return python.None, nil
	})
	DeviceClass.SetMethod("__repr__", func(t *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		d := self.(*Device)
		if d.Index >= 0 {
			return python.Str(fmt.Sprintf("device(type='%s', index=%d)", d.Kind, d.Index)), nil
		}
		return python.Str(fmt.Sprintf("device(type='%s')", d.Kind)), nil
	})
	DeviceClass.SetMethod("__str__", func(t *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		return python.Str(self.(*Device).String()), nil
	})
	DeviceClass.SetMethod("__eq__", func(t *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		o, ok := args.Pos[0].(*Device)
		if !ok {
			return python.NotImplemented, nil
		}
		d := self.(*Device)
		return python.Bool(d.Kind == o.Kind && d.Index == o.Index), nil
	})
	DeviceClass.SetProperty("type", func(t *python.Thread, self python.Value) (python.Value, error) {
		return python.Str(self.(*Device).Kind), nil
	}, nil)
	DeviceClass.SetProperty("index", func(t *python.Thread, self python.Value) (python.Value, error) {
		if i := self.(*Device).Index; i >= 0 {
			return python.Int(i), nil
		}
		return python.None, nil
	}, nil)
	DeviceClass.Freeze()
}

// ---- Size ----

// Size is a torch.Size: a tuple of ints with its own repr.
type Size struct{ Dims []int }

// SizeClass is torch.Size.
var SizeClass = python.NewClass("Size")

func (*Size) Type() *python.Class { return SizeClass }

func (s *Size) tuple() python.Tuple {
	out := make(python.Tuple, len(s.Dims))
	for i, d := range s.Dims {
		out[i] = python.Int(d)
	}
	return out
}

type sizeIter struct {
	s *Size
	i int
}

func (*sizeIter) Type() *python.Class { return python.IteratorClass }

func (it *sizeIter) Next(t *python.Thread) (python.Value, bool, error) {
	if it.i >= len(it.s.Dims) {
		return nil, false, nil
	}
	it.i++
	return python.Int(it.s.Dims[it.i-1]), true, nil
}

func init() {
	SizeClass.Module = "torch"
	SizeClass.New = func(t *python.Thread, cls *python.Class, args python.Args) (python.Value, error) {
		if len(args.Pos) == 0 {
			return &Size{Dims: []int{}}, nil
		}
		items, err := python.ToSlice(t, args.Pos[0])
		if err != nil {
			return nil, err
		}
		dims := make([]int, len(items))
		for i, v := range items {
			n, ok := python.AsInt64(v)
			if !ok {
				return nil, python.Errorf(python.TypeErrorClass, "torch.Size() takes an iterable of 'int' (item %d is '%s')", i, v.Type().Name)
			}
			dims[i] = int(n)
		}
		return &Size{Dims: dims}, nil
	}
	SizeClass.SetMethod("__init__", func(t *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		return python.None, nil
	})
	SizeClass.SetMethod("__repr__", func(t *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		return python.Str(tensor.ShapeString(self.(*Size).Dims)), nil
	})
	SizeClass.SetMethod("__len__", func(t *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		return python.Int(len(self.(*Size).Dims)), nil
	})
	SizeClass.SetMethod("__iter__", func(t *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		return &sizeIter{s: self.(*Size)}, nil
	})
	SizeClass.SetMethod("__getitem__", func(t *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		s := self.(*Size)
		if sl, ok := args.Pos[0].(*python.Slice); ok {
			r, err := python.GetItem(t, s.tuple(), sl)
			if err != nil {
				return nil, err
			}
			var dims []int
			for _, v := range r.(python.Tuple) {
				n, _ := python.AsInt64(v)
				dims = append(dims, int(n))
			}
			if dims == nil {
				dims = []int{}
			}
			return &Size{Dims: dims}, nil
		}
		i, ok := python.AsInt64(args.Pos[0])
		if !ok {
			return nil, python.Errorf(python.TypeErrorClass, "tuple indices must be integers or slices, not %s", args.Pos[0].Type().Name)
		}
		n := int64(len(s.Dims))
		if i < 0 {
			i += n
		}
		if i < 0 || i >= n {
			return nil, python.Errorf(python.IndexErrorClass, "tuple index out of range")
		}
		return python.Int(s.Dims[i]), nil
	})
	cmp := func(eq bool) func(t *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		return func(t *python.Thread, self python.Value, args python.Args) (python.Value, error) {
			var other python.Tuple
			switch o := args.Pos[0].(type) {
			case *Size:
				other = o.tuple()
			case python.Tuple:
				other = o
			default:
				return python.NotImplemented, nil
			}
			same, err := python.Equal(t, self.(*Size).tuple(), other)
			if err != nil {
				return nil, err
			}
			return python.Bool(same == eq), nil
		}
	}
	SizeClass.SetMethod("__eq__", cmp(true))
	SizeClass.SetMethod("__ne__", cmp(false))
	SizeClass.SetMethod("__hash__", func(t *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		h, err := python.Hash(t, self.(*Size).tuple())
		return python.Int(h), err
	})
	SizeClass.SetMethod("__add__", func(t *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		r, err := python.Binary(t, python.Add, self.(*Size).tuple(), args.Pos[0])
		if err != nil {
			return nil, err
		}
		items := r.(python.Tuple)
		dims := make([]int, len(items))
		for i, v := range items {
			n, _ := python.AsInt64(v)
			dims[i] = int(n)
		}
		return &Size{Dims: dims}, nil
	})
	SizeClass.SetMethod("numel", func(t *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		n := 1
		for _, d := range self.(*Size).Dims {
			n *= d
		}
		return python.Int(n), nil
	})
	SizeClass.Freeze()
}

// shapeArgs reads sizes given as f(2, 3), f((2, 3)), f([2, 3]) or f(size).
func shapeArgs(t *python.Thread, fname string, pos []python.Value) ([]int, error) {
	if len(pos) == 1 {
		switch x := pos[0].(type) {
		case *Size:
			return append([]int(nil), x.Dims...), nil
		case python.Tuple, *python.List:
			items, _ := python.ToSlice(t, x)
			return intsOf(fname, items)
		}
	}
	return intsOf(fname, pos)
}

func intsOf(fname string, items []python.Value) ([]int, error) {
	out := make([]int, len(items))
	for i, v := range items {
		if tv, ok := v.(*Tensor); ok && tv.T.Numel() == 1 && !tv.T.DType().IsFloat() {
			x, _ := tv.T.Item()
			out[i] = int(x)
			continue
		}
		n, ok := python.AsInt64(v)
		if !ok {
			return nil, python.Errorf(python.TypeErrorClass, "%s(): argument 'size' (position %d) must be tuple of ints, but found element of type %s at pos %d", fname, 1, v.Type().Name, i)
		}
		out[i] = int(n)
	}
	return out, nil
}
