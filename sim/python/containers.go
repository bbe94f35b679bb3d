package python

import (
	"strings"
)

// containerDunders gives list and dict the special methods a subclass
// reaches through super(): each does what list's or dict's own does, not
// what the subclass overrides.
func containerDunders(c *Class) {
	name := c.Name
	method(c, "__len__", func(t *Thread, self Value, args Args) (Value, error) {
		if err := exactArgs(name+".__len__", args, 0); err != nil {
			return nil, err
		}
		n, err := lenOf(t, self)
		return boxInt(int64(n)), err
	})
	method(c, "__getitem__", func(t *Thread, self Value, args Args) (Value, error) {
		if err := exactArgs(name+".__getitem__", args, 1); err != nil {
			return nil, err
		}
		return getItem(t, self, args.Pos[0])
	})
	method(c, "__iter__", func(t *Thread, self Value, args Args) (Value, error) {
		if err := exactArgs(name+".__iter__", args, 0); err != nil {
			return nil, err
		}
		return iterOf(self, t)
	})
	method(c, "__setitem__", func(t *Thread, self Value, args Args) (Value, error) {
		if err := exactArgs(name+".__setitem__", args, 2); err != nil {
			return nil, err
		}
		return None, setItemOf(t, self, args.Pos[0], args.Pos[1])
	})
	ops := []Op{Eq, Ne, Lt, Le, Gt, Ge}
	if c != ListClass {
		ops = ops[:2] // dicts only compare for equality
	}
	for _, op := range ops {
		dunder := opDunders[op]
		method(c, dunder, func(t *Thread, self Value, args Args) (Value, error) {
			if err := exactArgs(name+"."+dunder, args, 1); err != nil {
				return nil, err
			}
			if r, ok, err := builtinCompare(t, op, self, args.Pos[0]); ok {
				return r, err
			}
			return NotImplemented, nil
		})
	}
	method(c, "__delitem__", func(t *Thread, self Value, args Args) (Value, error) {
		if err := exactArgs(name+".__delitem__", args, 1); err != nil {
			return nil, err
		}
		return None, delItem(t, self, args.Pos[0])
	})
	method(c, "__contains__", func(t *Thread, self Value, args Args) (Value, error) {
		if err := exactArgs(name+".__contains__", args, 1); err != nil {
			return nil, err
		}
		ok, err := containsOf(t, self, args.Pos[0])
		return Bool(ok), err
	})
}

