package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/ckptlab/ckptlab/lessons"
	"github.com/ckptlab/ckptlab/quiz"
	"github.com/ckptlab/ckptlab/quiz/quizsim"
	"github.com/ckptlab/ckptlab/web"
)

func init() {
	commands["serve"] = command{summary: "serve the course over HTTP (the default)", run: runServe}
}

// runServe is the serve command: start, wait for SIGINT or SIGTERM (ctx),
// then shut down gracefully.
func runServe(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) int {
	m := NewMain(stderr)
	if err := m.ParseFlags(args, os.Getenv, stdout); errors.Is(err, flag.ErrHelp) {
		return 0
	} else if err != nil {
		fmt.Fprintf(stderr, "server serve: %v\nRun \"server serve --help\" for the flags.\n", err)
		return 2
	}
	if err := m.Run(ctx); err != nil {
		m.Logger.Error("cannot start", "err", err)
		return 1
	}
	code := 0
	select {
	case <-ctx.Done():
		m.Logger.Info("shutting down", "timeout", m.Config.ShutdownTimeout)
	case <-m.Done():
		m.Logger.Error("server stopped", "err", m.serveErr)
		code = 1
	}
	if err := m.Close(); err != nil {
		m.Logger.Error("shutdown", "err", err)
		code = 1
	}
	return code
}

// Config holds the serve command's settings. Each comes from its flag, else
// its environment variable, else its default: see settings.
type Config struct {
	Addr            string
	ContentDir      string // "" serves the course built into the binary
	LogLevel        slog.Level
	LogFormat       string // "text" or "json"
	ShutdownTimeout time.Duration
	DrainDelay      time.Duration
	RequestTimeout  time.Duration
	MaxInFlight     int
	MaxRuns         int           // programs run at once; 0 takes web.DefaultRunLimits
	RunTimeout      time.Duration // one run's wall-clock limit
	RunsPerMinute   int           // runs one client IP may start per minute
	Dev             bool          // development mode: live reload of ContentDir, errors on pages
}

// A setting is one flag and its environment variable.
type setting struct {
	flag, env, arg, def, doc string
	set                      func(c *Config, v string) error
}

// settings is the one list of the serve command's flags: --help, the README's
// configuration table and the parser all come from it.
var settings = []setting{
	{"addr", "CKPTLAB_ADDR", "ADDR", ":8080", "address to listen on, host:port",
		func(c *Config, v string) error { c.Addr = v; return nil }},
	{"content", "CKPTLAB_CONTENT", "DIR", "", "course directory with lessons/ and quiz/ to serve instead of the built-in course",
		func(c *Config, v string) error { c.ContentDir = v; return nil }},
	{"log-level", "CKPTLAB_LOG_LEVEL", "LEVEL", "info", "log level: debug, info, warn or error",
		func(c *Config, v string) error { return c.LogLevel.UnmarshalText([]byte(v)) }},
	{"log-format", "CKPTLAB_LOG_FORMAT", "FORMAT", "text", "log format: text or json",
		func(c *Config, v string) error {
			if v != "text" && v != "json" {
				return fmt.Errorf("want text or json, got %q", v)
			}
			c.LogFormat = v
			return nil
		}},
	{"shutdown-timeout", "CKPTLAB_SHUTDOWN_TIMEOUT", "DURATION", "10s", "how long in-flight requests may finish after SIGTERM or SIGINT",
		func(c *Config, v string) error { return parseDuration(&c.ShutdownTimeout, v) }},
	{"drain-delay", "CKPTLAB_DRAIN_DELAY", "DURATION", "0s", "after SIGTERM or SIGINT, how long to keep serving with /readyz at 503, so a load balancer stops sending requests before the listener closes",
		func(c *Config, v string) error {
			d, err := time.ParseDuration(v)
			if err != nil || d < 0 {
				return fmt.Errorf("want a duration such as 5s, or 0s, got %q", v)
			}
			c.DrainDelay = d
			return nil
		}},
	{"request-timeout", "CKPTLAB_REQUEST_TIMEOUT", "DURATION", "30s", "deadline for handling one request",
		func(c *Config, v string) error { return parseDuration(&c.RequestTimeout, v) }},
	{"max-in-flight", "CKPTLAB_MAX_IN_FLIGHT", "N", "64", "requests handled at once; more wait a second, then get 503",
		func(c *Config, v string) error { return parseCount(&c.MaxInFlight, v, 1) }},
	{"max-runs", "CKPTLAB_MAX_RUNS", "N", "0", "learners' programs run at once (0: two per CPU); more wait two seconds, then get 503",
		func(c *Config, v string) error { return parseCount(&c.MaxRuns, v, 0) }},
	{"run-timeout", "CKPTLAB_RUN_TIMEOUT", "DURATION", "10s", "wall-clock limit of one run, the replay of the lesson's earlier blocks included (--request-timeout bounds it too)",
		func(c *Config, v string) error { return parseDuration(&c.RunTimeout, v) }},
	{"runs-per-minute", "CKPTLAB_RUNS_PER_MINUTE", "N", "120", "runs one client IP may start per minute; more get 429",
		func(c *Config, v string) error { return parseCount(&c.RunsPerMinute, v, 1) }},
	{"dev", "CKPTLAB_DEV", "", "false", "development mode, never in production: with --content, reload lessons and quizzes when their files change and reload open pages; pages show the course's load errors",
		func(c *Config, v string) error {
			b, err := strconv.ParseBool(v)
			if err != nil {
				return fmt.Errorf("want true or false, got %q", v)
			}
			c.Dev = b
			return nil
		}},
}

