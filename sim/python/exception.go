package python

import (
	"fmt"
	"strings"
)

// Exception is a Python exception instance. It is also a Go error: Go code
// raises a Python exception by returning one, and the evaluator's except
// clauses catch it by class.
type Exception struct {
	Object
	Args            Tuple
	Cause           *Exception // raise ... from cause
	Context         *Exception // the exception being handled when this was raised
	SuppressContext bool

	// Traceback entries, innermost first (the order they are added while
	// the exception unwinds).
	tb []tbEntry
	// tbFrame is the frame whose entry was added last, so an exception
	// passing through several nodes of one frame gets one entry for it.
	tbFrame  *frame
	tbSerial uint64 // tbFrame's serial then (frames are reused)

	// message overrides str(e) for Go-raised exceptions whose text is not
	// str(args[0]) (KeyError's repr of the key is handled by the class).
	notes []string

	// For "Did you mean" suggestions: the frame of a NameError and the
	// module of a failed "from m import name".
	nameFrame    *frame
	importModule *Module
}

// Error makes an Exception a Go error: "Type: message".
func (e *Exception) Error() string {
	msg := e.message()
	if msg == "" {
		return e.Type().Name
	}
	return e.Type().Name + ": " + msg
}

// message is str(e) for the common cases, without running learner code.
func (e *Exception) message() string {
	switch len(e.Args) {
	case 0:
		return ""
	case 1:
		if e.Type().IsSubclass(KeyErrorClass) {
			return reprNoThread(e.Args[0])
		}
		return strNoThread(e.Args[0])
	}
	return reprNoThread(e.Args)
}

// Message returns str(e) as CPython's traceback would print it.
func (e *Exception) Message() string { return e.message() }

// NewException returns an instance of the exception class cls with args.
func NewException(cls *Class, args ...Value) *Exception {
	e := &Exception{Args: Tuple(args)}
	e.Object.Init(cls)
	return e
}

// Errorf returns an exception of class cls whose message is the formatted
// string, e.g. Errorf(ValueErrorClass, "too many values to unpack (expected %d)", n).
func Errorf(cls *Class, format string, args ...any) *Exception {
	return NewException(cls, Str(fmt.Sprintf(format, args...)))
}

// KeyError returns KeyError(key); its message is repr(key): KeyError: 'optimizer'.
func KeyError(key Value) *Exception { return NewException(KeyErrorClass, key) }

// OSError returns an OSError subclass exception as CPython builds them from
// errno: str(e) is "[Errno 2] No such file or directory: 'x.pt'".
func OSError(cls *Class, errno int, strerror, filename string) *Exception {
	e := NewException(cls, Int(errno), Str(strerror))
	e.dict.SetStr("errno", Int(errno))
	e.dict.SetStr("strerror", Str(strerror))
	if filename != "" {
		e.dict.SetStr("filename", Str(filename))
	} else {
		e.dict.SetStr("filename", None)
	}
	return e
}

// FileNotFound returns FileNotFoundError(2, 'No such file or directory', name).
func FileNotFound(name string) *Exception {
	return OSError(FileNotFoundErrorClass, 2, "No such file or directory", name)
}

// Exception classes. Go code raises them with Errorf or NewException.
var (
	BaseExceptionClass       *Class
	ExceptionClass           *Class
	ArithmeticErrorClass     *Class
	ZeroDivisionErrorClass   *Class
	OverflowErrorClass       *Class
	AssertionErrorClass      *Class
	AttributeErrorClass      *Class
	LookupErrorClass         *Class
	IndexErrorClass          *Class
	KeyErrorClass            *Class
	NameErrorClass           *Class
	UnboundLocalErrorClass   *Class
	TypeErrorClass           *Class
	ValueErrorClass          *Class
	UnicodeErrorClass        *Class
	UnicodeDecodeErrorClass  *Class
	RuntimeErrorClass        *Class
	NotImplementedErrorClass *Class
	RecursionErrorClass      *Class
	StopIterationClass       *Class
	MemoryErrorClass         *Class
	ImportErrorClass         *Class
	ModuleNotFoundErrorClass *Class
	OSErrorClass             *Class
	FileNotFoundErrorClass   *Class
	FileExistsErrorClass     *Class
	IsADirectoryErrorClass   *Class
	NotADirectoryErrorClass  *Class
	PermissionErrorClass     *Class
	SyntaxErrorClass         *Class
	IndentationErrorClass    *Class
	KeyboardInterruptClass   *Class
	SystemExitClass          *Class
	GeneratorExitClass       *Class
	WarningClass             *Class
	UserWarningClass         *Class
	DeprecationWarningClass  *Class
	FutureWarningClass       *Class
	EOFErrorClass            *Class
	BufferErrorClass         *Class
	UnpicklingErrorClass     *Class
	exceptionClasses         []*Class
)

