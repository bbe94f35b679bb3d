package pth

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"strings"
	"unicode/utf8"
)

// fn is an allow-listed global on the unpickler's stack: a rebuild function
// or a torch class, never called, only recognised by name.
type fn struct{ name string }

func (fn) pthValue() {}

// pidLoader resolves a persistent id (a storage reference) to its value.
type pidLoader interface {
	load(pid Tuple) (Value, error)
}

// pidFunc is a pidLoader written as a function.
type pidFunc func(pid Tuple) (Value, error)

func (f pidFunc) load(pid Tuple) (Value, error) { return f(pid) }

// unpickler decodes a pickle into a Value tree without executing anything.
// It follows torch/_weights_only_unpickler.py of PyTorch 2.6 opcode by opcode;
// with weightsOnly false it also accepts classes outside the allow-list as
// Object nodes, but still never calls a function the allow-list lacks.
type unpickler struct {
	data []byte
	pos  int
	// stack holds every frame's values; marks are the positions where the
	// open MARKs began, base the innermost one's (0 without a MARK): pops
	// never reach below base, as CPython's stack after a MARK is a new list.
	stack       []Value
	marks       []int
	base        int
	memo        memoTable
	weightsOnly bool
	safe        map[string]bool
	persistent  pidLoader
	maxDepth    int
	proto       int
	// lazy holds the byte size of storages Entries creates without data.
	lazy map[*Storage]int64
	// shared is set once a memo get returns a node the tree may then hold
	// twice (a container, a tensor, a non-empty tuple). Until then every
	// node has one parent, which lets checkTree skip its identity checks.
	shared bool

	// arena is where the tree's dicts, lists, tensors and tuples come
	// from, unless the caller gave its own (callerArena).
	arena       Arena
	callerArena *Arena
	// the first arrays of stack and marks
	firstStack [32]Value
	firstMarks [16]int
}

// reset empties u for another load, keeping its first arrays and clearing
// of them only what a load may have used; every other field is set alone,
// since zeroing the whole unpickler, arrays and all, costs a write barrier
// per pointer slot while the collector runs.
func (u *unpickler) reset() {
	u.memo.reset()
	// a stack or marks still nil never reached the first arrays (a load
	// that decoded the pickle itself ran no opcode here)
	if u.stack != nil {
		clear(u.firstStack[:])
	}
	if u.marks != nil {
		clear(u.firstMarks[:])
	}
	u.data, u.pos, u.stack, u.marks, u.base = nil, 0, nil, nil, 0
	u.weightsOnly, u.safe, u.persistent, u.maxDepth, u.proto = false, nil, nil, 0, 0
	u.lazy, u.shared, u.arena, u.callerArena = nil, false, Arena{}, nil
}

// nodes is the arena the tree's nodes come from.
func (u *unpickler) nodes() *Arena {
	if u.callerArena != nil {
		return u.callerArena
	}
	return &u.arena
}

// newTuple returns a tuple of n items, nil until set.
func (u *unpickler) newTuple(n int) Tuple {
	return u.nodes().Values(n)
}

// emptyTuple is Tuple{} as a Value, boxed once.
var emptyTuple Value = Tuple{}

// storageBytes is the size of a storage's data, read or not.
func (u *unpickler) storageBytes(s *Storage) int64 {
	if n, ok := u.lazy[s]; ok {
		return n
	}
	return int64(len(s.Data))
}

// memoTable is the unpickler's memo. Pickles number their memo entries
// from 0, so small indexes live in a slice; any index past denseMemo (a
// crafted file) goes to a map.
type memoTable struct {
	// dense is first, or a longer array once an index outgrew it, at its
	// full length: set stores an index below len(dense) in place.
	dense  []Value
	used   int // 1 + the highest index set in dense, 0 with none
	holes  int // the nil slots of dense below used
	sparse map[uint32]Value
	first  [64]Value
}

const denseMemo = 1 << 12

