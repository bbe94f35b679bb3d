package torch

import (
	"math"
	"strconv"
	"strings"
	"sync"

	"github.com/ckptlab/ckptlab/sim/python"
	"github.com/ckptlab/ckptlab/sim/python/pyfmt"
	"github.com/ckptlab/ckptlab/sim/torch/tensor"
	"github.com/ckptlab/ckptlab/sim/torch/tensorfmt"
)

// The timeline of a run: the checkpoint-relevant things it did, in order,
// each with its source line. A Recorder is attached to the thread of the
// block being run (never to replayed history, which is silent); the torch
// methods call the observe* wrappers below, which cost one map lookup when
// nothing records.

// Event kinds.
const (
	EventInPlace       = "inplace"         // a tensor method changed values in place (fill_, zero_, copy_, ...)
	EventStep          = "step"            // optimizer.step()
	EventSave          = "save"            // torch.save
	EventLoad          = "load"            // torch.load
	EventLoadStateDict = "load_state_dict" // module or optimizer load_state_dict
	EventError         = "error"           // the uncaught exception that ended the run
)

// MaxEvents bounds a run's timeline; later events are counted, not kept, so
// a long training loop cannot fill memory.
const MaxEvents = 200

// An Event is one entry of the timeline.
type Event struct {
	Kind    string       `json:"kind"`
	Line    int          `json:"line"`
	Count   int          `json:"count"`   // how many identical consecutive events it stands for (a loop)
	Text    string       `json:"text"`    // what happened, as a sentence
	Targets []string     `json:"targets"` // the names of what changed: "model.weight", "optimizer"
	File    string       `json:"file,omitempty"`
	Size    int          `json:"size,omitempty"`
	Holds   string       `json:"holds,omitempty"` // what a saved or loaded file holds
	Values  []NamedValue `json:"values"`          // the values of the targets just after the event
}

// A record is an event while the run goes on: the fields of the Event it
// becomes, and what naming and printing it when the run ends needs, which
// the Event handed out does not carry.
type record struct {
	Kind  string
	Line  int
	Count int
	Text  string
	File  string
	Size  int
	Holds string

	op      string
	tensors []captured     // tensors changed, named when the run ends
	objects []python.Value // modules and optimizers involved, named when the run ends
	sealed  bool           // the values of tensors are printed

	// Room for the lists above in most events (a layer's weight and bias,
	// its optimizer).
	tensorBuf [2]captured
	objectBuf [1]python.Value
}

// captured is a tensor an event changed: its storage, the tensor over it
// to print when the event is sealed, and then its value as printed.
type captured struct {
	st   *tensor.Storage
	live *Tensor
	snap string
}

// newRecord returns an event of kind on line for op, involving object
// when it is not nil. It is carved from the recorder's slabs.
func (r *Recorder) newRecord(kind string, line int, op string, object python.Value) *record {
	s := r.slab
	if s == nil || s.n == len(s.records) {
		full := s
		s = slabPool.Get().(*recordSlab)
		s.full = full
		r.slab = s
	}
	e := &s.records[s.n] // zero: see release
	s.n++
	e.Kind, e.Line, e.op = kind, line, op
	if object != nil {
		e.objects = append(e.objectBuf[:0], object)
	}
	return e
}

// A recordSlab is room for the records of a run; a run takes one from
// slabPool when it records its first event, and another each time the
// last is full. Its records are zero until newRecord hands them out.
type recordSlab struct {
	records [8]record
	n       int         // records handed out
	full    *recordSlab // the run's slab before this one, full
}

// slabPool holds the slabs of finished runs (see release), which the
// next runs' events reuse: a run's records are garbage once its timeline
// is made, and most runs make a few.
var slabPool = sync.Pool{New: func() any { return new(recordSlab) }}