func initExceptions() {
	mk := func(name string, base *Class) *Class {
		c := NewClass(name, base)
		c.exceptBase = true
		c.hasDict = true
		exceptionClasses = append(exceptionClasses, c)
		return c
	}
	BaseExceptionClass = mk("BaseException", ObjectClass)
	BaseExceptionClass.New = func(t *Thread, cls *Class, args Args) (Value, error) {
		e := &Exception{Args: append(Tuple(nil), args.Pos...)}
		e.Object.Init(cls)
		return e, nil
	}
	BaseExceptionClass.inherit()
	ExceptionClass = mk("Exception", BaseExceptionClass)
	ArithmeticErrorClass = mk("ArithmeticError", ExceptionClass)
	ZeroDivisionErrorClass = mk("ZeroDivisionError", ArithmeticErrorClass)
	OverflowErrorClass = mk("OverflowError", ArithmeticErrorClass)
	AssertionErrorClass = mk("AssertionError", ExceptionClass)
	AttributeErrorClass = mk("AttributeError", ExceptionClass)
	LookupErrorClass = mk("LookupError", ExceptionClass)
	IndexErrorClass = mk("IndexError", LookupErrorClass)
	KeyErrorClass = mk("KeyError", LookupErrorClass)
	NameErrorClass = mk("NameError", ExceptionClass)
	UnboundLocalErrorClass = mk("UnboundLocalError", NameErrorClass)
	TypeErrorClass = mk("TypeError", ExceptionClass)
	ValueErrorClass = mk("ValueError", ExceptionClass)
	UnicodeErrorClass = mk("UnicodeError", ValueErrorClass)
	UnicodeDecodeErrorClass = mk("UnicodeDecodeError", UnicodeErrorClass)
	RuntimeErrorClass = mk("RuntimeError", ExceptionClass)
	NotImplementedErrorClass = mk("NotImplementedError", RuntimeErrorClass)
	RecursionErrorClass = mk("RecursionError", RuntimeErrorClass)
	StopIterationClass = mk("StopIteration", ExceptionClass)
	MemoryErrorClass = mk("MemoryError", ExceptionClass)
	ImportErrorClass = mk("ImportError", ExceptionClass)
	ModuleNotFoundErrorClass = mk("ModuleNotFoundError", ImportErrorClass)
	OSErrorClass = mk("OSError", ExceptionClass)
	FileNotFoundErrorClass = mk("FileNotFoundError", OSErrorClass)
	FileExistsErrorClass = mk("FileExistsError", OSErrorClass)
	IsADirectoryErrorClass = mk("IsADirectoryError", OSErrorClass)
	NotADirectoryErrorClass = mk("NotADirectoryError", OSErrorClass)
	PermissionErrorClass = mk("PermissionError", OSErrorClass)
	SyntaxErrorClass = mk("SyntaxError", ExceptionClass)
	IndentationErrorClass = mk("IndentationError", SyntaxErrorClass)
	KeyboardInterruptClass = mk("KeyboardInterrupt", BaseExceptionClass)
	SystemExitClass = mk("SystemExit", BaseExceptionClass)
	GeneratorExitClass = mk("GeneratorExit", BaseExceptionClass)
	WarningClass = mk("Warning", ExceptionClass)
	UserWarningClass = mk("UserWarning", WarningClass)
	DeprecationWarningClass = mk("DeprecationWarning", WarningClass)
	FutureWarningClass = mk("FutureWarning", WarningClass)
	EOFErrorClass = mk("EOFError", ExceptionClass)
	BufferErrorClass = mk("BufferError", ExceptionClass)
	UnpicklingErrorClass = mk("UnpicklingError", ExceptionClass)
	UnpicklingErrorClass.Module = "_pickle"
	exceptionClasses = exceptionClasses[:len(exceptionClasses)-1] // not a builtin name

	BaseExceptionClass.SetProperty("args", func(t *Thread, self Value) (Value, error) {
		return self.(*Exception).Args, nil
	}, nil)
	BaseExceptionClass.SetProperty("__cause__", func(t *Thread, self Value) (Value, error) {
		if c := self.(*Exception).Cause; c != nil {
			return c, nil
		}
		return None, nil
	}, nil)
	BaseExceptionClass.SetProperty("__context__", func(t *Thread, self Value) (Value, error) {
		if c := self.(*Exception).Context; c != nil {
			return c, nil
		}
		return None, nil
	}, nil)
	BaseExceptionClass.SetMethod("__init__", func(t *Thread, self Value, args Args) (Value, error) {
		self.(*Exception).Args = append(Tuple(nil), args.Pos...)
		return None, nil
	})
	BaseExceptionClass.SetMethod("__str__", func(t *Thread, self Value, args Args) (Value, error) {
		e := self.(*Exception)
		switch len(e.Args) {
		case 0:
			return Str(""), nil
		case 1:
			if e.Type().IsSubclass(KeyErrorClass) {
				s, err := Repr(t, e.Args[0])
				return Str(s), err
			}
			s, err := ToStr(t, e.Args[0])
			return Str(s), err
		}
		s, err := Repr(t, e.Args)
		return Str(s), err
	})
	BaseExceptionClass.SetMethod("__repr__", func(t *Thread, self Value, args Args) (Value, error) {
		e := self.(*Exception)
		if len(e.Args) == 1 {
			s, err := Repr(t, e.Args[0])
			return Str(e.Type().Name + "(" + s + ")"), err
		}
		s, err := Repr(t, e.Args)
		if len(e.Args) == 0 {
			s = "()"
		}
		return Str(e.Type().Name + s), err
	})
	BaseExceptionClass.SetMethod("with_traceback", func(t *Thread, self Value, args Args) (Value, error) {
		return self, nil
	})
	BaseExceptionClass.SetMethod("add_note", func(t *Thread, self Value, args Args) (Value, error) {
		var s string
		if err := UnpackArgs("add_note", args, "note", &s); err != nil {
			return nil, err
		}
		e := self.(*Exception)
		e.notes = append(e.notes, s)
		return None, nil
	})
	OSErrorClass.SetMethod("__str__", func(t *Thread, self Value, args Args) (Value, error) {
		e := self.(*Exception)
		errno, _ := e.dict.GetStr("errno")
		if len(e.Args) >= 2 && errno != nil && errno != None {
			s := fmt.Sprintf("[Errno %s] %s", strNoThread(e.Args[0]), strNoThread(e.Args[1]))
			if fn, ok := e.dict.GetStr("filename"); ok && fn != None {
				s += ": " + reprNoThread(fn)
			}
			return Str(s), nil
		}
		return BaseExceptionClass.attrs["__str__"].(*Builtin).Fn(t, self, args)
	})
	OSErrorClass.New = func(t *Thread, cls *Class, args Args) (Value, error) {
		e := &Exception{Args: append(Tuple(nil), args.Pos...)}
		e.Object.Init(cls)
		e.dict.SetStr("errno", None)
		e.dict.SetStr("strerror", None)
		e.dict.SetStr("filename", None)
		if len(args.Pos) >= 2 {
			e.dict.SetStr("errno", args.Pos[0])
			e.dict.SetStr("strerror", args.Pos[1])
			if len(args.Pos) >= 3 {
				e.dict.SetStr("filename", args.Pos[2])
				e.Args = e.Args[:2]
			}
		}
		return e, nil
	}
	for _, c := range exceptionClasses {
		if c != OSErrorClass && c.IsSubclass(OSErrorClass) {
			c.New = OSErrorClass.New
		}
	}
	StopIterationClass.SetProperty("value", func(t *Thread, self Value) (Value, error) {
		e := self.(*Exception)
		if len(e.Args) > 0 {
			return e.Args[0], nil
		}
		return None, nil
	}, nil)
	for _, c := range exceptionClasses {
		c.Freeze()
	}
	UnpicklingErrorClass.Freeze()
}

// isException reports whether err is a Python exception of class cls.
func isException(err error, cls *Class) bool {
	e, ok := err.(*Exception)
	return ok && e.Type().IsSubclass(cls)
}

// exceptionLine renders the last line of a traceback: "Type: message".
func exceptionLine(t *Thread, e *Exception) string {
	cls := e.Type()
	name := cls.Name
	if cls.Module != "builtins" && cls.Module != "" && cls.Module != "__main__" {
		name = cls.Module + "." + cls.Name
	}
	var msg string
	if t != nil {
		s, err := ToStr(t, e)
		if err != nil {
			return name + ": <exception str() failed>"
		}
		msg = s
	} else {
		msg = e.message()
	}
	var b strings.Builder
	b.WriteString(name)
	if msg != "" {
		b.WriteString(": ")
		b.WriteString(msg)
	}
	for _, n := range e.notes {
		b.WriteString("\n")
		b.WriteString(n)
	}
	return b.String()
}
