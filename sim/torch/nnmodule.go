package torch

import (
	"strings"

	"github.com/ckptlab/ckptlab/sim/python"
	"github.com/ckptlab/ckptlab/sim/torch/tensor"
)

// genIter is the generator object parameters(), named_parameters(), ...
// return: an iterator over values computed when it was made.
type genIter struct {
	name  string
	items []python.Value
	i     int
	buf   [2]python.Value // room for a layer's parameters
}

var genIterClass = python.NewClass("generator")

func (*genIter) Type() *python.Class { return genIterClass }

// drain returns the items not yet produced and exhausts the generator, as
// list(g) would. The caller may keep the slice: nothing else reads it.
func (g *genIter) drain() []python.Value {
	rest := g.items[g.i:len(g.items):len(g.items)]
	g.i = len(g.items)
	return rest
}

func (g *genIter) Next(t *python.Thread) (python.Value, bool, error) {
	if g.i >= len(g.items) {
		return nil, false, nil
	}
	g.i++
	return g.items[g.i-1], true, nil
}

func init() {
	genIterClass.SetMethod("__repr__", func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		g := self.(*genIter)
		return python.Str("<generator object " + g.name + " at " + objAddr(th, g) + ">"), nil
	})
	genIterClass.SetMethod("__iter__", func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		return self, nil
	})
	genIterClass.SetMethod("__next__", func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		v, ok, err := self.(*genIter).Next(th)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, python.NewException(python.StopIterationClass)
		}
		return v, nil
	})
	genIterClass.Freeze()
}

// objAddr is a stable made-up address for an object within a run.
func objAddr(th *python.Thread, v any) string {
	r := rt(th)
	if r.objIDs == nil {
		r.objIDs = map[any]int64{}
	}
	ids := r.objIDs
	id, ok := ids[v]
	if !ok {
		id = int64(len(ids) + 1)
		ids[v] = id
	}
	const digits = "0123456789abcdef"
	x := 0x7f3a_2d00_0000 + id*0x70
	buf := make([]byte, 12)
	for i := 11; i >= 0; i-- {
		buf[i] = digits[x&15]
		x >>= 4
	}
	return "0x" + string(buf)
}

// newModule is nn.Module's __new__, shared by every subclass (classes made
// before it was set do not inherit it, so each sets it explicitly).
func newModule(th *python.Thread, cls *python.Class, args python.Args) (python.Value, error) {
	m := &Module{}
	m.Object.Init(cls)
	return m, nil
}

// callForward calls m's Go forward as Module.forward does, a Go method:
// an index out of range (too few arguments) is the TypeError its method
// wrapper raises.
func callForward(th *python.Thread, m *Module, args python.Args) (v python.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			if re, ok := r.(runtimeError); ok && strings.Contains(re.Error(), "index out of range") {
				v, err = nil, python.Errorf(python.TypeErrorClass, "Module.forward() missing required argument (%d given)", len(args.Pos))
				return
			}
			panic(r)
		}
	}()
	return m.forward(th, m, args)
}

// runtimeError is the standard library's runtime.Error (the name runtime
// is this package's run state).
type runtimeError interface {
	RuntimeError()
	error
}

func mdef(name string, fn func(th *python.Thread, m *Module, args python.Args) (python.Value, error)) {
	ModuleClass.SetMethod(name, func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		m, ok := self.(*Module)
		if !ok {
			return nil, python.Errorf(python.TypeErrorClass, "descriptor '%s' requires a 'Module' object", name)
		}
		if !m.initialized && name != "__init__" && name != "__repr__" {
			return nil, python.Errorf(python.AttributeErrorClass, "'%s' object has no attribute '_parameters'", m.Type().Name)
		}
		if name != "load_state_dict" {
			return fn(th, m, args) // nothing to record
		}
		return observeModuleMethod(th, name, m, args, fn)
	})
}

func named(items []namedValue, pairs bool) []python.Value {
	out := make([]python.Value, len(items))
	for i, it := range items {
		if pairs {
			out[i] = python.Tuple{python.Str(it.name), it.v}
		} else {
			out[i] = it.v
		}
	}
	return out
}

