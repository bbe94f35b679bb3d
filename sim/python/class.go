package python

import (
	"fmt"
	"reflect"
	"sort"
	"sync/atomic"
	"unsafe"
)

// classAttrEpoch counts changes to any class's attributes, so caches of
// method lookups (Attribute.mval) know when to look again.
var classAttrEpoch atomic.Uint64

// frozenAttrEpoch counts changes to frozen classes' attributes (Go code
// may still define one after freezing; learner code cannot), so the
// lookup caches of frozen classes know when to start again.
var frozenAttrEpoch atomic.Uint64

// Class is a Python class: a builtin type (int, list, ...), a class defined in
// Go by a simulator module (torch.nn.Linear), or a class the learner wrote.
// All three look alike to the evaluator: attributes and operator methods are
// found by walking MRO and looking names up in each class's attributes.
//
// Go code builds a class with NewClass, fills it with SetMethod, SetProperty
// and Set, and may give it Go hooks (New, GetAttrHook, SetAttrHook). Classes
// built in Go are shared by every run, so they are frozen: learner code
// cannot assign attributes on them.
type Class struct {
	Name   string
	Module string // "builtins" for builtin types; shown in reprs of classes
	Bases  []*Class
	MRO    []*Class // the class itself first

	attrs map[string]Value
	order []string // attribute names in definition order

	// New creates an uninitialised instance of cls (a subclass of the class
	// that defines it), like CPython's __new__. The first class in the MRO
	// that has one makes the instance; then __init__ runs on it.
	New func(t *Thread, cls *Class, args Args) (Value, error)

	// GetAttrHook, when set, runs when normal attribute lookup fails (like
	// __getattr__): it returns (nil, nil) to let the AttributeError happen.
	GetAttrHook func(t *Thread, self Value, name string) (Value, error)
	// SetAttrHook, when set, replaces the default attribute assignment on
	// instances (like __setattr__). It may call SetAttrDefault.
	SetAttrHook func(t *Thread, self Value, name string, v Value) error
	// DelAttrHook, when set, replaces the default attribute deletion.
	DelAttrHook func(t *Thread, self Value, name string) error

	// plainAttrs: a learner class whose MRO holds only learner classes and
	// object and no properties, so an instance's own dict can be consulted
	// before the class (no data descriptor can take precedence).
	plainAttrs bool

	// lookups caches what Lookup answered for a frozen class whose MRO
	// is all frozen (see lookupFrozen). It is shared by every run, so it
	// is never changed, only replaced.
	lookups atomic.Pointer[lookupCache]

	frozen     bool
	isBuiltin  bool // defined in Go (not by the learner)
	exceptBase bool // a subclass of BaseException
	hasDict    bool // instances carry a __dict__
}

func (*Class) Type() *Class { return TypeClass }

// NewClass returns a Go-defined class with the given bases (object when none).
// Its module is "builtins" until the caller sets Module.
func NewClass(name string, bases ...*Class) *Class {
	if len(bases) == 0 && ObjectClass != nil {
		bases = []*Class{ObjectClass}
	}
	c := &Class{Name: name, Module: "builtins", Bases: bases, attrs: map[string]Value{}, isBuiltin: true}
	mro, err := c3(c)
	if err != nil {
		panic(fmt.Sprintf("python.NewClass(%s): %v", name, err))
	}
	c.MRO = mro
	c.inherit()
	return c
}

// inherit copies Go hooks and flags from the bases.
func (c *Class) inherit() {
	for _, b := range c.MRO[1:] {
		if c.New == nil {
			c.New = b.New
		}
		if c.GetAttrHook == nil {
			c.GetAttrHook = b.GetAttrHook
		}
		if c.SetAttrHook == nil {
			c.SetAttrHook = b.SetAttrHook
		}
		if c.DelAttrHook == nil {
			c.DelAttrHook = b.DelAttrHook
		}
		if b.exceptBase {
			c.exceptBase = true
		}
		if b.hasDict {
			c.hasDict = true
		}
	}
	if c == BaseExceptionClass {
		c.exceptBase = true
	}
}

// Freeze makes a Go-defined class immutable to learner code. Classes are
// shared across runs, so every Go module freezes its classes once built.
func (c *Class) Freeze() { c.frozen = true }

// Set defines a class attribute.
func (c *Class) Set(name string, v Value) {
	if _, ok := v.(*Property); ok {
		c.plainAttrs = false
	}
	if _, ok := c.attrs[name]; !ok {
		c.order = append(c.order, name)
	}
	c.attrs[name] = v
	classAttrEpoch.Add(1)
	if c.frozen {
		frozenAttrEpoch.Add(1)
	}
}

// Get returns the class's own attribute (not inherited).
func (c *Class) Get(name string) (Value, bool) {
	v, ok := c.attrs[name]
	return v, ok
}

