package torch

import (
	"encoding/binary"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/ckptlab/ckptlab/sim/python"
	"github.com/ckptlab/ckptlab/sim/torch/tensor"
)

// Optimizer is a torch.optim optimizer. Its param_groups, state and
// defaults are ordinary Python containers, as in PyTorch, so that learners
// may read and change them and state_dict/load_state_dict can follow
// torch/optim/optimizer.py line by line.
type Optimizer struct {
	python.Object
	kind     string
	at       groupSlots // where its param groups hold what a step reads
	defaults *python.Dict
	groups   *python.List
	state    *python.Dict // parameter tensor -> dict of per-parameter state

	// own holds the first defaults, param_groups and state, and room for
	// one group, in the optimizer's own allocation: most optimizers keep
	// them as they are made.
	own struct {
		defaults, state python.Dict
		groups          python.List
		group           [1]python.Value
	}
}

// maxDefaults is the most hyperparameters an optimizer here has (Adam's).
const maxDefaults = 10

// paramGroup is a param group addParams makes: its dict, its params list
// and the dict's values, in one allocation, which for the optimizer's
// first group also holds the values of its defaults dict.
type paramGroup struct {
	dict     python.Dict
	params   python.List
	vals     [1 + maxDefaults]python.Value
	defaults [maxDefaults]python.Value
}

// OptimizerClass is torch.optim.Optimizer.
var (
	OptimizerClass = python.NewClass("Optimizer")
	sgdClass       = python.NewClass("SGD", OptimizerClass)
	adamClass      = python.NewClass("Adam", OptimizerClass)
	adamWClass     = python.NewClass("AdamW", OptimizerClass)
)

func init() {
	register("torch.optim", func(m *python.Module) {
		m.Set("Optimizer", OptimizerClass)
		m.Set("SGD", sgdClass)
		m.Set("Adam", adamClass)
		m.Set("AdamW", adamWClass)
	})
	OptimizerClass.Module = "torch.optim.optimizer"
	sgdClass.Module = "torch.optim.sgd"
	adamClass.Module = "torch.optim.adam"
	adamWClass.Module = "torch.optim.adamw"
	for _, c := range []*python.Class{OptimizerClass, sgdClass, adamClass, adamWClass} {
		c.New = func(th *python.Thread, cls *python.Class, args python.Args) (python.Value, error) {
			o := &Optimizer{}
			o.Object.Init(cls)
			return o, nil
		}
	}
	initOptimizerMethods()
	sgdClass.SetMethod("__init__", func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		a := [...]python.Value{nil, python.Float(1e-3), python.Int(0), python.Int(0), python.Int(0), python.False, python.False, python.None, python.False, python.None}
		if bindArgs(args, sgdParams[:], 6, a[:]) {
			// bound as UnpackArgs below binds them
		} else if err := python.UnpackArgs("SGD.__init__", args, "params", &a[0], "lr?", &a[1], "momentum?", &a[2], "dampening?", &a[3], "weight_decay?", &a[4], "nesterov?", &a[5], "*", "maximize?", &a[6], "foreach?", &a[7], "differentiable?", &a[8], "fused?", &a[9]); err != nil {
			return nil, err
		}
		params, lr, momentum, dampening, wd, nesterov, maximize, foreach, diff, fused := a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9]
		for _, c := range []struct {
			v   python.Value
			msg string
		}{{lr, "Invalid learning rate: "}, {momentum, "Invalid momentum value: "}, {wd, "Invalid weight_decay value: "}} {
			f, err := hyper(c.v)
			if err != nil {
				return nil, err
			}
			if f < 0 {
				return nil, python.Errorf(python.ValueErrorClass, "%s%s", c.msg, reprOf(th, c.v))
			}
		}
		if n, _ := python.Truth(th, nesterov); n {
			m, _ := hyper(momentum)
			d, _ := hyper(dampening)
			if m <= 0 || d != 0 {
				return nil, python.Errorf(python.ValueErrorClass, "Nesterov momentum requires a momentum and zero dampening")
			}
		}
		o := self.(*Optimizer)
		o.kind = "SGD"
		return python.None, o.setup(th, params, sgdKeys, []python.Value{lr, momentum, dampening, wd, nesterov, maximize, foreach, diff, fused})
	})
	adamInit := func(kind string, defaultWD python.Value) func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		fname := kind + ".__init__"
		return func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
			a := [...]python.Value{nil, python.Float(1e-3), python.Tuple{python.Float(0.9), python.Float(0.999)}, python.Float(1e-8), defaultWD, python.False, python.None, python.False, python.False, python.False, python.None}
			if bindArgs(args, adamParams[:], 6, a[:]) {
				// bound as UnpackArgs below binds them
			} else if err := python.UnpackArgs(fname, args, "params", &a[0], "lr?", &a[1], "betas?", &a[2], "eps?", &a[3], "weight_decay?", &a[4], "amsgrad?", &a[5], "*", "foreach?", &a[6], "maximize?", &a[7], "capturable?", &a[8], "differentiable?", &a[9], "fused?", &a[10]); err != nil {
				return nil, err
			}
			params, lr, betas, eps, wd, amsgrad, foreach, maximize, capturable, diff, fused := a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10]
			if f, err := hyper(lr); err != nil {
				return nil, err
			} else if f < 0 {
				return nil, python.Errorf(python.ValueErrorClass, "Invalid learning rate: %s", reprOf(th, lr))
			}
			if f, err := hyper(eps); err != nil {
				return nil, err
			} else if f < 0 {
				return nil, python.Errorf(python.ValueErrorClass, "Invalid epsilon value: %s", reprOf(th, eps))
			}
			bs, err := python.ToSlice(th, betas)
			if err != nil || len(bs) != 2 {
				return nil, python.Errorf(python.TypeErrorClass, "betas must be a pair of floats")
			}
			for i, b := range bs {
				f, err := hyper(b)
				if err != nil {
					return nil, err
				}
				if f < 0 || f >= 1 {
					return nil, python.Errorf(python.ValueErrorClass, "Invalid beta parameter at index %d: %s", i, reprOf(th, b))
				}
			}
			if f, err := hyper(wd); err != nil {
				return nil, err
			} else if f < 0 {
				return nil, python.Errorf(python.ValueErrorClass, "Invalid weight_decay value: %s", reprOf(th, wd))
			}
			o := self.(*Optimizer)
			o.kind = kind
			if kind == "AdamW" {
				// adamw.py lists foreach before maximize
				return python.None, o.setup(th, params, adamWKeys, []python.Value{lr, betas, eps, wd, amsgrad, foreach, maximize, capturable, diff, fused})
			}
			return python.None, o.setup(th, params, adamKeys, []python.Value{lr, betas, eps, wd, amsgrad, maximize, foreach, capturable, diff, fused})
		}
	}
	adamClass.SetMethod("__init__", adamInit("Adam", python.Int(0)))
	adamWClass.SetMethod("__init__", adamInit("AdamW", python.Float(1e-2)))
	for _, c := range []*python.Class{OptimizerClass, sgdClass, adamClass, adamWClass} {
		c.Freeze()
	}
}

