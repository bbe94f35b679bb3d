package python

import (
	"math"
	"math/big"
	"runtime"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// listArgs checks the arguments of list(): at most one, no keywords.
func listArgs(args Args) error {
	if err := noKwargs("list", args); err != nil {
		return err
	}
	if len(args.Pos) > 1 {
		return Errorf(TypeErrorClass, "list expected at most 1 argument, got %d", len(args.Pos))
	}
	return nil
}

func method(c *Class, name string, fn func(t *Thread, self Value, args Args) (Value, error)) {
	c.SetMethod(name, fn)
}

// arityGuard turns a builtin that indexed past its arguments (called with
// too few) into the TypeError CPython would raise instead of a panic; r is
// what the builtin's deferred function recovered. The deferred function
// recovers only when the builtin did not return: a call that returns, as
// nearly all do, then costs no call of recover.
func arityGuard(r any, v *Value, err *error, name string, given int) {
	if r != nil {
		if re, ok := r.(runtime.Error); ok && strings.Contains(re.Error(), "index out of range") {
			*v, *err = nil, Errorf(TypeErrorClass, "%s() missing required argument (%d given)", name, given)
			return
		}
		panic(r)
	}
}

func initBuiltinTypes() {
	// type
	TypeClass.New = func(t *Thread, cls *Class, args Args) (Value, error) {
		if len(args.Pos) == 1 {
			return args.Pos[0].Type(), nil
		}
		if len(args.Pos) != 3 {
			return nil, Errorf(TypeErrorClass, "type() takes 1 or 3 arguments")
		}
		name, ok := args.Pos[0].(Str)
		bt, ok2 := args.Pos[1].(Tuple)
		ns, ok3 := args.Pos[2].(*Dict)
		if !ok || !ok2 || !ok3 {
			return nil, Errorf(TypeErrorClass, "type.__new__() argument 1 must be str, not %s", typeName(args.Pos[0]))
		}
		var bases []*Class
		for _, b := range bt {
			c, ok := b.(*Class)
			if !ok {
				return nil, Errorf(TypeErrorClass, "bases must be types")
			}
			bases = append(bases, c)
		}
		return NewUserClass(string(name), bases, ns.Copy())
	}
	NoneTypeClass.New = func(t *Thread, cls *Class, args Args) (Value, error) { return None, nil }
	// int
	IntClass.New = func(t *Thread, cls *Class, args Args) (Value, error) {
		var x, base Value
		if err := UnpackArgs("int", args, "x?", &x, "base?", &base); err != nil {
			return nil, err
		}
		if x == nil {
			return Int(0), nil
		}
		if base != nil {
			b, ok := AsInt64(base)
			if !ok {
				return nil, Errorf(TypeErrorClass, "'%s' object cannot be interpreted as an integer", typeName(base))
			}
			s, ok := x.(Str)
			if !ok {
				return nil, Errorf(TypeErrorClass, "int() can't convert non-string with explicit base")
			}
			return parseIntStr(string(s), int(b))
		}
		return toInt(t, x)
	}
	BoolClass.New = func(t *Thread, cls *Class, args Args) (Value, error) {
		if err := noKwargs("bool", args); err != nil {
			return nil, err
		}
		if len(args.Pos) == 0 {
			return False, nil
		}
		if len(args.Pos) > 1 {
			return nil, Errorf(TypeErrorClass, "bool expected at most 1 argument, got %d", len(args.Pos))
		}
		b, err := Truth(t, args.Pos[0])
		return Bool(b), err
	}
	FloatClass.New = func(t *Thread, cls *Class, args Args) (Value, error) {
		if err := noKwargs("float", args); err != nil {
			return nil, err
		}
		if len(args.Pos) == 0 {
			return Float(0), nil
		}
		if len(args.Pos) > 1 {
			return nil, Errorf(TypeErrorClass, "float expected at most 1 argument, got %d", len(args.Pos))
		}
		return toFloat(t, args.Pos[0])
	}
	StrClass.New = func(t *Thread, cls *Class, args Args) (Value, error) {
		var x, enc, errs Value
		if err := UnpackArgs("str", args, "object?", &x, "encoding?", &enc, "errors?", &errs); err != nil {
			return nil, err
		}
		if x == nil {
			return Str(""), nil
		}
		if b, ok := x.(Bytes); ok && enc != nil {
			if !utf8.ValidString(string(b)) {
				return nil, Errorf(UnicodeDecodeErrorClass, "'utf-8' codec can't decode bytes: invalid utf-8")
			}
			return Str(b), nil
		}
		s, err := ToStr(t, x)
		return Str(s), err
	}
	BytesClass.New = func(t *Thread, cls *Class, args Args) (Value, error) {
		var x, enc Value
		if err := UnpackArgs("bytes", args, "source?", &x, "encoding?", &enc); err != nil {
			return nil, err
		}
		switch v := x.(type) {
		case nil:
			return Bytes(""), nil
		case Str:
			if enc == nil {
				return nil, Errorf(TypeErrorClass, "string argument without an encoding")
			}
			return Bytes(v), nil
		case Bytes:
			return v, nil
		case Int:
			if v < 0 {
				return nil, Errorf(ValueErrorClass, "negative count")
			}
			if err := t.Alloc(int64(v)); err != nil {
				return nil, err
			}
			return Bytes(make([]byte, v)), nil
		}
		items, err := ToSlice(t, x)
		if err != nil {
			return nil, err
		}
		out := make([]byte, len(items))
		for i, it := range items {
			n, ok := AsInt64(it)
			if !ok || n < 0 || n > 255 {
				return nil, Errorf(ValueErrorClass, "bytes must be in range(0, 256)")
			}
			out[i] = byte(n)
		}
		return Bytes(out), nil
	}
	TupleClass.New = func(t *Thread, cls *Class, args Args) (Value, error) {
		if err := noKwargs("tuple", args); err != nil {
			return nil, err
		}
		if len(args.Pos) == 0 {
			return Tuple{}, nil
		}
		if len(args.Pos) > 1 {
			return nil, Errorf(TypeErrorClass, "tuple expected at most 1 argument, got %d", len(args.Pos))
		}
		if tu, ok := args.Pos[0].(Tuple); ok {
			return tu, nil
		}
		items, err := ToSlice(t, args.Pos[0])
		if err != nil {
			return nil, err
		}
		return Tuple(items), nil
	}
	// As in CPython, list.__new__ makes an empty list and list.__init__
	// (or a subclass's own __init__) fills it.
	ListClass.New = func(t *Thread, cls *Class, args Args) (Value, error) {
		if cls != ListClass {
			return &List{Class: cls}, nil
		}
		if err := listArgs(args); err != nil {
			return nil, err
		}
		return NewList(nil), nil
	}
	ListClass.SetMethod("__init__", func(t *Thread, self Value, args Args) (Value, error) {
		if err := listArgs(args); err != nil {
			return nil, err
		}
		l := self.(*List)
		var items []Value
		if len(args.Pos) == 1 {
			var err error
			if items, err = ToSlice(t, args.Pos[0]); err != nil {
				return nil, err
			}
			if err := t.Alloc(int64(8 * len(items))); err != nil {
				return nil, err
			}
		}
		l.Items = items
		return None, nil
	})
	DictClass.New = func(t *Thread, cls *Class, args Args) (Value, error) {
		d := NewDict()
		if cls != DictClass {
			d.Class = cls
		}
		if len(args.Pos) > 1 {
			return nil, Errorf(TypeErrorClass, "dict expected at most 1 argument, got %d", len(args.Pos))
		}
		if len(args.Pos) == 1 {
			if err := dictUpdate(t, d, args.Pos[0], ""); err != nil {
				return nil, err
			}
		}
		for _, k := range args.Kw {
			d.setStr(k.Name, nil, k.Value)
		}
		return d, nil
	}
	OrderedDictClass.New = DictClass.New
	DefaultDictClass.New = func(t *Thread, cls *Class, args Args) (Value, error) {
		d := NewDict()
		d.Class = cls
		d.Default = None
		pos := args.Pos
		if len(pos) > 0 {
			if pos[0] != None && !IsCallable(pos[0]) {
				return nil, Errorf(TypeErrorClass, "first argument must be callable or None")
			}
			d.Default = pos[0]
			pos = pos[1:]
		}
		if len(pos) == 1 {
			if err := dictUpdate(t, d, pos[0], ""); err != nil {
				return nil, err
			}
		}
		for _, k := range args.Kw {
			d.setStr(k.Name, nil, k.Value)
		}
		return d, nil
	}
	setNew := func(frozen bool) func(t *Thread, cls *Class, args Args) (Value, error) {
		return func(t *Thread, cls *Class, args Args) (Value, error) {
			name := "set"
			if frozen {
				name = "frozenset"
			}
			if err := noKwargs(name, args); err != nil {
				return nil, err
			}
			s := &Set{Frozen: frozen}
			if len(args.Pos) > 1 {
				return nil, Errorf(TypeErrorClass, "%s expected at most 1 argument, got %d", name, len(args.Pos))
			}
			if len(args.Pos) == 1 {
				err := Iterate(t, args.Pos[0], func(v Value) error { return s.Add(t, v) })
				if err != nil {
					return nil, err
				}
			}
			return s, nil
		}
	}
	SetClass.New = setNew(false)
	FrozenSetClass.New = setNew(true)
	RangeClass.New = func(t *Thread, cls *Class, args Args) (Value, error) {
		if err := noKwargs("range", args); err != nil {
			return nil, err
		}
		var vals [3]int64
		if len(args.Pos) < 1 || len(args.Pos) > 3 {
			if len(args.Pos) == 0 {
				return nil, Errorf(TypeErrorClass, "range expected at least 1 argument, got 0")
			}
			return nil, Errorf(TypeErrorClass, "range expected at most 3 arguments, got %d", len(args.Pos))
		}
		for i, a := range args.Pos {
			n, ok := AsInt64(a)
			if !ok {
				if _, isBig := a.(*BigInt); isBig {
					return nil, Errorf(OverflowErrorClass, "Python int too large to convert to C ssize_t")
				}
				return nil, Errorf(TypeErrorClass, "'%s' object cannot be interpreted as an integer", typeName(a))
			}
			vals[i] = n
		}
		switch len(args.Pos) {
		case 1:
			return &Range{0, vals[0], 1}, nil
		case 2:
			return &Range{vals[0], vals[1], 1}, nil
		}
		if vals[2] == 0 {
			return nil, Errorf(ValueErrorClass, "range() arg 3 must not be zero")
		}
		return &Range{vals[0], vals[1], vals[2]}, nil
	}
	SliceClass.New = func(t *Thread, cls *Class, args Args) (Value, error) {
		switch len(args.Pos) {
		case 1:
			return &Slice{None, args.Pos[0], None}, nil
		case 2:
			return &Slice{args.Pos[0], args.Pos[1], None}, nil
		case 3:
			return &Slice{args.Pos[0], args.Pos[1], args.Pos[2]}, nil
		}
		return nil, Errorf(TypeErrorClass, "slice expected at least 1 argument, got %d", len(args.Pos))
	}
	PropertyClass.New = func(t *Thread, cls *Class, args Args) (Value, error) {
		p := &Property{FGet: None, FSet: None, FDel: None, Doc: None}
		var fget, fset, fdel, doc Value
		if err := UnpackArgs("property", args, "fget?", &fget, "fset?", &fset, "fdel?", &fdel, "doc?", &doc); err != nil {
			return nil, err
		}
		if fget != nil {
			p.FGet = fget
			if f, ok := fget.(*Function); ok {
				p.Name = f.Name
			}
		}
		if fset != nil {
			p.FSet = fset
		}
		if fdel != nil {
			p.FDel = fdel
		}
		return p, nil
	}
	method(PropertyClass, "setter", func(t *Thread, self Value, args Args) (Value, error) {
		p := *self.(*Property)
		if len(args.Pos) != 1 {
			return nil, Errorf(TypeErrorClass, "setter() takes exactly one argument")
		}
		p.FSet = args.Pos[0]
		return &p, nil
	})
	method(PropertyClass, "getter", func(t *Thread, self Value, args Args) (Value, error) {
		p := *self.(*Property)
		p.FGet = args.Pos[0]
		return &p, nil
	})
	method(PropertyClass, "deleter", func(t *Thread, self Value, args Args) (Value, error) {
		p := *self.(*Property)
		p.FDel = args.Pos[0]
		return &p, nil
	})
	StaticMethodClass.New = func(t *Thread, cls *Class, args Args) (Value, error) {
		if err := exactArgs("staticmethod", args, 1); err != nil {
			return nil, err
		}
		return &StaticMethod{Func: args.Pos[0]}, nil
	}
	ClassMethodClass.New = func(t *Thread, cls *Class, args Args) (Value, error) {
		if err := exactArgs("classmethod", args, 1); err != nil {
			return nil, err
		}
		return &ClassMethod{Func: args.Pos[0]}, nil
	}
	SuperClass.New = func(t *Thread, cls *Class, args Args) (Value, error) { return builtinSuper(t, nil, args) }
	SuperClass.GetAttrHook = func(t *Thread, self Value, name string) (Value, error) {
		return self.(*superObj).getAttr(t, name)
	}

	initIntMethods()
	initStrMethods()
	initListMethods()
	initDictMethods()
	initSetMethods()
	initMiscMethods()
	initMoreMethods()
	initRandomClass()
}

func toInt(t *Thread, x Value) (Value, error) {
	switch v := x.(type) {
	case Int, *BigInt:
		return v, nil
	case Bool:
		n, _ := AsInt64(v)
		return Int(n), nil
	case Float:
		f := float64(v)
		if math.IsInf(f, 0) {
			return nil, Errorf(OverflowErrorClass, "cannot convert float infinity to integer")
		}
		if math.IsNaN(f) {
			return nil, Errorf(ValueErrorClass, "cannot convert float NaN to integer")
		}
		f = math.Trunc(f)
		if math.Abs(f) < 9e18 {
			return Int(int64(f)), nil
		}
		b, _ := new(big.Float).SetFloat64(f).Int(nil)
		return MakeInt(b), nil
	case Str:
		return parseIntStr(string(v), 10)
	case Bytes:
		return parseIntStr(string(v), 10)
	}
	for _, m := range []string{"__int__", "__index__", "__trunc__"} {
		if r, ok, err := callSpecial(t, x, m); ok {
			return r, err
		}
	}
	return nil, Errorf(TypeErrorClass, "int() argument must be a string, a bytes-like object or a real number, not '%s'", typeName(x))
}

func parseIntStr(s string, base int) (Value, error) {
	orig := s
	bad := func() error {
		return Errorf(ValueErrorClass, "invalid literal for int() with base %d: %s", base, strRepr(orig))
	}
	if base != 0 && (base < 2 || base > 36) {
		return nil, Errorf(ValueErrorClass, "int() base must be >= 2 and <= 36, or 0")
	}
	s = strings.TrimSpace(s)
	neg := false
	if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "+") {
		neg = s[0] == '-'
		s = s[1:]
	}
	ls := strings.ToLower(s)
	if base == 0 || base == 16 && strings.HasPrefix(ls, "0x") || base == 8 && strings.HasPrefix(ls, "0o") || base == 2 && strings.HasPrefix(ls, "0b") {
		switch {
		case strings.HasPrefix(ls, "0x"):
			base, s = 16, s[2:]
		case strings.HasPrefix(ls, "0o"):
			base, s = 8, s[2:]
		case strings.HasPrefix(ls, "0b"):
			base, s = 2, s[2:]
		default:
			if base == 0 {
				base = 10
				if len(s) > 1 && strings.Trim(s, "0_") != "" && s[0] == '0' {
					return nil, Errorf(ValueErrorClass, "invalid literal for int() with base 0: %s", strRepr(orig))
				}
			}
		}
		if strings.HasPrefix(s, "_") {
			s = s[1:]
		}
	}
	if s == "" || strings.HasPrefix(s, "_") || strings.HasSuffix(s, "_") || strings.Contains(s, "__") {
		return nil, bad()
	}
	s = strings.ReplaceAll(s, "_", "")
	if base == 10 && len(s) > maxStrDigits {
		return nil, Errorf(ValueErrorClass, "Exceeds the limit (%d digits) for integer string conversion: value has %d digits; use sys.set_int_max_str_digits() to increase the limit", maxStrDigits, len(s))
	}
	b, ok := new(big.Int).SetString(s, base)
	if !ok {
		return nil, bad()
	}
	if neg {
		b.Neg(b)
	}
	return MakeInt(b), nil
}

