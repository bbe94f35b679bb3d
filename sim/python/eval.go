package python

import (
	"strings"
)

type ctl uint8

const (
	ctlNone ctl = iota
	ctlBreak
	ctlContinue
	ctlReturn
)

// execBody runs statements, stopping at break/continue/return or an error.
func (fr *frame) execBody(body []Stmt) (ctl, error) {
	t := fr.t
	for _, st := range body {
		if err := t.step(); err != nil {
			return ctlNone, err
		}
		fr.node = st
		c, err := fr.exec(st)
		if err != nil {
			return ctlNone, fr.annotate(err, st)
		}
		if c != ctlNone {
			return c, nil
		}
	}
	return ctlNone, nil
}

func (fr *frame) exec(st Stmt) (ctl, error) {
	switch s := st.(type) {
	case *ExprStmt:
		_, err := fr.run(&s.xc, s.X)
		return ctlNone, err
	case *Assign:
		v, err := fr.run(&s.valc, s.Value)
		if err != nil {
			return ctlNone, err
		}
		if len(s.Targets) == 1 {
			if n, ok := s.Targets[0].(*Name); ok && n.kind == nameLocal {
				fr.locals[n.index] = v
				return ctlNone, nil
			}
		}
		for _, tg := range s.Targets {
			if err := fr.assign(tg, v); err != nil {
				return ctlNone, err
			}
		}
		return ctlNone, nil
	case *AugAssign:
		return ctlNone, fr.augAssign(s)
	case *AnnAssign:
		if n, ok := s.Target.(*Name); ok && fr.fn == nil {
			// Module and class bodies record annotations in order
			// (dataclasses reads them).
			ns := fr.globals
			if fr.ns != nil {
				ns = fr.ns
			}
			ann, err := fr.eval(s.Ann)
			if err != nil {
				return ctlNone, err
			}
			d, ok := ns.GetStr("__annotations__")
			dict, isDict := d.(*Dict)
			if !ok || !isDict {
				dict = NewDict()
				ns.SetStr("__annotations__", dict)
			}
			dict.setStr(n.Id, nil, ann)
		}
		if s.Value == nil {
			return ctlNone, nil
		}
		v, err := fr.eval(s.Value)
		if err != nil {
			return ctlNone, err
		}
		return ctlNone, fr.assign(s.Target, v)
	case *If:
		for {
			b, err := fr.runCond(&s.condc, s.Cond)
			if err != nil {
				return ctlNone, err
			}
			if b {
				return fr.runBody(&s.bodyc, s.Body)
			}
			if len(s.Else) == 1 {
				if elif, ok := s.Else[0].(*If); ok {
					fr.node = elif
					s = elif
					continue
				}
			}
			return fr.runBody(&s.elsec, s.Else)
		}
	case *While:
		return fr.execWhile(s)
	case *For:
		return fr.execFor(s)
	case *Pass:
		return ctlNone, nil
	case *Break:
		return ctlBreak, nil
	case *Continue:
		return ctlContinue, nil
	case *Return:
		if s.Value == nil {
			fr.retval = None
		} else {
			v, err := fr.run(&s.valc, s.Value)
			if err != nil {
				return ctlNone, err
			}
			fr.retval = v
		}
		return ctlReturn, nil
	case *FuncDef:
		f, err := fr.makeFunction(s)
		if err != nil {
			return ctlNone, err
		}
		v, err := fr.decorate(s.Decorators, f)
		if err != nil {
			return ctlNone, err
		}
		return ctlNone, fr.store(s.nameRef, v)
	case *ClassDef:
		// The class body's frame is entered from the statement's first
		// line as a whole, so CPython draws no carets there.
		return ctlNone, fr.annotate(fr.execClass(s), wholeLine(s.Pos))
	case *Try:
		return fr.execTry(s)
	case *Raise:
		return ctlNone, fr.execRaise(s)
	case *With:
		return fr.execWith(s, 0)
	case *Import:
		return ctlNone, fr.execImport(s)
	case *ImportFrom:
		return ctlNone, fr.execImportFrom(s)
	case *Global, *Nonlocal:
		return ctlNone, nil
	case *Assert:
		ok, at, err := fr.assertTest(s.Test)
		if err != nil {
			return ctlNone, err
		}
		if ok {
			return ctlNone, nil
		}
		var exc *Exception
		if s.Msg == nil {
			exc = NewException(AssertionErrorClass)
		} else {
			m, err := fr.eval(s.Msg)
			if err != nil {
				return ctlNone, err
			}
			exc = NewException(AssertionErrorClass, m)
		}
		if at != nil {
			return ctlNone, fr.annotate(exc, at)
		}
		return ctlNone, exc
	case *Del:
		for _, tg := range s.Targets {
			if err := fr.del(tg); err != nil {
				return ctlNone, err
			}
		}
		return ctlNone, nil
	}
	return ctlNone, &InternalError{Msg: "unknown statement"}
}