// hyper reads a hyperparameter as a float (tensors with one element too).
func hyper(v python.Value) (float64, error) {
	if x, ok := v.(*Tensor); ok {
		f, err := x.T.Item()
		if err != nil {
			return 0, python.Errorf(python.ValueErrorClass, "Tensor lr must be 1-element")
		}
		return f, nil
	}
	f, ok, err := python.AsFloat(v)
	if err != nil {
		return 0, err
	}
	if !ok {
		return 0, python.Errorf(python.TypeErrorClass, "'<' not supported between instances of '%s' and 'float'", v.Type().Name)
	}
	return f, nil
}

// keysTemplates holds, per list of keys, a dict of those keys (values
// None) that never changes: an optimizer's defaults and a param group made
// from a list of parameters share its keys and index (python.Dict.Share),
// and filling them in costs one copy of the values, not an allocation per
// key. Every optimizer of a kind has the same keys.
var keysTemplates struct {
	sync.RWMutex
	m map[string]*keysTmpl // by templateKey of the names
}

// keysTmpl is a template dict and its keys as Python values, in order, to
// set values by (python.Dict.SetStr would box each key again).
type keysTmpl struct {
	dict  *python.Dict
	keys  []python.Value
	names []string // the keys as Go strings, to compare
}

// recentTemplates holds the templates keysTemplateFor found last, by a
// hash of a few bytes of their names (recentSlot), so that finding one
// again costs a comparison of the names, not building the map key and
// hashing it. A slot holds any template whose names hash to it: the
// comparison tells a match.
var recentTemplates [64]atomic.Pointer[keysTmpl]

// recentSlot is the slot of recentTemplates for names (at least one).
func recentSlot(names []string) *atomic.Pointer[keysTmpl] {
	h := uint(len(names))
	h = mixName(h, names[0])
	h = mixName(h, names[len(names)-1])
	return &recentTemplates[h%uint(len(recentTemplates))]
}

// mixName mixes the length and first byte of s into the hash h.
func mixName(h uint, s string) uint {
	h = h*31 + uint(len(s))
	if len(s) > 0 {
		h = h*31 + uint(s[0])
	}
	return h
}

// roomForTemplate reports whether keysTemplates may keep another.
func roomForTemplate() bool {
	keysTemplates.RLock()
	defer keysTemplates.RUnlock()
	return len(keysTemplates.m) < maxTemplates
}

// optimizerKeys are the keys of an optimizer's defaults, and of its
// first param group ("params", then the defaults'), as templates made
// once.
// packed are the keys of such a group in a state_dict: "params" last.
type optimizerKeys struct {
	defaults, group, packed *keysTmpl
	// at is where a group made from group holds each key a step reads
	// (0 for a key the kind has not).
	at groupSlots
}

// groupSlots are the slots of a param group's keys, tried first by the
// look-ups of a step (python.Dict.GetStrAt), which move them to where they
// find a key. An int16 each keeps an Optimizer in its size class; a slot
// past them is not kept.
type groupSlots struct {
	lr, momentum, dampening, weightDecay, nesterov, maximize, betas, eps, amsgrad int16
	// params is first in a group the optimizer made (0, as every slot
	// starts) and last in one loaded from a state_dict.
	params int16
}

// optimizerKeysOf returns the templates of an optimizer kind's dicts (nil
// for a kind without).
func optimizerKeysOf(kind string) *optimizerKeys {
	switch kind {
	case "SGD":
		return sgdKeys
	case "Adam":
		return adamKeys
	case "AdamW":
		return adamWKeys
	}
	return nil
}

func newOptimizerKeys(names ...string) *optimizerKeys {
	group := append([]string{"params"}, names...)
	slot := func(name string) int16 { return int16(max(slices.Index(group, name), 0)) }
	return &optimizerKeys{
		defaults: keysTemplateOf(names),
		group:    keysTemplateOf(group),
		packed:   keysTemplateOf(append(names[:len(names):len(names)], "params")),
		at: groupSlots{
			lr: slot("lr"), momentum: slot("momentum"), dampening: slot("dampening"), weightDecay: slot("weight_decay"),
			nesterov: slot("nesterov"), maximize: slot("maximize"), betas: slot("betas"), eps: slot("eps"), amsgrad: slot("amsgrad"),
		},
	}
}

