package web

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/a-h/templ"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/go-chi/chi/v5"
	"github.com/yuin/goldmark"
	highlighting "github.com/yuin/goldmark-highlighting/v2"
	"github.com/yuin/goldmark/extension"

	"github.com/ckptlab/ckptlab/quiz"
)

// Quizzes is the course's quizzes with their Markdown rendered once, when
// the course loads: the questions are static between reloads, so requests
// only grade and draw.
type Quizzes struct {
	set   *quiz.Set
	views map[string]*quizView
}

// quizView is a quiz with its Markdown rendered.
type quizView struct {
	quiz      *quiz.Quiz
	intro     string
	questions map[string]*quizQuestionView
}

// quizQuestionView is a question with its Markdown rendered.
type quizQuestionView struct {
	q           *quiz.Question
	quiz        *quiz.Quiz
	prompt      string
	hint        string
	explanation string
	options     map[string]string // option id -> HTML, for Markdown options
}

// quizMarkdown renders questions like lessons: GitHub-flavoured, code
// highlighted with CSS classes (the CSP forbids inline styles).
var quizMarkdown = goldmark.New(
	goldmark.WithExtensions(
		extension.GFM,
		highlighting.NewHighlighting(highlighting.WithFormatOptions(chromahtml.WithClasses(true))),
	),
)

// quizLoadTimeout bounds computing every code question's key at startup.
const quizLoadTimeout = 2 * time.Minute

// loadQuizzes reads the quizzes of fsys and computes their keys with r.
// Like lessons, a quiz with mistakes is left out and logged (and returned,
// for development mode to show); the others serve. No folder means a course
// without quizzes.
func loadQuizzes(fsys fs.FS, r quiz.Runner, log *slog.Logger) (*Quizzes, quiz.Mistakes, error) {
	if fsys == nil {
		qs, err := NewQuizzes(&quiz.Set{}, quizMarkdown)
		return qs, nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), quizLoadTimeout)
	defer cancel()
	set, err := quiz.Load(ctx, fsys, r)
	ms, ok := err.(quiz.Mistakes)
	if ok {
		for _, m := range ms {
			log.Warn("quiz not loaded", "err", m.Error())
		}
	} else if err != nil {
		return nil, nil, err
	}
	log.Info("quizzes loaded", "quizzes", len(set.Quizzes))
	qs, err := NewQuizzes(set, quizMarkdown)
	return qs, ms, err
}

// NewQuizzes renders the Markdown of every quiz in set with md.
func NewQuizzes(set *quiz.Set, md goldmark.Markdown) (*Quizzes, error) {
	qs := &Quizzes{set: set, views: map[string]*quizView{}}
	render := func(where, src string) (string, error) {
		var b bytes.Buffer
		if err := md.Convert([]byte(src), &b); err != nil {
			return "", fmt.Errorf("render %s: %w", where, err)
		}
		return b.String(), nil
	}
	for _, q := range set.Quizzes {
		v := &quizView{quiz: q, questions: map[string]*quizQuestionView{}}
		var err error
		if v.intro, err = render(q.File, q.Intro); err != nil {
			return nil, err
		}
		for _, qu := range q.Questions {
			qv := &quizQuestionView{q: qu, quiz: q, options: map[string]string{}}
			where := q.File + " question " + qu.ID
			if qv.prompt, err = render(where, qu.Prompt); err != nil {
				return nil, err
			}
			if qv.hint, err = render(where, qu.Hint); err != nil {
				return nil, err
			}
			if qv.explanation, err = render(where, qu.Explanation); err != nil {
				return nil, err
			}
			for _, o := range qu.Options {
				if o.Code {
					continue
				}
				html, err := render(where, o.Text)
				if err != nil {
					return nil, err
				}
				qv.options[o.ID] = quizUnwrapParagraph(html)
			}
			v.questions[qu.ID] = qv
		}
		qs.views[q.ID] = v
	}
	return qs, nil
}

// quizUnwrapParagraph drops the <p> goldmark puts around a one-line option,
// so it sits inline next to its radio button.
func quizUnwrapParagraph(html string) string {
	inner, ok := strings.CutPrefix(strings.TrimSpace(html), "<p>")
	if !ok {
		return html
	}
	inner, ok = strings.CutSuffix(inner, "</p>")
	if !ok || strings.Contains(inner, "<p>") {
		return html
	}
	return inner
}

