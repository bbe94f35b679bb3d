package python

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"
)

// MaxSource bounds a program's size in bytes.
const MaxSource = 1 << 20

type parser struct {
	toks  []token
	i     int
	src   string
	lines []string
	// lineOffset/colOffset shift positions of a sub-parser (f-string fields).
	inFunc, inLoop int
	// outerSpans holds the span of a parenthesised expression including its
	// parentheses: CPython's node keeps the inner span, but the enclosing
	// node's span reaches the closing parenthesis.
	outerSpans map[Expr]Pos
	// nest counts recursive expression rules, bounding the Go stack the
	// parser (and later the evaluator) may use on hostile input.
	nest int
}

const maxNest = 3000

// errCompileRecursion is what CPython raises for expressions nested too
// deeply to compile (it prints no traceback).
var errCompileRecursion = &recursionPanic{}

type recursionPanic struct{}

func (p *parser) enter() {
	p.nest++
	if p.nest > maxNest {
		panic(errCompileRecursion)
	}
}

func (p *parser) outer(e Expr) Pos {
	if sp, ok := p.outerSpans[e]; ok {
		return sp
	}
	return e.Span()
}

// Parse parses a module's source into a resolved Program. Errors are
// *SyntaxError with CPython's messages.
func Parse(src string) (prog *Program, err error) {
	if len(src) > MaxSource {
		return nil, &SyntaxError{Msg: fmt.Sprintf("the program is too long for the simulator (more than %d bytes)", MaxSource), Line: 1}
	}
	toks, unclosed, err := scanTokens(src)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks, src: src, lines: strings.Split(src, "\n")}
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(*recursionPanic); ok {
				prog, err = nil, Errorf(RecursionErrorClass, "maximum recursion depth exceeded during compilation")
				return
			}
			if se, ok := r.(*SyntaxError); ok {
				prog, err = nil, se
				// CPython prefers the tokenizer's "never closed" to any
				// specific message, and to a generic one at the end of input.
				atEnd := p.peek().Kind == tEOF || p.peek().Kind == tNewline && p.i >= len(p.toks)-2
				if unclosed != nil && (se.Msg != "invalid syntax" || atEnd) {
					err = unclosed
				}
				return
			}
			panic(r)
		}
	}()
	var body []Stmt
	for p.peek().Kind != tEOF {
		if p.peek().Kind == tIndent {
			t := p.peek()
			p.failIndent(t.Line, 0, "unexpected indent")
		}
		body = append(body, p.statement()...)
	}
	if unclosed != nil {
		return nil, unclosed
	}
	prog = &Program{Body: body, Source: src, lines: p.lines}
	if err := resolveProgram(prog); err != nil {
		return nil, err
	}
	return prog, nil
}

func (p *parser) peek() token { return p.toks[p.i] }
func (p *parser) peekN(n int) token {
	if p.i+n < len(p.toks) {
		return p.toks[p.i+n]
	}
	return p.toks[len(p.toks)-1]
}
func (p *parser) next() token {
	t := p.toks[p.i]
	if p.i < len(p.toks)-1 {
		p.i++
	}
	return t
}
func (p *parser) prev() token { return p.toks[p.i-1] }

func (p *parser) isOp(s string) bool {
	t := p.toks[p.i]
	return t.Kind == tOp && t.Val == s
}

func (p *parser) isKw(s string) bool {
	t := p.toks[p.i]
	return t.Kind == tName && t.Val == s
}

func (p *parser) acceptOp(s string) bool {
	if p.isOp(s) {
		p.next()
		return true
	}
	return false
}

func (p *parser) acceptKw(s string) bool {
	if p.isKw(s) {
		p.next()
		return true
	}
	return false
}

func (p *parser) fail(sp Pos, format string, args ...any) {
	msg := format
	if len(args) > 0 {
		msg = sprintf(format, args...)
	}
	end := sp.EndCol
	if sp.EndLine != sp.Line || end <= sp.Col {
		end = sp.Col + 1
	}
	panic(&SyntaxError{Msg: msg, Line: sp.Line, Col: sp.Col, EndLine: sp.Line, EndCol: end})
}

func (p *parser) failIndent(line, col int, msg string) {
	l := ""
	if line-1 < len(p.lines) {
		l = p.lines[line-1]
	}
	n := len(l) - len(strings.TrimLeft(l, " \t"))
	if msg == "unexpected indent" {
		// CPython reports it at the line's end: no caret is drawn.
		panic(&SyntaxError{Msg: msg, Line: line, Col: -1, EndLine: line, EndCol: -1, Indentation: true})
	}
	panic(&SyntaxError{Msg: msg, Line: line, Col: n, EndLine: line, EndCol: n + 1, Indentation: true})
}

// syntaxErr reports "invalid syntax" at the current token.
func (p *parser) syntaxErr() {
	t := p.peek()
	if t.Kind == tNewline || t.Kind == tEOF {
		p.fail(t.Pos, "invalid syntax")
	}
	if t.Kind == tIndent {
		p.failIndent(t.Line, 0, "unexpected indent")
	}
	p.fail(t.Pos, "invalid syntax")
}

func (p *parser) expectOp(s string) token {
	if !p.isOp(s) {
		if s == ":" {
			prev := p.prev()
			p.fail(Pos{prev.EndLine, prev.EndCol, prev.EndLine, prev.EndCol + 1}, "expected ':'")
		}
		if s == ")" || s == "]" || s == "}" {
			p.syntaxErr()
		}
		p.syntaxErr()
	}
	return p.next()
}

// expectColon ends a compound statement's header. As in CPython, a missing
// colon at the end of the line is "expected ':'"; other junk after an
// expression is "invalid syntax" at the junk.
func (p *parser) expectColon(afterExpr bool) {
	if p.isOp(":") {
		p.next()
		return
	}
	t := p.peek()
	if t.Kind == tNewline || t.Kind == tEOF {
		prev := p.prev()
		p.fail(Pos{prev.EndLine, prev.EndCol, prev.EndLine, prev.EndCol + 1}, "expected ':'")
	}
	if afterExpr {
		p.syntaxErr()
	}
	p.fail(t.Pos, "expected ':'")
}

func (p *parser) expectName() token {
	t := p.peek()
	if t.Kind != tName || isKeyword(t.Val) {
		p.syntaxErr()
	}
	return p.next()
}

func spanFrom(a, b Pos) Pos { return Pos{a.Line, a.Col, b.EndLine, b.EndCol} }

// ---- statements ----

func (p *parser) statement() []Stmt {
	t := p.peek()
	if t.Kind == tName {
		switch t.Val {
		case "if":
			return []Stmt{p.ifStmt()}
		case "while":
			return []Stmt{p.whileStmt()}
		case "for":
			return []Stmt{p.forStmt()}
		case "def":
			return []Stmt{p.funcDef(nil)}
		case "class":
			return []Stmt{p.classDef(nil)}
		case "try":
			return []Stmt{p.tryStmt()}
		case "with":
			return []Stmt{p.withStmt()}
		case "async":
			p.fail(t.Pos, "'async' is not supported by the simulator")
		case "match":
			if n := p.peekN(1); n.Kind == tName && !isKeyword(n.Val) || n.Kind == tNumber || n.Kind == tString {
				if p.lineEndsWithColon(t.Line) {
					p.fail(t.Pos, "'match' statements are not supported by the simulator")
				}
			}
		}
	}
	if t.Kind == tOp && t.Val == "@" {
		return []Stmt{p.decorated()}
	}
	return p.simpleStmts()
}

