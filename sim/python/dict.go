package python

import (
	"iter"
	"maps"
	"math"
	"math/bits"
	"slices"
	"unsafe"
)

// Dict is a Python dict: insertion-ordered, keyed by Python equality and
// hash. Str keys (attribute dicts, state_dicts) take a fast path.
type Dict struct {
	keys, vals []Value // insertion order; deleted slots have a nil key
	// strIdx indexes the str keys once the dict has more than scanStrs
	// slots; a smaller dict (most instances, kwargs, param groups, a
	// program's globals) finds them by scanning keys, and so costs no map.
	// A larger dict without strIdx has no str key.
	strIdx map[string]int
	// ext holds what most dicts never need: the maps of other kinds of
	// keys, and the attributes of subclass instances and state_dicts.
	ext *dictExt

	// intSlots and idSlots mark the first smallDict slots that hold an int
	// key (int, bool, integral float) or an identity-hashed one. Until a key
	// of the kind lands past them, the kind has no map: a small dict keyed
	// by ints or tensors (a state_dict's state, an optimizer's) finds them
	// by testing the marked slots.
	intSlots, idSlots uint8

	// sharedKeys and sharedVals mark keys with strIdx, and vals, as
	// borrowed from a template no one changes (a module's contents, built
	// once for every run: Share). The first change copies what it touches;
	// replacing a value copies only vals.
	sharedKeys, sharedVals bool

	// n is the number of items. An int32, beside the flags above, keeps a
	// dict in the 112-byte size class: no run's memory budget holds 2^31
	// items.
	n int32

	// ver changes whenever a key is added or removed (not when a value is
	// replaced), so a cached slot index stays valid while ver is unchanged.
	ver uint64

	// Class is the dict's class: DictClass, or OrderedDict/defaultdict.
	Class   *Class
	Default Value // defaultdict's default_factory, nil otherwise
	// metadata is the _metadata attribute of torch's state_dict
	// OrderedDict (SetMetadata). Clearing the dict keeps it; copies do not
	// carry it.
	metadata *Dict
}

// dictExt is the part of a dict made on first use. Clearing the dict
// drops its maps and keeps attrs.
type dictExt struct {
	intIdx  map[int64]int
	idIdx   map[Value]int // identity-hashed objects
	hashIdx map[int64][]int

	attrs *Dict // an instance of a Python subclass: its attributes
}

// extra returns d.ext, making it first.
func (d *Dict) extra() *dictExt {
	if d.ext == nil {
		d.ext = &dictExt{}
	}
	return d.ext
}

func (d *Dict) intIdx() map[int64]int {
	if d.ext == nil {
		return nil
	}
	return d.ext.intIdx
}

func (d *Dict) idIdx() map[Value]int {
	if d.ext == nil {
		return nil
	}
	return d.ext.idIdx
}

// strKeysOnly reports whether every key is a str and no slot is empty:
// such a dict can be copied or shared wholesale.
func (d *Dict) strKeysOnly() bool {
	if e := d.ext; e != nil && (e.intIdx != nil || e.idIdx != nil || e.hashIdx != nil) {
		return false
	}
	return d.intSlots == 0 && d.idSlots == 0 && int(d.n) == len(d.keys)
}

// reset empties d, keeping its class, attributes and metadata; ver moves
// on so that cached lookups into d see the change.
func (d *Dict) reset() {
	if ext := d.ext; ext != nil {
		ext.intIdx, ext.idIdx, ext.hashIdx = nil, nil, nil
	}
	// Field by field, so that what is kept is not written again: a field
	// added to Dict must be added here.
	d.keys, d.vals, d.strIdx = nil, nil, nil
	d.intSlots, d.idSlots = 0, 0
	d.sharedKeys, d.sharedVals = false, false
	d.n = 0
	d.ver++
}

// Metadata returns the dict SetMetadata attached (nil if none).
func (d *Dict) Metadata() *Dict { return d.metadata }

// SetMetadata attaches m to d, for a Go-defined dict class whose instances
// carry one attribute beside their items (torch's state_dict and its
// _metadata). It lives as long as d does; clearing d keeps it.
func (d *Dict) SetMetadata(m *Dict) { d.metadata = m }

