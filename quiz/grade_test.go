package quiz

import (
	"errors"
	"strings"
	"testing"
)

// TestGrade is the grading rules of every type, one answer per row.
func TestGrade(t *testing.T) {
	q := mustLoad(t, valid, validRunner)
	tests := []struct {
		question string
		answer   []string
		correct  bool
		expected string
		note     string
	}{
		// choice: one option id
		{"pick-one", []string{"a"}, true, "torch.zeros(2)", ""},
		{"pick-one", []string{"c"}, false, "torch.zeros(2)", ""},
		// multiple: exactly the correct set, in any order, repeats ignored
		{"pick-several", []string{"b", "a"}, true, "weight\nbias", ""},
		{"pick-several", []string{"a", "b", "a"}, true, "weight\nbias", ""},
		{"pick-several", []string{"a"}, false, "weight\nbias", "1 of your 1 picks are correct; 2 options are correct in all."},
		{"pick-several", []string{"a", "b", "c"}, false, "weight\nbias", "2 of your 3 picks are correct; 2 options are correct in all."},
		{"pick-several", nil, false, "weight\nbias", "0 of your 0 picks are correct; 2 options are correct in all."},
		// output, typed: whitespace does not count, everything else does
		{"typed-output", []string{"2"}, true, "2", ""},
		{"typed-output", []string{"  2  \r\n\n"}, true, "2", ""},
		{"typed-output", []string{"2.0"}, false, "2", ""},
		// output, picked: the option the simulator's output matches
		{"picked-output", []string{"b"}, true, "6", ""},
		{"picked-output", []string{"c"}, false, "6", ""},
		// error: the traceback's last line, or "no error"
		{"which-error", []string{"KeyError: 'b'"}, true, "KeyError: 'b'", ""},
		{"which-error", []string{"  KeyError:   'b' "}, true, "KeyError: 'b'", ""},
		{"which-error", []string{"KeyError: 'a'"}, false, "KeyError: 'b'", "The exception is right; its message is not."},
		{"which-error", []string{"KeyError"}, false, "KeyError: 'b'", "The exception is right; the traceback's last line also has its message."},
		{"which-error", []string{"keyerror: 'b'"}, false, "KeyError: 'b'", ""},
		{"which-error", []string{"No Error"}, false, "KeyError: 'b'", ""},
		// line: the line number of the traceback
		{"which-line", []string{"3"}, true, "line 3: y = x / 0", ""},
		{"which-line", []string{"1"}, false, "line 3: y = x / 0", ""},
		// short: any accepted alternative, case and spacing ignored
		{"short", []string{"optimizer_state"}, true, "optimizer_state", ""},
		{"short", []string{" 'OPTIMIZER_STATE' "}, true, "optimizer_state", ""},
		{"short", []string{"optimizer"}, false, "optimizer_state", ""},
	}
	for _, tt := range tests {
		t.Run(tt.question+"/"+strings.Join(tt.answer, ","), func(t *testing.T) {
			got, err := q.Question(tt.question).Grade(tt.answer)
			if err != nil {
				t.Fatalf("Grade(%q) error: %v", tt.answer, err)
			}
			if got.Correct != tt.correct || got.Expected != tt.expected || got.Note != tt.note {
				t.Errorf("Grade(%q) = correct %v, expected %q, note %q; want %v, %q, %q",
					tt.answer, got.Correct, got.Expected, got.Note, tt.correct, tt.expected, tt.note)
			}
		})
	}
}

func TestGradeNoErrorKey(t *testing.T) {
	src := strings.Replace(valid, "d = {'a': 1}\nd['b']", "d = {'a': 1}\nd['a']", 1)
	r := fakeRunner{}
	for k, v := range validRunner {
		r[k] = v
	}
	r["d = {'a': 1}\nd['a']"] = Outcome{}
	q := mustLoad(t, src, r)
	for answer, want := range map[string]bool{"no error": true, "None": true, "KeyError: 'a'": false} {
		got, err := q.Question("which-error").Grade([]string{answer})
		if err != nil || got.Correct != want || got.Expected != NoError {
			t.Errorf("Grade(%q) = %+v, %v; want correct %v, expected %q", answer, got, err, want, NoError)
		}
	}
}

// TestGradeBadAnswer is the answers that are not answers: the API turns
// them into 4xx responses.
func TestGradeBadAnswer(t *testing.T) {
	q := mustLoad(t, valid, validRunner)
	tests := []struct {
		question string
		answer   []string
		want     string
	}{
		{"pick-one", nil, `bad answer: question "pick-one" takes exactly one option, got 0`},
		{"pick-one", []string{"a", "b"}, `bad answer: question "pick-one" takes exactly one option, got 2`},
		{"pick-one", []string{"z"}, `bad answer: question "pick-one" has no option "z"`},
		{"pick-several", []string{"a", "q"}, `bad answer: question "pick-several" has no option "q"`},
		{"typed-output", []string{"   "}, `bad answer: the answer is empty`},
		{"typed-output", []string{"1", "2"}, `bad answer: expected one text answer, got 2 values`},
		{"picked-output", []string{"6"}, `bad answer: question "picked-output" has no option "6"`},
		{"which-line", []string{"2"}, `bad answer: question "which-line" has no option "2"`},
		{"which-error", nil, `bad answer: expected one text answer, got 0 values`},
		{"short", []string{""}, `bad answer: the answer is empty`},
	}
	for _, tt := range tests {
		_, err := q.Question(tt.question).Grade(tt.answer)
		if !errors.Is(err, ErrBadAnswer) || err.Error() != tt.want {
			t.Errorf("%s: Grade(%q) error = %v, want %q", tt.question, tt.answer, err, tt.want)
		}
	}
}

func TestGradeWithoutKeys(t *testing.T) {
	q, err := Parse("sample.md", []byte(valid))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := q.Question("typed-output").Grade([]string{"2"}); !errors.Is(err, ErrNoKey) {
		t.Errorf("grading before ComputeKeys: error %v, want ErrNoKey", err)
	}
	if v, err := q.Question("pick-one").Grade([]string{"a"}); err != nil || !v.Correct {
		t.Errorf("a choice question needs no key: %+v, %v", v, err)
	}
}

// TestGradeOutputPart: a prediction that is only some of the output's
// lines is told so.
func TestGradeOutputPart(t *testing.T) {
	src := strings.Replace(valid, "print(1 + 1)", "print('a')\nprint('b')", 1)
	r := fakeRunner{}
	for k, v := range validRunner {
		r[k] = v
	}
	r["print('a')\nprint('b')"] = Outcome{Output: "a\nb\n"}
	q := mustLoad(t, src, r)
	tests := []struct {
		answer  string
		correct bool
		note    string
	}{
		{"a\nb", true, ""},
		{"b", false, "Your lines are part of the output, which has 2 lines: predict all of them."},
		{"a", false, "Your lines are part of the output, which has 2 lines: predict all of them."},
		{"b\na", false, ""},
		{"c", false, ""},
	}
	for _, tt := range tests {
		got, err := q.Question("typed-output").Grade([]string{tt.answer})
		if err != nil || got.Correct != tt.correct || got.Note != tt.note || got.Expected != "a\nb" {
			t.Errorf("Grade(%q) = %+v, %v; want correct %v, note %q", tt.answer, got, err, tt.correct, tt.note)
		}
	}
}
