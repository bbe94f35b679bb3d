package python

import (
	"bytes"
	"context"
	"testing"
)

// A run imports each module once, whatever the module calls itself
// (os.path's module is named posixpath in Go), and every import of it, by
// any route, gives the same object.
func TestImportGivesOneModuleAName(t *testing.T) {
	src := `import os.path
import os
import os.path as p
from os import path
import json, math, json as j
print(p is os.path, path is p, j is json)
`
	var out bytes.Buffer
	th := NewThread(context.Background(), &out, &out, nil, Limits{})
	if err := th.Exec(NewMainModule(), src); err != nil {
		t.Fatal(FormatError(th, err))
	}
	th.Close()
	if got, want := out.String(), "True True True\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// An import statement's node remembers the module it found registered for
// the program's later runs, and sees a module registered again.
func TestImportSeesAModuleRegisteredAgain(t *testing.T) {
	register := func(v int) {
		RegisterModule("reimported", func(t *Thread, m *Module) error {
			m.Set("v", Int(v))
			return nil
		})
	}
	const src = "import reimported\nprint(reimported.v)\n"
	run := func() string {
		var out bytes.Buffer
		th := NewThread(context.Background(), &out, &out, nil, Limits{})
		defer th.Close() // gives the program, and its nodes, back for the next run
		if err := th.Exec(NewMainModule(), src); err != nil {
			t.Fatal(FormatError(th, err))
		}
		return out.String()
	}
	register(1)
	if got := run() + run(); got != "1\n1\n" {
		t.Errorf("two runs printed %q, want 1 twice", got)
	}
	register(2)
	if got := run(); got != "2\n" {
		t.Errorf("after registering it again, a run printed %q, want 2", got)
	}
}
