package torch

import (
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/ckptlab/ckptlab/sim/python"
	"github.com/ckptlab/ckptlab/sim/python/pyfmt"
	"github.com/ckptlab/ckptlab/sim/torch/tensor"
	"github.com/ckptlab/ckptlab/sim/torch/tensorfmt"
)

// The state view: the program's torch objects by name, described for a
// learner after a run. Values are printed exactly as PyTorch prints them.

// A View describes one named object of the program.
type View struct {
	Name    string      `json:"name"`
	Kind    string      `json:"kind"` // "module", "optimizer", "tensor", "dict"
	Type    string      `json:"type"` // "Linear", "SGD", "Tensor", "dict", "OrderedDict"
	Summary string      `json:"summary"`
	Repr    string      `json:"repr,omitempty"` // the module's or tensor's printed form
	Entries []ViewEntry `json:"entries"`        // parameters and buffers, dict items
	Groups  []ViewGroup `json:"groups,omitempty"`
	State   []ViewEntry `json:"state,omitempty"` // an optimizer's per-parameter state
}

// A ViewEntry is one member of a viewed object.
type ViewEntry struct {
	Name  string `json:"name"`
	Kind  string `json:"kind"` // "parameter", "buffer", "tensor", "value", "dict", ...
	Shape string `json:"shape,omitempty"`
	DType string `json:"dtype,omitempty"`
	Repr  string `json:"repr"`
}

// A ViewGroup is one param_group of an optimizer: its hyperparameters and
// the names of its parameters.
type ViewGroup struct {
	Hyper  []ViewEntry `json:"hyper"`
	Params []string    `json:"params"`
}

// maxViewObjects and maxViewEntries bound the state view of a large program.
const (
	maxViewObjects = 50
	maxViewEntries = 100
	maxReprBytes   = 4000
)

// Names maps the program's objects to the names the learner gave them.
// Observe makes it once the run is over for the views and the timeline,
// and it remembers the tensors they print (see print). Observe takes one
// from namesPool for the time it runs: its lists start in buffers of its
// own, which would move it to the heap anyway, and nothing it hands out
// refers to them.
type Names struct {
	// The names of tensors by storage: a short list searched in order
	// while a program names a few, a map once it names more.
	storageList []storageNames
	storageMap  map[*tensor.Storage][]string

	objects []namedObject // modules and optimizers, searched in order: a program names a few
	reprs   []printedTensor
	text    *textArena // the short strings of the views and timeline: the recorder's

	// The views' lists of entries, and the lists of strings of views and
	// timeline (an optimizer's parameter names, events' targets), are cut
	// from these, which Observe makes for each run (see makeRoom).
	entryRoom  []ViewEntry
	stringRoom []string
	// How many values the timeline shows, and a bound of how many
	// targets, as counted for the room: bounds for its lists.
	timelineValues, timelineTargets int

	// Room for the lists above in most programs.
	storageBuf [4]storageNames
	objectBuf  [2]namedObject
	reprBuf    [4]printedTensor
	nameBuf    [4]string
}

// storageNames is a storage and the names of the tensors over it.
type storageNames struct {
	st    *tensor.Storage
	names []string
}

// maxListedStorages is how many storages Names keeps in its list before
// it moves them to a map.
const maxListedStorages = 16

// storage returns the names of the tensors over st.
func (n *Names) storage(st *tensor.Storage) []string {
	if n.storageMap != nil {
		return n.storageMap[st]
	}
	for _, s := range n.storageList {
		if s.st == st {
			return s.names
		}
	}
	return nil
}

// setStorage sets the names of the tensors over st.
func (n *Names) setStorage(st *tensor.Storage, names []string) {
	if n.storageMap != nil {
		n.storageMap[st] = names
		return
	}
	for i, s := range n.storageList {
		if s.st == st {
			n.storageList[i].names = names
			return
		}
	}
	if len(n.storageList) < maxListedStorages {
		n.storageList = append(n.storageList, storageNames{st, names})
		return
	}
	n.storageMap = make(map[*tensor.Storage][]string, 2*maxListedStorages)
	for _, s := range n.storageList {
		n.storageMap[s.st] = s.names
	}
	n.storageMap[st] = names
	n.storageList = nil
}

// namedObject is a module or optimizer and the learner's name for it.
type namedObject struct {
	v    python.Value
	name string
}

