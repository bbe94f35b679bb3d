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

	// crcOK marks a record of a file a zipDir keeps whole (see
	// zipDir.file) whose CRC-32 passed: the same bytes pass again; dataAt
	// is where its data starts, once known (a local header comes first:
	// never 0).
	crcOK  bool
	dataAt int64

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

// le16 and le32 read the little-endian integers of zip headers. As
// functions they inline; as method values (binary.LittleEndian.Uint16)
// each read would be a call.
func le16(b []byte) uint16 { return binary.LittleEndian.Uint16(b) }
func le32(b []byte) uint32 { return binary.LittleEndian.Uint32(b) }

// zipDir is what reading one zip directory after another reuses: the
// array of the records, and the string of the last directory's names.
type zipDir struct {
	records []zipRecord
	// names are the last directory's record names, end to end. A
	// directory with the same names (the same checkpoint loaded again, as
	// a lesson's program does on every run) shares them instead of
	// copying its own.
	names string
	// lens are the lengths of those names, nlens of them, when there were
	// at most len(lens); nlens is 0 otherwise. A directory whose names
	// match names and lens holds the very names of the last one, which
	// passed insecureName then: it need not be checked again.
	lens  [maxPooledRecords]uint16
	nlens int
	// plainAt is where readPlainZip found the central directory of the
	// last file it read, or -1 when it did not read that file.
	plainAt int64
	// tail is a copy of the end of the last file archive.open read whose
	// directory was plain, from its central directory on; size is that
	// file's size, and opened and prefix are the records archive.open
	// kept of it (without their reader) and their folder. A file of the
	// same size and the same tail has the same directory, which
	// archive.open then need not read again (its records, names and
	// folder depend on those bytes alone).
	tail   []byte
	size   int64
	opened []zipRecord
	prefix string
	// file is a copy of that whole file when it is small (nil otherwise),
	// and same reports that the file archive.open opened last is those
	// very bytes. A file of the same bytes passes the checks it passed:
	// archive.check, when checkPassed (with bigEndian its byte order), and
	// the CRC-32 of each record of opened marked crcOK.
	file                   []byte
	same                   bool
	checkPassed, bigEndian bool
}

// maxTail bounds the directories a zipDir keeps a copy of, and maxFile
// the files it keeps whole.
const (
	maxTail = 16 << 10
	maxFile = 16 << 10
)

// reopen returns the records and folder archive.open kept of the last
// file remembered, when the size bytes of r end as it did, with r as
// their reader, in the array of d's records.
//
// A file kept whole and read again (d.same) keeps the marks of the checks
// it passed; a file of the same directory and other bytes starts afresh
// as the file kept, when it is small.
func (d *zipDir) reopen(r io.ReaderAt, size int64) ([]zipRecord, string, bool) {
	d.same = false
	if d.tail == nil || size != d.size {
		return nil, "", false
	}
	if d.file != nil {
		if b, ok := view(r, 0, size); ok && string(b) == string(d.file) {
			d.same = true
		}
	}
	if !d.same {
		tail, ok := view(r, size-int64(len(d.tail)), int64(len(d.tail)))
		if !ok || string(tail) != string(d.tail) {
			return nil, "", false
		}
		d.keepFile(r, size)
	}
	entries := append(d.records[:0], d.opened...)
	for i := range entries {
		entries[i].r = r
	}
	return entries, d.prefix, true
}

// remember keeps what archive.open kept of the size bytes of r, the
// records entries in the folder prefix, for reopen, when readPlainZip
// read its directory and it is small; otherwise it forgets the last file.
func (d *zipDir) remember(r io.ReaderAt, size int64, entries []zipRecord, prefix string) {
	var tail []byte
	ok := d.plainAt >= 0 && size-d.plainAt <= maxTail && len(entries) <= maxPooledRecords
	if ok {
		tail, ok = view(r, d.plainAt, size-d.plainAt)
	}
	if !ok {
		d.forget()
		return
	}
	if len(d.opened) > len(entries) {
		clear(d.opened[len(entries):]) // the copy below overwrites the rest
	}
	d.tail = append(d.tail[:0], tail...)
	d.size, d.prefix = size, prefix
	d.opened = append(d.opened[:0], entries...)
	for i := range d.opened {
		d.opened[i].r = nil
	}
	d.keepFile(r, size)
}

// keepFile keeps a copy of the size bytes of r, the file whose records are
// d.opened, when it is small, with none of its checks marked passed, and
// makes it the file d.same refers to; otherwise it keeps none.
func (d *zipDir) keepFile(r io.ReaderAt, size int64) {
	for i := range d.opened {
		d.opened[i].crcOK, d.opened[i].dataAt = false, 0
	}
	d.checkPassed, d.bigEndian = false, false
	b, ok := view(r, 0, size)
	if !ok || size > maxFile {
		d.file, d.same = nil, false
		return
	}
	d.file, d.same = append(d.file[:0], b...), true
}

// passed keeps in the record i of the file d keeps whole what stored
// learnt of it, in f: whether its CRC-32 passed, where its data starts.
func (d *zipDir) passed(i int, f *zipRecord) {
	if d.same && i < len(d.opened) {
		d.opened[i].crcOK, d.opened[i].dataAt = f.crcOK, f.dataAt
	}
}

// forget drops the file remember kept.
func (d *zipDir) forget() {
	clear(d.opened)
	d.tail, d.size, d.opened, d.prefix = nil, 0, d.opened[:0], ""
	d.file, d.same, d.checkPassed, d.bigEndian = nil, false, false, false
}

// checked reports whether the names at spans are the last directory's,
// names and lens alike.
func (d *zipDir) checked(spans []int) bool {
	if d.nlens == 0 || 2*d.nlens != len(spans) {
		return false
	}
	for i, n := range d.lens[:d.nlens] {
		if spans[2*i+1]-spans[2*i] != int(n) {
			return false
		}
	}
	return true
}