// assertTest evaluates an assert's test and, when it is false, finds where
// CPython reports the failure: the comparison that decided it (through
// "not", "and" and "or"), or nil for the statement itself.
func (fr *frame) assertTest(e Expr) (bool, Node, error) {
	switch x := e.(type) {
	case *UnaryOp:
		if x.Op == "not" {
			v, at, err := fr.assertTest(x.X)
			return !v, at, err
		}
	case *BoolOp:
		var v bool
		var at Node
		for _, sub := range x.Values {
			var err error
			v, at, err = fr.assertTest(sub)
			if err != nil {
				return false, nil, err
			}
			if v != x.And {
				return v, at, nil
			}
		}
		return v, at, nil
	case *CompareExpr:
		r, err := fr.eval(x)
		if err != nil {
			return false, nil, err
		}
		v, err := Truth(fr.t, r)
		return v, x, err
	}
	r, err := fr.eval(e)
	if err != nil {
		return false, nil, err
	}
	v, err := Truth(fr.t, r)
	return v, nil, err
}

func (fr *frame) execWhile(s *While) (ctl, error) {
	t := fr.t
	for {
		b, err := fr.runCond(&s.condc, s.Cond)
		if err != nil {
			return ctlNone, err
		}
		if !b {
			break
		}
		if err := t.step(); err != nil {
			return ctlNone, err
		}
		r, err := fr.runBody(&s.bodyc, s.Body)
		if err != nil {
			return ctlNone, err
		}
		if r == ctlBreak {
			return ctlNone, nil
		}
		if r == ctlReturn {
			return r, nil
		}
	}
	return fr.execBody(s.Else)
}

// errBreak and friends carry loop control out of an Iterate callback.
type loopSignal struct{ c ctl }

func (l *loopSignal) Error() string { return "loop control" }

var (
	sigBreak  = &loopSignal{ctlBreak}
	sigReturn = &loopSignal{ctlReturn}
)

func (fr *frame) execFor(s *For) (ctl, error) {
	t := fr.t
	it, err := fr.eval(s.Iter)
	if err != nil {
		return ctlNone, err
	}
	local := -1 // the target's slot when it is a plain local name
	if n, ok := s.Target.(*Name); ok && n.kind == nameLocal {
		local = n.index
	}
	body := func(v Value) error {
		if err := t.step(); err != nil {
			return err
		}
		if local >= 0 {
			fr.locals[local] = v
		} else if err := fr.assign(s.Target, v); err != nil {
			return err
		}
		r, err := fr.runBody(&s.bodyc, s.Body)
		if err != nil {
			return err
		}
		switch r {
		case ctlBreak:
			return sigBreak
		case ctlReturn:
			return sigReturn
		}
		return nil
	}
	switch x := it.(type) {
	case *List, *Range, Tuple:
		err = Iterate(t, x, body)
	default:
		iter, ierr := Iter(t, it)
		if ierr != nil {
			return ctlNone, fr.annotate(ierr, wholeLine(s.Pos))
		}
		for {
			v, ok, nerr := iter.Next(t)
			if nerr != nil {
				err = fr.annotate(nerr, wholeLine(s.Pos))
				break
			}
			if !ok {
				break
			}
			if err = body(v); err != nil {
				break
			}
		}
	}
	if err == sigBreak {
		return ctlNone, nil
	}
	if err == sigReturn {
		return ctlReturn, nil
	}
	if err != nil {
		return ctlNone, err
	}
	return fr.execBody(s.Else)
}

// ---- names ----

