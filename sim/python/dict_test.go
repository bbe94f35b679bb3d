package python

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"testing"
	"unsafe"
)

// A small dict finds its str keys by scanning and a larger one through its
// index; whichever way a dict grows past scanStrs (a str key, another kind
// of key, Reserve) and whatever it lost on the way, every key stays found.
func TestDictFindsKeysAcrossSmallAndIndexed(t *testing.T) {
	fills := map[string]func(d *Dict, i int){
		"str keys":     func(d *Dict, i int) { d.SetStr(fmt.Sprint("k", i), Int(i)) },
		"int then str": func(d *Dict, i int) { d.Set(nil, Int(i), Int(i)); d.SetStr(fmt.Sprint("k", i), Int(i)) },
		"str then int": func(d *Dict, i int) { d.SetStr(fmt.Sprint("k", i), Int(i)); d.Set(nil, Int(i), Int(i)) },
		"reserved":     func(d *Dict, i int) { d.Reserve(3); d.SetStr(fmt.Sprint("k", i), Int(i)) },
	}
	for name, fill := range fills {
		for n := 1; n <= 2*scanStrs; n++ {
			d := NewDict()
			for i := 0; i < n; i++ {
				fill(d, i)
			}
			if ok, _ := d.Delete(nil, Str("k0")); !ok {
				t.Fatalf("%s, %d items: k0 not deleted", name, n)
			}
			for i := 0; i < n; i++ {
				v, ok := d.GetStr(fmt.Sprint("k", i))
				if want := i != 0; ok != want || ok && v != Int(i) {
					t.Errorf("%s, %d items: GetStr(k%d) = %v, %v; want Int(%d), %v", name, n, i, v, ok, i, want)
				}
			}
			if _, ok := d.GetStr("absent"); ok {
				t.Errorf("%s, %d items: found a key never set", name, n)
			}
			d.SetStr("k0", Int(-1))
			if v, ok, _ := d.Get(nil, Str("k0")); !ok || v != Int(-1) {
				t.Errorf("%s, %d items: k0 set again reads %v, %v", name, n, v, ok)
			}
		}
	}
}

// Only a dict that grew past scanStrs keeps an index of its str keys: a
// small one (an instance's attributes, a param group, a program's
// globals) costs no map.
func TestSmallDictHasNoIndex(t *testing.T) {
	d := NewDict()
	for i := 0; i < scanStrs; i++ {
		d.SetStr(fmt.Sprint("k", i), Int(i))
	}
	if d.strIdx != nil {
		t.Errorf("a dict of %d str keys built an index", scanStrs)
	}
	d.SetStr("one more", None)
	if len(d.strIdx) != scanStrs+1 {
		t.Errorf("past %d keys the index holds %d keys, want %d", scanStrs, len(d.strIdx), scanStrs+1)
	}
}

// A dict of many int keys that gets a str key later indexes it.
func TestDictStrKeyAfterManyInts(t *testing.T) {
	d := NewDict()
	for i := 0; i < 3*smallDict; i++ {
		d.Set(nil, Int(i), Int(i))
	}
	d.SetStr("late", True)
	if v, ok := d.GetStr("late"); !ok || v != True {
		t.Errorf("GetStr(late) = %v, %v; want True, true", v, ok)
	}
}

var dictSink *Dict

// A dict's keys and values share one allocation that doubles as the dict
// grows: filling a dict of eight items
// costs the dict and three allocations (room for 2, 4, then 8 items), and
// appending to one half never writes into the other.
func TestDictKeysAndValuesShareStorage(t *testing.T) {
	keys := make([]Value, 3*smallDict)
	for i := range keys {
		keys[i] = Str(fmt.Sprint("k", i))
	}
	allocs := testing.AllocsPerRun(100, func() {
		d := NewDict()
		for _, k := range keys[:8] {
			d.Set(nil, k, None)
		}
		dictSink = d
	})
	if allocs != 4 {
		t.Errorf("a dict of 8 str items took %v allocations, want 4", allocs)
	}
	for n := 0; n <= len(keys); n++ {
		d := NewDict()
		for i, k := range keys[:n] {
			d.Set(nil, k, Int(i))
			d.Set(nil, Int(i), Int(-i))
		}
		ks, vs := d.Items()
		if len(ks) != 2*n || len(vs) != 2*n {
			t.Fatalf("%d pairs: Items gave %d keys and %d values", n, len(ks), len(vs))
		}
		ks = append(ks, Str("extra"))
		for i, k := range keys[:n] {
			if vs[2*i] != Int(i) || vs[2*i+1] != Int(-i) {
				t.Fatalf("%d pairs: values %v after appending a key", n, vs)
			}
			if v, ok := d.GetStr(string(k.(Str))); !ok || v != Int(i) {
				t.Fatalf("%d pairs: %s reads %v, %v", n, k, v, ok)
			}
			if v, ok, _ := d.Get(nil, Int(i)); !ok || v != Int(-i) {
				t.Fatalf("%d pairs: %d reads %v, %v", n, i, v, ok)
			}
		}
	}
}

