package python

import (
	"slices"
	"strings"
)

// DeepCopy returns copy.deepcopy(v). Go types take part by defining a
// __deepcopy__(memo) method (memo is a dict from id() to copies).
func DeepCopy(t *Thread, v Value, memo *Dict) (Value, error) {
	switch x := v.(type) {
	case NoneType, Bool, Int, *BigInt, Float, Str, Bytes, *Function, *Builtin, *Class, *Module, *Range, NotImplementedType, EllipsisType:
		return v, nil
	case Tuple:
		if err := t.enterGo(""); err != nil {
			return nil, err
		}
		defer t.leaveGo()
		out := make(Tuple, len(x))
		changed := false
		for i, e := range x {
			c, err := DeepCopy(t, e, memo)
			if err != nil {
				return nil, err
			}
			out[i] = c
			changed = changed || !sameValue(c, e)
		}
		if !changed {
			return x, nil
		}
		return out, nil
	}
	id := Int(t.id(v))
	if c, ok, _ := memo.Get(t, id); ok {
		return c, nil
	}
	if err := t.enterGo(""); err != nil {
		return nil, err
	}
	defer t.leaveGo()
	switch x := v.(type) {
	case *List:
		out := &List{Items: make([]Value, len(x.Items)), Class: x.Class}
		memo.Set(t, id, out)
		for i, e := range x.Items {
			c, err := DeepCopy(t, e, memo)
			if err != nil {
				return nil, err
			}
			out.Items[i] = c
		}
		if x.attrs != nil {
			attrs, err := DeepCopy(t, x.attrs, memo)
			if err != nil {
				return nil, err
			}
			out.attrs = attrs.(*Dict)
		}
		return out, nil
	case *Dict:
		out := &Dict{Class: x.Class, Default: x.Default}
		memo.Set(t, id, out)
		if xa := x.subclassAttrs(); xa != nil {
			attrs, err := DeepCopy(t, xa, memo)
			if err != nil {
				return nil, err
			}
			out.extra().attrs = attrs.(*Dict)
		}
		keys, vals := x.Items()
		for i, k := range keys {
			ck, err := DeepCopy(t, k, memo)
			if err != nil {
				return nil, err
			}
			cv, err := DeepCopy(t, vals[i], memo)
			if err != nil {
				return nil, err
			}
			if err := out.Set(t, ck, cv); err != nil {
				return nil, err
			}
		}
		return out, nil
	case *Set:
		out := &Set{Frozen: x.Frozen}
		memo.Set(t, id, out)
		for _, e := range x.Elems() {
			c, err := DeepCopy(t, e, memo)
			if err != nil {
				return nil, err
			}
			out.Add(t, c)
		}
		return out, nil
	}
	if m := v.Type().Lookup("__deepcopy__"); m != nil {
		r, _, err := callSpecial(t, v, "__deepcopy__", memo)
		if err == nil {
			memo.Set(t, id, r)
		}
		return r, err
	}
	if o, ok := v.(*Object); ok {
		out := &Object{}
		out.Init(o.class)
		memo.Set(t, id, out)
		keys, vals := o.dict.Items()
		for i, k := range keys {
			c, err := DeepCopy(t, vals[i], memo)
			if err != nil {
				return nil, err
			}
			out.dict.Set(t, k, c)
		}
		return out, nil
	}
	if e, ok := v.(*Exception); ok {
		out := NewException(e.Type(), e.Args...)
		return out, nil
	}
	return nil, Errorf(TypeErrorClass, "cannot pickle '%s' object", typeName(v))
}

// ShallowCopy returns copy.copy(v).
func ShallowCopy(t *Thread, v Value) (Value, error) {
	switch x := v.(type) {
	case *List:
		// An instance of a subclass keeps its class and shares its
		// attributes' values, as copy.copy does through __reduce_ex__.
		out := &List{Items: append([]Value(nil), x.Items...), Class: x.Class}
		if x.attrs != nil {
			out.attrs = x.attrs.Copy()
		}
		return out, nil
	case *Dict:
		out := x.Copy()
		if xa := x.subclassAttrs(); xa != nil {
			out.extra().attrs = xa.Copy()
		}
		return out, nil
	case *Set:
		out := &Set{Frozen: x.Frozen}
		for _, e := range x.Elems() {
			out.Add(t, e)
		}
		return out, nil
	case *Object:
		out := &Object{}
		out.Init(x.class)
		keys, vals := x.dict.Items()
		for i, k := range keys {
			out.dict.Set(t, k, vals[i])
		}
		return out, nil
	}
	if m := v.Type().Lookup("__copy__"); m != nil {
		r, _, err := callSpecial(t, v, "__copy__")
		return r, err
	}
	if !isPointer(v) {
		return v, nil
	}
	switch v.(type) {
	case *Function, *Builtin, *Class, *Module, *Range:
		return v, nil
	}
	return nil, Errorf(TypeErrorClass, "cannot pickle '%s' object", typeName(v))
}

