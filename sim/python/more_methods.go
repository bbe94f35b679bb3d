package python

import (
	"math"
	"math/big"
	"strings"
	"unicode"

	"github.com/ckptlab/ckptlab/sim/python/pyrandom"
)

// builtinDunders are the operator methods builtin types expose as
// attributes ([].__len__, (1).__add__): each calls the generic operation.
var builtinDunders map[string]func(t *Thread, self Value, args []Value) (Value, error)

func initDunders() {
	builtinDunders = map[string]func(t *Thread, self Value, args []Value) (Value, error){
		"__len__": func(t *Thread, self Value, args []Value) (Value, error) {
			n, err := Len(t, self)
			return Int(n), err
		},
		"__getitem__": func(t *Thread, self Value, args []Value) (Value, error) { return GetItem(t, self, args[0]) },
		"__setitem__": func(t *Thread, self Value, args []Value) (Value, error) {
			return None, SetItem(t, self, args[0], args[1])
		},
		"__delitem__": func(t *Thread, self Value, args []Value) (Value, error) { return None, DelItem(t, self, args[0]) },
		"__contains__": func(t *Thread, self Value, args []Value) (Value, error) {
			r, err := Contains(t, self, args[0])
			return Bool(r), err
		},
		"__iter__": func(t *Thread, self Value, args []Value) (Value, error) { return Iter(t, self) },
		"__repr__": func(t *Thread, self Value, args []Value) (Value, error) {
			s, err := Repr(t, self)
			return Str(s), err
		},
		"__str__": func(t *Thread, self Value, args []Value) (Value, error) {
			s, err := ToStr(t, self)
			return Str(s), err
		},
		"__bool__": func(t *Thread, self Value, args []Value) (Value, error) {
			b, err := Truth(t, self)
			return Bool(b), err
		},
		"__hash__": func(t *Thread, self Value, args []Value) (Value, error) {
			h, err := Hash(t, self)
			return Int(h), err
		},
		"__neg__": func(t *Thread, self Value, args []Value) (Value, error) { return Unary(t, "-", self) },
		"__abs__": func(t *Thread, self Value, args []Value) (Value, error) {
			return Call(t, mustBuiltin("abs"), PosArgs(self))
		},
	}
	for i, name := range opMethods {
		op := Op(i)
		if op >= Eq {
			builtinDunders["__"+name+"__"] = func(t *Thread, self Value, args []Value) (Value, error) {
				return Compare(t, op, self, args[0])
			}
			continue
		}
		builtinDunders["__"+name+"__"] = func(t *Thread, self Value, args []Value) (Value, error) {
			r, err := Binary(t, op, self, args[0])
			if err != nil && isException(err, TypeErrorClass) {
				return NotImplemented, nil
			}
			return r, err
		}
		builtinDunders["__r"+name+"__"] = func(t *Thread, self Value, args []Value) (Value, error) {
			r, err := Binary(t, op, args[0], self)
			if err != nil && isException(err, TypeErrorClass) {
				return NotImplemented, nil
			}
			return r, err
		}
	}
}

func mustBuiltin(name string) Value {
	v, _ := builtins.GetStr(name)
	return v
}

// builtinDunder returns the bound operator method of a builtin value, or nil.
func builtinDunder(v Value, name string) Value {
	if !v.Type().isBuiltin {
		return nil
	}
	fn, ok := builtinDunders[name]
	if !ok {
		return nil
	}
	switch name {
	case "__len__", "__getitem__", "__contains__", "__iter__":
		switch v.(type) {
		case *List, Tuple, Str, *Dict, *Set, *Range, Bytes:
		default:
			return nil
		}
	case "__setitem__", "__delitem__":
		switch v.(type) {
		case *List, *Dict:
		default:
			return nil
		}
	}
	if strings.HasPrefix(name, "__r") || name == "__neg__" || name == "__abs__" || opMethodName(name) {
		switch v.(type) {
		case Int, Float, Bool, *BigInt, Str, *List, Tuple, *Set, *Dict:
		default:
			return nil
		}
	}
	return &Builtin{Name: name, Owner: v.Type(), Self: v, Fn: func(t *Thread, self Value, args Args) (Value, error) {
		return fn(t, self, args.Pos)
	}}
}

