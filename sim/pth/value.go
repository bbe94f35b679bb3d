package pth

import (
	"fmt"
	"math"
	"math/big"
	"slices"
	"strconv"
	"strings"
)

// Value is one node of a checkpoint's object tree. The concrete types are the
// ones declared in this file; the interface is closed so a type switch over
// them is exhaustive.
type Value interface {
	pthValue()
}

// None is Python's None.
type None struct{}

// Bool is a Python bool.
type Bool bool

// Int is a Python int that fits in 64 bits. Larger ones are BigInt, so callers
// handle the common case without math/big.
type Int int64

// BigInt is a Python int outside the int64 range.
type BigInt struct{ V *big.Int }

// Float is a Python float.
type Float float64

// Str is a Python str.
type Str string

// Bytes is a Python bytes (or bytearray) object.
type Bytes []byte

// Tuple is a Python tuple. Tuples are values: equal contents, equal tuples.
type Tuple []Value

// List is a Python list. It is a pointer so that one list referenced twice in
// a checkpoint stays one list after loading, as in Python.
type List struct {
	Items []Value
}

// Set is a Python set (builtins.set); rare in checkpoints but allowed by
// PyTorch's weights-only unpickler.
type Set struct {
	Items []Value
}

// DictKind says which Python mapping class a Dict is.
type DictKind int

const (
	PlainDict   DictKind = iota // dict
	OrderedDict                 // collections.OrderedDict (every state_dict)
	CounterDict                 // collections.Counter
)

// Dict is a Python dict, OrderedDict or Counter with insertion-ordered keys of
// any hashable kind: str keys in state dicts, int keys in optimizer state.
type Dict struct {
	Kind DictKind
	// Attrs is the instance __dict__ restored by BUILD, nil when there is none.
	// A state_dict's OrderedDict carries {'_metadata': OrderedDict(...)} here,
	// which load_state_dict reads for version numbers.
	Attrs *Dict

	items []dictItem // in insertion order
	index map[string]int
	// strs has the strBit of every str key set, so that a look-up of a
	// str the dict lacks seldom scans its keys. Append sets all its bits
	// instead: the dicts torch.save builds are written, not searched.
	strs uint64
	// first holds items while there are at most two, as in most dicts of
	// a checkpoint, so that the dict and its items are one allocation.
	first [2]dictItem
}

type dictItem struct{ key, value Value }

// NewDict returns an empty mapping of the given kind.
func NewDict(kind DictKind) *Dict {
	return &Dict{Kind: kind}
}

// smallDict is the size up to which a Dict finds keys by comparing them in
// turn, without an index: state dicts and optimizer states are small, and
// an index costs a map and a hash string per key.
const smallDict = 16

// Set inserts or replaces key, keeping the first insertion position as Python
// does. It fails for unhashable keys (lists, dicts, tensors compare by
// identity in Python, which a file cannot express).
func (d *Dict) Set(key, value Value) error {
	i, err := d.find(key)
	if err != nil {
		return err
	}
	if i >= 0 {
		d.items[i].value = value
		return nil
	}
	if s, ok := key.(Str); ok {
		d.strs |= strBit(s)
	}
	d.add(key, value)
	return nil
}

// setPairs is Set of each key and value of kvs in turn (a key, its value,
// the next key, ...), as SETITEMS does. A str key of a small dict with
// room for it is found and inserted in place, without Set's calls.
func (d *Dict) setPairs(kvs []Value) error {
	for i := 0; i+1 < len(kvs); i += 2 {
		key, value := kvs[i], kvs[i+1]
		s, ok := key.(Str)
		if !ok || d.index != nil || len(d.items) >= min(cap(d.items), smallDict) {
			if err := d.Set(key, value); err != nil {
				return err
			}
			continue
		}
		bit := strBit(s)
		if d.strs&bit != 0 {
			if j := d.scanStr(s); j >= 0 {
				d.items[j].value = value
				continue
			}
		}
		d.items = append(d.items, dictItem{key, value}) // in room: no index yet
		d.strs |= bit
	}
	return nil
}

// Append inserts key as a new item at the end, without looking for an
// equal key first: the caller knows its keys are distinct, as the keys of
// a dict being saved are. Like Set, it fails for unhashable keys.
func (d *Dict) Append(key, value Value) error {
	switch key.(type) {
	case Str, Int, Bool, None:
		// hashable, and hashKey need not build their strings
	default:
		if _, err := hashKey(key); err != nil {
			return err
		}
	}
	d.strs = ^uint64(0)
	d.add(key, value)
	return nil
}

// add appends an item whose key is hashable and not in d yet.
func (d *Dict) add(key, value Value) {
	d.grow(1)
	d.items = append(d.items, dictItem{key, value})
	if d.index != nil {
		h, _ := hashKey(key) // Set and Append checked that key hashes
		d.index[h] = len(d.items) - 1
	} else if len(d.items) > smallDict {
		d.index = make(map[string]int, 2*len(d.items))
		for i, it := range d.items {
			h, _ := hashKey(it.key)
			if _, dup := d.index[h]; !dup {
				d.index[h] = i
			}
		}
	}
}