// object returns the learner's name for a module or optimizer.
func (n *Names) object(v python.Value) (string, bool) {
	for _, o := range n.objects {
		if o.v == v {
			return o.name, true
		}
	}
	return "", false
}

// printedTensor is a tensor the views printed and its text.
type printedTensor struct {
	t    *Tensor
	text string
}

// maxRemembered bounds the tensors print remembers: a few are printed
// more than once, and a short list is quicker to search than a map.
const maxRemembered = 32

// print is printed for the views of a finished run, which print the same
// tensor more than once (a parameter, its alias, the last event's values):
// a tensor is printed once. Nothing the views do changes a tensor, except
// learner code a repr may run (a module's extra_repr, a class's __repr__),
// so printing anything but a tensor or a number forgets what was printed.
func (n *Names) print(th *python.Thread, v python.Value) string {
	switch x := v.(type) {
	case *Tensor:
		if x.cls != TensorClass && x.cls != ParameterClass {
			break
		}
		for _, r := range n.reprs {
			if r.t == x {
				return r.text
			}
		}
		// The classes are frozen: their __repr__ is tensorRepr.
		s := n.text.printTensor(th, x)
		if len(n.reprs) < maxRemembered {
			n.reprs = append(n.reprs, printedTensor{x, s})
		}
		return s
	case python.Int:
		return strconv.FormatInt(int64(x), 10)
	case python.Bool:
		if x {
			return "True"
		}
		return "False"
	case python.NoneType:
		return "None"
	case python.Str:
		return n.text.keep(python.AppendStrRepr(n.text.room(), string(x)))
	case python.Float:
		return n.text.keep(pyfmt.AppendFloatRepr(n.text.room(), float64(x)))
	case python.Tuple:
		// A tuple of numbers (Adam's betas) is printed here, as Python
		// prints it; the text left in the room when it holds anything
		// else is not kept.
		if b, ok := appendNumbers(n.text.room(), x); ok {
			return n.text.keep(b)
		}
	case *Module:
		if _, builtin := layerDefs[x.Type()]; builtin {
			// The layer classes are frozen: their __repr__ is Module's,
			// written here into the arena. Their extra_repr prints
			// attributes, which may be learner objects.
			n.reprs = n.reprs[:0]
			// The buffer would go to the heap (the layer's extra_repr is
			// called through a func value): it is one of the pool's.
			buf := reprBufs.Get().(*[]byte)
			b, err := appendModuleRepr((*buf)[:0], th, x)
			var s string
			if err != nil {
				s = "<" + x.Type().Name + ">" // as printed fails
			} else {
				s = n.text.string(b) // a copy: the buffer goes back
			}
			if cap(b) <= maxReprBytes {
				*buf = b[:0]
				reprBufs.Put(buf)
			}
			return s
		}
	}
	n.reprs = n.reprs[:0]
	return printed(th, v)
}

// appendNumbers appends the repr of t when it holds only ints, floats,
// bools and None, and reports whether it did.
func appendNumbers(b []byte, t python.Tuple) ([]byte, bool) {
	b = append(b, '(')
	for i, v := range t {
		if i > 0 {
			b = append(b, ", "...)
		}
		switch x := v.(type) {
		case python.Int:
			b = strconv.AppendInt(b, int64(x), 10)
		case python.Float:
			b = pyfmt.AppendFloatRepr(b, float64(x))
		case python.Bool:
			if x {
				b = append(b, "True"...)
			} else {
				b = append(b, "False"...)
			}
		case python.NoneType:
			b = append(b, "None"...)
		default:
			return b, false
		}
	}
	if len(t) == 1 {
		b = append(b, ',')
	}
	return append(b, ')'), true
}

// namesPool holds the Names of finished runs, holding nothing.
var namesPool = sync.Pool{New: func() any { return new(Names) }}

// reprBufs are the buffers Names.print writes a layer's repr in before it
// copies it into the arena; most reprs are one short line.
var reprBufs = sync.Pool{New: func() any {
	b := make([]byte, 0, 128)
	return &b
}}

