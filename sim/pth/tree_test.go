package pth

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// checkTree finds a container inside itself however deep the cycle starts,
// and takes a container shared by two branches for no cycle.
func TestCheckTreeFindsCyclesAtAnyDepth(t *testing.T) {
	for _, depth := range []int{0, 5, 31, 32, 33, 100} {
		loop := &List{}
		loop.Items = append(loop.Items, nestLists(depth, loop))
		if err := checkTree(loop, DefaultMaxDepth, false); err == nil || !strings.Contains(err.Error(), "reference cycle") {
			t.Errorf("a cycle through %d lists: %v", depth, err)
		}
		shared := &List{}
		dag := &List{Items: []Value{nestLists(depth, shared), nestLists(depth, shared)}}
		if err := checkTree(dag, DefaultMaxDepth, false); err != nil {
			t.Errorf("a list shared at depth %d: %v", depth, err)
		}
	}
}

// nestLists returns inner inside depth lists, each the only item of the
// one before.
func nestLists(depth int, inner Value) *List {
	top := &List{}
	l := top
	for range depth {
		next := &List{}
		l.Items = append(l.Items, next)
		l = next
	}
	l.Items = append(l.Items, inner)
	return top
}

// unpickleForTest runs the unpickler over pkl as FuzzUnpickle does, with a
// persistent loader that hands out small storages.
func unpickleForTest(pkl []byte, weightsOnly bool, maxDepth int) (*unpickler, Value, error) {
	u := &unpickler{data: pkl, weightsOnly: weightsOnly, maxDepth: maxDepth,
		persistent: pidFunc(func(pid Tuple) (Value, error) {
			ref, err := parsePID(pid)
			if err != nil {
				return nil, err
			}
			if ref.numel > 1024 {
				return nil, formatErrorf("too big")
			}
			return &Storage{DType: ref.dtype, Location: "cpu", Data: make([]byte, ref.numel*int64(ref.dtype.ItemSize()))}, nil
		})}
	v, err := u.load()
	return u, v, err
}

// checkPlainAgrees fails t when the unpickler said the tree has no shared
// node but the walk that trusts it disagrees with the full one.
func checkPlainAgrees(t *testing.T, what string, u *unpickler, v Value) {
	t.Helper()
	if u.shared {
		return
	}
	for _, depth := range []int{2, 5, DefaultMaxDepth} {
		full, plain := checkTree(v, depth, false), checkTree(v, depth, true)
		if fmt.Sprint(full) != fmt.Sprint(plain) {
			t.Errorf("%s, depth %d: full walk %v, plain walk %v", what, depth, full, plain)
		}
	}
}

// When no memo get hands out a shared node, the walk that skips identity
// checks finds what the full walk finds, for every recorded checkpoint's
// pickle and every one-byte change of it (which loads other trees, or
// fails), and every truncation.
func TestPlainWalkAgreesWithFullWalk(t *testing.T) {
	files, _ := filepath.Glob("testdata/torch/*.pth")
	if len(files) == 0 {
		t.Fatal("no recorded checkpoints")
	}
	loaded := 0
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		a, err := openArchive(bytes.NewReader(b), int64(len(b)), false)
		if err != nil {
			continue // legacy and TorchScript files
		}
		pkl, err := a.record("data.pkl", 1<<20)
		if err != nil {
			t.Fatal(err)
		}
		for _, wo := range []bool{true, false} {
			for n := 0; n <= len(pkl); n++ {
				if u, v, err := unpickleForTest(pkl[:n], wo, 100); err == nil {
					checkPlainAgrees(t, fmt.Sprintf("%s cut to %d", name, n), u, v)
				}
			}
			for i := range pkl {
				for _, x := range []byte{0x01, 0x5a, 0xff} {
					bad := append([]byte(nil), pkl...)
					bad[i] ^= x
					if u, v, err := unpickleForTest(bad, wo, 100); err == nil {
						loaded++
						checkPlainAgrees(t, fmt.Sprintf("%s byte %d ^ %#x", name, i, x), u, v)
					}
				}
			}
		}
	}
	if loaded == 0 {
		t.Fatal("no changed pickle loaded; the test checks nothing")
	}
}

// A memo get of a container marks the tree as shared, so that a list
// appended to itself is still found to be a cycle.
func TestMemoGetOfContainerMarksShared(t *testing.T) {
	for _, c := range []struct {
		pkl    string
		shared bool
	}{
		{"\x80\x02]q\x00h\x00a.", true},                      // l = []; l.append(l)
		{"\x80\x02]q\x00(h\x00h\x00t.", true},                // (l, l)
		{"\x80\x02X\x01\x00\x00\x00aq\x00h\x00\x86.", false}, // ('a', 'a')
		{"\x80\x02)q\x00h\x00\x86.", false},                  // ((), ())
	} {
		u, v, err := unpickleForTest([]byte(c.pkl), false, 100)
		if err != nil {
			t.Fatalf("%q: %v", c.pkl, err)
		}
		if u.shared != c.shared {
			t.Errorf("%q: shared = %v, want %v", c.pkl, u.shared, c.shared)
		}
		checkPlainAgrees(t, fmt.Sprintf("%q", c.pkl), u, v)
	}
	u, v, _ := unpickleForTest([]byte("\x80\x02]q\x00h\x00a."), false, 100)
	if err := checkTree(v, 100, !u.shared); err == nil || !strings.Contains(err.Error(), "reference cycle") {
		t.Errorf("a list inside itself: %v", err)
	}
}

// A scalar counts toward the depth as a container does: a str two levels
// down is as deep as a list there.
func TestCheckTreeCountsScalarsDepth(t *testing.T) {
	for _, leaf := range []Value{Str("x"), Int(1), Float(1), Bool(true), None{}, &List{}} {
		tree := &List{Items: []Value{&List{Items: []Value{leaf}}}}
		for _, plain := range []bool{true, false} {
			if err := checkTree(tree, 2, plain); err != nil {
				t.Errorf("%#v at depth 2, limit 2: %v", leaf, err)
			}
			if err := checkTree(tree, 1, plain); err == nil || !strings.Contains(err.Error(), "nests deeper than 1 levels") {
				t.Errorf("%#v at depth 2, limit 1: %v", leaf, err)
			}
		}
	}
}
