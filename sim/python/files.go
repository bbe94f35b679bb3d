package python

import (
	"strings"
)

// file is an open file of the workspace (what open() returns).
type file struct {
	ws     *Workspace
	name   string
	mode   string
	binary bool
	data   []byte
	pos    int
	closed bool
	write  bool
}

func (f *file) Type() *Class {
	if f.binary {
		if f.write {
			return bufferedWriterClass
		}
		return bufferedReaderClass
	}
	return FileClass
}

var bufferedWriterClass, bufferedReaderClass *Class

func builtinOpen(t *Thread, args Args) (Value, error) {
	var name Value
	mode := "r"
	var buffering, encoding, errors, newline Value
	if err := UnpackArgs("open", args, "file", &name, "mode?", &mode, "buffering?", &buffering, "encoding?", &encoding, "errors?", &errors, "newline?", &newline); err != nil {
		return nil, err
	}
	path, ok, err := FSPath(t, name)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, Errorf(TypeErrorClass, "expected str, bytes or os.PathLike object, not %s", typeName(name))
	}
	f := &file{ws: t.ws, name: path, mode: mode, binary: strings.Contains(mode, "b")}
	m := strings.ReplaceAll(strings.ReplaceAll(mode, "b", ""), "t", "")
	plus := strings.Contains(m, "+")
	m = strings.ReplaceAll(m, "+", "")
	switch m {
	case "r":
		data, err := t.ws.ReadFile(f.name)
		if err != nil {
			return nil, err
		}
		f.data = append([]byte(nil), data...)
		f.write = plus
	case "w":
		if err := t.ws.WriteFile(f.name, nil); err != nil {
			return nil, err
		}
		f.write = true
	case "a":
		data, _ := t.ws.ReadFile(f.name)
		if err := t.ws.WriteFile(f.name, data); err != nil {
			return nil, err
		}
		f.data = append([]byte(nil), data...)
		f.pos = len(f.data)
		f.write = true
	case "x":
		if t.ws.Exists(f.name) {
			return nil, OSError(FileExistsErrorClass, 17, "File exists", f.name)
		}
		if err := t.ws.WriteFile(f.name, nil); err != nil {
			return nil, err
		}
		f.write = true
	default:
		return nil, Errorf(ValueErrorClass, "invalid mode: '%s'", mode)
	}
	return f, nil
}

func (f *file) check() error {
	if f.closed {
		return Errorf(ValueErrorClass, "I/O operation on closed file.")
	}
	return nil
}

func (f *file) value(s []byte) Value {
	if f.binary {
		return Bytes(s)
	}
	return Str(s)
}

