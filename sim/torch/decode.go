package torch

import (
	"bytes"
	"encoding/binary"
	"math"
	"slices"
	"sync"
	"unicode/utf8"

	"github.com/ckptlab/ckptlab/sim/internal/smallmap"
	"github.com/ckptlab/ckptlab/sim/pth"
	"github.com/ckptlab/ckptlab/sim/python"
	"github.com/ckptlab/ckptlab/sim/torch/tensor"
)

// decoder turns the pickles torch.save writes (and PyTorch's checkpoints:
// dicts, OrderedDicts with _metadata, lists, tuples, tensors, Parameters,
// strs and numbers) straight into the language's values, without the
// tree pth.ReadBytes builds and loader.convert converts. It gives up
// (ok false) on any other opcode or global and on anything unusual, and
// torch.load then reads the file from the start through the tree, which
// raises every error. What it gives up on never has an effect: it charges
// no storage until the whole pickle is decoded.
//
// Its results are the loader's to the last detail: the same classes, the
// same sharing, dicts with the same keys templates, and storages made in
// the order the loader makes them.
//
// A decoder given the pickle it decoded last (a run loading the
// checkpoint it saves, as the lessons' programs do) replays the calls
// that decoding made instead of reading the opcodes again.
type decoder struct {
	th    *python.Thread
	o     *pth.Opened
	data  []byte
	stack []ditem
	marks []int
	memo  []ditem
	slab  []ditem // the items of the tuples decoded, by position
	// objs are the lists, dicts and floats the items hold, by position:
	// an item holds no pointer, so that the stack, the memo and the slab
	// copy their items as plain bytes.
	objs []python.Value
	// stores are the storages the pickle loads, as it names them.
	stores []*pth.Storage
	// specs are the tensors the pickle rebuilds, in the order it does;
	// dims holds their shapes and strides.
	specs []tensorSpec
	dims  []int64
	// storages are the tensors' storages made so far.
	storages smallmap.Map[*pth.Storage, *tensor.Storage]
	// vals is where the values of the dicts with a keys template come
	// from: a chunk for a few dicts, each with its own part.
	vals []python.Value
	// dicts are where the load's dicts come from, as vals.
	dicts []python.Dict
	// globals are the last GLOBALs read, kept between loads: the next
	// load's pickle names the same ones.
	globals    [4]globalLines
	nextGlobal int
	// known are the keys templates of the last dicts decoded, kept
	// between loads too: the next load's dicts have the same keys.
	known     [8]knownTemplate
	nextKnown int
	// last is a copy of the last pickle decoded to its result (when
	// recorded). What run did for it that has an effect is in ops (with
	// their items in opItems), with the tuples' items it left in slab in
	// slabCopy and the item it returned in root; tmpls are the keys
	// templates its dicts of str keys took (or nil), in order. A pickle of
	// the same bytes would do all that again: decode replays the ops
	// instead of running the pickle's opcodes, and its dicts take the
	// same templates, ntmpls counting those taken.
	last     []byte
	recorded bool
	replay   bool
	ops      []loggedOp
	opItems  []ditem
	slabCopy []ditem
	root     ditem
	tmpls    []*keysTmpl
	// floats are the floats run made, boxed once: a float's value is all
	// it has (is and id() go by its value), and every replay shares them.
	floats []python.Value
	ntmpls int
	// ndicts is the number of dicts the load recorded made, madeDicts
	// those this load has made; nvals and madeVals count the values
	// they took from chunks (see values) alike.
	ndicts, madeDicts int
	nvals, madeVals   int
	// tensors are where the load's tensors come from, as dicts:
	// replaying, the ntensors the load recorded made in one allocation
	// (madeTensors counting those made).
	tensors               []loadedTensor
	ntensors, madeTensors int
	// lists are where a replay's lists come from, alike.
	lists             []python.List
	nlists, madeLists int
}

// loggedOp is a call run made that has an effect: op (one of the opXxx),
// target (the item it changes, as it was before) and its items,
// opItems[at:at+n]. What only serves a check (a tensor's retrieved) is
// not logged: replaying, the checks passed.
type loggedOp struct {
	op     uint8
	target ditem
	at, n  int32
}

// the calls run logs
const (
	opList     uint8 = iota // a new list
	opFloat                 // a float of the bits target.i, floats[target.n]
	opStorage               // the storage of the persistent id target
	opReduce                // the global target called with the tuple item
	opBuild                 // BUILD of target with the state item
	opExtend                // the items appended to target
	opSetItems              // the key, value pairs of items set in target
	opShare                 // opSetItems of a new dict that took a keys template
)

// maxRecorded bounds the pickles a decoder records the decoding of.
const maxRecorded = 64 << 10

// knownTemplate is a keys template, and 1 + the index in
// pth.CommonStrings of each of its names (0 for another name): a str
// item whose c is the same is the same name.
type knownTemplate struct {
	tmpl   *keysTmpl
	common []uint8
}

// the kinds of a decoder's items
const (
	kNone      uint8 = iota // an unset memo entry
	kObj                    // the list or dict objs[i]
	kFloat                  // the float objs[i]
	kConst                  // None, False or True: consts[i]
	kInt                    // i
	kStr                    // the str at data[i:i+n]
	kTuple                  // the items slab[i:i+n]
	kGlobal                 // a pth.GlobalKind in n, a storage's dtype in i
	kStorage                // stores[i]
	kTensor                 // specs[i]
	kEmptyOD                // an OrderedDict() made when first filled or held
	kEmptyDict              // a {} made when first filled or held
	kMetaState              // {'_metadata': objs[i]}, an OrderedDict's state, made if held
)