// Lookup finds name along the MRO, returning nil when absent.
func (c *Class) Lookup(name string) Value {
	if c.frozen {
		if lc := c.lookups.Load(); lc != nil && lc.epoch == frozenAttrEpoch.Load() {
			p := unsafe.StringData(name)
			if e := &lc.byAddr[lookupSlot(p)]; e.p == p && e.n == len(name) && p != nil {
				return e.v
			}
			if v, ok := lc.found[name]; ok {
				return v
			}
		}
		return c.lookupFrozen(name)
	}
	return c.lookupMRO(name)
}

func (c *Class) lookupMRO(name string) Value {
	for _, k := range c.MRO {
		if v, ok := k.attrs[name]; ok {
			return v
		}
	}
	return nil
}

// lookupCache is what Lookup found for some names on a frozen class
// (nil for absent ones), valid while frozenAttrEpoch is epoch.
type lookupCache struct {
	epoch uint64
	found map[string]Value
	// byAddr holds some of found's answers by where their name's bytes
	// are: a name Go code looks up is a constant, the very bytes it was
	// first looked up with, and a program's names are its nodes' (a
	// cached program is parsed once), so most look-ups are answered by
	// comparing an address, without hashing the name.
	byAddr [lookupSlots]addrLookup
}

// addrLookup is a look-up's answer v for the name of n bytes at p.
type addrLookup struct {
	p *byte
	n int
	v Value
}

const lookupSlots = 16

// lookupSlot is where byAddr keeps a name whose bytes are at p.
func lookupSlot(p *byte) int {
	a := uintptr(unsafe.Pointer(p))
	return int((a ^ a>>5 ^ a>>11) & (lookupSlots - 1))
}

// maxCachedLookups bounds a class's lookup cache: a program that asks
// for endless made-up names (getattr in a loop) cannot grow it.
const maxCachedLookups = 128

// lookupFrozen looks name up along a frozen class's MRO and, when every
// class in it is frozen, adds the answer to the class's cache: a method
// of a base (nn.Module's __call__ on a Linear) or an absent name
// (__hash__ on a tensor) is then one map lookup instead of one per class.
// Two runs adding at once may lose one's entry; it is added again later.
func (c *Class) lookupFrozen(name string) Value {
	epoch := frozenAttrEpoch.Load() // before the walk: a change during it makes the entry stale
	v := c.lookupMRO(name)
	for _, k := range c.MRO {
		if !k.frozen {
			return v
		}
	}
	old := c.lookups.Load()
	lc := &lookupCache{epoch: epoch, found: map[string]Value{}}
	if old != nil && old.epoch == epoch {
		if len(old.found) >= maxCachedLookups {
			return v
		}
		lc.found = make(map[string]Value, len(old.found)+1)
		for k, x := range old.found {
			lc.found[k] = x
		}
		lc.byAddr = old.byAddr
	}
	lc.found[name] = v
	// A slot keeps the first name that came to it.
	if p := unsafe.StringData(name); p != nil && lc.byAddr[lookupSlot(p)].p == nil {
		lc.byAddr[lookupSlot(p)] = addrLookup{p, len(name), v}
	}
	c.lookups.Store(lc)
	return v
}

// Names returns the class's own attribute names in definition order.
func (c *Class) Names() []string { return append([]string(nil), c.order...) }

// SetMethod defines a method implemented in Go. fn receives the instance as
// self and the call's other arguments. fn must not keep args.Pos (or a
// slice of it) past the call: a method call passes a slice of the calling
// frame that is reused (see callBorrowed); copy what has to outlive it.
//
// A method that indexes past the arguments it was given (called with too
// few) raises TypeError rather than failing the run with an internal error.
func (c *Class) SetMethod(name string, fn func(t *Thread, self Value, args Args) (Value, error)) {
	qual := c.Name + "." + name
	c.Set(name, &Builtin{Name: name, Owner: c, Fn: guarded(qual, fn)})
}

// guarded is fn behind arityGuard: a Go function that reads an argument
// past those given raises TypeError instead of failing the run.
func guarded(name string, fn func(t *Thread, self Value, args Args) (Value, error)) func(t *Thread, self Value, args Args) (Value, error) {
	return func(t *Thread, self Value, args Args) (v Value, err error) {
		returned := false
		defer func() {
			if !returned {
				arityGuard(recover(), &v, &err, name, len(args.Pos))
			}
		}()
		v, err = fn(t, self, args)
		returned = true
		return v, err
	}
}

// SetStaticMethod defines a method that receives no self (like @staticmethod).
func (c *Class) SetStaticMethod(name string, fn func(t *Thread, args Args) (Value, error)) {
	c.Set(name, &StaticMethod{Func: &Builtin{Name: name, Owner: c, Fn: guarded(name, func(t *Thread, _ Value, args Args) (Value, error) {
		return fn(t, args)
	})}})
}

// SetClassMethod defines a method that receives the class as self.
func (c *Class) SetClassMethod(name string, fn func(t *Thread, cls *Class, args Args) (Value, error)) {
	c.Set(name, &ClassMethod{Func: &Builtin{Name: name, Owner: c, Fn: guarded(name, func(t *Thread, self Value, args Args) (Value, error) {
		return fn(t, self.(*Class), args)
	})}})
}

