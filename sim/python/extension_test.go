package python

import (
	"strings"
	"testing"
)

// A miniature nn.Module built the way sim/torch builds its classes, to show
// (and keep working) the extension API: a Go class learner code subclasses,
// with attribute hooks, a Go __init__ reached through super(), a Go __call__
// that calls the learner's forward, and an inherited Go __repr__.

type testModule struct {
	Object
	children []string
	params   *Dict
	inited   bool
}

var testModuleClass, testLinearClass *Class

func init() {
	testModuleClass = NewClass("Module")
	testModuleClass.Module = "fake.nn"
	testModuleClass.New = func(t *Thread, cls *Class, args Args) (Value, error) {
		m := &testModule{params: NewDict()}
		m.Object.Init(cls)
		return m, nil
	}
	testModuleClass.SetMethod("__init__", func(t *Thread, self Value, args Args) (Value, error) {
		self.(*testModule).inited = true
		return None, nil
	})
	testModuleClass.SetAttrHook = func(t *Thread, self Value, name string, v Value) error {
		m := self.(*testModule)
		if _, isMod := v.(*testModule); isMod {
			if !m.inited {
				return Errorf(AttributeErrorClass, "cannot assign module before Module.__init__() call")
			}
			m.children = append(m.children, name)
			m.params.SetStr(name, v)
			return nil
		}
		return SetAttrDefault(t, self, name, v)
	}
	testModuleClass.GetAttrHook = func(t *Thread, self Value, name string) (Value, error) {
		if v, ok := self.(*testModule).params.GetStr(name); ok {
			return v, nil
		}
		return nil, nil
	}
	testModuleClass.SetMethod("__call__", func(t *Thread, self Value, args Args) (Value, error) {
		return CallMethod(t, self, "forward", args)
	})
	testModuleClass.SetMethod("__repr__", func(t *Thread, self Value, args Args) (Value, error) {
		m := self.(*testModule)
		var b strings.Builder
		b.WriteString(m.Type().Name + "(")
		for _, c := range m.children {
			v, _ := m.params.GetStr(c)
			s, err := Repr(t, v)
			if err != nil {
				return nil, err
			}
			b.WriteString("\n  (" + c + "): " + s)
		}
		if len(m.children) > 0 {
			b.WriteString("\n")
		}
		b.WriteString(")")
		return Str(b.String()), nil
	})
	testModuleClass.Freeze()

	testLinearClass = NewClass("Linear", testModuleClass)
	testLinearClass.Module = "fake.nn"
	testLinearClass.SetMethod("__init__", func(t *Thread, self Value, args Args) (Value, error) {
		var in, out int
		if err := UnpackArgs("Linear.__init__", args, "in_features", &in, "out_features", &out); err != nil {
			return nil, err
		}
		m := self.(*testModule)
		m.inited = true
		m.Dict().SetStr("in_features", Int(in))
		m.Dict().SetStr("out_features", Int(out))
		return None, nil
	})
	testLinearClass.SetMethod("forward", func(t *Thread, self Value, args Args) (Value, error) {
		var x Value
		if err := UnpackArgs("forward", args, "input", &x); err != nil {
			return nil, err
		}
		return Binary(t, Mul, x, Int(2))
	})
	testLinearClass.SetMethod("__repr__", func(t *Thread, self Value, args Args) (Value, error) {
		d := self.(*testModule).Dict()
		in, _ := d.GetStr("in_features")
		out, _ := d.GetStr("out_features")
		return Str("Linear(in_features=" + intRepr(in) + ", out_features=" + intRepr(out) + ")"), nil
	})
	testLinearClass.Freeze()

	RegisterModule("fake", func(t *Thread, m *Module) error {
		m.SetFunc("double", func(t *Thread, args Args) (Value, error) {
			var f Value
			if err := UnpackArgs("double", args, "fn", &f); err != nil {
				return nil, err
			}
			return Call(t, f, PosArgs(Int(21)))
		})
		m.SetFunc("load", func(t *Thread, args Args) (Value, error) {
			var name string
			if err := UnpackArgs("load", args, "f", &name); err != nil {
				return nil, err
			}
			data, err := t.Workspace().ReadFile(name)
			if err != nil {
				return nil, err
			}
			return Str(data), nil
		})
		m.SetFunc("line", func(t *Thread, args Args) (Value, error) { return Int(t.Line()), nil })
		return nil
	})
	RegisterModule("fake.nn", func(t *Thread, m *Module) error {
		m.Set("Module", testModuleClass)
		m.Set("Linear", testLinearClass)
		return nil
	})
}

func TestExtensionAPI(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"subclass, super().__init__, hooks, forward from Go", `
import fake.nn as nn
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(4, 2)
        self.scale = 3
    def forward(self, x):
        return self.fc1(x) + self.scale
net = Net()
print(net(5), net.scale, net.fc1)
print(net)
print(isinstance(net, nn.Module), isinstance(net.fc1, nn.Module), issubclass(Net, nn.Module))
`, "13 3 Linear(in_features=4, out_features=2)\nNet(\n  (fc1): Linear(in_features=4, out_features=2)\n)\nTrue True True\n"},
		{"forgetting super().__init__()", `
from fake import nn
class Net(nn.Module):
    def __init__(self):
        self.fc = nn.Linear(1, 1)
Net()
`, "Traceback (most recent call last):\n  File \"main.py\", line 5, in <module>\n    Net()\n  File \"main.py\", line 4, in __init__\n    self.fc = nn.Linear(1, 1)\n    ^^^^^^^\nAttributeError: cannot assign module before Module.__init__() call\n"},
		{"Go argument errors", `
import fake.nn
fake.nn.Linear(1, 2, 3)
`, "Traceback (most recent call last):\n  File \"main.py\", line 2, in <module>\n    fake.nn.Linear(1, 2, 3)\nTypeError: Linear.__init__() takes 2 positional arguments but 3 were given\n"},
		{"Go calls a lambda", "import fake\nprint(fake.double(lambda x: x * 2))\n", "42\n"},
		{"workspace and FileNotFoundError", "import fake\nprint(fake.load('a.txt'))\nfake.load('b.pt')\n",
			"hello\nTraceback (most recent call last):\n  File \"main.py\", line 3, in <module>\n    fake.load('b.pt')\nFileNotFoundError: [Errno 2] No such file or directory: 'b.pt'\n"},
		{"current line", "import fake\n\nprint(fake.line())\n", "3\n"},
		{"frozen classes", "import fake.nn as nn\nnn.Linear.x = 1\n",
			"Traceback (most recent call last):\n  File \"main.py\", line 2, in <module>\n    nn.Linear.x = 1\n    ^^^^^^^^^^^\nTypeError: cannot set 'x' attribute of immutable type 'Linear'\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := runSource(t, strings.TrimPrefix(tc.src, "\n"), map[string][]byte{"a.txt": []byte("hello")})
			if got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}
