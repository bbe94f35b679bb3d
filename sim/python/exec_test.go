package python

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// A thread runs its first program in a module frame allocated with the
// thread, and any later one in a frame of its own. An exception one
// program saved and the next raises again shows both programs' lines, as
// CPython shows them for two exec calls sharing their globals.
func TestExceptionRaisedAgainByALaterProgram(t *testing.T) {
	var out bytes.Buffer
	th := NewThread(context.Background(), &out, &out, nil, Limits{})
	defer th.Close()
	m := NewMainModule()
	if err := th.Exec(m, "try:\n    1/0\nexcept ZeroDivisionError as e:\n    saved = e\n"); err != nil {
		t.Fatal(FormatError(th, err))
	}
	err := th.Exec(m, "x = 1\nraise saved\n")
	got := FormatError(th, err)
	want := `  File "main.py", line 2, in <module>
    raise saved
  File "main.py", line 2, in <module>
    1/0
`
	if !strings.Contains(got, want) {
		t.Errorf("traceback:\n%s\nwant it to hold:\n%s", got, want)
	}
}
