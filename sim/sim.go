// Package sim is the simulator's facade: run a learner's Python program in
// a workspace of files under limits and report what it printed, how it
// failed, and the files it left. The web server, the lesson checker and the
// quizzes use only this package; they know nothing of the interpreter.
package sim

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/ckptlab/ckptlab/sim/python"
)

// Limits bound one run. Zero fields take the defaults.
type Limits struct {
	Steps       int64         // statements and loop iterations (default python.DefaultSteps)
	MemoryBytes int64         // allocation budget (default python.DefaultMemoryBytes)
	OutputBytes int           // printed bytes before the output is cut (default 1 MiB)
	Timeout     time.Duration // wall-clock budget (default DefaultTimeout)
}

// DefaultTimeout bounds a run's wall-clock time when Limits.Timeout is zero.
const DefaultTimeout = 10 * time.Second

// Request is one program to run.
type Request struct {
	Code    string            // the program, run as main.py
	History []string          // earlier blocks, replayed silently first in the same namespace
	Files   map[string][]byte // the workspace before the run
	Limits  Limits
}

// Result is what a run produced.
type Result struct {
	Output   string            // stdout and stderr interleaved as the learner sees them; a traceback ends it
	Error    *Error            // nil when the program finished normally
	Files    map[string][]byte // the workspace after the run
	Duration time.Duration
	Observed // the state view, timeline and plots of the block (observe.go)
}

// Error describes how a program failed.
type Error struct {
	Type      string // "KeyError", "SyntaxError", "LimitError", ...
	Message   string // the exception's message (with CPython's "Did you mean" hint)
	Line      int    // the learner line where it was raised, 0 if unknown
	Traceback string // the full text CPython would print to stderr
	Limit     string // "steps", "time", "memory", "output", or "" when no limit was hit
}

// ModuleHook lets packages add modules to every run (torch registers its
// modules through python.RegisterModule in its init; importing the package
// from here is all sim needs). It is called with the thread before the
// program runs, for per-run setup such as an event recorder.
type ModuleHook func(t *python.Thread)

var hooks []ModuleHook

// AddHook registers a per-run setup function. Call it from an init function.
func AddHook(h ModuleHook) { hooks = append(hooks, h) }

// Prepare runs the registered per-run setup on a thread. Run calls it; so
// does anything that drives python.Thread directly (server run).
func Prepare(t *python.Thread) {
	for _, h := range hooks {
		h(t)
	}
}

// Run executes req.History then req.Code. The error is non-nil only for
// misuse or an internal failure of the caller's context; a program that
// fails reports it in Result.Error.
func Run(ctx context.Context, req Request) (*Result, error) {
	if ctx == nil {
		return nil, errors.New("sim.Run: nil context")
	}
	timeout := req.Limits.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	start := time.Now()

	ws := python.NewWorkspace(req.Files)
	// A real run finds its own script, main.py, in its directory.
	ws.SetVirtual(python.ScriptName, []byte(req.Code))
	var out bytes.Buffer
	var discard bytes.Buffer
	limits := python.Limits{Steps: req.Limits.Steps, MemoryBytes: req.Limits.MemoryBytes, OutputBytes: req.Limits.OutputBytes}
	main := python.NewMainModule()

	// History replays silently: its output is discarded, an exception stops
	// that block (as it did when the learner ran it) and replay goes on.
	for i, block := range req.History {
		discard.Reset()
		ht := python.NewThread(ctx, &discard, &discard, ws, limits)
		Prepare(ht)
		err := ht.Exec(main, block)
		ht.Close()
		if err != nil {
			var le *python.LimitError
			if errors.As(err, &le) && le.Limit == "time" {
				return nil, fmt.Errorf("sim: history block %d: %w", i, ctx.Err())
			}
		}
	}

	t := python.NewThread(ctx, &out, &out, ws, limits)
	Prepare(t)
	obs := observe(t)
	err := t.Exec(main, req.Code)
	t.Close()
	res := &Result{Files: ws.Files()}
	if err != nil {
		if code, msg, ok := python.ExitCode(err); ok {
			out.WriteString(msg)
			if code != 0 {
				res.Error = &Error{Type: "SystemExit", Message: fmt.Sprint(code)}
			}
		} else {
			typ, msg, line := python.ErrorInfo(t, err)
			tb := python.FormatError(t, err)
			e := &Error{Type: typ, Message: msg, Line: line, Traceback: tb}
			var le *python.LimitError
			if errors.As(err, &le) {
				e.Limit = le.Limit
				e.Type = "LimitError"
			} else if typ == "MemoryError" {
				e.Limit = "memory"
			}
			var ie *python.InternalError
			if errors.As(err, &ie) {
				e.Type = "InternalError"
			}
			out.WriteString(tb)
			res.Error = e
		}
	}
	res.Observed = obs.finish(main, res.Error)
	res.Output = out.String()
	res.Duration = time.Since(start)
	return res, nil
}
