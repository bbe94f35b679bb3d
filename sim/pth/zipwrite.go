package pth

import (
	"encoding/binary"
	"hash/crc32"
	"io"
	"slices"
	"strings"
	"sync"
)

// Layout constants of the zip files PyTorch writes through miniz
// (caffe2/serialize/inline_container.cc).
const (
	storageAlignment = 64 // kFieldAlignment
	localHeaderLen   = 30
	centralHeaderLen = 46
	maxUint32        = 0xFFFFFFFF
	flagDescriptor   = 0x0808 // bit 3: sizes in a data descriptor; bit 11: UTF-8 names
	flagUTF8         = 0x0800 // an empty record: miniz writes no descriptor
	zip64ExtraID     = 0x0001
)

// zipWriter writes records the way PyTorchStreamWriter does: stored, with a
// data descriptor after each record, each record's data aligned to 64 bytes by
// an "FB" extra field of 'Z' padding, and a zip64 end of central directory.
//
// Headers and descriptors are appended to out where they are built. When
// the file goes to a writer w, out holds only what is not written to w yet
// (flush writes it), and a record's data goes to w without a copy.
type zipWriter struct {
	w        io.Writer // nil: the whole file stays in out
	out      []byte    // the file, or with w its bytes not yet written to w
	outStart uint64    // the offset of out[0] in the file: the bytes written to w
	folder   string    // "archive": the records' names start "archive/"
	records  int       // the records written
	// names are the records' names (their names in the file are the
	// folder, a slash and the name), kept only for records written one by
	// one (standard 0): writeRecords' are known.
	names []string
	// central is the central directory, each record's header added when
	// the record is written.
	central  []byte
	crcCombo uint64 // combined_uncomp_crc32_
	err      error
	// standard is 1 + the number of storages when writeRecords writes the
	// records, in its order (finish then knows which it must add and
	// the hash of the names); 0 for records written one by one.
	standard int

	// fixed keeps how each run of the records every checkpoint has was
	// last written, for the next file to copy (writeFixed). It outlives
	// release.
	fixed [numFixed]writtenRun
	// last is the last file written for appendFile (lastFile). It
	// outlives release too.
	last lastFile

	// dataAt is the offset in the file of the last record's data;
	// writeRecords keeps those of data.pkl and of the storages'.
	dataAt     int
	pklAt      int
	storagesAt []int

	// the first arrays of names, central and, with w, of out; the
	// serialization id
	firstNames   [10]string
	firstCentral [640]byte
	firstOut     [256]byte
	id           [40]byte
}

func newZipWriter(w io.Writer, archiveName string) *zipWriter {
	// torch.save writes eight records for a checkpoint with two storages
	z := zipWriters.Get().(*zipWriter)
	z.w, z.folder = w, archiveName
	z.names = z.firstNames[:0]
	z.central = z.firstCentral[:0]
	if w != nil {
		z.out = z.firstOut[:0]
	}
	return z
}

// zipWriters keeps zip writers between saves, with their arrays.
var zipWriters = sync.Pool{New: func() any { return new(zipWriter) }}

// release empties z, dropping every reference it holds (the file it wrote
// to, z.out, too) but its written runs, and pools it. z must not be used
// after. Its byte arrays keep their old bytes: a writer reads none it did
// not write.
func (z *zipWriter) release() {
	if len(z.names) > 0 { // records written one by one
		clear(z.firstNames[:])
	}
	z.w, z.out, z.outStart, z.folder, z.records = nil, nil, 0, "", 0
	z.names, z.central, z.crcCombo, z.err, z.standard = nil, nil, 0, nil, 0
	zipWriters.Put(z)
}

// pos is the offset in the file of the next byte written.
func (z *zipWriter) pos() uint64 { return z.outStart + uint64(len(z.out)) }

// flush writes out's bytes to w, when the file goes to one.
func (z *zipWriter) flush() {
	if z.w == nil || len(z.out) == 0 {
		return
	}
	if z.err == nil {
		_, z.err = z.w.Write(z.out)
	}
	z.outStart += uint64(len(z.out))
	z.out = z.out[:0]
}

