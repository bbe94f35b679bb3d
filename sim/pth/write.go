package pth

import (
	"bytes"
	"fmt"
	"io"
	"path"
	"slices"
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
	p, err := pickle(v)
	if err != nil {
		return err
	}
	defer p.release()
	if b, ok := w.(*bytes.Buffer); ok {
		b.Grow(fileSize(p, archiveName))
	}
	z := newZipWriter(w, archiveName)
	defer z.release()
	writeRecords(z, p)
	return z.finish()
}

// Append is Write to the end of a byte slice: it appends the file to dst
// and returns the extended slice. Saving to memory this way costs one
// allocation for the whole file, and no copy.
func Append(dst []byte, archiveName string, v Value) ([]byte, error) {
	if archiveName == "" {
		return dst, fmt.Errorf("invalid file name: %q", archiveName)
	}
	p, err := pickle(v)
	if err != nil {
		return dst, err
	}
	return appendFile(dst, archiveName, p)
}

// AppendEncoded is Append of the value e wrote: it ends e's pickle and
// appends the file to dst. e must not be used after.
func AppendEncoded(dst []byte, archiveName string, e *Encoder) ([]byte, error) {
	p := e.p
	e.p = nil
	if archiveName == "" {
		p.release()
		return dst, fmt.Errorf("invalid file name: %q", archiveName)
	}
	p.op1(opStop)
	return appendFile(dst, archiveName, p)
}

// appendFile appends to dst the file holding p's pickle and storages,
// and releases p.
func appendFile(dst []byte, archiveName string, p *pickler) ([]byte, error) {
	z := newZipWriter(nil, archiveName)
	if len(dst) == 0 && z.last.holds(archiveName, p) {
		// the file this writer wrote last: copied, not written anew
		out := append(dst, z.last.file...)
		p.release()
		z.release()
		return out, nil
	}
	z.out = slices.Grow(dst, fileSize(p, archiveName))
	writeRecords(z, p)
	err := z.finish()
	out := z.out
	if err == nil && len(dst) == 0 {
		z.last.keep(z, p, out)
	}
	p.release()
	z.release()
	if err != nil {
		return dst, err
	}
	return out, nil
}

// A lastFile is the last file a pooled zipWriter wrote for appendFile,
// kept when small, with where its data.pkl and storages' bytes are in it.
// The file is a function of its folder, pickle and storages' bytes alone
// (its headers, checksums and serialization id derive from them), so a
// checkpoint saved again with the same ones, as a program run again
// saves it, is the same file: appendFile copies it instead of writing
// its records, their CRC-32s and the serialization id again.
type lastFile struct {
	folder string
	file   []byte // nil: none kept
	pkl    span   // data.pkl's bytes in file
	data   []span // each storage's bytes in file
}

// A span is where some bytes are in a lastFile's file.
type span struct{ off, n int }

// maxLastFile is the largest file a lastFile keeps: copying a larger one
// on every save that differs from the last would cost more than its
// records' checksums save when one does not.
const maxLastFile = 32 << 10

// holds reports whether l's file is the one folder's records of p's
// pickle and storages make.
func (l *lastFile) holds(folder string, p *pickler) bool {
	if l.file == nil || l.folder != folder || len(l.data) != len(p.storages) {
		return false
	}
	if !bytes.Equal(l.bytes(l.pkl), p.buf) {
		return false
	}
	for i, s := range p.storages {
		if !bytes.Equal(l.bytes(l.data[i]), s.Data) {
			return false
		}
	}
	return true
}

func (l *lastFile) bytes(s span) []byte { return l.file[s.off : s.off+s.n] }

// keep makes file, which z just wrote of p's pickle and storages with
// writeRecords and finish, l's file, when it is small enough; else l
// keeps none.
func (l *lastFile) keep(z *zipWriter, p *pickler, file []byte) {
	if len(file) > maxLastFile || len(z.folder) > maxFixedFolder || len(z.storagesAt) != len(p.storages) {
		l.file, l.folder, l.data = nil, "", l.data[:0]
		return
	}
	l.file = append(l.file[:0], file...)
	l.folder = z.folder
	l.pkl = span{z.pklAt, len(p.buf)}
	l.data = l.data[:0]
	for i, s := range p.storages {
		l.data = append(l.data, span{z.storagesAt[i], len(s.Data)})
	}
}