// consts are the values of kConst items.
var consts = [3]python.Value{python.None, python.False, python.True}

// the items of None, False and True
var (
	noneItem  = ditem{kind: kConst, i: 0, h: 1}
	falseItem = ditem{kind: kConst, i: 1, h: 1}
	trueItem  = ditem{kind: kConst, i: 2, h: 1}
)

// ditem is a value on the decoder's stack or in its memo. Only what
// lands in a container or is the result becomes a language value:
// a tensor's arguments (its shape, strides and storage) never do.
type ditem struct {
	i    int64
	n    int32
	kind uint8
	c    uint8 // for a str, 1 + its index in pth.CommonStrings, or 0
	// h is the nesting below the item (1 for a scalar), to refuse what
	// the tree's check would find too deep: never past decodeLimit.
	h int16
}

// tensorSpec is a tensor to make once the pickle is decoded.
type tensorSpec struct {
	st                  *pth.Storage
	off                 int64
	dims                int32 // dims[dims : dims+2*ndim]: shape, then strides
	ndim                int32
	requiresGrad, param bool
	consumed            bool          // the data of a _rebuild_parameter
	out                 *loadedTensor // the value, once in a container, filled in last
	retrieved           bool          // pushed again from the memo
}

// loadedTensor is one allocation for a loaded tensor's object, its view
// and the storage it makes, if it is the first of its storage's tensors.
type loadedTensor struct {
	obj  Tensor
	view tensor.ViewAlloc
	st   tensor.Storage
}

// decodeLimit bounds the nesting the decoder accepts, well inside the
// tree's (pth.DefaultMaxDepth), and decodePickle the pickles it reads:
// an opcode takes a byte at least, so they hold far fewer values than
// the tree's check refuses. decodeMemo bounds the memo's indexes.
const (
	decodeLimit  = 500
	decodePickle = 10 << 20
	decodeMemo   = 1 << 16
)

var decoders = sync.Pool{New: func() any { return new(decoder) }}

// decodeLoads lets torchLoad use a decoder; tests turn it off to compare
// the values with the loader's.
var decodeLoads = true

// decodeFile decodes the checkpoint o, or reports that it cannot (and
// has done nothing the tree's read would not).
func decodeFile(th *python.Thread, o *pth.Opened) (python.Value, bool, error) {
	d := decoders.Get().(*decoder)
	defer decoders.Put(d)
	return d.decode(th, o)
}

// decode is decodeFile with d, which it leaves empty.
func (d *decoder) decode(th *python.Thread, o *pth.Opened) (python.Value, bool, error) {
	defer d.reset()
	if len(o.Pickle) > decodePickle {
		return nil, false, nil
	}
	d.th, d.o, d.data = th, o, o.Pickle
	d.startRecord()
	var root ditem
	var ok bool
	if d.replay {
		root, ok = d.replayOps()
	} else {
		root, ok = d.run()
	}
	if !ok {
		return nil, false, nil
	}
	v, ok := d.value(root)
	if !ok || root.h > decodeLimit {
		return nil, false, nil
	}
	d.endRecord(root)
	if err := d.makeTensors(); err != nil {
		return nil, true, err
	}
	return v, true, nil
}

// startRecord readies d to replay the decoding of its last pickle when
// d.data has the same bytes, and to record the decoding otherwise.
func (d *decoder) startRecord() {
	d.ntmpls, d.madeDicts, d.madeVals, d.madeTensors, d.madeLists = 0, 0, 0, 0, 0
	d.replay = d.recorded && string(d.last) == string(d.data)
	if !d.replay {
		d.recorded = false
		clear(d.tmpls)
		clear(d.floats)
		d.ops, d.opItems, d.tmpls, d.floats = d.ops[:0], d.opItems[:0], d.tmpls[:0], d.floats[:0]
	}
}

// endRecord keeps what decoding a pickle to its result root did, unless
// it was large.
func (d *decoder) endRecord(root ditem) {
	const most = 4096
	if d.replay || len(d.data) > maxRecorded || len(d.ops) > most || len(d.opItems) > most || len(d.slab) > most || len(d.tmpls) > most {
		return
	}
	d.last = append(d.last[:0], d.data...)
	d.slabCopy = append(d.slabCopy[:0], d.slab...)
	d.root, d.recorded = root, true
	d.ndicts, d.nvals, d.ntensors, d.nlists = d.madeDicts, d.madeVals, d.madeTensors, d.madeLists
}

// log records a call run made, with target as it was before the call.
func (d *decoder) log(op uint8, target ditem, items []ditem) {
	d.ops = append(d.ops, loggedOp{op: op, target: target, at: int32(len(d.opItems)), n: int32(len(items))})
	d.opItems = append(d.opItems, items...)
}

// replayOps makes the calls run made for the pickle recorded, which
// d.data repeats, and returns the item run returned. It gives up as run
// would on an error of the file's other records (a storage it cannot
// load).
func (d *decoder) replayOps() (ditem, bool) {
	d.slab = append(d.slab[:0], d.slabCopy...)
	for i := range d.ops {
		e := &d.ops[i]
		items := d.opItems[e.at : e.at+e.n]
		t := e.target
		ok := true
		switch e.op {
		case opList:
			d.hold(kObj, d.newList())
		case opFloat:
			d.hold(kFloat, d.floats[t.n])
		case opStorage:
			var st *pth.Storage
			if st, ok = d.storage(t); ok {
				d.stores = append(d.stores, st)
			}
		case opReduce:
			args := d.slab[items[0].i : items[0].i+int64(items[0].n)]
			if pth.GlobalKind(t.n) == pth.RebuildTensorV2 {
				d.replayTensor(args)
			} else {
				_, ok = d.reduce(pth.GlobalKind(t.n), args)
			}
		case opBuild:
			ok = d.build(&t, items[0])
		case opExtend:
			ok = d.extend(&t, items)
		case opSetItems:
			ok = d.setItems(&t, items)
		case opShare:
			ok = d.replayShare(t, items)
		}
		if !ok {
			return ditem{}, false
		}
	}
	return d.root, true
}

