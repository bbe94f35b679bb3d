package torch

import (
	"bytes"
	"context"
	"testing"

	"github.com/ckptlab/ckptlab/sim/python"
)

// checkpointThread runs the fill/save/zero/load snippet's setup and
// returns its thread and the checkpoint dict it builds.
func checkpointThread(b *testing.B) (*python.Thread, python.Value) {
	var out bytes.Buffer
	th := python.NewThread(context.Background(), &out, &out, python.NewWorkspace(nil), python.Limits{MemoryBytes: 1 << 62}) // saving charges each file
	m := python.NewMainModule()
	code := `import torch
import torch.nn as nn
import torch.optim as optim
model = nn.Linear(2, 1)
optimizer = optim.SGD(model.parameters(), lr=0.1)
for param in model.parameters():
    param.data.fill_(1.0)
checkpoint = {'model_state': model.state_dict(), 'optimizer_state': optimizer.state_dict()}
`
	if err := th.Exec(m, code); err != nil {
		b.Fatal(err, out.String())
	}
	ck, _ := m.Get("checkpoint")
	return th, ck
}

// BenchmarkSaveCheckpoint is torch.save of the snippet's ~1 KB checkpoint
// (a Linear's state_dict and an SGD's), without the timeline's observer.
func BenchmarkSaveCheckpoint(b *testing.B) {
	th, ck := checkpointThread(b)
	args := python.Args{Pos: []python.Value{ck, python.Str("checkpoint.pth")}}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, _, err := torchSave(th, args); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadCheckpoint is torch.load of the same file. Every 256 loads
// start over on a fresh thread and workspace, as a run does.
func BenchmarkLoadCheckpoint(b *testing.B) {
	th, ck := checkpointThread(b)
	if _, _, err := torchSave(th, python.Args{Pos: []python.Value{ck, python.Str("checkpoint.pth")}}); err != nil {
		b.Fatal(err)
	}
	benchmarkLoad(b, th.Workspace().Files(), "checkpoint.pth")
}

// benchmarkLoad times torch.load of the files names among files, in
// turn. Every 256 loads start over on a fresh thread and workspace, as a
// run does.
func benchmarkLoad(b *testing.B, files map[string][]byte, names ...string) {
	args := make([]python.Args, len(names))
	for i, name := range names {
		args[i] = python.Args{Pos: []python.Value{python.Str(name)}}
	}
	var th *python.Thread
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if i%256 == 0 {
			b.StopTimer()
			var out bytes.Buffer
			th = python.NewThread(context.Background(), &out, &out, python.NewWorkspace(files), python.Limits{MemoryBytes: 1 << 62})
			b.StartTimer()
		}
		if _, _, err := torchLoad(th, args[i%len(args)]); err != nil {
			b.Fatal(err)
		}
	}
}
