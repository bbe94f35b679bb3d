package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ckptlab/ckptlab/quiz"
)

// quizSample is a quiz on testdata/lessons' first lesson with a question
// of each kind the forms handle differently.
const quizSample = `---
lesson: first
title: Sample quiz
---

Answer these.

## Which is a tensor? {#pick-one}
type: choice

Which of these is a tensor?

### Options
- [x] ` + "`torch.zeros(2)`" + `
- [ ] ` + "`nn.Linear(2, 1)`" + `
- [ ] ` + "`optim.SGD`" + `
- [ ] None of the above {pin}

### Hint
One of them holds numbers.

### Explanation
` + "`torch.zeros(2)`" + ` makes a tensor.

## What is in a state dict? {#pick-several}
type: multiple

Which keys does ` + "`nn.Linear(2, 1).state_dict()`" + ` have?

### Options
- [x] ` + "`weight`" + `
- [x] ` + "`bias`" + `
- [ ] ` + "`grad`" + `

### Hint
Parameters.

### Explanation
Gradients are not saved.

## What does it print? {#typed-output}
type: output

What does it print?

` + "```python" + `
print(1 + 1)
` + "```" + `

### Hint
Add.

### Explanation
Two.

## Does it run? {#which-error}
type: error

Does it run?

` + "```python" + `
d = {'a': 1}
print(d['b'])
` + "```" + `

### Hint
Keys.

### Explanation
There is no key ` + "`'b'`" + `.

## Which key? {#short}
type: short

Which key?

### Answer
- optimizer_state

### Hint
Look.

### Explanation
That one.
`

// fakeQuizRunner answers the sample quiz's programs, so these tests of the
// HTTP side do not depend on the simulator (TestEmbeddedQuizzes uses it).
type fakeQuizRunner map[string]quiz.Outcome

func (f fakeQuizRunner) Run(_ context.Context, p quiz.Program) (quiz.Outcome, error) {
	out, ok := f[strings.TrimSpace(p.Code)]
	if !ok {
		return quiz.Outcome{}, fmt.Errorf("fake runner: no outcome for %q", p.Code)
	}
	return out, nil
}

func newQuizTestServer(t *testing.T) *Server {
	t.Helper()
	s, logs := newTestServer(t, Config{
		Quiz: fstest.MapFS{"01-sample.md": {Data: []byte(quizSample)}},
		QuizRunner: fakeQuizRunner{
			"print(1 + 1)":                {Output: "2\n"},
			"d = {'a': 1}\nprint(d['b'])": {Error: &quiz.RunError{Type: "KeyError", Message: "'b'", Line: 2}},
		},
	})
	if strings.Contains(logs.String(), "not loaded") {
		t.Fatalf("the sample quiz did not load:\n%s", logs)
	}
	return s
}

