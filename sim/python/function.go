package python

import (
	"fmt"
	"runtime/debug"
)

// Function is a function defined by learner code (def or lambda).
type Function struct {
	Name, QualName string
	Doc            Value
	Defaults       []Value          // defaults of the last positional parameters
	KwDefaults     map[string]Value // defaults of keyword-only parameters
	def            *FuncDef
	globals        *Dict
	frees          []*Cell
	class          *Class // the class whose body defined it (for super())
	prog           *Program
	attrs          *Dict
}

func (*Function) Type() *Class { return FunctionClass }

// Dict holds attributes learner code sets on the function.
func (f *Function) Dict() *Dict {
	if f.attrs == nil {
		f.attrs = NewDict()
	}
	return f.attrs
}

// frame is one activation of learner code: the module, a function call, a
// class body or (hidden from tracebacks) a comprehension.
type frame struct {
	t       *Thread
	back    *frame
	name    string
	fn      *Function
	scope   *scope
	locals  []Value
	frees   []*Cell
	ns      *Dict // class body namespace
	globals *Dict
	prog    *Program
	node    Stmt // the statement being executed
	hidden  bool // a comprehension: tracebacks show the enclosing frame
	parent  *frame
	retval  Value
	gen     *generator
	small   [6]Value // backing store for locals of small functions

	// A call's frame is reused for a later call once it returns (see
	// releaseFrame). serial tells its activations apart, for exceptions
	// that remember the last frame they passed through; kept marks a frame
	// that something outlasting the call still points at.
	serial uint64
	kept   bool
	spare  []Value // reusable backing store for locals past len(small)

	// args holds the positional arguments of the calls this frame is
	// making (see callBorrowed), argTop the slots in use: nested calls
	// stack their arguments above.
	args   [6]Value
	argTop int
}

// tbFrame is the frame a traceback entry names.
func (fr *frame) tbFrame() *frame {
	for fr.hidden {
		fr = fr.parent
	}
	return fr
}

type tbEntry struct {
	name string
	line int
	span Pos
	prog *Program
}

// annotate adds this frame's traceback entry to err (once per frame).
func (fr *frame) annotate(err error, n Node) error {
	if err == nil {
		return nil
	}
	e, ok := err.(*Exception)
	if !ok {
		return err
	}
	tf := fr.tbFrame()
	if e.tbFrame == tf && e.tbSerial == tf.serial {
		return err
	}
	e.tbFrame, e.tbSerial = tf, tf.serial
	sp := n.Span()
	e.tb = append(e.tb, tbEntry{name: tf.name, line: sp.Line, span: sp, prog: tf.prog})
	return err
}

// wholeLine is a position CPython reports for a compound statement's own
// instructions (for-loop iteration): it runs past the line, so the
// traceback draws no carets.
func wholeLine(p Pos) Pos { return Pos{p.Line, p.Col, p.Line + 1, 0} }

// callFunction runs a learner function with self (nil for none) prepended
// to the arguments.
func (t *Thread) callFunction(f *Function, self Value, args Args) (Value, error) {
	fr := t.newFrame(f)
	if err := t.bindArgs(f, fr.locals, self, args); err != nil {
		return nil, err
	}
	return t.runFrame(f, fr)
}

// newFrame returns the frame of a call to f, reusing one a finished call
// released when there is one.
func (t *Thread) newFrame(f *Function) *frame {
	s := f.def.scope
	var fr *frame
	if n := len(t.frames); n > 0 {
		fr = t.frames[n-1]
		t.frames[n-1] = nil
		t.frames = t.frames[:n-1]
	} else {
		fr = &frame{t: t}
	}
	t.frameSerial++
	fr.serial = t.frameSerial
	fr.name, fr.fn, fr.scope, fr.globals, fr.frees, fr.prog = f.Name, f, s, f.globals, f.frees, f.prog
	switch {
	case s.nslots <= len(fr.small):
		fr.locals = fr.small[:s.nslots]
	case s.nslots <= cap(fr.spare):
		fr.locals = fr.spare[:s.nslots]
	default:
		fr.spare = make([]Value, s.nslots)
		fr.locals = fr.spare
	}
	return fr
}

// maxFreeFrames bounds the frames a thread keeps for reuse.
const maxFreeFrames = 64

// releaseFrame offers the frame of a call that returned normally for reuse,
// unless something that outlives the call still points at it (a generator,
// a NameError's suggestion lookup). Closures hold cells, not frames, and a
// traceback records names and lines, so nothing else can.
func (t *Thread) releaseFrame(fr *frame) {
	if fr.kept || fr.gen != nil || len(t.frames) >= maxFreeFrames {
		return
	}
	clear(fr.locals)
	fr.retval, fr.back, fr.node = nil, nil, nil
	t.frames = append(t.frames, fr)
}

// keep marks fr and the frames it reaches through parent as referenced
// beyond their calls, so they are never reused.
func (fr *frame) keep() {
	for ; fr != nil; fr = fr.parent {
		fr.kept = true
	}
}