// reset empties m for another load, clearing of dense only the entries a
// load used, and keeping the array dense grew into when it is not too
// large (a checkpoint with an optimizer state memoizes more values than
// first holds).
func (m *memoTable) reset() {
	clear(m.dense[:m.used])
	if len(m.dense) <= len(m.first) || len(m.dense) > maxPooledMemo {
		m.dense = m.first[:]
	}
	m.used, m.holes, m.sparse = 0, 0, nil
}

// len is the number of entries set, the index MEMOIZE sets next.
func (m *memoTable) len() int {
	return m.used - m.holes + len(m.sparse)
}

func (m *memoTable) get(i uint32) (Value, bool) {
	if int(i) < m.used && m.dense[i] != nil {
		return m.dense[i], true
	}
	if i < denseMemo {
		return nil, false
	}
	v, ok := m.sparse[i]
	return v, ok
}

func (m *memoTable) set(i uint32, v Value) {
	if int(i) == m.used && int(i) < len(m.dense) {
		// the next index, as picklers number their entries
		m.dense[i] = v
		m.used++
		return
	}
	m.setAny(i, v)
}

// setAny is set of any index.
func (m *memoTable) setAny(i uint32, v Value) {
	switch {
	case int(i) < m.used:
		if m.dense[i] == nil {
			m.holes--
		}
		m.dense[i] = v
	case int(i) < len(m.dense):
		m.holes += int(i) - m.used
		m.dense[i] = v
		m.used = int(i) + 1
	case m.dense == nil: // an unpickler that was never reset
		m.dense = m.first[:]
		m.setAny(i, v)
	case i < denseMemo:
		grown := make([]Value, min(max(2*len(m.dense), int(i)+1), denseMemo))
		copy(grown, m.dense[:m.used])
		clear(m.dense[:m.used])
		m.dense = grown
		m.setAny(i, v)
	default:
		if m.sparse == nil {
			m.sparse = map[uint32]Value{}
		}
		m.sparse[i] = v
	}
}

// maxLongBytes bounds LONG4 integers (about 19,700 decimal digits).
const maxLongBytes = 8192

// pickleOpcodes are the protocol 0-3 opcodes CPython knows (protocol 2 and
// up add the bytes 0x80-0x98).
const pickleOpcodes = "(.012FIJKLMNPQRSTUVXabcd}eghijl]opqrstu)GBC"

// truncated is CPython's error for a pickle that ends early.
func (u *unpickler) truncated() error {
	return &UnpicklingError{Msg: "pickle data was truncated"}
}

// fail wraps a weights-only unpickler message as torch.load does.
func (u *unpickler) fail(format string, args ...any) error {
	return weightsOnlyError("", fmt.Sprintf(format, args...))
}

func (u *unpickler) read(n int) ([]byte, error) {
	if n < 0 || len(u.data)-u.pos < n {
		return nil, u.truncated()
	}
	b := u.data[u.pos : u.pos+n]
	u.pos += n
	return b, nil
}

// readUint reads an n-byte little-endian unsigned integer (n is 1, 2, 4 or
// 8): the lengths, memo indexes and small ints that follow many opcodes.
func (u *unpickler) readUint(n int) (uint64, error) {
	if len(u.data)-u.pos < n {
		return 0, u.truncated()
	}
	b := u.data[u.pos:]
	u.pos += n
	switch n {
	case 1:
		return uint64(b[0]), nil
	case 2:
		return uint64(binary.LittleEndian.Uint16(b)), nil
	case 4:
		return uint64(binary.LittleEndian.Uint32(b)), nil
	}
	return binary.LittleEndian.Uint64(b), nil
}

// argSize is the size of the little-endian integer that follows op: a
// value (BININT1, BININT2) or a length (the string and bytes opcodes).
func argSize(op byte) int {
	switch op {
	case opBinInt1, 0x8c, 'C': // BININT1, SHORT_BINUNICODE, SHORT_BINBYTES
		return 1
	case opBinInt2:
		return 2
	case 0x8d: // BINUNICODE8
		return 8
	}
	return 4 // BINUNICODE, BINBYTES
}