func opMethodName(name string) bool {
	for _, m := range opMethods {
		if name == "__"+m+"__" {
			return true
		}
	}
	return false
}

func initMoreMethods() {
	initDunders()
	method(StrClass, "istitle", func(t *Thread, self Value, args Args) (Value, error) {
		s := string(self.(Str))
		cased, prevCased := false, false
		for _, r := range s {
			switch {
			case unicode.IsUpper(r) || unicode.IsTitle(r):
				if prevCased {
					return False, nil
				}
				prevCased, cased = true, true
			case unicode.IsLower(r):
				if !prevCased {
					return False, nil
				}
				prevCased, cased = true, true
			default:
				prevCased = false
			}
		}
		return Bool(cased), nil
	})
	method(StrClass, "expandtabs", func(t *Thread, self Value, args Args) (Value, error) {
		var size int64 = 8
		if err := UnpackArgs("expandtabs", args, "tabsize?", &size); err != nil {
			return nil, err
		}
		var b strings.Builder
		col := 0
		for _, r := range string(self.(Str)) {
			switch r {
			case '\t':
				if size > 0 {
					n := int(size) - col%int(size)
					b.WriteString(strings.Repeat(" ", n))
					col += n
				}
			case '\n', '\r':
				b.WriteRune(r)
				col = 0
			default:
				b.WriteRune(r)
				col++
			}
		}
		return Str(b.String()), nil
	})
	method(StrClass, "isdecimal", func(t *Thread, self Value, args Args) (Value, error) {
		s := string(self.(Str))
		if s == "" {
			return False, nil
		}
		for _, r := range s {
			if !unicode.Is(unicode.Nd, r) {
				return False, nil
			}
		}
		return True, nil
	})
	method(StrClass, "isidentifier", func(t *Thread, self Value, args Args) (Value, error) {
		s := string(self.(Str))
		if s == "" {
			return False, nil
		}
		for i, r := range s {
			if !(r == '_' || unicode.IsLetter(r) || i > 0 && unicode.IsDigit(r)) {
				return False, nil
			}
		}
		return True, nil
	})
	method(StrClass, "upper", func(t *Thread, self Value, args Args) (Value, error) {
		return Str(strings.ReplaceAll(strings.ToUpper(string(self.(Str))), "ß", "SS")), nil
	})
	method(StrClass, "casefold", func(t *Thread, self Value, args Args) (Value, error) {
		return Str(strings.ReplaceAll(strings.ToLower(string(self.(Str))), "ß", "ss")), nil
	})
	method(RangeClass, "count", func(t *Thread, self Value, args Args) (Value, error) {
		if len(args.Pos) != 1 {
			return nil, Errorf(TypeErrorClass, "range.count() takes exactly one argument (%d given)", len(args.Pos))
		}
		in, err := Contains(t, self, args.Pos[0])
		if in {
			return Int(1), err
		}
		return Int(0), err
	})
	IntClass.SetClassMethod("from_bytes", func(t *Thread, cls *Class, args Args) (Value, error) {
		var b Value
		order := "big"
		signed := false
		if err := UnpackArgs("from_bytes", args, "bytes", &b, "byteorder?", &order, "*", "signed?", &signed); err != nil {
			return nil, err
		}
		var data []byte
		switch x := b.(type) {
		case Bytes:
			data = []byte(x)
		case *ByteArray:
			data = append([]byte(nil), x.B...)
		default:
			items, err := ToSlice(t, b)
			if err != nil {
				return nil, err
			}
			for _, it := range items {
				n, _ := AsInt64(it)
				data = append(data, byte(n))
			}
		}
		if order == "little" {
			for i, j := 0, len(data)-1; i < j; i, j = i+1, j-1 {
				data[i], data[j] = data[j], data[i]
			}
		}
		n := new(big.Int).SetBytes(data)
		if signed && len(data) > 0 && data[0]&0x80 != 0 {
			n.Sub(n, new(big.Int).Lsh(big.NewInt(1), uint(8*len(data))))
		}
		return MakeInt(n), nil
	})
	// bytes
	method(BytesClass, "upper", func(t *Thread, self Value, args Args) (Value, error) {
		return Bytes(strings.ToUpper(string(self.(Bytes)))), nil
	})
	method(BytesClass, "lower", func(t *Thread, self Value, args Args) (Value, error) {
		return Bytes(strings.ToLower(string(self.(Bytes)))), nil
	})
	method(BytesClass, "split", func(t *Thread, self Value, args Args) (Value, error) {
		var sep Value = None
		if err := UnpackArgs("split", args, "sep?", &sep); err != nil {
			return nil, err
		}
		var parts []string
		if sep == None {
			parts = strings.Fields(string(self.(Bytes)))
		} else {
			s, ok := sep.(Bytes)
			if !ok {
				return nil, Errorf(TypeErrorClass, "a bytes-like object is required, not '%s'", typeName(sep))
			}
			parts = strings.Split(string(self.(Bytes)), string(s))
		}
		out := make([]Value, len(parts))
		for i, p := range parts {
			out[i] = Bytes(p)
		}
		return NewList(out), nil
	})
	method(BytesClass, "endswith", func(t *Thread, self Value, args Args) (Value, error) {
		if len(args.Pos) != 1 {
			return nil, Errorf(TypeErrorClass, "endswith() takes exactly one argument")
		}
		p, ok := args.Pos[0].(Bytes)
		if !ok {
			return nil, Errorf(TypeErrorClass, "endswith first arg must be bytes or a tuple of bytes, not %s", typeName(args.Pos[0]))
		}
		return Bool(strings.HasSuffix(string(self.(Bytes)), string(p))), nil
	})
	BytesClass.SetClassMethod("fromhex", func(t *Thread, cls *Class, args Args) (Value, error) {
		var s string
		if err := UnpackArgs("fromhex", args, "string", &s); err != nil {
			return nil, err
		}
		s = strings.ReplaceAll(s, " ", "")
		if len(s)%2 != 0 {
			return nil, Errorf(ValueErrorClass, "non-hexadecimal number found in fromhex() arg at position %d", len(s))
		}
		out := make([]byte, len(s)/2)
		for i := range out {
			var v byte
			for _, c := range s[2*i : 2*i+2] {
				d := strings.IndexRune("0123456789abcdef", unicode.ToLower(c))
				if d < 0 {
					return nil, Errorf(ValueErrorClass, "non-hexadecimal number found in fromhex() arg at position %d", 2*i)
				}
				v = v*16 + byte(d)
			}
			out[i] = v
		}
		return Bytes(out), nil
	})
	initByteArray()
	// dict views as sets
	for _, vc := range []*Class{DictKeysClass, DictItemsClass} {
		for name, op := range map[string]Op{"__and__": And, "__or__": Or, "__sub__": Sub, "__xor__": Xor} {
			op := op
			method(vc, name, func(t *Thread, self Value, args Args) (Value, error) {
				a, b := &Set{}, &Set{}
				for _, e := range self.(*dictView).elems() {
					if err := a.Add(t, e); err != nil {
						return nil, err
					}
				}
				if err := Iterate(t, args.Pos[0], func(v Value) error { return b.Add(t, v) }); err != nil {
					return nil, err
				}
				return setBinary(t, op, a, b)
			})
		}
	}
	method(DictClass, "__ior__", func(t *Thread, self Value, args Args) (Value, error) {
		if err := dictUpdate(t, self.(*Dict), args.Pos[0], ""); err != nil {
			return nil, err
		}
		return self, nil
	})
	method(DictClass, "__or__", func(t *Thread, self Value, args Args) (Value, error) {
		o, ok := args.Pos[0].(*Dict)
		if !ok {
			return NotImplemented, nil
		}
		r := self.(*Dict).Copy()
		return r, dictUpdate(t, r, o, "")
	})
	method(SetClass, "__ior__", func(t *Thread, self Value, args Args) (Value, error) {
		s := self.(*Set)
		o, ok := args.Pos[0].(*Set)
		if !ok {
			return NotImplemented, nil
		}
		for _, e := range o.Elems() {
			s.Add(t, e)
		}
		return s, nil
	})
}

