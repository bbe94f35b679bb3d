package torch

import (
	"bytes"
	"context"
	"testing"

	"github.com/ckptlab/ckptlab/sim/python"
)

// BenchmarkLoadResumeCheckpoint is torch.load of p17's checkpoint: a
// Linear(2, 1)'s state_dict and the state_dict of an SGD with momentum
// after five steps, so with a momentum_buffer per parameter. Every 256
// loads start over on a fresh thread and workspace, as a run does.
func BenchmarkLoadResumeCheckpoint(b *testing.B) {
	var out bytes.Buffer
	th := python.NewThread(context.Background(), &out, &out, python.NewWorkspace(nil), python.Limits{MemoryBytes: 1 << 62})
	code := `import torch
import torch.nn as nn
import torch.optim as optim
torch.manual_seed(0)
model = nn.Linear(2, 1)
optimizer = optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
x = torch.tensor([[0.5, -1.0], [1.5, 2.0], [-0.5, 0.25]])
y = torch.tensor([[1.0], [-1.0], [0.5]])
for _ in range(5):
    optimizer.zero_grad()
    nn.functional.mse_loss(model(x), y).backward()
    optimizer.step()
torch.save({'model': model.state_dict(), 'optimizer': optimizer.state_dict()}, 'ckpt.pth')
`
	if err := th.Exec(python.NewMainModule(), code); err != nil {
		b.Fatal(err, out.String())
	}
	benchmarkLoad(b, th.Workspace().Files(), "ckpt.pth")
}
