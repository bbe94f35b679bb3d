package pth

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"reflect"
	"strings"
	"testing"
)

// TestZipLayerMatchesMiniz rewrites the records of files real PyTorch wrote,
// in their order, through the zip writer and compares the whole file byte for
// byte: local headers, 'FB' alignment padding, data descriptors, central
// directory, zip64 end records. (PyTorch 1.13 writes no serialization id, so
// this uses the writer below the record policy Write adds for 2.6.)
func TestZipLayerMatchesMiniz(t *testing.T) {
	e := loadExpected(t)
	for _, c := range e.Files {
		if c.Name == "deflated" {
			continue // re-zipped by Python's zipfile, not written by PyTorch
		}
		orig, err := os.ReadFile("testdata/torch/" + c.File)
		if err != nil {
			t.Fatal(err)
		}
		zr, err := zip.NewReader(bytes.NewReader(orig), int64(len(orig)))
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		z := newZipWriter(&buf, c.Archive)
		for _, f := range zr.File {
			r, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			data, _ := io.ReadAll(r)
			z.writeRecord(strings.TrimPrefix(f.Name, c.Archive+"/"), data)
		}
		if err := z.writeCentralDirectory(); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(buf.Bytes(), orig) {
			t.Errorf("%s: zip bytes differ from PyTorch's (%d vs %d bytes)", c.Name, buf.Len(), len(orig))
		}
	}
}

// TestReadBigEndian: a checkpoint whose byteorder record says "big" (saved
// on a big-endian machine) loads with its elements byte-swapped, as
// torch.load does.
func TestReadBigEndian(t *testing.T) {
	file := bigEndianFile(t)
	v, err := Read(bytes.NewReader(file), int64(len(file)), DefaultReadOptions())
	if err != nil {
		t.Fatal(err)
	}
	got := jsonRound(t, canon(v, map[*Storage]int{}))
	want := jsonRound(t, canon(stateDict(), map[*Storage]int{}))
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("big-endian file loads %v, want %v", got, want)
	}
}

// prefixed is a file of `skip` bytes (a zip signature, then zeros) followed
// by data, without allocating them: it puts records past the 4 GiB zip64
// boundary.
type prefixed struct {
	skip int64
	data []byte
}

func (p prefixed) ReadAt(b []byte, off int64) (int, error) {
	n := 0
	for n < len(b) && off+int64(n) < p.skip {
		b[n] = 0
		if i := off + int64(n); i < 4 {
			b[n] = "PK\x03\x04"[i]
		}
		n++
	}
	if n == len(b) {
		return n, nil
	}
	start := off + int64(n) - p.skip
	if start >= int64(len(p.data)) {
		return n, io.EOF
	}
	m := copy(b[n:], p.data[start:])
	if n+m < len(b) {
		return n + m, io.EOF
	}
	return n + m, nil
}

// TestZip64Offsets writes a checkpoint as if 5 GiB of earlier bytes preceded
// it, so every record offset needs zip64 fields, and reads it back.
func TestZip64Offsets(t *testing.T) {
	const skip = 5 << 30
	p, err := pickle(stateDict())
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	z := newZipWriter(&buf, "big")
	z.outStart = skip
	z.writeRecord("data.pkl", p.buf)
	for i, s := range p.storages {
		z.writeRecord("data/"+string(rune('0'+i)), s.Data)
	}
	if err := z.finish(); err != nil {
		t.Fatal(err)
	}
	file := prefixed{skip: skip, data: buf.Bytes()}
	size := int64(skip + buf.Len())
	recs, err := Records(file, size)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		if r.Offset < skip || r.Offset%64 != 0 {
			t.Errorf("%s at %d", r.Name, r.Offset)
		}
	}
	v, err := Read(file, size, DefaultReadOptions())
	if err != nil {
		t.Fatal(err)
	}
	if got, want := jsonRound(t, canon(v, map[*Storage]int{})), jsonRound(t, canon(stateDict(), map[*Storage]int{})); !reflect.DeepEqual(got, want) {
		t.Fatal("zip64 checkpoint loads a different value")
	}
}
