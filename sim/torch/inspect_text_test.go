package torch

import (
	"context"
	"io"
	"strconv"
	"strings"
	"testing"
	"unsafe"

	"github.com/ckptlab/ckptlab/sim/python"
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
	ckpt := a.description([]byte("dict with keys 'model' (OrderedDict of 2 tensors), 'epoch' (int 3)"))
	again := a.description([]byte("dict with keys 'model' (OrderedDict of 2 tensors), 'epoch' (int 3)"))
	item := a.description([]byte("OrderedDict of 2 tensors"))
	if unsafe.StringData(again) != unsafe.StringData(ckpt) {
		t.Errorf("the same description was written again")
	}
	if item != "OrderedDict of 2 tensors" || unsafe.StringData(item) != unsafe.StringData(ckpt[strings.Index(ckpt, item):]) {
		t.Errorf("the item's description %q is not a piece of the checkpoint's", item)
	}
	other := a.description([]byte("int 4"))
	if other != "int 4" || strings.Contains(ckpt, other) {
		t.Errorf("a new description is %q", other)
	}
	if got := a.description(nil); got != "" {
		t.Errorf("an empty description is %q", got)
	}
}
