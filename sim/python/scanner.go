package python

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

type tokKind uint8

const (
	tEOF tokKind = iota
	tNewline
	tIndent
	tDedent
	tName
	tNumber
	tString
	tOp
)

// token is one lexical token. For strings, Val holds the decoded value
// and Prefix the lowercase prefix letters ("", "b", "f", "rb", ...); an
// f-string keeps its raw body in Val for the parser to split.
type token struct {
	Kind   tokKind
	Val    string
	Prefix string
	Pos
	RawStart int // for f-strings: byte offset of the body in the line
}

// SyntaxError is a syntax error with CPython's wording and position.
type SyntaxError struct {
	Msg             string
	Line, Col       int // 1-based line; 0-based byte column
	EndLine, EndCol int
	Indentation     bool // IndentationError rather than SyntaxError
	Tab             bool // TabError (a kind of IndentationError)
	Text            string
}

func (e *SyntaxError) Error() string { return e.Msg }

type scanner struct {
	src       string
	pos       int
	line      int
	lineAt    int // offset of the current line's start
	indent    []int
	altIndent []int // the same indentation counting a tab as one column
	depth     []openBracket
	toks      []token
	atBOL     bool
	unclosed  *SyntaxError
	lines     []string
	// names holds each name met so far: every use of a name in a program
	// is the same string, so that a dict finds its key by the address of
	// its bytes (see scanStr) and a class's lookup cache by it (Lookup).
	names map[string]string
}

// intern returns the string the program's first use of name was.
func (s *scanner) intern(name string) string {
	if n, ok := s.names[name]; ok {
		return n
	}
	if s.names == nil {
		s.names = map[string]string{}
	}
	s.names[name] = name
	return name
}

type openBracket struct {
	ch        byte
	line, col int
}

func isKeyword(s string) bool {
	switch s {
	case "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
		"def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
		"in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield":
		return true
	}
	return false
}

func scan(src string) ([]token, error) {
	toks, unclosed, err := scanTokens(src)
	if err == nil && unclosed != nil {
		return nil, unclosed
	}
	return toks, err
}

// scanTokens scans src; unclosed reports a bracket still open at the end.
func scanTokens(src string) (toks []token, unclosed *SyntaxError, err error) {
	s := &scanner{src: src, line: 1, indent: []int{0}, altIndent: []int{0}, atBOL: true}
	s.lines = strings.Split(src, "\n")
	if err := s.run(); err != nil {
		return nil, nil, err
	}
	return s.toks, s.unclosed, nil
}

func (s *scanner) errAt(line, col int, format string, args ...any) *SyntaxError {
	return &SyntaxError{Msg: fmt.Sprintf(format, args...), Line: line, Col: col, EndLine: line, EndCol: col + 1}
}

func (s *scanner) col() int { return s.pos - s.lineAt }

func (s *scanner) emit(k tokKind, val string, line, col, endLine, endCol int) {
	s.toks = append(s.toks, token{Kind: k, Val: val, Pos: Pos{line, col, endLine, endCol}})
}

func (s *scanner) newline() {
	s.pos++
	s.line++
	s.lineAt = s.pos
}

