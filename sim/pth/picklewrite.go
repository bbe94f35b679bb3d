package pth

import (
	"encoding/binary"
	"fmt"
	"math"
	"math/big"
	"slices"
	"strconv"
	"sync"

	"github.com/ckptlab/ckptlab/sim/internal/smallmap"
)

// smallInts are the decimal texts of the first storage keys.
var smallInts = func() [16]string {
	var s [16]string
	for i := range s {
		s[i] = strconv.Itoa(i)
	}
	return s
}()

// smallInt is strconv.Itoa(i), without allocating for small i.
func smallInt(i int) string {
	if i >= 0 && i < len(smallInts) {
		return smallInts[i]
	}
	return strconv.Itoa(i)
}

// Pickle opcodes: the protocol 2 subset torch.save emits and the weights-only
// unpickler accepts, plus LONG4 for huge ints and EMPTY_SET, which the
// reader meets in newer pickles.
const (
	opMark          = '('
	opStop          = '.'
	opBinPersID     = 'Q'
	opBinFloat      = 'G'
	opBinInt        = 'J'
	opBinInt1       = 'K'
	opBinInt2       = 'M'
	opNone          = 'N'
	opBinUnicode    = 'X'
	opAppend        = 'a'
	opBuild         = 'b'
	opGlobal        = 'c'
	opEmptyDict     = '}'
	opAppends       = 'e'
	opBinGet        = 'h'
	opLongBinGet    = 'j'
	opEmptyList     = ']'
	opBinPut        = 'q'
	opLongBinPut    = 'r'
	opReduce        = 'R'
	opSetItem       = 's'
	opSetItems      = 'u'
	opTuple         = 't'
	opEmptyTuple    = ')'
	opShortBinStr   = 'U'
	opProto         = 0x80
	opNewObj        = 0x81
	opTuple1        = 0x85
	opTuple2        = 0x86
	opTuple3        = 0x87
	opNewTrue       = 0x88
	opNewFalse      = 0x89
	opLong1         = 0x8a
	opLong4         = 0x8b
	opEmptySet      = 0x8f
	pickleBatchSize = 1000
	maxWriteDepth   = 1000
)

// pickler writes a Value tree as CPython's C pickler does at protocol 2 with
// torch.save's persistent_id for storages.
type pickler struct {
	buf      []byte
	memo     memo                      // nodes (pointers) -> memo index
	strs     smallmap.Map[string, int] // str values -> memo index
	globals  smallmap.Map[Global, int] // globals -> memo index
	nmemo    int                       // memo entries so far, the next index
	storages []*Storage                // in order of first appearance: record data/<index>
	depth    int

	// known holds 1 + the memo index of each of knownGlobals written
	// (0 for none yet).
	known [numKnownGlobals]int32

	// common holds 1 + the memo index of each of CommonStrings written
	// (0 for none yet), found by CommonIndex rather than by scanning strs.
	common [64]int32

	first [8]*Storage // storages' first array

	scratch Tensor  // Encoder.ScratchTensor's
	dims    []int64 // the scratch tensor's shape and strides

	// Encoder.NewStorage's storages, and the bytes their data is cut from
	nodes     []Storage
	nodeBlock [8]Storage
	data      []byte
}

// memo finds the memo index of each node written so far, by identity:
// a table for each kind of node a checkpoint holds many of, so that a
// lookup compares pointers rather than interfaces.
type memo struct {
	dicts       smallmap.Map[*Dict, int]
	tensors     smallmap.Map[*Tensor, int]
	storageKeys smallmap.Map[*Storage, int] // the str key of each storage
	others      smallmap.Map[any, int]      // lists, sets and objects
}

// reset empties m and drops its references.
func (m *memo) reset() {
	m.dicts.Reset()
	m.tensors.Reset()
	m.storageKeys.Reset()
	m.others.Reset()
}

// picklers keeps picklers between saves: a pickler's tables and buffer
// are most of what a small checkpoint's save would allocate.
var picklers = sync.Pool{New: func() any { return new(pickler) }}

// newPickler returns an empty pickler; release gives it back.
func newPickler() *pickler {
	p := picklers.Get().(*pickler)
	if p.buf == nil {
		p.buf = make([]byte, 0, 1024)
	}
	p.storages = p.first[:0]
	return p
}