func init() {
	ModuleClass.Module = "torch.nn.modules.module"
	ModuleClass.New = newModule
	ModuleClass.GetAttrHook = moduleGetAttr
	ModuleClass.SetAttrHook = moduleSetAttr
	ModuleClass.DelAttrHook = moduleDelAttr
	mdef("__init__", func(th *python.Thread, m *Module, args python.Args) (python.Value, error) {
		if len(args.Pos) > 0 || len(args.Kw) > 0 {
			return nil, python.Errorf(python.TypeErrorClass, "Module.__init__() takes 1 positional argument but %d were given", len(args.Pos)+1)
		}
		m.init()
		return python.None, nil
	})
	mdef("__call__", func(th *python.Thread, m *Module, args python.Args) (python.Value, error) {
		if _, builtin := layerDefs[m.Type()]; builtin && m.forward != nil {
			if _, shadow := m.Dict().GetStr("forward"); !shadow {
				// a built-in layer's forward (nn.Linear's, nn.MSELoss's),
				// which no learner class overrides: called as CallMethod
				// would find it, Module.forward, without looking it up at
				// every step of a training loop
				return callForward(th, m, args)
			}
		}
		return python.CallMethod(th, m, "forward", args)
	})
	mdef("forward", func(th *python.Thread, m *Module, args python.Args) (python.Value, error) {
		if m.forward != nil {
			return m.forward(th, m, args)
		}
		return nil, python.Errorf(python.NotImplementedErrorClass, "Module [%s] is missing the required \"forward\" function", m.Type().Name)
	})
	mdef("__repr__", func(th *python.Thread, m *Module, args python.Args) (python.Value, error) {
		var stack [128]byte
		b, err := appendModuleRepr(stack[:0], th, m)
		return python.Str(b), err
	})
	mdef("extra_repr", func(th *python.Thread, m *Module, args python.Args) (python.Value, error) {
		if m.extra != nil {
			var stack [128]byte
			return python.Str(m.extra(th, m, stack[:0])), nil
		}
		return python.Str(""), nil
	})
	mdef("_get_name", func(th *python.Thread, m *Module, args python.Args) (python.Value, error) {
		return python.Str(m.Type().Name), nil
	})
	ModuleClass.SetProperty("training", func(th *python.Thread, self python.Value) (python.Value, error) {
		return python.Bool(self.(*Module).training), nil
	}, func(th *python.Thread, self python.Value, v python.Value) error {
		b, err := python.Truth(th, v)
		self.(*Module).training = b
		return err
	})
	mdef("register_buffer", func(th *python.Thread, m *Module, args python.Args) (python.Value, error) {
		var name string
		var v python.Value
		persistent := true
		if err := python.UnpackArgs("register_buffer", args, "name", &name, "tensor", &v, "persistent?", &persistent); err != nil {
			return nil, err
		}
		if _, ok := v.(*Tensor); !ok && v != python.None {
			return nil, python.Errorf(python.TypeErrorClass, "cannot assign '%s' object to buffer '%s' (torch Tensor or None required)", torchTypeName(v), name)
		}
		if name == "" {
			return nil, python.Errorf(python.KeyErrorClass, "buffer name can't be empty string \"\"")
		}
		if has(m.params, name) || has(m.modules, name) {
			return nil, python.Errorf(python.KeyErrorClass, "attribute '%s' already exists", name)
		}
		if v == python.None {
			m.buffers.set(name, nil)
		} else {
			m.buffers.set(name, v)
		}
		m.setPersistent(name, persistent)
		return python.None, nil
	})
	mdef("register_parameter", func(th *python.Thread, m *Module, args python.Args) (python.Value, error) {
		var name string
		var v python.Value
		if err := python.UnpackArgs("register_parameter", args, "name", &name, "param", &v); err != nil {
			return nil, err
		}
		if v == python.None {
			m.params.set(name, nil)
			return python.None, nil
		}
		if !isParameter(v) {
			return nil, python.Errorf(python.TypeErrorClass, "cannot assign '%s' object to parameter '%s' (torch.nn.Parameter or None required)", torchTypeName(v), name)
		}
		m.params.set(name, v)
		return python.None, nil
	})
	addModule := func(th *python.Thread, m *Module, args python.Args) (python.Value, error) {
		var name string
		var v python.Value
		if err := python.UnpackArgs("add_module", args, "name", &name, "module", &v); err != nil {
			return nil, err
		}
		if _, ok := asModule(v); !ok && v != python.None {
			return nil, python.Errorf(python.TypeErrorClass, "%s is not a Module subclass", qualTypeName(v))
		}
		if v == python.None {
			m.modules.set(name, nil)
		} else {
			m.modules.set(name, v)
		}
		return python.None, nil
	}
	mdef("add_module", addModule)
	mdef("register_module", addModule)
	recurseArg := func(fname string, args python.Args, withPrefix bool) (string, bool, error) {
		prefix, recurse := "", true
		var err error
		if withPrefix {
			err = python.UnpackArgs(fname, args, "prefix?", &prefix, "recurse?", &recurse, "remove_duplicate?", new(bool))
		} else {
			err = python.UnpackArgs(fname, args, "recurse?", &recurse)
		}
		return prefix, recurse, err
	}
	pick := map[string]func(*Module) *entries{
		"parameters": func(m *Module) *entries { return m.params },
		"buffers":    func(m *Module) *entries { return m.buffers },
	}
	for kind, f := range pick {
		genName := "Module." + kind
		mdef(kind, func(th *python.Thread, m *Module, args python.Args) (python.Value, error) {
			recurse := true
			if len(args.Pos) > 0 || len(args.Kw) > 0 {
				var err error
				if _, recurse, err = recurseArg(kind, args, false); err != nil {
					return nil, err
				}
			}
			g := &genIter{name: genName}
			g.items = m.memberValues(g.buf[:], f, recurse)
			return g, nil
		})
		mdef("named_"+kind, func(th *python.Thread, m *Module, args python.Args) (python.Value, error) {
			prefix, recurse, err := recurseArg("named_"+kind, args, true)
			if err != nil {
				return nil, err
			}
			items := m.namedMembers(f, recurse)
			if prefix != "" {
				for i := range items {
					items[i].name = prefix + "." + items[i].name
				}
			}
			return &genIter{name: "Module._named_members", items: named(items, true)}, nil
		})
	}
	mdef("children", func(th *python.Thread, m *Module, args python.Args) (python.Value, error) {
		var out []python.Value
		seen := map[python.Value]bool{}
		for _, it := range m.modules.items {
			if v := it.v; v != nil && !seen[v] {
				seen[v] = true
				out = append(out, v)
			}
		}
		return &genIter{name: "Module.children", items: out}, nil
	})
	mdef("named_children", func(th *python.Thread, m *Module, args python.Args) (python.Value, error) {
		var out []python.Value
		seen := map[python.Value]bool{}
		for _, it := range m.modules.items {
			n := it.name
			if v := it.v; v != nil && !seen[v] {
				seen[v] = true
				out = append(out, python.Tuple{python.Str(n), v})
			}
		}
		return &genIter{name: "Module.named_children", items: out}, nil
	})
	mdef("modules", func(th *python.Thread, m *Module, args python.Args) (python.Value, error) {
		var out []python.Value
		m.named("", nil, func(p string, mod *Module) { out = append(out, mod) })
		return &genIter{name: "Module.modules", items: out}, nil
	})
	mdef("named_modules", func(th *python.Thread, m *Module, args python.Args) (python.Value, error) {
		var out []python.Value
		m.named("", nil, func(p string, mod *Module) { out = append(out, python.Tuple{python.Str(p), mod}) })
		return &genIter{name: "Module.named_modules", items: out}, nil
	})
	mdef("state_dict", func(th *python.Thread, m *Module, args python.Args) (python.Value, error) {
		var dest python.Value = python.None
		prefix, keep := "", false
		if len(args.Pos) == 0 && len(args.Kw) == 0 {
			// state_dict(), as nearly every call is
		} else if err := python.UnpackArgs("state_dict", args, "*", "destination?", &dest, "prefix?", &prefix, "keep_vars?", &keep); err != nil {
			return nil, err
		}
		sd, err := m.stateDict(th, prefix, keep)
		if err != nil {
			return nil, err
		}
		if d, ok := dest.(*python.Dict); ok {
			keys, vals := sd.Items()
			for i := range keys {
				if err := d.Set(th, keys[i], vals[i]); err != nil {
					return nil, err
				}
			}
			return d, nil
		}
		return sd, nil
	})
	mdef("load_state_dict", func(th *python.Thread, m *Module, args python.Args) (python.Value, error) {
		var sd python.Value
		strict, assign := true, false
		if len(args.Pos) == 1 && len(args.Kw) == 0 {
			sd = args.Pos[0] // load_state_dict(sd), as nearly every call is
		} else if err := python.UnpackArgs("load_state_dict", args, "state_dict", &sd, "strict?", &strict, "assign?", &assign); err != nil {
			return nil, err
		}
		return m.loadStateDict(th, sd, strict, assign)
	})
	mdef("train", func(th *python.Thread, m *Module, args python.Args) (python.Value, error) {
		mode := true
		if err := python.UnpackArgs("train", args, "mode?", &mode); err != nil {
			return nil, err
		}
		m.named("", nil, func(p string, mod *Module) { mod.training = mode })
		return m, nil
	})
	mdef("eval", func(th *python.Thread, m *Module, args python.Args) (python.Value, error) {
		m.named("", nil, func(p string, mod *Module) { mod.training = false })
		return m, nil
	})
	mdef("zero_grad", func(th *python.Thread, m *Module, args python.Args) (python.Value, error) {
		setToNone := true
		if err := python.UnpackArgs("zero_grad", args, "set_to_none?", &setToNone); err != nil {
			return nil, err
		}
		var buf [4]namedValue
		for _, p := range m.appendNamedMembers(buf[:0], pick["parameters"], true) {
			zeroGrad(p.v.(*Tensor), setToNone)
		}
		return python.None, nil
	})
	mdef("requires_grad_", func(th *python.Thread, m *Module, args python.Args) (python.Value, error) {
		b := true
		if err := python.UnpackArgs("requires_grad_", args, "requires_grad?", &b); err != nil {
			return nil, err
		}
		for _, p := range m.namedMembers(pick["parameters"], true) {
			if err := p.v.(*Tensor).T.SetRequiresGrad(b); err != nil {
				return nil, pyErr(err)
			}
		}
		return m, nil
	})
	mdef("to", func(th *python.Thread, m *Module, args python.Args) (python.Value, error) {
		var dt *tensor.DType
		check := func(v python.Value) error {
			switch x := v.(type) {
			case *DType:
				if !x.D.IsFloat() {
					return python.Errorf(python.TypeErrorClass, "nn.Module.to only accepts floating point or complex dtypes, but got desired dtype=%s", reprOf(th, x))
				}
				d := x.D
				dt = &d
				return nil
			case *Tensor:
				d := x.T.DType()
				dt = &d
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
			if k.Name == "device" || k.Name == "dtype" {
				if err := check(k.Value); err != nil {
					return nil, err
				}
			}
		}
		if dt != nil {
			return m, m.convert(th, *dt)
		}
		return m, nil
	})
	mdef("cpu", func(th *python.Thread, m *Module, args python.Args) (python.Value, error) { return m, nil })
	mdef("cuda", func(th *python.Thread, m *Module, args python.Args) (python.Value, error) { return nil, errNoCUDA() })
	for name, d := range map[string]tensor.DType{"float": tensor.Float32, "double": tensor.Float64, "half": tensor.Float16, "bfloat16": tensor.BFloat16} {
		d := d
		mdef(name, func(th *python.Thread, m *Module, args python.Args) (python.Value, error) { return m, m.convert(th, d) })
	}
	mdef("apply", func(th *python.Thread, m *Module, args python.Args) (python.Value, error) {
		if len(args.Pos) != 1 {
			return nil, python.Errorf(python.TypeErrorClass, "apply() takes 1 argument")
		}
		var walk func(mod *Module) error
		walk = func(mod *Module) error {
			for _, it := range mod.modules.items {
				if sub, ok := it.v.(*Module); ok {
					if err := walk(sub); err != nil {
						return err
					}
				}
			}
			_, err := python.Call(th, args.Pos[0], python.PosArgs(mod))
			return err
		}
		return m, walk(m)
	})
	mdef("get_submodule", func(th *python.Thread, m *Module, args python.Args) (python.Value, error) {
		var target string
		if err := python.UnpackArgs("get_submodule", args, "target", &target); err != nil {
			return nil, err
		}
		cur := m
		if target == "" {
			return m, nil
		}
		for _, part := range splitDots(target) {
			v, ok := cur.modules.get(part)
			sub, isMod := v.(*Module)
			if !ok || !isMod {
				return nil, python.Errorf(python.AttributeErrorClass, "%s has no attribute `%s`", cur.Type().Name, part)
			}
			cur = sub
		}
		return cur, nil
	})
	ModuleClass.Freeze()
}

func splitDots(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '.' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// convert is Module.to(dtype): floating point parameters keep their
// Parameter objects and get converted data (and gradients); floating point
// buffers are replaced, as Module._apply does.
func (m *Module) convert(th *python.Thread, d tensor.DType) error {
	c := rt(th).ctx
	saved := c.GradEnabled
	c.GradEnabled = false
	defer func() { c.GradEnabled = saved }()
	var err error
	m.named("", nil, func(p string, mod *Module) {
		for _, it := range mod.params.items {
			v, ok := it.v.(*Tensor)
			if !ok || !v.T.DType().IsFloat() || err != nil {
				continue
			}
			nt, e := v.T.To(d)
			if e != nil {
				err = pyErr(e)
				return
			}
			if e := v.T.SetData(nt); e != nil {
				err = pyErr(e)
				return
			}
			if v.T.Grad != nil {
				if g, e := v.T.Grad.To(d); e == nil {
					v.T.Grad = g
				}
			}
		}
		for _, it := range mod.buffers.items {
			n := it.name
			v, ok := it.v.(*Tensor)
			if !ok || !v.T.DType().IsFloat() || err != nil {
				continue
			}
			nt, e := v.T.To(d)
			if e != nil {
				err = pyErr(e)
				return
			}
			mod.buffers.set(n, wrap(nt))
		}
	})
	return err
}

// zeroGrad is zero_grad for one parameter: drop the gradient, or zero it.
func zeroGrad(p *Tensor, setToNone bool) {
	if p.T.Grad == nil {
		return
	}
	if setToNone {
		p.T.Grad = nil
		return
	}
	p.T.Grad.Zero()
}
