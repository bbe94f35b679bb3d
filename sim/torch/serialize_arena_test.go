package torch_test

import (
	"strings"
	"testing"

	"github.com/ckptlab/ckptlab/sim"
)

// What torch.load returns is the program's own: the saves and loads after
// it, which build their trees in the pooled arenas its tree was built in,
// leave it as it was.
func TestLoadedValuesOutliveTheirArena(t *testing.T) {
	code := `import torch
import torch.nn as nn
torch.manual_seed(0)
m = nn.Linear(3, 2)
opt = torch.optim.Adam(m.parameters())
m(torch.ones(1, 3)).sum().backward()
opt.step()
torch.save({'m': m.state_dict(), 'o': opt.state_dict(), 't': (1, 'a', [2.5], b'x')}, 'a.pth')
a = torch.load('a.pth')
print(a, a['m']._metadata)
print("--")
for i in range(5):
    torch.save({'x': torch.zeros(i + 1), 'l': [i] * i, 'd': {'k': (i, str(i))}}, 'b.pth')
    b = torch.load('b.pth')
print(a, a['m']._metadata)
`
	res := run(t, code, sim.Limits{})
	if res.Error != nil {
		t.Fatalf("%+v\n%s", res.Error, res.Output)
	}
	before, after, ok := strings.Cut(res.Output, "--\n")
	if !ok || before != after {
		t.Errorf("the first load changed after later ones:\n%s", res.Output)
	}
}

// safetensors' save_file converts tensors with torch.save's converter but
// without torch.save's pooled arena; it saves and loads as before.
func TestSafetensorsSaveWithoutPooledArena(t *testing.T) {
	code := `import torch
from safetensors.torch import save_file, load_file
torch.manual_seed(0)
w = torch.rand(2, 3)
save_file({'w': w, 'b': torch.zeros(3)}, 'm.safetensors')
torch.save({'w': w}, 'm.pth')
back = load_file('m.safetensors')
print(sorted(back), torch.equal(back['w'], w), torch.equal(torch.load('m.pth')['w'], w))
`
	res := run(t, code, sim.Limits{})
	if res.Error != nil {
		t.Fatalf("%+v\n%s", res.Error, res.Output)
	}
	if want := "['b', 'w'] True True\n"; res.Output != want {
		t.Errorf("output %q, want %q", res.Output, want)
	}
}

// A list or tensor saved in two places loads as one object in both, and
// equal lists saved apart load as two (the expected text is the oracle's).
func TestLoadKeepsSharedObjectsShared(t *testing.T) {
	code := `import torch
a = [1, 2]
t = torch.ones(2)
torch.save({'x': a, 'y': a, 'z': [a], 's': t, 'u': t, 'v': {'w': t}}, 'shared.pt')
d = torch.load('shared.pt')
print(d['x'] is d['y'], d['z'][0] is d['x'], d['s'] is d['u'], d['v']['w'] is d['s'])
d['x'].append(3)
print(d['y'], d['z'])
torch.save({'p': [1, 2], 'q': [1, 2]}, 'plain.pt')
e = torch.load('plain.pt')
print(e['p'] is e['q'], e)
`
	want := "True True True True\n[1, 2, 3] [[1, 2, 3]]\nFalse {'p': [1, 2], 'q': [1, 2]}\n"
	if got := run(t, code, sim.Limits{}).Output; got != want {
		t.Errorf("printed\n%s\nwant\n%s", got, want)
	}
}