// simpleArity reports whether f takes exactly n plain positional
// parameters (no defaults used, no *args, **kwargs or keyword-only ones)
// and is not a generator: such calls fill the frame's slots directly.
func (f *Function) simpleArity(n int) bool {
	s := f.def.scope
	return s.plainParams && !s.generator && len(f.def.Params) == n
}

// runFrame runs a call's frame once its parameters are bound.
func (t *Thread) runFrame(f *Function, fr *frame) (Value, error) {
	s := f.def.scope
	for _, i := range s.cellSlots {
		fr.locals[i] = &Cell{V: fr.locals[i]}
	}
	if s.generator {
		g := &generator{t: t, fr: fr, name: f.Name}
		fr.gen = g
		g.body = func() error {
			_, err := fr.runBody(&f.def.bodyc, f.def.Body)
			if err == nil && fr.retval != nil {
				g.ret = fr.retval
			}
			return err
		}
		return g, nil
	}
	if t.depth >= t.limits.Depth {
		return nil, Errorf(RecursionErrorClass, "maximum recursion depth exceeded")
	}
	t.depth++
	fr.back = t.top
	t.top = fr
	_, err := fr.runBody(&f.def.bodyc, f.def.Body)
	t.top = fr.back
	t.depth--
	if err != nil {
		// Not reused: the exception's traceback bookkeeping names it.
		return nil, err
	}
	r := fr.retval
	if r == nil {
		r = None
	}
	t.releaseFrame(fr)
	return r, nil
}

// bindArgs places a call's arguments in the parameter slots, raising
// CPython's TypeErrors for mismatches.
func (t *Thread) bindArgs(f *Function, locals []Value, self Value, args Args) error {
	params := f.def.Params
	name := f.QualName
	pos := args.Pos
	nPosParams := 0
	varargs, varkw := -1, -1
	for i, p := range params {
		switch p.Kind {
		case 0, 4:
			nPosParams++
		case 1:
			varargs = i
		case 3:
			varkw = i
		}
	}
	// Fast path: positional arguments exactly filling positional params.
	given := len(pos)
	if self != nil {
		given++
	}
	if len(args.Kw) == 0 && varargs < 0 && varkw < 0 && given == nPosParams && len(params) == nPosParams {
		i := 0
		if self != nil {
			locals[0] = self
			i = 1
		}
		copy(locals[i:], pos)
		return nil
	}
	all := pos
	if self != nil {
		all = make([]Value, 0, len(pos)+1)
		all = append(all, self)
		all = append(all, pos...)
	}
	set := make([]bool, len(params))
	for i, v := range all {
		if i < nPosParams {
			locals[i] = v
			set[i] = true
			continue
		}
		if varargs < 0 {
			nDefaults := len(f.Defaults)
			kwGiven := 0
			for _, k := range args.Kw {
				for _, p := range params {
					if p.Name == k.Name && p.Kind == 2 {
						kwGiven++
					}
				}
			}
			takes := plural(nPosParams, "positional argument")
			if nDefaults > 0 {
				takes = fmt.Sprintf("from %d to %d positional arguments", nPosParams-nDefaults, nPosParams)
			}
			if kwGiven > 0 {
				return Errorf(TypeErrorClass, "%s() takes %s but %d positional %s (and %d keyword-only %s) were given", name, takes, len(all), pluralWord(len(all), "argument"), kwGiven, pluralWord(kwGiven, "argument"))
			}
			return Errorf(TypeErrorClass, "%s() takes %s but %d %s given", name, takes, len(all), wasWere(len(all)))
		}
		break
	}
	if varargs >= 0 {
		var extra Tuple
		if len(all) > nPosParams {
			extra = append(Tuple(nil), all[nPosParams:]...)
		} else {
			extra = Tuple{}
		}
		locals[f.def.scope.slots[params[varargs].Name]] = extra
		set[varargs] = true
	}
	var kwDict *Dict
	if varkw >= 0 {
		kwDict = NewDict()
		locals[f.def.scope.slots[params[varkw].Name]] = kwDict
		set[varkw] = true
	}
	var posOnlyAsKw []string
kwloop:
	for _, k := range args.Kw {
		for i, p := range params {
			if p.Name == k.Name && (p.Kind == 0 || p.Kind == 2) {
				if set[i] {
					return Errorf(TypeErrorClass, "%s() got multiple values for argument '%s'", name, k.Name)
				}
				locals[f.def.scope.slots[p.Name]] = k.Value
				set[i] = true
				continue kwloop
			}
			if p.Name == k.Name && p.Kind == 4 && kwDict == nil {
				posOnlyAsKw = append(posOnlyAsKw, k.Name)
				continue kwloop
			}
		}
		if kwDict != nil {
			kwDict.setStr(k.Name, nil, k.Value)
			continue
		}
		return Errorf(TypeErrorClass, "%s() got an unexpected keyword argument '%s'", name, k.Name)
	}
	if len(posOnlyAsKw) > 0 {
		return Errorf(TypeErrorClass, "%s() got some positional-only arguments passed as keyword arguments: '%s'", name, joinStrings(posOnlyAsKw, ", "))
	}
	// Defaults and missing arguments.
	firstDefault := nPosParams - len(f.Defaults)
	var missingPos, missingKw []string
	for i, p := range params {
		if set[i] {
			continue
		}
		switch p.Kind {
		case 0, 4:
			if i >= firstDefault {
				locals[f.def.scope.slots[p.Name]] = f.Defaults[i-firstDefault]
			} else {
				missingPos = append(missingPos, "'"+p.Name+"'")
			}
		case 2:
			if d, ok := f.KwDefaults[p.Name]; ok {
				locals[f.def.scope.slots[p.Name]] = d
			} else {
				missingKw = append(missingKw, "'"+p.Name+"'")
			}
		}
	}
	if len(missingPos) > 0 {
		return Errorf(TypeErrorClass, "%s() missing %d required positional %s: %s", name, len(missingPos), pluralWord(len(missingPos), "argument"), joinMissing(missingPos))
	}
	if len(missingKw) > 0 {
		return Errorf(TypeErrorClass, "%s() missing %d required keyword-only %s: %s", name, len(missingKw), pluralWord(len(missingKw), "argument"), joinMissing(missingKw))
	}
	return nil
}