// subclassAttrs returns the attributes Dict made (nil if none).
func (d *Dict) subclassAttrs() *Dict {
	if d.ext == nil {
		return nil
	}
	return d.ext.attrs
}

// Dict returns the attributes of an instance of a subclass of dict defined
// in Python; dict, OrderedDict and defaultdict have none (nil).
func (d *Dict) Dict() *Dict {
	if d.Class == nil || d.Class.isBuiltin {
		return nil
	}
	e := d.extra()
	if e.attrs == nil {
		e.attrs = NewDict()
	}
	return e.attrs
}

func (d *Dict) Type() *Class {
	if d.Class != nil {
		return d.Class
	}
	return DictClass
}

// smallDict is how many slots a dict holds before it indexes its int and
// identity-hashed keys. It is at most 8: intSlots and idSlots have a bit
// for each.
const smallDict = 8

const _ = uint8(1 << (smallDict - 1)) // does not compile past 8

// scanStrs is how many slots a dict holds before it indexes its str keys.
// Comparing a key's length and end bytes first, a scan of this many finds
// a key about as fast as a map of them, which would cost an allocation and
// an insertion per key to build.
const scanStrs = 16

// strSlot returns the slot of the str key k.
func (d *Dict) strSlot(k string) (int, bool) {
	if d.strIdx != nil {
		i, ok := d.strIdx[k]
		return i, ok
	}
	return d.scanStr(k)
}

// scanStr finds the str key k in a dict without strIdx. Comparing lengths,
// first and last bytes first skips most keys without a call to compare
// their bytes.
func (d *Dict) scanStr(k string) (int, bool) {
	if len(d.keys) > scanStrs {
		return -1, false
	}
	for i, key := range d.keys {
		if s, ok := key.(Str); ok && len(s) == len(k) && (sameBytes(string(s), k) || s[0] == k[0] && s[len(s)-1] == k[len(k)-1] && string(s) == k) {
			return i, true
		}
	}
	return -1, false
}

// indexStrs builds strIdx, with room for more str keys, from the str keys
// found by scanning.
func (d *Dict) indexStrs(more int) {
	d.strIdx = make(map[string]int, len(d.keys)+more)
	for i, key := range d.keys {
		if s, ok := key.(Str); ok {
			d.strIdx[string(s)] = i
		}
	}
}

// NewDict returns an empty dict.
func NewDict() *Dict { return &Dict{} }

// Len returns the number of items.
func (d *Dict) Len() int { return int(d.n) }

type keyKind int

const (
	kindStr keyKind = iota
	kindInt
	kindID
	kindHash
)

// classify picks the index a key lives in, computing its hash when needed.
func (d *Dict) classify(t *Thread, k Value) (keyKind, string, int64, error) {
	switch k := k.(type) {
	case Str:
		return kindStr, string(k), 0, nil
	case Int:
		return kindInt, "", int64(k), nil
	case Bool:
		if k {
			return kindInt, "", 1, nil
		}
		return kindInt, "", 0, nil
	case Float:
		f := float64(k)
		if f == math.Trunc(f) && math.Abs(f) < 9e18 {
			return kindInt, "", int64(f), nil
		}
		h, err := Hash(t, k)
		return kindHash, "", h, err
	case NoneType:
		return kindHash, "", 0x5f3759df, nil
	}
	cls := k.Type()
	hash := cls.Lookup("__hash__")
	if !cls.isBuiltin || hash != nil && hash != objectHash {
		h, err := Hash(t, k)
		return kindHash, "", h, err
	}
	switch k.(type) {
	case *List, *Dict, *Set:
		_, err := Hash(t, k)
		return kindHash, "", 0, err
	}
	if isPointer(k) { // hash is object's or absent here
		return kindID, "", 0, nil
	}
	h, err := Hash(t, k)
	return kindHash, "", h, err
}