func (s *scanner) run() error {
	for {
		if s.atBOL && len(s.depth) == 0 {
			if err := s.lineStart(); err != nil {
				return err
			}
			if s.pos >= len(s.src) {
				break
			}
		}
		if s.pos >= len(s.src) {
			break
		}
		c := s.src[s.pos]
		switch {
		case c == '\n':
			if len(s.depth) == 0 {
				s.emit(tNewline, "", s.line, s.col(), s.line, s.col()+1)
				s.atBOL = true
			}
			s.newline()
		case c == ' ' || c == '\t' || c == '\f' || c == '\r':
			s.pos++
		case c == '#':
			for s.pos < len(s.src) && s.src[s.pos] != '\n' {
				s.pos++
			}
		case c == '\\':
			if s.pos+1 < len(s.src) && s.src[s.pos+1] == '\n' {
				s.pos++
				s.newline()
			} else if s.pos+2 < len(s.src) && s.src[s.pos+1] == '\r' && s.src[s.pos+2] == '\n' {
				s.pos += 2
				s.newline()
			} else {
				return s.errAt(s.line, s.col()+1, "unexpected character after line continuation character")
			}
		case isIdentStart(c):
			start := s.pos
			for s.pos < len(s.src) {
				r, n := utf8.DecodeRuneInString(s.src[s.pos:])
				if r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) {
					s.pos += n
				} else {
					break
				}
			}
			if s.pos == start {
				r, _ := utf8.DecodeRuneInString(s.src[s.pos:])
				if r == utf8.RuneError {
					return s.errAt(s.line, s.col(), "(unicode error) 'utf-8' codec can't decode byte 0x%02x in position %d: invalid start byte", s.src[s.pos], s.pos)
				}
				if !unicode.IsPrint(r) {
					return s.errAt(s.line, s.col(), "invalid non-printable character U+%04X", r)
				}
				return s.errAt(s.line, s.col(), "invalid character '%c' (U+%04X)", r, r)
			}
			word := s.src[start:s.pos]
			if s.pos < len(s.src) && (s.src[s.pos] == '\'' || s.src[s.pos] == '"') && isStringPrefix(word) {
				if err := s.scanString(start, strings.ToLower(word)); err != nil {
					return err
				}
				continue
			}
			s.emit(tName, s.intern(word), s.line, start-s.lineAt, s.line, s.pos-s.lineAt)
		case c >= '0' && c <= '9' || c == '.' && s.pos+1 < len(s.src) && s.src[s.pos+1] >= '0' && s.src[s.pos+1] <= '9':
			if err := s.scanNumber(); err != nil {
				return err
			}
		case c == '\'' || c == '"':
			if err := s.scanString(s.pos, ""); err != nil {
				return err
			}
		default:
			if err := s.scanOp(); err != nil {
				return err
			}
		}
	}
	if len(s.depth) > 0 {
		// Reported by the parser only if it reaches the end of the input:
		// an earlier syntax error wins, as in CPython.
		b := s.depth[len(s.depth)-1]
		s.unclosed = s.errAt(b.line, b.col, "'%c' was never closed", b.ch)
	}
	if n := len(s.toks); n > 0 && s.toks[n-1].Kind != tNewline && s.toks[n-1].Kind != tDedent {
		s.emit(tNewline, "", s.line, s.col(), s.line, s.col())
	}
	for len(s.indent) > 1 {
		s.indent = s.indent[:len(s.indent)-1]
		s.emit(tDedent, "", s.line, 0, s.line, 0)
	}
	s.emit(tEOF, "", s.line, 0, s.line, 0)
	return nil
}

func isIdentStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func isStringPrefix(w string) bool {
	switch strings.ToLower(w) {
	case "r", "b", "f", "rb", "br", "fr", "rf", "u":
		return true
	}
	return false
}

// lineStart measures indentation at the start of a logical line, skipping
// blank and comment-only lines, and emits INDENT/DEDENT tokens.
func (s *scanner) lineStart() error {
	for {
		col, alt := 0, 0
		start := s.pos
		for s.pos < len(s.src) {
			c := s.src[s.pos]
			if c == ' ' {
				col++
				alt++
			} else if c == '\t' {
				col = (col/8 + 1) * 8
				alt++
			} else if c == '\f' {
				col, alt = 0, 0
			} else {
				break
			}
			s.pos++
		}
		if s.pos >= len(s.src) {
			s.atBOL = false
			return nil
		}
		c := s.src[s.pos]
		if c == '#' {
			for s.pos < len(s.src) && s.src[s.pos] != '\n' {
				s.pos++
			}
			if s.pos < len(s.src) {
				s.newline()
			}
			continue
		}
		if c == '\n' {
			s.newline()
			continue
		}
		if c == '\r' && s.pos+1 < len(s.src) && s.src[s.pos+1] == '\n' {
			s.pos++
			s.newline()
			continue
		}
		_ = start
		s.atBOL = false
		cur := s.indent[len(s.indent)-1]
		curAlt := s.altIndent[len(s.altIndent)-1]
		tabErr := func() error {
			e := s.errAt(s.line, col, "inconsistent use of tabs and spaces in indentation")
			e.Indentation, e.Tab = true, true
			e.Col, e.EndCol = -1, -1
			return e
		}
		if col == cur && alt != curAlt || col > cur && alt <= curAlt {
			return tabErr()
		}
		if col > cur {
			if len(s.indent) >= 100 {
				e := s.errAt(s.line, col, "too many levels of indentation")
				e.Indentation = true
				return e
			}
			s.indent = append(s.indent, col)
			s.altIndent = append(s.altIndent, alt)
			s.emit(tIndent, "", s.line, 0, s.line, col)
		} else {
			for col < s.indent[len(s.indent)-1] {
				s.indent = s.indent[:len(s.indent)-1]
				s.altIndent = s.altIndent[:len(s.altIndent)-1]
				s.emit(tDedent, "", s.line, col, s.line, col)
			}
			if col == s.indent[len(s.indent)-1] && alt != s.altIndent[len(s.altIndent)-1] {
				return tabErr()
			}
			if col != s.indent[len(s.indent)-1] {
				e := s.errAt(s.line, col, "unindent does not match any outer indentation level")
				e.Indentation = true
				e.Col, e.EndCol = len(s.lines[s.line-1]), len(s.lines[s.line-1])+1
				e.Msg = "unindent does not match any outer indentation level"
				return e
			}
		}
		return nil
	}
}

