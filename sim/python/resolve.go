package python

// The resolver decides, before anything runs, where every name lives: a slot
// of the frame (locals), a cell shared with inner functions, a cell captured
// from an enclosing function, a class namespace, or the module's globals.

import "sort"

type scope struct {
	kind      byte // 'm' module, 'f' function, 'c' class, 'g' comprehension
	parent    *scope
	name      string
	bound     map[string]bool // assigned or parameter names
	globals   map[string]bool
	nonlocals map[string]bool
	uses      []*Name
	children  []*scope

	slots    map[string]int // locals and cells -> slot index
	nslots   int
	cells    map[string]bool
	frees    []string
	freeIdx  map[string]int
	captures []capture // how the enclosing frame provides each free cell

	generator bool
	params    []string
	// plainParams: every parameter is positional-or-keyword (no *args,
	// keyword-only, **kwargs or positional-only ones).
	plainParams bool
	cellSlots   []int // the slots holding cells, for a call to fill
}

type capture struct {
	fromFree bool
	index    int
}

func newScope(kind byte, parent *scope, name string) *scope {
	s := &scope{kind: kind, parent: parent, name: name, bound: map[string]bool{}, globals: map[string]bool{},
		nonlocals: map[string]bool{}, slots: map[string]int{}, cells: map[string]bool{}, freeIdx: map[string]int{}}
	if parent != nil {
		parent.children = append(parent.children, s)
	}
	return s
}

type resolver struct {
	err *SyntaxError
	// The nodes that cache what a run found (global loads, method calls),
	// for Program.forgetRun.
	globals []*Name
	attrs   []*Attribute
}

func resolveProgram(prog *Program) error {
	r := &resolver{}
	s := newScope('m', nil, "<module>")
	prog.scope = s
	r.stmts(s, prog.Body)
	if r.err != nil {
		return r.err
	}
	r.finish(s)
	if r.err != nil {
		return r.err
	}
	prog.cachedNames, prog.cachedAttrs = r.globals, r.attrs
	return nil
}

func (r *resolver) fail(sp Pos, msg string) {
	if r.err == nil {
		r.err = &SyntaxError{Msg: msg, Line: sp.Line, Col: sp.Col, EndLine: sp.Line, EndCol: sp.EndCol}
		if sp.EndLine != sp.Line {
			r.err.EndCol = sp.Col + 1
		}
	}
}

func (r *resolver) bind(s *scope, n *Name) {
	if s.kind == 'g' {
		// Comprehension targets are the comprehension's own locals.
	}
	s.bound[n.Id] = true
	s.uses = append(s.uses, n)
}

func (r *resolver) bindName(s *scope, name string) { s.bound[name] = true }

func (r *resolver) stmts(s *scope, body []Stmt) {
	for _, st := range body {
		r.stmt(s, st)
	}
}

func (r *resolver) target(s *scope, e Expr) {
	switch x := e.(type) {
	case *Name:
		r.bind(s, x)
	case *TupleExpr:
		for _, el := range x.Elts {
			r.target(s, el)
		}
	case *ListExpr:
		for _, el := range x.Elts {
			r.target(s, el)
		}
	case *Starred:
		r.target(s, x.X)
	default:
		r.expr(s, e)
	}
}

