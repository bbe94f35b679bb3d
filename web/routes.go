package web

import (
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
)

// routes lists every URL the server answers, and the middleware in front of
// each. Add new routes here, in the group whose limits they need.
func (s *Server) routes() http.Handler {
	r := chi.NewRouter()

	// Every response: an id to find the request in the log, the client's
	// address (from the connection: the server faces the network directly;
	// behind a proxy, swap in middleware.ClientIPFromHeader with the proxy's
	// prefixes), one log line, the security headers, a 500 page instead of
	// a crash (after the headers, so that page has its nonce too), and HEAD
	// answered by the GET handlers.
	r.Use(
		middleware.RequestID,
		middleware.ClientIPFromRemoteAddr,
		s.logRequests,
		securityHeaders,
		s.recoverPanics,
		middleware.GetHead,
		s.withPageInfo,
	)

	// Probes answer even when the server is saturated, so they sit outside
	// the in-flight limit.
	r.Get("/healthz", s.handle(s.healthz))
	r.Get("/readyz", s.handle(s.readyz))

	// Development mode's stream of course versions (the page reloads on a
	// new one): long-lived, so outside the limits and uncompressed.
	if s.dev != nil {
		r.Get("/dev/events", s.handle(s.devEventsHandler))
	}

	// Static assets are precompressed and immutable: no limit, no timeout.
	r.Get("/static/*", s.handle(s.static))

	r.Group(func(r chi.Router) {
		r.Use(
			s.limitInFlight,
			s.limitTime,
			middleware.Compress(5, compressedTypes...),
		)

		// Pages.
		r.Get("/", s.handle(s.home))
		r.Get("/lessons/{slug}", s.handle(s.lesson))
		r.Get("/lessons/img/*", s.handle(s.figure))

		// Quizzes (issue 7): each question is a form posting to its own
		// URL, answered with the graded card (htmx) or a page (no JS).
		r.Get("/quiz/{quiz}/{question}", s.handle(s.quizQuestion))
		r.Post("/quiz/{quiz}/{question}", s.handle(s.quizAnswer))
		r.Post("/api/quiz/{quiz}/{question}", s.handle(s.gradeQuiz))
	})

	// The runner (issue 6): JSON for the editor, and the form each runnable
	// block is without JS. Both cap the body and limit each client's rate;
	// the runner bounds the programs running at once. The JSON answers are
	// small and each one different, so they are not compressed: gzip cost a
	// quarter of the runner's CPU and most of its memory under load
	// (BenchmarkRunLoad).
	r.Group(func(r chi.Router) {
		r.Use(s.limitInFlight, s.limitTime)
		r.Use(s.runner.middleware()...)
		r.Post("/api/run", s.handle(s.runner.api))
		r.With(middleware.Compress(5, compressedTypes...)).Post("/lessons/{slug}/run", s.handle(s.runner.form)) // a whole page
	})

	r.NotFound(s.handle(func(w http.ResponseWriter, r *http.Request) error {
		return Errorf(ENOTFOUND, "There is no page at %s.", r.URL.Path)
	}))
	// A known path with the wrong method keeps chi's 405, which lists the
	// allowed methods in the Allow header.
	return r
}