// ---- generators ----

// generator runs a generator function's frame on its own goroutine, handing
// control back and forth so only one side runs at a time.
type generator struct {
	t       *Thread
	fr      *frame
	name    string
	started bool
	done    bool
	running bool
	ret     Value // the value of a return statement, for StopIteration.value
	body    func() error
	resume  chan genMsg
	yield   chan genMsg
}

type genMsg struct {
	v     Value
	err   error
	close bool
	done  bool
}

func (*generator) Type() *Class { return GeneratorClass }

// maxLiveGenerators bounds the generators a run may start (each holds a
// suspended goroutine until the run ends).
const maxLiveGenerators = 10000

// errGenClosed unwinds a generator's goroutine when the run ends.
type genClosed struct{}

func (genClosed) Error() string { return "generator closed" }

func (g *generator) Next(t *Thread) (Value, bool, error) {
	return g.send(t, None)
}

func (g *generator) send(t *Thread, v Value) (Value, bool, error) {
	if g.done {
		return nil, false, nil
	}
	if g.running {
		return nil, false, Errorf(ValueErrorClass, "generator already executing")
	}
	if t.depth >= t.limits.Depth {
		return nil, false, Errorf(RecursionErrorClass, "maximum recursion depth exceeded")
	}
	g.running = true
	t.depth++
	g.fr.back = t.top
	t.top = g.fr
	var msg genMsg
	if !g.started {
		if len(t.gens) >= maxLiveGenerators {
			t.depth--
			t.top = g.fr.back
			g.running = false
			return nil, false, NewException(MemoryErrorClass)
		}
		if err := t.Alloc(8 << 10); err != nil {
			t.depth--
			t.top = g.fr.back
			g.running = false
			return nil, false, err
		}
		g.started = true
		g.resume = make(chan genMsg)
		g.yield = make(chan genMsg)
		t.gens = append(t.gens, g)
		go g.run()
		msg = <-g.yield
	} else {
		g.resume <- genMsg{v: v}
		msg = <-g.yield
	}
	t.top = g.fr.back
	t.depth--
	g.running = false
	if msg.done {
		g.done = true
		if msg.err != nil {
			if isException(msg.err, StopIterationClass) {
				return nil, false, Errorf(RuntimeErrorClass, "generator raised StopIteration")
			}
			return nil, false, msg.err
		}
		return nil, false, nil
	}
	return msg.v, true, nil
}

func (g *generator) run() {
	var err error
	defer func() {
		if r := recover(); r != nil {
			err = &InternalError{Msg: fmt.Sprint(r), Stack: string(debug.Stack())}
		}
		if _, ok := err.(genClosed); ok {
			g.yield <- genMsg{done: true}
			return
		}
		g.yield <- genMsg{done: true, err: err}
	}()
	err = g.body()
}

// yieldValue is called on the generator's goroutine by a yield expression.
func (g *generator) yieldValue(v Value) (Value, error) {
	g.yield <- genMsg{v: v}
	msg := <-g.resume
	if msg.close {
		return nil, genClosed{}
	}
	if msg.err != nil {
		return nil, msg.err
	}
	return msg.v, nil
}

func (g *generator) close() {
	if g.started && !g.done {
		g.resume <- genMsg{close: true}
		<-g.yield
		g.done = true
	}
}

// InternalError reports a bug in the simulator (a recovered Go panic).
type InternalError struct {
	Msg   string
	Stack string
}

func (e *InternalError) Error() string { return "internal error: " + e.Msg }