// Grow makes room for n more items.
func (d *Dict) Grow(n int) {
	if n > 0 && d.index == nil {
		d.grow(n)
	}
}

// grow makes room for n more items, in first while they fit there; items
// leaving first leave it empty, so that first never holds stale items.
func (d *Dict) grow(n int) {
	switch {
	case cap(d.items)-len(d.items) >= n:
	case d.items == nil && n <= len(d.first):
		d.items = d.first[:0]
	default: // a new array
		inFirst := cap(d.items) > 0 && &d.items[:1][0] == &d.first[0]
		d.items = slices.Grow(d.items, n)
		if inFirst {
			clear(d.first[:])
		}
	}
}

// Get looks key up with Python's equality for hashable values (1 == 1.0 == True).
func (d *Dict) Get(key Value) (Value, bool) {
	i, err := d.find(key)
	if err != nil || i < 0 {
		return nil, false
	}
	return d.items[i].value, true
}

// find returns the position of key, -1 when absent; it fails for an
// unhashable key.
func (d *Dict) find(key Value) (int, error) {
	if d.index != nil {
		h, err := hashKey(key)
		if err != nil {
			return -1, err
		}
		if i, ok := d.index[h]; ok {
			return i, nil
		}
		return -1, nil
	}
	if s, ok := key.(Str); ok {
		return d.findStr(s), nil
	}
	kind, s, n := simpleKey(key)
	if kind == 0 {
		h, err := hashKey(key)
		if err != nil {
			return -1, err
		}
		for i, it := range d.items {
			if hk, _ := hashKey(it.key); hk == h {
				return i, nil
			}
		}
		return -1, nil
	}
	for i, it := range d.items {
		k := it.key
		kk, ks, kn := simpleKey(k)
		switch {
		case kk == 0:
			// a float, tuple or other key: compare the slow way
			if hk, _ := hashKey(k); h0(key) == hk {
				return i, nil
			}
		case kk == kind && ks == s && kn == n:
			return i, nil
		}
	}
	return -1, nil
}

// findStr is find of a str key in a dict without an index. A str equals
// only a str: the keys of nearly every dict.
func (d *Dict) findStr(s Str) int {
	if d.strs&strBit(s) == 0 {
		return -1
	}
	return d.scanStr(s)
}

// scanStr is findStr, scanning the keys whatever strs says.
func (d *Dict) scanStr(s Str) int {
	for i, it := range d.items {
		if k, ok := it.key.(Str); ok && k == s {
			return i
		}
	}
	return -1
}

// strBit is the bit of Dict.strs for a str key: one of 64, picked by a
// hash of its length and end bytes.
func strBit(s Str) uint64 {
	if len(s) == 0 {
		return 1
	}
	return 1 << ((uint(len(s))*7 + uint(s[0]) + uint(s[len(s)-1])*3) % 64)
}

// simpleKey sorts the common keys without allocating: 's' with the text
// of a str, 'i' with the value of an int or bool, 'n' for None, and 0 for
// any other key, which hashKey handles.
func simpleKey(v Value) (kind byte, s string, n int64) {
	switch k := v.(type) {
	case Str:
		return 's', string(k), 0
	case Int:
		return 'i', "", int64(k)
	case Bool:
		if k {
			return 'i', "", 1
		}
		return 'i', "", 0
	case None:
		return 'n', "", 0
	}
	return 0, "", 0
}

// h0 is hashKey of a key simpleKey sorts (so it cannot fail).
func h0(v Value) string {
	h, _ := hashKey(v)
	return h
}

// Len is the number of items.
func (d *Dict) Len() int { return len(d.items) }

// Key returns the i-th key in insertion order.
func (d *Dict) Key(i int) Value { return d.items[i].key }

// Val returns the i-th value in insertion order.
func (d *Dict) Val(i int) Value { return d.items[i].value }

// Metadata returns the `_metadata` attribute a state_dict carries, or nil.
func (d *Dict) Metadata() *Dict {
	if d.Attrs == nil {
		return nil
	}
	m, ok := d.Attrs.Get(Str("_metadata"))
	if !ok {
		return nil
	}
	md, _ := m.(*Dict)
	return md
}

// Storage is the memory behind one or more tensors. Tensors that share memory
// (views, the same parameter saved twice) point at the same *Storage, and
// Write saves it once.
type Storage struct {
	DType DType
	// Location is PyTorch's location tag: "cpu", "cuda:0", ...
	Location string
	// Data holds the raw little-endian bytes; len(Data) = numel * DType.ItemSize().
	Data []byte
}

// Numel is the number of elements the storage holds.
func (s *Storage) Numel() int64 {
	return int64(len(s.Data)) / int64(s.DType.ItemSize())
}

// Tensor is a torch.Tensor or torch.nn.Parameter: a strided view of a Storage.
type Tensor struct {
	Storage *Storage
	// Offset is the storage offset in elements.
	Offset       int64
	Shape        []int64
	Strides      []int64
	RequiresGrad bool
	// Parameter is true for torch.nn.Parameter (saved via _rebuild_parameter).
	Parameter bool
}