func (p *parser) lineEndsWithColon(line int) bool {
	l := strings.TrimSpace(p.lines[line-1])
	return strings.HasSuffix(l, ":")
}

func (p *parser) simpleStmts() []Stmt {
	var out []Stmt
	for {
		out = append(out, p.smallStmt())
		if p.acceptOp(";") {
			if p.peek().Kind == tNewline {
				break
			}
			continue
		}
		break
	}
	if p.peek().Kind != tNewline {
		p.badStatementEnd()
	}
	p.next()
	return out
}

// badStatementEnd explains junk after a complete statement as CPython does.
func (p *parser) badStatementEnd() {
	t := p.peek()
	prev := p.prev()
	if t.Kind == tOp && t.Val == "=" {
		p.syntaxErr()
	}
	if (t.Kind == tName && !isKeyword(t.Val) || t.Kind == tNumber || t.Kind == tString) &&
		(prev.Kind == tName || prev.Kind == tNumber || prev.Kind == tString || prev.Kind == tOp && (prev.Val == ")" || prev.Val == "]" || prev.Val == "}")) {
		if p.insideBrackets() {
			p.fail(spanFrom(p.lastExprStart(), t.Pos), "invalid syntax. Perhaps you forgot a comma?")
		}
	}
	p.syntaxErr()
}

func (p *parser) insideBrackets() bool { return false }
func (p *parser) lastExprStart() Pos   { return p.prev().Pos }

func (p *parser) block(kind string, headerLine int) []Stmt {
	if p.peek().Kind != tNewline {
		// A simple statement on the same line: "if x: pass".
		return p.simpleStmts()
	}
	p.next()
	if p.peek().Kind != tIndent {
		t := p.peek()
		line := t.Line
		l := ""
		if line-1 < len(p.lines) {
			l = p.lines[line-1]
		}
		n := len(l) - len(strings.TrimLeft(l, " \t"))
		if t.Kind == tEOF {
			line = len(p.lines)
			if line > 1 && p.lines[line-1] == "" {
				line--
			}
			n = 0
		}
		panic(&SyntaxError{Msg: "expected an indented block after " + kind + " on line " + strconv.Itoa(headerLine), Line: line, Col: n, EndLine: line, EndCol: n + 1, Indentation: true})
	}
	p.next()
	var body []Stmt
	for p.peek().Kind != tDedent && p.peek().Kind != tEOF {
		if p.peek().Kind == tIndent {
			p.failIndent(p.peek().Line, 0, "unexpected indent")
		}
		body = append(body, p.statement()...)
	}
	p.next()
	return body
}

// condition parses an if/while condition, explaining a stray '=' as
// CPython's invalid_named_expression rule does.
func (p *parser) condition() Expr {
	cond := p.namedExpr()
	if p.isOp("=") {
		if n, ok := cond.(*Name); ok {
			save := p.i
			p.next()
			if p.startsExpr() {
				v := p.expr()
				p.fail(spanFrom(n.Pos, p.outer(v)), "invalid syntax. Maybe you meant '==' or ':=' instead of '='?")
			}
			p.i = save
			p.syntaxErr()
		}
		p.fail(cond.Span(), "cannot assign to %s here. Maybe you meant '==' instead of '='?", describeExpr(cond))
	}
	return cond
}

func (p *parser) ifStmt() Stmt {
	start := p.next()
	cond := p.condition()
	p.expectColon(true)
	body := p.block("'if' statement", start.Line)
	s := &If{Cond: cond, Body: body}
	s.Pos = spanFrom(start.Pos, p.outer(cond))
	if p.isKw("elif") {
		st := p.peek()
		p.toks[p.i].Val = "if"
		e := p.ifStmt().(*If)
		_ = st
		s.Else = []Stmt{e}
	} else if p.isKw("else") {
		el := p.next()
		p.expectColon(false)
		s.Else = p.block("'else' statement", el.Line)
	}
	return s
}

func (p *parser) whileStmt() Stmt {
	start := p.next()
	cond := p.condition()
	p.expectColon(true)
	p.inLoop++
	body := p.block("'while' statement", start.Line)
	p.inLoop--
	s := &While{Cond: cond, Body: body}
	s.Pos = spanFrom(start.Pos, p.outer(cond))
	if p.isKw("else") {
		el := p.next()
		p.expectColon(false)
		s.Else = p.block("'else' statement", el.Line)
	}
	return s
}

func (p *parser) forStmt() Stmt {
	start := p.next()
	target := p.targetList()
	if !p.acceptKw("in") {
		p.syntaxErr()
	}
	iter := p.exprList()
	p.expectColon(true)
	p.inLoop++
	body := p.block("'for' statement", start.Line)
	p.inLoop--
	s := &For{Target: target, Iter: iter, Body: body}
	s.Pos = spanFrom(start.Pos, iter.Span())
	if p.isKw("else") {
		el := p.next()
		p.expectColon(false)
		s.Else = p.block("'else' statement", el.Line)
	}
	return s
}

// targetList parses for-loop / comprehension targets (stops before "in").
func (p *parser) targetList() Expr {
	first := p.bitOr(true)
	if !p.isOp(",") {
		p.checkAssignable(first, "for")
		return first
	}
	elts := []Expr{first}
	for p.acceptOp(",") {
		if p.isKw("in") {
			break
		}
		elts = append(elts, p.bitOr(true))
	}
	tup := &TupleExpr{Elts: elts}
	tup.Pos = spanFrom(p.outer(first), p.outer(elts[len(elts)-1]))
	p.checkAssignable(tup, "for")
	return tup
}

func (p *parser) decorated() Stmt {
	var decs []Expr
	for p.acceptOp("@") {
		decs = append(decs, p.namedExpr())
		if p.peek().Kind != tNewline {
			p.syntaxErr()
		}
		p.next()
	}
	if p.isKw("def") {
		return p.funcDef(decs)
	}
	if p.isKw("class") {
		return p.classDef(decs)
	}
	p.syntaxErr()
	return nil
}

func (p *parser) funcDef(decs []Expr) Stmt {
	start := p.next()
	name := p.expectName()
	p.expectOp("(")
	params := p.params(")")
	p.expectOp(")")
	f := &FuncDef{Name: name.Val, Params: params, Decorators: decs}
	if p.acceptOp("->") {
		f.Returns = p.expr()
	}
	p.expectColon(f.Returns != nil)
	p.inFunc++
	loops := p.inLoop
	p.inLoop = 0
	f.Body = p.block("function definition", start.Line)
	p.inLoop = loops
	p.inFunc--
	f.Pos = spanFrom(start.Pos, name.Pos)
	return f
}