var objectSink *Object

// An instance's attribute dict is part of the instance: making one and
// setting an attribute costs the instance and the dict's storage, and two
// instances never share attributes.
func TestObjectCarriesItsAttributeDict(t *testing.T) {
	allocs := testing.AllocsPerRun(100, func() {
		o := &Object{}
		o.Init(ObjectClass)
		o.Dict().SetStr("a", None)
		objectSink = o
	})
	if allocs != 2 {
		t.Errorf("an instance with one attribute took %v allocations, want 2", allocs)
	}
	a, b := &Object{}, &Object{}
	a.Init(ObjectClass)
	b.Init(ObjectClass)
	a.Dict().SetStr("x", Int(1))
	if _, ok := b.Dict().GetStr("x"); ok || a.Dict() == b.Dict() {
		t.Errorf("two instances share an attribute dict")
	}
}

// Int keys (with the bools and integral floats equal to them) and objects
// hashed by identity are found by testing the slots that hold them while
// a dict is small, and through a map once one lands past smallDict;
// deleting and setting again works either way.
func TestDictFindsIntAndIdentityKeysAcrossSmallAndIndexed(t *testing.T) {
	objs := make([]Value, 3*smallDict)
	for i := range objs {
		o := &Object{}
		o.Init(ObjectClass)
		objs[i] = o
	}
	for n := 1; n <= 3*smallDict; n++ {
		d := NewDict()
		for i := 0; i < n; i++ {
			d.Set(nil, Int(i), Int(i))
			d.Set(nil, objs[i], Int(-i))
			d.SetStr(fmt.Sprint("k", i), Str("s"))
		}
		d.Delete(nil, Int(0))
		d.Delete(nil, objs[0])
		for i := 0; i < n; i++ {
			v, ok, _ := d.Get(nil, Float(i))
			if want := i != 0; ok != want || ok && v != Int(i) {
				t.Errorf("%d items: d[%d.0] = %v, %v; want %d, %v", n, i, v, ok, i, want)
			}
			v, ok, _ = d.Get(nil, objs[i])
			if want := i != 0; ok != want || ok && v != Int(-i) {
				t.Errorf("%d items: d[objs[%d]] = %v, %v; want %d, %v", n, i, v, ok, -i, want)
			}
		}
		if v, ok, _ := d.Get(nil, True); ok != (n > 1) || ok && v != Int(1) {
			t.Errorf("%d items: d[True] = %v, %v", n, v, ok)
		}
		if _, ok, _ := d.Get(nil, objs[len(objs)-1]); ok && n < len(objs) {
			t.Errorf("%d items: found an object never set", n)
		}
		d.Set(nil, False, Str("zero"))
		d.Set(nil, objs[0], Str("first"))
		if v, _, _ := d.Get(nil, Int(0)); v != Str("zero") {
			t.Errorf("%d items: 0 set again (as False) reads %v", n, v)
		}
		if v, _, _ := d.Get(nil, objs[0]); v != Str("first") {
			t.Errorf("%d items: objs[0] set again reads %v", n, v)
		}
		if d.Len() != 3*n {
			t.Errorf("%d items: Len() = %d, want %d", n, d.Len(), 3*n)
		}
	}
}

// A small dict keyed by ints or objects (a state_dict's "state", an
// optimizer's state keyed by tensors) costs no map.
func TestSmallDictOfIntsAndObjectsHasNoMap(t *testing.T) {
	d := NewDict()
	o := &Object{}
	o.Init(ObjectClass)
	d.Set(nil, Int(0), None)
	d.Set(nil, Int(1), None)
	d.Set(nil, o, None)
	if d.ext != nil {
		t.Errorf("a dict of three keys made a map")
	}
}

// Clearing a dict drops every kind of key and keeps what is not an item:
// a subclass instance's attributes and a state_dict's metadata. A copy
// carries neither.
func TestDictClearKeepsAttributesAndMetadata(t *testing.T) {
	cls := NewClass("MyDict", DictClass)
	cls.isBuiltin = false // as if the learner had defined it
	d := &Dict{Class: cls}
	d.Dict().SetStr("note", Str("kept"))
	meta := NewDict()
	d.SetMetadata(meta)
	keys := []Value{Str("s"), Int(1), Tuple{Int(1), Int(2)}, Float(0.5), None}
	for _, k := range keys {
		d.Set(nil, k, True)
	}
	if c := d.Copy(); c.Metadata() != nil || c.Len() != len(keys) {
		t.Errorf("a copy has metadata %v and %d items", c.Metadata(), c.Len())
	}
	d.Clear()
	for _, k := range keys {
		if _, ok, _ := d.Get(nil, k); ok {
			t.Errorf("after Clear, %v is still found", k)
		}
	}
	if v, _ := d.Dict().GetStr("note"); v != Str("kept") || d.Metadata() != meta {
		t.Errorf("after Clear, attribute note = %v and metadata %p, want kept and %p", v, d.Metadata(), meta)
	}
	d.Set(nil, Tuple{Int(1), Int(2)}, False)
	if v, ok, _ := d.Get(nil, Tuple{Int(1), Int(2)}); !ok || v != False {
		t.Errorf("a tuple key set after Clear reads %v, %v", v, ok)
	}
}

