package pyfmt

import (
	"fmt"
	"math"
	"math/big"
	"strings"
	"unicode/utf8"
)

// PercentValues is what FormatPercent needs from the interpreter to format
// `format % operand`. Values travel as the interpreter's own type (any);
// an error returned by a method is the interpreter's exception and is
// passed back unchanged.
type PercentValues interface {
	// TypeName is type(v).__name__, for error messages.
	TypeName(v any) string
	// Str, Repr and ASCII are str(v), repr(v) and ascii(v).
	Str(v any) (string, error)
	Repr(v any) (string, error)
	ASCII(v any) (string, error)
	// IsStr reports whether v is a str, and its value.
	IsStr(v any) (string, bool)
	// IsInt reports whether v is an int (bool included), and its value.
	IsInt(v any) (*big.Int, bool)
	// Int converts v for %d %i %u (indexOnly false: int(v) of any number,
	// truncating floats) or %o %x %X %c and '*' (indexOnly true:
	// operator.index(v)). ok is false when v is not a number (or has no
	// __index__), and CPython's TypeError is then built here.
	Int(v any, indexOnly bool) (x *big.Int, ok bool, err error)
	// Float is float(v) for %e %f %g; ok false when v is not a real number.
	Float(v any) (f float64, ok bool, err error)
	// Lookup is mapping[key] for %(key)s; its error is the KeyError.
	Lookup(key string) (any, error)
}

// FormatPercent is CPython's `format % operand` (PyUnicode_Format).
// args are the operand's items when it is a tuple, else the operand alone;
// isTuple says which. isMapping is true when the operand is a mapping that
// is not a tuple or str (CPython's test: it has __getitem__), which allows
// %(key)s and waives the "not all arguments converted" check.
func FormatPercent(format string, args []any, isTuple, isMapping bool, vals PercentValues) (string, error) {
	p := percentState{args: args, isMapping: isMapping, vals: vals}
	if isTuple {
		p.argLen, p.argIdx = len(args), 0
	} else {
		p.argLen, p.argIdx = -1, -2
	}
	var out strings.Builder
	pieces, _ := ParsePercent(format)
	for _, piece := range pieces {
		if piece.Conv == nil {
			out.WriteString(piece.Literal)
			continue
		}
		if err := p.formatArg(&out, piece.Conv); err != nil {
			return "", err
		}
		if out.Len() > MaxWidth*2 {
			return "", memoryError()
		}
	}
	if p.argIdx < p.argLen && !p.isMapping {
		return "", typeError("not all arguments converted during string formatting")
	}
	return out.String(), nil
}

func typeError(msg string) *Error { return &Error{Type: "TypeError", Msg: msg} }

// PercentPiece is one step of a printf-style format string: literal text
// (a "%%" included, as "%") or a conversion.
type PercentPiece struct {
	Literal string
	Conv    *PercentConv
}

// PercentConv is one conversion specifier, %[(key)][flags][width][.prec]verb.
type PercentConv struct {
	Key                           string
	HasKey                        bool
	Minus, Plus, Space, Alt, Zero bool
	Width                         int // -1 when absent
	WidthStar                     bool
	Prec                          int // -1 when absent
	PrecStar                      bool
	Verb                          rune
	Index                         int // of the verb in the format string, for error messages

	// Err is a fault in the specifier itself ("incomplete format",
	// "incomplete format key", "width too big", "precision too big"). CPython
	// raises it only after the steps that precede it: the mapping check
	// and key lookup for ErrAfter >= AfterKey, the '*' width for
	// ErrAfter >= AfterWidth, the '*' precision for ErrAfter == AfterPrec.
	Err      *Error
	ErrAfter PercentStage
}

// PercentStage orders the steps of one conversion, for PercentConv.Err.
type PercentStage int

const (
	BeforeKey  PercentStage = iota // the key itself is malformed
	AfterKey                       // raised after the key lookup
	AfterWidth                     // after a '*' width is taken
	AfterPrec                      // after a '*' precision is taken
)

