package torch

import (
	"math"

	"github.com/ckptlab/ckptlab/sim/python"
)

// Scheduler is a torch.optim.lr_scheduler scheduler. Like PyTorch's, it
// keeps everything in its instance __dict__ (state_dict() is that dict
// without the optimizer; load_state_dict updates it), and computes rates
// with Python arithmetic so they print as Python prints them.
type Scheduler struct {
	python.Object
}

var (
	lrSchedulerClass = python.NewClass("LRScheduler")
	stepLRClass      = python.NewClass("StepLR", lrSchedulerClass)
	multiStepLRClass = python.NewClass("MultiStepLR", lrSchedulerClass)
	exponentialClass = python.NewClass("ExponentialLR", lrSchedulerClass)
	cosineClass      = python.NewClass("CosineAnnealingLR", lrSchedulerClass)
	lambdaLRClass    = python.NewClass("LambdaLR", lrSchedulerClass)
)

func init() {
	register("torch.optim.lr_scheduler", func(m *python.Module) {
		m.Set("LRScheduler", lrSchedulerClass)
		m.Set("_LRScheduler", lrSchedulerClass)
		for _, c := range []*python.Class{stepLRClass, multiStepLRClass, exponentialClass, cosineClass, lambdaLRClass} {
			m.Set(c.Name, c)
		}
	})
	for _, c := range []*python.Class{lrSchedulerClass, stepLRClass, multiStepLRClass, exponentialClass, cosineClass, lambdaLRClass} {
		c.Module = "torch.optim.lr_scheduler"
	}
	for _, c := range []*python.Class{lrSchedulerClass, stepLRClass, multiStepLRClass, exponentialClass, cosineClass, lambdaLRClass} {
		c.New = func(th *python.Thread, cls *python.Class, args python.Args) (python.Value, error) {
			s := &Scheduler{}
			s.Object.Init(cls)
			return s, nil
		}
	}
	define := func(c *python.Class, params func(th *python.Thread, s *Scheduler, args python.Args) (python.Value, python.Value, error)) {
		c.SetMethod("__init__", func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
			s := self.(*Scheduler)
			opt, lastEpoch, err := params(th, s, args)
			if err != nil {
				return nil, err
			}
			return python.None, s.setup(th, opt, lastEpoch)
		})
	}
	define(stepLRClass, func(th *python.Thread, s *Scheduler, args python.Args) (python.Value, python.Value, error) {
		var opt, stepSize python.Value
		var gamma, last python.Value = python.Float(0.1), python.Int(-1)
		if err := python.UnpackArgs("StepLR.__init__", args, "optimizer", &opt, "step_size", &stepSize, "gamma?", &gamma, "last_epoch?", &last, "verbose?", new(python.Value)); err != nil {
			return nil, nil, err
		}
		s.set("step_size", stepSize)
		s.set("gamma", gamma)
		return opt, last, nil
	})
	define(multiStepLRClass, func(th *python.Thread, s *Scheduler, args python.Args) (python.Value, python.Value, error) {
		var opt, milestones python.Value
		var gamma, last python.Value = python.Float(0.1), python.Int(-1)
		if err := python.UnpackArgs("MultiStepLR.__init__", args, "optimizer", &opt, "milestones", &milestones, "gamma?", &gamma, "last_epoch?", &last, "verbose?", new(python.Value)); err != nil {
			return nil, nil, err
		}
		counter, err := newCounter(th, milestones)
		if err != nil {
			return nil, nil, err
		}
		s.set("milestones", counter)
		s.set("gamma", gamma)
		return opt, last, nil
	})
	define(exponentialClass, func(th *python.Thread, s *Scheduler, args python.Args) (python.Value, python.Value, error) {
		var opt, gamma python.Value
		var last python.Value = python.Int(-1)
		if err := python.UnpackArgs("ExponentialLR.__init__", args, "optimizer", &opt, "gamma", &gamma, "last_epoch?", &last, "verbose?", new(python.Value)); err != nil {
			return nil, nil, err
		}
		s.set("gamma", gamma)
		return opt, last, nil
	})
	define(cosineClass, func(th *python.Thread, s *Scheduler, args python.Args) (python.Value, python.Value, error) {
		var opt, tmax python.Value
		var etaMin, last python.Value = python.Int(0), python.Int(-1)
		if err := python.UnpackArgs("CosineAnnealingLR.__init__", args, "optimizer", &opt, "T_max", &tmax, "eta_min?", &etaMin, "last_epoch?", &last, "verbose?", new(python.Value)); err != nil {
			return nil, nil, err
		}
		s.set("T_max", tmax)
		s.set("eta_min", etaMin)
		return opt, last, nil
	})
	lambdaLRClass.SetMethod("__init__", func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		s := self.(*Scheduler)
		var opt, lambdas python.Value
		var last python.Value = python.Int(-1)
		if err := python.UnpackArgs("LambdaLR.__init__", args, "optimizer", &opt, "lr_lambda", &lambdas, "last_epoch?", &last, "verbose?", new(python.Value)); err != nil {
			return nil, err
		}
		o, ok := opt.(*Optimizer)
		if !ok {
			return nil, python.Errorf(python.TypeErrorClass, "%s is not an Optimizer", opt.Type().Name)
		}
		var fns []python.Value
		if l, ok := lambdas.(*python.List); ok {
			if len(l.Items) != len(o.groups.Items) {
				return nil, python.Errorf(python.ValueErrorClass, "Expected %d lr_lambdas, but got %d", len(o.groups.Items), len(l.Items))
			}
			fns = append(fns, l.Items...)
		} else {
			for range o.groups.Items {
				fns = append(fns, lambdas)
			}
		}
		s.Dict().SetStr("lr_lambdas", python.NewList(fns))
		if err := s.setup(th, opt, last); err != nil {
			return nil, err
		}
		// lr_lambdas was set first so get_lr can run during setup; PyTorch
		// sets it before super().__init__ too, but lists it after, because
		// state_dict() moves it to the end.
		fnsV, _ := s.Dict().GetStr("lr_lambdas")
		s.Dict().Delete(th, python.Str("lr_lambdas"))
		s.Dict().SetStr("lr_lambdas", fnsV)
		return python.None, nil
	})
	lrSchedulerClass.SetMethod("step", func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		var epoch python.Value = python.None
		if err := python.UnpackArgs("step", args, "epoch?", &epoch); err != nil {
			return nil, err
		}
		return python.None, self.(*Scheduler).step(th, epoch)
	})
	lrSchedulerClass.SetMethod("get_last_lr", func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		return self.(*Scheduler).get("_last_lr"), nil
	})
	lrSchedulerClass.SetMethod("get_lr", func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		return self.(*Scheduler).getLR(th)
	})
	lrSchedulerClass.SetMethod("state_dict", func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		s := self.(*Scheduler)
		out := python.NewDict()
		keys, vals := s.Dict().Items()
		for i, k := range keys {
			if ks, _ := k.(python.Str); ks == "optimizer" {
				continue
			}
			v := vals[i]
			if ks, _ := k.(python.Str); ks == "lr_lambdas" {
				// functions are not saved, only callable objects' __dict__
				l, _ := v.(*python.List)
				var items []python.Value
				if l != nil {
					for range l.Items {
						items = append(items, python.None)
					}
				}
				v = python.NewList(items)
			}
			out.Set(th, k, v)
		}
		return out, nil
	})
	lrSchedulerClass.SetMethod("load_state_dict", func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		var sd python.Value
		if err := python.UnpackArgs("load_state_dict", args, "state_dict", &sd); err != nil {
			return nil, err
		}
		d, ok := sd.(*python.Dict)
		if !ok {
			return nil, python.Errorf(python.AttributeErrorClass, "'%s' object has no attribute 'pop'", sd.Type().Name)
		}
		s := self.(*Scheduler)
		keys, vals := d.Items()
		for i, k := range keys {
			if ks, _ := k.(python.Str); ks == "lr_lambdas" {
				continue
			}
			if err := s.Dict().Set(th, k, vals[i]); err != nil {
				return nil, err
			}
		}
		return python.None, nil
	})
	for _, c := range []*python.Class{lrSchedulerClass, stepLRClass, multiStepLRClass, exponentialClass, cosineClass, lambdaLRClass} {
		c.Freeze()
	}
}

