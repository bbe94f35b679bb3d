package python

// The io module: in-memory BytesIO and StringIO buffers.

// MemFile is an io.BytesIO or io.StringIO. Go modules can read and write
// its contents (torch.save into a buffer) through Bytes and SetBytes.
type MemFile struct {
	data   []byte
	pos    int
	text   bool
	closed bool
}

var bytesIOClass, stringIOClass *Class

func (f *MemFile) Type() *Class {
	if f.text {
		return stringIOClass
	}
	return bytesIOClass
}

// Bytes returns the buffer's whole contents.
func (f *MemFile) Bytes() []byte { return f.data }

// Write appends at the current position, as file.write does.
func (f *MemFile) Write(b []byte) {
	if f.pos > len(f.data) {
		f.data = append(f.data, make([]byte, f.pos-len(f.data))...)
	}
	n := copy(f.data[f.pos:], b)
	f.data = append(f.data, b[n:]...)
	f.pos += len(b)
}

// ReadAll returns the contents from the current position and moves to the end.
func (f *MemFile) ReadAll() []byte {
	if f.pos >= len(f.data) {
		return nil
	}
	b := f.data[f.pos:]
	f.pos = len(f.data)
	return b
}

func initIOClasses() {
	for _, text := range []bool{false, true} {
		text := text
		name := "BytesIO"
		if text {
			name = "StringIO"
		}
		c := NewClass(name)
		c.Module = "_io"
		c.New = func(t *Thread, cls *Class, args Args) (Value, error) {
			f := &MemFile{text: text}
			if len(args.Pos) > 0 && args.Pos[0] != None {
				switch v := args.Pos[0].(type) {
				case Bytes:
					if text {
						return nil, Errorf(TypeErrorClass, "initial_value must be str or None, not bytes")
					}
					f.data = []byte(v)
				case Str:
					if !text {
						return nil, Errorf(TypeErrorClass, "a bytes-like object is required, not 'str'")
					}
					f.data = []byte(v)
				default:
					return nil, Errorf(TypeErrorClass, "initial_value must be str or None, not %s", typeName(v))
				}
			}
			return f, nil
		}
		val := func(b []byte) Value {
			if text {
				return Str(b)
			}
			return Bytes(b)
		}
		c.SetMethod("write", func(t *Thread, self Value, args Args) (Value, error) {
			f := self.(*MemFile)
			if f.closed {
				return nil, Errorf(ValueErrorClass, "I/O operation on closed file.")
			}
			if len(args.Pos) != 1 {
				return nil, Errorf(TypeErrorClass, "write() takes exactly one argument (%d given)", len(args.Pos))
			}
			var b []byte
			switch v := args.Pos[0].(type) {
			case Str:
				if !text {
					return nil, Errorf(TypeErrorClass, "a bytes-like object is required, not 'str'")
				}
				b = []byte(v)
			case Bytes:
				if text {
					return nil, Errorf(TypeErrorClass, "string argument expected, got 'bytes'")
				}
				b = []byte(v)
			default:
				if text {
					return nil, Errorf(TypeErrorClass, "string argument expected, got '%s'", typeName(v))
				}
				return nil, Errorf(TypeErrorClass, "a bytes-like object is required, not '%s'", typeName(v))
			}
			if err := t.Alloc(int64(len(b))); err != nil {
				return nil, err
			}
			f.Write(b)
			if text {
				return Int(len([]rune(string(b)))), nil
			}
			return Int(len(b)), nil
		})
		c.SetMethod("getvalue", func(t *Thread, self Value, args Args) (Value, error) {
			return val(append([]byte(nil), self.(*MemFile).data...)), nil
		})
		c.SetMethod("read", func(t *Thread, self Value, args Args) (Value, error) {
			f := self.(*MemFile)
			var n int64 = -1
			if err := UnpackArgs("read", args, "size?", &n); err != nil {
				return nil, err
			}
			if n < 0 {
				return val(append([]byte(nil), f.ReadAll()...)), nil
			}
			end := f.pos + int(n)
			if end > len(f.data) {
				end = len(f.data)
			}
			if f.pos > end {
				return val(nil), nil
			}
			b := f.data[f.pos:end]
			f.pos = end
			return val(append([]byte(nil), b...)), nil
		})
		c.SetMethod("seek", func(t *Thread, self Value, args Args) (Value, error) {
			f := self.(*MemFile)
			var off, whence int64
			if err := UnpackArgs("seek", args, "pos", &off, "whence?", &whence); err != nil {
				return nil, err
			}
			switch whence {
			case 1:
				off += int64(f.pos)
			case 2:
				off += int64(len(f.data))
			}
			if off < 0 {
				return nil, Errorf(ValueErrorClass, "negative seek value %d", off)
			}
			f.pos = int(off)
			return Int(off), nil
		})
		c.SetMethod("tell", func(t *Thread, self Value, args Args) (Value, error) { return Int(self.(*MemFile).pos), nil })
		c.SetMethod("close", func(t *Thread, self Value, args Args) (Value, error) {
			self.(*MemFile).closed = true
			return None, nil
		})
		c.SetMethod("__enter__", func(t *Thread, self Value, args Args) (Value, error) { return self, nil })
		c.SetMethod("__exit__", func(t *Thread, self Value, args Args) (Value, error) {
			self.(*MemFile).closed = true
			return None, nil
		})
		c.SetMethod("flush", func(t *Thread, self Value, args Args) (Value, error) { return None, nil })
		c.SetMethod("getbuffer", func(t *Thread, self Value, args Args) (Value, error) {
			return Bytes(self.(*MemFile).data), nil
		})
		c.SetProperty("closed", func(t *Thread, self Value) (Value, error) { return Bool(self.(*MemFile).closed), nil }, nil)
		c.Freeze()
		if text {
			stringIOClass = c
		} else {
			bytesIOClass = c
		}
	}
}

func initIO(t *Thread, m *Module) error {
	m.Set("BytesIO", bytesIOClass)
	m.Set("StringIO", stringIOClass)
	return nil
}
