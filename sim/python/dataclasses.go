package python

import "strings"

// The dataclasses module: @dataclass generates __init__, __repr__ and
// __eq__ from the class's annotated fields, as CPython's does for the
// common cases (defaults, field(default_factory=...), asdict, replace).

type dcField struct {
	name    string
	def     Value // nil: required
	factory Value // default_factory, or nil
	repr    bool
	init    bool
}

// fieldSpec is what dataclasses.field(...) returns.
type fieldSpec struct{ f dcField }

var fieldSpecClass *Class

func (*fieldSpec) Type() *Class { return fieldSpecClass }

func initDataclassClasses() {
	fieldSpecClass = NewClass("Field")
	fieldSpecClass.Module = "dataclasses"
	fieldSpecClass.Freeze()
}

func dataclassFields(t *Thread, c *Class) []dcField {
	var out []dcField
	seen := map[string]int{}
	for i := len(c.MRO) - 1; i >= 0; i-- {
		k := c.MRO[i]
		fv, ok := k.attrs["__dataclass_fields__"]
		if !ok {
			continue
		}
		for _, f := range fv.(*dcFieldList).fields {
			if j, ok := seen[f.name]; ok {
				out[j] = f
				continue
			}
			seen[f.name] = len(out)
			out = append(out, f)
		}
	}
	return out
}

// dcFieldList stores a dataclass's own fields on the class.
type dcFieldList struct{ fields []dcField }

func (*dcFieldList) Type() *Class { return ObjectClass }

