package python

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/ckptlab/ckptlab/sim/python/suggest"
)

// ScriptName is the file name tracebacks show for learner code.
const ScriptName = "main.py"

// FormatError renders an error from Exec exactly as CPython prints an
// uncaught exception to stderr: the chained tracebacks, caret lines and the
// final "Type: message" line (with "Did you mean" suggestions).
func FormatError(t *Thread, err error) (out string) {
	defer func() {
		if r := recover(); r != nil {
			out = "SystemError: internal error in the simulator while printing a traceback: " + fmt.Sprint(r) + "\n"
		}
	}()
	var b strings.Builder
	switch e := err.(type) {
	case *SyntaxError:
		formatSyntaxError(&b, e)
	case *Exception:
		formatChain(t, &b, e, map[*Exception]bool{})
	case *LimitError:
		b.WriteString(e.Msg + "\n")
	case *InternalError:
		b.WriteString("SystemError: internal error in the simulator: " + e.Msg + "\n")
	default:
		b.WriteString("SystemError: " + err.Error() + "\n")
	}
	return b.String()
}

func formatChain(t *Thread, b *strings.Builder, e *Exception, seen map[*Exception]bool) {
	seen[e] = true
	if e.Cause != nil && !seen[e.Cause] {
		formatChain(t, b, e.Cause, seen)
		b.WriteString("\nThe above exception was the direct cause of the following exception:\n\n")
	} else if e.Context != nil && !e.SuppressContext && !seen[e.Context] {
		formatChain(t, b, e.Context, seen)
		b.WriteString("\nDuring handling of the above exception, another exception occurred:\n\n")
	}
	formatTraceback(b, e)
	b.WriteString(exceptionLine(t, e))
	b.WriteString(suggestionFor(t, e))
	b.WriteString("\n")
}

func formatTraceback(b *strings.Builder, e *Exception) {
	if len(e.tb) == 0 {
		return
	}
	b.WriteString("Traceback (most recent call last):\n")
	lastName, lastLine := "", -1
	var lastProg *Program
	cnt := 0
	flush := func() {
		if cnt > 3 {
			n := cnt - 3
			if n > 1 {
				fmt.Fprintf(b, "  [Previous line repeated %d more times]\n", n)
			} else {
				fmt.Fprintf(b, "  [Previous line repeated %d more time]\n", n)
			}
		}
	}
	for i := len(e.tb) - 1; i >= 0; i-- {
		en := e.tb[i]
		if en.name != lastName || en.line != lastLine || en.prog != lastProg {
			flush()
			lastName, lastLine, lastProg, cnt = en.name, en.line, en.prog, 0
		}
		cnt++
		if cnt <= 3 {
			formatEntry(b, en)
		}
	}
	flush()
}

func formatEntry(b *strings.Builder, en tbEntry) {
	file := ScriptName
	if en.prog != nil && en.prog.File != "" {
		file = en.prog.File
	}
	fmt.Fprintf(b, "  File \"%s\", line %d, in %s\n", file, en.line, en.name)
	if en.prog == nil || en.prog.File != "" || en.line-1 >= len(en.prog.lines) || en.line < 1 {
		return
	}
	line := strings.TrimRight(en.prog.lines[en.line-1], "\r")
	lead := 0
	for lead < len(line) && (line[lead] == ' ' || line[lead] == '\t' || line[lead] == '\f') {
		lead++
	}
	if lead == len(line) {
		return
	}
	b.WriteString("    " + line[lead:] + "\n")
	sp := en.span
	if sp.Line != en.line {
		return
	}
	start := charOffset(line, sp.Col)
	end := charOffset(line, sp.EndCol)
	leftEnd, rightStart := -1, -1
	primary, secondary := "^", "^"
	if sp.EndLine == sp.Line {
		if l, r, ok := caretAnchors(line, start, end); ok {
			leftEnd, rightStart = l, r
			primary, secondary = "~", "^"
		}
	} else {
		i := len(line) - 1
		for i >= 0 && (line[i] == ' ' || line[i] == '\t' || line[i] == '\f') {
			i--
		}
		end = charOffset(line, i+1)
	}
	leadChars := utf8.RuneCountInString(line[:lead])
	strippedLen := utf8.RuneCountInString(line) - leadChars
	hasSecondary := leftEnd != -1 || rightStart != -1
	if end-start == strippedLen && !hasSecondary {
		return
	}
	truncation := leadChars - 4
	for off := truncation + 1; off <= end; off++ {
		switch {
		case off <= start:
			b.WriteByte(' ')
		case hasSecondary && leftEnd < off && off <= rightStart:
			b.WriteString(secondary)
		default:
			b.WriteString(primary)
		}
	}
	b.WriteByte('\n')
}

