package pyfmt

import (
	"fmt"
	"math"
	"strings"
)

// FormatValues is what FormatString needs from the interpreter for
// str.format and str.format_map. Values travel as the interpreter's own
// type (any); an error returned by a method is the interpreter's exception
// and is passed back unchanged.
type FormatValues interface {
	// Positional is args[i]; ok is false when i is out of range.
	Positional(i int) (v any, ok bool)
	// Keyword is kwargs[key] (or mapping[key] for format_map), with the
	// interpreter's KeyError when missing.
	Keyword(key string) (any, error)
	// Attr is getattr(v, name), for "{0.name}".
	Attr(v any, name string) (any, error)
	// Item is v[key] for "{0[key]}": v[index] when the key is all digits
	// (index >= 0), else v["key"] (index -1).
	Item(v any, key string, index int) (any, error)
	// Convert applies "!r", "!s" or "!a": repr(v), str(v) or ascii(v).
	Convert(v any, conversion rune) (any, error)
	// Format is format(v, spec), i.e. type(v).__format__(v, spec).
	Format(v any, spec string) (string, error)
}

// FormatString is CPython's str.format (formatMap false) and
// str.format_map (formatMap true: positional fields are an error). Fields
// are resolved left to right exactly as CPython does, so the first error
// CPython would raise is the one returned.
func FormatString(format string, vals FormatValues, formatMap bool) (string, error) {
	b := formatBuilder{vals: vals, formatMap: formatMap}
	var out strings.Builder
	if err := b.build(&out, format, 2); err != nil {
		return "", err
	}
	return out.String(), nil
}

type formatBuilder struct {
	vals      FormatValues
	formatMap bool
	auto      autoNumber
}

// build is build_string/output_markup: depth limits nested format specs.
func (b *formatBuilder) build(out *strings.Builder, format string, depth int) error {
	if depth <= 0 {
		return valueError("Max string recursion exceeded")
	}
	it := markupIter{s: []rune(format)}
	for {
		f, done, err := it.next()
		if err != nil {
			return err
		}
		if done {
			return nil
		}
		out.WriteString(f.Literal)
		if !f.HasField {
			continue
		}
		if err := b.render(out, f, depth); err != nil {
			return err
		}
		if out.Len() > MaxWidth*2 {
			return memoryError()
		}
	}
}

func (b *formatBuilder) render(out *strings.Builder, f Field, depth int) error {
	obj, err := b.fieldObject(f.Name)
	if err != nil {
		return err
	}
	if f.Conversion != 0 {
		switch f.Conversion {
		case 'r', 's', 'a':
			if obj, err = b.vals.Convert(obj, f.Conversion); err != nil {
				return err
			}
		default:
			if f.Conversion > 32 && f.Conversion < 127 {
				return valueError(fmt.Sprintf("Unknown conversion specifier %c", f.Conversion))
			}
			return valueError(fmt.Sprintf("Unknown conversion specifier \\x%x", f.Conversion))
		}
	}
	spec := f.Spec
	if f.SpecNeedsExpanding {
		var sb strings.Builder
		if err := b.build(&sb, spec, depth-1); err != nil {
			return err
		}
		spec = sb.String()
	}
	s, err := b.vals.Format(obj, spec)
	if err != nil {
		return err
	}
	out.WriteString(s)
	return nil
}

// autoNumber tracks "{}" versus "{0}" numbering across a format string
// and its nested specs.
type autoNumber struct {
	state int // 0 unset, 1 automatic, 2 manual
	next  int
}

// fieldObject is get_field_object: the first part of the field name picks
// an argument, then ".attr" and "[key]" parts are applied in order.
func (b *formatBuilder) fieldObject(name string) (any, error) {
	r := []rune(name)
	i := 0
	for i < len(r) && r[i] != '.' && r[i] != '[' {
		i++
	}
	first, rest := r[:i], r[i:]
	idx, err := decimalIndex(first)
	if err != nil {
		return nil, err
	}
	empty := len(first) == 0
	if empty || idx != -1 {
		state := 2
		if empty {
			state = 1
		}
		if b.auto.state == 0 {
			b.auto.state = state
		}
		if b.auto.state == 2 && empty {
			return nil, valueError("cannot switch from manual field specification to automatic field numbering")
		}
		if b.auto.state == 1 && !empty {
			return nil, valueError("cannot switch from automatic field numbering to manual field specification")
		}
		if empty {
			idx = b.auto.next
			b.auto.next++
		}
	}
	var obj any
	if idx == -1 {
		if obj, err = b.vals.Keyword(string(first)); err != nil {
			return nil, err
		}
	} else {
		if b.formatMap {
			return nil, valueError("Format string contains positional fields")
		}
		var ok bool
		if obj, ok = b.vals.Positional(idx); !ok {
			return nil, &Error{Type: "IndexError", Msg: fmt.Sprintf("Replacement index %d out of range for positional args tuple", idx)}
		}
	}
	for len(rest) > 0 {
		var part []rune
		isAttr := rest[0] == '.'
		switch rest[0] {
		case '.':
			j := 1
			for j < len(rest) && rest[j] != '.' && rest[j] != '[' {
				j++
			}
			part, rest = rest[1:j], rest[j:]
		case '[':
			j := 1
			for j < len(rest) && rest[j] != ']' {
				j++
			}
			if j == len(rest) {
				return nil, valueError("Missing ']' in format string")
			}
			part, rest = rest[1:j], rest[j+1:]
		default:
			return nil, valueError("Only '.' or '[' may follow ']' in format field specifier")
		}
		index := -1
		if !isAttr {
			if index, err = decimalIndex(part); err != nil {
				return nil, err
			}
		}
		if len(part) == 0 {
			return nil, valueError("Empty attribute in format string")
		}
		if isAttr {
			obj, err = b.vals.Attr(obj, string(part))
		} else {
			obj, err = b.vals.Item(obj, string(part), index)
		}
		if err != nil {
			return nil, err
		}
	}
	return obj, nil
}