// params parses a parameter list up to (not including) the closing token.
func (p *parser) params(closer string) []Param {
	var params []Param
	kwOnly := false
	seen := map[string]bool{}
	sawDefault := false
	for !p.isOp(closer) {
		var prm Param
		if p.acceptOp("/") {
			for i := range params {
				params[i].Kind = 4
			}
			if !p.acceptOp(",") {
				break
			}
			continue
		}
		if p.acceptOp("**") {
			prm.Kind = 3
		} else if p.acceptOp("*") {
			if p.isOp(",") || p.isOp(closer) {
				kwOnly = true
				if !p.acceptOp(",") {
					break
				}
				continue
			}
			prm.Kind = 1
			kwOnly = true
		} else if kwOnly {
			prm.Kind = 2
		}
		nt := p.expectName()
		prm.Name = nt.Val
		if seen[prm.Name] {
			p.fail(nt.Pos, "duplicate argument '%s' in function definition", prm.Name)
		}
		seen[prm.Name] = true
		if closer == ")" && p.acceptOp(":") {
			prm.Ann = p.expr()
		}
		if (prm.Kind == 0 || prm.Kind == 2) && p.acceptOp("=") {
			prm.Default = p.expr()
			if prm.Kind == 0 {
				sawDefault = true
			}
		} else if prm.Kind == 0 && sawDefault {
			p.fail(nt.Pos, "non-default argument follows default argument")
		}
		params = append(params, prm)
		if !p.acceptOp(",") {
			break
		}
	}
	return params
}

func (p *parser) classDef(decs []Expr) Stmt {
	start := p.next()
	name := p.expectName()
	c := &ClassDef{Name: name.Val, Decorators: decs}
	if p.acceptOp("(") {
		c.Bases = p.callArgs()
		p.expectOp(")")
	}
	p.expectColon(true)
	loops := p.inLoop
	p.inLoop = 0
	c.Body = p.block("class definition", start.Line)
	p.inLoop = loops
	c.Pos = spanFrom(start.Pos, name.Pos)
	return c
}

func (p *parser) tryStmt() Stmt {
	start := p.next()
	p.expectColon(false)
	s := &Try{Body: p.block("'try' statement", start.Line)}
	s.Pos = start.Pos
	for p.isKw("except") {
		ex := p.next()
		h := Handler{}
		h.Pos = ex.Pos
		if p.isOp("*") {
			p.fail(p.peek().Pos, "'except*' is not supported by the simulator")
		}
		if !p.isOp(":") {
			h.Type = p.expr()
			if p.isOp(",") {
				first := h.Type
				elts := []Expr{first}
				for p.acceptOp(",") {
					elts = append(elts, p.expr())
				}
				p.fail(spanFrom(p.outer(first), p.outer(elts[len(elts)-1])), "multiple exception types must be parenthesized")
			}
			if p.acceptKw("as") {
				n := p.expectName()
				h.Name = &Name{Pos: n.Pos, Id: n.Val}
			}
		}
		p.expectColon(h.Type != nil)
		h.Body = p.block("'except' statement", ex.Line)
		s.Handlers = append(s.Handlers, h)
	}
	if p.isKw("else") {
		el := p.next()
		p.expectColon(false)
		s.Else = p.block("'else' statement", el.Line)
	}
	if p.isKw("finally") {
		fin := p.next()
		p.expectColon(false)
		s.Finally = p.block("'finally' statement", fin.Line)
	}
	if len(s.Handlers) == 0 && s.Finally == nil {
		p.fail(p.peek().Pos, "expected 'except' or 'finally' block")
	}
	return s
}

func (p *parser) withStmt() Stmt {
	start := p.next()
	s := &With{}
	paren := false
	if p.isOp("(") {
		// Parenthesised with-items (3.10+): look for "as" or "," inside.
		save := p.i
		p.next()
		depth := 1
		found := false
		for j := p.i; j < len(p.toks) && depth > 0; j++ {
			t := p.toks[j]
			if t.Kind == tOp && (t.Val == "(" || t.Val == "[" || t.Val == "{") {
				depth++
			} else if t.Kind == tOp && (t.Val == ")" || t.Val == "]" || t.Val == "}") {
				depth--
			} else if depth == 1 && (t.Kind == tName && t.Val == "as") {
				found = true
			}
			if depth == 0 && j+1 < len(p.toks) && p.toks[j+1].Kind == tOp && p.toks[j+1].Val == ":" && found {
				paren = true
			}
		}
		if !paren {
			p.i = save
		}
	}
	for {
		item := WithItem{Ctx: p.expr()}
		if p.acceptKw("as") {
			item.Target = p.bitOr(false)
			p.checkAssignable(item.Target, "with")
		}
		s.Items = append(s.Items, item)
		if !p.acceptOp(",") {
			break
		}
		if paren && p.isOp(")") {
			break
		}
	}
	if paren {
		p.expectOp(")")
	}
	p.expectColon(true)
	s.Body = p.block("'with' statement", start.Line)
	s.Pos = start.Pos
	return s
}

func (p *parser) smallStmt() Stmt {
	t := p.peek()
	if t.Kind == tName {
		switch t.Val {
		case "pass":
			p.next()
			return &Pass{t.Pos}
		case "break":
			p.next()
			if p.inLoop == 0 {
				p.fail(t.Pos, "'break' outside loop")
			}
			return &Break{t.Pos}
		case "continue":
			p.next()
			if p.inLoop == 0 {
				p.fail(t.Pos, "'continue' not properly in loop")
			}
			return &Continue{t.Pos}
		case "return":
			p.next()
			s := &Return{}
			s.Pos = t.Pos
			if p.peek().Kind != tNewline && !p.isOp(";") {
				s.Value = p.exprList()
				s.Pos = spanFrom(t.Pos, p.outer(s.Value))
			}
			if p.inFunc == 0 {
				p.fail(s.Pos, "'return' outside function")
			}
			return s
		case "raise":
			p.next()
			s := &Raise{}
			s.Pos = t.Pos
			if p.peek().Kind != tNewline && !p.isOp(";") {
				s.Exc = p.expr()
				s.Pos = spanFrom(t.Pos, p.outer(s.Exc))
				if p.acceptKw("from") {
					s.Cause = p.expr()
					s.Pos = spanFrom(t.Pos, p.outer(s.Cause))
				}
			}
			return s
		case "global", "nonlocal":
			p.next()
			var names []string
			for {
				names = append(names, p.expectName().Val)
				if !p.acceptOp(",") {
					break
				}
			}
			sp := spanFrom(t.Pos, p.prev().Pos)
			if t.Val == "global" {
				return &Global{Pos: sp, Names: names}
			}
			if p.inFunc == 0 {
				p.fail(sp, "nonlocal declaration not allowed at module level")
			}
			return &Nonlocal{Pos: sp, Names: names}
		case "import":
			return p.importStmt()
		case "from":
			return p.fromImport()
		case "assert":
			p.next()
			s := &Assert{Test: p.expr()}
			s.Pos = spanFrom(t.Pos, p.outer(s.Test))
			if p.acceptOp(",") {
				s.Msg = p.expr()
				s.Pos = spanFrom(t.Pos, p.outer(s.Msg))
			}
			return s
		case "del":
			p.next()
			x := p.exprList()
			s := &Del{}
			s.Pos = spanFrom(t.Pos, p.outer(x))
			if tup, ok := x.(*TupleExpr); ok && !strings.HasPrefix(p.srcOf(tup.Pos), "(") {
				s.Targets = tup.Elts
			} else {
				s.Targets = []Expr{x}
			}
			for _, tg := range s.Targets {
				p.checkDeletable(tg)
			}
			return s
		case "print":
			if n := p.peekN(1); n.Kind == tString || n.Kind == tName && !isKeyword(n.Val) || n.Kind == tNumber {
				p.fail(spanFrom(t.Pos, p.endOfLine(t)), "Missing parentheses in call to 'print'. Did you mean print(...)?")
			}
		}
	}
	return p.exprStmt()
}