func initCopy(t *Thread, m *Module) error {
	setFunc(m, "deepcopy", func(t *Thread, args Args) (Value, error) {
		var x, memo Value
		if err := UnpackArgs("deepcopy", args, "x", &x, "memo?", &memo); err != nil {
			return nil, err
		}
		d, ok := memo.(*Dict)
		if !ok {
			d = NewDict()
		}
		return DeepCopy(t, x, d)
	})
	setFunc(m, "copy", func(t *Thread, args Args) (Value, error) {
		var x Value
		if err := UnpackArgs("copy", args, "x", &x); err != nil {
			return nil, err
		}
		return ShallowCopy(t, x)
	})
	return nil
}

// namedTupleBase is the Go base of classes made by collections.namedtuple.
var namedTupleBase *Class

// namedTuple is an instance of a namedtuple class.
type namedTuple struct {
	cls   *Class
	items Tuple
}

func (n *namedTuple) Type() *Class { return n.cls }

func initCollections(t *Thread, m *Module) error {
	m.Set("OrderedDict", OrderedDictClass)
	m.Set("defaultdict", DefaultDictClass)
	setFunc(m, "namedtuple", func(t *Thread, args Args) (Value, error) {
		var name string
		var fields Value
		var defaults Value = None
		if err := UnpackArgs("namedtuple", args, "typename", &name, "field_names", &fields, "*", "rename?", new(bool), "defaults?", &defaults, "module?", new(Value)); err != nil {
			return nil, err
		}
		var names []string
		switch f := fields.(type) {
		case Str:
			names = strings.Fields(strings.ReplaceAll(string(f), ",", " "))
		default:
			items, err := ToSlice(t, fields)
			if err != nil {
				return nil, err
			}
			for _, it := range items {
				s, ok := it.(Str)
				if !ok {
					return nil, Errorf(TypeErrorClass, "Type names and field names must be strings")
				}
				names = append(names, string(s))
			}
		}
		var defs []Value
		if defaults != None {
			d, err := ToSlice(t, defaults)
			if err != nil {
				return nil, err
			}
			defs = d
		}
		return makeNamedTuple(name, names, defs), nil
	})
	return nil
}