func initListMethods() {
	c := ListClass
	containerDunders(c)
	method(c, "append", func(t *Thread, self Value, args Args) (Value, error) {
		if err := exactArgs("list.append", args, 1); err != nil {
			return nil, err
		}
		l := self.(*List)
		if len(l.Items) == cap(l.Items) {
			if err := t.Alloc(int64(8*len(l.Items) + 64)); err != nil {
				return nil, err
			}
		}
		l.Items = append(l.Items, args.Pos[0])
		return None, nil
	})
	method(c, "extend", func(t *Thread, self Value, args Args) (Value, error) {
		if err := exactArgs("list.extend", args, 1); err != nil {
			return nil, err
		}
		l := self.(*List)
		items, err := ToSlice(t, args.Pos[0])
		if err != nil {
			return nil, err
		}
		if err := t.Alloc(int64(8 * len(items))); err != nil {
			return nil, err
		}
		l.Items = append(l.Items, items...)
		return None, nil
	})
	method(c, "insert", func(t *Thread, self Value, args Args) (Value, error) {
		if err := exactArgs("insert", args, 2); err != nil {
			return nil, err
		}
		l := self.(*List)
		i, ok := AsInt64(args.Pos[0])
		if !ok {
			return nil, Errorf(TypeErrorClass, "'%s' object cannot be interpreted as an integer", typeName(args.Pos[0]))
		}
		n := int64(len(l.Items))
		if i < 0 {
			i += n
			if i < 0 {
				i = 0
			}
		}
		if i > n {
			i = n
		}
		l.Items = append(l.Items, nil)
		copy(l.Items[i+1:], l.Items[i:])
		l.Items[i] = args.Pos[1]
		return None, nil
	})
	method(c, "pop", func(t *Thread, self Value, args Args) (Value, error) {
		l := self.(*List)
		var idx int64 = -1
		if err := UnpackArgs("pop", args, "index?", &idx); err != nil {
			return nil, err
		}
		n := int64(len(l.Items))
		if n == 0 {
			return nil, Errorf(IndexErrorClass, "pop from empty list")
		}
		if idx < 0 {
			idx += n
		}
		if idx < 0 || idx >= n {
			return nil, Errorf(IndexErrorClass, "pop index out of range")
		}
		v := l.Items[idx]
		l.Items = append(l.Items[:idx:idx], l.Items[idx+1:]...)
		return v, nil
	})
	method(c, "remove", func(t *Thread, self Value, args Args) (Value, error) {
		if err := exactArgs("list.remove", args, 1); err != nil {
			return nil, err
		}
		l := self.(*List)
		for i, v := range l.Items {
			eq, err := Equal(t, v, args.Pos[0])
			if err != nil {
				return nil, err
			}
			if eq {
				l.Items = append(l.Items[:i:i], l.Items[i+1:]...)
				return None, nil
			}
		}
		return nil, Errorf(ValueErrorClass, "list.remove(x): x not in list")
	})
	method(c, "index", func(t *Thread, self Value, args Args) (Value, error) {
		var x Value
		var start, end Value = None, None
		if err := UnpackArgs("index", args, "value", &x, "start?", &start, "stop?", &end); err != nil {
			return nil, err
		}
		l := self.(*List)
		lo, hi, err := sliceBounds(t, len(l.Items), start, end)
		if err != nil {
			return nil, err
		}
		for i := lo; i < hi && i < len(l.Items); i++ {
			eq, err := Equal(t, l.Items[i], x)
			if err != nil {
				return nil, err
			}
			if eq {
				return Int(i), nil
			}
		}
		s, _ := Repr(t, x)
		return nil, Errorf(ValueErrorClass, "%s is not in list", s)
	})
	method(c, "count", func(t *Thread, self Value, args Args) (Value, error) {
		if err := exactArgs("list.count", args, 1); err != nil {
			return nil, err
		}
		n := 0
		for _, v := range self.(*List).Items {
			eq, err := Equal(t, v, args.Pos[0])
			if err != nil {
				return nil, err
			}
			if eq {
				n++
			}
		}
		return Int(n), nil
	})
	method(c, "clear", func(t *Thread, self Value, args Args) (Value, error) {
		self.(*List).Items = nil
		return None, nil
	})
	method(c, "copy", func(t *Thread, self Value, args Args) (Value, error) {
		return NewList(append([]Value(nil), self.(*List).Items...)), nil
	})
	method(c, "reverse", func(t *Thread, self Value, args Args) (Value, error) {
		it := self.(*List).Items
		for i, j := 0, len(it)-1; i < j; i, j = i+1, j-1 {
			it[i], it[j] = it[j], it[i]
		}
		return None, nil
	})
	method(c, "sort", func(t *Thread, self Value, args Args) (Value, error) {
		return None, listSort(t, self.(*List), args)
	})
	method(TupleClass, "index", func(t *Thread, self Value, args Args) (Value, error) {
		if len(args.Pos) < 1 {
			return nil, Errorf(TypeErrorClass, "index expected at least 1 argument, got 0")
		}
		for i, v := range self.(Tuple) {
			eq, err := Equal(t, v, args.Pos[0])
			if err != nil {
				return nil, err
			}
			if eq {
				return Int(i), nil
			}
		}
		return nil, Errorf(ValueErrorClass, "tuple.index(x): x not in tuple")
	})
	method(TupleClass, "count", func(t *Thread, self Value, args Args) (Value, error) {
		if err := exactArgs("tuple.count", args, 1); err != nil {
			return nil, err
		}
		n := 0
		for _, v := range self.(Tuple) {
			if eq, _ := Equal(t, v, args.Pos[0]); eq {
				n++
			}
		}
		return Int(n), nil
	})
}