// discard gives back e, a record folded into the last event or dropped,
// which no one refers to any more. Its place is reused when it is the
// last record made, as it is unless learner code run since (a file
// argument's __str__) recorded events of its own.
func (r *Recorder) discard(e *record) {
	if s := r.slab; s != nil && s.n > 0 && &s.records[s.n-1] == e {
		*e = record{}
		s.n--
	}
}

// release gives the run's slabs back to slabPool, holding nothing: no one
// refers to their records any more.
func (r *Recorder) release() {
	for s := r.slab; s != nil; {
		full := s.full
		clear(s.records[:s.n])
		s.n, s.full = 0, nil
		slabPool.Put(s)
		s = full
	}
	r.slab = nil
}

// capture records t's storage as changed. Its value is printed when the
// event is sealed (the next different event, or the end of the run), so a
// loop that repeats the event prints the tensor once, not every time.
func (e *record) capture(t *Tensor) {
	st := t.T.Storage()
	for i := range e.tensors {
		if e.tensors[i].st == st {
			e.tensors[i].live = t
			return
		}
	}
	if e.tensors == nil {
		e.tensors = e.tensorBuf[:0]
	}
	e.tensors = append(e.tensors, captured{st: st, live: t})
}

// holds reports whether t is the tensor e captured i-th, which capture
// would find and leave as it is.
func (e *record) holds(i int, t *Tensor) bool {
	return i < len(e.tensors) && e.tensors[i].live == t && e.tensors[i].st == t.T.Storage()
}

// seal prints the values of the event's tensors as they are now, into
// text; names is the views' printer once the run is over, nil while it
// runs.
func (e *record) seal(th *python.Thread, text *textArena, names *Names) {
	if e.sealed {
		return
	}
	e.sealed = true
	for i := range e.tensors {
		c := &e.tensors[i]
		if names != nil {
			c.snap = clip(names.print(th, c.live))
		} else {
			c.snap = clip(text.printTensor(th, c.live))
		}
		c.live = nil
	}
}

// A NamedValue is a name and its value as PyTorch prints it.
type NamedValue struct {
	Name string `json:"name"`
	Repr string `json:"repr"`
}

// A Recorder collects one run's events.
type Recorder struct {
	th      *python.Thread
	events  []*record
	Dropped int // events past MaxEvents

	// text holds the texts of the events and, once the run is over, of
	// the state view.
	text textArena

	// The arguments of the last event's in-place call, when its text was
	// written from them and scalarsOK (see keepScalars).
	scalars   []python.Value
	scalarsOK bool
	slab      *recordSlab // where the run's records are carved from
	eventBuf  [7]*record  // room for the events of most runs (7 keeps a Recorder in the 192-byte size class)
	scalarBuf [1]python.Value
}

const recorderKey = "torch.recorder"

// Record attaches a new recorder to th: torch events of th from now on go
// to it.
func Record(th *python.Thread) *Recorder {
	r := &Recorder{th: th}
	r.events = r.eventBuf[:0]
	th.SetLocal(recorderKey, r)
	return r
}

func recorder(th *python.Thread) *Recorder {
	r, _ := th.Local(recorderKey).(*Recorder)
	return r
}

// repeated returns the last event when an event of this kind, line,
// operation and file would fold into it (see add), else nil. Loops call
// the same method on the same line many times: the callers fold their
// event into this one in place instead of making one to fold.
func (r *Recorder) repeated(kind string, line int, op, file string) *record {
	if n := len(r.events); n > 0 {
		last := r.events[n-1]
		if last.Kind == kind && last.Line == line && last.op == op && last.File == file && kind != EventSave && kind != EventLoad {
			return last
		}
	}
	return nil
}