func makeNamedTuple(name string, fields []string, defaults []Value) *Class {
	c := &Class{Name: name, Module: "__main__", Bases: []*Class{namedTupleBase}, attrs: map[string]Value{}}
	c.MRO = append([]*Class{c}, namedTupleBase.MRO...)
	c.New = func(t *Thread, cls *Class, args Args) (Value, error) {
		items := make(Tuple, len(fields))
		set := make([]bool, len(fields))
		if len(args.Pos) > len(fields) {
			return nil, Errorf(TypeErrorClass, "%s.__new__() takes %d positional arguments but %d were given", name, len(fields)+1, len(args.Pos)+1)
		}
		for i, v := range args.Pos {
			items[i], set[i] = v, true
		}
	kw:
		for _, k := range args.Kw {
			for i, f := range fields {
				if f == k.Name {
					if set[i] {
						return nil, Errorf(TypeErrorClass, "%s.__new__() got multiple values for argument '%s'", name, f)
					}
					items[i], set[i] = k.Value, true
					continue kw
				}
			}
			return nil, Errorf(TypeErrorClass, "%s.__new__() got an unexpected keyword argument '%s'", name, k.Name)
		}
		firstDefault := len(fields) - len(defaults)
		var missing []string
		for i, ok := range set {
			if !ok {
				if i >= firstDefault {
					items[i] = defaults[i-firstDefault]
				} else {
					missing = append(missing, "'"+fields[i]+"'")
				}
			}
		}
		if len(missing) > 0 {
			return nil, Errorf(TypeErrorClass, "%s.__new__() missing %d required positional %s: %s", name, len(missing), pluralWord(len(missing), "argument"), joinMissing(missing))
		}
		return &namedTuple{cls: cls, items: items}, nil
	}
	for i, f := range fields {
		i := i
		c.SetProperty(f, func(t *Thread, self Value) (Value, error) { return self.(*namedTuple).items[i], nil },
			func(t *Thread, self Value, v Value) error { return Errorf(AttributeErrorClass, "can't set attribute") })
	}
	c.SetClassMethod("_make", func(t *Thread, cls *Class, args Args) (Value, error) {
		if len(args.Pos) != 1 {
			return nil, Errorf(TypeErrorClass, "_make() missing 1 required positional argument: 'iterable'")
		}
		items, err := ToSlice(t, args.Pos[0])
		if err != nil {
			return nil, err
		}
		if len(items) != len(fields) {
			return nil, Errorf(TypeErrorClass, "Expected %d arguments, got %d", len(fields), len(items))
		}
		return &namedTuple{cls: cls, items: items}, nil
	})
	fs := make(Tuple, len(fields))
	for i, f := range fields {
		fs[i] = Str(f)
	}
	c.Set("_fields", fs)
	c.SetMethod("__repr__", func(t *Thread, self Value, args Args) (Value, error) {
		n := self.(*namedTuple)
		var b strings.Builder
		b.WriteString(n.cls.Name + "(")
		for i, f := range fields {
			if i > 0 {
				b.WriteString(", ")
			}
			s, err := Repr(t, n.items[i])
			if err != nil {
				return nil, err
			}
			b.WriteString(f + "=" + s)
		}
		b.WriteString(")")
		return Str(b.String()), nil
	})
	c.SetMethod("__getitem__", func(t *Thread, self Value, args Args) (Value, error) {
		return GetItem(t, self.(*namedTuple).items, args.Pos[0])
	})
	c.SetMethod("__len__", func(t *Thread, self Value, args Args) (Value, error) { return Int(len(fields)), nil })
	c.SetMethod("__iter__", func(t *Thread, self Value, args Args) (Value, error) {
		return &seqIterator{tuple: self.(*namedTuple).items}, nil
	})
	c.SetMethod("__eq__", func(t *Thread, self Value, args Args) (Value, error) {
		o := args.Pos[0]
		if on, ok := o.(*namedTuple); ok {
			o = on.items
		}
		return Compare(t, Eq, self.(*namedTuple).items, o)
	})
	c.SetMethod("__hash__", func(t *Thread, self Value, args Args) (Value, error) {
		h, err := Hash(t, self.(*namedTuple).items)
		return Int(h), err
	})
	c.SetMethod("_asdict", func(t *Thread, self Value, args Args) (Value, error) {
		d := NewDict()
		for i, f := range fields {
			d.setStr(f, nil, self.(*namedTuple).items[i])
		}
		return d, nil
	})
	c.SetMethod("_replace", func(t *Thread, self Value, args Args) (Value, error) {
		n := self.(*namedTuple)
		items := append(Tuple(nil), n.items...)
		for _, k := range args.Kw {
			found := false
			for i, f := range fields {
				if f == k.Name {
					items[i], found = k.Value, true
				}
			}
			if !found {
				return nil, Errorf(ValueErrorClass, "Got unexpected field names: ['%s']", k.Name)
			}
		}
		return &namedTuple{cls: n.cls, items: items}, nil
	})
	return c
}

// partial is functools.partial.
type partial struct {
	fn   Value
	args []Value
	kw   []Kwarg
}

var partialClass *Class

func (*partial) Type() *Class { return partialClass }

// memoize wraps fn in a cache keyed by its arguments (functools.cache and
// lru_cache without eviction).
func memoize(fn Value) Value {
	memo := NewDict()
	name := "wrapper"
	if f, ok := fn.(*Function); ok {
		name = f.Name
	}
	return NewBuiltin(name, func(t *Thread, args Args) (Value, error) {
		key := Tuple(append([]Value(nil), args.Pos...))
		for _, k := range args.Kw {
			key = append(key, Str(k.Name), k.Value)
		}
		if v, ok, err := memo.Get(t, key); err != nil || ok {
			return v, err
		}
		v, err := Call(t, fn, args)
		if err != nil {
			return nil, err
		}
		if err := t.Alloc(64); err != nil {
			return nil, err
		}
		return v, memo.Set(t, key, v)
	})
}