// charOffset converts a byte column to a character column.
func charOffset(line string, col int) int {
	if col > len(line) {
		col = len(line)
	}
	if col < 0 {
		col = 0
	}
	return utf8.RuneCountInString(line[:col])
}

// caretAnchors re-parses the failing segment as CPython's traceback printer
// does and, for a binary operation or a subscript, returns where the
// operator (or the [...] part) starts and ends, as character offsets in line.
func caretAnchors(line string, start, end int) (int, int, bool) {
	rs := []rune(line)
	if start < 0 || end > len(rs) || start >= end {
		return 0, 0, false
	}
	seg := string(rs[start:end])
	prog, err := parseSegment(seg)
	if err != nil || len(prog) != 1 {
		return 0, 0, false
	}
	es, ok := prog[0].(*ExprStmt)
	if !ok {
		return 0, 0, false
	}
	var l, r int
	switch x := es.X.(type) {
	case *BinOp:
		ls, re := x.X.Span(), x.Y.Span()
		if ls.EndLine != 1 || re.Line != 1 {
			return 0, 0, false
		}
		found := false
		for i := ls.EndCol; i < re.Col && i < len(seg); i++ {
			c := seg[i]
			if c == ' ' || c == '\t' || c == '\f' {
				continue
			}
			l, r = i, i+1
			if i+1 < re.Col && !(seg[i+1] == ' ' || seg[i+1] == '\t' || seg[i+1] == '\f') {
				r++
			}
			found = true
			break
		}
		if !found {
			return 0, 0, false
		}
	case *Subscript:
		vs, is := x.X.Span(), x.Index.Span()
		if vs.EndLine != 1 || is.EndLine != 1 {
			return 0, 0, false
		}
		l, r = vs.EndCol, is.EndCol+1
	default:
		return 0, 0, false
	}
	return charOffset(seg, l) + start, charOffset(seg, r) + start, true
}

// parseSegment parses a source fragment without resolving names.
func parseSegment(src string) (body []Stmt, err error) {
	toks, err := scan(src)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks, src: src, lines: strings.Split(src, "\n"), inFunc: 1, inLoop: 1}
	defer func() {
		if r := recover(); r != nil {
			if se, ok := r.(*SyntaxError); ok {
				body, err = nil, se
				return
			}
			panic(r)
		}
	}()
	for p.peek().Kind != tEOF {
		body = append(body, p.statement()...)
	}
	return body, nil
}

func formatSyntaxError(b *strings.Builder, e *SyntaxError) {
	fmt.Fprintf(b, "  File \"%s\", line %d\n", ScriptName, e.Line)
	text := e.Text
	if text != "" {
		line := strings.TrimRight(text, "\r\n")
		offset := charOffset(line, e.Col)
		endOffset := charOffset(line, e.EndCol)
		if e.EndCol > len(line) {
			endOffset = offset + (e.EndCol - e.Col)
		}
		if e.Col > len(line) {
			offset = utf8.RuneCountInString(line) + (e.Col - len(line))
			endOffset = offset + 1
		}
		lead := 0
		for lead < len(line) && (line[lead] == ' ' || line[lead] == '\t' || line[lead] == '\f') {
			lead++
		}
		stripped := line[lead:]
		offset -= lead
		endOffset -= lead
		n := utf8.RuneCountInString(stripped)
		if offset > n {
			offset = n
		}
		if endOffset <= offset {
			endOffset = offset + 1
		}
		if endOffset > n+1 {
			endOffset = n + 1
		}
		b.WriteString("    " + stripped + "\n")
		if offset >= 0 && e.Col >= 0 {
			b.WriteString("    " + strings.Repeat(" ", offset) + strings.Repeat("^", endOffset-offset) + "\n")
		}
	}
	kind := "SyntaxError"
	if e.Indentation {
		kind = "IndentationError"
	}
	if e.Tab {
		kind = "TabError"
	}
	b.WriteString(kind + ": " + e.Msg + "\n")
}