// ParsePercent splits a printf-style format string into literals and
// conversions (unicode_format_arg_parse). Parsing stops at the first
// faulty specifier, which is the last piece, with Conv.Err set; the error
// is also returned. FormatPercent raises such an error in CPython's order.
func ParsePercent(format string) ([]PercentPiece, error) {
	r := []rune(format)
	var pieces []PercentPiece
	pos := 0
	for pos < len(r) {
		if r[pos] != '%' {
			start := pos
			for pos < len(r) && r[pos] != '%' {
				pos++
			}
			pieces = append(pieces, PercentPiece{Literal: string(r[start:pos])})
			continue
		}
		pos++
		if pos < len(r) && r[pos] == '%' {
			pos++
			pieces = append(pieces, PercentPiece{Literal: "%"})
			continue
		}
		c := parseConv(r, &pos)
		pieces = append(pieces, PercentPiece{Conv: c})
		if c.Err != nil {
			return pieces, c.Err
		}
	}
	return pieces, nil
}

// parseConv parses one specifier after its '%'.
func parseConv(r []rune, pos *int) *PercentConv {
	c := &PercentConv{Width: -1, Prec: -1}
	read := func() (rune, bool) {
		if *pos >= len(r) {
			return 0, false
		}
		ch := r[*pos]
		*pos++
		return ch, true
	}
	fail := func(msg string, stage PercentStage) *PercentConv {
		c.Err, c.ErrAfter = valueError(msg), stage
		return c
	}
	if *pos < len(r) && r[*pos] == '(' {
		c.HasKey = true
		*pos++
		start, depth := *pos, 1
		for depth > 0 && *pos < len(r) {
			switch r[*pos] {
			case ')':
				depth--
			case '(':
				depth++
			}
			*pos++
		}
		if depth > 0 {
			return fail("incomplete format key", BeforeKey)
		}
		c.Key = string(r[start : *pos-1])
	}
	ch, ok := rune(0), false
flags:
	for {
		if ch, ok = read(); !ok {
			break
		}
		switch ch {
		case '-':
			c.Minus = true
		case '+':
			c.Plus = true
		case ' ':
			c.Space = true
		case '#':
			c.Alt = true
		case '0':
			c.Zero = true
		default:
			break flags
		}
	}
	end := !ok
	if !end && ch == '*' {
		c.WidthStar = true
		ch, ok = read()
		end = !ok
	} else if !end && ch >= '0' && ch <= '9' {
		c.Width = int(ch - '0')
		for {
			if ch, ok = read(); !ok {
				end = true
				break
			}
			if ch < '0' || ch > '9' {
				break
			}
			if c.Width > (math.MaxInt-int(ch-'0'))/10 {
				return fail("width too big", AfterKey)
			}
			c.Width = c.Width*10 + int(ch-'0')
		}
	}
	if !end && ch == '.' {
		c.Prec = 0
		ch, ok = read()
		end = !ok
		if !end && ch == '*' {
			c.PrecStar = true
			ch, ok = read()
			end = !ok
		} else if !end && ch >= '0' && ch <= '9' {
			c.Prec = int(ch - '0')
			for {
				if ch, ok = read(); !ok {
					end = true
					break
				}
				if ch < '0' || ch > '9' {
					break
				}
				if c.Prec > (math.MaxInt32-int(ch-'0'))/10 {
					return fail("precision too big", AfterWidth)
				}
				c.Prec = c.Prec*10 + int(ch-'0')
			}
		}
	}
	if !end && (ch == 'h' || ch == 'l' || ch == 'L') {
		ch, ok = read()
		end = !ok
	}
	if end {
		return fail("incomplete format", AfterPrec)
	}
	c.Verb = ch
	c.Index = *pos - 1
	return c
}

type percentState struct {
	args      []any
	argLen    int // -1: a single non-tuple operand
	argIdx    int
	isMapping bool
	cur       any // the operand after a %(key) lookup
	curSet    bool
	vals      PercentValues
}

// nextArg is unicode_format_getnextarg.
func (p *percentState) nextArg() (any, error) {
	if p.argIdx < p.argLen {
		i := p.argIdx
		p.argIdx++
		if p.argLen < 0 {
			if p.curSet {
				return p.cur, nil
			}
			return p.args[0], nil
		}
		return p.args[i], nil
	}
	return nil, typeError("not enough arguments for format string")
}

