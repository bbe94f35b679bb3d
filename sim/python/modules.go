package python

import (
	"github.com/ckptlab/ckptlab/sim/python/pymath"
	"math"
	"math/big"
	"path"
	"strings"

	"github.com/ckptlab/ckptlab/sim/python/pyrandom"
)

// initModules registers the standard-library modules the simulator provides.
func initModules() {
	RegisterModule("os", initOS)
	RegisterModule("os.path", initOSPath)
	RegisterModule("sys", initSys)
	RegisterModule("math", initMath)
	RegisterModule("random", initRandom)
	RegisterModule("time", initTime)
	RegisterModule("copy", initCopy)
	RegisterModule("collections", initCollections)
	RegisterModule("functools", initFunctools)
	RegisterModule("warnings", initWarnings)
	RegisterModule("typing", initTyping)
	RegisterModule("json", initJSON)
	RegisterModule("pathlib", initPathlib)
	RegisterModule("itertools", initItertools)
	RegisterModule("dataclasses", initDataclasses)
	RegisterModule("operator", initOperator)
	RegisterModule("shutil", initShutil)
	RegisterModule("io", initIO)
	initIOClasses()
	initOperatorClasses()
	initDataclassClasses()
	frozenInstanceErrorClass = NewClass("FrozenInstanceError", AttributeErrorClass)
	frozenInstanceErrorClass.Module = "dataclasses"
	frozenInstanceErrorClass.Freeze()
	initItertoolsClasses()
	initPathClass()
	initTypingClass()
	jsonDecodeErrorClass = NewClass("JSONDecodeError", ValueErrorClass)
	jsonDecodeErrorClass.Module = "json.decoder"
	jsonDecodeErrorClass.Freeze()
	builtinsModule.dict = builtins
	statResultClass = NewClass("stat_result")
	statResultClass.Module = "os"
	statResultClass.hasDict = true
	statResultClass.Freeze()
	namedTupleBase = NewClass("namedtuple_base", TupleClass)
	namedTupleBase.Freeze()
	initPartial()
}

func pathArg(fname string, v Value) (string, error) {
	switch s := v.(type) {
	case Str:
		return string(s), nil
	case Bytes:
		return string(s), nil
	case *pathObj:
		return s.p, nil
	}
	return "", Errorf(TypeErrorClass, "%s: path should be string, bytes or os.PathLike, not %s", fname, typeName(v))
}

