package web

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/ckptlab/ckptlab/lessons"
	"github.com/ckptlab/ckptlab/quiz"
	"github.com/ckptlab/ckptlab/quiz/quizsim"
)

// TestCourseInBrowser walks the whole embedded course as a learner would:
// every lesson in order, every runnable block run in order with its Run
// button, and the first question of each quiz answered. A block shows a
// traceback exactly when the lesson marks it "fails"; the answer the page
// grades correct is the key the simulator computed. Console errors and CSP
// violations on any page fail the test.
func TestCourseInBrowser(t *testing.T) {
	ctx, problems := newBrowser(t)
	course, err := lessons.Load(lessons.Embedded(), "lessons")
	if err != nil {
		t.Fatal(err)
	}
	s, logs := newTestServer(t, Config{Course: course, Quiz: quiz.Embedded, QuizDir: "quiz", QuizRunner: quizsim.Runner{},
		Run: RunLimits{RatePerMinute: 10000}})
	for _, p := range s.Problems() {
		t.Errorf("the embedded course: %s", p)
	}
	ts := httptest.NewServer(s)
	defer ts.Close()

	firstQuestion := map[string]*quiz.Question{} // by lesson slug
	quizOf := map[string]*quiz.Quiz{}
	for _, q := range s.quizzes().set.Quizzes {
		if len(q.Questions) > 0 {
			firstQuestion[q.Lesson], quizOf[q.Lesson] = q.Questions[0], q
		}
	}

	for _, l := range course.Lessons {
		t.Run(l.Slug, func(t *testing.T) {
			if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/lessons/"+l.Slug), chromedp.WaitVisible(chromedp.CSS("main#main"))); err != nil {
				t.Fatalf("open: %v", err)
			}
			if len(l.Blocks) > 0 {
				if err := chromedp.Do(ctx, chromedp.WaitVisible(editorOf(0))); err != nil {
					t.Fatalf("the editors did not start: %v", err)
				}
			}
			for _, b := range l.Blocks {
				out, err := runBlock(ctx, b.Index)
				if err != nil {
					t.Fatalf("block %d (%s:%d): %v", b.Index, l.Path, b.Line, err)
				}
				tb, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fmt.Sprintf(
					`!!document.querySelector(%q)`, outputOf(b.Index)+" .run-traceback, "+outputOf(b.Index)+" .run-limit")))
				if err != nil {
					t.Fatal(err)
				}
				tb = tb || strings.Contains(out, "Traceback (most recent call last):")
				switch {
				case tb && !b.Fails:
					t.Errorf("%s:%d: block %d shows a traceback the lesson does not expect:\n%s", l.Path, b.Line, b.Index, out)
				case !tb && b.Fails:
					t.Errorf("%s:%d: block %d is marked fails but shows no traceback:\n%s", l.Path, b.Line, b.Index, out)
				}
			}
			if qu := firstQuestion[l.Slug]; qu != nil {
				answerInBrowser(t, ctx, quizOf[l.Slug], qu)
			}
		})
	}
	if strings.Contains(logs.String(), "level=ERROR") {
		t.Errorf("the server logged errors:\n%s", logs)
	}
	for _, p := range problems() {
		t.Errorf("browser: %s", p)
	}
}

