package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer collects a server's log, written from many goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func env(kv map[string]string) func(string) string {
	return func(k string) string { return kv[k] }
}

func TestParseFlags(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		check   func(Config) bool
		wantErr string
	}{
		{"defaults", nil, nil, func(c Config) bool {
			return c.Addr == ":8080" && c.ContentDir == "" && c.LogLevel == slog.LevelInfo && c.LogFormat == "text" &&
				c.ShutdownTimeout == 10*time.Second && c.DrainDelay == 0 && c.RequestTimeout == 30*time.Second && c.MaxInFlight == 64 &&
				c.MaxRuns == 0 && c.RunTimeout == 10*time.Second && c.RunsPerMinute == 120
		}, ""},
		{"run limits", []string{"--max-runs", "3", "--run-timeout", "2s"}, map[string]string{"CKPTLAB_RUNS_PER_MINUTE": "600"}, func(c Config) bool {
			return c.MaxRuns == 3 && c.RunTimeout == 2*time.Second && c.RunsPerMinute == 600
		}, ""},
		{"bad run count", []string{"--max-runs", "-1"}, nil, nil, `--max-runs: want a whole number from 0, got "-1"`},
		{"bad run rate", nil, map[string]string{"CKPTLAB_RUNS_PER_MINUTE": "0"}, nil, `CKPTLAB_RUNS_PER_MINUTE: want a whole number from 1, got "0"`},
		{"flags", []string{"--addr", "127.0.0.1:9000", "--content", "/srv/course", "--log-level", "debug", "--log-format", "json",
			"--shutdown-timeout", "3s", "--request-timeout", "5s", "--max-in-flight", "8"}, nil, func(c Config) bool {
			return c.Addr == "127.0.0.1:9000" && c.ContentDir == "/srv/course" && c.LogLevel == slog.LevelDebug && c.LogFormat == "json" &&
				c.ShutdownTimeout == 3*time.Second && c.RequestTimeout == 5*time.Second && c.MaxInFlight == 8
		}, ""},
		{"env", nil, map[string]string{"CKPTLAB_ADDR": ":9999", "CKPTLAB_CONTENT": "/c", "CKPTLAB_LOG_LEVEL": "warn",
			"CKPTLAB_LOG_FORMAT": "json", "CKPTLAB_SHUTDOWN_TIMEOUT": "1m", "CKPTLAB_REQUEST_TIMEOUT": "2s", "CKPTLAB_MAX_IN_FLIGHT": "3"},
			func(c Config) bool {
				return c.Addr == ":9999" && c.ContentDir == "/c" && c.LogLevel == slog.LevelWarn && c.LogFormat == "json" &&
					c.ShutdownTimeout == time.Minute && c.RequestTimeout == 2*time.Second && c.MaxInFlight == 3
			}, ""},
		{"a flag beats its env var", []string{"--addr", ":1"}, map[string]string{"CKPTLAB_ADDR": ":2"},
			func(c Config) bool { return c.Addr == ":1" }, ""},
		{"bad flag value", []string{"--log-format", "xml"}, nil, nil, `--log-format: want text or json, got "xml"`},
		{"bad env value", nil, map[string]string{"CKPTLAB_LOG_LEVEL": "loud"}, nil, "CKPTLAB_LOG_LEVEL:"},
		{"bad duration", []string{"--shutdown-timeout", "-1s"}, nil, nil, `--shutdown-timeout: want a positive duration such as 10s, got "-1s"`},
		{"bad count", nil, map[string]string{"CKPTLAB_MAX_IN_FLIGHT": "0"}, nil, `CKPTLAB_MAX_IN_FLIGHT: want a whole number from 1, got "0"`},
		{"bad drain delay", []string{"--drain-delay", "-5s"}, nil, nil, `--drain-delay: want a duration such as 5s, or 0s, got "-5s"`},
		{"--dev is off by default", nil, nil, func(c Config) bool { return !c.Dev }, ""},
		{"--dev alone", []string{"--dev"}, nil, func(c Config) bool { return c.Dev }, ""},
		{"--dev=false", []string{"--dev=false"}, map[string]string{"CKPTLAB_DEV": "1"}, func(c Config) bool { return !c.Dev }, ""},
		{"--dev from env", nil, map[string]string{"CKPTLAB_DEV": "true"}, func(c Config) bool { return c.Dev }, ""},
		{"bad --dev env", nil, map[string]string{"CKPTLAB_DEV": "yes"}, nil, `CKPTLAB_DEV: want true or false, got "yes"`},
		{"--dev then a flag", []string{"--dev", "--content", "/c"}, nil, func(c Config) bool { return c.Dev && c.ContentDir == "/c" }, ""},
		{"unknown flag", []string{"--port", "80"}, nil, nil, "flag provided but not defined: -port"},
		{"stray argument", []string{"lessons"}, nil, nil, `unexpected argument "lessons"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := NewMain(io.Discard)
			err := m.ParseFlags(tt.args, env(tt.env), io.Discard)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !tt.check(m.Config) {
				t.Errorf("config = %+v", m.Config)
			}
		})
	}
}

// TestHelp: --help documents every flag with its environment variable, and
// exits 0.
func TestHelp(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := dispatch(context.Background(), []string{"--help"}, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d, stderr %s", code, stderr.String())
	}
	for _, s := range settings {
		if !strings.Contains(stdout.String(), "--"+s.flag) || !strings.Contains(stdout.String(), s.env) {
			t.Errorf("--help lacks --%s or %s:\n%s", s.flag, s.env, stdout.String())
		}
	}
	m := NewMain(io.Discard)
	if err := m.ParseFlags([]string{"-h"}, env(nil), io.Discard); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("-h: err = %v, want flag.ErrHelp", err)
	}
	if code := dispatch(context.Background(), []string{"--bogus"}, nil, &stdout, &stderr); code != 2 {
		t.Errorf("unknown flag: exit %d, want 2", code)
	}
}

// start runs a Main on a free port, stopping it when the test ends.
func start(t *testing.T, args []string, wrap func(http.Handler) http.Handler) (*Main, *syncBuffer) {
	t.Helper()
	logs := &syncBuffer{}
	m := NewMain(logs)
	if err := m.ParseFlags(append([]string{"--addr", "127.0.0.1:0"}, args...), env(nil), io.Discard); err != nil {
		t.Fatal(err)
	}
	m.wrap = wrap
	if err := m.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = m.Close() })
	return m, logs
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// TestServeEmbeddedCourse starts the server as the binary does and reads the
// course over real HTTP.
func TestServeEmbeddedCourse(t *testing.T) {
	m, _ := start(t, nil, nil)
	base := "http://" + m.Addr()
	if code, page := get(t, base+"/"); code != 200 || !strings.Contains(page, `href="/lessons/why-checkpoint"`) {
		t.Errorf("GET /: %d\n%s", code, page)
	}
	if code, page := get(t, base+"/lessons/why-checkpoint"); code != 200 || !strings.Contains(page, `<div class="runnable" data-block="0"`) {
		t.Errorf("GET /lessons/why-checkpoint: %d", code)
	}
	if code, _ := get(t, base+"/lessons/img/lost-work.svg"); code != 200 {
		t.Errorf("GET the lesson's figure: %d", code)
	}
	if code, _ := get(t, base+"/readyz"); code != 200 {
		t.Errorf("GET /readyz: %d", code)
	}
	if err := m.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
}

// TestRunLimitFlags: the run flags reach the runner. A program that loops
// forever stops at --run-timeout (20 ms, far less than its 20,000,000 steps
// take); with two runs a minute, a learner's third run is refused with 429.
func TestRunLimitFlags(t *testing.T) {
	m, _ := start(t, []string{"--runs-per-minute", "2", "--run-timeout", "20ms", "--max-runs", "1"}, nil)
	if got := m.runLimits(); got.MaxConcurrent != 1 || got.RatePerMinute != 2 || got.Sim.Timeout != 20*time.Millisecond {
		t.Errorf("run limits = %+v", got)
	}
	post := func(code string) (int, string) {
		t.Helper()
		body := strings.NewReader(`{"code": ` + strconv.Quote(code) + `}`)
		resp, err := http.Post("http://"+m.Addr()+"/api/run", "application/json", body)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, body := post("while True:\n    pass"); code != 200 || !strings.Contains(body, `"limit":"time"`) {
		t.Errorf("endless loop: %d %s", code, body)
	}
	if code, body := post("print(6 * 7)"); code != 200 {
		t.Errorf("second run: %d %s", code, body)
	}
	if code, body := post("print(1)"); code != 429 {
		t.Errorf("third run in a minute: %d %s, want 429", code, body)
	}
}

// TestContentDir serves a course directory in which one lesson is broken:
// the log names the broken file and line, the good lesson serves.
func TestContentDir(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("lessons/01-good.md", "---\ntitle: Good\nslug: good\norder: 1\nsummary: Loads.\nminutes: 1\n---\n\nHello from disk.\n")
	write("lessons/02-bad.md", "---\ntitle: Bad\nslug: bad\norder: 2\nsummary: Does not.\nminutes: soon\n---\n")

	m, logs := start(t, []string{"--content", dir}, nil)
	base := "http://" + m.Addr()
	if code, page := get(t, base+"/lessons/good"); code != 200 || !strings.Contains(page, "Hello from disk.") {
		t.Errorf("GET /lessons/good: %d", code)
	}
	if code, _ := get(t, base+"/lessons/why-checkpoint"); code != 404 {
		t.Errorf("the embedded course still serves: %d", code)
	}
	if code, _ := get(t, base+"/lessons/bad"); code != 503 {
		t.Errorf("GET /lessons/bad: %d, want 503 (a broken lesson is unavailable, not missing)", code)
	}
	if _, body := get(t, base+"/readyz"); !strings.Contains(body, "1 lessons, 1 load errors") {
		t.Errorf("/readyz: %q", body)
	}
	want := filepath.Join(dir, "lessons", "02-bad.md") + `:6: front matter: minutes: want a whole number from 1, got \"soon\"`
	if !strings.Contains(logs.String(), want) {
		t.Errorf("log lacks %q:\n%s", want, logs.String())
	}

	empty := NewMain(io.Discard)
	if err := empty.ParseFlags([]string{"--content", t.TempDir()}, env(nil), io.Discard); err != nil {
		t.Fatal(err)
	}
	if err := empty.Run(context.Background()); err == nil || !strings.Contains(err.Error(), "want a lessons/ folder") {
		t.Errorf("content dir without lessons/: err = %v", err)
	}
}

// slowRoute adds /slow, which answers only when release is closed, in front
// of the real handler.
func slowRoute(started, release chan struct{}) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path != "/slow" {
				next.ServeHTTP(w, r)
				return
			}
			close(started)
			<-release
			_, _ = io.WriteString(w, "finished")
		})
	}
}

