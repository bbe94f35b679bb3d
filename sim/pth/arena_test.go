package pth

import (
	"bytes"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
)

// Nodes from one arena never share memory a caller can reach: appending
// past a list's or tuple's room, or to a tensor's shape, copies it out of
// the block rather than writing over the next node's items.
func TestArenaNodesAreIndependent(t *testing.T) {
	var a Arena
	l := a.NewList(2)
	tup := a.Values(2)
	tup[0], tup[1] = Int(1), Int(2)
	l.Items = append(l.Items, Str("a"), Str("b"), Str("c"))
	if !slices.Equal(tup, []Value{Int(1), Int(2)}) {
		t.Errorf("a list's appends changed the next tuple: %v", tup)
	}
	x, y := a.NewTensor(2), a.NewTensor(1)
	y.Shape[0], y.Strides[0] = 7, 1
	x.Shape = append(x.Shape, 5)
	x.Strides = append(x.Strides, 9)
	if y.Shape[0] != 7 || y.Strides[0] != 1 {
		t.Errorf("a tensor's appends changed the next tensor: %v %v", y.Shape, y.Strides)
	}
	d1, d2 := a.NewDict(OrderedDict, 0), a.NewDict(PlainDict, 0)
	for i := range 20 { // past the dict's first items and its index
		d1.Set(Int(i), Int(i))
	}
	d2.Set(Str("k"), Int(1))
	if d1.Len() != 20 || d2.Len() != 1 || d1.Kind != OrderedDict || d2.Kind != PlainDict {
		t.Errorf("dicts from one block mixed up: %d %d", d1.Len(), d2.Len())
	}
	if v, ok := d2.Get(Str("k")); !ok || v != Int(1) {
		t.Errorf("d2[k] = %v, %v", v, ok)
	}
}

// Many nodes of every kind come from blocks that grow, and each stays empty
// until set.
func TestArenaHandsOutZeroNodes(t *testing.T) {
	var a Arena
	for i := range 300 {
		if d := a.NewDict(PlainDict, 0); d.Len() != 0 || d.Attrs != nil {
			t.Fatalf("dict %d not empty", i)
		}
		if l := a.NewList(i % 20); len(l.Items) != 0 || cap(l.Items) != i%20 {
			t.Fatalf("list %d: len %d cap %d", i, len(l.Items), cap(l.Items))
		}
		tn := a.NewTensor(i % 5)
		if len(tn.Shape) != i%5 || len(tn.Strides) != i%5 || tn.Storage != nil || slices.ContainsFunc(tn.Shape, func(n int64) bool { return n != 0 }) {
			t.Fatalf("tensor %d: %+v", i, tn)
		}
		for _, v := range a.Values(i % 18) {
			if v != nil {
				t.Fatalf("values %d not nil", i)
			}
		}
	}
}

// Reset zeroes the first blocks and hands them out again, and drops the
// blocks after them.
func TestArenaResetReusesFirstBlocks(t *testing.T) {
	var a Arena
	d := a.NewDict(OrderedDict, 3)
	d.Set(Str("k"), Int(1))
	for range 40 {
		a.NewDict(PlainDict, 0) // past the first block
	}
	a.Reset()
	d2 := a.NewDict(PlainDict, 0)
	if d2 != d {
		t.Errorf("after Reset the first dict is not reused")
	}
	if d2.Len() != 0 || d2.Kind != PlainDict {
		t.Errorf("a reused dict holds %d items of kind %v", d2.Len(), d2.Kind)
	}
	if len(a.dicts) != len(a.first.dicts)-1 {
		t.Errorf("after Reset the arena still holds a later block: %d dicts left", len(a.dicts))
	}
}

// Reading every recorded checkpoint into one arena, reset between reads,
// loads what reading each into blocks of its own loads.
func TestReadIntoResetArena(t *testing.T) {
	files, _ := filepath.Glob("testdata/torch/*.pth")
	var a Arena
	for _, wo := range []bool{true, false} {
		for _, name := range files {
			opts := ReadOptions{WeightsOnly: wo}
			want, wantErr := readFile(t, name, opts)
			opts.Arena = &a
			got, err := readFile(t, name, opts)
			if fmt.Sprint(err) != fmt.Sprint(wantErr) {
				t.Errorf("%s: error %v, want %v", name, err, wantErr)
			}
			if err == nil && !reflect.DeepEqual(canon(got, map[*Storage]int{}), canon(want, map[*Storage]int{})) {
				t.Errorf("%s: loaded into a reset arena differs", name)
			}
			a.Reset()
		}
	}
}

// An arena says whether the tree read into it may hold a node twice: a
// list saved in two places (memoized once, fetched again) makes it shared;
// a state_dict of distinct tensors, or strs and globals fetched again, do
// not; and Reset forgets it.
func TestArenaSharedTellsWhetherANodeHasTwoParents(t *testing.T) {
	tensor := func() *Tensor {
		return &Tensor{Storage: &Storage{DType: Float32, Location: "cpu", Data: make([]byte, 8)}, Shape: []int64{2}, Strides: []int64{1}}
	}
	plain := NewDict(OrderedDict)
	plain.Set(Str("weight"), tensor())
	plain.Set(Str("bias"), tensor())
	list := &List{Items: []Value{Int(1)}}
	tuple := Tuple{Int(1), Int(2)}
	for _, tc := range []struct {
		name   string
		tree   Value
		shared bool
	}{
		{"a state_dict", plain, false},
		{"a list in two places", &List{Items: []Value{list, list}}, true},
		{"a tuple written twice", &List{Items: []Value{tuple, tuple}}, false}, // Write memoizes no tuple
		{"a str in two places", &List{Items: []Value{Str("x"), Str("x")}}, false},
	} {
		var buf bytes.Buffer
		if err := Write(&buf, "archive", tc.tree); err != nil {
			t.Fatal(err)
		}
		var a Arena
		opts := DefaultReadOptions()
		opts.Arena = &a
		if _, err := ReadBytes(buf.Bytes(), opts); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if a.Shared() != tc.shared {
			t.Errorf("%s: Shared() = %v, want %v", tc.name, a.Shared(), tc.shared)
		}
		a.Reset()
		if a.Shared() {
			t.Errorf("%s: Shared() after Reset", tc.name)
		}
	}
}
