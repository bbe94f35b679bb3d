package web

import (
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/ckptlab/ckptlab/lessons"
)

// TestLayoutInBrowser drives the page shell in chromium (newBrowser, in
// browser_test.go, fails on any console error or CSP violation): the skip
// link comes first, the theme toggle switches and is remembered, nothing
// shifts while a page loads, and a phone-width page does not scroll sideways.
func TestLayoutInBrowser(t *testing.T) {
	ctx, problems := newBrowser(t)
	// A lesson with everything the shell lays out (contents, figure, code,
	// a table, the pager), and one with runnable blocks, which the editor
	// takes over without moving anything.
	svg, err := os.ReadFile("testdata/lessons/img/square.svg")
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("A sentence long enough to wrap across the reading width of the page. ", 12)
	course, err := lessons.Load(fstest.MapFS{
		"01-shell.md": {Data: []byte("---\ntitle: The shell\nslug: shell\norder: 1\nsummary: Layout only.\nminutes: 2\n---\n\n" +
			long + "\n\n![A square](img/square.svg)\n\n## Code\n\n```python\nprint('x' * 200)  # a long line that must scroll inside its block, not the page\n```\n\n" +
			"## A table\n\n| key | value |\n|---|---|\n| epoch | 3 |\n\n### Deeper\n\n" + long + "\n")},
		"02-next.md": {Data: []byte("---\ntitle: Next\nslug: next\norder: 2\nsummary: The next one.\nminutes: 1\n---\n\nText.\n")},
		"03-run.md": {Data: []byte("---\ntitle: Run\nslug: run\norder: 3\nsummary: Runnable blocks.\nminutes: 1\n---\n\n" + long +
			"\n\n```python run\nimport torch\n\nprint(torch.ones(2))\n```\n\n" + long + "\n\n```python run fails\nprint({}['missing'])\n```\n\n" + long + "\n")},
		"img/square.svg": {Data: svg},
	}, "shell")
	if err != nil || course.Err() != nil {
		t.Fatal(err, course.Err())
	}
	s, _ := newTestServer(t, Config{Course: course})
	ts := httptest.NewServer(s)
	defer ts.Close()

	do := func(name string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	eval := func(expr string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
		return v
	}
	background := `getComputedStyle(document.body).backgroundColor`

	do("open the home page", chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.CSS(".lesson-list")))

	t.Run("skip link first", func(t *testing.T) {
		do("tab", chromedp.KeyEvent(kb.Tab))
		if got := eval(`document.activeElement.className`); got != "skip-link" {
			t.Errorf("first Tab focuses %q, want the skip link", got)
		}
		if got := eval(`String(document.activeElement.getBoundingClientRect().top >= 0)`); got != "true" {
			t.Error("the focused skip link is off screen")
		}
	})

	t.Run("theme toggle", func(t *testing.T) {
		if got := eval(background); got != "rgb(255, 255, 255)" {
			t.Errorf("light background %s", got)
		}
		if got := eval(`getComputedStyle(document.querySelector(".theme-toggle")).visibility`); got != "visible" {
			t.Errorf("toggle visibility %s with JS on", got)
		}
		do("toggle", chromedp.Click(chromedp.CSS(".theme-toggle")))
		if got := eval(background); got != "rgb(13, 17, 23)" {
			t.Errorf("dark background %s after the toggle", got)
		}
		if got := eval(`document.querySelector(".theme-toggle").getAttribute("aria-pressed")`); got != "true" {
			t.Errorf("aria-pressed %s in the dark theme", got)
		}
		do("reload", chromedp.Navigate(ts.URL+"/lessons/shell"), chromedp.WaitVisible(chromedp.CSS("h1")))
		if got := eval(`document.documentElement.dataset.theme + " " + ` + background); got != "dark rgb(13, 17, 23)" {
			t.Errorf("after navigating: %s, want the dark theme remembered", got)
		}
		do("toggle back", chromedp.Click(chromedp.CSS(".theme-toggle")))
		if got := eval(`localStorage.getItem("ckptlab-theme")`); got != "light" {
			t.Errorf("stored theme %q, want light", got)
		}
	})

	t.Run("no layout shift", func(t *testing.T) {
		for _, path := range []string{"/", "/lessons/shell", "/lessons/run", "/nope"} {
			do("open "+path, chromedp.Navigate(ts.URL+path), chromedp.WaitVisible(chromedp.CSS("footer")))
			// The sum of the page's layout-shift entries, then what moved.
			shift := eval(`new Promise(resolve => {
				let total = 0, moved = [];
				new PerformanceObserver(list => {
					for (const e of list.getEntries()) {
						if (e.hadRecentInput) continue;
						total += e.value;
						for (const s of e.sources) moved.push((s.node && (s.node.className || s.node.nodeName)) + " from y=" + s.previousRect.y + " to y=" + s.currentRect.y);
					}
				}).observe({type: "layout-shift", buffered: true});
				setTimeout(() => resolve(total + (moved.length ? ": " + moved.join("; ") : "")), 300);
			})`)
			if total, _, _ := strings.Cut(shift, ":"); total != "0" {
				t.Errorf("%s: cumulative layout shift %s, want 0", path, shift)
			}
		}
	})

	t.Run("phone width", func(t *testing.T) {
		do("phone", chromedp.EmulateViewport(360, 740), chromedp.Navigate(ts.URL+"/lessons/shell"), chromedp.WaitVisible(chromedp.CSS("h1")))
		if got := eval(`String(document.documentElement.scrollWidth <= document.documentElement.clientWidth)`); got != "true" {
			t.Errorf("the lesson scrolls sideways at 360px: scrollWidth %s", eval(`String(document.documentElement.scrollWidth)`))
		}
	})

	var reported []string
	for _, p := range problems() {
		if !strings.Contains(p, "/nope") { // the 404 page's own status
			reported = append(reported, p)
		}
	}
	if len(reported) > 0 {
		t.Errorf("the pages reported:\n%v", reported)
	}
}
