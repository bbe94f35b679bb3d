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
		// Grow once to about the file's size: each record costs at most a
		// header, 63 bytes of padding, a descriptor and a directory entry.
		n := len(p.buf) + 512 + 8*len(archiveName)
		for _, s := range p.storages {
			n += len(s.Data) + 192 + 2*len(archiveName)
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
