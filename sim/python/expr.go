package python

import (
	"slices"
	"strings"
)

// eval evaluates an expression.
func (fr *frame) eval(e Expr) (Value, error) {
	switch x := e.(type) {
	case *Name:
		switch x.kind {
		case nameLocal:
			if v := fr.locals[x.index]; v != nil {
				return v, nil
			}
		case nameGlobal:
			return fr.loadGlobal(x)
		}
		return fr.load(x)
	case *Const:
		return x.Value, nil
	case *BinOp:
		v, n, _, err := fr.evalBinOp(x)
		if v == nil && err == nil {
			v = boxInt(n)
		}
		return v, err
	case *Attribute:
		obj, err := fr.eval(x.X)
		if err != nil {
			return nil, err
		}
		if r, ok := moduleAttrAt(obj, x); ok {
			return r, nil
		}
		r, err := GetAttr(fr.t, obj, x.Name)
		if err != nil {
			return nil, fr.annotate(err, x)
		}
		return r, nil
	case *CallExpr:
		return fr.evalCall(x)
	case *Subscript:
		obj, err := fr.eval(x.X)
		if err != nil {
			return nil, err
		}
		key, err := fr.eval(x.Index)
		if err != nil {
			return nil, err
		}
		r, err := GetItem(fr.t, obj, key)
		if err != nil {
			return nil, fr.annotate(err, x)
		}
		return r, nil
	case *CompareExpr:
		return fr.evalCompare(x)
	case *BoolOp:
		var v Value
		for _, sub := range x.Values {
			r, err := fr.eval(sub)
			if err != nil {
				return nil, err
			}
			b, err := Truth(fr.t, r)
			if err != nil {
				return nil, fr.annotate(err, sub)
			}
			v = r
			if b != x.And {
				return v, nil
			}
		}
		return v, nil
	case *UnaryOp:
		v, err := fr.eval(x.X)
		if err != nil {
			return nil, err
		}
		if x.Op == "not" {
			b, err := Truth(fr.t, v)
			if err != nil {
				return nil, fr.annotate(err, x)
			}
			return Bool(!b), nil
		}
		r, err := Unary(fr.t, x.Op, v)
		if err != nil {
			return nil, fr.annotate(err, x)
		}
		return r, nil
	case *IfExp:
		b, err := fr.evalCond(x.Cond)
		if err != nil {
			return nil, err
		}
		if b {
			return fr.eval(x.Then)
		}
		return fr.eval(x.Else)
	case *ListExpr:
		items, err := fr.evalElts(x.Elts)
		if err != nil {
			return nil, err
		}
		return NewList(items), nil
	case *TupleExpr:
		items, err := fr.evalElts(x.Elts)
		if err != nil {
			return nil, err
		}
		return Tuple(items), nil
	case *SetExpr:
		items, err := fr.evalElts(x.Elts)
		if err != nil {
			return nil, err
		}
		s := NewSet()
		for _, v := range items {
			if err := s.Add(fr.t, v); err != nil {
				return nil, fr.annotate(err, x)
			}
		}
		return s, nil
	case *DictExpr:
		d := NewDict()
		for i, k := range x.Keys {
			if k == nil {
				m, err := fr.eval(x.Values[i])
				if err != nil {
					return nil, err
				}
				if err := dictUpdate(fr.t, d, m, "'%s' object is not a mapping"); err != nil {
					return nil, fr.annotate(err, x)
				}
				continue
			}
			kv, err := fr.eval(k)
			if err != nil {
				return nil, err
			}
			vv, err := fr.eval(x.Values[i])
			if err != nil {
				return nil, err
			}
			if err := d.Set(fr.t, kv, vv); err != nil {
				return nil, fr.annotate(err, x)
			}
		}
		if err := fr.t.Alloc(int64(64 + 48*d.Len())); err != nil {
			return nil, err
		}
		return d, nil
	case *FString:
		return fr.evalFString(x)
	case *Lambda:
		return fr.makeFunction(x.Func)
	case *Comp:
		return fr.evalComp(x)
	case *SliceExpr:
		s := &Slice{Start: None, Stop: None, Step: None}
		var err error
		if x.Lo != nil {
			if s.Start, err = fr.eval(x.Lo); err != nil {
				return nil, err
			}
		}
		if x.Hi != nil {
			if s.Stop, err = fr.eval(x.Hi); err != nil {
				return nil, err
			}
		}
		if x.Step != nil {
			if s.Step, err = fr.eval(x.Step); err != nil {
				return nil, err
			}
		}
		return s, nil
	case *Starred:
		return nil, Errorf(SyntaxErrorClass, "can't use starred expression here")
	case *Yield:
		return fr.evalYield(x)
	case *NamedExpr:
		v, err := fr.eval(x.Value)
		if err != nil {
			return nil, err
		}
		target := fr
		for target.hidden && x.Target.kind != nameFree {
			target = target.parent
		}
		return v, target.store(x.Target, v)
	}
	return nil, &InternalError{Msg: "unknown expression"}
}

