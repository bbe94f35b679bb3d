package torch_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"math/rand"
	"strings"
	"testing"

	"github.com/ckptlab/ckptlab/sim"
	"github.com/ckptlab/ckptlab/sim/python"
	"github.com/ckptlab/ckptlab/sim/torch"
)

// A checkpoint whose pickle is damaged loads, or fails, the same with the
// decoder as through the tree alone: the decoder gives up on anything it
// does not know, and the tree raises the errors. Each case here is a
// checkpoint torch.save wrote with a few bytes of its pickle changed.
func TestDamagedPicklesLoadAsThroughTheTree(t *testing.T) {
	res := run(t, `import torch
import torch.nn as nn
import torch.optim as optim
m = nn.Sequential(nn.Linear(2, 2), nn.BatchNorm1d(2))
opt = optim.Adam(m.parameters())
torch.save({'model': m.state_dict(), 'opt': opt.state_dict(), 'l': [1, 2.5, 'x', (3, None, True)], 'p': nn.Parameter(torch.ones(2))}, 'ck.pt')
`, sim.Limits{})
	file := res.Files["ck.pt"]
	pkl, rewrite := pickleOf(t, file)
	rnd := rand.New(rand.NewSource(1))
	n := 3000
	if testing.Short() {
		n = 300
	}
	loaded, decoded := 0, 0
	for i := 0; i < n; i++ {
		p := append([]byte(nil), pkl...)
		for j := rnd.Intn(3); j >= 0; j-- {
			switch rnd.Intn(3) {
			case 0:
				p[rnd.Intn(len(p))] = byte(rnd.Intn(256))
			case 1:
				k := rnd.Intn(len(p))
				p = append(p[:k], p[k+1:]...)
			default:
				k := rnd.Intn(len(p))
				const ops = "(}])NK\x88qh.tusaeRbc"
				p = append(p[:k], append([]byte{ops[rnd.Intn(len(ops))]}, p[k:]...)...)
			}
		}
		data := rewrite(p)
		for _, kw := range [][]python.Kwarg{nil, {{Name: "weights_only", Value: python.False}}} {
			thDec, dec, took, decErr := torch.LoadFile(data, true, kw...)
			thTree, tree, _, treeErr := torch.LoadFile(data, false, kw...)
			if fmt.Sprint(decErr) != fmt.Sprint(treeErr) {
				t.Fatalf("case %d: raised %v, through the tree %v", i, decErr, treeErr)
			}
			if treeErr != nil {
				continue
			}
			loaded++
			if took {
				decoded++
			}
			r1, _ := python.Repr(thDec, dec)
			r2, _ := python.Repr(thTree, tree)
			if r1 != r2 {
				t.Fatalf("case %d: loaded\n%s\nthrough the tree\n%s", i, r1, r2)
			}
			c := &valueComparer{a2b: map[any]any{}, b2a: map[any]any{}}
			if err := c.compare(dec, tree, "v"); err != nil {
				t.Fatalf("case %d: %v", i, err)
			}
		}
	}
	t.Logf("%d of %d loads succeeded, %d of them decoded", loaded, 2*n, decoded)
	if decoded == 0 {
		t.Error("the decoder took none of the damaged pickles")
	}
}

// pickleOf returns the pickle of a checkpoint, and a function that
// writes the checkpoint again with another pickle.
func pickleOf(t *testing.T, file []byte) ([]byte, func([]byte) []byte) {
	zr, err := zip.NewReader(bytes.NewReader(file), int64(len(file)))
	if err != nil {
		t.Fatal(err)
	}
	var pkl []byte
	records := map[string][]byte{}
	var names []string
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		records[f.Name] = b
		names = append(names, f.Name)
		if strings.HasSuffix(f.Name, "/data.pkl") {
			pkl = b
		}
	}
	return pkl, func(p []byte) []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for _, name := range names {
			b := records[name]
			if strings.HasSuffix(name, "/data.pkl") {
				b = p
			}
			w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store})
			if err != nil {
				t.Fatal(err)
			}
			w.Write(b)
		}
		zw.Close()
		return buf.Bytes()
	}
}
