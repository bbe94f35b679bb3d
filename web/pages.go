package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"
)

// healthz reports that the process is up and serving HTTP; the Docker
// HEALTHCHECK probes it through the binary's healthcheck command.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) error {
	writeText(w, r, "ok\n")
	return nil
}

// readyz reports whether the server should get traffic: the course is loaded
// with at least one lesson and the server is not shutting down.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) error {
	if s.draining.Load() {
		return Errorf(EUNAVAILABLE, "shutting down")
	}
	course := s.course()
	if len(course.Lessons) == 0 {
		return Errorf(EUNAVAILABLE, "no lessons loaded (%d load errors)", len(course.Errors))
	}
	writeText(w, r, fmt.Sprintf("ready: %d lessons, %d load errors\n", len(course.Lessons), len(course.Errors)))
	return nil
}

// writeText answers a probe with a line of text that is never cached.
func writeText(w http.ResponseWriter, r *http.Request, text string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if r.Method != http.MethodHead {
		_, _ = io.WriteString(w, text)
	}
}

// home lists the lessons in course order.
func (s *Server) home(w http.ResponseWriter, r *http.Request) error {
	return s.renderPage(w, r, HomePage(s.course().Lessons, s.QuizProgress()))
}

// lesson renders one lesson with its table of contents and neighbours.
func (s *Server) lesson(w http.ResponseWriter, r *http.Request) error {
	slug := chi.URLParam(r, "slug")
	course := s.course()
	l, ok := course.Lesson(slug)
	if !ok {
		return s.lessonUnavailable(w, r, slug)
	}
	prev, next := course.Neighbours(l)
	number := 1
	for i, x := range course.Lessons {
		if x == l {
			number = i + 1
		}
	}
	v := LessonView{
		Lesson: l,
		Number: number,
		Total:  len(course.Lessons),
		Prev:   prev,
		Next:   next,
	}
	s.addQuiz(w, r, &v)
	if err := withRunner(r.Context(), &v, nil, nil, nil); err != nil {
		return err
	}
	return s.renderPage(w, r, LessonPage(v))
}

// figure serves an image from the course's img/ folder, which lessons
// reference as img/NAME. The URLs are not content-hashed (authors write
// them), so they revalidate with an ETag instead of being immutable.
func (s *Server) figure(w http.ResponseWriter, r *http.Request) error {
	name := path.Clean("img/" + chi.URLParam(r, "*"))
	if !fs.ValidPath(name) || !strings.HasPrefix(name, "img/") {
		return Errorf(ENOTFOUND, "There is no figure at %s.", r.URL.Path)
	}
	data, err := fs.ReadFile(s.course().FS, name)
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrInvalid) {
		return Errorf(ENOTFOUND, "There is no figure at %s.", r.URL.Path)
	} else if err != nil {
		return fmt.Errorf("read figure %s: %w", name, err)
	}
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		return Errorf(ENOTFOUND, "There is no figure at %s.", r.URL.Path)
	}
	sum := sha256.Sum256(data)
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("ETag", `"`+hex.EncodeToString(sum[:12])+`"`)
	w.Header().Set("Cache-Control", "public, max-age=300")
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
	return nil
}

// static serves the content-hashed assets of web/static and the generated
// code-highlighting CSS.
func (s *Server) static(w http.ResponseWriter, r *http.Request) error {
	a, ok := s.assets.byURL[r.URL.Path]
	if !ok {
		return Errorf(ENOTFOUND, "There is no file at %s.", r.URL.Path)
	}
	serveAsset(w, r, a)
	return nil
}