// TestGracefulShutdown: Close stops accepting connections at once but lets
// the request in flight finish and get its whole answer.
func TestGracefulShutdown(t *testing.T) {
	started, release := make(chan struct{}), make(chan struct{})
	m, logs := start(t, []string{"--shutdown-timeout", "10s"}, slowRoute(started, release))
	addr := m.Addr()

	type result struct {
		code int
		body string
		err  error
	}
	inFlight := make(chan result, 1)
	go func() {
		resp, err := http.Get("http://" + addr + "/slow")
		if err != nil {
			inFlight <- result{err: err}
			return
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		inFlight <- result{resp.StatusCode, string(b), err}
	}()
	<-started

	closed := make(chan error, 1)
	go func() { closed <- m.Close() }()

	// New connections are refused once shutdown begins.
	for {
		conn, err := net.DialTimeout("tcp", addr, time.Second)
		if err != nil {
			break
		}
		conn.Close()
		time.Sleep(5 * time.Millisecond)
	}
	select {
	case err := <-closed:
		t.Fatalf("Close returned (%v) while a request was in flight", err)
	default:
	}

	close(release)
	if r := <-inFlight; r.err != nil || r.code != 200 || r.body != "finished" {
		t.Errorf("in-flight request: %+v, want 200 finished", r)
	}
	if err := <-closed; err != nil {
		t.Errorf("Close: %v", err)
	}
	if !strings.Contains(logs.String(), "msg=stopped") {
		t.Errorf("log lacks the stop:\n%s", logs.String())
	}
}

// TestDrainDelay: during the drain delay the server still answers, with
// /readyz at 503, and then stops.
func TestDrainDelay(t *testing.T) {
	m, logs := start(t, []string{"--drain-delay", "2s"}, nil)
	url := "http://" + m.Addr() + "/readyz"
	if code, _ := get(t, url); code != 200 {
		t.Fatalf("/readyz before Close: %d", code)
	}
	closed := make(chan error, 1)
	go func() { closed <- m.Close() }()
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(logs.String(), "msg=draining"); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("no draining line in the log:\n%s", logs.String())
		}
	}
	if code, _ := get(t, url); code != 503 {
		t.Errorf("/readyz while draining: %d, want 503", code)
	}
	if code, _ := get(t, "http://"+m.Addr()+"/"); code != 200 {
		t.Errorf("a page while draining: %d, want 200", code)
	}
	if err := <-closed; err != nil {
		t.Errorf("Close: %v", err)
	}
}

