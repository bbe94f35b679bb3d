package python

// The blocks that run again and again (a function's body, a loop's) are
// compiled, on their first run, into Go closures, one per statement, and so
// are the expressions those statements evaluate. A closure does exactly
// what exec or eval would do for its node, but calls its children's
// closures directly instead of dispatching on their node kinds at every
// visit, and the common cases get closures of their own: local names,
// constants, int arithmetic and comparisons (unboxed in between, as in
// intpath.go), plain calls, assignments to a local or a subscript, ifs.
// Other node kinds run through exec and eval.
//
// Compiled code is cached on the nodes. It holds no state of a run (that
// lives in the frame it is given), so a cached Program can be run again by
// any thread; like the other node caches it is written by the one thread
// running the program.

// code evaluates a compiled expression in a frame.
type code func(fr *frame) (Value, error)

// operandCode evaluates a compiled operand of arithmetic or a comparison,
// as evalOperand reports it.
type operandCode func(fr *frame) (v Value, n int64, isInt bool, err error)

// compile returns e's closure.
func compile(e Expr) code {
	switch x := e.(type) {
	case *Name:
		switch x.kind {
		case nameLocal:
			i := x.index
			return func(fr *frame) (Value, error) {
				if v := fr.locals[i]; v != nil {
					return v, nil
				}
				return fr.load(x)
			}
		case nameGlobal:
			return func(fr *frame) (Value, error) { return fr.loadGlobal(x) }
		}
		return func(fr *frame) (Value, error) { return fr.load(x) }
	case *Const:
		v := x.Value
		return func(*frame) (Value, error) { return v, nil }
	case *BinOp:
		op := compileBinOp(x)
		return func(fr *frame) (Value, error) {
			v, n, _, err := op(fr)
			if v == nil && err == nil {
				v = fr.t.boxInt(n)
			}
			return v, err
		}
	case *CompareExpr:
		if len(x.Ops) == 1 {
			return compileCompare(x)
		}
	case *CallExpr:
		compileCall(x)
		if x.plain {
			return compilePlainCall(x)
		}
		return func(fr *frame) (Value, error) { return fr.evalCall(x) }
	case *Attribute:
		obj := compile(x.X)
		name := x.Name
		return func(fr *frame) (Value, error) {
			o, err := obj(fr)
			if err != nil {
				return nil, err
			}
			if r, ok := moduleAttrAt(o, x); ok {
				return r, nil
			}
			var r Value
			if p := propertyAt(o, x); p != nil {
				r, err = p.get(fr.t, o) // as GetAttr would, without the look-up
			} else {
				r, err = GetAttr(fr.t, o, name)
			}
			if err != nil {
				return nil, fr.annotate(err, x)
			}
			return r, nil
		}
	case *Subscript:
		obj, index := compile(x.X), compile(x.Index)
		return func(fr *frame) (Value, error) {
			o, err := obj(fr)
			if err != nil {
				return nil, err
			}
			key, err := index(fr)
			if err != nil {
				return nil, err
			}
			r, err := GetItem(fr.t, o, key)
			if err != nil {
				return nil, fr.annotate(err, x)
			}
			return r, nil
		}
	}
	return func(fr *frame) (Value, error) { return fr.eval(e) }
}

// compileOperand returns the closure of an operand of arithmetic or a
// comparison.
func compileOperand(e Expr) operandCode {
	switch x := e.(type) {
	case *BinOp:
		return compileBinOp(x)
	case *Name:
		if x.kind != nameLocal {
			break
		}
		slot := x.index
		return func(fr *frame) (Value, int64, bool, error) {
			v := fr.locals[slot]
			if v == nil {
				_, err := fr.load(x)
				return nil, 0, false, err
			}
			if i, ok := v.(Int); ok {
				return v, int64(i), true, nil
			}
			return v, 0, false, nil
		}
	case *Const:
		v := x.Value
		if i, ok := v.(Int); ok {
			return func(*frame) (Value, int64, bool, error) { return v, int64(i), true, nil }
		}
		return func(*frame) (Value, int64, bool, error) { return v, 0, false, nil }
	}
	c := compile(e)
	return func(fr *frame) (Value, int64, bool, error) {
		v, err := c(fr)
		if err != nil {
			return nil, 0, false, err
		}
		if i, ok := v.(Int); ok {
			return v, int64(i), true, nil
		}
		return v, 0, false, nil
	}
}