// readMemoIndex reads the memo index after BINGET/BINPUT (one byte) or
// LONG_BINGET/LONG_BINPUT (four).
func (u *unpickler) readMemoIndex(long bool) (uint32, error) {
	if !long && u.pos < len(u.data) {
		u.pos++
		return uint32(u.data[u.pos-1]), nil
	}
	n := 1
	if long {
		n = 4
	}
	v, err := u.readUint(n)
	return uint32(v), err
}

func (u *unpickler) readline() (string, error) {
	i := strings.IndexByte(string(u.data[u.pos:min(len(u.data), u.pos+4096)]), '\n')
	if i < 0 {
		if len(u.data)-u.pos >= 4096 {
			return "", &UnpicklingError{Msg: "pickle GLOBAL name is too long"}
		}
		return "", u.truncated()
	}
	s := string(u.data[u.pos : u.pos+i])
	u.pos += i + 1
	return s, nil
}

// push re-slices the stack in place while it has room: storing the same
// array back would cost a write barrier per push while the garbage
// collector runs.
func (u *unpickler) push(v Value) {
	n := len(u.stack)
	if n == cap(u.stack) {
		if u.stack == nil {
			u.stack = u.firstStack[:0]
		}
		u.stack = append(u.stack, v)
		return
	}
	u.stack = u.stack[:n+1]
	u.stack[n] = v
}

func (u *unpickler) pop() (Value, error) {
	if len(u.stack) <= u.base {
		return nil, &UnpicklingError{Msg: "unpickling stack underflow"}
	}
	v := u.stack[len(u.stack)-1]
	u.stack = u.stack[:len(u.stack)-1]
	return v, nil
}

func (u *unpickler) top() (Value, error) {
	if len(u.stack) <= u.base {
		return nil, &UnpicklingError{Msg: "unpickling stack underflow"}
	}
	return u.stack[len(u.stack)-1], nil
}

// popMark removes the values pushed since the innermost MARK and returns
// them. They stay in the stack's array, which the next push overwrites:
// callers copy what they keep.
func (u *unpickler) popMark() ([]Value, error) {
	if len(u.marks) == 0 {
		return nil, &UnpicklingError{Msg: "could not find MARK"}
	}
	items := u.stack[u.base:]
	u.stack = u.stack[:u.base]
	u.marks = u.marks[:len(u.marks)-1]
	u.base = 0
	if len(u.marks) > 0 {
		u.base = u.marks[len(u.marks)-1]
	}
	return items, nil
}

func (u *unpickler) load() (Value, error) {
	if err := u.run(); err != errStop {
		return nil, err
	}
	return u.pop()
}

// errStop tells load that run met STOP; it never leaves the package.
var errStop = errors.New("STOP")

