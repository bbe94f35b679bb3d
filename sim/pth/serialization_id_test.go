package pth

import (
	"archive/zip"
	"bytes"
	"io"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestSerializationIDMatchesLibstdcxx compiles testdata/serialization_id.cc
// (PyTorch's writeSerializationId with the real std::hash) and checks the id
// Write puts in .data/serialization_id against it. Skipped without g++.
func TestSerializationIDMatchesLibstdcxx(t *testing.T) {
	gxx, err := exec.LookPath("g++")
	if err != nil {
		t.Skip("g++ not installed")
	}
	bin := filepath.Join(t.TempDir(), "serialization_id")
	if out, err := exec.Command(gxx, "-O1", "-o", bin, "testdata/serialization_id.cc").CombinedOutput(); err != nil {
		t.Fatalf("g++: %v\n%s", err, out)
	}
	empty := &Tensor{Storage: &Storage{DType: Float32, Location: "cpu"}, Shape: []int64{0}, Strides: []int64{1}}
	// more storages than standardNamesHash holds the names' hash for
	var many List
	for i := range 20 {
		many.Items = append(many.Items, &Tensor{Storage: &Storage{DType: Float32, Location: "cpu", Data: []byte{byte(i), 0, 0, 0}}, Shape: []int64{1}, Strides: []int64{1}})
	}
	for _, v := range []Value{stateDict(), everyDType(), Int(1), Tuple{empty, stateDict()}, &many} {
		var buf bytes.Buffer
		if err := Write(&buf, "archive", v); err != nil {
			t.Fatal(err)
		}
		zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
		if err != nil {
			t.Fatal(err)
		}
		var args []string
		var got string
		for _, f := range zr.File {
			name := strings.TrimPrefix(f.Name, "archive/")
			if name == ".data/serialization_id" {
				r, _ := f.Open()
				b, _ := io.ReadAll(r)
				got = string(b)
				continue
			}
			crc := strconv.FormatUint(uint64(f.CRC32), 10)
			if f.UncompressedSize64 == 0 {
				crc = "-"
			}
			args = append(args, name, crc)
		}
		want, err := exec.Command(bin, args...).Output()
		if err != nil {
			t.Fatal(err)
		}
		if got != string(want) {
			t.Errorf("serialization_id %s, libstdc++ computes %s", got, want)
		}
	}
}