func (d *Dict) find(t *Thread, k Value) (int, keyKind, string, int64, error) {
	// A key the dict holds by identity is found so first, as CPython's
	// look-up does, before k is classified (which looks its class's
	// __hash__ up): an optimizer's state keyed by its parameters. The
	// keys of idSlots are pointers, so the comparison cannot panic.
	for m := d.idSlots; m != 0; m &= m - 1 {
		if i := bits.TrailingZeros8(m); d.keys[i] == k {
			return i, kindID, "", 0, nil
		}
	}
	kind, s, h, err := d.classify(t, k)
	if err != nil {
		return -1, kind, s, h, err
	}
	switch kind {
	case kindStr:
		if i, ok := d.strSlot(s); ok {
			return i, kind, s, h, nil
		}
	case kindInt:
		if idx := d.intIdx(); idx == nil {
			if i, ok := d.scanInt(h); ok {
				return i, kind, s, h, nil
			}
		} else if i, ok := idx[h]; ok {
			return i, kind, s, h, nil
		}
	case kindID:
		if idx := d.idIdx(); idx == nil {
			for m := d.idSlots; m != 0; m &= m - 1 {
				if i := bits.TrailingZeros8(m); d.keys[i] == k {
					return i, kind, s, h, nil
				}
			}
		} else if i, ok := idx[k]; ok {
			return i, kind, s, h, nil
		}
		// An object may still equal a hashed key (rare); fall through.
	case kindHash:
		if d.ext == nil {
			break
		}
		for _, i := range d.ext.hashIdx[h] {
			eq, err := Equal(t, d.keys[i], k)
			if err != nil {
				return -1, kind, s, h, err
			}
			if eq {
				return i, kind, s, h, nil
			}
		}
	}
	return -1, kind, s, h, nil
}

// scanInt finds the int key h among the slots intSlots marks.
func (d *Dict) scanInt(h int64) (int, bool) {
	for m := d.intSlots; m != 0; m &= m - 1 {
		i := bits.TrailingZeros8(m)
		if n, _ := intKey(d.keys[i]); n == h {
			return i, true
		}
	}
	return -1, false
}

// intKey is the int64 an int key (as classify sorts them) stands for.
func intKey(k Value) (int64, bool) {
	switch k := k.(type) {
	case Int:
		return int64(k), true
	case Bool:
		if k {
			return 1, true
		}
		return 0, true
	case Float:
		return int64(k), true
	}
	return 0, false
}

// Get returns the value for key k.
func (d *Dict) Get(t *Thread, k Value) (Value, bool, error) {
	if d.n == 0 {
		if _, _, _, err := d.classify(t, k); err != nil {
			return nil, false, err
		}
		return nil, false, nil
	}
	i, _, _, _, err := d.find(t, k)
	if err != nil || i < 0 {
		return nil, false, err
	}
	return d.vals[i], true, nil
}

// GetStr returns the value for a str key.
func (d *Dict) GetStr(k string) (Value, bool) {
	if d.strIdx == nil {
		return d.scanGetStr(k)
	}
	i, ok := d.strIdx[k]
	if !ok {
		return nil, false
	}
	return d.vals[i], true
}

// GetStrAt is GetStr for Go code that reads the same key of similar
// dicts again and again (an optimizer's param groups at every step): it
// tries slot *hint first, where a dict made from a template (Share,
// ShareKeys) holds the template's key or where the last lookup found k,
// and remembers the slot it finds. A wrong hint costs only the search.
func (d *Dict) GetStrAt(k string, hint *int) (Value, bool) { return d.getStrAt(k, hint) }

// getStrAt is GetStr that first tries slot *hint, where a lookup of k
// found it before, and remembers the slot it finds. A key is in one slot
// at most, so finding k there is the answer whatever changed since: the
// hint of a module attribute's node stays good across runs, which share
// their modules' keys.
func (d *Dict) getStrAt(k string, hint *int) (Value, bool) {
	if i := *hint; uint(i) < uint(len(d.keys)) {
		if s, ok := d.keys[i].(Str); ok && string(s) == k {
			return d.vals[i], true
		}
	}
	i, ok := d.strSlot(k)
	if !ok {
		return nil, false
	}
	*hint = i
	return d.vals[i], true
}

// scanGetStr is GetStr for a dict without strIdx (kept apart so that
// GetStr inlines).
func (d *Dict) scanGetStr(k string) (Value, bool) {
	i, ok := d.scanStr(k)
	if !ok {
		return nil, false
	}
	return d.vals[i], true
}

