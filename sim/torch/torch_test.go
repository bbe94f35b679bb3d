package torch_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/ckptlab/ckptlab/sim"
)

func run(t testing.TB, code string, limits sim.Limits) *sim.Result {
	t.Helper()
	res, err := sim.Run(context.Background(), sim.Request{Code: code, Limits: limits})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// A tensor larger than the run's memory budget fails as PyTorch's
// allocator fails, before any memory is taken, and the next run is fine.
func TestTensorsCountAgainstTheMemoryBudget(t *testing.T) {
	tests := []struct {
		code, wantErr string
	}{
		{"import torch\nx = torch.zeros(100000, 100000)\n", "RuntimeError: [enforce fail at alloc_cpu.cpp:117] . DefaultCPUAllocator: can't allocate memory: you tried to allocate 40000000000 bytes. Error code 12 (Cannot allocate memory)"},
		{"import torch\nx = torch.ones(4, 1000, 1000, dtype=torch.float64)\n", "you tried to allocate 32000000 bytes"},
		{"import torch\nxs = [torch.zeros(1000, 1000) for _ in range(10)]\n", "you tried to allocate 4000000 bytes"},
		{"import torch\nx = torch.zeros(10**12)\n", "you tried to allocate 4000000000000 bytes"},
		{"import torch\nx = torch.zeros(10**10, 10**10)\n", "RuntimeError: Storage size calculation overflowed with sizes=[10000000000, 10000000000]"},
	}
	for _, tc := range tests {
		res := run(t, tc.code, sim.Limits{MemoryBytes: 20 << 20})
		if res.Error == nil || !strings.Contains(res.Output, tc.wantErr) {
			t.Errorf("%q:\n got %q\nwant an error containing %q", tc.code, res.Output, tc.wantErr)
		}
	}
	res := run(t, "import torch\nprint(torch.zeros(2, 2).sum())\n", sim.Limits{MemoryBytes: 20 << 20})
	if res.Output != "tensor(0.)\n" {
		t.Errorf("after a failed allocation, a small run printed %q", res.Output)
	}
}

// Benchmarks over the fidelity cases. The targets are 10x faster than a
// warm PyTorch process: 64 µs for the fill/save/zero/load snippet (p01)
// and 330 µs for the resume-exactly snippet (p17).
func BenchmarkFidelity(b *testing.B) {
	for _, name := range []string{"p01_seed_fill_save_zero_load", "p17_resume_exact", "p34_training_loop", "p16_adam_state"} {
		src, err := os.ReadFile("../../../shared/fidelity/cases/" + name + ".py")
		if err != nil {
			b.Skip("the fidelity corpus is absent")
		}
		code := string(src) // the server is handed the code as a string
		b.Run(name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				res, err := sim.Run(context.Background(), sim.Request{Code: code})
				if err != nil || res.Error != nil {
					b.Fatalf("run failed: %v %+v", err, res.Error)
				}
			}
		})
	}
}

// BenchmarkFidelityNoRepeat runs the checkpoint snippets as
// BenchmarkFidelity does, but alternates each with a copy that names its
// checkpoint's key otherwise ('model_state' or 'model' becomes 'weights'):
// no run saves or loads the pickle the run before it did. torch.save and
// torch.load remember the last file they wrote or read and skip work for
// the same bytes (the decoder's replay, the zip reader's and writer's
// last file), which a learner re-running a lesson meets; this is the cost
// without them.
func BenchmarkFidelityNoRepeat(b *testing.B) {
	for _, c := range []struct{ name, key string }{
		{"p01_seed_fill_save_zero_load", "'model_state'"},
		{"p17_resume_exact", "'model'"},
	} {
		src, err := os.ReadFile("../../../shared/fidelity/cases/" + c.name + ".py")
		if err != nil {
			b.Skip("the fidelity corpus is absent")
		}
		codes := [2]string{string(src), strings.ReplaceAll(string(src), c.key, "'weights'")}
		if codes[0] == codes[1] {
			b.Fatalf("%s has no %s to rename", c.name, c.key)
		}
		b.Run(c.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				res, err := sim.Run(context.Background(), sim.Request{Code: codes[i%2]})
				if err != nil || res.Error != nil {
					b.Fatalf("run failed: %v %+v", err, res.Error)
				}
			}
		})
	}
}

// BenchmarkFidelityPrefixes runs each prefix of the fill/save/zero/load
// snippet that ends after a top-level statement, so the cost of each step
// (imports, building the layer, saving, loading, printing) is the
// difference between two neighbouring results. The state view of the
// prefix's globals is part of each run, as it is in the server.
func BenchmarkFidelityPrefixes(b *testing.B) {
	src, err := os.ReadFile("../../../shared/fidelity/cases/p01_seed_fill_save_zero_load.py")
	if err != nil {
		b.Skip("the fidelity corpus is absent")
	}
	lines := strings.SplitAfter(string(src), "\n")
	for end := 1; end <= len(lines); end++ {
		next := ""
		if end < len(lines) {
			next = lines[end]
		}
		if strings.HasPrefix(next, " ") || strings.TrimSpace(lines[end-1]) == "" || strings.HasPrefix(lines[end-1], "#") {
			continue // the statement goes on, or this line adds nothing
		}
		prefix := strings.Join(lines[:end], "")
		b.Run(fmt.Sprintf("p01_to_line_%02d", end), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				res, err := sim.Run(context.Background(), sim.Request{Code: prefix})
				if err != nil || res.Error != nil {
					b.Fatalf("run failed: %v %+v", err, res.Error)
				}
			}
		})
	}
}