// loadGlobal loads a global name through the slot cached on the node.
func (fr *frame) loadGlobal(x *Name) (Value, error) {
	g := fr.globals
	if x.cacheG == g && x.cacheVer == g.ver {
		if v := x.cacheD.vals[x.cacheIdx]; v != nil {
			return v, nil
		}
	}
	// The filter of g's keys, if it holds, tells a builtin's name absent
	// from g without a scan of the globals.
	if f := &fr.t.globalKeys; f.d != g || f.ver != g.ver || f.bits&strBit(x.Id) != 0 {
		if i, ok := g.strSlotAt(x.globalIdx, x.Id); ok {
			x.cacheG, x.cacheD, x.cacheVer, x.cacheIdx = g, g, g.ver, i
			x.globalIdx = i
			return g.vals[i], nil
		}
	}
	if i, ok := builtins.strSlot(x.Id); ok {
		x.cacheG, x.cacheD, x.cacheVer, x.cacheIdx = g, builtins, g.ver, i
		return builtins.vals[i], nil
	}
	return fr.load(x)
}

func (fr *frame) evalElts(elts []Expr) ([]Value, error) {
	items := make([]Value, 0, len(elts))
	for _, e := range elts {
		if s, ok := e.(*Starred); ok {
			v, err := fr.eval(s.X)
			if err != nil {
				return nil, err
			}
			more, err := ToSlice(fr.t, v)
			if err != nil {
				if !IsIterable(v) {
					return nil, fr.annotate(Errorf(TypeErrorClass, "Value after * must be an iterable, not %s", typeName(v)), s)
				}
				return nil, err
			}
			items = append(items, more...)
			continue
		}
		v, err := fr.eval(e)
		if err != nil {
			return nil, err
		}
		items = append(items, v)
	}
	if len(items) > 16 {
		if err := fr.t.Alloc(int64(8 * len(items))); err != nil {
			return nil, err
		}
	}
	return items, nil
}

func (fr *frame) evalCompare(x *CompareExpr) (Value, error) {
	a, an, aInt, err := fr.evalOperand(x.X)
	if err != nil {
		return nil, err
	}
	var r Value = True
	for i, op := range x.Ops {
		b, bn, bInt, err := fr.evalOperand(x.Ys[i])
		if err != nil {
			return nil, err
		}
		res, done := false, false
		if aInt && bInt {
			res, done = intCompare(op, an, bn)
		}
		if done {
			r = Bool(res)
		} else {
			if a == nil {
				a = boxInt(an)
			}
			if b == nil {
				b = boxInt(bn)
			}
			r, err = compareOp(fr.t, op, a, b)
			if err != nil {
				return nil, fr.annotate(err, x)
			}
		}
		if i < len(x.Ops)-1 {
			ok := res
			if !done {
				ok, err = Truth(fr.t, r)
				if err != nil {
					return nil, fr.annotate(err, x)
				}
			}
			if !ok {
				return r, nil
			}
		}
		a, an, aInt = b, bn, bInt
	}
	return r, nil
}