func makeDataclass(t *Thread, c *Class, eq, frozen bool) (Value, error) {
	var own []dcField
	if ann, ok := c.attrs["__annotations__"].(*Dict); ok {
		for _, k := range ann.Keys() {
			name := string(k.(Str))
			f := dcField{name: name, repr: true, init: true}
			if v, ok := c.attrs[name]; ok {
				if fs, ok := v.(*fieldSpec); ok {
					f.def, f.factory, f.repr, f.init = fs.f.def, fs.f.factory, fs.f.repr, fs.f.init
					if f.def != nil {
						c.Set(name, f.def)
					} else {
						delete(c.attrs, name)
						classAttrEpoch.Add(1)
					}
				} else {
					switch v.(type) {
					case *List, *Dict, *Set:
						return nil, Errorf(ValueErrorClass, "mutable default %s for field %s is not allowed: use default_factory", reprNoThread(v.Type()), name)
					}
					f.def = v
				}
			}
			own = append(own, f)
		}
	}
	c.Set("__dataclass_fields__", &dcFieldList{fields: own})
	fields := dataclassFields(t, c)
	sawDefault := false
	for _, f := range fields {
		if !f.init {
			continue
		}
		if f.def != nil || f.factory != nil {
			sawDefault = true
		} else if sawDefault {
			return nil, Errorf(TypeErrorClass, "non-default argument '%s' follows default argument", f.name)
		}
	}
	name := c.Name
	if _, ok := c.attrs["__init__"]; !ok {
		c.SetMethod("__init__", func(t *Thread, self Value, args Args) (Value, error) {
			pos := args.Pos
			set := map[string]Value{}
			var initFields []dcField
			for _, f := range fields {
				if f.init {
					initFields = append(initFields, f)
				}
			}
			if len(pos) > len(initFields) {
				return nil, Errorf(TypeErrorClass, "%s.__init__() takes %d positional arguments but %d were given", name, len(initFields)+1, len(pos)+1)
			}
			for i, v := range pos {
				set[initFields[i].name] = v
			}
			for _, k := range args.Kw {
				found := false
				for _, f := range initFields {
					if f.name == k.Name {
						if _, dup := set[k.Name]; dup {
							return nil, Errorf(TypeErrorClass, "%s.__init__() got multiple values for argument '%s'", name, k.Name)
						}
						set[k.Name] = k.Value
						found = true
					}
				}
				if !found {
					return nil, Errorf(TypeErrorClass, "%s.__init__() got an unexpected keyword argument '%s'", name, k.Name)
				}
			}
			var missing []string
			for _, f := range initFields {
				if _, ok := set[f.name]; !ok && f.def == nil && f.factory == nil {
					missing = append(missing, "'"+f.name+"'")
				}
			}
			if len(missing) > 0 {
				return nil, Errorf(TypeErrorClass, "%s.__init__() missing %d required positional %s: %s", name, len(missing), pluralWord(len(missing), "argument"), joinMissing(missing))
			}
			for _, f := range fields {
				v, ok := set[f.name]
				if !ok {
					if f.factory != nil {
						r, err := Call(t, f.factory, Args{})
						if err != nil {
							return nil, err
						}
						v = r
					} else if f.def != nil {
						v = f.def
					} else {
						continue
					}
				}
				if err := SetAttrDefault(t, self, f.name, v); err != nil {
					return nil, err
				}
			}
			if post := self.Type().Lookup("__post_init__"); post != nil {
				if _, err := Call(t, bind(post, self, self.Type()), Args{}); err != nil {
					return nil, err
				}
			}
			return None, nil
		})
	}
	if _, ok := c.attrs["__repr__"]; !ok {
		c.SetMethod("__repr__", func(t *Thread, self Value, args Args) (Value, error) {
			var b strings.Builder
			b.WriteString(self.Type().Name + "(")
			first := true
			for _, f := range fields {
				if !f.repr {
					continue
				}
				if !first {
					b.WriteString(", ")
				}
				first = false
				v, err := GetAttr(t, self, f.name)
				if err != nil {
					return nil, err
				}
				s, err := Repr(t, v)
				if err != nil {
					return nil, err
				}
				b.WriteString(f.name + "=" + s)
			}
			b.WriteString(")")
			return Str(b.String()), nil
		})
	}
	if _, ok := c.attrs["__eq__"]; !ok && eq {
		c.SetMethod("__eq__", func(t *Thread, self Value, args Args) (Value, error) {
			o := args.Pos[0]
			if o.Type() != self.Type() {
				return NotImplemented, nil
			}
			a, b := make(Tuple, len(fields)), make(Tuple, len(fields))
			for i, f := range fields {
				var err error
				if a[i], err = GetAttr(t, self, f.name); err != nil {
					return nil, err
				}
				if b[i], err = GetAttr(t, o, f.name); err != nil {
					return nil, err
				}
			}
			return Compare(t, Eq, a, b)
		})
		c.Set("__hash__", None)
	}
	if frozen {
		c.SetAttrHook = func(t *Thread, self Value, name string, v Value) error {
			return Errorf(frozenInstanceErrorClass, "cannot assign to field '%s'", name)
		}
	}
	return c, nil
}

var frozenInstanceErrorClass *Class

