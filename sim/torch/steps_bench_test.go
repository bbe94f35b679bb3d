package torch_test

import (
	"context"
	"testing"

	"github.com/ckptlab/ckptlab/sim"
)

// BenchmarkSteps runs each common step of a training snippet 100 times in
// one program, so that the step's own cost dominates the run's.
func BenchmarkSteps(b *testing.B) {
	const setup = "import torch\nimport torch.nn as nn\nimport torch.optim as optim\ntorch.manual_seed(0)\nm = nn.Linear(2, 1)\no = optim.SGD(m.parameters(), lr=0.1, momentum=0.9)\nx = torch.tensor([[0.5, -1.0], [1.5, 2.0], [-0.5, 0.25]])\ny = torch.tensor([[1.0], [-1.0], [0.5]])\nsd = m.state_dict()\nnn.functional.mse_loss(m(x), y).backward()\no.step()\nosd = o.state_dict()\n"
	steps := []struct{ name, loop string }{
		{"empty", "pass"},
		{"linear", "l = nn.Linear(2, 1)"},
		{"sgd", "opt = optim.SGD(m.parameters(), lr=0.1)"},
		{"fill", "for p in m.parameters():\n        p.data.fill_(1.0)"},
		{"state_dict", "c = {'model_state': m.state_dict(), 'optimizer_state': o.state_dict()}"},
		{"load_state_dict", "m.load_state_dict(sd)"},
		{"optimizer_load_state_dict", "o.load_state_dict(osd)"},
		{"train", "o.zero_grad()\n    loss = nn.functional.mse_loss(m(x), y)\n    loss.backward()\n    o.step()"},
	}
	for _, s := range steps {
		code := setup + "for _ in range(100):\n    " + s.loop + "\n"
		b.Run(s.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				res, err := sim.Run(context.Background(), sim.Request{Code: code})
				if err != nil || res.Error != nil {
					b.Fatalf("run failed: %v %+v", err, res.Error)
				}
			}
		})
	}
}
