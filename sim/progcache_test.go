package sim

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// TestReusedProgramsRunAlike runs every program of the language's and
// torch's corpora twice at once and then once more: the interpreter reuses
// parsed programs between runs, and a reused program must behave exactly as
// a freshly parsed one.
func TestReusedProgramsRunAlike(t *testing.T) {
	var cases []string
	for _, dir := range []string{"python/testdata/cases", "torch/testdata/cases"} {
		names, err := filepath.Glob(filepath.Join(dir, "*.py"))
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, names...)
	}
	if len(cases) < 100 {
		t.Fatalf("found %d corpus programs, want the corpora", len(cases))
	}
	run := func(code string) string {
		res, err := Run(context.Background(), Request{Code: code})
		if err != nil {
			t.Fatal(err)
		}
		return res.Output
	}
	for _, name := range cases {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		code := string(src)
		var outs [3]string
		var wg sync.WaitGroup
		for i := range 2 {
			wg.Add(1)
			go func() { defer wg.Done(); outs[i] = run(code) }()
		}
		wg.Wait()
		outs[2] = run(code)
		if outs[0] != outs[1] || outs[1] != outs[2] {
			t.Errorf("%s: runs differ:\n--- first\n%s\n--- second\n%s\n--- third\n%s", name, outs[0], outs[1], outs[2])
		}
	}
}
