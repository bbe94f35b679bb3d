// Package sim is the simulator's facade: run a learner's Python program in
// a workspace of files under limits and report what it printed, how it
// failed, and the files it left. The web server, the lesson checker and the
// quizzes use only this package; they know nothing of the interpreter.
package sim

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
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
	Output string            // stdout and stderr interleaved as the learner sees them; a traceback ends it
	Error  *Error            // nil when the program finished normally
	Files  map[string][]byte // the workspace after the run
	// Before is the workspace as the block found it, after the history
	// replayed, so a caller can tell which files this block wrote.
	Before   map[string][]byte
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
	start := time.Now()

	// The session lives in this call, not on the heap. It ends with this
	// run: its workspace, namespace and last thread come in one kit, given
	// back together.
	kit := python.NewKit(req.Files)
	s := Session{ws: kit.Workspace(), main: kit.Main(), limits: sessionLimits(req.Limits), kit: kit}
	// The run's threads stop themselves at the deadline; a context with
	// a timeout would cost a timer per run for the same end.
	s.limits.Deadline = start.Add(timeout)
	// The session ends with this run: its result may share the files'
	// bytes with the workspace instead of copying them, and its last
	// block's thread, its workspace and its namespace may be reused.
	s.final = true
	for i, block := range req.History {
		if err := s.Replay(ctx, block); err != nil {
			return nil, fmt.Errorf("sim: history block %d: %w", i, err)
		}
	}
	res := s.exec(ctx, req.Code)
	res.Duration = time.Since(start)
	return res, nil
}

// A Session is one notebook kernel: blocks run one after another in one
// namespace and one workspace, as a learner runs a lesson's blocks. Run
// replays a request's history through one; check runs a lesson through one
// so that each block runs once. A Session is not safe for concurrent use.
type Session struct {
	ws     *python.Workspace
	main   *python.Module
	limits python.Limits
	// final marks a session no block will run in after the next (Run's):
	// results share file bytes with the workspace, the last block's
	// result takes its map of files, and its thread, the workspace and
	// the namespace, all from kit, are released for reuse.
	final bool
	kit   *python.Kit
}

// NewSession starts a session on a workspace holding files. Each block run
// in it gets limits' step, memory and output budgets; the caller's context
// bounds its time.
func NewSession(files map[string][]byte, limits Limits) *Session {
	s := newSession(files, limits)
	return &s
}

func newSession(files map[string][]byte, limits Limits) Session {
	return Session{
		ws:     python.NewWorkspace(files),
		main:   python.NewMainModule(),
		limits: sessionLimits(limits),
	}
}

// sessionLimits are the budgets of each block of a session.
func sessionLimits(limits Limits) python.Limits {
	return python.Limits{Steps: limits.Steps, MemoryBytes: limits.MemoryBytes, OutputBytes: limits.OutputBytes}
}

// Replay runs a block silently, as the history of a later one: its output
// is discarded, and an exception stops that block (as it did when the
// learner ran it) while the session goes on. The error is ctx's, or
// context.DeadlineExceeded past the session's deadline, when the replay ran
// out of time.
func (s *Session) Replay(ctx context.Context, code string) error {
	// A real run finds its own script, main.py, in its directory.
	s.ws.SetVirtual(python.ScriptName, code)
	t := python.NewThread(ctx, io.Discard, io.Discard, s.ws, s.limits)
	Prepare(t)
	err := t.Exec(s.main, code)
	t.Close()
	var le *python.LimitError
	if errors.As(err, &le) && le.Limit == "time" {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if d := s.limits.Deadline; !d.IsZero() && !time.Now().Before(d) {
			return context.DeadlineExceeded
		}
		return err
	}
	return nil
}

// files returns the workspace's files for a result: copies, unless the
// session shares them.
func (s *Session) files() map[string][]byte {
	if s.final {
		return s.ws.SharedFiles()
	}
	return s.ws.Files()
}

// Exec runs a block and reports what it printed, how it failed, the
// workspace after it, and the state it left.
func (s *Session) Exec(ctx context.Context, code string) *Result {
	start := time.Now()
	res := s.exec(ctx, code)
	res.Duration = time.Since(start)
	return res
}

// resultAndOutput is a block's result and the builder its output is
// written to, in one allocation.
type resultAndOutput struct {
	res Result
	out strings.Builder
}

// exec is Exec but for the result's Duration, which Run measures from
// its own start.
func (s *Session) exec(ctx context.Context, code string) *Result {
	s.ws.SetVirtual(python.ScriptName, code)
	before := s.files()
	// A Builder's String is its bytes, where a bytes.Buffer's is a copy.
	// The result and the output's builder are allocated together.
	r := &resultAndOutput{}
	out := &r.out
	var t *python.Thread
	if s.final {
		t = s.kit.NewThread(ctx, out, out, s.limits)
	} else {
		t = python.NewThread(ctx, out, out, s.ws, s.limits)
	}
	Prepare(t)
	obs := observe(t)
	err := t.Exec(s.main, code)
	t.Close()
	res := &r.res
	res.Before = before
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
	// What the program printed and wrote is taken before the state view:
	// describing the program calls reprs, which learner code may define
	// to print or write files (an extra_repr), and a real run of the
	// program never calls them.
	res.Output = out.String()
	if s.final {
		// Run's session ends with this block: the result takes the
		// workspace's map itself.
		res.Files = s.ws.TakeFiles()
	} else {
		res.Files = s.ws.Files()
	}
	res.Observed = obs.finish(s.main, res.Error)
	if s.final {
		// Neither the thread, the workspace nor the namespace is needed
		// any more (the result holds only strings and bytes, none of the
		// run's values).
		s.kit.Release()
		s.ws, s.main, s.kit = nil, nil, nil
	}
	return res
}