func post(t *testing.T, h http.Handler, path, contentType, body string, header ...string) *http.Response {
	t.Helper()
	req := httptest.NewRequest("POST", path, strings.NewReader(body))
	req.Header.Set("Content-Type", contentType)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

// TestQuizAPI is the JSON API's contract, one request per row.
func TestQuizAPI(t *testing.T) {
	s := newQuizTestServer(t)
	tests := []struct {
		path, body string
		status     int
		want       string // the response body, when it is worth spelling out
		correct    bool
	}{
		{"/api/quiz/sample/pick-one", `{"answer": "a"}`, 200,
			`{"correct":true,"expected":"` + "`torch.zeros(2)`" + `","expectedOptions":["a"],"explanation":"` + "`torch.zeros(2)`" + ` makes a tensor.","explanationHTML":"\u003cp\u003e\u003ccode\u003etorch.zeros(2)\u003c/code\u003e makes a tensor.\u003c/p\u003e\n"}`, true},
		{"/api/quiz/sample/pick-one", `{"answer": ["d"]}`, 200, "", false},
		{"/api/quiz/sample/pick-several", `{"answer": ["b", "a"]}`, 200, "", true},
		{"/api/quiz/sample/pick-several", `{"answer": []}`, 200, "", false},
		{"/api/quiz/sample/typed-output", `{"answer": "  2\n"}`, 200, "", true},
		{"/api/quiz/sample/which-error", `{"answer": "KeyError: 'b'"}`, 200, "", true},
		{"/api/quiz/sample/which-error", `{"answer": "no error"}`, 200, "", false},
		{"/api/quiz/sample/short", `{"answer": "Optimizer_State"}`, 200, "", true},
		// malformed bodies
		{"/api/quiz/sample/pick-one", `not json`, 400,
			`{"error":{"code":"invalid","message":"The body must be a JSON object such as {\"answer\": \"a\"}."}}`, false},
		{"/api/quiz/sample/pick-one", `{}`, 400, `{"error":{"code":"invalid","message":"The body has no \"answer\"."}}`, false},
		{"/api/quiz/sample/pick-one", `{"answer": 1}`, 400, `{"error":{"code":"invalid","message":"\"answer\" must be a string or an array of strings."}}`, false},
		{"/api/quiz/sample/pick-one", `{"answer": [1]}`, 400, `{"error":{"code":"invalid","message":"\"answer\" must be a string or an array of strings."}}`, false},
		// answers that do not fit the question
		{"/api/quiz/sample/pick-one", `{"answer": "z"}`, 400, `{"error":{"code":"invalid","message":"The answer does not fit the question: question \"pick-one\" has no option \"z\"."}}`, false},
		{"/api/quiz/sample/pick-one", `{"answer": ["a", "b"]}`, 400, `{"error":{"code":"invalid","message":"The answer does not fit the question: question \"pick-one\" takes exactly one option, got 2."}}`, false},
		{"/api/quiz/sample/typed-output", `{"answer": " "}`, 400, `{"error":{"code":"invalid","message":"The answer does not fit the question: the answer is empty."}}`, false},
		// unknown quiz or question
		{"/api/quiz/nope/pick-one", `{"answer": "a"}`, 404, `{"error":{"code":"not_found","message":"There is no quiz called \"nope\"."}}`, false},
		{"/api/quiz/sample/nope", `{"answer": "a"}`, 404, `{"error":{"code":"not_found","message":"Quiz \"sample\" has no question \"nope\"."}}`, false},
		// too long
		{"/api/quiz/sample/typed-output", `{"answer": "` + strings.Repeat("x", 70000) + `"}`, 413, `{"error":{"code":"too_large","message":"The answer is longer than 65536 bytes."}}`, false},
	}
	for _, tt := range tests {
		t.Run(tt.path+" "+tt.body[:min(len(tt.body), 30)], func(t *testing.T) {
			resp := post(t, s, tt.path, "application/json", tt.body)
			got := strings.TrimSpace(body(t, resp))
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d; body %s", resp.StatusCode, tt.status, got)
			}
			if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("Content-Type %q", ct)
			}
			if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
				t.Errorf("Cache-Control %q, want no-store", cc)
			}
			if tt.want != "" && got != tt.want {
				t.Errorf("body\n%s\nwant\n%s", got, tt.want)
			}
			if tt.status == 200 {
				var v quizAnswerResponse
				if err := json.Unmarshal([]byte(got), &v); err != nil || v.Correct != tt.correct || v.Explanation == "" || v.Expected == "" {
					t.Errorf("body %s: want correct %v with an explanation and the expected answer", got, tt.correct)
				}
			}
		})
	}
}

// inOrder reports the first of wants missing from page, each looked for
// after the one before.
func inOrder(page string, wants ...string) string {
	at := 0
	for _, w := range wants {
		i := strings.Index(page[at:], w)
		if i < 0 {
			return w
		}
		at += i + len(w)
	}
	return ""
}