func (p *parser) endOfLine(t token) Pos {
	j := p.i
	for j < len(p.toks)-1 && p.toks[j+1].Kind != tNewline {
		j++
	}
	return p.toks[j].Pos
}

func (p *parser) srcOf(sp Pos) string {
	if sp.Line != sp.EndLine || sp.Line-1 >= len(p.lines) {
		return ""
	}
	l := p.lines[sp.Line-1]
	if sp.EndCol > len(l) {
		return l[sp.Col:]
	}
	return l[sp.Col:sp.EndCol]
}

func (p *parser) dottedName() (string, Pos) {
	n := p.expectName()
	name, sp := n.Val, n.Pos
	for p.acceptOp(".") {
		m := p.expectName()
		name += "." + m.Val
		sp = spanFrom(sp, m.Pos)
	}
	return name, sp
}

func (p *parser) importStmt() Stmt {
	start := p.next()
	s := &Import{}
	for {
		name, sp := p.dottedName()
		in := ImportName{Name: name}
		if p.acceptKw("as") {
			a := p.expectName()
			in.AsName = &Name{Pos: a.Pos, Id: a.Val}
		}
		_ = sp
		s.Names = append(s.Names, in)
		if !p.acceptOp(",") {
			break
		}
	}
	s.Pos = spanFrom(start.Pos, p.prev().Pos)
	return s
}

func (p *parser) fromImport() Stmt {
	start := p.next()
	level := 0
	for p.isOp(".") || p.isOp("...") {
		level += len(p.next().Val)
	}
	mod := ""
	if !(level > 0 && p.isKw("import")) {
		mod, _ = p.dottedName()
	}
	if !p.acceptKw("import") {
		p.syntaxErr()
	}
	s := &ImportFrom{Module: mod, Level: level}
	if p.isOp("*") {
		t := p.next()
		s.Names = []ImportName{{Name: "*"}}
		s.Pos = spanFrom(start.Pos, t.Pos)
		return s
	}
	paren := p.acceptOp("(")
	for {
		n := p.expectName()
		in := ImportName{Name: n.Val}
		if p.acceptKw("as") {
			a := p.expectName()
			in.AsName = &Name{Pos: a.Pos, Id: a.Val}
		}
		s.Names = append(s.Names, in)
		if !p.acceptOp(",") {
			break
		}
		if paren && p.isOp(")") {
			break
		}
	}
	if paren {
		p.expectOp(")")
	}
	s.Pos = spanFrom(start.Pos, p.prev().Pos)
	return s
}

var augOps = map[string]Op{"+=": Add, "-=": Sub, "*=": Mul, "/=": TrueDiv, "//=": FloorDiv, "%=": Mod, "**=": Pow, "@=": MatMul, "<<=": LShift, ">>=": RShift, "&=": And, "|=": Or, "^=": Xor}

func (p *parser) exprStmt() Stmt {
	first := p.starExprList()
	if ne, ok := first.(*NamedExpr); ok {
		if _, paren := p.outerSpans[ne]; !paren {
			sp := ne.Target.Pos
			p.fail(Pos{sp.Line, sp.EndCol + 1, sp.Line, sp.EndCol + 3}, "invalid syntax")
		}
	}
	if t := p.peek(); t.Kind == tOp {
		if op, ok := augOps[t.Val]; ok {
			p.next()
			p.checkAugTarget(first)
			var v Expr
			if p.isKw("yield") {
				v = p.yieldExpr()
			} else {
				v = p.exprList()
			}
			s := &AugAssign{Target: first, Op: op, Value: v}
			s.Pos = spanFrom(p.outer(first), p.outer(v))
			return s
		}
		if t.Val == ":" {
			p.next()
			ann := p.expr()
			s := &AnnAssign{Target: first, Ann: ann}
			s.Pos = spanFrom(p.outer(first), p.outer(ann))
			if p.acceptOp("=") {
				s.Value = p.exprList()
				s.Pos = spanFrom(p.outer(first), p.outer(s.Value))
			}
			p.checkAssignable(first, "=")
			return s
		}
		if t.Val == "=" {
			targets := []Expr{first}
			var value Expr
			for p.acceptOp("=") {
				var e Expr
				if p.isKw("yield") {
					e = p.yieldExpr()
				} else {
					e = p.starExprList()
				}
				targets = append(targets, e)
			}
			value = targets[len(targets)-1]
			targets = targets[:len(targets)-1]
			for _, tg := range targets {
				p.checkAssignable(tg, "=")
			}
			s := &Assign{Targets: targets, Value: value}
			s.Pos = spanFrom(p.outer(first), value.Span())
			return s
		}
	}
	s := &ExprStmt{X: first}
	s.Pos = first.Span()
	return s
}

func (p *parser) checkAugTarget(e Expr) {
	switch e.(type) {
	case *Name, *Attribute, *Subscript:
		return
	}
	p.fail(e.Span(), "'%s' is an illegal expression for augmented assignment", describeExpr(e))
}

// checkAssignable rejects targets CPython rejects, with its messages.
func (p *parser) checkAssignable(e Expr, ctx string) {
	switch x := e.(type) {
	case *Name:
		if x.Id == "__debug__" {
			p.fail(x.Pos, "cannot assign to __debug__")
		}
		return
	case *Attribute, *Subscript:
		return
	case *Starred:
		p.checkAssignable(x.X, ctx)
		return
	case *TupleExpr:
		for _, el := range x.Elts {
			p.checkAssignable(el, ctx)
		}
		return
	case *ListExpr:
		for _, el := range x.Elts {
			p.checkAssignable(el, ctx)
		}
		return
	}
	what := describeExpr(e)
	if c, ok := e.(*Const); ok {
		switch c.Value.(type) {
		case NoneType, Bool:
			p.fail(e.Span(), "cannot assign to %s", what)
		}
	}
	if ctx == "=" {
		switch e.(type) {
		case *CallExpr, *Const, *FString, *BinOp, *UnaryOp, *BoolOp, *CompareExpr, *Comp:
			if _, isCmp := e.(*CompareExpr); !isCmp {
				p.fail(e.Span(), "cannot assign to %s here. Maybe you meant '==' instead of '='?", what)
			}
		}
		p.fail(e.Span(), "cannot assign to %s", what)
	}
	p.fail(e.Span(), "cannot assign to %s", what)
}