// keep makes names, at spans, the last directory's names.
func (d *zipDir) keep(names string, spans []int) {
	d.names, d.nlens = names, 0
	if len(spans) > 2*len(d.lens) {
		return
	}
	for i := 0; i < len(spans); i += 2 {
		d.lens[i/2] = uint16(spans[i+1] - spans[i]) // a zip name's length is 16 bits
	}
	d.nlens = len(spans) / 2
}

// readZip reads a zip's directory: the plain layout torch.save writes
// through readPlainZip, anything else through archive/zip.
// The records go into buf's array when it has room; buf may be nil.
func readZip(r io.ReaderAt, size int64, buf *zipDir) ([]zipRecord, error) {
	if buf != nil {
		buf.plainAt = -1
	}
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
// at most two allocations instead of archive/zip's dozens. ok is false for
// any other file, which readZip hands to archive/zip. The records go into
// buf's array when it has room, and share buf's names when they are the
// same; buf may be nil.
func readPlainZip(r io.ReaderAt, size int64, buf *zipDir) (entries []zipRecord, ok bool) {
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
	records, dirSize, dirOff := le16(end[10:]), le32(end[12:]), le32(end[16:])
	if string(end[:4]) != "PK\x05\x06" || le16(end[20:]) != 0 || records == 0 ||
		records == 0xffff || dirSize == 0xffff || dirOff == 0xffffffff ||
		int64(dirOff)+int64(dirSize) > size-endLen {
		return nil, false
	}
	dir, ok := view(r, int64(dirOff), size-endLen-int64(dirOff))
	if !ok {
		dir = make([]byte, size-endLen-int64(dirOff))
		if _, err := r.ReadAt(dir, int64(dirOff)); err != nil {
			return nil, false
		}
	}
	// Between the directory and the end record only PyTorch's zip64 end
	// record may sit, where archive/zip stops reading records.
	if gap := dir[dirSize:]; len(gap) > 0 && (len(gap) < 4 || string(gap[:4]) != "PK\x06\x06") {
		return nil, false
	}
	dir = dir[:dirSize]
	if buf == nil {
		buf = &zipDir{}
	}
	entries = buf.records[:0]
	if cap(entries) < int(records) {
		entries = make([]zipRecord, 0, records)
	}
	var spanArray [32]int
	spans := spanArray[:0] // where each record's name starts and ends in dir
	for p := 0; p < len(dir); {
		if len(dir)-p < headerLen || string(dir[p:p+4]) != "PK\x01\x02" {
			return nil, false
		}
		h := dir[p : p+headerLen]
		method, compressed, uncompressed, offset := le16(h[10:]), le32(h[20:]), le32(h[24:]), le32(h[42:])
		nameLen, extraLen, commentLen := int(le16(h[28:])), int(le16(h[30:])), int(le16(h[32:]))
		if method != zip.Store || compressed == 0xffffffff || uncompressed == 0xffffffff ||
			offset == 0xffffffff || len(dir)-p-headerLen < nameLen+extraLen+commentLen {
			return nil, false
		}
		spans = append(spans, p+headerLen, p+headerLen+nameLen)
		// made in place: a record built aside and appended would be copied
		// with a write barrier per pointer while the collector runs
		entries = append(entries, zipRecord{Method: method, CRC32: le32(h[16:]),
			CompressedSize64: uint64(compressed), UncompressedSize64: uint64(uncompressed),
			r: r, headerOffset: int64(offset)})
		p += headerLen + nameLen + extraLen + commentLen
	}
	if len(entries) != int(records) {
		return nil, false
	}
	names := sameNames(dir, spans, buf.names)
	checked := names != "" && buf.checked(spans)
	if names == "" {
		names = joinNames(dir, spans)
	}
	at := 0
	for i := range entries {
		n := spans[2*i+1] - spans[2*i]
		entries[i].Name = names[at : at+n]
		at += n
		if !checked && insecureName(entries[i].Name) {
			return nil, false // archive/zip may refuse it (GODEBUG zipinsecurepath)
		}
	}
	buf.keep(names, spans)
	buf.plainAt = int64(dirOff)
	return entries, true
}

// sameNames returns names when it is the names at spans of dir end to end,
// and "" otherwise.
func sameNames(dir []byte, spans []int, names string) string {
	at := 0
	for i := 0; i < len(spans); i += 2 {
		name := dir[spans[i]:spans[i+1]]
		if len(names)-at < len(name) || string(name) != names[at:at+len(name)] {
			return ""
		}
		at += len(name)
	}
	if at != len(names) {
		return ""
	}
	return names
}

// joinNames copies the names at spans of dir into one string, end to end:
// the records hold none of the file's bytes.
func joinNames(dir []byte, spans []int) string {
	n := 0
	for i := 0; i < len(spans); i += 2 {
		n += spans[i+1] - spans[i]
	}
	var b strings.Builder
	b.Grow(n)
	for i := 0; i < len(spans); i += 2 {
		b.Write(dir[spans[i]:spans[i+1]])
	}
	return b.String()
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
// element. Such an element starts with a dot, so only the dots are looked at.
func plainElements(name string) bool {
	if strings.IndexByte(name, '\\') >= 0 {
		return false
	}
	for i := strings.IndexByte(name, '.'); i >= 0; {
		if i == 0 || name[i-1] == '/' { // a dot starting an element
			end := i + 1
			if end < len(name) && name[end] == '.' {
				end++
			}
			if end == len(name) || name[end] == '/' {
				return false
			}
		}
		next := strings.IndexByte(name[i+1:], '.')
		if next < 0 {
			break
		}
		i += 1 + next
	}
	return true
}
