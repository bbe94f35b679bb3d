package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
)

// Error codes an Error can carry. Each maps to one HTTP status; handlers pick
// the code that says what went wrong and the adapter picks the status.
const (
	ENOTFOUND    = "not_found"   // 404: no such page or resource
	EINVALID     = "invalid"     // 400: the request is malformed
	ETOOLARGE    = "too_large"   // 413: the request body is over its limit
	ETOOMANY     = "too_many"    // 429: this client is sending too fast
	EUNAVAILABLE = "unavailable" // 503: busy or shutting down; retry later
	ETIMEOUT     = "timeout"     // 504: the request ran out of time
	EINTERNAL    = "internal"    // 500: a bug or a broken dependency
)

var statusByCode = map[string]int{
	ENOTFOUND:    http.StatusNotFound,
	EINVALID:     http.StatusBadRequest,
	ETOOLARGE:    http.StatusRequestEntityTooLarge,
	ETOOMANY:     http.StatusTooManyRequests,
	EUNAVAILABLE: http.StatusServiceUnavailable,
	ETIMEOUT:     http.StatusGatewayTimeout,
	EINTERNAL:    http.StatusInternalServerError,
}

// An Error is what a handler returns when it cannot answer normally. Message
// is shown to the user and must be safe to show; Err is the detail, which
// only the log sees.
type Error struct {
	Code    string
	Message string
	Err     error
}

// Errorf returns an Error whose user-facing message is the formatted text.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Err)
	}
	return e.Code + ": " + e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// ErrorCode returns the code of the first *Error in err's chain. A context
// deadline is ETIMEOUT; anything else is EINTERNAL.
func ErrorCode(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Code
	case errors.Is(err, context.DeadlineExceeded):
		return ETIMEOUT
	}
	return EINTERNAL
}

// ErrorMessage returns what the user may be told about err. Internal errors
// say nothing about their cause.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Message != "" {
		return e.Message
	}
	switch ErrorCode(err) {
	case ETIMEOUT:
		return "The server took too long to answer. Please try again."
	}
	return "Something went wrong on our side."
}

// ErrorStatus returns the HTTP status for err's code.
func ErrorStatus(err error) int {
	if s, ok := statusByCode[ErrorCode(err)]; ok {
		return s
	}
	return http.StatusInternalServerError
}