// maxPooledPickle is the largest buffer a released pickler keeps.
const maxPooledPickle = 64 << 10

// release empties p, dropping every reference it holds, and pools it. p
// and its buffer must not be used after.
func (p *pickler) release() {
	buf := p.buf[:0]
	if cap(buf) > maxPooledPickle {
		buf = nil
	}
	p.memo.reset()
	p.strs.Reset()
	clear(p.common[:])
	clear(p.known[:])
	p.globals.Reset()
	// entry by entry: clear would call the runtime's memclrHasPointers
	// for the few a checkpoint uses
	for i := range min(len(p.storages), len(p.first)) {
		p.first[i] = nil
	}
	p.scratch = Tensor{}
	if p.nodes != nil { // NewStorage gave out the first storages of nodeBlock
		for i := range len(p.nodeBlock) - len(p.nodes) {
			p.nodeBlock[i] = Storage{}
		}
		p.nodes = nil
	}
	if cap(p.data) > maxPooledPickle {
		p.data = nil
	}
	p.data = p.data[:0]
	p.buf, p.nmemo, p.storages, p.depth = buf, 0, nil, 0
	picklers.Put(p)
}

// op appends opcodes (and their one-byte arguments). Appending in place
// stores only the new length while the buffer has room, so an opcode costs
// no write barrier while the garbage collector runs.
func (p *pickler) op(b ...byte) { p.buf = append(p.buf, b...) }

// op1 and op2 are op of one and two bytes, the opcodes nearly every value
// writes, without op's copy.
func (p *pickler) op1(b byte)    { p.buf = append(p.buf, b) }
func (p *pickler) op2(a, b byte) { p.buf = append(p.buf, a, b) }

// text appends s's bytes.
func (p *pickler) text(s string) { p.buf = append(p.buf, s...) }

func (p *pickler) u16(v uint16) { p.buf = binary.LittleEndian.AppendUint16(p.buf, v) }
func (p *pickler) u32(v uint32) { p.buf = binary.LittleEndian.AppendUint32(p.buf, v) }

// binUnicode writes s with BINUNICODE: its length in 4 bytes, then its
// bytes. It does not memoize it.
func (p *pickler) binUnicode(s string) {
	n := uint32(len(s))
	p.buf = append(p.buf, opBinUnicode, byte(n), byte(n>>8), byte(n>>16), byte(n>>24))
	p.buf = append(p.buf, s...)
}

// put memoizes the value just written under key, an identity: a node
// (a pointer).
func (p *pickler) put(key any) {
	switch k := key.(type) {
	case *Dict:
		p.memo.dicts.Add(k, p.nmemo)
	case *Tensor:
		p.memo.tensors.Add(k, p.nmemo)
	default:
		p.memo.others.Add(key, p.nmemo)
	}
	p.putFresh()
}

// putFresh memoizes the value just written under no key: CPython's memo
// holds an object no later write will be (a tuple made on the fly).
func (p *pickler) putFresh() {
	i := p.nmemo
	p.nmemo++
	if i < 256 {
		p.op2(opBinPut, byte(i))
	} else {
		p.op1(opLongBinPut)
		p.u32(uint32(i))
	}
}

// get writes a memo get of key, if put memoized it, and reports whether
// it did.
func (p *pickler) get(key any) bool {
	var i int
	var ok bool
	switch k := key.(type) {
	case *Dict:
		i, ok = p.memo.dicts.Get(k)
	case *Tensor:
		i, ok = p.memo.tensors.Get(k)
	default:
		i, ok = p.memo.others.Get(key)
	}
	return ok && p.getIndex(i)
}

// getIndex writes a memo get of entry i.
func (p *pickler) getIndex(i int) bool {
	if i < 256 {
		p.op2(opBinGet, byte(i))
	} else {
		p.op1(opLongBinGet)
		p.u32(uint32(i))
	}
	return true
}

// reverseImport is the part of CPython's _compat_pickle.REVERSE_IMPORT_MAPPING
// that torch.save meets: protocol 2 names builtins as Python 2 did.
func reverseImport(module string) string {
	switch module {
	case "builtins":
		return "__builtin__"
	case "copyreg":
		return "copy_reg"
	}
	return module
}