var (
	sgdKeys   = newOptimizerKeys("lr", "momentum", "dampening", "weight_decay", "nesterov", "maximize", "foreach", "differentiable", "fused")
	adamKeys  = newOptimizerKeys("lr", "betas", "eps", "weight_decay", "amsgrad", "maximize", "foreach", "capturable", "differentiable", "fused")
	adamWKeys = newOptimizerKeys("lr", "betas", "eps", "weight_decay", "amsgrad", "foreach", "maximize", "capturable", "differentiable", "fused")
)

// maxTemplates bounds keysTemplates, which outlives runs: a learner's own
// param group keys get a template made for the call, not kept.
const maxTemplates = 64

// keysTemplateOf is the template of the keys names.
func keysTemplateOf(names []string) *keysTmpl {
	return keysTemplateFor(names, true)
}

// cachedKeysTemplate is keysTemplateOf when the template is kept for
// other calls, nil when it would be made for this one (and cost more than
// the dict it saves).
func cachedKeysTemplate(names []string) *keysTmpl {
	return keysTemplateFor(names, false)
}

// keysTemplateFor is keysTemplateOf, or cachedKeysTemplate when always
// is false.
func keysTemplateFor(names []string, always bool) *keysTmpl {
	var recent *atomic.Pointer[keysTmpl]
	if len(names) > 0 {
		recent = recentSlot(names)
		if t := recent.Load(); t != nil && slices.Equal(t.names, names) {
			return t
		}
	}
	t := keysTemplateOfMap(names, always)
	if t != nil && recent != nil {
		recent.Store(t)
	}
	return t
}

// keysTemplateOfMap is keysTemplateFor through keysTemplates.
func keysTemplateOfMap(names []string, always bool) *keysTmpl {
	var buf [256]byte
	b := templateKey(buf[:0], names)
	keysTemplates.RLock()
	t, ok := keysTemplates.m[string(b)] // no allocation for the lookup
	keysTemplates.RUnlock()
	if ok {
		return t
	}
	if !always && !roomForTemplate() {
		return nil
	}
	t = &keysTmpl{dict: python.NewDict()}
	for _, k := range names {
		// a copy: the template outlives the run, and k may be a piece
		// of a loaded file
		k = strings.Clone(k)
		t.names = append(t.names, k)
		t.keys = append(t.keys, python.Str(k))
	}
	for _, k := range t.keys {
		t.dict.Set(nil, k, python.None)
	}
	keysTemplates.Lock()
	defer keysTemplates.Unlock()
	if old, ok := keysTemplates.m[string(b)]; ok {
		return old
	}
	if keysTemplates.m == nil {
		keysTemplates.m = map[string]*keysTmpl{}
	}
	if len(keysTemplates.m) < maxTemplates {
		keysTemplates.m[string(b)] = t
	}
	return t
}

// templateKey appends the lookup key of names to b: each name's length,
// then its bytes, so that no two lists of names share a key whatever bytes
// the names hold.
func templateKey(b []byte, names []string) []byte {
	for _, k := range names {
		b = binary.AppendUvarint(b, uint64(len(k)))
		b = append(b, k...)
	}
	return b
}

// setup is Optimizer.__init__: defaults are the values of keys.defaults.
func (o *Optimizer) setup(th *python.Thread, params python.Value, keys *optimizerKeys, defaults []python.Value) error {
	if o.defaults == nil {
		// the first __init__: the optimizer's own storage
		o.own.groups.Items = o.own.group[:0]
		o.defaults, o.groups, o.state = &o.own.defaults, &o.own.groups, &o.own.state
	} else {
		// __init__ again: new objects, as PyTorch makes
		o.defaults, o.groups, o.state = python.NewDict(), python.NewList(nil), python.NewDict()
	}
	// The defaults dict's own copy of defaults, in the allocation of the
	// first param group when it fits.
	var first *paramGroup
	var kept []python.Value
	if len(defaults) <= maxDefaults {
		first = new(paramGroup)
		kept = first.defaults[:len(defaults)]
		copy(kept, defaults)
	} else {
		kept = slices.Clone(defaults)
	}
	o.at = keys.at
	o.defaults.ShareKeys(keys.defaults.dict, kept)
	initStateDict(o.state)
	if _, isTensor := params.(*Tensor); isTensor {
		return python.Errorf(python.TypeErrorClass, "params argument given to the optimizer should be an iterable of Tensors or dicts, but got torch.%s", legacyTypeName(params.(*Tensor).T.DType()))
	}
	var items []python.Value
	if g, ok := params.(*genIter); ok {
		items = g.drain() // model.parameters(), as ToSlice would list it
	} else {
		var err error
		if items, err = python.ToSlice(th, params); err != nil {
			return err
		}
	}
	if len(items) == 0 {
		return python.Errorf(python.ValueErrorClass, "optimizer got an empty parameter list")
	}
	if _, ok := items[0].(*python.Dict); !ok {
		return o.addParams(items, keys.group, defaults, first)
	}
	for _, g := range items {
		if err := o.addParamGroup(th, g); err != nil {
			return err
		}
	}
	return nil
}

// The parameters of SGD.__init__ and Adam.__init__ (AdamW's are Adam's),
// in order: the first six positional-or-keyword, the rest keyword-only.
var (
	sgdParams  = [...]string{"params", "lr", "momentum", "dampening", "weight_decay", "nesterov", "maximize", "foreach", "differentiable", "fused"}
	adamParams = [...]string{"params", "lr", "betas", "eps", "weight_decay", "amsgrad", "foreach", "maximize", "capturable", "differentiable", "fused"}
)

