package python

import (
	"context"
	"fmt"
	"github.com/ckptlab/ckptlab/sim/python/suggest"
	"io"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"
)

// Limits bound one run. Zero fields take the defaults below.
type Limits struct {
	Steps       int64 // statements and loop iterations executed
	MemoryBytes int64 // bytes allocated over the run (strings, containers, ints, tensor elements)
	OutputBytes int   // bytes printed; past it the output is cut with a marker
	Depth       int   // Python call depth (RecursionError past it)
	// Deadline ends the run's wall-clock time (zero for none); the
	// thread's context can end it earlier. A deadline costs a clock read
	// every 1024 steps, where a context with a timeout costs a timer.
	Deadline time.Time
}

// Default limits: far above what the course's snippets need.
const (
	DefaultSteps       = 50_000_000
	DefaultMemoryBytes = 256 << 20
	DefaultOutputBytes = 1 << 20
	DefaultDepth       = 1000
)

// LimitError stops a run that exceeded its step, time or output budget.
// Unlike MemoryError and RecursionError it is not a Python exception:
// learner code cannot catch it.
type LimitError struct {
	Limit string // "steps", "time" or "output"
	Msg   string
	Line  int // the learner line running when the limit was hit
}

func (e *LimitError) Error() string { return e.Msg }

// Thread is one run of learner code: its limits and budgets, its output, its
// workspace of files, the modules it imported and its call stack. A Thread
// is used by one goroutine at a time.
type Thread struct {
	ctx    context.Context
	limits Limits

	ints         []Int   // the rest of the current chunk of boxed ints (boxInt)
	argChunk     []Value // the rest of the current chunk of argument slices (newArgs)
	argChunkSize int
	kwChunk      []Kwarg // the rest of kwBuf (newKwargs)

	// parsed are the programs this thread ran, returned to the cache of
	// parsed programs by Close.
	parsed []parsedSource

	steps int64
	mem   int64

	stdout, stderr io.Writer
	outBytes       int
	outCut         bool

	ws     *Workspace
	locals localVars
	// modules are the modules this run imported, in import order. A run
	// imports a few dozen at most (import torch loads its submodules
	// too), so a scan finds one as fast as a map and costs no map.
	modules []importedModule
	// moduleChunk is the rest of the current chunk of modules that share
	// their dict (newSharedModule), allocated together.
	moduleChunk []sharedModule

	depth int
	top   *frame // innermost executing frame

	frames      []*frame // finished call frames kept for reuse (function.go)
	frameSerial uint64

	ids      map[Value]int64
	tupleIDs map[*Value]int64
	nextID   int64

	gens  []*generator
	clock float64 // the simulated time.time()

	concatBuf []byte // backing store of the last s += t result

	// globalKeys tells which names the globals dict a program last
	// stored a global in lacks (Dict.setStrAtFiltered).
	globalKeys strFilter

	// handling is the exception being handled by the innermost except
	// block, used for implicit chaining (__context__) and bare raise.
	handling *Exception

	// What nearly every run needs once, allocated with the thread: the
	// module's frame (ExecProgram), its program, the first modules it
	// imports (import torch brings three shared ones), Go modules'
	// per-run values and the arguments of its first calls that cannot
	// borrow their caller's slots.
	moduleFrame     frame
	moduleFrameUsed bool
	parsedBuf       [1]parsedSource
	modulesBuf      [8]importedModule
	moduleBuf       [4]sharedModule
	localsBuf       [4]localVar
	argBuf          [16]Value // the first chunk of argument slices (newArgs)
	kwBuf           [4]Kwarg  // room for the first keyword arguments (newKwargs)
	// printRoom is where print makes a line that fits (most do), unless
	// printBusy says a print is already using it (a __repr__ that prints).
	printRoom [128]byte
	printBusy bool
	// inKit marks the thread of a Kit, which its Release gives back.
	inKit bool
}

// NewThread returns a thread that prints to stdout and stderr (which may be
// the same writer), works on ws (nil for an empty workspace) and stops when
// ctx is done.
func NewThread(ctx context.Context, stdout, stderr io.Writer, ws *Workspace, limits Limits) *Thread {
	if ws == nil {
		ws = NewWorkspace(nil)
	}
	t := threads.Get().(*Thread) // new, or cleared by Release but for free frames
	t.init(ctx, stdout, stderr, ws, limits)
	return t
}

