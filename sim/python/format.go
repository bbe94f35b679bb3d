package python

import (
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/ckptlab/ckptlab/sim/python/pyfmt"
)

// fmtErr converts a pyfmt error to the Python exception it names.
func fmtErr(err error) error {
	if err == nil {
		return nil
	}
	e, ok := err.(*pyfmt.Error)
	if !ok {
		return err
	}
	cls := map[string]*Class{"ValueError": ValueErrorClass, "TypeError": TypeErrorClass, "OverflowError": OverflowErrorClass,
		"KeyError": KeyErrorClass, "IndexError": IndexErrorClass, "MemoryError": MemoryErrorClass}[e.Type]
	if cls == nil {
		cls = ValueErrorClass
	}
	if e.Msg == "" {
		return NewException(cls)
	}
	return NewException(cls, Str(e.Msg))
}

// Format returns format(v, spec).
func Format(t *Thread, v Value, spec string) (string, error) {
	switch x := v.(type) {
	case Str:
		if spec == "" {
			return string(x), nil
		}
		s, err := pyfmt.FormatStr(string(x), spec, "str")
		return s, fmtErr(err)
	case Bool:
		if spec == "" {
			return reprNoThread(x), nil
		}
		n, _ := AsInt64(x)
		s, err := pyfmt.FormatInt(big.NewInt(n), spec, "bool")
		return s, fmtErr(err)
	case Int:
		if spec == "" {
			return strconv.FormatInt(int64(x), 10), nil
		}
		s, err := pyfmt.FormatInt(big.NewInt(int64(x)), spec, "int")
		return s, fmtErr(err)
	case *BigInt:
		s, err := pyfmt.FormatInt(x.b, spec, "int")
		return s, fmtErr(err)
	case Float:
		if spec == "" {
			return floatRepr(float64(x)), nil
		}
		s, err := pyfmt.FormatFloat(float64(x), spec, "float")
		return s, fmtErr(err)
	case NoneType:
		if spec != "" {
			return "", Errorf(TypeErrorClass, "unsupported format string passed to NoneType.__format__")
		}
		return "None", nil
	}
	cls := v.Type()
	if m := cls.Lookup("__format__"); m != nil {
		r, _, err := callSpecial(t, v, "__format__", Str(spec))
		if err != nil {
			return "", err
		}
		s, ok := r.(Str)
		if !ok {
			return "", Errorf(TypeErrorClass, "__format__ must return a str, not %s", typeName(r))
		}
		return string(s), nil
	}
	if spec != "" {
		return "", Errorf(TypeErrorClass, "unsupported format string passed to %s.__format__", cls.Name)
	}
	return ToStr(t, v)
}

