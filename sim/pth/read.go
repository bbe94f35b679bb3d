package pth

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"strconv"
	"strings"
	"sync"
)

// Default limits; a zero field in ReadOptions means the default.
const (
	DefaultMaxBytes       = 4 << 30   // total tensor bytes one load may allocate
	DefaultMaxPickleBytes = 256 << 20 // size of data.pkl
	DefaultMaxDepth       = 1000      // nesting of containers (CPython's recursion limit)
)

// ReadOptions are torch.load's arguments, plus limits.
type ReadOptions struct {
	// WeightsOnly is torch.load's weights_only. PyTorch 2.6's default is true:
	// start from DefaultReadOptions, which sets it. With false, classes
	// outside the allow-list come back as *Object; nothing is ever executed.
	WeightsOnly bool
	// SafeGlobals are dotted names ("__main__.Net") added with
	// torch.serialization.add_safe_globals or safe_globals(...). They load as
	// *Object for the caller to rebuild.
	SafeGlobals []string
	// MapLocation maps a storage's saved location tag ("cuda:0") to where it
	// should load ("cpu"). nil keeps the saved tag. A result naming CUDA fails
	// with *DeviceError, as on a machine without a GPU.
	MapLocation func(tag string) (string, error)

	MaxBytes       int64 // total storage bytes; 0 means DefaultMaxBytes
	MaxPickleBytes int64 // data.pkl size; 0 means DefaultMaxPickleBytes
	MaxDepth       int   // container nesting; 0 means DefaultMaxDepth

	// Arena, when set, is where the tree's dicts, lists, tensors and
	// storages come from, so that a caller done with the tree (converted
	// to its own values) can Reset the arena and read the next tree into
	// the same blocks. nil gives each tree blocks of its own.
	Arena *Arena
	// ShareData lets ReadBytes give a storage the file's own bytes as its
	// Data, when they are stored plainly and little-endian,
	// for a caller that only reads them and drops the tree before the
	// file changes (torch.load decoding them into its tensors). Without
	// it, the tree shares no bytes with the file.
	ShareData bool
}

// DefaultReadOptions are torch.load's defaults in PyTorch 2.6.
func DefaultReadOptions() ReadOptions {
	return ReadOptions{WeightsOnly: true}
}

func (o *ReadOptions) limits() (maxBytes, maxPickle int64, maxDepth int) {
	maxBytes, maxPickle, maxDepth = o.MaxBytes, o.MaxPickleBytes, o.MaxDepth
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	if maxPickle <= 0 {
		maxPickle = DefaultMaxPickleBytes
	}
	if maxDepth <= 0 {
		maxDepth = DefaultMaxDepth
	}
	return
}

// Read loads a checkpoint as torch.load does, from the size bytes of r.
// It returns *UnpicklingError, *FormatError or *DeviceError for files it
// refuses; it never panics and allocates at most the limits in opts.
func Read(r io.ReaderAt, size int64, opts ReadOptions) (Value, error) {
	r1 := readers.Get().(*reader)
	defer r1.release()
	return r1.read(r, size, opts)
}

// read is Read with r1's tables.
func (r1 *reader) read(r io.ReaderAt, size int64, opts ReadOptions) (Value, error) {
	pkl, err := r1.open(r, size, opts)
	if err != nil {
		return nil, err
	}
	_, _, maxDepth := opts.limits()
	u := &r1.unpickler
	u.data, u.weightsOnly, u.safe, u.persistent, u.maxDepth = pkl, opts.WeightsOnly, setOf(opts.SafeGlobals), &r1.storages, maxDepth
	v, err := u.load()
	if err != nil {
		return nil, err
	}
	if err := checkTree(v, maxDepth, !u.shared); err != nil {
		return nil, err
	}
	if opts.Arena != nil {
		opts.Arena.shared = u.shared
	}
	return v, nil
}