// maxBound is the most parameters bindArgs binds.
const maxBound = 12

// bindArgs binds a call's arguments to parameters that take any value, as
// UnpackArgs binds *python.Value targets, without parsing a parameter
// list: names are the parameters in order, the first nPos of them
// positional-or-keyword and the rest keyword-only, and vals holds their
// defaults, nil for a required one. ok is false, and vals unchanged, when
// the call is an error (too many positional arguments, an unknown or
// repeated keyword, a required parameter left out); UnpackArgs then
// reports it.
func bindArgs(args python.Args, names []string, nPos int, vals []python.Value) (ok bool) {
	if len(args.Pos) > nPos || len(names) > maxBound || len(vals) != len(names) {
		return false
	}
	var out [maxBound]python.Value
	var set [maxBound]bool
	copy(out[:], vals)
	for i, v := range args.Pos {
		out[i], set[i] = v, true
	}
	for _, k := range args.Kw {
		i := slices.Index(names, k.Name)
		if i < 0 || set[i] {
			return false
		}
		out[i], set[i] = k.Value, true
	}
	for i := range names {
		if out[i] == nil {
			return false
		}
	}
	copy(vals, out[:len(names)])
	return true
}

// checkParams refuses what an optimizer cannot optimize, as torch does.
func checkParams(ps []python.Value) error {
	for _, p := range ps {
		x, ok := p.(*Tensor)
		if !ok {
			return python.Errorf(python.TypeErrorClass, "optimizer can only optimize Tensors, but one of the params is %s", qualTypeName(p))
		}
		if !x.T.IsLeaf() {
			return python.Errorf(python.ValueErrorClass, "can't optimize a non-leaf Tensor")
		}
	}
	return nil
}

// addParams is addParamGroup of {"params": ps} for the first group, the
// usual optimizer(model.parameters(), ...): the group gets its keys, params
// then the defaults, from tmpl. The group is made in a when it is not nil.
func (o *Optimizer) addParams(ps []python.Value, tmpl *keysTmpl, defaults []python.Value, a *paramGroup) error {
	if err := checkParams(ps); err != nil {
		return err
	}
	if a == nil {
		a = new(paramGroup)
	}
	var vals []python.Value
	if n := 1 + len(defaults); n <= len(a.vals) {
		vals = a.vals[:n]
	} else {
		vals = make([]python.Value, n)
	}
	a.params.Items = ps
	vals[0] = &a.params
	copy(vals[1:], defaults)
	a.dict.ShareKeys(tmpl.dict, vals)
	o.groups.Items = append(o.groups.Items, &a.dict)
	return nil
}

func (o *Optimizer) addParamGroup(th *python.Thread, gv python.Value) error {
	src, ok := gv.(*python.Dict)
	if !ok {
		return python.Errorf(python.TypeErrorClass, "param_group must be a dict, but got %s", gv.Type().Name)
	}
	g := src.Copy()
	g.Class = nil
	pv, ok := g.GetStr("params")
	if !ok {
		return python.KeyError(python.Str("params"))
	}
	var ps []python.Value
	if x, isT := pv.(*Tensor); isT {
		ps = []python.Value{x}
	} else {
		if _, isSet := pv.(*python.Set); isSet {
			return python.Errorf(python.TypeErrorClass, "optimizer parameters need to be organized in ordered collections, but the ordering of tensors in sets will change between runs. Please use a list instead.")
		}
		var err error
		if ps, err = python.ToSlice(th, pv); err != nil {
			return err
		}
	}
	if err := checkParams(ps); err != nil {
		return err
	}
	g.SetStr("params", python.NewList(ps))
	g.Reserve(o.defaults.Len())
	keys, vals := o.defaults.Items()
	for i, k := range keys {
		if _, ok, _ := g.Get(th, k); !ok {
			g.Set(th, k, vals[i])
		}
	}
	seen := map[python.Value]bool{}
	for _, gv := range o.groups.Items {
		gp, _ := gv.(*python.Dict).GetStr("params")
		if l, ok := gp.(*python.List); ok {
			for _, p := range l.Items {
				seen[p] = true
			}
		}
	}
	for _, p := range ps {
		if seen[p] {
			return python.Errorf(python.ValueErrorClass, "some parameters appear in more than one parameter group")
		}
	}
	o.groups.Items = append(o.groups.Items, g)
	return nil
}

func qualTypeName(v python.Value) string {
	c := v.Type()
	if c.Module == "builtins" || c.Module == "" {
		return c.Name
	}
	return c.Module + "." + c.Name
}

// groupParams returns the parameters of a param group, which holds them
// first as it is made (and last when loaded from a state_dict: step and
// zero_grad look them up with groupParamsAt, which remembers where).
func groupParams(g *python.Dict) []python.Value {
	var first int16
	return groupParamsAt(g, &first)
}

// groupParamsAt is groupParams trying *slot first (groupValue).
func groupParamsAt(g *python.Dict, slot *int16) []python.Value {
	pv, _ := groupValue(g, "params", slot)
	if l, ok := pv.(*python.List); ok {
		return l.Items
	}
	if t, ok := pv.(python.Tuple); ok {
		return t
	}
	return nil
}

// groupValue reads g[key], trying *slot first (python.Dict.GetStrAt).
func groupValue(g *python.Dict, key string, slot *int16) (python.Value, bool) {
	hint := int(*slot)
	v, ok := g.GetStrAt(key, &hint)
	if hint <= math.MaxInt16 {
		*slot = int16(hint)
	}
	return v, ok
}