func toFloat(t *Thread, x Value) (Value, error) {
	switch v := x.(type) {
	case Float:
		return v, nil
	case Int, Bool, *BigInt:
		f, _, err := AsFloat(v)
		return Float(f), err
	case Str:
		s := strings.TrimSpace(string(v))
		ls := strings.ToLower(s)
		switch strings.TrimLeft(ls, "+-") {
		case "inf", "infinity":
			if strings.HasPrefix(ls, "-") {
				return Float(math.Inf(-1)), nil
			}
			return Float(math.Inf(1)), nil
		case "nan":
			return Float(math.NaN()), nil
		}
		if strings.ContainsAny(ls, "xpn") || strings.Contains(s, "__") || strings.HasPrefix(s, "_") || strings.HasSuffix(s, "_") {
			return nil, Errorf(ValueErrorClass, "could not convert string to float: %s", strRepr(string(v)))
		}
		f, err := strconv.ParseFloat(strings.ReplaceAll(s, "_", ""), 64)
		if err != nil {
			if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
				return Float(f), nil
			}
			return nil, Errorf(ValueErrorClass, "could not convert string to float: %s", strRepr(string(v)))
		}
		return Float(f), nil
	}
	if r, ok, err := callSpecial(t, x, "__float__"); ok {
		return r, err
	}
	if r, ok, err := callSpecial(t, x, "__index__"); ok {
		if err != nil {
			return nil, err
		}
		return toFloat(t, r)
	}
	return nil, Errorf(TypeErrorClass, "float() argument must be a string or a real number, not '%s'", typeName(x))
}