func (r *resolver) stmt(s *scope, st Stmt) {
	switch x := st.(type) {
	case *ExprStmt:
		r.expr(s, x.X)
	case *Assign:
		r.expr(s, x.Value)
		for _, t := range x.Targets {
			r.target(s, t)
		}
	case *AugAssign:
		r.expr(s, x.Value)
		r.target(s, x.Target)
	case *AnnAssign:
		if x.Value != nil {
			r.expr(s, x.Value)
		}
		if n, ok := x.Target.(*Name); ok && x.Value == nil {
			r.bindName(s, n.Id)
		} else {
			r.target(s, x.Target)
		}
	case *If:
		r.expr(s, x.Cond)
		r.stmts(s, x.Body)
		r.stmts(s, x.Else)
	case *While:
		r.expr(s, x.Cond)
		r.stmts(s, x.Body)
		r.stmts(s, x.Else)
	case *For:
		r.expr(s, x.Iter)
		r.target(s, x.Target)
		r.stmts(s, x.Body)
		r.stmts(s, x.Else)
	case *Return:
		if x.Value != nil {
			r.expr(s, x.Value)
		}
	case *FuncDef:
		for _, d := range x.Decorators {
			r.expr(s, d)
		}
		r.function(s, x)
		n := &Name{Pos: x.Pos, Id: x.Name}
		r.bind(s, n)
		x.nameRef = n
	case *ClassDef:
		for _, d := range x.Decorators {
			r.expr(s, d)
		}
		for _, b := range x.Bases {
			r.expr(s, b.Value)
		}
		cs := newScope('c', s, x.Name)
		x.scope = cs
		r.stmts(cs, x.Body)
		n := &Name{Pos: x.Pos, Id: x.Name}
		r.bind(s, n)
		x.nameRef = n
	case *Try:
		r.stmts(s, x.Body)
		for i := range x.Handlers {
			h := &x.Handlers[i]
			if h.Type != nil {
				r.expr(s, h.Type)
			}
			if h.Name != nil {
				r.bind(s, h.Name)
			}
			r.stmts(s, h.Body)
		}
		r.stmts(s, x.Else)
		r.stmts(s, x.Finally)
	case *Raise:
		if x.Exc != nil {
			r.expr(s, x.Exc)
		}
		if x.Cause != nil {
			r.expr(s, x.Cause)
		}
	case *With:
		for _, it := range x.Items {
			r.expr(s, it.Ctx)
			if it.Target != nil {
				r.target(s, it.Target)
			}
		}
		r.stmts(s, x.Body)
	case *Import:
		for _, n := range x.Names {
			if n.AsName != nil {
				r.bind(s, n.AsName)
			} else {
				id := n.Name
				for i := 0; i < len(id); i++ {
					if id[i] == '.' {
						id = id[:i]
						break
					}
				}
				nm := &Name{Pos: x.Pos, Id: id}
				r.bind(s, nm)
				x.refs = append(x.refs, nm)
			}
		}
	case *ImportFrom:
		for i, n := range x.Names {
			if n.Name == "*" {
				if s.kind != 'm' {
					r.fail(x.Pos, "import * only allowed at module level")
				}
				continue
			}
			if n.AsName == nil {
				x.Names[i].AsName = &Name{Pos: x.Pos, Id: n.Name}
			}
			r.bind(s, x.Names[i].AsName)
		}
	case *Global:
		for _, n := range x.Names {
			if s.bound[n] {
				r.fail(x.Pos, "name '"+n+"' is assigned to before global declaration")
			}
			s.globals[n] = true
		}
	case *Nonlocal:
		for _, n := range x.Names {
			if s.bound[n] {
				r.fail(x.Pos, "name '"+n+"' is assigned to before nonlocal declaration")
			}
			s.nonlocals[n] = true
		}
	case *Assert:
		r.expr(s, x.Test)
		if x.Msg != nil {
			r.expr(s, x.Msg)
		}
	case *Del:
		for _, t := range x.Targets {
			r.target(s, t)
		}
	}
}

func (r *resolver) function(s *scope, f *FuncDef) {
	for _, p := range f.Params {
		if p.Default != nil {
			r.expr(s, p.Default)
		}
	}
	fs := newScope('f', s, f.Name)
	f.scope = fs
	fs.plainParams = true
	for _, p := range f.Params {
		fs.bound[p.Name] = true
		fs.params = append(fs.params, p.Name)
		if p.Kind != 0 {
			fs.plainParams = false
		}
	}
	r.stmts(fs, f.Body)
}

