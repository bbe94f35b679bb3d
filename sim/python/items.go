package python

import (
	"errors"
	"unicode/utf8"
)

// errStopIteration ends an Iterate callback loop early without an error.
var errStopIteration = errors.New("stop iteration")

// Iterator is a Python iterator implemented in Go. Next returns ok=false
// when the iterator is exhausted.
type Iterator interface {
	Value
	Next(t *Thread) (v Value, ok bool, err error)
}

// IsIterable reports whether iter(v) can succeed.
func IsIterable(v Value) bool {
	switch v.(type) {
	case *List, Tuple, Str, *Dict, *Set, *Range, Bytes, Iterator:
		return true
	}
	return v.Type().Lookup("__iter__") != nil || v.Type().Lookup("__getitem__") != nil
}

// Iterate calls fn for each element of v (for x in v). fn may return
// errStopIteration-like sentinels; Iterate passes fn's error through.
func Iterate(t *Thread, v Value, fn func(Value) error) error {
	if overridden(v, "__iter__") {
		return iterateSpecial(t, v, fn)
	}
	switch x := v.(type) {
	case *List:
		for i := 0; i < len(x.Items); i++ {
			if err := t.step(); err != nil {
				return err
			}
			if err := fn(x.Items[i]); err != nil {
				return err
			}
		}
		return nil
	case Tuple:
		for _, e := range x {
			if err := t.step(); err != nil {
				return err
			}
			if err := fn(e); err != nil {
				return err
			}
		}
		return nil
	case *Range:
		n := x.Len()
		for i := int64(0); i < n; i++ {
			if err := t.step(); err != nil {
				return err
			}
			if err := fn(t.boxInt(x.Start + i*x.Step)); err != nil {
				return err
			}
		}
		return nil
	}
	return iterateSpecial(t, v, fn)
}

// iterateSpecial is Iterate through an iterator of v.
func iterateSpecial(t *Thread, v Value, fn func(Value) error) error {
	it, err := Iter(t, v)
	if err != nil {
		return err
	}
	for {
		if err := t.step(); err != nil {
			return err
		}
		e, ok, err := it.Next(t)
		if err != nil {
			return err
		}
		if !ok {
			return nil
		}
		if err := fn(e); err != nil {
			return err
		}
	}
}

// ToSlice collects the elements of an iterable.
func ToSlice(t *Thread, v Value) ([]Value, error) {
	if overridden(v, "__iter__") {
		return toSliceSlow(t, v)
	}
	switch x := v.(type) {
	case *List:
		return append([]Value(nil), x.Items...), nil
	case Tuple:
		return append([]Value(nil), x...), nil
	}
	return toSliceSlow(t, v)
}

