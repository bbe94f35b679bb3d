package web

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/ckptlab/ckptlab/lessons"
	"github.com/ckptlab/ckptlab/sim"
)

// newBrowser starts headless Debian chromium on a fresh profile, or skips
// the test when it is not installed. The returned func lists what the page
// must never do: console errors, uncaught exceptions, CSP violations.
func newBrowser(t *testing.T) (context.Context, func() []string) {
	t.Helper()
	if testing.Short() {
		t.Skip("browser tests are slow; skipped with -short")
	}
	path, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium is not installed")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		// The page scrolls smoothly unless the reader prefers less motion;
		// a click must not land on a page still scrolling.
		chromedp.Flag("force-prefers-reduced-motion", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1200, 900),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelCtx(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}

	var mu sync.Mutex
	var problems []string
	msgs := chromedp.Console(ctx)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() || strings.Contains(m.Text, "Content Security Policy") {
				mu.Lock()
				problems = append(problems, fmt.Sprintf("%s (%s %s:%d)", m, m.Source, m.URL, m.Line))
				mu.Unlock()
			}
		}
	}()
	list := func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), problems...)
	}

	// The listener must see what it is there to catch: a console error and
	// a CSP violation (an inline script without the nonce).
	probe := `console.error("probe"); var s = document.createElement("script"); s.textContent = "1"; document.body.appendChild(s);`
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(securityHeaders(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "<!DOCTYPE html><title>probe</title><body></body>")
	})))
	pctx, cancel := within(ctx)
	defer cancel()
	if err := chromedp.Do(pctx, chromedp.Navigate(srv.URL), js(probe)); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for len(list()) < 2 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if got := list(); len(got) < 2 {
		t.Fatalf("the console listener caught %q, want the probe's error and CSP violation", got)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatal(err)
	}
	srv.Close()
	mu.Lock()
	problems = nil
	mu.Unlock()
	return ctx, list
}

// within bounds one browser step, so a page that stops answering fails
// the test instead of hanging it.
func within(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, 60*time.Second)
}

// editorOf is the CSS selector of block n's editor content.
func editorOf(n int) chromedp.CSS {
	return chromedp.CSS(fmt.Sprintf(`.runnable[data-block="%d"] .cm-content`, n))
}

func outputOf(n int) string {
	return fmt.Sprintf(`.runnable[data-block="%d"] .run-output`, n)
}

// runBlock clicks block n's Run button and returns its output text once
// the run is done.
func runBlock(ctx context.Context, n int) (string, error) {
	ctx, cancel := within(ctx)
	defer cancel()
	err := chromedp.Do(ctx,
		js(fmt.Sprintf(`(function(){var o=document.querySelector(%q); if(o) o.remove();})()`, outputOf(n))),
		// A click through the DOM, not at screen coordinates: a long
		// lesson's earlier outputs can still be moving the button when a
		// coordinate click lands, and then it misses.
		js(fmt.Sprintf(`document.querySelector('.runnable[data-block="%d"] .run-button').click()`, n)),
		chromedp.WaitVisible(chromedp.CSS(outputOf(n))),
	)
	if err != nil {
		return "", err
	}
	return chromedp.Run(ctx, chromedp.Evaluate[string](fmt.Sprintf(`document.querySelector(%q).textContent`, outputOf(n)+" .run-text")))
}

// js runs a script for its effect.
func js(src string) chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void](src)
}

// setCode replaces block n's code as a paste would.
func setCode(n int, code string) chromedp.Action[chromedp.Void] {
	return js(fmt.Sprintf(`window.ckptlabRun.blocks.find(b => b.index === "%d").editor.setValue(%q)`, n, code))
}

// foundingSnippet is the course's first question: fill, save, zero, load.
const foundingSnippet = `import torch
import torch.nn as nn
import torch.optim as optim
model = nn.Linear(2, 1)
optimizer = optim.SGD(model.parameters(), lr=0.1)
for param in model.parameters():
    param.data.fill_(1.0)
checkpoint = {'model_state': model.state_dict(), 'optimizer_state': optimizer.state_dict()}
torch.save(checkpoint, 'checkpoint.pth')
for param in model.parameters():
    param.data.fill_(0.0)
loaded = torch.load('checkpoint.pth')
model.load_state_dict(loaded['model_state'])
print(model.weight)
`