// compileBinOp is evalBinOp compiled.
func compileBinOp(x *BinOp) operandCode {
	left, right := compileOperand(x.X), compileOperand(x.Y)
	op := x.Op
	if c, ok := x.Y.(*Const); ok {
		if k, ok := c.Value.(Int); ok {
			if n, ok := x.X.(*Name); ok && n.kind == nameLocal {
				// i % 10, n + 1: a local and a constant, read in place.
				slot := n.index
				return func(fr *frame) (Value, int64, bool, error) {
					a := fr.locals[slot]
					if a == nil {
						_, err := fr.load(n)
						return nil, 0, false, err
					}
					if ai, ok := a.(Int); ok {
						if r, ok := intArith(op, int64(ai), int64(k)); ok {
							return nil, r, true, nil
						}
					}
					r, err := Binary(fr.t, op, a, c.Value)
					if err != nil {
						return nil, 0, false, fr.annotate(err, x)
					}
					if i, ok := r.(Int); ok {
						return r, int64(i), true, nil
					}
					return r, 0, false, nil
				}
			}
			// (x + y) * 3: the constant needs no closure.
			return func(fr *frame) (Value, int64, bool, error) {
				a, an, aInt, err := left(fr)
				if err != nil {
					return nil, 0, false, err
				}
				if aInt {
					if r, ok := intArith(op, an, int64(k)); ok {
						return nil, r, true, nil
					}
					if a == nil {
						a = fr.t.boxInt(an)
					}
				}
				r, err := Binary(fr.t, op, a, c.Value)
				if err != nil {
					return nil, 0, false, fr.annotate(err, x)
				}
				if i, ok := r.(Int); ok {
					return r, int64(i), true, nil
				}
				return r, 0, false, nil
			}
		}
	}
	return func(fr *frame) (Value, int64, bool, error) {
		a, an, aInt, err := left(fr)
		if err != nil {
			return nil, 0, false, err
		}
		b, bn, bInt, err := right(fr)
		if err != nil {
			return nil, 0, false, err
		}
		if aInt && bInt {
			if r, ok := intArith(op, an, bn); ok {
				return nil, r, true, nil
			}
		}
		if a == nil {
			a = fr.t.boxInt(an)
		}
		if b == nil {
			b = fr.t.boxInt(bn)
		}
		r, err := Binary(fr.t, op, a, b)
		if err != nil {
			return nil, 0, false, fr.annotate(err, x)
		}
		if i, ok := r.(Int); ok {
			return r, int64(i), true, nil
		}
		return r, 0, false, nil
	}
}

// compileCompare is evalCompare compiled, for a single comparison.
func compileCompare(x *CompareExpr) code {
	left, right := compileOperand(x.X), compileOperand(x.Ys[0])
	op := x.Ops[0]
	return func(fr *frame) (Value, error) {
		a, an, aInt, err := left(fr)
		if err != nil {
			return nil, err
		}
		b, bn, bInt, err := right(fr)
		if err != nil {
			return nil, err
		}
		if aInt && bInt {
			if r, ok := intCompare(op, an, bn); ok {
				return Bool(r), nil
			}
		}
		if a == nil {
			a = fr.t.boxInt(an)
		}
		if b == nil {
			b = fr.t.boxInt(bn)
		}
		r, err := compareOp(fr.t, op, a, b)
		if err != nil {
			return nil, fr.annotate(err, x)
		}
		return r, nil
	}
}

// compileCall compiles a call's callee (or, for a method call, the object)
// and its arguments into the node, for evalCall to use.
func compileCall(x *CallExpr) {
	if a, ok := x.Fn.(*Attribute); ok {
		x.fnc = compile(a.X)
	} else {
		x.fnc = compile(x.Fn)
	}
	argc := make([]argCode, len(x.Args))
	for i, a := range x.Args {
		argc[i] = argCode{slot: -1, run: compile(a.Value)}
		switch v := a.Value.(type) {
		case *Name:
			if v.kind == nameLocal {
				argc[i].slot = v.index
			}
		case *Const:
			argc[i].konst = v.Value
		}
	}
	x.argc = argc
}