func initFiles() {
	bufferedWriterClass = NewClass("BufferedWriter")
	bufferedReaderClass = NewClass("BufferedReader")
	UnsupportedOperationClass = NewClass("UnsupportedOperation", OSErrorClass)
	UnsupportedOperationClass.Module = "io"
	UnsupportedOperationClass.Freeze()
	stdStreamClass = NewClass("TextIOWrapper")
	for _, c := range []*Class{FileClass, bufferedReaderClass, bufferedWriterClass} {
		c.Module = "_io"
		method(c, "read", func(t *Thread, self Value, args Args) (Value, error) {
			f := self.(*file)
			if err := f.check(); err != nil {
				return nil, err
			}
			var n int64 = -1
			if err := UnpackArgs("read", args, "size?", &n); err != nil {
				return nil, err
			}
			rest := f.data[f.pos:]
			if n >= 0 && int(n) < len(rest) {
				rest = rest[:n]
			}
			f.pos += len(rest)
			return f.value(rest), nil
		})
		method(c, "readline", func(t *Thread, self Value, args Args) (Value, error) {
			f := self.(*file)
			if err := f.check(); err != nil {
				return nil, err
			}
			rest := f.data[f.pos:]
			if i := strings.IndexByte(string(rest), '\n'); i >= 0 {
				rest = rest[:i+1]
			}
			f.pos += len(rest)
			return f.value(rest), nil
		})
		method(c, "readlines", func(t *Thread, self Value, args Args) (Value, error) {
			f := self.(*file)
			if err := f.check(); err != nil {
				return nil, err
			}
			var out []Value
			for f.pos < len(f.data) {
				rest := f.data[f.pos:]
				if i := strings.IndexByte(string(rest), '\n'); i >= 0 {
					rest = rest[:i+1]
				}
				f.pos += len(rest)
				out = append(out, f.value(rest))
			}
			return NewList(out), nil
		})
		method(c, "write", func(t *Thread, self Value, args Args) (Value, error) {
			f := self.(*file)
			if err := f.check(); err != nil {
				return nil, err
			}
			if len(args.Pos) != 1 {
				return nil, Errorf(TypeErrorClass, "write() takes exactly one argument (%d given)", len(args.Pos))
			}
			if !f.write {
				return nil, Errorf(UnsupportedOperationClass, "not writable")
			}
			var b []byte
			n := 0
			switch v := args.Pos[0].(type) {
			case Str:
				if f.binary {
					return nil, Errorf(TypeErrorClass, "a bytes-like object is required, not 'str'")
				}
				b, n = []byte(v), len([]rune(string(v)))
			case Bytes:
				if !f.binary {
					return nil, Errorf(TypeErrorClass, "write() argument must be str, not bytes")
				}
				b, n = []byte(v), len(v)
			default:
				if f.binary {
					return nil, Errorf(TypeErrorClass, "a bytes-like object is required, not '%s'", typeName(v))
				}
				return nil, Errorf(TypeErrorClass, "write() argument must be str, not %s", typeName(v))
			}
			if err := t.Alloc(int64(len(b))); err != nil {
				return nil, err
			}
			f.data = append(f.data[:f.pos], b...)
			f.pos = len(f.data)
			if err := f.ws.WriteFile(f.name, f.data); err != nil {
				return nil, err
			}
			return Int(n), nil
		})
		method(c, "close", func(t *Thread, self Value, args Args) (Value, error) {
			self.(*file).closed = true
			return None, nil
		})
		method(c, "flush", func(t *Thread, self Value, args Args) (Value, error) { return None, nil })
		method(c, "__enter__", func(t *Thread, self Value, args Args) (Value, error) {
			if err := self.(*file).check(); err != nil {
				return nil, err
			}
			return self, nil
		})
		method(c, "__exit__", func(t *Thread, self Value, args Args) (Value, error) {
			self.(*file).closed = true
			return None, nil
		})
		method(c, "__iter__", func(t *Thread, self Value, args Args) (Value, error) {
			f := self.(*file)
			if err := f.check(); err != nil {
				return nil, err
			}
			return newGoIterator(IteratorClass, func(t *Thread) (Value, bool, error) {
				if f.pos >= len(f.data) {
					return nil, false, nil
				}
				rest := f.data[f.pos:]
				if i := strings.IndexByte(string(rest), '\n'); i >= 0 {
					rest = rest[:i+1]
				}
				f.pos += len(rest)
				return f.value(rest), true, nil
			}), nil
		})
		c.SetProperty("name", func(t *Thread, self Value) (Value, error) { return Str(self.(*file).name), nil }, nil)
		c.SetProperty("closed", func(t *Thread, self Value) (Value, error) { return Bool(self.(*file).closed), nil }, nil)
		c.SetProperty("mode", func(t *Thread, self Value) (Value, error) { return Str(self.(*file).mode), nil }, nil)
		method(c, "__repr__", func(t *Thread, self Value, args Args) (Value, error) {
			f := self.(*file)
			if f.binary {
				return Str("<_io." + f.Type().Name + " name=" + strRepr(f.name) + ">"), nil
			}
			return Str("<_io.TextIOWrapper name=" + strRepr(f.name) + " mode=" + strRepr(f.mode) + " encoding='UTF-8'>"), nil
		})
		c.Freeze()
	}
	stdStreamClass.Module = "_io"
	method(stdStreamClass, "write", func(t *Thread, self Value, args Args) (Value, error) {
		if len(args.Pos) != 1 {
			return nil, Errorf(TypeErrorClass, "write() takes exactly one argument (%d given)", len(args.Pos))
		}
		s, ok := args.Pos[0].(Str)
		if !ok {
			return nil, Errorf(TypeErrorClass, "write() argument must be str, not %s", typeName(args.Pos[0]))
		}
		if self.(*stdStream).err {
			return Int(len([]rune(string(s)))), t.WriteErr(string(s))
		}
		return Int(len([]rune(string(s)))), t.Write(string(s))
	})
	method(stdStreamClass, "flush", func(t *Thread, self Value, args Args) (Value, error) { return None, nil })
	method(stdStreamClass, "__repr__", func(t *Thread, self Value, args Args) (Value, error) {
		if self.(*stdStream).err {
			return Str("<_io.TextIOWrapper name='<stderr>' mode='w' encoding='utf-8'>"), nil
		}
		return Str("<_io.TextIOWrapper name='<stdout>' mode='w' encoding='utf-8'>"), nil
	})
	stdStreamClass.Freeze()
}

// UnsupportedOperationClass is io.UnsupportedOperation.
var UnsupportedOperationClass *Class

// stdStream is sys.stdout or sys.stderr.
type stdStream struct{ err bool }

var stdStreamClass *Class

func (*stdStream) Type() *Class { return stdStreamClass }

var (
	stdout = &stdStream{}
	stderr = &stdStream{err: true}
)
