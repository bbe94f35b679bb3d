package pth

import (
	"archive/zip"
	"encoding/binary"
	"errors"
	"io"
	"path/filepath"
	"runtime"
	"strings"
)

// zipRecord is one record of a checkpoint's zip directory.
type zipRecord struct {
	Name               string
	Method             uint16
	CRC32              uint32
	CompressedSize64   uint64
	UncompressedSize64 uint64

	r            io.ReaderAt
	headerOffset int64
	f            *zip.File // the record as archive/zip read it; nil when readPlainZip did
}

// DataOffset is where the record's data starts in the file.
func (e *zipRecord) DataOffset() (int64, error) {
	if e.f != nil {
		return e.f.DataOffset()
	}
	// archive/zip's File.DataOffset: the local header's own lengths count
	h, ok := view(e.r, e.headerOffset, 30)
	if !ok {
		h = make([]byte, 30)
		if _, err := e.r.ReadAt(h, e.headerOffset); err != nil {
			return 0, err
		}
	}
	if string(h[:4]) != "PK\x03\x04" {
		return 0, zip.ErrFormat
	}
	n := int64(binary.LittleEndian.Uint16(h[26:])) + int64(binary.LittleEndian.Uint16(h[28:]))
	return e.headerOffset + 30 + n, nil
}

// Open opens a compressed record (readPlainZip reads only stored ones).
func (e *zipRecord) Open() (io.ReadCloser, error) {
	if e.f == nil {
		return nil, errors.New("zip: record not read by archive/zip")
	}
	return e.f.Open()
}

// readZip reads a zip's directory: the plain layout torch.save writes
// through readPlainZip, anything else through archive/zip.
// The records go into buf's array when it has room.
func readZip(r io.ReaderAt, size int64, buf []zipRecord) ([]zipRecord, error) {
	if entries, ok := readPlainZip(r, size, buf); ok {
		return entries, nil
	}
	if n, ok := zipRecordCount(r, size); ok && n > maxRecords {
		return nil, formatErrorf("checkpoint declares %d records, more than the simulator reads (%d)", n, maxRecords)
	}
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, zipError(r, size)
	}
	entries := make([]zipRecord, len(zr.File))
	for i, f := range zr.File {
		entries[i] = zipRecord{Name: f.Name, Method: f.Method, CRC32: f.CRC32,
			CompressedSize64: f.CompressedSize64, UncompressedSize64: f.UncompressedSize64, r: r, f: f}
	}
	return entries, nil
}

// readPlainZip reads the directory of a zip laid out plainly: every record
// stored, no zip64 sizes or offsets, no comment, and the central directory
// right before the end record that ends the file, or before the zip64 end
// record and locator PyTorch puts there. That is what torch.save (the
// simulator's and PyTorch's) writes for all but huge checkpoints, and for
// such a file archive/zip finds exactly these records (it ignores the zip64
// records unless the end record's counts overflow); reading them here costs
// two allocations instead of archive/zip's dozens. ok is false for any
// other file, which readZip hands to archive/zip.
func readPlainZip(r io.ReaderAt, size int64, into []zipRecord) (entries []zipRecord, ok bool) {
	const endLen, headerLen = 22, 46
	if size < endLen {
		return nil, false
	}
	end, ok := view(r, size-endLen, endLen)
	if !ok {
		end = make([]byte, endLen)
		if _, err := r.ReadAt(end, size-endLen); err != nil {
			return nil, false
		}
	}
	le16 := binary.LittleEndian.Uint16
	le32 := binary.LittleEndian.Uint32
	records, dirSize, dirOff := le16(end[10:]), le32(end[12:]), le32(end[16:])
	if string(end[:4]) != "PK\x05\x06" || le16(end[20:]) != 0 || records == 0 ||
		records == 0xffff || dirSize == 0xffff || dirOff == 0xffffffff ||
		int64(dirOff)+int64(dirSize) > size-endLen {
		return nil, false
	}
	buf, ok := view(r, int64(dirOff), size-endLen-int64(dirOff))
	if !ok {
		buf = make([]byte, size-endLen-int64(dirOff))
		if _, err := r.ReadAt(buf, int64(dirOff)); err != nil {
			return nil, false
		}
	}
	// Between the directory and the end record only PyTorch's zip64 end
	// record may sit, where archive/zip stops reading records.
	if gap := buf[dirSize:]; len(gap) > 0 && (len(gap) < 4 || string(gap[:4]) != "PK\x06\x06") {
		return nil, false
	}
	buf = buf[:dirSize]
	dir := string(buf) // the names are substrings of one string
	entries = into[:0]
	if cap(entries) < int(records) {
		entries = make([]zipRecord, 0, records)
	}
	for p := 0; p < len(dir); {
		if len(dir)-p < headerLen || dir[p:p+4] != "PK\x01\x02" {
			return nil, false
		}
		h := buf[p : p+headerLen]
		e := zipRecord{
			Method: le16(h[10:]), CRC32: le32(h[16:]),
			CompressedSize64: uint64(le32(h[20:])), UncompressedSize64: uint64(le32(h[24:])),
			r: r, headerOffset: int64(le32(h[42:])),
		}
		nameLen, extraLen, commentLen := int(le16(h[28:])), int(le16(h[30:])), int(le16(h[32:]))
		if e.Method != zip.Store || e.CompressedSize64 == 0xffffffff || e.UncompressedSize64 == 0xffffffff ||
			e.headerOffset == 0xffffffff || len(dir)-p-headerLen < nameLen+extraLen+commentLen {
			return nil, false
		}
		e.Name = dir[p+headerLen : p+headerLen+nameLen]
		if insecureName(e.Name) {
			return nil, false // archive/zip may refuse it (GODEBUG zipinsecurepath)
		}
		entries = append(entries, e)
		p += headerLen + nameLen + extraLen + commentLen
	}
	if len(entries) != int(records) {
		return nil, false
	}
	return entries, true
}

// insecureName reports whether archive/zip may refuse a record's name
// (GODEBUG zipinsecurepath): a name that is not filepath.IsLocal, or that
// holds a backslash. On Unix, a name without a "." or ".." element is
// local unless it is empty or absolute (filepath.IsLocal cleans only names
// with such elements), so names as torch.save writes them take one scan.
func insecureName(name string) bool {
	if name == "" {
		return false
	}
	if runtime.GOOS != "windows" && runtime.GOOS != "plan9" && name[0] != '/' && plainElements(name) {
		return false
	}
	return !filepath.IsLocal(name) || strings.Contains(name, `\`)
}

// plainElements reports whether name has no backslash and no "." or ".."
// element.
func plainElements(name string) bool {
	start := 0
	for i := 0; i <= len(name); i++ {
		if i < len(name) && name[i] == '\\' {
			return false
		}
		if i == len(name) || name[i] == '/' {
			if e := name[start:i]; e == "." || e == ".." {
				return false
			}
			start = i + 1
		}
	}
	return true
}