// reset empties d, keeping its arrays unless they grew large, and what
// it recorded.
func (d *decoder) reset() {
	const most = 4096
	// The items hold no pointers: their arrays need no clearing.
	d.stack, d.memo, d.slab, d.dims, d.marks = d.stack[:0], d.memo[:0], d.slab[:0], d.dims[:0], d.marks[:0]
	if cap(d.stack) > most || cap(d.memo) > most || cap(d.slab) > most || cap(d.dims) > most || cap(d.marks) > most {
		d.stack, d.memo, d.slab, d.dims, d.marks = nil, nil, nil, nil, nil
	}
	// what a load used of the others, up to their length
	clear(d.specs)
	clear(d.stores)
	clear(d.objs)
	d.specs, d.stores, d.objs = d.specs[:0], d.stores[:0], d.objs[:0]
	if cap(d.specs) > most || cap(d.stores) > most || cap(d.objs) > most {
		d.specs, d.stores, d.objs = nil, nil, nil
	}
	d.vals, d.dicts, d.tensors, d.lists = nil, nil, nil, nil // the result's own
	d.storages.Reset()
	d.th, d.o, d.data = nil, nil, nil
}

// popMark drops the stack's items above the innermost mark, which is at
// base, and the mark, and returns the mark under it (0 when there is none).
func (d *decoder) popMark(base int) int {
	d.stack = d.stack[:base]
	d.marks = d.marks[:len(d.marks)-1]
	if len(d.marks) == 0 {
		return 0
	}
	return d.marks[len(d.marks)-1]
}

