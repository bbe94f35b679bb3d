package torch_test

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/ckptlab/ckptlab/sim"
)

// The conformance suite runs every program of the corpora through the
// simulator as main.py in an empty workspace and compares what it prints,
// byte for byte, with what real PyTorch printed (the .out beside it):
//
//	testdata/cases        the project's corpus (recorder: testdata/cases/record.py)
//	testdata/properties   property programs (see testdata/properties/README.md)
//	testdata/regressions  programs that found bugs (see testdata/regressions/README.md)
//	../../../shared/fidelity/cases   the course's fidelity corpus, when present
//
// Run one case with: go test ./sim/torch -run 'Conformance/cases/042'

// knownDifferences are cases whose recorded output is PyTorch 1.13's (the
// oracle on this machine) where the simulator follows the 2.6 target, or
// that need language features the simulator lacks; each says why.
var knownDifferences = map[string]string{}

type caseFile struct {
	name, py, out string
}

func listCases(t testing.TB, dir string) []caseFile {
	t.Helper()
	matches, err := filepath.Glob(filepath.Join(dir, "*.py"))
	if err != nil {
		t.Fatal(err)
	}
	var out []caseFile
	for _, py := range matches {
		base := filepath.Base(py)
		if base == "record.py" {
			continue
		}
		o := strings.TrimSuffix(py, ".py") + ".out"
		if _, err := os.Stat(o); err != nil {
			continue // not recorded yet
		}
		out = append(out, caseFile{name: strings.TrimSuffix(base, ".py"), py: py, out: o})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

func runCase(t testing.TB, c caseFile) (got, want string) {
	t.Helper()
	src, err := os.ReadFile(c.py)
	if err != nil {
		t.Fatal(err)
	}
	wantB, err := os.ReadFile(c.out)
	if err != nil {
		t.Fatal(err)
	}
	res, err := sim.Run(context.Background(), sim.Request{Code: string(src), Files: map[string][]byte{}})
	if err != nil {
		t.Fatal(err)
	}
	return res.Output, string(wantB)
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
			return "line " + itoa(i+1) + ":\n  got:  " + gl + "\n  want: " + wl
		}
	}
	return "(outputs differ only in line endings)"
}

func itoa(i int) string {
	s := ""
	if i == 0 {
		return "0"
	}
	for i > 0 {
		s = string(rune('0'+i%10)) + s
		i /= 10
	}
	return s
}

func TestConformance(t *testing.T) {
	dirs := []struct{ label, path string }{
		{"cases", "testdata/cases"},
		{"properties", "testdata/properties"},
		{"regressions", "testdata/regressions"},
		{"fidelity", "../../../shared/fidelity/cases"},
	}
	for _, d := range dirs {
		t.Run(d.label, func(t *testing.T) {
			if _, err := os.Stat(d.path); err != nil {
				t.Skipf("%s is absent", d.path)
			}
			cases := listCases(t, d.path)
			if len(cases) == 0 {
				t.Skipf("no recorded cases in %s", d.path)
			}
			var failed []string
			for _, c := range cases {
				c := c
				t.Run(c.name, func(t *testing.T) {
					got, want := runCase(t, c)
					if got == want {
						return
					}
					if why, ok := knownDifferences[c.name]; ok {
						t.Skipf("known difference: %s", why)
					}
					failed = append(failed, c.name)
					t.Errorf("%s differs from PyTorch at %s\n--- got ---\n%s--- want ---\n%s", c.name, firstDiff(got, want), got, want)
				})
			}
			if len(failed) > 0 {
				t.Logf("%d of %d %s cases differ: %s", len(failed), len(cases), d.label, strings.Join(failed, " "))
			}
		})
	}
}
