package torch_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/ckptlab/ckptlab/sim"
	"github.com/ckptlab/ckptlab/sim/torch"
)

// torch.save pickles the values checkpoints hold straight from the
// language's values, and every other value through the tree the saver
// converts it into. Both ways write the same files, and raise the same
// errors: each program here runs both ways.
func TestEncodedSavesMatchTheTree(t *testing.T) {
	programs := map[string]string{
		"shared": `import torch
a = [1, 2]
t = torch.ones(2, 3)
torch.save({'x': a, 'y': a, 'z': [a, (a,)], 's': t, 'u': t, 'v': {'w': t}, 'view': t[1], 'tt': t.t()}, 'shared.pt')
`,
		"containers": `import torch
l = [1]
l.append(l)
d = {'k': 1}
d['self'] = d
torch.save({'l': l, 'd': d, 't': [(), (1,), (1, 2), (1, 2, 3), (1, 2, 3, 4), (1, (2, (3,)))],
    1: 'one', 2.5: 'float', True: 'bool', None: 'none', -7: [], 'empty': {}}, 'c.pt')
`,
		"batches": `import torch
torch.save({'l': list(range(2500)), 'd': {i: str(i) for i in range(1500)}, 'one': [0], 'two': {0: 0}}, 'b.pt')
`,
		"numbers": `import torch
torch.save([0, 255, 256, 65535, 65536, -1, 2**31 - 1, -2**31, 2**31, 2**63 - 1, -2**63, 0.1, -0.0, float('inf'), 1e300, True, False, None], 'n.pt')
torch.save(2**80, 'big.pt')
`,
		"strs": `import torch
torch.save(['weight', 'weight', 'bias', 'x' * 300, 'héllo', '', 'storage', 'cpu', '0', '0'], 's.pt')
`,
		"model": `import torch
import torch.nn as nn
import torch.optim as optim
torch.manual_seed(0)
m = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))
opt = optim.Adam(m.parameters(), lr=0.01)
m(torch.ones(4, 2)).sum().backward()
opt.step()
torch.save({'model': m.state_dict(), 'opt': opt.state_dict(), 'epoch': 3}, 'ckpt.pt')
torch.save(m.state_dict(), 'sd.pt')
torch.save(m, 'whole.pt')
torch.save({'m': m, 'sd': m.state_dict()}, 'mixed.pt')
torch.save(list(m.parameters()), 'params.pt')
`,
		"dtypes": `import torch
ts = [torch.zeros(2, dtype=d) + 1 for d in (torch.float32, torch.float64, torch.float16, torch.bfloat16, torch.int64, torch.int32, torch.int16, torch.int8, torch.uint8, torch.bool)]
w = torch.ones(3, requires_grad=True)
torch.save({'ts': ts, 'w': w, 'p': torch.nn.Parameter(torch.ones(2)), 'e': torch.zeros(0, 3), 's': torch.tensor(5.0)}, 'd.pt')
`,
		"others": `import torch
import collections
torch.save({'size': torch.Size([2, 3]), 'dtype': torch.float16, 'device': torch.device('cpu'), 'b': b'ab'}, 'o.pt')
class Counter(dict):
    pass
class D(dict):
    pass
class OD(collections.OrderedDict):
    pass
torch.save({'c': Counter(a=1), 'd': D(b=2), 'od': OD([('e', 3)])}, 'subclasses.pt')
torch.save(collections.OrderedDict([('a', 1)]), 'od.pt')
`,
		"errors": `import torch
for v in [{torch.ones(1): 1}, {(1, 2): 1}, {'f': print}, {'s': {1, 2}}, [1, print, torch.ones(1)]]:
    try:
        torch.save(v, 'e.pt')
        print('saved', sorted(torch.load('e.pt').keys(), key=str))
    except Exception as e:
        print(type(e).__name__, e)
deep = []
for i in range(1100):
    deep = [deep]
try:
    torch.save(deep, 'deep.pt')
except Exception as e:
    print(type(e).__name__, e)
import torch.nn as nn
sd = nn.Linear(1, 1).state_dict()
for inner in (torch.ones(1), nn.Parameter(torch.ones(1)), sd, [sd], 'x'):
    for depth in (996, 997, 998, 999, 1000):
        v = inner
        for i in range(depth):
            v = [v]
        try:
            torch.save(v, 'deep.pt')
            print(depth, 'saved')
        except Exception as e:
            print(depth, type(e).__name__, e)
for path in ('missing/dir/x.pt', 'dir/', '.'):
    try:
        torch.save([1], path)
    except Exception as e:
        print(type(e).__name__, e)
`,
	}
	cases, _ := filepath.Glob("../../../shared/fidelity/cases/*.py")
	for _, path := range cases {
		src, err := os.ReadFile(path)
		if err == nil && bytes.Contains(src, []byte("torch.save")) {
			programs[filepath.Base(path)] = string(src)
		}
	}
	for name, code := range programs {
		encoded := run(t, code, sim.Limits{})
		restore := torch.SetEncodeSaves(false)
		tree := run(t, code, sim.Limits{})
		restore()
		if encoded.Output != tree.Output {
			t.Errorf("%s: printed\n%s\nthrough the tree\n%s", name, encoded.Output, tree.Output)
		}
		if len(encoded.Files) != len(tree.Files) || len(tree.Files) == 0 {
			t.Errorf("%s: saved %d files, through the tree %d", name, len(encoded.Files), len(tree.Files))
		}
		for file, data := range tree.Files {
			if !bytes.Equal(encoded.Files[file], data) {
				t.Errorf("%s: %s differs from the tree's", name, file)
			}
		}
	}
}