func initDataclasses(t *Thread, m *Module) error {
	m.Set("FrozenInstanceError", frozenInstanceErrorClass)
	setFunc(m, "dataclass", func(t *Thread, args Args) (Value, error) {
		eq, frozen := true, false
		for _, k := range args.Kw {
			switch k.Name {
			case "eq":
				eq, _ = Truth(t, k.Value)
			case "frozen":
				frozen, _ = Truth(t, k.Value)
			}
		}
		if len(args.Pos) == 1 {
			c, ok := args.Pos[0].(*Class)
			if !ok || c.isBuiltin {
				return nil, Errorf(TypeErrorClass, "dataclass() should be called on a class")
			}
			return makeDataclass(t, c, eq, frozen)
		}
		return NewBuiltin("wrap", func(t *Thread, a Args) (Value, error) {
			if len(a.Pos) != 1 {
				return nil, Errorf(TypeErrorClass, "dataclass() should be called on a class")
			}
			c, ok := a.Pos[0].(*Class)
			if !ok || c.isBuiltin {
				return nil, Errorf(TypeErrorClass, "dataclass() should be called on a class")
			}
			return makeDataclass(t, c, eq, frozen)
		}), nil
	})
	setFunc(m, "field", func(t *Thread, args Args) (Value, error) {
		f := dcField{repr: true, init: true}
		for _, k := range args.Kw {
			switch k.Name {
			case "default":
				f.def = k.Value
			case "default_factory":
				f.factory = k.Value
			case "repr":
				f.repr, _ = Truth(t, k.Value)
			case "init":
				f.init, _ = Truth(t, k.Value)
			}
		}
		return &fieldSpec{f: f}, nil
	})
	isDataclass := func(v Value) (*Class, bool) {
		c := v.Type()
		if _, ok := c.Lookup("__dataclass_fields__").(*dcFieldList); ok {
			return c, true
		}
		return nil, false
	}
	var asdict func(t *Thread, v Value) (Value, error)
	asdict = func(t *Thread, v Value) (Value, error) {
		if c, ok := isDataclass(v); ok {
			d := NewDict()
			for _, f := range dataclassFields(t, c) {
				fv, err := GetAttr(t, v, f.name)
				if err != nil {
					return nil, err
				}
				r, err := asdict(t, fv)
				if err != nil {
					return nil, err
				}
				d.setStr(f.name, nil, r)
			}
			return d, nil
		}
		switch x := v.(type) {
		case *List:
			out := make([]Value, len(x.Items))
			for i, e := range x.Items {
				r, err := asdict(t, e)
				if err != nil {
					return nil, err
				}
				out[i] = r
			}
			return NewList(out), nil
		case *Dict:
			out := NewDict()
			keys, vals := x.Items()
			for i, k := range keys {
				r, err := asdict(t, vals[i])
				if err != nil {
					return nil, err
				}
				out.Set(t, k, r)
			}
			return out, nil
		}
		return DeepCopy(t, v, NewDict())
	}
	setFunc(m, "asdict", func(t *Thread, args Args) (Value, error) {
		if len(args.Pos) != 1 {
			return nil, Errorf(TypeErrorClass, "asdict() missing 1 required positional argument: 'obj'")
		}
		if _, ok := isDataclass(args.Pos[0]); !ok {
			return nil, Errorf(TypeErrorClass, "asdict() should be called on dataclass instances")
		}
		return asdict(t, args.Pos[0])
	})
	setFunc(m, "replace", func(t *Thread, args Args) (Value, error) {
		if len(args.Pos) != 1 {
			return nil, Errorf(TypeErrorClass, "replace() missing 1 required positional argument: 'obj'")
		}
		c, ok := isDataclass(args.Pos[0])
		if !ok {
			return nil, Errorf(TypeErrorClass, "replace() should be called on dataclass instances")
		}
		var kw []Kwarg
		for _, f := range dataclassFields(t, c) {
			if !f.init {
				continue
			}
			if v := args.Kwarg(f.name); v != nil {
				kw = append(kw, Kwarg{f.name, v})
				continue
			}
			v, err := GetAttr(t, args.Pos[0], f.name)
			if err != nil {
				return nil, err
			}
			kw = append(kw, Kwarg{f.name, v})
		}
		return Call(t, c, Args{Kw: kw})
	})
	setFunc(m, "fields", func(t *Thread, args Args) (Value, error) {
		v := args.Pos[0]
		c, ok := v.(*Class)
		if !ok {
			c = v.Type()
		}
		var out Tuple
		for _, f := range dataclassFields(t, c) {
			out = append(out, Str(f.name))
		}
		return out, nil
	})
	setFunc(m, "is_dataclass", func(t *Thread, args Args) (Value, error) {
		v := args.Pos[0]
		if c, ok := v.(*Class); ok {
			_, is := c.Lookup("__dataclass_fields__").(*dcFieldList)
			return Bool(is), nil
		}
		_, is := isDataclass(v)
		return Bool(is), nil
	})
	return nil
}
