package python

import (
	"math/big"
	"unsafe"
)

// Value is any Python value. Every value knows its class; everything else a
// value can do (attributes, operators, iteration, calling) is found through
// that class, the way CPython finds it through the type's slots and dict.
type Value interface {
	Type() *Class
}

// ReprAppender is implemented by Go values that can append their repr to
// a buffer without making a string of it: print writes such a value's text
// into its own buffer. print shows str(v), so AppendRepr must report false
// (and append nothing) unless the value's class prints with the Go
// __repr__ it stands for and object's __str__; the caller then falls back
// to str(v). It must not run Python code.
type ReprAppender interface {
	Value
	AppendRepr(t *Thread, b []byte) ([]byte, bool)
}

// LocalReleaser is implemented by a value a Go module keeps in a
// workspace's locals (Workspace.SetLocal) that is told when the workspace
// is released: nothing of the run will use it again, so it may be reused.
type LocalReleaser interface {
	ReleaseLocal()
}

// HasDict is implemented by values that carry a per-instance attribute
// dictionary (instances of learner classes and Go types that embed Object).
type HasDict interface {
	Value
	Dict() *Dict
}

// NoneType is the type of None.
type NoneType struct{}

// None is Python's None.
var None Value = NoneType{}

func (NoneType) Type() *Class { return NoneTypeClass }

// Bool is a Python bool. bool is a subclass of int.
type Bool bool

const (
	True  = Bool(true)
	False = Bool(false)
)

func (Bool) Type() *Class { return BoolClass }

// Int is a Python int that fits in 64 bits. Results that overflow become
// *BigInt; results that fit always come back as Int, so an Int and a BigInt
// never hold the same number.
type Int int64

func (Int) Type() *Class { return IntClass }

// Boxing an int64 in an interface allocates (beyond Go's own 0..255
// cache): an 8-byte object the garbage collector must mark. The evaluator
// boxes ints two cheaper ways. Those in [intCacheMin, intCacheMax) point
// into smallInts, a table without pointers that the collector never scans;
// a Thread boxes the others into chunks of intChunk (Thread.boxInt).
const (
	intCacheMin = -256
	intCacheMax = 1 << 17
	intChunk    = 16
)

// smallInts is a global, not a heap object: the collector paces itself by
// the live heap, and a megabyte table there would make every run's garbage
// trigger a collection sooner.
var smallInts [intCacheMax - intCacheMin]Int

func init() {
	for i := range smallInts {
		smallInts[i] = Int(i + intCacheMin)
	}
}

// boxInt returns Int(n) as a Value, without allocating for common values.
func boxInt(n int64) Value {
	if n >= intCacheMin && n < intCacheMax {
		return intAt(&smallInts[n-intCacheMin])
	}
	return Int(n)
}

// newArgs returns a slice of n nil values for a call's positional
// arguments. Slices are cut from chunks (the 16 values that come with the
// thread, then chunks it allocates, of 16 values doubling up to 128 for a
// run that makes many calls) and never reused: a callee may keep its
// arguments. The slice's capacity ends at its length, so an append by the
// callee copies.
func (t *Thread) newArgs(n int) []Value {
	const maxChunk = 128
	if n > 16 {
		return make([]Value, n)
	}
	if len(t.argChunk) < n {
		t.argChunkSize = min(max(2*t.argChunkSize, 16), maxChunk)
		t.argChunk = make([]Value, t.argChunkSize)
	}
	s := t.argChunk[:n:n]
	t.argChunk = t.argChunk[n:]
	return s
}

// newKwargs returns an empty slice with room for a call's n keyword
// arguments, cut from the room the thread comes with while it lasts, as
// newArgs cuts positional ones, and never reused. An append past n copies.
func (t *Thread) newKwargs(n int) []Kwarg {
	if len(t.kwChunk) < n {
		return make([]Kwarg, 0, n)
	}
	s := t.kwChunk[:0:n]
	t.kwChunk = t.kwChunk[n:]
	return s
}

// boxInt is boxInt for the thread's hot paths: an int outside the table
// goes into the thread's current chunk of ints, allocated intChunk at a
// time, instead of an allocation of its own. A kept int keeps its chunk
// alive, so a run that keeps one int in intChunk holds at most intChunk
// times the memory it would otherwise.
func (t *Thread) boxInt(n int64) Value {
	if n >= intCacheMin && n < intCacheMax {
		return intAt(&smallInts[n-intCacheMin])
	}
	if len(t.ints) == 0 {
		t.ints = make([]Int, intChunk)
	}
	p := &t.ints[0]
	*p = Int(n)
	t.ints = t.ints[1:]
	return intAt(p)
}

// intItab is the first word of a Value holding an Int: Int's method table.
var intItab = func() unsafe.Pointer {
	var v Value = Int(1 << 40)
	return (*[2]unsafe.Pointer)(unsafe.Pointer(&v))[0]
}()

// valueType is the first word of v: the method table of v's Go type, the
// same for every Value of that type (and nil for a nil Value). Comparing it
// tells two values' Go types apart without a type assertion.
func valueType(v Value) unsafe.Pointer {
	return (*[2]unsafe.Pointer)(unsafe.Pointer(&v))[0]
}

// methodTable is the first word of hd: the HasDict method table of its Go
// type.
func methodTable(hd HasDict) unsafe.Pointer {
	return (*[2]unsafe.Pointer)(unsafe.Pointer(&hd))[0]
}

