package torch

import (
	"bytes"

	"github.com/ckptlab/ckptlab/sim/pth"
	"github.com/ckptlab/ckptlab/sim/python"
)

// The safetensors package's torch API (safetensors.torch: save_file,
// load_file, save, load), on sim/pth's reader and writer.

var safetensorErrorClass = func() *python.Class {
	c := python.NewClass("SafetensorError", python.ExceptionClass)
	c.Module = "safetensors_rust"
	c.Freeze()
	return c
}()

func init() {
	register("safetensors", func(m *python.Module) {
		m.Set("SafetensorError", safetensorErrorClass)
	})
	register("safetensors.torch", func(m *python.Module) {
		m.SetFunc("save_file", func(th *python.Thread, args python.Args) (python.Value, error) {
			var tensors, filename python.Value
			var metadata python.Value = python.None
			if err := python.UnpackArgs("save_file", args, "tensors", &tensors, "filename", &filename, "metadata?", &metadata); err != nil {
				return nil, err
			}
			name, err := pathArg(th, filename, "save_file")
			if err != nil {
				return nil, err
			}
			data, err := safetensorsBytes(th, tensors, metadata)
			if err != nil {
				return nil, err
			}
			if err := th.Alloc(int64(len(data))); err != nil {
				return nil, err
			}
			return python.None, th.Workspace().WriteFile(name, data)
		})
		m.SetFunc("save", func(th *python.Thread, args python.Args) (python.Value, error) {
			var tensors python.Value
			var metadata python.Value = python.None
			if err := python.UnpackArgs("save", args, "tensors", &tensors, "metadata?", &metadata); err != nil {
				return nil, err
			}
			data, err := safetensorsBytes(th, tensors, metadata)
			if err != nil {
				return nil, err
			}
			return python.Bytes(data), nil
		})
		m.SetFunc("load_file", func(th *python.Thread, args python.Args) (python.Value, error) {
			var filename python.Value
			var device python.Value = python.Str("cpu")
			if err := python.UnpackArgs("load_file", args, "filename", &filename, "device?", &device); err != nil {
				return nil, err
			}
			if err := checkDevice(device); err != nil {
				return nil, err
			}
			name, err := pathArg(th, filename, "load_file")
			if err != nil {
				return nil, err
			}
			data, err := th.Workspace().ReadFile(name)
			if err != nil {
				return nil, err
			}
			return loadSafetensors(th, data)
		})
		m.SetFunc("load", func(th *python.Thread, args python.Args) (python.Value, error) {
			var data python.Value
			if err := python.UnpackArgs("load", args, "data", &data); err != nil {
				return nil, err
			}
			b, ok := data.(python.Bytes)
			if !ok {
				return nil, python.Errorf(python.TypeErrorClass, "argument 'data': '%s' object cannot be converted to 'PyBytes'", data.Type().Name)
			}
			return loadSafetensors(th, []byte(b))
		})
	})
}

func safetensorsBytes(th *python.Thread, tensors, metadata python.Value) ([]byte, error) {
	d, ok := tensors.(*python.Dict)
	if !ok {
		return nil, python.Errorf(python.AttributeErrorClass, "'%s' object has no attribute 'items'", tensors.Type().Name)
	}
	s := &saver{th: th}
	out := pth.NewDict(pth.PlainDict)
	keys, vals := d.Items()
	for i, k := range keys {
		if _, ok := vals[i].(*Tensor); !ok {
			return nil, python.Errorf(python.ValueErrorClass, "Key `%s` is invalid, expected torch.Tensor but received %s", pyStr(k), typeRepr(vals[i]))
		}
		ck, err := s.convert(k)
		if err != nil {
			return nil, err
		}
		cv, err := s.convert(vals[i])
		if err != nil {
			return nil, err
		}
		if err := out.Set(ck, cv); err != nil {
			return nil, python.Errorf(python.TypeErrorClass, "%s", err.Error())
		}
	}
	var meta map[string]string
	if md, ok := metadata.(*python.Dict); ok {
		meta = map[string]string{}
		mk, mv := md.Items()
		for i, k := range mk {
			ks, ok1 := k.(python.Str)
			vs, ok2 := mv[i].(python.Str)
			if !ok1 || !ok2 {
				return nil, python.Errorf(python.TypeErrorClass, "argument 'metadata': 'int' object cannot be converted to 'PyString'")
			}
			meta[string(ks)] = string(vs)
		}
	}
	var buf bytes.Buffer
	if err := pth.WriteSafetensors(&buf, out, meta); err != nil {
		cls, msg := pth.PythonException(err)
		return nil, python.Errorf(exceptionClass(cls), "%s", msg)
	}
	return buf.Bytes(), nil
}

func loadSafetensors(th *python.Thread, data []byte) (python.Value, error) {
	d, err := pth.ReadSafetensors(bytes.NewReader(data), int64(len(data)), 0)
	if err != nil {
		cls, msg := pth.PythonException(err)
		return nil, python.Errorf(exceptionClass(cls), "%s", msg)
	}
	l := &loader{th: th}
	return l.convert(d)
}

func pyStr(v python.Value) string {
	s, err := python.ToStr(nil, v)
	if err != nil {
		return "?"
	}
	return s
}