// groupFloat reads g[key], trying *slot first.
func groupFloat(g *python.Dict, key string, slot *int16) (float64, error) {
	v, ok := groupValue(g, key, slot)
	if !ok {
		return 0, python.KeyError(python.Str(key))
	}
	if f, ok := v.(python.Float); ok {
		return float64(f), nil // the usual value, read without hyper's checks
	}
	return hyper(v)
}

// groupBool reads g[key], trying *slot first.
func groupBool(th *python.Thread, g *python.Dict, key string, slot *int16) bool {
	v, ok := groupValue(g, key, slot)
	if !ok {
		return false
	}
	if b, ok := v.(python.Bool); ok {
		return bool(b) // the usual value, read without Truth's dispatch
	}
	b, _ := python.Truth(th, v)
	return b
}

// paramState returns the state dict of p, creating it empty.
func (o *Optimizer) paramState(th *python.Thread, p *Tensor) (*python.Dict, error) {
	v, ok, err := o.state.Get(th, p)
	if err != nil {
		return nil, err
	}
	if ok {
		if d, isD := v.(*python.Dict); isD {
			return d, nil
		}
	}
	d := python.NewDict()
	if err := o.state.Set(th, p, d); err != nil {
		return nil, err
	}
	return d, nil
}

func stateTensorOf(d *python.Dict, key string) *tensor.Tensor {
	v, ok := d.GetStr(key)
	if !ok {
		return nil
	}
	if x, ok := v.(*Tensor); ok {
		return x.T
	}
	return nil
}

func (o *Optimizer) step(th *python.Thread) error {
	for _, gv := range o.groups.Items {
		g := gv.(*python.Dict)
		switch o.kind {
		case "SGD":
			var opt tensor.SGDOptions
			var err error
			if opt.LR, err = groupFloat(g, "lr", &o.at.lr); err != nil {
				return err
			}
			if opt.Momentum, err = groupFloat(g, "momentum", &o.at.momentum); err != nil {
				return err
			}
			if opt.Dampening, err = groupFloat(g, "dampening", &o.at.dampening); err != nil {
				return err
			}
			if opt.WeightDecay, err = groupFloat(g, "weight_decay", &o.at.weightDecay); err != nil {
				return err
			}
			opt.Nesterov = groupBool(th, g, "nesterov", &o.at.nesterov)
			opt.Maximize = groupBool(th, g, "maximize", &o.at.maximize)
			for _, pv := range groupParamsAt(g, &o.at.params) {
				p := pv.(*Tensor)
				if p.T.Grad == nil {
					continue
				}
				var buf *tensor.Tensor
				var st *python.Dict
				if opt.Momentum != 0 {
					if st, err = o.paramState(th, p); err != nil {
						return err
					}
					buf = stateTensorOf(st, "momentum_buffer")
				}
				nb, err := tensor.SGDStep(p.T, p.T.Grad, buf, opt)
				if err != nil {
					return pyErr(err)
				}
				if opt.Momentum != 0 && nb != buf {
					st.SetStr("momentum_buffer", wrap(nb))
				}
			}
		case "Adam", "AdamW":
			var opt tensor.AdamOptions
			var err error
			if opt.LR, err = groupFloat(g, "lr", &o.at.lr); err != nil {
				return err
			}
			bv, _ := groupValue(g, "betas", &o.at.betas)
			bs, err := python.ToSlice(th, bv)
			if err != nil || len(bs) != 2 {
				return python.Errorf(python.ValueErrorClass, "betas must be a pair")
			}
			if opt.Beta1, err = hyper(bs[0]); err != nil {
				return err
			}
			if opt.Beta2, err = hyper(bs[1]); err != nil {
				return err
			}
			if opt.Eps, err = groupFloat(g, "eps", &o.at.eps); err != nil {
				return err
			}
			if opt.WeightDecay, err = groupFloat(g, "weight_decay", &o.at.weightDecay); err != nil {
				return err
			}
			opt.Amsgrad = groupBool(th, g, "amsgrad", &o.at.amsgrad)
			opt.Maximize = groupBool(th, g, "maximize", &o.at.maximize)
			opt.Decoupled = o.kind == "AdamW"
			for _, pv := range groupParamsAt(g, &o.at.params) {
				p := pv.(*Tensor)
				if p.T.Grad == nil {
					continue
				}
				st, err := o.paramState(th, p)
				if err != nil {
					return err
				}
				if st.Len() == 0 {
					s, err := tensor.NewAdamState(p.T, opt.Amsgrad)
					if err != nil {
						return pyErr(err)
					}
					st.SetStr("step", wrap(s.Step))
					st.SetStr("exp_avg", wrap(s.ExpAvg))
					st.SetStr("exp_avg_sq", wrap(s.ExpAvgSq))
					if s.MaxExpAvgSq != nil {
						st.SetStr("max_exp_avg_sq", wrap(s.MaxExpAvgSq))
					}
				}
				s := &tensor.AdamState{Step: stateTensorOf(st, "step"), ExpAvg: stateTensorOf(st, "exp_avg"), ExpAvgSq: stateTensorOf(st, "exp_avg_sq"), MaxExpAvgSq: stateTensorOf(st, "max_exp_avg_sq")}
				if s.Step == nil || s.ExpAvg == nil || s.ExpAvgSq == nil || (opt.Amsgrad && s.MaxExpAvgSq == nil) {
					return python.KeyError(python.Str("exp_avg"))
				}
				if err := tensor.AdamStep(p.T, p.T.Grad, s, opt); err != nil {
					return pyErr(err)
				}
			}
		default:
			return python.Errorf(python.NotImplementedErrorClass, "")
		}
	}
	return nil
}

