package sim

import (
	"context"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/ckptlab/ckptlab/sim/python"
)

// founding is the course's first question: fill, save, zero, load.
const founding = `import torch
import torch.nn as nn
import torch.optim as optim
model = nn.Linear(2, 1)
optimizer = optim.SGD(model.parameters(), lr=0.1)
for param in model.parameters():
    param.data.fill_(1.0)
checkpoint = {'model_state': model.state_dict(), 'optimizer_state': optimizer.state_dict()}
torch.save(checkpoint, 'checkpoint.pth')
for param in model.parameters():
    param.data.fill_(0.0)
loaded = torch.load('checkpoint.pth')
model.load_state_dict(loaded['model_state'])
print(model.weight)
`

// TestTimeline: the checkpoint-relevant events of a block, in order, with
// their lines; loops fold into one event; history adds nothing.
func TestTimeline(t *testing.T) {
	tests := []struct {
		name    string
		history []string
		code    string
		want    []string // "line kind: text"
	}{
		{
			name: "the founding question reads fill, save, zero, load",
			code: founding,
			want: []string{
				"7 inplace: model.weight, model.bias filled with 1.0",
				"9 save: saved to checkpoint.pth",
				"11 inplace: model.weight, model.bias filled with 0.0",
				"12 load: loaded checkpoint.pth",
				"13 load_state_dict: model.load_state_dict: 2 keys loaded; changed: weight, bias",
			},
		},
		{
			name:    "history is silent; a training loop folds into one event",
			history: []string{"import torch\ntorch.manual_seed(0)\nmodel = torch.nn.Linear(2, 1)\nopt = torch.optim.SGD(model.parameters(), lr=0.1)\nmodel.weight.data.zero_()"},
			code:    "for i in range(3):\n    opt.zero_grad()\n    model(torch.ones(1, 2)).sum().backward()\n    opt.step()\n",
			want:    []string{"4 step: opt.step() updated model.weight, model.bias (3 times)"},
		},
		{
			name: "two steps on a layer of two parameters are two steps, and each optimizer in a loop steps once",
			code: "import torch\nmodel = torch.nn.Linear(2, 1)\nopt = torch.optim.SGD(model.parameters(), lr=0.1)\nopt2 = torch.optim.SGD(model.parameters(), lr=0.1)\nfor i in range(2):\n    opt.step()\nfor o in [opt, opt2]:\n    o.step()\nfor i in range(2):\n    model.load_state_dict(model.state_dict())\n",
			want: []string{
				"6 step: opt.step() updated model.weight, model.bias (2 times)",
				"8 step: opt.step(), opt2.step() updated model.weight, model.bias",
				"10 load_state_dict: model.load_state_dict: 2 keys loaded, no value changed (2 times)",
			},
		},
		{
			name: "a parameter group added to a training loop joins its folded step",
			code: "import torch\nmodel = torch.nn.Linear(2, 1)\nopt = torch.optim.SGD(model.parameters(), lr=0.1)\nfor i in range(4):\n    if i == 1:\n        opt.add_param_group({'params': [torch.zeros(2, requires_grad=True)]})\n    opt.zero_grad()\n    model(torch.ones(1, 2)).sum().backward()\n    opt.step()\nw = opt.param_groups[1]['params'][0]\n",
			want: []string{"9 step: opt.step() updated model.weight, model.bias, w (4 times)"},
		},
		{
			name: "a folded event reads as its last call: -0.0 is not 0.0, a tensor argument is its shape",
			code: "import torch\nw = torch.zeros(2)\nfor v in [1.0, 0.0, -0.0]:\n    w.fill_(v)\nfor v in [2, 3, torch.ones(2)]:\n    w.add_(v)\nfor v in [torch.ones(2), 3, 3]:\n    w.mul_(v, )\n",
			want: []string{
				"4 inplace: w filled with -0.0 (3 times)",
				"6 inplace: w changed in place: add_(tensor of shape (2,)) (3 times)",
				"8 inplace: w changed in place: mul_(3) (3 times)",
			},
		},
		{
			name: "temporaries are not checkpoint state; the error ends the timeline",
			code: "import torch\ntorch.zeros(2).add_(1)\nw = torch.zeros(2)\nw.zero_()\n{}['optimizer']",
			want: []string{"4 inplace: w zeroed", "5 error: KeyError: 'optimizer'"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Run(context.Background(), Request{Code: tt.code, History: tt.history})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range res.Timeline {
				got = append(got, strings.Join([]string{itoa(e.Line), " ", e.Kind, ": ", e.Text}, ""))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("timeline:\n%s\nwant:\n%s\n(output %q)", strings.Join(got, "\n"), strings.Join(tt.want, "\n"), res.Output)
			}
		})
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestTimelineValues: each event carries the values at that point, printed
// by the simulator, so selecting it shows the weights then.
func TestTimelineValues(t *testing.T) {
	res, err := Run(context.Background(), Request{Code: founding})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Timeline) != 5 {
		t.Fatalf("%d events", len(res.Timeline))
	}
	weight := func(i int) string {
		for _, v := range res.Timeline[i].Values {
			if v.Name == "model.weight" {
				return v.Repr
			}
		}
		return "(none)"
	}
	filled, zeroed, loaded := weight(0), weight(2), weight(4)
	if !strings.Contains(filled, "[[1., 1.]]") || !strings.Contains(zeroed, "[[0., 0.]]") || !strings.Contains(loaded, "[[1., 1.]]") {
		t.Errorf("model.weight after fill %q, zero %q, load %q", filled, zeroed, loaded)
	}
	// The last value is what the program printed.
	if !strings.HasPrefix(res.Output, loaded) {
		t.Errorf("model.weight after load_state_dict %q, printed %q", loaded, res.Output)
	}
	if res.Timeline[1].Size != len(res.Files["checkpoint.pth"]) || !strings.HasPrefix(res.Timeline[1].Holds, "dict with keys 'model_state' (OrderedDict of 2 tensors)") {
		t.Errorf("save event: size %d, holds %q", res.Timeline[1].Size, res.Timeline[1].Holds)
	}
}

// TestStateView: the program's torch objects by name, printed as PyTorch
// prints them.
func TestStateView(t *testing.T) {
	code := founding + "optimizer.zero_grad()\nmodel(torch.ones(1, 2)).sum().backward()\noptimizer2 = optim.SGD(model.parameters(), lr=0.5, momentum=0.9)\noptimizer2.step()\nn = 3\n"
	res, err := Run(context.Background(), Request{Code: code})
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]Object{}
	var names []string
	for _, o := range res.State {
		byName[o.Name] = o
		names = append(names, o.Name+":"+o.Kind)
	}
	if got, want := strings.Join(names, " "), "model:module optimizer:optimizer param:tensor checkpoint:dict loaded:dict optimizer2:optimizer"; got != want {
		t.Errorf("state view names %q, want %q", got, want)
	}
	m := byName["model"]
	if len(m.Entries) != 2 || m.Entries[0].Name != "weight" || m.Entries[0].Shape != "(1, 2)" || m.Entries[0].DType != "torch.float32" {
		t.Errorf("model entries %+v", m.Entries)
	}
	o := byName["optimizer2"]
	if len(o.Groups) != 1 || o.Groups[0].Hyper[0].Name != "lr" || o.Groups[0].Hyper[0].Repr != "0.5" || strings.Join(o.Groups[0].Params, ",") != "model.weight,model.bias" {
		t.Errorf("optimizer2 groups %+v", o.Groups)
	}
	if len(o.State) != 2 || o.State[0].Name != "model.weight 'momentum_buffer'" || o.State[0].Shape != "(1, 2)" {
		t.Errorf("optimizer2 state %+v", o.State)
	}
	c := byName["checkpoint"]
	if len(c.Entries) != 2 || c.Entries[0].Name != "'model_state'" || c.Entries[0].Repr != "OrderedDict of 2 tensors" {
		t.Errorf("checkpoint entries %+v", c.Entries)
	}
}

