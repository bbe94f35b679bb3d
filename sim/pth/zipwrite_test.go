package pth

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
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