func (fr *frame) load(n *Name) (Value, error) {
	switch n.kind {
	case nameLocal:
		if v := fr.locals[n.index]; v != nil {
			return v, nil
		}
		return nil, fr.annotate(Errorf(UnboundLocalErrorClass, "cannot access local variable '%s' where it is not associated with a value", n.Id), n)
	case nameCell:
		if v := fr.locals[n.index].(*Cell).V; v != nil {
			return v, nil
		}
		return nil, fr.annotate(Errorf(UnboundLocalErrorClass, "cannot access local variable '%s' where it is not associated with a value", n.Id), n)
	case nameFree:
		if v := fr.frees[n.index].V; v != nil {
			return v, nil
		}
		return nil, fr.annotate(Errorf(NameErrorClass, "cannot access free variable '%s' where it is not associated with a value in enclosing scope", n.Id), n)
	case nameClass:
		if v, ok := fr.ns.GetStr(n.Id); ok {
			return v, nil
		}
	}
	if v, ok := fr.globals.GetStr(n.Id); ok {
		return v, nil
	}
	if v, ok := builtins.GetStr(n.Id); ok {
		return v, nil
	}
	e := Errorf(NameErrorClass, "name '%s' is not defined", n.Id)
	e.dict.SetStr("name", Str(n.Id))
	e.nameFrame = fr
	fr.keep()
	return nil, fr.annotate(e, n)
}

func (fr *frame) store(n *Name, v Value) error {
	switch n.kind {
	case nameLocal:
		fr.locals[n.index] = v
	case nameCell:
		fr.locals[n.index].(*Cell).V = v
	case nameFree:
		fr.frees[n.index].V = v
	case nameClass:
		fr.ns.setStr(n.Id, n.dictKey(), v)
	default:
		n.globalIdx = fr.globals.setStrAtFiltered(n.globalIdx, n.Id, n.dictKey(), v, &fr.t.globalKeys)
	}
	return nil
}

// dictKey returns the name as a str key, boxing it once per program
// rather than once per run.
func (n *Name) dictKey() Value {
	if n.key == nil {
		n.key = Str(n.Id)
	}
	return n.key
}

func (fr *frame) delName(n *Name) error {
	unbound := func() error {
		if n.kind == nameGlobal || n.kind == nameClass {
			e := Errorf(NameErrorClass, "name '%s' is not defined", n.Id)
			e.dict.SetStr("name", Str(n.Id))
			return e
		}
		return Errorf(UnboundLocalErrorClass, "cannot access local variable '%s' where it is not associated with a value", n.Id)
	}
	switch n.kind {
	case nameLocal:
		if fr.locals[n.index] == nil {
			return unbound()
		}
		fr.locals[n.index] = nil
	case nameCell:
		c := fr.locals[n.index].(*Cell)
		if c.V == nil {
			return unbound()
		}
		c.V = nil
	case nameFree:
		if fr.frees[n.index].V == nil {
			return unbound()
		}
		fr.frees[n.index].V = nil
	case nameClass:
		if ok, _ := fr.ns.Delete(fr.t, Str(n.Id)); !ok {
			return unbound()
		}
	default:
		if ok, _ := fr.globals.Delete(fr.t, Str(n.Id)); !ok {
			return unbound()
		}
	}
	return nil
}

// ---- assignment ----

func (fr *frame) assign(target Expr, v Value) error {
	switch tg := target.(type) {
	case *Name:
		return fr.store(tg, v)
	case *Attribute:
		obj, err := fr.eval(tg.X)
		if err != nil {
			return err
		}
		if err := SetAttr(fr.t, obj, tg.Name, v); err != nil {
			return fr.annotate(err, tg)
		}
		return nil
	case *Subscript:
		obj, err := fr.eval(tg.X)
		if err != nil {
			return err
		}
		key, err := fr.eval(tg.Index)
		if err != nil {
			return err
		}
		if err := SetItem(fr.t, obj, key, v); err != nil {
			return fr.annotate(err, tg)
		}
		return nil
	case *TupleExpr:
		return fr.annotate(fr.unpack(tg.Elts, v, tg), tg)
	case *ListExpr:
		return fr.annotate(fr.unpack(tg.Elts, v, tg), tg)
	case *Starred:
		return fr.assign(tg.X, v)
	}
	return &InternalError{Msg: "bad assignment target"}
}