// TestQuizFormWithoutJS posts each question's form as a browser without JS
// does, and reads the feedback on the page that comes back.
func TestQuizFormWithoutJS(t *testing.T) {
	s := newQuizTestServer(t)
	tests := []struct {
		question string
		form     url.Values
		want     []string // in the page, in this order
	}{
		{"pick-one", url.Values{"answer": {"a"}}, []string{`data-result="correct"`, "Correct.", "Your answer:", "<code>torch.zeros(2)</code>", `class="quiz-explanation"`, "makes a tensor", "Answer again"}},
		{"pick-one", url.Values{"answer": {"b"}}, []string{`data-result="wrong"`, "Not quite.", "Your answer:", "<code>nn.Linear(2, 1)</code>", "The answer:", "<code>torch.zeros(2)</code>", "makes a tensor", "Try again"}},
		{"pick-one", url.Values{}, []string{`<form`, `name="answer" value="a"`, `role="alert">Pick an option first.`}},
		{"pick-several", url.Values{"answer": {"a"}}, []string{"Not quite.", "1 of your 1 picks are correct; 2 options are correct in all."}},
		{"pick-several", url.Values{"answer": {"a", "b"}}, []string{"Correct."}},
		{"pick-several", url.Values{}, []string{"Pick at least one option first."}},
		{"typed-output", url.Values{"answer": {"2 \r\n"}}, []string{"Correct."}},
		{"typed-output", url.Values{"answer": {"3"}}, []string{"Not quite.", `<pre class="quiz-output"><code>3</code></pre>`, `<pre class="quiz-output"><code>2</code></pre>`}},
		{"typed-output", url.Values{"answer": {""}}, []string{"Type the output first."}},
		{"which-error", url.Values{"outcome": {"raises"}, "answer": {"KeyError: 'b'"}}, []string{"Correct."}},
		{"which-error", url.Values{"outcome": {"raises"}, "answer": {"KeyError: 'a'"}}, []string{"Not quite.", "The exception is right; its message is not.", "KeyError: &#39;b&#39;"}},
		{"which-error", url.Values{"outcome": {"runs"}}, []string{"Not quite.", "no error", "KeyError: &#39;b&#39;"}},
		{"which-error", url.Values{"outcome": {"raises"}}, []string{"Say whether it runs, and if not, type the exception first."}},
		{"short", url.Values{"answer": {"optimizer_state"}}, []string{"Correct."}},
	}
	if resp := post(t, s, "/quiz/sample/short", "application/x-www-form-urlencoded", "answer="+strings.Repeat("x", 70000)); resp.StatusCode != 413 {
		t.Errorf("a form over the size limit: status %d, want 413", resp.StatusCode)
	}
	if resp := post(t, s, "/quiz/sample/nope", "application/x-www-form-urlencoded", "answer=a"); resp.StatusCode != 404 {
		t.Errorf("an unknown question: status %d, want 404", resp.StatusCode)
	}
	for _, tt := range tests {
		t.Run(tt.question+" "+tt.form.Encode(), func(t *testing.T) {
			resp := post(t, s, "/quiz/sample/"+tt.question, "application/x-www-form-urlencoded", tt.form.Encode())
			page := body(t, resp)
			if resp.StatusCode != 200 {
				t.Fatalf("status %d: %s", resp.StatusCode, page)
			}
			if !strings.Contains(page, "<!doctype html>") || !strings.Contains(page, `href="/lessons/first#q-sample-`+tt.question+`"`) {
				t.Errorf("without JS the answer comes back as a page linking back to the lesson:\n%s", page)
			}
			if missing := inOrder(page, tt.want...); missing != "" {
				t.Errorf("the page lacks %q (in order):\n%s", missing, page)
			}
		})
	}
}