// All yields what Items returns, in the same order, without allocating.
func TestDictAllYieldsItemsWithoutCopies(t *testing.T) {
	d := NewDict()
	for i := 0; i < 3*smallDict; i++ {
		d.Set(nil, Int(i), Int(-i))
		d.SetStr(fmt.Sprint("k", i), Int(i))
	}
	d.Delete(nil, Int(3))
	keys, vals := d.Items()
	i := 0
	for k, v := range d.All() {
		if k != keys[i] || v != vals[i] {
			t.Fatalf("item %d: All yields %v: %v, Items has %v: %v", i, k, v, keys[i], vals[i])
		}
		i++
	}
	if i != len(keys) {
		t.Errorf("All yielded %d items, Items %d", i, len(keys))
	}
	var sum int64
	allocs := testing.AllocsPerRun(100, func() {
		for _, v := range d.All() {
			if n, ok := v.(Int); ok {
				sum += int64(n)
			}
		}
	})
	if allocs != 0 {
		t.Errorf("ranging over All made %v allocations", allocs)
	}
}

// A fresh __main__ borrows its template until the program's first global,
// and then makes room for every name the program binds at module level at
// once, instead of growing as they come.
func TestMainModuleMakesRoomForTheProgramsGlobals(t *testing.T) {
	m := NewMainModule()
	before := m.dict.Len()
	prog, err := Parse("import math\na = 1\nb = 2\ndef f(): pass\nfor i in range(3): c = i\nclass K: pass\nd, e = 1, 2\nf2 = g = 3\n")
	if err != nil {
		t.Fatal(err)
	}
	th := NewThread(context.Background(), io.Discard, io.Discard, nil, Limits{})
	defer th.Close()
	if err := th.ExecProgram(m, prog); err != nil {
		t.Fatal(FormatError(th, err))
	}
	const bound = 11 // math a b f i c K d e f2 g
	if got := m.dict.Len(); got != before+bound {
		t.Fatalf("__main__ has %d names, want %d", got, before+bound)
	}
	if c := cap(m.dict.keys); c != before+bound {
		t.Errorf("__main__'s storage has room for %d items, want exactly %d", c, before+bound)
	}
}

// A dict filled from a template by ShareKeys reads as the template's keys
// with the given values, and changing it, a value or a key, leaves the
// template as it was.
func TestDictShareKeys(t *testing.T) {
	tmpl := NewDict()
	for _, k := range []string{"lr", "momentum", "params"} {
		tmpl.SetStr(k, None)
	}
	d := NewDict()
	d.ShareKeys(tmpl, []Value{Float(0.1), Int(0), Int(7)})
	for k, want := range map[string]Value{"lr": Float(0.1), "momentum": Int(0), "params": Int(7)} {
		if v, ok := d.GetStr(k); !ok || v != want {
			t.Errorf("GetStr(%s) = %v, %v; want %v", k, v, ok, want)
		}
	}
	d.SetStr("lr", Float(0.5))
	d.SetStr("extra", True)
	d.Delete(nil, Str("momentum"))
	if tmpl.Len() != 3 {
		t.Fatalf("the template has %d keys, want 3", tmpl.Len())
	}
	for _, k := range []string{"lr", "momentum", "params"} {
		if v, ok := tmpl.GetStr(k); !ok || v != None {
			t.Errorf("template[%s] = %v, %v; want None", k, v, ok)
		}
	}
	if keys := d.Keys(); len(keys) != 3 || keys[0] != Str("lr") || keys[1] != Str("params") || keys[2] != Str("extra") {
		t.Errorf("keys after the changes = %v; want [lr params extra]", keys)
	}
	// Values that do not match the template's keys fill what they can.
	d.ShareKeys(tmpl, []Value{Int(1)})
	if v, ok := d.GetStr("lr"); d.Len() != 1 || !ok || v != Int(1) {
		t.Errorf("a short fill has %d items, lr = %v", d.Len(), v)
	}
	// A template with a hole (a deleted key) pairs the j-th value with
	// its j-th key.
	holed := NewDict()
	for _, k := range []string{"gone", "lr", "momentum"} {
		holed.SetStr(k, None)
	}
	holed.Delete(nil, Str("gone"))
	d.ShareKeys(holed, []Value{Float(0.1), Int(0)})
	if lr, _ := d.GetStr("lr"); d.Len() != 2 || lr != Float(0.1) {
		t.Errorf("filled from a template with a hole: %d items, lr = %v; want 2, 0.1", d.Len(), lr)
	}
}

