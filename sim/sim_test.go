package sim

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestRun(t *testing.T) {
	tests := []struct {
		name       string
		req        Request
		wantOutput string
		wantErr    *Error // compared on Type, Message, Line, Limit
		wantFiles  map[string]string
	}{
		{
			name:       "prints",
			req:        Request{Code: "print('hi', 1 + 1)\n"},
			wantOutput: "hi 2\n",
		},
		{
			name: "history replays silently in the same namespace",
			req: Request{
				History: []string{"print('old')\nstate = {'model': 1}\n", "state['epoch'] = 3\nprint(missing)\nstate['never'] = 0\n"},
				Code:    "print(sorted(state))\n",
			},
			wantOutput: "['epoch', 'model']\n",
		},
		{
			name:       "an uncaught exception ends the output with its traceback",
			req:        Request{Code: "state = {'model': 1}\nprint('loading')\nstate['optimizer']\n"},
			wantOutput: "loading\nTraceback (most recent call last):\n  File \"main.py\", line 3, in <module>\n    state['optimizer']\n    ~~~~~^^^^^^^^^^^^^\nKeyError: 'optimizer'\n",
			wantErr:    &Error{Type: "KeyError", Message: "'optimizer'", Line: 3},
		},
		{
			name:       "a suggestion is part of the message",
			req:        Request{Code: "optimizer = 1\nprint(optimzer)\n"},
			wantOutput: "Traceback (most recent call last):\n  File \"main.py\", line 2, in <module>\n    print(optimzer)\n          ^^^^^^^^\nNameError: name 'optimzer' is not defined. Did you mean: 'optimizer'?\n",
			wantErr:    &Error{Type: "NameError", Message: "name 'optimzer' is not defined. Did you mean: 'optimizer'?", Line: 2},
		},
		{
			name:       "syntax error",
			req:        Request{Code: "if x\n    pass\n"},
			wantOutput: "  File \"main.py\", line 1\n    if x\n        ^\nSyntaxError: expected ':'\n",
			wantErr:    &Error{Type: "SyntaxError", Message: "expected ':'", Line: 1},
		},
		{
			name:       "files go in and come back",
			req:        Request{Code: "import os\nprint(open('in.txt').read())\nwith open('out.txt', 'w') as f:\n    f.write('saved')\nos.remove('in.txt')\n", Files: map[string][]byte{"in.txt": []byte("data")}},
			wantOutput: "data\n",
			wantFiles:  map[string]string{"out.txt": "saved"},
		},
		{
			name:    "step limit",
			req:     Request{Code: "while True:\n    pass\n", Limits: Limits{Steps: 10000}},
			wantErr: &Error{Type: "LimitError", Limit: "steps", Line: 2},
		},
		{
			name:    "time limit",
			req:     Request{Code: "while True:\n    pass\n", Limits: Limits{Timeout: 100 * time.Millisecond}},
			wantErr: &Error{Type: "LimitError", Limit: "time", Line: 2},
		},
		{
			name:    "memory limit",
			req:     Request{Code: "x = 'a' * (10**9)\n", Limits: Limits{MemoryBytes: 1 << 20}},
			wantErr: &Error{Type: "MemoryError", Limit: "memory", Line: 1},
		},
		{
			name:       "sys.exit(0) is a normal end",
			req:        Request{Code: "import sys\nprint('bye')\nsys.exit(0)\nprint('not reached')\n"},
			wantOutput: "bye\n",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Run(context.Background(), tc.req)
			if err != nil {
				t.Fatal(err)
			}
			if tc.wantOutput != "" && res.Output != tc.wantOutput {
				t.Errorf("Output:\n%s\nwant:\n%s", res.Output, tc.wantOutput)
			}
			switch {
			case tc.wantErr == nil && res.Error != nil:
				t.Errorf("Error = %+v, want none", res.Error)
			case tc.wantErr != nil && res.Error == nil:
				t.Errorf("no Error, want %+v", tc.wantErr)
			case tc.wantErr != nil:
				got := *res.Error
				if got.Type != tc.wantErr.Type || got.Line != tc.wantErr.Line || got.Limit != tc.wantErr.Limit ||
					tc.wantErr.Message != "" && got.Message != tc.wantErr.Message {
					t.Errorf("Error = %+v, want %+v", got, *tc.wantErr)
				}
				if tc.wantErr.Limit == "" && !strings.HasSuffix(res.Output, got.Traceback) {
					t.Errorf("the output does not end with the traceback")
				}
			}
			for name, want := range tc.wantFiles {
				if got := string(res.Files[name]); got != want {
					t.Errorf("file %s = %q, want %q", name, got, want)
				}
			}
			if _, ok := res.Files["in.txt"]; ok && tc.wantFiles != nil {
				t.Errorf("in.txt was removed by the program but came back")
			}
		})
	}
}