// ByteArray is a Python bytearray.
type ByteArray struct{ B []byte }

var ByteArrayClass *Class

func (*ByteArray) Type() *Class { return ByteArrayClass }

func initByteArray() {
	ByteArrayClass = NewClass("bytearray")
	ByteArrayClass.New = func(t *Thread, cls *Class, args Args) (Value, error) {
		b, err := BytesClass.New(t, BytesClass, args)
		if err != nil {
			return nil, err
		}
		return &ByteArray{B: []byte(b.(Bytes))}, nil
	}
	method(ByteArrayClass, "__repr__", func(t *Thread, self Value, args Args) (Value, error) {
		return Str("bytearray(" + bytesRepr(string(self.(*ByteArray).B)) + ")"), nil
	})
	method(ByteArrayClass, "__len__", func(t *Thread, self Value, args Args) (Value, error) {
		return Int(len(self.(*ByteArray).B)), nil
	})
	method(ByteArrayClass, "__getitem__", func(t *Thread, self Value, args Args) (Value, error) {
		r, err := GetItem(t, Bytes(self.(*ByteArray).B), args.Pos[0])
		if b, ok := r.(Bytes); ok {
			return &ByteArray{B: []byte(b)}, err
		}
		return r, err
	})
	method(ByteArrayClass, "__setitem__", func(t *Thread, self Value, args Args) (Value, error) {
		b := self.(*ByteArray)
		i, ok := AsInt64(args.Pos[0])
		if !ok {
			return nil, Errorf(TypeErrorClass, "bytearray indices must be integers or slices, not %s", typeName(args.Pos[0]))
		}
		if i < 0 {
			i += int64(len(b.B))
		}
		if i < 0 || i >= int64(len(b.B)) {
			return nil, Errorf(IndexErrorClass, "bytearray index out of range")
		}
		v, ok := AsInt64(args.Pos[1])
		if !ok || v < 0 || v > 255 {
			return nil, Errorf(ValueErrorClass, "byte must be in range(0, 256)")
		}
		b.B[i] = byte(v)
		return None, nil
	})
	method(ByteArrayClass, "__iter__", func(t *Thread, self Value, args Args) (Value, error) {
		return &seqIterator{bytes: string(self.(*ByteArray).B)}, nil
	})
	method(ByteArrayClass, "extend", func(t *Thread, self Value, args Args) (Value, error) {
		b := self.(*ByteArray)
		switch x := args.Pos[0].(type) {
		case Bytes:
			b.B = append(b.B, x...)
		case *ByteArray:
			b.B = append(b.B, x.B...)
		default:
			items, err := ToSlice(t, x)
			if err != nil {
				return nil, err
			}
			for _, it := range items {
				v, _ := AsInt64(it)
				b.B = append(b.B, byte(v))
			}
		}
		return None, nil
	})
	method(ByteArrayClass, "append", func(t *Thread, self Value, args Args) (Value, error) {
		v, ok := AsInt64(args.Pos[0])
		if !ok || v < 0 || v > 255 {
			return nil, Errorf(ValueErrorClass, "byte must be in range(0, 256)")
		}
		b := self.(*ByteArray)
		b.B = append(b.B, byte(v))
		return None, nil
	})
	method(ByteArrayClass, "__eq__", func(t *Thread, self Value, args Args) (Value, error) {
		switch o := args.Pos[0].(type) {
		case Bytes:
			return Bool(string(self.(*ByteArray).B) == string(o)), nil
		case *ByteArray:
			return Bool(string(self.(*ByteArray).B) == string(o.B)), nil
		}
		return NotImplemented, nil
	})
	ByteArrayClass.Set("__hash__", None)
	ByteArrayClass.Freeze()
	builtins.SetStr("bytearray", ByteArrayClass)
}

