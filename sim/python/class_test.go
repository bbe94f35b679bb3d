package python

import (
	"bytes"
	"context"
	"fmt"
	"sync"
	"testing"
)

// A frozen class remembers what Lookup found along its MRO, the names it
// lacks included; a definition Go code makes later on the class or a base
// is seen all the same.
func TestFrozenClassLookupSeesLaterDefinitions(t *testing.T) {
	base := NewClass("Base")
	sub := NewClass("Sub", base)
	base.Freeze()
	sub.Freeze()
	if v := sub.Lookup("m"); v != nil {
		t.Fatalf("Sub.m before any definition = %v", v)
	}
	if v := sub.Lookup("__init__"); v != ObjectClass.Lookup("__init__") {
		t.Fatalf("Sub.__init__ = %v, want object's", v)
	}
	base.Set("m", Int(1))
	if v := sub.Lookup("m"); v != Int(1) {
		t.Errorf("after Base.m = 1, Sub.m = %v", v)
	}
	sub.Set("m", Int(2))
	if v := sub.Lookup("m"); v != Int(2) {
		t.Errorf("after Sub.m = 2, Sub.m = %v", v)
	}
	if v := base.Lookup("m"); v != Int(1) {
		t.Errorf("Base.m = %v, want 1", v)
	}
}

// A frozen class answers a name by the address of its bytes or by its
// text alike: a look-up with a copy of a name finds what the name found,
// and after a change to the class both find the new definition.
func TestFrozenClassLookupByAddressOrText(t *testing.T) {
	c := NewClass("C")
	c.Set("m", Int(1))
	c.Freeze()
	names := []string{"m", "z"}
	for i := 0; i < 2; i++ {
		for _, name := range names {
			copied := string(append([]byte(nil), name...))
			want := Value(nil)
			if name == "m" {
				want = Int(1 + i)
			}
			for _, n := range []string{name, copied, name} {
				if v := c.Lookup(n); v != want {
					t.Errorf("round %d: C.%s = %v, want %v", i, n, v, want)
				}
			}
		}
		c.Set("m", Int(2))
	}
}

// A learner's class is never cached: it sees its own changes, and so do
// its instances, even when it subclasses a frozen Go class.
func TestLearnerSubclassSeesItsChanges(t *testing.T) {
	src := `class L(list):
    pass
l = L()
print(hasattr(l, 'f'), len(l))
L.f = lambda self: 1
print(l.f())
L.f = lambda self: 2
print(l.f())
del L.f
print(hasattr(l, 'f'))
L.__len__ = lambda self: 7
print(len(l))
`
	var out bytes.Buffer
	th := NewThread(context.Background(), &out, &out, nil, Limits{})
	defer th.Close()
	if err := th.Exec(NewMainModule(), src); err != nil {
		t.Fatal(FormatError(th, err))
	}
	if want := "False 0\n1\n2\nFalse\n7\n"; out.String() != want {
		t.Errorf("printed %q, want %q", out.String(), want)
	}
}

// The cache of a class holds a bounded number of names, so a program
// asking for endless made-up attributes cannot grow it; lookups from
// several runs at once are safe.
func TestFrozenClassLookupCacheIsBoundedAndShared(t *testing.T) {
	c := NewClass("C")
	c.Freeze()
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 3*maxCachedLookups; i++ {
				if v := c.Lookup(fmt.Sprint("made_up_", i)); v != nil {
					t.Errorf("found made_up_%d", i)
					return
				}
			}
		}()
	}
	wg.Wait()
	if n := len(c.lookups.Load().found); n > maxCachedLookups {
		t.Errorf("the cache holds %d names, more than %d", n, maxCachedLookups)
	}
}

// A Go method or function that indexes past the arguments it was given
// raises CPython's TypeError instead of failing the run; any other panic
// in it still fails the run, as a bug of the simulator.
func TestGoFunctionsCalledWithTooFewArguments(t *testing.T) {
	cls := NewClass("Box")
	cls.SetMethod("first", func(t *Thread, self Value, args Args) (Value, error) { return args.Pos[0], nil })
	cls.SetClassMethod("third", func(t *Thread, c *Class, args Args) (Value, error) { return args.Pos[2], nil })
	cls.SetMethod("broken", func(t *Thread, self Value, args Args) (Value, error) { panic("a bug") })
	m := NewMainModule()
	m.dict.SetStr("Box", cls)
	m.dict.SetStr("head", NewBuiltin("head", func(t *Thread, args Args) (Value, error) { return args.Pos[0], nil }))
	src := `b = Box()
print(b.first(1), Box.third(1, 2, 3), head(4))
for f in [lambda: b.first(), lambda: Box.third(), lambda: head()]:
    try:
        f()
    except TypeError as e:
        print(e)
`
	var out bytes.Buffer
	th := NewThread(context.Background(), &out, &out, nil, Limits{})
	defer th.Close()
	if err := th.Exec(m, src); err != nil {
		t.Fatal(FormatError(th, err))
	}
	want := "1 3 4\nBox.first() missing required argument (0 given)\nthird() missing required argument (0 given)\nhead() missing required argument (0 given)\n"
	if out.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", out.String(), want)
	}
	err := th.Exec(m, "b.broken()\n")
	if _, ok := err.(*InternalError); !ok {
		t.Errorf("a method that panics: err = %v, want an InternalError", err)
	}
}

// A method call site remembers a Go type whose values have no attribute
// dict; a value of another type that holds the method's name in its own
// dict still shadows the class's method there.
func TestMethodCallSiteSeesShadowingAfterPlainTypes(t *testing.T) {
	src := `class C:
    def count(self, x):
        return 'method'
c = C()
d = C()
d.count = lambda x: 'attr'
for o in [[1, 1], c, (1,), d, [1], d, c]:
    print(o.count(1))
for i in range(3):
    print(c.count(i))
    if i == 1:
        c.count = lambda x: 'attr of c'
`
	var out bytes.Buffer
	th := NewThread(context.Background(), &out, &out, nil, Limits{})
	defer th.Close()
	if err := th.Exec(NewMainModule(), src); err != nil {
		t.Fatal(FormatError(th, err))
	}
	if want := "2\nmethod\n1\nattr\n1\nattr\nmethod\nmethod\nmethod\nattr of c\n"; out.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", out.String(), want)
	}
}

// valueType tells Go types apart: the same for two values of one type,
// different for values of two.
func TestValueType(t *testing.T) {
	if valueType(Str("a")) != valueType(Str("bc")) || valueType(NewList(nil)) != valueType(NewList([]Value{Int(1)})) {
		t.Error("two values of one Go type have different valueTypes")
	}
	if valueType(Str("a")) == valueType(NewList(nil)) || valueType(Int(1)) == valueType(Float(1)) {
		t.Error("values of two Go types have the same valueType")
	}
	if valueType(nil) != nil {
		t.Error("a nil Value has a valueType")
	}
}

// hasDictOf builds what a conversion to HasDict returns, from the method
// table of the value's Go type.
func TestHasDictOf(t *testing.T) {
	obj := &Object{dict: NewDict()}
	fn := &Function{}
	for _, v := range []Value{obj, fn, NewList(nil), NewDict()} {
		want := v.(HasDict)
		got := hasDictOf(v, methodTable(want))
		if got != want || got.Dict() != want.Dict() {
			t.Errorf("%T: hasDictOf = %v (dict %p), want %v (dict %p)", v, got, got.Dict(), want, want.Dict())
		}
	}
}