func compareOp(t *Thread, op string, a, b Value) (Value, error) {
	if ai, ok := a.(Int); ok {
		if bi, ok := b.(Int); ok {
			switch op {
			case "<":
				return Bool(ai < bi), nil
			case "<=":
				return Bool(ai <= bi), nil
			case ">":
				return Bool(ai > bi), nil
			case ">=":
				return Bool(ai >= bi), nil
			case "==":
				return Bool(ai == bi), nil
			case "!=":
				return Bool(ai != bi), nil
			}
		}
	}
	switch op {
	case "==":
		return Compare(t, Eq, a, b)
	case "!=":
		return Compare(t, Ne, a, b)
	case "<":
		return Compare(t, Lt, a, b)
	case "<=":
		return Compare(t, Le, a, b)
	case ">":
		return Compare(t, Gt, a, b)
	case ">=":
		return Compare(t, Ge, a, b)
	case "is":
		return Bool(sameValue(a, b)), nil
	case "is not":
		return Bool(!sameValue(a, b)), nil
	case "in":
		r, err := Contains(t, b, a)
		return Bool(r), err
	case "not in":
		r, err := Contains(t, b, a)
		return Bool(!r), err
	}
	return nil, &InternalError{Msg: "bad comparison"}
}

// evalCompiled evaluates e through c, its compiled code, when there is one.
func (fr *frame) evalCompiled(c code, e Expr) (Value, error) {
	if c != nil {
		return c(fr)
	}
	return fr.eval(e)
}

func (fr *frame) evalCall(x *CallExpr) (Value, error) {
	var fn Value
	var self Value // a method's instance when the call skips binding
	var method Value
	if a, ok := x.Fn.(*Attribute); ok {
		obj, err := fr.evalCompiled(x.fnc, a.X)
		if err != nil {
			return nil, err
		}
		if m, bound := fr.lookupMethod(obj, a); bound {
			self, method = obj, m
		} else if v, ok := moduleAttrAt(obj, a); ok {
			fn = v
		} else {
			fn, err = GetAttr(fr.t, obj, a.Name)
			if err != nil {
				return nil, fr.annotate(err, a)
			}
		}
	} else {
		f, err := fr.evalCompiled(x.fnc, x.Fn)
		if err != nil {
			return nil, err
		}
		fn = f
	}
	return fr.call(x, fn, self, method)
}

// call makes the call x once its callee is known: fn, or a method found
// by lookupMethod and the instance it applies to.
func (fr *frame) call(x *CallExpr, fn, self, method Value) (Value, error) {
	var args Args
	simple := x.plain
	// A plain positional call of a learner function fills its frame's
	// slots directly, without an argument slice.
	if simple {
		target, recv := fn, self
		if method != nil {
			target = method
		} else if m, ok := fn.(*Method); ok {
			target, recv = m.Func, m.Self
		}
		if pf, ok := target.(*Function); ok {
			n := len(x.Args)
			if recv != nil {
				n++
			}
			if pf.simpleArity(n) {
				cf := fr.t.newFrame(pf)
				i := 0
				if recv != nil {
					cf.locals[0] = recv
					i = 1
				}
				if err := fr.evalArgs(x, cf.locals[i:i+len(x.Args)]); err != nil {
					return nil, err
				}
				r, err := fr.t.runFrame(pf, cf)
				if err != nil {
					return nil, fr.annotate(err, x)
				}
				return r, nil
			}
		}
	}
	if simple && len(x.Args) <= len(fr.args)-fr.argTop {
		switch f := fn.(type) {
		case nil:
			return fr.callBorrowed(x, method, self)
		case *Function:
			return fr.callBorrowed(x, f, nil)
		case *Builtin:
			if f.readsArgs && f.Owner == nil {
				return fr.callBorrowed(x, f, f.Self)
			}
		case *Method, *Class:
		default:
			return fr.callInstanceBorrowed(x, f)
		}
	}
	if simple {
		args.Pos = fr.t.newArgs(len(x.Args))
		if err := fr.evalArgs(x, args.Pos); err != nil {
			return nil, err
		}
	} else {
		// Room for the arguments as written (a starred one may add more).
		nKw := 0
		for _, a := range x.Args {
			if a.Name != "" {
				nKw++
			}
		}
		args.Pos = fr.t.newArgs(len(x.Args) - nKw)[:0]
		if nKw > 0 {
			args.Kw = fr.t.newKwargs(nKw)
		}
		for _, a := range x.Args {
			v, err := fr.eval(a.Value)
			if err != nil {
				return nil, err
			}
			switch {
			case a.Star == 1:
				items, err := ToSlice(fr.t, v)
				if err != nil {
					if !IsIterable(v) {
						return nil, fr.annotate(Errorf(TypeErrorClass, "%s argument after * must be an iterable, not %s", funcDesc(fn), typeName(v)), x)
					}
					return nil, fr.annotate(err, x)
				}
				args.Pos = append(args.Pos, items...)
			case a.Star == 2:
				d, ok := v.(*Dict)
				if !ok {
					if v.Type().Lookup("keys") == nil {
						return nil, fr.annotate(Errorf(TypeErrorClass, "%s argument after ** must be a mapping, not %s", funcDesc(fn), typeName(v)), x)
					}
					d = NewDict()
					if err := dictUpdate(fr.t, d, v, ""); err != nil {
						return nil, fr.annotate(err, x)
					}
				}
				keys, vals := d.Items()
				for i, k := range keys {
					ks, ok := k.(Str)
					if !ok {
						return nil, fr.annotate(Errorf(TypeErrorClass, "keywords must be strings"), x)
					}
					for _, kw := range args.Kw {
						if kw.Name == string(ks) {
							return nil, fr.annotate(Errorf(TypeErrorClass, "%s got multiple values for keyword argument '%s'", funcDesc(fn), ks), x)
						}
					}
					args.Kw = append(args.Kw, Kwarg{string(ks), vals[i]})
				}
			case a.Name != "":
				args.Kw = append(args.Kw, Kwarg{a.Name, v})
			default:
				args.Pos = append(args.Pos, v)
			}
		}
	}
	var r Value
	var err error
	if method != nil {
		switch m := method.(type) {
		case *Function:
			r, err = fr.t.callFunction(m, self, args)
		case *Builtin:
			r, err = m.Fn(fr.t, self, args)
		}
		if err != nil {
			if fn == nil {
				fn = bind(method, self, self.Type())
			}
			return nil, fr.annotate(err, x)
		}
		return r, nil
	}
	r, err = Call(fr.t, fn, args)
	if err != nil {
		return nil, fr.annotate(err, x)
	}
	return r, nil
}

