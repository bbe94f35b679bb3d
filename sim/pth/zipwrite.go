package pth

import (
	"bytes"
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
	entries  []zipEntry
	crcCombo uint64 // combined_uncomp_crc32_
	err      error

	// the first arrays of entries and, with w, of out; the serialization id
	firstEntries [10]zipEntry
	firstOut     [256]byte
	id           [40]byte
}

// zipEntry is a written record; its name in the file is the writer's
// folder, a slash and name.
type zipEntry struct {
	name   string
	flags  uint16
	offset uint64
	size   uint64
	crc    uint32
}

func newZipWriter(w io.Writer, archiveName string) *zipWriter {
	// torch.save writes eight records for a checkpoint with two storages
	z := zipWriters.Get().(*zipWriter)
	z.w, z.folder = w, archiveName
	z.entries = z.firstEntries[:0]
	if w != nil {
		z.out = z.firstOut[:0]
	}
	return z
}

// zipWriters keeps zip writers between saves, with their arrays.
var zipWriters = sync.Pool{New: func() any { return new(zipWriter) }}

// release empties z, dropping every reference it holds (the file it wrote
// to, z.out, too), and pools it. z must not be used after.
func (z *zipWriter) release() {
	clear(z.firstEntries[:])
	*z = zipWriter{}
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

// written reports whether a record of that name was written.
func (z *zipWriter) written(name string) bool {
	for i := range z.entries {
		if z.entries[i].name == name {
			return true
		}
	}
	return false
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

// writeRecord writes one stored record holding data.
func (z *zipWriter) writeRecord(name string, data []byte) {
	if z.err != nil {
		return
	}
	size := uint64(len(data))
	fullLen := len(z.folder) + 1 + len(name)
	offset := z.pos()
	sz, off := z.zip64Fields(size, offset)

	flags := uint16(flagDescriptor)
	if size == 0 {
		flags = flagUTF8
	}
	pad := paddingLen(offset, fullLen, size)
	// method, time, date, crc and sizes stay zero: the descriptor carries
	// them (and for an empty record zero is what they are)
	var h [localHeaderLen]byte
	binary.LittleEndian.PutUint32(h[0:], 0x04034b50)
	binary.LittleEndian.PutUint16(h[6:], flags)
	binary.LittleEndian.PutUint16(h[26:], uint16(fullLen))
	binary.LittleEndian.PutUint16(h[28:], uint16(zip64ExtraLen(sz, off)+4+pad))
	b := append(z.out, h[:]...)
	b = append(b, z.folder...)
	b = append(b, '/')
	b = append(b, name...)
	if sz != nil || off != nil {
		b = zip64Extra(b, sz, off)
	}
	b = append(b, 'F', 'B', byte(pad), 0)
	z.out = append(b, zPadding[:pad]...)
	sum := recordCRC(data)
	z.writeData(data)
	z.entries = append(z.entries, zipEntry{name: name, flags: flags, offset: offset, size: size, crc: sum})
	if size == 0 {
		return
	}

	d := binary.LittleEndian.AppendUint32(z.out, 0x08074b50)
	d = binary.LittleEndian.AppendUint32(d, sum)
	if sz != nil || off != nil {
		d = binary.LittleEndian.AppendUint64(d, size)
		d = binary.LittleEndian.AppendUint64(d, size)
	} else {
		d = binary.LittleEndian.AppendUint32(d, uint32(size))
		d = binary.LittleEndian.AppendUint32(d, uint32(size))
	}
	z.out = d
	// PyTorch combines the CRC of each data descriptor it sees written.
	z.crcCombo = hashCombine(z.crcCombo, uint64(sum))
}

// finish writes the version record, the serialization id and the central
// directory, as PyTorchStreamWriter::writeEndOfFile does.
func (z *zipWriter) finish() error {
	if !z.written("version") && !z.written(".data/version") {
		z.writeRecord("version", version3)
	}
	if !z.written("byteorder") {
		z.writeRecord("byteorder", littleEndian)
	}
	z.writeRecord(".data/serialization_id", z.serializationID(z.id[:0]))
	return z.writeCentralDirectory()
}

// writeCentralDirectory ends the archive as mz_zip_writer_finalize_archive
// does with zip64 enabled: central directory, zip64 end of central directory
// record and locator, end of central directory record.
func (z *zipWriter) writeCentralDirectory() error {
	cdStart := z.pos()
	for _, e := range z.entries {
		sz, off := z.zip64Fields(e.size, e.offset)
		fullLen := len(z.folder) + 1 + len(e.name)
		size32, off32 := uint32(e.size), uint32(e.offset)
		if sz != nil {
			size32 = maxUint32
		}
		if off != nil {
			off32 = maxUint32
		}
		// versions made by and needed, method, time and date stay zero
		var h [centralHeaderLen]byte
		binary.LittleEndian.PutUint32(h[0:], 0x02014b50)
		binary.LittleEndian.PutUint16(h[8:], e.flags)
		binary.LittleEndian.PutUint32(h[16:], e.crc)
		binary.LittleEndian.PutUint32(h[20:], size32)
		binary.LittleEndian.PutUint32(h[24:], size32)
		binary.LittleEndian.PutUint16(h[28:], uint16(fullLen))
		binary.LittleEndian.PutUint16(h[30:], uint16(zip64ExtraLen(sz, off)))
		binary.LittleEndian.PutUint32(h[42:], off32)
		b := append(z.out, h[:]...)
		b = append(b, z.folder...)
		b = append(b, '/')
		b = append(b, e.name...)
		if sz != nil || off != nil {
			b = zip64Extra(b, sz, off)
		}
		z.out = b
		z.flush()
	}
	cdSize := z.pos() - cdStart
	n := uint64(len(z.entries))

	eocd64 := z.pos()
	b := binary.LittleEndian.AppendUint32(z.out, 0x06064b50)
	b = binary.LittleEndian.AppendUint64(b, 44)
	b = binary.LittleEndian.AppendUint16(b, 0x031e) // made by
	b = binary.LittleEndian.AppendUint16(b, 0x002d) // needed: 4.5
	b = binary.LittleEndian.AppendUint32(b, 0)
	b = binary.LittleEndian.AppendUint32(b, 0)
	b = binary.LittleEndian.AppendUint64(b, n)
	b = binary.LittleEndian.AppendUint64(b, n)
	b = binary.LittleEndian.AppendUint64(b, cdSize)
	b = binary.LittleEndian.AppendUint64(b, cdStart)
	// zip64 end of central directory locator
	b = binary.LittleEndian.AppendUint32(b, 0x07064b50)
	b = binary.LittleEndian.AppendUint32(b, 0)
	b = binary.LittleEndian.AppendUint64(b, eocd64)
	b = binary.LittleEndian.AppendUint32(b, 1)
	// end of central directory
	b = binary.LittleEndian.AppendUint32(b, 0x06054b50)
	b = binary.LittleEndian.AppendUint16(b, 0)
	b = binary.LittleEndian.AppendUint16(b, 0)
	b = binary.LittleEndian.AppendUint16(b, uint16(min(n, 0xFFFF)))
	b = binary.LittleEndian.AppendUint16(b, uint16(min(n, 0xFFFF)))
	b = binary.LittleEndian.AppendUint32(b, uint32(min(cdSize, maxUint32)))
	b = binary.LittleEndian.AppendUint32(b, uint32(min(cdStart, maxUint32)))
	b = binary.LittleEndian.AppendUint16(b, 0)
	z.out = b
	z.flush()
	return z.err
}

// serializationID mirrors PyTorchStreamWriter::writeSerializationId: 20 digits
// of the combined hash of the record names (in sorted order, as std::set
// iterates), then 20 digits of the combined CRC-32s of the records.
// It appends the 40 digits to b.
func (z *zipWriter) serializationID(b []byte) []byte {
	var h uint64
	if n, ok := z.standardLayout(); ok {
		h = standardNamesHash[n]
	} else {
		var buf [16]string
		names := buf[:0]
		for i := range z.entries {
			names = append(names, z.entries[i].name)
		}
		h = namesHash(names)
	}
	return pad20(pad20(b, h), z.crcCombo)
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

// standardNamesHash[n] is namesHash of the records of a checkpoint with n
// storages written by writeRecords and finish.
var standardNamesHash = func() [len(dataRecordNames)]uint64 {
	var hs [len(dataRecordNames)]uint64
	for n := range hs {
		names := slices.Clone(standardRecords)
		for i := range n {
			names = append(names, dataRecordName(i))
		}
		hs[n] = namesHash(append(names, "version"))
	}
	return hs
}()

// standardLayout reports whether z holds the records of a checkpoint with
// n storages, as writeRecords and finish write them, and n is small enough
// for standardNamesHash.
func (z *zipWriter) standardLayout() (n int, ok bool) {
	n = len(z.entries) - len(standardRecords) - 1
	if n < 0 || n >= len(standardNamesHash) || z.entries[len(z.entries)-1].name != "version" {
		return 0, false
	}
	for i, name := range standardRecords {
		if z.entries[i].name != name {
			return 0, false
		}
	}
	for i := range n {
		if z.entries[len(standardRecords)+i].name != dataRecordName(i) {
			return 0, false
		}
	}
	return n, true
}

// pad20 appends v in 20 decimal digits, zero-padded (the most a uint64
// has).
func pad20(b []byte, v uint64) []byte {
	var digits [20]byte
	for i := len(digits) - 1; i >= 0; i-- {
		digits[i] = byte('0' + v%10)
		v /= 10
	}
	return append(b, digits[:]...)
}

// The bodies of the records every checkpoint has.
var (
	version3      = []byte("3\n")
	littleEndian  = []byte("little")
	formatVersion = []byte("1")
	alignment64   = []byte("64")
)

// The CRC-32s of the bodies above, summed once.
var (
	version3CRC      = crc32.ChecksumIEEE(version3)
	littleEndianCRC  = crc32.ChecksumIEEE(littleEndian)
	formatVersionCRC = crc32.ChecksumIEEE(formatVersion)
	alignment64CRC   = crc32.ChecksumIEEE(alignment64)
)

// recordCRC is the CRC-32 of a record's data, looked up for the bodies
// every checkpoint has (any record holding those bytes has their sum).
func recordCRC(data []byte) uint32 {
	switch {
	case bytes.Equal(data, version3):
		return version3CRC
	case bytes.Equal(data, littleEndian):
		return littleEndianCRC
	case bytes.Equal(data, formatVersion):
		return formatVersionCRC
	case bytes.Equal(data, alignment64):
		return alignment64CRC
	}
	return crc32.ChecksumIEEE(data)
}

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