// init readies t, empty, for a run (NewThread's), zero limits taking the
// defaults.
func (t *Thread) init(ctx context.Context, stdout, stderr io.Writer, ws *Workspace, limits Limits) {
	if limits.Steps <= 0 {
		limits.Steps = DefaultSteps
	}
	if limits.MemoryBytes <= 0 {
		limits.MemoryBytes = DefaultMemoryBytes
	}
	if limits.OutputBytes <= 0 {
		limits.OutputBytes = DefaultOutputBytes
	}
	if limits.Depth <= 0 {
		limits.Depth = DefaultDepth
	}
	t.ctx, t.limits, t.stdout, t.stderr, t.ws = ctx, limits, stdout, stderr, ws
	t.clock = 1700000000.0
	t.parsed = t.parsedBuf[:0]
	t.modules = t.modulesBuf[:0]
	t.moduleChunk = t.moduleBuf[:]
	t.locals = t.localsBuf[:0]
	t.argChunk = t.argBuf[:]
	t.kwChunk = t.kwBuf[:]
}

// threads are threads given back by Release, cleared, for NewThread. A
// thread is 2 KB of room for what nearly every run needs, and its free
// frames 416 bytes each; reusing them spares the collector that much per
// run.
var threads = sync.Pool{New: func() any { return new(Thread) }}

// Release closes the thread and gives it back for a later NewThread to
// reuse. Call it only when nothing the run made will be used again: the
// run's values (frames, modules, exceptions) point into the thread, and
// would see the next run's state. sim.Run releases its last thread once it
// has described the run; a session whose namespace lives on must not.
func (t *Thread) Release() {
	if t.inKit {
		t.Close() // the kit's Release clears it
		return
	}
	t.clear()
	threads.Put(t)
}

// clear closes t and empties it for another run, keeping its free frames.
func (t *Thread) clear() {
	t.Close()
	frames := t.frames
	*t = Thread{}
	// The frames kept for reuse (free: no call, generator or exception
	// points at them) stay with the thread, emptied of this run.
	for _, fr := range frames {
		spare := fr.spare
		clear(spare)
		*fr = frame{t: t, spare: spare}
	}
	t.frames = frames
}

// Context returns the run's context.
func (t *Thread) Context() context.Context { return t.ctx }

// Workspace returns the run's files (what torch.save, torch.load and os see).
func (t *Thread) Workspace() *Workspace { return t.ws }

// Local returns a value stored under key by SetLocal (nil if none). Modules
// keep per-run state here, e.g. torch's event recorder or its RNG.
func (t *Thread) Local(key string) any { return t.locals.get(key) }

// SetLocal stores per-run state for Go modules.
func (t *Thread) SetLocal(key string, v any) { t.locals.set(key, v) }

// localVars are Go modules' values kept by key (Thread.SetLocal,
// Workspace.SetLocal). A run keeps a handful (torch's state and event
// recorder, random's generator), so a scan finds one faster than a map,
// and costs no map.
type localVars []localVar

type localVar struct {
	key string
	v   any
}

func (l localVars) get(key string) any {
	for i := range l {
		// The keys are constants, as a rule the very string asked for:
		// the same bytes are found equal without comparing them.
		if k := l[i].key; len(k) == len(key) && (unsafe.StringData(k) == unsafe.StringData(key) || k == key) {
			return l[i].v
		}
	}
	return nil
}

func (l *localVars) set(key string, v any) {
	for i := range *l {
		if (*l)[i].key == key {
			(*l)[i].v = v
			return
		}
	}
	if *l == nil {
		*l = make(localVars, 0, 4)
	}
	*l = append(*l, localVar{key, v})
}

// Line returns the learner source line being executed (1-based), 0 when no
// learner code is running.
func (t *Thread) Line() int {
	for f := t.top; f != nil; f = f.back {
		if f.node != nil {
			return f.node.Span().Line
		}
	}
	return 0
}

// Alloc charges n bytes to the run's memory budget, raising MemoryError
// when the budget is spent. The budget counts allocations over the whole run
// (the simulator does not track frees), so it is set generously.
func (t *Thread) Alloc(n int64) error {
	if n < 0 {
		return nil
	}
	t.mem += n
	if t.mem > t.limits.MemoryBytes || n > t.limits.MemoryBytes {
		t.mem -= n
		return NewException(MemoryErrorClass)
	}
	return nil
}