func (p *pickler) global(module, name string) {
	k := Global{module, name}
	for i, g := range knownGlobals {
		if g == k {
			p.knownGlobal(i)
			return
		}
	}
	if i, ok := p.globals.Get(k); ok {
		p.getIndex(i)
		return
	}
	p.writeGlobal(module, name)
	p.globals.Add(k, p.nmemo)
	p.putFresh()
}

// The globals every checkpoint names (knownGlobals), by position.
const (
	gOrderedDict = iota
	gRebuildTensor
	gRebuildParameter
	gStorage        // the storage class of DType d is gStorage + d
	numKnownGlobals = gStorage + int(numDTypes)
)

// knownGlobals are memoized by position in the pickler's known, not
// looked up among its other globals.
var knownGlobals = func() [numKnownGlobals]Global {
	g := [numKnownGlobals]Global{
		gOrderedDict:      {"collections", "OrderedDict"},
		gRebuildTensor:    {"torch._utils", "_rebuild_tensor_v2"},
		gRebuildParameter: {"torch._utils", "_rebuild_parameter"},
	}
	for d := range numDTypes {
		g[gStorage+int(d)] = Global{"torch", d.StorageClass()}
	}
	return g
}()

// knownGlobal writes knownGlobals[i], or a memo get of it.
func (p *pickler) knownGlobal(i int) {
	if m := p.known[i]; m > 0 {
		p.getIndex(int(m - 1))
		return
	}
	p.text(knownGlobalLines[i])
	p.known[i] = int32(p.nmemo + 1)
	p.putFresh()
}

// knownGlobalLines are the GLOBAL opcodes (writeGlobal) of knownGlobals.
var knownGlobalLines = func() (lines [numKnownGlobals]string) {
	for i, g := range knownGlobals {
		var p pickler
		p.writeGlobal(g.Module, g.Name)
		lines[i] = string(p.buf)
	}
	return lines
}()

// writeGlobal writes a GLOBAL opcode naming module.name, as protocol 2
// names it.
func (p *pickler) writeGlobal(module, name string) {
	p.op1(opGlobal)
	p.text(reverseImport(module))
	p.op1('\n')
	p.text(name)
	p.op1('\n')
}

func (p *pickler) str(s string) {
	if c := commonIndex(s); c >= 0 && c < len(p.common) {
		p.commonStr(c)
		return
	}
	if i, ok := p.strs.Get(s); ok {
		p.getIndex(i)
		return
	}
	p.binUnicode(s)
	p.strs.Add(s, p.nmemo)
	p.putFresh()
}

// commonStr is str of CommonStrings[c] (c < len(p.common)), whose
// BINUNICODE is written once, in advance (commonPickled).
func (p *pickler) commonStr(c int) {
	if i := p.common[c]; i > 0 {
		p.getIndex(int(i - 1))
		return
	}
	i := p.nmemo
	op := &commonPickled[c]
	if i >= 256 || op.n > len(op.b) {
		p.binUnicode(CommonStrings[c])
		p.common[c] = int32(i + 1)
		p.putFresh()
		return
	}
	// the whole array and the BINPUT, then the length back to the
	// opcode's end
	l := len(p.buf)
	if cap(p.buf)-l < len(op.b)+2 {
		p.buf = slices.Grow(p.buf, len(op.b)+2)
	}
	b := p.buf[l : l+len(op.b)+2]
	*(*[len(op.b)]byte)(b) = op.b
	b[op.n], b[op.n+1] = opBinPut, byte(i)
	p.buf = p.buf[:l+op.n+2]
	p.common[c] = int32(i + 1)
	p.nmemo++
}

// A pickledStr is the BINUNICODE opcode of a short str, its first n bytes
// of b, kept in an array so that writing it is a store of the array
// (commonStr), not a copy of a slice. n > len(b) for a str too long.
type pickledStr struct {
	b [32]byte
	n int
}

// commonPickled holds the BINUNICODE opcode of each of CommonStrings.
var commonPickled = func() []pickledStr {
	out := make([]pickledStr, len(CommonStrings))
	for i, s := range CommonStrings {
		var p pickler
		p.binUnicode(s)
		out[i].n = copy(out[i].b[:], p.buf)
		if len(p.buf) > len(out[i].b) {
			out[i].n = len(p.buf)
		}
	}
	return out
}()