// hasDictOf is v as a HasDict, built by hand from tab, the HasDict method
// table (methodTable) of v's Go type, as intAt builds an int: what
// v.(HasDict) returns, without the look-up of tab in the runtime's table
// that the conversion costs where its cache misses. The caller must know
// that tab is the table of v's type (TestHasDictOf checks the layout).
func hasDictOf(v Value, tab unsafe.Pointer) HasDict {
	var hd HasDict
	w := (*[2]unsafe.Pointer)(unsafe.Pointer(&hd))
	w[0], w[1] = tab, (*[2]unsafe.Pointer)(unsafe.Pointer(&v))[1]
	return hd
}

// intAt returns the Value holding *p, which must not change after. It builds
// the interface value by hand: a Value holding an Int is two words, Int's
// method table and a pointer to the int64. That is the layout of every Go
// release; TestIntAt checks it.
func intAt(p *Int) Value {
	var v Value
	w := (*[2]unsafe.Pointer)(unsafe.Pointer(&v))
	w[0], w[1] = intItab, unsafe.Pointer(p)
	return v
}

// BigInt is a Python int outside the int64 range.
type BigInt struct{ b *big.Int }

func (*BigInt) Type() *Class { return IntClass }

// Big returns a copy of the number as a *big.Int.
func (i *BigInt) Big() *big.Int { return new(big.Int).Set(i.b) }

// MakeInt returns the int value of b, as an Int when it fits.
func MakeInt(b *big.Int) Value {
	if b.IsInt64() {
		return Int(b.Int64())
	}
	return &BigInt{b: b}
}

// Float is a Python float.
type Float float64

func (Float) Type() *Class { return FloatClass }

// Str is a Python str, stored as UTF-8.
type Str string

func (Str) Type() *Class { return StrClass }

// Bytes is a Python bytes object.
type Bytes string

func (Bytes) Type() *Class { return BytesClass }

// Tuple is a Python tuple.
type Tuple []Value

func (Tuple) Type() *Class { return TupleClass }

// List is a Python list.
type List struct {
	Items []Value
	Class *Class // a subclass of list the list is an instance of; nil for list
	attrs *Dict  // an instance of a subclass: its attributes (made on first use)
}

// Dict returns the attributes of an instance of a subclass of list; a list
// has none (nil).
func (l *List) Dict() *Dict {
	if l.Class == nil {
		return nil
	}
	if l.attrs == nil {
		l.attrs = NewDict()
	}
	return l.attrs
}

func (l *List) Type() *Class {
	if l.Class != nil {
		return l.Class
	}
	return ListClass
}

// overridden reports whether v is an instance of a subclass of list or dict
// that defines the special method name in Python, which the interpreter's
// fast paths for list and dict must then leave to it.
func overridden(v Value, name string) bool {
	var cls *Class
	switch x := v.(type) {
	case *List:
		cls = x.Class
	case *Dict:
		cls = x.Class
	}
	if cls == nil {
		return false
	}
	_, ok := cls.Lookup(name).(*Function)
	return ok
}

// NewList returns a list holding items (not copied).
func NewList(items []Value) *List { return &List{Items: items} }

// Object is the state every instance of a class with a __dict__ shares. Go
// types whose classes learner code may subclass embed it and call Init from
// their class's New hook, so the instance remembers its real (sub)class and
// can hold the learner's own attributes.
type Object struct {
	class *Class
	dict  *Dict
	attrs Dict // what dict points to: part of the instance, not an allocation of its own
}

// Init sets the instance's class and gives it an empty attribute dict.
func (o *Object) Init(cls *Class) {
	o.class = cls
	o.attrs = Dict{ver: o.attrs.ver + 1} // a version never seen at this address (strFilter)
	o.dict = &o.attrs
}

func (o *Object) Type() *Class { return o.class }

// Dict returns the instance's attribute dictionary.
func (o *Object) Dict() *Dict { return o.dict }

// Cell holds a variable captured by an inner function.
type Cell struct{ V Value }

func (*Cell) Type() *Class { return CellClass }

// Range is a Python range object.
type Range struct{ Start, Stop, Step int64 }

func (*Range) Type() *Class { return RangeClass }

// Len returns the number of elements of the range.
func (r *Range) Len() int64 {
	if r.Step > 0 && r.Start < r.Stop {
		return (r.Stop - r.Start - 1 + r.Step) / r.Step
	}
	if r.Step < 0 && r.Start > r.Stop {
		return (r.Start - r.Stop - 1 - r.Step) / (-r.Step)
	}
	return 0
}

// Slice is a Python slice object (from a[i:j:k]).
type Slice struct{ Start, Stop, Step Value }

func (*Slice) Type() *Class { return SliceClass }

// NotImplementedType is the type of NotImplemented, which binary operator
// methods return to let the other operand try.
type NotImplementedType struct{}

// NotImplemented is Python's NotImplemented.
var NotImplemented Value = NotImplementedType{}

func (NotImplementedType) Type() *Class { return NotImplementedClass }

// EllipsisType is the type of ... (Ellipsis).
type EllipsisType struct{}

// Ellipsis is Python's Ellipsis.
var Ellipsis Value = EllipsisType{}

func (EllipsisType) Type() *Class { return EllipsisClass }