// forLesson returns the views of the lesson's quizzes.
func (qs *Quizzes) forLesson(slug string) []*quizView {
	var views []*quizView
	for _, q := range qs.set.ForLesson(slug) {
		views = append(views, qs.views[q.ID])
	}
	return views
}

// quizScripts are what a page showing questions loads: htmx swaps the
// graded card in, quiz.js keeps progress.
var quizScripts = []string{"vendor/htmx.min.js", "quiz.js"}

// addQuiz puts the lesson's quizzes, if it has any, in the lesson page's
// quiz slot, with the scripts they use.
func (s *Server) addQuiz(w http.ResponseWriter, r *http.Request, v *LessonView) {
	views := s.quizzes().forLesson(v.Lesson.Slug)
	if len(views) == 0 {
		return
	}
	v.Quiz = quizSection(views, quizLearner(w, r))
	for _, name := range quizScripts {
		if !slices.Contains(v.Scripts, name) {
			v.Scripts = append(v.Scripts, name)
		}
	}
}

// QuizProgress is the course home's summary of the learner's progress, kept
// in their browser; quiz.js fills it in and exports and imports it. It is
// nil for a course without quizzes.
func (s *Server) QuizProgress() templ.Component {
	var views []*quizView
	qs := s.quizzes()
	for _, q := range qs.set.Quizzes {
		views = append(views, qs.views[q.ID])
	}
	if len(views) == 0 {
		return nil
	}
	return quizProgress(views)
}

// quizProgressScripts are the scripts a page showing the progress needs.
func quizProgressScripts(progress templ.Component) []string {
	if progress == nil {
		return nil
	}
	return []string{"quiz.js"}
}

// quizQuestionFor finds the question a request's URL names.
func (s *Server) quizQuestionFor(r *http.Request) (*quizQuestionView, error) {
	qid, id := chi.URLParam(r, "quiz"), chi.URLParam(r, "question")
	v := s.quizzes().views[qid]
	if v == nil {
		return nil, Errorf(ENOTFOUND, "There is no quiz called %q.", qid)
	}
	qv := v.questions[id]
	if qv == nil {
		return nil, Errorf(ENOTFOUND, "Quiz %q has no question %q.", qid, id)
	}
	return qv, nil
}

// quizAnswered is a posted answer: graded, or refused with a problem the
// learner can fix (nothing picked).
type quizAnswered struct {
	values  []string
	verdict quiz.Verdict
	problem string
}

// quizQuestion shows one question's form: the fragment htmx fetches for
// "try again", or, without JS, a page of its own.
func (s *Server) quizQuestion(w http.ResponseWriter, r *http.Request) error {
	qv, err := s.quizQuestionFor(r)
	if err != nil {
		return err
	}
	return s.writeQuizCard(w, r, qv, nil)
}

// quizAnswer grades a question's form. With htmx it answers with the
// graded card alone, which htmx swaps in; without JS, with a page showing
// the card and a link back to the lesson.
func (s *Server) quizAnswer(w http.ResponseWriter, r *http.Request) error {
	qv, err := s.quizQuestionFor(r)
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, quizMaxAnswerBytes)
	if err := r.ParseForm(); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return Errorf(ETOOLARGE, "The answer is longer than %d bytes.", quizMaxAnswerBytes)
		}
		return &Error{Code: EINVALID, Message: "The form could not be read.", Err: err}
	}
	values := quizFormAnswer(qv.q, r.PostForm)
	a := &quizAnswered{values: values}
	if qv.q.Type == quiz.Multiple && len(values) == 0 {
		a.problem = quizFormProblem(qv.q)
	} else if v, err := qv.q.Grade(values); err == nil {
		a.verdict = v
	} else if quizBadAnswer(err) {
		a.problem = quizFormProblem(qv.q)
	} else {
		return err
	}
	return s.writeQuizCard(w, r, qv, a)
}

