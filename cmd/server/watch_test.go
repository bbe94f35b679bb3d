package main

import (
	"bufio"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

func TestEditorTempFilesAreIgnored(t *testing.T) {
	tests := []struct {
		name string
		op   fsnotify.Op
		want bool
	}{
		{"/c/lessons/01-a.md", fsnotify.Write, true},
		{"/c/lessons/01-a.md", fsnotify.Rename, true},
		{"/c/lessons/01-a.md", fsnotify.Remove, true},
		{"/c/quiz", fsnotify.Create, true},
		{"/c/lessons/img/plot.svg", fsnotify.Create, true},
		{"/c/lessons/01-a.md", fsnotify.Chmod, false},           // a touch of permissions only
		{"/c/lessons/.01-a.md.swp", fsnotify.Write, false},      // vim's swap file
		{"/c/lessons/.01-a.md.swx", fsnotify.Create, false},     // and its other names
		{"/c/lessons/01-a.md.swo", fsnotify.Create, false},      //
		{"/c/lessons/4913", fsnotify.Create, false},             // vim's can-I-write test
		{"/c/lessons/01-a.md~", fsnotify.Create, false},         // backups
		{"/c/lessons/.#01-a.md", fsnotify.Create, false},        // emacs's lock
		{"/c/lessons/#01-a.md#", fsnotify.Write, false},         // emacs's autosave
		{"/c/lessons/.goutputstream-X1", fsnotify.Write, false}, // gedit's temporary file
	}
	for _, tt := range tests {
		if got := relevant(fsnotify.Event{Name: tt.name, Op: tt.op}); got != tt.want {
			t.Errorf("relevant(%s %s) = %v, want %v", tt.op, tt.name, got, tt.want)
		}
	}
}

// TestDebouncer drives the debouncer with timers fired by hand: a burst of
// events is one reload, and each event restarts the quiet period.
func TestDebouncer(t *testing.T) {
	var timers []chan time.Time
	after := func(d time.Duration) <-chan time.Time {
		if d != 150*time.Millisecond {
			t.Errorf("quiet period %s, want 150ms", d)
		}
		ch := make(chan time.Time, 1)
		timers = append(timers, ch)
		return ch
	}
	clock := time.Unix(0, 0)
	d := debouncer{wait: reloadQuiet, latest: reloadLatest, after: after, now: func() time.Time { return clock }}
	if d.fired() != nil {
		t.Fatal("an idle debouncer has a timer")
	}
	d.add("a.md")
	d.add("b.md")
	d.add("a.md")
	if len(timers) != 3 {
		t.Fatalf("%d timers started, want one per event", len(timers))
	}
	// Only the last event's timer counts: the earlier ones firing late
	// must not end the burst.
	timers[0] <- time.Time{}
	timers[1] <- time.Time{}
	select {
	case <-d.fired():
		t.Fatal("a stale timer ended the burst")
	default:
	}
	timers[2] <- time.Time{}
	select {
	case <-d.fired():
	default:
		t.Fatal("the last timer did not end the burst")
	}
	if got, want := strings.Join(d.take(), " "), "a.md b.md"; got != want {
		t.Errorf("take = %q, want %q (each name once, in order)", got, want)
	}
	if d.fired() != nil || len(d.take()) != 0 {
		t.Error("take did not reset the debouncer")
	}

	// A writer that never stops: past reloadLatest into the burst, events
	// no longer push the reload back.
	timers = nil
	d.add("plot.svg")
	for clock = clock.Add(100 * time.Millisecond); clock.Sub(time.Unix(0, 0)) < 2*time.Second; clock = clock.Add(100 * time.Millisecond) {
		d.add("plot.svg")
	}
	// The first event's timer, then one for each event at 100...500ms.
	if got, want := len(timers), 6; got != want {
		t.Errorf("%d timers in a 2s burst of events every 100ms, want %d: one per event until %s in", got, want, reloadLatest)
	}
}

const (
	lessonA = "---\ntitle: Alpha\nslug: alpha\norder: 1\nsummary: The first.\nminutes: 1\n---\n\nAlpha body.\n"
	lessonB = "---\ntitle: Beta\nslug: beta\norder: 2\nsummary: The second.\nminutes: 1\n---\n\nBeta body.\n"
	quizA   = "---\nlesson: alpha\ntitle: Q\n---\n\n## What prints? {#p}\ntype: output\n\n" +
		"```python\nprint(1 + 1)\n```\n\n### Hint\nAdd.\n\n### Explanation\nTwo.\n"
)

// saveAtomically writes a file the way careful editors do: a temporary
// file beside it, renamed over it.
func saveAtomically(t *testing.T, path, text string) {
	t.Helper()
	tmp := filepath.Join(filepath.Dir(path), ".tmp-"+filepath.Base(path))
	if err := os.WriteFile(tmp, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

// events reads a server-sent event stream, sending each event's data.
func events(t *testing.T, url string) <-chan string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("GET %s: %s %s", url, resp.Status, resp.Header.Get("Content-Type"))
	}
	ch := make(chan string, 16)
	go func() {
		defer close(ch)
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				ch <- data
			}
		}
	}()
	t.Cleanup(cancel)
	return ch
}