// writeData writes a record's data: to out, or, when the file goes to w,
// straight to w after what out holds.
func (z *zipWriter) writeData(data []byte) {
	z.dataAt = int(z.pos())
	if z.w == nil {
		z.out = append(z.out, data...)
		return
	}
	z.flush()
	if z.err == nil {
		_, z.err = z.w.Write(data)
	}
	z.outStart += uint64(len(data))
}

// written reports whether a record of that name was written one by one.
func (z *zipWriter) written(name string) bool {
	return slices.Contains(z.names, name)
}

// paddingLen is the number of 'Z's of the "FB" extra field that puts a
// record's data on a 64-byte boundary (detail::getPadding).
func paddingLen(cursor uint64, nameLen int, size uint64) int {
	start := cursor + localHeaderLen + uint64(nameLen) + 4
	if size >= maxUint32 || cursor >= maxUint32 {
		start += 4
		if size >= maxUint32 {
			start += 16
		}
		if cursor >= maxUint32 {
			start += 8
		}
	}
	return int((storageAlignment - start%storageAlignment) % storageAlignment)
}

// zPadding is the most padding a record needs.
var zPadding = strings.Repeat("Z", storageAlignment)

// zip64Extra appends to b miniz's zip64 extended information field for the
// values that overflow 32 bits, if any do.
func zip64Extra(b []byte, size *uint64, offset *uint64) []byte {
	n := zip64ExtraLen(size, offset)
	if n == 0 {
		return b
	}
	n -= 4
	b = binary.LittleEndian.AppendUint16(b, zip64ExtraID)
	b = binary.LittleEndian.AppendUint16(b, uint16(n))
	if size != nil {
		b = binary.LittleEndian.AppendUint64(b, *size) // uncompressed
		b = binary.LittleEndian.AppendUint64(b, *size) // compressed
	}
	if offset != nil {
		b = binary.LittleEndian.AppendUint64(b, *offset)
	}
	return b
}

// zip64ExtraLen is the length of the field zip64Extra appends, 0 when none.
func zip64ExtraLen(size *uint64, offset *uint64) int {
	n := 0
	if size != nil {
		n += 16
	}
	if offset != nil {
		n += 8
	}
	if n == 0 {
		return 0
	}
	return 4 + n
}

func (z *zipWriter) zip64Fields(size, offset uint64) (sz, off *uint64) {
	if size >= maxUint32 {
		sz = &size
	}
	if offset >= maxUint32 {
		off = &offset
	}
	return sz, off
}

// next extends out by n bytes and returns them, for the caller to fill
// every one of them.
func (z *zipWriter) next(n int) []byte {
	l := len(z.out)
	if cap(z.out)-l < n {
		z.out = slices.Grow(z.out, n)
	}
	z.out = z.out[:l+n]
	return z.out[l:]
}

// putName writes the full name of record name, folder/name, into b, and
// returns its length.
func (z *zipWriter) putName(b []byte, name string) int {
	n := copy(b, z.folder)
	b[n] = '/'
	return n + 1 + copy(b[n+1:], name)
}

// writeRecord writes one stored record holding data.
func (z *zipWriter) writeRecord(name string, data []byte) {
	z.writeRecordSum(name, data, crc32.ChecksumIEEE(data))
}