func initOS(t *Thread, m *Module) error {
	ws := t.ws
	m.Set("sep", Str("/"))
	m.Set("name", Str("posix"))
	m.Set("linesep", Str("\n"))
	m.Set("environ", NewDict())
	setFunc(m, "getcwd", func(t *Thread, args Args) (Value, error) { return Str("/workspace"), nil })
	setFunc(m, "listdir", func(t *Thread, args Args) (Value, error) {
		var p Value = Str(".")
		if err := UnpackArgs("listdir", args, "path?", &p); err != nil {
			return nil, err
		}
		s, err := pathArg("listdir", p)
		if err != nil {
			return nil, err
		}
		names, err := ws.List(s)
		if err != nil {
			return nil, err
		}
		out := make([]Value, len(names))
		for i, n := range names {
			out[i] = Str(n)
		}
		return NewList(out), nil
	})
	setFunc(m, "remove", func(t *Thread, args Args) (Value, error) {
		var p Value
		if err := UnpackArgs("remove", args, "path", &p); err != nil {
			return nil, err
		}
		s, err := pathArg("remove", p)
		if err != nil {
			return nil, err
		}
		return None, ws.Remove(s)
	})
	remove, _ := m.Get("remove")
	m.Set("unlink", remove)
	for _, name := range []string{"rename", "replace"} {
		name := name
		setFunc(m, name, func(t *Thread, args Args) (Value, error) {
			var a, b Value
			if err := UnpackArgs(name, args, "src", &a, "dst", &b); err != nil {
				return nil, err
			}
			sa, err := pathArg(name, a)
			if err != nil {
				return nil, err
			}
			sb, err := pathArg(name, b)
			if err != nil {
				return nil, err
			}
			return None, ws.Rename(sa, sb)
		})
	}
	setFunc(m, "makedirs", func(t *Thread, args Args) (Value, error) {
		var p Value
		var mode Value
		existOK := false
		if err := UnpackArgs("makedirs", args, "name", &p, "mode?", &mode, "exist_ok?", &existOK); err != nil {
			return nil, err
		}
		s, err := pathArg("makedirs", p)
		if err != nil {
			return nil, err
		}
		return None, ws.Mkdir(s, true, existOK)
	})
	setFunc(m, "mkdir", func(t *Thread, args Args) (Value, error) {
		var p, mode Value
		if err := UnpackArgs("mkdir", args, "path", &p, "mode?", &mode); err != nil {
			return nil, err
		}
		s, err := pathArg("mkdir", p)
		if err != nil {
			return nil, err
		}
		return None, ws.Mkdir(s, false, false)
	})
	setFunc(m, "rmdir", func(t *Thread, args Args) (Value, error) {
		var p Value
		if err := UnpackArgs("rmdir", args, "path", &p); err != nil {
			return nil, err
		}
		s, err := pathArg("rmdir", p)
		if err != nil {
			return nil, err
		}
		names, err := ws.List(s)
		if err != nil {
			return nil, err
		}
		if len(names) > 0 {
			return nil, OSError(OSErrorClass, 39, "Directory not empty", s)
		}
		delete(ws.dirs, cleanPath(s))
		return None, nil
	})
	setFunc(m, "fsync", func(t *Thread, args Args) (Value, error) { return None, nil })
	setFunc(m, "getpid", func(t *Thread, args Args) (Value, error) { return Int(4242), nil })
	setFunc(m, "cpu_count", func(t *Thread, args Args) (Value, error) { return Int(2), nil })
	setFunc(m, "getenv", func(t *Thread, args Args) (Value, error) {
		var k, def Value = nil, None
		if err := UnpackArgs("getenv", args, "key", &k, "default?", &def); err != nil {
			return nil, err
		}
		return def, nil
	})
	setFunc(m, "stat", func(t *Thread, args Args) (Value, error) {
		var p Value
		if err := UnpackArgs("stat", args, "path", &p); err != nil {
			return nil, err
		}
		s, err := pathArg("stat", p)
		if err != nil {
			return nil, err
		}
		if !ws.Exists(s) {
			return nil, FileNotFound(s)
		}
		size, _ := ws.Size(s)
		o := &Object{}
		o.Init(statResultClass)
		o.dict.SetStr("st_size", Int(size))
		o.dict.SetStr("st_mtime", Float(t.clock))
		return o, nil
	})
	return nil
}

var statResultClass *Class