// The positions in CommonStrings of the strs every storage's persistent
// id names, and of a state_dict's _metadata key.
var (
	commonStorage  = commonIndex("storage")
	commonCPU      = commonIndex("cpu")
	commonMetadata = commonIndex("_metadata")
)

// freshStr writes a str CPython creates anew each time (so never finds in
// its memo), like the type string torch.device's __reduce__ returns.
func (p *pickler) freshStr(s string) {
	p.binUnicode(s)
	p.putFresh()
}

// bool writes b as NEWTRUE or NEWFALSE.
func (p *pickler) bool(b bool) {
	if b {
		p.op1(opNewTrue)
	} else {
		p.op1(opNewFalse)
	}
}

// saveBool is save(Bool(b)), a level deeper than the caller, without
// boxing b: at the depth limit it writes nothing, as save does (its
// callers, the tensor writers, never looked at its error).
func (p *pickler) saveBool(b bool) {
	if p.depth < maxWriteDepth {
		p.bool(b)
	}
}

// float writes f as BINFLOAT: 8 bytes, big-endian.
func (p *pickler) float(f float64) {
	p.op1(opBinFloat)
	p.buf = binary.BigEndian.AppendUint64(p.buf, math.Float64bits(f))
}

// int writes v: a byte's worth, as nearly every int in a checkpoint is,
// here (inlined), and any other by wideInt.
func (p *pickler) int(v int64) {
	if uint64(v) < 256 {
		p.buf = append(p.buf, opBinInt1, byte(v))
		return
	}
	p.wideInt(v)
}

func (p *pickler) wideInt(v int64) {
	switch {
	case v >= 0 && v < 65536:
		p.op1(opBinInt2)
		p.u16(uint16(v))
	case v >= math.MinInt32 && v <= math.MaxInt32:
		p.op1(opBinInt)
		p.u32(uint32(int32(v)))
	default:
		p.long(big.NewInt(v))
	}
}

// long writes LONG1 (or LONG4) with pickle's encode_long: minimal
// little-endian two's complement.
func (p *pickler) long(v *big.Int) {
	if v.IsInt64() && v.Int64() >= math.MinInt32 && v.Int64() <= math.MaxInt32 {
		p.int(v.Int64())
		return
	}
	b := encodeLong(v)
	if len(b) < 256 {
		p.op(opLong1, byte(len(b)))
	} else {
		p.op1(opLong4)
		p.u32(uint32(len(b)))
	}
	p.buf = append(p.buf, b...)
}

func encodeLong(v *big.Int) []byte {
	if v.Sign() == 0 {
		return nil
	}
	n := v.BitLen()>>3 + 1
	// two's complement in n bytes
	m := new(big.Int).Set(v)
	if v.Sign() < 0 {
		m.Add(m, new(big.Int).Lsh(big.NewInt(1), uint(8*n)))
	}
	be := m.FillBytes(make([]byte, n))
	le := make([]byte, n)
	for i := range be {
		le[i] = be[n-1-i]
	}
	if v.Sign() < 0 && n > 1 && le[n-1] == 0xff && le[n-2]&0x80 != 0 {
		le = le[:n-1]
	}
	return le
}

func decodeLong(b []byte) *big.Int {
	if len(b) == 0 {
		return new(big.Int)
	}
	be := make([]byte, len(b))
	for i := range b {
		be[i] = b[len(b)-1-i]
	}
	v := new(big.Int).SetBytes(be)
	if b[len(b)-1]&0x80 != 0 {
		v.Sub(v, new(big.Int).Lsh(big.NewInt(1), uint(8*len(b))))
	}
	return v
}

// save writes v. The depth count needs no defer: an error ends the
// whole write, so only successful returns must restore it.
func (p *pickler) save(v Value) error {
	if p.depth >= maxWriteDepth {
		return fmt.Errorf("maximum recursion depth exceeded while pickling an object")
	}
	p.depth++
	err := p.save1(v)
	p.depth--
	return err
}