// stateDict is Optimizer.state_dict(): parameters replaced by integer ids,
// group options first and "params" last, state values shared (not copied).
func (o *Optimizer) stateDict(th *python.Thread) (python.Value, error) {
	// ids numbers the parameters by identity, in the order first seen
	var seenBuf [scanParams]python.Value
	seen := seenBuf[:0] // by id
	var index map[python.Value]int
	if n := o.paramCount(); n > scanParams {
		index = make(map[python.Value]int, n)
	}
	find := func(p python.Value) (int, bool) {
		if index != nil {
			id, ok := index[p]
			return id, ok
		}
		for id, q := range seen {
			if q == p {
				return id, true
			}
		}
		return 0, false
	}
	// The state_dict, its state, the values of its keys, and its one
	// param group (most optimizers have one) in one allocation.
	a := new(optimizerStateDict)
	var groups *python.List
	if len(o.groups.Items) == 1 {
		a.groups.Items = a.group[:0:1]
		groups = &a.groups
	} else {
		groups = newList(len(o.groups.Items))
	}
	for gi, gv := range o.groups.Items {
		g := gv.(*python.Dict)
		var tmpl *keysTmpl
		var packedVals []python.Value
		if gi == 0 {
			tmpl, packedVals = o.packTemplate(g, a.packedVals[:0])
		} else {
			tmpl, packedVals = o.packTemplate(g, nil)
		}
		var packed *python.Dict
		if tmpl == nil {
			keys, vals := g.Items()
			packed = python.NewDict()
			packed.Reserve(g.Len())
			for i, k := range keys {
				if s, ok := k.(python.Str); ok && s == "params" {
					continue
				}
				packed.Set(th, k, vals[i])
			}
		}
		ps := groupParams(g)
		var pids *python.List
		if gi == 0 && len(ps) <= len(a.pidItems) {
			a.pids.Items = a.pidItems[:0:len(ps)]
			pids = &a.pids
		} else {
			pids = newList(len(ps))
		}
		for _, p := range ps {
			id, ok := find(p)
			if !ok {
				id = len(seen)
				seen = append(seen, p)
				if index != nil {
					index[p] = id
				}
			}
			pids.Items = append(pids.Items, python.Int(id))
		}
		if tmpl != nil {
			packedVals[len(packedVals)-1] = pids
			if gi == 0 {
				packed = &a.packed
			} else {
				packed = python.NewDict()
			}
			packed.ShareKeys(tmpl.dict, packedVals)
		} else {
			packed.SetStr("params", pids)
		}
		groups.Items = append(groups.Items, packed)
	}
	state := &a.state
	state.Reserve(o.state.Len())
	keys, vals := o.state.Items()
	for i, k := range keys {
		if id, ok := find(k); ok {
			state.Set(th, python.Int(id), vals[i])
		} else {
			state.Set(th, k, vals[i])
		}
	}
	a.vals = [2]python.Value{state, groups}
	a.out.ShareKeys(stateDictKeys.dict, a.vals[:])
	return &a.out, nil
}

// scanParams is the most parameters Optimizer.state_dict numbers by
// scanning a list, without a map.
const scanParams = 8

// paramCount is the number of parameters of o's groups.
func (o *Optimizer) paramCount() int {
	n := 0
	for _, g := range o.groups.Items {
		n += len(groupParams(g.(*python.Dict)))
	}
	return n
}

// stateDictKeys are the keys of an optimizer's state_dict.
var stateDictKeys = keysTemplateOf([]string{"state", "param_groups"})

// newList is an empty list with room for n items, made with them in one
// allocation when there are one or two (a state_dict's param groups, and
// the parameters of a layer's group).
func newList(n int) *python.List {
	switch n {
	case 0:
		return python.NewList(nil)
	case 1, 2:
		a := new(struct {
			l     python.List
			items [2]python.Value
		})
		a.l.Items = a.items[:0:n]
		return &a.l
	}
	return python.NewList(make([]python.Value, 0, n))
}

// optimizerStateDict is what Optimizer.state_dict makes, in one
// allocation, for an optimizer of one param group: the state_dict, its
// state, the values of its keys, its param_groups list and the packed
// group, with the group's values and its params' ids.
type optimizerStateDict struct {
	out, state python.Dict
	vals       [2]python.Value
	groups     python.List
	group      [1]python.Value
	packed     python.Dict
	packedVals [1 + maxDefaults]python.Value
	pids       python.List
	pidItems   [2]python.Value // a layer's weight and bias
}

// packTemplate returns the template of a packed param group's keys, the
// group's keys but "params", which comes last, and the values of those
// keys in a slice with room for the value of "params" last, when every key
// is a str (always, unless a learner added others); else nil. The values
// go in buf when it has room (the packed dict keeps them).
func (o *Optimizer) packTemplate(g *python.Dict, buf []python.Value) (*keysTmpl, []python.Value) {
	if keys := optimizerKeysOf(o.kind); keys != nil && g.SharesKeysOf(keys.group.dict) {
		// the keys the group was made with: "params" first
		vals := buf[:0]
		if cap(vals) < g.Len() {
			vals = make([]python.Value, 0, g.Len())
		}
		first := true
		for _, v := range g.All() { // no Python code runs in the loop
			if !first {
				vals = append(vals, v)
			}
			first = false
		}
		return keys.packed, append(vals, nil)
	}
	var nameBuf [16]string
	names := nameBuf[:0]
	for k := range g.All() { // no Python code runs in the loop
		s, ok := k.(python.Str)
		if !ok {
			return nil, nil
		}
		if s != "params" {
			names = append(names, string(s))
		}
	}
	vals := make([]python.Value, 0, len(names)+1)
	for k, v := range g.All() {
		if k.(python.Str) != "params" {
			vals = append(vals, v)
		}
	}
	return keysTemplateOf(append(names, "params")), append(vals, nil)
}

