package python

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

// BenchmarkLoop runs testdata/bench/loop.py, a pure-Python loop of
// arithmetic, function calls and dict and list operations.
//
// The goal is within 2x of CPython on the same machine. When
// /usr/bin/python3 is there, the benchmark also times CPython running the
// same file (in-process, start-up left out, the mean of five) right after
// its own runs, and reports the ratio as x-cpython; see
// testdata/bench/README.md for measurements.
func BenchmarkLoop(b *testing.B) {
	src, err := os.ReadFile("testdata/bench/loop.py")
	if err != nil {
		b.Fatal(err)
	}
	prog, err := Parse(string(src))
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < b.N; i++ {
		var out bytes.Buffer
		th := NewThread(context.Background(), &out, &out, nil, Limits{})
		if err := th.ExecProgram(NewMainModule(), prog); err != nil {
			b.Fatal(FormatError(th, err))
		}
		th.Close()
		if out.String() != "(145003, 97, 14967764301)\n" {
			b.Fatalf("output %q", out.String())
		}
	}
	b.StopTimer()
	if cpython, ok := cpythonSeconds(b, "testdata/bench/loop.py"); ok {
		perOp := b.Elapsed().Seconds() / float64(b.N)
		b.ReportMetric(cpython, "cpython-s")
		b.ReportMetric(perOp/cpython, "x-cpython")
	}
}

// BenchmarkTopLevelEpochs runs a loop at the top level of a program, as
// lessons' snippets loop over epochs: its names are globals, each store a
// dict store. The program is run as a server runs the same snippet again,
// taken from the cache of parsed programs.
func BenchmarkTopLevelEpochs(b *testing.B) {
	src := "lr = 0.1\nsteps = 20000\nhistory = []\nloss = 1.0\nfor step in range(steps):\n    grad = 2 * loss\n    loss = loss - lr * grad\n    if step % 5000 == 0:\n        history.append(loss)\nprint(len(history))\n"
	for i := 0; i < b.N; i++ {
		var out bytes.Buffer
		th := NewThread(context.Background(), &out, &out, nil, Limits{})
		if err := th.Exec(NewMainModule(), src); err != nil {
			b.Fatal(FormatError(th, err))
		}
		th.Close()
		if out.String() != "4\n" {
			b.Fatalf("output %q", out.String())
		}
	}
}

// cpythonSeconds is how long /usr/bin/python3 takes to run the file, start-up
// left out: the mean of five runs, as the benchmark's ns/op is a mean. ok is
// false without CPython.
func cpythonSeconds(b *testing.B, file string) (seconds float64, ok bool) {
	const timer = `import contextlib, io, sys, time
src = open(sys.argv[1]).read()
code = compile(src, sys.argv[1], "exec")
start = time.perf_counter()
for _ in range(5):
    with contextlib.redirect_stdout(io.StringIO()):
        exec(code, {"__name__": "__main__"})
print((time.perf_counter() - start) / 5)
`
	out, err := exec.Command("/usr/bin/python3", "-c", timer, file).Output()
	if err != nil {
		b.Logf("CPython not timed: %v", err)
		return 0, false
	}
	seconds, err = strconv.ParseFloat(strings.TrimSpace(string(out)), 64)
	if err != nil {
		b.Fatalf("CPython's timing %q: %v", out, err)
	}
	return seconds, true
}