// run decodes the pickle up to STOP and returns the item it leaves, and
// logs the calls it makes that have an effect (see loggedOp). It keeps
// its place in the pickle and the innermost mark's in local variables; an
// opcode it cannot decode breaks out with ok false.
func (d *decoder) run() (root ditem, ok bool) {
	data := d.data
	d.stack, d.memo, d.marks = d.stack[:0], d.memo[:0], d.marks[:0]
	base, pos := 0, 0
loop:
	for pos < len(data) {
		op := data[pos]
		pos++
		switch op {
		case 0x80: // PROTO
			if pos >= len(data) || data[pos] > 5 {
				break loop
			}
			pos++
		case '.': // STOP
			if len(d.stack) != 1 || len(d.marks) != 0 {
				break loop
			}
			root, ok = d.stack[0], true
			break loop
		case '(': // MARK
			if len(d.marks) >= decodeLimit {
				break loop
			}
			d.marks = append(d.marks, len(d.stack))
			base = len(d.stack)
		case '}': // EMPTY_DICT
			d.stack = append(d.stack, ditem{kind: kEmptyDict, h: 1})
		case ']': // EMPTY_LIST
			// empty but not nil, as the loader's
			d.log(opList, ditem{}, nil)
			d.stack = append(d.stack, d.hold(kObj, d.newList()))
		case ')': // EMPTY_TUPLE
			d.stack = append(d.stack, ditem{kind: kTuple, h: 1})
		case 'N':
			d.stack = append(d.stack, noneItem)
		case 0x88: // NEWTRUE
			d.stack = append(d.stack, trueItem)
		case 0x89: // NEWFALSE
			d.stack = append(d.stack, falseItem)
		case 'K': // BININT1
			if pos >= len(data) {
				break loop
			}
			d.stack = append(d.stack, ditem{kind: kInt, i: int64(data[pos]), h: 1})
			pos++
		case 'M': // BININT2
			if len(data)-pos < 2 {
				break loop
			}
			d.stack = append(d.stack, ditem{kind: kInt, i: int64(binary.LittleEndian.Uint16(data[pos:])), h: 1})
			pos += 2
		case 'J': // BININT
			if len(data)-pos < 4 {
				break loop
			}
			d.stack = append(d.stack, ditem{kind: kInt, i: int64(int32(binary.LittleEndian.Uint32(data[pos:]))), h: 1})
			pos += 4
		case 0x8a: // LONG1, of at most 8 bytes
			if pos >= len(data) || data[pos] > 8 || len(data)-pos-1 < int(data[pos]) {
				break loop
			}
			n := int(data[pos])
			b := data[pos+1 : pos+1+n]
			pos += 1 + n
			var x int64
			if n > 0 {
				var buf [8]byte
				copy(buf[:], b)
				if b[n-1]&0x80 != 0 {
					for i := n; i < 8; i++ {
						buf[i] = 0xff
					}
				}
				x = int64(binary.LittleEndian.Uint64(buf[:]))
			}
			d.stack = append(d.stack, ditem{kind: kInt, i: x, h: 1})
		case 'G': // BINFLOAT
			if len(data)-pos < 8 {
				break loop
			}
			bits := binary.BigEndian.Uint64(data[pos:])
			pos += 8
			v := python.Value(python.Float(math.Float64frombits(bits)))
			d.log(opFloat, ditem{i: int64(bits), n: int32(len(d.floats))}, nil)
			d.floats = append(d.floats, v)
			d.stack = append(d.stack, d.hold(kFloat, v))
		case 'X': // BINUNICODE
			if len(data)-pos < 4 {
				break loop
			}
			n := binary.LittleEndian.Uint32(data[pos:])
			start := pos + 4
			if uint64(len(data)-start) < uint64(n) {
				break loop
			}
			b := data[start : start+int(n)]
			pos = start + int(n)
			c := pth.CommonIndexBytes(b) + 1
			if c == 0 && !utf8.Valid(b) {
				break loop
			}
			d.stack = append(d.stack, ditem{kind: kStr, i: int64(start), n: int32(n), c: uint8(c), h: 1})
		case 't': // TUPLE
			if len(d.marks) == 0 {
				break loop
			}
			t, ok := d.tuple(d.stack[base:])
			if !ok {
				break loop
			}
			base = d.popMark(base)
			d.stack = append(d.stack, t)
		case 0x85, 0x86, 0x87: // TUPLE1, TUPLE2, TUPLE3
			n := int(op-0x85) + 1
			if len(d.stack)-base < n {
				break loop
			}
			t, ok := d.tuple(d.stack[len(d.stack)-n:])
			if !ok {
				break loop
			}
			d.stack = d.stack[:len(d.stack)-n]
			d.stack = append(d.stack, t)
		case 'q', 'r': // BINPUT, LONG_BINPUT
			if len(d.stack) <= base {
				break loop
			}
			var idx int
			if op == 'q' {
				if pos >= len(data) {
					break loop
				}
				idx = int(data[pos])
				pos++
			} else {
				if len(data)-pos < 4 {
					break loop
				}
				idx = int(binary.LittleEndian.Uint32(data[pos:]))
				pos += 4
			}
			if idx >= decodeMemo {
				break loop
			}
			if idx == len(d.memo) {
				// the next index, as picklers number their entries
				d.memo = append(d.memo, d.stack[len(d.stack)-1])
				continue
			}
			for len(d.memo) <= idx {
				d.memo = append(d.memo, ditem{})
			}
			d.memo[idx] = d.stack[len(d.stack)-1]
		case 'h', 'j': // BINGET, LONG_BINGET
			var idx int
			if op == 'h' {
				if pos >= len(data) {
					break loop
				}
				idx = int(data[pos])
				pos++
			} else {
				if len(data)-pos < 4 {
					break loop
				}
				idx = int(binary.LittleEndian.Uint32(data[pos:]))
				pos += 4
			}
			if idx >= len(d.memo) {
				break loop
			}
			it := &d.memo[idx]
			switch it.kind {
			case kInt, kStr, kGlobal, kConst, kFloat:
			case kObj: // a shared list or dict: the tree's
				break loop
			case kTensor:
				s := &d.specs[it.i]
				if s.consumed {
					break loop
				}
				s.retrieved = true
			default:
				break loop
			}
			d.stack = append(d.stack, *it)
		case 'c': // GLOBAL
			rest := data[pos:]
			if g := d.knownGlobal(rest); g != nil {
				pos += len(g.lines)
				d.stack = append(d.stack, g.item)
				continue
			}
			i := indexNewline(rest, 0)
			if i < 0 {
				break loop
			}
			j := indexNewline(rest, i+1)
			if j < 0 {
				break loop
			}
			kind, dt := pth.CheckpointGlobal(rest[:j])
			if kind == pth.OtherGlobal {
				break loop
			}
			g := ditem{kind: kGlobal, n: int32(kind), i: int64(dt), h: 1}
			d.globals[d.nextGlobal%len(d.globals)] = globalLines{string(rest[:j+1]), g}
			d.nextGlobal++
			pos += j + 1
			d.stack = append(d.stack, g)
		case 'Q': // BINPERSID
			if len(d.stack) <= base {
				break loop
			}
			d.log(opStorage, d.stack[len(d.stack)-1], nil)
			st, ok := d.storage(d.stack[len(d.stack)-1])
			if !ok {
				break loop
			}
			d.stores = append(d.stores, st)
			d.stack[len(d.stack)-1] = ditem{kind: kStorage, i: int64(len(d.stores) - 1), h: 1}
		case 'R': // REDUCE
			n := len(d.stack)
			if n-base < 2 {
				break loop
			}
			args, f := &d.stack[n-1], &d.stack[n-2]
			if args.kind != kTuple || f.kind != kGlobal {
				break loop
			}
			if pth.GlobalKind(f.n) != pth.OrderedDictGlobal {
				// OrderedDict() has no effect until filled or held: a
				// replay need not call it
				d.log(opReduce, *f, d.stack[n-1:])
			}
			v, ok := d.reduce(pth.GlobalKind(f.n), d.slab[args.i:args.i+int64(args.n)])
			if !ok {
				break loop
			}
			*f = v
			d.stack = d.stack[:n-1]
		case 'b': // BUILD
			n := len(d.stack)
			if n-base < 2 {
				break loop
			}
			d.log(opBuild, d.stack[n-2], d.stack[n-1:])
			if !d.build(&d.stack[n-2], d.stack[n-1]) {
				break loop
			}
			d.stack = d.stack[:n-1]
		case 'a': // APPEND
			n := len(d.stack)
			if n-base < 2 {
				break loop
			}
			d.log(opExtend, d.stack[n-2], d.stack[n-1:])
			if !d.extend(&d.stack[n-2], d.stack[n-1:]) {
				break loop
			}
			d.stack = d.stack[:n-1]
		case 'e': // APPENDS
			if len(d.marks) == 0 || base == 0 {
				break loop
			}
			d.log(opExtend, d.stack[base-1], d.stack[base:])
			if !d.extend(&d.stack[base-1], d.stack[base:]) {
				break loop
			}
			base = d.popMark(base)
			if len(d.stack) <= base {
				break loop
			}
		case 's': // SETITEM
			n := len(d.stack)
			if n-base < 3 {
				break loop
			}
			d.log(opSetItems, d.stack[n-3], d.stack[n-2:])
			if !d.setLoggedItems(&d.stack[n-3], d.stack[n-2:]) {
				break loop
			}
			d.stack = d.stack[:n-2]
		case 'u': // SETITEMS
			if len(d.marks) == 0 || base == 0 {
				break loop
			}
			d.log(opSetItems, d.stack[base-1], d.stack[base:])
			if !d.setLoggedItems(&d.stack[base-1], d.stack[base:]) {
				break loop
			}
			base = d.popMark(base)
			if len(d.stack) <= base {
				break loop
			}
		default:
			break loop
		}
	}
	return root, ok
}

