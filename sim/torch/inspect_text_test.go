package torch

import (
	"context"
	"io"
	"math"
	"strconv"
	"strings"
	"testing"
	"unsafe"

	"github.com/ckptlab/ckptlab/sim/python"
	"github.com/ckptlab/ckptlab/sim/torch/tensor"
	"github.com/ckptlab/ckptlab/sim/torch/tensorfmt"
)

// Strings from the text arena keep their bytes while more are added, the
// buffer they were written from is reused, and blocks fill up.
func TestTextArenaKeepsWhatItHandedOut(t *testing.T) {
	var a textArena
	var got, want []string
	buf := make([]byte, 0, 64)
	for i := range 3000 {
		buf = append(buf[:0], "model.layer"...)
		buf = strconv.AppendInt(buf, int64(i), 10)
		buf = append(buf, ".weight"...)
		want = append(want, string(buf))
		got = append(got, a.string(buf))
	}
	long := strings.Repeat("x", textBlock) // past half a block: its own string
	want, got = append(want, long), append(got, a.string([]byte(long)))
	want, got = append(want, ""), append(got, a.string(nil))
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("string %d is %q, want %q", i, got[i], want[i])
		}
	}
}

// The views print a str as Python's repr does, whatever it holds.
func TestNamesPrintStrIsRepr(t *testing.T) {
	th := python.NewThread(context.Background(), io.Discard, io.Discard, nil, python.Limits{})
	var names Names
	names.nameGlobals(new(textArena), nil)
	for _, s := range []string{"", "model_state", "a b~", "it's", `say "hi"`, `both ' and "`, `back\slash`, "tab\there", "nl\n", "\x7f", "é", "日本", "\u00a0", strings.Repeat("k", 100)} {
		want, err := python.Repr(th, python.Str(s))
		if err != nil {
			t.Fatal(err)
		}
		if got := names.print(th, python.Str(s)); got != want {
			t.Errorf("print(%q) = %s, want %s", s, got, want)
		}
	}
}

// A description the last one holds is a piece of it, and any other is
// written anew.
func TestTextArenaDescriptionsShareTheLastOne(t *testing.T) {
	var a textArena
	ckpt := a.description(append(a.room(), "dict with keys 'model' (OrderedDict of 2 tensors), 'epoch' (int 3)"...))
	again := a.description(append(a.room(), "dict with keys 'model' (OrderedDict of 2 tensors), 'epoch' (int 3)"...))
	item := a.description(append(a.room(), "OrderedDict of 2 tensors"...))
	if unsafe.StringData(again) != unsafe.StringData(ckpt) {
		t.Errorf("the same description was written again")
	}
	if item != "OrderedDict of 2 tensors" || unsafe.StringData(item) != unsafe.StringData(ckpt[strings.Index(ckpt, item):]) {
		t.Errorf("the item's description %q is not a piece of the checkpoint's", item)
	}
	other := a.description(append(a.room(), "int 4"...))
	if other != "int 4" || strings.Contains(ckpt, other) {
		t.Errorf("a new description is %q", other)
	}
	if got := a.description(nil); got != "" {
		t.Errorf("an empty description is %q", got)
	}
}

