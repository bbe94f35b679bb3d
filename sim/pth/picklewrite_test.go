package pth

import (
	"bytes"
	"testing"
)

// encode drives e over a tree of the kinds an Encoder writes, as a caller
// walks its own objects: containers and tensors written once each, then
// again by their Memo; storages made once each by NewStorage.
func encode(t *testing.T, e *Encoder, v Value, memo map[any]Memo, storages map[*Storage]*Storage) {
	t.Helper()
	switch x := v.(type) {
	case None:
		e.None()
	case Bool:
		e.Bool(bool(x))
	case Int:
		e.Int(int64(x))
	case Float:
		e.Float(float64(x))
	case Str:
		e.Str(string(x))
	case Tuple:
		e.StartTuple(len(x))
		for _, it := range x {
			encode(t, e, it, memo, storages)
		}
		e.EndTuple(len(x))
	case *List:
		if m, ok := memo[x]; ok {
			e.Get(m)
			return
		}
		memo[x] = e.StartList()
		for i, it := range x.Items {
			e.StartItem(i, len(x.Items))
			encode(t, e, it, memo, storages)
			e.EndListItem(i, len(x.Items))
		}
	case *Dict:
		if m, ok := memo[x]; ok {
			e.Get(m)
			return
		}
		m, err := e.StartDict(x.Kind)
		if err != nil {
			t.Fatal(err)
		}
		memo[x] = m
		for i := range x.Len() {
			e.StartItem(i, x.Len())
			encode(t, e, x.Key(i), memo, storages)
			encode(t, e, x.Val(i), memo, storages)
			e.EndDictItem(i, x.Len())
		}
		if meta := x.Metadata(); meta != nil {
			e.StartMetadata()
			encode(t, e, meta, memo, storages)
			e.EndMetadata()
		}
	case *Tensor:
		if m, ok := memo[x]; ok {
			e.Get(m)
			return
		}
		st, ok := storages[x.Storage]
		if !ok {
			st = e.NewStorage(x.Storage.DType, int(x.Storage.Numel()))
			copy(st.Data, x.Storage.Data)
			storages[x.Storage] = st
		}
		s := e.ScratchTensor(len(x.Shape))
		copy(s.Shape, x.Shape)
		copy(s.Strides, x.Strides)
		s.Storage, s.Offset, s.RequiresGrad, s.Parameter = st, x.Offset, x.RequiresGrad, x.Parameter
		m, err := e.Tensor(s)
		if err != nil {
			t.Fatal(err)
		}
		memo[x] = m
	default:
		t.Fatalf("the Encoder has no method for %T", v)
	}
}

// An Encoder writes the file Append writes of the same tree.
func TestEncoderWritesWhatAppendWrites(t *testing.T) {
	manyItems := &List{}
	manyKeys := NewDict(PlainDict)
	for i := range 2500 {
		manyItems.Items = append(manyItems.Items, Int(i))
		manyKeys.Set(Int(i), Str("v"))
	}
	shared := &List{Items: []Value{Int(1)}}
	trees := map[string]Value{
		"state dict":  stateDict(),
		"parameters":  parameters(),
		"every dtype": everyDType(),
		"checkpoint":  linearCheckpoint(),
		"batches":     dict(PlainDict, Str("items"), manyItems, Str("keys"), manyKeys, Str("one"), &List{Items: []Value{None{}}}),
		"shared":      dict(OrderedDict, Str("a"), shared, Str("b"), Tuple{shared, Tuple{}, Tuple{Int(1), Int(2), Int(3), Int(4)}}, Float(2.5), Bool(true)),
		"scalar":      Str("weight"),
	}
	for name, v := range trees {
		want, err := Append(nil, "archive", v)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		e := NewEncoder()
		encode(t, &e, v, map[any]Memo{}, map[*Storage]*Storage{})
		got, err := AppendEncoded(nil, "archive", &e)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: the Encoder wrote another file than Append", name)
		}
	}
}

// A Counter is left to the tree, and AppendEncoded refuses an empty
// archive name as Append does.
func TestEncoderRefusals(t *testing.T) {
	e := NewEncoder()
	if _, err := e.StartDict(CounterDict); err == nil {
		t.Error("StartDict began a Counter")
	}
	e.Release()
	e = NewEncoder()
	e.None()
	if _, err := AppendEncoded(nil, "", &e); err == nil {
		t.Error("AppendEncoded wrote a file with no archive name")
	}
}

// Each of CommonStrings is written as any str is: BINUNICODE and a
// BINPUT (a LONG_BINPUT past the 256th memo entry) the first time, a
// memo get after, whatever its length.
func TestCommonStrsPickleAsStrs(t *testing.T) {
	for _, nmemo := range []int{0, 255, 256, 300} {
		for _, s := range append(CommonStrings, "not common", "") {
			var want pickler
			want.binUnicode(s)
			want.nmemo = nmemo
			want.putFresh()
			want.getIndex(nmemo)

			p := newPickler()
			p.nmemo = nmemo
			p.buf = append(p.buf, "prefix"...)
			p.str(s)
			p.str(s)
			got := bytes.Clone(p.buf[len("prefix"):])
			p.release()
			if !bytes.Equal(got, want.buf) {
				t.Errorf("str %q at memo %d: wrote % x, want % x", s, nmemo, got, want.buf)
			}
		}
	}
}
