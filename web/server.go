// Package web is ckptlab's HTTP side: the routes (all in routes.go), the
// handlers, the templ components that draw the pages, and the static assets.
// It knows lessons as rendered HTML and nothing about tensors.
package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/a-h/templ"
	"github.com/go-chi/chi/v5/middleware"

	"github.com/ckptlab/ckptlab/lessons"
	"github.com/ckptlab/ckptlab/quiz"
)

// Config is what the server needs from main. Zero durations and limits take
// the defaults below.
type Config struct {
	Course *lessons.Course
	Logger *slog.Logger

	// RequestTimeout bounds each request's context; handlers that wait
	// (the runner, issue 6) must watch it. Default 30s.
	RequestTimeout time.Duration

	// MaxInFlight bounds the requests handled at once, probes and static
	// files aside; past it, requests wait up to a second and then get 503.
	// Default 64.
	MaxInFlight int

	// Quiz is the quiz folder (issue 7), nil for a course without quizzes.
	// QuizRunner runs the snippets of code questions to compute their keys.
	Quiz       fs.FS
	QuizRunner quiz.Runner
	QuizDir    string // names Quiz in messages, e.g. "quiz"

	// Run bounds the runner of /api/run and the lesson forms (issue 6);
	// zero fields take DefaultRunLimits. Runner runs a program: nil is
	// sim.Run.
	Run    RunLimits
	Runner RunFunc

	// Dev is the instructor's development mode: pages load devreload.js,
	// which reloads them when Reload swaps in a new course (through
	// /dev/events), and show the course's load errors. Off in production,
	// where learners only see that a lesson is unavailable.
	Dev bool
}

// Defaults for Config's zero values.
const (
	DefaultRequestTimeout = 30 * time.Second
	DefaultMaxInFlight    = 64
)

// Server serves the course. It is an http.Handler.
type Server struct {
	state          atomic.Pointer[courseState] // swapped whole by Reload
	reloading      sync.Mutex                  // one Reload at a time, so the last one wins
	quizFS         fs.FS
	quizDir        string
	quizRunner     quiz.Runner
	dev            *devEvents // nil unless Config.Dev
	log            *slog.Logger
	assets         *assetSet
	requestTimeout time.Duration
	inFlight       chan struct{}
	draining       atomic.Bool
	handler        http.Handler
	runner         *runner
}

// New builds the server and its routes.
func New(cfg Config) (*Server, error) {
	if cfg.Course == nil {
		return nil, errors.New("web: no course")
	}
	set, err := assets()
	if err != nil {
		return nil, err
	}
	s := &Server{
		quizFS:         cfg.Quiz,
		quizDir:        cfg.QuizDir,
		quizRunner:     cfg.QuizRunner,
		log:            cfg.Logger,
		assets:         set,
		requestTimeout: cfg.RequestTimeout,
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if cfg.Dev {
		s.dev = newDevEvents()
	}
	if err := s.load(cfg.Course); err != nil {
		return nil, err
	}
	if s.requestTimeout <= 0 {
		s.requestTimeout = DefaultRequestTimeout
	}
	n := cfg.MaxInFlight
	if n <= 0 {
		n = DefaultMaxInFlight
	}
	s.inFlight = make(chan struct{}, n)
	s.runner = newRunner(s, cfg.Runner, cfg.Run)
	s.handler = s.routes()
	return s, nil
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.handler.ServeHTTP(w, r)
}

// Drain marks the server as shutting down: /readyz answers 503 so a load
// balancer stops sending new requests while in-flight ones finish.
func (s *Server) Drain() {
	s.draining.Store(true)
	s.dev.stop() // the event streams would hold the shutdown up
}

// A handlerFunc is a handler that returns its failure instead of writing it,
// so that one place, handle, turns every error into a response.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// handle adapts a handlerFunc to http.HandlerFunc: on error it logs the
// detail and answers with the error's status and a safe message, as a page,
// or as JSON under /api/.
func (s *Server) handle(h handlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			s.fail(w, r, err)
		}
	}
}

// writeJSON answers with v as JSON, in one write with its Content-Length
// (no chunked encoding), never cached.
func writeJSON(w http.ResponseWriter, status int, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode the JSON answer: %w", err)
	}
	b = append(b, '\n')
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	_, err = w.Write(b)
	return err
}

// fail writes the response for err.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	status := ErrorStatus(err)
	attrs := []any{"err", err, "status", status, "path", r.URL.Path, "request_id", middleware.GetReqID(r.Context())}
	switch {
	case status >= 500:
		s.log.Error("request failed", attrs...)
	default:
		s.log.Debug("request refused", attrs...)
	}
	if status == http.StatusServiceUnavailable || status == http.StatusTooManyRequests {
		w.Header().Set("Retry-After", "1")
	}

	if strings.HasPrefix(r.URL.Path, "/api/") {
		_ = writeJSON(w, status, map[string]any{"error": map[string]string{
			"code":    ErrorCode(err),
			"message": ErrorMessage(err),
		}})
		return
	}

	var page templ.Component
	if ErrorCode(err) == ENOTFOUND {
		page = NotFoundPage(ErrorMessage(err), s.course().Lessons)
	} else {
		page = ErrorPage(status, ErrorMessage(err), middleware.GetReqID(r.Context()))
	}
	var buf bytes.Buffer
	if rerr := page.Render(r.Context(), &buf); rerr != nil {
		s.log.Error("render error page", "err", rerr)
		http.Error(w, ErrorMessage(err), status)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// renderPage writes a 200 page with an ETag, answering 304 when the browser's
// copy is current.
//
// Each response carries a fresh CSP nonce in its body, so the ETag is the
// hash of the body with the nonce taken out: it changes exactly when the
// page's content does. A 304 must not carry a new Content-Security-Policy,
// because the browser would apply it to its cached body, whose scripts hold
// the old nonce; the cached response keeps the policy it came with.
func (s *Server) renderPage(w http.ResponseWriter, r *http.Request, page templ.Component) error {
	var buf bytes.Buffer
	if err := page.Render(r.Context(), &buf); err != nil {
		return fmt.Errorf("render %s: %w", r.URL.Path, err)
	}
	body := buf.Bytes()
	etag := pageETag(body, templ.GetNonce(r.Context()))

	h := w.Header()
	h.Set("ETag", etag)
	// private: pages may carry one learner's state (quiz progress, option
	// order), so shared caches must not keep them; no-cache: revalidate on
	// every visit, which the ETag makes cheap.
	h.Set("Cache-Control", "private, no-cache")
	if match := r.Header.Get("If-None-Match"); match != "" && etagMatches(match, etag) {
		h.Del("Content-Security-Policy")
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	h.Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
	return nil
}

// pageETag is a weak validator (the body may be served compressed or not)
// over the body without its nonce.
func pageETag(body []byte, nonce string) string {
	h := sha256.New()
	if nonce != "" {
		body = bytes.ReplaceAll(body, []byte(nonce), nil)
	}
	h.Write(body)
	return `W/"` + hex.EncodeToString(h.Sum(nil)[:12]) + `"`
}

// etagMatches implements If-None-Match's weak comparison: a list of tags,
// or "*".
func etagMatches(header, etag string) bool {
	want := strings.TrimPrefix(etag, "W/")
	for _, tag := range strings.Split(header, ",") {
		tag = strings.TrimSpace(tag)
		if tag == "*" || strings.TrimPrefix(tag, "W/") == want {
			return true
		}
	}
	return false
}