// allocGrowth charges what a new value adds over the operands it was built
// from (s + t charges len(t)), rejecting any single value larger than the
// whole budget. Charging growth rather than the full result keeps a loop
// that builds a string piece by piece from exhausting a budget that never
// sees the garbage collected, while a value that doubles forever still
// stops at the budget.
func (t *Thread) allocGrowth(total, added int64) error {
	if total > t.limits.MemoryBytes {
		return NewException(MemoryErrorClass)
	}
	return t.Alloc(added)
}

// appendStr is s += t. Like CPython's in-place concatenation it is
// amortised linear: the result shares a growing buffer with s when s was
// the last string built this way (earlier strings only ever see the bytes
// before their length, which never change).
func (t *Thread) appendStr(x, y Str) (Value, error) {
	n := len(x) + len(y)
	if err := t.allocGrowth(int64(n), int64(len(y))); err != nil {
		return nil, err
	}
	buf := t.concatBuf
	if len(buf) > 0 && len(x) == len(buf) && unsafe.StringData(string(x)) == &buf[0] && cap(buf) >= n {
		buf = append(buf, y...)
	} else {
		if len(x) < 256 {
			return x + y, nil
		}
		buf = make([]byte, len(x), 2*n)
		copy(buf, x)
		buf = append(buf, y...)
	}
	t.concatBuf = buf
	return Str(unsafe.String(&buf[0], len(buf))), nil
}

// step counts one unit of work and checks the step and time limits (every
// 1024 steps; small enough to be inlined in the evaluator's loops).
func (t *Thread) step() error {
	if t == nil {
		return nil
	}
	t.steps++
	if t.steps&1023 == 0 {
		return t.checkLimits()
	}
	return nil
}

func (t *Thread) checkLimits() error {
	if t.steps > t.limits.Steps {
		return &LimitError{Limit: "steps", Msg: fmt.Sprintf("execution stopped: the program ran more than %d steps (step limit)", t.limits.Steps), Line: t.Line()}
	}
	if t.ctx.Err() != nil || !t.limits.Deadline.IsZero() && !time.Now().Before(t.limits.Deadline) {
		return &LimitError{Limit: "time", Msg: "execution stopped: the program ran out of time (time limit)", Line: t.Line()}
	}
	return nil
}

// enterGo guards Go-level recursion over learner data (comparing,
// printing, hashing or copying deeply nested containers) with the Python
// recursion limit, so a deep structure raises RecursionError instead of
// exhausting the Go stack. Call leaveGo after.
func (t *Thread) enterGo(what string) error {
	if t == nil {
		return nil
	}
	t.depth++
	if t.depth > t.limits.Depth+25 {
		t.depth--
		return Errorf(RecursionErrorClass, "maximum recursion depth exceeded%s", what)
	}
	return nil
}

func (t *Thread) leaveGo() {
	if t != nil {
		t.depth--
	}
}

// Steps reports how many steps the run has taken.
func (t *Thread) Steps() int64 { return t.steps }

// Write prints s to the program's stdout, subject to the output cap.
func (t *Thread) Write(s string) error { return t.write(t.stdout, s) }

// WriteErr prints s to the program's stderr, subject to the output cap.
func (t *Thread) WriteErr(s string) error { return t.write(t.stderr, s) }

// OutputMarker ends output cut at the cap.
const OutputMarker = "\n[output truncated: the program printed more than the output limit allows]\n"

func (t *Thread) write(w io.Writer, s string) error {
	if t.outCut || t.outBytes+len(s) > t.limits.OutputBytes {
		return t.writeCut(w, s)
	}
	t.outBytes += len(s)
	_, err := io.WriteString(w, s)
	return err
}

// writeBytes is write of a line print made in its buffer, b, which w must
// not keep (io.Writer's rule).
func (t *Thread) writeBytes(w io.Writer, b []byte) error {
	if t.outCut || t.outBytes+len(b) > t.limits.OutputBytes {
		return t.writeCut(w, string(b))
	}
	t.outBytes += len(b)
	_, err := w.Write(b)
	return err
}