func (fr *frame) unpack(targets []Expr, v Value, node Node) error {
	t := fr.t
	star := -1
	for i, tg := range targets {
		if _, ok := tg.(*Starred); ok {
			star = i
		}
	}
	var items []Value
	switch x := v.(type) {
	case Tuple:
		items = x
	case *List:
		items = x.Items
	default:
		if !IsIterable(v) {
			return Errorf(TypeErrorClass, "cannot unpack non-iterable %s object", typeName(v))
		}
		if star < 0 {
			// Stop reading once we know there are too many.
			it, err := Iter(t, v)
			if err != nil {
				return err
			}
			for len(items) <= len(targets) {
				e, ok, err := it.Next(t)
				if err != nil {
					return err
				}
				if !ok {
					break
				}
				items = append(items, e)
			}
		} else {
			all, err := ToSlice(t, v)
			if err != nil {
				return err
			}
			items = all
		}
	}
	n := len(targets)
	if star < 0 {
		if len(items) > n {
			return Errorf(ValueErrorClass, "too many values to unpack (expected %d)", n)
		}
		if len(items) < n {
			return Errorf(ValueErrorClass, "not enough values to unpack (expected %d, got %d)", n, len(items))
		}
		for i, tg := range targets {
			if err := fr.assign(tg, items[i]); err != nil {
				return err
			}
		}
		return nil
	}
	if len(items) < n-1 {
		return Errorf(ValueErrorClass, "not enough values to unpack (expected at least %d, got %d)", n-1, len(items))
	}
	after := n - star - 1
	for i := 0; i < star; i++ {
		if err := fr.assign(targets[i], items[i]); err != nil {
			return err
		}
	}
	mid := append([]Value(nil), items[star:len(items)-after]...)
	if err := fr.assign(targets[star], NewList(mid)); err != nil {
		return err
	}
	for i := 0; i < after; i++ {
		if err := fr.assign(targets[star+1+i], items[len(items)-after+i]); err != nil {
			return err
		}
	}
	return nil
}

func (fr *frame) augAssign(s *AugAssign) error {
	t := fr.t
	switch tg := s.Target.(type) {
	case *Name:
		cur, err := fr.load(tg)
		if err != nil {
			return err
		}
		v, err := fr.run(&s.valc, s.Value)
		if err != nil {
			return err
		}
		r, err := fr.inplaceFast(s.Op, cur, v)
		if err != nil {
			return fr.annotate(err, s)
		}
		return fr.store(tg, r)
	case *Attribute:
		obj, err := fr.eval(tg.X)
		if err != nil {
			return err
		}
		cur, err := GetAttr(t, obj, tg.Name)
		if err != nil {
			return fr.annotate(err, tg)
		}
		v, err := fr.eval(s.Value)
		if err != nil {
			return err
		}
		r, err := fr.inplaceFast(s.Op, cur, v)
		if err != nil {
			return fr.annotate(err, s)
		}
		if err := SetAttr(t, obj, tg.Name, r); err != nil {
			return fr.annotate(err, tg)
		}
		return nil
	case *Subscript:
		obj, err := fr.eval(tg.X)
		if err != nil {
			return err
		}
		key, err := fr.eval(tg.Index)
		if err != nil {
			return err
		}
		cur, err := GetItem(t, obj, key)
		if err != nil {
			return fr.annotate(err, tg)
		}
		v, err := fr.eval(s.Value)
		if err != nil {
			return err
		}
		r, err := fr.inplaceFast(s.Op, cur, v)
		if err != nil {
			return fr.annotate(err, s)
		}
		if err := SetItem(t, obj, key, r); err != nil {
			return fr.annotate(err, tg)
		}
		return nil
	}
	return &InternalError{Msg: "bad augmented assignment target"}
}

func (fr *frame) inplaceFast(op Op, a, b Value) (Value, error) {
	if x, ok := a.(Int); ok {
		if y, ok := b.(Int); ok {
			switch op {
			case Add:
				if s := x + y; (s > x) == (y > 0) {
					return boxInt(int64(s)), nil
				}
			case Sub:
				if s := x - y; (s < x) == (y > 0) {
					return boxInt(int64(s)), nil
				}
			}
		}
	}
	return InplaceBinary(fr.t, op, a, b)
}