// callBorrowed makes a call with plain positional arguments, passing them
// in a slice of the frame's args array instead of a new one, to a callee
// that reads its arguments during the call and copies what it keeps: a
// method found by lookupMethod (Go methods of the builtin types and of
// modules' types), a learner function (bindArgs copies), a builtin function
// marked readsArgs. The slots are free again when it returns.
func (fr *frame) callBorrowed(x *CallExpr, method, self Value) (Value, error) {
	pos, err := fr.borrowArgs(x)
	var r Value
	if err == nil {
		switch m := method.(type) {
		case *Function:
			r, err = fr.t.callFunction(m, self, Args{Pos: pos})
		case *Builtin:
			r, err = m.Fn(fr.t, self, Args{Pos: pos})
		}
	}
	fr.releaseArgs(pos)
	if err != nil {
		return nil, fr.annotate(err, x)
	}
	return r, nil
}

// borrowArgs evaluates x's positional arguments into the next free slots
// of the frame's args array (the caller checked there is room) and returns
// them; releaseArgs frees them once the call returns. Borrowed calls nest
// within argument evaluation, so slots are taken and freed in stack order.
// The slice's capacity ends at its length, so an append by the callee
// copies.
func (fr *frame) borrowArgs(x *CallExpr) ([]Value, error) {
	base, n := fr.argTop, len(x.Args)
	pos := fr.args[base : base+n : base+n]
	fr.argTop = base + n
	return pos, fr.evalArgs(x, pos)
}

// releaseArgs frees the slots borrowArgs returned, clearing them so they
// keep nothing alive.
func (fr *frame) releaseArgs(pos []Value) {
	clear(pos)
	fr.argTop -= len(pos)
}

// callInstanceBorrowed calls an instance, model(x), with plain positional
// arguments in a slice of the frame's args array, as callBorrowed does,
// when its class's __call__ is a learner function or a Go method (which
// copy what they keep); any other __call__ gets a copy of the arguments.
// The method is looked up after the arguments are evaluated, as Call
// would.
func (fr *frame) callInstanceBorrowed(x *CallExpr, obj Value) (Value, error) {
	pos, err := fr.borrowArgs(x)
	var r Value
	if err == nil {
		switch c := obj.Type().Lookup("__call__").(type) {
		case *Function:
			r, err = fr.t.callFunction(c, obj, Args{Pos: pos})
		case *Builtin:
			if c.Owner != nil && c.Self == nil {
				r, err = c.Fn(fr.t, obj, Args{Pos: pos})
				break
			}
			r, err = Call(fr.t, obj, Args{Pos: slices.Clone(pos)})
		default:
			r, err = Call(fr.t, obj, Args{Pos: slices.Clone(pos)})
		}
	}
	fr.releaseArgs(pos)
	if err != nil {
		return nil, fr.annotate(err, x)
	}
	return r, nil
}