func (r *resolver) expr(s *scope, e Expr) {
	switch x := e.(type) {
	case nil:
	case *Name:
		s.uses = append(s.uses, x)
	case *Const:
	case *FString:
		for _, p := range x.Parts {
			if p.X != nil {
				r.expr(s, p.X)
			}
			if p.Spec != nil {
				r.expr(s, p.Spec)
			}
		}
	case *Attribute:
		r.attrs = append(r.attrs, x)
		r.expr(s, x.X)
	case *Subscript:
		r.expr(s, x.X)
		r.expr(s, x.Index)
	case *SliceExpr:
		r.expr(s, x.Lo)
		r.expr(s, x.Hi)
		r.expr(s, x.Step)
	case *CallExpr:
		r.expr(s, x.Fn)
		for _, a := range x.Args {
			r.expr(s, a.Value)
		}
	case *BinOp:
		r.expr(s, x.X)
		r.expr(s, x.Y)
	case *UnaryOp:
		r.expr(s, x.X)
	case *BoolOp:
		for _, v := range x.Values {
			r.expr(s, v)
		}
	case *CompareExpr:
		r.expr(s, x.X)
		for _, y := range x.Ys {
			r.expr(s, y)
		}
	case *IfExp:
		r.expr(s, x.Cond)
		r.expr(s, x.Then)
		r.expr(s, x.Else)
	case *Lambda:
		r.function(s, x.Func)
	case *ListExpr:
		for _, v := range x.Elts {
			r.expr(s, v)
		}
	case *TupleExpr:
		for _, v := range x.Elts {
			r.expr(s, v)
		}
	case *SetExpr:
		for _, v := range x.Elts {
			r.expr(s, v)
		}
	case *DictExpr:
		for i := range x.Keys {
			r.expr(s, x.Keys[i])
			r.expr(s, x.Values[i])
		}
	case *Starred:
		r.expr(s, x.X)
	case *Comp:
		r.expr(s, x.Gens[0].Iter)
		cs := newScope('g', s, "<"+map[byte]string{'l': "listcomp", 's': "setcomp", 'd': "dictcomp", 'g': "genexpr"}[x.Kind]+">")
		x.scope = cs
		if x.Kind == 'g' {
			cs.generator = true
		}
		for i, g := range x.Gens {
			if i > 0 {
				r.expr(cs, g.Iter)
			}
			r.target(cs, g.Target)
			for _, c := range g.Ifs {
				r.expr(cs, c)
			}
		}
		r.expr(cs, x.Elt)
		r.expr(cs, x.Key)
		r.expr(cs, x.Value)
	case *Yield:
		if s.kind == 'f' {
			s.generator = true
		} else if s.kind == 'g' {
			r.fail(x.Pos, "'yield' inside "+map[bool]string{true: "generator expression", false: "list comprehension"}[true])
		}
		r.expr(s, x.X)
	case *NamedExpr:
		r.expr(s, x.Value)
		t := s
		for t.kind == 'g' {
			t = t.parent
		}
		r.bind(t, x.Target)
		if t != s {
			// The use is in the comprehension; it resolves to the outer binding.
			s.uses = append(s.uses, x.Target)
			t.uses = t.uses[:len(t.uses)-1]
		}
	}
}