func (s *Scheduler) set(name string, v python.Value) { s.Dict().SetStr(name, v) }

func (s *Scheduler) get(name string) python.Value {
	v, ok := s.Dict().GetStr(name)
	if !ok {
		return python.None
	}
	return v
}

func (s *Scheduler) optimizer() (*Optimizer, error) {
	o, ok := s.get("optimizer").(*Optimizer)
	if !ok {
		return nil, python.Errorf(python.TypeErrorClass, "scheduler has no optimizer")
	}
	return o, nil
}

func (s *Scheduler) setup(th *python.Thread, opt, lastEpoch python.Value) error {
	o, ok := opt.(*Optimizer)
	if !ok {
		return python.Errorf(python.TypeErrorClass, "%s is not an Optimizer", opt.Type().Name)
	}
	s.set("optimizer", o)
	le, _ := python.AsInt64(lastEpoch)
	var base []python.Value
	for i, gv := range o.groups.Items {
		g := gv.(*python.Dict)
		if le == -1 {
			if _, ok := g.GetStr("initial_lr"); !ok {
				lr, _ := g.GetStr("lr")
				g.SetStr("initial_lr", lr)
			}
		} else if _, ok := g.GetStr("initial_lr"); !ok {
			return python.Errorf(python.KeyErrorClass, "\"param 'initial_lr' is not specified in param_groups[%d] when resuming an optimizer\"", i)
		}
		lr, _ := g.GetStr("initial_lr")
		base = append(base, lr)
	}
	s.set("base_lrs", python.NewList(base))
	s.set("last_epoch", lastEpoch)
	s.set("verbose", python.False)
	s.set("_step_count", python.Int(0))
	return s.step(th, python.None)
}

