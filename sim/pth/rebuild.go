package pth

import (
	"strings"
)

// callAllowed performs what calling an allow-listed global means, on the
// value tree: building a tensor, an OrderedDict, a torch.Size...
func (u *unpickler) callAllowed(name string, args Tuple) (Value, error) {
	switch name {
	case "torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_tensor":
		if len(args) < 4 {
			return nil, argCount(name, args)
		}
		t, err := u.rebuildTensor(args)
		if err != nil {
			return nil, err
		}
		if name == "torch._utils._rebuild_tensor_v2" && len(args) >= 5 {
			rg, ok := args[4].(Bool)
			if !ok {
				return nil, badArg(name, "requires_grad", args[4])
			}
			t.RequiresGrad = bool(rg)
		}
		return t, nil
	case "torch._utils._rebuild_tensor_v3":
		// (storage, offset, size, stride, requires_grad, hooks, dtype[, metadata])
		// over an untyped storage: the dtype comes last.
		if len(args) < 7 {
			return nil, argCount(name, args)
		}
		dt, ok := args[6].(DType)
		if !ok {
			if f, isFn := args[6].(fn); isFn && isForeignDType(f.name) {
				return nil, unsupportedHere("tensors of dtype " + f.name)
			}
			return nil, badArg(name, "dtype", args[6])
		}
		st, ok := args[0].(*Storage)
		if !ok {
			return nil, badArg(name, "storage", args[0])
		}
		if st.DType != dt {
			if st.DType != UInt8 || len(st.Data)%dt.ItemSize() != 0 {
				return nil, formatErrorf("storage viewed as both %s and %s", st.DType, dt)
			}
			st.DType = dt
		}
		t, err := u.rebuildTensor(args)
		if err != nil {
			return nil, err
		}
		rg, ok := args[4].(Bool)
		if !ok {
			return nil, badArg(name, "requires_grad", args[4])
		}
		t.RequiresGrad = bool(rg)
		return t, nil
	case "torch._utils._rebuild_parameter", "torch._utils._rebuild_parameter_with_state":
		if len(args) < 2 {
			return nil, argCount(name, args)
		}
		return u.newParameter(args[:2])
	case "torch._tensor._rebuild_from_type_v2":
		// (func, type, args, state): tensors with Python attributes or of a
		// subclass. Only plain Tensor and Parameter are rebuilt.
		if len(args) != 4 {
			return nil, argCount(name, args)
		}
		f, ok1 := args[0].(fn)
		inner, ok2 := args[2].(Tuple)
		if !ok1 || !ok2 {
			return nil, badArg(name, "func", args[0])
		}
		v, err := u.callAllowed(f.name, inner)
		if err != nil {
			return nil, err
		}
		if cls, ok := args[1].(fn); ok && cls.name == "torch.nn.parameter.Parameter" {
			if t, ok := v.(*Tensor); ok {
				t.Parameter = true
			}
		} else if !ok || cls.name != "torch.Tensor" {
			return nil, unsupportedHere("a tensor subclass " + pyStr(args[1]))
		}
		return v, nil
	case "collections.OrderedDict", "collections.Counter":
		kind := OrderedDict
		if name == "collections.Counter" {
			kind = CounterDict
		}
		d := u.nodes().NewDict(kind, 0)
		if len(args) == 0 {
			return d, nil
		}
		if len(args) == 1 {
			if src, ok := args[0].(*Dict); ok {
				for i := 0; i < src.Len(); i++ {
					if err := d.Set(src.Key(i), src.Val(i)); err != nil {
						return nil, &FormatError{Exception: "TypeError", Msg: err.Error()}
					}
				}
				return d, nil
			}
			if l, ok := args[0].(*List); ok {
				for _, it := range l.Items {
					pair, ok := it.(Tuple)
					if !ok || len(pair) != 2 {
						return nil, badArg(name, "items", it)
					}
					if err := d.Set(pair[0], pair[1]); err != nil {
						return nil, &FormatError{Exception: "TypeError", Msg: err.Error()}
					}
				}
				return d, nil
			}
		}
		return nil, argCount(name, args)
	case "torch.Size":
		if len(args) != 1 {
			return nil, argCount(name, args)
		}
		dims, ok := args[0].(Tuple)
		if !ok {
			return nil, badArg(name, "sizes", args[0])
		}
		s := make(Size, len(dims))
		for i, d := range dims {
			n, ok := d.(Int)
			if !ok {
				return nil, badArg(name, "size", d)
			}
			s[i] = int64(n)
		}
		return s, nil
	case "torch.device":
		return newDevice(args)
	case "_codecs.encode":
		if len(args) != 2 {
			return nil, argCount(name, args)
		}
		s, ok1 := args[0].(Str)
		enc, ok2 := args[1].(Str)
		if !ok1 || !ok2 {
			return nil, badArg(name, "text", args[0])
		}
		return encodeText(string(s), string(enc))
	case "builtins.bytearray":
		switch len(args) {
		case 0:
			return Bytes{}, nil
		case 1:
			if b, ok := args[0].(Bytes); ok {
				return b, nil
			}
		case 2:
			s, ok1 := args[0].(Str)
			enc, ok2 := args[1].(Str)
			if ok1 && ok2 {
				return encodeText(string(s), string(enc))
			}
		}
		return nil, argCount(name, args)
	case "builtins.set":
		s := &Set{}
		if len(args) == 0 {
			return s, nil
		}
		if l, ok := args[0].(*List); ok && len(args) == 1 {
			s.Items = append(s.Items, l.Items...)
			return s, nil
		}
		return nil, argCount(name, args)
	}
	return nil, unsupportedHere(name)
}

