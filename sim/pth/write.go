package pth

import (
	"bytes"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
)

// Write saves v as torch.save does in PyTorch 2.6: a zip archive whose records
// sit under the folder archiveName ("checkpoint" for checkpoint.pth, see
// ArchiveName), in PyTorch's order: data.pkl, .format_version,
// .storage_alignment, byteorder, data/0, data/1, ..., version,
// .data/serialization_id. Tensors sharing a *Storage share it in the file.
func Write(w io.Writer, archiveName string, v Value) error {
	if archiveName == "" {
		return fmt.Errorf("invalid file name: %q", archiveName)
	}
	p := newPickler()
	p.op(opProto, 2)
	if err := p.save(v); err != nil {
		return err
	}
	p.op(opStop)

	if b, ok := w.(*bytes.Buffer); ok {
		// Grow once to the file's size at most: each record costs its
		// data, two headers holding its name (the longest fixed one is
		// .data/serialization_id), 67 bytes of alignment field and a
		// 24-byte descriptor; the end records take 98 bytes.
		perRecord := 30 + 46 + 67 + 24 + 2*(len(archiveName)+1+22)
		n := 98 + len(p.buf) + 64 + (6+len(p.storages))*perRecord
		for _, s := range p.storages {
			n += len(s.Data)
		}
		b.Grow(n)
	}
	z := newZipWriter(w, archiveName)
	z.writeRecord("data.pkl", p.buf)
	z.writeRecord(".format_version", []byte("1"))
	z.writeRecord(".storage_alignment", []byte("64"))
	z.writeRecord("byteorder", []byte("little"))
	for i, s := range p.storages {
		z.writeRecord("data/"+strconv.Itoa(i), s.Data)
	}
	return z.finish()
}

// ArchiveName is the folder name PyTorch puts records under for a file path:
// the base name without its last extension ("ckpt/model.pth" -> "model").
// torch.save to a file-like object (io.BytesIO) uses "archive".
func ArchiveName(filePath string) string {
	base := path.Base(strings.ReplaceAll(filePath, "\\", "/"))
	if strings.HasSuffix(filePath, "/") || base == "/" || base == "." {
		return ""
	}
	if i := strings.LastIndexByte(base, '.'); i >= 0 {
		base = base[:i]
	}
	return base
}