// percentFormat implements str % args.
func percentFormat(t *Thread, format string, arg Value) (Value, error) {
	var args []Value
	var mapping Value
	switch a := arg.(type) {
	case Tuple:
		args = a
	case *Dict:
		mapping = a
		args = []Value{a}
	default:
		if arg.Type().Lookup("__getitem__") != nil && !isIntLike(arg) {
			if _, isStr := arg.(Str); !isStr {
				mapping = arg
			}
		}
		args = []Value{arg}
	}
	var b strings.Builder
	ai := 0
	next := func() (Value, error) {
		if ai >= len(args) {
			return nil, Errorf(TypeErrorClass, "not enough arguments for format string")
		}
		ai++
		return args[ai-1], nil
	}
	usedMapping := false
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' {
			b.WriteByte(c)
			continue
		}
		i++
		if i >= len(format) {
			return nil, Errorf(ValueErrorClass, "incomplete format")
		}
		var val Value
		if format[i] == '(' {
			if mapping == nil {
				return nil, Errorf(TypeErrorClass, "format requires a mapping")
			}
			end := strings.IndexByte(format[i:], ')')
			if end < 0 {
				return nil, Errorf(ValueErrorClass, "incomplete format key")
			}
			key := format[i+1 : i+end]
			v, err := GetItem(t, mapping, Str(key))
			if err != nil {
				return nil, err
			}
			val = v
			usedMapping = true
			i += end + 1
		}
		// flags
		flags := ""
		for i < len(format) && strings.IndexByte("-+ #0", format[i]) >= 0 {
			flags += string(format[i])
			i++
		}
		width := ""
		if i < len(format) && format[i] == '*' {
			w, err := next()
			if err != nil {
				return nil, err
			}
			n, ok := AsInt64(w)
			if !ok {
				return nil, Errorf(TypeErrorClass, "* wants int")
			}
			width = strconv.FormatInt(n, 10)
			i++
		} else {
			for i < len(format) && format[i] >= '0' && format[i] <= '9' {
				width += string(format[i])
				i++
			}
		}
		prec := ""
		hasPrec := false
		if i < len(format) && format[i] == '.' {
			hasPrec = true
			i++
			if i < len(format) && format[i] == '*' {
				p, err := next()
				if err != nil {
					return nil, err
				}
				n, ok := AsInt64(p)
				if !ok {
					return nil, Errorf(TypeErrorClass, "* wants int")
				}
				prec = strconv.FormatInt(n, 10)
				i++
			} else {
				for i < len(format) && format[i] >= '0' && format[i] <= '9' {
					prec += string(format[i])
					i++
				}
			}
			if prec == "" {
				prec = "0"
			}
		}
		for i < len(format) && (format[i] == 'l' || format[i] == 'h' || format[i] == 'L') {
			i++
		}
		if i >= len(format) {
			return nil, Errorf(ValueErrorClass, "incomplete format")
		}
		conv := format[i]
		if conv == '%' {
			b.WriteByte('%')
			continue
		}
		if val == nil {
			v, err := next()
			if err != nil {
				return nil, err
			}
			val = v
		}
		// Build an equivalent format spec for the mini-language.
		align := ""
		fill := ""
		if strings.Contains(flags, "-") {
			align = "<"
		} else if strings.Contains(flags, "0") && conv != 's' && conv != 'r' && conv != 'a' && conv != 'c' {
			fill = "0"
		}
		sign := ""
		if strings.Contains(flags, "+") {
			sign = "+"
		} else if strings.Contains(flags, " ") {
			sign = " "
		}
		alt := ""
		if strings.Contains(flags, "#") {
			alt = "#"
		}
		precPart := ""
		if hasPrec {
			precPart = "." + prec
		}
		var s string
		var err error
		switch conv {
		case 's', 'r', 'a':
			var str string
			if conv == 's' {
				str, err = ToStr(t, val)
			} else {
				str, err = Repr(t, val)
			}
			if err != nil {
				return nil, err
			}
			if hasPrec {
				n, _ := strconv.Atoi(prec)
				rs := []rune(str)
				if n < len(rs) {
					str = string(rs[:n])
				}
			}
			a := align
			if a == "" {
				a = ">"
			}
			s, err = pyfmt.FormatStr(str, a+width, "str")
			err = fmtErr(err)
		case 'd', 'i', 'u':
			iv, e := percentInt(t, val, conv)
			if e != nil {
				return nil, e
			}
			s, err = Format(t, iv, align+sign+fill+width)
		case 'x', 'X', 'o':
			iv, e := percentInt(t, val, conv)
			if e != nil {
				return nil, e
			}
			s, err = Format(t, iv, align+sign+alt+fill+width+string(conv))
		case 'e', 'E', 'f', 'F', 'g', 'G':
			f, ok, e := AsFloat(val)
			if e != nil {
				return nil, e
			}
			if !ok {
				if r, isNum, _ := callSpecial(t, val, "__float__"); isNum {
					f, _, _ = AsFloat(r)
				} else {
					return nil, Errorf(TypeErrorClass, "must be real number, not %s", typeName(val))
				}
			}
			p := precPart
			if !hasPrec {
				p = ".6"
			}
			s, err = pyfmt.FormatFloat(f, align+sign+alt+fill+width+p+string(conv), "float")
			err = fmtErr(err)
		case 'c':
			switch x := val.(type) {
			case Str:
				if len([]rune(string(x))) != 1 {
					return nil, Errorf(TypeErrorClass, "%%c requires int or char")
				}
				s = string(x)
			default:
				n, ok := AsInt64(val)
				if !ok {
					return nil, Errorf(TypeErrorClass, "%%c requires int or char")
				}
				s = string(rune(n))
			}
		default:
			return nil, Errorf(ValueErrorClass, "unsupported format character '%c' (0x%x) at index %d", conv, conv, i)
		}
		if err != nil {
			return nil, err
		}
		b.WriteString(s)
	}
	if ai < len(args) && !usedMapping && mapping == nil {
		return nil, Errorf(TypeErrorClass, "not all arguments converted during string formatting")
	}
	return Str(b.String()), nil
}

func percentInt(t *Thread, v Value, conv byte) (Value, error) {
	switch x := v.(type) {
	case Int, *BigInt:
		return x, nil
	case Bool:
		n, _ := AsInt64(x)
		return Int(n), nil
	case Float:
		if conv == 'x' || conv == 'X' || conv == 'o' {
			return nil, Errorf(TypeErrorClass, "%%%c format: an integer is required, not float", conv)
		}
		f := float64(x)
		if math.IsInf(f, 0) {
			return nil, Errorf(OverflowErrorClass, "cannot convert float infinity to integer")
		}
		if math.IsNaN(f) {
			return nil, Errorf(ValueErrorClass, "cannot convert float NaN to integer")
		}
		b, _ := new(big.Float).SetFloat64(math.Trunc(f)).Int(nil)
		return MakeInt(b), nil
	}
	if conv == 'x' || conv == 'X' || conv == 'o' {
		return nil, Errorf(TypeErrorClass, "%%%c format: an integer is required, not %s", conv, typeName(v))
	}
	return nil, Errorf(TypeErrorClass, "%%%c format: a real number is required, not %s", conv, typeName(v))
}

