package pyplot_test

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/ckptlab/ckptlab/sim"
)

// TestConformance runs every program of testdata/cases through the
// simulator as main.py in an empty workspace and compares what it prints
// (stdout and stderr together), byte for byte, with what real matplotlib
// printed: the .out beside it, written by testdata/cases/record.py from
// matplotlib 3.6 with its texts rewritten to 3.8's (see the README there).
//
// Run one case with: go test ./sim/pyplot -run 'Conformance/012'
func TestConformance(t *testing.T) {
	matches, err := filepath.Glob(filepath.Join("testdata", "cases", "*.py"))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(matches)
	ran := 0
	for _, py := range matches {
		if filepath.Base(py) == "record.py" {
			continue
		}
		want, err := os.ReadFile(strings.TrimSuffix(py, ".py") + ".out")
		if err != nil {
			t.Errorf("%s has no recorded output: run record.py", py)
			continue
		}
		src, err := os.ReadFile(py)
		if err != nil {
			t.Fatal(err)
		}
		ran++
		t.Run(strings.TrimSuffix(filepath.Base(py), ".py"), func(t *testing.T) {
			res, err := sim.Run(context.Background(), sim.Request{Code: string(src), Files: map[string][]byte{}})
			if err != nil {
				t.Fatal(err)
			}
			if res.Output != string(want) {
				t.Errorf("differs from matplotlib at %s\n--- got ---\n%s--- want ---\n%s", firstDiff(res.Output, string(want)), res.Output, want)
			}
		})
	}
	if ran == 0 {
		t.Fatal("no cases in testdata/cases")
	}
}

// firstDiff shows the first differing line of two outputs.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return "line " + strconv.Itoa(i+1) + ":\n  got:  " + gl + "\n  want: " + wl
		}
	}
	return "(outputs differ only in line endings)"
}