// ---- math additions ----

func initMoreMath(m *Module) {
	setFunc(m, "isqrt", func(t *Thread, args Args) (Value, error) {
		if len(args.Pos) != 1 {
			return nil, Errorf(TypeErrorClass, "math.isqrt() takes exactly one argument (%d given)", len(args.Pos))
		}
		if !isIntLike(args.Pos[0]) {
			return nil, Errorf(TypeErrorClass, "'%s' object cannot be interpreted as an integer", typeName(args.Pos[0]))
		}
		n := toBig(args.Pos[0])
		if n.Sign() < 0 {
			return nil, Errorf(ValueErrorClass, "isqrt() argument must be nonnegative")
		}
		return MakeInt(new(big.Int).Sqrt(n)), nil
	})
	setFunc(m, "comb", func(t *Thread, args Args) (Value, error) {
		var n, k int64
		if err := UnpackArgs("comb", args, "n", &n, "k", &k); err != nil {
			return nil, err
		}
		if n < 0 || k < 0 {
			return nil, Errorf(ValueErrorClass, "%s must be a non-negative integer", map[bool]string{true: "n", false: "k"}[n < 0])
		}
		if k > n {
			return Int(0), nil
		}
		return MakeInt(new(big.Int).Binomial(n, k)), nil
	})
	setFunc(m, "perm", func(t *Thread, args Args) (Value, error) {
		var n int64
		var kv Value = None
		if err := UnpackArgs("perm", args, "n", &n, "k?", &kv); err != nil {
			return nil, err
		}
		k := n
		if kv != None {
			k, _ = AsInt64(kv)
		}
		if k > n {
			return Int(0), nil
		}
		return MakeInt(new(big.Int).MulRange(n-k+1, n)), nil
	})
	setFunc(m, "lgamma", func(t *Thread, args Args) (Value, error) {
		x, err := floatArg("lgamma", args.Pos[0])
		if err != nil {
			return nil, err
		}
		r, _ := math.Lgamma(x)
		return Float(r), nil
	})
	setFunc(m, "modf", func(t *Thread, args Args) (Value, error) {
		x, err := floatArg("modf", args.Pos[0])
		if err != nil {
			return nil, err
		}
		i, f := math.Modf(x)
		return Tuple{Float(f), Float(i)}, nil
	})
	setFunc(m, "frexp", func(t *Thread, args Args) (Value, error) {
		x, err := floatArg("frexp", args.Pos[0])
		if err != nil {
			return nil, err
		}
		f, e := math.Frexp(x)
		return Tuple{Float(f), Int(e)}, nil
	})
	setFunc(m, "ldexp", func(t *Thread, args Args) (Value, error) {
		if err := exactArgs("ldexp", args, 2); err != nil {
			return nil, err
		}
		x, err := floatArg("ldexp", args.Pos[0])
		if err != nil {
			return nil, err
		}
		e, ok := AsInt64(args.Pos[1])
		if !ok {
			return nil, Errorf(TypeErrorClass, "Expected an int as second argument to ldexp.")
		}
		return Float(math.Ldexp(x, int(e))), nil
	})
	setFunc(m, "fmod", func(t *Thread, args Args) (Value, error) {
		if err := exactArgs("fmod", args, 2); err != nil {
			return nil, err
		}
		x, err := floatArg("fmod", args.Pos[0])
		if err != nil {
			return nil, err
		}
		y, err := floatArg("fmod", args.Pos[1])
		if err != nil {
			return nil, err
		}
		if y == 0 {
			return nil, Errorf(ValueErrorClass, "math domain error")
		}
		return Float(math.Mod(x, y)), nil
	})
	setFunc(m, "dist", func(t *Thread, args Args) (Value, error) {
		if err := exactArgs("dist", args, 2); err != nil {
			return nil, err
		}
		p, err := ToSlice(t, args.Pos[0])
		if err != nil {
			return nil, err
		}
		q, err := ToSlice(t, args.Pos[1])
		if err != nil {
			return nil, err
		}
		if len(p) != len(q) {
			return nil, Errorf(ValueErrorClass, "both points must have the same number of dimensions")
		}
		acc := 0.0
		for i := range p {
			a, err := floatArg("dist", p[i])
			if err != nil {
				return nil, err
			}
			b, err := floatArg("dist", q[i])
			if err != nil {
				return nil, err
			}
			acc = math.Hypot(acc, a-b)
		}
		return Float(acc), nil
	})
	setFunc(m, "lcm", func(t *Thread, args Args) (Value, error) {
		acc := big.NewInt(1)
		for _, a := range args.Pos {
			b := new(big.Int).Abs(toBig(a))
			if b.Sign() == 0 {
				return Int(0), nil
			}
			g := new(big.Int).GCD(nil, nil, acc, b)
			acc.Mul(acc, b).Div(acc, g)
		}
		return MakeInt(acc), nil
	})
	setFunc(m, "erfc", func(t *Thread, args Args) (Value, error) {
		x, err := floatArg("erfc", args.Pos[0])
		if err != nil {
			return nil, err
		}
		return Float(math.Erfc(x)), nil
	})
}