// run performs opcodes until STOP, where it returns errStop, or an error.
// Its loop holds the switch over them: a call for each would cost about
// as much as most of them do.
func (u *unpickler) run() error {
	for {
		if u.pos >= len(u.data) {
			return u.truncated()
		}
		op := u.data[u.pos]
		u.pos++
		switch op {
		case opGlobal:
			if v, ok := u.allowedGlobal(); ok {
				u.push(v)
				continue
			}
			module, err := u.readline()
			if err != nil {
				return err
			}
			name, err := u.readline()
			if err != nil {
				return err
			}
			if err := u.global(module, name); err != nil {
				return err
			}
		case 0x93: // STACK_GLOBAL (protocol 4)
			if u.weightsOnly {
				return u.fail("Unsupported operand %d", op)
			}
			name, err := u.pop()
			if err != nil {
				return err
			}
			module, err := u.pop()
			if err != nil {
				return err
			}
			ms, ok1 := module.(Str)
			ns, ok2 := name.(Str)
			if !ok1 || !ok2 {
				return &UnpicklingError{Msg: "STACK_GLOBAL requires str"}
			}
			if err := u.global(string(ms), string(ns)); err != nil {
				return err
			}
		case opNewObj:
			args, err := u.pop()
			if err != nil {
				return err
			}
			cls, err := u.pop()
			if err != nil {
				return err
			}
			t, ok := args.(Tuple)
			if !ok {
				return &UnpicklingError{Msg: "NEWOBJ expected an arg tuple."}
			}
			v, err := u.newObj(cls, t)
			if err != nil {
				return err
			}
			u.push(v)
		case opReduce:
			args, err := u.pop()
			if err != nil {
				return err
			}
			f, err := u.top()
			if err != nil {
				return err
			}
			t, ok := args.(Tuple)
			if !ok {
				return &UnpicklingError{Msg: "REDUCE expected an arg tuple."}
			}
			v, err := u.reduce(f, t)
			if err != nil {
				return err
			}
			u.stack[len(u.stack)-1] = v
		case opBuild:
			state, err := u.pop()
			if err != nil {
				return err
			}
			inst, err := u.top()
			if err != nil {
				return err
			}
			if err := u.build(inst, state); err != nil {
				return err
			}
		case opAppend:
			item, err := u.pop()
			if err != nil {
				return err
			}
			target, err := u.top()
			if err != nil {
				return err
			}
			l, ok := target.(*List)
			if !ok {
				return u.fail("Can only append to lists, but got %s", pyClass(target))
			}
			if l.Items == nil {
				l.Items = u.nodes().Values(1)[:0]
			}
			l.Items = append(l.Items, item)
		case opAppends:
			items, err := u.popMark()
			if err != nil {
				return err
			}
			target, err := u.top()
			if err != nil {
				return err
			}
			l, ok := target.(*List)
			if !ok {
				return u.fail("Can only extend lists, but got %s", pyClass(target))
			}
			if l.Items == nil && len(items) > 0 {
				l.Items = u.nodes().Values(len(items))[:0]
			}
			l.Items = append(l.Items, items...)
		case 0x90: // ADDITEMS (protocol 4 sets)
			if u.weightsOnly {
				return u.fail("Unsupported operand %d", op)
			}
			items, err := u.popMark()
			if err != nil {
				return err
			}
			target, err := u.top()
			if err != nil {
				return err
			}
			set, ok := target.(*Set)
			if !ok {
				return &UnpicklingError{Msg: fmt.Sprintf("'%s' object has no attribute 'add'", TypeName(target))}
			}
			set.Items = append(set.Items, items...)
		case opSetItem:
			v, err := u.pop()
			if err != nil {
				return err
			}
			k, err := u.pop()
			if err != nil {
				return err
			}
			if err := u.setItems([]Value{k, v}); err != nil {
				return err
			}
		case opSetItems:
			items, err := u.popMark()
			if err != nil {
				return err
			}
			if err := u.setItems(items); err != nil {
				return err
			}
		case opMark:
			if len(u.marks) >= u.maxDepth {
				return formatErrorf("checkpoint nests deeper than %d levels", u.maxDepth)
			}
			if u.marks == nil {
				u.marks = u.firstMarks[:0]
			}
			u.marks = append(u.marks, len(u.stack))
			u.base = len(u.stack)
		case opTuple:
			items, err := u.popMark()
			if err != nil {
				return err
			}
			var t Tuple
			if len(items) > 0 {
				t = u.newTuple(len(items))
				copy(t, items)
			}
			u.push(t)
		case opTuple1, opTuple2, opTuple3:
			n := int(op-opTuple1) + 1
			if len(u.stack)-u.base < n {
				return &UnpicklingError{Msg: "unpickling stack underflow"}
			}
			t := u.newTuple(n)
			for i, v := range u.stack[len(u.stack)-n:] {
				t[i] = v // not copy: for a few items, its call costs more
			}
			u.stack = u.stack[:len(u.stack)-n+1]
			u.stack[len(u.stack)-1] = t
		case opNone:
			u.push(None{})
		case opNewFalse:
			u.push(Bool(false))
		case opNewTrue:
			u.push(Bool(true))
		case opEmptyTuple:
			u.push(emptyTuple)
		case opEmptyList:
			u.push(u.nodes().NewList(0))
		case opEmptyDict:
			u.push(u.nodes().NewDict(PlainDict, 0))
		case opEmptySet:
			u.push(&Set{})
		case opBinInt:
			b, err := u.read(4)
			if err != nil {
				return err
			}
			u.push(Int(int32(binary.LittleEndian.Uint32(b))))
		case opBinInt1, opBinInt2:
			v, err := u.readUint(argSize(op))
			if err != nil {
				return err
			}
			u.push(Int(v))
		case opBinFloat:
			b, err := u.read(8)
			if err != nil {
				return err
			}
			u.push(Float(math.Float64frombits(binary.BigEndian.Uint64(b))))
		case opBinUnicode, 0x8c, 0x8d: // BINUNICODE, SHORT_BINUNICODE, BINUNICODE8
			if op != opBinUnicode && u.weightsOnly {
				return u.fail("Unsupported operand %d", op)
			}
			n, err := u.readUint(argSize(op))
			if err != nil {
				return err
			}
			if n > uint64(len(u.data)) {
				return u.truncated()
			}
			b, err := u.read(int(n))
			if err != nil {
				return err
			}
			if i := commonIndex(b); i >= 0 {
				u.push(commonValues[i])
				break
			}
			if !utf8.Valid(b) {
				return &UnpicklingError{Msg: "'utf-8' codec can't decode string in pickle"}
			}
			u.push(Str(b))
		case opShortBinStr:
			b, err := u.read(1)
			if err != nil {
				return err
			}
			s, err := u.read(int(b[0]))
			if err != nil {
				return err
			}
			// torch.load passes encoding='utf-8' for Python 2 str
			if !utf8.Valid(s) {
				return &UnpicklingError{Msg: "'utf-8' codec can't decode string in pickle"}
			}
			u.push(Str(s))
		case 'B', 'C': // BINBYTES, SHORT_BINBYTES (protocol 3)
			if u.weightsOnly {
				return u.fail("Unsupported operand %d", op)
			}
			n, err := u.readUint(argSize(op))
			if err != nil {
				return err
			}
			b, err := u.read(int(n))
			if err != nil {
				return err
			}
			u.push(Bytes(append([]byte(nil), b...)))
		case opBinPersID:
			pid, err := u.pop()
			if err != nil {
				return err
			}
			t, ok := pid.(Tuple)
			if !ok {
				if _, isInt := pid.(Int); !isInt {
					return u.fail("persistent_load id must be tuple or int, but got %s", pyClass(pid))
				}
				return u.fail("persistent_load id must be tuple, but got int")
			}
			if len(t) > 0 {
				if s, ok := t[0].(Str); !ok || s != "storage" {
					return u.fail("Only persistent_load of storage is allowed, but got %s", pyStr(t[0]))
				}
			}
			if u.persistent == nil {
				return u.fail("unsupported persistent id encountered")
			}
			v, err := u.persistent.load(t)
			if err != nil {
				return err
			}
			u.push(v)
		case opBinGet, opLongBinGet:
			idx, err := u.readMemoIndex(op == opLongBinGet)
			if err != nil {
				return err
			}
			v, ok := u.memo.get(idx)
			if !ok {
				if u.weightsOnly {
					// PyTorch 2.6's unpickler indexes a dict: KeyError: 101
					return &FormatError{Exception: "KeyError", Msg: fmt.Sprint(idx)}
				}
				return &UnpicklingError{Msg: fmt.Sprintf("Memo value not found at index %d", idx)}
			}
			if !u.shared && identity(v) != nil {
				u.shared = true
			}
			u.push(v)
		case opBinPut, opLongBinPut:
			if op == opBinPut && u.pos < len(u.data) && len(u.stack) > u.base {
				// nearly every value a pickler writes is memoized: in place
				u.memo.set(uint32(u.data[u.pos]), u.stack[len(u.stack)-1])
				u.pos++
				continue
			}
			idx, err := u.readMemoIndex(op == opLongBinPut)
			if err != nil {
				return err
			}
			v, err := u.top()
			if err != nil {
				return err
			}
			u.memo.set(idx, v)
		case 0x94: // MEMOIZE (protocol 4)
			if u.weightsOnly {
				return u.fail("Unsupported operand %d", op)
			}
			v, err := u.top()
			if err != nil {
				return err
			}
			u.memo.set(uint32(u.memo.len()), v)
		case 0x95: // FRAME (protocol 4): only a length hint
			if u.weightsOnly {
				return u.fail("Unsupported operand %d", op)
			}
			if _, err := u.read(8); err != nil {
				return err
			}
		case opLong1, opLong4:
			if op == opLong4 && u.weightsOnly {
				return u.fail("Unsupported operand %d", op)
			}
			var n int
			if op == opLong1 {
				b, err := u.read(1)
				if err != nil {
					return err
				}
				n = int(b[0])
			} else {
				b, err := u.read(4)
				if err != nil {
					return err
				}
				n = int(int32(binary.LittleEndian.Uint32(b)))
				if n < 0 {
					return &UnpicklingError{Msg: "LONG pickle has negative byte count"}
				}
				// Python 3.11+ will not even print an int past 4300 digits;
				// bigger ones only cost time here.
				if n > maxLongBytes {
					return formatErrorf("checkpoint holds an integer of %d bytes, over the simulator's limit of %d", n, maxLongBytes)
				}
			}
			b, err := u.read(n)
			if err != nil {
				return err
			}
			v := decodeLong(b)
			if v.IsInt64() {
				u.push(Int(v.Int64()))
			} else {
				u.push(BigInt{V: v})
			}
		case opProto:
			b, err := u.read(1)
			if err != nil {
				return err
			}
			u.proto = int(b[0])
			if u.proto > 5 {
				return &UnpicklingError{Msg: fmt.Sprintf("unsupported pickle protocol: %d", u.proto)}
			}
		case opStop:
			return errStop
		default:
			if u.weightsOnly {
				return u.fail("Unsupported operand %d", op)
			}
			if !strings.ContainsRune(pickleOpcodes, rune(op)) && op < 0x80 || op > 0x98 {
				// CPython's wording for a byte that is no opcode at all
				if op >= 0x20 && op <= 0x7e && op != '\'' && op != '\\' {
					return &UnpicklingError{Msg: fmt.Sprintf("invalid load key, '%c'.", op)}
				}
				return &UnpicklingError{Msg: fmt.Sprintf("invalid load key, '\\x%02x'.", op)}
			}
			if op == 'P' { // PERSID: torch.load only reaches it on a file that is no checkpoint
				return &UnpicklingError{Msg: "A load persistent id instruction was encountered,\nbut no persistent_load function was specified."}
			}
			return &UnpicklingError{Msg: fmt.Sprintf("the simulator's unpickler does not support pickle opcode %d", op)}
		}
	}
}