// percentConv is a conversion with its '*' values resolved.
type percentConv struct {
	minus, plus, space, alt, zero bool
	width, prec                   int
	verb                          rune
	index                         int
	sign                          bool // a numeric conversion: sign and zero padding apply
}

// formatArg runs one conversion's steps in CPython's order
// (unicode_format_arg).
func (p *percentState) formatArg(out *strings.Builder, pc *PercentConv) error {
	if pc.HasKey && !p.isMapping {
		return typeError("format requires a mapping")
	}
	if pc.Err != nil && pc.ErrAfter == BeforeKey {
		return pc.Err
	}
	if pc.HasKey {
		v, err := p.vals.Lookup(pc.Key)
		if err != nil {
			return err
		}
		p.cur, p.curSet = v, true
		p.argLen, p.argIdx = -1, -2
	}
	c := percentConv{minus: pc.Minus, plus: pc.Plus, space: pc.Space, alt: pc.Alt, zero: pc.Zero,
		width: pc.Width, prec: pc.Prec, verb: pc.Verb, index: pc.Index}
	if pc.Err != nil && pc.ErrAfter == AfterKey {
		return pc.Err
	}
	if pc.WidthStar {
		n, err := p.starArg(false)
		if err != nil {
			return err
		}
		if n < 0 {
			c.minus = true
			n = -n
		}
		c.width = n
	}
	if pc.Err != nil && pc.ErrAfter == AfterWidth {
		return pc.Err
	}
	if pc.PrecStar {
		n, err := p.starArg(true)
		if err != nil {
			return err
		}
		c.prec = max(n, 0)
	}
	if pc.Err != nil {
		return pc.Err
	}
	if err := p.formatConv(out, &c); err != nil {
		return err
	}
	if p.isMapping && p.argIdx < p.argLen {
		return typeError("not all arguments converted during string formatting")
	}
	return nil
}

// starArg takes the next argument as a '*' width (a C ssize_t) or
// precision (a C int).
func (p *percentState) starArg(precision bool) (int, error) {
	v, err := p.nextArg()
	if err != nil {
		return 0, err
	}
	x, ok := p.vals.IsInt(v)
	if !ok {
		return 0, typeError("* wants int")
	}
	if !x.IsInt64() {
		if precision {
			return 0, &Error{Type: "OverflowError", Msg: "Python int too large to convert to C int"}
		}
		return 0, &Error{Type: "OverflowError", Msg: "Python int too large to convert to C ssize_t"}
	}
	n := x.Int64()
	if precision && (n > math.MaxInt32 || n < math.MinInt32) {
		return 0, &Error{Type: "OverflowError", Msg: "Python int too large to convert to C int"}
	}
	return int(n), nil
}

// formatConv is unicode_format_arg_format followed by
// unicode_format_arg_output.
func (p *percentState) formatConv(out *strings.Builder, c *percentConv) error {
	v, err := p.nextArg()
	if err != nil {
		return err
	}
	var s string
	switch c.verb {
	case 's':
		s, err = p.vals.Str(v)
	case 'r':
		s, err = p.vals.Repr(v)
	case 'a':
		s, err = p.vals.ASCII(v)
	case 'd', 'i', 'u', 'o', 'x', 'X':
		s, err = p.formatIntVerb(v, c)
		c.sign = true
	case 'e', 'E', 'f', 'F', 'g', 'G':
		f, ok, ferr := p.vals.Float(v)
		if ferr != nil {
			return ferr
		}
		if !ok {
			return typeError("must be real number, not " + p.vals.TypeName(v))
		}
		prec := c.prec
		if prec < 0 {
			prec = 6
		}
		if prec > MaxWidth {
			return memoryError()
		}
		s = doubleToString(f, byte(c.verb), prec, floatOpts{alt: c.alt})
		c.sign = true
	case 'c':
		s, err = p.formatChar(v)
	default:
		shown := '?'
		if c.verb >= 31 && c.verb <= 126 {
			shown = c.verb
		}
		return valueError(fmt.Sprintf("unsupported format character '%c' (0x%x) at index %d", shown, c.verb, c.index))
	}
	if err != nil {
		return err
	}
	if c.width > MaxWidth {
		return memoryError()
	}
	out.WriteString(percentOutput(s, c))
	return nil
}