// add appends e, folding it into the previous event when it repeats it (the
// same operation on the same line, as in a loop over parameters or steps),
// and reports whether e is the last event now: not folded, nor dropped. A
// record folded or dropped is discarded: the caller must not use e again.
func (r *Recorder) add(e *record) bool {
	if n := len(r.events); n > 0 {
		last := r.events[n-1]
		if last == r.repeated(e.Kind, e.Line, e.op, e.File) {
			last.Count++
			for _, c := range e.tensors {
				last.capture(c.live)
			}
			last.objects = appendNew(last.objects, e.objects...)
			last.Text = e.Text
			r.discard(e)
			return false
		}
	}
	if len(r.events) >= MaxEvents {
		r.Dropped++
		r.discard(e)
		return false
	}
	if n := len(r.events); n > 0 {
		r.events[n-1].seal(r.th, &r.text, nil)
	}
	e.Count = 1
	r.events = append(r.events, e)
	r.scalarsOK = false // the last event's
	return true
}

func appendNew[T comparable](list []T, more ...T) []T {
outer:
	for _, m := range more {
		for _, x := range list {
			if x == m {
				continue outer
			}
		}
		list = append(list, m)
	}
	return list
}

// inPlaceMethods are the tensor methods that change values in place.
var inPlaceMethods = map[string]bool{
	"fill_": true, "zero_": true, "copy_": true, "add_": true, "sub_": true, "mul_": true, "div_": true,
	"pow_": true, "uniform_": true, "normal_": true, "clamp_": true, "neg_": true, "abs_": true,
	"sqrt_": true, "exp_": true, "log_": true, "mul": false,
	"__iadd__": true, "__isub__": true, "__imul__": true, "__itruediv__": true, "__ipow__": true,
	"__setitem__": true,
}

// observeTensorMethod runs a tensor method that changes values in place
// (one of inPlaceMethods: def wraps no other) and records it.
func observeTensorMethod(th *python.Thread, name string, x *Tensor, args python.Args, fn method) (python.Value, error) {
	r := recorder(th)
	if r == nil {
		return fn(th, x, args)
	}
	v, err := fn(th, x, args)
	if err != nil || v == python.NotImplemented {
		return v, err
	}
	line := th.Line()
	// A loop calls the method with the same numbers every time: the text
	// it would write again is the one the event has.
	if last := r.repeated(EventInPlace, line, name, ""); last != nil && r.sameScalars(args) {
		last.Count++ // as add would fold the event
		last.capture(x)
		return v, nil
	}
	// Writing the text may run learner code (an argument's __repr__), which
	// may record events itself: look for the event to fold into after it.
	var stack [128]byte
	text := appendCall(stack[:0], th, name, args)
	if last := r.repeated(EventInPlace, line, name, ""); last != nil {
		last.Count++
		last.capture(x)
		last.Text = string(text) // not in the arena: a loop may write many
		r.keepScalars(args)
		return v, nil
	}
	e := r.newRecord(EventInPlace, line, name, nil)
	e.Text = r.text.string(text)
	e.capture(x)
	if r.add(e) {
		r.keepScalars(args)
	}
	return v, nil
}

// keepScalars remembers the arguments the last event's text was written
// from when they are all numbers, strings or None, whose text cannot
// change and whose repr runs no learner code.
func (r *Recorder) keepScalars(args python.Args) {
	r.scalars = r.scalars[:0]
	r.scalarsOK = false
	if len(args.Kw) > 0 {
		return
	}
	for _, a := range args.Pos {
		switch a.(type) {
		case python.Int, python.Float, python.Bool, python.Str, python.NoneType:
		default:
			return
		}
	}
	if r.scalars == nil {
		r.scalars = r.scalarBuf[:0]
	}
	r.scalars = append(r.scalars, args.Pos...) // a copy: args.Pos is the caller's
	r.scalarsOK = true
}

