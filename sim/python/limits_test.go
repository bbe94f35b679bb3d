package python

import (
	"bytes"
	"context"
	"errors"
	"runtime"
	"strings"
	"testing"
	"time"
)

// runLimited runs src under limits and a deadline, returning the output,
// the error and how long it took.
func runLimited(t *testing.T, src string, limits Limits, timeout time.Duration) (string, error, time.Duration) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	var out bytes.Buffer
	th := NewThread(ctx, &out, &out, nil, limits)
	start := time.Now()
	err := th.Exec(NewMainModule(), src)
	th.Close()
	if err != nil {
		out.WriteString(FormatError(th, err))
	}
	return out.String(), err, time.Since(start)
}

// TestLimits shows each sandbox limit stopping a runaway program promptly
// with a message that names it, and the process carrying on unharmed.
func TestLimits(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		limits  Limits
		timeout time.Duration
		limit   string // the LimitError's Limit, or "" for a Python exception
		want    string // in the output
	}{
		{"steps: while True: pass", "while True:\n    pass\n", Limits{Steps: 100_000}, 10 * time.Second,
			"steps", "step limit"},
		{"time: the context's deadline", "x = 0\nwhile True:\n    x += 1\n", Limits{}, 200 * time.Millisecond,
			"time", "time limit"},
		{"time: a long loop inside a builtin", "print(sum(range(10**15)))\n", Limits{}, 200 * time.Millisecond,
			"time", "time limit"},
		{"memory: a list that doubles forever", "x = [0]\nwhile True:\n    x = x + x\n", Limits{MemoryBytes: 64 << 20}, 10 * time.Second,
			"", "MemoryError"},
		{"memory: a huge string", "s = 'ab' * 10**12\n", Limits{}, 10 * time.Second,
			"", "MemoryError"},
		{"recursion: unbounded", "def f(n):\n    return f(n + 1)\nf(0)\n", Limits{}, 10 * time.Second,
			"", "RecursionError: maximum recursion depth exceeded\n"},
		{"recursion: comparing deeply nested lists", "a = []\nb = []\nfor i in range(5000):\n    a = [a]\n    b = [b]\nprint(a == b)\n", Limits{}, 10 * time.Second,
			"", "RecursionError: maximum recursion depth exceeded in comparison"},
		{"output: a print loop", "while True:\n    print('spam')\n", Limits{OutputBytes: 1000}, 10 * time.Second,
			"output", OutputMarker},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err, took := runLimited(t, tc.src, tc.limits, tc.timeout)
			if err == nil {
				t.Fatalf("the program finished; want it stopped\n%s", out)
			}
			var le *LimitError
			if errors.As(err, &le) {
				if le.Limit != tc.limit {
					t.Errorf("limit = %q, want %q (%v)", le.Limit, tc.limit, err)
				}
			} else if tc.limit != "" {
				t.Errorf("err = %v, want a %s LimitError", err, tc.limit)
			}
			if !strings.Contains(out, tc.want) {
				t.Errorf("output does not contain %q:\n%s", tc.want, out)
			}
			if took > 5*time.Second {
				t.Errorf("took %v to stop", took)
			}
		})
	}
	// The interpreter still works after all of that.
	out, err, _ := runLimited(t, "print(sum(range(10)))\n", Limits{}, 5*time.Second)
	if err != nil || out != "45\n" {
		t.Fatalf("after the limits: %q, %v", out, err)
	}
}

// TestOutputCut checks the output is cut exactly at the cap.
func TestOutputCut(t *testing.T) {
	out, _, _ := runLimited(t, "for i in range(100):\n    print('0123456789')\n", Limits{OutputBytes: 25}, 5*time.Second)
	want := "0123456789\n0123456789\n012" + OutputMarker
	if !strings.HasPrefix(out, want) {
		t.Errorf("got %q, want prefix %q", out, want)
	}
}

