package quiz

import (
	"context"
	"testing"
)

// FuzzParse checks that no input makes the parser or the key computation
// panic: every file either parses or reports mistakes.
func FuzzParse(f *testing.F) {
	f.Add([]byte(valid))
	f.Add([]byte("---\nlesson: a\ntitle: b\n---\n## Q {#q}\ntype: choice\n\nP\n### Options\n- [x] a\n- [ ] ```\n  b\n"))
	f.Add([]byte("---\n---\n## {#}\n### Options\n- [ ]\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		q, err := Parse("fuzz.md", src)
		if err != nil {
			if _, ok := err.(Mistakes); !ok {
				t.Fatalf("Parse returned %T, want Mistakes", err)
			}
			return
		}
		_ = q.ComputeKeys(context.Background(), echoRunner{})
		for _, qu := range q.Questions {
			_, _ = qu.Grade([]string{"a"})
			_ = qu.Order("learner")
		}
	})
}

// echoRunner prints each program's source, so fuzzed quizzes get keys.
type echoRunner struct{}

func (echoRunner) Run(_ context.Context, p Program) (Outcome, error) {
	return Outcome{Output: p.Code}, nil
}