// globalLines are a GLOBAL's lines, with their last newline, and its
// item.
type globalLines struct {
	lines string
	item  ditem
}

// knownGlobal is the entry of globals whose lines rest starts with, or
// nil.
func (d *decoder) knownGlobal(rest []byte) *globalLines {
	for i := range d.globals {
		g := &d.globals[i]
		if g.lines != "" && len(rest) >= len(g.lines) && string(rest[:len(g.lines)]) == g.lines {
			return g
		}
	}
	return nil
}

// indexNewline is the position of the first newline in b from start,
// within a GLOBAL line's length, or -1.
func indexNewline(b []byte, start int) int {
	if start > len(b) {
		return -1
	}
	i := bytes.IndexByte(b[start:min(len(b), start+4096)], '\n')
	if i < 0 {
		return -1
	}
	return start + i
}

// tuple copies items into the slab as a tuple item.
func (d *decoder) tuple(items []ditem) (ditem, bool) {
	t := ditem{kind: kTuple, i: int64(len(d.slab)), n: int32(len(items)), h: 1}
	for _, it := range items {
		t.h = max(t.h, it.h+1)
	}
	d.slab = append(d.slab, items...)
	return t, t.h <= decodeLimit
}

// str is the language's value of a str item.
func (d *decoder) str(it ditem) python.Value {
	if it.c > 0 {
		return commonStrs[it.c-1]
	}
	return python.Str(d.data[it.i : it.i+int64(it.n)])
}

// goString is a str item's text.
func (d *decoder) goString(it ditem) string {
	if it.c > 0 {
		return pth.CommonStrings[it.c-1]
	}
	return string(d.data[it.i : it.i+int64(it.n)])
}

// dictsPerChunk is how many dicts the load's chunks hold: 4 take 448
// bytes, a size class of their own without a malloc header. (A chunk of
// p01's 7 dicts, 896 bytes with its header, costs as many instructions
// as two chunks and takes more bytes.)
const dictsPerChunk = 4

// newDict is a new {} (as python.NewDict makes it, a zero Dict) from the
// load's chunk of dicts, and newOD an empty OrderedDict: a load makes
// several dicts in one allocation. Replaying, a chunk holds no more than
// the dicts the load has left to make (ndicts of them, as recorded).
func (d *decoder) newDict() *python.Dict {
	if len(d.dicts) == 0 {
		n := dictsPerChunk
		if d.replay {
			n = min(n, max(d.ndicts-d.madeDicts, 1))
		}
		d.dicts = make([]python.Dict, n)
	}
	dict := &d.dicts[0]
	d.dicts = d.dicts[1:]
	d.madeDicts++
	return dict
}

// maxTensorsPerChunk bounds the tensors a replay makes in one
// allocation: 2 take 384 bytes, a size class without a malloc header (a
// chunk of 8 took 6% more bytes for BenchmarkLoadResumeCheckpoint's).
const maxTensorsPerChunk = 2

// newTensor is a new loadedTensor: replaying, from a chunk of those the
// load has left to make, as recorded; otherwise one of its own.
func (d *decoder) newTensor() *loadedTensor {
	d.madeTensors++
	if !d.replay {
		return new(loadedTensor)
	}
	if len(d.tensors) == 0 {
		d.tensors = make([]loadedTensor, min(maxTensorsPerChunk, max(d.ntensors-d.madeTensors+1, 1)))
	}
	lt := &d.tensors[0]
	d.tensors = d.tensors[1:]
	return lt
}

// maxListsPerChunk bounds the lists a replay makes in one allocation (40
// bytes each).
const maxListsPerChunk = 4

// newList is a new empty list, as python.NewList makes it: replaying,
// from a chunk of those the load has left to make, as recorded; otherwise
// one of its own.
func (d *decoder) newList() *python.List {
	d.madeLists++
	if !d.replay {
		return python.NewList(make([]python.Value, 0))
	}
	if len(d.lists) == 0 {
		d.lists = make([]python.List, min(maxListsPerChunk, max(d.nlists-d.madeLists+1, 1)))
	}
	l := &d.lists[0]
	d.lists = d.lists[1:]
	l.Items = make([]python.Value, 0)
	return l
}

func (d *decoder) newOD() *python.Dict {
	od := d.newDict()
	od.Class = python.OrderedDictClass
	return od
}

// fill makes an OrderedDict() or {} item a dict, for it to be filled.
func (d *decoder) fill(it *ditem) {
	switch it.kind {
	case kEmptyOD:
		*it = d.hold(kObj, d.newOD())
	case kEmptyDict:
		*it = d.hold(kObj, d.newDict())
	}
}