// strFormat implements str.format.
func strFormat(t *Thread, format string, args Args) (Value, error) {
	st := &formatState{}
	return st.format(t, format, args, 2)
}

// formatState is str.format's field numbering, shared with nested specs.
type formatState struct {
	auto             int
	manual, autoUsed bool
}

func (st *formatState) format(t *Thread, format string, args Args, depth int) (Value, error) {
	if depth <= 0 {
		return nil, Errorf(ValueErrorClass, "Max string recursion exceeded")
	}
	var b strings.Builder
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c == '}' {
			if i+1 < len(format) && format[i+1] == '}' {
				b.WriteByte('}')
				i++
				continue
			}
			return nil, Errorf(ValueErrorClass, "Single '}' encountered in format string")
		}
		if c != '{' {
			b.WriteByte(c)
			continue
		}
		if i+1 < len(format) && format[i+1] == '{' {
			b.WriteByte('{')
			i++
			continue
		}
		// Find the matching '}' (the spec may nest one level of braces).
		nest := 1
		j := i + 1
		for j < len(format) && nest > 0 {
			if format[j] == '{' {
				nest++
			} else if format[j] == '}' {
				nest--
				if nest == 0 {
					break
				}
			}
			j++
		}
		if j >= len(format) {
			if strings.IndexByte(format[i+1:], '}') < 0 && strings.IndexByte(format[i+1:], ':') < 0 {
				return nil, Errorf(ValueErrorClass, "Single '{' encountered in format string")
			}
			return nil, Errorf(ValueErrorClass, "expected '}' before end of string")
		}
		field := format[i+1 : j]
		i = j
		name, conv, spec := field, byte(0), ""
		if k := strings.IndexByte(field, ':'); k >= 0 {
			name, spec = field[:k], field[k+1:]
		}
		if k := strings.IndexByte(name, '!'); k >= 0 {
			if k+1 >= len(name) {
				return nil, Errorf(ValueErrorClass, "end of string while looking for conversion specifier")
			}
			conv = name[k+1]
			if len(name) > k+2 {
				return nil, Errorf(ValueErrorClass, "expected ':' after conversion specifier")
			}
			name = name[:k]
		}
		// Resolve the argument: first part, then .attr / [key] chains.
		first := name
		rest := ""
		if k := strings.IndexAny(name, ".["); k >= 0 {
			first, rest = name[:k], name[k:]
		}
		var v Value
		if first == "" {
			if st.manual {
				return nil, Errorf(ValueErrorClass, "cannot switch from manual field specification to automatic field numbering")
			}
			st.autoUsed = true
			if st.auto >= len(args.Pos) {
				return nil, Errorf(IndexErrorClass, "Replacement index %d out of range for positional args tuple", st.auto)
			}
			v = args.Pos[st.auto]
			st.auto++
		} else if n, err := strconv.Atoi(first); err == nil {
			if st.autoUsed {
				return nil, Errorf(ValueErrorClass, "cannot switch from automatic field numbering to manual field specification")
			}
			st.manual = true
			if n >= len(args.Pos) {
				return nil, Errorf(IndexErrorClass, "Replacement index %d out of range for positional args tuple", n)
			}
			v = args.Pos[n]
		} else {
			v = args.Kwarg(first)
			if v == nil {
				return nil, KeyError(Str(first))
			}
		}
		for rest != "" {
			if rest[0] == '.' {
				k := strings.IndexAny(rest[1:], ".[")
				attr := rest[1:]
				if k >= 0 {
					attr, rest = rest[1:k+1], rest[k+1:]
				} else {
					rest = ""
				}
				r, err := GetAttr(t, v, attr)
				if err != nil {
					return nil, err
				}
				v = r
			} else {
				k := strings.IndexByte(rest, ']')
				if k < 0 {
					return nil, Errorf(ValueErrorClass, "Missing ']' in format string")
				}
				key := rest[1:k]
				rest = rest[k+1:]
				var kv Value = Str(key)
				if n, err := strconv.Atoi(key); err == nil {
					kv = Int(n)
				}
				r, err := GetItem(t, v, kv)
				if err != nil {
					return nil, err
				}
				v = r
			}
		}
		switch conv {
		case 'r', 'a':
			s, err := Repr(t, v)
			if err != nil {
				return nil, err
			}
			v = Str(s)
		case 's':
			s, err := ToStr(t, v)
			if err != nil {
				return nil, err
			}
			v = Str(s)
		case 0:
		default:
			return nil, Errorf(ValueErrorClass, "Unknown conversion specifier %c", conv)
		}
		if strings.Contains(spec, "{") {
			sv, err := st.format(t, spec, args, depth-1)
			if err != nil {
				return nil, err
			}
			spec = string(sv.(Str))
		}
		s, err := Format(t, v, spec)
		if err != nil {
			return nil, err
		}
		b.WriteString(s)
	}
	return Str(b.String()), nil
}