// answerInBrowser fills question qu's form on the open lesson page with the
// right answer, as the grader states it, submits it, and wants the card
// graded correct.
func answerInBrowser(t *testing.T, ctx context.Context, q *quiz.Quiz, qu *quiz.Question) {
	t.Helper()
	card := "#q-" + q.ID + "-" + qu.ID
	probe := []string{"x"}
	if len(qu.Options) > 0 {
		probe = []string{qu.Options[0].ID}
	}
	v, err := qu.Grade(probe)
	if err != nil {
		t.Fatalf("%s: grade a probe answer: %v", card, err)
	}

	var fill string
	switch {
	case len(qu.Options) > 0:
		ids := v.ExpectedOptions
		fill = fmt.Sprintf(`(function(ids){
			var inputs = document.querySelectorAll(%q);
			inputs.forEach(function(i){ i.checked = ids.indexOf(i.value) >= 0; });
			return inputs.length;
		})(%s)`, card+` input[name="answer"]`, jsStrings(ids))
	case qu.Type == quiz.Error && strings.EqualFold(v.Expected, quiz.NoError):
		fill = fmt.Sprintf(`(function(){ var r = document.querySelector(%q); r.checked = true; return 1; })()`,
			card+` input[name="outcome"][value="runs"]`)
	case qu.Type == quiz.Error:
		fill = fmt.Sprintf(`(function(){ document.querySelector(%q).checked = true; document.querySelector(%q).value = %s; return 1; })()`,
			card+` input[name="outcome"][value="raises"]`, card+` input[name="answer"]`, strconv.Quote(v.Expected))
	default: // a typed answer, in a textarea or a text input
		fill = fmt.Sprintf(`(function(){ var e = document.querySelector(%q); e.value = %s; return 1; })()`,
			card+` [name="answer"]`, strconv.Quote(v.Expected))
	}
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](fill))
	if err != nil || n == 0 {
		t.Fatalf("%s: fill the answer %q %v: %d inputs, %v", card, v.Expected, v.ExpectedOptions, n, err)
	}
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(card+` button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(card+`[data-result] .quiz-explanation`)),
	)
	if err != nil {
		t.Fatalf("%s: submit: %v", card, err)
	}
	result, err := chromedp.Run(ctx, chromedp.Evaluate[string](fmt.Sprintf(`document.querySelector(%q).dataset.result`, card)))
	if err != nil {
		t.Fatal(err)
	}
	if result != "correct" {
		t.Errorf("%s (%s:%d): the right answer %q %v was graded %q", card, q.File, qu.Line, v.Expected, v.ExpectedOptions, result)
	}
}

// jsStrings writes a JavaScript array of strings.
func jsStrings(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = strconv.Quote(s)
	}
	return "[" + strings.Join(q, ",") + "]"
}

// TestDevReloadInBrowser: in development mode an open page reloads itself,
// through devreload.js and /dev/events, when the course is reloaded, and
// does so without console errors or CSP violations.
func TestDevReloadInBrowser(t *testing.T) {
	ctx, problems := newBrowser(t)
	s, _ := newTestServer(t, Config{Course: loadCourse(t, map[string]string{"01-alpha.md": reloadA, "02-beta.md": reloadB}), Dev: true})
	ts := httptest.NewServer(s)
	defer ts.Close()
	defer s.Drain() // ends the page's event stream, which Close would wait for

	err := chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/lessons/alpha"),
		chromedp.WaitVisible(chromedp.CSS("main#main")),
		// A mark the reload wipes out: the page was loaded again, not patched.
		js(`window.ckptlabStale = true`),
	)
	if err != nil {
		t.Fatal(err)
	}
	// Wait for the stream to be open, so the test is of the event rather
	// than of the version check on connect (which TestDevEvents covers).
	waitUntil(t, func() bool { return devStreams(s) == 1 })
	if err := s.Reload(loadCourse(t, map[string]string{"01-alpha.md": strings.Replace(reloadA, "Alpha body.", "Alpha, edited.", 1), "02-beta.md": reloadB})); err != nil {
		t.Fatal(err)
	}
	waitUntil(t, func() bool {
		got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`window.ckptlabStale ? "" : document.body.textContent`))
		return err == nil && strings.Contains(got, "Alpha, edited.")
	})

	// Broken by the next save: the same page shows the problem.
	if err := s.Reload(loadCourse(t, map[string]string{"01-alpha.md": strings.Replace(reloadA, "order: 1", "order: one", 1), "02-beta.md": reloadB})); err != nil {
		t.Fatal(err)
	}
	waitUntil(t, func() bool {
		got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body.textContent`))
		return err == nil && strings.Contains(got, "This lesson does not load") && strings.Contains(got, "lessons/01-alpha.md:4")
	})
	for _, p := range problems() {
		// The broken lesson is a 503 on purpose, which chromium logs.
		if strings.Contains(p, "status of 503") && strings.Contains(p, "/lessons/alpha") {
			continue
		}
		t.Errorf("browser: %s", p)
	}
}

// devStreams counts the open /dev/events streams.
func devStreams(s *Server) int {
	s.dev.mu.Lock()
	defer s.dev.mu.Unlock()
	return len(s.dev.streams)
}

// waitUntil polls cond; the limit only keeps a broken page from hanging
// the test.
func waitUntil(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("timed out")
		}
		time.Sleep(25 * time.Millisecond)
	}
}