// sameScalars reports whether args are the kept scalars, so that the text
// written from them would be the last event's text. Floats compare by
// their bits: 0.0 and -0.0 print differently.
func (r *Recorder) sameScalars(args python.Args) bool {
	if !r.scalarsOK || len(args.Kw) > 0 || len(args.Pos) != len(r.scalars) {
		return false
	}
	for i, a := range args.Pos {
		switch x := a.(type) {
		case python.Float:
			y, ok := r.scalars[i].(python.Float)
			if !ok || math.Float64bits(float64(x)) != math.Float64bits(float64(y)) {
				return false
			}
		case python.Int, python.Bool, python.Str, python.NoneType:
			if a != r.scalars[i] {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// observeOptimizerMethod records step and load_state_dict.
func observeOptimizerMethod(th *python.Thread, name string, o *Optimizer, args python.Args, fn func(*python.Thread, *Optimizer, python.Args) (python.Value, error)) (python.Value, error) {
	r := recorder(th)
	if r == nil || (name != "step" && name != "load_state_dict") {
		return fn(th, o, args)
	}
	v, err := fn(th, o, args)
	if err != nil {
		return v, err
	}
	line := th.Line()
	if last := r.repeated(EventStep, line, name, ""); name == "step" && last != nil {
		last.Count++ // as add would fold the event
		last.objects = appendNew(last.objects, python.Value(o))
		// A training loop steps the same parameters every time: each is
		// where the last step put it, and capturing it again would change
		// nothing.
		i := 0
		o.eachParam(func(t *Tensor) {
			if !last.holds(i, t) {
				last.capture(t)
			}
			i++
		})
		return v, nil
	}
	var e *record
	if name == "step" {
		e = r.newRecord(EventStep, line, name, o)
		e.Text = "step()"
		o.eachParam(e.capture)
	} else {
		e = r.newRecord(EventLoadStateDict, line, name, o)
		e.Text = "load_state_dict(...)"
		e.Holds = describeOptimizerState(&r.text, o)
	}
	r.add(e)
	return v, nil
}

// eachParam calls fn with each tensor of the optimizer's param groups,
// found where the optimizer's step finds their "params" (groupValue).
func (o *Optimizer) eachParam(fn func(*Tensor)) {
	for _, gv := range o.groups.Items {
		g, ok := gv.(*python.Dict)
		if !ok {
			continue
		}
		if pl, ok := groupValue(g, "params", &o.at.params); ok {
			if l, ok := pl.(*python.List); ok {
				for _, p := range l.Items {
					if t, ok := p.(*Tensor); ok {
						fn(t)
					}
				}
			}
		}
	}
}

// observeModuleMethod records load_state_dict: which keys, what changed.
func observeModuleMethod(th *python.Thread, name string, m *Module, args python.Args, fn func(*python.Thread, *Module, python.Args) (python.Value, error)) (python.Value, error) {
	r := recorder(th)
	if r == nil || name != "load_state_dict" {
		return fn(th, m, args)
	}
	// The values of the entries before loading, one after the other:
	// those of before[i] are flat[at[i]:at[i+1]].
	var beforeBuf, afterBuf [4]namedValue // a layer's, and a little more
	before := m.appendStateEntries(beforeBuf[:0])
	at := make([]int, len(before)+1)
	n := 0
	for i, e := range before {
		at[i] = n
		if t, ok := e.v.(*Tensor); ok {
			n += t.T.Numel()
		}
	}
	at[len(before)] = n
	flat := make([]float64, 0, n)
	for _, e := range before {
		if t, ok := e.v.(*Tensor); ok {
			flat = append(flat, readValues(t.T)...)
		}
	}
	// valuesBefore is before's values of the entry named name, nil when
	// it had none; entries keep their order, so i is usually its index.
	valuesBefore := func(i int, name string) []float64 {
		if i < len(before) && before[i].name == name {
			return flat[at[i]:at[i+1]]
		}
		for j, e := range before {
			if e.name == name {
				return flat[at[j]:at[j+1]]
			}
		}
		return nil
	}
	v, err := fn(th, m, args)
	if err != nil {
		return v, err
	}
	e := r.newRecord(EventLoadStateDict, th.Line(), name, m)
	var changedBuf [128]byte
	changed := changedBuf[:0] // the names of the entries whose values changed, joined
	keys := 0
	for i, se := range m.appendStateEntries(afterBuf[:0]) {
		keys++
		if !sameValues(se.v, valuesBefore(i, se.name)) {
			if len(changed) > 0 {
				changed = append(changed, ", "...)
			}
			changed = append(changed, se.name...)
		}
		if t, ok := se.v.(*Tensor); ok {
			e.capture(t)
		}
	}
	b := append(r.text.room(), "load_state_dict: "...)
	b = appendCount(b, "", keys, "key", "keys")
	b = append(b, " loaded"...)
	if len(changed) == 0 {
		b = append(b, ", no value changed"...)
	} else {
		b = append(b, "; changed: "...)
		b = append(b, changed...)
	}
	e.Text = r.text.keep(b)
	r.add(e)
	return v, nil
}

// readValues is a tensor's values in order, in its storage when it is
// contiguous: the caller only reads them, before anything changes them.
func readValues(t *tensor.Tensor) []float64 {
	if t.IsContiguous() {
		return t.Storage().Data[t.Offset() : t.Offset()+t.Numel()]
	}
	return t.Values()
}

// sameValues reports whether v is a tensor holding the values before, in
// order, or is no tensor and before is empty: whether loading left it as
// it was. Values compare with ==, so a NaN always changed.
func sameValues(v python.Value, before []float64) bool {
	t, ok := v.(*Tensor)
	if !ok {
		return len(before) == 0
	}
	n := t.T.Numel()
	if n != len(before) {
		return false
	}
	for i, x := range readValues(t.T) {
		if x != before[i] {
			return false
		}
	}
	return true
}

// observeSave wraps torch.save to record the file and what it holds.
func observeSave(fn func(*python.Thread, python.Args) (python.Value, int, error)) func(*python.Thread, python.Args) (python.Value, error) {
	return func(th *python.Thread, args python.Args) (python.Value, error) {
		v, size, err := fn(th, args)
		r := recorder(th)
		if r == nil || err != nil || len(args.Pos) == 0 {
			return v, err
		}
		e := r.newRecord(EventSave, th.Line(), "save", nil)
		e.Holds = r.text.describe(args.Pos[0])
		e.File, e.Size = fileArg(th, args, 1, "f", size) // its text, "saved to FILE", is written at the end
		r.add(e)
		return v, err
	}
}

// observeLoad wraps torch.load to record the file and what came out of it.
func observeLoad(fn func(*python.Thread, python.Args) (python.Value, int, error)) func(*python.Thread, python.Args) (python.Value, error) {
	return func(th *python.Thread, args python.Args) (python.Value, error) {
		v, size, err := fn(th, args)
		r := recorder(th)
		if r == nil || err != nil {
			return v, err
		}
		e := r.newRecord(EventLoad, th.Line(), "load", nil)
		e.Holds = r.text.describe(v)
		e.File, e.Size = fileArg(th, args, 0, "f", size) // its text, "loaded FILE", is written at the end
		r.add(e)
		return v, err
	}
}

// fileArg is the file name argument of torch.save/load and its size in the
// workspace, or "" when it was not a plain path. A plain path is the file
// that was written or read, of the size given; any other argument is named
// by its str(), and the workspace says the size of that name.
func fileArg(th *python.Thread, args python.Args, pos int, kw string, size int) (string, int) {
	var f python.Value
	if len(args.Pos) > pos {
		f = args.Pos[pos]
	}
	for _, k := range args.Kw {
		if k.Name == kw {
			f = k.Value
		}
	}
	if s, ok := f.(python.Str); ok {
		return string(s), size
	}
	if f == nil {
		return "", 0
	}
	str, err := python.ToStr(th, f)
	if err != nil {
		return "", 0
	}
	n, _ := th.Workspace().Size(str)
	return str, int(n)
}

// appendCall appends a call as the learner wrote it: "fill_(1.0)".
func appendCall(b []byte, th *python.Thread, name string, args python.Args) []byte {
	b = append(b, name...)
	b = append(b, '(')
	for i, a := range args.Pos {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = appendShort(b, th, a)
	}
	for i, k := range args.Kw {
		if i > 0 || len(args.Pos) > 0 {
			b = append(b, ", "...)
		}
		b = append(b, k.Name...)
		b = append(b, '=')
		b = appendShort(b, th, k.Value)
	}
	return append(b, ')')
}

// appendShort appends an argument's text: a tensor's shape, or the repr
// of anything else cut at 40 bytes.
func appendShort(b []byte, th *python.Thread, v python.Value) []byte {
	switch x := v.(type) {
	case *Tensor:
		b = append(b, "tensor of shape "...)
		return tensorfmt.AppendShape(b, x.T.Shape())
	case python.Int:
		return strconv.AppendInt(b, int64(x), 10) // at most 20 bytes
	case python.Float:
		return pyfmt.AppendFloatRepr(b, float64(x)) // at most 24 bytes
	}
	s := printed(th, v)
	if len(s) > 40 {
		return append(append(b, s[:37]...), "..."...)
	}
	return append(b, s...)
}

// printTensor is printed for a tensor, its text kept in the arena, or,
// for a small one, the text reprMemo shares. The classes of plain tensors
// and parameters are frozen, so their __repr__ is tensorRepr, called here
// without the boxing of a call.
func (a *textArena) printTensor(th *python.Thread, t *Tensor) string {
	if t.cls != TensorClass && t.cls != ParameterClass {
		return printed(th, t)
	}
	if a.print == nil {
		a.print = &rt(th).print
	}
	var k reprKey
	if !k.set(t, a.print) {
		return a.keep(appendTensorRepr(a.room(), th, t)) // it runs no Python
	}
	h := k.hash()
	if s, ok := lookUpRepr(&k, h); ok {
		return s
	}
	s := string(appendTensorRepr(a.room(), th, t)) // the memo's own copy
	if len(s) <= maxMemoText {
		rememberRepr(&k, h, s)
	}
	return s
}

// printed is v's repr as PyTorch prints it, or a placeholder when printing
// fails (the run's budget is spent).
func printed(th *python.Thread, v python.Value) string {
	s, err := python.Repr(th, v)
	if err != nil {
		return "<" + v.Type().Name + ">"
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// timeline returns the recorded events with their targets named, and end
// after them when it is not nil: names maps the storages of named tensors
// and the identity of named modules and optimizers to the learner's names
// for them. Events that changed only unnamed temporaries are left out.
func (r *Recorder) timeline(th *python.Thread, names *Names, end *Event) []Event {
	room := 0 // for end
	if end != nil {
		room = 1
	}
	if len(r.events) == 0 {
		if end != nil {
			return []Event{*end}
		}
		return nil // no events: JSON null, as before any were added
	}
	r.events[len(r.events)-1].seal(th, &r.text, names)
	// The events' targets share one list, and their values another, sized
	// as Observe counted them before the views (which may run learner code
	// that records more events: the lists then grow).
	targets := names.stringList(names.timelineTargets)
	values := make([]NamedValue, 0, names.timelineValues)
	out := make([]Event, 0, len(r.events)+room)
	for _, e := range r.events {
		// The targets and, under their names, the values just after the
		// event.
		start, vstart := len(targets), len(values)
		for _, c := range e.tensors {
			for _, n := range names.storage(c.st) {
				targets = appendNewAfter(targets, start, n)
				values = append(values, NamedValue{Name: n, Repr: c.snap})
			}
		}
		for _, o := range e.objects {
			if n, ok := names.object(o); ok {
				targets = appendNewAfter(targets, start, n)
			}
		}
		if (e.Kind == EventInPlace || e.Kind == EventStep) && len(targets) == start {
			continue // a temporary, not a parameter or a named tensor: no values either
		}
		out = append(out, Event{Kind: e.Kind, Line: e.Line, Count: e.Count, File: e.File, Size: e.Size, Holds: e.Holds})
		ev := &out[len(out)-1]
		ev.Targets = targets[start:len(targets):len(targets)]
		ev.Values = values[vstart:len(values):len(values)]
		ev.Text = eventText(e, ev.Targets, names)
	}
	if end != nil {
		out = append(out, *end)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// countTargets returns how many values the timeline of r's events shows,
// and a bound of how many targets they name.
func (r *Recorder) countTargets(names *Names) (nvalues, ntargets int) {
	for _, e := range r.events {
		for _, c := range e.tensors {
			nvalues += len(names.storage(c.st))
		}
		ntargets += len(e.objects)
	}
	return nvalues, nvalues + ntargets
}

// appendNewAfter appends s to list unless list[start:] has it.
func appendNewAfter(list []string, start int, s string) []string {
	for _, x := range list[start:] {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// eventText is the sentence an event reads as, under the learner's names:
// "model.weight, model.bias filled with 1.0 (2 times)". It is written in
// one buffer and kept in the names' text arena.
func eventText(e *record, targets []string, names *Names) string {
	// An in-place call changes one tensor, so a loop over parameters that
	// fills each once is not a repeat; a step or load_state_dict call
	// covers all of its object's tensors, so each call past one per object
	// is.
	times := e.Count > len(e.tensors) && e.Count > 1
	if e.Kind == EventStep || e.Kind == EventLoadStateDict {
		times = e.Count > len(e.objects)
	}
	switch e.Kind {
	case EventInPlace, EventStep, EventLoadStateDict, EventSave, EventLoad:
	default:
		if !times {
			return e.Text
		}
	}
	b := names.text.room()
	switch e.Kind {
	case EventInPlace:
		b = appendJoined(b, targets)
		switch {
		case e.op == "fill_" && strings.HasPrefix(e.Text, "fill_(") && !strings.Contains(e.Text, ","):
			b = append(b, " filled with "...)
			b = append(b, strings.TrimSuffix(strings.TrimPrefix(e.Text, "fill_("), ")")...)
		case e.op == "zero_":
			b = append(b, " zeroed"...)
		default:
			b = append(b, " changed in place: "...)
			b = append(b, e.Text...)
		}
	case EventStep:
		for i, o := range e.objects {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = appendNameOr(b, names, o)
			b = append(b, ".step()"...)
		}
		b = append(b, " updated "...)
		b = appendJoinedParams(b, targets, names, e.objects)
	case EventLoadStateDict:
		b = appendNameOr(b, names, e.objects[0])
		b = append(b, '.')
		b = append(b, e.Text...)
	case EventSave:
		b = append(b, "saved to "...)
		b = append(b, e.File...)
	case EventLoad:
		b = append(b, "loaded "...)
		b = append(b, e.File...)
	default:
		b = append(b, e.Text...)
	}
	if times {
		b = append(b, " ("...)
		b = strconv.AppendInt(b, int64(e.Count), 10)
		b = append(b, " times)"...)
	}
	return names.text.keep(b)
}

// appendJoined appends strings.Join(list, ", ").
func appendJoined(b []byte, list []string) []byte {
	for i, s := range list {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = append(b, s...)
	}
	return b
}

// appendJoinedParams appends the targets that are not the names of
// objects, joined with ", ": what an optimizer's step updated.
func appendJoinedParams(b []byte, targets []string, names *Names, objects []python.Value) []byte {
	first := true
outer:
	for _, t := range targets {
		for _, o := range objects {
			if n, _ := names.object(o); n == t {
				continue outer
			}
		}
		if !first {
			b = append(b, ", "...)
		}
		b = append(b, t...)
		first = false
	}
	return b
}

// appendNameOr appends the learner's name for o, or "a SGD" when it has
// none.
func appendNameOr(b []byte, names *Names, o python.Value) []byte {
	if n, ok := names.object(o); ok {
		return append(b, n...)
	}
	b = append(b, "a "...)
	return append(b, o.Type().Name...)
}