// SetProperty defines an attribute computed in Go. set may be nil for a
// read-only attribute (assignment then raises AttributeError as CPython does).
func (c *Class) SetProperty(name string, get func(t *Thread, self Value) (Value, error), set func(t *Thread, self Value, v Value) error) {
	c.Set(name, &Property{Name: name, Owner: c, GoGet: get, GoSet: set})
}

// IsSubclass reports whether c is sub (or a subclass of it).
func (c *Class) IsSubclass(sup *Class) bool {
	for _, k := range c.MRO {
		if k == sup {
			return true
		}
	}
	return false
}

// QualName is the name shown in reprs: "module.Name", or "Name" for builtins.
func (c *Class) QualName() string {
	if c.Module == "builtins" || c.Module == "" {
		return c.Name
	}
	return c.Module + "." + c.Name
}

// c3 computes the C3 linearisation of c's bases, as CPython does.
func c3(c *Class) ([]*Class, error) {
	var seqs [][]*Class
	for _, b := range c.Bases {
		seqs = append(seqs, append([]*Class(nil), b.MRO...))
	}
	seqs = append(seqs, append([]*Class(nil), c.Bases...))
	out := []*Class{c}
	for {
		empty := true
		for _, s := range seqs {
			if len(s) > 0 {
				empty = false
			}
		}
		if empty {
			return out, nil
		}
		var next *Class
	search:
		for _, s := range seqs {
			if len(s) == 0 {
				continue
			}
			cand := s[0]
			for _, s2 := range seqs {
				if len(s2) == 0 {
					continue
				}
				for _, k := range s2[1:] {
					if k == cand {
						continue search
					}
				}
			}
			next = cand
			break
		}
		if next == nil {
			names := []string{}
			for _, b := range c.Bases {
				names = append(names, b.Name)
			}
			sort.Strings(names)
			return nil, fmt.Errorf("Cannot create a consistent method resolution order (MRO) for bases %s", joinStrings(names, ", "))
		}
		out = append(out, next)
		for i, s := range seqs {
			if len(s) > 0 && s[0] == next {
				seqs[i] = s[1:]
			}
		}
	}
}

func joinStrings(ss []string, sep string) string {
	n := ""
	for i, s := range ss {
		if i > 0 {
			n += sep
		}
		n += s
	}
	return n
}

// Builtin is a function or method implemented in Go. A method found through
// an instance is bound: Self is set and passed to Fn.
type Builtin struct {
	Name  string
	Owner *Class // the class defining the method, nil for a plain function
	Fn    func(t *Thread, self Value, args Args) (Value, error)
	Self  Value // bound instance; nil when unbound

	// readsArgs: Fn keeps no part of args.Pos past the call, so a caller
	// may pass a slice it reuses (the builtins module's functions and
	// every module's SetFunc functions).
	readsArgs bool
}

func (b *Builtin) Type() *Class {
	if b.Owner != nil && b.Self == nil {
		return MethodDescriptorClass
	}
	return BuiltinFunctionClass
}

// NewBuiltin returns a Go function callable from Python under name.
func NewBuiltin(name string, fn func(t *Thread, args Args) (Value, error)) *Builtin {
	return &Builtin{Name: name, Fn: guarded(name, func(t *Thread, _ Value, args Args) (Value, error) {
		return fn(t, args)
	})}
}

// Property is a computed attribute: a Go getter/setter pair, or the fget and
// fset functions of Python's @property.
type Property struct {
	Name       string
	Owner      *Class
	GoGet      func(t *Thread, self Value) (Value, error)
	GoSet      func(t *Thread, self Value, v Value) error
	FGet, FSet Value
	FDel       Value
	Doc        Value
}

func (*Property) Type() *Class { return PropertyClass }

// StaticMethod wraps a function so it is not bound to instances.
type StaticMethod struct{ Func Value }

func (*StaticMethod) Type() *Class { return StaticMethodClass }

// ClassMethod wraps a function so it is bound to the class.
type ClassMethod struct{ Func Value }

func (*ClassMethod) Type() *Class { return ClassMethodClass }

// Method is a Python function bound to an instance.
type Method struct {
	Func Value
	Self Value
}

func (*Method) Type() *Class { return MethodClass }

// Kwarg is one keyword argument of a call.
type Kwarg struct {
	Name  string
	Value Value
}

// Args are a call's positional and keyword arguments.
type Args struct {
	Pos []Value
	Kw  []Kwarg
}

// PosArgs returns Args holding only positional arguments.
func PosArgs(vs ...Value) Args { return Args{Pos: vs} }

// Kwarg returns the keyword argument called name, or nil.
func (a Args) Kwarg(name string) Value {
	for _, k := range a.Kw {
		if k.Name == name {
			return k.Value
		}
	}
	return nil
}

// isObjectNew reports whether f is object's New (instances get no
// constructor arguments beyond what __init__ takes).
func isObjectNew(f func(t *Thread, cls *Class, args Args) (Value, error)) bool {
	return f != nil && reflect.ValueOf(f).Pointer() == reflect.ValueOf(ObjectClass.New).Pointer()
}