func initOSPath(t *Thread, m *Module) error {
	ws := t.ws
	m.Name = "posixpath"
	m.dict.SetStr("__name__", Str("posixpath"))
	pred := func(name string, fn func(string) bool) {
		setFunc(m, name, func(t *Thread, args Args) (Value, error) {
			var p Value
			if err := UnpackArgs(name, args, "path", &p); err != nil {
				return nil, err
			}
			s, err := pathArg(name, p)
			if err != nil {
				return False, nil
			}
			return Bool(fn(s)), nil
		})
	}
	pred("exists", ws.Exists)
	pred("isfile", ws.IsFile)
	pred("isdir", ws.IsDir)
	pred("isabs", func(s string) bool { return strings.HasPrefix(s, "/") })
	setFunc(m, "getsize", func(t *Thread, args Args) (Value, error) {
		var p Value
		if err := UnpackArgs("getsize", args, "filename", &p); err != nil {
			return nil, err
		}
		s, err := pathArg("getsize", p)
		if err != nil {
			return nil, err
		}
		if ws.IsDir(s) {
			return Int(4096), nil
		}
		n, err := ws.Size(s)
		return Int(n), err
	})
	setFunc(m, "getmtime", func(t *Thread, args Args) (Value, error) {
		var p Value
		if err := UnpackArgs("getmtime", args, "filename", &p); err != nil {
			return nil, err
		}
		s, err := pathArg("getmtime", p)
		if err != nil {
			return nil, err
		}
		if !ws.Exists(s) {
			return nil, FileNotFound(s)
		}
		return Float(t.clock), nil
	})
	setFunc(m, "join", func(t *Thread, args Args) (Value, error) {
		if len(args.Pos) == 0 {
			return nil, Errorf(TypeErrorClass, "join() missing 1 required positional argument: 'a'")
		}
		out := ""
		for i, a := range args.Pos {
			fs, ok, err := FSPath(t, a)
			if err != nil {
				return nil, err
			}
			s := Str(fs)
			if !ok {
				if i == 0 {
					return nil, Errorf(TypeErrorClass, "expected str, bytes or os.PathLike object, not %s", typeName(a))
				}
				return nil, Errorf(TypeErrorClass, "join() argument must be str, bytes, or os.PathLike object, not '%s'", typeName(a))
			}
			p := string(s)
			switch {
			case strings.HasPrefix(p, "/"):
				out = p
			case out == "" || strings.HasSuffix(out, "/"):
				out += p
			default:
				out += "/" + p
			}
		}
		return Str(out), nil
	})
	one := func(name string, fn func(string) Value) {
		setFunc(m, name, func(t *Thread, args Args) (Value, error) {
			var p Value
			if err := UnpackArgs(name, args, "p", &p); err != nil {
				return nil, err
			}
			s, ok, err := FSPath(t, p)
			if err != nil {
				return nil, err
			}
			if !ok {
				return nil, Errorf(TypeErrorClass, "expected str, bytes or os.PathLike object, not %s", typeName(p))
			}
			return fn(s), nil
		})
	}
	one("basename", func(s string) Value { return Str(s[strings.LastIndexByte(s, '/')+1:]) })
	one("dirname", func(s string) Value {
		i := strings.LastIndexByte(s, '/') + 1
		head := s[:i]
		if head != "" && strings.Trim(head, "/") != "" {
			head = strings.TrimRight(head, "/")
		}
		return Str(head)
	})
	one("split", func(s string) Value {
		i := strings.LastIndexByte(s, '/') + 1
		head, tail := s[:i], s[i:]
		if head != "" && strings.Trim(head, "/") != "" {
			head = strings.TrimRight(head, "/")
		}
		return Tuple{Str(head), Str(tail)}
	})
	one("splitext", func(s string) Value {
		base := s[strings.LastIndexByte(s, '/')+1:]
		i := strings.LastIndexByte(base, '.')
		if i <= 0 || strings.Trim(base[:i], ".") == "" {
			return Tuple{Str(s), Str("")}
		}
		cut := len(s) - len(base) + i
		return Tuple{Str(s[:cut]), Str(s[cut:])}
	})
	one("abspath", func(s string) Value {
		if strings.HasPrefix(s, "/") {
			return Str(path.Clean(s))
		}
		return Str(path.Join("/workspace", s))
	})
	one("normpath", func(s string) Value { return Str(path.Clean(s)) })
	one("expanduser", func(s string) Value { return Str(s) })
	m.Set("sep", Str("/"))
	return nil
}

func initSys(t *Thread, m *Module) error {
	m.Set("stdout", stdout)
	m.Set("stderr", stderr)
	m.Set("argv", NewList([]Value{Str(ScriptName)}))
	m.Set("version", Str("3.12.8 (main, Dec  4 2024, 08:54:13) [GCC 12.2.0]"))
	m.Set("version_info", Tuple{Int(3), Int(12), Int(8), Str("final"), Int(0)})
	m.Set("platform", Str("linux"))
	m.Set("maxsize", Int(math.MaxInt64))
	m.Set("byteorder", Str("little"))
	m.Set("path", NewList(nil))
	m.Set("modules", NewDict())
	setFunc(m, "getrecursionlimit", func(t *Thread, args Args) (Value, error) { return Int(t.limits.Depth), nil })
	setFunc(m, "setrecursionlimit", func(t *Thread, args Args) (Value, error) {
		var n int64
		if err := UnpackArgs("setrecursionlimit", args, "limit", &n); err != nil {
			return nil, err
		}
		if n < 1 {
			return nil, Errorf(ValueErrorClass, "recursion limit must be greater or equal than 1")
		}
		if n > DefaultDepth {
			n = DefaultDepth // the sandbox never allows deeper Go stacks
		}
		t.limits.Depth = int(n)
		return None, nil
	})
	setFunc(m, "exit", builtinExit)
	setFunc(m, "getsizeof", func(t *Thread, args Args) (Value, error) {
		if len(args.Pos) < 1 {
			return nil, Errorf(TypeErrorClass, "getsizeof() missing required argument 'object' (pos 1)")
		}
		switch x := args.Pos[0].(type) {
		case Int:
			if x == 0 {
				return Int(24), nil
			}
			return Int(28), nil
		case Float:
			return Int(24), nil
		case Str:
			return Int(49 + len(x)), nil
		case *List:
			return Int(56 + 8*len(x.Items)), nil
		case Tuple:
			return Int(40 + 8*len(x)), nil
		}
		return Int(48), nil
	})
	return nil
}