func (p *parser) checkDeletable(e Expr) {
	switch x := e.(type) {
	case *Name, *Attribute, *Subscript:
		return
	case *TupleExpr:
		for _, el := range x.Elts {
			p.checkDeletable(el)
		}
		return
	case *ListExpr:
		for _, el := range x.Elts {
			p.checkDeletable(el)
		}
		return
	}
	p.fail(e.Span(), "cannot delete %s", describeExpr(e))
}

func describeExpr(e Expr) string {
	switch x := e.(type) {
	case *CallExpr:
		return "function call"
	case *Const:
		switch x.Value.(type) {
		case NoneType, Bool:
			return reprNoThread(x.Value)
		case EllipsisType:
			return "ellipsis"
		}
		return "literal"
	case *FString:
		return "f-string expression"
	case *BinOp, *UnaryOp:
		return "expression"
	case *BoolOp:
		return "expression"
	case *CompareExpr:
		return "comparison"
	case *Lambda:
		return "lambda"
	case *IfExp:
		return "conditional expression"
	case *Comp:
		switch x.Kind {
		case 'l':
			return "list comprehension"
		case 's':
			return "set comprehension"
		case 'd':
			return "dict comprehension"
		}
		return "generator expression"
	case *DictExpr:
		return "dict literal"
	case *SetExpr:
		return "set display"
	case *Yield:
		return "yield expression"
	case *NamedExpr:
		return "named expression"
	}
	return "expression"
}

// ---- expressions ----

// exprList parses "a, b, c" as a tuple (or a single expression).
func (p *parser) exprList() Expr {
	first := p.expr()
	if !p.isOp(",") {
		return first
	}
	elts := []Expr{first}
	for p.acceptOp(",") {
		if !p.startsExpr() {
			break
		}
		elts = append(elts, p.expr())
	}
	t := &TupleExpr{Elts: elts}
	t.Pos = spanFrom(p.outer(first), p.prev().Pos)
	if !p.prev().isComma() {
		t.Pos = spanFrom(p.outer(first), p.outer(elts[len(elts)-1]))
	}
	return t
}

func (t token) isComma() bool { return t.Kind == tOp && t.Val == "," }

// starExprList is exprList allowing *x items (assignment sides).
func (p *parser) starExprList() Expr {
	first := p.starOrExpr()
	if !p.isOp(",") {
		if _, ok := first.(*Starred); ok && !p.isOp("=") {
			p.fail(first.Span(), "can't use starred expression here")
		}
		return first
	}
	elts := []Expr{first}
	for p.acceptOp(",") {
		if !p.startsExpr() && !p.isOp("*") {
			break
		}
		elts = append(elts, p.starOrExpr())
	}
	t := &TupleExpr{Elts: elts}
	t.Pos = spanFrom(p.outer(first), p.outer(elts[len(elts)-1]))
	return t
}

func (p *parser) starOrExpr() Expr {
	if p.isOp("*") {
		st := p.next()
		x := p.bitOr(false)
		s := &Starred{X: x}
		s.Pos = spanFrom(st.Pos, p.outer(x))
		return s
	}
	return p.namedExpr()
}

func (p *parser) startsExpr() bool {
	t := p.peek()
	switch t.Kind {
	case tName:
		switch t.Val {
		case "not", "lambda", "None", "True", "False", "await", "yield":
			return t.Val != "yield"
		}
		return !isKeyword(t.Val)
	case tNumber, tString:
		return true
	case tOp:
		switch t.Val {
		case "(", "[", "{", "-", "+", "~", "...", "*":
			return t.Val != "*"
		}
	}
	return false
}

func (p *parser) namedExpr() Expr {
	if p.peek().Kind == tName && p.peekN(1).Kind == tOp && p.peekN(1).Val == ":=" {
		n := p.expectName()
		p.next()
		v := p.expr()
		ne := &NamedExpr{Target: &Name{Pos: n.Pos, Id: n.Val}, Value: v}
		ne.Pos = spanFrom(n.Pos, p.outer(v))
		return ne
	}
	return p.expr()
}

func (p *parser) expr() Expr {
	p.enter()
	defer func() { p.nest-- }()
	if p.isKw("lambda") {
		return p.lambda()
	}
	if p.isKw("yield") {
		return p.yieldExpr()
	}
	x := p.orTest()
	if p.isKw("if") {
		p.next()
		cond := p.orTest()
		if !p.acceptKw("else") {
			p.fail(spanFrom(p.outer(x), p.outer(cond)), "expected 'else' after 'if' expression")
		}
		els := p.expr()
		e := &IfExp{Cond: cond, Then: x, Else: els}
		e.Pos = spanFrom(p.outer(x), p.outer(els))
		return e
	}
	return x
}

func (p *parser) yieldExpr() Expr {
	t := p.next()
	if p.inFunc == 0 {
		p.fail(t.Pos, "'yield' outside function")
	}
	y := &Yield{}
	y.Pos = t.Pos
	if p.acceptKw("from") {
		y.From = true
		y.X = p.expr()
		y.Pos = spanFrom(t.Pos, p.outer(y.X))
		return y
	}
	if p.startsExpr() {
		y.X = p.exprList()
		y.Pos = spanFrom(t.Pos, p.outer(y.X))
	}
	return y
}

func (p *parser) lambda() Expr {
	start := p.next()
	params := p.params(":")
	p.expectOp(":")
	p.inFunc++
	loops := p.inLoop
	p.inLoop = 0
	body := p.expr()
	p.inLoop = loops
	p.inFunc--
	ret := &Return{Value: body}
	ret.Pos = body.Span()
	f := &FuncDef{Name: "<lambda>", Params: params, Body: []Stmt{ret}, IsLambda: true}
	f.Pos = spanFrom(start.Pos, p.outer(body))
	l := &Lambda{Func: f}
	l.Pos = f.Pos
	return l
}

func (p *parser) orTest() Expr {
	x := p.andTest()
	if !p.isKw("or") {
		return x
	}
	vals := []Expr{x}
	for p.acceptKw("or") {
		vals = append(vals, p.andTest())
	}
	b := &BoolOp{Values: vals}
	b.Pos = spanFrom(p.outer(x), p.outer(vals[len(vals)-1]))
	return b
}

func (p *parser) andTest() Expr {
	x := p.notTest()
	if !p.isKw("and") {
		return x
	}
	vals := []Expr{x}
	for p.acceptKw("and") {
		vals = append(vals, p.notTest())
	}
	b := &BoolOp{And: true, Values: vals}
	b.Pos = spanFrom(p.outer(x), p.outer(vals[len(vals)-1]))
	return b
}