// lookupMethod finds obj.name when it is a plain method defined on obj's
// class (a learner function or a Go method) and not shadowed by the
// instance dict, so the call can skip allocating a bound method.
func (fr *frame) lookupMethod(obj Value, a *Attribute) (Value, bool) {
	switch obj.(type) {
	case *Module, *Class, *superObj:
		return nil, false
	}
	name := a.Name
	cls := obj.Type()
	// A frozen class's lookups change only with frozen classes (Lookup);
	// any class the learner defines changes classAttrEpoch.
	epoch := classAttrEpoch.Load()
	if cls.frozen {
		epoch = frozenAttrEpoch.Load()
	}
	d := a.mval
	if a.mcls != cls || a.mepoch != epoch {
		d = cls.Lookup(name)
		switch m := d.(type) {
		case *Function:
		case *Builtin:
			if m.Owner == nil || m.Self != nil {
				return nil, false
			}
		default:
			return nil, false
		}
		a.mcls, a.mepoch, a.mval = cls, epoch, d
	}
	// An attribute of the object's own shadows the method.
	var dict *Dict
	switch typ := valueType(obj); typ {
	case a.mplain:
	case a.mdictType:
		dict = hasDictOf(obj, a.mdictTab).Dict()
	default:
		if hd, ok := obj.(HasDict); ok {
			dict = hd.Dict()
			a.mdictType, a.mdictTab = typ, methodTable(hd)
		} else {
			a.mplain = typ
		}
	}
	if dict != nil && (dict != a.mabsent || dict.ver != a.mabsentVer) {
		if _, shadow := dict.GetStr(name); shadow {
			return nil, false
		}
		a.mabsent, a.mabsentVer = dict, dict.ver
	}
	return d, true
}

func funcDesc(fn Value) string {
	switch f := fn.(type) {
	case *Function:
		return f.QualName + "()"
	case *Builtin:
		return f.Name + "()"
	case *Class:
		return f.Name + "()"
	case *Method:
		if pf, ok := f.Func.(*Function); ok {
			return pf.QualName + "()"
		}
	}
	return typeName(fn) + " object"
}

func (fr *frame) evalFString(x *FString) (Value, error) {
	var b strings.Builder
	for _, p := range x.Parts {
		if p.X == nil {
			b.WriteString(p.Lit)
			continue
		}
		v, err := fr.eval(p.X)
		if err != nil {
			return nil, err
		}
		if p.Debug != "" {
			b.WriteString(p.Debug)
		}
		switch p.Conv {
		case 'r', 'a':
			s, err := Repr(fr.t, v)
			if err != nil {
				return nil, fr.annotate(err, p.X)
			}
			if p.Conv == 'a' {
				s = asciiEscape(s)
			}
			v = Str(s)
		case 's':
			s, err := ToStr(fr.t, v)
			if err != nil {
				return nil, fr.annotate(err, p.X)
			}
			v = Str(s)
		}
		spec := ""
		if p.Spec != nil {
			sv, err := fr.evalFString(p.Spec)
			if err != nil {
				return nil, err
			}
			spec = string(sv.(Str))
		}
		s, err := Format(fr.t, v, spec)
		if err != nil {
			return nil, fr.annotate(err, x)
		}
		b.WriteString(s)
	}
	if b.Len() > 4096 {
		if err := fr.t.Alloc(int64(b.Len())); err != nil {
			return nil, err
		}
	}
	return Str(b.String()), nil
}