func (s *Scheduler) step(th *python.Thread, epoch python.Value) error {
	o, err := s.optimizer()
	if err != nil {
		return err
	}
	count, err := python.Binary(th, python.Add, s.get("_step_count"), python.Int(1))
	if err != nil {
		return err
	}
	s.set("_step_count", count)
	s.set("_get_lr_called_within_step", python.True)
	var values python.Value
	if epoch == python.None {
		le, err := python.Binary(th, python.Add, s.get("last_epoch"), python.Int(1))
		if err != nil {
			return err
		}
		s.set("last_epoch", le)
		values, err = s.getLR(th)
		if err != nil {
			return err
		}
	} else {
		s.set("last_epoch", epoch)
		values, err = s.closedForm(th)
		if err != nil {
			return err
		}
	}
	s.set("_get_lr_called_within_step", python.False)
	vals, err := python.ToSlice(th, values)
	if err != nil {
		return err
	}
	var last []python.Value
	for i, gv := range o.groups.Items {
		g := gv.(*python.Dict)
		if i < len(vals) {
			g.SetStr("lr", vals[i])
		}
		lr, _ := g.GetStr("lr")
		last = append(last, lr)
	}
	s.set("_last_lr", python.NewList(last))
	return nil
}

func mul(th *python.Thread, a, b python.Value) (python.Value, error) {
	return python.Binary(th, python.Mul, a, b)
}

// getLR is get_lr() in PyTorch's chainable form: each rate computed from
// the group's current lr.
func (s *Scheduler) getLR(th *python.Thread) (python.Value, error) {
	o, err := s.optimizer()
	if err != nil {
		return nil, err
	}
	le, _ := python.AsInt64(s.get("last_epoch"))
	var out []python.Value
	base, _ := s.get("base_lrs").(*python.List)
	for i, gv := range o.groups.Items {
		g := gv.(*python.Dict)
		lr, _ := g.GetStr("lr")
		var v python.Value = lr
		switch s.Type() {
		case stepLRClass:
			ss, _ := python.AsInt64(s.get("step_size"))
			if le != 0 && ss != 0 && le%ss == 0 {
				if v, err = mul(th, lr, s.get("gamma")); err != nil {
					return nil, err
				}
			}
		case multiStepLRClass:
			ms, _ := s.get("milestones").(*python.Dict)
			if ms != nil {
				if n, ok, _ := ms.Get(th, python.Int(le)); ok {
					p, err := python.Binary(th, python.Pow, s.get("gamma"), n)
					if err != nil {
						return nil, err
					}
					if v, err = mul(th, lr, p); err != nil {
						return nil, err
					}
				}
			}
		case exponentialClass:
			if le != 0 {
				if v, err = mul(th, lr, s.get("gamma")); err != nil {
					return nil, err
				}
			}
		case cosineClass:
			if v, err = s.cosine(th, lr, base.Items[i], le); err != nil {
				return nil, err
			}
		case lambdaLRClass:
			fns, _ := s.get("lr_lambdas").(*python.List)
			if fns == nil || i >= len(fns.Items) {
				return nil, python.Errorf(python.IndexErrorClass, "list index out of range")
			}
			f, err := python.Call(th, fns.Items[i], python.PosArgs(python.Int(le)))
			if err != nil {
				return nil, err
			}
			if v, err = mul(th, base.Items[i], f); err != nil {
				return nil, err
			}
		default:
			return nil, python.Errorf(python.NotImplementedErrorClass, "")
		}
		out = append(out, v)
	}
	return python.NewList(out), nil
}