func (fr *frame) del(target Expr) error {
	switch tg := target.(type) {
	case *Name:
		if err := fr.delName(tg); err != nil {
			return fr.annotate(err, tg)
		}
		return nil
	case *Attribute:
		obj, err := fr.eval(tg.X)
		if err != nil {
			return err
		}
		if err := DelAttr(fr.t, obj, tg.Name); err != nil {
			return fr.annotate(err, tg)
		}
		return nil
	case *Subscript:
		obj, err := fr.eval(tg.X)
		if err != nil {
			return err
		}
		key, err := fr.eval(tg.Index)
		if err != nil {
			return err
		}
		if err := DelItem(fr.t, obj, key); err != nil {
			return fr.annotate(err, tg)
		}
		return nil
	case *TupleExpr:
		for _, e := range tg.Elts {
			if err := fr.del(e); err != nil {
				return err
			}
		}
		return nil
	case *ListExpr:
		for _, e := range tg.Elts {
			if err := fr.del(e); err != nil {
				return err
			}
		}
		return nil
	}
	return &InternalError{Msg: "bad del target"}
}

// ---- functions and classes ----

func (fr *frame) closureCells(s *scope) []*Cell {
	if len(s.captures) == 0 {
		return nil
	}
	cells := make([]*Cell, len(s.captures))
	for i, c := range s.captures {
		if c.fromFree {
			cells[i] = fr.frees[c.index]
		} else {
			cells[i] = fr.locals[c.index].(*Cell)
		}
	}
	return cells
}

func (fr *frame) qualPrefix() string {
	f := fr.tbFrame()
	switch {
	case f.fn != nil:
		return f.fn.QualName + ".<locals>."
	case f.ns != nil:
		if q, ok := f.ns.GetStr("__qualname__"); ok {
			if s, ok := q.(Str); ok {
				return string(s) + "."
			}
		}
	}
	return ""
}

func (fr *frame) makeFunction(d *FuncDef) (*Function, error) {
	f := &Function{Name: d.Name, QualName: fr.qualPrefix() + d.Name, def: d, globals: fr.globals, prog: fr.prog, Doc: None}
	for _, p := range d.Params {
		if p.Default == nil {
			continue
		}
		v, err := fr.eval(p.Default)
		if err != nil {
			return nil, err
		}
		if p.Kind == 2 {
			if f.KwDefaults == nil {
				f.KwDefaults = map[string]Value{}
			}
			f.KwDefaults[p.Name] = v
		} else {
			f.Defaults = append(f.Defaults, v)
		}
	}
	if len(d.Body) > 0 && !d.IsLambda {
		if es, ok := d.Body[0].(*ExprStmt); ok {
			if c, ok := es.X.(*Const); ok {
				if s, ok := c.Value.(Str); ok {
					f.Doc = s
				}
			}
		}
	}
	f.frees = fr.closureCells(d.scope)
	return f, nil
}

func (fr *frame) decorate(decs []Expr, v Value) (Value, error) {
	fns := make([]Value, len(decs))
	for i, d := range decs {
		f, err := fr.eval(d)
		if err != nil {
			return nil, err
		}
		fns[i] = f
	}
	for i := len(fns) - 1; i >= 0; i-- {
		r, err := Call(fr.t, fns[i], PosArgs(v))
		if err != nil {
			return nil, fr.annotate(err, decs[i])
		}
		v = r
	}
	return v, nil
}