// TestBrowser drives the embedded course in chromium: the issue's "Done
// when" list, in one browser session.
func TestBrowser(t *testing.T) {
	ctx, problems := newBrowser(t)
	course, err := lessons.Load(lessons.Embedded(), "lessons")
	if err != nil {
		t.Fatal(err)
	}
	s, _ := newTestServer(t, Config{Course: course, Run: RunLimits{RatePerMinute: 10000}})
	ts := httptest.NewServer(s)
	defer ts.Close()
	downloads := t.TempDir()

	do := func(name string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		sctx, cancel := within(ctx)
		defer cancel()
		if err := chromedp.Do(sctx, actions...); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	eval := func(expr string) string {
		t.Helper()
		sctx, cancel := within(ctx)
		defer cancel()
		v, err := chromedp.Run(sctx, chromedp.Evaluate[string](expr))
		if err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
		return v
	}

	t.Run("edit and run with the keyboard", func(t *testing.T) {
		do("open lesson 1",
			chromedp.Navigate(ts.URL+"/lessons/why-checkpoint"),
			chromedp.WaitVisible(editorOf(0)),
			chromedp.Click(editorOf(0)),
			chromedp.KeyEvent(kb.End, chromedp.KeyModifiers(chromedp.ModifierCtrl)),
			chromedp.KeyEvent("\nprint('edited by the test')"),
			chromedp.KeyEvent("\r", chromedp.KeyModifiers(chromedp.ModifierCtrl)),
			chromedp.WaitVisible(chromedp.CSS(outputOf(0))),
		)
		out := eval(fmt.Sprintf(`document.querySelector(%q).textContent`, outputOf(0)+" .run-text"))
		if !strings.Contains(out, "weight (2, 4)") || !strings.Contains(out, "edited by the test") {
			t.Errorf("output %q, want the block's lines and the typed print", out)
		}
		if eval(`String(!document.querySelector('.runnable[data-block="0"] .run-edited').hidden)`) != "true" {
			t.Error("the edited marker is not shown after typing")
		}

		// The edit and the history survive a reload.
		do("reload", chromedp.Reload(), chromedp.WaitVisible(editorOf(0)))
		if code := eval(`window.ckptlabRun.blocks[0].editor.getValue()`); !strings.HasSuffix(code, "print('edited by the test')") {
			t.Errorf("after a reload block 0 holds %q, want the edit", code)
		}
		if st := eval(`document.querySelector('.runnable[data-block="0"] .run-status').textContent`); st != "1 block run since the last restart." {
			t.Errorf("after a reload the status reads %q", st)
		}
	})

	t.Run("plots", func(t *testing.T) {
		do("set code", setCode(2, "import matplotlib.pyplot as plt\nplt.plot([1, 2, 3], [3, 1, 2], label='loss')\nplt.title('Loss')\nplt.legend()\nplt.show()\n"))
		if _, err := runBlock(ctx, 2); err != nil {
			t.Fatal(err)
		}
		pctx, cancel := within(ctx)
		defer cancel()
		w, err := chromedp.Run(pctx, chromedp.Poll[int](fmt.Sprintf(`(function(){var i=document.querySelector(%q); return i && i.complete && i.naturalWidth;})()`, outputOf(2)+" img.run-plot")))
		if err != nil || w != 640 {
			t.Errorf("the plot image: width %d, %v; want a 640-pixel SVG", w, err)
		}
		if n := eval(`String(window.ckptlabRun.state().history.length)`); n != "2" {
			t.Errorf("history holds %s blocks after two runs: %s", n, eval(`JSON.stringify(window.ckptlabRun.state().history.map(h => h.slice(0, 30)))`))
		}
		writeScreenshot(t, ctx, "plot.png", `.runnable[data-block="2"]`)
	})

	t.Run("founding snippet", func(t *testing.T) {
		do("set code", setCode(1, foundingSnippet))
		out, err := runBlock(ctx, 1)
		if err != nil {
			t.Fatal(err)
		}
		res, err := sim.Run(context.Background(), sim.Request{Code: foundingSnippet})
		if err != nil || out != res.Output {
			t.Errorf("page shows %q, the simulator prints %q (%v)", out, res.Output, err)
		}
		if !strings.Contains(out, "1.") {
			t.Errorf("output %q does not show the weights back at 1", out)
		}
		writeScreenshot(t, ctx, "founding.png", `.runnable[data-block="1"] .run-timeline`)
	})

	t.Run("KeyError, save in one block and load in the next, download, restart", func(t *testing.T) {
		do("open lesson 5",
			chromedp.Navigate(ts.URL+"/lessons/when-loading-fails"),
			chromedp.WaitVisible(editorOf(0)),
			chromedp.Click(chromedp.CSS(`.runnable[data-block="0"] .run-restart`)),
		)
		if _, err := runBlock(ctx, 0); err != nil {
			t.Fatal(err)
		}
		out, err := runBlock(ctx, 1)
		if err != nil {
			t.Fatal(err)
		}
		exc := eval(fmt.Sprintf(`document.querySelector(%q).textContent`, outputOf(1)+" .run-exception"))
		if strings.TrimSpace(exc) != "KeyError: 'optimizer'" {
			t.Errorf("emphasised line %q, want KeyError: 'optimizer' (output %q)", exc, out)
		}
		if n := eval(`String(document.querySelectorAll('.runnable[data-block="1"] .cm-failing-line').length)`); n != "1" {
			t.Errorf("%s failing lines marked in the editor, want 1", n)
		}
		out, err = runBlock(ctx, 2)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out, "dict_keys(['model_state', 'optimizer_state'])") {
			t.Errorf("block 2 after blocks 0 and 1: %q, want the saved checkpoint's keys", out)
		}

		if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
			Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: downloads,
		}); err != nil {
			t.Fatal(err)
		}
		do("download checkpoint.pth", chromedp.Click(chromedp.CSS(outputOf(2)+` a.run-download[data-file="checkpoint.pth"]`)))
		data := waitForFile(t, filepath.Join(downloads, "checkpoint.pth"))
		entries, err := sim.ListCheckpoint(data)
		if err != nil {
			t.Fatalf("the downloaded checkpoint does not load: %v", err)
		}
		if len(entries) == 0 || !strings.HasPrefix(entries[0].Path, "['model_state']") {
			t.Errorf("downloaded checkpoint holds %+v", entries)
		}
		writeScreenshot(t, ctx, "lesson.png", `.runnable[data-block="1"]`)

		do("restart", chromedp.Click(chromedp.CSS(`.runnable[data-block="2"] .run-restart`)))
		if n := eval(`String(document.querySelectorAll('.run-output').length)`); n != "0" {
			t.Errorf("%s outputs after restart, want none", n)
		}
		out, err = runBlock(ctx, 2)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out, "NameError: name 'checkpoint' is not defined") {
			t.Errorf("block 2 after restart: %q, want a NameError", out)
		}

		// Upload the downloaded checkpoint under another name and load it.
		upload := filepath.Join(t.TempDir(), "mine.pth")
		if err := os.WriteFile(upload, data, 0o644); err != nil {
			t.Fatal(err)
		}
		do("upload mine.pth", chromedp.SetUploadFiles(chromedp.CSS(`.runnable[data-block="0"] .run-upload input`), []string{upload}))
		pctx, cancel := within(ctx)
		defer cancel()
		if _, err := chromedp.Run(pctx, chromedp.Poll[bool](`document.querySelector('.runnable[data-block="0"] .run-status').textContent.includes("Uploaded mine.pth")`)); err != nil {
			t.Fatalf("the page does not say the file was uploaded: %v", err)
		}
		do("load it", setCode(0, "import torch\nck = torch.load('mine.pth')\nprint(sorted(ck.keys()))\n"))
		out, err = runBlock(ctx, 0)
		if err != nil {
			t.Fatal(err)
		}
		if out != "['model_state', 'optimizer_state']\n" {
			t.Errorf("loading the uploaded file printed %q", out)
		}
	})

	for _, p := range problems() {
		t.Errorf("browser: %s", p)
	}
}

// waitForFile waits for a download to finish.
func waitForFile(t *testing.T, path string) []byte {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if b, err := os.ReadFile(path); err == nil && len(b) > 0 {
			return b
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("no download at %s", path)
	return nil
}

// writeScreenshot saves the window, scrolled to an element, for a person to look at; the path is in
// the test log. CKPTLAB_SCREENSHOTS picks the folder.
func writeScreenshot(t *testing.T, ctx context.Context, name, scrollTo string) {
	t.Helper()
	dir := os.Getenv("CKPTLAB_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "ckptlab-screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := within(ctx)
	defer cancel()
	if err := chromedp.Do(ctx, js(fmt.Sprintf(`document.querySelector(%q).scrollIntoView()`, scrollTo))); err != nil {
		t.Fatalf("scroll for the screenshot: %v", err)
	}
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}