// decimalIndex is get_integer: the value of an all-digit name, else -1.
func decimalIndex(r []rune) (int, error) {
	if len(r) == 0 {
		return -1, nil
	}
	v := 0
	for _, c := range r {
		if c < '0' || c > '9' {
			return -1, nil
		}
		d := int(c - '0')
		if v > (math.MaxInt-d)/10 {
			return -1, valueError("Too many decimal digits in format string")
		}
		v = v*10 + d
	}
	return v, nil
}

// Field is one step of a str.format string: literal text, then possibly
// a replacement field.
type Field struct {
	Literal            string
	HasField           bool
	Name               string // "0", "name", "0.attr[key]", or "" (automatic)
	Conversion         rune   // 0, or the character after '!'
	Spec               string // the raw format spec, nested fields unexpanded
	SpecNeedsExpanding bool
}

// ParseFormatString splits a str.format string into its steps, for
// callers that want the structure (FormatString does the whole job). On a
// malformed string it returns the steps before the fault and the error.
func ParseFormatString(format string) ([]Field, error) {
	it := markupIter{s: []rune(format)}
	var fields []Field
	for {
		f, done, err := it.next()
		if err != nil || done {
			return fields, err
		}
		fields = append(fields, f)
	}
}

// markupIter is MarkupIterator.
type markupIter struct {
	s   []rune
	pos int
}

func (m *markupIter) next() (Field, bool, error) {
	var f Field
	if m.pos >= len(m.s) {
		return f, true, nil
	}
	start := m.pos
	var c rune
	markup := false
	for m.pos < len(m.s) {
		c = m.s[m.pos]
		m.pos++
		if c == '{' || c == '}' {
			markup = true
			break
		}
	}
	atEnd := m.pos >= len(m.s)
	n := m.pos - start
	if c == '}' && markup && (atEnd || m.s[m.pos] != '}') {
		return f, false, valueError("Single '}' encountered in format string")
	}
	if atEnd && c == '{' && markup {
		return f, false, valueError("Single '{' encountered in format string")
	}
	if !atEnd && markup {
		if m.s[m.pos] == c {
			m.pos++ // "{{" or "}}": the literal keeps one
			markup = false
		} else {
			n--
		}
	}
	f.Literal = string(m.s[start : start+n])
	if !markup {
		return f, false, nil
	}
	f.HasField = true
	err := m.parseField(&f)
	return f, false, err
}

// parseField is parse_field: name, optional !conversion, optional :spec.
func (m *markupIter) parseField(f *Field) error {
	nameStart := m.pos
	var c rune
	for m.pos < len(m.s) {
		c = m.s[m.pos]
		m.pos++
		if c == '{' {
			return valueError("unexpected '{' in field name")
		}
		if c == '[' {
			for m.pos < len(m.s) && m.s[m.pos] != ']' {
				m.pos++
			}
			continue
		}
		if c == '}' || c == ':' || c == '!' {
			break
		}
	}
	if c == '}' || c == ':' || c == '!' {
		f.Name = string(m.s[nameStart : m.pos-1])
	} else {
		f.Name = string(m.s[nameStart:m.pos])
	}
	if c == '!' || c == ':' {
		if c == '!' {
			if m.pos >= len(m.s) {
				return valueError("end of string while looking for conversion specifier")
			}
			f.Conversion = m.s[m.pos]
			m.pos++
			if m.pos < len(m.s) {
				c2 := m.s[m.pos]
				m.pos++
				if c2 == '}' {
					return nil
				}
				if c2 != ':' {
					return valueError("expected ':' after conversion specifier")
				}
			}
		}
		specStart := m.pos
		count := 1
		for m.pos < len(m.s) {
			c = m.s[m.pos]
			m.pos++
			switch c {
			case '{':
				f.SpecNeedsExpanding = true
				count++
			case '}':
				count--
				if count == 0 {
					f.Spec = string(m.s[specStart : m.pos-1])
					return nil
				}
			}
		}
		return valueError("unmatched '{' in format spec")
	}
	if c != '}' {
		return valueError("expected '}' before end of string")
	}
	return nil
}