// open opens the archive of the size bytes of r, reads its pickle and
// readies the storage loader for the storages the pickle names.
func (r1 *reader) open(r io.ReaderAt, size int64, opts ReadOptions) ([]byte, error) {
	a := &r1.archive
	if err := a.open(r, size, opts.WeightsOnly, &r1.dir); err != nil {
		return nil, err
	}
	maxBytes, maxPickle, _ := opts.limits()
	pkl, err := a.record("data.pkl", maxPickle)
	if err != nil {
		return nil, err
	}
	sl, u := &r1.storages, &r1.unpickler
	u.callerArena = opts.Arena
	sl.a, sl.mapLocation, sl.maxBytes, sl.arena, sl.shareData = a, opts.MapLocation, maxBytes, u.nodes(), opts.ShareData
	sl.loaded, sl.keys = sl.firstLoaded[:0], sl.firstKeys[:0]
	return pkl, nil
}

// reader is the unpickler and storage loader of one Read, pooled: their
// stacks and tables are most of what a small checkpoint's load would
// allocate.
type reader struct {
	unpickler unpickler
	storages  storageLoader
	archive   archive
	dir       zipDir  // the array the archive's records are read into, their last names, the last directory
	mem       memFile // the file ReadBytes reads, boxed here rather than anew
	opened    Opened  // what OpenBytes returns, made here rather than anew
}

var readers = sync.Pool{New: func() any { return new(reader) }}

// maxPooledRecords is the most records whose array a pooled reader keeps.
const maxPooledRecords = 64

// maxPooledMemo is the most memo entries whose array a pooled reader keeps.
const maxPooledMemo = 1024

// release empties r and pools it.
func (r *reader) release() {
	r.reset()
	readers.Put(r)
}

// reset drops every reference r holds, keeping the arrays of its records
// and memo for the next load when they are not too large, and the names
// of its records (a string that holds nothing else). Its parts reset
// themselves field by field, clearing of their arrays only what a load
// used: zeroing the whole reader, arrays and all, would cost a write
// barrier per pointer slot (a few hundred) while the collector runs.
func (r *reader) reset() {
	records := r.archive.entries
	if cap(records) > maxPooledRecords {
		records = nil
	}
	records = records[:cap(records)]
	clear(records)
	r.unpickler.reset()
	r.storages.reset()
	r.archive = archive{}
	r.dir.records = records[:0]
	r.mem, r.opened = nil, Opened{}
}

// storageLoader reads the storages a pickle's persistent ids name.
type storageLoader struct {
	a           *archive
	arena       *Arena // the unpickler's
	mapLocation func(tag string) (string, error)
	maxBytes    int64
	shareData   bool       // ReadOptions.ShareData
	total       int64      // bytes read so far
	loaded      []*Storage // loaded[i] is the storage of record keys[i]
	keys        []string

	firstLoaded [8]*Storage
	firstKeys   [8]string
}

// reset empties sl for another load, clearing of its first arrays only
// the entries the load used.
func (sl *storageLoader) reset() {
	clear(sl.firstLoaded[:min(len(sl.loaded), len(sl.firstLoaded))])
	clear(sl.firstKeys[:min(len(sl.keys), len(sl.firstKeys))])
	sl.a, sl.arena, sl.mapLocation, sl.maxBytes, sl.shareData, sl.total = nil, nil, nil, 0, false, 0
	sl.loaded, sl.keys = nil, nil
}

func (sl *storageLoader) load(pid Tuple) (Value, error) {
	ref, err := parsePID(pid)
	if err != nil {
		return nil, err
	}
	return sl.loadRef(ref)
}

