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