// SetStr sets a str key. It is meant for keys the caller spells out
// (d.SetStr("lr", v)): inlined, a constant key is boxed at no cost, where
// boxing it inside would allocate for every new key. Code that sets keys
// it computes calls setStr, which boxes only a new key.
func (d *Dict) SetStr(k string, v Value) { d.setStr(k, Str(k), v) }

// setStr sets the str key k; key is k as a Value when the caller has one
// (boxing it again would allocate), else nil.
func (d *Dict) setStr(k string, key, v Value) {
	if i, ok := d.strSlot(k); ok {
		d.replaceAt(i, v)
		return
	}
	d.addStr(k, key, v)
}

// sameBytes reports whether a and b, of one length, are the same bytes in
// memory (or both empty), and so equal without a comparison: a program's
// uses of a name are one string (scanner.intern), as a Go constant is.
func sameBytes(a, b string) bool {
	return unsafe.StringData(a) == unsafe.StringData(b) || len(a) == 0
}

// strSlotAt is strSlot for a caller that remembers where it found k
// before: one comparison finds it there again, else it scans.
func (d *Dict) strSlotAt(hint int, k string) (int, bool) {
	if hint < len(d.keys) {
		if s, ok := d.keys[hint].(Str); ok && len(s) == len(k) && (sameBytes(string(s), k) || string(s) == k) {
			return hint, true
		}
	}
	return d.strSlot(k)
}

// setStrAt is setStr trying slot hint first (strSlotAt); it returns the
// slot k is in.
func (d *Dict) setStrAt(hint int, k string, key, v Value) int {
	if i, ok := d.strSlotAt(hint, k); ok {
		d.replaceAt(i, v)
		return i
	}
	d.addStr(k, key, v)
	return len(d.keys) - 1
}

// strFilter tells, without a scan, that a dict small enough to be
// scanned (no strIdx) lacks a str key: it has a bit (strBit) for each of
// the dict's str keys, and holds while the dict's version is the one it
// was made at, as adding or removing a key changes the version. A thread
// keeps one for the globals its programs store (setStrAtFiltered): a
// program's first store of each global would otherwise scan every global
// before it to learn that the name is new.
type strFilter struct {
	d    *Dict
	ver  uint64
	bits uint64
}

// strBit is k's bit in a strFilter: a hash of its length and its first,
// middle and last bytes (the top 6 bits of a multiplicative hash).
func strBit(k string) uint64 {
	h := uint32(len(k)) * 0x9e3779b1
	if len(k) > 0 {
		h ^= uint32(k[0])<<8 | uint32(k[len(k)-1])<<16 | uint32(k[len(k)/2])
	}
	h *= 0x85ebca6b
	return 1 << (h >> 26)
}

// fill makes f the filter of d's str keys as they are now.
func (f *strFilter) fill(d *Dict) {
	f.d, f.ver, f.bits = d, d.ver, 0
	for _, key := range d.keys {
		if s, ok := key.(Str); ok {
			f.bits |= strBit(string(s))
		}
	}
}

// setStrAtFiltered is setStrAt with f, a filter of d's str keys (made
// again when it no longer holds): a key it shows absent is added without
// a scan.
func (d *Dict) setStrAtFiltered(hint int, k string, key, v Value, f *strFilter) int {
	if uint(hint) < uint(len(d.keys)) {
		if s, ok := d.keys[hint].(Str); ok && string(s) == k {
			d.replaceAt(hint, v)
			return hint
		}
	}
	if d.strIdx == nil && len(d.keys) <= scanStrs {
		if f.d != d || f.ver != d.ver {
			f.fill(d)
		}
		if bit := strBit(k); f.bits&bit == 0 {
			d.addStr(k, key, v)
			f.bits |= bit
			f.ver = d.ver
			return len(d.keys) - 1
		}
	}
	return d.setStrAt(hint, k, key, v)
}

// replaceAt sets the value in slot i.
func (d *Dict) replaceAt(i int, v Value) {
	if d.sharedVals {
		d.ownVals()
	}
	d.vals[i] = v
}

