package pth

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// ReadBytes reads a file in memory without copying its records; it must
// load exactly what Read loads, and refuse exactly what Read refuses, for
// every checkpoint in testdata and every truncation and byte flip of one.
func TestReadBytesIsRead(t *testing.T) {
	same := func(name string, data []byte) {
		t.Helper()
		for _, opts := range []ReadOptions{DefaultReadOptions(), {}, {WeightsOnly: true, ShareData: true}} {
			want, werr := Read(bytes.NewReader(data), int64(len(data)), opts)
			got, gerr := ReadBytes(data, opts)
			if (werr == nil) != (gerr == nil) || werr != nil && werr.Error() != gerr.Error() {
				t.Fatalf("%s: ReadBytes failed with %v, Read with %v", name, gerr, werr)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%s: ReadBytes loaded %#v, Read %#v", name, got, want)
			}
		}
	}
	files, _ := filepath.Glob("testdata/torch/*.pth")
	if len(files) == 0 {
		t.Fatal("no checkpoints in testdata/torch")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		same(f, data)
	}
	good, err := os.ReadFile("testdata/torch/shared_views.pth")
	if err != nil {
		t.Fatal(err)
	}
	for n := 0; n < len(good); n++ {
		same("truncated", good[:n])
	}
	for i := range good {
		bad := append([]byte(nil), good...)
		bad[i] ^= 0x5a
		same("flipped", bad)
	}
}

// With ShareData, the storages of a plainly stored little-endian file are
// the file's own bytes, and still what Read loads; a big-endian file's
// are swapped in copies, leaving the file as it was.
func TestReadBytesSharesDataWhenAsked(t *testing.T) {
	little, err := os.ReadFile("testdata/torch/linear_state_dict.pth")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name   string
		data   []byte
		shares bool
	}{{"little-endian", little, true}, {"big-endian", bigEndianFile(t), false}} {
		orig := bytes.Clone(c.data)
		opts := DefaultReadOptions()
		want, err := Read(bytes.NewReader(c.data), int64(len(c.data)), opts)
		if err != nil {
			t.Fatal(err)
		}
		opts.ShareData = true
		got, err := ReadBytes(c.data, opts)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: ReadBytes sharing loads %#v, %v; Read %#v", c.name, got, err, want)
		}
		if !bytes.Equal(c.data, orig) {
			t.Errorf("%s: loading changed the file", c.name)
		}
		got.(*Dict).Val(0).(*Tensor).Storage.Data[0] ^= 1
		if shares := !bytes.Equal(c.data, orig); shares != c.shares {
			t.Errorf("%s: a storage shares the file's bytes: %v, want %v", c.name, shares, c.shares)
		}
	}
}

// bigEndianFile is a checkpoint of stateDict saved as on a big-endian
// machine: its byteorder record says "big", and its storages' bytes are
// swapped.
func bigEndianFile(t *testing.T) []byte {
	p, err := pickle(stateDict())
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	z := newZipWriter(&buf, "be")
	z.writeRecord("data.pkl", p.buf)
	z.writeRecord("byteorder", []byte("big"))
	for i, s := range p.storages {
		swapped := append([]byte(nil), s.Data...)
		swapBytes(swapped, s.DType.ItemSize())
		z.writeRecord("data/"+string(rune('0'+i)), swapped)
	}
	if err := z.finish(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
