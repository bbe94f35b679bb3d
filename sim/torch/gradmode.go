package torch

import (
	"fmt"
	"strings"

	"github.com/ckptlab/ckptlab/sim/python"
	"github.com/ckptlab/ckptlab/sim/torch/rng"
	"github.com/ckptlab/ckptlab/sim/torch/tensor"
)

// gradMode is a torch.no_grad() / enable_grad() / set_grad_enabled(b)
// object: a context manager and a decorator.
type gradMode struct {
	cls     *python.Class
	enabled bool
	saved   []bool
}

func (g *gradMode) Type() *python.Class { return g.cls }

var (
	noGradClass         = python.NewClass("no_grad")
	enableGradClass     = python.NewClass("enable_grad")
	setGradEnabledClass = python.NewClass("set_grad_enabled")
)

func init() {
	for _, c := range []*python.Class{noGradClass, enableGradClass, setGradEnabledClass} {
		c := c
		c.Module = "torch.autograd.grad_mode"
		c.New = func(th *python.Thread, cls *python.Class, args python.Args) (python.Value, error) {
			g := &gradMode{cls: cls, enabled: cls == enableGradClass}
			if cls == setGradEnabledClass {
				var mode bool
				if err := python.UnpackArgs("set_grad_enabled", args, "mode", &mode); err != nil {
					return nil, err
				}
				g.enabled = mode
				// set_grad_enabled takes effect when called, not only in a with block
				ctx := rt(th).ctx
				g.saved = append(g.saved, ctx.GradEnabled)
				ctx.GradEnabled = mode
			} else if len(args.Pos) > 0 || len(args.Kw) > 0 {
				if c == noGradClass {
					return nil, python.Errorf(python.TypeErrorClass, "no_grad.__init__() takes 1 positional argument but %d were given", len(args.Pos)+1)
				}
			}
			return g, nil
		}
		c.SetMethod("__init__", func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
			return python.None, nil
		})
		c.SetMethod("__enter__", func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
			g := self.(*gradMode)
			ctx := rt(th).ctx
			if g.cls != setGradEnabledClass {
				g.saved = append(g.saved, ctx.GradEnabled)
			}
			ctx.GradEnabled = g.enabled
			return python.None, nil
		})
		c.SetMethod("__exit__", func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
			g := self.(*gradMode)
			if n := len(g.saved); n > 0 {
				rt(th).ctx.GradEnabled = g.saved[n-1]
				g.saved = g.saved[:n-1]
			}
			return python.False, nil
		})
		c.SetMethod("__call__", func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
			g := self.(*gradMode)
			if len(args.Pos) != 1 || !python.IsCallable(args.Pos[0]) {
				return nil, python.Errorf(python.TypeErrorClass, "%s() used as a decorator expects a function", g.cls.Name)
			}
			fn := args.Pos[0]
			name := "decorated"
			if s, err := python.GetAttr(th, fn, "__name__"); err == nil {
				if n, ok := s.(python.Str); ok {
					name = string(n)
				}
			}
			enabled := g.enabled
			return python.NewBuiltin(name, func(th *python.Thread, args python.Args) (python.Value, error) {
				ctx := rt(th).ctx
				saved := ctx.GradEnabled
				ctx.GradEnabled = enabled
				defer func() { ctx.GradEnabled = saved }()
				return python.Call(th, fn, args)
			}), nil
		})
		c.Freeze()
	}
}

// generator is a torch.Generator object. The default one is the run's.
type generator struct {
	g *rng.Generator
}

var generatorClass = python.NewClass("Generator")

func (*generator) Type() *python.Class { return generatorClass }