// formatIntVerb is mainformatlong and _PyUnicode_FormatLong.
func (p *percentState) formatIntVerb(v any, c *percentConv) (string, error) {
	indexOnly := c.verb == 'o' || c.verb == 'x' || c.verb == 'X'
	x, ok, err := p.vals.Int(v, indexOnly)
	if err != nil {
		return "", err
	}
	if !ok {
		if indexOnly {
			return "", typeError(fmt.Sprintf("%%%c format: an integer is required, not %s", c.verb, p.vals.TypeName(v)))
		}
		return "", typeError(fmt.Sprintf("%%%c format: a real number is required, not %s", c.verb, p.vals.TypeName(v)))
	}
	base, prefix := 10, ""
	switch c.verb {
	case 'o':
		base, prefix = 8, "0o"
	case 'x':
		base, prefix = 16, "0x"
	case 'X':
		base, prefix = 16, "0X"
	}
	if !c.alt {
		prefix = ""
	}
	abs := new(big.Int).Abs(x)
	digits := abs.Text(base)
	if base == 10 {
		d, err := IntToDecimal(abs)
		if err != nil {
			return "", err
		}
		digits = d
	}
	if c.verb == 'X' {
		digits = strings.ToUpper(digits)
	}
	if c.prec > len(digits) {
		digits = strings.Repeat("0", c.prec-len(digits)) + digits
	}
	sign := ""
	if x.Sign() < 0 {
		sign = "-"
	}
	return sign + prefix + digits, nil
}

// formatChar is formatchar: a one-character str or an int code point.
func (p *percentState) formatChar(v any) (string, error) {
	if s, ok := p.vals.IsStr(v); ok {
		if utf8.RuneCountInString(s) == 1 {
			return s, nil
		}
		return "", typeError("%c requires int or char")
	}
	x, ok, err := p.vals.Int(v, true)
	if err != nil {
		return "", err
	}
	if !ok {
		return "", typeError("%c requires int or char")
	}
	if !x.IsInt64() || x.Int64() < 0 || x.Int64() > 0x10ffff {
		return "", &Error{Type: "OverflowError", Msg: "%c arg not in range(0x110000)"}
	}
	return string(rune(x.Int64())), nil
}

// percentOutput pads a converted value (unicode_format_arg_output).
func percentOutput(str string, c *percentConv) string {
	fill := " "
	if c.sign && c.zero {
		fill = "0"
	}
	r := []rune(str)
	if c.verb == 's' || c.verb == 'r' || c.verb == 'a' {
		if c.prec >= 0 && len(r) > c.prec {
			r = r[:c.prec]
		}
	}
	width := c.width
	signChar := ""
	if c.sign && len(r) > 0 {
		switch {
		case r[0] == '-' || r[0] == '+':
			signChar = string(r[0])
			r = r[1:]
		case c.plus:
			signChar = "+"
		case c.space:
			signChar = " "
		}
	}
	n := len(r)
	width = max(width, n)
	var b strings.Builder
	if signChar != "" {
		if fill != " " {
			b.WriteString(signChar)
		}
		if width > n {
			width--
		}
	}
	prefix := ""
	if c.alt && (c.verb == 'x' || c.verb == 'X' || c.verb == 'o') {
		prefix = string(r[:2])
		r = r[2:]
		if fill != " " {
			b.WriteString(prefix)
		}
		width = max(width-2, 0)
		n -= 2
	}
	if width > n && !c.minus {
		b.WriteString(strings.Repeat(fill, width-n))
		width = n
	}
	if fill == " " {
		b.WriteString(signChar)
		b.WriteString(prefix)
	}
	b.WriteString(string(r))
	if width > n {
		b.WriteString(strings.Repeat(" ", width-n))
	}
	return b.String()
}