// writeCut is write of s when the output is cut or s goes past its limit:
// what fits is written, then the marker, and the run stops.
func (t *Thread) writeCut(w io.Writer, s string) error {
	if !t.outCut {
		if n := t.limits.OutputBytes - t.outBytes; n > 0 {
			io.WriteString(w, s[:n])
		}
		io.WriteString(w, OutputMarker)
		t.outBytes = t.limits.OutputBytes
		t.outCut = true
	}
	return &LimitError{Limit: "output", Msg: "execution stopped: the program printed too much (output limit)", Line: t.Line()}
}

// id returns a stable identity number for v, deterministic within a run.
func (t *Thread) id(v Value) int64 {
	if tu, ok := v.(Tuple); ok {
		// Tuples are slices, which Go maps cannot key: use the address
		// of their first element (the empty tuple is a singleton).
		if len(tu) == 0 {
			return 0x7f0000000040
		}
		if id, ok := t.tupleIDs[&tu[0]]; ok {
			return id
		}
		t.nextID++
		id := 0x7f0000001000 + t.nextID*0x40
		if t.tupleIDs == nil {
			t.tupleIDs = map[*Value]int64{}
		}
		t.tupleIDs[&tu[0]] = id
		return id
	}
	if !reflectComparable(v) {
		t.nextID++
		return 0x7f0000001000 + t.nextID*0x40
	}
	if id, ok := t.ids[v]; ok {
		return id
	}
	t.nextID++
	id := 0x7f0000001000 + t.nextID*0x40
	if t.ids == nil {
		t.ids = map[Value]int64{} // most runs never ask for an id
	}
	t.ids[v] = id
	return id
}

// reflectComparable reports whether v can key a Go map.
func reflectComparable(v Value) bool { return reflect.TypeOf(v).Comparable() }

// Close stops the run's suspended generators. Call it when the run ends.
func (t *Thread) Close() {
	for _, g := range t.gens {
		g.close()
	}
	t.gens = nil
	for _, p := range t.parsed {
		programs.put(p.src, p.prog, p.idle)
	}
	t.parsed = nil
}

// Module is a Python module: a name and a dict of attributes.
type Module struct {
	Name string
	dict *Dict
}

func (*Module) Type() *Class { return ModuleClass }

// Dict returns the module's attributes.
func (m *Module) Dict() *Dict { return m.dict }

// NewModule returns an empty module.
func NewModule(name string) *Module {
	m := &Module{Name: name, dict: NewDict()}
	m.dict.Reserve(16) // a program's globals, a module's contents
	m.dict.SetStr("__name__", Str(name))
	return m
}

// Set defines a module attribute.
func (m *Module) Set(name string, v Value) { m.dict.SetStr(name, v) }

// Get returns a module attribute.
func (m *Module) Get(name string) (Value, bool) { return m.dict.GetStr(name) }

// SetFunc defines a module-level function implemented in Go. fn must not
// keep args.Pos (or a slice of it) past the call: a call passes a slice of
// the calling frame that is reused (see callBorrowed); copy what has to
// outlive it.
func (m *Module) SetFunc(name string, fn func(t *Thread, args Args) (Value, error)) {
	b := NewBuiltin(name, fn)
	b.readsArgs = true
	m.Set(name, b)
}

// setFunc is SetFunc for this package's own modules.
func setFunc(m *Module, name string, fn func(t *Thread, args Args) (Value, error)) {
	m.SetFunc(name, fn)
}

// ModuleInit fills a fresh module for one run.
type ModuleInit func(t *Thread, m *Module) error

var (
	registryMu sync.RWMutex
	registry   = map[string]registeredModule{}
	// registryGen counts the registrations, so that what an import
	// statement's node remembers of the registry (importSite) is known
	// to be current.
	registryGen atomic.Uint64
	// children caches childModules' answers; RegisterModule clears it.
	children = map[string][]string{}
)

// registeredModule is how Import makes a module: by running init on a
// fresh one, or, for a shared module, by sharing template's contents.
type registeredModule struct {
	init     ModuleInit
	template func() *Dict // nil unless registered by RegisterSharedModule
}