// dictView is dict.keys(), values() or items(): a live view of the dict.
type dictView struct {
	d    *Dict
	kind byte
}

func (v *dictView) Type() *Class {
	if v.d.Type().IsSubclass(OrderedDictClass) {
		switch v.kind {
		case 'k':
			return odictKeysClass
		case 'v':
			return odictValuesClass
		}
		return odictItemsClass
	}
	switch v.kind {
	case 'k':
		return DictKeysClass
	case 'v':
		return DictValuesClass
	}
	return DictItemsClass
}

func (v *dictView) elems() []Value {
	keys, vals := v.d.Items()
	switch v.kind {
	case 'k':
		return keys
	case 'v':
		return vals
	}
	out := make([]Value, len(keys))
	for i := range keys {
		out[i] = Tuple{keys[i], vals[i]}
	}
	return out
}

var odictKeysClass, odictValuesClass, odictItemsClass *Class

// dictUpdate merges a mapping or an iterable of pairs into d.
func dictUpdate(t *Thread, d *Dict, src Value, notMapping string) error {
	switch s := src.(type) {
	case *Dict:
		keys, vals := s.Items()
		for i := range keys {
			if err := d.Set(t, keys[i], vals[i]); err != nil {
				return err
			}
		}
		return nil
	}
	if src.Type().Lookup("keys") != nil {
		keys, err := CallMethod(t, src, "keys", Args{})
		if err != nil {
			return err
		}
		return Iterate(t, keys, func(k Value) error {
			v, err := GetItem(t, src, k)
			if err != nil {
				return err
			}
			return d.Set(t, k, v)
		})
	}
	if notMapping != "" {
		return Errorf(TypeErrorClass, notMapping, typeName(src))
	}
	if !IsIterable(src) {
		return Errorf(TypeErrorClass, "'%s' object is not iterable", typeName(src))
	}
	i := 0
	return Iterate(t, src, func(item Value) error {
		pair, err := ToSlice(t, item)
		if err != nil {
			if !IsIterable(item) {
				return Errorf(TypeErrorClass, "cannot convert dictionary update sequence element #%d to a sequence", i)
			}
			return err
		}
		if len(pair) != 2 {
			return Errorf(ValueErrorClass, "dictionary update sequence element #%d has length %d; 2 is required", i, len(pair))
		}
		i++
		return d.Set(t, pair[0], pair[1])
	})
}

