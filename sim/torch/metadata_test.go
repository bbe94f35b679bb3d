package torch

import (
	"bytes"
	"context"
	goruntime "runtime"
	"testing"
	"weak"

	"github.com/ckptlab/ckptlab/sim/python"
)

// A state dict's _metadata lives with the dict: a program that loads
// checkpoints in a loop keeps only the one it still holds, not every
// _metadata it ever loaded.
func TestStateDictMetadataGoesWithItsDict(t *testing.T) {
	var out bytes.Buffer
	th := python.NewThread(context.Background(), &out, &out, python.NewWorkspace(nil), python.Limits{})
	defer th.Close()
	m := python.NewMainModule()
	exec := func(code string) {
		t.Helper()
		if err := th.Exec(m, code); err != nil {
			t.Fatal(err, out.String())
		}
	}
	exec(`import torch
import torch.nn as nn
torch.save(nn.Linear(2, 1).state_dict(), 'm.pth')
sd = torch.load('m.pth')
print(sd._metadata)
`)
	if got, want := out.String(), "OrderedDict({'': {'version': 1}})\n"; got != want {
		t.Fatalf("sd._metadata printed %q, want %q", got, want)
	}
	sd, _ := m.Get("sd")
	meta, err := python.GetAttr(th, sd, "_metadata")
	if err != nil {
		t.Fatal(err)
	}
	first := weak.Make(meta.(*python.Dict))
	sd, meta = nil, nil

	exec(`for _ in range(3):
    sd = torch.load('m.pth')
    sd = model = nn.Linear(2, 1)
    sd = model.state_dict()
`)
	goruntime.GC()
	if first.Value() != nil {
		t.Error("the run still holds the _metadata of a state dict it dropped")
	}
}
