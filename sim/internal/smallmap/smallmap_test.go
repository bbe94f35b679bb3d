package smallmap

import "testing"

// A map answers the same before and after it outgrows its array, and a
// reset one is empty.
func TestMapKeepsEveryKeyPastItsArray(t *testing.T) {
	var m Map[int, string]
	for i := 0; i < 3*Small; i++ {
		if _, ok := m.Get(i); ok {
			t.Fatalf("key %d found before it was added", i)
		}
		m.Add(i, string(rune('a'+i%26)))
		for j := 0; j <= i; j++ {
			if v, ok := m.Get(j); !ok || v != string(rune('a'+j%26)) {
				t.Fatalf("after adding %d keys, key %d gives %q, %v", i+1, j, v, ok)
			}
		}
	}
	m.Reset()
	if _, ok := m.Get(0); ok {
		t.Fatal("a reset map still holds key 0")
	}
	m.Add(7, "x")
	if v, ok := m.Get(7); !ok || v != "x" {
		t.Fatalf("after a reset, key 7 gives %q, %v", v, ok)
	}
}

// Keys compare as Go's == does: interface keys by dynamic type and value,
// pointers by identity.
func TestMapComparesKeysAsGoDoes(t *testing.T) {
	var m Map[any, int]
	a, b := new(int), new(int)
	m.Add(a, 1)
	m.Add(b, 2)
	m.Add("s", 3)
	m.Add(int64(1), 4)
	for _, tc := range []struct {
		key  any
		want int
		ok   bool
	}{{a, 1, true}, {b, 2, true}, {"s", 3, true}, {int64(1), 4, true}, {1, 0, false}, {new(int), 0, false}} {
		if v, ok := m.Get(tc.key); v != tc.want || ok != tc.ok {
			t.Errorf("Get(%v) = %d, %v; want %d, %v", tc.key, v, ok, tc.want, tc.ok)
		}
	}
}
