package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/go-chi/chi/v5/middleware"
	"github.com/go-chi/httprate"

	"github.com/ckptlab/ckptlab/sim"
)

// RunFunc runs one program; sim.Run in production, a fake in tests that
// must control timing.
type RunFunc func(context.Context, sim.Request) (*sim.Result, error)

// RunLimits bound what one client and the whole server may ask of the
// runner. Zero fields take the defaults of DefaultRunLimits.
type RunLimits struct {
	// MaxConcurrent is how many programs run at once; runs are CPU-bound,
	// so more than a few per core only adds latency. QueueWait is how long
	// a run waits for a slot before the server answers 503.
	MaxConcurrent int
	QueueWait     time.Duration

	// RatePerMinute is how many runs one client IP may start per minute
	// before getting 429.
	RatePerMinute int

	MaxBodyBytes    int64 // the whole request, JSON or form
	MaxCodeBytes    int   // the block to run
	MaxHistory      int   // earlier blocks replayed
	MaxHistoryBytes int   // their total size
	MaxFiles        int   // files sent with the request
	MaxFileBytes    int   // one file, decoded

	Sim sim.Limits // the program's own limits (steps, memory, output, time)
}

// DefaultRunLimits are the limits a zero RunLimits field takes.
var DefaultRunLimits = RunLimits{
	MaxConcurrent:   2 * runtime.GOMAXPROCS(0),
	QueueWait:       2 * time.Second,
	RatePerMinute:   120,
	MaxBodyBytes:    8 << 20,
	MaxCodeBytes:    64 << 10,
	MaxHistory:      50,
	MaxHistoryBytes: 512 << 10,
	MaxFiles:        16,
	MaxFileBytes:    4 << 20,
	Sim:             sim.Limits{Timeout: 10 * time.Second, Steps: 20_000_000, MemoryBytes: 256 << 20, OutputBytes: 256 << 10},
}

func (l RunLimits) withDefaults() RunLimits {
	d := DefaultRunLimits
	pick := func(v, def int) int {
		if v > 0 {
			return v
		}
		return def
	}
	l.MaxConcurrent = pick(l.MaxConcurrent, d.MaxConcurrent)
	l.RatePerMinute = pick(l.RatePerMinute, d.RatePerMinute)
	l.MaxCodeBytes = pick(l.MaxCodeBytes, d.MaxCodeBytes)
	l.MaxHistory = pick(l.MaxHistory, d.MaxHistory)
	l.MaxHistoryBytes = pick(l.MaxHistoryBytes, d.MaxHistoryBytes)
	l.MaxFiles = pick(l.MaxFiles, d.MaxFiles)
	l.MaxFileBytes = pick(l.MaxFileBytes, d.MaxFileBytes)
	if l.QueueWait <= 0 {
		l.QueueWait = d.QueueWait
	}
	if l.MaxBodyBytes <= 0 {
		l.MaxBodyBytes = d.MaxBodyBytes
	}
	if l.Sim == (sim.Limits{}) {
		l.Sim = d.Sim
	}
	return l
}

// runner serves /api/run and the no-JS form. It holds no learner state: the
// browser sends the blocks already run with every request.
type runner struct {
	s        *Server
	run      RunFunc
	limits   RunLimits
	slots    chan struct{}
	listings listingCache
}

func newRunner(s *Server, run RunFunc, limits RunLimits) *runner {
	if run == nil {
		run = sim.Run
	}
	limits = limits.withDefaults()
	return &runner{s: s, run: run, limits: limits, slots: make(chan struct{}, limits.MaxConcurrent)}
}

// middleware is what runs in front of both run routes: the body-size cap
// and the per-client rate limit, keyed by the address routes() resolved.
func (rn *runner) middleware() []func(http.Handler) http.Handler {
	limitBody := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			r.Body = http.MaxBytesReader(w, r.Body, rn.limits.MaxBodyBytes)
			next.ServeHTTP(w, r)
		})
	}
	byIP := func(r *http.Request) (string, error) {
		return middleware.GetClientIP(r.Context()), nil
	}
	rate := httprate.LimitBy(rn.limits.RatePerMinute, time.Minute, byIP,
		httprate.WithLimitHandler(func(w http.ResponseWriter, r *http.Request) {
			// httprate has set Retry-After to the seconds left in the
			// window; keep it rather than the adapter's default.
			retry := w.Header().Get("Retry-After")
			rn.s.fail(retryAfterWriter{w, retry}, r, Errorf(ETOOMANY,
				"You have started %d runs in the last minute, the most this server allows. Please wait a moment and run again.", rn.limits.RatePerMinute))
		}))
	return []func(http.Handler) http.Handler{rate, limitBody}
}