func initFunctools(t *Thread, m *Module) error {
	setFunc(m, "cache", func(t *Thread, args Args) (Value, error) {
		if len(args.Pos) != 1 {
			return nil, Errorf(TypeErrorClass, "cache() takes exactly one argument")
		}
		return memoize(args.Pos[0]), nil
	})
	setFunc(m, "lru_cache", func(t *Thread, args Args) (Value, error) {
		if len(args.Pos) == 1 && IsCallable(args.Pos[0]) {
			return memoize(args.Pos[0]), nil
		}
		return NewBuiltin("decorating_function", func(t *Thread, a Args) (Value, error) {
			if len(a.Pos) != 1 {
				return nil, Errorf(TypeErrorClass, "decorating_function() takes exactly one argument")
			}
			return memoize(a.Pos[0]), nil
		}), nil
	})
	setFunc(m, "reduce", func(t *Thread, args Args) (Value, error) {
		if len(args.Pos) < 2 || len(args.Pos) > 3 {
			return nil, Errorf(TypeErrorClass, "reduce expected at least 2 arguments, got %d", len(args.Pos))
		}
		fn := args.Pos[0]
		var acc Value
		if len(args.Pos) == 3 {
			acc = args.Pos[2]
		}
		err := Iterate(t, args.Pos[1], func(v Value) error {
			if acc == nil {
				acc = v
				return nil
			}
			r, err := Call(t, fn, PosArgs(acc, v))
			acc = r
			return err
		})
		if err != nil {
			return nil, err
		}
		if acc == nil {
			return nil, Errorf(TypeErrorClass, "reduce() of empty iterable with no initial value")
		}
		return acc, nil
	})
	setFunc(m, "partial", func(t *Thread, args Args) (Value, error) {
		if len(args.Pos) < 1 {
			return nil, Errorf(TypeErrorClass, "type 'partial' takes at least one argument")
		}
		// copies: args.Pos is the caller's, reused after the call
		return &partial{fn: args.Pos[0], args: slices.Clone(args.Pos[1:]), kw: slices.Clone(args.Kw)}, nil
	})
	setFunc(m, "wraps", func(t *Thread, args Args) (Value, error) {
		if len(args.Pos) < 1 {
			return nil, Errorf(TypeErrorClass, "wraps() missing 1 required positional argument: 'wrapped'")
		}
		wrapped := args.Pos[0]
		return NewBuiltin("decorator", func(t *Thread, a Args) (Value, error) {
			if len(a.Pos) != 1 {
				return nil, Errorf(TypeErrorClass, "decorator takes one argument")
			}
			if f, ok := a.Pos[0].(*Function); ok {
				if w, ok := wrapped.(*Function); ok {
					f.Name, f.QualName, f.Doc = w.Name, w.QualName, w.Doc
				}
			}
			return a.Pos[0], nil
		}), nil
	})
	return nil
}

func initWarnings(t *Thread, m *Module) error {
	seen := map[string]bool{}
	setFunc(m, "warn", func(t *Thread, args Args) (Value, error) {
		var msg Value
		var cat Value = UserWarningClass
		var stack int64 = 1
		if err := UnpackArgs("warn", args, "message", &msg, "category?", &cat, "stacklevel?", &stack, "source?", new(Value)); err != nil {
			return nil, err
		}
		cls, ok := cat.(*Class)
		if !ok || cat == None {
			cls = UserWarningClass
		}
		text, err := ToStr(t, msg)
		if err != nil {
			return nil, err
		}
		line := t.Line()
		key := text + "\x00" + cls.Name + "\x00" + itoa(line)
		if seen[key] {
			return None, nil
		}
		seen[key] = true
		src := ""
		if fr := t.top; fr != nil && fr.prog != nil && line >= 1 && line <= len(fr.prog.lines) {
			src = strings.TrimSpace(fr.prog.lines[line-1])
		}
		out := ScriptName + ":" + itoa(line) + ": " + cls.Name + ": " + text + "\n"
		if src != "" {
			out += "  " + src + "\n"
		}
		return None, t.WriteErr(out)
	})
	setFunc(m, "filterwarnings", func(t *Thread, args Args) (Value, error) { return None, nil })
	setFunc(m, "simplefilter", func(t *Thread, args Args) (Value, error) { return None, nil })
	return nil
}

func initPartial() {
	partialClass = NewClass("partial")
	partialClass.Module = "functools"
	partialClass.SetMethod("__call__", func(t *Thread, self Value, args Args) (Value, error) {
		p := self.(*partial)
		pos := append(append([]Value(nil), p.args...), args.Pos...)
		kw := append(append([]Kwarg(nil), p.kw...), args.Kw...)
		return Call(t, p.fn, Args{Pos: pos, Kw: kw})
	})
	partialClass.Freeze()
}
