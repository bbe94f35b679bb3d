package web

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/a-h/templ"
	"github.com/go-chi/chi/v5/middleware"
)

// securityHeaders sets the headers every response carries, and a fresh CSP
// nonce for the page. Components put it on their <script> and <style> tags
// with nonce={ templ.GetNonce(ctx) }; scripts that create styles at run time
// (CodeMirror, htmx) read it from document.currentScript.nonce or a nonce'd
// element. There is no 'unsafe-inline' and no 'unsafe-eval': a script or
// style runs only if it comes from this origin (styles) or carries the nonce
// (scripts).
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		nonce, err := newNonce()
		if err != nil {
			http.Error(w, "Something went wrong on our side.", http.StatusInternalServerError)
			return
		}
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy(nonce))
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("X-Frame-Options", "DENY") // frame-ancestors for browsers without CSP 2
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
		next.ServeHTTP(w, r.WithContext(templ.WithNonce(r.Context(), nonce)))
	})
}

func contentSecurityPolicy(nonce string) string {
	return strings.Join([]string{
		"default-src 'self'",
		"script-src 'nonce-" + nonce + "'",
		"style-src 'self' 'nonce-" + nonce + "'",
		"img-src 'self' data:",
		"font-src 'self'",
		"connect-src 'self'",
		"object-src 'none'",
		"base-uri 'none'",
		"form-action 'self'",
		"frame-ancestors 'none'",
	}, "; ")
}

func newNonce() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("nonce: %w", err)
	}
	return base64.StdEncoding.EncodeToString(b), nil
}

// logRequests writes one structured line per request. Probes log at debug
// level so a health checker every few seconds does not drown the log.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		ww := middleware.NewWrapResponseWriter(w, r.ProtoMajor)
		next.ServeHTTP(ww, r)
		level := slog.LevelInfo
		if r.URL.Path == "/healthz" || r.URL.Path == "/readyz" {
			level = slog.LevelDebug
		}
		status := ww.Status()
		if status == 0 {
			status = http.StatusOK
		}
		s.log.Log(r.Context(), level, "request",
			"method", r.Method,
			"path", r.URL.Path,
			"status", status,
			"bytes", ww.BytesWritten(),
			"duration", time.Since(start),
			"client_ip", middleware.GetClientIP(r.Context()),
			"request_id", middleware.GetReqID(r.Context()),
		)
	})
}

// recoverPanics turns a panicking handler into a logged 500 page instead of a
// dropped connection. http.ErrAbortHandler is net/http's deliberate abort and
// passes through.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			rec := recover()
			if rec == nil {
				return
			}
			if rec == http.ErrAbortHandler {
				panic(rec)
			}
			s.fail(w, r, &Error{Code: EINTERNAL, Err: fmt.Errorf("panic: %v\n%s", rec, debug.Stack())})
		}()
		next.ServeHTTP(w, r)
	})
}

// limitInFlight bounds the requests being handled at once. A request that
// finds every slot taken waits up to a second for one, then gets 503 with
// Retry-After, so overload sheds requests instead of queueing without end.
func (s *Server) limitInFlight(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case s.inFlight <- struct{}{}:
		default:
			t := time.NewTimer(time.Second)
			defer t.Stop()
			select {
			case s.inFlight <- struct{}{}:
			case <-t.C:
				s.fail(w, r, Errorf(EUNAVAILABLE, "The server is busy. Please try again in a moment."))
				return
			case <-r.Context().Done():
				return
			}
		}
		defer func() { <-s.inFlight }()
		next.ServeHTTP(w, r)
	})
}

// limitTime gives each request's context a deadline. Handlers that wait
// on something return its context error, which the adapter answers with 504.
func (s *Server) limitTime(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), s.requestTimeout)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}