// hold keeps v in objs, for an item of kind to refer to.
func (d *decoder) hold(kind uint8, v python.Value) ditem {
	d.objs = append(d.objs, v)
	return ditem{kind: kind, i: int64(len(d.objs) - 1), h: 1}
}

// dict is the dict an item holds, or nil.
func (d *decoder) dict(it ditem) *python.Dict {
	if it.kind != kObj {
		return nil
	}
	dict, _ := d.objs[it.i].(*python.Dict)
	return dict
}

// boolItem is the bool of a False or True item; ok is false for any
// other item.
func boolItem(it ditem) (b, ok bool) {
	return it.i == 2, it.kind == kConst && it.i > 0
}

// metadataKey is 1 + the index of "_metadata" in pth.CommonStrings.
var metadataKey = uint8(pth.CommonIndex("_metadata") + 1)

// value is the language's value of an item going into a container or
// out as the result: a tuple becomes a new tuple each time, as the tree
// converts each path to it, and a tensor the one *Tensor made for it.
func (d *decoder) value(it ditem) (python.Value, bool) {
	switch it.kind {
	case kObj, kFloat:
		return d.objs[it.i], true
	case kConst:
		return consts[it.i], true
	case kInt:
		return python.Int(it.i), true
	case kStr:
		return d.str(it), true
	case kEmptyOD:
		return d.newOD(), true
	case kEmptyDict:
		return d.newDict(), true
	case kMetaState:
		// the dict setItems would have made
		dict := d.hold(kObj, d.newDict())
		pair := [2]ditem{{kind: kStr, c: metadataKey, h: 1}, {kind: kObj, i: it.i, h: it.h - 1}}
		if !d.setItems(&dict, pair[:]) {
			return nil, false
		}
		return d.objs[dict.i], true
	case kTuple:
		out := make(python.Tuple, it.n)
		for i := range out {
			v, ok := d.value(d.slab[it.i+int64(i)])
			if !ok {
				return nil, false
			}
			out[i] = v
		}
		return out, true
	case kTensor:
		s := &d.specs[it.i]
		if s.consumed {
			return nil, false
		}
		if s.out == nil {
			s.out = d.newTensor()
		}
		return &s.out.obj, true
	}
	return nil, false
}

// storage loads the storage of a persistent id ('storage', class, key,
// location, numel).
func (d *decoder) storage(pid ditem) (*pth.Storage, bool) {
	if pid.kind != kTuple || pid.n != 5 {
		return nil, false
	}
	f := d.slab[pid.i : pid.i+5]
	if f[0].kind != kStr || string(d.data[f[0].i:f[0].i+int64(f[0].n)]) != "storage" ||
		f[1].kind != kGlobal || pth.GlobalKind(f[1].n) != pth.StorageClass ||
		f[2].kind != kStr || f[3].kind != kStr || f[4].kind != kInt {
		return nil, false
	}
	st, err := d.o.Storage(pth.DType(f[1].i), d.goString(f[2]), d.goString(f[3]), f[4].i)
	if err != nil {
		return nil, false
	}
	return st, true
}

// reduce calls an allowed global f with args.
func (d *decoder) reduce(f pth.GlobalKind, args []ditem) (ditem, bool) {
	switch f {
	case pth.OrderedDictGlobal:
		if len(args) != 0 {
			return ditem{}, false
		}
		return ditem{kind: kEmptyOD, h: 1}, true
	case pth.RebuildTensorV2:
		// (storage, storage_offset, size, stride, requires_grad, backward_hooks)
		if len(args) != 6 || args[0].kind != kStorage || args[1].kind != kInt ||
			args[2].kind != kTuple || args[3].kind != kTuple || !d.emptyHooks(args[5]) {
			return ditem{}, false
		}
		rg, ok := boolItem(args[4])
		st := d.stores[args[0].i]
		if !ok || int(st.DType) >= len(tensor.DTypes()) {
			return ditem{}, false
		}
		start := len(d.dims)
		for _, t := range args[2:4] {
			for _, e := range d.slab[t.i : t.i+int64(t.n)] {
				if e.kind != kInt {
					return ditem{}, false
				}
				d.dims = append(d.dims, e.i)
			}
		}
		ndim := int(args[2].n)
		dims := d.dims[start:]
		if len(dims) != 2*ndim || pth.CheckView(st, args[1].i, dims[:ndim], dims[ndim:]) != nil {
			return ditem{}, false
		}
		d.specs = append(d.specs, tensorSpec{st: st, off: args[1].i, dims: int32(start), ndim: int32(ndim), requiresGrad: bool(rg)})
		return ditem{kind: kTensor, i: int64(len(d.specs) - 1), h: 1}, true
	case pth.RebuildParameter:
		// (data, requires_grad[, backward_hooks])
		if len(args) < 2 || len(args) > 3 || args[0].kind != kTensor || len(args) == 3 && !d.emptyHooks(args[2]) {
			return ditem{}, false
		}
		rg, ok := boolItem(args[1])
		data := &d.specs[args[0].i]
		if !ok || data.consumed || data.out != nil || data.retrieved {
			return ditem{}, false
		}
		data.consumed = true
		p := *data
		p.consumed, p.param, p.requiresGrad = false, true, bool(rg)
		d.specs = append(d.specs, p)
		return ditem{kind: kTensor, i: int64(len(d.specs) - 1), h: 1}, true
	}
	return ditem{}, false
}