// retryAfterWriter restores a Retry-After value when the header is written.
type retryAfterWriter struct {
	http.ResponseWriter
	retry string
}

func (w retryAfterWriter) WriteHeader(status int) {
	if w.retry != "" {
		w.Header().Set("Retry-After", w.retry)
	}
	w.ResponseWriter.WriteHeader(status)
}

// runRequest is the JSON body of POST /api/run.
type runRequest struct {
	Code    string            `json:"code"`
	History []string          `json:"history"`
	Files   map[string]string `json:"files"` // name -> base64
	// AllContents asks for the bytes of every file, not only of those the
	// block wrote: the page asks for them to download a file made before a
	// reload.
	AllContents bool `json:"all_contents"`
}

// RunResponse is the JSON answer of POST /api/run (documented in README.md).
type RunResponse struct {
	Output   string       `json:"output"`
	Error    *RunError    `json:"error"`
	Files    []RunFile    `json:"files"`
	State    []sim.Object `json:"state"`    // the program's torch objects by name
	Timeline []sim.Event  `json:"timeline"` // checkpoint events of the block, in order
	// TimelineDropped counts events past the timeline's bound, left out.
	TimelineDropped int           `json:"timeline_dropped"`
	Plots           []string      `json:"plots"` // SVG documents the block drew
	DurationMS      float64       `json:"duration_ms"`
	Limits          RunLimitsInfo `json:"limits"`
}

// RunError is how the program failed.
type RunError struct {
	Type      string `json:"type"`
	Message   string `json:"message"`
	Line      int    `json:"line"`
	Traceback string `json:"traceback"`
	// Limit names the limit the run hit ("time", "steps", "memory",
	// "output"), and LimitText says it as a sentence for the learner.
	Limit     string `json:"limit,omitempty"`
	LimitText string `json:"limit_text,omitempty"`
}

// RunFile is one workspace file after the run. Content (base64) is set for
// files the block created or changed (the earlier blocks' files were sent
// when they ran), or for every file when the request asks for all.
type RunFile struct {
	Name       string                `json:"name"`
	Size       int                   `json:"size"`
	SHA256     string                `json:"sha256"`
	Changed    bool                  `json:"changed"`
	Content    string                `json:"content,omitempty"`
	Checkpoint []sim.CheckpointEntry `json:"checkpoint,omitempty"`
	// CheckpointError says why a .pth file could not be listed.
	CheckpointError string `json:"checkpoint_error,omitempty"`
}

// RunLimitsInfo tells the page the bounds it must respect, so it can trim
// its history before the server refuses it.
type RunLimitsInfo struct {
	MaxHistory      int `json:"max_history"`
	MaxHistoryBytes int `json:"max_history_bytes"`
	MaxFileBytes    int `json:"max_file_bytes"`
}

// api answers POST /api/run.
func (rn *runner) api(w http.ResponseWriter, r *http.Request) error {
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(ct, "application/json") {
		return Errorf(EINVALID, "Send the program as JSON (Content-Type: application/json), not %s.", ct)
	}
	var req runRequest
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		return rn.decodeError(err)
	}
	if dec.More() {
		return Errorf(EINVALID, "The request body holds more than one JSON value; send one object.")
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return Errorf(EINVALID, "The request body holds more than one JSON value; send one object.")
	}
	files := make(map[string][]byte, len(req.Files))
	if len(req.Files) > rn.limits.MaxFiles {
		return Errorf(EINVALID, "The request sends %d files; at most %d are allowed.", len(req.Files), rn.limits.MaxFiles)
	}
	for name, enc := range req.Files {
		if err := checkFileName(name); err != nil {
			return err
		}
		b, err := base64.StdEncoding.DecodeString(enc)
		if err != nil {
			return Errorf(EINVALID, "File %q is not valid base64: %v.", name, err)
		}
		if len(b) > rn.limits.MaxFileBytes {
			return Errorf(ETOOLARGE, "File %q is %s; files may be at most %s.", name, byteSize(len(b)), byteSize(rn.limits.MaxFileBytes))
		}
		files[name] = b
	}
	res, err := rn.execute(r.Context(), req.Code, req.History, files, req.AllContents)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, res)
}

