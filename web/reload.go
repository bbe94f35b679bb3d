package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"net/http"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/ckptlab/ckptlab/lessons"
)

// A Problem is one authoring mistake that keeps a lesson or a quiz from
// serving, as the file and line an editor jumps to and the sentence that
// says what is wrong.
type Problem struct {
	File string
	Line int
	Msg  string
}

// Where is "file:line", the form editors and terminals recognise.
func (p Problem) Where() string { return p.File + ":" + strconv.Itoa(p.Line) }

func (p Problem) String() string { return p.Where() + ": " + p.Msg }

// courseState is one version of the course as the server shows it. Reload
// builds a new one and swaps it in whole, so a request never mixes the
// lessons of one version with the quizzes of another.
type courseState struct {
	course  *lessons.Course
	quizzes *Quizzes

	// problems are the course's load errors, lessons' then quizzes'.
	problems []Problem

	// broken maps the slug of each lesson that failed to load to its
	// problems, so its URL says "unavailable" rather than "no such page".
	broken map[string][]Problem

	// slugs remembers the slug of every lesson file that ever loaded, by
	// path, so a lesson broken by an edit keeps its URL.
	slugs map[string]string

	// version changes with every swap; open pages compare it with the
	// one they were drawn from to know they are stale.
	version string
}

// course is the lessons of the current version.
func (s *Server) course() *lessons.Course { return s.state.Load().course }

// quizzes is the quizzes of the current version.
func (s *Server) quizzes() *Quizzes { return s.state.Load().quizzes }

// Reload swaps in course, with the quizzes read again from Config.Quiz and
// their keys computed again, for every request that starts afterwards; in
// development mode it then tells the open pages to reload. On error (the
// quiz folder cannot be read) the current version keeps serving.
func (s *Server) Reload(course *lessons.Course) error {
	if course == nil {
		return errors.New("web: reload without a course")
	}
	if err := s.load(course); err != nil {
		return err
	}
	s.dev.publish(s.state.Load().version)
	return nil
}

// Problems returns the current version's load errors, lessons' then
// quizzes'.
func (s *Server) Problems() []Problem {
	return append([]Problem(nil), s.state.Load().problems...)
}

// load builds the version of course and its quizzes and swaps it in.
func (s *Server) load(course *lessons.Course) error {
	s.reloading.Lock()
	defer s.reloading.Unlock()

	qs, mistakes, err := loadQuizzes(s.quizFS, s.quizRunner, s.log)
	if err != nil {
		return err
	}
	st := &courseState{
		course:  course,
		quizzes: qs,
		broken:  map[string][]Problem{},
		slugs:   map[string]string{},
		version: strconv.FormatInt(time.Now().UnixNano(), 36),
	}
	if prev := s.state.Load(); prev != nil {
		maps.Copy(st.slugs, prev.slugs)
	}
	for _, l := range course.Lessons {
		st.slugs[l.Path] = l.Slug
	}
	for _, e := range course.Errors {
		p := Problem{File: e.Path, Line: e.Line, Msg: e.Msg}
		st.problems = append(st.problems, p)
		slug, ok := st.slugs[e.Path]
		if !ok {
			slug = guessSlug(course.FS, e.Path)
		}
		st.broken[slug] = append(st.broken[slug], p)
	}
	for _, m := range mistakes {
		st.problems = append(st.problems, Problem{File: path.Join(s.quizDir, m.File), Line: m.Line, Msg: m.Msg})
	}
	s.state.Store(st)
	return nil
}

// frontMatterSlug finds a "slug:" line the way an author writes it, for a
// file whose front matter does not parse.
var frontMatterSlug = regexp.MustCompile(`(?m)^slug:[ \t]*["']?([a-z0-9-]+)["']?[ \t]*\r?$`)

// guessSlug names the URL a broken lesson file that never loaded would
// have: the slug its front matter seems to give, else its file name without
// the order prefix ("03-the-optimizers-state.md" is the-optimizers-state).
func guessSlug(fsys fs.FS, file string) string {
	name := path.Base(file)
	if fsys != nil {
		if src, err := fs.ReadFile(fsys, name); err == nil {
			if m := frontMatterSlug.FindSubmatch(src); m != nil {
				return string(m[1])
			}
		}
	}
	name = strings.TrimSuffix(name, ".md")
	if i := strings.IndexByte(name, '-'); i > 0 && strings.Trim(name[:i], "0123456789") == "" {
		name = name[i+1:]
	}
	return name
}

// lessonUnavailable answers a lesson URL that no loaded lesson has: a
// broken lesson shows the instructor its problems in development mode and
// learners a short notice otherwise; any other slug is not found.
func (s *Server) lessonUnavailable(w http.ResponseWriter, r *http.Request, slug string) error {
	problems, ok := s.state.Load().broken[slug]
	if !ok {
		return Errorf(ENOTFOUND, "There is no lesson called %q.", slug)
	}
	if s.dev == nil {
		return Errorf(EUNAVAILABLE, "This lesson is unavailable right now; the other lessons are still here.")
	}
	var buf bytes.Buffer
	if err := BrokenLessonPage(slug, problems).Render(r.Context(), &buf); err != nil {
		return fmt.Errorf("render broken lesson %s: %w", slug, err)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusServiceUnavailable)
	_, _ = w.Write(buf.Bytes())
	return nil
}

// pageInfo is what the shell of every page needs about the course version
// it draws: whether to load devreload.js, and which problems to show.
type pageInfo struct {
	dev         bool
	version     string
	problems    []Problem
	unavailable int // lessons that failed to load
}

type pageInfoKey struct{}

// withPageInfo puts the current version's pageInfo in the request's
// context, where the templ components find it.
func (s *Server) withPageInfo(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		st := s.state.Load()
		info := &pageInfo{dev: s.dev != nil, version: st.version, problems: st.problems, unavailable: len(st.broken)}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), pageInfoKey{}, info)))
	})
}

// pageInfoFrom returns the request's pageInfo: production's empty one when
// none was set (pages rendered outside the routes, as in tests).
func pageInfoFrom(ctx context.Context) *pageInfo {
	if info, ok := ctx.Value(pageInfoKey{}).(*pageInfo); ok {
		return info
	}
	return &pageInfo{}
}