func (p *pickler) save1(v Value) error {
	switch x := v.(type) {
	case nil, None:
		p.op1(opNone)
	case Bool:
		p.bool(bool(x))
	case Int:
		p.int(int64(x))
	case BigInt:
		if x.V == nil {
			return fmt.Errorf("pth: BigInt with nil value")
		}
		p.long(x.V)
	case Float:
		p.float(float64(x))
	case Str:
		p.str(string(x))
	case Bytes:
		// protocol 2 pickles bytes as _codecs.encode(latin-1 text, 'latin1')
		p.global("_codecs", "encode")
		rs := make([]rune, len(x))
		for i, c := range x {
			rs[i] = rune(c)
		}
		p.freshStr(string(rs)) // str(obj, 'latin1') is a new object
		p.str("latin1")
		p.op1(opTuple2)
		p.putFresh()
		p.op1(opReduce)
		p.putFresh()
	case Tuple:
		return p.tuple(x)
	case *List:
		if p.get(x) {
			return nil
		}
		p.op1(opEmptyList)
		p.put(x)
		return p.appends(x.Items)
	case *Set:
		if p.get(x) {
			return nil
		}
		p.global("builtins", "set")
		p.op1(opEmptyList)
		p.putFresh()
		if err := p.appends(x.Items); err != nil {
			return err
		}
		p.op1(opTuple1)
		p.putFresh()
		p.op1(opReduce)
		p.put(x)
	case *Dict:
		return p.dict(x)
	case *Tensor:
		return p.tensor(x)
	case Size:
		p.global("torch", "Size")
		p.intTuple(x)
		p.op1(opTuple1)
		p.putFresh()
		p.op1(opReduce)
		p.putFresh()
	case DType:
		if x < 0 || x >= numDTypes {
			return fmt.Errorf("pth: invalid dtype %d", int(x))
		}
		p.global("torch", x.Name())
	case Device:
		p.global("torch", "device")
		p.freshStr(x.Type)
		if x.Index >= 0 {
			p.int(int64(x.Index))
			p.op1(opTuple2)
		} else {
			p.op1(opTuple1)
		}
		p.putFresh()
		p.op1(opReduce)
		p.putFresh()
	case Global:
		p.global(x.Module, x.Name)
	case *Object:
		if p.get(x) {
			return nil
		}
		p.global(x.Class.Module, x.Class.Name)
		if err := p.tuple(x.Args); err != nil {
			return err
		}
		p.op1(opNewObj)
		p.put(x)
		if x.State != nil {
			if err := p.save(x.State); err != nil {
				return err
			}
			p.op1(opBuild)
		}
	case *Storage:
		return p.storage(x)
	default:
		return fmt.Errorf("pth: cannot save %T", v)
	}
	return nil
}

func (p *pickler) tuple(t Tuple) error {
	if len(t) == 0 {
		p.op1(opEmptyTuple)
		return nil
	}
	if len(t) > 3 {
		p.op1(opMark)
	}
	for _, e := range t {
		if err := p.save(e); err != nil {
			return err
		}
	}
	p.endTuple(len(t))
	return nil
}

// intTuple writes a tuple of ints as tuple does, without making one.
func (p *pickler) intTuple(xs []int64) {
	if len(xs) == 0 {
		p.op1(opEmptyTuple)
		return
	}
	if len(xs) > 3 {
		p.op1(opMark)
	}
	for _, x := range xs {
		p.int(x)
	}
	p.endTuple(len(xs))
}

// endTuple closes a tuple of n items (n > 0) written on the stack, after a
// mark when n > 3, and memoizes it.
func (p *pickler) endTuple(n int) {
	op := byte(opTuple)
	if n <= 3 {
		op = opTuple1 + byte(n-1) // TUPLE1, TUPLE2, TUPLE3
	}
	p.op1(op)
	p.putFresh()
}

func (p *pickler) appends(items []Value) error {
	n := len(items)
	for i, e := range items {
		p.startItem(i, n)
		if err := p.save(e); err != nil {
			return err
		}
		p.endItem(i, n, opAppend, opAppends)
	}
	return nil
}

// startItem writes what comes before item i of a list's or dict's n
// items: a mark opening each batch of pickleBatchSize, unless the one
// item goes alone.
func (p *pickler) startItem(i, n int) {
	if n > 1 && (i == 0 || n > pickleBatchSize && i%pickleBatchSize == 0) {
		p.op1(opMark)
	}
}