func initDictMethods() {
	c := DictClass
	containerDunders(c)
	dictRepr = nil
	method(c, "keys", func(t *Thread, self Value, args Args) (Value, error) {
		return &dictView{d: self.(*Dict), kind: 'k'}, nil
	})
	method(c, "values", func(t *Thread, self Value, args Args) (Value, error) {
		return &dictView{d: self.(*Dict), kind: 'v'}, nil
	})
	method(c, "items", func(t *Thread, self Value, args Args) (Value, error) {
		return &dictView{d: self.(*Dict), kind: 'i'}, nil
	})
	method(c, "get", func(t *Thread, self Value, args Args) (Value, error) {
		if err := noKwargs("get", args); err != nil {
			return nil, err
		}
		if len(args.Pos) < 1 || len(args.Pos) > 2 {
			return nil, Errorf(TypeErrorClass, "get expected at most 2 arguments, got %d", len(args.Pos))
		}
		v, ok, err := self.(*Dict).Get(t, args.Pos[0])
		if err != nil {
			return nil, err
		}
		if ok {
			return v, nil
		}
		if len(args.Pos) == 2 {
			return args.Pos[1], nil
		}
		return None, nil
	})
	method(c, "setdefault", func(t *Thread, self Value, args Args) (Value, error) {
		if len(args.Pos) < 1 || len(args.Pos) > 2 {
			return nil, Errorf(TypeErrorClass, "setdefault expected at most 2 arguments, got %d", len(args.Pos))
		}
		d := self.(*Dict)
		v, ok, err := d.Get(t, args.Pos[0])
		if err != nil || ok {
			return v, err
		}
		var def Value = None
		if len(args.Pos) == 2 {
			def = args.Pos[1]
		}
		return def, d.Set(t, args.Pos[0], def)
	})
	method(c, "pop", func(t *Thread, self Value, args Args) (Value, error) {
		if len(args.Pos) < 1 || len(args.Pos) > 2 {
			return nil, Errorf(TypeErrorClass, "pop expected at most 2 arguments, got %d", len(args.Pos))
		}
		d := self.(*Dict)
		v, ok, err := d.Get(t, args.Pos[0])
		if err != nil {
			return nil, err
		}
		if !ok {
			if len(args.Pos) == 2 {
				return args.Pos[1], nil
			}
			return nil, KeyError(args.Pos[0])
		}
		d.Delete(t, args.Pos[0])
		return v, nil
	})
	method(c, "popitem", func(t *Thread, self Value, args Args) (Value, error) {
		d := self.(*Dict)
		last := true
		if v := args.Kwarg("last"); v != nil {
			last, _ = Truth(t, v)
		}
		keys, vals := d.Items()
		if len(keys) == 0 {
			if d.Type() == OrderedDictClass {
				return nil, KeyError(Str("dictionary is empty"))
			}
			return nil, KeyError(Str("popitem(): dictionary is empty"))
		}
		i := len(keys) - 1
		if !last {
			i = 0
		}
		d.Delete(t, keys[i])
		return Tuple{keys[i], vals[i]}, nil
	})
	method(c, "update", func(t *Thread, self Value, args Args) (Value, error) {
		d := self.(*Dict)
		if len(args.Pos) > 1 {
			return nil, Errorf(TypeErrorClass, "update expected at most 1 argument, got %d", len(args.Pos))
		}
		if len(args.Pos) == 1 {
			if err := dictUpdate(t, d, args.Pos[0], ""); err != nil {
				return nil, err
			}
		}
		for _, k := range args.Kw {
			d.setStr(k.Name, nil, k.Value)
		}
		return None, nil
	})
	method(c, "clear", func(t *Thread, self Value, args Args) (Value, error) {
		self.(*Dict).Clear()
		return None, nil
	})
	method(c, "copy", func(t *Thread, self Value, args Args) (Value, error) {
		d := self.(*Dict).Copy()
		if d.Class != nil && !d.Class.isBuiltin {
			d.Class = nil // dict.copy of a subclass defined in Python is a dict
		}
		return d, nil
	})
	c.SetClassMethod("fromkeys", func(t *Thread, cls *Class, args Args) (Value, error) {
		if len(args.Pos) < 1 || len(args.Pos) > 2 {
			return nil, Errorf(TypeErrorClass, "fromkeys expected at least 1 argument, got %d", len(args.Pos))
		}
		d := NewDict()
		if cls != DictClass {
			d.Class = cls
		}
		var v Value = None
		if len(args.Pos) == 2 {
			v = args.Pos[1]
		}
		err := Iterate(t, args.Pos[0], func(k Value) error { return d.Set(t, k, v) })
		return d, err
	})
	method(OrderedDictClass, "move_to_end", func(t *Thread, self Value, args Args) (Value, error) {
		var key Value
		last := true
		if err := UnpackArgs("move_to_end", args, "key", &key, "last?", &last); err != nil {
			return nil, err
		}
		ok, err := self.(*Dict).moveToEnd(t, key, last)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, KeyError(key)
		}
		return None, nil
	})
	DefaultDictClass.SetProperty("default_factory", func(t *Thread, self Value) (Value, error) {
		if d := self.(*Dict).Default; d != nil {
			return d, nil
		}
		return None, nil
	}, func(t *Thread, self Value, v Value) error {
		self.(*Dict).Default = v
		return nil
	})
	odictKeysClass = NewClass("odict_keys", DictKeysClass)
	odictValuesClass = NewClass("odict_values", DictValuesClass)
	odictItemsClass = NewClass("odict_items", DictItemsClass)
	for _, c := range []*Class{odictKeysClass, odictValuesClass, odictItemsClass} {
		c.Freeze()
	}
	for _, vc := range []*Class{DictKeysClass, DictValuesClass, DictItemsClass} {
		vc := vc
		method(vc, "__repr__", func(t *Thread, self Value, args Args) (Value, error) {
			var b strings.Builder
			b.WriteString(self.Type().Name + "([")
			for i, e := range self.(*dictView).elems() {
				if i > 0 {
					b.WriteString(", ")
				}
				s, err := Repr(t, e)
				if err != nil {
					return nil, err
				}
				b.WriteString(s)
			}
			b.WriteString("])")
			return Str(b.String()), nil
		})
		method(vc, "__len__", func(t *Thread, self Value, args Args) (Value, error) {
			return Int(self.(*dictView).d.Len()), nil
		})
		method(vc, "__iter__", func(t *Thread, self Value, args Args) (Value, error) {
			v := self.(*dictView)
			return &dictIterator{d: v.d, kind: v.kind}, nil
		})
		method(vc, "__contains__", func(t *Thread, self Value, args Args) (Value, error) {
			v := self.(*dictView)
			if v.kind == 'k' {
				_, ok, err := v.d.Get(t, args.Pos[0])
				return Bool(ok), err
			}
			for _, e := range v.elems() {
				if eq, err := Equal(t, e, args.Pos[0]); err != nil || eq {
					return Bool(eq), err
				}
			}
			return False, nil
		})
	}
	// Keys and items views are set-like: they compare with sets and other
	// views as sets do, and the set operators take any iterable and give a
	// set.
	method(DictValuesClass, "__eq__", func(t *Thread, self Value, args Args) (Value, error) {
		return Bool(self == args.Pos[0]), nil
	})
	for _, vc := range []*Class{DictKeysClass, DictItemsClass} {
		for _, op := range []Op{Eq, Ne, Lt, Le, Gt, Ge} {
			method(vc, opDunders[op], func(t *Thread, self Value, args Args) (Value, error) {
				if err := exactArgs(vc.Name+"."+opDunders[op], args, 1); err != nil {
					return nil, err
				}
				return viewCompare(t, op, self, args.Pos[0])
			})
		}
		for _, op := range []Op{And, Or, Sub, Xor} {
			setOp := func(t *Thread, x, y Value) (Value, error) {
				a, err := iterableSet(t, x)
				if err != nil {
					return nil, err
				}
				b, err := iterableSet(t, y)
				if err != nil {
					return nil, err
				}
				return setBinary(t, op, a, b)
			}
			method(vc, opDunders[op], func(t *Thread, self Value, args Args) (Value, error) {
				if err := exactArgs(vc.Name+"."+opDunders[op], args, 1); err != nil {
					return nil, err
				}
				return setOp(t, self, args.Pos[0])
			})
			method(vc, opRDunders[op], func(t *Thread, self Value, args Args) (Value, error) {
				if err := exactArgs(vc.Name+"."+opRDunders[op], args, 1); err != nil {
					return nil, err
				}
				return setOp(t, args.Pos[0], self)
			})
		}
	}
	for _, c := range []*Class{DictKeysClass, DictItemsClass} {
		c.Set("__hash__", None)
	}
}