// loadStateDict is Optimizer.load_state_dict with PyTorch's checks.
func (o *Optimizer) loadStateDict(th *python.Thread, v python.Value) error {
	sd, ok := v.(*python.Dict)
	if !ok {
		// 2.6 begins with state_dict = state_dict.copy()
		return python.Errorf(python.AttributeErrorClass, "'%s' object has no attribute 'copy'", v.Type().Name)
	}
	savedGroupsV, ok := sd.GetStr("param_groups")
	if !ok {
		return python.KeyError(python.Str("param_groups"))
	}
	savedStateV, ok := sd.GetStr("state")
	if !ok {
		return python.KeyError(python.Str("state"))
	}
	copied, err := copyContainers(th, savedGroupsV)
	if err != nil {
		return err
	}
	saved, err := python.ToSlice(th, copied)
	if err != nil {
		return err
	}
	if len(saved) != len(o.groups.Items) {
		return python.Errorf(python.ValueErrorClass, "loaded state dict has a different number of parameter groups")
	}
	for i, gv := range o.groups.Items {
		sg, ok := saved[i].(*python.Dict)
		if !ok {
			return python.Errorf(python.TypeErrorClass, "param group must be a dict")
		}
		sp, _ := sg.GetStr("params")
		n, err := python.Len(th, sp)
		if err != nil {
			return err
		}
		if n != len(groupParams(gv.(*python.Dict))) {
			return python.Errorf(python.ValueErrorClass, "loaded state dict contains a parameter group that doesn't match the size of optimizer's group")
		}
	}
	idMap := python.NewDict()
	for i, gv := range o.groups.Items {
		sp, _ := saved[i].(*python.Dict).GetStr("params")
		ids, _ := python.ToSlice(th, sp)
		for j, p := range groupParams(gv.(*python.Dict)) {
			idMap.Set(th, ids[j], p)
		}
	}
	state := newStateDict()
	savedState, ok := savedStateV.(*python.Dict)
	if !ok {
		return python.Errorf(python.AttributeErrorClass, "'%s' object has no attribute 'items'", savedStateV.Type().Name)
	}
	keys, vals := savedState.Items()
	state.Reserve(len(keys))
	for i, k := range keys {
		p, found, err := idMap.Get(th, k)
		if err != nil {
			return err
		}
		if !found {
			state.Set(th, k, vals[i])
			continue
		}
		cast, err := castState(th, p.(*Tensor), vals[i], "")
		if err != nil {
			return err
		}
		state.Set(th, p, cast)
	}
	groups := python.NewList(make([]python.Value, 0, len(o.groups.Items)))
	for i, gv := range o.groups.Items {
		ng := saved[i].(*python.Dict)
		pv, _ := gv.(*python.Dict).GetStr("params")
		ng.SetStr("params", pv)
		groups.Items = append(groups.Items, ng)
	}
	o.state = state
	o.groups = groups
	return nil
}

// castState is Optimizer._process_value_according_to_param_policy: state
// tensors take the parameter's dtype (the same tensor when it already
// has it), except "step", which is kept as saved.
func castState(th *python.Thread, p *Tensor, v python.Value, key string) (python.Value, error) {
	switch x := v.(type) {
	case *Tensor:
		if key == "step" {
			return x, nil
		}
		if p.T.DType().IsFloat() && x.T.DType().IsFloat() {
			return toDType(x, p.T.DType())
		}
		return x, nil
	case *python.Dict:
		keys, vals := x.Items()
		for i, k := range keys {
			ks, _ := k.(python.Str)
			c, err := castState(th, p, vals[i], string(ks))
			if err != nil {
				return nil, err
			}
			vals[i] = c
		}
		return dictOf(th, keys, vals)
	}
	return v, nil
}

func odef(name string, fn func(th *python.Thread, o *Optimizer, args python.Args) (python.Value, error)) {
	OptimizerClass.SetMethod(name, func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		o, ok := self.(*Optimizer)
		if !ok || o.groups == nil {
			return nil, python.Errorf(python.AttributeErrorClass, "'%s' object has no attribute 'param_groups'", self.Type().Name)
		}
		if name != "step" && name != "load_state_dict" {
			return fn(th, o, args) // nothing to record
		}
		return observeOptimizerMethod(th, name, o, args, fn)
	})
}

