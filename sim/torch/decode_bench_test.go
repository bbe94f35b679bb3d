package torch

import (
	"bytes"
	"context"
	"testing"

	"github.com/ckptlab/ckptlab/sim/python"
)

// BenchmarkLoadCheckpointsInTurn is torch.load of two checkpoints in turn
// (the snippet's, and one saved after a step), so that the decoder never
// loads the pickle it loaded last: what a first load costs.
func BenchmarkLoadCheckpointsInTurn(b *testing.B) {
	th, ck := checkpointThread(b)
	if _, _, err := torchSave(th, python.Args{Pos: []python.Value{ck, python.Str("a.pth")}}); err != nil {
		b.Fatal(err)
	}
	if err := th.Exec(python.NewMainModule(), "import torch\ntorch.save({'epoch': 1, 'lr': [0.5]}, 'b.pth')\n"); err != nil {
		b.Fatal(err)
	}
	files := th.Workspace().Files()
	args := []python.Args{{Pos: []python.Value{python.Str("a.pth")}}, {Pos: []python.Value{python.Str("b.pth")}}}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if i%256 == 0 {
			b.StopTimer()
			var out bytes.Buffer
			th = python.NewThread(context.Background(), &out, &out, python.NewWorkspace(files), python.Limits{MemoryBytes: 1 << 62})
			b.StartTimer()
		}
		if _, _, err := torchLoad(th, args[i%2]); err != nil {
			b.Fatal(err)
		}
	}
}