// cosine is CosineAnnealingLR.get_lr for one group, in Python floats.
func (s *Scheduler) cosine(th *python.Thread, lrV, baseV python.Value, le int64) (python.Value, error) {
	tmax, _, _ := python.AsFloat(s.get("T_max"))
	eta, _, _ := python.AsFloat(s.get("eta_min"))
	lr, _, _ := python.AsFloat(lrV)
	base, _, _ := python.AsFloat(baseV)
	steps, _ := python.AsInt64(s.get("_step_count"))
	e := float64(le)
	switch {
	case le == 0:
		return lrV, nil
	case steps == 1 && le > 0:
		return python.Float(eta + (base-eta)*(1+crCos(e*math.Pi/tmax))/2), nil
	case int64(e-1-tmax)%int64(2*tmax) == 0 && math.Mod(e-1-tmax, 2*tmax) == 0:
		return python.Float(lr + (base-eta)*(1-crCos(math.Pi/tmax))/2), nil
	}
	return python.Float((1+crCos(math.Pi*e/tmax))/(1+crCos(math.Pi*(e-1)/tmax))*(lr-eta) + eta), nil
}

// closedForm is _get_closed_form_lr, used by step(epoch).
func (s *Scheduler) closedForm(th *python.Thread) (python.Value, error) {
	base, _ := s.get("base_lrs").(*python.List)
	le, _ := python.AsInt64(s.get("last_epoch"))
	var out []python.Value
	for _, b := range base.Items {
		var v python.Value = b
		var err error
		switch s.Type() {
		case stepLRClass:
			ss, _ := python.AsInt64(s.get("step_size"))
			p, err := python.Binary(th, python.Pow, s.get("gamma"), python.Int(le/ss))
			if err != nil {
				return nil, err
			}
			v, err = mul(th, b, p)
		case exponentialClass:
			p, err := python.Binary(th, python.Pow, s.get("gamma"), python.Int(le))
			if err != nil {
				return nil, err
			}
			v, err = mul(th, b, p)
		default:
			return s.getLR(th)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return python.NewList(out), nil
}

// newCounter builds collections.Counter(milestones) as a dict.
func newCounter(th *python.Thread, v python.Value) (*python.Dict, error) {
	items, err := python.ToSlice(th, v)
	if err != nil {
		return nil, err
	}
	d := python.NewDict()
	if c := counterClass(th); c != nil {
		d.Class = c
	}
	for _, it := range items {
		n, ok, err := d.Get(th, it)
		if err != nil {
			return nil, err
		}
		if !ok {
			n = python.Int(0)
		}
		n, _ = python.Binary(th, python.Add, n, python.Int(1))
		if err := d.Set(th, it, n); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// counterClass finds collections.Counter when the language provides it.
func counterClass(th *python.Thread) *python.Class {
	m, err := th.Import("collections")
	if err != nil {
		return counterFallback
	}
	c, ok := m.Get("Counter")
	if !ok {
		return counterFallback
	}
	cls, _ := c.(*python.Class)
	return cls
}

// counterFallback stands in for collections.Counter when the language has
// none: a dict subclass whose repr is Counter({...}).
var counterFallback = func() *python.Class {
	c := python.NewClass("Counter", python.DictClass)
	c.Module = "collections"
	c.SetMethod("__repr__", func(t *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		d := self.(*python.Dict)
		if d.Len() == 0 {
			return python.Str("Counter()"), nil
		}
		plain := python.NewDict()
		keys, vals := d.Items()
		for i, k := range keys {
			if err := plain.Set(t, k, vals[i]); err != nil {
				return nil, err
			}
		}
		r, err := python.Repr(t, plain)
		if err != nil {
			return nil, err
		}
		return python.Str("Counter(" + r + ")"), nil
	})
	c.Freeze()
	return c
}()