// parseCount reads a whole number of at least min into n.
func parseCount(n *int, v string, min int) error {
	x, err := strconv.Atoi(v)
	if err != nil || x < min {
		return fmt.Errorf("want a whole number from %d, got %q", min, v)
	}
	*n = x
	return nil
}

func parseDuration(d *time.Duration, v string) error {
	x, err := time.ParseDuration(v)
	if err != nil || x <= 0 {
		return fmt.Errorf("want a positive duration such as 10s, got %q", v)
	}
	*d = x
	return nil
}

// runLimits are the runner's limits: the defaults, with what the flags set.
func (m *Main) runLimits() web.RunLimits {
	l := web.DefaultRunLimits
	if m.Config.MaxRuns > 0 {
		l.MaxConcurrent = m.Config.MaxRuns
	}
	l.RatePerMinute = m.Config.RunsPerMinute
	l.Sim.Timeout = m.Config.RunTimeout
	return l
}

// Content is where the course comes from: the embedded lessons and quizzes,
// or a directory's lessons/ and quiz/ folders.
type Content struct {
	Lessons    fs.FS
	LessonsDir string // names Lessons in messages
	Quiz       fs.FS  // for the quiz feature (issue 7)
	QuizDir    string
}

// Main is the serve command as a value, so tests drive exactly what the
// binary runs: ParseFlags, then Run, then Close.
type Main struct {
	Config  Config
	Content Content
	Logger  *slog.Logger
	Course  *lessons.Course
	Web     *web.Server

	stderr   io.Writer
	listener net.Listener
	http     *http.Server
	stopped  chan struct{} // closed when Serve returns
	serveErr error         // what Serve returned, unless Close stopped it

	// wrap, when set by a test, wraps the handler, e.g. to add a slow route.
	wrap func(http.Handler) http.Handler

	watch *watcher // with --dev and --content; nil otherwise
}

// NewMain returns a Main with default settings that logs to stderr.
func NewMain(stderr io.Writer) *Main {
	m := &Main{stderr: stderr}
	for _, s := range settings {
		_ = s.set(&m.Config, s.def)
	}
	m.Logger = newLogger(stderr, m.Config)
	return m
}

// ParseFlags reads args, falling back to getenv for each flag not given. It
// writes --help to stdout and returns flag.ErrHelp for it.
func (m *Main) ParseFlags(args []string, getenv func(string) string, stdout io.Writer) error {
	fset := flag.NewFlagSet("serve", flag.ContinueOnError)
	fset.SetOutput(io.Discard)
	values := map[string]*string{}
	for _, s := range settings {
		if s.arg == "" { // a switch: --dev alone means true
			v := s.def
			values[s.flag] = &v
			fset.Var(switchFlag{&v}, s.flag, s.doc)
			continue
		}
		values[s.flag] = fset.String(s.flag, s.def, s.doc)
	}
	if err := fset.Parse(args); errors.Is(err, flag.ErrHelp) {
		printServeUsage(stdout)
		return err
	} else if err != nil {
		return err
	}
	if fset.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fset.Arg(0))
	}
	given := map[string]bool{}
	fset.Visit(func(f *flag.Flag) { given[f.Name] = true })
	for _, s := range settings {
		v, from := *values[s.flag], "--"+s.flag
		if !given[s.flag] {
			if ev := getenv(s.env); ev != "" {
				v, from = ev, s.env
			}
		}
		if err := s.set(&m.Config, v); err != nil {
			return fmt.Errorf("%s: %w", from, err)
		}
	}
	m.Logger = newLogger(m.stderr, m.Config)
	return nil
}

func printServeUsage(w io.Writer) {
	fmt.Fprintln(w, `usage: server [serve] [flags]

Serves the course over HTTP until SIGINT or SIGTERM, then lets requests in
flight finish. Each flag can also be set by its environment variable; a flag
given on the command line wins.

flags:`)
	for _, s := range settings {
		def := ""
		if s.def != "" {
			def = fmt.Sprintf(" (default %s)", s.def)
		}
		fmt.Fprintf(w, "  %s\n        %s%s\n        env %s\n", strings.TrimSpace("--"+s.flag+" "+s.arg), s.doc, def, s.env)
	}
}

