package web

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"html"
	"html/template"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"github.com/a-h/templ"
	"github.com/go-chi/chi/v5"

	"github.com/ckptlab/ckptlab/lessons"
)

// runScripts are the assets a lesson page loads to run its blocks in place:
// the CodeMirror bundle and the page script that drives it.
var runScripts = []string{"vendor/editor.js", "run.js"}

// runnableBlock is what RunnableForm needs to draw one block.
type runnableBlock struct {
	Index       int
	Fails       bool
	Highlighted string // the lesson renderer's <pre class="chroma">, trusted
	Code        string // in the textarea: the lesson's source or the learner's edit
	Edited      bool   // Code differs from the lesson's source
	Action      string // the form's URL
	Restart     string // the lesson without history, back at this block
	History     []string
	Result      *RunResponse // nil until the block is run
}

func (b runnableBlock) anchor() string { return "block-" + strconv.Itoa(b.Index) }

// rows sizes the textarea to the code, within reason.
func (b runnableBlock) rows() int {
	n := strings.Count(b.Code, "\n") + 2
	return max(4, min(n, 40))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// runnableRE matches one runnable block exactly as lessons.wrapCodeBlock
// writes it. The source is HTML-escaped, so it holds no "</textarea>"; the
// highlighted code holds no "<textarea" for the same reason.
var runnableRE = regexp.MustCompile(`(?s)<div class="runnable" data-block="(\d+)"( data-fails)?>\n(.*?)<textarea class="runnable-source" hidden readonly>\n(.*?)</textarea>\n</div>\n`)

// runnableHTML rewrites a lesson body so that every runnable block is a
// RunnableForm. edits holds the learner's code for blocks they changed and
// results the output of the block just run (no-JS form posts).
func runnableHTML(ctx context.Context, l *lessons.Lesson, history []string, edits map[int]string, results map[int]*RunResponse) (template.HTML, error) {
	body := string(l.HTML)
	var out strings.Builder
	last := 0
	for _, m := range runnableRE.FindAllStringSubmatchIndex(body, -1) {
		out.WriteString(body[last:m[0]])
		last = m[1]
		index, err := strconv.Atoi(body[m[2]:m[3]])
		if err != nil {
			return "", fmt.Errorf("lesson %s: block number %q: %w", l.Slug, body[m[2]:m[3]], err)
		}
		src := html.UnescapeString(body[m[8]:m[9]])
		b := runnableBlock{
			Index:       index,
			Fails:       m[4] >= 0,
			Highlighted: body[m[6]:m[7]],
			Code:        src,
			Action:      "/lessons/" + l.Slug + "/run#block-" + strconv.Itoa(index),
			Restart:     "/lessons/" + l.Slug + "#block-" + strconv.Itoa(index),
			History:     history,
			Result:      results[index],
		}
		if code, ok := edits[index]; ok && code != src {
			b.Code, b.Edited = code, true
		}
		var buf bytes.Buffer
		if err := RunnableForm(b).Render(ctx, &buf); err != nil {
			return "", fmt.Errorf("render block %d of %s: %w", index, l.Slug, err)
		}
		out.Write(buf.Bytes())
		out.WriteByte('\n')
	}
	out.WriteString(body[last:])
	return template.HTML(out.String()), nil
}

// withRunner makes v's runnable blocks into forms and loads the scripts
// that make them editors. The lesson itself is shared and stays unchanged:
// v gets a copy.
func withRunner(ctx context.Context, v *LessonView, history []string, edits map[int]string, results map[int]*RunResponse) error {
	body, err := runnableHTML(ctx, v.Lesson, history, edits, results)
	if err != nil {
		return err
	}
	l := *v.Lesson
	l.HTML = body
	v.Lesson = &l
	v.Scripts = append(v.Scripts, runScripts...)
	return nil
}

// form answers the no-JS Run button: it runs the posted block after the
// posted history and renders the lesson with the output under the block and
// the new history in every form.
func (rn *runner) form(w http.ResponseWriter, r *http.Request) error {
	slug := chi.URLParam(r, "slug")
	l, ok := rn.s.course().Lesson(slug)
	if !ok {
		return Errorf(ENOTFOUND, "There is no lesson called %q.", slug)
	}
	if err := r.ParseForm(); err != nil {
		var maxErr *http.MaxBytesError
		if errors.As(err, &maxErr) {
			return Errorf(ETOOLARGE, "The form is larger than %s.", byteSize(int(rn.limits.MaxBodyBytes)))
		}
		return Errorf(EINVALID, "The form could not be read: %v.", err)
	}
	index, err := strconv.Atoi(r.PostForm.Get("block"))
	if err != nil || index < 0 || index >= len(l.Blocks) {
		return Errorf(EINVALID, "The form names no block of this lesson (block=%q).", r.PostForm.Get("block"))
	}
	code := normalizeNewlines(r.PostForm.Get("code"))
	history := r.PostForm["history"]
	for i := range history {
		history[i] = normalizeNewlines(history[i])
	}
	res, err := rn.execute(r.Context(), code, history, nil, false)
	if err != nil {
		return err
	}
	v := rn.s.lessonView(w, r, l)
	if err := withRunner(r.Context(), &v, append(history, code), map[int]string{index: code}, map[int]*RunResponse{index: res}); err != nil {
		return err
	}
	return rn.s.renderPage(w, r, LessonPage(v))
}

// normalizeNewlines undoes the CRLF line ends browsers post from a
// textarea, so line numbers and output match the editor's.
func normalizeNewlines(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

// lessonView is the view of lesson l that the lesson page shows.
func (s *Server) lessonView(w http.ResponseWriter, r *http.Request, l *lessons.Lesson) LessonView {
	course := s.course()
	prev, next := course.Neighbours(l)
	number := 1
	for i, x := range course.Lessons {
		if x == l {
			number = i + 1
		}
	}
	v := LessonView{Lesson: l, Number: number, Total: len(course.Lessons), Prev: prev, Next: next}
	s.addQuiz(w, r, &v)
	return v
}

// outputBefore is what the program printed before its traceback.
func outputBefore(res *RunResponse) string {
	if res.Error != nil && res.Error.Traceback != "" && strings.HasSuffix(res.Output, res.Error.Traceback) {
		return strings.TrimSuffix(res.Output, res.Error.Traceback)
	}
	return res.Output
}

// splitTraceback cuts a traceback before its exception line: the last line
// that starts in the first column (continuation lines of a long message
// start with a tab, frames with spaces).
func splitTraceback(tb string) (body, last string) {
	lines := strings.SplitAfter(tb, "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		line := lines[i]
		if line == "" || line == "\n" || line[0] == ' ' || line[0] == '\t' {
			continue
		}
		return strings.Join(lines[:i], ""), strings.Join(lines[i:], "")
	}
	return tb, ""
}

func tracebackBody(res *RunResponse) string {
	if res.Error == nil || !strings.HasSuffix(res.Output, res.Error.Traceback) {
		return ""
	}
	body, _ := splitTraceback(res.Error.Traceback)
	return body
}

func tracebackLast(res *RunResponse) string {
	if res.Error == nil || !strings.HasSuffix(res.Output, res.Error.Traceback) {
		return ""
	}
	_, last := splitTraceback(res.Error.Traceback)
	return last
}

// durationText writes a run time for people: 3.2 ms, 1.25 s.
func durationText(ms float64) string {
	if ms < 1000 {
		return strconv.FormatFloat(ms, 'f', 1, 64) + " ms"
	}
	return strconv.FormatFloat(ms/1000, 'f', 2, 64) + " s"
}

// svgDataURL embeds a plot as an image: an <img> cannot run script, and
// the CSP allows data: images.
func svgDataURL(svg string) templ.SafeURL {
	return templ.SafeURL("data:image/svg+xml;base64," + base64.StdEncoding.EncodeToString([]byte(svg)))
}