// pickle writes data.pkl of v.
func pickle(v Value) (*pickler, error) {
	p := newPickler()
	p.op2(opProto, 2)
	if err := p.save(v); err != nil {
		p.release()
		return nil, err
	}
	p.op1(opStop)
	return p, nil
}

// fileSize is the size of the file holding p's pickle and storages, as
// writeRecords and finish write it: each record costs a local header
// holding its name, its alignment field, its data and a 16-byte
// descriptor (none when empty), and a central header holding its name;
// the end records take 98 bytes. A file large enough for zip64 fields
// gets an upper bound instead.
func fileSize(p *pickler, archiveName string) int {
	var pos, dir uint64
	record := func(nameLen int, size uint64) {
		full := uint64(len(archiveName) + 1 + nameLen)
		start := pos + localHeaderLen + full + 4
		pos = start + (storageAlignment-start%storageAlignment)%storageAlignment + size
		if size > 0 {
			pos += 16
		}
		dir += centralHeaderLen + full
	}
	record(len("data.pkl"), uint64(len(p.buf)))
	record(len(".format_version"), uint64(len(formatVersion)))
	record(len(".storage_alignment"), uint64(len(alignment64)))
	record(len("byteorder"), uint64(len(littleEndian)))
	for i, s := range p.storages {
		record(len(dataRecordName(i)), uint64(len(s.Data)))
	}
	record(len("version"), uint64(len(version3)))
	record(len(".data/serialization_id"), 40)
	if n := pos + dir + 98; n < maxUint32/2 {
		return int(n)
	}
	perRecord := 30 + 46 + 67 + 24 + 2*(len(archiveName)+1+22)
	n := 98 + len(p.buf) + 64 + (6+len(p.storages))*perRecord
	for _, s := range p.storages {
		n += len(s.Data)
	}
	return n
}

// writeRecords writes the records of a checkpoint, up to those finish writes.
func writeRecords(z *zipWriter, p *pickler) {
	z.standard = 1 + len(p.storages)
	z.writeRecord("data.pkl", p.buf)
	z.pklAt = z.dataAt
	z.writeFixed(fixedHead)
	z.storagesAt = z.storagesAt[:0]
	for i, s := range p.storages {
		z.writeRecord(dataRecordName(i), s.Data)
		z.storagesAt = append(z.storagesAt, z.dataAt)
	}
}

// dataRecordNames are the names of the first storages' records.
var dataRecordNames = func() [16]string {
	var names [16]string
	for i := range names {
		names[i] = "data/" + strconv.Itoa(i)
	}
	return names
}()

// dataRecordName is "data/<i>", the record of storage i.
func dataRecordName(i int) string {
	if i < len(dataRecordNames) {
		return dataRecordNames[i]
	}
	return "data/" + strconv.Itoa(i)
}

// ArchiveName is the folder name PyTorch puts records under for a file path:
// the base name without its last extension ("ckpt/model.pth" -> "model").
// torch.save to a file-like object (io.BytesIO) uses "archive".
func ArchiveName(filePath string) string {
	if filePath != "" && filePath != "." && strings.IndexByte(filePath, '/') < 0 && strings.IndexByte(filePath, '\\') < 0 {
		// a name in the working directory, as most are: its own base
		if i := strings.LastIndexByte(filePath, '.'); i >= 0 {
			return filePath[:i]
		}
		return filePath
	}
	base := path.Base(strings.ReplaceAll(filePath, "\\", "/"))
	if strings.HasSuffix(filePath, "/") || base == "/" || base == "." {
		return ""
	}
	if i := strings.LastIndexByte(base, '.'); i >= 0 {
		base = base[:i]
	}
	return base
}