// writeRecordSum is writeRecord of data whose CRC-32 is sum.
func (z *zipWriter) writeRecordSum(name string, data []byte, sum uint32) {
	if z.err != nil {
		return
	}
	size := uint64(len(data))
	fullLen := len(z.folder) + 1 + len(name)
	offset := z.pos()
	sz, off := z.zip64Fields(size, offset)
	extra := zip64ExtraLen(sz, off)

	flags := uint16(flagDescriptor)
	if size == 0 {
		flags = flagUTF8
	}
	pad := paddingLen(offset, fullLen, size)
	// version, method, time, date, crc and sizes stay zero: the
	// descriptor carries them (and for an empty record zero is what
	// they are)
	var h [localHeaderLen]byte
	le := binary.LittleEndian
	le.PutUint32(h[0:], 0x04034b50)
	le.PutUint16(h[6:], flags)
	le.PutUint16(h[26:], uint16(fullLen))
	le.PutUint16(h[28:], uint16(extra+4+pad))
	b := z.next(localHeaderLen + fullLen + extra + 4 + pad)
	*(*[localHeaderLen]byte)(b) = h
	n := localHeaderLen + z.putName(b[localHeaderLen:], name)
	if extra > 0 {
		n += len(zip64Extra(b[n:n], sz, off))
	}
	le.PutUint32(b[n:], 'F'|'B'<<8|uint32(pad)<<16)
	copy(b[n+4:], zPadding[:pad])
	z.addCentral(flags, sum, size, offset, b[localHeaderLen:localHeaderLen+fullLen])
	z.writeData(data)
	z.records++
	if z.standard == 0 {
		z.names = append(z.names, name)
	}
	if size == 0 {
		return
	}

	if extra > 0 {
		var d [24]byte
		le.PutUint32(d[0:], 0x08074b50)
		le.PutUint32(d[4:], sum)
		le.PutUint64(d[8:], size)
		le.PutUint64(d[16:], size)
		*(*[24]byte)(z.next(24)) = d
	} else {
		var d [16]byte
		le.PutUint32(d[0:], 0x08074b50)
		le.PutUint32(d[4:], sum)
		le.PutUint32(d[8:], uint32(size))
		le.PutUint32(d[12:], uint32(size))
		*(*[16]byte)(z.next(16)) = d
	}
	// PyTorch combines the CRC of each data descriptor it sees written.
	z.crcCombo = hashCombine(z.crcCombo, uint64(sum))
}

// The runs of records with the same bodies in every checkpoint, by
// position in fixedRuns.
const (
	fixedHead      = iota // what writeRecords writes after data.pkl
	fixedVersion          // what finish adds to them
	fixedByteorder        // what finish may add to records written one by one
	numFixed
)

// A fixedBody is the name, data and CRC-32 of a record every checkpoint has.
type fixedBody struct {
	name string
	data []byte
	crc  uint32
}

var fixedRuns = [numFixed][]fixedBody{
	fixedHead: {
		{".format_version", formatVersion, formatVersionCRC},
		{".storage_alignment", alignment64, alignment64CRC},
		{"byteorder", littleEndian, littleEndianCRC},
	},
	fixedVersion:   {{"version", version3, version3CRC}},
	fixedByteorder: {{"byteorder", littleEndian, littleEndianCRC}},
}

// A writtenRun is one of fixedRuns as writeRecordSum wrote it in folder
// from an offset of mod modulo 64: the local headers, data and
// descriptors, and the central directory headers. Written again in the
// same folder from an offset of the same mod, its bytes are the same but
// for the offsets in the central directory headers, as long as they fit
// in 32 bits: patch holds where each is in central and how far its record
// is from the first.
type writtenRun struct {
	folder  string
	mod     uint64
	local   []byte
	central []byte
	patch   [3]struct{ at, rel int } // as many as the longest run
}

// maxFixedFolder is the longest folder name whose written runs a pooled
// writer keeps.
const maxFixedFolder = 128

// writeFixed writes fixedRuns[f], copying it from z.fixed[f] when it was
// written there before.
func (z *zipWriter) writeFixed(f int) {
	run := fixedRuns[f]
	offset := z.pos()
	if z.w != nil || z.err != nil || offset >= maxUint32/2 || len(z.folder) > maxFixedFolder {
		for _, r := range run {
			z.writeRecordSum(r.name, r.data, r.crc)
		}
		return
	}
	c := &z.fixed[f]
	mod := offset % storageAlignment
	if c.local == nil || c.folder != z.folder || c.mod != mod {
		l, cl := len(z.out), len(z.central)
		for i, r := range run {
			c.patch[i].at = len(z.central) - cl + 42
			c.patch[i].rel = len(z.out) - l
			z.writeRecordSum(r.name, r.data, r.crc)
		}
		c.folder, c.mod = z.folder, mod
		c.local = append(c.local[:0], z.out[l:]...)
		c.central = append(c.central[:0], z.central[cl:]...)
		return
	}
	z.out = append(z.out, c.local...)
	cl := len(z.central)
	z.central = append(z.central, c.central...)
	for i, r := range run {
		binary.LittleEndian.PutUint32(z.central[cl+c.patch[i].at:], uint32(offset)+uint32(c.patch[i].rel))
		z.records++
		if z.standard == 0 {
			z.names = append(z.names, r.name)
		}
		z.crcCombo = hashCombine(z.crcCombo, uint64(r.crc))
	}
}