// loadRef is load of a parsed reference.
func (sl *storageLoader) loadRef(ref storageRef) (*Storage, error) {
	for i, k := range sl.keys {
		if k == ref.key {
			return sl.loaded[i], nil
		}
	}
	loc := ref.location
	var err error
	if sl.mapLocation != nil {
		if loc, err = sl.mapLocation(loc); err != nil {
			return nil, err
		}
	}
	dev := Device{Type: "cpu", Index: -1} // ParseDevice("cpu"), without parsing it
	if loc != "cpu" {
		if dev, err = ParseDevice(loc); err != nil {
			return nil, err
		}
	}
	switch dev.Type {
	case "cpu":
	case "cuda":
		return nil, cudaUnavailable(loc)
	default:
		return nil, formatErrorf("the simulator cannot load storages on device '%s'", loc)
	}
	nbytes := ref.numel * int64(ref.dtype.ItemSize())
	if sl.total+nbytes > sl.maxBytes {
		return nil, formatErrorf("checkpoint needs more than %d bytes of tensor data, over the simulator's limit", sl.maxBytes)
	}
	data, err := sl.a.storageData(ref.key, nbytes, sl.shareData && !sl.a.bigEndian) // swapped in place
	if err != nil {
		return nil, err
	}
	sl.total += nbytes
	if sl.a.bigEndian {
		unit := ref.dtype.ItemSize()
		if ref.dtype == Complex64 || ref.dtype == Complex128 {
			unit /= 2 // each of the real and imaginary parts
		}
		swapBytes(data, unit)
	}
	st := sl.arena.NewStorage()
	*st = Storage{DType: ref.dtype, Location: dev.String(), Data: data}
	sl.loaded = append(sl.loaded, st)
	sl.keys = append(sl.keys, ref.key)
	return st, nil
}

func setOf(names []string) map[string]bool {
	if len(names) == 0 {
		return nil
	}
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

type storageRef struct {
	dtype    DType
	key      string
	location string
	numel    int64
}

// parsePID reads ('storage', torch.FloatStorage, '0', 'cpu', numel).
func parsePID(pid Tuple) (storageRef, error) {
	if len(pid) != 5 {
		return storageRef{}, formatErrorf("invalid storage reference with %d fields", len(pid))
	}
	var ref storageRef
	cls, ok := pid[1].(fn)
	if !ok {
		return ref, formatErrorf("invalid storage type in checkpoint: %s", TypeName(pid[1]))
	}
	name := cls.name[strings.LastIndexByte(cls.name, '.')+1:]
	if name == "UntypedStorage" {
		ref.dtype = UInt8
	} else if ref.dtype, ok = dtypeByStorageClass(name); !ok {
		return ref, unsupportedHere(cls.name)
	}
	key, ok1 := pid[2].(Str)
	loc, ok2 := pid[3].(Str)
	numel, ok3 := pid[4].(Int)
	if !ok1 || !ok2 || !ok3 || numel < 0 {
		return ref, formatErrorf("invalid storage reference in checkpoint")
	}
	ref.key, ref.location, ref.numel = string(key), string(loc), int64(numel)
	if ref.numel > 1<<50 {
		return ref, formatErrorf("storage declares %d elements, more than any file holds", ref.numel)
	}
	return ref, nil
}

// archive is an opened checkpoint zip.
type archive struct {
	r         io.ReaderAt
	size      int64
	prefix    string
	entries   []zipRecord
	byName    map[string]int // the index of each name in entries, for large archives
	bigEndian bool
	// dir is the zipDir that keeps this very file whole (see
	// zipDir.file), or nil: the checks it marks passed need not run.
	dir *zipDir
}

// streamReaderError is PyTorchStreamReader's wording for a broken zip.
func streamReaderError(what, detail string) *FormatError {
	return formatErrorf("PytorchStreamReader failed %s: %s", what, detail)
}

// openArchive recognises the file's format and opens its zip directory.
func openArchive(r io.ReaderAt, size int64, weightsOnly bool) (*archive, error) {
	a := new(archive)
	if err := a.open(r, size, weightsOnly, nil); err != nil {
		return nil, err
	}
	return a, nil
}

// open is openArchive into a, reading the zip directory into buf (which
// may be nil) when it has room.
func (a *archive) open(r io.ReaderAt, size int64, weightsOnly bool, buf *zipDir) error {
	if size < 0 {
		return formatErrorf("invalid file size %d", size)
	}
	if !hasZipMagic(r, size) {
		head := make([]byte, min(size, 512))
		if _, err := r.ReadAt(head, 0); err != nil && !errors.Is(err, io.EOF) {
			return formatErrorf("reading checkpoint: %v", err)
		}
		return notZip(r, size, head, weightsOnly)
	}
	if buf != nil {
		if entries, prefix, ok := buf.reopen(r, size); ok {
			*a = archive{r: r, size: size, prefix: prefix, entries: entries}
			return a.checkOnce(weightsOnly, buf)
		}
	}
	entries, err := readZip(r, size, buf)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return formatErrorf("archive does not contain any files")
	}
	first := entries[0].Name
	slash := strings.IndexByte(first, '/')
	if slash < 0 {
		return formatErrorf("file in archive is not in a subdirectory: %s", first)
	}
	*a = archive{r: r, size: size, prefix: first[:slash+1], entries: entries[:0]}
	if len(entries) > 16 {
		a.byName = make(map[string]int, len(entries))
	}
	// seen has a bit for each kept name's length and last byte: a name
	// whose bit is clear cannot be one kept already, so only the others
	// (rare: "data/0" and "data/1" differ in their last byte) need the
	// look-up.
	var seen uint64
	for i := range entries {
		name, ok := strings.CutPrefix(entries[i].Name, a.prefix)
		if !ok {
			continue
		}
		bit := uint64(1) << nameBit(name)
		if seen&bit != 0 {
			if _, dup := a.file(name); dup {
				continue
			}
		}
		seen |= bit
		// Kept records move down over the dropped ones, in place: most
		// stay where they are and only their names change.
		n := len(a.entries)
		a.entries = entries[:n+1]
		if n != i {
			a.entries[n] = entries[i]
		}
		a.entries[n].Name = name
		if a.byName != nil {
			a.byName[name] = n
		}
	}
	if buf != nil {
		if a.byName == nil {
			buf.remember(r, size, a.entries, a.prefix)
		} else {
			buf.forget()
		}
		return a.checkOnce(weightsOnly, buf)
	}
	return a.check(weightsOnly)
}