// addStr adds the str key k, known to be absent, with value v; key is k
// as a Value, or nil to box it here.
func (d *Dict) addStr(k string, key, v Value) {
	if d.sharedKeys || d.sharedVals {
		d.own(4)
	}
	if d.strIdx != nil {
		d.strIdx[k] = len(d.keys)
	} else if len(d.keys) >= scanStrs {
		d.indexStrs(1)
		d.strIdx[k] = len(d.keys)
	}
	if key == nil {
		key = Str(k)
	}
	d.add(key, v)
}

// Set sets d[k] = v.
func (d *Dict) Set(t *Thread, k, v Value) error {
	if s, ok := k.(Str); ok {
		d.setStr(string(s), k, v)
		return nil
	}
	i, kind, _, h, err := d.find(t, k)
	if err != nil {
		return err
	}
	if d.sharedKeys || d.sharedVals {
		d.own(4)
	}
	if i >= 0 {
		d.vals[i] = v
		return nil
	}
	i = len(d.keys)
	switch kind {
	case kindInt:
		idx := d.intIdx()
		switch {
		case idx == nil && i < smallDict:
			d.intSlots |= 1 << i
		case idx == nil:
			idx = map[int64]int{}
			for m := d.intSlots; m != 0; m &= m - 1 {
				j := bits.TrailingZeros8(m)
				n, _ := intKey(d.keys[j])
				idx[n] = j
			}
			d.extra().intIdx = idx
			fallthrough
		default:
			idx[h] = i
		}
	case kindID:
		idx := d.idIdx()
		switch {
		case idx == nil && i < smallDict:
			d.idSlots |= 1 << i
		case idx == nil:
			idx = map[Value]int{}
			for m := d.idSlots; m != 0; m &= m - 1 {
				j := bits.TrailingZeros8(m)
				idx[d.keys[j]] = j
			}
			d.extra().idIdx = idx
			fallthrough
		default:
			idx[k] = i
		}
	default:
		e := d.extra()
		if e.hashIdx == nil {
			e.hashIdx = map[int64][]int{}
		}
		e.hashIdx[h] = append(e.hashIdx[h], i)
	}
	if d.strIdx == nil && len(d.keys) == scanStrs && d.hasStrKey() {
		d.indexStrs(1) // str keys are no longer found by scanning
	}
	d.add(k, v)
	return nil
}

// add appends an item whose key is not in d and is already indexed.
func (d *Dict) add(k, v Value) {
	if len(d.keys) == cap(d.keys) || len(d.vals) == cap(d.vals) {
		d.realloc(max(2*len(d.keys), minDictCap))
	}
	d.keys = append(d.keys, k)
	d.vals = append(d.vals, v)
	d.n++
	d.ver++
}

// minDictCap is the room a dict's first item gets.
const minDictCap = 2

// realloc moves keys and vals to new storage with room for c items. Both
// live in one allocation, keys in its first half and vals in its second;
// each slice's capacity ends where its half does, so an append to one
// never writes into the other.
func (d *Dict) realloc(c int) {
	c = max(c, len(d.keys))
	buf := make([]Value, 2*c)
	keys, vals := buf[:len(d.keys):c], buf[c:c+len(d.vals):2*c]
	copy(keys, d.keys)
	copy(vals, d.vals)
	d.keys, d.vals = keys, vals
}

func (d *Dict) hasStrKey() bool {
	for _, key := range d.keys {
		if _, ok := key.(Str); ok {
			return true
		}
	}
	return false
}

// Reserve makes room for n more items, for a dict about to be filled
// with them.
func (d *Dict) Reserve(n int) {
	if n <= 0 {
		return
	}
	if d.sharedKeys || d.sharedVals {
		d.own(n)
	}
	if need := len(d.keys) + n; need > cap(d.keys) || need > cap(d.vals) {
		d.realloc(need)
	}
	switch {
	case d.strIdx == nil && len(d.keys)+n > scanStrs:
		d.indexStrs(n)
	case d.strIdx != nil && len(d.strIdx) <= 8 && len(d.strIdx)+n > 8:
		// a small map would grow, perhaps more than once: size it once
		m := make(map[string]int, len(d.strIdx)+n)
		for k, i := range d.strIdx {
			m[k] = i
		}
		d.strIdx = m
	}
}