// Observe describes what a finished run shows beyond its output: the
// state view of the torch objects among globals, in the order they were
// defined (modules, optimizers, tensors, and dicts that hold any of them:
// checkpoints, state dicts), and the timeline, which ends with end when
// it is not nil (the error that ended the run). It ends the recording:
// the recorder is detached from its thread, and its records, which the
// timeline handed out has copied, are released for later runs to reuse.
// Call it once.
func (r *Recorder) Observe(th *python.Thread, globals *python.Dict, end *Event) ([]View, []Event) {
	// The globals that may have a view, listed before any repr runs
	// learner code that could change them; no Python runs in the loop.
	var globalBuf [16]namedValue
	list := globalBuf[:0]
	for k, v := range globals.All() {
		name, ok := k.(python.Str)
		if !ok || strings.HasPrefix(string(name), "_") {
			continue
		}
		switch v.(type) {
		case *Module, *Optimizer, *Tensor, *python.Dict:
			list = append(list, namedValue{string(name), v})
		}
	}
	names := namesPool.Get().(*Names)
	names.nameGlobals(&r.text, list)
	names.makeRoom(list, r)
	views := viewGlobals(th, list, names)
	timeline := r.timeline(th, names, end)
	*names = Names{}
	namesPool.Put(names)
	r.th.SetLocal(recorderKey, nil)
	clear(r.events)
	r.events = r.events[:0]
	r.release()
	return views, timeline
}

// nameGlobals names the tensors, modules and optimizers among the
// program's globals once the run is over: model.weight, optimizer, w. The
// names write their texts in text.
func (n *Names) nameGlobals(text *textArena, globals []namedValue) {
	*n = Names{text: text}
	n.storageList, n.objects, n.reprs = n.storageBuf[:0], n.objectBuf[:0], n.reprBuf[:0]
	// Most storages have one name: their lists are cut from one list.
	one := n.nameBuf[:0]
	name1 := func(s string) []string {
		one = append(one, s)
		return one[len(one)-1 : len(one) : len(one)]
	}
	for _, g := range globals {
		switch x := g.v.(type) {
		case *Module:
			if _, seen := n.object(x); seen || !x.initialized {
				continue
			}
			n.objects = append(n.objects, namedObject{x, g.name})
			var entryBuf [4]namedValue
			for _, e := range x.appendStateEntries(entryBuf[:0]) {
				t, ok := e.v.(*Tensor)
				if !ok {
					continue
				}
				b := append(n.text.room(), g.name...)
				b = append(b, '.')
				full := n.text.keep(append(b, e.name...))
				st := t.T.Storage()
				if ns := n.storage(st); len(ns) > 0 {
					n.setStorage(st, appendNew(ns, full))
				} else {
					n.setStorage(st, name1(full))
				}
			}
		case *Optimizer:
			if _, seen := n.object(x); !seen {
				n.objects = append(n.objects, namedObject{x, g.name})
			}
		}
	}
	// Plain tensors named at the top level come after parameters.
	for _, g := range globals {
		if t, ok := g.v.(*Tensor); ok {
			// An alias of a named parameter (the loop variable of
			// "for p in model.parameters()") adds nothing to its name.
			st := t.T.Storage()
			if len(n.storage(st)) == 0 {
				n.setStorage(st, name1(g.name))
			}
		}
	}
}

// entryList returns an empty list with room for k entries, cut from the
// room Observe made for the views' entries, or of its own when that is
// full.
func (n *Names) entryList(k int) []ViewEntry { return cutList(&n.entryRoom, k) }

// stringList returns an empty list with room for k strings, cut from the
// room Observe made for the views' and timeline's strings, or of its own
// when that is full.
func (n *Names) stringList(k int) []string { return cutList(&n.stringRoom, k) }

// cutList returns an empty list with room for k items, cut from *room
// (which it grows by k) or made when room has not k left. A list of no
// items is empty, not nil, as make makes it.
func cutList[T any](room *[]T, k int) []T {
	if k == 0 {
		return []T{}
	}
	s := *room
	if cap(s)-len(s) < k {
		return make([]T, 0, k)
	}
	*room = s[:len(s)+k]
	return s[len(s) : len(s) : len(s)+k]
}