// CommonStrings are the strs checkpoints repeat: state_dict and optimizer
// keys, storage references. A load reads them without allocating, and so
// can a caller converting them to its own values.
var CommonStrings = append(strings.Fields(`storage cpu cuda cuda:0 0 1 2 3 4 5 6 7 8 9 weight bias
	version state param_groups params lr momentum dampening weight_decay nesterov maximize
	foreach differentiable fused capturable betas eps amsgrad step exp_avg exp_avg_sq
	max_exp_avg_sq momentum_buffer initial_lr running_mean running_var num_batches_tracked
	model optimizer epoch loss model_state optimizer_state model_state_dict optimizer_state_dict _metadata
	scheduler last_epoch base_lrs _step_count _get_lr_called_within_step _last_lr`), "")

// StrValue is Str(s) as a Value, without allocating for CommonStrings.
func StrValue(s string) Value {
	if i := commonIndex(s); i >= 0 {
		return commonValues[i]
	}
	return Str(s)
}

// CommonIndex is the position of s in CommonStrings, -1 when it is not
// there. It costs less than a map lookup: the strings are few and short.
func CommonIndex(s string) int { return commonIndex(s) }

// commonValues are CommonStrings as Values, boxed once.
var commonValues = func() []Value {
	vs := make([]Value, len(CommonStrings))
	for i, s := range CommonStrings {
		vs[i] = Str(s)
	}
	return vs
}()