// Delete removes key k, reporting whether it was present.
func (d *Dict) Delete(t *Thread, k Value) (bool, error) {
	i, kind, s, h, err := d.find(t, k)
	if err != nil || i < 0 {
		return false, err
	}
	if d.sharedKeys || d.sharedVals {
		d.own(4)
	}
	switch kind {
	case kindStr:
		delete(d.strIdx, s)
	case kindInt:
		delete(d.intIdx(), h)
		d.intSlots &^= 1 << i
	case kindID:
		delete(d.idIdx(), k)
		d.idSlots &^= 1 << i
	default:
		hashIdx := d.ext.hashIdx // a hashed key was found through it
		l := hashIdx[h]
		for j, x := range l {
			if x == i {
				hashIdx[h] = append(l[:j:j], l[j+1:]...)
				break
			}
		}
	}
	d.keys[i] = nil
	d.vals[i] = nil
	d.n--
	d.ver++
	if len(d.keys) > 32 && int(d.n) < len(d.keys)/2 {
		d.compact()
	}
	return true, nil
}

func (d *Dict) compact() {
	keys, vals := d.keys, d.vals
	d.reset()
	for i, k := range keys {
		if k != nil {
			d.Set(nil, k, vals[i])
		}
	}
}

// Items returns the keys and values in insertion order, in new slices
// the caller may change. (Two makes, not one split in two: a caller that
// keeps neither can have small ones on its stack.)
func (d *Dict) Items() (keys, vals []Value) {
	keys = make([]Value, 0, d.Len())
	vals = make([]Value, 0, d.Len())
	for i, k := range d.keys {
		if k != nil {
			keys = append(keys, k)
			vals = append(vals, d.vals[i])
		}
	}
	return keys, vals
}

// All yields the items in insertion order without copying them, for Go
// code that only reads them (Items makes two slices). An item added
// during the loop is yielded too; one deleted before its turn is not.
func (d *Dict) All() iter.Seq2[Value, Value] {
	return func(yield func(k, v Value) bool) {
		for i := 0; i < len(d.keys); i++ {
			if k := d.keys[i]; k != nil && !yield(k, d.vals[i]) {
				return
			}
		}
	}
}

// Keys returns the keys in insertion order.
func (d *Dict) Keys() []Value {
	keys := make([]Value, 0, d.Len())
	for _, k := range d.keys {
		if k != nil {
			keys = append(keys, k)
		}
	}
	return keys
}

// recycle empties d for reuse, as a new dict but for its storage, which
// it keeps (cleared, so that it keeps nothing alive) unless it borrows it
// from a template. Its version goes on counting: no slot cached from its
// earlier contents is valid.
func (d *Dict) recycle() {
	keys, vals := d.keys, d.vals
	owned := !d.sharedKeys && !d.sharedVals
	*d = Dict{ver: d.ver + 1}
	if owned {
		clear(keys[:cap(keys)])
		clear(vals[:cap(vals)])
		d.keys, d.vals = keys[:0], vals[:0]
	}
}

// Clear removes every item.
func (d *Dict) Clear() { d.reset() }

// Copy returns a shallow copy with the same class.
func (d *Dict) Copy() *Dict {
	c := &Dict{Class: d.Class, Default: d.Default}
	c.CopyFrom(d)
	return c
}

// CopyFrom replaces d's items with src's, keeping d's class. A dict whose
// keys are all strings and which never lost one (a module's attributes, an
// instance's) is copied wholesale, which is what makes importing a large
// module cheap; any other is copied item by item.
func (d *Dict) CopyFrom(src *Dict) {
	d.reset()
	if src.sharedKeys && src.sharedVals {
		d.share(src)
		return
	}
	if src.strKeysOnly() {
		d.keys, d.vals = src.keys, src.vals
		d.realloc(len(src.keys))
		d.strIdx = maps.Clone(src.strIdx)
		d.n = src.n
		return
	}
	for i, k := range src.keys {
		if k != nil {
			d.Set(nil, k, src.vals[i])
		}
	}
}