// RegisterModule makes a Go module importable under its dotted name
// ("torch", "torch.nn", "torch.optim.lr_scheduler"). init runs once per run
// that imports it, on a fresh Module, so per-run state never leaks between
// runs. Importing "a.b" imports "a" first; loading a module also loads its
// registered submodules and binds them as attributes (import torch makes
// torch.nn usable, as in PyTorch). Call it from an init function.
func RegisterModule(name string, init ModuleInit) {
	register(name, registeredModule{init: init})
}

// RegisterSharedModule registers a module whose contents hold no per-run
// state (functions, classes, constants). fill runs once, on the first
// import, and every run's module shares the result until the run changes
// it (Dict.Share): importing such a module costs a few allocations however
// large it is. The registered children's names are bound in the template
// first, in the order Import binds them, so that binding them in a run
// replaces values and keeps the names' order.
//
// Its registered children are imported on first use: the template binds
// each child's name to a placeholder that reading the attribute (or
// vars(), or a from-import) replaces with the child module, so that
// import torch does not build the dozen torch.* modules a program may
// never touch.
func RegisterSharedModule(name string, fill func(m *Module)) {
	template := sync.OnceValue(func() *Dict {
		m := NewModule(name)
		fill(m)
		for _, c := range childModules(name) {
			m.Set(c[len(name)+1:], &submodule{name: c})
		}
		return m.dict
	})
	register(name, registeredModule{
		init:     func(t *Thread, m *Module) error { m.dict.Share(template()); return nil },
		template: template,
	})
}

func register(name string, r registeredModule) {
	registryMu.Lock()
	defer registryMu.Unlock()
	registry[name] = r
	registryGen.Add(1)
	clear(children)
}

func lookupModule(name string) (registeredModule, bool) {
	registryMu.RLock()
	defer registryMu.RUnlock()
	r, ok := registry[name]
	return r, ok
}

func lookupModuleInit(name string) (ModuleInit, bool) {
	r, ok := lookupModule(name)
	return r.init, ok
}

