package python

import (
	"path"
	"sort"
	"strings"
)

// pathObj is a pathlib.PosixPath over the run's workspace.
type pathObj struct{ p string }

var pathClass *Class

func (*pathObj) Type() *Class { return pathClass }

// normPath normalises like PurePosixPath: empty and "." parts vanish,
// repeated slashes collapse, ".." stays.
func normPath(s string) string {
	abs := strings.HasPrefix(s, "/")
	var parts []string
	for _, p := range strings.Split(s, "/") {
		if p == "" || p == "." {
			continue
		}
		parts = append(parts, p)
	}
	j := strings.Join(parts, "/")
	if abs {
		return "/" + j
	}
	if j == "" {
		return "."
	}
	return j
}

// FSPath converts a str or an os.PathLike (pathlib.Path or anything with
// __fspath__) to a path string, as os functions and open() do.
func FSPath(t *Thread, v Value) (string, bool, error) {
	switch x := v.(type) {
	case Str:
		return string(x), true, nil
	case Bytes:
		return string(x), true, nil
	case *pathObj:
		return x.p, true, nil
	}
	if v.Type().Lookup("__fspath__") != nil {
		r, _, err := callSpecial(t, v, "__fspath__")
		if err != nil {
			return "", true, err
		}
		if s, ok := r.(Str); ok {
			return string(s), true, nil
		}
	}
	return "", false, nil
}

func newPath(t *Thread, args []Value) (*pathObj, error) {
	out := ""
	for _, a := range args {
		s, ok, err := FSPath(t, a)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, Errorf(TypeErrorClass, "argument should be a str or an os.PathLike object where __fspath__ returns a str, not '%s'", typeName(a))
		}
		if strings.HasPrefix(s, "/") || out == "" {
			out = s
		} else {
			out = out + "/" + s
		}
	}
	return &pathObj{p: normPath(out)}, nil
}

func (p *pathObj) name() string {
	if p.p == "." || p.p == "/" {
		return ""
	}
	return p.p[strings.LastIndexByte(p.p, '/')+1:]
}

func (p *pathObj) suffix() string {
	n := p.name()
	i := strings.LastIndexByte(n, '.')
	if i <= 0 || i == len(n)-1 {
		return ""
	}
	return n[i:]
}

func initPathlib(t *Thread, m *Module) error {
	m.Set("Path", pathClass)
	m.Set("PosixPath", pathClass)
	m.Set("PurePath", pathClass)
	return nil
}

