package torch_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/ckptlab/ckptlab/sim"
	"github.com/ckptlab/ckptlab/sim/python"
	"github.com/ckptlab/ckptlab/sim/torch"
)

// A decoder given the pickle it decoded last replays the calls it made
// then (the dicts taking the keys templates they took) and loads what it
// loaded then, and what the tree loads; a file with the same pickle but a
// damaged storage is still given up, and another pickle is decoded
// afresh.
func TestReplayedDecodesMatchTheTree(t *testing.T) {
	res := run(t, `import torch
import torch.nn as nn
import torch.optim as optim
model = nn.Linear(2, 1)
optimizer = optim.SGD(model.parameters(), lr=0.1)
torch.save({'model_state': model.state_dict(), 'optimizer_state': optimizer.state_dict()}, 'a.pt')
opt = optim.Adam(model.parameters())
model(torch.ones(3, 2)).sum().backward()
opt.step()
torch.save({'model': model.state_dict(), 'opt': opt.state_dict(), 'epoch': 3}, 'b.pt')
torch.save({'héllo': [1, 'x' * 20, 2.5], 'keys': {'u': 1, 'v': (2, 'w')}, 'n': {3: 'three'}, 't': torch.ones(2)}, 'c.pt')
t = torch.arange(12.).reshape(3, 4)
p = nn.Parameter(torch.ones(2, 2))
torch.save({'t': t, 'view': t[1], 'tt': t.t(), 'again': t, 'p': p, 'pp': [p, p], 'tuple': (t, (p, 1), ()), 'n': None}, 'd.pt')
torch.save({'_metadata': {'a': [1.5, 1.5]}}, 'e.pt')
`, sim.Limits{})
	a, b, c, d, e := res.Files["a.pt"], res.Files["b.pt"], res.Files["c.pt"], res.Files["d.pt"], res.Files["e.pt"]
	damaged := bytes.Clone(a)
	zr, err := zip.NewReader(bytes.NewReader(a), int64(len(a)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, "/data/0") {
			off, err := f.DataOffset()
			if err != nil {
				t.Fatal(err)
			}
			damaged[off] ^= 0xff
		}
	}
	for _, seq := range []struct {
		name     string
		files    [][]byte
		replayed []bool
	}{
		{"a three times", [][]byte{a, a, a}, []bool{false, true, true}},
		{"a, b, a, a", [][]byte{a, b, a, a}, []bool{false, false, false, true}},
		{"a, a damaged, a", [][]byte{a, damaged, a}, []bool{false, true, true}},
		{"c, c, b, b", [][]byte{c, c, b, b}, []bool{false, true, false, true}},
		{"d, d, e, e, e", [][]byte{d, d, e, e, e}, []bool{false, true, false, true, true}},
	} {
		vs, ths, replayed := torch.DecodeAgain(seq.files...)
		for i, data := range seq.files {
			if replayed[i] != seq.replayed[i] {
				t.Errorf("%s: file %d replayed %v, want %v", seq.name, i, replayed[i], seq.replayed[i])
			}
			thTree, tree, _, treeErr := torch.LoadFile(data, false)
			if treeErr != nil || vs[i] == nil {
				if treeErr == nil || vs[i] != nil {
					t.Errorf("%s: file %d decoded to %v, through the tree %v (%v)", seq.name, i, vs[i], tree, treeErr)
				}
				continue
			}
			r1, err1 := python.Repr(ths[i], vs[i])
			r2, err2 := python.Repr(thTree, tree)
			if r1 != r2 || fmt.Sprint(err1) != fmt.Sprint(err2) {
				t.Errorf("%s: file %d loaded\n%s\nthrough the tree\n%s", seq.name, i, r1, r2)
			}
			cmp := &valueComparer{a2b: map[any]any{}, b2a: map[any]any{}}
			if err := cmp.compare(vs[i], tree, "v"); err != nil {
				t.Errorf("%s: file %d: %v", seq.name, i, err)
			}
		}
	}
}