func init() {
	generatorClass.Module = "torch._C"
	generatorClass.New = func(th *python.Thread, cls *python.Class, args python.Args) (python.Value, error) {
		var dev python.Value = python.None
		if err := python.UnpackArgs("Generator", args, "device?", &dev); err != nil {
			return nil, err
		}
		if err := checkDevice(dev); err != nil {
			return nil, err
		}
		return &generator{g: rng.New(defaultSeed)}, nil
	}
	generatorClass.SetMethod("__init__", func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		return python.None, nil
	})
	generatorClass.SetMethod("manual_seed", func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		var seed python.Value
		if err := python.UnpackArgs("manual_seed", args, "seed", &seed); err != nil {
			return nil, err
		}
		s, err := seedArg(seed)
		if err != nil {
			return nil, err
		}
		self.(*generator).g.ManualSeed(s)
		return self, nil
	})
	generatorClass.SetMethod("initial_seed", func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		return python.Int(int64(self.(*generator).g.InitialSeed())), nil
	})
	generatorClass.SetMethod("get_state", func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		return stateTensor(th, self.(*generator).g)
	})
	generatorClass.SetMethod("set_state", func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		if len(args.Pos) != 1 {
			return nil, python.Errorf(python.TypeErrorClass, "set_state() takes exactly one argument")
		}
		return self, setState(self.(*generator).g, args.Pos[0])
	})
	generatorClass.Freeze()
}

// seedArg is int(seed), as torch.manual_seed converts its argument.
func seedArg(v python.Value) (uint64, error) {
	if n, ok := python.AsInt64(v); ok {
		return uint64(n), nil
	}
	switch x := v.(type) {
	case python.Float:
		return uint64(int64(x)), nil
	case python.Str:
		var n int64
		if _, err := fmt.Sscan(strings.TrimSpace(string(x)), &n); err == nil && strings.TrimSpace(string(x)) == fmt.Sprint(n) {
			return uint64(n), nil
		}
		r, _ := python.Repr(nil, x)
		return 0, python.Errorf(python.ValueErrorClass, "invalid literal for int() with base 10: %s", r)
	}
	return 0, python.Errorf(python.TypeErrorClass, "int() argument must be a string, a bytes-like object or a real number, not '%s'", v.Type().Name)
}

func stateTensor(th *python.Thread, g *rng.Generator) (python.Value, error) {
	b := g.State()
	vals := make([]float64, len(b))
	for i, x := range b {
		vals[i] = float64(x)
	}
	return ret(tensor.FromValues(rt(th).ctx, tensor.UInt8, []int{len(b)}, vals))
}

func setState(g *rng.Generator, v python.Value) error {
	x, ok := v.(*Tensor)
	if !ok || x.T.DType() != tensor.UInt8 {
		return python.Errorf(python.TypeErrorClass, "RNG state must be a torch.ByteTensor")
	}
	vals := x.T.Values()
	b := make([]byte, len(vals))
	for i, f := range vals {
		b[i] = byte(f)
	}
	if err := g.SetState(b); err != nil {
		return python.Errorf(python.RuntimeErrorClass, "%s", err.Error())
	}
	return nil
}

func initRNGFuncs(m *python.Module) {
	m.SetFunc("manual_seed", func(th *python.Thread, args python.Args) (python.Value, error) {
		var seed python.Value
		if err := python.UnpackArgs("manual_seed", args, "seed", &seed); err != nil {
			return nil, err
		}
		s, err := seedArg(seed)
		if err != nil {
			return nil, err
		}
		r := rt(th)
		r.gen.ManualSeed(s)
		return &generator{g: r.gen}, nil
	})
	m.SetFunc("initial_seed", func(th *python.Thread, args python.Args) (python.Value, error) {
		return python.Int(int64(rt(th).gen.InitialSeed())), nil
	})
	m.SetFunc("seed", func(th *python.Thread, args python.Args) (python.Value, error) {
		// PyTorch draws a non-deterministic seed; the simulator derives one
		// from its own generator so a run stays reproducible.
		r := rt(th)
		s := r.gen.Random64() & (1<<63 - 1)
		r.gen.ManualSeed(s)
		return python.Int(int64(s)), nil
	})
	m.SetFunc("get_rng_state", func(th *python.Thread, args python.Args) (python.Value, error) {
		return stateTensor(th, rt(th).gen)
	})
	m.SetFunc("set_rng_state", func(th *python.Thread, args python.Args) (python.Value, error) {
		var v python.Value
		if err := python.UnpackArgs("set_rng_state", args, "new_state", &v); err != nil {
			return nil, err
		}
		return python.None, setState(rt(th).gen, v)
	})
}
