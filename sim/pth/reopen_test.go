package pth

import (
	"bytes"
	"fmt"
	"reflect"
	"testing"
)

// A reader that opened a file opens the next one with the same size and
// the same directory without reading the directory again, and loads it
// (or refuses it) as a fresh reader does: whatever differs before the
// directory is read and checked as before.
func TestReopenedDirectoryLoadsAsAFreshRead(t *testing.T) {
	base := weightCheckpoint(t)
	at := func(s string) int {
		i := bytes.Index(base, []byte(s))
		if i < 0 {
			t.Fatalf("no %q in the file", s)
		}
		return i
	}
	variant := func(change func(b []byte)) []byte {
		b := bytes.Clone(base)
		change(b)
		return b
	}
	variants := []struct {
		name   string
		data   []byte
		reopen bool
	}{
		{"the same file", bytes.Clone(base), true},
		{"a storage's bytes changed", variant(func(b []byte) { b[at("\x00\x00\x80\x3f\x00\x00\x00\x40")+2] ^= 0xff }), true},
		{"not a zip any more", variant(func(b []byte) { b[0] = 'Q' }), true},
		{"a local header damaged", variant(func(b []byte) { b[at("checkpoint/data/0")-30+3] = 0 }), true},
		{"data.pkl changed", variant(func(b []byte) { b[at("weight")] = 'W' }), true},
		{"the directory changed", variant(func(b []byte) { b[bytes.LastIndex(b, []byte("checkpoint/data/0"))] = 'C' }), false},
		{"a byte appended", append(bytes.Clone(base), 0), false},
	}
	for _, v := range variants {
		for _, opts := range []ReadOptions{DefaultReadOptions(), {}} {
			r := new(reader)
			r.mem = base
			if _, err := r.read(&r.mem, int64(len(base)), opts); err != nil {
				t.Fatal(err)
			}
			r.reset()
			if _, _, ok := r.dir.reopen((*memFile)(&v.data), int64(len(v.data))); ok != v.reopen {
				t.Errorf("%s: reopened %v, want %v", v.name, ok, v.reopen)
			}
			want, werr := new(reader).read(bytes.NewReader(v.data), int64(len(v.data)), opts)
			r.mem = v.data
			got, gerr := r.read(&r.mem, int64(len(v.data)), opts)
			if testing.Verbose() {
				t.Logf("%s: %v", v.name, werr)
			}
			if fmt.Sprint(gerr) != fmt.Sprint(werr) {
				t.Errorf("%s: the reader fails with %v, a fresh one with %v", v.name, gerr, werr)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s: the reader loads %#v, a fresh one %#v", v.name, got, want)
			}
			r.reset()
		}
	}
}

// A reader that keeps a small file whole skips the checks that file
// passed when the very same bytes come again, and only then: a run of
// loads, each file read again and then another, fails or loads as fresh
// reads do.
func TestReadingTheSameFileAgainChecksAsAFreshRead(t *testing.T) {
	base := weightCheckpoint(t)
	changed := func(s string, change func(b []byte, at int)) []byte {
		b := bytes.Clone(base)
		at := bytes.Index(b, []byte(s))
		if at < 0 {
			t.Fatalf("no %q in the file", s)
		}
		change(b, at)
		return b
	}
	files := map[string][]byte{
		"base":            base,
		"storage changed": changed("\x00\x00\x80\x3f", func(b []byte, at int) { b[at+2] ^= 0xff }),
		"pickle changed":  changed("weight", func(b []byte, at int) { b[at] = 'W' }),
		// the last byte of the version record, before the next header
		"version changed": changed("checkpoint/version", func(b []byte, at int) { b[at+bytes.Index(b[at:], []byte("PK"))-1] = '9' }),
	}
	order := []string{"base", "base", "storage changed", "storage changed", "base", "pickle changed", "base",
		"version changed", "version changed", "base", "base"}
	r := new(reader)
	for i, name := range order {
		data := files[name]
		want, werr := new(reader).read(bytes.NewReader(data), int64(len(data)), DefaultReadOptions())
		r.mem = data
		got, gerr := r.read(&r.mem, int64(len(data)), DefaultReadOptions())
		if testing.Verbose() {
			t.Logf("%d %s: %v", i, name, werr)
		}
		if fmt.Sprint(gerr) != fmt.Sprint(werr) {
			t.Errorf("%d %s: the reader fails with %v, a fresh one with %v", i, name, gerr, werr)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%d %s: the reader loads %#v, a fresh one %#v", i, name, got, want)
		}
		r.reset()
	}
}

// weightCheckpoint is the file torch.save writes of an OrderedDict with
// one tensor, weight = [1., 2.].
func weightCheckpoint(t *testing.T) []byte {
	t.Helper()
	tree := NewDict(OrderedDict)
	tree.Set(Str("weight"), &Tensor{
		Storage: &Storage{DType: Float32, Location: "cpu", Data: []byte{0, 0, 0x80, 0x3f, 0, 0, 0, 0x40}},
		Shape:   []int64{2}, Strides: []int64{1},
	})
	var buf bytes.Buffer
	if err := Write(&buf, "checkpoint", tree); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
