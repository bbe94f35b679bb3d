package python

import (
	"context"
	"io"
	"runtime"
	"testing"
)

// Ints a thread boxes into its chunks are ordinary Values: each keeps its
// own number, compares and hashes like Int(n) boxed by Go, and survives
// the chunk being used up and a garbage collection.
func TestIntAt(t *testing.T) {
	th := NewThread(context.Background(), io.Discard, io.Discard, nil, Limits{})
	var vals []Value
	for i := int64(0); i < 5*intChunk; i++ {
		vals = append(vals, th.boxInt(1<<40+i))
	}
	seen := map[Value]bool{}
	for i, v := range vals {
		want := Int(1<<40 + int64(i))
		got, ok := v.(Int)
		if !ok || got != want {
			t.Fatalf("value %d is %#v, want Int(%d)", i, v, want)
		}
		if v != Value(want) {
			t.Errorf("value %d != Value(Int(%d))", i, want)
		}
		seen[v] = true
	}
	if !seen[Value(Int(1<<40+3))] || len(seen) != len(vals) {
		t.Errorf("as map keys: %d distinct, Int(2**40+3) found: %v", len(seen), seen[Value(Int(1<<40+3))])
	}
	for _, n := range []int64{intCacheMin, -1, 0, 7, 255, 256, 100_000, intCacheMax - 1} {
		if v := boxInt(n); v != Value(Int(n)) {
			t.Errorf("boxInt(%d) = %#v", n, v)
		}
		if v := th.boxInt(n); v != Value(Int(n)) {
			t.Errorf("Thread.boxInt(%d) = %#v", n, v)
		}
	}
	runtime.GC()
	for i, v := range vals {
		if v != Value(Int(1<<40+int64(i))) {
			t.Fatalf("after a collection, value %d is %#v", i, v)
		}
	}
}

// Boxing an int of the table allocates nothing; the thread's others cost
// one allocation per chunk.
func TestBoxIntAllocations(t *testing.T) {
	th := NewThread(context.Background(), io.Discard, io.Discard, nil, Limits{})
	var sink Value
	if n := testing.AllocsPerRun(100, func() { sink = boxInt(100_000) }); n != 0 {
		t.Errorf("boxInt(100_000): %v allocations, want 0", n)
	}
	if n := testing.AllocsPerRun(100, func() {
		for i := int64(0); i < intChunk; i++ {
			sink = th.boxInt(1<<40 + i)
		}
	}); n > 1 {
		t.Errorf("boxing %d big ints: %v allocations, want at most 1", intChunk, n)
	}
	_ = sink
}