func initSetMethods() {
	for _, c := range []*Class{SetClass, FrozenSetClass} {
		c := c
		method(c, "copy", func(t *Thread, self Value, args Args) (Value, error) {
			s := self.(*Set)
			out := &Set{Frozen: s.Frozen}
			for _, e := range s.Elems() {
				out.Add(t, e)
			}
			return out, nil
		})
		for name, op := range map[string]Op{"union": Or, "intersection": And, "difference": Sub, "symmetric_difference": Xor} {
			name, op := name, op
			method(c, name, func(t *Thread, self Value, args Args) (Value, error) {
				var r Value = self
				for _, a := range args.Pos {
					o := &Set{}
					if err := Iterate(t, a, func(v Value) error { return o.Add(t, v) }); err != nil {
						return nil, err
					}
					v, err := setBinary(t, op, r.(*Set), o)
					if err != nil {
						return nil, err
					}
					r = v
				}
				if r == self {
					return setBinary(t, Or, self.(*Set), &Set{})
				}
				_ = name
				return r, nil
			})
		}
		method(c, "issubset", func(t *Thread, self Value, args Args) (Value, error) {
			o := &Set{}
			if err := Iterate(t, args.Pos[0], func(v Value) error { return o.Add(t, v) }); err != nil {
				return nil, err
			}
			return Bool(setSubset(t, self.(*Set), o)), nil
		})
		method(c, "issuperset", func(t *Thread, self Value, args Args) (Value, error) {
			o := &Set{}
			if err := Iterate(t, args.Pos[0], func(v Value) error { return o.Add(t, v) }); err != nil {
				return nil, err
			}
			return Bool(setSubset(t, o, self.(*Set))), nil
		})
		method(c, "isdisjoint", func(t *Thread, self Value, args Args) (Value, error) {
			s := self.(*Set)
			found := false
			err := Iterate(t, args.Pos[0], func(v Value) error {
				if ok, _ := s.Has(t, v); ok {
					found = true
				}
				return nil
			})
			return Bool(!found), err
		})
	}
	c := SetClass
	method(c, "add", func(t *Thread, self Value, args Args) (Value, error) {
		if err := exactArgs("set.add", args, 1); err != nil {
			return nil, err
		}
		return None, self.(*Set).Add(t, args.Pos[0])
	})
	method(c, "remove", func(t *Thread, self Value, args Args) (Value, error) {
		if err := exactArgs("set.remove", args, 1); err != nil {
			return nil, err
		}
		ok, err := self.(*Set).Remove(t, args.Pos[0])
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, KeyError(args.Pos[0])
		}
		return None, nil
	})
	method(c, "discard", func(t *Thread, self Value, args Args) (Value, error) {
		if err := exactArgs("set.discard", args, 1); err != nil {
			return nil, err
		}
		_, err := self.(*Set).Remove(t, args.Pos[0])
		return None, err
	})
	method(c, "pop", func(t *Thread, self Value, args Args) (Value, error) {
		s := self.(*Set)
		elems := s.iterOrder()
		if len(elems) == 0 {
			return nil, KeyError(Str("pop from an empty set"))
		}
		s.Remove(t, elems[0])
		return elems[0], nil
	})
	method(c, "clear", func(t *Thread, self Value, args Args) (Value, error) {
		self.(*Set).d.Clear()
		return None, nil
	})
	method(c, "update", func(t *Thread, self Value, args Args) (Value, error) {
		s := self.(*Set)
		for _, a := range args.Pos {
			if err := Iterate(t, a, func(v Value) error { return s.Add(t, v) }); err != nil {
				return nil, err
			}
		}
		return None, nil
	})
	method(c, "difference_update", func(t *Thread, self Value, args Args) (Value, error) {
		s := self.(*Set)
		for _, a := range args.Pos {
			if err := Iterate(t, a, func(v Value) error { _, err := s.Remove(t, v); return err }); err != nil {
				return nil, err
			}
		}
		return None, nil
	})
	c.Set("__hash__", None)
}

