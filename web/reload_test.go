package web

import (
	"bufio"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/ckptlab/ckptlab/lessons"
)

func TestGuessSlug(t *testing.T) {
	fsys := fstest.MapFS{
		"01-a.md":     {Data: []byte("---\ntitle: A\nslug: first-steps\norder: x\n---\n")},
		"02-b.md":     {Data: []byte("---\ntitle: [unclosed\nslug: 'quoted'\n---\n")},
		"03-c.md":     {Data: []byte("no front matter at all\n")},
		"readme.md":   {Data: []byte("")},
		"2024-old.md": {Data: []byte("slug: Not A Slug\n")},
	}
	tests := []struct{ file, want string }{
		{"lessons/01-a.md", "first-steps"}, // the slug line, though the front matter is broken
		{"lessons/02-b.md", "quoted"},      // quotes are YAML's, not the slug's
		{"lessons/03-c.md", "c"},           // else the file name without its order
		{"lessons/readme.md", "readme"},    // which may have none
		{"lessons/2024-old.md", "old"},     // a slug line that is no slug is ignored
		{"lessons/09-gone.md", "gone"},     // a file that cannot be read any more
	}
	for _, tt := range tests {
		if got := guessSlug(fsys, tt.file); got != tt.want {
			t.Errorf("guessSlug(%s) = %q, want %q", tt.file, got, tt.want)
		}
	}
}

// loadCourse loads an in-memory lessons folder.
func loadCourse(t *testing.T, files map[string]string) *lessons.Course {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	c, err := lessons.Load(fsys, "lessons")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

const (
	reloadA = "---\ntitle: Alpha\nslug: alpha\norder: 1\nsummary: A.\nminutes: 1\n---\n\nAlpha body.\n"
	reloadB = "---\ntitle: Beta\nslug: beta\norder: 2\nsummary: B.\nminutes: 1\n---\n\nBeta body.\n"
)

// TestReloadSwapsTheCourse: requests after Reload see the new course; a
// lesson broken by the new version keeps its URL, answering 503 rather than
// 404, with the problem for the instructor in development mode only.
func TestReloadSwapsTheCourse(t *testing.T) {
	for _, dev := range []bool{false, true} {
		s, _ := newTestServer(t, Config{Course: loadCourse(t, map[string]string{"01-alpha.md": reloadA, "02-beta.md": reloadB}), Dev: dev})
		if resp := do(t, s, "GET", "/lessons/alpha"); resp.StatusCode != 200 || !strings.Contains(body(t, resp), "Alpha body.") {
			t.Fatalf("dev=%v: before the reload, alpha is not served", dev)
		}
		// Alpha's slug line is broken too: only the remembered slug finds it.
		broken := strings.Replace(strings.Replace(reloadA, "order: 1", "order: first", 1), "slug: alpha", "slug: Alpha!", 1)
		if err := s.Reload(loadCourse(t, map[string]string{"01-alpha.md": broken, "02-beta.md": strings.Replace(reloadB, "Beta body.", "Beta, edited.", 1)})); err != nil {
			t.Fatal(err)
		}
		resp := do(t, s, "GET", "/lessons/alpha")
		page := body(t, resp)
		if resp.StatusCode != http.StatusServiceUnavailable {
			t.Errorf("dev=%v: broken alpha answers %d, want 503", dev, resp.StatusCode)
		}
		hasProblem := strings.Contains(page, "lessons/01-alpha.md:4") && strings.Contains(page, "want a whole number from 1")
		if hasProblem != dev {
			t.Errorf("dev=%v: the broken lesson's page shows its problem: %v\n%s", dev, hasProblem, page)
		}
		if resp := do(t, s, "GET", "/lessons/beta"); resp.StatusCode != 200 || !strings.Contains(body(t, resp), "Beta, edited.") {
			t.Errorf("dev=%v: after the reload, beta is not the edited one", dev)
		}
		if got := len(s.Problems()); got != 2 { // the order and the slug
			t.Errorf("dev=%v: %d problems, want 2", dev, got)
		}
		home := body(t, do(t, s, "GET", "/"))
		if got := strings.Contains(home, "One lesson is unavailable right now"); got == dev {
			t.Errorf("dev=%v: the learners' notice on the home page: %v", dev, got)
		}
		if got := strings.Contains(home, "devreload."); got != dev {
			t.Errorf("dev=%v: the home page loads devreload.js: %v", dev, got)
		}
		checkSecurityHeaders(t, do(t, s, "GET", "/lessons/alpha"))
	}
}

// TestDevEvents: the stream opens with the current version, carries each
// new one, outlives the server's read and write timeouts, and ends when the
// server drains, so shutdown does not wait on it.
func TestDevEvents(t *testing.T) {
	s, _ := newTestServer(t, Config{Course: loadCourse(t, map[string]string{"01-alpha.md": reloadA}), Dev: true})
	ts := httptest.NewUnstartedServer(s)
	ts.Config.ReadTimeout, ts.Config.WriteTimeout = 100*time.Millisecond, 100*time.Millisecond
	ts.Start()
	defer ts.Close()

	resp, err := http.Get(ts.URL + "/dev/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); resp.StatusCode != 200 || ct != "text/event-stream" {
		t.Fatalf("GET /dev/events: %d %s", resp.StatusCode, ct)
	}
	if enc := resp.Header.Get("Content-Encoding"); enc != "" {
		t.Errorf("the stream is compressed (%s): events would wait in the compressor", enc)
	}
	lines := make(chan string)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			lines <- sc.Text()
		}
	}()
	next := func() string {
		t.Helper()
		for {
			select {
			case l, ok := <-lines:
				if !ok {
					return ""
				}
				if v, ok := strings.CutPrefix(l, "data: "); ok {
					return v
				}
			case <-time.After(10 * time.Second):
				t.Fatal("no event")
			}
		}
	}
	page := body(t, do(t, s, "GET", "/lessons/alpha"))
	first := next()
	if first == "" || !strings.Contains(page, `data-version="`+first+`"`) {
		t.Fatalf("first event %q is not the version the page was drawn from", first)
	}
	time.Sleep(300 * time.Millisecond) // past both timeouts
	if err := s.Reload(loadCourse(t, map[string]string{"01-alpha.md": reloadA})); err != nil {
		t.Fatal(err)
	}
	if second := next(); second == "" || second == first {
		t.Errorf("after Reload the stream sent %q, want a new version (was %q)", second, first)
	}
	s.Drain()
	select {
	case _, ok := <-lines:
		for ok {
			_, ok = <-lines
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the stream outlived Drain")
	}
	_, _ = io.Copy(io.Discard, resp.Body)
}

// TestNoDevEventsInProduction: the route only exists in development mode.
func TestNoDevEventsInProduction(t *testing.T) {
	s, _ := newTestServer(t, Config{})
	if resp := do(t, s, "GET", "/dev/events"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("GET /dev/events: %d, want 404", resp.StatusCode)
	}
	if page := body(t, do(t, s, "GET", "/")); strings.Contains(page, "devreload") {
		t.Errorf("a production page loads devreload.js")
	}
}