// evalComp runs a comprehension in its own (hidden) scope.
func (fr *frame) evalComp(x *Comp) (Value, error) {
	t := fr.t
	first, err := fr.eval(x.Gens[0].Iter)
	if err != nil {
		return nil, err
	}
	cf := &frame{t: t, name: x.scope.name, scope: x.scope, globals: fr.globals, prog: fr.prog, parent: fr, hidden: true, ns: fr.ns}
	cf.locals = make([]Value, x.scope.nslots)
	for _, i := range x.scope.cellSlots {
		cf.locals[i] = &Cell{}
	}
	cf.frees = fr.closureCells(x.scope)
	if x.Kind == 'g' {
		it, err := Iter(t, first)
		if err != nil {
			return nil, fr.annotate(err, x)
		}
		cf.hidden = false
		cf.parent = nil
		g := &generator{t: t, fr: cf, name: "<genexpr>"}
		cf.gen = g
		g.body = func() error {
			return cf.compLoop(x, 0, it, func() error {
				v, err := cf.run(&x.eltc, x.Elt)
				if err != nil {
					return err
				}
				_, err = g.yieldValue(v)
				return err
			})
		}
		return g, nil
	}
	var list *List
	var set *Set
	var dict *Dict
	var emit func() error
	switch x.Kind {
	case 'l':
		list = NewList(nil)
		emit = func() error {
			v, err := cf.run(&x.eltc, x.Elt)
			if err != nil {
				return err
			}
			list.Items = append(list.Items, v)
			if len(list.Items)&1023 == 0 {
				return t.Alloc(8 * 1024)
			}
			return nil
		}
	case 's':
		set = NewSet()
		emit = func() error {
			v, err := cf.run(&x.eltc, x.Elt)
			if err != nil {
				return err
			}
			return set.Add(t, v)
		}
	case 'd':
		dict = NewDict()
		emit = func() error {
			k, err := cf.run(&x.keyc, x.Key)
			if err != nil {
				return err
			}
			v, err := cf.run(&x.valuec, x.Value)
			if err != nil {
				return err
			}
			return dict.Set(t, k, v)
		}
	}
	if err := cf.compLoop(x, 0, first, emit); err != nil {
		return nil, err
	}
	switch x.Kind {
	case 'l':
		return list, nil
	case 's':
		return set, nil
	}
	return dict, nil
}

func (cf *frame) compLoop(x *Comp, i int, iterable Value, emit func() error) error {
	t := cf.t
	g := &x.Gens[i]
	if i > 0 {
		v, err := cf.eval(g.Iter)
		if err != nil {
			return err
		}
		iterable = v
	}
	if len(g.Ifs) > 0 && g.ifc == nil {
		g.ifc = make([]code, len(g.Ifs))
	}
	body := func(v Value) error {
		if err := t.step(); err != nil {
			return err
		}
		if err := cf.assign(g.Target, v); err != nil {
			return err
		}
		for j, cond := range g.Ifs {
			c, err := cf.run(&g.ifc[j], cond)
			if err != nil {
				return err
			}
			ok, err := Truth(t, c)
			if err != nil {
				return err
			}
			if !ok {
				return nil
			}
		}
		if i+1 < len(x.Gens) {
			return cf.compLoop(x, i+1, nil, emit)
		}
		return emit()
	}
	if it, ok := iterable.(Iterator); ok {
		for {
			v, ok, err := it.Next(t)
			if err != nil {
				return err
			}
			if !ok {
				return nil
			}
			if err := body(v); err != nil {
				return err
			}
		}
	}
	err := Iterate(t, iterable, body)
	if err != nil && !IsIterable(iterable) {
		return cf.annotate(err, x)
	}
	return err
}

func (fr *frame) evalYield(x *Yield) (Value, error) {
	g := fr.gen
	if g == nil {
		return nil, &InternalError{Msg: "yield outside generator"}
	}
	if x.From {
		src, err := fr.eval(x.X)
		if err != nil {
			return nil, err
		}
		it, err := Iter(fr.t, src)
		if err != nil {
			return nil, fr.annotate(err, x)
		}
		for {
			v, ok, err := it.Next(fr.t)
			if err != nil {
				return nil, err
			}
			if !ok {
				return None, nil
			}
			if _, err := g.yieldValue(v); err != nil {
				return nil, err
			}
		}
	}
	var v Value = None
	if x.X != nil {
		var err error
		v, err = fr.eval(x.X)
		if err != nil {
			return nil, err
		}
	}
	return g.yieldValue(v)
}