// replayTensor is reduce of _rebuild_tensor_v2 with args when
// replaying: it notes the tensor to make without reduce's checks, which
// the same arguments passed when recorded (their storage is the
// pickle's storage of the same dtype and size).
func (d *decoder) replayTensor(args []ditem) {
	start := len(d.dims)
	for _, t := range args[2:4] {
		for _, e := range d.slab[t.i : t.i+int64(t.n)] {
			d.dims = append(d.dims, e.i)
		}
	}
	rg, _ := boolItem(args[4])
	d.specs = append(d.specs, tensorSpec{st: d.stores[args[0].i], off: args[1].i, dims: int32(start), ndim: args[2].n, requiresGrad: rg})
}

// values returns n values for a dict with a keys template or a list's
// first items, from the load's chunk: each keeps them as its own, and its
// part ends where the next begins (capped: a list grows into an array of
// its own).
//
// Replaying, a chunk holds the values the load has left to take (nvals of
// them, as recorded), up to maxValsPerChunk.
func (d *decoder) values(n int) []python.Value {
	const valsPerChunk, maxValsPerChunk = 24, 64
	if len(d.vals) < n {
		size := valsPerChunk
		if d.replay {
			size = min(maxValsPerChunk, d.nvals-d.madeVals)
		}
		d.vals = make([]python.Value, max(n, size))
	}
	d.madeVals += n
	v := d.vals[:n:n]
	d.vals = d.vals[n:]
	return v
}

// emptyHooks reports whether it is the OrderedDict() of a tensor's
// backward hooks, as checkpoints hold. The tree drops the argument, and
// so with anything else in it, a tensor might be made out of the order
// the loader makes it.
func (d *decoder) emptyHooks(it ditem) bool {
	if it.kind == kEmptyOD {
		return true
	}
	dict := d.dict(it)
	return dict != nil && dict.Class == python.OrderedDictClass && dict.Len() == 0
}

// build sets an OrderedDict's state: a state_dict's {'_metadata': ...},
// held as such (kMetaState) or made as a dict.
func (d *decoder) build(inst *ditem, state ditem) bool {
	d.fill(inst)
	od := d.dict(*inst)
	if od == nil || od.Class != python.OrderedDictClass || od.Metadata() != nil {
		return false
	}
	var md *python.Dict
	switch state.kind {
	case kMetaState:
		md = d.objs[state.i].(*python.Dict)
	case kObj:
		sd := d.dict(state)
		if sd == nil || sd.Class != nil || sd.Len() != 1 {
			return false
		}
		m, _ := sd.GetStr("_metadata")
		var ok bool
		if md, ok = m.(*python.Dict); !ok {
			return false
		}
	default:
		return false
	}
	od.Class = stateDictClass
	od.SetMetadata(md)
	inst.h = max(inst.h, state.h+1)
	return inst.h <= decodeLimit
}

// extend appends items to a list.
func (d *decoder) extend(target *ditem, items []ditem) bool {
	if target.kind != kObj {
		return false
	}
	l, ok := d.objs[target.i].(*python.List)
	if !ok {
		return false
	}
	if cap(l.Items) == 0 {
		l.Items = d.values(len(items))[:0]
	}
	for _, it := range items {
		v, ok := d.value(it)
		if !ok {
			return false
		}
		l.Items = append(l.Items, v)
		target.h = max(target.h, it.h+1)
	}
	return target.h <= decodeLimit
}

// setItems sets the key, value pairs of items in a dict, as the loader
// would: a dict of a few distinct str keys shares a keys template.
func (d *decoder) setItems(target *ditem, items []ditem) bool {
	ok, _ := d.setItemsShared(target, items)
	return ok
}

// setLoggedItems is setItems for the op run logged last, which it marks
// opShare when the dict took a keys template.
func (d *decoder) setLoggedItems(target *ditem, items []ditem) bool {
	ok, shared := d.setItemsShared(target, items)
	if shared {
		d.ops[len(d.ops)-1].op = opShare
	}
	return ok
}

// replayShare replays an opShare of the target t: the same items go into
// a new dict with the keys template they took when recorded, without
// setItems's checks, which they passed then.
func (d *decoder) replayShare(t ditem, items []ditem) bool {
	if d.ntmpls >= len(d.tmpls) || d.tmpls[d.ntmpls] == nil {
		return false
	}
	tmpl := d.tmpls[d.ntmpls]
	d.ntmpls++
	d.fill(&t)
	dict := d.dict(t)
	if dict == nil {
		return false
	}
	return d.share(dict, tmpl, items)
}

// setItemsShared is setItems, which reports whether the dict took a keys
// template (shared).
func (d *decoder) setItemsShared(target *ditem, items []ditem) (ok, shared bool) {
	if target.kind == kEmptyDict && len(items) == 2 && items[0].kind == kStr && items[0].c == metadataKey && d.dict(items[1]) != nil {
		// a state_dict's state, for BUILD: no dict unless it is held
		*target = ditem{kind: kMetaState, i: items[1].i, h: items[1].h + 1}
		return target.h <= decodeLimit, false
	}
	d.fill(target)
	if len(items)%2 != 0 {
		return false, false
	}
	dict := d.dict(*target)
	if dict == nil {
		return false, false
	}
	n := len(items) / 2
	const most = 16 // as loadedKeysTemplate
	if dict.Len() > 0 && dict.Len() <= most {
		return false, false // the tree would decide on the whole dict's keys
	}
	for i := 0; i < n; i++ {
		switch items[2*i].kind {
		case kStr, kInt:
		default:
			return false, false
		}
		target.h = max(target.h, items[2*i].h+1, items[2*i+1].h+1)
	}
	if target.h > decodeLimit {
		return false, false
	}
	if dict.Len() == 0 && n > 0 && n <= most {
		tmpl, ok := d.template(items, n)
		if !ok {
			return false, false
		}
		if tmpl != nil {
			return d.share(dict, tmpl, items), true
		}
	}
	dict.Reserve(n)
	for i := 0; i < n; i++ {
		var k python.Value
		if it := items[2*i]; it.kind == kStr {
			k = d.str(it)
		} else {
			k = python.Int(it.i)
		}
		v, ok := d.value(items[2*i+1])
		if !ok {
			return false, false
		}
		if err := dict.Set(d.th, k, v); err != nil {
			return false, false
		}
	}
	return true, false
}

