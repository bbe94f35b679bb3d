package pth

import "testing"

// A str key matches only the equal str among keys of every kind, in a
// small dict and in one past the size where it builds an index.
func TestDictStrKeysAmongOtherKinds(t *testing.T) {
	for _, n := range []int{0, smallDict + 4} {
		d := NewDict(PlainDict)
		others := []Value{Int(1), Float(1.5), Bytes("a"), Tuple{Str("a")}, None{}, Bool(false), Float32, Device{Type: "cpu", Index: -1}}
		for i, k := range others {
			d.Set(k, Int(i))
		}
		for i := range n {
			d.Set(Int(100+i), Int(i))
		}
		d.Set(Str("a"), Str("first"))
		d.Set(Str("a"), Str("second")) // replaces, keeping the position
		if v, ok := d.Get(Str("a")); !ok || v != Str("second") {
			t.Errorf("n=%d: d['a'] = %v, %v", n, v, ok)
		}
		if _, ok := d.Get(Str("b")); ok {
			t.Errorf("n=%d: d['b'] found", n)
		}
		if want := len(others) + n + 1; d.Len() != want {
			t.Errorf("n=%d: %d items, want %d", n, d.Len(), want)
		}
		if v, ok := d.Get(Bytes("a")); !ok || v != Int(2) {
			t.Errorf("n=%d: d[b'a'] = %v, %v", n, v, ok)
		}
	}
}

// Append adds distinct keys in order, as Set would, in a small dict and
// past the size where it builds an index, and refuses what Set refuses.
func TestDictAppend(t *testing.T) {
	for _, n := range []int{3, smallDict + 4} {
		d := NewDict(PlainDict)
		for i := range n {
			if err := d.Append(Int(i), Str("v")); err != nil {
				t.Fatalf("n=%d: Append(%d): %v", n, i, err)
			}
		}
		if err := d.Append(Tuple{Str("a"), Int(1)}, None{}); err != nil {
			t.Fatalf("n=%d: Append(tuple): %v", n, err)
		}
		if d.Len() != n+1 {
			t.Errorf("n=%d: %d items, want %d", n, d.Len(), n+1)
		}
		if v, ok := d.Get(Int(n - 1)); !ok || v != Str("v") {
			t.Errorf("n=%d: d[%d] = %v, %v", n, n-1, v, ok)
		}
		if _, ok := d.Get(Tuple{Str("a"), Int(1)}); !ok {
			t.Errorf("n=%d: tuple key not found", n)
		}
		for _, bad := range []Value{&List{}, NewDict(PlainDict), Tuple{&List{}}} {
			setErr, appendErr := d.Set(bad, None{}), d.Append(bad, None{})
			if setErr == nil || appendErr == nil || setErr.Error() != appendErr.Error() {
				t.Errorf("n=%d: key %s: Set error %v, Append error %v", n, TypeName(bad), setErr, appendErr)
			}
		}
		if d.Len() != n+1 {
			t.Errorf("n=%d: %d items after refused keys, want %d", n, d.Len(), n+1)
		}
	}
}
