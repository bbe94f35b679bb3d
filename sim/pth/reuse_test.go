package pth

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// manyMemoCheckpoint is a checkpoint whose pickle memoizes more values
// than the memo's first array holds: a state_dict of 40 tensors.
func manyMemoCheckpoint(t *testing.T) []byte {
	t.Helper()
	sd := NewDict(OrderedDict)
	for i := range 40 {
		sd.Set(Str(fmt.Sprintf("layer%d.weight", i)), &Tensor{
			Storage: &Storage{DType: Float32, Location: "cpu", Data: []byte{byte(i), 0, 0x80, 0x3f}},
			Shape:   []int64{1}, Strides: []int64{1},
		})
	}
	var buf bytes.Buffer
	if err := Write(&buf, "many", sd); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// A reader reset after a load holds no reference to what it loaded, only
// the emptied arrays of its records and memo; reused, it loads every
// checkpoint (and refuses every broken one) as a fresh reader does.
func TestReaderResetKeepsOnlyEmptyArrays(t *testing.T) {
	files, _ := filepath.Glob("testdata/torch/*.pth")
	inputs := map[string][]byte{"many memo entries": manyMemoCheckpoint(t)}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		inputs[name] = data
		inputs[name+" truncated"] = data[:len(data)*2/3]
	}
	r := new(reader)
	keptMemo := false
	for round := range 2 {
		for name, data := range inputs {
			for _, opts := range []ReadOptions{DefaultReadOptions(), {}} {
				want, werr := new(reader).read(bytes.NewReader(data), int64(len(data)), opts)
				r.mem = data
				got, gerr := r.read(&r.mem, int64(len(data)), opts)
				if fmt.Sprint(gerr) != fmt.Sprint(werr) {
					t.Fatalf("round %d, %s: a reused reader fails with %v, a fresh one with %v", round, name, gerr, werr)
				}
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("round %d, %s: a reused reader loads %#v, a fresh one %#v", round, name, got, want)
				}
				r.reset()
				keptMemo = keptMemo || cap(r.unpickler.memo.dense) > len(r.unpickler.memo.first)
				for i, v := range r.unpickler.memo.dense[:cap(r.unpickler.memo.dense)] {
					if v != nil {
						t.Fatalf("%s: the reset reader's memo keeps entry %d", name, i)
					}
				}
				for i, e := range r.dir.records[:cap(r.dir.records)] {
					if e != (zipRecord{}) {
						t.Fatalf("%s: the reset reader keeps record %d", name, i)
					}
				}
				rest := *r
				rest.dir, rest.unpickler.memo.dense = zipDir{}, nil // the names hold nothing else
				if !reflect.ValueOf(rest).IsZero() {
					t.Fatalf("%s: the reset reader keeps more than its arrays: %+v", name, rest)
				}
			}
		}
	}
	if !keptMemo {
		t.Errorf("no load kept its memo's array, though one memoizes %d values", len(memoTable{}.first)+1)
	}
}

// A walker reset after a walk holds nothing: no size, no path, whether
// the walk ended well or on a cycle, shallow or deeper than the path it
// scans.
func TestTreeWalkerResetKeepsNothing(t *testing.T) {
	trees := map[string]Value{}
	for _, depth := range []int{0, 5, 40} {
		shared := &List{}
		trees[fmt.Sprintf("shared at %d", depth)] = &List{Items: []Value{nestLists(depth, shared), nestLists(depth, shared)}}
		loop := &List{}
		loop.Items = append(loop.Items, nestLists(depth, loop))
		trees[fmt.Sprintf("cycle through %d", depth)] = loop
	}
	for name, tree := range trees {
		for _, plain := range []bool{false, true} {
			w := new(treeWalker)
			w.maxDepth, w.plain = DefaultMaxDepth, plain
			w.path = w.firstPath[:0]
			w.walk(tree, 0)
			w.reset()
			w.maxDepth, w.plain = 0, false
			if !reflect.ValueOf(*w).IsZero() {
				t.Errorf("%s: the reset walker keeps %+v", name, *w)
			}
		}
	}
}

// Reset leaves the first blocks as zero as new ones, whichever nodes and
// however many of each kind the arena gave out.
func TestArenaResetZeroesFirstBlocks(t *testing.T) {
	var a Arena
	for _, n := range []int{0, 1, 3, 20, 70} {
		for i := range n {
			d := a.NewDict(OrderedDict, i%5)
			d.Set(Str("k"), Int(i))
			d.Set(Int(i), &List{})
			l := a.NewList(i % 3)
			l.Items = append(l.Items, Int(i))
			tn := a.NewTensor(i % 4)
			tn.Storage = a.NewStorage()
			tn.Storage.Location = "cpu"
			for j := range tn.Shape {
				tn.Shape[j], tn.Strides[j] = 2, 1
			}
			vs := a.Values(i % 6)
			for j := range vs {
				vs[j] = Str("v")
			}
		}
		a.Reset()
		if a.first != nil && !reflect.ValueOf(*a.first).IsZero() {
			t.Errorf("after %d nodes of each kind, Reset leaves first blocks of %+v", n, *a.first)
		}
		first := a.first
		a.first = nil
		if !reflect.ValueOf(a).IsZero() {
			t.Errorf("after %d nodes of each kind, Reset leaves %+v", n, a)
		}
		a.first = first
	}
}
