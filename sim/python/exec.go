package python

import (
	"fmt"
	"runtime/debug"
	"strings"
	"sync"
)

// NewMainModule returns an empty __main__ module: the namespace a program
// (and the history blocks replayed before it) runs in.
func NewMainModule() *Module {
	m := mainModules.Get().(*Module) // new, or emptied by ReleaseMainModule
	initMainModule(m)
	return m
}

// initMainModule makes m, empty, a new __main__.
func initMainModule(m *Module) {
	m.Name = "__main__"
	tmpl := mainTemplate()
	if cap(m.dict.keys) >= len(tmpl.keys) && cap(m.dict.vals) >= len(tmpl.keys) {
		// the room an earlier program's globals took: the template's
		// items (str keys, no empty slot, too few for an index) are
		// copied into it, where a new module borrows them
		d := m.dict
		d.keys = append(d.keys[:0], tmpl.keys...)
		d.vals = append(d.vals[:0], tmpl.vals...)
		d.n = int32(len(tmpl.keys))
		d.ver += uint64(len(tmpl.keys))
		return
	}
	m.dict.share(tmpl)
}

// mainModules are __main__ modules given back by ReleaseMainModule, each
// with its dict (allocated with it) emptied.
var mainModules = sync.Pool{New: func() any {
	a := &sharedModule{}
	a.m.dict = &a.d
	return &a.m
}}

// ReleaseMainModule empties m, made by NewMainModule, and gives it back for
// a later NewMainModule to reuse, with the room its globals took. Call it
// only when nothing will use m or anything the programs run in it made:
// their functions and classes point to its dict. sim.Run releases its
// module once it has described the run.
func ReleaseMainModule(m *Module) {
	m.Name = ""
	m.dict.recycle()
	mainModules.Put(m)
}

// mainTemplate is what every __main__ starts with, shared until the
// program's first global (Dict.Share). It is small enough to need no index
// of its keys (scanStrs).
var mainTemplate = sync.OnceValue(func() *Dict {
	d := NewDict()
	d.SetStr("__name__", Str("__main__"))
	d.SetStr("__builtins__", builtinsModule)
	d.SetStr("__doc__", None)
	d.SetStr("__file__", Str(ScriptName))
	return d
})

var builtinsModule = &Module{Name: "builtins"}

// Exec parses src and runs it in module m. The error is a *SyntaxError, a
// Python *Exception that was not caught, a *LimitError or an
// *InternalError (a recovered Go panic); FormatError renders any of them as
// CPython would.
func (t *Thread) Exec(m *Module, src string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &InternalError{Msg: fmt.Sprint(r), Stack: string(debug.Stack())}
		}
	}()
	// A cached program goes back to the cache when the thread closes, once
	// no generator of this run can still execute its nodes.
	prog, idle := programs.take(src)
	if prog != nil {
		t.parsed = append(t.parsed, parsedSource{src, prog, idle})
		return t.ExecProgram(m, prog)
	}
	prog, err = Parse(src)
	if err == nil {
		t.parsed = append(t.parsed, parsedSource{src, prog, idle})
	}
	if err != nil {
		if se, ok := err.(*SyntaxError); ok && se.Text == "" && se.Line >= 1 {
			lines := strings.Split(src, "\n")
			if se.Line >= 1 && se.Line <= len(lines) {
				se.Text = lines[se.Line-1]
			}
		}
		return err
	}
	return t.ExecProgram(m, prog)
}

// ExecProgram runs an already parsed program in module m. A Program caches
// name lookups in its nodes: run it on one thread at a time.
func (t *Thread) ExecProgram(m *Module, prog *Program) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &InternalError{Msg: fmt.Sprint(r), Stack: string(debug.Stack())}
		}
	}()
	if m.dict.sharedKeys {
		// A fresh __main__ still borrows its template: give it room for
		// the program's globals at once rather than growing it twice.
		m.dict.Reserve(len(prog.scope.bound))
	}
	// The thread's first program runs in the thread's own frame, still
	// zero (a new or released thread); a later one gets a frame of its
	// own.
	fr := &t.moduleFrame
	if t.moduleFrameUsed {
		fr = &frame{}
	}
	t.moduleFrameUsed = true
	fr.t, fr.name, fr.globals, fr.prog, fr.scope = t, "<module>", m.dict, prog, prog.scope
	fr.back = t.top
	t.top = fr
	t.depth++
	_, err = fr.execBody(prog.Body)
	t.depth--
	t.top = fr.back
	if se, ok := err.(*Exception); ok && se.Type().IsSubclass(SystemExitClass) {
		return err
	}
	return err
}

// ExitCode reports the status of a SystemExit error (sys.exit(n)) and
// whether err is one. A SystemExit with a message prints it to stderr.
func ExitCode(err error) (code int, msg string, ok bool) {
	e, isExc := err.(*Exception)
	if !isExc || !e.Type().IsSubclass(SystemExitClass) {
		return 0, "", false
	}
	if len(e.Args) == 0 || e.Args[0] == None {
		return 0, "", true
	}
	if n, isInt := AsInt64(e.Args[0]); isInt {
		return int(n), "", true
	}
	return 1, strNoThread(e.Args[0]) + "\n", true
}

// ErrorInfo summarises an error from Exec: the exception type name, its
// message, and the learner line where it was raised (innermost frame).
func ErrorInfo(t *Thread, err error) (typ, msg string, line int) {
	defer func() {
		if r := recover(); r != nil {
			typ, msg = "SystemError", fmt.Sprint("internal error in the simulator: ", r)
		}
	}()
	switch e := err.(type) {
	case *SyntaxError:
		typ = "SyntaxError"
		if e.Indentation {
			typ = "IndentationError"
		}
		if e.Tab {
			typ = "TabError"
		}
		return typ, e.Msg, e.Line
	case *Exception:
		cls := e.Type()
		typ = cls.Name
		if cls.Module != "builtins" && cls.Module != "__main__" && cls.Module != "" {
			typ = cls.Module + "." + cls.Name
		}
		if t != nil {
			msg, _ = ToStr(t, e)
		} else {
			msg = e.message()
		}
		msg += suggestionFor(t, e)
		if len(e.tb) > 0 {
			line = e.tb[0].line
		}
		return typ, msg, line
	case *LimitError:
		return "LimitError", e.Msg, e.Line
	case *InternalError:
		return "SystemError", e.Msg, t.Line()
	}
	return "SystemError", err.Error(), 0
}