// Runs share nothing: programs run at the same time print what they print
// alone (the engine's state, RNG and grad mode are per run).
func TestConcurrentRunsAreIndependent(t *testing.T) {
	code := "import torch\nimport torch.nn as nn\ntorch.manual_seed(%d)\nm = nn.Linear(2, 1)\nwith torch.no_grad():\n    m.weight.mul_(2)\nprint(m.weight, torch.rand(2))\n"
	want := map[int]string{}
	for seed := 0; seed < 4; seed++ {
		want[seed] = run(t, fmt.Sprintf(code, seed), sim.Limits{}).Output
	}
	errs := make(chan error, 16)
	for i := 0; i < 16; i++ {
		go func(seed int) {
			res, err := sim.Run(context.Background(), sim.Request{Code: fmt.Sprintf(code, seed)})
			if err == nil && res.Output != want[seed] {
				err = fmt.Errorf("seed %d printed %q, alone %q", seed, res.Output, want[seed])
			}
			errs <- err
		}(i % 4)
	}
	for i := 0; i < 16; i++ {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

// Checkpoints saved and loaded by runs at the same time are their own:
// the pooled picklers, readers and cached RNG states runs share leave each
// run's files and output as they are alone (run with -race to check the
// sharing itself).
func TestConcurrentCheckpointRunsAreIndependent(t *testing.T) {
	var codes []string
	for _, name := range []string{"p01_seed_fill_save_zero_load", "p17_resume_exact"} {
		src, err := os.ReadFile("../../../shared/fidelity/cases/" + name + ".py")
		if err != nil {
			t.Skip("the fidelity corpus is absent")
		}
		codes = append(codes, string(src))
	}
	alone := map[string]*sim.Result{}
	for _, code := range codes {
		alone[code] = run(t, code, sim.Limits{})
	}
	errs := make(chan error, 16)
	for i := 0; i < 16; i++ {
		go func(code string) {
			res, err := sim.Run(context.Background(), sim.Request{Code: code})
			if err == nil {
				want := alone[code]
				if res.Output != want.Output {
					err = fmt.Errorf("printed %q, alone %q", res.Output, want.Output)
				}
				for name, data := range want.Files {
					if !bytes.Equal(res.Files[name], data) {
						err = fmt.Errorf("saved a different %s than alone", name)
					}
				}
			}
			errs <- err
		}(codes[i%len(codes)])
	}
	for i := 0; i < 16; i++ {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

// A checkpoint saved by real PyTorch (testdata/checkpoints/real.pth, made
// by make_real.py) loads and prints as it does in PyTorch; and the same
// training and save done in the simulator produces a file that loads to
// the same output: the simulator's numbers are PyTorch's.
func TestCheckpointsInterchangeWithPyTorch(t *testing.T) {
	dir := "testdata/checkpoints/"
	real, err := os.ReadFile(dir + "real.pth")
	if err != nil {
		t.Fatal(err)
	}
	load, err := os.ReadFile(dir + "load_real.py")
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(dir + "load_real.out")
	if err != nil {
		t.Fatal(err)
	}
	res, err := sim.Run(context.Background(), sim.Request{Code: string(load), Files: map[string][]byte{"real.pth": real}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Output != string(want) {
		t.Errorf("loading PyTorch's file printed\n%s\nPyTorch printed\n%s", res.Output, want)
	}
	makeSrc, err := os.ReadFile(dir + "make_real.py")
	if err != nil {
		t.Fatal(err)
	}
	saved, err := sim.Run(context.Background(), sim.Request{Code: string(makeSrc), Files: map[string][]byte{}})
	if err != nil || saved.Error != nil {
		t.Fatalf("make_real.py in the simulator: %v %+v", err, saved.Error)
	}
	res, err = sim.Run(context.Background(), sim.Request{Code: string(load), Files: saved.Files})
	if err != nil {
		t.Fatal(err)
	}
	if res.Output != string(want) {
		t.Errorf("loading the simulator's file printed\n%s\nPyTorch printed for its own\n%s", res.Output, want)
	}
}

// A run that changes a module changes its own copy: the next run imports
// torch as it was built (modules share their contents until written).
func TestModuleChangesStayInTheirRun(t *testing.T) {
	changes := []string{
		"import torch\ntorch.zeros = 1\ntorch.extra = 2\nprint(torch.zeros)\n",
		"import torch.nn as nn\ndel nn.Linear\nnn.__dict__.clear()\n",
		"import torch\nimport torch.optim as optim\nvars(torch)['nn'] = None\noptim.SGD = len\n",
	}
	want := run(t, "import torch\nimport torch.nn as nn\nimport torch.optim as optim\nprint(torch.zeros(1), nn.Linear.__name__, optim.SGD.__name__, hasattr(torch, 'extra'), list(vars(torch)).index('nn') > 0)\n", sim.Limits{}).Output
	if want != "tensor([0.]) Linear SGD False True\n" {
		t.Fatalf("a fresh run printed %q", want)
	}
	for _, code := range changes {
		run(t, code, sim.Limits{})
		got := run(t, "import torch\nimport torch.nn as nn\nimport torch.optim as optim\nprint(torch.zeros(1), nn.Linear.__name__, optim.SGD.__name__, hasattr(torch, 'extra'), list(vars(torch)).index('nn') > 0)\n", sim.Limits{}).Output
		if got != want {
			t.Errorf("after %q, a run printed %q, want %q", code, got, want)
		}
	}
}