// argCode is a compiled argument: most are a local name or a constant,
// read in place; the others run their closure.
type argCode struct {
	slot  int   // a local name's slot, or -1
	konst Value // a constant's value, or nil
	run   code
}

// evalArgs evaluates a plain call's arguments into dst.
func (fr *frame) evalArgs(x *CallExpr, dst []Value) error {
	if x.argc == nil {
		for i, a := range x.Args {
			v, err := fr.eval(a.Value)
			if err != nil {
				return err
			}
			dst[i] = v
		}
		return nil
	}
	for i := range x.argc {
		a := &x.argc[i]
		if a.konst != nil {
			dst[i] = a.konst
			continue
		}
		if a.slot >= 0 {
			if v := fr.locals[a.slot]; v != nil {
				dst[i] = v
				continue
			}
		}
		v, err := a.run(fr)
		if err != nil {
			return err
		}
		dst[i] = v
	}
	return nil
}

// compilePlainCall is evalCall compiled for a call with only positional
// arguments: a learner function taking exactly those fills its frame's
// slots directly, and every other callee goes through call.
func compilePlainCall(x *CallExpr) code {
	callee, nargs := x.fnc, len(x.Args)
	if a, ok := x.Fn.(*Attribute); ok {
		return func(fr *frame) (Value, error) {
			obj, err := callee(fr)
			if err != nil {
				return nil, err
			}
			if fn, ok := moduleAttrAt(obj, a); ok {
				return fr.call(x, fn, nil, nil)
			}
			if m, bound := fr.lookupMethod(obj, a); bound {
				if _, isGo := m.(*Builtin); isGo && nargs <= len(fr.args)-fr.argTop {
					return fr.callBorrowed(x, m, obj)
				}
				return fr.call(x, nil, obj, m)
			}
			fn, err := GetAttr(fr.t, obj, a.Name)
			if err != nil {
				return nil, fr.annotate(err, a)
			}
			return fr.call(x, fn, nil, nil)
		}
	}
	return func(fr *frame) (Value, error) {
		fn, err := callee(fr)
		if err != nil {
			return nil, err
		}
		if f, ok := fn.(*Function); ok && f.simpleArity(nargs) {
			cf := fr.t.newFrame(f)
			if err := fr.evalArgs(x, cf.locals[:nargs]); err != nil {
				return nil, err
			}
			r, err := fr.t.runFrame(f, cf)
			if err != nil {
				return nil, fr.annotate(err, x)
			}
			return r, nil
		}
		return fr.call(x, fn, nil, nil)
	}
}

// runCond evaluates a condition, as evalCond does, through the closure
// cached in *c.
func (fr *frame) runCond(c *code, e Expr) (bool, error) {
	v, err := fr.run(c, e)
	if err != nil {
		return false, err
	}
	return fr.truth(v, e)
}

// run evaluates e through the closure cached in *c, compiling it first.
func (fr *frame) run(c *code, e Expr) (Value, error) {
	if *c == nil {
		*c = compile(e)
	}
	return (*c)(fr)
}

// stmtCode runs a compiled statement in a frame.
type stmtCode func(fr *frame) (ctl, error)

// bodyCode is a block of statements compiled, one closure per statement.
type bodyCode []compiledStmt

type compiledStmt struct {
	st  Stmt
	run stmtCode
}

// runBody runs a block as execBody does, through the closures cached in
// *c, compiling them first.
func (fr *frame) runBody(c *bodyCode, body []Stmt) (ctl, error) {
	if len(body) == 0 {
		return ctlNone, nil
	}
	if *c == nil {
		*c = compileBody(body)
	}
	t := fr.t
	for _, c := range *c {
		if err := t.step(); err != nil {
			return ctlNone, err
		}
		fr.node = c.st
		r, err := c.run(fr)
		if err != nil {
			return ctlNone, fr.annotate(err, c.st)
		}
		if r != ctlNone {
			return r, nil
		}
	}
	return ctlNone, nil
}

func compileBody(body []Stmt) bodyCode {
	c := make(bodyCode, len(body))
	for i, st := range body {
		c[i] = compiledStmt{st, compileStmt(st)}
	}
	return c
}