// nameBit is the bit of a record name in archive.open's set of the names
// it kept: equal names have equal bits.
func nameBit(name string) uint {
	if name == "" {
		return 0
	}
	return uint(len(name)*7+int(name[len(name)-1])) % 64
}

// checkOnce is check of an archive whose directory buf keeps, which it
// skips for a file of the very bytes that passed it last.
func (a *archive) checkOnce(weightsOnly bool, buf *zipDir) error {
	if !buf.same {
		return a.check(weightsOnly)
	}
	a.dir = buf
	if buf.checkPassed {
		a.bigEndian = buf.bigEndian
		return nil
	}
	if err := a.check(weightsOnly); err != nil {
		return err
	}
	buf.checkPassed, buf.bigEndian = true, a.bigEndian
	return nil
}

// check checks the records of an opened archive as PyTorch's reader does.
func (a *archive) check(weightsOnly bool) error {
	has := a.checkedRecords()
	if has.constants {
		msg := "this file is a TorchScript archive (torch.jit.save), which the simulator cannot load; save a state_dict with torch.save instead"
		if weightsOnly {
			msg = "Cannot use ``weights_only=True`` with TorchScript archives passed to ``torch.load``. " + unsafeMessage
		}
		return &FormatError{Msg: msg, torchScript: true}
	}
	versionRecord := "version"
	if has.dataVersion {
		versionRecord = ".data/version"
	} else if !has.version {
		return formatErrorf(`Expected hasRecord("version") to be true, but got false.  (Could this error message be improved?  If so, please report an enhancement request to PyTorch.)`)
	}
	ver, err := a.record(versionRecord, 64)
	if err != nil {
		return err
	}
	n, perr := strconv.ParseUint(strings.TrimSpace(string(ver)), 10, 64)
	if perr != nil {
		return formatErrorf("invalid version record %q in checkpoint", ver)
	}
	const minVersion, maxVersion = 1, 10 // kMinSupportedFileFormatVersion, kMaxSupportedFileFormatVersion
	if n < minVersion {
		return formatErrorf("Attempted to read a PyTorch file with version %d, but the minimum supported version for reading is %d. Your PyTorch script module file is too old. Please regenerate it with latest version of PyTorch to mitigate this issue.", n, minVersion)
	}
	if n > maxVersion {
		return formatErrorf("Attempted to read a PyTorch file with version %d, but the maximum supported version for reading is %d. The version of your PyTorch installation may be too old, please upgrade PyTorch to latest version to mitigate this issue.", n, maxVersion)
	}
	if bo, err := a.record("byteorder", 16); err == nil {
		switch string(bo) {
		case "little":
		case "big":
			a.bigEndian = true
		default:
			return formatErrorf("Unknown endianness type: %s", bo)
		}
	}
	if !has.dataPkl {
		return formatErrorf("PytorchStreamReader failed locating file data.pkl: file not found")
	}
	return nil
}