// endItem writes what comes after item i of n: one (APPEND, SETITEM) for
// a single item, batch (APPENDS, SETITEMS) closing each batch of more.
func (p *pickler) endItem(i, n int, one, batch byte) {
	switch {
	case n == 1:
		p.op1(one)
	case i+1 == n || n > pickleBatchSize && (i+1)%pickleBatchSize == 0:
		p.op1(batch)
	}
}

func (p *pickler) dict(d *Dict) error {
	if p.get(d) {
		return nil
	}
	switch d.Kind {
	case PlainDict, OrderedDict:
		p.emptyDict(d.Kind)
	case CounterDict:
		// Counter.__reduce__: (Counter, (dict(self),)), a new plain dict
		p.global("collections", "Counter")
		plain := &Dict{Kind: PlainDict, items: d.items, index: d.index}
		if err := p.dict(plain); err != nil {
			return err
		}
		p.op1(opTuple1)
		p.putFresh()
		p.op1(opReduce)
		p.put(d)
		return nil
	default:
		return fmt.Errorf("pth: invalid dict kind %d", d.Kind)
	}
	p.put(d)
	n := d.Len()
	for i := range n {
		p.startItem(i, n)
		if err := p.save(d.items[i].key); err != nil {
			return err
		}
		if err := p.save(d.items[i].value); err != nil {
			return err
		}
		p.endItem(i, n, opSetItem, opSetItems)
	}
	if d.Attrs != nil && d.Attrs.Len() > 0 {
		if d.Kind == PlainDict {
			return fmt.Errorf("pth: a plain dict cannot carry attributes")
		}
		if err := p.save(d.Attrs); err != nil {
			return err
		}
		p.op1(opBuild)
	}
	return nil
}

// emptyDict writes an empty dict or OrderedDict, for the caller to
// memoize and fill.
func (p *pickler) emptyDict(kind DictKind) {
	if kind == OrderedDict {
		// OrderedDict.__reduce__: (OrderedDict, (), state, None, items)
		p.knownGlobal(gOrderedDict)
		p.op2(opEmptyTuple, opReduce)
		return
	}
	p.op1(opEmptyDict)
}

// storage writes the persistent id torch.save gives a storage:
// ('storage', torch.FloatStorage, '<key>', '<location>', numel).
func (p *pickler) storage(s *Storage) error {
	if s.DType < 0 || s.DType >= numDTypes {
		return fmt.Errorf("pth: invalid dtype %d", int(s.DType))
	}
	if len(s.Data)%s.DType.ItemSize() != 0 {
		return fmt.Errorf("pth: storage of %s has %d bytes, not a whole number of elements", s.DType, len(s.Data))
	}
	index := slices.Index(p.storages, s)
	if index < 0 {
		index = len(p.storages)
		p.storages = append(p.storages, s)
	}
	p.op1(opMark)
	p.commonStr(commonStorage)
	p.knownGlobal(gStorage + int(s.DType))
	// CPython memoizes by object: the key is one str object per storage
	// (torch.save keeps it in id_map), distinct from any equal text
	// elsewhere, such as a '0' key of a state dict's _metadata.
	if i, ok := p.memo.storageKeys.Get(s); ok {
		p.getIndex(i)
	} else {
		p.binUnicode(smallInt(index))
		p.memo.storageKeys.Add(s, p.nmemo)
		p.putFresh()
	}

	if loc := s.Location; loc == "" || loc == "cpu" {
		p.commonStr(commonCPU)
	} else {
		p.str(loc)
	}
	p.int(s.Numel())
	p.op1(opTuple)
	p.putFresh()
	p.op1(opBinPersID)
	return nil
}

func (p *pickler) tensor(t *Tensor) error {
	if p.get(t) {
		return nil
	}
	if err := p.tensorBody(t, t.Storage); err != nil {
		return err
	}
	p.put(t)
	return nil
}

// tensorBody writes t, whose storage is st (t.Storage, passed apart so
// that the pickler keeps no pointer of t's), up to the REDUCE that makes
// it, for the caller to memoize.
func (p *pickler) tensorBody(t *Tensor, st *Storage) error {
	if st == nil {
		return fmt.Errorf("pth: tensor without storage")
	}
	if err := checkView(t, int64(len(st.Data))); err != nil {
		return err
	}
	if !t.Parameter {
		return p.rebuildTensor(t, st, t.RequiresGrad)
	}
	p.knownGlobal(gRebuildParameter)
	if err := p.rebuildTensor(t, st, false); err != nil {
		return err
	}
	p.saveBool(t.RequiresGrad)
	p.knownGlobal(gOrderedDict)
	p.op2(opEmptyTuple, opReduce)
	p.putFresh()
	p.op1(opTuple3)
	p.putFresh()
	p.op1(opReduce)
	return nil
}

