package python

import (
	"bytes"
	"context"
	"testing"
)

// CallMethod calls a class's method without binding it, unless the
// instance's own attribute of that name shadows it; calling an instance
// runs its class's __call__, whatever kind of callable that is.
func TestCallMethodAndCallableInstances(t *testing.T) {
	src := `class A:
    def f(self, x):
        return ('A.f', x)
    def __call__(self, x):
        return ('A()', x)
class B:
    __call__ = staticmethod(lambda x: ('B()', x))
a = A()
shadowed = A()
shadowed.f = lambda x: ('instance f', x)
b = B()
`
	var out bytes.Buffer
	th := NewThread(context.Background(), &out, &out, nil, Limits{})
	m := NewMainModule()
	if err := th.Exec(m, src); err != nil {
		t.Fatal(FormatError(th, err))
	}
	defer th.Close()
	get := func(name string) Value {
		v, _ := m.Get(name)
		return v
	}
	tests := []struct {
		name string
		call func() (Value, error)
		want string
	}{
		{"a.f(1)", func() (Value, error) { return CallMethod(th, get("a"), "f", PosArgs(Int(1))) }, "('A.f', 1)"},
		{"shadowed.f(2)", func() (Value, error) { return CallMethod(th, get("shadowed"), "f", PosArgs(Int(2))) }, "('instance f', 2)"},
		{"[1].index(1)", func() (Value, error) { return CallMethod(th, NewList([]Value{Int(1)}), "index", PosArgs(Int(1))) }, "0"},
		{"a(3)", func() (Value, error) { return Call(th, get("a"), PosArgs(Int(3))) }, "('A()', 3)"},
		{"b(4)", func() (Value, error) { return Call(th, get("b"), PosArgs(Int(4))) }, "('B()', 4)"},
	}
	for _, tc := range tests {
		v, err := tc.call()
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if got, _ := Repr(th, v); got != tc.want {
			t.Errorf("%s = %s, want %s", tc.name, got, tc.want)
		}
	}
}

// Argument slices cut from a thread's chunks never overlap, and an append
// to one copies it rather than writing into the next.
func TestNewArgsSlicesAreTheirOwn(t *testing.T) {
	th := NewThread(context.Background(), &bytes.Buffer{}, &bytes.Buffer{}, nil, Limits{})
	var kept [][]Value
	for i := 0; i < 300; i++ {
		n := i % 5
		s := th.newArgs(n)
		if len(s) != n || cap(s) != n {
			t.Fatalf("newArgs(%d): len %d cap %d", n, len(s), cap(s))
		}
		for j := range s {
			s[j] = Int(i)
		}
		kept = append(kept, s)
	}
	grown := append(kept[1], Str("appended"))
	for i, s := range kept {
		for _, v := range s {
			if v != Int(i) {
				t.Fatalf("slice %d holds %v, want %d", i, v, i)
			}
		}
	}
	if len(grown) != 2 || grown[0] != Int(1) {
		t.Errorf("append to an argument slice gave %v", grown)
	}
}
