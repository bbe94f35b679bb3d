package torch

import (
	"strconv"
	"testing"
	"unsafe"

	"github.com/ckptlab/ckptlab/sim/python"
)

// A table keeps insertion order and answers the same whether it finds
// names by scanning or, past scanLimit, through its index; deleting a name
// keeps the others in order.
func TestEntriesKeepOrderPastScanning(t *testing.T) {
	var e entries
	n := 3 * scanLimit
	for i := 0; i < n; i++ {
		e.set(strconv.Itoa(i), python.Int(i))
	}
	e.set("5", python.Int(50)) // replaces, keeps its place
	for i := 0; i < n; i += 2 {
		if !e.del(strconv.Itoa(i)) {
			t.Fatalf("del(%d) found nothing", i)
		}
	}
	if e.del("0") {
		t.Fatal("a deleted name was deleted again")
	}
	if len(e.items) != n/2 {
		t.Fatalf("%d entries left, want %d", len(e.items), n/2)
	}
	for j, it := range e.items {
		i := 2*j + 1
		want := python.Value(python.Int(i))
		if i == 5 {
			want = python.Int(50)
		}
		if it.name != strconv.Itoa(i) || it.v != want {
			t.Fatalf("entry %d is %s=%v, want %d=%v", j, it.name, it.v, i, want)
		}
		if v, ok := e.get(it.name); !ok || v != want {
			t.Fatalf("get(%s) = %v, %v; want %v", it.name, v, ok, want)
		}
	}
	if _, ok := e.get("2"); ok {
		t.Fatal("a deleted name is still found")
	}
}

// Buffers registered with persistent=False are left out until made
// persistent again, each name recorded once.
func TestSetPersistent(t *testing.T) {
	var m Module
	m.setPersistent("a", false)
	m.setPersistent("a", false)
	m.setPersistent("b", false)
	m.setPersistent("a", true)
	if m.isPersistent("b") || !m.isPersistent("a") || len(m.nonPersistent) != 1 {
		t.Fatalf("nonPersistent = %q, want [b]", m.nonPersistent)
	}
}

// What a layer's state_dict allocates at once stays at most 512 bytes,
// past which an allocation with pointers takes a header and rounds up to
// the next size class.
func TestLayerStateDictSize(t *testing.T) {
	if n := unsafe.Sizeof(layerStateDict{}); n > 512 {
		t.Errorf("a layerStateDict takes %d bytes, want at most 512", n)
	}
}
