package python

import (
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// typingForm is a name from the typing module (List, Optional, ...):
// annotations only, so subscripting returns the form itself.
type typingForm struct{ name string }

var typingFormClass *Class

func (*typingForm) Type() *Class { return typingFormClass }

func initTyping(t *Thread, m *Module) error {
	for _, n := range []string{"Any", "Optional", "Union", "List", "Dict", "Tuple", "Set", "FrozenSet", "Callable", "Iterable",
		"Iterator", "Sequence", "Mapping", "MutableMapping", "Type", "Generator", "Literal", "ClassVar", "Final", "Annotated", "TypeVar", "Protocol", "NoReturn"} {
		m.Set(n, &typingForm{name: n})
	}
	setFunc(m, "cast", func(t *Thread, args Args) (Value, error) {
		if len(args.Pos) != 2 {
			return nil, Errorf(TypeErrorClass, "cast() missing required arguments")
		}
		return args.Pos[1], nil
	})
	m.Set("TYPE_CHECKING", False)
	m.Set("NamedTuple", &typingForm{name: "NamedTuple"})
	return nil
}

func initTypingClass() {
	typingFormClass = NewClass("_SpecialForm")
	typingFormClass.Module = "typing"
	typingFormClass.SetMethod("__getitem__", func(t *Thread, self Value, args Args) (Value, error) { return self, nil })
	typingFormClass.SetMethod("__call__", func(t *Thread, self Value, args Args) (Value, error) {
		f := self.(*typingForm)
		if f.name == "TypeVar" && len(args.Pos) > 0 {
			return &typingForm{name: strNoThread(args.Pos[0])}, nil
		}
		return nil, Errorf(TypeErrorClass, "Cannot instantiate typing.%s", f.name)
	})
	typingFormClass.SetMethod("__repr__", func(t *Thread, self Value, args Args) (Value, error) {
		return Str("typing." + self.(*typingForm).name), nil
	})
	typingFormClass.SetMethod("__or__", func(t *Thread, self Value, args Args) (Value, error) { return self, nil })
	typingFormClass.Freeze()
}

// ---- json ----

func initJSON(t *Thread, m *Module) error {
	m.Set("JSONDecodeError", jsonDecodeErrorClass)
	setFunc(m, "dumps", func(t *Thread, args Args) (Value, error) {
		var obj, indent Value
		sortKeys := false
		indent = None
		if err := UnpackArgs("dumps", args, "obj", &obj, "*", "indent?", &indent, "sort_keys?", &sortKeys, "default?", new(Value), "ensure_ascii?", new(bool), "separators?", new(Value)); err != nil {
			return nil, err
		}
		ind := ""
		useIndent := false
		switch x := indent.(type) {
		case Int:
			ind, useIndent = strings.Repeat(" ", int(x)), true
		case Str:
			ind, useIndent = string(x), true
		}
		var b strings.Builder
		if err := jsonEncode(t, &b, obj, useIndent, ind, "", sortKeys); err != nil {
			return nil, err
		}
		return Str(b.String()), nil
	})
	setFunc(m, "loads", func(t *Thread, args Args) (Value, error) {
		var s Value
		if err := UnpackArgs("loads", args, "s", &s); err != nil {
			return nil, err
		}
		var text string
		switch x := s.(type) {
		case Str:
			text = string(x)
		case Bytes:
			text = string(x)
		default:
			return nil, Errorf(TypeErrorClass, "the JSON object must be str, bytes or bytearray, not %s", typeName(s))
		}
		p := &jsonParser{s: text}
		p.skip()
		v, err := p.value(t)
		if err != nil {
			return nil, err
		}
		p.skip()
		if p.i < len(p.s) {
			return nil, p.fail("Extra data")
		}
		return v, nil
	})
	for _, name := range []string{"dump", "load"} {
		name := name
		setFunc(m, name, func(t *Thread, args Args) (Value, error) {
			if name == "dump" {
				if len(args.Pos) < 2 {
					return nil, Errorf(TypeErrorClass, "dump() missing 1 required positional argument: 'fp'")
				}
				dumps, _ := m.Get("dumps")
				s, err := Call(t, dumps, Args{Pos: args.Pos[:1], Kw: args.Kw})
				if err != nil {
					return nil, err
				}
				_, err = CallMethod(t, args.Pos[1], "write", PosArgs(s))
				return None, err
			}
			if len(args.Pos) < 1 {
				return nil, Errorf(TypeErrorClass, "load() missing 1 required positional argument: 'fp'")
			}
			s, err := CallMethod(t, args.Pos[0], "read", Args{})
			if err != nil {
				return nil, err
			}
			loads, _ := m.Get("loads")
			return Call(t, loads, PosArgs(s))
		})
	}
	return nil
}

func jsonEncode(t *Thread, b *strings.Builder, v Value, useIndent bool, ind, cur string, sortKeys bool) error {
	if err := t.enterGo(" while encoding a JSON object"); err != nil {
		return err
	}
	defer t.leaveGo()
	switch x := v.(type) {
	case NoneType:
		b.WriteString("null")
	case Bool:
		if x {
			b.WriteString("true")
		} else {
			b.WriteString("false")
		}
	case Int, *BigInt:
		b.WriteString(intRepr(x))
	case Float:
		f := float64(x)
		switch {
		case math.IsNaN(f):
			b.WriteString("NaN")
		case math.IsInf(f, 1):
			b.WriteString("Infinity")
		case math.IsInf(f, -1):
			b.WriteString("-Infinity")
		default:
			b.WriteString(floatRepr(f))
		}
	case Str:
		b.WriteString(jsonQuote(string(x)))
	case *List, Tuple:
		var items []Value
		if l, ok := x.(*List); ok {
			items = l.Items
		} else {
			items = x.(Tuple)
		}
		if len(items) == 0 {
			b.WriteString("[]")
			return nil
		}
		b.WriteString("[")
		inner := cur + ind
		for i, e := range items {
			if i > 0 {
				b.WriteString(",")
				if !useIndent {
					b.WriteString(" ")
				}
			}
			if useIndent {
				b.WriteString("\n" + inner)
			}
			if err := jsonEncode(t, b, e, useIndent, ind, inner, sortKeys); err != nil {
				return err
			}
		}
		if useIndent {
			b.WriteString("\n" + cur)
		}
		b.WriteString("]")
	case *Dict:
		keys, vals := x.Items()
		if len(keys) == 0 {
			b.WriteString("{}")
			return nil
		}
		type kv struct {
			k string
			v Value
		}
		var pairs []kv
		for i, k := range keys {
			var ks string
			switch kk := k.(type) {
			case Str:
				ks = string(kk)
			case Int, *BigInt, Bool, Float, NoneType:
				var kb strings.Builder
				if err := jsonEncode(t, &kb, kk, false, "", "", false); err != nil {
					return err
				}
				ks = kb.String()
			default:
				return Errorf(TypeErrorClass, "keys must be str, int, float, bool or None, not %s", typeName(k))
			}
			pairs = append(pairs, kv{ks, vals[i]})
		}
		if sortKeys {
			sort.SliceStable(pairs, func(i, j int) bool { return pairs[i].k < pairs[j].k })
		}
		b.WriteString("{")
		inner := cur + ind
		for i, p := range pairs {
			if i > 0 {
				b.WriteString(",")
				if !useIndent {
					b.WriteString(" ")
				}
			}
			if useIndent {
				b.WriteString("\n" + inner)
			}
			b.WriteString(jsonQuote(p.k) + ": ")
			if err := jsonEncode(t, b, p.v, useIndent, ind, inner, sortKeys); err != nil {
				return err
			}
		}
		if useIndent {
			b.WriteString("\n" + cur)
		}
		b.WriteString("}")
	default:
		return Errorf(TypeErrorClass, "Object of type %s is not JSON serializable", typeName(v))
	}
	return nil
}

func jsonQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\b':
			b.WriteString(`\b`)
		case r == '\f':
			b.WriteString(`\f`)
		case r < 0x20 || r > 0x7e:
			if r > 0xffff {
				r -= 0x10000
				b.WriteString(`\u` + leftPad(strconv.FormatInt(int64(0xd800+(r>>10)), 16), 4))
				b.WriteString(`\u` + leftPad(strconv.FormatInt(int64(0xdc00+(r&0x3ff)), 16), 4))
			} else {
				b.WriteString(`\u` + leftPad(strconv.FormatInt(int64(r), 16), 4))
			}
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

type jsonParser struct {
	s string
	i int
}

var jsonDecodeErrorClass *Class

func (p *jsonParser) fail(msg string) error {
	line := 1 + strings.Count(p.s[:p.i], "\n")
	col := p.i - strings.LastIndexByte(p.s[:p.i], '\n')
	return Errorf(jsonDecodeErrorClass, "%s: line %d column %d (char %d)", msg, line, col, utf8.RuneCountInString(p.s[:p.i]))
}

func (p *jsonParser) skip() {
	for p.i < len(p.s) && strings.IndexByte(" \t\n\r", p.s[p.i]) >= 0 {
		p.i++
	}
}

func (p *jsonParser) value(t *Thread) (Value, error) {
	if err := t.enterGo(" while decoding a JSON document"); err != nil {
		return nil, err
	}
	defer t.leaveGo()
	if p.i >= len(p.s) {
		return nil, p.fail("Expecting value")
	}
	switch c := p.s[p.i]; {
	case c == '{':
		p.i++
		d := NewDict()
		p.skip()
		if p.i < len(p.s) && p.s[p.i] == '}' {
			p.i++
			return d, nil
		}
		for {
			p.skip()
			if p.i >= len(p.s) || p.s[p.i] != '"' {
				return nil, p.fail("Expecting property name enclosed in double quotes")
			}
			k, err := p.str()
			if err != nil {
				return nil, err
			}
			p.skip()
			if p.i >= len(p.s) || p.s[p.i] != ':' {
				return nil, p.fail("Expecting ':' delimiter")
			}
			p.i++
			p.skip()
			v, err := p.value(t)
			if err != nil {
				return nil, err
			}
			d.setStr(k, nil, v)
			p.skip()
			if p.i < len(p.s) && p.s[p.i] == ',' {
				p.i++
				continue
			}
			if p.i < len(p.s) && p.s[p.i] == '}' {
				p.i++
				return d, nil
			}
			return nil, p.fail("Expecting ',' delimiter")
		}
	case c == '[':
		p.i++
		l := NewList(nil)
		p.skip()
		if p.i < len(p.s) && p.s[p.i] == ']' {
			p.i++
			return l, nil
		}
		for {
			p.skip()
			v, err := p.value(t)
			if err != nil {
				return nil, err
			}
			l.Items = append(l.Items, v)
			p.skip()
			if p.i < len(p.s) && p.s[p.i] == ',' {
				p.i++
				continue
			}
			if p.i < len(p.s) && p.s[p.i] == ']' {
				p.i++
				return l, nil
			}
			return nil, p.fail("Expecting ',' delimiter")
		}
	case c == '"':
		s, err := p.str()
		return Str(s), err
	}
	for _, lit := range []struct {
		text string
		v    Value
	}{{"null", None}, {"true", True}, {"false", False}, {"NaN", Float(math.NaN())}, {"Infinity", Float(math.Inf(1))}, {"-Infinity", Float(math.Inf(-1))}} {
		if strings.HasPrefix(p.s[p.i:], lit.text) {
			p.i += len(lit.text)
			return lit.v, nil
		}
	}
	j := p.i
	if j < len(p.s) && p.s[j] == '-' {
		j++
	}
	start := j
	for j < len(p.s) && p.s[j] >= '0' && p.s[j] <= '9' {
		j++
	}
	if j == start {
		return nil, p.fail("Expecting value")
	}
	isFloat := false
	if j < len(p.s) && p.s[j] == '.' {
		isFloat = true
		j++
		for j < len(p.s) && p.s[j] >= '0' && p.s[j] <= '9' {
			j++
		}
	}
	if j < len(p.s) && (p.s[j] == 'e' || p.s[j] == 'E') {
		isFloat = true
		j++
		if j < len(p.s) && (p.s[j] == '+' || p.s[j] == '-') {
			j++
		}
		for j < len(p.s) && p.s[j] >= '0' && p.s[j] <= '9' {
			j++
		}
	}
	text := p.s[p.i:j]
	p.i = j
	if isFloat {
		f, _ := strconv.ParseFloat(text, 64)
		return Float(f), nil
	}
	return parseIntStr(text, 10)
}

func (p *jsonParser) str() (string, error) {
	p.i++ // opening quote
	var b strings.Builder
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == '"':
			p.i++
			return b.String(), nil
		case c == '\\':
			if p.i+1 >= len(p.s) {
				return "", p.fail("Unterminated string starting at")
			}
			e := p.s[p.i+1]
			p.i += 2
			switch e {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'r':
				b.WriteByte('\r')
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case 'u':
				if p.i+4 > len(p.s) {
					return "", p.fail("Invalid \\uXXXX escape")
				}
				n, err := strconv.ParseUint(p.s[p.i:p.i+4], 16, 32)
				if err != nil {
					return "", p.fail("Invalid \\uXXXX escape")
				}
				b.WriteRune(rune(n))
				p.i += 4
			default:
				b.WriteByte(e)
			}
		case c < 0x20:
			return "", p.fail("Invalid control character at")
		default:
			b.WriteByte(c)
			p.i++
		}
	}
	return "", p.fail("Unterminated string starting at")
}