// commonTable finds CommonStrings by a cheap hash of their length and end
// bytes, with linear probing: slot h holds 1 + the index of a string, or 0.
var commonTable = func() *[256]uint8 {
	var t [256]uint8
	for i, s := range CommonStrings {
		h := commonHash(s)
		for t[h] != 0 {
			h++
		}
		t[h] = uint8(i + 1)
	}
	return &t
}()

func commonHash[T string | []byte](s T) uint8 {
	if len(s) == 0 {
		return 0
	}
	return uint8(len(s)*29 + int(s[0])*3 + int(s[len(s)-1])*7 + int(s[len(s)/2]))
}

// commonIndex is CommonIndex of a str's text or bytes.
func commonIndex[T string | []byte](s T) int {
	for h := commonHash(s); ; h++ {
		i := commonTable[h]
		if i == 0 {
			return -1
		}
		if CommonStrings[i-1] == string(s) {
			return int(i) - 1
		}
	}
}

// allowedGlobalLines maps the two lines of a GLOBAL opcode ("module\nname")
// naming an allow-listed global to what global pushes for it, so the
// globals every checkpoint names cost no allocation.
var allowedGlobalLines = func() map[string]Value {
	m := map[string]Value{}
	for full := range allowedGlobals {
		i := strings.LastIndexByte(full, '.')
		module, name := full[:i], full[i+1:]
		if mm, mn := mapGlobal(module, name); mm != module || mn != name || blockedModules[module] {
			continue
		}
		var v Value = fn{full}
		if module == "torch" {
			if d, ok := DTypeByName(name); ok && dtypeInfos[d].name == name {
				v = d
			}
		}
		m[module+"\n"+name] = v
	}
	return m
}()