// finish computes cells and frees, then assigns every Name its kind.
func (r *resolver) finish(root *scope) {
	var all []*scope
	var walk func(s *scope)
	walk = func(s *scope) {
		all = append(all, s)
		for _, c := range s.children {
			walk(c)
		}
	}
	walk(root)
	// Free variables: a name used (or declared nonlocal) in a function-like
	// scope and bound in an enclosing function scope.
	for _, s := range all {
		names := map[string]bool{}
		for _, u := range s.uses {
			names[u.Id] = true
		}
		for n := range s.nonlocals {
			names[n] = true
		}
		for _, u := range orderedUses(s) {
			if !names[u] {
				continue
			}
			if s.kind == 'm' || s.globals[u] {
				continue
			}
			if s.bound[u] && !s.nonlocals[u] {
				continue
			}
			// Search enclosing function scopes (class scopes are skipped).
			var owner *scope
			for p := s.parent; p != nil; p = p.parent {
				if p.kind == 'c' {
					continue
				}
				if p.kind == 'm' {
					break
				}
				if p.globals[u] {
					break
				}
				if p.bound[u] && !p.nonlocals[u] {
					owner = p
					break
				}
			}
			if owner == nil {
				if s.nonlocals[u] {
					r.fail(Pos{Line: 1}, "no binding for nonlocal '"+u+"' found")
				}
				continue
			}
			owner.cells[u] = true
			for p := s; p != owner; p = p.parent {
				if _, ok := p.freeIdx[u]; !ok {
					p.freeIdx[u] = len(p.frees)
					p.frees = append(p.frees, u)
				}
			}
		}
	}
	// Slots: parameters first (in order), then other locals.
	for _, s := range all {
		if s.kind != 'f' && s.kind != 'g' {
			continue
		}
		for _, p := range s.params {
			if _, ok := s.slots[p]; !ok {
				s.slots[p] = s.nslots
				s.nslots++
			}
		}
		for _, u := range orderedBound(s) {
			if s.globals[u] || s.nonlocals[u] {
				continue
			}
			if _, ok := s.slots[u]; !ok {
				s.slots[u] = s.nslots
				s.nslots++
			}
		}
	}
	for _, s := range all {
		for name := range s.cells {
			if i, ok := s.slots[name]; ok {
				s.cellSlots = append(s.cellSlots, i)
			}
		}
		sort.Ints(s.cellSlots)
	}
	// Captures: where the enclosing frame keeps each free cell.
	for _, s := range all {
		if s.parent == nil {
			continue
		}
		p := s.parent
		for _, f := range s.frees {
			if i, ok := p.freeIdx[f]; ok && !(p.bound[f] && p.cells[f] && !p.nonlocals[f]) {
				s.captures = append(s.captures, capture{fromFree: true, index: i})
			} else {
				s.captures = append(s.captures, capture{index: p.slots[f]})
			}
		}
	}
	// Name kinds.
	for _, s := range all {
		for _, u := range s.uses {
			r.resolveName(s, u)
			if u.kind == nameGlobal {
				r.globals = append(r.globals, u)
			}
		}
	}
}

func orderedUses(s *scope) []string {
	seen := map[string]bool{}
	var out []string
	for _, u := range s.uses {
		if !seen[u.Id] {
			seen[u.Id] = true
			out = append(out, u.Id)
		}
	}
	for n := range s.nonlocals {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
}

func orderedBound(s *scope) []string {
	seen := map[string]bool{}
	var out []string
	for _, u := range s.uses {
		if s.bound[u.Id] && !seen[u.Id] {
			seen[u.Id] = true
			out = append(out, u.Id)
		}
	}
	for n := range s.bound {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	sortStrings(out[len(seen)-len(out)+len(out)-len(out):])
	return out
}

func (r *resolver) resolveName(s *scope, n *Name) {
	switch s.kind {
	case 'm':
		n.kind = nameGlobal
		return
	case 'c':
		if s.globals[n.Id] {
			n.kind = nameGlobal
			return
		}
		if i, ok := s.freeIdx[n.Id]; ok && !s.bound[n.Id] {
			n.kind, n.index = nameFree, i
			return
		}
		n.kind = nameClass
		return
	}
	if s.globals[n.Id] {
		n.kind = nameGlobal
		return
	}
	if i, ok := s.freeIdx[n.Id]; ok && (!s.bound[n.Id] || s.nonlocals[n.Id]) {
		n.kind, n.index = nameFree, i
		return
	}
	if i, ok := s.slots[n.Id]; ok {
		n.index = i
		if s.cells[n.Id] {
			n.kind = nameCell
		} else {
			n.kind = nameLocal
		}
		return
	}
	n.kind = nameGlobal
}