// ---- random additions ----

// randomObj is a random.Random instance with its own generator.
type randomObj struct{ r *pyrandom.Random }

var randomClass *Class

func (*randomObj) Type() *Class { return randomClass }

func initMoreRandom(t *Thread, m *Module) {
	setFunc(m, "getstate", func(t *Thread, args Args) (Value, error) {
		return stateValue(rngOf(t).GetState()), nil
	})
	setFunc(m, "setstate", func(t *Thread, args Args) (Value, error) {
		if len(args.Pos) != 1 {
			return nil, Errorf(TypeErrorClass, "setstate() missing 1 required positional argument: 'state'")
		}
		st, err := stateFromValue(args.Pos[0])
		if err != nil {
			return nil, err
		}
		return None, randErr(rngOf(t).SetState(st))
	})
	m.Set("Random", randomClass)
}

func stateValue(s pyrandom.State) Value {
	words := make(Tuple, len(s.MT)+1)
	for i, w := range s.MT {
		words[i] = Int(w)
	}
	words[len(s.MT)] = Int(s.Index)
	var gauss Value = None
	if s.GaussNext != nil {
		gauss = Float(*s.GaussNext)
	}
	return Tuple{Int(pyrandom.Version), words, gauss}
}

func stateFromValue(v Value) (pyrandom.State, error) {
	var s pyrandom.State
	tu, ok := v.(Tuple)
	if !ok || len(tu) != 3 {
		return s, Errorf(TypeErrorClass, "state vector must be a tuple")
	}
	words, ok := tu[1].(Tuple)
	if !ok || len(words) != 625 {
		return s, Errorf(ValueErrorClass, "state vector is the wrong size")
	}
	for i := 0; i < 624; i++ {
		n, _ := AsInt64(words[i])
		s.MT[i] = uint32(n)
	}
	pos, _ := AsInt64(words[624])
	s.Index = int(pos)
	if g, ok := tu[2].(Float); ok {
		f := float64(g)
		s.GaussNext = &f
	}
	return s, nil
}