func newLogger(w io.Writer, c Config) *slog.Logger {
	opts := &slog.HandlerOptions{Level: c.LogLevel}
	if c.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// Run loads the course, starts listening and serves in the background. It
// returns once the server accepts connections; Done reports if serving stops
// on its own, and Close stops it.
func (m *Main) Run(ctx context.Context) error {
	content, err := openContent(m.Config.ContentDir)
	if err != nil {
		return err
	}
	content = m.devContent(content)
	m.Content = content
	course, err := lessons.Load(content.Lessons, content.LessonsDir)
	if err != nil {
		return err
	}
	for _, e := range course.Errors {
		m.Logger.Warn("lesson not loaded", "err", e.Error())
	}
	m.Course = course
	m.Logger.Info("course loaded", "dir", content.LessonsDir, "lessons", len(course.Lessons), "errors", len(course.Errors))

	m.Web, err = web.New(web.Config{
		Course:         course,
		Logger:         m.Logger,
		RequestTimeout: m.Config.RequestTimeout,
		MaxInFlight:    m.Config.MaxInFlight,
		Run:            m.runLimits(),
		Quiz:           content.Quiz,
		QuizDir:        content.QuizDir,
		QuizRunner:     quizsim.Runner{},
		Dev:            m.Config.Dev,
	})
	if err != nil {
		return err
	}
	if err := m.startWatch(); err != nil {
		return err
	}
	var h http.Handler = m.Web
	if m.wrap != nil {
		h = m.wrap(h)
	}

	ln, err := (&net.ListenConfig{}).Listen(ctx, "tcp", m.Config.Addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	m.listener = ln
	m.http = &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		// Longer than the request timeout, so a handler that hits its
		// deadline can still write the 504 page.
		WriteTimeout: m.Config.RequestTimeout + 10*time.Second,
		IdleTimeout:  2 * time.Minute,
		ErrorLog:     slog.NewLogLogger(m.Logger.Handler(), slog.LevelWarn),
	}
	m.stopped = make(chan struct{})
	go func() {
		if err := m.http.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			m.serveErr = err
		}
		close(m.stopped)
	}()
	m.Logger.Info("listening", "addr", ln.Addr().String())
	return nil
}

// Addr returns the address the server listens on, with the real port when
// the configured one was 0.
func (m *Main) Addr() string {
	if m.listener == nil {
		return ""
	}
	return m.listener.Addr().String()
}

// Done is closed if serving stops before Close, e.g. when the listener
// fails; Close then returns the reason.
func (m *Main) Done() <-chan struct{} { return m.stopped }

// Close shuts down gracefully: /readyz turns 503, the server keeps serving
// for Config.DrainDelay, the listener closes, and requests in flight get up
// to Config.ShutdownTimeout to finish before their connections are closed.
func (m *Main) Close() error {
	m.stopWatch()
	if m.http == nil {
		return nil
	}
	if m.Web != nil {
		m.Web.Drain()
	}
	if d := m.Config.DrainDelay; d > 0 {
		m.Logger.Info("draining", "delay", d)
		time.Sleep(d)
	}
	ctx, cancel := context.WithTimeout(context.Background(), m.Config.ShutdownTimeout)
	defer cancel()
	err := m.http.Shutdown(ctx)
	if err != nil {
		_ = m.http.Close()
		err = fmt.Errorf("requests still running after %s were cut off: %w", m.Config.ShutdownTimeout, err)
	}
	<-m.stopped
	if m.serveErr != nil && err == nil {
		err = m.serveErr
	}
	m.http = nil
	if err == nil {
		m.Logger.Info("stopped")
	}
	return err
}

// openContent picks the course: the embedded one, or dir's lessons/ and
// quiz/ folders (quiz/ may be missing: a course without quizzes).
func openContent(dir string) (Content, error) {
	if dir == "" {
		return Content{Lessons: lessons.Embedded(), LessonsDir: "lessons", Quiz: quiz.Embedded, QuizDir: "quiz"}, nil
	}
	lessonsDir := filepath.Join(dir, "lessons")
	if fi, err := os.Stat(lessonsDir); err != nil || !fi.IsDir() {
		return Content{}, fmt.Errorf("content directory %s: want a lessons/ folder in it", dir)
	}
	c := Content{Lessons: os.DirFS(lessonsDir), LessonsDir: lessonsDir}
	quizDir := filepath.Join(dir, "quiz")
	if fi, err := os.Stat(quizDir); err == nil && fi.IsDir() {
		c.Quiz, c.QuizDir = os.DirFS(quizDir), quizDir
	}
	return c, nil
}

// envAddr is CKPTLAB_ADDR, or the default, for the healthcheck command.
func envAddr(getenv func(string) string) string {
	if v := strings.TrimSpace(getenv("CKPTLAB_ADDR")); v != "" {
		return v
	}
	return settings[0].def
}