// A dict fits the allocator's 112-byte size class, and an instance (its
// class, dict pointer and attribute dict) the 128-byte one: every state_dict,
// param group and object costs no more.
func TestDictSizeClass(t *testing.T) {
	if n := unsafe.Sizeof(Dict{}); n > 112 {
		t.Errorf("a Dict takes %d bytes, want at most 112", n)
	}
	if n := unsafe.Sizeof(Object{}); n > 128 {
		t.Errorf("an Object takes %d bytes, want at most 128", n)
	}
}

// GetStrAt finds a key wherever its hint points, even out of range, and
// moves the hint to the key's slot.
func TestDictGetStrAtMovesItsHint(t *testing.T) {
	d := NewDict()
	for i, k := range []string{"params", "lr", "momentum"} {
		d.SetStr(k, Int(i))
	}
	for _, start := range []int{2, 0, -1, 99} {
		hint := start
		if v, ok := d.GetStrAt("momentum", &hint); !ok || v != Int(2) || hint != 2 {
			t.Errorf("from hint %d: GetStrAt(momentum) = %v, %v, hint %d; want 2, true, 2", start, v, ok, hint)
		}
	}
	hint := 1
	if _, ok := d.GetStrAt("absent", &hint); ok || hint != 1 {
		t.Errorf("GetStrAt(absent) found it or moved the hint to %d", hint)
	}
}

// Storing globals finds a name new without scanning the globals (through
// the thread's strFilter) only while no other path has added or removed a
// key since: names set through globals(), exec or del are found again,
// never added twice.
func TestGlobalStoresSeeKeysAddedElsewhere(t *testing.T) {
	src := `a = 1
globals()['b'] = 2
b = 3
del a
a = 4
exec('c = 5')
c = 6
g = globals()
g['d'] = 7
d = 8
for i in range(20):
    globals()['k%d' % i] = i
k3 = 33
e = 9
names = [k for k in globals() if not k.startswith('__')]
print(names)
print(a, b, c, d, e, k3, len(names) == len(set(names)))
`
	var out bytes.Buffer
	th := NewThread(context.Background(), &out, &out, nil, Limits{})
	defer th.Close()
	if err := th.Exec(NewMainModule(), src); err != nil {
		t.Fatal(FormatError(th, err))
	}
	want := "['b', 'a', 'c', 'g', 'd', 'i', 'k0', 'k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7', 'k8', 'k9', 'k10', 'k11', 'k12', 'k13', 'k14', 'k15', 'k16', 'k17', 'k18', 'k19', 'e']\n4 3 6 8 9 33 True\n"
	if out.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", out.String(), want)
	}
}

// A filter shows absent only keys the dict lacks: whatever the keys, a
// key of the dict has its bit set.
func TestStrFilterHasEveryKey(t *testing.T) {
	d := NewDict()
	var f strFilter
	for i := 0; i < scanStrs; i++ {
		k := strings.Repeat("x", i%5) + string(rune('a'+i))
		d.setStrAtFiltered(0, k, Str(k), Int(i), &f)
		if got := d.setStrAtFiltered(0, k, Str(k), Int(i+100), &f); d.Len() != i+1 || d.vals[got] != Int(i+100) {
			t.Fatalf("storing %q again: %d items, slot %d holds %v", k, d.Len(), got, d.vals[got])
		}
	}
	f.fill(d)
	for _, k := range d.keys {
		if f.bits&strBit(string(k.(Str))) == 0 {
			t.Errorf("the filter lacks %q", k)
		}
	}
}

// A builtin's name is looked up in the globals first, however the global
// that shadows it was set: the filter of the globals' keys tells a name
// absent only while it holds.
func TestGlobalsShadowBuiltins(t *testing.T) {
	src := `a = 1
print(len([1]))
len = lambda x: 42
print(len([1]))
globals()['abs'] = lambda x: 'shadowed'
print(abs(-1))
del len
print(len([1]))
exec("max = min")
print(max(1, 2))
`
	var out bytes.Buffer
	th := NewThread(context.Background(), &out, &out, nil, Limits{})
	defer th.Close()
	if err := th.Exec(NewMainModule(), src); err != nil {
		t.Fatal(FormatError(th, err))
	}
	if want := "1\n42\nshadowed\n1\n1\n"; out.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", out.String(), want)
	}
}