// toSliceSlow collects v's elements one by one through Iterate.
func toSliceSlow(t *Thread, v Value) ([]Value, error) {
	var out []Value
	err := Iterate(t, v, func(e Value) error {
		out = append(out, e)
		if len(out)&1023 == 0 {
			if err := t.Alloc(8 * 1024); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}

// Iter returns iter(v).
func Iter(t *Thread, v Value) (Iterator, error) {
	if overridden(v, "__iter__") {
		return iterSpecial(t, v)
	}
	return iterOf(v, t)
}

// iterOf is Iter as the value's own type does it (see getItem).
func iterOf(v Value, t *Thread) (Iterator, error) {
	switch x := v.(type) {
	case Iterator:
		// A Go class is its own iterator; the look-up of __next__ is for
		// the rest.
		if cls := x.Type(); cls.isBuiltin {
			return x, nil
		} else if _, isGoIter := cls.attrs["__next__"]; isGoIter {
			return x, nil
		}
	case *List:
		return &seqIterator{list: x, cls: listIterClass}, nil
	case Tuple:
		return &seqIterator{tuple: x, cls: tupleIterClass}, nil
	case *Range:
		return &rangeIterator{r: *x}, nil
	case Str:
		return &strIterator{s: string(x)}, nil
	case Bytes:
		return &seqIterator{bytes: string(x), cls: bytesIterClass}, nil
	case *Dict:
		return &dictIterator{d: x, kind: 'k'}, nil
	case *Set:
		return &seqIterator{tuple: Tuple(x.iterOrder()), cls: setIterClass}, nil
	}
	return iterSpecial(t, v)
}

// iterSpecial is iter(v) through v's __iter__ or __getitem__.
func iterSpecial(t *Thread, v Value) (Iterator, error) {
	cls := v.Type()
	if m := cls.Lookup("__iter__"); m != nil {
		r, _, err := callSpecial(t, v, "__iter__")
		if err != nil {
			return nil, err
		}
		if it, ok := r.(Iterator); ok {
			return it, nil
		}
		if r.Type().Lookup("__next__") == nil {
			return nil, Errorf(TypeErrorClass, "iter() returned non-iterator of type '%s'", typeName(r))
		}
		return &pyIterator{obj: r}, nil
	}
	if cls.Lookup("__getitem__") != nil {
		return &getitemIterator{obj: v}, nil
	}
	return nil, Errorf(TypeErrorClass, "'%s' object is not iterable", typeName(v))
}

// Next advances an iterator value (next(it)); ok is false at the end.
func Next(t *Thread, it Value) (Value, bool, error) {
	if i, ok := it.(Iterator); ok {
		return i.Next(t)
	}
	if it.Type().Lookup("__next__") == nil {
		return nil, false, Errorf(TypeErrorClass, "'%s' object is not an iterator", typeName(it))
	}
	return (&pyIterator{obj: it}).Next(t)
}

type seqIterator struct {
	list  *List
	tuple Tuple
	bytes string
	i     int
	cls   *Class // the iterator type CPython names (list_iterator, ...)
}

func (s *seqIterator) Type() *Class {
	if s.cls != nil {
		return s.cls
	}
	return IteratorClass
}

// Iterator classes named as CPython names them.
var listIterClass, tupleIterClass, rangeIterClass, strIterClass, dictKeyIterClass, setIterClass, bytesIterClass *Class

func initIteratorClasses() {
	mk := func(name string) *Class {
		c := NewClass(name, IteratorClass)
		c.Freeze()
		return c
	}
	listIterClass = mk("list_iterator")
	tupleIterClass = mk("tuple_iterator")
	rangeIterClass = mk("range_iterator")
	strIterClass = mk("str_ascii_iterator")
	dictKeyIterClass = mk("dict_keyiterator")
	dictValueIterClass = mk("dict_valueiterator")
	dictItemIterClass = mk("dict_itemiterator")
	setIterClass = mk("set_iterator")
	bytesIterClass = mk("bytes_iterator")
}

func (s *seqIterator) Next(t *Thread) (Value, bool, error) {
	switch {
	case s.list != nil:
		if s.i < len(s.list.Items) {
			s.i++
			return s.list.Items[s.i-1], true, nil
		}
	case s.tuple != nil:
		if s.i < len(s.tuple) {
			s.i++
			return s.tuple[s.i-1], true, nil
		}
	default:
		if s.i < len(s.bytes) {
			s.i++
			return Int(s.bytes[s.i-1]), true, nil
		}
	}
	return nil, false, nil
}

type rangeIterator struct {
	r Range
	i int64
}

func (*rangeIterator) Type() *Class { return rangeIterClass }

func (r *rangeIterator) Next(t *Thread) (Value, bool, error) {
	if r.i < r.r.Len() {
		r.i++
		return Int(r.r.Start + (r.i-1)*r.r.Step), true, nil
	}
	return nil, false, nil
}

type strIterator struct {
	s string
	i int
}

func (*strIterator) Type() *Class { return strIterClass }

func (s *strIterator) Next(t *Thread) (Value, bool, error) {
	if s.i < len(s.s) {
		r, n := utf8.DecodeRuneInString(s.s[s.i:])
		s.i += n
		return Str(string(r)), true, nil
	}
	return nil, false, nil
}

type dictIterator struct {
	d    *Dict
	kind byte // 'k', 'v' or 'i'
	i    int
	n    int
	init bool
}

func (d *dictIterator) Type() *Class {
	switch d.kind {
	case 'v':
		return dictValueIterClass
	case 'i':
		return dictItemIterClass
	}
	return dictKeyIterClass
}

var dictValueIterClass, dictItemIterClass *Class

func (d *dictIterator) Next(t *Thread) (Value, bool, error) {
	if !d.init {
		d.n, d.init = d.d.Len(), true
	}
	if d.d.Len() != d.n {
		return nil, false, Errorf(RuntimeErrorClass, "dictionary changed size during iteration")
	}
	for d.i < len(d.d.keys) {
		k := d.d.keys[d.i]
		d.i++
		if k == nil {
			continue
		}
		switch d.kind {
		case 'v':
			return d.d.vals[d.i-1], true, nil
		case 'i':
			return Tuple{k, d.d.vals[d.i-1]}, true, nil
		}
		return k, true, nil
	}
	return nil, false, nil
}

// pyIterator drives an object with a Python __next__ method.
type pyIterator struct{ obj Value }

func (p *pyIterator) Type() *Class { return p.obj.Type() }

func (p *pyIterator) Next(t *Thread) (Value, bool, error) {
	r, _, err := callSpecial(t, p.obj, "__next__")
	if err != nil {
		if isException(err, StopIterationClass) {
			return nil, false, nil
		}
		return nil, false, err
	}
	return r, true, nil
}

type getitemIterator struct {
	obj Value
	i   int64
}

func (*getitemIterator) Type() *Class { return IteratorClass }

func (g *getitemIterator) Next(t *Thread) (Value, bool, error) {
	r, err := GetItem(t, g.obj, Int(g.i))
	if err != nil {
		if isException(err, IndexErrorClass) || isException(err, StopIterationClass) {
			return nil, false, nil
		}
		return nil, false, err
	}
	g.i++
	return r, true, nil
}

// ---- subscripts ----

// GetItem returns v[key].
func GetItem(t *Thread, v, key Value) (Value, error) {
	if overridden(v, "__getitem__") {
		r, _, err := callSpecial(t, v, "__getitem__", key)
		return r, err
	}
	return getItem(t, v, key)
}

// getItem is GetItem as the value's own type does it: for a subclass of
// list or dict, list's or dict's, whatever the subclass overrides.
func getItem(t *Thread, v, key Value) (Value, error) {
	switch x := v.(type) {
	case *List:
		if i, ok := AsInt64(key); ok {
			n := int64(len(x.Items))
			if i < 0 {
				i += n
			}
			if i < 0 || i >= n {
				return nil, Errorf(IndexErrorClass, "list index out of range")
			}
			return x.Items[i], nil
		}
		if s, ok := key.(*Slice); ok {
			items, err := sliceItems(t, x.Items, s)
			return NewList(items), err
		}
		return nil, indexTypeError("list", key)
	case Tuple:
		if i, ok := AsInt64(key); ok {
			n := int64(len(x))
			if i < 0 {
				i += n
			}
			if i < 0 || i >= n {
				return nil, Errorf(IndexErrorClass, "tuple index out of range")
			}
			return x[i], nil
		}
		if s, ok := key.(*Slice); ok {
			items, err := sliceItems(t, x, s)
			return Tuple(items), err
		}
		return nil, indexTypeError("tuple", key)
	case *Dict:
		r, ok, err := x.Get(t, key)
		if err != nil {
			return nil, err
		}
		if ok {
			return r, nil
		}
		if x.Default != nil && x.Default != None {
			d, err := Call(t, x.Default, Args{})
			if err != nil {
				return nil, err
			}
			return d, x.Set(t, key, d)
		}
		if m := x.Type().Lookup("__missing__"); m != nil {
			return Call(t, bind(m, x, x.Type()), PosArgs(key))
		}
		return nil, KeyError(key)
	case Str:
		return strGetItem(t, x, key)
	case Bytes:
		if i, ok := AsInt64(key); ok {
			n := int64(len(x))
			if i < 0 {
				i += n
			}
			if i < 0 || i >= n {
				return nil, Errorf(IndexErrorClass, "index out of range")
			}
			return Int(x[i]), nil
		}
		if s, ok := key.(*Slice); ok {
			start, _, step, n, err := s.indices(t, int64(len(x)))
			if err != nil {
				return nil, err
			}
			out := make([]byte, 0, n)
			for i := int64(0); i < n; i++ {
				out = append(out, x[start+i*step])
			}
			return Bytes(out), nil
		}
		return nil, indexTypeError("byte", key)
	case *Range:
		if i, ok := AsInt64(key); ok {
			n := x.Len()
			if i < 0 {
				i += n
			}
			if i < 0 || i >= n {
				return nil, Errorf(IndexErrorClass, "range object index out of range")
			}
			return Int(x.Start + i*x.Step), nil
		}
		if s, ok := key.(*Slice); ok {
			start, stop, step, _, err := s.indices(t, x.Len())
			if err != nil {
				return nil, err
			}
			return &Range{Start: x.Start + start*x.Step, Stop: x.Start + stop*x.Step, Step: x.Step * step}, nil
		}
		return nil, Errorf(TypeErrorClass, "range indices must be integers or slices, not %s", typeName(key))
	case *Class:
		if m := x.Lookup("__class_getitem__"); m != nil {
			return Call(t, bindClass(m, x), PosArgs(key))
		}
		if x.isBuiltin {
			return x, nil // list[int] and friends: annotations only
		}
		return nil, Errorf(TypeErrorClass, "type '%s' is not subscriptable", x.Name)
	}
	if r, ok, err := callSpecial(t, v, "__getitem__", key); ok {
		return r, err
	}
	return nil, Errorf(TypeErrorClass, "'%s' object is not subscriptable", typeName(v))
}

func indexTypeError(kind string, key Value) *Exception {
	return Errorf(TypeErrorClass, "%s indices must be integers or slices, not %s", kind, typeName(key))
}

func strGetItem(t *Thread, s Str, key Value) (Value, error) {
	if i, ok := AsInt64(key); ok {
		if isASCII(string(s)) {
			n := int64(len(s))
			if i < 0 {
				i += n
			}
			if i < 0 || i >= n {
				return nil, Errorf(IndexErrorClass, "string index out of range")
			}
			return s[i : i+1], nil
		}
		rs := []rune(string(s))
		n := int64(len(rs))
		if i < 0 {
			i += n
		}
		if i < 0 || i >= n {
			return nil, Errorf(IndexErrorClass, "string index out of range")
		}
		return Str(string(rs[i])), nil
	}
	if sl, ok := key.(*Slice); ok {
		rs := []rune(string(s))
		start, _, step, n, err := sl.indices(t, int64(len(rs)))
		if err != nil {
			return nil, err
		}
		out := make([]rune, 0, n)
		for i := int64(0); i < n; i++ {
			out = append(out, rs[start+i*step])
		}
		return Str(string(out)), nil
	}
	return nil, Errorf(TypeErrorClass, "string indices must be integers, not '%s'", typeName(key))
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// indices resolves a slice against a sequence of length n, as
// slice.indices does, also returning the element count.
func (s *Slice) indices(t *Thread, n int64) (start, stop, step, count int64, err error) {
	step = 1
	if s.Step != None {
		st, err := sliceIndex(t, s.Step)
		if err != nil {
			return 0, 0, 0, 0, err
		}
		if st == 0 {
			return 0, 0, 0, 0, Errorf(ValueErrorClass, "slice step cannot be zero")
		}
		step = st
	}
	lower, upper := int64(0), n
	if step < 0 {
		lower, upper = -1, n-1
	}
	get := func(v Value, def int64) (int64, error) {
		if v == None {
			return def, nil
		}
		i, err := sliceIndex(t, v)
		if err != nil {
			return 0, err
		}
		if i < 0 {
			i += n
			if i < lower {
				i = lower
			}
		} else if i > upper {
			i = upper
		}
		return i, nil
	}
	if step > 0 {
		start, err = get(s.Start, lower)
		if err == nil {
			stop, err = get(s.Stop, upper)
		}
	} else {
		start, err = get(s.Start, upper)
		if err == nil {
			stop, err = get(s.Stop, lower)
		}
	}
	if err != nil {
		return 0, 0, 0, 0, err
	}
	if step > 0 && start < stop {
		count = (stop - start - 1 + step) / step
	} else if step < 0 && start > stop {
		count = (start - stop - 1 - step) / (-step)
	}
	return start, stop, step, count, nil
}

func sliceIndex(t *Thread, v Value) (int64, error) {
	if i, ok := AsInt64(v); ok {
		return i, nil
	}
	if b, ok := v.(*BigInt); ok {
		if b.b.Sign() < 0 {
			return -1 << 62, nil
		}
		return 1 << 62, nil
	}
	if r, ok, err := callSpecial(t, v, "__index__"); ok {
		if err != nil {
			return 0, err
		}
		if i, ok := AsInt64(r); ok {
			return i, nil
		}
	}
	return 0, Errorf(TypeErrorClass, "slice indices must be integers or None or have an __index__ method")
}

func sliceItems(t *Thread, items []Value, s *Slice) ([]Value, error) {
	start, _, step, n, err := s.indices(t, int64(len(items)))
	if err != nil {
		return nil, err
	}
	if err := t.Alloc(8 * n); err != nil {
		return nil, err
	}
	out := make([]Value, n)
	for i := int64(0); i < n; i++ {
		out[i] = items[start+i*step]
	}
	return out, nil
}

// SetItem performs v[key] = x.
func SetItem(t *Thread, v, key, x Value) error {
	if overridden(v, "__setitem__") {
		_, _, err := callSpecial(t, v, "__setitem__", key, x)
		return err
	}
	return setItemOf(t, v, key, x)
}

// setItemOf is SetItem as the value's own type does it (see getItem).
func setItemOf(t *Thread, v, key, x Value) error {
	switch c := v.(type) {
	case *List:
		if i, ok := AsInt64(key); ok {
			n := int64(len(c.Items))
			if i < 0 {
				i += n
			}
			if i < 0 || i >= n {
				return Errorf(IndexErrorClass, "list assignment index out of range")
			}
			c.Items[i] = x
			return nil
		}
		if s, ok := key.(*Slice); ok {
			return listSetSlice(t, c, s, x)
		}
		return indexTypeError("list", key)
	case *Dict:
		if err := t.Alloc(48); err != nil {
			return err
		}
		return c.Set(t, key, x)
	}
	if _, ok, err := callSpecial(t, v, "__setitem__", key, x); ok {
		return err
	}
	return Errorf(TypeErrorClass, "'%s' object does not support item assignment", typeName(v))
}

func listSetSlice(t *Thread, l *List, s *Slice, x Value) error {
	items, err := ToSlice(t, x)
	if err != nil {
		if isException(err, TypeErrorClass) {
			return Errorf(TypeErrorClass, "must assign iterable to extended slice")
		}
		return err
	}
	start, stop, step, n, err := s.indices(t, int64(len(l.Items)))
	if err != nil {
		return err
	}
	if step == 1 {
		if stop < start {
			stop = start
		}
		out := make([]Value, 0, len(l.Items)-int(stop-start)+len(items))
		out = append(out, l.Items[:start]...)
		out = append(out, items...)
		out = append(out, l.Items[stop:]...)
		l.Items = out
		return nil
	}
	if int64(len(items)) != n {
		return Errorf(ValueErrorClass, "attempt to assign sequence of size %d to extended slice of size %d", len(items), n)
	}
	for i := int64(0); i < n; i++ {
		l.Items[start+i*step] = items[i]
	}
	return nil
}

// DelItem performs del v[key].
func DelItem(t *Thread, v, key Value) error {
	if overridden(v, "__delitem__") {
		_, _, err := callSpecial(t, v, "__delitem__", key)
		return err
	}
	return delItem(t, v, key)
}

// delItem is DelItem as the value's own type does it: for a subclass of
// list or dict, list's or dict's, whatever the subclass overrides.
func delItem(t *Thread, v, key Value) error {
	switch c := v.(type) {
	case *List:
		if i, ok := AsInt64(key); ok {
			n := int64(len(c.Items))
			if i < 0 {
				i += n
			}
			if i < 0 || i >= n {
				return Errorf(IndexErrorClass, "list assignment index out of range")
			}
			c.Items = append(c.Items[:i:i], c.Items[i+1:]...)
			return nil
		}
		if s, ok := key.(*Slice); ok {
			start, _, step, n, err := s.indices(t, int64(len(c.Items)))
			if err != nil {
				return err
			}
			del := map[int64]bool{}
			for i := int64(0); i < n; i++ {
				del[start+i*step] = true
			}
			out := c.Items[:0:0]
			for i, e := range c.Items {
				if !del[int64(i)] {
					out = append(out, e)
				}
			}
			c.Items = out
			return nil
		}
		return indexTypeError("list", key)
	case *Dict:
		ok, err := c.Delete(t, key)
		if err != nil {
			return err
		}
		if !ok {
			return KeyError(key)
		}
		return nil
	}
	if _, ok, err := callSpecial(t, v, "__delitem__", key); ok {
		return err
	}
	return Errorf(TypeErrorClass, "'%s' object doesn't support item deletion", typeName(v))
}