func floatArg(name string, v Value) (float64, error) {
	f, ok, err := AsFloat(v)
	if err != nil {
		return 0, err
	}
	if !ok {
		return 0, Errorf(TypeErrorClass, "must be real number, not %s", typeName(v))
	}
	return f, nil
}

func initMath(t *Thread, m *Module) error {
	initMoreMath(m)
	m.Set("pi", Float(math.Pi))
	m.Set("e", Float(math.E))
	m.Set("tau", Float(2*math.Pi))
	m.Set("inf", Float(math.Inf(1)))
	m.Set("nan", Float(math.NaN()))
	f1 := func(name string, fn func(float64) (float64, error)) {
		setFunc(m, name, func(t *Thread, args Args) (Value, error) {
			if err := exactArgs(name, args, 1); err != nil {
				return nil, Errorf(TypeErrorClass, "math.%s() takes exactly one argument (%d given)", name, len(args.Pos))
			}
			x, err := floatArg(name, args.Pos[0])
			if err != nil {
				return nil, err
			}
			r, err := fn(x)
			if err != nil {
				return nil, err
			}
			return Float(r), nil
		})
	}
	domain := func(ok bool, r float64) (float64, error) {
		if !ok {
			return 0, Errorf(ValueErrorClass, "math domain error")
		}
		return r, nil
	}
	f1("sqrt", func(x float64) (float64, error) { return domain(x >= 0 || math.IsNaN(x), math.Sqrt(x)) })
	f1("exp", func(x float64) (float64, error) {
		r := pymath.Exp(x)
		if math.IsInf(r, 1) && !math.IsInf(x, 1) {
			return 0, Errorf(OverflowErrorClass, "math range error")
		}
		return r, nil
	})
	f1("sin", func(x float64) (float64, error) { return pymath.Sin(x), nil })
	f1("cos", func(x float64) (float64, error) { return pymath.Cos(x), nil })
	f1("tan", func(x float64) (float64, error) { return pymath.Tan(x), nil })
	f1("atan", func(x float64) (float64, error) { return pymath.Atan(x), nil })
	f1("asin", func(x float64) (float64, error) { return domain(x >= -1 && x <= 1, pymath.Asin(x)) })
	f1("acos", func(x float64) (float64, error) { return domain(x >= -1 && x <= 1, pymath.Acos(x)) })
	f1("tanh", func(x float64) (float64, error) { return pymath.Tanh(x), nil })
	f1("sinh", func(x float64) (float64, error) { return pymath.Sinh(x), nil })
	f1("cosh", func(x float64) (float64, error) { return pymath.Cosh(x), nil })
	f1("log2", func(x float64) (float64, error) { return domain(x > 0, pymath.Log2(x)) })
	f1("log10", func(x float64) (float64, error) { return domain(x > 0, pymath.Log10(x)) })
	f1("log1p", func(x float64) (float64, error) { return domain(x > -1, pymath.Log1p(x)) })
	f1("expm1", func(x float64) (float64, error) { return pymath.Expm1(x), nil })
	f1("fabs", func(x float64) (float64, error) { return math.Abs(x), nil })
	f1("degrees", func(x float64) (float64, error) { return x * 180 / math.Pi, nil })
	f1("radians", func(x float64) (float64, error) { return x * math.Pi / 180, nil })
	f1("erf", func(x float64) (float64, error) { return math.Erf(x), nil })
	f1("gamma", func(x float64) (float64, error) { return math.Gamma(x), nil })
	setFunc(m, "log", func(t *Thread, args Args) (Value, error) {
		if len(args.Pos) < 1 || len(args.Pos) > 2 {
			return nil, Errorf(TypeErrorClass, "log expected at least 1 argument, got %d", len(args.Pos))
		}
		lg := func(v Value) (float64, error) {
			if b, ok := v.(*BigInt); ok {
				if b.b.Sign() <= 0 {
					return 0, Errorf(ValueErrorClass, "math domain error")
				}
				f, _ := new(big.Float).SetInt(b.b).Float64()
				if !math.IsInf(f, 0) {
					return math.Log(f), nil
				}
				n := b.b.BitLen()
				sh := new(big.Int).Rsh(b.b, uint(n-60))
				fs, _ := new(big.Float).SetInt(sh).Float64()
				return math.Log(fs) + float64(n-60)*math.Ln2, nil
			}
			x, err := floatArg("log", v)
			if err != nil {
				return 0, err
			}
			if x <= 0 {
				return 0, Errorf(ValueErrorClass, "math domain error")
			}
			return pymath.Log(x), nil
		}
		x, err := lg(args.Pos[0])
		if err != nil {
			return nil, err
		}
		if len(args.Pos) == 2 {
			b, err := lg(args.Pos[1])
			if err != nil {
				return nil, err
			}
			if b == 0 {
				return nil, Errorf(ZeroDivisionErrorClass, "float division by zero")
			}
			return Float(x / b), nil
		}
		return Float(x), nil
	})
	intResult := func(name string, fn func(float64) float64) {
		setFunc(m, name, func(t *Thread, args Args) (Value, error) {
			if len(args.Pos) != 1 {
				return nil, Errorf(TypeErrorClass, "math.%s() takes exactly one argument (%d given)", name, len(args.Pos))
			}
			if isIntLike(args.Pos[0]) {
				return toInt(t, args.Pos[0])
			}
			x, err := floatArg(name, args.Pos[0])
			if err != nil {
				if r, ok, err2 := callSpecial(t, args.Pos[0], "__"+name+"__"); ok {
					return r, err2
				}
				return nil, err
			}
			return toInt(t, Float(fn(x)))
		})
	}
	intResult("floor", math.Floor)
	intResult("ceil", math.Ceil)
	intResult("trunc", math.Trunc)
	setFunc(m, "pow", func(t *Thread, args Args) (Value, error) {
		if err := exactArgs("pow", args, 2); err != nil {
			return nil, err
		}
		x, err := floatArg("pow", args.Pos[0])
		if err != nil {
			return nil, err
		}
		y, err := floatArg("pow", args.Pos[1])
		if err != nil {
			return nil, err
		}
		if x == 0 && y < 0 {
			return nil, Errorf(ValueErrorClass, "math domain error")
		}
		return floatBinary(Pow, x, y)
	})
	setFunc(m, "atan2", func(t *Thread, args Args) (Value, error) {
		if err := exactArgs("atan2", args, 2); err != nil {
			return nil, err
		}
		y, err := floatArg("atan2", args.Pos[0])
		if err != nil {
			return nil, err
		}
		x, err := floatArg("atan2", args.Pos[1])
		if err != nil {
			return nil, err
		}
		return Float(pymath.Atan2(y, x)), nil
	})
	setFunc(m, "hypot", func(t *Thread, args Args) (Value, error) {
		acc := 0.0
		for _, a := range args.Pos {
			x, err := floatArg("hypot", a)
			if err != nil {
				return nil, err
			}
			acc = math.Hypot(acc, x)
		}
		return Float(acc), nil
	})
	setFunc(m, "fsum", func(t *Thread, args Args) (Value, error) {
		if err := exactArgs("fsum", args, 1); err != nil {
			return nil, err
		}
		acc := new(big.Float).SetPrec(2000)
		err := Iterate(t, args.Pos[0], func(v Value) error {
			x, err := floatArg("fsum", v)
			if err != nil {
				return err
			}
			acc.Add(acc, new(big.Float).SetFloat64(x))
			return nil
		})
		f, _ := acc.Float64()
		return Float(f), err
	})
	pred := func(name string, fn func(float64) bool) {
		setFunc(m, name, func(t *Thread, args Args) (Value, error) {
			if len(args.Pos) != 1 {
				return nil, Errorf(TypeErrorClass, "math.%s() takes exactly one argument (%d given)", name, len(args.Pos))
			}
			x, err := floatArg(name, args.Pos[0])
			if err != nil {
				return nil, err
			}
			return Bool(fn(x)), nil
		})
	}
	pred("isnan", math.IsNaN)
	pred("isinf", func(x float64) bool { return math.IsInf(x, 0) })
	pred("isfinite", func(x float64) bool { return !math.IsInf(x, 0) && !math.IsNaN(x) })
	setFunc(m, "isclose", func(t *Thread, args Args) (Value, error) {
		var a, b float64
		relTol, absTol := 1e-9, 0.0
		if err := UnpackArgs("isclose", args, "a", &a, "b", &b, "*", "rel_tol?", &relTol, "abs_tol?", &absTol); err != nil {
			return nil, err
		}
		if a == b {
			return True, nil
		}
		if math.IsInf(a, 0) || math.IsInf(b, 0) {
			return False, nil
		}
		d := math.Abs(b - a)
		return Bool(d <= math.Abs(relTol*b) || d <= math.Abs(relTol*a) || d <= absTol), nil
	})
	setFunc(m, "factorial", func(t *Thread, args Args) (Value, error) {
		if len(args.Pos) != 1 {
			return nil, Errorf(TypeErrorClass, "math.factorial() takes exactly one argument (%d given)", len(args.Pos))
		}
		n, ok := AsInt64(args.Pos[0])
		if !ok {
			return nil, Errorf(TypeErrorClass, "'%s' object cannot be interpreted as an integer", typeName(args.Pos[0]))
		}
		if n < 0 {
			return nil, Errorf(ValueErrorClass, "factorial() not defined for negative values")
		}
		if n > 20000 {
			return nil, NewException(MemoryErrorClass)
		}
		return MakeInt(new(big.Int).MulRange(1, max64(n, 1))), nil
	})
	setFunc(m, "gcd", func(t *Thread, args Args) (Value, error) {
		acc := big.NewInt(0)
		for _, a := range args.Pos {
			if !isIntLike(a) {
				return nil, Errorf(TypeErrorClass, "'%s' object cannot be interpreted as an integer", typeName(a))
			}
			acc.GCD(nil, nil, acc, new(big.Int).Abs(toBig(a)))
		}
		return MakeInt(acc), nil
	})
	setFunc(m, "prod", func(t *Thread, args Args) (Value, error) {
		if len(args.Pos) != 1 {
			return nil, Errorf(TypeErrorClass, "prod() takes exactly 1 positional argument (%d given)", len(args.Pos))
		}
		var acc Value = Int(1)
		if s := args.Kwarg("start"); s != nil {
			acc = s
		}
		err := Iterate(t, args.Pos[0], func(v Value) error {
			r, err := Binary(t, Mul, acc, v)
			acc = r
			return err
		})
		return acc, err
	})
	setFunc(m, "copysign", func(t *Thread, args Args) (Value, error) {
		if err := exactArgs("copysign", args, 2); err != nil {
			return nil, err
		}
		x, err := floatArg("copysign", args.Pos[0])
		if err != nil {
			return nil, err
		}
		y, err := floatArg("copysign", args.Pos[1])
		if err != nil {
			return nil, err
		}
		return Float(math.Copysign(x, y)), nil
	})
	return nil
}