func initIntMethods() {
	method(IntClass, "bit_length", func(t *Thread, self Value, args Args) (Value, error) {
		return Int(new(big.Int).Abs(toBig(self)).BitLen()), nil
	})
	method(IntClass, "to_bytes", func(t *Thread, self Value, args Args) (Value, error) {
		var length int64 = 1
		order := "big"
		if err := UnpackArgs("to_bytes", args, "length?", &length, "byteorder?", &order, "*", "signed?", new(bool)); err != nil {
			return nil, err
		}
		b := toBig(self).Bytes()
		if int64(len(b)) > length {
			return nil, Errorf(OverflowErrorClass, "int too big to convert")
		}
		out := make([]byte, length)
		copy(out[length-int64(len(b)):], b)
		if order == "little" {
			for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
				out[i], out[j] = out[j], out[i]
			}
		}
		return Bytes(out), nil
	})
	method(IntClass, "__index__", func(t *Thread, self Value, args Args) (Value, error) { return self, nil })
	method(IntClass, "is_integer", func(t *Thread, self Value, args Args) (Value, error) { return True, nil })
	IntClass.SetProperty("real", func(t *Thread, self Value) (Value, error) { return self, nil }, nil)
	IntClass.SetProperty("imag", func(t *Thread, self Value) (Value, error) { return Int(0), nil }, nil)
	method(FloatClass, "is_integer", func(t *Thread, self Value, args Args) (Value, error) {
		f := float64(self.(Float))
		return Bool(f == math.Trunc(f) && !math.IsInf(f, 0)), nil
	})
	method(FloatClass, "hex", func(t *Thread, self Value, args Args) (Value, error) {
		return Str(strconv.FormatFloat(float64(self.(Float)), 'x', -1, 64)), nil
	})
	method(FloatClass, "as_integer_ratio", func(t *Thread, self Value, args Args) (Value, error) {
		f := float64(self.(Float))
		if math.IsInf(f, 0) {
			return nil, Errorf(OverflowErrorClass, "cannot convert Infinity to integer ratio")
		}
		if math.IsNaN(f) {
			return nil, Errorf(ValueErrorClass, "cannot convert NaN to integer ratio")
		}
		r := new(big.Rat).SetFloat64(f)
		return Tuple{MakeInt(r.Num()), MakeInt(r.Denom())}, nil
	})
	FloatClass.SetProperty("real", func(t *Thread, self Value) (Value, error) { return self, nil }, nil)
	FloatClass.SetProperty("imag", func(t *Thread, self Value) (Value, error) { return Float(0), nil }, nil)
	FloatClass.SetClassMethod("fromhex", func(t *Thread, cls *Class, args Args) (Value, error) {
		var s string
		if err := UnpackArgs("fromhex", args, "string", &s); err != nil {
			return nil, err
		}
		f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		if err != nil {
			return nil, Errorf(ValueErrorClass, "invalid hexadecimal floating-point string")
		}
		return Float(f), nil
	})
	for _, c := range []*Class{IntClass, FloatClass} {
		c := c
		method(c, "__round__", func(t *Thread, self Value, args Args) (Value, error) {
			return builtinRound(t, Args{Pos: append([]Value{self}, args.Pos...)})
		})
		method(c, "__format__", func(t *Thread, self Value, args Args) (Value, error) {
			var spec string
			if err := UnpackArgs("__format__", args, "format_spec", &spec); err != nil {
				return nil, err
			}
			s, err := Format(t, self, spec)
			return Str(s), err
		})
		method(c, "conjugate", func(t *Thread, self Value, args Args) (Value, error) { return self, nil })
	}
}

