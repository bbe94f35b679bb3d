package python

import (
	"testing"
	"unsafe"
)

// A program's uses of a name are one string: a dict holding a global
// stored by one statement finds it for a later load by the address of its
// bytes (sameBytes), without comparing them.
func TestParseInternsNames(t *testing.T) {
	prog, err := Parse("model = 1\nprint(model)\n")
	if err != nil {
		t.Fatal(err)
	}
	store := prog.Body[0].(*Assign).Targets[0].(*Name).Id
	load := prog.Body[1].(*ExprStmt).X.(*CallExpr).Args[0].Value.(*Name).Id
	if store != "model" || load != "model" {
		t.Fatalf("names %q and %q, want model", store, load)
	}
	if unsafe.StringData(store) != unsafe.StringData(load) {
		t.Errorf("the two uses of model are different strings")
	}
}

// A dict finds a str key by its text when the bytes are elsewhere.
func TestDictFindsCopiedStrKey(t *testing.T) {
	d := NewDict()
	d.SetStr("alpha", Int(1))
	d.SetStr("beta", Int(2))
	for _, k := range []string{"beta", string([]byte("beta"))} {
		if v, ok := d.GetStr(k); !ok || v != Int(2) {
			t.Errorf("GetStr(%q) = %v, %v", k, v, ok)
		}
		if i, ok := d.strSlotAt(0, k); !ok || i != 1 {
			t.Errorf("strSlotAt(0, %q) = %d, %v", k, i, ok)
		}
	}
}