// A history block that runs past the run's time limit ends the run with
// context.DeadlineExceeded, which the server answers as a replay that ran
// out of time; a cancelled caller's context ends it with the caller's error.
func TestRunHistoryOutOfTime(t *testing.T) {
	loop := "while True:\n    pass\n"
	_, err := Run(context.Background(), Request{History: []string{loop}, Code: "print(1)\n", Limits: Limits{Timeout: 50 * time.Millisecond}})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("history past the deadline: err = %v, want context.DeadlineExceeded", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = Run(ctx, Request{History: []string{loop}, Code: "print(1)\n"})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled caller: err = %v, want context.Canceled", err)
	}
}

// TestRunDeterministic: the same request gives the same bytes every time.
func TestRunDeterministic(t *testing.T) {
	req := Request{Code: "import random, time\nrandom.seed(1)\nclass A: pass\nprint(random.random(), A(), id(A()) > 0, {3, 1, 2}, time.time())\n"}
	first, err := Run(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		again, err := Run(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		if again.Output != first.Output {
			t.Fatalf("run %d printed %q, first run %q", i, again.Output, first.Output)
		}
	}
}

// TestRunConcurrent: runs share nothing.
func TestRunConcurrent(t *testing.T) {
	done := make(chan string, 8)
	for i := 0; i < 8; i++ {
		go func(i int) {
			res, err := Run(context.Background(), Request{Code: "import random\nrandom.seed(7)\nx = [random.randint(0, 9) for _ in range(5)]\nprint(x)\n"})
			if err != nil {
				done <- err.Error()
				return
			}
			done <- res.Output
		}(i)
	}
	first := <-done
	for i := 1; i < 8; i++ {
		if got := <-done; got != first {
			t.Fatalf("concurrent runs differ: %q vs %q", got, first)
		}
	}
}

// TestRunSeesItsScript: like python3 main.py in a fresh directory, the
// program finds main.py beside the files it saves, but the script is not
// returned as a workspace file.
func TestRunSeesItsScript(t *testing.T) {
	res, err := Run(context.Background(), Request{Code: "import os\nopen('a.pt', 'w').close()\nprint(sorted(os.listdir('.')))\n"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Output != "['a.pt', 'main.py']\n" {
		t.Errorf("output %q", res.Output)
	}
	if _, ok := res.Files["main.py"]; ok || len(res.Files) != 1 {
		t.Errorf("files %v: want only a.pt", res.Files)
	}
}

// A run's result tells the files before the block from the files after it,
// even for a file the block rewrote; and a session's results are copies,
// so a caller that changes one does not change the next block's files.
func TestResultFilesBeforeAndAfter(t *testing.T) {
	code := "with open('a.txt', 'w') as f:\n    f.write('new')\n"
	res, err := Run(context.Background(), Request{Code: code, Files: map[string][]byte{"a.txt": []byte("old"), "b.txt": []byte("kept")}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		files map[string][]byte
		file  string
		want  string
	}{
		{"before", res.Before, "a.txt", "old"},
		{"after", res.Files, "a.txt", "new"},
		{"before", res.Before, "b.txt", "kept"},
		{"after", res.Files, "b.txt", "kept"},
	} {
		if got := string(tc.files[tc.file]); got != tc.want {
			t.Errorf("%s: %s holds %q, want %q", tc.name, tc.file, got, tc.want)
		}
	}

	s := NewSession(map[string][]byte{"a.txt": []byte("old")}, Limits{})
	first := s.Exec(context.Background(), "pass\n")
	first.Files["a.txt"][0] = 'X'
	second := s.Exec(context.Background(), "print(open('a.txt').read())\n")
	if second.Output != "old\n" {
		t.Errorf("after a caller changed a result's bytes, the next block read %q, want %q", second.Output, "old\n")
	}
}

// The state view describes the program after it ran, calling reprs that
// learner code may define; what those print or write is not the program's:
// a real run never calls them. The result holds the program's own output
// and files, for a run and for a session's block alike.
func TestStateViewLeavesOutputAndFilesAlone(t *testing.T) {
	code := `import torch.nn as nn
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(2, 1)
    def extra_repr(self):
        print('extra_repr ran')
        with open('side.txt', 'w') as f:
            f.write('x')
        return 'custom'
net = Net()
print('done')
`
	check := func(name string, res *Result) {
		t.Helper()
		if res.Output != "done\n" {
			t.Errorf("%s: output %q, want %q", name, res.Output, "done\n")
		}
		if _, ok := res.Files["side.txt"]; ok {
			t.Errorf("%s: the view's repr wrote side.txt into the result's files", name)
		}
		if len(res.State) != 1 || !strings.Contains(res.State[0].Repr, "custom") {
			t.Errorf("%s: the view does not show net's extra_repr: %+v", name, res.State)
		}
	}
	res, err := Run(context.Background(), Request{Code: code})
	if err != nil {
		t.Fatal(err)
	}
	check("Run", res)
	check("Session", NewSession(nil, Limits{}).Exec(context.Background(), code))
}

// A run starts fresh whatever the run before it left: Run reuses the
// threads (with their free call frames), workspaces and __main__ modules
// of finished runs, and none of a run's globals, locals, files, budgets,
// clock, random state (Python's and torch's), imports, generators or
// exception being handled reach the next.
func TestRunAfterARunStartsFresh(t *testing.T) {
	limits := Limits{Steps: 2000}
	messy := "import os, time, random, torch\nos.mkdir('d')\nopen('left.txt', 'w').write('x')\ntorch.manual_seed(5)\nfor i in range(20):\n    globals()['v%d' % i] = i\ndel v3\nrandom.seed(3)\ntime.sleep(5)\nfor _ in range(400):\n    pass\ndef gen():\n    yield 1\n    yield 2\ng = gen()\nnext(g)\ndef f(a, b, c, d, e, f, g, h):\n    i = a\n    return i\nf(1, 2, 3, 4, 5, 6, 7, 8)\nprint('x' * 1000)\ntry:\n    {}['missing']\nexcept KeyError:\n    1 / 0\n"
	probe := "import os, time, random, torch\nprint(sorted(os.listdir('.')), time.time(), random.random(), torch.rand(1))\nprint([k for k in globals() if not k.startswith('__')])\nfor _ in range(400):\n    pass\ndef f(a, b, c, d, e, f, g, h):\n    try:\n        return i\n    except UnboundLocalError:\n        return h\n    i = a\nprint(f(1, 2, 3, 4, 5, 6, 7, 8))\ntry:\n    raise\nexcept RuntimeError as e:\n    print(e)\n"
	fresh, err := Run(context.Background(), Request{Code: probe, Limits: limits})
	if err != nil || fresh.Error != nil {
		t.Fatalf("probe alone: %v %+v", err, fresh.Error)
	}
	for i := 0; i < 3; i++ {
		res, err := Run(context.Background(), Request{Code: messy, Limits: limits})
		if err != nil || res.Error == nil || res.Error.Type != "ZeroDivisionError" {
			t.Fatalf("messy run: %v %+v", err, res.Error)
		}
		again, err := Run(context.Background(), Request{Code: probe, Limits: limits})
		if err != nil || again.Error != nil {
			t.Fatalf("probe after a messy run: %v %+v", err, again.Error)
		}
		if again.Output != fresh.Output {
			t.Fatalf("probe after a messy run printed %q, alone %q", again.Output, fresh.Output)
		}
	}
	if !strings.HasPrefix(fresh.Output, "['main.py'] ") || !strings.HasSuffix(fresh.Output, "['os', 'time', 'random', 'torch']\n8\nNo active exception to reraise\n") {
		t.Errorf("probe printed %q", fresh.Output)
	}
}
