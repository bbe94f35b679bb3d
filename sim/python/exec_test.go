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

// A __main__ module released after a run comes back from NewMainModule as
// a new one holds: the template's names only, whatever the program left
// (more globals than a dict scans, a deleted one), and so does a thread.
func TestReleasedMainModuleAndThreadComeBackNew(t *testing.T) {
	code := "print(sorted(globals()))\nfor i in range(20):\n    globals()['g%d' % i] = i\ndel g3\nx = 1\n"
	for i := 0; i < 3; i++ {
		var out bytes.Buffer
		th := NewThread(context.Background(), &out, &out, nil, Limits{})
		m := NewMainModule()
		if err := th.Exec(m, code); err != nil {
			t.Fatal(FormatError(th, err))
		}
		if want := "['__builtins__', '__doc__', '__file__', '__name__']\n"; out.String() != want {
			t.Fatalf("run %d printed %q, want %q", i, out.String(), want)
		}
		th.Release()
		ReleaseMainModule(m)
	}
}
