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
		for _, opts := range []ReadOptions{DefaultReadOptions(), {}} {
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