// TestQuizFormWithHTMX: with JS, htmx posts the same form and swaps in the
// question's card alone; "try again" fetches the form back.
func TestQuizFormWithHTMX(t *testing.T) {
	s := newQuizTestServer(t)
	resp := post(t, s, "/quiz/sample/short", "application/x-www-form-urlencoded", "answer=nope", "HX-Request", "true")
	card := body(t, resp)
	if resp.StatusCode != 200 || strings.Contains(card, "<html") || !strings.HasPrefix(card, `<article class="quiz-question" id="q-sample-short"`) {
		t.Fatalf("status %d; want the card alone:\n%s", resp.StatusCode, card)
	}
	if missing := inOrder(card, `data-result="wrong"`, `data-answer="[&#34;nope&#34;]"`, "Not quite.", "That one.", `hx-get="/quiz/sample/short"`, "Try again"); missing != "" {
		t.Errorf("card lacks %s:\n%s", missing, card)
	}
	if v := resp.Header.Get("Vary"); !strings.Contains(v, "HX-Request") {
		t.Errorf("Vary %q: the same URL answers a card or a page", v)
	}
	resp = do(t, s, "GET", "/quiz/sample/short", "HX-Request", "true")
	card = body(t, resp)
	if resp.StatusCode != 200 || !strings.Contains(card, `hx-post="/quiz/sample/short"`) || strings.Contains(card, "data-result") {
		t.Errorf("retry: status %d\n%s", resp.StatusCode, card)
	}
	resp = do(t, s, "GET", "/quiz/sample/short")
	if page := body(t, resp); resp.StatusCode != 200 || !strings.Contains(page, `<form class="quiz-form" method="post" action="/quiz/sample/short"`) {
		t.Errorf("without JS, try again opens the question's page: status %d\n%s", resp.StatusCode, page)
	}
}

var quizOptionOrder = regexp.MustCompile(`name="answer" value="([a-z])"`)

// TestQuizOptionOrder: options are shuffled per learner, the same on every
// visit, and a pinned option keeps its place.
func TestQuizOptionOrder(t *testing.T) {
	s := newQuizTestServer(t)
	orderFor := func(cookie string) (order, learner string) {
		req := httptest.NewRequest("GET", "/lessons/first", nil)
		if cookie != "" {
			req.AddCookie(&http.Cookie{Name: QuizLearnerCookie, Value: cookie})
		}
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		page := rec.Body.String()
		start := strings.Index(page, `id="q-sample-pick-one"`)
		end := strings.Index(page, `id="q-sample-pick-several"`)
		if start < 0 || end < start {
			t.Fatalf("the lesson page lacks the quiz:\n%s", page)
		}
		for _, m := range quizOptionOrder.FindAllStringSubmatch(page[start:end], -1) {
			order += m[1]
		}
		learner = cookie
		for _, c := range rec.Result().Cookies() {
			if c.Name == QuizLearnerCookie {
				learner = c.Value
			}
		}
		return order, learner
	}
	orders := map[string]bool{}
	for range 8 {
		first, learner := orderFor("")
		if learner == "" {
			t.Fatal("no learner cookie on a first visit")
		}
		if again, kept := orderFor(learner); again != first || kept != learner {
			t.Errorf("learner %s: order %s then %s", learner, first, again)
		}
		if len(first) != 4 || first[3] != 'd' {
			t.Errorf("order %s: the pinned option d must stay last", first)
		}
		orders[first] = true
	}
	if len(orders) < 2 {
		t.Errorf("eight learners all got the order %v", orders)
	}
}

// TestQuizOnLessonPage: the lesson names its quiz in the page's quiz slot,
// with the scripts it needs; a lesson without a quiz has neither.
func TestQuizOnLessonPage(t *testing.T) {
	s := newQuizTestServer(t)
	page := body(t, do(t, s, "GET", "/lessons/first"))
	if missing := inOrder(page, `vendor/htmx.min.`, `/static/quiz.`, `<div class="prose">`, `<div class="quiz">`,
		`<section class="quiz-set" id="quiz-sample" aria-labelledby="quiz-sample-title" data-quiz="sample" data-quiz-version="`,
		`<h2 id="quiz-sample-title">Sample quiz</h2>`, `action="/quiz/sample/pick-one"`, `<details class="quiz-hint"><summary>Hint</summary>`, `<textarea name="answer"`, `name="outcome" value="runs"`, `action="/quiz/sample/short"`,
		`data-quiz-review`, `class="pager"`); missing != "" {
		t.Errorf("the lesson page lacks %q (in order):\n%s", missing, page)
	}
	other := body(t, do(t, s, "GET", "/lessons/second"))
	if strings.Contains(other, "quiz") {
		t.Errorf("a lesson without a quiz mentions one:\n%s", other)
	}
}

