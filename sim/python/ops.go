package python

import (
	"fmt"
	"hash/fnv"
	"math"
	"reflect"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Op is a binary or comparison operator.
type Op uint8

const (
	Add Op = iota
	Sub
	Mul
	MatMul
	TrueDiv
	FloorDiv
	Mod
	Pow
	LShift
	RShift
	And
	Or
	Xor
	Eq
	Ne
	Lt
	Le
	Gt
	Ge
)

var opSymbols = [...]string{"+", "-", "*", "@", "/", "//", "%", "**", "<<", ">>", "&", "|", "^", "==", "!=", "<", "<=", ">", ">="}
var opMethods = [...]string{"add", "sub", "mul", "matmul", "truediv", "floordiv", "mod", "pow", "lshift", "rshift", "and", "or", "xor", "eq", "ne", "lt", "le", "gt", "ge"}

// The special methods of each operator, spelled once: __add__, __radd__,
// __iadd__.
var opDunders, opRDunders, opIDunders = func() (d, r, i [len(opMethods)]string) {
	for op, m := range opMethods {
		d[op], r[op], i[op] = "__"+m+"__", "__r"+m+"__", "__i"+m+"__"
	}
	return
}()

func (op Op) String() string { return opSymbols[op] }

// typeName is the name CPython uses for v's type in messages.
func typeName(v Value) string { return v.Type().Name }

func isPointer(v Value) bool {
	return reflect.ValueOf(v).Kind() == reflect.Pointer
}

// ---- attributes ----

// GetAttr returns v.name, following Python's lookup rules: data descriptors
// on the class, then the instance dict, then the class (binding functions
// into methods), then __getattr__ (or the class's GetAttrHook).
func GetAttr(t *Thread, v Value, name string) (Value, error) {
	switch x := v.(type) {
	case *Module:
		if r, ok, err := t.moduleAttr(x, name); ok || err != nil {
			return r, err
		}
		e := Errorf(AttributeErrorClass, "module '%s' has no attribute '%s'", x.Name, name)
		e.dict.SetStr("name", Str(name))
		e.dict.SetStr("obj", x)
		return nil, e
	case *Class:
		return classGetAttr(t, x, name)
	case *superObj:
		return x.getAttr(t, name)
	}
	cls := v.Type()
	if o, ok := v.(*Object); ok && cls.plainAttrs {
		if r, ok := o.dict.GetStr(name); ok {
			return r, nil
		}
	}
	d := cls.Lookup(name)
	if p, ok := d.(*Property); ok {
		return p.get(t, v)
	}
	if hd, ok := v.(HasDict); ok {
		if dict := hd.Dict(); dict != nil {
			if r, ok := dict.GetStr(name); ok {
				return r, nil
			}
		}
	}
	if d != nil {
		return bind(d, v, cls), nil
	}
	if r, err := specialAttr(t, v, name); r != nil || err != nil {
		return r, err
	}
	if strings.HasPrefix(name, "__") {
		if b := builtinDunder(v, name); b != nil {
			return b, nil
		}
	}
	if ga := cls.Lookup("__getattr__"); ga != nil {
		r, err := Call(t, bind(ga, v, cls), PosArgs(Str(name)))
		return r, err
	}
	if cls.GetAttrHook != nil {
		r, err := cls.GetAttrHook(t, v, name)
		if r != nil || err != nil {
			return r, err
		}
	}
	return nil, attributeError(v, name)
}

// attributeError is CPython's "'T' object has no attribute 'x'", carrying
// name and obj so the traceback can suggest a close name.
func attributeError(v Value, name string) *Exception {
	e := Errorf(AttributeErrorClass, "'%s' object has no attribute '%s'", typeName(v), name)
	e.dict.SetStr("name", Str(name))
	e.dict.SetStr("obj", v)
	return e
}

// specialAttr handles the few attributes every object has.
func specialAttr(t *Thread, v Value, name string) (Value, error) {
	switch name {
	case "__class__":
		return v.Type(), nil
	case "__dict__":
		if hd, ok := v.(HasDict); ok && hd.Dict() != nil {
			return hd.Dict(), nil
		}
	case "__name__", "__qualname__", "__module__", "__wrapped__":
		switch f := v.(type) {
		case *Function:
			switch name {
			case "__qualname__":
				return Str(f.QualName), nil
			case "__module__":
				return Str("__main__"), nil
			case "__wrapped__":
				return nil, nil
			}
			return Str(f.Name), nil
		case *Builtin:
			return Str(f.Name), nil
		case *Method:
			return specialAttr(t, f.Func, name)
		}
	case "__suppress_context__":
		if e, ok := v.(*Exception); ok {
			return Bool(e.SuppressContext), nil
		}
	case "__traceback__":
		if _, ok := v.(*Exception); ok {
			return None, nil
		}
	case "__notes__":
		if e, ok := v.(*Exception); ok && len(e.notes) > 0 {
			l := make([]Value, len(e.notes))
			for i, n := range e.notes {
				l[i] = Str(n)
			}
			return NewList(l), nil
		}
	case "__doc__":
		switch f := v.(type) {
		case *Function:
			return f.Doc, nil
		case *Method:
			return specialAttr(t, f.Func, name)
		}
		return None, nil
	case "__self__":
		if m, ok := v.(*Method); ok {
			return m.Self, nil
		}
	case "__func__":
		if m, ok := v.(*Method); ok {
			return m.Func, nil
		}
	case "__defaults__":
		if f, ok := v.(*Function); ok {
			if len(f.Defaults) == 0 {
				return None, nil
			}
			return append(Tuple(nil), f.Defaults...), nil
		}
	}
	return nil, nil
}

// bind turns a class attribute into what instance.attr returns.
func bind(d Value, self Value, cls *Class) Value {
	switch f := d.(type) {
	case *Function:
		return &Method{Func: f, Self: self}
	case *Builtin:
		if f.Owner != nil && f.Self == nil {
			return &Builtin{Name: f.Name, Owner: f.Owner, Fn: f.Fn, Self: self}
		}
	case *StaticMethod:
		return f.Func
	case *ClassMethod:
		return bindClass(f.Func, cls)
	}
	return d
}

func bindClass(fn Value, cls *Class) Value {
	if b, ok := fn.(*Builtin); ok {
		return &Builtin{Name: b.Name, Owner: b.Owner, Fn: b.Fn, Self: cls}
	}
	return &Method{Func: fn, Self: cls}
}

// propertyAt returns the property GetAttr(v, a.Name) reads, when v is a Go
// value (whose attributes GetAttr looks up on its class first) and its
// class has one under that name; nil otherwise. What it found is kept in a
// for the next value of the same class, valid as lookupMethod's is.
func propertyAt(v Value, a *Attribute) *Property {
	switch v.(type) {
	case *Module, *Class, *superObj, *Object:
		return nil // GetAttr's cases that look elsewhere first
	}
	cls := v.Type()
	epoch := classAttrEpoch.Load()
	if cls.frozen {
		epoch = frozenAttrEpoch.Load()
	}
	if a.pcls != cls || a.pepoch != epoch {
		p, _ := cls.Lookup(a.Name).(*Property)
		a.pcls, a.pepoch, a.pprop = cls, epoch, p
	}
	return a.pprop
}

func (p *Property) get(t *Thread, self Value) (Value, error) {
	if p.GoGet != nil {
		return p.GoGet(t, self)
	}
	if p.FGet == nil || p.FGet == None {
		return nil, Errorf(AttributeErrorClass, "property '%s' of '%s' object has no getter", p.Name, typeName(self))
	}
	return Call(t, p.FGet, PosArgs(self))
}

func classGetAttr(t *Thread, c *Class, name string) (Value, error) {
	for _, k := range c.MRO {
		if d, ok := k.attrs[name]; ok {
			switch f := d.(type) {
			case *StaticMethod:
				return f.Func, nil
			case *ClassMethod:
				return bindClass(f.Func, c), nil
			}
			return d, nil
		}
	}
	switch name {
	case "__name__":
		return Str(c.Name), nil
	case "__qualname__":
		return Str(c.Name), nil
	case "__module__":
		return Str(c.Module), nil
	case "__mro__":
		t := make(Tuple, len(c.MRO))
		for i, k := range c.MRO {
			t[i] = k
		}
		return t, nil
	case "__bases__":
		t := make(Tuple, len(c.Bases))
		for i, k := range c.Bases {
			t[i] = k
		}
		return t, nil
	case "__base__":
		if len(c.Bases) > 0 {
			return c.Bases[0], nil
		}
		return None, nil
	case "__dict__":
		d := NewDict()
		for _, n := range c.order {
			d.setStr(n, nil, c.attrs[n])
		}
		return d, nil
	case "__class__":
		return TypeClass, nil
	case "__doc__":
		return None, nil
	case "mro":
		return &Builtin{Name: "mro", Fn: func(t *Thread, _ Value, args Args) (Value, error) {
			l := make([]Value, len(c.MRO))
			for i, k := range c.MRO {
				l[i] = k
			}
			return NewList(l), nil
		}}, nil
	}
	e := Errorf(AttributeErrorClass, "type object '%s' has no attribute '%s'", c.Name, name)
	e.dict.SetStr("name", Str(name))
	e.dict.SetStr("obj", c)
	return nil, e
}

// SetAttr performs v.name = x, honouring property setters, a learner's
// __setattr__ and a Go class's SetAttrHook.
func SetAttr(t *Thread, v Value, name string, x Value) error {
	cls := v.Type()
	if sa := cls.Lookup("__setattr__"); sa != nil && sa != objectSetattr {
		_, err := Call(t, bind(sa, v, cls), PosArgs(Str(name), x))
		return err
	}
	if cls.SetAttrHook != nil {
		return cls.SetAttrHook(t, v, name, x)
	}
	return SetAttrDefault(t, v, name, x)
}

// SetAttrDefault is object.__setattr__: property setters, else the instance
// dict. Go SetAttrHooks call it for attributes they do not handle.
func SetAttrDefault(t *Thread, v Value, name string, x Value) error {
	switch o := v.(type) {
	case *Class:
		if o.frozen {
			return Errorf(TypeErrorClass, "cannot set '%s' attribute of immutable type '%s'", name, o.Name)
		}
		o.Set(name, x)
		return nil
	case *Module:
		o.dict.setStr(name, nil, x)
		return nil
	}
	cls := v.Type()
	if p, ok := cls.Lookup(name).(*Property); ok {
		if p.GoSet != nil {
			return p.GoSet(t, v, x)
		}
		if p.FSet != nil && p.FSet != None {
			_, err := Call(t, p.FSet, PosArgs(v, x))
			return err
		}
		if p.GoGet != nil && cls.isBuiltin {
			if p.Owner != nil && p.Owner.isBuiltin && cls == p.Owner {
				return Errorf(AttributeErrorClass, "attribute '%s' of '%s' objects is not writable", name, p.Owner.Name)
			}
		}
		return Errorf(AttributeErrorClass, "property '%s' of '%s' object has no setter", name, cls.Name)
	}
	if hd, ok := v.(HasDict); ok && hd.Dict() != nil {
		hd.Dict().setStr(name, nil, x)
		return nil
	}
	if cls.Lookup(name) != nil {
		return Errorf(AttributeErrorClass, "'%s' object attribute '%s' is read-only", cls.Name, name)
	}
	e := Errorf(AttributeErrorClass, "'%s' object has no attribute '%s'", cls.Name, name)
	e.dict.SetStr("name", Str(name))
	e.dict.SetStr("obj", v)
	return e
}

// DelAttr performs del v.name.
func DelAttr(t *Thread, v Value, name string) error {
	cls := v.Type()
	if da := cls.Lookup("__delattr__"); da != nil {
		_, err := Call(t, bind(da, v, cls), PosArgs(Str(name)))
		return err
	}
	if cls.DelAttrHook != nil {
		return cls.DelAttrHook(t, v, name)
	}
	return DelAttrDefault(t, v, name)
}

// DelAttrDefault is object.__delattr__.
func DelAttrDefault(t *Thread, v Value, name string) error {
	if c, ok := v.(*Class); ok {
		if c.frozen {
			return Errorf(TypeErrorClass, "cannot set '%s' attribute of immutable type '%s'", name, c.Name)
		}
		if _, ok := c.attrs[name]; ok {
			delete(c.attrs, name)
			classAttrEpoch.Add(1)
			for i, n := range c.order {
				if n == name {
					c.order = append(c.order[:i:i], c.order[i+1:]...)
					break
				}
			}
			return nil
		}
		return Errorf(AttributeErrorClass, "type object '%s' has no attribute '%s'", c.Name, name)
	}
	if p, ok := v.Type().Lookup(name).(*Property); ok {
		if p.FDel != nil && p.FDel != None {
			_, err := Call(t, p.FDel, PosArgs(v))
			return err
		}
		return Errorf(AttributeErrorClass, "property '%s' of '%s' object has no deleter", name, typeName(v))
	}
	if hd, ok := v.(HasDict); ok && hd.Dict() != nil {
		if ok, _ := hd.Dict().Delete(t, Str(name)); ok {
			return nil
		}
	}
	return attributeError(v, name)
}

// HasAttr reports whether getattr(v, name) succeeds; other errors propagate.
func HasAttr(t *Thread, v Value, name string) (bool, error) {
	_, err := GetAttr(t, v, name)
	if err == nil {
		return true, nil
	}
	if isException(err, AttributeErrorClass) {
		return false, nil
	}
	return false, err
}

// CallMethod calls v.name(*args).
func CallMethod(t *Thread, v Value, name string, args Args) (Value, error) {
	if r, ok, err := callClassMethod(t, v, name, args); ok {
		return r, err
	}
	m, err := GetAttr(t, v, name)
	if err != nil {
		return nil, err
	}
	return Call(t, m, args)
}

// callClassMethod calls v.name(*args) when name is a plain method of v's
// class (a learner function or a Go method) that v's own attributes do not
// shadow: what GetAttr then Call would do, without binding the method. ok
// is false, and nothing is called, for any other attribute.
func callClassMethod(t *Thread, v Value, name string, args Args) (r Value, ok bool, err error) {
	switch v.(type) {
	case *Module, *Class, *superObj:
		return nil, false, nil
	}
	d := v.Type().Lookup(name)
	switch m := d.(type) {
	case *Function:
	case *Builtin:
		if m.Owner == nil || m.Self != nil {
			return nil, false, nil
		}
	default:
		return nil, false, nil
	}
	if hd, isHD := v.(HasDict); isHD {
		if dict := hd.Dict(); dict != nil {
			if _, shadow := dict.GetStr(name); shadow {
				return nil, false, nil
			}
		}
	}
	if f, isFunc := d.(*Function); isFunc {
		r, err = t.callFunction(f, v, args)
	} else {
		r, err = d.(*Builtin).Fn(t, v, args)
	}
	return r, true, err
}

// callSpecial calls a dunder method found on the class; ok is false when the
// class does not define it.
func callSpecial(t *Thread, v Value, name string, args ...Value) (Value, bool, error) {
	cls := v.Type()
	d := cls.Lookup(name)
	if d == nil {
		return nil, false, nil
	}
	switch f := d.(type) {
	case *Builtin:
		r, err := f.Fn(t, v, Args{Pos: args})
		return r, true, err
	case *Function:
		r, err := t.callFunction(f, v, Args{Pos: args})
		return r, true, err
	}
	r, err := Call(t, bind(d, v, cls), Args{Pos: args})
	return r, true, err
}

// ---- calling ----

// Call calls fn with args, as fn(*args.Pos, **args.Kw).
func Call(t *Thread, fn Value, args Args) (Value, error) {
	switch f := fn.(type) {
	case *Function:
		return t.callFunction(f, nil, args)
	case *Builtin:
		if f.Owner != nil && f.Self == nil {
			// An unbound Go method called as Class.method(self, ...).
			if len(args.Pos) == 0 {
				return nil, Errorf(TypeErrorClass, "unbound method %s.%s() needs an argument", f.Owner.Name, f.Name)
			}
			return f.Fn(t, args.Pos[0], Args{Pos: args.Pos[1:], Kw: args.Kw})
		}
		return f.Fn(t, f.Self, args)
	case *Method:
		if pf, ok := f.Func.(*Function); ok {
			return t.callFunction(pf, f.Self, args)
		}
		pos := make([]Value, 0, len(args.Pos)+1)
		pos = append(pos, f.Self)
		pos = append(pos, args.Pos...)
		return Call(t, f.Func, Args{Pos: pos, Kw: args.Kw})
	case *Class:
		return t.instantiate(f, args)
	}
	// An instance with __call__: call it as a method, without binding it.
	cls := fn.Type()
	switch c := cls.Lookup("__call__").(type) {
	case nil:
	case *Function:
		return t.callFunction(c, fn, args)
	case *Builtin:
		if c.Owner != nil && c.Self == nil {
			return c.Fn(t, fn, args)
		}
		return Call(t, c, args)
	default:
		return Call(t, bind(c, fn, cls), args)
	}
	return nil, Errorf(TypeErrorClass, "'%s' object is not callable", typeName(fn))
}

// Call is Call on the thread, for Go modules: t.Call(lambda, PosArgs(Int(3))).
func (t *Thread) Call(fn Value, args Args) (Value, error) { return Call(t, fn, args) }

// instantiate calls a class: New makes the instance, then __init__ runs.
func (t *Thread) instantiate(cls *Class, args Args) (Value, error) {
	if cls == TypeClass && len(args.Pos) == 1 && len(args.Kw) == 0 {
		return args.Pos[0].Type(), nil
	}
	if cls.New == nil {
		return nil, Errorf(TypeErrorClass, "cannot create '%s' instances", cls.QualName())
	}
	obj, err := cls.New(t, cls, args)
	if err != nil {
		return nil, err
	}
	if obj == nil || !obj.Type().IsSubclass(cls) {
		return obj, nil
	}
	init := cls.Lookup("__init__")
	if init == nil || init == objectInit {
		if isObjectNew(cls.New) && (len(args.Pos) > 0 || len(args.Kw) > 0) {
			return nil, Errorf(TypeErrorClass, "%s() takes no arguments", cls.Name)
		}
		return obj, nil
	}
	var r Value
	switch f := init.(type) {
	case *Function:
		r, err = t.callFunction(f, obj, args)
	case *Builtin:
		r, err = f.Fn(t, obj, args)
	default:
		r, err = Call(t, bind(init, obj, cls), args)
	}
	if err != nil {
		return nil, err
	}
	if r != None {
		return nil, Errorf(TypeErrorClass, "__init__() should return None, not '%s'", typeName(r))
	}
	return obj, nil
}

// IsCallable reports whether v can be called.
func IsCallable(v Value) bool {
	switch v.(type) {
	case *Function, *Builtin, *Method, *Class:
		return true
	}
	return v.Type().Lookup("__call__") != nil
}

// ---- repr and str ----

// Repr returns repr(v).
func Repr(t *Thread, v Value) (string, error) {
	// Scalars need no builder (writeRepr would copy their repr into one).
	switch x := v.(type) {
	case NoneType:
		return "None", nil
	case Bool:
		if x {
			return "True", nil
		}
		return "False", nil
	case Int:
		return intRepr(x), nil
	case Float:
		return floatRepr(float64(x)), nil
	case Str:
		return strRepr(string(x)), nil
	}
	if reprBySpecial(v) {
		return reprSpecial(t, v)
	}
	var b strings.Builder
	err := writeRepr(t, &b, v, nil)
	return b.String(), err
}

// ToStr returns str(v).
func ToStr(t *Thread, v Value) (string, error) {
	switch x := v.(type) {
	case Str:
		return string(x), nil
	case Int, Float, Bool, NoneType, *BigInt:
		return Repr(t, v)
	}
	cls := v.Type()
	if m := cls.Lookup("__str__"); m != nil && m != objectStr {
		r, _, err := callSpecial(t, v, "__str__")
		if err != nil {
			return "", err
		}
		s, ok := r.(Str)
		if !ok {
			return "", Errorf(TypeErrorClass, "__str__ returned non-string (type %s)", typeName(r))
		}
		return string(s), nil
	}
	return Repr(t, v)
}

// reprNoThread is repr for contexts with no thread (Go error strings).
func reprNoThread(v Value) string {
	s, err := Repr(nil, v)
	if err != nil {
		return "<" + typeName(v) + ">"
	}
	return s
}

func strNoThread(v Value) string {
	if s, ok := v.(Str); ok {
		return string(s)
	}
	return reprNoThread(v)
}

type reprSeen []Value

func (s reprSeen) has(v Value) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func writeRepr(t *Thread, b *strings.Builder, v Value, seen reprSeen) error {
	switch v.(type) {
	case Tuple, *List, *Dict, *Set:
		if err := t.enterGo(" while getting the repr of an object"); err != nil {
			return err
		}
		defer t.leaveGo()
	}
	switch x := v.(type) {
	case NoneType:
		b.WriteString("None")
	case Bool:
		if x {
			b.WriteString("True")
		} else {
			b.WriteString("False")
		}
	case Int:
		b.WriteString(intRepr(x))
	case *BigInt:
		if err := checkStrDigits(x.b); err != nil {
			return err
		}
		b.WriteString(intRepr(x))
	case Float:
		b.WriteString(floatRepr(float64(x)))
	case Str:
		b.WriteString(strRepr(string(x)))
	case Bytes:
		b.WriteString(bytesRepr(string(x)))
	case Tuple:
		b.WriteByte('(')
		for i, e := range x {
			if i > 0 {
				b.WriteString(", ")
			}
			if err := writeRepr(t, b, e, seen); err != nil {
				return err
			}
		}
		if len(x) == 1 {
			b.WriteByte(',')
		}
		b.WriteByte(')')
	case *List:
		if overridden(x, "__repr__") {
			return writeReprSpecial(t, b, v)
		}
		if seen.has(x) {
			b.WriteString("[...]")
			return nil
		}
		seen = append(seen, x)
		b.WriteByte('[')
		for i, e := range x.Items {
			if i > 0 {
				b.WriteString(", ")
			}
			if err := writeRepr(t, b, e, seen); err != nil {
				return err
			}
		}
		b.WriteByte(']')
	case *Dict:
		if seen.has(x) {
			b.WriteString("{...}")
			return nil
		}
		seen = append(seen, x)
		cls := x.Type()
		if m := cls.Lookup("__repr__"); cls != DictClass && m != nil && m != objectRepr {
			return writeReprSpecial(t, b, v)
		}
		// dict's own subclasses print as dict does; defaultdict and
		// OrderedDict (and their subclasses) name their class.
		suffix := ""
		switch {
		case cls.IsSubclass(DefaultDictClass):
			b.WriteString(cls.Name + "(")
			if x.Default == nil || x.Default == None {
				b.WriteString("None")
			} else if err := writeRepr(t, b, x.Default, seen); err != nil {
				return err
			}
			b.WriteString(", ")
			suffix = ")"
		case cls.IsSubclass(OrderedDictClass):
			b.WriteString(cls.Name + "(")
			if x.n == 0 {
				b.WriteString(")")
				return nil
			}
			suffix = ")"
		}
		b.WriteByte('{')
		first := true
		for i, k := range x.keys {
			if k == nil {
				continue
			}
			if !first {
				b.WriteString(", ")
			}
			first = false
			if err := writeRepr(t, b, k, seen); err != nil {
				return err
			}
			b.WriteString(": ")
			if err := writeRepr(t, b, x.vals[i], seen); err != nil {
				return err
			}
		}
		b.WriteByte('}')
		b.WriteString(suffix)
	case *Set:
		elems := x.iterOrder()
		if len(elems) == 0 {
			if x.Frozen {
				b.WriteString("frozenset()")
			} else {
				b.WriteString("set()")
			}
			return nil
		}
		if x.Frozen {
			b.WriteString("frozenset(")
		}
		b.WriteByte('{')
		for i, e := range elems {
			if i > 0 {
				b.WriteString(", ")
			}
			if err := writeRepr(t, b, e, seen); err != nil {
				return err
			}
		}
		b.WriteByte('}')
		if x.Frozen {
			b.WriteByte(')')
		}
	case *Class:
		b.WriteString("<class '" + x.QualName() + "'>")
	case *Function:
		b.WriteString(fmt.Sprintf("<function %s at 0x%012x>", x.QualName, threadID(t, x)))
	case *Builtin:
		if x.Self != nil && x.Owner != nil {
			if _, isCls := x.Self.(*Class); isCls {
				b.WriteString(fmt.Sprintf("<built-in method %s of type object at 0x%012x>", x.Name, threadID(t, x.Self)))
			} else {
				b.WriteString(fmt.Sprintf("<built-in method %s of %s object at 0x%012x>", x.Name, typeName(x.Self), threadID(t, x.Self)))
			}
		} else if x.Owner != nil {
			b.WriteString(fmt.Sprintf("<method '%s' of '%s' objects>", x.Name, x.Owner.Name))
		} else {
			b.WriteString(fmt.Sprintf("<built-in function %s>", x.Name))
		}
	case *Method:
		name := "?"
		if f, ok := x.Func.(*Function); ok {
			name = f.QualName
		}
		s, err := Repr(t, x.Self)
		if err != nil {
			return err
		}
		b.WriteString(fmt.Sprintf("<bound method %s of %s>", name, s))
	case *Module:
		// CPython 3.11+ freezes os, posixpath and io into the interpreter;
		// the others are built in here (CPython would name a file for some,
		// which would be a path on the learner's machine).
		how := "built-in"
		if frozenModules[x.Name] {
			how = "frozen"
		}
		b.WriteString("<module '" + x.Name + "' (" + how + ")>")
	case *Range:
		if x.Step == 1 {
			b.WriteString(fmt.Sprintf("range(%d, %d)", x.Start, x.Stop))
		} else {
			b.WriteString(fmt.Sprintf("range(%d, %d, %d)", x.Start, x.Stop, x.Step))
		}
	case *Slice:
		b.WriteString("slice(")
		for i, e := range []Value{x.Start, x.Stop, x.Step} {
			if i > 0 {
				b.WriteString(", ")
			}
			if err := writeRepr(t, b, e, seen); err != nil {
				return err
			}
		}
		b.WriteByte(')')
	case NotImplementedType:
		b.WriteString("NotImplemented")
	case EllipsisType:
		b.WriteString("Ellipsis")
	default:
		return writeReprSpecial(t, b, v)
	}
	return nil
}

func writeReprSpecial(t *Thread, b *strings.Builder, v Value) error {
	s, err := reprSpecial(t, v)
	if err != nil {
		return err
	}
	b.WriteString(s)
	return nil
}

// reprSpecial is the repr of a value writeRepr has no case for: its
// class's __repr__, or CPython's default <... object at 0x...>.
func reprSpecial(t *Thread, v Value) (string, error) {
	cls := v.Type()
	if m := cls.Lookup("__repr__"); m != nil && m != objectRepr {
		if t == nil {
			if e, ok := v.(*Exception); ok {
				return e.Type().Name + "(" + reprNoThread(e.Args) + ")", nil
			}
			return "<" + cls.Name + ">", nil
		}
		if t.depth > t.limits.Depth {
			return "", Errorf(RecursionErrorClass, "maximum recursion depth exceeded while getting the repr of an object")
		}
		r, _, err := callSpecial(t, v, "__repr__")
		if err != nil {
			return "", err
		}
		s, ok := r.(Str)
		if !ok {
			return "", Errorf(TypeErrorClass, "__repr__ returned non-string (type %s)", typeName(r))
		}
		return string(s), nil
	}
	if cls.Module == "" || cls.Module == "builtins" {
		return fmt.Sprintf("<%s object at 0x%012x>", cls.Name, threadID(t, v)), nil
	}
	return fmt.Sprintf("<%s.%s object at 0x%012x>", cls.Module, cls.Name, threadID(t, v)), nil
}

// reprBySpecial reports whether writeRepr leaves v to writeReprSpecial
// (its default case), so that Repr can return reprSpecial's string rather
// than copy it through a builder. Keep it in step with writeRepr's cases.
func reprBySpecial(v Value) bool {
	switch v.(type) {
	case NoneType, Bool, Int, *BigInt, Float, Str, Bytes, Tuple, *List, *Dict, *Set,
		*Class, *Function, *Builtin, *Method, *Module, *Range, *Slice, NotImplementedType, EllipsisType:
		return false
	}
	return true
}

func threadID(t *Thread, v Value) int64 {
	if t == nil {
		return 0x7f0000000000
	}
	return t.id(v)
}

// frozenModules are the simulator's modules CPython 3.12 reports as frozen.
var frozenModules = map[string]bool{"os": true, "posixpath": true, "io": true}

// strRepr returns repr(s).
func strRepr(s string) string {
	var stack [64]byte
	return string(AppendStrRepr(stack[:0], s))
}

// AppendStrRepr appends repr(s), Python's quoted and escaped form of the
// str s, to b.
func AppendStrRepr(b []byte, s string) []byte {
	q := byte('\'')
	if strings.IndexByte(s, '\'') >= 0 && strings.IndexByte(s, '"') < 0 {
		q = '"'
	}
	b = append(b, q)
	// The printable ASCII that needs no escape, usually all of s, is
	// appended at once.
	i := 0
	for i < len(s) && asIsInRepr(s[i], q) {
		i++
	}
	b = append(b, s[:i]...)
	for _, r := range s[i:] {
		switch {
		case r == rune(q) || r == '\\':
			b = append(b, '\\', byte(r))
		case r == '\n':
			b = append(b, `\n`...)
		case r == '\r':
			b = append(b, `\r`...)
		case r == '\t':
			b = append(b, `\t`...)
		case r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0:
			b = appendHexEscape(b, byte(r))
		case r == utf8.RuneError:
			b = append(b, `\ufffd`...)
		case r > 0x7f && !unicode.IsPrint(r):
			// CPython escapes what is not printable: other and separator
			// categories (Cc, Cf, Cs, Co, Cn, Zl, Zp, Zs but the space),
			// as unicode.IsPrint decides too.
			b = appendUnicodeEscape(b, r)
		default:
			b = utf8.AppendRune(b, r)
		}
	}
	return append(b, q)
}

// StrReprIsQuoted reports whether repr(s) is s between single quotes:
// every byte of s is one repr writes as it is.
func StrReprIsQuoted(s string) bool {
	for i := 0; i < len(s); i++ {
		if !asIsInRepr(s[i], '\'') {
			return false
		}
	}
	return true
}

// asIsInRepr reports whether repr writes the byte c as it is, between
// quotes q: printable ASCII but the quote and the backslash.
func asIsInRepr(c, q byte) bool {
	return c >= 0x20 && c < 0x7f && c != q && c != '\\'
}

// appendUnicodeEscape appends r as repr writes it: \xhh, \uhhhh or
// \Uhhhhhhhh.
func appendUnicodeEscape(b []byte, r rune) []byte {
	const digits = "0123456789abcdef"
	n := 8
	switch {
	case r < 0x100:
		return appendHexEscape(b, byte(r))
	case r < 0x10000:
		b = append(b, `\u`...)
		n = 4
	default:
		b = append(b, `\U`...)
	}
	for i := n - 1; i >= 0; i-- {
		b = append(b, digits[(r>>(4*i))&15])
	}
	return b
}

// appendHexEscape appends c as \xhh (what %02x would write, without fmt).
func appendHexEscape(b []byte, c byte) []byte {
	const digits = "0123456789abcdef"
	return append(b, '\\', 'x', digits[c>>4], digits[c&15])
}

func bytesRepr(s string) string {
	q := byte('\'')
	if strings.IndexByte(s, '\'') >= 0 && strings.IndexByte(s, '"') < 0 {
		q = '"'
	}
	var stack [64]byte
	b := append(stack[:0], 'b', q)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == q || c == '\\':
			b = append(b, '\\', c)
		case c == '\n':
			b = append(b, `\n`...)
		case c == '\r':
			b = append(b, `\r`...)
		case c == '\t':
			b = append(b, `\t`...)
		case c < 0x20 || c >= 0x7f:
			b = appendHexEscape(b, c)
		default:
			b = append(b, c)
		}
	}
	return string(append(b, q))
}