// decodeError turns a JSON decoding failure into a message that says what
// to fix.
func (rn *runner) decodeError(err error) error {
	var maxErr *http.MaxBytesError
	var syntaxErr *json.SyntaxError
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &maxErr):
		return Errorf(ETOOLARGE, "The request body is larger than %s.", byteSize(int(rn.limits.MaxBodyBytes)))
	case errors.Is(err, io.EOF):
		return Errorf(EINVALID, `The request body is empty; send {"code": "..."}.`)
	case errors.As(err, &syntaxErr):
		return Errorf(EINVALID, "The request body is not valid JSON (at byte %d): %v.", syntaxErr.Offset, err)
	case errors.As(err, &typeErr):
		return Errorf(EINVALID, "Field %q must be %s, not a JSON %s.", typeErr.Field, jsonKind(typeErr.Type.String()), typeErr.Value)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return Errorf(EINVALID, "Unknown field %s: the request may have code, history and files.", strings.TrimPrefix(err.Error(), "json: unknown field "))
	}
	return Errorf(EINVALID, "The request body is not valid JSON: %v.", err)
}

func jsonKind(goType string) string {
	switch goType {
	case "string":
		return "a string"
	case "[]string":
		return "an array of strings"
	case "map[string]string":
		return "an object of base64 strings"
	}
	return "a JSON object"
}

// checkFileName refuses names that are not plain workspace files.
func checkFileName(name string) error {
	switch {
	case name == "" || name == "." || name == "..":
		return Errorf(EINVALID, "A file name is empty or a directory.")
	case len(name) > 255:
		return Errorf(EINVALID, "The file name %.40q... is longer than 255 bytes.", name)
	case strings.ContainsAny(name, "/\\\x00"):
		return Errorf(EINVALID, "File name %q must not contain a slash or a NUL.", name)
	}
	return nil
}

// execute checks the program against the limits, waits for a run slot and
// runs it. Both routes share it.
func (rn *runner) execute(ctx context.Context, code string, history []string, files map[string][]byte, allContents bool) (*RunResponse, error) {
	if len(code) > rn.limits.MaxCodeBytes {
		return nil, Errorf(ETOOLARGE, "The block is %s; blocks may be at most %s.", byteSize(len(code)), byteSize(rn.limits.MaxCodeBytes))
	}
	if len(history) > rn.limits.MaxHistory {
		return nil, Errorf(EINVALID, "The lesson has run %d blocks since the last restart, more than the %d the server replays. Press Restart and run the blocks you need again.", len(history), rn.limits.MaxHistory)
	}
	total := 0
	for _, h := range history {
		total += len(h)
	}
	if total > rn.limits.MaxHistoryBytes {
		return nil, Errorf(EINVALID, "The blocks run since the last restart add up to %s, more than the %s the server replays. Press Restart and run the blocks you need again.", byteSize(total), byteSize(rn.limits.MaxHistoryBytes))
	}

	if err := rn.acquire(ctx); err != nil {
		return nil, err
	}
	defer func() { <-rn.slots }()

	res, err := rn.run(ctx, sim.Request{Code: code, History: history, Files: files, Limits: rn.limits.Sim})
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("run: %w", ctx.Err())
		}
		if errors.Is(err, context.DeadlineExceeded) {
			// The replay of the earlier blocks used up the run's time.
			return &RunResponse{
				Error: &RunError{Type: "LimitError", Limit: "time",
					Message:   "the earlier blocks ran out of time while being replayed",
					LimitText: "Replaying the blocks you ran before this one took longer than the " + rn.limits.Sim.Timeout.String() + " a run may take. Press Restart and run only the blocks you need."},
				Files: []RunFile{}, State: []sim.Object{}, Timeline: []sim.Event{}, Plots: []string{},
				Limits: rn.limitsInfo(),
			}, nil
		}
		return nil, fmt.Errorf("run: %w", err)
	}
	if res.ViewFailure != "" {
		// A simulator bug: the learner gets the output without the view.
		rn.s.log.Error("state view failed", "err", res.ViewFailure)
	}
	before := res.Before
	if allContents {
		before = nil
	} else if before == nil {
		before = files
	}
	return rn.response(res, before), nil
}

// acquire waits for a run slot, at most QueueWait.
func (rn *runner) acquire(ctx context.Context) error {
	select {
	case rn.slots <- struct{}{}:
		return nil
	default:
	}
	t := time.NewTimer(rn.limits.QueueWait)
	defer t.Stop()
	select {
	case rn.slots <- struct{}{}:
		return nil
	case <-t.C:
		return Errorf(EUNAVAILABLE, "Every runner is busy. Please run again in a moment.")
	case <-ctx.Done():
		return fmt.Errorf("wait for a run slot: %w", ctx.Err())
	}
}

func (rn *runner) limitsInfo() RunLimitsInfo {
	return RunLimitsInfo{MaxHistory: rn.limits.MaxHistory, MaxHistoryBytes: rn.limits.MaxHistoryBytes, MaxFileBytes: rn.limits.MaxFileBytes}
}

