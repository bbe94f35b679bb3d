package quiz

import (
	"context"
	"fmt"
	"strings"
)

// fakeRunner answers with a prepared outcome per program, so parser and
// grader tests do not depend on the simulator. The shipped product always
// runs the real simulator.
type fakeRunner map[string]Outcome

func (f fakeRunner) Run(_ context.Context, p Program) (Outcome, error) {
	out, ok := f[strings.TrimSpace(p.Code)]
	if !ok {
		return Outcome{}, fmt.Errorf("fake runner: no outcome for %q", p.Code)
	}
	return out, nil
}