// ---- str ----

func strArg(name string, v Value) (string, error) {
	s, ok := v.(Str)
	if !ok {
		return "", Errorf(TypeErrorClass, "%s", name)
	}
	return string(s), nil
}

func initStrMethods() {
	c := StrClass
	simple := func(name string, fn func(s string) string) {
		method(c, name, func(t *Thread, self Value, args Args) (Value, error) {
			if len(args.Pos) > 0 {
				return nil, Errorf(TypeErrorClass, "str.%s() takes no arguments (%d given)", name, len(args.Pos))
			}
			return Str(fn(string(self.(Str)))), nil
		})
	}
	simple("upper", strings.ToUpper)
	simple("lower", strings.ToLower)
	simple("casefold", strings.ToLower)
	simple("swapcase", func(s string) string {
		return strings.Map(func(r rune) rune {
			if unicode.IsUpper(r) {
				return unicode.ToLower(r)
			}
			return unicode.ToUpper(r)
		}, s)
	})
	simple("capitalize", func(s string) string {
		if s == "" {
			return s
		}
		r, n := utf8.DecodeRuneInString(s)
		return string(unicode.ToUpper(r)) + strings.ToLower(s[n:])
	})
	simple("title", func(s string) string {
		var b strings.Builder
		prev := false
		for _, r := range s {
			if unicode.IsLetter(r) {
				if prev {
					b.WriteRune(unicode.ToLower(r))
				} else {
					b.WriteRune(unicode.ToUpper(r))
				}
				prev = true
			} else {
				b.WriteRune(r)
				prev = false
			}
		}
		return b.String()
	})
	pred := func(name string, fn func(r rune) bool, emptyOK bool) {
		method(c, name, func(t *Thread, self Value, args Args) (Value, error) {
			s := string(self.(Str))
			if s == "" {
				return Bool(emptyOK), nil
			}
			for _, r := range s {
				if !fn(r) {
					return False, nil
				}
			}
			return True, nil
		})
	}
	pred("isdigit", unicode.IsDigit, false)
	pred("isdecimal", unicode.IsDigit, false)
	pred("isnumeric", func(r rune) bool { return unicode.IsDigit(r) || unicode.IsNumber(r) }, false)
	pred("isalpha", unicode.IsLetter, false)
	pred("isalnum", func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }, false)
	pred("isspace", unicode.IsSpace, false)
	pred("isascii", func(r rune) bool { return r < 128 }, true)
	pred("isidentifier", func(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }, false)
	method(c, "isupper", func(t *Thread, self Value, args Args) (Value, error) {
		s := string(self.(Str))
		return Bool(strings.ToUpper(s) == s && strings.ToLower(s) != s), nil
	})
	method(c, "islower", func(t *Thread, self Value, args Args) (Value, error) {
		s := string(self.(Str))
		return Bool(strings.ToLower(s) == s && strings.ToUpper(s) != s), nil
	})
	strip := func(name string, fn func(s, cut string) string, def func(string) string) {
		method(c, name, func(t *Thread, self Value, args Args) (Value, error) {
			var chars Value = None
			if err := UnpackArgs(name, args, "chars?", &chars); err != nil {
				return nil, err
			}
			s := string(self.(Str))
			if chars == None {
				return Str(def(s)), nil
			}
			cs, ok := chars.(Str)
			if !ok {
				return nil, Errorf(TypeErrorClass, "%s arg must be None or str", name)
			}
			return Str(fn(s, string(cs))), nil
		})
	}
	strip("strip", strings.Trim, strings.TrimSpace)
	strip("lstrip", strings.TrimLeft, func(s string) string { return strings.TrimLeftFunc(s, unicode.IsSpace) })
	strip("rstrip", strings.TrimRight, func(s string) string { return strings.TrimRightFunc(s, unicode.IsSpace) })
	method(c, "removeprefix", func(t *Thread, self Value, args Args) (Value, error) {
		var p string
		if err := UnpackArgs("removeprefix", args, "prefix", &p); err != nil {
			return nil, err
		}
		return Str(strings.TrimPrefix(string(self.(Str)), p)), nil
	})
	method(c, "removesuffix", func(t *Thread, self Value, args Args) (Value, error) {
		var p string
		if err := UnpackArgs("removesuffix", args, "suffix", &p); err != nil {
			return nil, err
		}
		return Str(strings.TrimSuffix(string(self.(Str)), p)), nil
	})
	method(c, "split", func(t *Thread, self Value, args Args) (Value, error) {
		var sep Value = None
		var max int64 = -1
		if err := UnpackArgs("split", args, "sep?", &sep, "maxsplit?", &max); err != nil {
			return nil, err
		}
		return strSplit(string(self.(Str)), sep, max, false)
	})
	method(c, "rsplit", func(t *Thread, self Value, args Args) (Value, error) {
		var sep Value = None
		var max int64 = -1
		if err := UnpackArgs("rsplit", args, "sep?", &sep, "maxsplit?", &max); err != nil {
			return nil, err
		}
		return strSplit(string(self.(Str)), sep, max, true)
	})
	method(c, "splitlines", func(t *Thread, self Value, args Args) (Value, error) {
		keep := false
		if err := UnpackArgs("splitlines", args, "keepends?", &keep); err != nil {
			return nil, err
		}
		s := string(self.(Str))
		var out []Value
		for len(s) > 0 {
			i := strings.IndexAny(s, "\n\r")
			if i < 0 {
				out = append(out, Str(s))
				break
			}
			end := i + 1
			if s[i] == '\r' && i+1 < len(s) && s[i+1] == '\n' {
				end++
			}
			if keep {
				out = append(out, Str(s[:end]))
			} else {
				out = append(out, Str(s[:i]))
			}
			s = s[end:]
		}
		return NewList(out), nil
	})
	method(c, "join", func(t *Thread, self Value, args Args) (Value, error) {
		if err := exactArgs("str.join", args, 1); err != nil {
			return nil, err
		}
		var parts []string
		total := 0
		i := 0
		err := Iterate(t, args.Pos[0], func(v Value) error {
			s, ok := v.(Str)
			if !ok {
				return Errorf(TypeErrorClass, "sequence item %d: expected str instance, %s found", i, typeName(v))
			}
			i++
			total += len(s)
			parts = append(parts, string(s))
			return nil
		})
		if err != nil {
			if !IsIterable(args.Pos[0]) {
				return nil, Errorf(TypeErrorClass, "can only join an iterable")
			}
			return nil, err
		}
		if err := t.Alloc(int64(total)); err != nil {
			return nil, err
		}
		return Str(strings.Join(parts, string(self.(Str)))), nil
	})
	method(c, "replace", func(t *Thread, self Value, args Args) (Value, error) {
		var old, new string
		var count int64 = -1
		if err := UnpackArgs("replace", args, "old", &old, "new", &new, "count?", &count); err != nil {
			return nil, err
		}
		return Str(strings.Replace(string(self.(Str)), old, new, int(count))), nil
	})
	findLike := func(name string, last, raise bool) {
		method(c, name, func(t *Thread, self Value, args Args) (Value, error) {
			var sub string
			var start, end Value = None, None
			if err := UnpackArgs(name, args, "sub", &sub, "start?", &start, "end?", &end); err != nil {
				return nil, err
			}
			rs := []rune(string(self.(Str)))
			lo, hi, err := sliceBounds(t, len(rs), start, end)
			if err != nil {
				return nil, err
			}
			seg := string(rs[lo:hi])
			var i int
			if last {
				i = strings.LastIndex(seg, sub)
			} else {
				i = strings.Index(seg, sub)
			}
			if i >= 0 {
				i = utf8.RuneCountInString(seg[:i]) + lo
			} else if raise {
				return nil, Errorf(ValueErrorClass, "substring not found")
			}
			return Int(i), nil
		})
	}
	findLike("find", false, false)
	findLike("rfind", true, false)
	findLike("index", false, true)
	findLike("rindex", true, true)
	method(c, "count", func(t *Thread, self Value, args Args) (Value, error) {
		var sub string
		if err := UnpackArgs("count", args, "sub", &sub, "start?", new(Value), "end?", new(Value)); err != nil {
			return nil, err
		}
		return Int(strings.Count(string(self.(Str)), sub)), nil
	})
	affix := func(name string, fn func(s, p string) bool) {
		method(c, name, func(t *Thread, self Value, args Args) (Value, error) {
			var p Value
			var start, end Value = None, None
			if err := UnpackArgs(name, args, "prefix", &p, "start?", &start, "end?", &end); err != nil {
				return nil, err
			}
			s := string(self.(Str))
			if start != None || end != None {
				rs := []rune(s)
				lo, hi, err := sliceBounds(t, len(rs), start, end)
				if err != nil {
					return nil, err
				}
				s = string(rs[lo:hi])
			}
			switch x := p.(type) {
			case Str:
				return Bool(fn(s, string(x))), nil
			case Tuple:
				for _, e := range x {
					es, ok := e.(Str)
					if !ok {
						return nil, Errorf(TypeErrorClass, "tuple for %s must only contain str, not %s", name, typeName(e))
					}
					if fn(s, string(es)) {
						return True, nil
					}
				}
				return False, nil
			}
			return nil, Errorf(TypeErrorClass, "%s first arg must be str or a tuple of str, not %s", name, typeName(p))
		})
	}
	affix("startswith", strings.HasPrefix)
	affix("endswith", strings.HasSuffix)
	pad := func(name string, fn func(s string, w int, fill string) string) {
		method(c, name, func(t *Thread, self Value, args Args) (Value, error) {
			var w int64
			fill := " "
			if err := UnpackArgs(name, args, "width", &w, "fillchar?", &fill); err != nil {
				return nil, err
			}
			if utf8.RuneCountInString(fill) != 1 {
				return nil, Errorf(TypeErrorClass, "The fill character must be exactly one character long")
			}
			if w > 1<<24 {
				return nil, NewException(MemoryErrorClass)
			}
			return Str(fn(string(self.(Str)), int(w), fill)), nil
		})
	}
	pad("ljust", func(s string, w int, f string) string {
		n := w - utf8.RuneCountInString(s)
		if n <= 0 {
			return s
		}
		return s + strings.Repeat(f, n)
	})
	pad("rjust", func(s string, w int, f string) string {
		n := w - utf8.RuneCountInString(s)
		if n <= 0 {
			return s
		}
		return strings.Repeat(f, n) + s
	})
	pad("center", func(s string, w int, f string) string {
		n := w - utf8.RuneCountInString(s)
		if n <= 0 {
			return s
		}
		left := n/2 + (n & w & 1)
		return strings.Repeat(f, left) + s + strings.Repeat(f, n-left)
	})
	method(c, "zfill", func(t *Thread, self Value, args Args) (Value, error) {
		var w int64
		if err := UnpackArgs("zfill", args, "width", &w); err != nil {
			return nil, err
		}
		s := string(self.(Str))
		n := int(w) - utf8.RuneCountInString(s)
		if n <= 0 {
			return Str(s), nil
		}
		if len(s) > 0 && (s[0] == '-' || s[0] == '+') {
			return Str(s[:1] + strings.Repeat("0", n) + s[1:]), nil
		}
		return Str(strings.Repeat("0", n) + s), nil
	})
	method(c, "format", func(t *Thread, self Value, args Args) (Value, error) {
		return strFormat(t, string(self.(Str)), args)
	})
	method(c, "format_map", func(t *Thread, self Value, args Args) (Value, error) {
		if err := exactArgs("format_map", args, 1); err != nil {
			return nil, err
		}
		d, ok := args.Pos[0].(*Dict)
		if !ok {
			return nil, Errorf(TypeErrorClass, "format_map() argument must be a mapping")
		}
		keys, vals := d.Items()
		var kw []Kwarg
		for i, k := range keys {
			if ks, ok := k.(Str); ok {
				kw = append(kw, Kwarg{string(ks), vals[i]})
			}
		}
		return strFormat(t, string(self.(Str)), Args{Kw: kw})
	})
	method(c, "__format__", func(t *Thread, self Value, args Args) (Value, error) {
		var spec string
		if err := UnpackArgs("__format__", args, "format_spec", &spec); err != nil {
			return nil, err
		}
		s, err := Format(t, self, spec)
		return Str(s), err
	})
	method(c, "encode", func(t *Thread, self Value, args Args) (Value, error) {
		return Bytes(self.(Str)), nil
	})
	method(c, "partition", func(t *Thread, self Value, args Args) (Value, error) {
		var sep string
		if err := UnpackArgs("partition", args, "sep", &sep); err != nil {
			return nil, err
		}
		if sep == "" {
			return nil, Errorf(ValueErrorClass, "empty separator")
		}
		s := string(self.(Str))
		if i := strings.Index(s, sep); i >= 0 {
			return Tuple{Str(s[:i]), Str(sep), Str(s[i+len(sep):])}, nil
		}
		return Tuple{Str(s), Str(""), Str("")}, nil
	})
	method(c, "rpartition", func(t *Thread, self Value, args Args) (Value, error) {
		var sep string
		if err := UnpackArgs("rpartition", args, "sep", &sep); err != nil {
			return nil, err
		}
		if sep == "" {
			return nil, Errorf(ValueErrorClass, "empty separator")
		}
		s := string(self.(Str))
		if i := strings.LastIndex(s, sep); i >= 0 {
			return Tuple{Str(s[:i]), Str(sep), Str(s[i+len(sep):])}, nil
		}
		return Tuple{Str(""), Str(""), Str(s)}, nil
	})
	method(c, "expandtabs", func(t *Thread, self Value, args Args) (Value, error) {
		return Str(strings.ReplaceAll(string(self.(Str)), "\t", "        ")), nil
	})
	method(BytesClass, "decode", func(t *Thread, self Value, args Args) (Value, error) {
		b := self.(Bytes)
		if !utf8.ValidString(string(b)) {
			for i := 0; i < len(b); {
				r, n := utf8.DecodeRuneInString(string(b[i:]))
				if r == utf8.RuneError && n <= 1 {
					return nil, Errorf(UnicodeDecodeErrorClass, "'utf-8' codec can't decode byte 0x%02x in position %d: invalid start byte", b[i], i)
				}
				i += n
			}
		}
		return Str(b), nil
	})
	method(BytesClass, "hex", func(t *Thread, self Value, args Args) (Value, error) {
		const digits = "0123456789abcdef"
		b := self.(Bytes)
		out := make([]byte, 0, 2*len(b))
		for i := 0; i < len(b); i++ {
			out = append(out, digits[b[i]>>4], digits[b[i]&15])
		}
		return Str(out), nil
	})
	method(BytesClass, "startswith", func(t *Thread, self Value, args Args) (Value, error) {
		if len(args.Pos) != 1 {
			return nil, Errorf(TypeErrorClass, "startswith() takes exactly one argument")
		}
		p, ok := args.Pos[0].(Bytes)
		if !ok {
			return nil, Errorf(TypeErrorClass, "startswith first arg must be bytes or a tuple of bytes, not %s", typeName(args.Pos[0]))
		}
		return Bool(strings.HasPrefix(string(self.(Bytes)), string(p))), nil
	})
}

