// Package quizsim runs quiz snippets in the simulator. It is the adapter
// between package quiz, which asks for runs through its small Runner
// interface and knows nothing of the simulator, and package sim.
package quizsim

import (
	"context"
	"fmt"
	"strings"

	"github.com/ckptlab/ckptlab/quiz"
	"github.com/ckptlab/ckptlab/sim"
)

// Runner runs quiz programs with sim.Run under Limits (zero fields take
// sim's defaults).
type Runner struct {
	Limits sim.Limits
}

// Run runs p. A program that raises is an Outcome with an Error; a run
// that hit a limit or broke the simulator is an error, because no key can
// come from it.
func (r Runner) Run(ctx context.Context, p quiz.Program) (quiz.Outcome, error) {
	res, err := sim.Run(ctx, sim.Request{Code: p.Code, Files: p.Files, Limits: r.Limits})
	if err != nil {
		return quiz.Outcome{}, err
	}
	out := quiz.Outcome{Output: res.Output, Files: res.Files}
	if e := res.Error; e != nil {
		switch {
		case e.Limit != "":
			return quiz.Outcome{}, fmt.Errorf("the run hit the simulator's %s limit", e.Limit)
		case e.Type == "InternalError":
			return quiz.Outcome{}, fmt.Errorf("the simulator failed: %s", e.Message)
		}
		// The learner predicts what the program printed before the
		// traceback, and the exception on its last line.
		out.Output = strings.TrimSuffix(res.Output, e.Traceback)
		out.Error = &quiz.RunError{Type: e.Type, Message: e.Message, Line: e.Line}
	}
	return out, nil
}