// DType returns the tensor's element type (its storage's).
func (t *Tensor) DType() DType { return t.Storage.DType }

// Numel is the number of elements of the view.
func (t *Tensor) Numel() int64 {
	n := int64(1)
	for _, s := range t.Shape {
		n *= s
	}
	return n
}

// ContiguousStrides returns the row-major strides for shape.
func ContiguousStrides(shape []int64) []int64 {
	st := make([]int64, len(shape))
	acc := int64(1)
	for i := len(shape) - 1; i >= 0; i-- {
		st[i] = acc
		if shape[i] > 1 {
			acc *= shape[i]
		}
	}
	return st
}

// Size is a torch.Size.
type Size []int64

// Device is a torch.device value: Type "cpu" or "cuda", Index -1 when absent.
type Device struct {
	Type  string
	Index int
}

// String formats the device as PyTorch's str(device) does.
func (d Device) String() string {
	if d.Index < 0 {
		return d.Type
	}
	return d.Type + ":" + strconv.Itoa(d.Index)
}

// Global is a reference to a class or function by module and name, as the
// pickle's GLOBAL opcode names it ("__main__", "Net").
type Global struct {
	Module string
	Name   string
}

// String is the dotted path PyTorch's messages print.
func (g Global) String() string { return g.Module + "." + g.Name }

// Object is an instance of a class this package does not rebuild itself, such
// as a whole nn.Module saved with torch.save(model). Nothing in the file is
// ever executed: the caller decides whether it knows Class, and rebuilds it
// from Args and State only if it does.
type Object struct {
	Class Global
	// Args are the arguments the pickle passes to the class (NEWOBJ's cls.__new__
	// arguments, or REDUCE's call arguments for add_safe_globals classes).
	Args Tuple
	// State is what BUILD restores (a module's __dict__), nil when absent.
	State Value
}

func (None) pthValue()     {}
func (Bool) pthValue()     {}
func (Int) pthValue()      {}
func (BigInt) pthValue()   {}
func (Float) pthValue()    {}
func (Str) pthValue()      {}
func (Bytes) pthValue()    {}
func (Tuple) pthValue()    {}
func (*List) pthValue()    {}
func (*Set) pthValue()     {}
func (*Dict) pthValue()    {}
func (*Tensor) pthValue()  {}
func (Size) pthValue()     {}
func (DType) pthValue()    {}
func (Device) pthValue()   {}
func (Global) pthValue()   {}
func (*Object) pthValue()  {}
func (*Storage) pthValue() {}

// hashKey gives equal Python-hashable keys equal strings, following Python's
// cross-type equality of bool, int and integral float.
func hashKey(v Value) (string, error) {
	switch k := v.(type) {
	case None:
		return "N", nil
	case Bool:
		if k {
			return "i1", nil
		}
		return "i0", nil
	case Int:
		return "i" + strconv.FormatInt(int64(k), 10), nil
	case BigInt:
		return "i" + k.V.String(), nil
	case Float:
		f := float64(k)
		if f == math.Trunc(f) && !math.IsInf(f, 0) {
			bf := new(big.Float).SetFloat64(f)
			bi, _ := bf.Int(nil)
			return "i" + bi.String(), nil
		}
		return "f" + strconv.FormatUint(math.Float64bits(f), 16), nil
	case Str:
		return "s" + string(k), nil
	case Bytes:
		return "b" + string(k), nil
	case Tuple:
		var b strings.Builder
		b.WriteString("t(")
		for _, e := range k {
			h, err := hashKey(e)
			if err != nil {
				return "", err
			}
			b.WriteString(strconv.Itoa(len(h)))
			b.WriteByte(':')
			b.WriteString(h)
		}
		b.WriteByte(')')
		return b.String(), nil
	case DType:
		return "d" + k.Name(), nil
	case Device:
		return "v" + k.String(), nil
	case Global:
		return "g" + k.String(), nil
	}
	return "", fmt.Errorf("unhashable type: '%s'", TypeName(v))
}

// TypeName is the Python type name of v, for messages.
func TypeName(v Value) string {
	switch x := v.(type) {
	case None:
		return "NoneType"
	case Bool:
		return "bool"
	case Int, BigInt:
		return "int"
	case Float:
		return "float"
	case Str:
		return "str"
	case Bytes:
		return "bytes"
	case Tuple:
		return "tuple"
	case *List:
		return "list"
	case *Set:
		return "set"
	case *Dict:
		switch x.Kind {
		case OrderedDict:
			return "collections.OrderedDict"
		case CounterDict:
			return "collections.Counter"
		}
		return "dict"
	case *Tensor:
		if x.Parameter {
			return "torch.nn.parameter.Parameter"
		}
		return "torch.Tensor"
	case Size:
		return "torch.Size"
	case DType:
		return "torch.dtype"
	case Device:
		return "torch.device"
	case Global:
		return "type"
	case *Object:
		return x.Class.String()
	case *Storage:
		return "torch.storage.TypedStorage"
	case fn:
		return x.name
	}
	return fmt.Sprintf("%T", v)
}