// makeRoom makes the lists the views' entries and the views' and
// timeline's strings are cut from, sized for what the views of globals
// and the timeline of r's events will hold. The counts are bounds (a
// parameter shared by two layers is listed once); learner code that a
// repr runs may add more, which then get lists of their own.
func (n *Names) makeRoom(globals []namedValue, r *Recorder) {
	nentries, nstrings := 0, 0
	for _, g := range globals[:min(len(globals), maxViewObjects)] {
		switch x := g.v.(type) {
		case *Module:
			if x.initialized {
				budget := maxCountedModules
				nentries += min(memberCount(x, &budget), maxViewEntries)
			}
		case *Optimizer:
			if x.groups == nil {
				continue
			}
			for _, gv := range x.groups.Items {
				if g, ok := gv.(*python.Dict); ok {
					nentries += hyperCount(g)
					if l, ok := g.GetStr("params"); ok {
						if l, ok := l.(*python.List); ok {
							nstrings += len(l.Items)
						}
					}
				}
			}
			if x.state == nil {
				continue
			}
			nstate := 0
			for _, v := range x.state.All() {
				if st, ok := v.(*python.Dict); ok {
					nstate += st.Len()
				}
			}
			nentries += min(nstate, maxViewEntries)
		case *python.Dict:
			if holdsTorch(x, 0) {
				nentries += min(x.Len(), maxViewEntries)
			}
		}
	}
	n.timelineValues, n.timelineTargets = r.countTargets(n)
	nstrings += n.timelineTargets
	if nentries > 0 {
		n.entryRoom = make([]ViewEntry, 0, nentries)
	}
	if nstrings > 0 {
		n.stringRoom = make([]string, 0, nstrings)
	}
}

// maxCountedModules bounds the modules memberCount visits: a module may
// hold the same submodule many times over, or itself.
const maxCountedModules = 64

// memberCount is how many parameters and buffers m and its submodules
// hold, counting the modules it visits against *budget.
func memberCount(m *Module, budget *int) int {
	*budget--
	n := len(m.params.items) + len(m.buffers.items)
	for _, it := range m.modules.items {
		if *budget <= 0 {
			break
		}
		if sub, ok := it.v.(*Module); ok && sub.initialized {
			n += memberCount(sub, budget)
		}
	}
	return n
}

