package python

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// runSource runs src as main.py the way python3 main.py would, returning
// stdout and stderr interleaved.
func runSource(t testing.TB, src string, files map[string][]byte) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var out bytes.Buffer
	th := NewThread(ctx, &out, &out, NewWorkspace(files), Limits{})
	err := th.Exec(NewMainModule(), src)
	th.Close()
	if err != nil {
		if _, msg, ok := ExitCode(err); ok {
			out.WriteString(msg)
		} else {
			out.WriteString(FormatError(th, err))
		}
	}
	return out.String()
}

// TestCorpus runs every program of the differential corpus
// (testdata/cases/*.py, outputs recorded from CPython) and compares the
// output byte for byte. Cases listed in testdata/known_failures.txt are
// reported, not failed; a listed case that passes fails the test so the
// list stays honest.
func TestCorpus(t *testing.T) {
	cases, _ := filepath.Glob("testdata/cases/*.py")
	if len(cases) == 0 {
		t.Skip("no corpus in testdata/cases")
	}
	known := map[string]bool{}
	if data, err := os.ReadFile("testdata/known_failures.txt"); err == nil {
		for _, l := range strings.Split(string(data), "\n") {
			l = strings.TrimSpace(l)
			if l != "" && !strings.HasPrefix(l, "#") {
				known[strings.Fields(l)[0]] = true
			}
		}
	}
	var failed, fixed []string
	for _, path := range cases {
		name := strings.TrimSuffix(filepath.Base(path), ".py")
		if name == "" || name[0] < '0' || name[0] > '9' {
			continue // a helper script, not a case
		}
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(strings.TrimSuffix(path, ".py") + ".out")
		if err != nil {
			t.Errorf("%s: no recorded output: %v", name, err)
			continue
		}
		files := map[string][]byte{}
		got := runSource(t, string(src), files)
		ok := got == string(want)
		switch {
		case !ok && !known[name]:
			failed = append(failed, name)
			t.Errorf("%s: output differs\n--- got\n%s--- want\n%s", name, got, want)
		case ok && known[name]:
			fixed = append(fixed, name)
		}
	}
	sort.Strings(failed)
	if len(failed) > 0 {
		t.Errorf("%d of %d cases differ: %s", len(failed), len(cases), strings.Join(failed, " "))
	}
	if len(fixed) > 0 {
		t.Errorf("these cases now pass; remove them from testdata/known_failures.txt: %s", strings.Join(fixed, " "))
	}
	if len(known) > 0 {
		t.Logf("%d known failures listed in testdata/known_failures.txt", len(known))
	}
}

// TestRegress runs the simulator's own regression programs
// (testdata/regress/*.py, outputs recorded from CPython by
// testdata/regress/record.sh): each one is a bug found and fixed.
func TestRegress(t *testing.T) {
	cases, _ := filepath.Glob("testdata/regress/*.py")
	for _, path := range cases {
		name := strings.TrimSuffix(filepath.Base(path), ".py")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(strings.TrimSuffix(path, ".py") + ".out")
			if err != nil {
				t.Fatalf("no recorded output (run testdata/regress/record.sh): %v", err)
			}
			if got := runSource(t, string(src), map[string][]byte{}); got != string(want) {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}
