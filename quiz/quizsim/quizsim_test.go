package quizsim

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ckptlab/ckptlab/quiz"
)

// TestEmbeddedQuizzes loads every quiz of the course with the simulator:
// each parses, each code question's key computes, and each key is what
// real PyTorch computed (recorded in quiz/testdata/keys by
// go test ./quiz -run Oracle -update).
func TestEmbeddedQuizzes(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	set, err := quiz.Load(ctx, quiz.Embedded, Runner{})
	if err != nil {
		t.Fatalf("the course's quizzes do not load in the simulator:\n%v", err)
	}
	if len(set.Quizzes) == 0 {
		t.Fatal("no quizzes loaded")
	}
	codeQuestions := 0
	for _, q := range set.Quizzes {
		for _, qu := range q.Questions {
			if _, ok := qu.Key(); !ok {
				continue
			}
			codeQuestions++
			path := filepath.Join("..", "testdata", "keys", q.ID, qu.ID+".txt")
			want, err := os.ReadFile(path)
			if err != nil {
				t.Errorf("%v (record it: go test ./quiz -run Oracle -update)", err)
				continue
			}
			if got := quiz.KeyText(qu); got != string(want) {
				t.Errorf("%s %s: the simulator computes\n%s\nreal PyTorch computed (%s)\n%s", q.File, qu.ID, got, path, want)
			}
		}
	}
	if codeQuestions == 0 {
		t.Error("no code question had its key computed")
	}
}

func TestRunnerOutcome(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name, code string
		files      map[string][]byte
		want       quiz.Outcome
	}{
		{"prints", "print(1 + 1)", nil, quiz.Outcome{Output: "2\n"}},
		{"output before the traceback is kept, the traceback is not", "print('a')\nd = {}\nd['k']\n", nil,
			quiz.Outcome{Output: "a\n", Error: &quiz.RunError{Type: "KeyError", Message: "'k'", Line: 3}}},
		{"files carry over", "print(open('x.txt').read())", map[string][]byte{"x.txt": []byte("hello")}, quiz.Outcome{Output: "hello\n"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Runner{}.Run(ctx, quiz.Program{Code: tt.code, Files: tt.files})
			if err != nil {
				t.Fatal(err)
			}
			if got.Output != tt.want.Output || (got.Error == nil) != (tt.want.Error == nil) ||
				got.Error != nil && *got.Error != *tt.want.Error {
				t.Errorf("Run = %q %+v, want %q %+v", got.Output, got.Error, tt.want.Output, tt.want.Error)
			}
		})
	}
	if _, err := (Runner{}).Run(ctx, quiz.Program{Code: "while True:\n    pass\n"}); err == nil {
		t.Error("a run that hits a limit must be an error: no key can come from it")
	}
}
