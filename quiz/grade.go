package quiz

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// A Verdict is the result of grading one answer.
type Verdict struct {
	Correct bool
	// Expected is the correct answer as the learner would have given it
	// (the output, the traceback's last line, the option texts).
	Expected string
	// ExpectedOptions are the IDs of the correct options, when the question
	// has options, so a page can mark them.
	ExpectedOptions []string
	// Note says what was partly right, when something was.
	Note string
}

// NoError is how a learner answers an error question whose snippet runs
// cleanly (any letter case; "none" is accepted too).
const NoError = "no error"

// ErrNoKey is returned when grading a code question whose key was never
// computed: the quiz was parsed but not passed through ComputeKeys.
var ErrNoKey = errors.New("the question's key has not been computed")

// Grade checks an answer. An answer is a list of values: the option IDs
// picked (one for choice, output with options and line questions, any
// number for multiple), or one typed text. An answer not shaped like an
// answer to the question returns an error wrapping ErrBadAnswer.
func (qu *Question) Grade(answer []string) (Verdict, error) {
	if qu.Type.runsCode() && !qu.key.computed {
		return Verdict{}, fmt.Errorf("grade %s: %w", qu.ID, ErrNoKey)
	}
	switch qu.Type {
	case Choice, Line:
		return qu.gradeOne(answer)
	case Output:
		if len(qu.Options) > 0 {
			return qu.gradeOne(answer)
		}
		text, err := oneText(answer)
		if err != nil {
			return Verdict{}, err
		}
		return qu.gradeOutput(text), nil
	case Multiple:
		return qu.gradeMultiple(answer)
	case Error:
		return qu.gradeError(answer)
	case Short:
		text, err := oneText(answer)
		if err != nil {
			return Verdict{}, err
		}
		got := normalizeShort(text)
		v := Verdict{Expected: qu.Accepted[0]}
		for _, a := range qu.Accepted {
			if normalizeShort(a) == got {
				v.Correct = true
			}
		}
		return v, nil
	}
	return Verdict{}, fmt.Errorf("grade %s: unknown type %q", qu.ID, qu.Type)
}

func (qu *Question) correctOptions() (ids, texts []string) {
	for _, o := range qu.Options {
		if o.Correct || qu.Type == Line && o.ID == fmt.Sprint(qu.key.outcome.Error.Line) {
			ids = append(ids, o.ID)
			texts = append(texts, o.Text)
		}
	}
	return ids, texts
}

func (qu *Question) gradeOne(answer []string) (Verdict, error) {
	if len(answer) != 1 {
		return Verdict{}, badAnswer("question %q takes exactly one option, got %d", qu.ID, len(answer))
	}
	if qu.option(answer[0]) == nil {
		return Verdict{}, badAnswer("question %q has no option %q", qu.ID, answer[0])
	}
	ids, texts := qu.correctOptions()
	expected := texts[0]
	if qu.Type == Line {
		expected = fmt.Sprintf("line %s: %s", ids[0], strings.TrimSpace(texts[0]))
	}
	return Verdict{Correct: answer[0] == ids[0], Expected: expected, ExpectedOptions: ids}, nil
}

func (qu *Question) gradeOutput(text string) Verdict {
	want := qu.key.outcome.Output
	got, norm := normalizeOutput(text), normalizeOutput(want)
	v := Verdict{Correct: got == norm, Expected: strings.TrimSuffix(want, "\n")}
	if !v.Correct && strings.Contains("\n"+norm+"\n", "\n"+got+"\n") {
		lines := strings.Count(norm, "\n") + 1
		v.Note = fmt.Sprintf("Your lines are part of the output, which has %d lines: predict all of them.", lines)
	}
	return v
}

func (qu *Question) gradeMultiple(answer []string) (Verdict, error) {
	picked := slices.Clone(answer)
	slices.Sort(picked)
	picked = slices.Compact(picked)
	for _, id := range picked {
		if qu.option(id) == nil {
			return Verdict{}, badAnswer("question %q has no option %q", qu.ID, id)
		}
	}
	ids, texts := qu.correctOptions()
	v := Verdict{Correct: slices.Equal(picked, ids), Expected: strings.Join(texts, "\n"), ExpectedOptions: ids}
	if !v.Correct {
		right := 0
		for _, id := range picked {
			if slices.Contains(ids, id) {
				right++
			}
		}
		v.Note = fmt.Sprintf("%d of your %d picks are correct; %d options are correct in all.", right, len(picked), len(ids))
	}
	return v, nil
}

func (qu *Question) gradeError(answer []string) (Verdict, error) {
	text, err := oneText(answer)
	if err != nil {
		return Verdict{}, err
	}
	want := qu.key.outcome.Error
	got := strings.TrimSpace(text)
	predictsNoError := slices.Contains([]string{NoError, "none", "no exception"}, normalizeShort(got))
	if want == nil {
		return Verdict{Correct: predictsNoError, Expected: NoError}, nil
	}
	v := Verdict{Expected: want.String()}
	if predictsNoError {
		return v, nil
	}
	typ, msg, _ := strings.Cut(got, ":")
	typ, msg = strings.TrimSpace(typ), normalizeOutput(msg)
	sameType := typ == want.Type
	v.Correct = sameType && msg == normalizeOutput(want.Message)
	switch {
	case sameType && !v.Correct && msg == "":
		v.Note = "The exception is right; the traceback's last line also has its message."
	case sameType && !v.Correct:
		v.Note = "The exception is right; its message is not."
	}
	return v, nil
}

func oneText(answer []string) (string, error) {
	if len(answer) != 1 {
		return "", badAnswer("expected one text answer, got %d values", len(answer))
	}
	if strings.TrimSpace(answer[0]) == "" {
		return "", badAnswer("the answer is empty")
	}
	return answer[0], nil
}

// normalizeOutput makes a typed prediction comparable with what the
// simulator printed: line endings, indentation, runs of blanks, blank lines
// and trailing whitespace do not count; everything else does.
func normalizeOutput(s string) string {
	var lines []string
	for l := range strings.Lines(strings.ReplaceAll(s, "\r\n", "\n")) {
		if f := strings.Fields(l); len(f) > 0 {
			lines = append(lines, strings.Join(f, " "))
		}
	}
	return strings.Join(lines, "\n")
}

// normalizeShort compares short answers without regard to letter case or
// spacing.
func normalizeShort(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}
