package torch_test

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/ckptlab/ckptlab/sim"
	"github.com/ckptlab/ckptlab/sim/python"
	"github.com/ckptlab/ckptlab/sim/torch"
)

// torch.load decodes the pickles checkpoints hold straight into the
// language's values, and reads every other file through the tree
// pth.ReadBytes builds. Both ways give the same values, to their classes
// and sharing, and raise the same errors: every program here runs both
// ways, and every file it saves (with PyTorch's own checkpoints) loads
// both ways.
func TestDecodedLoadsMatchTheTree(t *testing.T) {
	programs := map[string]string{
		"shapes": `import torch
import torch.nn as nn
t = torch.arange(12.).reshape(3, 4)
p = nn.Parameter(torch.ones(2, 2))
q = nn.Parameter(torch.ones(3), requires_grad=False)
w = torch.ones(2, requires_grad=True)
torch.save({'t': t, 'view': t[1], 'tt': t.t(), 'again': t, 'p': p, 'q': q, 'w': w, 'pp': [p, p],
    'e': torch.zeros(0, 3), 's': torch.tensor(5), 'i': torch.arange(3), 'tuple': (t, (p, 1), ()), 'n': None}, 'shapes.pt')
d = torch.load('shapes.pt')
print(d['again'] is d['t'], d['pp'][0] is d['pp'][1], d['p'] is d['pp'][0], type(d['p']).__name__, d['q'].requires_grad, d['w'].requires_grad)
d['t'][0, 0] = 100
print(d['view'], d['tt'][0])
`,
		"containers": `import torch
torch.save({'l': list(range(2500)), 'd': {i: str(i) for i in range(1500)}, 'one': [0], 'two': {0: 0},
    'small': {'a': 1, 'b': 2}, 'mixed': {1: 'x', 'y': 2}, 'keys17': {str(i): i for i in range(17)},
    'numbers': [0, 255, 256, 65535, 65536, -1, 2**31 - 1, -2**31, 2**31, 2**63 - 1, -2**63, 0.1, -0.0, float('inf'), True, False, None],
    'strs': ['weight', 'x' * 300, 'héllo', '', '10'], 'nested': [[[[1]]]], 'tuples': [(), (1,), (1, 2), (1, 2, 3), (1, 2, 3, 4)]}, 'c.pt')
c = torch.load('c.pt')
print(len(c['l']), len(c['d']), c['small'], c['mixed'], len(c['keys17']), c['numbers'], c['strs'][2:], c['nested'], c['tuples'])
`,
		"model": `import torch
import torch.nn as nn
import torch.optim as optim
torch.manual_seed(0)
m = nn.Sequential(nn.Linear(2, 3), nn.BatchNorm1d(3), nn.Linear(3, 1))
opt = optim.Adam(m.parameters(), lr=0.01)
m(torch.ones(4, 2)).sum().backward()
opt.step()
torch.save({'model': m.state_dict(), 'opt': opt.state_dict(), 'epoch': 3}, 'ckpt.pt')
torch.save(m.state_dict(), 'sd.pt')
torch.save(list(m.parameters()), 'params.pt')
ck = torch.load('ckpt.pt')
print(type(ck['model']).__name__, ck['model']._metadata, ck['opt']['param_groups'])
m.load_state_dict(torch.load('sd.pt'))
opt.load_state_dict(ck['opt'])
print([p.shape for p in torch.load('params.pt')])
`,
		"memory": `import torch
torch.save({'a': torch.zeros(300000), 'b': [torch.ones(200000, dtype=torch.float64)], 'c': torch.ones(100000, dtype=torch.int8)}, 'big.pt')
keep = []
try:
    for i in range(1000):
        keep.append(torch.load('big.pt'))
except Exception as e:
    print(i, type(e).__name__, e)
`,
		"metadata": `import torch
import collections
torch.save({'_metadata': {'a': 1}}, 'a.pt')
torch.save([{'_metadata': {}}, {'_metadata': {'': {'version': 1}}, 'x': 1}, {}, {'_metadata': 1}], 'b.pt')
od = collections.OrderedDict([('w', torch.ones(1))])
torch.save({'od': od, 'nested': {'_metadata': {'v': od}}}, 'c.pt')
print(torch.load('a.pt'), torch.load('b.pt'), torch.load('c.pt'))
`,
		"deep": `import torch
import torch.nn as nn
sd = nn.Linear(1, 1).state_dict()
for make in (lambda v: [v], lambda v: (v,), lambda v: {'k': v}, lambda v: (1, v)):
    for depth in (498, 499, 500, 501, 502, 996, 997, 998, 999):
        v = sd
        for i in range(depth):
            v = make(v)
        try:
            torch.save(v, 'deep.pt')
            w = torch.load('deep.pt')
            print(depth, 'loaded')
        except Exception as e:
            print(depth, type(e).__name__, e)
`,
		"dtypes": `import torch
ts = [torch.zeros(2, dtype=d) + 1 for d in (torch.float32, torch.float64, torch.float16, torch.bfloat16, torch.int64, torch.int32, torch.int16, torch.int8, torch.uint8, torch.bool)]
torch.save(ts, 'd.pt')
print(torch.load('d.pt'))
`,
	}
	var globs []string
	for _, dir := range []string{"testdata/cases", "testdata/regressions", "testdata/properties", "../pyplot/testdata/cases", "../../../shared/fidelity/cases", "../python/testdata/cases"} {
		g, _ := filepath.Glob(filepath.Join(dir, "*.py"))
		globs = append(globs, g...)
	}
	for _, path := range globs {
		src, err := os.ReadFile(path)
		if err == nil && bytes.Contains(src, []byte("torch.save")) {
			programs[filepath.Base(path)] = string(src)
		}
	}
	files := map[string][]byte{}
	for name, code := range programs {
		decoded := run(t, code, sim.Limits{})
		restore := torch.SetDecodeLoads(false)
		tree := run(t, code, sim.Limits{})
		restore()
		if decoded.Output != tree.Output {
			t.Errorf("%s: printed\n%s\nthrough the tree\n%s", name, decoded.Output, tree.Output)
		}
		for file, data := range tree.Files {
			files[name+"/"+file] = data
		}
	}
	checkpoints, _ := filepath.Glob("../pth/testdata/torch/*.pth")
	for _, path := range checkpoints {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		files[path] = data
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	took := 0
	for _, name := range names {
		data := files[name]
		for _, kw := range [][]python.Kwarg{nil, {{Name: "weights_only", Value: python.False}}} {
			thDec, dec, decoded, decErr := torch.LoadFile(data, true, kw...)
			thTree, tree, _, treeErr := torch.LoadFile(data, false, kw...)
			if decoded && kw == nil {
				took++
			} else if kw == nil {
				t.Logf("left to the tree: %s", name)
			}
			if fmt.Sprint(decErr) != fmt.Sprint(treeErr) {
				t.Errorf("%s: raised %v, through the tree %v", name, decErr, treeErr)
				continue
			}
			if treeErr != nil {
				continue
			}
			r1, err1 := python.Repr(thDec, dec)
			r2, err2 := python.Repr(thTree, tree)
			if r1 != r2 || fmt.Sprint(err1) != fmt.Sprint(err2) {
				t.Errorf("%s: loaded\n%s\nthrough the tree\n%s", name, r1, r2)
			}
			c := &valueComparer{a2b: map[any]any{}, b2a: map[any]any{}}
			if err := c.compare(dec, tree, "v"); err != nil {
				t.Errorf("%s: %v", name, err)
			}
		}
	}
	if took < len(names)/2 {
		t.Errorf("the decoder took %d of %d files", took, len(names))
	}
	t.Logf("the decoder took %d of %d files", took, len(names))
}

// valueComparer compares two values deeply, with the identities of their
// lists, dicts, tensors and storages paired one to one.
type valueComparer struct {
	a2b, b2a map[any]any
}

// pair records that a and b are the same object of their values, and
// reports whether they were seen before.
func (c *valueComparer) pair(a, b any, path string) (seen bool, err error) {
	pa, okA := c.a2b[a]
	pb, okB := c.b2a[b]
	if okA != okB || okA && (pa != b || pb != a) {
		return false, fmt.Errorf("%s: shared differently", path)
	}
	if okA {
		return true, nil
	}
	c.a2b[a], c.b2a[b] = b, a
	return false, nil
}

func (c *valueComparer) compare(a, b python.Value, path string) error {
	if a.Type() != b.Type() {
		return fmt.Errorf("%s: a %s, through the tree a %s", path, a.Type().Name, b.Type().Name)
	}
	switch x := a.(type) {
	case *python.List:
		y := b.(*python.List)
		if seen, err := c.pair(x, y, path); seen || err != nil {
			return err
		}
		if len(x.Items) != len(y.Items) {
			return fmt.Errorf("%s: %d items, through the tree %d", path, len(x.Items), len(y.Items))
		}
		for i := range x.Items {
			if err := c.compare(x.Items[i], y.Items[i], fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
	case python.Tuple:
		y := b.(python.Tuple)
		if len(x) != len(y) {
			return fmt.Errorf("%s: %d items, through the tree %d", path, len(x), len(y))
		}
		for i := range x {
			if err := c.compare(x[i], y[i], fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
	case *python.Dict:
		y := b.(*python.Dict)
		if seen, err := c.pair(x, y, path); seen || err != nil {
			return err
		}
		kx, vx := x.Items()
		ky, vy := y.Items()
		if len(kx) != len(ky) {
			return fmt.Errorf("%s: %d items, through the tree %d", path, len(kx), len(ky))
		}
		for i := range kx {
			if err := c.compare(kx[i], ky[i], path+".key"); err != nil {
				return err
			}
			if err := c.compare(vx[i], vy[i], fmt.Sprintf("%s[%v]", path, kx[i])); err != nil {
				return err
			}
		}
		mx, my := x.Metadata(), y.Metadata()
		if (mx == nil) != (my == nil) {
			return fmt.Errorf("%s: metadata differs", path)
		}
		if mx != nil {
			return c.compare(mx, my, path+"._metadata")
		}
	case *torch.Tensor:
		y := b.(*torch.Tensor)
		if seen, err := c.pair(x, y, path); seen || err != nil {
			return err
		}
		tx, ty := x.T, y.T
		if tx.Owner != x || ty.Owner != y {
			return fmt.Errorf("%s: the tensor is not its engine tensor's owner", path)
		}
		if tx.DType() != ty.DType() || fmt.Sprint(tx.Shape(), tx.Strides(), tx.Offset(), tx.RequiresGrad(), tx.IsLeaf()) != fmt.Sprint(ty.Shape(), ty.Strides(), ty.Offset(), ty.RequiresGrad(), ty.IsLeaf()) {
			return fmt.Errorf("%s: tensors differ", path)
		}
		if seen, err := c.pair(tx.Storage(), ty.Storage(), path+".storage"); seen || err != nil {
			return err
		}
		dx, dy := tx.Storage().Data, ty.Storage().Data
		if len(dx) != len(dy) {
			return fmt.Errorf("%s: storages of %d and %d", path, len(dx), len(dy))
		}
		for i := range dx {
			if math.Float64bits(dx[i]) != math.Float64bits(dy[i]) {
				return fmt.Errorf("%s: storages differ at %d", path, i)
			}
		}
	case python.Float:
		if math.Float64bits(float64(x)) != math.Float64bits(float64(b.(python.Float))) {
			return fmt.Errorf("%s: %v, through the tree %v", path, a, b)
		}
	case python.Str, python.Int, python.Bool, python.NoneType:
		if a != b {
			return fmt.Errorf("%s: %v, through the tree %v", path, a, b)
		}
	default:
		if fmt.Sprintf("%p", a) == fmt.Sprintf("%p", b) {
			return nil
		}
		if seen, err := c.pair(a, b, path); seen || err != nil {
			return err
		}
	}
	return nil
}