func (fr *frame) execClass(s *ClassDef) error {
	t := fr.t
	var bases []*Class
	for _, b := range s.Bases {
		if b.Name != "" {
			if b.Name == "metaclass" {
				return Errorf(TypeErrorClass, "metaclasses are not supported by the simulator")
			}
			continue
		}
		v, err := fr.eval(b.Value)
		if err != nil {
			return err
		}
		c, ok := v.(*Class)
		if !ok {
			if _, isMod := v.(*Module); isMod {
				return Errorf(TypeErrorClass, "module() takes at most 2 arguments (3 given)")
			}
			return Errorf(TypeErrorClass, "bases must be types")
		}
		bases = append(bases, c)
	}
	ns := NewDict()
	ns.SetStr("__module__", Str("__main__"))
	ns.SetStr("__qualname__", Str(fr.qualPrefix()+s.Name))
	if len(s.Body) > 0 {
		if es, ok := s.Body[0].(*ExprStmt); ok {
			if c, ok := es.X.(*Const); ok {
				if d, ok := c.Value.(Str); ok {
					ns.SetStr("__doc__", d)
				}
			}
		}
	}
	cf := &frame{t: t, name: s.Name, scope: s.scope, ns: ns, globals: fr.globals, prog: fr.prog, frees: fr.closureCells(s.scope)}
	if t.depth >= t.limits.Depth {
		return Errorf(RecursionErrorClass, "maximum recursion depth exceeded")
	}
	t.depth++
	cf.back = t.top
	t.top = cf
	_, err := cf.execBody(s.Body)
	t.top = cf.back
	t.depth--
	if err != nil {
		return err
	}
	cls, err := NewUserClass(s.Name, bases, ns)
	if err != nil {
		return err
	}
	v, err := fr.decorate(s.Decorators, cls)
	if err != nil {
		return err
	}
	return fr.store(s.nameRef, v)
}

// NewUserClass creates a class as a class statement does.
func NewUserClass(name string, bases []*Class, ns *Dict) (*Class, error) {
	if len(bases) == 0 {
		bases = []*Class{ObjectClass}
	}
	for _, b := range bases {
		if b == BoolClass || b == FunctionClass || b == GeneratorClass || b == NoneTypeClass {
			return nil, Errorf(TypeErrorClass, "type '%s' is not an acceptable base type", b.Name)
		}
	}
	c := &Class{Name: name, Module: "__main__", Bases: bases, attrs: map[string]Value{}, hasDict: true}
	mro, err := c3(c)
	if err != nil {
		return nil, Errorf(TypeErrorClass, "%s", err.Error())
	}
	c.MRO = mro
	c.inherit()
	c.plainAttrs = true
	for _, k := range mro {
		if k != c && k != ObjectClass && (k.isBuiltin || !k.plainAttrs) {
			c.plainAttrs = false
		}
	}
	keys, vals := ns.Items()
	for i, k := range keys {
		name := string(k.(Str))
		if name == "__module__" {
			if s, ok := vals[i].(Str); ok {
				c.Module = string(s)
			}
			continue
		}
		if name == "__qualname__" {
			continue
		}
		v := vals[i]
		if f, ok := v.(*Function); ok {
			f.class = c
		}
		if sm, ok := v.(*StaticMethod); ok {
			if f, ok := sm.Func.(*Function); ok {
				f.class = c
			}
		}
		if cm, ok := v.(*ClassMethod); ok {
			if f, ok := cm.Func.(*Function); ok {
				f.class = c
			}
		}
		if p, ok := v.(*Property); ok {
			for _, fv := range []Value{p.FGet, p.FSet, p.FDel} {
				if f, ok := fv.(*Function); ok {
					f.class = c
				}
			}
			if p.Name == "" {
				p.Name = name
			}
		}
		if name == "__eq__" {
			if _, has := ns.GetStr("__hash__"); !has {
				c.Set("__hash__", None)
			}
		}
		c.Set(name, v)
	}
	return c, nil
}

// ---- try / raise / with ----