// allowedGlobal reads a GLOBAL opcode's lines when they name an
// allow-listed global, returning what global would push.
func (u *unpickler) allowedGlobal() (Value, bool) {
	rest := u.data[u.pos:]
	i := bytes.IndexByte(rest[:min(len(rest), 4096)], '\n')
	if i < 0 {
		return nil, false
	}
	j := bytes.IndexByte(rest[i+1:min(len(rest), i+1+4096)], '\n')
	if j < 0 {
		return nil, false
	}
	v, ok := allowedGlobalLines[string(rest[:i+1+j])]
	if ok {
		u.pos += i + 1 + j + 1
	}
	return v, ok
}

func (u *unpickler) global(module, name string) error {
	module, name = mapGlobal(module, name)
	full := module + "." + name
	if blockedModules[module] {
		return weightsOnlyError(full, fmt.Sprintf("Trying to load unsupported GLOBAL %s whose module %s is blocked.", full, module))
	}
	if allowedGlobals[full] {
		if module == "torch" {
			if d, ok := DTypeByName(name); ok && dtypeInfos[d].name == name {
				u.push(d)
				return nil
			}
		}
		u.push(fn{full})
		return nil
	}
	if u.safe[full] {
		u.push(Global{module, name})
		return nil
	}
	if msg, ok := needsImport[full]; ok {
		return weightsOnlyError(full, msg)
	}
	if u.weightsOnly {
		return unsupportedGlobal(full, name)
	}
	u.push(Global{module, name})
	return nil
}