func max64(a, b int64) int64 {
	if a > b {
		return a
	}
	return b
}

// The random module keeps its generator in the thread, per run.
func rngOf(t *Thread) *pyrandom.Random {
	if r, ok := t.Local("random.rng").(*pyrandom.Random); ok {
		return r
	}
	r := pyrandom.New()
	t.SetLocal("random.rng", r)
	return r
}

func randErr(err error) error {
	if e, ok := err.(*pyrandom.Error); ok {
		cls := map[string]*Class{"ValueError": ValueErrorClass, "TypeError": TypeErrorClass, "IndexError": IndexErrorClass, "OverflowError": OverflowErrorClass}[e.Type]
		if cls == nil {
			cls = ValueErrorClass
		}
		return Errorf(cls, "%s", e.Msg)
	}
	return err
}

func intArgBig(name string, v Value) (*big.Int, error) {
	if isIntLike(v) {
		return toBig(v), nil
	}
	if f, ok := v.(Float); ok && float64(f) == math.Trunc(float64(f)) {
		return nil, Errorf(TypeErrorClass, "'float' object cannot be interpreted as an integer")
	}
	return nil, Errorf(TypeErrorClass, "'%s' object cannot be interpreted as an integer", typeName(v))
}

func initRandom(t *Thread, m *Module) error {
	initMoreRandom(t, m)
	setFunc(m, "seed", func(t *Thread, args Args) (Value, error) {
		var a Value = None
		var version Value
		if err := UnpackArgs("seed", args, "a?", &a, "version?", &version); err != nil {
			return nil, err
		}
		return None, seedRandom(rngOf(t), a)
	})
	setFunc(m, "random", func(t *Thread, args Args) (Value, error) {
		if err := UnpackArgs("random", args); err != nil {
			return nil, err
		}
		return Float(rngOf(t).Random()), nil
	})
	setFunc(m, "uniform", func(t *Thread, args Args) (Value, error) {
		var a, b float64
		if err := UnpackArgs("uniform", args, "a", &a, "b", &b); err != nil {
			return nil, err
		}
		return Float(rngOf(t).Uniform(a, b)), nil
	})
	setFunc(m, "gauss", func(t *Thread, args Args) (Value, error) {
		mu, sigma := 0.0, 1.0
		if err := UnpackArgs("gauss", args, "mu?", &mu, "sigma?", &sigma); err != nil {
			return nil, err
		}
		return Float(rngOf(t).Gauss(mu, sigma)), nil
	})
	setFunc(m, "normalvariate", func(t *Thread, args Args) (Value, error) {
		mu, sigma := 0.0, 1.0
		if err := UnpackArgs("normalvariate", args, "mu?", &mu, "sigma?", &sigma); err != nil {
			return nil, err
		}
		return Float(rngOf(t).NormalVariate(mu, sigma)), nil
	})
	setFunc(m, "randint", func(t *Thread, args Args) (Value, error) {
		var a, b Value
		if err := UnpackArgs("randint", args, "a", &a, "b", &b); err != nil {
			return nil, err
		}
		ba, err := intArgBig("randint", a)
		if err != nil {
			return nil, err
		}
		bb, err := intArgBig("randint", b)
		if err != nil {
			return nil, err
		}
		r, err := rngOf(t).RandInt(ba, bb)
		if err != nil {
			return nil, randErr(err)
		}
		return MakeInt(r), nil
	})
	setFunc(m, "randrange", func(t *Thread, args Args) (Value, error) {
		var a, b, c Value
		if err := UnpackArgs("randrange", args, "start", &a, "stop?", &b, "step?", &c); err != nil {
			return nil, err
		}
		ba, err := intArgBig("randrange", a)
		if err != nil {
			return nil, err
		}
		var bb, bc *big.Int
		if b != nil && b != None {
			if bb, err = intArgBig("randrange", b); err != nil {
				return nil, err
			}
		}
		if c != nil {
			if bc, err = intArgBig("randrange", c); err != nil {
				return nil, err
			}
		}
		r, err := rngOf(t).RandRange(ba, bb, bc)
		if err != nil {
			return nil, randErr(err)
		}
		return MakeInt(r), nil
	})
	setFunc(m, "getrandbits", func(t *Thread, args Args) (Value, error) {
		var k int
		if err := UnpackArgs("getrandbits", args, "k", &k); err != nil {
			return nil, err
		}
		r, err := rngOf(t).GetRandBits(k)
		if err != nil {
			return nil, randErr(err)
		}
		return MakeInt(r), nil
	})
	setFunc(m, "choice", func(t *Thread, args Args) (Value, error) {
		var seq Value
		if err := UnpackArgs("choice", args, "seq", &seq); err != nil {
			return nil, err
		}
		n, err := Len(t, seq)
		if err != nil {
			return nil, err
		}
		i, err := rngOf(t).Choice(n)
		if err != nil {
			return nil, randErr(err)
		}
		return GetItem(t, seq, Int(i))
	})
	setFunc(m, "shuffle", func(t *Thread, args Args) (Value, error) {
		var x Value
		if err := UnpackArgs("shuffle", args, "x", &x); err != nil {
			return nil, err
		}
		l, ok := x.(*List)
		if !ok {
			return nil, Errorf(TypeErrorClass, "'%s' object does not support item assignment", typeName(x))
		}
		rngOf(t).Shuffle(len(l.Items), func(i, j int) { l.Items[i], l.Items[j] = l.Items[j], l.Items[i] })
		return None, nil
	})
	setFunc(m, "sample", func(t *Thread, args Args) (Value, error) {
		var pop Value
		var k int
		if err := UnpackArgs("sample", args, "population", &pop, "k", &k); err != nil {
			return nil, err
		}
		items, err := ToSlice(t, pop)
		if err != nil {
			return nil, err
		}
		if _, isSet := pop.(*Set); isSet {
			return nil, Errorf(TypeErrorClass, "Population must be a sequence.  For dicts or sets, use sorted(d).")
		}
		idx, err := rngOf(t).Sample(len(items), k)
		if err != nil {
			return nil, randErr(err)
		}
		out := make([]Value, len(idx))
		for i, j := range idx {
			out[i] = items[j]
		}
		return NewList(out), nil
	})
	setFunc(m, "choices", func(t *Thread, args Args) (Value, error) {
		var pop, weights, cum Value
		k := 1
		if err := UnpackArgs("choices", args, "population", &pop, "weights?", &weights, "*", "cum_weights?", &cum, "k?", &k); err != nil {
			return nil, err
		}
		items, err := ToSlice(t, pop)
		if err != nil {
			return nil, err
		}
		var cw []float64
		if weights != nil && weights != None {
			ws, err := ToSlice(t, weights)
			if err != nil {
				return nil, err
			}
			acc := 0.0
			for _, w := range ws {
				f, err := floatArg("choices", w)
				if err != nil {
					return nil, err
				}
				acc += f
				cw = append(cw, acc)
			}
		} else if cum != nil && cum != None {
			ws, err := ToSlice(t, cum)
			if err != nil {
				return nil, err
			}
			for _, w := range ws {
				f, err := floatArg("choices", w)
				if err != nil {
					return nil, err
				}
				cw = append(cw, f)
			}
		}
		idx, err := rngOf(t).Choices(len(items), k, cw)
		if err != nil {
			return nil, randErr(err)
		}
		out := make([]Value, len(idx))
		for i, j := range idx {
			out[i] = items[j]
		}
		return NewList(out), nil
	})
	return nil
}