var ops3 = []string{"**=", "//=", ">>=", "<<=", "...", "!="}
var ops2 = []string{"**", "//", "<<", ">>", "<=", ">=", "==", "!=", "->", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=", ":="}

func (s *scanner) scanOp() error {
	rest := s.src[s.pos:]
	line, col := s.line, s.col()
	for _, group := range [][]string{ops3, ops2} {
		for _, op := range group {
			if strings.HasPrefix(rest, op) {
				s.pos += len(op)
				s.emit(tOp, op, line, col, line, col+len(op))
				return nil
			}
		}
	}
	c := rest[0]
	switch c {
	case '(', '[', '{':
		if len(s.depth) >= 200 {
			return s.errAt(line, col, "too many nested parentheses")
		}
		s.depth = append(s.depth, openBracket{c, line, col})
	case ')', ']', '}':
		if len(s.depth) == 0 {
			return s.errAt(line, col, "unmatched '%c'", c)
		}
		open := s.depth[len(s.depth)-1]
		want := map[byte]byte{'(': ')', '[': ']', '{': '}'}[open.ch]
		if c != want {
			if open.line != line {
				return s.errAt(line, col, "closing parenthesis '%c' does not match opening parenthesis '%c' on line %d", c, open.ch, open.line)
			}
			return s.errAt(line, col, "closing parenthesis '%c' does not match opening parenthesis '%c'", c, open.ch)
		}
		s.depth = s.depth[:len(s.depth)-1]
	case '+', '-', '*', '/', '%', '&', '|', '^', '~', '<', '>', '=', '.', ',', ':', ';', '@':
	case '!':
		return s.errAt(line, col, "invalid syntax")
	default:
		r, _ := utf8.DecodeRuneInString(rest)
		if r == '$' || r == '?' || r == '`' {
			return s.errAt(line, col, "invalid syntax")
		}
		return s.errAt(line, col, "invalid character '%c' (U+%04X)", r, r)
	}
	s.pos++
	s.emit(tOp, string(c), line, col, line, col+1)
	return nil
}

func (s *scanner) scanNumber() error {
	start := s.pos
	line, col := s.line, s.col()
	src := s.src
	isDigit := func(c byte) bool { return c >= '0' && c <= '9' || c == '_' }
	if src[s.pos] == '0' && s.pos+1 < len(src) && strings.ContainsRune("xXoObB", rune(src[s.pos+1])) {
		s.pos += 2
		for s.pos < len(src) && (isHex(src[s.pos]) || src[s.pos] == '_') {
			s.pos++
		}
	} else {
		for s.pos < len(src) && isDigit(src[s.pos]) {
			s.pos++
		}
		if s.pos < len(src) && src[s.pos] == '.' {
			s.pos++
			for s.pos < len(src) && isDigit(src[s.pos]) {
				s.pos++
			}
		}
		if s.pos < len(src) && (src[s.pos] == 'e' || src[s.pos] == 'E') {
			p := s.pos + 1
			if p < len(src) && (src[p] == '+' || src[p] == '-') {
				p++
			}
			if p < len(src) && src[p] >= '0' && src[p] <= '9' {
				s.pos = p
				for s.pos < len(src) && isDigit(src[s.pos]) {
					s.pos++
				}
			}
		}
		if s.pos < len(src) && (src[s.pos] == 'j' || src[s.pos] == 'J') {
			return s.errAt(line, col, "complex numbers are not supported by the simulator")
		}
	}
	if s.pos < len(src) && isIdentStart(src[s.pos]) {
		return &SyntaxError{Msg: "invalid decimal literal", Line: line, Col: s.col() - 1, EndLine: line, EndCol: s.col()}
	}
	s.emit(tNumber, src[start:s.pos], line, col, line, s.col())
	return nil
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// scanString scans a string literal starting at start (its prefix first).
func (s *scanner) scanString(start int, prefix string) error {
	line, col := s.line, start-s.lineAt
	q := s.src[s.pos]
	triple := strings.HasPrefix(s.src[s.pos:], strings.Repeat(string(q), 3))
	delim := string(q)
	if triple {
		delim = strings.Repeat(string(q), 3)
	}
	s.pos += len(delim)
	bodyStart := s.pos
	bodyCol := s.col()
	isF := strings.Contains(prefix, "f")
	braces := 0
	for {
		if s.pos >= len(s.src) {
			if triple {
				return s.errAt(line, col, "unterminated triple-quoted string literal (detected at line %d)", s.line)
			}
			return s.errAt(line, col, "unterminated string literal (detected at line %d)", line)
		}
		c := s.src[s.pos]
		if isF && braces > 0 && (c == '\'' || c == '"') {
			// A string nested in an f-string replacement field (3.12).
			end := strings.IndexByte(s.src[s.pos+1:], c)
			if end < 0 || strings.Contains(s.src[s.pos:s.pos+1+end], "\n") {
				return s.errAt(line, col, "unterminated string literal (detected at line %d)", line)
			}
			s.pos += end + 2
			continue
		}
		if strings.HasPrefix(s.src[s.pos:], delim) {
			break
		}
		if c == '\\' && !(isF && braces > 0) {
			s.pos += 2
			if s.pos-1 < len(s.src) && s.src[s.pos-1] == '\n' {
				s.line++
				s.lineAt = s.pos
			}
			continue
		}
		if c == '\n' {
			if !triple {
				return s.errAt(line, col, "unterminated string literal (detected at line %d)", line)
			}
			s.newline()
			continue
		}
		if isF {
			if c == '{' {
				if braces == 0 && s.pos+1 < len(s.src) && s.src[s.pos+1] == '{' {
					s.pos += 2
					continue
				}
				braces++
			} else if c == '}' && braces > 0 {
				braces--
			}
		}
		s.pos++
	}
	body := s.src[bodyStart:s.pos]
	s.pos += len(delim)
	tok := token{Kind: tString, Prefix: prefix, Pos: Pos{line, col, s.line, s.col()}, RawStart: bodyCol}
	if isF {
		tok.Val = body
	} else {
		v, err := decodeString(body, strings.Contains(prefix, "r"), strings.Contains(prefix, "b"))
		if err != nil {
			// CPython points just past the string literal.
			return s.errAt(s.line, s.col(), "%s", err.Error())
		}
		tok.Val = v
	}
	s.toks = append(s.toks, tok)
	return nil
}

// decodeString interprets escapes in a string literal's body.
func decodeString(body string, raw, bytes bool) (string, error) {
	if raw || !strings.Contains(body, "\\") {
		return strings.ReplaceAll(body, "\r\n", "\n"), nil
	}
	var b strings.Builder
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c != '\\' || i+1 >= len(body) {
			b.WriteByte(c)
			continue
		}
		i++
		c = body[i]
		switch c {
		case '\n':
		case '\\', '\'', '"':
			b.WriteByte(c)
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case '0', '1', '2', '3', '4', '5', '6', '7':
			j := i
			for j < len(body) && j < i+3 && body[j] >= '0' && body[j] <= '7' {
				j++
			}
			n, _ := strconv.ParseUint(body[i:j], 8, 32)
			if bytes {
				b.WriteByte(byte(n))
			} else {
				b.WriteRune(rune(n))
			}
			i = j - 1
		case 'a':
			b.WriteByte(7)
		case 'b':
			b.WriteByte(8)
		case 'f':
			b.WriteByte(12)
		case 'v':
			b.WriteByte(11)
		case 'x', 'u', 'U':
			n := map[byte]int{'x': 2, 'u': 4, 'U': 8}[c]
			if bytes && c != 'x' {
				b.WriteByte('\\')
				b.WriteByte(c)
				continue
			}
			end := i + 1 + n
			if end > len(body) {
				end = len(body)
			}
			v, err := strconv.ParseUint(body[i+1:end], 16, 32)
			if err != nil || end-(i+1) < n {
				kind := map[byte]string{'x': "\\xXX", 'u': "\\uXXXX", 'U': "\\UXXXXXXXX"}[c]
				return "", fmt.Errorf("(unicode error) 'unicodeescape' codec can't decode bytes in position %d-%d: truncated %s escape", i-1, end-1, kind)
			}
			if bytes {
				b.WriteByte(byte(v))
			} else {
				b.WriteRune(rune(v))
			}
			i += n
		case 'N':
			return "", fmt.Errorf("\\N{...} escapes are not supported by the simulator")
		default:
			b.WriteByte('\\')
			b.WriteByte(c)
		}
	}
	return b.String(), nil
}