// suggestionFor is CPython 3.12's "Did you mean" suffix for NameError,
// AttributeError and ImportError.
func suggestionFor(t *Thread, e *Exception) string {
	cls := e.Type()
	switch {
	case cls == NameErrorClass || cls == UnboundLocalErrorClass:
		if cls == UnboundLocalErrorClass {
			return ""
		}
		nv, _ := e.dict.GetStr("name")
		name, ok := nv.(Str)
		if !ok || e.nameFrame == nil {
			return ""
		}
		fr := e.nameFrame
		// "self.x": a method whose self has the attribute.
		if fr.fn != nil && len(fr.fn.def.Params) > 0 && fr.fn.def.Params[0].Name == "self" && len(fr.locals) > 0 {
			self := fr.locals[0]
			if c, isCell := self.(*Cell); isCell {
				self = c.V
			}
			if self != nil {
				if has, _ := HasAttr(t, self, string(name)); has {
					return suggest.NameSuffix(string(name), "self."+string(name), true)
				}
			}
		}
		var cands []string
		for f := fr; f != nil; f = f.parent {
			if f.scope != nil && f.locals != nil {
				names := make([]string, len(f.locals))
				for n, i := range f.scope.slots {
					if i < len(f.locals) && f.locals[i] != nil {
						if c, isCell := f.locals[i].(*Cell); isCell && c.V == nil {
							continue
						}
						names[i] = n
					}
				}
				for _, n := range names {
					if n != "" {
						cands = append(cands, n)
					}
				}
				for i, n := range f.scope.frees {
					if i < len(f.frees) && f.frees[i].V != nil {
						cands = append(cands, n)
					}
				}
			}
			if f.ns != nil {
				for _, k := range f.ns.Keys() {
					cands = append(cands, string(k.(Str)))
				}
			}
			if !f.hidden {
				break
			}
		}
		for _, k := range fr.globals.Keys() {
			cands = append(cands, string(k.(Str)))
		}
		cands = append(cands, suggest.Builtins...)
		s, ok := suggest.Suggest(string(name), cands)
		return suggest.NameSuffix(string(name), s, ok)
	case cls == AttributeErrorClass:
		nv, _ := e.dict.GetStr("name")
		obj, _ := e.dict.GetStr("obj")
		name, ok := nv.(Str)
		if !ok || obj == nil {
			return ""
		}
		s, ok := suggest.Suggest(string(name), dirNames(t, obj))
		return suggest.AttributeSuffix(s, ok)
	case cls == ImportErrorClass && e.importModule != nil:
		nv, _ := e.dict.GetStr("name_from")
		name, ok := nv.(Str)
		if !ok {
			return ""
		}
		var cands []string
		for _, k := range e.importModule.dict.Keys() {
			cands = append(cands, string(k.(Str)))
		}
		s, ok := suggest.Suggest(string(name), cands)
		return suggest.AttributeSuffix(s, ok)
	}
	return ""
}

// dirNames lists the attribute names dir(obj) would show.
func dirNames(t *Thread, obj Value) []string {
	seen := map[string]bool{}
	var out []string
	add := func(n string) {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	switch o := obj.(type) {
	case *Module:
		for _, k := range o.dict.Keys() {
			add(string(k.(Str)))
		}
		sortStrings(out)
		return out
	case *Class:
		for _, c := range o.MRO {
			for _, n := range c.order {
				add(n)
			}
		}
		sortStrings(out)
		return out
	}
	if hd, ok := obj.(HasDict); ok && hd.Dict() != nil {
		for _, k := range hd.Dict().Keys() {
			if s, ok := k.(Str); ok {
				add(string(s))
			}
		}
	}
	for _, c := range obj.Type().MRO {
		for _, n := range c.order {
			add(n)
		}
	}
	if d, ok := obj.(interface{ DirNames(t *Thread) []string }); ok {
		for _, n := range d.DirNames(t) {
			add(n)
		}
	}
	sortStrings(out)
	return out
}