func initMiscMethods() {
	RangeClass.SetProperty("start", func(t *Thread, self Value) (Value, error) { return Int(self.(*Range).Start), nil }, nil)
	RangeClass.SetProperty("stop", func(t *Thread, self Value) (Value, error) { return Int(self.(*Range).Stop), nil }, nil)
	RangeClass.SetProperty("step", func(t *Thread, self Value) (Value, error) { return Int(self.(*Range).Step), nil }, nil)
	method(RangeClass, "index", func(t *Thread, self Value, args Args) (Value, error) {
		r := self.(*Range)
		n, ok := AsInt64(args.Pos[0])
		if ok {
			if in, _ := Contains(t, r, args.Pos[0]); in {
				return Int((n - r.Start) / r.Step), nil
			}
		}
		s, _ := Repr(t, args.Pos[0])
		return nil, Errorf(ValueErrorClass, "%s is not in range", s)
	})
	for _, name := range []string{"start", "stop", "step"} {
		name := name
		SliceClass.SetProperty(name, func(t *Thread, self Value) (Value, error) {
			s := self.(*Slice)
			return map[string]Value{"start": s.Start, "stop": s.Stop, "step": s.Step}[name], nil
		}, nil)
	}
	method(GeneratorClass, "send", func(t *Thread, self Value, args Args) (Value, error) {
		g := self.(*generator)
		if len(args.Pos) != 1 {
			return nil, Errorf(TypeErrorClass, "generator.send() takes exactly one argument (%d given)", len(args.Pos))
		}
		if !g.started && args.Pos[0] != None {
			return nil, Errorf(TypeErrorClass, "can't send non-None value to a just-started generator")
		}
		v, ok, err := g.send(t, args.Pos[0])
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, NewException(StopIterationClass)
		}
		return v, nil
	})
	method(GeneratorClass, "close", func(t *Thread, self Value, args Args) (Value, error) {
		self.(*generator).close()
		return None, nil
	})
	method(GeneratorClass, "__repr__", func(t *Thread, self Value, args Args) (Value, error) {
		g := self.(*generator)
		name := g.name
		if g.fr.fn != nil {
			name = g.fr.fn.QualName
		} else if g.fr.parent != nil {
			name = g.fr.parent.qualPrefix() + "<genexpr>"
		}
		return Str("<generator object " + name + " at " + hexID(t, g) + ">"), nil
	})
	for _, c := range []*Class{IteratorClass, GeneratorClass, enumerateClass, zipClass, mapClass, filterClass, reversedClass, listRevIter} {
		iteratorMethods(c)
	}
	// Iterator classes have names CPython shows in reprs.
	method(FunctionClass, "__get__", func(t *Thread, self Value, args Args) (Value, error) {
		if len(args.Pos) == 0 || args.Pos[0] == None {
			return self, nil
		}
		return &Method{Func: self, Self: args.Pos[0]}, nil
	})
}