func (s *Server) writeQuizCard(w http.ResponseWriter, r *http.Request, qv *quizQuestionView, a *quizAnswered) error {
	card := quizQuestionCard(qv, a, quizLearner(w, r))
	w.Header().Add("Vary", "HX-Request")
	if r.Header.Get("HX-Request") == "true" {
		var buf bytes.Buffer
		if err := card.Render(r.Context(), &buf); err != nil {
			return fmt.Errorf("render question %s/%s: %w", qv.quiz.ID, qv.q.ID, err)
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		_, _ = w.Write(buf.Bytes())
		return nil
	}
	page := quizPage(qv, s.quizLessonTitle(qv.quiz.Lesson), card)
	if r.Method == http.MethodPost {
		var buf bytes.Buffer
		if err := page.Render(r.Context(), &buf); err != nil {
			return fmt.Errorf("render question page %s/%s: %w", qv.quiz.ID, qv.q.ID, err)
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		_, _ = w.Write(buf.Bytes())
		return nil
	}
	return s.renderPage(w, r, page)
}

// quizLessonTitle names the lesson a quiz page links back to.
func (s *Server) quizLessonTitle(slug string) string {
	if l, ok := s.course().Lesson(slug); ok {
		return l.Title
	}
	return "the lesson"
}

// quizFormAnswer turns a question's posted form into the answer Grade
// takes. An error question has a radio "outcome" (runs or raises) beside
// the text of the exception.
func quizFormAnswer(q *quiz.Question, form map[string][]string) []string {
	values := form["answer"]
	if q.Type == quiz.Multiple {
		return values
	}
	if q.Type == quiz.Error {
		switch quizFirst(form["outcome"]) {
		case "runs":
			return []string{quiz.NoError}
		case "raises":
			if t := strings.TrimSpace(quizFirst(values)); strings.EqualFold(t, quiz.NoError) {
				return []string{""} // "raises" and "no error" contradict: ask again
			}
		}
	}
	return []string{quizFirst(values)}
}

func quizFirst(vs []string) string {
	if len(vs) == 0 {
		return ""
	}
	return vs[0]
}

// quizFormProblem tells a learner who posted an incomplete form what to do.
func quizFormProblem(q *quiz.Question) string {
	switch {
	case q.Type == quiz.Multiple:
		return "Pick at least one option first."
	case len(q.Options) > 0:
		return "Pick an option first."
	case q.Type == quiz.Output:
		return "Type the output first."
	case q.Type == quiz.Error:
		return "Say whether it runs, and if not, type the exception first."
	default:
		return "Type an answer first."
	}
}

// QuizLearnerCookie holds a learner's random id. Options are shuffled with
// it, so each learner sees an order of their own that stays the same on
// reload. quiz.js keeps a copy with the progress, puts it back when the
// cookie is lost, and exported progress carries it to another browser.
const QuizLearnerCookie = "ckptlab_learner"

var quizLearnerPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{8,64}$`)

// quizLearner returns the learner id of the request's cookie, or makes one
// and sets the cookie on the response. The id is random and says nothing
// about the learner.
func quizLearner(w http.ResponseWriter, r *http.Request) string {
	if c, err := r.Cookie(QuizLearnerCookie); err == nil && quizLearnerPattern.MatchString(c.Value) {
		return c.Value
	}
	id := rand.Text()
	http.SetCookie(w, &http.Cookie{
		Name:     QuizLearnerCookie,
		Value:    id,
		Path:     "/",
		MaxAge:   5 * 365 * 24 * 60 * 60,
		SameSite: http.SameSiteLaxMode,
	})
	// Later reads in this request (a page with several questions) see it.
	r.AddCookie(&http.Cookie{Name: QuizLearnerCookie, Value: id})
	return id
}

func (qv *quizQuestionView) anchor() string {
	return "q-" + qv.quiz.ID + "-" + qv.q.ID
}

// url is where the question's form posts, and where it is shown alone.
func (qv *quizQuestionView) url() string {
	return "/quiz/" + qv.quiz.ID + "/" + qv.q.ID
}

// graded reports whether there is a verdict to show.
func (a *quizAnswered) graded() bool { return a != nil && a.problem == "" }

func (a *quizAnswered) result() string {
	if a.verdict.Correct {
		return "correct"
	}
	return "wrong"
}

func (a *quizAnswered) picked(id string) bool {
	return a != nil && slices.Contains(a.values, id)
}

// text is the typed answer, kept in the form when it must be given again.
func (a *quizAnswered) text() string {
	if a == nil {
		return ""
	}
	return quizFirst(a.values)
}
