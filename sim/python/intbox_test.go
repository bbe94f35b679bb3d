package python

import (
	"context"
	"io"
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
	if v := th.boxInt(7); v != intCache[7-intCacheMin] {
		t.Errorf("a small int does not come from the cache")
	}
}