// template is the keys template a new dict of the n key, value pairs of
// items takes, or nil when it takes none (for a key that is no str, say):
// the one recorded when replaying, otherwise the known one or
// cachedKeysTemplate's, which it records. ok is false when the tree would
// hold fewer keys than items gives (a name given twice).
func (d *decoder) template(items []ditem, n int) (tmpl *keysTmpl, ok bool) {
	const most = 16 // as setItems
	if d.replay && d.ntmpls < len(d.tmpls) {
		d.ntmpls++
		if tmpl := d.tmpls[d.ntmpls-1]; tmpl != nil {
			return tmpl, true
		}
	}
	for i := 0; i < n; i++ {
		if items[2*i].kind != kStr {
			// a key that is no str: no template (known ones have str keys)
			if !d.replay {
				d.tmpls = append(d.tmpls, nil)
			}
			return nil, true
		}
	}
	if tmpl = d.knownTemplate(items, n); tmpl == nil {
		var buf [most]string
		names := buf[:0]
		for i := 0; i < n; i++ {
			names = append(names, d.goString(items[2*i]))
		}
		// a template's dict holds each of its names once: fewer items
		// are names given twice, which the tree holds once
		if tmpl = cachedKeysTemplate(names); tmpl != nil {
			if tmpl.dict.Len() != n {
				return nil, false
			}
			d.remember(tmpl)
		} else {
			for i, s := range names {
				if slices.Contains(names[:i], s) {
					return nil, false // as above
				}
			}
		}
	}
	if !d.replay {
		d.tmpls = append(d.tmpls, tmpl)
	}
	return tmpl, true
}

// share fills dict with the values of the key, value pairs of items,
// sharing the keys of tmpl, which are the items' keys.
func (d *decoder) share(dict *python.Dict, tmpl *keysTmpl, items []ditem) bool {
	vals := d.values(len(items) / 2)
	for i := range vals {
		it := items[2*i+1]
		if it.kind == kObj || it.kind == kFloat { // value's commonest case, without a call
			vals[i] = d.objs[it.i]
			continue
		}
		v, ok := d.value(it)
		if !ok {
			return false
		}
		vals[i] = v
	}
	dict.ShareKeys(tmpl.dict, vals)
	return true
}

// knownTemplate is the template of known whose names are the str keys of
// the n pairs of items, in order, or nil.
func (d *decoder) knownTemplate(items []ditem, n int) *keysTmpl {
	for e := range d.known {
		known := &d.known[e]
		if known.tmpl == nil || len(known.common) != n {
			continue
		}
		same := true
		for j, c := range known.common {
			k := items[2*j]
			if k.kind != kStr || k.c != c || c == 0 && string(d.data[k.i:k.i+int64(k.n)]) != known.tmpl.names[j] {
				same = false
				break
			}
		}
		if same {
			return known.tmpl
		}
	}
	return nil
}

// remember adds tmpl to known, in place of the oldest entry.
func (d *decoder) remember(tmpl *keysTmpl) {
	common := make([]uint8, len(tmpl.names))
	for j, name := range tmpl.names {
		common[j] = uint8(pth.CommonIndex(name) + 1)
	}
	d.known[d.nextKnown%len(d.known)] = knownTemplate{tmpl, common}
	d.nextKnown++
}

// makeTensors makes the tensors that ended up in the result, in the order
// the pickle rebuilt them, which is the order the loader converts them
// in, with their storages: the first error is the loader's.
func (d *decoder) makeTensors() error {
	c := rt(d.th).ctx
	for i := range d.specs {
		s := &d.specs[i]
		if s.out == nil {
			continue
		}
		dt := tensor.DType(s.st.DType)
		st, ok := d.storages.Get(s.st)
		if !ok {
			st = &s.out.st
			data := s.st.Data
			if err := tensor.NewStorageWithIn(st, c, dt, len(data)/dt.ItemSize(), func(out []float64) { decodeStorage(out, dt, data) }); err != nil {
				return pyErr(err)
			}
			d.storages.Add(s.st, st)
		}
		var buf [8]int
		dims := buf[:0]
		for _, v := range d.dims[s.dims : s.dims+2*s.ndim] {
			dims = append(dims, int(v))
		}
		// A Parameter is the loader's t.Alias(requires_grad): a fresh view
		// such as t, made once.
		t, err := tensor.ViewOfIn(&s.out.view, c, st, dt, int(s.off), dims[:s.ndim], dims[s.ndim:])
		if err != nil {
			return pyErr(err)
		}
		if s.requiresGrad {
			if err := t.SetRequiresGrad(true); err != nil {
				return pyErr(err)
			}
		}
		obj := &s.out.obj
		obj.T, obj.cls = t, TensorClass
		if s.param {
			obj.cls = ParameterClass
		}
		t.Owner = obj
	}
	return nil
}