func (p *parser) notTest() Expr {
	p.enter()
	defer func() { p.nest-- }()
	if p.isKw("not") {
		t := p.next()
		x := p.notTest()
		u := &UnaryOp{Op: "not", X: x}
		u.Pos = spanFrom(t.Pos, p.outer(x))
		return u
	}
	return p.comparison()
}

func (p *parser) compOp() (string, bool) {
	t := p.peek()
	if t.Kind == tOp {
		switch t.Val {
		case "<", ">", "==", ">=", "<=", "!=":
			p.next()
			return t.Val, true
		}
	}
	if t.Kind == tName {
		switch t.Val {
		case "in":
			p.next()
			return "in", true
		case "not":
			if n := p.peekN(1); n.Kind == tName && n.Val == "in" {
				p.next()
				p.next()
				return "not in", true
			}
		case "is":
			p.next()
			if p.acceptKw("not") {
				return "is not", true
			}
			return "is", true
		}
	}
	return "", false
}

func (p *parser) comparison() Expr {
	x := p.bitOr(false)
	op, ok := p.compOp()
	if !ok {
		return x
	}
	c := &CompareExpr{X: x}
	for ok {
		c.Ops = append(c.Ops, op)
		c.Ys = append(c.Ys, p.bitOr(false))
		op, ok = p.compOp()
	}
	c.Pos = spanFrom(p.outer(x), p.outer(c.Ys[len(c.Ys)-1]))
	return c
}

type binLevel struct {
	ops map[string]Op
}

var binLevels = []map[string]Op{
	{"|": Or},
	{"^": Xor},
	{"&": And},
	{"<<": LShift, ">>": RShift},
	{"+": Add, "-": Sub},
	{"*": Mul, "/": TrueDiv, "//": FloorDiv, "%": Mod, "@": MatMul},
}

// bitOr parses a binary-operator expression (everything tighter than
// comparisons). noIn is unused but documents for-target parsing.
func (p *parser) bitOr(noIn bool) Expr { return p.binary(0) }

func (p *parser) binary(level int) Expr {
	if level == len(binLevels) {
		return p.unary()
	}
	x := p.binary(level + 1)
	chain := 0
	for {
		chain++
		if chain > 2500 {
			panic(errCompileRecursion)
		}
		t := p.peek()
		if t.Kind != tOp {
			return x
		}
		op, ok := binLevels[level][t.Val]
		if !ok {
			return x
		}
		p.next()
		y := p.binary(level + 1)
		b := &BinOp{Op: op, X: x, Y: y}
		b.Pos = spanFrom(p.outer(x), p.outer(y))
		x = b
	}
}

func (p *parser) unary() Expr {
	p.enter()
	defer func() { p.nest-- }()
	t := p.peek()
	if t.Kind == tOp && (t.Val == "-" || t.Val == "+" || t.Val == "~") {
		p.next()
		x := p.unary()
		if c, ok := x.(*Const); ok && t.Val == "-" {
			// Fold negative literals as CPython's AST optimiser does, keeping
			// positions: -1 is one constant.
			switch v := c.Value.(type) {
			case Int, *BigInt, Float:
				r, err := Unary(nil, "-", v)
				if err == nil {
					_ = r
				}
			}
		}
		u := &UnaryOp{Op: t.Val, X: x}
		u.Pos = spanFrom(t.Pos, p.outer(x))
		return u
	}
	return p.power()
}

func (p *parser) power() Expr {
	if p.isKw("await") {
		p.fail(p.peek().Pos, "'await' is not supported by the simulator")
	}
	x := p.primary()
	if p.acceptOp("**") {
		y := p.unary()
		b := &BinOp{Op: Pow, X: x, Y: y}
		b.Pos = spanFrom(p.outer(x), p.outer(y))
		return b
	}
	return x
}

func (p *parser) primary() Expr {
	x := p.atom()
	for {
		t := p.peek()
		if t.Kind != tOp {
			return x
		}
		switch t.Val {
		case ".":
			p.next()
			n := p.peek()
			if n.Kind != tName {
				p.syntaxErr()
			}
			p.next()
			a := &Attribute{X: x, Name: n.Val}
			a.Pos = spanFrom(p.outer(x), n.Pos)
			x = a
		case "(":
			p.next()
			args := p.callArgs()
			end := p.expectOp(")")
			c := &CallExpr{Fn: x, Args: args, plain: true}
			for _, a := range args {
				if a.Star != 0 || a.Name != "" {
					c.plain = false
				}
			}
			c.Pos = spanFrom(p.outer(x), end.Pos)
			x = c
		case "[":
			p.next()
			idx := p.subscriptList()
			end := p.expectOp("]")
			s := &Subscript{X: x, Index: idx}
			s.Pos = spanFrom(p.outer(x), end.Pos)
			x = s
		default:
			return x
		}
	}
}

func (p *parser) callArgs() []Arg {
	var args []Arg
	sawKw := false
	for !p.isOp(")") {
		var a Arg
		if p.acceptOp("**") {
			a.Star = 2
			a.Value = p.expr()
			sawKw = true
		} else if p.acceptOp("*") {
			a.Star = 1
			a.Value = p.expr()
		} else if p.peek().Kind == tName && p.peekN(1).Kind == tOp && p.peekN(1).Val == "=" && !isKeyword(p.peek().Val) {
			n := p.next()
			p.next()
			a.Name = n.Val
			a.Value = p.expr()
			sawKw = true
		} else {
			a.Value = p.namedExpr()
			if p.isOp("=") {
				p.fail(spanFrom(p.outer(a.Value), p.peek().Pos), "expression cannot contain assignment, perhaps you meant \"==\"?")
			}
			if sawKw {
				p.fail(p.peek().Pos, "positional argument follows keyword argument")
			}
			if p.isKw("for") && len(args) == 0 {
				g := p.comprehension('g', a.Value, nil, a.Value.Span())
				if !p.isOp(")") {
					p.fail(g.Span(), "Generator expression must be parenthesized")
				}
				a.Value = g
			}
		}
		args = append(args, a)
		if !p.isOp(",") && !p.isOp(")") {
			p.missingComma([]Expr{a.Value})
		}
		if !p.acceptOp(",") {
			break
		}
	}
	return args
}

func (p *parser) subscriptList() Expr {
	first := p.sliceItem()
	if !p.isOp(",") {
		return first
	}
	elts := []Expr{first}
	for p.acceptOp(",") {
		if p.isOp("]") {
			break
		}
		elts = append(elts, p.sliceItem())
	}
	t := &TupleExpr{Elts: elts}
	t.Pos = spanFrom(p.outer(first), p.outer(elts[len(elts)-1]))
	return t
}

func (p *parser) sliceItem() Expr {
	start := p.peek()
	var lo, hi, step Expr
	if !p.isOp(":") {
		lo = p.namedExpr()
		if !p.isOp(":") {
			return lo
		}
	}
	p.next()
	if !p.isOp(":") && !p.isOp("]") && !p.isOp(",") {
		hi = p.expr()
	}
	if p.acceptOp(":") {
		if !p.isOp("]") && !p.isOp(",") {
			step = p.expr()
		}
	}
	s := &SliceExpr{Lo: lo, Hi: hi, Step: step}
	s.Pos = spanFrom(start.Pos, p.prev().Pos)
	return s
}

