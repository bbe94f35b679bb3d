package pth

import (
	"archive/zip"
	"bytes"
	"hash/crc32"
	"os"
	"path/filepath"
	"testing"
)

// readPlainZip finds in every plainly laid out checkpoint, PyTorch's and
// the simulator's, exactly the records archive/zip finds, and declines the
// others (a deflated one, a damaged one) for archive/zip to read.
func TestPlainZipReadsWhatArchiveZipReads(t *testing.T) {
	files, err := filepath.Glob("testdata/torch/*.pth")
	if err != nil || len(files) == 0 {
		t.Fatal("no checkpoints in testdata/torch", err)
	}
	var buf bytes.Buffer
	tree := NewDict(OrderedDict)
	tree.Set(Str("w"), &Tensor{Storage: &Storage{DType: Float32, Location: "cpu", Data: make([]byte, 8)}, Shape: []int64{2}, Strides: []int64{1}})
	if err := Write(&buf, "checkpoint", tree); err != nil {
		t.Fatal(err)
	}
	datas := map[string][]byte{"simulator": buf.Bytes()}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		datas[f] = b
	}
	plain := 0
	for name, data := range datas {
		r := bytes.NewReader(data)
		got, ok := readPlainZip(r, int64(len(data)), nil)
		zr, err := zip.NewReader(r, int64(len(data)))
		if !ok {
			continue
		}
		plain++
		if err != nil {
			t.Errorf("%s: read plainly, but archive/zip fails: %v", name, err)
			continue
		}
		if len(got) != len(zr.File) {
			t.Errorf("%s: %d records, archive/zip finds %d", name, len(got), len(zr.File))
			continue
		}
		for i, f := range zr.File {
			g := got[i]
			off, err := g.DataOffset()
			want, werr := f.DataOffset()
			if g.Name != f.Name || g.Method != f.Method || g.CRC32 != f.CRC32 || g.CompressedSize64 != f.CompressedSize64 ||
				g.UncompressedSize64 != f.UncompressedSize64 || off != want || (err == nil) != (werr == nil) {
				t.Errorf("%s: record %d is %+v at %d, archive/zip reads %+v at %d", name, i, g, off, f.FileHeader, want)
			}
		}
	}
	t.Logf("%d of %d checkpoints read plainly", plain, len(datas))
	if plain < len(datas)/2 {
		t.Errorf("only %d of %d checkpoints read plainly", plain, len(datas))
	}
	deflated, err := os.ReadFile("testdata/torch/deflated.pth")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := readPlainZip(bytes.NewReader(deflated), int64(len(deflated)), nil); ok {
		t.Error("a deflated checkpoint was read plainly")
	}
	cut := datas["simulator"][:len(datas["simulator"])-1]
	if _, ok := readPlainZip(bytes.NewReader(cut), int64(len(cut)), nil); ok {
		t.Error("a truncated checkpoint was read plainly")
	}
}

// Whatever the bytes, a zip readPlainZip reads is one archive/zip reads the
// same way.
func FuzzPlainZip(f *testing.F) {
	files, _ := filepath.Glob("testdata/torch/*.pth")
	for _, name := range files {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r := bytes.NewReader(data)
		got, ok := readPlainZip(r, int64(len(data)), nil)
		if !ok {
			return
		}
		zr, err := zip.NewReader(r, int64(len(data)))
		if err != nil {
			t.Fatalf("read plainly, but archive/zip fails: %v", err)
		}
		if len(got) != len(zr.File) {
			t.Fatalf("%d records, archive/zip finds %d", len(got), len(zr.File))
		}
		for i, zf := range zr.File {
			g := got[i]
			off, err := g.DataOffset()
			want, werr := zf.DataOffset()
			if g.Name != zf.Name || g.Method != zf.Method || g.CRC32 != zf.CRC32 || g.CompressedSize64 != zf.CompressedSize64 ||
				g.UncompressedSize64 != zf.UncompressedSize64 || (err == nil) != (werr == nil) || err == nil && off != want {
				t.Fatalf("record %d is %+v at %d (%v), archive/zip reads %+v at %d (%v)", i, g, off, err, zf.FileHeader, want, werr)
			}
		}
	})
}

