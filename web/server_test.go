package web

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/ckptlab/ckptlab/lessons"
)

// newTestServer serves testdata/lessons: two lessons and a figure. Its log
// goes to the returned buffer.
func newTestServer(t testing.TB, cfg Config) (*Server, *syncBuffer) {
	t.Helper()
	course, err := lessons.Load(os.DirFS("testdata/lessons"), "testdata/lessons")
	if err != nil {
		t.Fatal(err)
	}
	if err := course.Err(); err != nil {
		t.Fatal(err)
	}
	logs := &syncBuffer{}
	if cfg.Course == nil {
		cfg.Course = course
	}
	cfg.Logger = slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s, logs
}

// syncBuffer is a bytes.Buffer safe for the server's concurrent log writes.
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

func do(t testing.TB, h http.Handler, method, target string, header ...string) *http.Response {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

func body(t testing.TB, resp *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestRoutes is the server's table of behaviour: for each request, the status,
// the content type, and text the response must and must not contain.
func TestRoutes(t *testing.T) {
	s, _ := newTestServer(t, Config{})
	tests := []struct {
		method, path string
		status       int
		contentType  string
		contains     []string
		excludes     []string
	}{
		{"GET", "/", 200, "text/html; charset=utf-8", []string{
			`<h1>Checkpointing PyTorch training</h1>`,
			`<a href="/lessons/first">The first lesson</a>`,
			`<a href="/lessons/second">The second lesson</a>`,
			`Lesson 1 · 4 minutes`, `Lesson 2 · 1 minute<`,
			`A lesson for the handler tests.`,
			`<main id="main"`, `href="#main">Skip to content</a>`,
		}, nil},
		{"GET", "/lessons/first", 200, "text/html; charset=utf-8", []string{
			`<title>The first lesson · ckptlab</title>`,
			`<h1>The first lesson</h1>`,
			`Lesson 1 of 2 · 4 minutes`,
			`<nav class="toc" aria-labelledby="toc-title">`,
			`<a href="#runnable-code">Runnable code</a>`,
			`<div class="runnable" data-block="0" id="block-0">`,
			`<pre class="chroma">`, `<span class="kn">import</span>`,
			`<textarea class="runnable-source" name="code" rows="4" spellcheck="false" autocapitalize="off" aria-label="Code of block 1">` + "\nimport torch\nprint(torch.ones(2))\n</textarea>",
			`<img src="img/square.svg" alt="A square" width="40" height="40" loading="lazy">`,
			`href="/lessons/second" rel="next"`,
		}, []string{`rel="prev"`}},
		{"GET", "/lessons/second", 200, "text/html; charset=utf-8", []string{
			`<div class="runnable" data-block="0" id="block-0" data-fails>`,
			`href="/lessons/first" rel="prev"`,
			`Back to all lessons`,
		}, []string{`rel="next"`}},
		{"GET", "/lessons/nope", 404, "text/html; charset=utf-8", []string{
			`<h1>Page not found</h1>`, `There is no lesson called &#34;nope&#34;.`,
			`<a href="/">Go to the course home</a>`, `<a href="/lessons/first">The first lesson</a>`,
		}, nil},
		{"GET", "/no/such/page", 404, "text/html; charset=utf-8", []string{`<h1>Page not found</h1>`, `/no/such/page`}, nil},
		{"GET", "/healthz", 200, "text/plain; charset=utf-8", []string{"ok"}, nil},
		{"GET", "/readyz", 200, "text/plain; charset=utf-8", []string{"ready: 2 lessons, 0 load errors"}, nil},
		{"GET", "/lessons/img/square.svg", 200, "image/svg+xml", []string{`<rect`}, nil},
		{"GET", "/lessons/img/missing.svg", 404, "text/html; charset=utf-8", []string{`Page not found`}, nil},
		{"GET", "/lessons/img/../01-first.md", 404, "text/html; charset=utf-8", nil, []string{"title:"}},
		{"GET", "/static/style.css", 404, "text/html; charset=utf-8", nil, nil}, // only hashed URLs
		{"GET", "/static/style.000000000000.css", 404, "text/html; charset=utf-8", nil, nil},
		{"POST", "/", 405, "", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			resp := do(t, s, tt.method, tt.path)
			got := body(t, resp)
			if resp.StatusCode != tt.status {
				t.Errorf("status = %d, want %d\n%s", resp.StatusCode, tt.status, got)
			}
			if ct := resp.Header.Get("Content-Type"); tt.contentType != "" && ct != tt.contentType {
				t.Errorf("Content-Type = %q, want %q", ct, tt.contentType)
			}
			for _, want := range tt.contains {
				if !strings.Contains(got, want) {
					t.Errorf("body lacks %q", want)
				}
			}
			for _, bad := range tt.excludes {
				if strings.Contains(got, bad) {
					t.Errorf("body has %q", bad)
				}
			}
			checkSecurityHeaders(t, resp)
		})
	}
}

func TestHeadIsGetWithoutBody(t *testing.T) {
	s, _ := newTestServer(t, Config{})
	for _, path := range []string{"/", "/lessons/first", "/healthz"} {
		resp := do(t, s, "HEAD", path)
		if resp.StatusCode != 200 || body(t, resp) != "" {
			t.Errorf("HEAD %s: status %d, want 200 and no body", path, resp.StatusCode)
		}
	}
}

var nonceAttr = regexp.MustCompile(`nonce="([^"]+)"`)

// checkSecurityHeaders asserts what every response carries, and that an HTML
// page's scripts all hold the nonce its CSP names.
func checkSecurityHeaders(t *testing.T, resp *http.Response) {
	t.Helper()
	h := resp.Header
	for name, want := range map[string]string{
		"X-Content-Type-Options": "nosniff",
		"Referrer-Policy":        "strict-origin-when-cross-origin",
		"X-Frame-Options":        "DENY",
	} {
		if got := h.Get(name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	csp := h.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'self'", "script-src 'nonce-", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %q", csp, want)
		}
	}
	for _, bad := range []string{"unsafe-inline", "unsafe-eval", "*"} {
		if strings.Contains(csp, bad) {
			t.Errorf("CSP %q has %q", csp, bad)
		}
	}
}

// TestPagesAreCSPClean checks that pages need nothing the CSP forbids: every
// <script> has a src and the response's nonce, and no element has an inline
// style attribute or event handler.
func TestPagesAreCSPClean(t *testing.T) {
	s, _ := newTestServer(t, Config{})
	for _, path := range []string{"/", "/lessons/first", "/lessons/second", "/nope"} {
		resp := do(t, s, "GET", path)
		page := body(t, resp)
		m := regexp.MustCompile(`'nonce-([^']+)'`).FindStringSubmatch(resp.Header.Get("Content-Security-Policy"))
		if m == nil {
			t.Fatalf("%s: no nonce in the CSP", path)
		}
		scripts := regexp.MustCompile(`<script[^>]*>`).FindAllString(page, -1)
		if len(scripts) == 0 {
			t.Errorf("%s: no scripts; the theme script is missing", path)
		}
		for _, tag := range scripts {
			n := nonceAttr.FindStringSubmatch(tag)
			if n == nil || n[1] != m[1] || !strings.Contains(tag, ` src="/static/`) {
				t.Errorf("%s: %s lacks src or the nonce %s", path, tag, m[1])
			}
		}
		if bad := regexp.MustCompile(`(?i)\s(style|on[a-z]+)="`).FindString(page); bad != "" {
			t.Errorf("%s: inline %q attribute", path, bad)
		}
	}
}

// TestNoncesDiffer: a nonce is only worth something if it cannot be guessed
// from an earlier response.
func TestNoncesDiffer(t *testing.T) {
	s, _ := newTestServer(t, Config{})
	a := do(t, s, "GET", "/").Header.Get("Content-Security-Policy")
	b := do(t, s, "GET", "/").Header.Get("Content-Security-Policy")
	if a == b {
		t.Errorf("two responses share a CSP nonce: %s", a)
	}
}

// TestPageETag: the ETag names the page's content, not the response's nonce,
// so a revalidation answers 304 with no body and no new CSP (the browser
// keeps the policy that matches the nonce in its cached copy).
func TestPageETag(t *testing.T) {
	s, _ := newTestServer(t, Config{})
	first := do(t, s, "GET", "/lessons/first")
	etag := first.Header.Get("ETag")
	if !strings.HasPrefix(etag, `W/"`) || first.Header.Get("Cache-Control") != "private, no-cache" {
		t.Fatalf("ETag %q, Cache-Control %q", etag, first.Header.Get("Cache-Control"))
	}
	if again := do(t, s, "GET", "/lessons/first").Header.Get("ETag"); again != etag {
		t.Errorf("ETag changed between identical pages: %s then %s", etag, again)
	}
	if other := do(t, s, "GET", "/lessons/second").Header.Get("ETag"); other == etag {
		t.Errorf("two lessons share the ETag %s", etag)
	}

	resp := do(t, s, "GET", "/lessons/first", "If-None-Match", etag)
	if resp.StatusCode != http.StatusNotModified {
		t.Fatalf("revalidation: status %d, want 304", resp.StatusCode)
	}
	if b := body(t, resp); b != "" {
		t.Errorf("304 with a body: %q", b)
	}
	if csp := resp.Header.Get("Content-Security-Policy"); csp != "" {
		t.Errorf("304 carries a new CSP %q", csp)
	}
	if resp := do(t, s, "GET", "/lessons/first", "If-None-Match", `W/"stale"`); resp.StatusCode != 200 {
		t.Errorf("stale ETag: status %d, want 200", resp.StatusCode)
	}
}

// TestStaticAssets fetches every asset a page links to: immutable caching,
// an ETag, gzip when asked for, and 304 on revalidation.
func TestStaticAssets(t *testing.T) {
	s, _ := newTestServer(t, Config{})
	page := body(t, do(t, s, "GET", "/lessons/first"))
	urls := regexp.MustCompile(`(?:href|src)="(/static/[^"]+)"`).FindAllStringSubmatch(page, -1)
	if len(urls) < 4 { // favicon, style.css, chroma.css, theme.js
		t.Fatalf("page links %d static assets, want at least 4", len(urls))
	}
	for _, m := range urls {
		url := m[1]
		if !regexp.MustCompile(`\.[0-9a-f]{12}\.[a-z]+$`).MatchString(url) {
			t.Errorf("%s: not a content-hashed URL", url)
		}
		resp := do(t, s, "GET", url, "Accept-Encoding", "gzip")
		raw := body(t, resp)
		if resp.StatusCode != 200 {
			t.Errorf("%s: status %d", url, resp.StatusCode)
			continue
		}
		if cc := resp.Header.Get("Cache-Control"); cc != "public, max-age=31536000, immutable" {
			t.Errorf("%s: Cache-Control %q", url, cc)
		}
		if resp.Header.Get("Content-Encoding") == "gzip" {
			zr, err := gzip.NewReader(strings.NewReader(raw))
			if err != nil {
				t.Fatalf("%s: %v", url, err)
			}
			if _, err := io.ReadAll(zr); err != nil {
				t.Errorf("%s: bad gzip: %v", url, err)
			}
		}
		etag := resp.Header.Get("ETag")
		if r := do(t, s, "GET", url, "If-None-Match", etag); r.StatusCode != http.StatusNotModified {
			t.Errorf("%s: revalidation status %d, want 304", url, r.StatusCode)
		}
	}
	css := do(t, s, "GET", assetURL("style.css"))
	if ct := css.Header.Get("Content-Type"); ct != "text/css; charset=utf-8" {
		t.Errorf("style.css Content-Type %q", ct)
	}
	if plain := do(t, s, "GET", assetURL("style.css")); plain.Header.Get("Content-Encoding") != "" {
		t.Errorf("gzip sent to a client that did not ask for it")
	}
}

// TestAssetURLFollowsContent: a changed file gets a new URL, so immutable
// caching never serves a stale copy; an unchanged one keeps its URL.
func TestAssetURLFollowsContent(t *testing.T) {
	set := &assetSet{byName: map[string]*asset{}, byURL: map[string]*asset{}}
	if err := set.add("app.js", []byte("console.log(1)")); err != nil {
		t.Fatal(err)
	}
	v1 := set.byName["app.js"].url
	if err := set.add("app.js", []byte("console.log(1)")); err != nil {
		t.Fatal(err)
	}
	same := set.byName["app.js"].url
	if err := set.add("app.js", []byte("console.log(2)")); err != nil {
		t.Fatal(err)
	}
	v2 := set.byName["app.js"].url
	if v1 != same || v1 == v2 || !strings.HasPrefix(v1, "/static/app.") || !strings.HasSuffix(v1, ".js") {
		t.Errorf("URLs: %s, %s, %s", v1, same, v2)
	}
}

func TestReadyz(t *testing.T) {
	s, _ := newTestServer(t, Config{})
	s.Drain()
	if resp := do(t, s, "GET", "/readyz"); resp.StatusCode != 503 || resp.Header.Get("Retry-After") == "" {
		t.Errorf("draining: /readyz status %d, Retry-After %q; want 503 with Retry-After", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	if resp := do(t, s, "GET", "/healthz"); resp.StatusCode != 200 {
		t.Errorf("draining: /healthz status %d, want 200: the process is still alive", resp.StatusCode)
	}

	empty, err := lessons.Load(os.DirFS("testdata/empty"), "testdata/empty")
	if err != nil {
		t.Fatal(err)
	}
	s, _ = newTestServer(t, Config{Course: empty})
	if resp := do(t, s, "GET", "/readyz"); resp.StatusCode != 503 {
		t.Errorf("no lessons: /readyz status %d, want 503", resp.StatusCode)
	}
	if page := body(t, do(t, s, "GET", "/")); !strings.Contains(page, "No lessons are loaded") {
		t.Errorf("home page without lessons says nothing about it")
	}
}

// TestErrorsShowNoInternals: a failing or panicking handler answers with a
// generic page; the detail goes to the log only.
func TestErrorsShowNoInternals(t *testing.T) {
	s, logs := newTestServer(t, Config{})
	failing := securityHeaders(s.recoverPanics(s.handle(func(w http.ResponseWriter, r *http.Request) error {
		return fmt.Errorf("open /etc/secret-config: permission denied")
	})))
	panicking := securityHeaders(s.recoverPanics(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		panic("secret panic detail")
	})))
	for name, h := range map[string]http.Handler{"error": failing, "panic": panicking} {
		resp := do(t, h, "GET", "/somewhere")
		page := body(t, resp)
		if resp.StatusCode != 500 {
			t.Errorf("%s: status %d, want 500", name, resp.StatusCode)
		}
		if !strings.Contains(page, "Something went wrong on our side.") || !strings.Contains(page, "<h1>Internal Server Error</h1>") {
			t.Errorf("%s: not the error page:\n%s", name, page)
		}
		if strings.Contains(page, "secret") || strings.Contains(page, ".go:") {
			t.Errorf("%s: the page shows internals:\n%s", name, page)
		}
	}
	if log := logs.String(); !strings.Contains(log, "secret-config") || !strings.Contains(log, "secret panic detail") {
		t.Errorf("the log lacks the details:\n%s", log)
	}
}

// TestPanicPageKeepsTheNonce: the 500 page after a panic is drawn inside
// the security headers, so its scripts carry the nonce the CSP names.
func TestPanicPageKeepsTheNonce(t *testing.T) {
	s, _ := newTestServer(t, Config{})
	s.handler.(*chi.Mux).Get("/test-panic", func(w http.ResponseWriter, r *http.Request) { panic("boom") })
	resp := do(t, s, "GET", "/test-panic")
	page := body(t, resp)
	m := regexp.MustCompile(`'nonce-([^']+)'`).FindStringSubmatch(resp.Header.Get("Content-Security-Policy"))
	if resp.StatusCode != 500 || m == nil || !strings.Contains(page, `nonce="`+m[1]+`"`) {
		t.Errorf("status %d; the page's scripts lack the CSP's nonce %v:\n%s", resp.StatusCode, m, page)
	}
}

// TestAPIErrorsAreJSON: under /api/ the adapter answers in JSON, for the
// runner and quiz endpoints to come.
func TestAPIErrorsAreJSON(t *testing.T) {
	s, _ := newTestServer(t, Config{})
	h := s.handle(func(w http.ResponseWriter, r *http.Request) error {
		return Errorf(EINVALID, "code must be a string")
	})
	resp := do(t, h, "POST", "/api/run")
	if got, want := body(t, resp), `{"error":{"code":"invalid","message":"code must be a string"}}`+"\n"; resp.StatusCode != 400 || got != want {
		t.Errorf("got %d %q, want 400 %q", resp.StatusCode, got, want)
	}
}

func TestErrorStatus(t *testing.T) {
	tests := []struct {
		err  error
		want int
	}{
		{Errorf(ENOTFOUND, "x"), 404},
		{Errorf(EINVALID, "x"), 400},
		{Errorf(ETOOLARGE, "x"), 413},
		{Errorf(ETOOMANY, "x"), 429},
		{Errorf(EUNAVAILABLE, "x"), 503},
		{fmt.Errorf("wrapped: %w", Errorf(ENOTFOUND, "x")), 404},
		{fmt.Errorf("run: %w", context.DeadlineExceeded), 504},
		{errors.New("anything else"), 500},
	}
	for _, tt := range tests {
		if got := ErrorStatus(tt.err); got != tt.want {
			t.Errorf("ErrorStatus(%v) = %d, want %d", tt.err, got, tt.want)
		}
	}
}

// TestRequestTimeout: a handler that waits past the request deadline gets
// its context cancelled, and the adapter answers 504.
func TestRequestTimeout(t *testing.T) {
	s, _ := newTestServer(t, Config{RequestTimeout: 20 * time.Millisecond})
	h := securityHeaders(s.limitTime(s.handle(func(w http.ResponseWriter, r *http.Request) error {
		<-r.Context().Done()
		return r.Context().Err()
	})))
	resp := do(t, h, "GET", "/slow")
	if page := body(t, resp); resp.StatusCode != 504 || !strings.Contains(page, "took too long") {
		t.Errorf("status %d, want 504 with the timeout message:\n%s", resp.StatusCode, page)
	}
}

// TestInFlightLimit: with every slot busy, a request waits about a second
// and then gets 503 with Retry-After.
func TestInFlightLimit(t *testing.T) {
	s, _ := newTestServer(t, Config{MaxInFlight: 1})
	release := make(chan struct{})
	started := make(chan struct{})
	h := securityHeaders(s.limitInFlight(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		<-release
	})))
	done := make(chan int)
	go func() { done <- do(t, h, "GET", "/busy").StatusCode }()
	<-started
	resp := do(t, h, "GET", "/second")
	if resp.StatusCode != 503 || resp.Header.Get("Retry-After") != "1" {
		t.Errorf("over the limit: status %d, Retry-After %q; want 503 and 1", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	close(release)
	if code := <-done; code != 200 {
		t.Errorf("the request holding the slot got %d", code)
	}
}

// TestCompression: pages are gzipped for clients that accept it.
func TestCompression(t *testing.T) {
	s, _ := newTestServer(t, Config{})
	resp := do(t, s, "GET", "/lessons/first", "Accept-Encoding", "gzip")
	if resp.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("Content-Encoding %q, want gzip", resp.Header.Get("Content-Encoding"))
	}
	zr, err := gzip.NewReader(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	page, err := io.ReadAll(zr)
	if err != nil || !bytes.Contains(page, []byte("<h1>The first lesson</h1>")) {
		t.Errorf("gzipped page: %v\n%s", err, page)
	}
}

// TestEmbeddedCourseServes renders every lesson built into the binary.
func TestEmbeddedCourseServes(t *testing.T) {
	course, err := lessons.Load(lessons.Embedded(), "lessons")
	if err != nil {
		t.Fatal(err)
	}
	s, _ := newTestServer(t, Config{Course: course})
	for _, l := range course.Lessons {
		resp := do(t, s, "GET", "/lessons/"+l.Slug)
		if resp.StatusCode != 200 {
			t.Errorf("%s: status %d", l.Slug, resp.StatusCode)
		}
	}
}

// BenchmarkLessonPage serves a lesson page through the whole handler stack.
// Compare with BenchmarkLessonPageAsStaticFile, the same bytes from memory.
func BenchmarkLessonPage(b *testing.B) {
	s, _ := newTestServer(b, Config{})
	req := httptest.NewRequest("GET", "/lessons/first", nil)
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code != 200 {
			b.Fatalf("status %d", rec.Code)
		}
	}
}

// BenchmarkLessonPageAsStaticFile is the floor for BenchmarkLessonPage:
// the rendered page served as a file from memory with http.ServeContent.
func BenchmarkLessonPageAsStaticFile(b *testing.B) {
	s, _ := newTestServer(b, Config{})
	page := []byte(body(b, do(b, s, "GET", "/lessons/first")))
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		http.ServeContent(w, r, "first.html", time.Time{}, bytes.NewReader(page))
	})
	req := httptest.NewRequest("GET", "/lessons/first", nil)
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 200 {
			b.Fatalf("status %d", rec.Code)
		}
	}
}