// checkedRecords reports which of the records check looks for the archive
// holds, in one pass over its records rather than one look-up each.
func (a *archive) checkedRecords() (has struct{ constants, dataVersion, version, dataPkl bool }) {
	if a.byName != nil {
		_, has.constants = a.byName["constants.pkl"]
		_, has.dataVersion = a.byName[".data/version"]
		_, has.version = a.byName["version"]
		_, has.dataPkl = a.byName["data.pkl"]
		return has
	}
	for i := range a.entries {
		switch a.entries[i].Name {
		case "constants.pkl":
			has.constants = true
		case ".data/version":
			has.dataVersion = true
		case "version":
			has.version = true
		case "data.pkl":
			has.dataPkl = true
		}
	}
	return has
}

// hasZipMagic reports whether the file starts as a zip does.
func hasZipMagic(r io.ReaderAt, size int64) bool {
	if b, ok := view(r, 0, 4); ok {
		return string(b) == "PK\x03\x04"
	}
	var magic [4]byte
	n, err := r.ReadAt(magic[:min(size, 4)], 0)
	return (err == nil || errors.Is(err, io.EOF)) && n == 4 && string(magic[:]) == "PK\x03\x04"
}

// ReadBytes is Read of a file held in memory, which it reads without
// copying; the result shares no bytes with data unless opts.ShareData.
func ReadBytes(data []byte, opts ReadOptions) (Value, error) {
	r1 := readers.Get().(*reader)
	defer r1.release()
	r1.mem = data
	return r1.read(&r1.mem, int64(len(data)), opts)
}

// memFile is a file held in memory, which view reads without copying. It
// is a *memFile as an io.ReaderAt.
type memFile []byte

func (m *memFile) ReadAt(p []byte, off int64) (int, error) {
	return m.readAt(p, off)
}