// Share makes d a copy of tmpl that borrows tmpl's storage until d
// changes; tmpl must never change again. A module's contents, built once,
// are shared this way by every run that imports it.
func (d *Dict) Share(tmpl *Dict) {
	if !tmpl.strKeysOnly() {
		d.CopyFrom(tmpl) // only str-keyed dicts without holes are shared
		return
	}
	d.reset()
	d.share(tmpl)
}

// ShareKeys makes d a dict of tmpl's keys, in order, with vals as their
// values: d borrows the keys (and their index) until it adds or removes
// one, as Share does, and keeps vals as its own, which the caller must not
// use after. It fills a dict made from a template without looking up each
// key or copying the template's values. vals must hold one value per key;
// tmpl must never change again.
func (d *Dict) ShareKeys(tmpl *Dict, vals []Value) {
	d.reset()
	if !tmpl.strKeysOnly() || len(vals) != len(tmpl.keys) {
		// not a template this way (it has holes, or keys of other
		// kinds): key by key, the j-th value to the j-th key
		j := 0
		for _, k := range tmpl.keys {
			if k == nil || j == len(vals) {
				continue
			}
			d.Set(nil, k, vals[j])
			j++
		}
		return
	}
	d.keys, d.strIdx, d.n = tmpl.keys, tmpl.strIdx, tmpl.n
	d.vals = vals[:len(vals):len(vals)]
	d.sharedKeys = true
}

// SharesKeysOf reports whether d still borrows tmpl's keys (Share,
// ShareKeys): it has tmpl's keys, in tmpl's order, and no other.
func (d *Dict) SharesKeysOf(tmpl *Dict) bool {
	return d.sharedKeys && len(d.keys) > 0 && len(d.keys) == len(tmpl.keys) && &d.keys[0] == &tmpl.keys[0]
}

func (d *Dict) share(src *Dict) {
	d.keys, d.vals, d.strIdx, d.n = src.keys, src.vals, src.strIdx, src.n
	d.sharedKeys, d.sharedVals = true, true
}

// ownVals gives a shared dict its own vals, for replacing a value.
func (d *Dict) ownVals() {
	d.vals = slices.Clone(d.vals)
	d.sharedVals = false
}

// own gives a shared dict its own storage, for adding or removing a key.
// The copies get room for more items so that a few additions do not copy
// again.
func (d *Dict) own(room int) {
	d.realloc(len(d.keys) + room)
	if d.sharedKeys {
		d.strIdx = maps.Clone(d.strIdx)
	}
	d.sharedKeys, d.sharedVals = false, false
}

// moveToEnd re-inserts key k at the end (OrderedDict.move_to_end).
func (d *Dict) moveToEnd(t *Thread, k Value, last bool) (bool, error) {
	v, ok, err := d.Get(t, k)
	if err != nil || !ok {
		return ok, err
	}
	d.Delete(t, k)
	if last {
		return true, d.Set(t, k, v)
	}
	keys, vals := d.Items()
	d.Clear()
	d.Set(t, k, v)
	for i := range keys {
		d.Set(t, keys[i], vals[i])
	}
	return true, nil
}

// Set is a Python set or frozenset, kept in insertion order.
type Set struct {
	d      Dict
	Frozen bool
}

func (s *Set) Type() *Class {
	if s.Frozen {
		return FrozenSetClass
	}
	return SetClass
}

// NewSet returns an empty set.
func NewSet() *Set { return &Set{} }

// Len returns the number of elements.
func (s *Set) Len() int { return s.d.Len() }

// Add inserts v.
func (s *Set) Add(t *Thread, v Value) error { return s.d.Set(t, v, None) }

// Has reports whether v is in the set.
func (s *Set) Has(t *Thread, v Value) (bool, error) {
	_, ok, err := s.d.Get(t, v)
	return ok, err
}

// Remove deletes v, reporting whether it was there.
func (s *Set) Remove(t *Thread, v Value) (bool, error) { return s.d.Delete(t, v) }

// Elems returns the elements in iteration order.
func (s *Set) Elems() []Value { return s.d.Keys() }
