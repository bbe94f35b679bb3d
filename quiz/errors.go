package quiz

import (
	"errors"
	"fmt"
	"strings"
)

// A Mistake is one authoring mistake in a quiz file, printed as
// "file:line: sentence" so editors and terminals can jump to it.
type Mistake struct {
	File string
	Line int
	Msg  string
}

func (m Mistake) Error() string {
	return fmt.Sprintf("%s:%d: %s", m.File, m.Line, m.Msg)
}

// Mistakes is every authoring mistake found, so an instructor fixes them all
// in one pass instead of one per run.
type Mistakes []Mistake

func (ms Mistakes) Error() string {
	lines := make([]string, len(ms))
	for i, m := range ms {
		lines[i] = m.Error()
	}
	return strings.Join(lines, "\n")
}

// err returns ms as an error, or nil when there are none.
func (ms Mistakes) err() error {
	if len(ms) == 0 {
		return nil
	}
	return ms
}

// ErrBadAnswer marks an answer that cannot be graded because it is not
// shaped like an answer to the question (an unknown option, two options for
// a single choice, an empty answer). The web layer turns it into a 4xx.
var ErrBadAnswer = errors.New("bad answer")

func badAnswer(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrBadAnswer, fmt.Sprintf(format, args...))
}