// childModules lists the registered modules directly below name, sorted.
// Every import asks, so the answer is computed once per name.
func childModules(name string) []string {
	registryMu.RLock()
	out, ok := children[name]
	registryMu.RUnlock()
	if ok {
		return out
	}
	registryMu.Lock()
	defer registryMu.Unlock()
	prefix := name + "."
	for n := range registry {
		if strings.HasPrefix(n, prefix) && !strings.Contains(n[len(prefix):], ".") {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	children[name] = out
	return out
}

// imported returns the module called name if this run imported it, else nil.
func (t *Thread) imported(name string) *Module {
	for _, im := range t.modules {
		if im.name == name {
			return im.m
		}
	}
	return nil
}

// importedModule is a module under the name it was imported by (os.path's
// module calls itself posixpath).
type importedModule struct {
	name string
	m    *Module
}

// addModule records an imported module and returns its index in t.modules.
func (t *Thread) addModule(name string, m *Module) int {
	if t.modules == nil {
		t.modules = make([]importedModule, 0, 8) // a program imports a few
	}
	t.modules = append(t.modules, importedModule{name, m})
	return len(t.modules) - 1
}

// sharedModule is a module and its dict, allocated together.
type sharedModule struct {
	m Module
	d Dict
}

// newSharedModule returns a module whose dict shares tmpl. Modules are
// allocated in chunks of a few: a program's imports (torch, torch.nn,
// torch.optim) make a handful of them, their other children being
// imported on first use.
func (t *Thread) newSharedModule(name string, tmpl *Dict) *Module {
	if len(t.moduleChunk) == 0 {
		t.moduleChunk = make([]sharedModule, 4)
	}
	a := &t.moduleChunk[0]
	t.moduleChunk = t.moduleChunk[1:]
	a.m.Name = name
	a.m.dict = &a.d
	a.d.share(tmpl)
	return &a.m
}

// Import returns the module called name for this run, loading it (and its
// parents) on first use. It raises ModuleNotFoundError for unknown names.
func (t *Thread) Import(name string) (*Module, error) { return t.importAt(name, nil) }

// importSite is what an import statement's run found, kept in its node
// for the program's later runs: the registered module (valid while the
// registry's generation is the same) and the slot of the dict of the
// module's parent that held the module's name (Dict.getStrAt).
type importSite struct {
	reg    registeredModule
	regGen uint64 // registryGen when reg was looked up; 0 for none
	slot   int
}

// importAt is Import; site, if not nil, is what the import statement
// making the call found last, used when it still holds and updated.
func (t *Thread) importAt(name string, site *importSite) (*Module, error) {
	if m := t.imported(name); m != nil {
		return m, nil
	}
	var parent *Module
	dot := strings.LastIndexByte(name, '.')
	if i := dot; i >= 0 {
		p, err := t.Import(name[:i])
		if err != nil {
			return nil, err
		}
		parent = p
		if m := t.imported(name); m != nil {
			return m, nil
		}
	}
	var reg registeredModule
	ok := site != nil && site.regGen != 0 && site.regGen == registryGen.Load()
	if ok {
		reg = site.reg
	} else {
		gen := registryGen.Load() // before the look-up: a later registration makes it stale
		if reg, ok = lookupModule(name); ok && site != nil {
			site.reg, site.regGen = reg, gen
		}
	}
	if !ok {
		if parent != nil {
			return nil, Errorf(ModuleNotFoundErrorClass, "No module named '%s'; '%s' is not a package", name, parent.Name)
		}
		if suggest.IsStdlibModule(name) {
			// CPython would import it; say plainly that the simulator cannot.
			return nil, Errorf(ModuleNotFoundErrorClass, "No module named '%s' (the simulator does not provide this standard-library module)", name)
		}
		return nil, Errorf(ModuleNotFoundErrorClass, "No module named '%s'", name)
	}
	var m *Module
	if reg.template != nil {
		m = t.newSharedModule(name, reg.template())
		t.addModule(name, m)
	} else {
		m = NewModule(name)
		i := t.addModule(name, m)
		if err := reg.init(t, m); err != nil {
			t.modules = slices.Delete(t.modules, i, i+1)
			return nil, err
		}
	}
	if parent != nil {
		attr := name[dot+1:]
		// A placeholder for m already stands for it (moduleAttr finds m
		// among the imported modules); replacing it would copy the values
		// of a shared parent (torch's hundreds) for one of them.
		var cur Value
		if site != nil {
			cur, _ = parent.dict.getStrAt(attr, &site.slot)
		} else {
			cur, _ = parent.dict.GetStr(attr)
		}
		if sub, lazy := cur.(*submodule); !lazy || sub.name != name {
			parent.dict.setStr(attr, nil, m)
		}
	}
	if reg.template != nil {
		return m, nil // its children are bound to submodule placeholders
	}
	for _, c := range childModules(name) {
		if _, err := t.Import(c); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// submodule stands, in a shared module's dict, for a registered child
// module. It never reaches Python code: moduleAttr returns the module
// instead (importing it on first use), and loadSubmodules replaces it with
// the module before the dict is shown whole.
type submodule struct{ name string }

func (*submodule) Type() *Class { return ModuleClass }

// moduleAttr returns m.name, importing it first if it is a child module
// not used yet.
func (t *Thread) moduleAttr(m *Module, name string) (Value, bool, error) {
	v, ok := m.dict.GetStr(name)
	if sub, lazy := v.(*submodule); lazy {
		child, err := t.Import(sub.name)
		return child, err == nil, err
	}
	return v, ok, nil
}

// moduleAttrAt is obj.name for the attribute node a when obj is a module
// whose dict holds name (a child module not imported yet excepted),
// found through the slot a found it in last. ok is false for GetAttr to
// decide.
func moduleAttrAt(obj Value, a *Attribute) (Value, bool) {
	m, ok := obj.(*Module)
	if !ok {
		return nil, false
	}
	v, ok := m.dict.getStrAt(a.Name, &a.mslot)
	if _, lazy := v.(*submodule); lazy {
		return nil, false
	}
	return v, ok
}

// loadSubmodules imports every child module m's dict still holds a
// placeholder for and puts the modules in their place, before its dict is
// shown whole.
func (t *Thread) loadSubmodules(m *Module) error {
	for i := 0; i < len(m.dict.vals); i++ {
		if sub, lazy := m.dict.vals[i].(*submodule); lazy && m.dict.keys[i] != nil {
			child, err := t.Import(sub.name)
			if err != nil {
				return err
			}
			m.dict.setStr(string(m.dict.keys[i].(Str)), m.dict.keys[i], child)
		}
	}
	return nil
}