// compileStmt returns a statement's closure: its own for the simple
// statements loops repeat, exec for the others.
func compileStmt(st Stmt) stmtCode {
	switch s := st.(type) {
	case *ExprStmt:
		x := compile(s.X)
		return func(fr *frame) (ctl, error) {
			_, err := x(fr)
			return ctlNone, err
		}
	case *Assign:
		if len(s.Targets) == 1 {
			if n, ok := s.Targets[0].(*Name); ok && n.kind == nameLocal {
				i := n.index
				if b, ok := s.Value.(*BinOp); ok {
					// key = acc % 97: the arithmetic boxes its result here.
					arith := compileBinOp(b)
					return func(fr *frame) (ctl, error) {
						v, r, _, err := arith(fr)
						if err != nil {
							return ctlNone, err
						}
						if v == nil {
							v = fr.t.boxInt(r)
						}
						fr.locals[i] = v
						return ctlNone, nil
					}
				}
				value := compile(s.Value)
				return func(fr *frame) (ctl, error) {
					v, err := value(fr)
					if err != nil {
						return ctlNone, err
					}
					fr.locals[i] = v
					return ctlNone, nil
				}
			}
		}
		value := compile(s.Value)
		if len(s.Targets) == 1 {
			if tg, ok := s.Targets[0].(*Subscript); ok {
				obj, index := compile(tg.X), compile(tg.Index)
				return func(fr *frame) (ctl, error) {
					v, err := value(fr)
					if err != nil {
						return ctlNone, err
					}
					o, err := obj(fr)
					if err != nil {
						return ctlNone, err
					}
					key, err := index(fr)
					if err != nil {
						return ctlNone, err
					}
					if err := SetItem(fr.t, o, key, v); err != nil {
						return ctlNone, fr.annotate(err, tg)
					}
					return ctlNone, nil
				}
			}
		}
		targets := s.Targets
		return func(fr *frame) (ctl, error) {
			v, err := value(fr)
			if err != nil {
				return ctlNone, err
			}
			for _, tg := range targets {
				if err := fr.assign(tg, v); err != nil {
					return ctlNone, err
				}
			}
			return ctlNone, nil
		}
	case *AugAssign:
		return compileAugAssign(s)
	case *Return:
		if s.Value == nil {
			break
		}
		if b, ok := s.Value.(*BinOp); ok {
			arith := compileBinOp(b)
			return func(fr *frame) (ctl, error) {
				v, r, _, err := arith(fr)
				if err != nil {
					return ctlNone, err
				}
				if v == nil {
					v = fr.t.boxInt(r)
				}
				fr.retval = v
				return ctlReturn, nil
			}
		}
		value := compile(s.Value)
		return func(fr *frame) (ctl, error) {
			v, err := value(fr)
			if err != nil {
				return ctlNone, err
			}
			fr.retval = v
			return ctlReturn, nil
		}
	case *If:
		return compileIf(s)
	case *Pass:
		return func(*frame) (ctl, error) { return ctlNone, nil }
	}
	return func(fr *frame) (ctl, error) { return fr.exec(st) }
}

// compileIf is exec's if statement compiled, down its chain of elifs.
func compileIf(s *If) stmtCode {
	cond := compileCond(s.Cond)
	var elif stmtCode
	if len(s.Else) == 1 {
		if e, ok := s.Else[0].(*If); ok {
			next := compileIf(e)
			elif = func(fr *frame) (ctl, error) {
				fr.node = e
				return next(fr)
			}
		}
	}
	return func(fr *frame) (ctl, error) {
		b, err := cond(fr)
		if err != nil {
			return ctlNone, err
		}
		if b {
			return fr.runBody(&s.bodyc, s.Body)
		}
		if elif != nil {
			return elif(fr)
		}
		return fr.runBody(&s.elsec, s.Else)
	}
}