func initOptimizerMethods() {
	OptimizerClass.SetProperty("param_groups", func(th *python.Thread, self python.Value) (python.Value, error) {
		return self.(*Optimizer).groups, nil
	}, func(th *python.Thread, self python.Value, v python.Value) error {
		l, ok := v.(*python.List)
		if !ok {
			return python.Errorf(python.TypeErrorClass, "param_groups must be a list")
		}
		self.(*Optimizer).groups = l
		return nil
	})
	OptimizerClass.SetProperty("state", func(th *python.Thread, self python.Value) (python.Value, error) {
		return self.(*Optimizer).state, nil
	}, nil)
	OptimizerClass.SetProperty("defaults", func(th *python.Thread, self python.Value) (python.Value, error) {
		return self.(*Optimizer).defaults, nil
	}, nil)
	odef("step", func(th *python.Thread, o *Optimizer, args python.Args) (python.Value, error) {
		if len(args.Pos) == 0 && len(args.Kw) == 0 {
			// step(), as training loops call it: no closure
			return python.None, o.step(th)
		}
		return o.stepWithClosure(th, args)
	})
	odef("zero_grad", func(th *python.Thread, o *Optimizer, args python.Args) (python.Value, error) {
		setToNone := len(args.Pos) == 0 && len(args.Kw) == 0 // zero_grad(), the default
		if !setToNone {
			var err error
			if setToNone, err = zeroGradArg(args); err != nil {
				return nil, err
			}
		}
		for _, gv := range o.groups.Items {
			for _, p := range groupParamsAt(gv.(*python.Dict), &o.at.params) {
				if x, ok := p.(*Tensor); ok {
					zeroGrad(x, setToNone)
				}
			}
		}
		return python.None, nil
	})
	odef("state_dict", func(th *python.Thread, o *Optimizer, args python.Args) (python.Value, error) {
		if err := python.UnpackArgs("state_dict", args); err != nil {
			return nil, err
		}
		return o.stateDict(th)
	})
	odef("load_state_dict", func(th *python.Thread, o *Optimizer, args python.Args) (python.Value, error) {
		var sd python.Value
		if err := python.UnpackArgs("load_state_dict", args, "state_dict", &sd); err != nil {
			return nil, err
		}
		return python.None, o.loadStateDict(th, sd)
	})
	odef("add_param_group", func(th *python.Thread, o *Optimizer, args python.Args) (python.Value, error) {
		var g python.Value
		if err := python.UnpackArgs("add_param_group", args, "param_group", &g); err != nil {
			return nil, err
		}
		return python.None, o.addParamGroup(th, g)
	})
	odef("__repr__", func(th *python.Thread, o *Optimizer, args python.Args) (python.Value, error) {
		var b strings.Builder
		b.WriteString(o.Type().Name + " (")
		for i, gv := range o.groups.Items {
			g := gv.(*python.Dict)
			b.WriteString("\nParameter Group " + itoa(i) + "\n")
			keys, vals := g.Items()
			type kv struct {
				k string
				v python.Value
			}
			var items []kv
			for j, k := range keys {
				s, _ := k.(python.Str)
				if s != "params" {
					items = append(items, kv{string(s), vals[j]})
				}
			}
			sort.Slice(items, func(a, c int) bool { return items[a].k < items[c].k })
			for _, it := range items {
				s, err := python.ToStr(th, it.v)
				if err != nil {
					return nil, err
				}
				b.WriteString("    " + it.k + ": " + s + "\n")
			}
		}
		b.WriteString(")")
		return python.Str(b.String()), nil
	})
}

func itoa(i int) string {
	s, _ := python.Repr(nil, python.Int(i))
	return s
}

// copyContainers is deepcopy for the plain containers of saved param
// groups (dicts, lists, tuples of numbers, strings and None); other values
// are shared, as immutable ones would be by copy.deepcopy.
func copyContainers(th *python.Thread, v python.Value) (python.Value, error) {
	switch x := v.(type) {
	case *python.Dict:
		keys, vals := x.Items()
		for i, v := range vals {
			c, err := copyContainers(th, v)
			if err != nil {
				return nil, err
			}
			vals[i] = c
		}
		out, err := dictOf(th, keys, vals)
		if err != nil {
			return nil, err
		}
		out.Class = x.Class
		return out, nil
	case *python.List:
		out := make([]python.Value, len(x.Items))
		for i, e := range x.Items {
			c, err := copyContainers(th, e)
			if err != nil {
				return nil, err
			}
			out[i] = c
		}
		return python.NewList(out), nil
	case python.Tuple:
		out := make(python.Tuple, len(x))
		for i, e := range x {
			c, err := copyContainers(th, e)
			if err != nil {
				return nil, err
			}
			out[i] = c
		}
		return out, nil
	}
	return v, nil
}

// dictOf is a new dict of keys and their values, in order, which it
// keeps (vals is the caller's no more). When the keys are all str (a param
// group's, a parameter's state's) it shares a kept template of them
// (python.Dict.ShareKeys), so the dict costs one allocation, not two or
// more.
func dictOf(th *python.Thread, keys, vals []python.Value) (*python.Dict, error) {
	d := python.NewDict()
	var buf [16]string
	if len(keys) > 0 && len(keys) <= len(buf) {
		names := buf[:0]
		for _, k := range keys {
			if s, ok := k.(python.Str); ok {
				names = append(names, string(s))
			}
		}
		if len(names) == len(keys) {
			if tmpl := cachedKeysTemplate(names); tmpl != nil {
				d.ShareKeys(tmpl.dict, vals)
				return d, nil
			}
		}
	}
	d.Reserve(len(keys))
	for i, k := range keys {
		if err := d.Set(th, k, vals[i]); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// newStateDict is an optimizer's state: defaultdict(dict), as PyTorch's.
func newStateDict() *python.Dict {
	d := python.NewDict()
	initStateDict(d)
	return d
}

// initStateDict makes the empty dict d an optimizer's state.
func initStateDict(d *python.Dict) {
	d.Class = python.DefaultDictClass
	d.Default = python.DictClass
}

// stepWithClosure is step(closure): the closure recomputes the loss with
// autograd on, and step returns it.
func (o *Optimizer) stepWithClosure(th *python.Thread, args python.Args) (python.Value, error) {
	var closure python.Value = python.None
	if err := python.UnpackArgs("step", args, "closure?", &closure); err != nil {
		return nil, err
	}
	var loss python.Value = python.None
	if closure != python.None {
		c := rt(th).ctx
		saved := c.GradEnabled
		c.GradEnabled = true
		r, err := python.Call(th, closure, python.Args{})
		c.GradEnabled = saved
		if err != nil {
			return nil, err
		}
		loss = r
	}
	return loss, o.step(th)
}

// zeroGradArg reads zero_grad's set_to_none argument.
func zeroGradArg(args python.Args) (bool, error) {
	setToNone := true
	err := python.UnpackArgs("zero_grad", args, "set_to_none?", &setToNone)
	return setToNone, err
}