// ---- truth, length, hashing, equality ----

// Truth returns bool(v).
func Truth(t *Thread, v Value) (bool, error) {
	if overridden(v, "__bool__") || overridden(v, "__len__") {
		return truthSpecial(t, v)
	}
	switch x := v.(type) {
	case Bool:
		return bool(x), nil
	case Int:
		return x != 0, nil
	case NoneType:
		return false, nil
	case Float:
		return x != 0, nil
	case Str:
		return len(x) > 0, nil
	case *List:
		return len(x.Items) > 0, nil
	case Tuple:
		return len(x) > 0, nil
	case *Dict:
		return x.n > 0, nil
	case *Set:
		return x.Len() > 0, nil
	case *BigInt:
		return true, nil
	case *Range:
		return x.Len() > 0, nil
	case Bytes:
		return len(x) > 0, nil
	}
	return truthSpecial(t, v)
}

// truthSpecial is bool(v) through v's __bool__ or __len__.
func truthSpecial(t *Thread, v Value) (bool, error) {
	if r, ok, err := callSpecial(t, v, "__bool__"); ok {
		if err != nil {
			return false, err
		}
		b, ok := r.(Bool)
		if !ok {
			return false, Errorf(TypeErrorClass, "__bool__ should return bool, returned %s", typeName(r))
		}
		return bool(b), nil
	}
	if r, ok, err := callSpecial(t, v, "__len__"); ok {
		if err != nil {
			return false, err
		}
		n, ok := AsInt64(r)
		if !ok {
			return false, Errorf(TypeErrorClass, "'%s' object cannot be interpreted as an integer", typeName(r))
		}
		return n != 0, nil
	}
	return true, nil
}

