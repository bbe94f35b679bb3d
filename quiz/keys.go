package quiz

import (
	"context"
	"fmt"
	"maps"
	"strings"
)

// key is what grading compares a code question's answer with: the outcome
// of the simulator running the question's snippet.
type key struct {
	computed bool
	outcome  Outcome
}

// String prints the error as the last line of a traceback does.
func (e *RunError) String() string {
	if e.Message == "" {
		return e.Type
	}
	return e.Type + ": " + e.Message
}

// ComputeKeys runs the snippet of every code question (after its setup) in
// the simulator and keeps the outcome as the question's key. Options of
// output questions written as snippet variants are run too, and the option
// matching the snippet's output becomes the correct one. A snippet that
// cannot be the key of its question (an output question whose snippet
// raises, a line question whose snippet runs cleanly, no option matching)
// is an authoring mistake, reported at the question's heading.
func (q *Quiz) ComputeKeys(ctx context.Context, r Runner) error {
	var ms Mistakes
	for _, qu := range q.Questions {
		if !qu.Type.runsCode() {
			continue
		}
		if r == nil {
			ms = append(ms, Mistake{File: q.File, Line: qu.Line, Msg: fmt.Sprintf("the key of %s question %q cannot be computed: no simulator to run its snippet", qu.Type, qu.ID)})
			continue
		}
		if err := qu.computeKey(ctx, r); err != nil {
			ms = append(ms, Mistake{File: q.File, Line: qu.Line, Msg: err.Error()})
		}
	}
	return ms.err()
}

func (qu *Question) computeKey(ctx context.Context, r Runner) error {
	var files map[string][]byte
	if qu.Setup != "" {
		out, err := r.Run(ctx, Program{Code: qu.Setup})
		if err != nil {
			return fmt.Errorf("the setup of question %q did not run to the end: %v", qu.ID, err)
		}
		if out.Error != nil {
			return fmt.Errorf("the setup of question %q raises %s at line %d; a setup must run cleanly", qu.ID, out.Error, out.Error.Line)
		}
		files = out.Files
	}
	out, err := r.Run(ctx, Program{Code: qu.Snippet, Files: maps.Clone(files)})
	if err != nil {
		return fmt.Errorf("the snippet of question %q did not run to the end: %v", qu.ID, err)
	}
	switch qu.Type {
	case Output:
		if out.Error != nil {
			return fmt.Errorf("output question %q expects its snippet to print, but it raises %s at line %d (make it an error question, or fix the snippet)", qu.ID, out.Error, out.Error.Line)
		}
		if normalizeOutput(out.Output) == "" {
			return fmt.Errorf("the snippet of output question %q prints nothing, so there is nothing to predict", qu.ID)
		}
		if err := qu.matchOptions(ctx, r, files, out.Output); err != nil {
			return err
		}
	case Line:
		if out.Error == nil {
			return fmt.Errorf("line question %q expects its snippet to raise, but it runs without an error", qu.ID)
		}
		if qu.option(fmt.Sprint(out.Error.Line)) == nil {
			return fmt.Errorf("the snippet of line question %q raises %s at line %d, which is not one of its lines", qu.ID, out.Error, out.Error.Line)
		}
	}
	qu.key = key{computed: true, outcome: out}
	return nil
}

// matchOptions runs the variants among the options and marks the option
// whose output is the snippet's as the correct one.
func (qu *Question) matchOptions(ctx context.Context, r Runner, files map[string][]byte, output string) error {
	if len(qu.Options) == 0 {
		return nil
	}
	for i := range qu.Options {
		opt := &qu.Options[i]
		if opt.Variant == "" {
			continue
		}
		out, err := r.Run(ctx, Program{Code: opt.Variant, Files: maps.Clone(files)})
		if err != nil {
			return fmt.Errorf("the variant in option %s of question %q did not run to the end: %v", opt.ID, qu.ID, err)
		}
		if out.Error != nil {
			return fmt.Errorf("the variant in option %s of question %q raises %s at line %d; a variant must print an output", opt.ID, qu.ID, out.Error, out.Error.Line)
		}
		opt.Text = strings.TrimSuffix(out.Output, "\n")
	}
	want := normalizeOutput(output)
	var matches []string
	for i := range qu.Options {
		opt := &qu.Options[i]
		opt.Correct = normalizeOutput(opt.Text) == want
		if opt.Correct {
			matches = append(matches, opt.ID)
		}
	}
	switch len(matches) {
	case 0:
		return fmt.Errorf("the snippet of question %q prints %q, which is not among its options", qu.ID, strings.TrimSuffix(output, "\n"))
	case 1:
		return nil
	default:
		return fmt.Errorf("options %s of question %q all print the snippet's output; exactly one may", strings.Join(matches, ", "), qu.ID)
	}
}

func (qu *Question) option(id string) *Option {
	for i := range qu.Options {
		if qu.Options[i].ID == id {
			return &qu.Options[i]
		}
	}
	return nil
}

// Key returns what the simulator computed for a code question's snippet,
// and false for questions without code or whose key was not computed. The
// course checker shows it; grading uses it.
func (qu *Question) Key() (Outcome, bool) {
	return qu.key.outcome, qu.key.computed
}

// KeyText prints a code question's key as the course records it under
// quiz/testdata/keys: what the snippet printed, then the exception that
// ended it, if any, then what each option written as a snippet variant
// printed (the learner sees those outputs as options, so they must be real
// too). Tests compare the simulator's keys with real PyTorch's through it.
func KeyText(qu *Question) string {
	o, _ := qu.Key()
	s := o.Output
	if o.Error != nil {
		s += fmt.Sprintf("raises %s at line %d\n", o.Error, o.Error.Line)
	}
	for _, opt := range qu.Options {
		if opt.Variant != "" {
			s += fmt.Sprintf("--- option %s, a variant, prints:\n%s\n", opt.ID, opt.Text)
		}
	}
	return s
}