// finish writes the version record, the serialization id and the central
// directory, as PyTorchStreamWriter::writeEndOfFile does.
func (z *zipWriter) finish() error {
	if z.standard == 0 {
		if !z.written("version") && !z.written(".data/version") {
			z.writeFixed(fixedVersion)
		}
		if !z.written("byteorder") {
			z.writeFixed(fixedByteorder)
		}
	} else {
		z.writeFixed(fixedVersion)
	}
	z.writeRecord(".data/serialization_id", z.serializationID(z.id[:0]))
	return z.writeCentralDirectory()
}

// addCentral adds to the central directory the header of a record at
// offset, whose name in the file is fullName.
func (z *zipWriter) addCentral(flags uint16, crc uint32, size, offset uint64, fullName []byte) {
	sz, off := z.zip64Fields(size, offset)
	size32, off32 := uint32(size), uint32(offset)
	if sz != nil {
		size32 = maxUint32
	}
	if off != nil {
		off32 = maxUint32
	}
	// versions made by and needed, method, time and date stay zero
	var h [centralHeaderLen]byte
	le := binary.LittleEndian
	le.PutUint32(h[0:], 0x02014b50)
	le.PutUint16(h[8:], flags)
	le.PutUint32(h[16:], crc)
	le.PutUint32(h[20:], size32)
	le.PutUint32(h[24:], size32)
	le.PutUint16(h[28:], uint16(len(fullName)))
	extra := zip64ExtraLen(sz, off)
	le.PutUint16(h[30:], uint16(extra))
	le.PutUint32(h[42:], off32)
	l := len(z.central)
	n := centralHeaderLen + len(fullName) + extra
	if cap(z.central)-l < n {
		z.central = slices.Grow(z.central, n)
	}
	b := z.central[l : l+n]
	*(*[centralHeaderLen]byte)(b) = h
	copy(b[centralHeaderLen:], fullName)
	if extra > 0 {
		zip64Extra(b[centralHeaderLen+len(fullName):centralHeaderLen+len(fullName)], sz, off)
	}
	z.central = z.central[:l+n]
}

// writeCentralDirectory ends the archive as mz_zip_writer_finalize_archive
// does with zip64 enabled: central directory, zip64 end of central directory
// record and locator, end of central directory record.
func (z *zipWriter) writeCentralDirectory() error {
	le := binary.LittleEndian
	cdStart := z.pos()
	z.writeData(z.central)
	cdSize := z.pos() - cdStart
	n := uint64(z.records)

	eocd64 := z.pos()
	var b [56 + 20 + 22]byte
	le.PutUint32(b[0:], 0x06064b50)
	le.PutUint64(b[4:], 44)
	le.PutUint16(b[12:], 0x031e) // made by
	le.PutUint16(b[14:], 0x002d) // needed: 4.5
	le.PutUint64(b[24:], n)
	le.PutUint64(b[32:], n)
	le.PutUint64(b[40:], cdSize)
	le.PutUint64(b[48:], cdStart)
	// zip64 end of central directory locator
	le.PutUint32(b[56:], 0x07064b50)
	le.PutUint64(b[64:], eocd64)
	le.PutUint32(b[72:], 1)
	// end of central directory
	le.PutUint32(b[76:], 0x06054b50)
	le.PutUint16(b[84:], uint16(min(n, 0xFFFF)))
	le.PutUint16(b[86:], uint16(min(n, 0xFFFF)))
	le.PutUint32(b[88:], uint32(min(cdSize, maxUint32)))
	le.PutUint32(b[92:], uint32(min(cdStart, maxUint32)))
	z.out = append(z.out, b[:]...)
	z.flush()
	return z.err
}