// A bug while describing the state costs the view, not the run, and says
// what happened so the server can log it.
func TestViewFailureIsReported(t *testing.T) {
	th := python.NewThread(context.Background(), io.Discard, io.Discard, nil, python.Limits{})
	obs := observe(th).finish(nil, nil) // no module: describing it panics
	if obs.State != nil || obs.Timeline != nil {
		t.Errorf("a failed view kept parts: %+v", obs)
	}
	if !strings.Contains(obs.ViewFailure, "describing the program's state: runtime error") || !strings.Contains(obs.ViewFailure, "goroutine") {
		t.Errorf("ViewFailure = %q, want the panic and its stack", obs.ViewFailure)
	}
}

// BenchmarkObserve times what finish adds to a run of the founding
// question: naming the globals, the state view and the timeline.
func BenchmarkObserve(b *testing.B) {
	s := NewSession(nil, Limits{})
	t := python.NewThread(context.Background(), io.Discard, io.Discard, s.ws, s.limits)
	Prepare(t)
	o := observe(t)
	if err := t.Exec(s.main, founding); err != nil {
		b.Fatal(err)
	}
	t.Close()
	for b.Loop() {
		if obs := o.finish(s.main, nil); obs.ViewFailure != "" || len(obs.State) == 0 {
			b.Fatalf("no state view: %s", obs.ViewFailure)
		}
	}
}