// sliceBounds resolves optional start/end arguments like str.find's.
func sliceBounds(t *Thread, n int, start, end Value) (int, int, error) {
	s := &Slice{Start: start, Stop: end, Step: None}
	lo, hi, _, _, err := s.indices(t, int64(n))
	if hi < lo {
		hi = lo
	}
	return int(lo), int(hi), err
}

func strSplit(s string, sep Value, max int64, right bool) (Value, error) {
	var parts []string
	if sep == None {
		fields := strings.FieldsFunc(s, unicode.IsSpace)
		if max < 0 || int(max) >= len(fields) {
			parts = fields
		} else if !right {
			rest := strings.TrimLeftFunc(s, unicode.IsSpace)
			for i := int64(0); i < max && rest != ""; i++ {
				j := strings.IndexFunc(rest, unicode.IsSpace)
				if j < 0 {
					break
				}
				parts = append(parts, rest[:j])
				rest = strings.TrimLeftFunc(rest[j:], unicode.IsSpace)
			}
			if rest != "" {
				parts = append(parts, rest)
			}
		} else {
			rest := strings.TrimRightFunc(s, unicode.IsSpace)
			var rev []string
			for i := int64(0); i < max && rest != ""; i++ {
				j := strings.LastIndexFunc(rest, unicode.IsSpace)
				if j < 0 {
					break
				}
				rev = append(rev, rest[j+1:])
				rest = strings.TrimRightFunc(rest[:j], unicode.IsSpace)
			}
			if rest != "" {
				rev = append(rev, rest)
			}
			for i := len(rev) - 1; i >= 0; i-- {
				parts = append(parts, rev[i])
			}
		}
	} else {
		ss, ok := sep.(Str)
		if !ok {
			return nil, Errorf(TypeErrorClass, "must be str or None, not %s", typeName(sep))
		}
		if ss == "" {
			return nil, Errorf(ValueErrorClass, "empty separator")
		}
		if max < 0 {
			parts = strings.Split(s, string(ss))
		} else if !right {
			parts = strings.SplitN(s, string(ss), int(max)+1)
		} else {
			all := strings.Split(s, string(ss))
			if int(max)+1 >= len(all) {
				parts = all
			} else {
				k := len(all) - int(max)
				parts = append([]string{strings.Join(all[:k], string(ss))}, all[k:]...)
			}
		}
	}
	out := make([]Value, len(parts))
	for i, p := range parts {
		out[i] = Str(p)
	}
	return NewList(out), nil
}