func initPathClass() {
	c := NewClass("PosixPath")
	c.Module = "pathlib"
	pathClass = c
	c.New = func(t *Thread, cls *Class, args Args) (Value, error) { return newPath(t, args.Pos) }
	self := func(v Value) *pathObj { return v.(*pathObj) }
	c.SetMethod("__repr__", func(t *Thread, v Value, args Args) (Value, error) {
		return Str("PosixPath(" + strRepr(self(v).p) + ")"), nil
	})
	c.SetMethod("__str__", func(t *Thread, v Value, args Args) (Value, error) { return Str(self(v).p), nil })
	c.SetMethod("__fspath__", func(t *Thread, v Value, args Args) (Value, error) { return Str(self(v).p), nil })
	c.SetMethod("__truediv__", func(t *Thread, v Value, args Args) (Value, error) {
		if _, ok, _ := FSPath(t, args.Pos[0]); !ok {
			return NotImplemented, nil
		}
		return newPath(t, []Value{v, args.Pos[0]})
	})
	c.SetMethod("__rtruediv__", func(t *Thread, v Value, args Args) (Value, error) {
		if _, ok, _ := FSPath(t, args.Pos[0]); !ok {
			return NotImplemented, nil
		}
		return newPath(t, []Value{args.Pos[0], v})
	})
	c.SetMethod("__eq__", func(t *Thread, v Value, args Args) (Value, error) {
		o, ok := args.Pos[0].(*pathObj)
		if !ok {
			return NotImplemented, nil
		}
		return Bool(self(v).p == o.p), nil
	})
	c.SetMethod("__lt__", func(t *Thread, v Value, args Args) (Value, error) {
		o, ok := args.Pos[0].(*pathObj)
		if !ok {
			return NotImplemented, nil
		}
		return Bool(self(v).p < o.p), nil
	})
	c.SetMethod("__hash__", func(t *Thread, v Value, args Args) (Value, error) {
		h, err := Hash(t, Str(self(v).p))
		return Int(h), err
	})
	c.SetMethod("joinpath", func(t *Thread, v Value, args Args) (Value, error) {
		return newPath(t, append([]Value{v}, args.Pos...))
	})
	c.SetProperty("name", func(t *Thread, v Value) (Value, error) { return Str(self(v).name()), nil }, nil)
	c.SetProperty("suffix", func(t *Thread, v Value) (Value, error) { return Str(self(v).suffix()), nil }, nil)
	c.SetProperty("suffixes", func(t *Thread, v Value) (Value, error) {
		n := strings.TrimLeft(self(v).name(), ".")
		parts := strings.Split(n, ".")
		var out []Value
		for _, p := range parts[1:] {
			out = append(out, Str("."+p))
		}
		return NewList(out), nil
	}, nil)
	c.SetProperty("stem", func(t *Thread, v Value) (Value, error) {
		p := self(v)
		return Str(strings.TrimSuffix(p.name(), p.suffix())), nil
	}, nil)
	c.SetProperty("parent", func(t *Thread, v Value) (Value, error) {
		p := self(v).p
		i := strings.LastIndexByte(p, '/')
		switch {
		case p == "." || p == "/":
			return self(v), nil
		case i < 0:
			return &pathObj{p: "."}, nil
		case i == 0:
			return &pathObj{p: "/"}, nil
		}
		return &pathObj{p: p[:i]}, nil
	}, nil)
	c.SetProperty("parts", func(t *Thread, v Value) (Value, error) {
		p := self(v).p
		var out Tuple
		if strings.HasPrefix(p, "/") {
			out = append(out, Str("/"))
			p = p[1:]
		}
		if p != "" && p != "." {
			for _, s := range strings.Split(p, "/") {
				out = append(out, Str(s))
			}
		}
		if out == nil {
			out = Tuple{}
		}
		return out, nil
	}, nil)
	c.SetMethod("with_suffix", func(t *Thread, v Value, args Args) (Value, error) {
		var s string
		if err := UnpackArgs("with_suffix", args, "suffix", &s); err != nil {
			return nil, err
		}
		p := self(v)
		if s != "" && (!strings.HasPrefix(s, ".") || s == ".") {
			return nil, Errorf(ValueErrorClass, "Invalid suffix %s", strRepr(s))
		}
		return &pathObj{p: strings.TrimSuffix(p.p, p.suffix()) + s}, nil
	})
	c.SetMethod("with_name", func(t *Thread, v Value, args Args) (Value, error) {
		var s string
		if err := UnpackArgs("with_name", args, "name", &s); err != nil {
			return nil, err
		}
		p := self(v)
		return &pathObj{p: normPath(strings.TrimSuffix(p.p, p.name()) + s)}, nil
	})
	pred := func(name string, fn func(ws *Workspace, p string) bool) {
		c.SetMethod(name, func(t *Thread, v Value, args Args) (Value, error) {
			return Bool(fn(t.ws, self(v).p)), nil
		})
	}
	pred("exists", (*Workspace).Exists)
	pred("is_file", (*Workspace).IsFile)
	pred("is_dir", (*Workspace).IsDir)
	c.SetMethod("is_absolute", func(t *Thread, v Value, args Args) (Value, error) {
		return Bool(strings.HasPrefix(self(v).p, "/")), nil
	})
	c.SetMethod("mkdir", func(t *Thread, v Value, args Args) (Value, error) {
		parents, existOK := false, false
		var mode Value
		if err := UnpackArgs("mkdir", args, "mode?", &mode, "parents?", &parents, "exist_ok?", &existOK); err != nil {
			return nil, err
		}
		return None, t.ws.Mkdir(self(v).p, parents, existOK)
	})
	c.SetMethod("unlink", func(t *Thread, v Value, args Args) (Value, error) {
		missingOK := false
		if err := UnpackArgs("unlink", args, "missing_ok?", &missingOK); err != nil {
			return nil, err
		}
		err := t.ws.Remove(self(v).p)
		if err != nil && missingOK && isException(err, FileNotFoundErrorClass) {
			return None, nil
		}
		return None, err
	})
	for _, name := range []string{"rename", "replace"} {
		c.SetMethod(name, func(t *Thread, v Value, args Args) (Value, error) {
			if len(args.Pos) != 1 {
				return nil, Errorf(TypeErrorClass, "missing target")
			}
			target, err := newPath(t, args.Pos[:1])
			if err != nil {
				return nil, err
			}
			return target, t.ws.Rename(self(v).p, target.p)
		})
	}
	c.SetMethod("read_text", func(t *Thread, v Value, args Args) (Value, error) {
		data, err := t.ws.ReadFile(self(v).p)
		return Str(data), err
	})
	c.SetMethod("read_bytes", func(t *Thread, v Value, args Args) (Value, error) {
		data, err := t.ws.ReadFile(self(v).p)
		return Bytes(data), err
	})
	c.SetMethod("write_text", func(t *Thread, v Value, args Args) (Value, error) {
		var s string
		if err := UnpackArgs("write_text", args, "data", &s, "encoding?", new(Value), "errors?", new(Value), "newline?", new(Value)); err != nil {
			return nil, err
		}
		if err := t.Alloc(int64(len(s))); err != nil {
			return nil, err
		}
		return Int(len([]rune(s))), t.ws.WriteFile(self(v).p, []byte(s))
	})
	c.SetMethod("write_bytes", func(t *Thread, v Value, args Args) (Value, error) {
		if len(args.Pos) != 1 {
			return nil, Errorf(TypeErrorClass, "write_bytes() missing 1 required positional argument: 'data'")
		}
		b, ok := args.Pos[0].(Bytes)
		if !ok {
			return nil, Errorf(TypeErrorClass, "memoryview: a bytes-like object is required, not '%s'", typeName(args.Pos[0]))
		}
		if err := t.Alloc(int64(len(b))); err != nil {
			return nil, err
		}
		return Int(len(b)), t.ws.WriteFile(self(v).p, []byte(b))
	})
	c.SetMethod("iterdir", func(t *Thread, v Value, args Args) (Value, error) {
		p := self(v)
		names, err := t.ws.List(p.p)
		if err != nil {
			return nil, err
		}
		items := make([]Value, len(names))
		for i, n := range names {
			items[i] = &pathObj{p: normPath(p.p + "/" + n)}
		}
		return &seqIterator{tuple: Tuple(items)}, nil
	})
	c.SetMethod("glob", func(t *Thread, v Value, args Args) (Value, error) {
		var pat string
		if err := UnpackArgs("glob", args, "pattern", &pat); err != nil {
			return nil, err
		}
		p := self(v)
		names, err := t.ws.List(p.p)
		if err != nil {
			return &seqIterator{tuple: Tuple{}}, nil
		}
		sort.Strings(names)
		var items []Value
		for _, n := range names {
			if ok, _ := path.Match(pat, n); ok {
				items = append(items, &pathObj{p: normPath(p.p + "/" + n)})
			}
		}
		return &seqIterator{tuple: Tuple(items)}, nil
	})
	c.SetMethod("stat", func(t *Thread, v Value, args Args) (Value, error) {
		p := self(v).p
		if !t.ws.Exists(p) {
			return nil, FileNotFound(p)
		}
		size, _ := t.ws.Size(p)
		o := &Object{}
		o.Init(statResultClass)
		o.dict.SetStr("st_size", Int(size))
		o.dict.SetStr("st_mtime", Float(t.clock))
		return o, nil
	})
	c.SetMethod("open", func(t *Thread, v Value, args Args) (Value, error) {
		return builtinOpen(t, Args{Pos: append([]Value{Str(self(v).p)}, args.Pos...), Kw: args.Kw})
	})
	for _, name := range []string{"resolve", "absolute"} {
		c.SetMethod(name, func(t *Thread, v Value, args Args) (Value, error) {
			p := self(v).p
			if strings.HasPrefix(p, "/") {
				return self(v), nil
			}
			return &pathObj{p: normPath("/workspace/" + p)}, nil
		})
	}
	c.SetClassMethod("cwd", func(t *Thread, cls *Class, args Args) (Value, error) { return &pathObj{p: "/workspace"}, nil })
	c.Freeze()
}