func (fr *frame) execTry(s *Try) (ctl, error) {
	t := fr.t
	c, err := fr.execBody(s.Body)
	if err != nil {
		if exc, ok := err.(*Exception); ok && len(s.Handlers) > 0 {
			handled := false
			for i := range s.Handlers {
				h := &s.Handlers[i]
				match := true
				if h.Type != nil {
					tv, terr := fr.eval(h.Type)
					if terr != nil {
						err = terr
						handled = true
						break
					}
					m, merr := exceptionMatches(exc, tv)
					if merr != nil {
						err = fr.annotate(merr, h.Type)
						handled = true
						break
					}
					match = m
				}
				if !match {
					continue
				}
				handled = true
				exc.tbFrame = nil
				if h.Name != nil {
					fr.store(h.Name, exc)
				}
				prev := t.handling
				t.handling = exc
				c, err = fr.execBody(h.Body)
				t.handling = prev
				if h.Name != nil {
					fr.delName(h.Name)
				}
				if e2, ok := err.(*Exception); ok && e2 != exc && e2.Context == nil && !chainHas(exc, e2) {
					e2.Context = exc
				}
				break
			}
			if !handled {
				// not caught: err unchanged
			}
		}
	} else if c == ctlNone && len(s.Else) > 0 {
		c, err = fr.execBody(s.Else)
	}
	if len(s.Finally) > 0 {
		if _, isLimit := err.(*LimitError); isLimit {
			return c, err
		}
		if _, isInternal := err.(*InternalError); isInternal {
			return c, err
		}
		if _, closed := err.(genClosed); closed {
			return c, err
		}
		savedRet := fr.retval
		prev := t.handling
		if e, ok := err.(*Exception); ok {
			t.handling = e
		}
		fc, ferr := fr.execBody(s.Finally)
		t.handling = prev
		if ferr != nil {
			if e2, ok := ferr.(*Exception); ok {
				if e1, ok := err.(*Exception); ok && e2 != e1 && e2.Context == nil {
					e2.Context = e1
				}
			}
			return ctlNone, ferr
		}
		if fc != ctlNone {
			return fc, nil
		}
		fr.retval = savedRet
	}
	return c, err
}

func chainHas(e, x *Exception) bool {
	for n := 0; e != nil && n < 100; n++ {
		if e == x {
			return true
		}
		e = e.Context
	}
	return false
}

func exceptionMatches(exc *Exception, tv Value) (bool, error) {
	switch x := tv.(type) {
	case *Class:
		if !x.exceptBase {
			return false, Errorf(TypeErrorClass, "catching classes that do not inherit from BaseException is not allowed")
		}
		return exc.Type().IsSubclass(x), nil
	case Tuple:
		for _, e := range x {
			m, err := exceptionMatches(exc, e)
			if err != nil || m {
				return m, err
			}
		}
		return false, nil
	}
	return false, Errorf(TypeErrorClass, "catching classes that do not inherit from BaseException is not allowed")
}

// makeException turns the operand of raise into an exception instance.
func (fr *frame) makeException(v Value, what string) (*Exception, error) {
	switch x := v.(type) {
	case *Exception:
		return x, nil
	case *Class:
		if x.exceptBase {
			r, err := Call(fr.t, x, Args{})
			if err != nil {
				return nil, err
			}
			if e, ok := r.(*Exception); ok {
				return e, nil
			}
			return nil, Errorf(TypeErrorClass, "calling %s should have returned an instance of BaseException, not %s", reprNoThread(x), typeName(r))
		}
	}
	return nil, Errorf(TypeErrorClass, "%s", what)
}

func (fr *frame) execRaise(s *Raise) error {
	t := fr.t
	if s.Exc == nil {
		if t.handling == nil {
			return Errorf(RuntimeErrorClass, "No active exception to reraise")
		}
		e := t.handling
		tf := fr.tbFrame()
		e.tbFrame, e.tbSerial = tf, tf.serial
		return e
	}
	v, err := fr.eval(s.Exc)
	if err != nil {
		return err
	}
	exc, err := fr.makeException(v, "exceptions must derive from BaseException")
	if err != nil {
		return err
	}
	if s.Cause != nil {
		cv, err := fr.eval(s.Cause)
		if err != nil {
			return err
		}
		if cv == None {
			exc.Cause = nil
		} else {
			ce, err := fr.makeException(cv, "exception causes must derive from BaseException")
			if err != nil {
				return err
			}
			exc.Cause = ce
		}
		exc.SuppressContext = true
	}
	if t.handling != nil && t.handling != exc && !chainHas(t.handling, exc) {
		exc.Context = t.handling
	}
	exc.tbFrame = nil
	return exc
}