func (u *unpickler) newObj(cls Value, args Tuple) (Value, error) {
	switch c := cls.(type) {
	case fn:
		switch c.name {
		case "torch.nn.parameter.Parameter":
			return u.newParameter(args)
		case "collections.OrderedDict":
			return u.nodes().NewDict(OrderedDict, 0), nil
		case "collections.Counter":
			return u.nodes().NewDict(CounterDict, 0), nil
		}
		return nil, unsupportedHere(c.name)
	case Global:
		return &Object{Class: c, Args: args}, nil
	}
	return nil, u.fail("Can only create new object for nn.Parameter or classes allowlisted via `add_safe_globals` but got %s", pyStr(cls))
}

func (u *unpickler) reduce(f Value, args Tuple) (Value, error) {
	switch c := f.(type) {
	case fn:
		return u.callAllowed(c.name, args)
	case Global:
		if u.safe[c.String()] {
			return &Object{Class: c, Args: args}, nil
		}
		// Even with weights_only=False nothing outside the allow-list is
		// ever called: this is how os.system, eval or Popen payloads end.
		return nil, unsupportedGlobal(c.String(), c.Name)
	}
	return nil, u.fail("Trying to call reduce for unrecognized function %s", pyStr(f))
}

func (u *unpickler) build(inst, state Value) error {
	switch x := inst.(type) {
	case *Tensor:
		if x.Parameter {
			// Parameter.__setstate__ of _rebuild_parameter_with_state: the
			// state holds Python attributes the simulator does not keep.
			return nil
		}
		return unsupportedHere("legacy torch.Tensor BUILD")
	case *Dict:
		if x.Kind == PlainDict {
			break
		}
		sd, ok := state.(*Dict)
		if !ok {
			if _, isNone := state.(None); isNone {
				return nil
			}
			return u.fail("OrderedDict state must be a dict, but got %s", pyClass(state))
		}
		if x.Attrs == nil {
			x.Attrs = u.nodes().NewDict(PlainDict, 0)
		}
		for i := 0; i < sd.Len(); i++ {
			if err := x.Attrs.Set(sd.Key(i), sd.Val(i)); err != nil {
				return err
			}
		}
		return nil
	case *Object:
		x.State = state
		return nil
	}
	return u.fail("Can only build Tensor, Parameter, OrderedDict or types allowlisted via `add_safe_globals`, but got %s", pyClass(inst))
}

func (u *unpickler) setItems(items []Value) error {
	target, err := u.top()
	if err != nil {
		return err
	}
	d, ok := target.(*Dict)
	if !ok {
		return &UnpicklingError{Msg: fmt.Sprintf("'%s' object does not support item assignment", TypeName(target))}
	}
	if len(items)%2 != 0 {
		return &UnpicklingError{Msg: "odd number of items for SETITEMS"}
	}
	u.nodes().growDict(d, len(items)/2)
	if err := d.setPairs(items); err != nil {
		return &FormatError{Exception: "TypeError", Msg: err.Error()}
	}
	return nil
}

func unsupportedHere(what string) *FormatError {
	return formatErrorf("this checkpoint uses %s, which PyTorch allows but the simulator cannot load", what)
}

// pyClass formats v's type as Python's repr of a class: <class 'list'>.
func pyClass(v Value) string {
	return "<class '" + TypeName(v) + "'>"
}

// pyStr is a short Python-like rendering of v for messages.
func pyStr(v Value) string {
	switch x := v.(type) {
	case Str:
		return string(x)
	case fn:
		return x.name
	case Global:
		return "<class '" + x.String() + "'>"
	case Int:
		return fmt.Sprint(int64(x))
	}
	return pyClass(v)
}