// rebuildTensor writes _rebuild_tensor_v2(storage, offset, size, stride,
// requires_grad, OrderedDict()) up to and including its REDUCE.
func (p *pickler) rebuildTensor(t *Tensor, st *Storage, requiresGrad bool) error {
	p.knownGlobal(gRebuildTensor)
	p.op1(opMark)
	if err := p.storage(st); err != nil {
		return err
	}
	p.int(t.Offset)
	p.intTuple(t.Shape)
	p.intTuple(t.Strides)
	p.saveBool(requiresGrad)
	p.knownGlobal(gOrderedDict)
	p.op2(opEmptyTuple, opReduce)
	p.putFresh()
	p.op1(opTuple)
	p.putFresh()
	p.op1(opReduce)
	if !t.Parameter {
		return nil
	}
	p.putFresh()
	return nil
}

// checkView reports a view that reaches outside its storage, with PyTorch's
// setStorage message.
func checkView(t *Tensor, have int64) error {
	if len(t.Shape) != len(t.Strides) {
		return formatErrorf("mismatch in length of strides and shape")
	}
	if t.Offset < 0 {
		return formatErrorf("Tensor: invalid storage offset %d", t.Offset)
	}
	item := int64(t.Storage.DType.ItemSize())
	need := int64(0)
	empty := false
	for i, d := range t.Shape {
		if d < 0 {
			return formatErrorf("Trying to create tensor with negative dimension %d: %v", d, shapeString(t.Shape))
		}
		if d == 0 {
			empty = true
		}
		if t.Strides[i] < 0 {
			return formatErrorf("negative strides are not supported")
		}
		need += (d - 1) * t.Strides[i]
		if need > math.MaxInt64/16 {
			return formatErrorf("tensor view is too large")
		}
	}
	if empty {
		return nil
	}
	need = (need + 1 + t.Offset) * item
	if need > have {
		return formatErrorf("setStorage: sizes %s, strides %s, storage offset %d, and itemsize %d requiring a storage size of %d are out of bounds for storage of size %d",
			shapeString(t.Shape), shapeString(t.Strides), t.Offset, item, need, have)
	}
	return nil
}

func shapeString(s []int64) string {
	b := []byte{'['}
	for i, d := range s {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = strconv.AppendInt(b, d, 10)
	}
	return string(append(b, ']'))
}

// An Encoder writes data.pkl value by value, for a caller that pickles its
// own objects without building a tree of Values first (torch.save of the
// simulator's values). Each method writes what the pickler writes for the
// Value of that kind; the caller walks containers depth first, as the
// pickler walks a tree. Writing a container or a tensor returns its
// Memo, which the caller keeps by the object's identity: Get writes the
// object again as a reference to it. AppendEncoded ends the pickle and
// writes the file.
type Encoder struct {
	p *pickler
}

// NewEncoder returns an Encoder at the start of a pickle, to be used
// through one variable (its methods take its address), as a value so that
// it costs no allocation. Its pickler is pooled: AppendEncoded or Release
// gives it back.
func NewEncoder() Encoder {
	p := newPickler()
	p.op2(opProto, 2)
	return Encoder{p: p}
}

// ScratchTensor returns a zero tensor whose Shape and Strides have ndim
// dims each, for the caller to fill and pass to Tensor. It is the
// Encoder's own, made anew by the next call: pickling needs no tensor
// of the caller's to outlive the call.
func (e *Encoder) ScratchTensor(ndim int) *Tensor {
	p := e.p
	if cap(p.dims) < 2*ndim {
		p.dims = make([]int64, 2*ndim)
	}
	dims := p.dims[:2*ndim]
	clear(dims)
	p.scratch = Tensor{Shape: dims[:ndim:ndim], Strides: dims[ndim:]}
	return &p.scratch
}