// A directory read after one with the same names shares that one's names,
// and allocates nothing more when it also reuses its array; a directory
// with other names gets its own. Each record is read from its own
// directory whatever names it shares.
func TestPlainZipSharesTheLastNames(t *testing.T) {
	files := map[string]memFile{}
	for _, f := range []struct {
		name, archive string
		size          int
	}{
		{"a", "a", 8}, {"checkpoint", "checkpoint", 8}, {"checkpoint, larger", "checkpoint", 4096},
	} {
		tree := NewDict(OrderedDict)
		tree.Set(Str("w"), &Tensor{Storage: &Storage{DType: Float32, Location: "cpu", Data: make([]byte, f.size)}, Shape: []int64{int64(f.size / 4)}, Strides: []int64{1}})
		var buf bytes.Buffer
		if err := Write(&buf, f.archive, tree); err != nil {
			t.Fatal(err)
		}
		files[f.name] = buf.Bytes()
	}
	var dir zipDir
	for _, name := range []string{"a", "checkpoint", "checkpoint", "checkpoint, larger", "a"} {
		m := files[name]
		got, ok := readPlainZip(&m, int64(len(m)), &dir)
		if !ok {
			t.Fatalf("%s: not read plainly", name)
		}
		zr, err := zip.NewReader(bytes.NewReader(m), int64(len(m)))
		if err != nil || len(got) != len(zr.File) {
			t.Fatalf("%s: %d records, archive/zip reads %d (%v)", name, len(got), len(zr.File), err)
		}
		for i, f := range zr.File {
			g := got[i]
			off, err := g.DataOffset()
			want, werr := f.DataOffset()
			if g.Name != f.Name || g.CRC32 != f.CRC32 || g.UncompressedSize64 != f.UncompressedSize64 || off != want || err != nil || werr != nil {
				t.Errorf("%s: record %d is %+v at %d, archive/zip reads %+v at %d", name, i, g, off, f.FileHeader, want)
			}
		}
		dir.records = got
	}
	m := files["a"]
	allocs := testing.AllocsPerRun(10, func() {
		if _, ok := readPlainZip(&m, int64(len(m)), &dir); !ok {
			t.Fatal("not read plainly")
		}
	})
	if allocs != 0 {
		t.Errorf("reading the same directory again allocates %v times", allocs)
	}
}

// A directory whose names run end to end as the last one's, but split
// into other names, is no directory read before: its names are checked
// again, and one archive/zip may refuse sends it to archive/zip.
func TestPlainZipChecksNamesSplitOtherwise(t *testing.T) {
	storedZip := func(names ...string) memFile {
		var buf bytes.Buffer
		w := zip.NewWriter(&buf)
		for _, name := range names {
			f, err := w.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store})
			if err != nil {
				t.Fatal(err)
			}
			f.Write([]byte("data"))
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	var dir zipDir
	local, outside := storedZip("x.", "./y"), storedZip("x", "../y")
	for _, m := range []memFile{local, local} {
		if _, ok := readPlainZip(&m, int64(len(m)), &dir); !ok {
			t.Fatal("a directory of local names is not read plainly")
		}
	}
	if _, ok := readPlainZip(&outside, int64(len(outside)), &dir); ok {
		t.Error("a name outside the archive is read plainly after the same names end to end")
	}
}

// checksum sums every length of data, short and long, as
// crc32.ChecksumIEEE does.
func TestChecksumIsChecksumIEEE(t *testing.T) {
	data := make([]byte, 100)
	for i := range data {
		data[i] = byte(i*131 + 7)
	}
	for n := 0; n <= len(data); n++ {
		for _, b := range [][]byte{data[:n], data[len(data)-n:]} {
			if got, want := checksum(b), crc32.ChecksumIEEE(b); got != want {
				t.Errorf("checksum of %d bytes %x = %08x, want %08x", n, b, got, want)
			}
		}
	}
	for _, s := range []string{"", "3", "3\n", "little", "big", "\xff\x00\x80"} {
		if got, want := checksum([]byte(s)), crc32.ChecksumIEEE([]byte(s)); got != want {
			t.Errorf("checksum(%q) = %08x, want %08x", s, got, want)
		}
	}
}