// Len returns len(v).
func Len(t *Thread, v Value) (int, error) {
	if overridden(v, "__len__") {
		return lenSpecial(t, v)
	}
	return lenOf(t, v)
}

// lenOf is Len as the value's own type does it (see getItem).
func lenOf(t *Thread, v Value) (int, error) {
	switch x := v.(type) {
	case Str:
		return utf8.RuneCountInString(string(x)), nil
	case *List:
		return len(x.Items), nil
	case Tuple:
		return len(x), nil
	case *Dict:
		return x.Len(), nil
	case *Set:
		return x.Len(), nil
	case *Range:
		return int(x.Len()), nil
	case Bytes:
		return len(x), nil
	}
	return lenSpecial(t, v)
}

// lenSpecial is len(v) through v's __len__.
func lenSpecial(t *Thread, v Value) (int, error) {
	if r, ok, err := callSpecial(t, v, "__len__"); ok {
		if err != nil {
			return 0, err
		}
		n, ok := AsInt64(r)
		if !ok {
			return 0, Errorf(TypeErrorClass, "'%s' object cannot be interpreted as an integer", typeName(r))
		}
		if n < 0 {
			return 0, Errorf(ValueErrorClass, "__len__() should return >= 0")
		}
		return int(n), nil
	}
	return 0, Errorf(TypeErrorClass, "object of type '%s' has no len()", typeName(v))
}

