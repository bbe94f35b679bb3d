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