// nextEvent waits for an event; the limit only keeps a broken watcher from
// hanging the test.
func nextEvent(t *testing.T, ch <-chan string) string {
	t.Helper()
	select {
	case v, ok := <-ch:
		if !ok {
			t.Fatal("the event stream ended")
		}
		return v
	case <-time.After(20 * time.Second):
		t.Fatal("no event")
	}
	return ""
}

// waitFor polls url until its body contains want, returning the status
// and body.
func waitFor(t *testing.T, url, want string) (int, string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		code, body := get(t, url)
		if strings.Contains(body, want) {
			return code, body
		}
		if time.Now().After(deadline) {
			t.Fatalf("GET %s never showed %q; last answer %d:\n%s", url, want, code, body)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestLiveReload is the instructor's loop against the real Main: serve a
// content directory with --dev, keep a page's event stream open, edit a
// lesson, break it, fix it, and replace the whole folder; the page changes
// and an event arrives each time, and the other lesson keeps serving.
func TestLiveReload(t *testing.T) {
	dir := writeCourse(t, map[string]string{
		"lessons/01-alpha.md": lessonA,
		"lessons/02-beta.md":  lessonB,
		"quiz/01-alpha.md":    quizA,
	})
	m, logs := start(t, []string{"--content", dir, "--dev"}, nil)
	base := "http://" + m.Addr()

	code, page := get(t, base+"/lessons/alpha")
	if code != 200 || !strings.Contains(page, "Alpha body.") || !strings.Contains(page, "devreload.") {
		t.Fatalf("GET /lessons/alpha: %d, want the lesson with devreload.js:\n%s", code, page)
	}
	stream := events(t, base+"/dev/events")
	v1 := nextEvent(t, stream)
	if !strings.Contains(page, `data-version="`+v1+`"`) {
		t.Errorf("the page is not stamped with the version the stream announces (%s)", v1)
	}

	// An edit, saved through a temporary file and a rename.
	lessonPath := filepath.Join(dir, "lessons", "01-alpha.md")
	saveAtomically(t, lessonPath, strings.Replace(lessonA, "Alpha body.", "Alpha, edited.", 1))
	v2 := nextEvent(t, stream)
	if v2 == v1 {
		t.Errorf("the event after an edit repeats version %s", v1)
	}
	waitFor(t, base+"/lessons/alpha", "Alpha, edited.")

	// A broken front matter: the lesson's page shows its error, file and
	// line, and so does every other page; the other lesson still serves.
	broken := strings.Replace(lessonA, "order: 1", "order: one", 1)
	if err := os.WriteFile(lessonPath, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	nextEvent(t, stream)
	code, page = waitFor(t, base+"/lessons/alpha", "This lesson does not load")
	where, sentence := lessonPath+":4", "order: want a whole number from 1"
	if code != http.StatusServiceUnavailable || !strings.Contains(page, where) || !strings.Contains(page, sentence) {
		t.Errorf("broken lesson: %d, want 503 naming %s:\n%s", code, where, page)
	}
	code, page = get(t, base+"/lessons/beta")
	if code != 200 || !strings.Contains(page, "Beta body.") || !strings.Contains(page, where) {
		t.Errorf("the other lesson: %d, want it served with the problem listed:\n%s", code, page)
	}
	if code, page = get(t, base+"/"); code != 200 || !strings.Contains(page, where) || !strings.Contains(page, "Beta") {
		t.Errorf("home: %d, want the lessons left and the problem:\n%s", code, page)
	}

	// A broken quiz leaves its lesson serving without it, and says why.
	quizPath := filepath.Join(dir, "quiz", "01-alpha.md")
	if err := os.WriteFile(quizPath, []byte(strings.Replace(quizA, "type: output", "type: essay", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	nextEvent(t, stream)
	waitFor(t, base+"/lessons/beta", quizPath+":")

	// Fixed: the lesson is back and the problems are gone.
	saveAtomically(t, lessonPath, lessonA)
	saveAtomically(t, quizPath, quizA)
	code, page = waitFor(t, base+"/lessons/alpha", "Alpha body.")
	if code != 200 || strings.Contains(page, "dev-problems") || !strings.Contains(page, "What prints?") {
		t.Errorf("fixed lesson: %d, want it with its quiz and no problems:\n%s", code, page)
	}

	// The whole lessons folder replaced by a rename, as some tools deploy.
	next := filepath.Join(dir, "lessons.new")
	if err := os.Mkdir(next, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(next, "01-gamma.md"), []byte(strings.ReplaceAll(strings.ReplaceAll(lessonA, "alpha", "gamma"), "Alpha", "Gamma")), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(dir, "lessons")); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(next, filepath.Join(dir, "lessons")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, base+"/lessons/gamma", "Gamma body.")
	// ...and the new folder is watched.
	saveAtomically(t, filepath.Join(dir, "lessons", "01-gamma.md"), strings.Replace(strings.ReplaceAll(strings.ReplaceAll(lessonA, "alpha", "gamma"), "Alpha", "Gamma"), "Gamma body.", "Gamma, edited.", 1))
	waitFor(t, base+"/lessons/gamma", "Gamma, edited.")

	if !strings.Contains(logs.String(), "course reloaded") {
		t.Errorf("no reload in the log:\n%s", logs.String())
	}
}

// TestBrokenLessonInProduction: without --dev, a broken file leaves the
// rest of the course serving, and learners get a short notice with no paths
// or messages; there is no event stream and no reload script.
func TestBrokenLessonInProduction(t *testing.T) {
	dir := writeCourse(t, map[string]string{
		"lessons/01-alpha.md": strings.Replace(lessonA, "order: 1", "order: one", 1),
		"lessons/02-beta.md":  lessonB,
	})
	m, logs := start(t, []string{"--content", dir}, nil)
	base := "http://" + m.Addr()

	code, page := get(t, base+"/lessons/alpha")
	if code != http.StatusServiceUnavailable || !strings.Contains(page, "This lesson is unavailable right now") {
		t.Errorf("broken lesson: %d, want 503 and a notice:\n%s", code, page)
	}
	for _, leak := range []string{"01-alpha.md", "order", dir} {
		if strings.Contains(page, leak) {
			t.Errorf("the learner's notice shows %q:\n%s", leak, page)
		}
	}
	if code, page = get(t, base+"/lessons/beta"); code != 200 || !strings.Contains(page, "Beta body.") || strings.Contains(page, "devreload") {
		t.Errorf("the other lesson: %d, want it served without devreload.js:\n%s", code, page)
	}
	if code, page = get(t, base+"/"); code != 200 || !strings.Contains(page, "One lesson is unavailable right now") || strings.Contains(page, "01-alpha.md") {
		t.Errorf("home: %d, want the short notice only:\n%s", code, page)
	}
	if code, _ = get(t, base+"/lessons/nothing"); code != http.StatusNotFound {
		t.Errorf("an unknown lesson: %d, want 404", code)
	}
	if code, _ = get(t, base+"/dev/events"); code != http.StatusNotFound {
		t.Errorf("/dev/events in production: %d, want 404", code)
	}
	if !strings.Contains(logs.String(), "01-alpha.md:4:") {
		t.Errorf("the log lacks the problem for the operator:\n%s", logs.String())
	}
}

// TestQuizFolderCreatedLater: a course started without quiz/ picks up its
// quizzes when the author creates the folder, without a restart.
func TestQuizFolderCreatedLater(t *testing.T) {
	dir := writeCourse(t, map[string]string{"lessons/01-alpha.md": lessonA})
	m, _ := start(t, []string{"--content", dir, "--dev"}, nil)
	base := "http://" + m.Addr()
	if code, page := get(t, base+"/lessons/alpha"); code != 200 || strings.Contains(page, "What prints?") {
		t.Fatalf("GET /lessons/alpha: %d, want the lesson without a quiz", code)
	}
	if err := os.Mkdir(filepath.Join(dir, "quiz"), 0o755); err != nil {
		t.Fatal(err)
	}
	// The folder's creation and the file's are separate bursts when the
	// machine is slow; the page must end up with the quiz either way.
	saveAtomically(t, filepath.Join(dir, "quiz", "01-alpha.md"), quizA)
	waitFor(t, base+"/lessons/alpha", "What prints?")
}