// iteratorMethods gives a class of Go Iterators Python's iterator protocol:
// __iter__ returns the iterator, __next__ advances it or raises StopIteration.
func iteratorMethods(c *Class) {
	method(c, "__iter__", func(t *Thread, self Value, args Args) (Value, error) { return self, nil })
	method(c, "__next__", func(t *Thread, self Value, args Args) (Value, error) {
		v, ok, err := self.(Iterator).Next(t)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, NewException(StopIterationClass)
		}
		return v, nil
	})
}

// viewCompare compares a keys or items view with a set or another such
// view as CPython's dictview_richcompare does: by size, then by whether
// every element of the smaller one is in the other.
func viewCompare(t *Thread, op Op, self, other Value) (Value, error) {
	if o, ok := other.(*dictView); !ok && !isSet(other) || ok && o.kind == 'v' {
		return NotImplemented, nil
	}
	n, err := lenOf(t, self)
	if err != nil {
		return nil, err
	}
	m, err := lenOf(t, other)
	if err != nil {
		return nil, err
	}
	containedIn := func(a, b Value) (Value, error) {
		items, err := ToSlice(t, a)
		if err != nil {
			return nil, err
		}
		for _, e := range items {
			if ok, err := Contains(t, b, e); err != nil || !ok {
				return False, err
			}
		}
		return True, nil
	}
	switch {
	case (op == Eq || op == Ne) && n == m:
		r, err := containedIn(self, other)
		if op == Ne && err == nil {
			r = Bool(r == False)
		}
		return r, err
	case op == Ne:
		return True, nil
	case op == Lt && n < m, op == Le && n <= m:
		return containedIn(self, other)
	case op == Gt && n > m, op == Ge && n >= m:
		return containedIn(other, self)
	}
	return False, nil
}

func isSet(v Value) bool {
	_, ok := v.(*Set)
	return ok
}

// iterableSet is the elements of any iterable as a set, for the set
// operators of dict views.
func iterableSet(t *Thread, v Value) (*Set, error) {
	if s, ok := v.(*Set); ok {
		return s, nil
	}
	items, err := ToSlice(t, v)
	if err != nil {
		return nil, err
	}
	out := &Set{}
	for _, e := range items {
		if err := out.Add(t, e); err != nil {
			return nil, err
		}
	}
	return out, nil
}
