package torch_test

import (
	"testing"

	"github.com/ckptlab/ckptlab/sim"
)

// Loaded dicts share templates of their keys across runs; keys with a NUL
// in them, which the templates' lookup could confuse with two keys, and a
// loaded dict changed afterwards, print as PyTorch prints them (the
// expected text is the oracle's).
func TestLoadedDictKeys(t *testing.T) {
	code := `import torch
torch.save([{"a\x00b": 1}, {"a": 1, "b": 2}, {"a": 3, "b": 4}, {"a\x00b": 5}], "d.pt")
print(torch.load("d.pt"))
d = torch.load("d.pt")[1]
d["c"] = 5
del d["a"]
print(d, torch.load("d.pt")[2])
`
	want := "[{'a\\x00b': 1}, {'a': 1, 'b': 2}, {'a': 3, 'b': 4}, {'a\\x00b': 5}]\n{'b': 2, 'c': 5} {'a': 3, 'b': 4}\n"
	for i := 0; i < 2; i++ { // the second run finds the first's templates
		if got := run(t, code, sim.Limits{}).Output; got != want {
			t.Fatalf("run %d printed\n%s\nwant\n%s", i+1, got, want)
		}
	}
}

// A param group's keys find their template by their names' lengths and
// bytes, so a key holding a NUL is not taken for two keys of another
// group's template (the expected text is the oracle's).
func TestParamGroupKeysWithNUL(t *testing.T) {
	code := `import torch
m = torch.nn.Linear(2, 1)
opt1 = torch.optim.SGD(m.parameters(), lr=0.1)
opt1.param_groups[0]['x'] = 1
opt1.param_groups[0]['y'] = 2
opt2 = torch.optim.SGD(m.parameters(), lr=0.1)
opt2.param_groups[0]['x\x00y'] = 3
g1 = opt1.state_dict()['param_groups'][0]
g2 = opt2.state_dict()['param_groups'][0]
print(g1['x'], g1['y'], g2['x\x00y'], 'x' in g2, 'y' in g2)
`
	if got, want := run(t, code, sim.Limits{}).Output, "1 2 3 False False\n"; got != want {
		t.Errorf("printed %q, want %q", got, want)
	}
}