// NewStorage returns a cpu storage of numel elements of dtype, for the
// caller to fill its Data. It is the Encoder's own: it lives until the
// file is written, and a later save reuses its memory.
func (e *Encoder) NewStorage(dtype DType, numel int) *Storage {
	p := e.p
	var st *Storage
	if p.nodes == nil {
		p.nodes = p.nodeBlock[:]
	}
	if len(p.nodes) > 0 {
		st, p.nodes = &p.nodes[0], p.nodes[1:]
	} else {
		st = new(Storage)
	}
	n := numel * dtype.ItemSize()
	if cap(p.data)-len(p.data) < n {
		p.data = make([]byte, 0, max(n, 2*cap(p.data), 256))
	}
	l := len(p.data)
	p.data = p.data[:l+n]
	*st = Storage{DType: dtype, Location: "cpu", Data: p.data[l : l+n : l+n]}
	return st
}

// Release drops an Encoder whose pickle is not written after all.
func (e *Encoder) Release() {
	if e.p != nil {
		e.p.release()
		e.p = nil
	}
}

// None writes None.
func (e *Encoder) None() { e.p.op1(opNone) }

// Bool writes a bool.
func (e *Encoder) Bool(b bool) { e.p.bool(b) }

// Int writes an int.
func (e *Encoder) Int(v int64) { e.p.int(v) }

// Float writes a float.
func (e *Encoder) Float(f float64) { e.p.float(f) }

// Str writes a str.
func (e *Encoder) Str(s string) { e.p.str(s) }

// A Memo names an object in the pickle's memo, for Get to write it again.
type Memo int

// Get writes the object written as m again, as the pickler writes an
// object it met before.
func (e *Encoder) Get(m Memo) { e.p.getIndex(int(m)) }

// memoize memoizes the object just written, returning its Memo.
func (e *Encoder) memoize() Memo {
	m := Memo(e.p.nmemo)
	e.p.putFresh()
	return m
}

// StartTuple begins a tuple of n items; the caller writes them and calls
// EndTuple.
func (e *Encoder) StartTuple(n int) {
	if n > 3 {
		e.p.op1(opMark)
	}
}

// EndTuple ends a tuple of n items.
func (e *Encoder) EndTuple(n int) {
	if n == 0 {
		e.p.op1(opEmptyTuple)
		return
	}
	e.p.endTuple(n)
}

// StartList begins a list, returning its Memo. Its items follow, each
// between StartItem and EndListItem.
func (e *Encoder) StartList() Memo {
	e.p.op1(opEmptyList)
	return e.memoize()
}

// StartItem comes before item i of a list's or dict's n items.
func (e *Encoder) StartItem(i, n int) { e.p.startItem(i, n) }

// EndListItem comes after item i of a list's n items.
func (e *Encoder) EndListItem(i, n int) { e.p.endItem(i, n, opAppend, opAppends) }

// StartDict begins a dict or OrderedDict (not a Counter), returning its
// Memo. Its items follow, each key and value between StartItem and
// EndDictItem.
func (e *Encoder) StartDict(kind DictKind) (Memo, error) {
	if kind != PlainDict && kind != OrderedDict {
		return 0, fmt.Errorf("pth: Encoder cannot write dict kind %d", kind)
	}
	e.p.emptyDict(kind)
	return e.memoize(), nil
}

// EndDictItem comes after item i of a dict's n items.
func (e *Encoder) EndDictItem(i, n int) { e.p.endItem(i, n, opSetItem, opSetItems) }

// StartMetadata follows the items of an OrderedDict that carries a
// state_dict's _metadata (Dict.Attrs {'_metadata': ...}); the caller
// writes the metadata value and calls EndMetadata.
func (e *Encoder) StartMetadata() {
	e.p.op1(opEmptyDict)
	e.p.putFresh()
	e.p.commonStr(commonMetadata)
}

// EndMetadata ends the metadata StartMetadata began.
func (e *Encoder) EndMetadata() { e.p.op2(opSetItem, opBuild) }

// Tensor writes t, returning its Memo. Tensors sharing a *Storage share
// it in the file.
func (e *Encoder) Tensor(t *Tensor) (Memo, error) {
	if err := e.p.tensorBody(t, t.Storage); err != nil {
		return 0, err
	}
	return e.memoize(), nil
}
