package python

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func addCorpusSeeds(f *testing.F) {
	paths, _ := filepath.Glob("testdata/cases/*.py")
	for _, p := range paths {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(string(data))
		}
	}
	for _, s := range []string{"", "x = (", "f'{'", "def f(:\n", "\tif x:\n  y", "a[1:2:3] = b", "lambda *a, **k: a", "class A(B, metaclass=M): pass"} {
		f.Add(s)
	}
}

// FuzzScan: the scanner never panics.
func FuzzScan(f *testing.F) {
	addCorpusSeeds(f)
	f.Fuzz(func(t *testing.T, src string) {
		scan(src)
	})
}

// FuzzParse: the parser and resolver never panic, and an error is always a
// *SyntaxError with a position.
func FuzzParse(f *testing.F) {
	addCorpusSeeds(f)
	f.Fuzz(func(t *testing.T, src string) {
		_, err := Parse(src)
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) && !isException(err, RecursionErrorClass) {
				t.Fatalf("Parse error %T %v, want *SyntaxError", err, err)
			}
			FormatError(nil, err)
		}
	})
}

// FuzzExec: running any program under small limits never panics the
// interpreter (an *InternalError is a bug) and always stops.
func FuzzExec(f *testing.F) {
	addCorpusSeeds(f)
	f.Fuzz(func(t *testing.T, src string) {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		var out bytes.Buffer
		th := NewThread(ctx, &out, &out, nil, Limits{Steps: 20_000, MemoryBytes: 16 << 20, OutputBytes: 4096})
		err := th.Exec(NewMainModule(), src)
		th.Close()
		var ie *InternalError
		if errors.As(err, &ie) {
			t.Fatalf("internal error: %v\n%s", ie.Msg, ie.Stack)
		}
		if err != nil {
			FormatError(th, err)
		}
	})
}