func (m memFile) readAt(p []byte, off int64) (int, error) {
	if off < 0 {
		return 0, errors.New("pth: negative offset")
	}
	if off >= int64(len(m)) {
		return 0, io.EOF
	}
	n := copy(p, m[off:])
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// view returns the n bytes at off of a memFile, without copying them; ok
// is false for another reader or a range outside the file.
func view(r io.ReaderAt, off, n int64) ([]byte, bool) {
	mp, ok := r.(*memFile)
	if !ok {
		return nil, false
	}
	m := *mp
	if off < 0 || n < 0 || off > int64(len(m)) || n > int64(len(m))-off {
		return nil, false
	}
	return m[off : off+n : off+n], true
}

// legacyMagic is the number PyTorch's legacy format pickles first.
var legacyMagic = decodeLong([]byte{0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19})

// notZip explains a file that is not a zip checkpoint. Like torch.load, it
// reads the file as the legacy format, whose first pickle is a magic number;
// anything else fails as that unpickling fails.
func notZip(r io.ReaderAt, size int64, head []byte, weightsOnly bool) error {
	if len(head) == 0 {
		if weightsOnly {
			return &FormatError{Exception: "EOFError", Msg: ""}
		}
		return &FormatError{Exception: "EOFError", Msg: "Ran out of input"}
	}
	if len(head) >= 262 && string(head[257:262]) == "ustar" {
		return formatErrorf("this checkpoint uses the legacy tar format of PyTorch before 0.4, which the simulator cannot load; load it in real PyTorch and save it again with torch.save")
	}
	if bytes.HasPrefix(head, []byte("PYTORCH1")) {
		return formatErrorf("File is an unsupported archive format from the preview release.")
	}
	data := make([]byte, min(size, 1<<20))
	if _, err := r.ReadAt(data, 0); err != nil && !errors.Is(err, io.EOF) {
		return formatErrorf("reading checkpoint: %v", err)
	}
	u := &unpickler{data: data, weightsOnly: weightsOnly, maxDepth: DefaultMaxDepth}
	v, err := u.load()
	if err != nil {
		return err
	}
	if n, ok := v.(BigInt); ok && n.V.Cmp(legacyMagic) == 0 {
		return formatErrorf("this checkpoint uses the legacy serialization format of PyTorch before 1.6, which the simulator cannot load; load it in real PyTorch and save it again with torch.save")
	}
	return formatErrorf("Invalid magic number; corrupt file?")
}

// maxRecords bounds the records of one checkpoint (one per storage, plus a
// handful): archive/zip keeps a few hundred bytes per record in memory.
const maxRecords = 1 << 17

// zipRecordCount reads the record count from the end of central directory
// record (or its zip64 form), before archive/zip allocates for each record.
func zipRecordCount(r io.ReaderAt, size int64) (uint64, bool) {
	n := min(size, 22+65535)
	tail := make([]byte, n)
	if _, err := r.ReadAt(tail, size-n); err != nil && !errors.Is(err, io.EOF) {
		return 0, false
	}
	i := bytes.LastIndex(tail, []byte("PK\x05\x06"))
	for i >= 0 && len(tail)-i < 22 {
		i = bytes.LastIndex(tail[:i], []byte("PK\x05\x06"))
	}
	if i < 0 {
		return 0, false
	}
	count := uint64(binary.LittleEndian.Uint16(tail[i+10:]))
	if count != 0xFFFF || i < 20 || string(tail[i-20:i-16]) != "PK\x06\x07" {
		return count, true
	}
	// zip64: the locator before the record points at the zip64 record
	off := int64(binary.LittleEndian.Uint64(tail[i-20+8:]))
	var rec [56]byte
	if off < 0 || off > size-56 {
		return 0, false
	}
	if _, err := r.ReadAt(rec[:], off); err != nil || string(rec[:4]) != "PK\x06\x06" {
		return 0, false
	}
	return binary.LittleEndian.Uint64(rec[32:]), true
}

// zipError words a zip the reader cannot open as miniz does.
func zipError(r io.ReaderAt, size int64) error {
	if size < 22 {
		return streamReaderError("reading zip archive", "not a ZIP archive")
	}
	n := min(size, 22+65535)
	tail := make([]byte, n)
	if _, err := r.ReadAt(tail, size-n); err != nil && !errors.Is(err, io.EOF) {
		return streamReaderError("reading zip archive", "file read failed")
	}
	// miniz looks for a whole 22-byte end of central directory record
	i := bytes.LastIndex(tail, []byte("PK\x05\x06"))
	for i >= 0 && len(tail)-i < 22 {
		i = bytes.LastIndex(tail[:i], []byte("PK\x05\x06"))
	}
	if i < 0 {
		return streamReaderError("reading zip archive", "failed finding central directory")
	}
	return streamReaderError("reading zip archive", "invalid header or archive is corrupted")
}

// file finds a record by its name inside the archive's folder.
func (a *archive) file(name string) (*zipRecord, bool) {
	i, ok := a.fileIndex(name)
	if !ok {
		return nil, false
	}
	return &a.entries[i], true
}

// fileIndex is the index in entries of file(name).
func (a *archive) fileIndex(name string) (int, bool) {
	if a.byName != nil {
		i, ok := a.byName[name]
		return i, ok
	}
	for i := range a.entries {
		if a.entries[i].Name == name {
			return i, true
		}
	}
	return 0, false
}

// record reads a whole small record, refusing more than limit bytes.
func (a *archive) record(name string, limit int64) ([]byte, error) {
	i, ok := a.fileIndex(name)
	if !ok {
		return nil, formatErrorf("PytorchStreamReader failed locating file %s: file not found", name)
	}
	f := &a.entries[i]
	if f.UncompressedSize64 > uint64(limit) {
		return nil, formatErrorf("record %s declares %d bytes, over the simulator's limit of %d", name, f.UncompressedSize64, limit)
	}
	if f.Method == zip.Store && f.CompressedSize64 != f.UncompressedSize64 {
		return nil, streamReaderError("reading file "+name, "invalid header or archive is corrupted")
	}
	if f.Method == zip.Store {
		return a.stored(i, name, int64(f.UncompressedSize64), true)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, streamReaderError("reading file "+name, "unsupported method")
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil || int64(len(b)) > limit || uint64(len(b)) != f.UncompressedSize64 {
		return nil, streamReaderError("reading file "+name, "decompression failed")
	}
	return b, nil
}

// stored reads the first n bytes of the stored record entries[i] straight
// from the file after checking its bounds, and checks the CRC when that is
// the whole record. With shared, the bytes of a file in memory come back
// without a copy, for a caller that only reads them. The index, not a
// pointer to the record, lets it tell the zipDir without a search.
func (a *archive) stored(i int, name string, n int64, shared bool) ([]byte, error) {
	f := &a.entries[i]
	off := f.dataAt
	var err error
	if off == 0 {
		off, err = f.DataOffset()
	}
	size := int64(f.UncompressedSize64)
	if err != nil || off < 0 || off > a.size || size > a.size-off || n > size {
		return nil, streamReaderError("reading file "+name, "file is truncated")
	}
	b, ok := view(a.r, off, n)
	if !ok || !shared {
		b = make([]byte, n)
		if _, err := a.r.ReadAt(b, off); err != nil && !(errors.Is(err, io.EOF) && n == 0) {
			return nil, streamReaderError("reading file "+name, "file read failed")
		}
	}
	known := f.dataAt != 0 && (f.crcOK || n != size)
	if n == size && !f.crcOK {
		if checksum(b) != f.CRC32 {
			return nil, streamReaderError("reading file "+name, "CRC-32 check failed")
		}
		f.crcOK = true
	}
	if !known {
		f.dataAt = off
		if a.dir != nil {
			a.dir.passed(i, f)
		}
	}
	return b, nil
}

// checksum is crc32.ChecksumIEEE(b). The few bytes of a version or
// byteorder record it sums a byte at a time, which costs less than
// ChecksumIEEE's way to its loops for longer data.
func checksum(b []byte) uint32 {
	if len(b) >= 16 {
		return crc32.ChecksumIEEE(b)
	}
	crc := ^uint32(0)
	for _, c := range b {
		crc = crc32.IEEETable[byte(crc)^c] ^ crc>>8
	}
	return ^crc
}

// storageData reads the first nbytes of data/<key>, which must hold at
// least that many. Only nbytes are ever allocated, whatever the record says;
// with shared, as stored's, none when the file is in memory.
func (a *archive) storageData(key string, nbytes int64, shared bool) ([]byte, error) {
	i, ok := a.storageIndex(key)
	if !ok {
		return nil, formatErrorf("PytorchStreamReader failed locating file %s: file not found", "data/"+key)
	}
	f := &a.entries[i]
	name := f.Name
	if int64(f.UncompressedSize64) < nbytes {
		return nil, formatErrorf("storage %s holds %d bytes but the checkpoint needs %d", name, f.UncompressedSize64, nbytes)
	}
	if f.Method == zip.Store {
		return a.stored(i, name, nbytes, shared)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, streamReaderError("reading file "+name, "unsupported method")
	}
	defer rc.Close()
	b := make([]byte, nbytes)
	if _, err := io.ReadFull(rc, b); err != nil {
		return nil, streamReaderError("reading file "+name, "decompression failed")
	}
	return b, nil
}

// storageIndex is fileIndex("data/"+key), without building the name
// unless the archive is large enough to look names up in byName.
func (a *archive) storageIndex(key string) (int, bool) {
	if a.byName != nil {
		return a.fileIndex("data/" + key)
	}
	const dir = "data/"
	for i := range a.entries {
		name := a.entries[i].Name
		if len(name) == len(dir)+len(key) && name[len(dir):] == key && name[:len(dir)] == dir {
			return i, true
		}
	}
	return 0, false
}

func swapBytes(b []byte, item int) {
	if item <= 1 {
		return
	}
	for i := 0; i+item <= len(b); i += item {
		for j, k := i, i+item-1; j < k; j, k = j+1, k-1 {
			b[j], b[k] = b[k], b[j]
		}
	}
}