// response turns the simulator's result into the API's answer. before is
// the workspace as the block found it, to tell which files it changed.
func (rn *runner) response(res *sim.Result, before map[string][]byte) *RunResponse {
	out := &RunResponse{
		Output:          res.Output,
		Files:           []RunFile{},
		State:           nonNil(res.State),
		Timeline:        nonNil(res.Timeline),
		TimelineDropped: res.TimelineDropped,
		Plots:           nonNil(res.Plots),
		DurationMS:      float64(res.Duration.Microseconds()) / 1000,
		Limits:          rn.limitsInfo(),
	}
	if e := res.Error; e != nil {
		out.Error = &RunError{Type: e.Type, Message: e.Message, Line: e.Line, Traceback: e.Traceback, Limit: e.Limit, LimitText: rn.limitText(e.Limit)}
	}
	names := make([]string, 0, len(res.Files))
	for name := range res.Files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		data := res.Files[name]
		sum := sha256.Sum256(data)
		f := RunFile{Name: name, Size: len(data), SHA256: hex.EncodeToString(sum[:])}
		if old, ok := before[name]; !ok || !bytes.Equal(old, data) {
			f.Changed = true
			f.Content = base64.StdEncoding.EncodeToString(data)
		}
		if entries, ok, err := rn.listings.list(name, f.SHA256, data); ok && err != nil {
			f.CheckpointError = checkpointErrorText(err)
		} else if ok {
			f.Checkpoint = nonNil(entries)
		}
		out.Files = append(out.Files, f)
	}
	return out
}

func checkpointErrorText(err error) string {
	s := strings.TrimPrefix(err.Error(), "list checkpoint: ")
	return strings.TrimPrefix(s, "list safetensors: ")
}

// limitText says which limit stopped the program, as a sentence.
func (rn *runner) limitText(limit string) string {
	l := rn.limits.Sim
	switch limit {
	case "time":
		return fmt.Sprintf("The program was stopped because it ran longer than the %s a run may take.", l.Timeout)
	case "steps":
		return fmt.Sprintf("The program was stopped because it ran more than %s steps (statements and loop iterations); is there a loop that never ends?", groupDigits(l.Steps))
	case "memory":
		return fmt.Sprintf("The program was stopped because it used more than the %s of memory a run may use.", byteSize(int(l.MemoryBytes)))
	case "output":
		return fmt.Sprintf("The program printed more than %s, so the output was cut there and the program stopped.", byteSize(l.OutputBytes))
	}
	return ""
}

// byteSize writes n bytes the way the files view does: 512 B, 1.5 KiB, 4 MiB.
func byteSize(n int) string {
	switch {
	case n < 1<<10:
		return fmt.Sprintf("%d B", n)
	case n < 1<<20:
		return trimZero(fmt.Sprintf("%.1f", float64(n)/(1<<10))) + " KiB"
	case n < 1<<30:
		return trimZero(fmt.Sprintf("%.1f", float64(n)/(1<<20))) + " MiB"
	}
	return trimZero(fmt.Sprintf("%.1f", float64(n)/(1<<30))) + " GiB"
}

func trimZero(s string) string { return strings.TrimSuffix(s, ".0") }

// groupDigits writes 20000000 as 20,000,000.
func groupDigits(n int64) string {
	s := fmt.Sprint(n)
	var b []byte
	for i := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b = append(b, ',')
		}
		b = append(b, s[i])
	}
	return string(b)
}

// nonNil makes an absent list an empty JSON array rather than null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// listingCache remembers the files view's listing of recent checkpoints by
// name and content hash. Learners run the same lesson code and save the
// same files, so most listings repeat; reading a checkpoint's pickle again
// cost a tenth of a run.
type listingCache struct {
	mu      sync.Mutex
	entries map[string]listing
}

type listing struct {
	entries []sim.CheckpointEntry
	ok      bool
	err     error
}

const maxCachedListings = 512

func (c *listingCache) list(name, sha string, data []byte) ([]sim.CheckpointEntry, bool, error) {
	key := sha + "\x00" + name
	c.mu.Lock()
	l, hit := c.entries[key]
	c.mu.Unlock()
	if hit {
		return l.entries, l.ok, l.err
	}
	entries, ok, err := sim.ListFile(name, data)
	c.mu.Lock()
	if c.entries == nil || len(c.entries) >= maxCachedListings {
		c.entries = map[string]listing{} // start over: simpler than LRU, and bounded
	}
	c.entries[key] = listing{entries, ok, err}
	c.mu.Unlock()
	return entries, ok, err
}