func (p *parser) atom() Expr {
	t := p.peek()
	switch t.Kind {
	case tName:
		switch t.Val {
		case "None":
			p.next()
			return &Const{t.Pos, None}
		case "True":
			p.next()
			return &Const{t.Pos, True}
		case "False":
			p.next()
			return &Const{t.Pos, False}
		}
		if isKeyword(t.Val) {
			p.syntaxErr()
		}
		p.next()
		return &Name{Pos: t.Pos, Id: t.Val}
	case tNumber:
		p.next()
		return &Const{t.Pos, parseNumber(t.Val)}
	case tString:
		return p.strings()
	case tOp:
		switch t.Val {
		case "(":
			return p.parenAtom()
		case "[":
			return p.listAtom()
		case "{":
			return p.dictAtom()
		case "...":
			p.next()
			return &Const{t.Pos, Ellipsis}
		}
	case tIndent:
		p.failIndent(t.Line, 0, "unexpected indent")
	}
	p.syntaxErr()
	return nil
}

func parseNumber(s string) Value {
	s = strings.ReplaceAll(s, "_", "")
	ls := strings.ToLower(s)
	if strings.HasPrefix(ls, "0x") || strings.HasPrefix(ls, "0o") || strings.HasPrefix(ls, "0b") {
		b, _ := new(big.Int).SetString(ls[2:], map[byte]int{'x': 16, 'o': 8, 'b': 2}[ls[1]])
		if b == nil {
			return Int(0)
		}
		return MakeInt(b)
	}
	if strings.ContainsAny(ls, ".e") {
		f, _ := strconv.ParseFloat(s, 64)
		return Float(f)
	}
	b, _ := new(big.Int).SetString(s, 10)
	if b == nil {
		return Int(0)
	}
	return MakeInt(b)
}

// strings parses adjacent string literals, concatenating them.
func (p *parser) strings() Expr {
	first := p.peek()
	var parts []FPart
	isBytes := strings.Contains(first.Prefix, "b")
	hasF := false
	var last token
	for p.peek().Kind == tString {
		t := p.next()
		last = t
		if strings.Contains(t.Prefix, "b") != isBytes {
			p.fail(spanFrom(first.Pos, t.Pos), "cannot mix bytes and nonbytes literals")
		}
		if strings.Contains(t.Prefix, "f") {
			hasF = true
			fs := p.fstring(t)
			parts = append(parts, fs.Parts...)
		} else {
			parts = append(parts, FPart{Lit: t.Val})
		}
	}
	sp := spanFrom(first.Pos, last.Pos)
	if !hasF {
		var b strings.Builder
		for _, pt := range parts {
			b.WriteString(pt.Lit)
		}
		if isBytes {
			return &Const{sp, Bytes(b.String())}
		}
		return &Const{sp, Str(b.String())}
	}
	return &FString{Pos: sp, Parts: mergeLits(parts)}
}

func mergeLits(parts []FPart) []FPart {
	var out []FPart
	for _, pt := range parts {
		if pt.X == nil && len(out) > 0 && out[len(out)-1].X == nil {
			out[len(out)-1].Lit += pt.Lit
			continue
		}
		out = append(out, pt)
	}
	return out
}

// fstring splits an f-string token's body into literal and field parts.
func (p *parser) fstring(t token) *FString {
	raw := strings.Contains(t.Prefix, "r")
	body := t.Val
	fs, _ := p.fstringBody(t, body, 0, raw, 0)
	return fs
}

// fstringBody parses body[i:] up to a closing '}' at depth (for specs) or
// the end, returning the parts and the index reached.
func (p *parser) fstringBody(t token, body string, i int, raw bool, nest int) (*FString, int) {
	fs := &FString{Pos: t.Pos}
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			s := lit.String()
			if !raw {
				d, err := decodeString(s, false, false)
				if err == nil {
					s = d
				}
			}
			fs.Parts = append(fs.Parts, FPart{Lit: s})
			lit.Reset()
		}
	}
	for i < len(body) {
		c := body[i]
		if c == '{' {
			if nest == 0 && i+1 < len(body) && body[i+1] == '{' {
				lit.WriteByte('{')
				i += 2
				continue
			}
			flush()
			part, j := p.fstringField(t, body, i+1, raw, nest)
			fs.Parts = append(fs.Parts, part)
			i = j
			continue
		}
		if c == '}' {
			if nest > 0 {
				break
			}
			if i+1 < len(body) && body[i+1] == '}' {
				lit.WriteByte('}')
				i += 2
				continue
			}
			p.fail(t.Pos, "f-string: single '}' is not allowed")
		}
		if c == '\\' && !raw && i+1 < len(body) {
			lit.WriteByte(c)
			lit.WriteByte(body[i+1])
			i += 2
			continue
		}
		lit.WriteByte(c)
		i++
	}
	flush()
	return fs, i
}

// fstringField parses one {expr!conv:spec} starting after '{'.
func (p *parser) fstringField(t token, body string, i int, raw bool, nest int) (FPart, int) {
	start := i
	depth := 0
	var quote byte
	for i < len(body) {
		c := body[i]
		if quote != 0 {
			if c == quote {
				quote = 0
			}
			i++
			continue
		}
		if c == '\'' || c == '"' {
			quote = c
		} else if c == '(' || c == '[' || c == '{' {
			depth++
		} else if c == ')' || c == ']' || c == '}' {
			if depth == 0 {
				break
			}
			depth--
		} else if depth == 0 && (c == '!' && i+1 < len(body) && body[i+1] != '=' || c == ':') {
			break
		}
		i++
	}
	exprSrc := body[start:i]
	var part FPart
	trimmed := strings.TrimRight(exprSrc, " ")
	if strings.HasSuffix(trimmed, "=") && !strings.HasSuffix(trimmed, "==") && !strings.HasSuffix(trimmed, "!=") && !strings.HasSuffix(trimmed, "<=") && !strings.HasSuffix(trimmed, ">=") {
		part.Debug = exprSrc
		exprSrc = trimmed[:len(trimmed)-1]
	}
	if strings.TrimSpace(exprSrc) == "" {
		p.fail(t.Pos, "f-string: valid expression required before '}'")
	}
	part.X = p.subExpr(t, exprSrc, start)
	if i < len(body) && body[i] == '!' {
		if i+1 < len(body) {
			part.Conv = body[i+1]
		}
		if part.Conv != 'r' && part.Conv != 's' && part.Conv != 'a' {
			p.fail(t.Pos, "f-string: invalid conversion character: expected 's', 'r', or 'a'")
		}
		i += 2
	}
	if part.Debug != "" && part.Conv == 0 {
		part.Conv = 'r'
	}
	if i < len(body) && body[i] == ':' {
		spec, j := p.fstringBody(t, body, i+1, raw, nest+1)
		part.Spec = spec
		if part.Debug != "" && part.Conv == 'r' {
			part.Conv = 0
		}
		i = j
	}
	if i >= len(body) || body[i] != '}' {
		p.fail(t.Pos, "f-string: expecting '}'")
	}
	return part, i + 1
}