// The pieces of a dict's description that describeDict marks whole read
// exactly as each item described alone; an item whose inner dicts the
// dict's description cut short is not whole.
func TestDescribeDictItemsReadAsAlone(t *testing.T) {
	th := python.NewThread(context.Background(), io.Discard, io.Discard, nil, python.Limits{})
	dict := func(kv ...any) *python.Dict {
		d := python.NewDict()
		for i := 0; i < len(kv); i += 2 {
			if err := d.Set(th, kv[i].(python.Value), kv[i+1].(python.Value)); err != nil {
				t.Fatal(err)
			}
		}
		return d
	}
	state := dict(python.Int(0), dict(python.Str("momentum_buffer"), python.None), python.Int(1), dict())
	tests := []struct {
		name string
		d    *python.Dict
		cut  []bool // per described item: cut short within the dict's description
	}{
		{"flat", dict(python.Str("epoch"), python.Int(3), python.Str("lr"), python.Float(0.1), python.Str("name"), python.Str("run")), []bool{false, false, false}},
		{"nested", dict(python.Str("optimizer"), dict(python.Str("state"), dict(), python.Str("param_groups"), python.NewList(nil)), python.Str("epoch"), python.Int(3)), []bool{false, false}},
		{"cut", dict(python.Str("optimizer"), dict(python.Str("state"), state, python.Str("n"), python.Int(1)), python.Str("epoch"), python.Int(3)), []bool{true, false}},
		{"deep", dict(python.Str("a"), dict(python.Str("b"), dict(python.Str("c"), state)), python.Int(7), python.None), []bool{true, false}},
		{"many", dict(python.Int(0), python.Int(0), python.Int(1), python.Int(1), python.Int(2), python.Int(2), python.Int(3), python.Int(3),
			python.Int(4), python.Int(4), python.Int(5), python.Int(5), python.Int(6), python.Int(6), python.Int(7), python.Int(7),
			python.Int(8), python.Int(8), python.Int(9), python.Int(9)), []bool{false, false, false, false, false, false, false, false}},
	}
	for _, tc := range tests {
		var a textArena
		var notes itemNotes
		text := a.describeDict(tc.d, &notes)
		items := notes.items[:notes.n]
		if want := string(describe(nil, tc.d, 0, nil)); text != want {
			t.Errorf("%s: describeDict wrote %q, describe %q", tc.name, text, want)
		}
		if len(items) != len(tc.cut) {
			t.Fatalf("%s: %d items noted, want %d", tc.name, len(items), len(tc.cut))
		}
		i := 0
		for _, v := range tc.d.All() {
			if i == len(items) {
				break
			}
			alone := string(describe(nil, v, 0, nil))
			if got := text[items[i].start:items[i].end]; items[i].whole && got != alone {
				t.Errorf("%s: item %d reads %q within the dict, %q alone", tc.name, i, got, alone)
			}
			if items[i].whole == tc.cut[i] {
				t.Errorf("%s: item %d whole = %v, want %v", tc.name, i, items[i].whole, !tc.cut[i])
			}
			i++
		}
	}
}

// A dict's view names a plain str key by the piece of the dict's
// description that quotes it, which reads as the key's repr; any other key
// is left to print.
func TestQuotedKeyIsTheKeysRepr(t *testing.T) {
	th := python.NewThread(context.Background(), io.Discard, io.Discard, nil, python.Limits{})
	keys := []python.Value{python.Str("model_state"), python.Str("a b~"), python.Int(3), python.Str("epoch"), python.Str("it's"),
		python.Str(`say "hi"`), python.Str(`back\slash`), python.Str("tab\there"), python.Str("é"), python.Str("")}
	d := python.NewDict()
	for i, k := range keys {
		if err := d.Set(th, k, python.Int(i)); err != nil {
			t.Fatal(err)
		}
	}
	var a textArena
	var notes itemNotes
	text := a.describeDict(d, &notes)
	plain := map[python.Value]bool{python.Str("model_state"): true, python.Str("a b~"): true, python.Str(`say "hi"`): true, python.Str("epoch"): true}
	if notes.n != describedItems {
		t.Fatalf("%d items noted, want %d", notes.n, describedItems)
	}
	i := 0
	for k := range d.All() {
		if i == notes.n {
			break
		}
		got := quotedKey(text, notes.items[i], k)
		if plain[k] {
			want, err := python.Repr(th, k)
			if err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("quotedKey(%v) = %q, want %q", k, got, want)
			}
		} else if got != "" {
			t.Errorf("quotedKey(%v) = %q, want it left to print", k, got)
		}
		i++
	}
}

// A text appended to the arena's room is kept in place, one that outgrew
// the room keeps the array append moved it to, and neither is written
// again by what the arena hands out later.
func TestTextArenaKeepsTextsWrittenInItsRoom(t *testing.T) {
	var a textArena
	var got, want []string
	for i := range 3000 {
		b := append(a.room(), "layer"...)
		b = strconv.AppendInt(b, int64(i), 10)
		if i%100 == 0 {
			b = append(b, strings.Repeat("x", textBlock)...) // outgrows any room
		}
		want = append(want, string(b))
		got = append(got, a.keep(b))
		want, got = append(want, "w"), append(got, a.string([]byte("w")))
	}
	if s := a.keep(a.room()); s != "" {
		t.Errorf("an empty text is %q", s)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("text %d is %q, want %q", i, got[i], want[i])
		}
	}
}