// Hash returns hash(v), or TypeError for unhashable values.
func Hash(t *Thread, v Value) (int64, error) {
	switch x := v.(type) {
	case Int, Bool, *BigInt:
		return hashInt(x), nil
	case Float:
		f := float64(x)
		if f == math.Trunc(f) && !math.IsInf(f, 0) {
			if math.Abs(f) < 9e18 {
				return hashInt(Int(int64(f))), nil
			}
		}
		return int64(math.Float64bits(f) >> 3), nil
	case Str:
		h := fnv.New64a()
		h.Write([]byte(x))
		return int64(h.Sum64() >> 2), nil
	case Bytes:
		h := fnv.New64a()
		h.Write([]byte(x))
		return int64(h.Sum64()>>2) ^ 1, nil
	case NoneType:
		return 0x5f3759df, nil
	case Tuple:
		if err := t.enterGo(""); err != nil {
			return 0, err
		}
		defer t.leaveGo()
		acc := uint64(0x27d4eb2f165667c5)
		for _, e := range x {
			h, err := Hash(t, e)
			if err != nil {
				return 0, err
			}
			acc += uint64(h) * 0xc2b2ae3d27d4eb4f
			acc = (acc << 31) | (acc >> 33)
			acc *= 0x9e3779b185ebca87
		}
		return int64(acc >> 1), nil
	case *Set:
		if !x.Frozen {
			break
		}
		var acc uint64
		for _, e := range x.Elems() {
			h, _ := Hash(t, e)
			acc ^= uint64(h) * 0x9e3779b185ebca87
		}
		return int64(acc >> 1), nil
	case *List, *Dict:
		if !overridden(v, "__hash__") {
			return 0, Errorf(TypeErrorClass, "unhashable type: '%s'", typeName(v))
		}
	}
	if _, ok := v.(*Set); ok {
		return 0, Errorf(TypeErrorClass, "unhashable type: 'set'")
	}
	cls := v.Type()
	h := cls.Lookup("__hash__")
	if h == None {
		return 0, Errorf(TypeErrorClass, "unhashable type: '%s'", cls.Name)
	}
	if h != nil && h != objectHash {
		r, _, err := callSpecial(t, v, "__hash__")
		if err != nil {
			return 0, err
		}
		if !isIntLike(r) {
			return 0, Errorf(TypeErrorClass, "__hash__ method should return an integer")
		}
		// CPython keeps a result that fits a machine word as it is (-1
		// becomes -2) and hashes only larger ints.
		if h, ok := AsInt64(r); ok {
			if h == -1 {
				h = -2
			}
			return h, nil
		}
		return hashInt(r), nil
	}
	if t == nil {
		return 1, nil
	}
	return t.id(v) >> 4, nil
}

// Equal reports whether a == b (identity first, as containers do).
func Equal(t *Thread, a, b Value) (bool, error) {
	if sameValue(a, b) {
		return true, nil
	}
	r, err := Compare(t, Eq, a, b)
	if err != nil {
		return false, err
	}
	return Truth(t, r)
}

// sameValue is Python's `is` for the values where identity is observable.
func sameValue(a, b Value) bool {
	switch x := a.(type) {
	case Tuple:
		y, ok := b.(Tuple)
		return ok && len(x) == len(y) && (len(x) == 0 || &x[0] == &y[0])
	case Int:
		y, ok := b.(Int)
		return ok && x == y
	case Float:
		y, ok := b.(Float)
		return ok && x == y && !math.IsNaN(float64(x))
	case Str:
		y, ok := b.(Str)
		return ok && x == y
	case Bool, NoneType, NotImplementedType, EllipsisType:
		return a == b
	case Bytes:
		y, ok := b.(Bytes)
		return ok && x == y
	}
	if isPointer(a) && isPointer(b) {
		return a == b
	}
	return false
}
