package torch

import (
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
	benchmarkLoad(b, th.Workspace().Files(), "a.pth", "b.pth")
}