// Lists cut from the room Observe makes are apart: one that grows past
// its room moves out rather than write over the next, a list asked for
// when the room is full has room of its own, and an empty list is empty,
// not nil.
func TestListsCutFromTheRoomAreApart(t *testing.T) {
	var n Names
	n.entryRoom = make([]ViewEntry, 0, 3)
	a := append(n.entryList(1), ViewEntry{Name: "a"})
	b := append(n.entryList(2), ViewEntry{Name: "b"}, ViewEntry{Name: "b2"})
	a = append(a, ViewEntry{Name: "a2"}) // past its room
	c := append(n.entryList(1), ViewEntry{Name: "c"})
	names := func(l []ViewEntry) string {
		var s []string
		for _, e := range l {
			s = append(s, e.Name)
		}
		return strings.Join(s, " ")
	}
	if names(a) != "a a2" || names(b) != "b b2" || names(c) != "c" {
		t.Errorf("lists %q, %q, %q; want \"a a2\", \"b b2\", \"c\"", names(a), names(b), names(c))
	}
	n.stringRoom = make([]string, 0, 1)
	s := append(n.stringList(1), "model.weight")
	more := append(n.stringList(1), "model.bias")
	if len(s) != 1 || s[0] != "model.weight" || len(more) != 1 || more[0] != "model.bias" {
		t.Errorf("string lists %q, %q", s, more)
	}
	if l := n.entryList(0); l == nil {
		t.Errorf("an empty entry list is nil")
	}
	if l := n.stringList(0); l == nil {
		t.Errorf("an empty string list is nil")
	}
}

// describe of a checkpoint as p01 saves, loads and views it: a run
// describes it four times.
func BenchmarkDescribeCheckpoint(b *testing.B) {
	c := tensor.NewContext()
	w, _ := tensor.Full(c, tensor.Float32, []int{1, 2}, 1)
	bias, _ := tensor.Full(c, tensor.Float32, []int{1}, 1)
	model := python.NewDict()
	model.Class = python.OrderedDictClass
	model.SetStr("weight", wrap(w))
	model.SetStr("bias", wrap(bias))
	group := python.NewDict()
	group.SetStr("lr", python.Float(0.1))
	opt := python.NewDict()
	opt.SetStr("state", python.NewDict())
	opt.SetStr("param_groups", python.NewList([]python.Value{group}))
	ckpt := python.NewDict()
	ckpt.SetStr("model_state", model)
	ckpt.SetStr("optimizer_state", opt)
	var buf []byte
	for b.Loop() {
		buf = describe(buf[:0], ckpt, 0, nil)
	}
	if want := "dict with keys 'model_state' (OrderedDict of 2 tensors), 'optimizer_state' (dict with keys 'state' (empty dict), 'param_groups' (list of 1 item))"; string(buf) != want {
		b.Fatalf("described %q, want %q", buf, want)
	}
}

// The views print a tuple of numbers as Python's repr does.
func TestNamesPrintNumberTupleIsRepr(t *testing.T) {
	th := python.NewThread(context.Background(), io.Discard, io.Discard, nil, python.Limits{})
	var names Names
	names.nameGlobals(new(textArena), nil)
	for _, tup := range []python.Tuple{
		{}, {python.Float(0.9)}, {python.Float(0.9), python.Float(0.999)}, {python.Int(-3), python.Bool(true), python.None},
		{python.Float(math.Copysign(0, -1)), python.Float(math.Inf(-1)), python.Float(1e300)}, {python.Str("a")}, {python.Tuple{}},
	} {
		want, err := python.Repr(th, tup)
		if err != nil {
			t.Fatal(err)
		}
		if got := names.print(th, tup); got != want {
			t.Errorf("print(%v) = %s, want %s", tup, got, want)
		}
	}
}

// The arena's shape texts are tensorfmt's, those it keeps ready and
// others.
func TestTextArenaShapeIsTensorfmts(t *testing.T) {
	var a textArena
	for _, shape := range [][]int{{}, {0}, {1}, {9}, {10}, {0, 0}, {1, 2}, {9, 9}, {10, 1}, {1, 10}, {2, 3, 4}, {123456}} {
		if got, want := a.shape(shape), string(tensorfmt.AppendShape(nil, shape)); got != want {
			t.Errorf("shape(%v) = %q, want %q", shape, got, want)
		}
	}
}