// subExpr parses an expression embedded in an f-string at the right
// position so error carets land inside the string.
func (p *parser) subExpr(t token, src string, offset int) Expr {
	toks, err := scan("(" + src + ")")
	if err != nil {
		p.fail(t.Pos, "f-string: invalid syntax")
	}
	line, col := t.Line, t.RawStart+offset-1
	for k := range toks {
		if toks[k].Line == 1 {
			toks[k].Col += col
			toks[k].EndCol += col
		}
		toks[k].Line += line - 1
		toks[k].EndLine += line - 1
	}
	sub := &parser{toks: toks, src: p.src, lines: p.lines, inFunc: p.inFunc}
	e := sub.expr()
	if sub.peek().Kind != tNewline && sub.peek().Kind != tEOF {
		p.fail(t.Pos, "f-string: invalid syntax")
	}
	// Strip the parentheses we added.
	if pe, ok := e.(*TupleExpr); ok {
		_ = pe
	}
	return e
}

func (p *parser) parenAtom() Expr {
	open := p.next()
	if p.isOp(")") {
		end := p.next()
		return &TupleExpr{Pos: spanFrom(open.Pos, end.Pos)}
	}
	if p.isKw("yield") {
		y := p.yieldExpr()
		p.expectOp(")")
		return y
	}
	first := p.starOrExpr()
	if p.isKw("for") {
		g := p.comprehension('g', first, nil, open.Pos)
		end := p.expectOp(")")
		g.(*Comp).Pos = spanFrom(open.Pos, end.Pos)
		return g
	}
	if !p.isOp(")") && !p.isOp(",") {
		p.missingComma([]Expr{first})
	}
	if p.isOp(")") {
		end := p.next()
		if _, ok := first.(*Starred); ok {
			p.fail(first.Span(), "cannot use starred expression here")
		}
		if p.outerSpans == nil {
			p.outerSpans = map[Expr]Pos{}
		}
		p.outerSpans[first] = spanFrom(open.Pos, end.Pos)
		return first
	}
	elts := []Expr{first}
	for p.acceptOp(",") {
		if p.isOp(")") {
			break
		}
		elts = append(elts, p.starOrExpr())
	}
	if !p.isOp(")") {
		p.missingComma(elts)
	}
	end := p.expectOp(")")
	return &TupleExpr{Pos: spanFrom(open.Pos, end.Pos), Elts: elts}
}

func (p *parser) listAtom() Expr {
	open := p.next()
	if p.isOp("]") {
		end := p.next()
		return &ListExpr{Pos: spanFrom(open.Pos, end.Pos)}
	}
	first := p.starOrExpr()
	if p.isKw("for") {
		c := p.comprehension('l', first, nil, open.Pos)
		end := p.expectOp("]")
		c.(*Comp).Pos = spanFrom(open.Pos, end.Pos)
		return c
	}
	elts := []Expr{first}
	for p.acceptOp(",") {
		if p.isOp("]") {
			break
		}
		elts = append(elts, p.starOrExpr())
	}
	if !p.isOp("]") {
		p.missingComma(elts)
	}
	end := p.expectOp("]")
	return &ListExpr{Pos: spanFrom(open.Pos, end.Pos), Elts: elts}
}

// missingComma reports "Perhaps you forgot a comma?" when two expressions
// sit side by side in a display, as CPython does.
func (p *parser) missingComma(elts []Expr) {
	if t := p.peek(); t.Kind == tName && (t.Val == "for" || t.Val == "if" || t.Val == "else" || t.Val == "async") {
		p.syntaxErr()
	}
	if p.startsExpr() {
		last := elts[len(elts)-1]
		var nx Expr
		func() {
			defer func() { recover() }()
			nx = p.expr()
		}()
		if nx != nil {
			p.fail(spanFrom(p.outer(last), p.outer(nx)), "invalid syntax. Perhaps you forgot a comma?")
		}
		p.fail(last.Span(), "invalid syntax. Perhaps you forgot a comma?")
	}
	p.syntaxErr()
}

func (p *parser) dictAtom() Expr {
	open := p.next()
	if p.isOp("}") {
		end := p.next()
		return &DictExpr{Pos: spanFrom(open.Pos, end.Pos)}
	}
	if p.acceptOp("**") {
		d := &DictExpr{}
		d.Keys = append(d.Keys, nil)
		d.Values = append(d.Values, p.bitOr(false))
		return p.dictRest(open, d)
	}
	first := p.starOrExpr()
	if p.acceptOp(":") {
		v := p.expr()
		if p.isKw("for") {
			c := p.comprehension('d', first, v, open.Pos)
			end := p.expectOp("}")
			c.(*Comp).Pos = spanFrom(open.Pos, end.Pos)
			return c
		}
		d := &DictExpr{Keys: []Expr{first}, Values: []Expr{v}}
		return p.dictRest(open, d)
	}
	if p.isKw("for") {
		c := p.comprehension('s', first, nil, open.Pos)
		end := p.expectOp("}")
		c.(*Comp).Pos = spanFrom(open.Pos, end.Pos)
		return c
	}
	elts := []Expr{first}
	for p.acceptOp(",") {
		if p.isOp("}") {
			break
		}
		elts = append(elts, p.starOrExpr())
	}
	end := p.expectOp("}")
	return &SetExpr{Pos: spanFrom(open.Pos, end.Pos), Elts: elts}
}

func (p *parser) dictRest(open token, d *DictExpr) Expr {
	for p.acceptOp(",") {
		if p.isOp("}") {
			break
		}
		if p.acceptOp("**") {
			d.Keys = append(d.Keys, nil)
			d.Values = append(d.Values, p.bitOr(false))
			continue
		}
		k := p.expr()
		if !p.isOp(":") {
			p.fail(k.Span(), "':' expected after dictionary key")
		}
		p.next()
		d.Keys = append(d.Keys, k)
		d.Values = append(d.Values, p.expr())
	}
	end := p.expectOp("}")
	d.Pos = spanFrom(open.Pos, end.Pos)
	return d
}

func (p *parser) comprehension(kind byte, elt, val Expr, start Pos) Expr {
	c := &Comp{Kind: kind}
	if kind == 'd' {
		c.Key, c.Value = elt, val
	} else {
		c.Elt = elt
		if _, ok := elt.(*Starred); ok {
			p.fail(elt.Span(), "iterable unpacking cannot be used in comprehension")
		}
	}
	for p.isKw("for") {
		p.next()
		var g CompFor
		g.Target = p.targetList()
		if !p.acceptKw("in") {
			p.syntaxErr()
		}
		g.Iter = p.orTest()
		for p.isKw("if") {
			p.next()
			g.Ifs = append(g.Ifs, p.orTestNoCond())
		}
		c.Gens = append(c.Gens, g)
	}
	c.Pos = spanFrom(start, p.prev().Pos)
	return c
}

func (p *parser) orTestNoCond() Expr { return p.orTest() }