// TestShutdownIsBounded: a request that never finishes is cut off after the
// shutdown timeout, and Close says so.
func TestShutdownIsBounded(t *testing.T) {
	started, release := make(chan struct{}), make(chan struct{})
	defer close(release)
	m, _ := start(t, []string{"--shutdown-timeout", "100ms"}, slowRoute(started, release))
	go func() {
		if resp, err := http.Get("http://" + m.Addr() + "/slow"); err == nil {
			resp.Body.Close()
		}
	}()
	<-started
	err := m.Close()
	if err == nil || !strings.Contains(err.Error(), "cut off") {
		t.Errorf("Close = %v, want the requests cut off", err)
	}
}

// TestServeCommand runs the serve command as main does, with a context that
// stands for SIGTERM, and reads its JSON log.
func TestServeCommand(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	logs := &syncBuffer{}
	exit := make(chan int, 1)
	go func() {
		exit <- dispatch(ctx, []string{"--addr", "127.0.0.1:0", "--log-format", "json"}, nil, io.Discard, logs)
	}()

	var addr string
	for deadline := time.Now().Add(30 * time.Second); addr == "" && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		for _, line := range strings.Split(logs.String(), "\n") {
			var rec struct{ Msg, Addr string }
			if json.Unmarshal([]byte(line), &rec) == nil && rec.Msg == "listening" {
				addr = rec.Addr
			}
		}
	}
	if addr == "" {
		t.Fatalf("no listening line in the log:\n%s", logs.String())
	}
	if code, body := get(t, "http://"+addr+"/healthz"); code != 200 || body != "ok\n" {
		t.Errorf("/healthz: %d %q", code, body)
	}

	var out bytes.Buffer
	if code := runHealthcheck(context.Background(), []string{"--url", "http://" + addr + "/healthz"}, nil, &out, &out); code != 0 {
		t.Errorf("healthcheck: exit %d: %s", code, out.String())
	}

	cancel() // SIGTERM
	if code := <-exit; code != 0 {
		t.Errorf("exit %d, want 0\n%s", code, logs.String())
	}
	if code := runHealthcheck(context.Background(), []string{"--url", "http://" + addr + "/healthz", "--timeout", "1s"}, nil, &out, &out); code != 1 {
		t.Errorf("healthcheck of a stopped server: exit %d, want 1", code)
	}
}

func TestHealthURL(t *testing.T) {
	tests := []struct{ addr, want string }{
		{":8080", "http://127.0.0.1:8080/healthz"},
		{"0.0.0.0:80", "http://127.0.0.1:80/healthz"},
		{"[::]:8080", "http://[::1]:8080/healthz"},
		{"10.0.0.5:8080", "http://10.0.0.5:8080/healthz"},
	}
	for _, tt := range tests {
		if got, err := healthURL(tt.addr); err != nil || got != tt.want {
			t.Errorf("healthURL(%q) = %q, %v; want %q", tt.addr, got, err, tt.want)
		}
	}
	if _, err := healthURL("8080"); err == nil {
		t.Error("healthURL(\"8080\"): want an error")
	}
}