// compileCond is evalCond compiled: a single comparison of ints answers
// without making a bool.
func compileCond(e Expr) func(fr *frame) (bool, error) {
	if x, ok := e.(*CompareExpr); ok && len(x.Ops) == 1 {
		left, right := compileOperand(x.X), compileOperand(x.Ys[0])
		op := x.Ops[0]
		if c, ok := x.Ys[0].(*Const); ok {
			if k, ok := c.Value.(Int); ok {
				if _, ok := intCompare(op, 0, 0); ok {
					// n > 0, i % 10 == 0: an int against a constant.
					return func(fr *frame) (bool, error) {
						a, an, aInt, err := left(fr)
						if err != nil {
							return false, err
						}
						if aInt {
							r, _ := intCompare(op, an, int64(k))
							return r, nil
						}
						r, err := compareOp(fr.t, op, a, c.Value)
						if err != nil {
							return false, fr.annotate(err, x)
						}
						return fr.truth(r, e)
					}
				}
			}
		}
		return func(fr *frame) (bool, error) {
			a, an, aInt, err := left(fr)
			if err != nil {
				return false, err
			}
			b, bn, bInt, err := right(fr)
			if err != nil {
				return false, err
			}
			if aInt && bInt {
				if r, ok := intCompare(op, an, bn); ok {
					return r, nil
				}
			}
			if a == nil {
				a = fr.t.boxInt(an)
			}
			if b == nil {
				b = fr.t.boxInt(bn)
			}
			r, err := compareOp(fr.t, op, a, b)
			if err != nil {
				return false, fr.annotate(err, x)
			}
			return fr.truth(r, e)
		}
	}
	c := compile(e)
	return func(fr *frame) (bool, error) {
		v, err := c(fr)
		if err != nil {
			return false, err
		}
		return fr.truth(v, e)
	}
}

// truth is the truth value of cond's value v.
func (fr *frame) truth(v Value, cond Expr) (bool, error) {
	if b, ok := v.(Bool); ok {
		return bool(b), nil
	}
	ok, err := Truth(fr.t, v)
	if err != nil {
		return false, fr.annotate(err, cond)
	}
	return ok, nil
}

// compileAugAssign is augAssign compiled: x += v, obj.attr += v and
// obj[key] += v, each part evaluated once and in CPython's order.
func compileAugAssign(s *AugAssign) stmtCode {
	value := compile(s.Value)
	op := s.Op
	switch tg := s.Target.(type) {
	case *Name:
		return func(fr *frame) (ctl, error) {
			cur, err := fr.load(tg)
			if err != nil {
				return ctlNone, err
			}
			v, err := value(fr)
			if err != nil {
				return ctlNone, err
			}
			r, err := fr.inplaceFast(op, cur, v)
			if err != nil {
				return ctlNone, fr.annotate(err, s)
			}
			return ctlNone, fr.store(tg, r)
		}
	case *Attribute:
		obj := compile(tg.X)
		return func(fr *frame) (ctl, error) {
			o, err := obj(fr)
			if err != nil {
				return ctlNone, err
			}
			cur, err := GetAttr(fr.t, o, tg.Name)
			if err != nil {
				return ctlNone, fr.annotate(err, tg)
			}
			v, err := value(fr)
			if err != nil {
				return ctlNone, err
			}
			r, err := fr.inplaceFast(op, cur, v)
			if err != nil {
				return ctlNone, fr.annotate(err, s)
			}
			if err := SetAttr(fr.t, o, tg.Name, r); err != nil {
				return ctlNone, fr.annotate(err, tg)
			}
			return ctlNone, nil
		}
	case *Subscript:
		obj, index := compile(tg.X), compile(tg.Index)
		return func(fr *frame) (ctl, error) {
			o, err := obj(fr)
			if err != nil {
				return ctlNone, err
			}
			key, err := index(fr)
			if err != nil {
				return ctlNone, err
			}
			cur, err := GetItem(fr.t, o, key)
			if err != nil {
				return ctlNone, fr.annotate(err, tg)
			}
			v, err := value(fr)
			if err != nil {
				return ctlNone, err
			}
			r, err := fr.inplaceFast(op, cur, v)
			if err != nil {
				return ctlNone, fr.annotate(err, s)
			}
			if err := SetItem(fr.t, o, key, r); err != nil {
				return ctlNone, fr.annotate(err, tg)
			}
			return ctlNone, nil
		}
	}
	return func(fr *frame) (ctl, error) { return fr.exec(s) }
}