// serializationID mirrors PyTorchStreamWriter::writeSerializationId: 20 digits
// of the combined hash of the record names (in sorted order, as std::set
// iterates), then 20 digits of the combined CRC-32s of the records.
// It appends the 40 digits to b.
func (z *zipWriter) serializationID(b []byte) []byte {
	switch n := z.standard - 1; {
	case n >= 0 && n < len(standardNamesHash):
		b = append(b, standardNamesHash[n][:]...)
	case n >= 0:
		b = pad20(b, namesHash(standardNames(n)))
	default:
		var buf [16]string
		b = pad20(b, namesHash(append(buf[:0], z.names...)))
	}
	return pad20(b, z.crcCombo)
}

// namesHash is the combined hash of a set of record names, taken in sorted
// order; names may repeat, and namesHash sorts them in place.
func namesHash(names []string) uint64 {
	slices.Sort(names)
	names = slices.Compact(names)
	var h uint64
	for _, n := range names {
		h = hashCombine(h, stdHashString(n))
	}
	return h
}

// standardRecords are the records torch.save writes before its storages'
// (writeRecords); finish adds version after them.
var standardRecords = []string{"data.pkl", ".format_version", ".storage_alignment", "byteorder"}

// standardNames are the names of the records of a checkpoint with n
// storages written by writeRecords and finish.
func standardNames(n int) []string {
	names := slices.Clone(standardRecords)
	for i := range n {
		names = append(names, dataRecordName(i))
	}
	return append(names, "version")
}

// standardNamesHash[n] is namesHash of standardNames(n), in the 20
// digits the serialization id begins with.
var standardNamesHash = func() [len(dataRecordNames)][20]byte {
	var hs [len(dataRecordNames)][20]byte
	for n := range hs {
		pad20(hs[n][:0], namesHash(standardNames(n)))
	}
	return hs
}()

// pad20 appends v in 20 decimal digits, zero-padded (the most a uint64
// has), two digits a division.
func pad20(b []byte, v uint64) []byte {
	var digits [20]byte
	for i := len(digits) - 2; i >= 0; i -= 2 {
		d := v % 100 * 2
		v /= 100
		digits[i], digits[i+1] = digitPairs[d], digitPairs[d+1]
	}
	return append(b, digits[:]...)
}

// digitPairs holds "00" to "99", the two digits of n at 2n.
const digitPairs = "00010203040506070809" +
	"10111213141516171819" +
	"20212223242526272829" +
	"30313233343536373839" +
	"40414243444546474849" +
	"50515253545556575859" +
	"60616263646566676869" +
	"70717273747576777879" +
	"80818283848586878889" +
	"90919293949596979899"

// The bodies of the records every checkpoint has.
var (
	version3      = []byte("3\n")
	littleEndian  = []byte("little")
	formatVersion = []byte("1")
	alignment64   = []byte("64")
)

// The CRC-32s of the bodies above, summed once: writeRecords and finish
// pass them to writeRecordSum.
var (
	version3CRC      = crc32.ChecksumIEEE(version3)
	littleEndianCRC  = crc32.ChecksumIEEE(littleEndian)
	formatVersionCRC = crc32.ChecksumIEEE(formatVersion)
	alignment64CRC   = crc32.ChecksumIEEE(alignment64)
)

// hashCombine is c10::hash_combine.
func hashCombine(seed, value uint64) uint64 {
	return seed ^ (value + 0x9e3779b9 + (seed << 6) + (seed >> 2))
}

// stdHashString is libstdc++'s std::hash<std::string> on 64-bit Linux
// (_Hash_bytes, a MurmurHash2 variant, seed 0xc70f6907).
func stdHashString(s string) uint64 {
	const mul = uint64(0xc6a4a793)<<32 + 0x5bd1e995
	shiftMix := func(v uint64) uint64 { return v ^ (v >> 47) }
	b := s
	n := len(b)
	aligned := n &^ 7
	h := uint64(0xc70f6907) ^ (uint64(n) * mul)
	for p := 0; p < aligned; p += 8 {
		data := shiftMix(le64(b[p:])*mul) * mul
		h ^= data
		h *= mul
	}
	if n&7 != 0 {
		var data uint64
		for i := n - 1; i >= aligned; i-- {
			data = data<<8 + uint64(b[i])
		}
		h ^= data
		h *= mul
	}
	h = shiftMix(h) * mul
	return shiftMix(h)
}

// le64 is binary.LittleEndian.Uint64 of the first 8 bytes of s.
func le64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}