func initRandomClass() {
	randomClass = NewClass("Random")
	randomClass.Module = "random"
	randomClass.New = func(t *Thread, cls *Class, args Args) (Value, error) {
		r := &randomObj{r: pyrandom.New()}
		if len(args.Pos) > 0 {
			if err := seedRandom(r.r, args.Pos[0]); err != nil {
				return nil, err
			}
		}
		return r, nil
	}
	// Each module-level function works on the thread's generator; the
	// class's methods swap in the instance's generator and call them.
	for _, name := range []string{"random", "seed", "uniform", "gauss", "normalvariate", "randint", "randrange", "choice", "shuffle", "sample", "choices", "getrandbits", "getstate", "setstate"} {
		name := name
		randomClass.SetMethod(name, func(t *Thread, self Value, args Args) (Value, error) {
			m, err := t.Import("random")
			if err != nil {
				return nil, err
			}
			fn, _ := m.Get(name)
			saved := t.Local("random.rng")
			t.SetLocal("random.rng", self.(*randomObj).r)
			defer t.SetLocal("random.rng", saved)
			return Call(t, fn, args)
		})
	}
	randomClass.Freeze()
}

func seedRandom(r *pyrandom.Random, a Value) error {
	switch x := a.(type) {
	case NoneType:
		r.SeedInt(big.NewInt(0))
	case Int, Bool, *BigInt:
		r.SeedInt(toBig(x))
	case Float:
		r.SeedFloat(float64(x))
	case Str:
		r.SeedBytes([]byte(x))
	case Bytes:
		r.SeedBytes([]byte(x))
	default:
		return Errorf(TypeErrorClass, "The only supported seed types are: None,\nint, float, str, bytes, and bytearray.")
	}
	return nil
}

// maxStrDigits is CPython's default limit on int<->str conversion.
const maxStrDigits = 4300

func checkStrDigits(b *big.Int) error {
	if b.BitLen() < 14000 {
		return nil
	}
	n := len(new(big.Int).Abs(b).String())
	if n > maxStrDigits {
		return Errorf(ValueErrorClass, "Exceeds the limit (%d digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit", maxStrDigits)
	}
	return nil
}