// viewGlobals describes the globals that are torch objects, or dicts that
// hold any.
func viewGlobals(th *python.Thread, globals []namedValue, names *Names) []View {
	if len(globals) == 0 {
		return nil // no objects: JSON null, as before any were added
	}
	// The views are built in place in a list sized for the globals that
	// may have one.
	out := make([]View, 0, min(len(globals), maxViewObjects))
	for _, g := range globals {
		if len(out) == maxViewObjects {
			break
		}
		out = append(out, View{})
		if !view(th, &out[len(out)-1], g.name, g.v, names) {
			out = out[:len(out)-1]
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// view describes v, named name, in vw, and reports whether it is one of
// the objects the state view shows.
func view(th *python.Thread, vw *View, name string, v python.Value, names *Names) bool {
	switch x := v.(type) {
	case *Module:
		if !x.initialized {
			return false
		}
		*vw = View{Name: name, Kind: "module", Type: x.Type().Name, Repr: clip(names.print(th, x))}
		var paramBuf, bufferBuf [4]namedValue
		params := x.appendNamedMembers(paramBuf[:0], func(m *Module) *entries { return m.params }, true)
		buffers := x.appendNamedMembers(bufferBuf[:0], func(m *Module) *entries { return m.buffers }, true)
		vw.Entries = names.entryList(min(len(params)+len(buffers), maxViewEntries))
		for _, e := range params {
			vw.Entries = appendEntry(vw.Entries, tensorEntry(th, names, e.name, "parameter", e.v))
		}
		for _, e := range buffers {
			vw.Entries = appendEntry(vw.Entries, tensorEntry(th, names, e.name, "buffer", e.v))
		}
		if len(vw.Entries) == 0 {
			vw.Entries = nil // as before any were added: JSON null
		}
		b := appendCount(names.text.room(), "", len(params), "parameter", "parameters")
		b = appendCount(b, ", ", len(buffers), "buffer", "buffers")
		if !x.training {
			b = append(b, ", in eval mode"...)
		}
		vw.Summary = names.text.keep(b)
		return true
	case *Optimizer:
		if x.groups == nil {
			return false
		}
		viewOptimizer(th, vw, name, x, names)
		return true
	case *Tensor:
		*vw = View{Name: name, Kind: "tensor", Type: x.Type().Name, Repr: clip(names.print(th, x))}
		b := tensorfmt.AppendShape(names.text.room(), x.T.Shape())
		b = append(b, ' ')
		vw.Summary = names.text.keep(append(b, x.T.DType().String()...))
		vw.Entries = []ViewEntry{}
		return true
	case *python.Dict:
		if !holdsTorch(x, 0) {
			return false
		}
		var notes itemNotes
		summary := names.text.describeDict(x, &notes)
		spans := notes.items[:notes.n]
		*vw = View{Name: name, Kind: "dict", Type: x.Type().Name, Summary: summary}
		var keyBuf, valBuf [8]python.Value
		ks, vs := appendItems(x, keyBuf[:0], valBuf[:0])
		vw.Entries = names.entryList(min(len(ks), maxViewEntries))
		for i, k := range ks {
			e := ViewEntry{Kind: kindOf(vs[i])}
			if i < len(spans) {
				e.Name = quotedKey(summary, spans[i], k)
			}
			if e.Name == "" {
				e.Name = names.print(th, k)
			}
			if i < len(spans) && spans[i].whole {
				e.Repr = summary[spans[i].start:spans[i].end]
			} else {
				e.Repr = names.text.describe(vs[i])
			}
			vw.Entries = appendEntry(vw.Entries, e)
		}
		return true
	}
	return false
}

func viewOptimizer(th *python.Thread, vw *View, name string, o *Optimizer, names *Names) {
	*vw = View{Name: name, Kind: "optimizer", Type: o.Type().Name, Entries: []ViewEntry{}}
	paramName := func(p python.Value) string {
		if t, ok := p.(*Tensor); ok {
			if ns := names.storage(t.T.Storage()); len(ns) > 0 {
				return ns[0]
			}
			b := append(names.text.room(), "a tensor of shape "...)
			return names.text.keep(tensorfmt.AppendShape(b, t.T.Shape()))
		}
		return names.print(th, p)
	}
	nparams := 0
	vw.Groups = make([]ViewGroup, 0, len(o.groups.Items))
	for _, gv := range o.groups.Items {
		g, ok := gv.(*python.Dict)
		if !ok {
			continue
		}
		var grp ViewGroup
		var keyBuf, valBuf [16]python.Value // SGD's and Adam's hyperparameters
		ks, vs := appendItems(g, keyBuf[:0], valBuf[:0])
		grp.Hyper = names.entryList(hyperCount(g))
		for i, k := range ks {
			key, _ := k.(python.Str)
			if key == "params" {
				if l, ok := vs[i].(*python.List); ok {
					grp.Params = names.stringList(len(l.Items))
					for _, p := range l.Items {
						grp.Params = append(grp.Params, paramName(p))
						nparams++
					}
				}
				continue
			}
			grp.Hyper = append(grp.Hyper, ViewEntry{Name: string(key), Kind: "value", Repr: clip(names.print(th, vs[i]))})
		}
		if len(grp.Hyper) == 0 {
			grp.Hyper = nil // as it was before any were added: JSON null
		}
		if len(grp.Params) == 0 {
			grp.Params = nil
		}
		vw.Groups = append(vw.Groups, grp)
	}
	var keyBuf, valBuf [8]python.Value
	ks, vs := appendItems(o.state, keyBuf[:0], valBuf[:0])
	nstate := 0 // Adam's state is three entries for each parameter
	for _, v := range vs {
		if st, ok := v.(*python.Dict); ok {
			nstate += st.Len()
		}
	}
	if nstate > 0 {
		vw.State = names.entryList(min(nstate, maxViewEntries))
	}
	for i, k := range ks {
		st, ok := vs[i].(*python.Dict)
		if !ok {
			continue
		}
		var pkBuf, pvBuf [4]python.Value
		pk, pv := appendItems(st, pkBuf[:0], pvBuf[:0])
		for j, key := range pk {
			var stack [64]byte
			b := append(stack[:0], paramName(k)...)
			b = append(b, ' ')
			entry := names.text.string(append(b, names.print(th, key)...))
			e := tensorEntry(th, names, entry, kindOf(pv[j]), pv[j])
			vw.State = appendEntry(vw.State, e)
		}
	}
	b := appendCount(names.text.room(), "", len(vw.Groups), "param group", "param groups")
	b = appendCount(b, ", ", nparams, "parameter", "parameters")
	b = append(b, "; state for "...)
	b = strconv.AppendInt(b, int64(len(ks)), 10)
	vw.Summary = names.text.keep(append(b, " of them"...))
	if vw.State == nil {
		vw.State = []ViewEntry{}
	}
}

// hyperCount is how many hyperparameters a param group holds: all its
// items but params.
func hyperCount(g *python.Dict) int {
	n := g.Len()
	if _, ok := g.GetStr("params"); ok {
		n--
	}
	return n
}

func appendEntry(list []ViewEntry, e ViewEntry) []ViewEntry {
	if len(list) == maxViewEntries {
		return list
	}
	return append(list, e)
}

func tensorEntry(th *python.Thread, names *Names, name, kind string, v python.Value) ViewEntry {
	e := ViewEntry{Name: name, Kind: kind, Repr: clip(names.print(th, v))}
	if t, ok := v.(*Tensor); ok {
		e.Shape = names.text.shape(t.T.Shape())
		e.DType = tensorfmt.DType(t.T.DType()).String() // "torch.float32", made once
	}
	return e
}

func kindOf(v python.Value) string {
	switch v.(type) {
	case *Tensor:
		return "tensor"
	case *python.Dict:
		return "dict"
	case *python.List, python.Tuple:
		return "list"
	case *Module:
		return "module"
	case *Optimizer:
		return "optimizer"
	}
	return "value"
}

// clip bounds a printed value the view or the timeline keeps; PyTorch
// already summarises large tensors, but a learner's print options
// (precision=100000) or repr can make any text long. It cuts at the start
// of a character.
func clip(s string) string {
	if len(s) <= maxReprBytes {
		return s
	}
	n := maxReprBytes
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "\n..."
}

// holdsTorch reports whether a container holds a tensor, module or
// optimizer, looking a few levels deep.
func holdsTorch(v python.Value, depth int) bool {
	if depth > 4 {
		return false
	}
	switch x := v.(type) {
	case *Tensor, *Module, *Optimizer:
		return true
	case *python.Dict:
		for _, e := range x.All() { // no Python runs here
			if holdsTorch(e, depth+1) {
				return true
			}
		}
	case *python.List:
		for _, e := range x.Items {
			if holdsTorch(e, depth+1) {
				return true
			}
		}
	case python.Tuple:
		for _, e := range x {
			if holdsTorch(e, depth+1) {
				return true
			}
		}
	}
	return false
}

// describe says in a few words what a value is, for the timeline and the
// state view: "Tensor (2, 1) float32", "OrderedDict of 2 tensors",
// "dict with keys 'model_state' (OrderedDict of 2 tensors), 'epoch' (int 3)".
// The text is kept in the arena.
func (a *textArena) describe(v python.Value) string {
	return a.description(describe(a.room(), v, 0, nil))
}

// describeDict is describe(d), noting in notes, which start zero, the
// pieces of it that describe d's first items: the state view shows each
// item's description beside the dict's, and most read the same alone as
// within it.
func (a *textArena) describeDict(d *python.Dict, notes *itemNotes) string {
	return a.description(describe(a.room(), d, 0, notes))
}

// An itemSpan is where a dict's description describes one of its items:
// its key is text[key:start-len(" (")], its description text[start:end].
// It is whole when that reads as the item's own description, and not when
// a dict within the item was cut short ("dict with 2 keys"), as it is not
// when the item is described alone.
type itemSpan struct {
	key, start, end int
	whole           bool
}

// itemNotes is where describe notes the spans of the outer dict's items
// (items[:n]), when the caller wants them. They are kept in an array, which
// a slice passed down the recursion would move to the heap.
type itemNotes struct {
	items [describedItems]itemSpan
	n     int
	short bool // a dict within the current item was cut short
}

// quotedKey returns the repr of k, the key of the item the description
// text describes at span, as the piece of text where describe quoted it
// ("'epoch' (int 3)"), or "" when its repr is not that: k is no str, or
// repr would escape or quote it otherwise.
func quotedKey(text string, span itemSpan, k python.Value) string {
	s, ok := k.(python.Str)
	if !ok || len(s) == 0 || !python.StrReprIsQuoted(string(s)) {
		return ""
	}
	return text[span.key : span.start-len(" (")] // appendKey wrote 's'
}

// describedItems is how many items of a dict its description lists.
const describedItems = 8

// describe appends the description of v, depth levels into the value
// described; with notes, it notes how v's items are described when v is a
// dict.
func describe(b []byte, v python.Value, depth int, notes *itemNotes) []byte {
	switch x := v.(type) {
	case *Tensor:
		b = append(b, x.Type().Name...)
		b = append(b, ' ')
		b = tensorfmt.AppendShape(b, x.T.Shape())
		b = append(b, ' ')
		b = append(b, x.T.DType().String()...)
	case *Module:
		b = append(b, x.Type().Name...)
		b = append(b, " module"...)
	case *Optimizer:
		b = append(b, x.Type().Name...)
		b = append(b, " optimizer"...)
	case python.Int:
		b = append(b, "int "...)
		b = strconv.AppendInt(b, int64(x), 10)
	case python.Float:
		// %v of the float64, as fmt.Fprint wrote it.
		b = append(b, "float "...)
		b = strconv.AppendFloat(b, float64(x), 'g', -1, 64)
	case python.Bool:
		b = append(b, "bool "...)
		b = strconv.AppendBool(b, bool(x))
	case python.Str:
		s := string(x)
		if len(s) > 30 {
			s = s[:27] + "..."
		}
		b = append(b, "str "...)
		b = strconv.AppendQuote(b, s)
	case *python.Dict:
		// Describing runs no Python, so the items are read in place.
		n := x.Len()
		typ := x.Type().Name
		if n == 0 {
			b = append(b, "empty "...)
			return append(b, typ...)
		}
		b = append(b, typ...)
		allTensors := true
		for _, e := range x.All() {
			if _, ok := e.(*Tensor); !ok {
				allTensors = false
				break
			}
		}
		if allTensors {
			return appendCount(b, " of ", n, "tensor", "tensors")
		}
		if depth >= 2 {
			if notes != nil {
				notes.short = true
			}
			return appendCount(b, " with ", n, "key", "keys")
		}
		b = append(b, " with keys "...)
		top := notes != nil && depth == 0 // the items to note
		i := 0
		for k, e := range x.All() {
			if i > 0 {
				b = append(b, ", "...)
			}
			if i == describedItems {
				b = append(b, "and "...)
				b = strconv.AppendInt(b, int64(n-describedItems), 10)
				b = append(b, " more"...)
				break
			}
			key := len(b)
			if s, ok := k.(python.Str); ok { // most keys: appendKey's, in one go
				b = append(b, '\'')
				b = append(b, s...)
				b = append(b, "' ("...)
			} else {
				b = appendKey(b, k)
				b = append(b, " ("...)
			}
			start := len(b)
			if top {
				notes.short = false
			}
			b = describe(b, e, depth+1, notes)
			if top {
				notes.items[notes.n] = itemSpan{key, start, len(b), !notes.short}
				notes.n++
			}
			b = append(b, ')')
			i++
		}
	case *python.List:
		b = appendCount(b, "list of ", len(x.Items), "item", "items")
	case python.Tuple:
		b = appendCount(b, "tuple of ", len(x), "item", "items")
	default:
		if v == python.None {
			return append(b, "None"...)
		}
		b = append(b, v.Type().Name...)
	}
	return b
}

// appendItems appends d's keys to keys and its values to vals: a copy of
// its items, which learner code run while they are read (a repr) cannot
// change, in buffers the caller may offer on its stack.
func appendItems(d *python.Dict, keys, vals []python.Value) ([]python.Value, []python.Value) {
	for k, v := range d.All() { // no Python runs here
		keys = append(keys, k)
		vals = append(vals, v)
	}
	return keys, vals
}

// appendCount appends prefix, n and the noun for n: "list of 2 items".
func appendCount(b []byte, prefix string, n int, one, many string) []byte {
	b = append(b, prefix...)
	if uint(n) < 10 { // most counts
		b = append(b, byte('0'+n), ' ')
	} else {
		b = strconv.AppendInt(b, int64(n), 10)
		b = append(b, ' ')
	}
	if n == 1 {
		return append(b, one...)
	}
	return append(b, many...)
}

func appendKey(b []byte, k python.Value) []byte {
	switch x := k.(type) {
	case python.Str:
		b = append(b, '\'')
		b = append(b, x...)
		return append(b, '\'')
	case python.Int:
		return strconv.AppendInt(b, int64(x), 10)
	}
	return append(b, k.Type().Name...)
}

// describeOptimizerState says what an optimizer holds after loading.
func describeOptimizerState(a *textArena, o *Optimizer) string {
	n := 0
	if o.state != nil {
		n = o.state.Len()
	}
	b := appendCount(a.room(), "", len(o.groups.Items), "param group", "param groups")
	return a.keep(appendCount(b, ", state for ", n, "parameter", "parameters"))
}
