package pth

import (
	"reflect"
	"strings"
	"testing"
)

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

// Str keys set one by one or by SETITEMS' pairs (repeats replacing the
// first value in place), or appended, are found, and strs no dict holds
// are not, whatever bits of Dict.strs their hashes share.
func TestDictFindsStrKeysSetEitherWay(t *testing.T) {
	var keys []Value
	for i := range 3 * smallDict {
		keys = append(keys, Str(string(rune('a'+i%26))+strings.Repeat("x", i/26)))
	}
	keys = append(keys, Str(""), keys[3], keys[0]) // repeats
	for _, n := range []int{2, smallDict - 1, smallDict, len(keys)} {
		byOne, byPairs := NewDict(PlainDict), NewDict(PlainDict)
		var pairs []Value
		for i, k := range keys[:n] {
			byOne.Set(k, Int(i))
			pairs = append(pairs, k, Int(i))
		}
		new(Arena).growDict(byPairs, n)
		if err := byPairs.setPairs(pairs); err != nil {
			t.Fatal(err)
		}
		for _, d := range []*Dict{byOne, byPairs} {
			for _, k := range keys[:n] {
				if v, ok := d.Get(k); !ok || v != lastIndex(keys[:n], k) {
					t.Errorf("n=%d: d[%q] = %v, %v; want %v", n, k, v, ok, lastIndex(keys[:n], k))
				}
			}
			for _, k := range []Str{"zz", "bb", "xa", "xxxxxxxxa"} {
				if _, ok := d.Get(k); ok {
					t.Errorf("n=%d: d[%q] found", n, k)
				}
			}
			if !reflect.DeepEqual(byOne, byPairs) {
				t.Errorf("n=%d: set one by one %+v, by pairs %+v", n, byOne, byPairs)
			}
		}
	}
	for _, n := range []int{smallDict, 3 * smallDict} {
		appended := NewDict(PlainDict) // distinct keys, as Append requires
		for i, k := range keys[:n] {
			appended.Append(k, Int(i))
		}
		for i, k := range keys[:n] {
			if v, ok := appended.Get(k); !ok || v != Int(i) {
				t.Errorf("n=%d, appended: d[%q] = %v, %v; want %d", n, k, v, ok, i)
			}
		}
		for _, k := range []Str{"zz", "bb", "xa", "xxxxxxxxa"} {
			if _, ok := appended.Get(k); ok {
				t.Errorf("n=%d, appended: d[%q] found", n, k)
			}
		}
	}
}

// lastIndex is the position of the last k in keys, as an Int: the value
// the test's dicts hold for k.
func lastIndex(keys []Value, k Value) Value {
	for i := len(keys) - 1; i >= 0; i-- {
		if keys[i] == k {
			return Int(i)
		}
	}
	return nil
}
