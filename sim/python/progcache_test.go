package python

import (
	"bytes"
	"context"
	"testing"
)

// A program kept for reuse forgets the run that used it: the caches its
// nodes filled (the run's globals, its classes and methods) are cleared when
// the thread closes, so a big object a learner made is not kept alive by
// the program cache. A method of a builtin type, which lives as long as
// the process, stays cached for the next run.
func TestCachedProgramForgetsItsRun(t *testing.T) {
	const src = `class Box:
    def get(self):
        return big

big = [0] * 1000
big.append(1)
b = Box()
for _ in range(3):
    b.get()
print(len(big))
`
	var out bytes.Buffer
	th := NewThread(context.Background(), &out, &out, nil, Limits{})
	if err := th.Exec(NewMainModule(), src); err != nil {
		t.Fatal(err)
	}
	if len(th.parsed) != 1 {
		t.Fatalf("the thread parsed %d programs, want 1", len(th.parsed))
	}
	prog := th.parsed[0].prog
	filled := 0
	for _, n := range prog.cachedNames {
		if n.cacheG != nil {
			filled++
		}
	}
	for _, a := range prog.cachedAttrs {
		if a.mval != nil {
			filled++
		}
	}
	if filled == 0 {
		t.Fatal("the run filled no node cache; the test checks nothing")
	}

	th.Close()
	for _, n := range prog.cachedNames {
		if n.cacheG != nil || n.cacheD != nil {
			t.Errorf("global %q still caches the finished run's dict", n.Id)
		}
	}
	for _, a := range prog.cachedAttrs {
		switch {
		case a.Name == "append" && a.mcls != ListClass:
			t.Errorf("method call .append forgot list's method")
		case a.Name != "append" && (a.mcls != nil || a.mval != nil):
			t.Errorf("method call .%s still caches the finished run's class", a.Name)
		case a.mabsent != nil:
			t.Errorf("method call .%s still caches the finished run's instance dict", a.Name)
		}
	}
	if got := programs.get(src); got != prog {
		t.Errorf("the program was not kept for reuse")
	}
}

// A run gives its program back to the entry it took it from; when the
// cache was emptied meanwhile (it was full), the program goes into the new
// cache, and is counted there.
func TestProgramGivenBackAfterTheCacheWasEmptied(t *testing.T) {
	c := &progCache{idle: map[string]*idlePrograms{}}
	src := "x = 1\n"
	prog, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	c.put(src, prog, nil)
	p, e := c.take(src)
	if p != prog || e == nil || c.count != 0 {
		t.Fatalf("take = %p, %v (count %d), want the program put and its entry", p, e, c.count)
	}
	if again, _ := c.take(src); again != nil {
		t.Fatalf("a second take found %p, want none: the one program is out", again)
	}
	c.count = progCacheMax // full: the next put empties the cache
	c.put(src, p, e)
	if c.count != 1 || len(c.idle) != 1 {
		t.Fatalf("after emptying, count %d and %d entries, want 1 and 1", c.count, len(c.idle))
	}
	if got := c.get(src); got != prog {
		t.Errorf("get = %p, want the program given back (%p)", got, prog)
	}
}