// TestQuizPagesAreCSPClean: quiz pages and cards need nothing the CSP
// forbids, like the other pages (TestPagesAreCSPClean).
func TestQuizPagesAreCSPClean(t *testing.T) {
	s := newQuizTestServer(t)
	for _, resp := range []*http.Response{
		do(t, s, "GET", "/lessons/first"),
		do(t, s, "GET", "/quiz/sample/pick-one"),
		post(t, s, "/quiz/sample/pick-one", "application/x-www-form-urlencoded", "answer=b"),
		post(t, s, "/quiz/sample/pick-one", "application/x-www-form-urlencoded", "answer=b", "HX-Request", "true"),
	} {
		page := body(t, resp)
		m := regexp.MustCompile(`'nonce-([^']+)'`).FindStringSubmatch(resp.Header.Get("Content-Security-Policy"))
		if m == nil {
			t.Fatal("no nonce in the CSP")
		}
		for _, tag := range regexp.MustCompile(`<script[^>]*>`).FindAllString(page, -1) {
			if n := nonceAttr.FindStringSubmatch(tag); n == nil || n[1] != m[1] {
				t.Errorf("%s lacks the nonce", tag)
			}
		}
		if bad := regexp.MustCompile(`(?i)\s(style|on[a-z]+)="`).FindString(page); bad != "" {
			t.Errorf("inline %q attribute", bad)
		}
	}
}

// TestQuizProgress is the course home's hook: one line per quiz for
// quiz.js to fill in.
func TestQuizProgress(t *testing.T) {
	s := newQuizTestServer(t)
	var b strings.Builder
	if err := s.QuizProgress().Render(context.Background(), &b); err != nil {
		t.Fatal(err)
	}
	if missing := inOrder(b.String(), `data-quiz-progress`, `<li data-quiz="sample" data-quiz-version="`, `data-quiz-total="5"`,
		`<a href="/lessons/first#quiz-sample">Sample quiz</a>`, `data-quiz-export`, `data-quiz-import`); missing != "" {
		t.Errorf("progress lacks %q:\n%s", missing, b.String())
	}
	home := body(t, do(t, s, "GET", "/"))
	if missing := inOrder(home, `/static/quiz.`, `class="lesson-list"`, `data-quiz-progress`); missing != "" {
		t.Errorf("the home page lacks %q (in order):\n%s", missing, home)
	}
	empty, _ := newTestServer(t, Config{})
	if empty.QuizProgress() != nil {
		t.Error("a course without quizzes has a progress summary")
	}
	if home := body(t, do(t, empty, "GET", "/")); strings.Contains(home, "quiz") {
		t.Errorf("the home page of a course without quizzes mentions them:\n%s", home)
	}
}

// TestQuizMistakesAreLogged: a quiz with mistakes is left out and the log
// says where each mistake is; the lesson still serves.
func TestQuizMistakesAreLogged(t *testing.T) {
	s, logs := newTestServer(t, Config{
		Quiz: fstest.MapFS{"01-sample.md": {Data: []byte(strings.Replace(quizSample, "type: short", "type: shrot", 1))}},
		QuizRunner: fakeQuizRunner{
			"print(1 + 1)":                {Output: "2\n"},
			"d = {'a': 1}\nprint(d['b'])": {Error: &quiz.RunError{Type: "KeyError", Message: "'b'", Line: 2}},
		},
	})
	if !strings.Contains(logs.String(), `01-sample.md:73: unknown question type \"shrot\"`) {
		t.Errorf("log lacks the mistake:\n%s", logs)
	}
	if resp := do(t, s, "GET", "/lessons/first"); resp.StatusCode != 200 || strings.Contains(body(t, resp), "quiz-set") {
		t.Errorf("the lesson should serve without the broken quiz")
	}
}
