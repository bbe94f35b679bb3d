package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"github.com/ckptlab/ckptlab/lessons"
	"github.com/ckptlab/ckptlab/quiz"
	"github.com/ckptlab/ckptlab/quiz/quizsim"
)

// TestQuizInBrowser answers the four founding questions of the course in
// a real browser, wrong and then right: it opens the hint, reads the
// feedback and the explanation htmx swaps in, retries, finds the progress
// kept after a reload and on the course home, and exports it to a file and
// imports progress from one. It runs the real course with keys computed by the simulator.
func TestQuizInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("no chromium on PATH")
	}
	course, err := lessons.Load(lessons.Embedded(), "lessons")
	if err != nil {
		t.Fatal(err)
	}
	s, logs := newTestServer(t, Config{Course: course, Quiz: quiz.Embedded, QuizRunner: quizsim.Runner{}})
	if strings.Contains(logs.String(), "quiz not loaded") {
		t.Fatalf("the course's quizzes did not load:\n%s", logs)
	}
	ts := httptest.NewServer(s)
	defer ts.Close()

	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chromium), chromedp.NoSandbox)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(allocCtx)
	defer cancel()
	if err := chromedp.Do(ctx); err != nil { // start the browser
		t.Fatalf("start chromium: %v", err)
	}

	// Every script error, console error or CSP violation the page reports
	// fails the test.
	var mu sync.Mutex
	var problems []string
	go func() {
		for m, err := range chromedp.Console(ctx) {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleException {
				mu.Lock()
				problems = append(problems, fmt.Sprintf("%s at %s:%d: %s", m.Type, m.URL, m.Line+1, m.Text))
				mu.Unlock()
			}
		}
	}()

	lesson := ts.URL + "/lessons/why-checkpoint"
	css := func(sel string) chromedp.CSS { return chromedp.CSS(sel) }
	card := func(id string) string { return "#q-why-checkpoint-" + id }
	read := func(dst *string, sel string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) (err error) {
			*dst, err = chromedp.Text(css(sel), chromedp.NodeVisible)(ctx, tg)
			return err
		})
	}
	// waitText waits for an element to show a text: quiz.js updates the
	// review just after htmx settles the swapped card.
	waitText := func(dst *string, sel, want string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) (err error) {
			for range 100 {
				if *dst, err = chromedp.Text(css(sel), chromedp.NodeVisible)(ctx, tg); err != nil || strings.HasPrefix(*dst, want) {
					return err
				}
				time.Sleep(50 * time.Millisecond)
			}
			return nil
		})
	}
	// focusIn waits until quiz.js has moved the focus into the element sel
	// names, as it does after each swap (so the page has stopped scrolling
	// before the next click).
	focusIn := func(sel string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			expr := `!!(document.activeElement && document.activeElement.closest(` + strconv.Quote(sel) + `))`
			for range 100 {
				if in, err := chromedp.Evaluate[bool](expr)(ctx, tg); err != nil || in {
					return err
				}
				time.Sleep(50 * time.Millisecond)
			}
			return fmt.Errorf("the focus never moved into %s", sel)
		})
	}
	// answer submits a card's form and waits for the graded card htmx
	// swaps in, with the focus on its feedback.
	answer := func(id, result string) chromedp.Action[chromedp.Void] {
		return chromedp.Steps(
			chromedp.Click(css(card(id)+` button[type="submit"]`)),
			chromedp.WaitVisible(css(card(id)+`[data-result="`+result+`"] .quiz-explanation`)),
			focusIn(card(id)+` .quiz-feedback`),
		)
	}
	// retry asks for the card's form again, and waits for the focus in it.
	retry := func(id string) chromedp.Action[chromedp.Void] {
		return chromedp.Steps(
			chromedp.Click(css(card(id)+` a.quiz-retry`)),
			chromedp.WaitVisible(css(card(id)+` form.quiz-form`)),
			focusIn(card(id)+` form.quiz-form`),
		)
	}
	// Progress files to import on the home page: one with a single right
	// answer, and one that is not progress at all.
	dir := t.TempDir()
	version := s.quizzes().set.Quiz("why-checkpoint").Version
	goodFile, badFile := filepath.Join(dir, "progress.json"), filepath.Join(dir, "notes.json")
	good := `{"format":1,"learner":"","lessons":{},"quizzes":{"why-checkpoint":{"version":"` + version +
		`","answers":{"strategy":{"result":"correct","answer":["a"]}}}}}`
	if err := os.WriteFile(goodFile, []byte(good), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(badFile, []byte("my notes"), 0o644); err != nil {
		t.Fatal(err)
	}

	var hint, verdict, note, expected, explanation, location, review, reviewAfterReload, earlier, home string
	var badImport, imported, importedMessage, ran, ranFixed string
	var exported []byte
	downloads := filepath.Join(dir, "downloads")
	runCtx, cancelRun := context.WithTimeout(ctx, 90*time.Second)
	defer cancelRun()
	steps := []chromedp.Action[chromedp.Void]{
		chromedp.Navigate(lesson),
		chromedp.WaitVisible(css(card("weight-after-load"))),

		// 1. Predict the output: the hint on request, a wrong output, the
		// feedback, then the right output.
		chromedp.Click(css(card("weight-after-load") + ` details.quiz-hint summary`)),
		read(&hint, card("weight-after-load")+` details.quiz-hint p`),
		chromedp.SendKeys(css(card("weight-after-load")+` textarea`), "Parameter containing:\ntensor([[0., 0.]], requires_grad=True)"),
		answer("weight-after-load", "wrong"),
		read(&verdict, card("weight-after-load")+` .quiz-verdict`),
		read(&expected, card("weight-after-load")+` .quiz-expected pre`),
		read(&explanation, card("weight-after-load")+` .quiz-explanation`),
		retry("weight-after-load"),
		chromedp.SendKeys(css(card("weight-after-load")+` textarea`), "Parameter containing:\ntensor([[1.,  1.]], requires_grad=True)"),
		answer("weight-after-load", "correct"),

		// 2. A choice question: wrong, then right.
		chromedp.Click(css(card("optimizer-state") + ` input[value="b"]`)),
		answer("optimizer-state", "wrong"),
		retry("optimizer-state"),
		chromedp.Click(css(card("optimizer-state") + ` input[value="a"]`)),
		answer("optimizer-state", "correct"),

		// 3. Predict the error: the right exception with the wrong key,
		// then the right one.
		chromedp.Click(css(card("wrong-key") + ` input[value="raises"]`)),
		chromedp.SendKeys(css(card("wrong-key")+` input[name="answer"]`), "KeyError: 'optimizer_state'"),
		answer("wrong-key", "wrong"),
		read(&note, card("wrong-key")+` .quiz-note`),
		// The snippet runs right there, after its setup, in the simulator.
		chromedp.Click(css(card("wrong-key") + ` .quiz-run-button`)),
		waitText(&ran, card("wrong-key")+` .quiz-run-output`, "Traceback"),
		// The snippet is an editor: fix the key and run it again.
		chromedp.WaitVisible(css(card("wrong-key") + ` .quiz-run .cm-editor`)),
		chromedp.Evaluate[chromedp.Void](`(function(){var box=document.querySelector('#q-why-checkpoint-wrong-key [data-quiz-run]');` +
			`var e=box.ckptlabEditor; e.setValue(e.getValue().replace("checkpoint['optimizer']", "checkpoint['optimizer_state']"));})()`),
		chromedp.Click(css(card("wrong-key") + ` .quiz-run-button`)),
		waitText(&ranFixed, card("wrong-key")+` .quiz-run-output`, "printed nothing"),
		retry("wrong-key"),
		chromedp.Click(css(card("wrong-key") + ` input[value="raises"]`)),
		chromedp.SendKeys(css(card("wrong-key")+` input[name="answer"]`), "KeyError: 'optimizer'"),
		answer("wrong-key", "correct"),

		// 4. A choice question, right at once.
		chromedp.Click(css(card("strategy") + ` input[value="a"]`)),
		answer("strategy", "correct"),

		// htmx swapped the cards in place: the page never changed.
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) (err error) {
			location, err = chromedp.Location()(ctx, tg)
			return err
		}),
		waitText(&review, `#quiz-why-checkpoint [data-quiz-review] h3`, "Your answers: 4 of 6 correct"),

		// The progress survives a reload, and shows on the course home.
		chromedp.Reload(),
		read(&reviewAfterReload, `#quiz-why-checkpoint [data-quiz-review] h3`),
		read(&earlier, card("weight-after-load")+` .quiz-earlier`),
		chromedp.Navigate(ts.URL + "/"),
		read(&home, `[data-quiz-progress] li[data-quiz="why-checkpoint"] [data-quiz-score]`),

		// Export saves the progress as a file.
		chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
				Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: downloads,
			})
			return err
		}),
		chromedp.Click(css(`[data-quiz-export]`)),
		chromedp.Func(func(ctx context.Context, _ *chromedp.Target) (err error) {
			for range 100 {
				if exported, err = os.ReadFile(filepath.Join(downloads, "ckptlab-progress.json")); err == nil {
					return nil
				}
				time.Sleep(50 * time.Millisecond)
			}
			return fmt.Errorf("no exported file: %w", err)
		}),

		// Import replaces the progress with a file's; a file that is not
		// progress is refused with a message.
		chromedp.SetUploadFiles(css(`[data-quiz-import]`), []string{badFile}),
		waitText(&badImport, `[data-quiz-message]`, "That file is not"),
		chromedp.SetUploadFiles(css(`[data-quiz-import]`), []string{goodFile}),
		waitText(&imported, `[data-quiz-progress] li[data-quiz="why-checkpoint"] [data-quiz-score]`, "1 of 6 correct"),
		read(&importedMessage, `[data-quiz-message]`),
	}
	for i, step := range steps {
		if err := chromedp.Do(runCtx, step); err != nil {
			t.Fatalf("browser, step %d: %v", i, err)
		}
	}

	mu.Lock()
	if len(problems) > 0 {
		t.Errorf("the page reported:\n%s", strings.Join(problems, "\n"))
	}
	mu.Unlock()

	// With the server gone, an answer cannot be graded: the card says so
	// (and the browser logs errors, which are expected from here on).
	var unreachable string
	if err := chromedp.Do(runCtx,
		chromedp.Navigate(lesson),
		chromedp.Click(css(card("strategy")+` input[value="a"]`)),
		chromedp.Func(func(context.Context, *chromedp.Target) error { ts.Close(); return nil }),
		chromedp.Click(css(card("strategy")+` button[type="submit"]`)),
		read(&unreachable, card("strategy")+` .quiz-failed`),
	); err != nil {
		t.Fatalf("browser, with the server gone: %v", err)
	}
	if want := "The answer could not reach the server."; !strings.HasPrefix(unreachable, want) {
		t.Errorf("with the server gone the card says %q, want %q", unreachable, want)
	}
	checks := []struct{ what, got, want string }{
		{"hint", hint, "Loading restores the saved weights exactly."},
		{"verdict on a wrong output", verdict, "Not quite."},
		{"expected output", expected, "Parameter containing:\ntensor([[1., 1.]], requires_grad=True)"},
		{"note on the wrong key", note, "The exception is right; its message is not."},
		{"location after answering", location, lesson},
		{"review", review, "Your answers: 4 of 6 correct"},
		{"review after a reload", reviewAfterReload, "Your answers: 4 of 6 correct"},
		{"a card after a reload", earlier, "You answered this correctly before."},
		{"progress on the home page", home, "4 of 6 correct, 2 to answer"},
		{"importing a file that is not progress", badImport, "That file is not a progress file (it is not JSON)."},
		{"progress after an import", imported, "1 of 6 correct, 5 to answer"},
		{"message after an import", importedMessage, "Progress imported."},
	}
	for _, c := range checks {
		if !strings.HasPrefix(strings.TrimSpace(c.got), c.want) {
			t.Errorf("%s: got %q, want %q", c.what, c.got, c.want)
		}
	}
	var progress struct {
		Format  int
		Learner string
		Quizzes map[string]struct {
			Version string
			Answers map[string]struct {
				Result string
				Answer []string
			}
		}
	}
	if err := json.Unmarshal(exported, &progress); err != nil {
		t.Errorf("exported progress: %v\n%s", err, exported)
	}
	why := progress.Quizzes["why-checkpoint"]
	if progress.Format != 1 || progress.Learner == "" || why.Version != version || len(why.Answers) != 4 ||
		why.Answers["wrong-key"].Result != "correct" || strings.Join(why.Answers["wrong-key"].Answer, "") != "KeyError: 'optimizer'" {
		t.Errorf("exported progress:\n%s", exported)
	}
	if !strings.Contains(ranFixed, "printed nothing") {
		t.Errorf("the fixed snippet, run again from its editor, showed %q", ranFixed)
	}
	if !strings.HasPrefix(ran, "Traceback (most recent call last):") || !strings.HasSuffix(strings.TrimSpace(ran), "KeyError: 'optimizer'") {
		t.Errorf("running the snippet of wrong-key shows\n%s\nwant its traceback, ending in KeyError: 'optimizer'", ran)
	}
	if !strings.Contains(explanation, "The weights are all ones.") {
		t.Errorf("explanation: %q", explanation)
	}
}