// The time module runs on a simulated clock: time.sleep advances it, and
// each reading moves it forward a little, so programs are deterministic.
func initTime(t *Thread, m *Module) error {
	setFunc(m, "time", func(t *Thread, args Args) (Value, error) {
		t.clock += 0.001
		return Float(t.clock), nil
	})
	setFunc(m, "perf_counter", func(t *Thread, args Args) (Value, error) {
		t.clock += 0.001
		return Float(t.clock - 1700000000.0), nil
	})
	setFunc(m, "monotonic", func(t *Thread, args Args) (Value, error) {
		t.clock += 0.001
		return Float(t.clock - 1700000000.0), nil
	})
	setFunc(m, "sleep", func(t *Thread, args Args) (Value, error) {
		var s float64
		if err := UnpackArgs("sleep", args, "secs", &s); err != nil {
			return nil, err
		}
		if s < 0 {
			return nil, Errorf(ValueErrorClass, "sleep length must be non-negative")
		}
		t.clock += s
		return None, nil
	})
	setFunc(m, "strftime", func(t *Thread, args Args) (Value, error) {
		var f string
		if err := UnpackArgs("strftime", args, "format", &f, "t?", new(Value)); err != nil {
			return nil, err
		}
		r := strings.NewReplacer("%Y", "2026", "%m", "01", "%d", "01", "%H", "00", "%M", "00", "%S", "00")
		return Str(r.Replace(f)), nil
	})
	return nil
}