// rebuildTensor handles the common head of the _rebuild_tensor* arguments:
// (storage, storage_offset, size, stride).
func (u *unpickler) rebuildTensor(args Tuple) (*Tensor, error) {
	st, ok := args[0].(*Storage)
	if !ok {
		return nil, badArg("_rebuild_tensor", "storage", args[0])
	}
	off, ok := args[1].(Int)
	if !ok {
		return nil, badArg("_rebuild_tensor", "storage_offset", args[1])
	}
	// shape and strides share one array
	dims, err := appendInts(u.nodes().int64s(intsLen(args[2]) + intsLen(args[3]))[:0], args[2])
	if err != nil {
		return nil, err
	}
	n := len(dims)
	if dims, err = appendInts(dims, args[3]); err != nil {
		return nil, err
	}
	t := u.nodes().NewTensor(0)
	t.Storage, t.Offset, t.Shape, t.Strides = st, int64(off), dims[:n:n], dims[n:]
	if err := checkView(t, u.storageBytes(st)); err != nil {
		return nil, err
	}
	return t, nil
}

// intsLen is the length of the ints appendInts would append for v.
func intsLen(v Value) int {
	switch x := v.(type) {
	case Tuple:
		return len(x)
	case Size:
		return len(x)
	case *List:
		return len(x.Items)
	}
	return 0
}

// appendInts appends the ints of a size or stride argument to out.
func appendInts(out []int64, v Value) ([]int64, error) {
	var items []Value
	switch x := v.(type) {
	case Tuple:
		items = x
	case Size:
		return append(out, x...), nil
	case *List:
		items = x.Items
	default:
		return nil, badArg("_rebuild_tensor", "size", v)
	}
	for _, e := range items {
		n, ok := e.(Int)
		if !ok {
			return nil, badArg("_rebuild_tensor", "size", e)
		}
		out = append(out, int64(n))
	}
	return out, nil
}

// newParameter is torch.nn.Parameter(data, requires_grad).
func (u *unpickler) newParameter(args Tuple) (Value, error) {
	if len(args) == 0 {
		return nil, unsupportedHere("an empty nn.Parameter()")
	}
	data, ok := args[0].(*Tensor)
	if !ok {
		return nil, badArg("Parameter", "data", args[0])
	}
	rg := true
	if len(args) > 1 {
		b, ok := args[1].(Bool)
		if !ok {
			return nil, badArg("Parameter", "requires_grad", args[1])
		}
		rg = bool(b)
	}
	p := u.nodes().NewTensor(0)
	*p = *data
	p.Parameter = true
	p.RequiresGrad = rg
	return p, nil
}

func newDevice(args Tuple) (Value, error) {
	if len(args) == 0 || len(args) > 2 {
		return nil, argCount("torch.device", args)
	}
	s, ok := args[0].(Str)
	if !ok {
		return nil, badArg("torch.device", "type", args[0])
	}
	d, err := ParseDevice(string(s))
	if err != nil {
		return nil, err
	}
	if len(args) == 2 {
		i, ok := args[1].(Int)
		if !ok || i < 0 || d.Index >= 0 {
			return nil, badArg("torch.device", "index", args[1])
		}
		d.Index = int(i)
	}
	return d, nil
}

// ParseDevice parses a device string as torch.device does: "cpu", "cuda",
// "cuda:1".
func ParseDevice(s string) (Device, error) {
	typ, idx, hasIdx := strings.Cut(s, ":")
	switch typ {
	case "cpu", "cuda", "meta", "mps", "xpu":
	default:
		return Device{}, formatErrorf("Expected one of cpu, cuda, ipu, xpu, mkldnn, opengl, opencl, ideep, hip, ve, fpga, maia, xla, lazy, vulkan, mps, meta, hpu, mtia, privateuseone device type at start of device string: %s", s)
	}
	d := Device{Type: typ, Index: -1}
	if hasIdx {
		n := 0
		if idx == "" || len(idx) > 6 {
			return Device{}, formatErrorf("Invalid device string: '%s'", s)
		}
		for _, c := range idx {
			if c < '0' || c > '9' {
				return Device{}, formatErrorf("Invalid device string: '%s'", s)
			}
			n = n*10 + int(c-'0')
		}
		d.Index = n
	}
	return d, nil
}

func encodeText(s, enc string) (Value, error) {
	switch strings.ToLower(strings.ReplaceAll(enc, "-", "")) {
	case "latin1", "iso88591":
		b := make([]byte, 0, len(s))
		for _, r := range s {
			if r > 0xff {
				return nil, &FormatError{Exception: "UnicodeEncodeError", Msg: "'latin-1' codec can't encode character"}
			}
			b = append(b, byte(r))
		}
		return Bytes(b), nil
	case "utf8":
		return Bytes(s), nil
	case "ascii":
		for _, r := range s {
			if r > 0x7f {
				return nil, &FormatError{Exception: "UnicodeEncodeError", Msg: "'ascii' codec can't encode character"}
			}
		}
		return Bytes(s), nil
	}
	return nil, formatErrorf("unknown encoding: %s", enc)
}

func argCount(name string, args Tuple) error {
	return formatErrorf("%s called with %d arguments, which this checkpoint should not need", name, len(args))
}

func badArg(name, what string, v Value) error {
	return formatErrorf("%s: invalid %s of type %s in checkpoint", name, what, TypeName(v))
}