// TestLimitNotCatchable: learner code cannot swallow a step or time limit.
func TestLimitNotCatchable(t *testing.T) {
	src := "try:\n    while True:\n        pass\nexcept BaseException:\n    print('caught')\nfinally:\n    print('finally')\n"
	out, err, _ := runLimited(t, src, Limits{Steps: 10_000}, 5*time.Second)
	var le *LimitError
	if !errors.As(err, &le) || strings.Contains(out, "caught") {
		t.Fatalf("err = %v, output %q: want an uncaught step limit", err, out)
	}
}

// TestMemoryErrorCatchable: MemoryError is an ordinary exception.
func TestMemoryErrorCatchable(t *testing.T) {
	src := "try:\n    x = [0] * 10**10\nexcept MemoryError:\n    print('too big')\n"
	out, err, _ := runLimited(t, src, Limits{}, 5*time.Second)
	if err != nil || out != "too big\n" {
		t.Fatalf("got %q, %v", out, err)
	}
}

// TestPanicRecovered: a Go panic inside a module becomes an internal error.
func TestPanicRecovered(t *testing.T) {
	RegisterModule("_paniky", func(t *Thread, m *Module) error {
		m.SetFunc("boom", func(t *Thread, args Args) (Value, error) {
			var m map[string]int
			m["x"] = 1 // assignment to entry in nil map
			return None, nil
		})
		return nil
	})
	out, err, _ := runLimited(t, "import _paniky\n_paniky.boom()\n", Limits{}, 5*time.Second)
	var ie *InternalError
	if !errors.As(err, &ie) {
		t.Fatalf("err = %v, want *InternalError", err)
	}
	if !strings.Contains(out, "internal error") {
		t.Errorf("output %q does not name an internal error", out)
	}
}

// TestGeneratorsClosed: suspended generators do not outlive their run.
func TestGeneratorsClosed(t *testing.T) {
	src := "def g():\n    try:\n        while True:\n            yield 1\n    finally:\n        pass\ngens = [g() for _ in range(100)]\nfor x in gens:\n    next(x)\n"
	before := runtime.NumGoroutine()
	out, err, _ := runLimited(t, src, Limits{}, 5*time.Second)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for i := 0; i < 50 && runtime.NumGoroutine() > before; i++ {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("%d goroutines left running after the run (had %d)", n, before)
	}
}

// TestMemoryGrowthNotGarbage: building a string piece by piece (garbage the
// budget never sees collected) does not trip the memory limit, while a
// string that doubles does.
func TestMemoryGrowthNotGarbage(t *testing.T) {
	out, err, _ := runLimited(t, "s = ''\nfor i in range(20000):\n    s += 'x' * 50\nprint(len(s))\n", Limits{MemoryBytes: 64 << 20}, 10*time.Second)
	if err != nil || out != "1000000\n" {
		t.Fatalf("got %q, %v", out, err)
	}
	out, err, _ = runLimited(t, "s = 'x'\nwhile True:\n    s = s + s\n", Limits{MemoryBytes: 64 << 20}, 10*time.Second)
	if !isException(err, MemoryErrorClass) {
		t.Fatalf("doubling: %v\n%s", err, out)
	}
}

// TestTimeInsideBuiltins: long loops inside Go builtins still see the
// deadline.
func TestTimeInsideBuiltins(t *testing.T) {
	for _, src := range []string{
		"x = list(range(3 * 10**6))\nwhile True:\n    sorted(x, reverse=True)\n",
		"x = list(range(3 * 10**6))\nwhile True:\n    -1 in x\n",
		"x = list(range(3 * 10**6))\nwhile True:\n    max(x)\n",
	} {
		_, err, took := runLimited(t, src, Limits{}, 300*time.Millisecond)
		var le *LimitError
		if !errors.As(err, &le) || le.Limit != "time" {
			t.Errorf("%q: err = %v, want the time limit", src, err)
		}
		if took > 3*time.Second {
			t.Errorf("%q: took %v to stop", src, took)
		}
	}
}