func (fr *frame) execWith(s *With, i int) (ctl, error) {
	if i == len(s.Items) {
		return fr.execBody(s.Body)
	}
	t := fr.t
	item := s.Items[i]
	mgr, err := fr.eval(item.Ctx)
	if err != nil {
		return ctlNone, err
	}
	cls := mgr.Type()
	enter, exit := cls.Lookup("__enter__"), cls.Lookup("__exit__")
	if enter == nil {
		return ctlNone, fr.annotate(Errorf(TypeErrorClass, "'%s' object does not support the context manager protocol", cls.Name), item.Ctx)
	}
	if exit == nil {
		return ctlNone, fr.annotate(Errorf(TypeErrorClass, "'%s' object does not support the context manager protocol (missed __exit__ method)", cls.Name), item.Ctx)
	}
	v, err := Call(t, bind(enter, mgr, cls), Args{})
	if err != nil {
		return ctlNone, fr.annotate(err, item.Ctx)
	}
	if item.Target != nil {
		if err := fr.assign(item.Target, v); err != nil {
			return ctlNone, err
		}
	}
	c, err := fr.execWith(s, i+1)
	if err != nil {
		exc, ok := err.(*Exception)
		if !ok {
			return c, err
		}
		prev := t.handling
		t.handling = exc
		r, xerr := Call(t, bind(exit, mgr, cls), PosArgs(exc.Type(), exc, None))
		t.handling = prev
		if xerr != nil {
			if e2, ok := xerr.(*Exception); ok && e2 != exc && e2.Context == nil {
				e2.Context = exc
			}
			return ctlNone, fr.annotate(xerr, item.Ctx)
		}
		suppress, terr := Truth(t, r)
		if terr != nil {
			return ctlNone, terr
		}
		if suppress {
			return ctlNone, nil
		}
		return c, err
	}
	if _, xerr := Call(t, bind(exit, mgr, cls), PosArgs(None, None, None)); xerr != nil {
		return ctlNone, fr.annotate(xerr, item.Ctx)
	}
	return c, nil
}

// ---- imports ----

func (fr *frame) execImport(s *Import) error {
	t := fr.t
	ri := 0
	for i := range s.Names {
		n := &s.Names[i]
		m, err := t.importModule(n.Name, &n.site)
		if err != nil {
			return err
		}
		if n.AsName != nil {
			fr.store(n.AsName, m)
			continue
		}
		tm := m // import torch binds the module imported
		if i := strings.IndexByte(n.Name, '.'); i >= 0 {
			// import torch.nn binds torch, imported with it
			if tm, err = t.importModule(n.Name[:i], nil); err != nil {
				return err
			}
		}
		fr.store(s.refs[ri], tm)
		ri++
	}
	return nil
}

// importModule is Import; site, if not nil, is what the import statement
// found last (importAt).
func (t *Thread) importModule(name string, site *importSite) (*Module, error) {
	m, err := t.importAt(name, site)
	if err != nil && isException(err, ModuleNotFoundErrorClass) {
		return nil, err
	}
	return m, err
}

func (fr *frame) execImportFrom(s *ImportFrom) error {
	t := fr.t
	if s.Level > 0 {
		return Errorf(ImportErrorClass, "attempted relative import with no known parent package")
	}
	m, err := t.importModule(s.Module, nil)
	if err != nil {
		return err
	}
	for _, n := range s.Names {
		if n.Name == "*" {
			if err := t.loadSubmodules(m); err != nil {
				return err
			}
			keys, vals := m.dict.Items()
			for i, k := range keys {
				ks := string(k.(Str))
				if strings.HasPrefix(ks, "_") {
					continue
				}
				fr.globals.setStr(ks, k, vals[i])
			}
			continue
		}
		v, ok, err := t.moduleAttr(m, n.Name)
		if err != nil {
			return err
		}
		if !ok {
			if _, found := lookupModuleInit(s.Module + "." + n.Name); found {
				sub, err := t.Import(s.Module + "." + n.Name)
				if err != nil {
					return err
				}
				v = sub
			} else {
				where := "unknown location"
				if f, ok := m.dict.GetStr("__file__"); ok {
					if fs, ok := f.(Str); ok {
						where = string(fs)
					}
				}
				e := Errorf(ImportErrorClass, "cannot import name '%s' from '%s' (%s)", n.Name, s.Module, where)
				e.dict.SetStr("name", Str(s.Module))
				e.dict.SetStr("name_from", Str(n.Name))
				e.importModule = m
				return e
			}
		}
		fr.store(n.AsName, v)
	}
	return nil
}
