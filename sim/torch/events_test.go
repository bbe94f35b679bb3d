package torch

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/ckptlab/ckptlab/sim/python"
)

// Observe ends the recording: what the thread does after it is not
// recorded, and the views and timeline it handed out stay as they were
// while later runs reuse the records and names it released.
func TestObserveEndsTheRecording(t *testing.T) {
	type run struct {
		th   *python.Thread
		main *python.Module
		rec  *Recorder
		out  bytes.Buffer
	}
	start := func() *run {
		r := &run{main: python.NewMainModule()}
		r.th = python.NewThread(context.Background(), &r.out, &r.out, python.NewWorkspace(nil), python.Limits{})
		r.rec = Record(r.th)
		return r
	}
	exec := func(r *run, code string) {
		t.Helper()
		if err := r.th.Exec(r.main, code); err != nil {
			t.Fatal(err, r.out.String())
		}
	}
	first := start()
	defer first.th.Close()
	exec(first, `import torch
import torch.nn as nn
model = nn.Linear(2, 1)
for p in model.parameters():
    p.data.fill_(1.0)
torch.save(model.state_dict(), 'm.pth')
model.load_state_dict(torch.load('m.pth'))
`)
	views, timeline := first.rec.Observe(first.th, first.main.Dict(), nil)
	want, err := json.Marshal(struct {
		V []View
		T []Event
	}{views, timeline})
	if err != nil {
		t.Fatal(err)
	}
	if len(timeline) != 4 {
		t.Fatalf("the timeline has %d events, want 4: %s", len(timeline), want)
	}

	exec(first, "model.weight.data.zero_()\n")
	if recorder(first.th) != nil || len(first.rec.events) != 0 {
		t.Errorf("the thread still records after Observe: %d events", len(first.rec.events))
	}
	second := start()
	defer second.th.Close()
	exec(second, `import torch
w = torch.ones(3)
opt = {'lr': 0.5, 'w': w}
for _ in range(3):
    w.mul_(2.0)
    torch.save(w, 'w.pth')
w.zero_()
`)
	if _, later := second.rec.Observe(second.th, second.main.Dict(), nil); len(later) != 7 {
		t.Errorf("the second run's timeline has %d events, want 7", len(later))
	}
	got, err := json.Marshal(struct {
		V []View
		T []Event
	}{views, timeline})
	if err != nil || !bytes.Equal(got, want) {
		t.Errorf("the first views and timeline changed after a later run:\n got %s\nwant %s", got, want)
	}
}

// A save or load event names the file and gives its size, whether the
// file is a str, a keyword argument or a path-like object.
func TestSaveAndLoadEventsGiveTheFileSize(t *testing.T) {
	var out bytes.Buffer
	main := python.NewMainModule()
	th := python.NewThread(context.Background(), &out, &out, python.NewWorkspace(nil), python.Limits{})
	defer th.Close()
	rec := Record(th)
	code := `import torch
class Path:
    def __init__(self, name):
        self.name = name
    def __fspath__(self):
        return self.name
    def __str__(self):
        return self.name
torch.save(torch.ones(3), 'a.pth')
torch.save({'w': torch.ones(2, 2)}, f='b.pth')
torch.save(torch.zeros(5), Path('c.pth'))
a = torch.load('a.pth')
b = torch.load(f='b.pth')
c = torch.load(Path('c.pth'))
`
	if err := th.Exec(main, code); err != nil {
		t.Fatal(err, out.String())
	}
	_, timeline := rec.Observe(th, main.Dict(), nil)
	want := []struct{ kind, file string }{
		{EventSave, "a.pth"}, {EventSave, "b.pth"}, {EventSave, "c.pth"},
		{EventLoad, "a.pth"}, {EventLoad, "b.pth"}, {EventLoad, "c.pth"},
	}
	if len(timeline) != len(want) {
		t.Fatalf("the timeline has %d events, want %d: %+v", len(timeline), len(want), timeline)
	}
	for i, w := range want {
		e := timeline[i]
		data, err := th.Workspace().ReadFile(w.file)
		if err != nil {
			t.Fatal(err)
		}
		if e.Kind != w.kind || e.File != w.file || e.Size != len(data) || e.Size == 0 {
			t.Errorf("event %d: %s of %q, %d bytes; want %s of %q, %d bytes", i, e.Kind, e.File, e.Size, w.kind, w.file, len(data))
		}
	}
}

// printTensor, which remembers the reprs of small tensors for all runs,
// prints what the tensor's repr prints, the first time and the next, for
// tensors that differ in each thing a repr shows, under the print options
// a program may set.
func TestPrintTensorIsTheRepr(t *testing.T) {
	var out bytes.Buffer
	main := python.NewMainModule()
	th := python.NewThread(context.Background(), &out, &out, python.NewWorkspace(nil), python.Limits{})
	defer th.Close()
	exec := func(code string) {
		t.Helper()
		if err := th.Exec(main, code); err != nil {
			t.Fatal(err, out.String())
		}
	}
	exec(`import torch
import torch.nn as nn
m = nn.Linear(2, 1)
p = nn.Parameter(torch.tensor([1.0, 2.0]), requires_grad=False)
x = torch.tensor([0.5, -1.0], requires_grad=True)
ts = [m.weight, m.bias, m.weight.data, p, nn.Parameter(torch.tensor([1.0, 2.0])), torch.tensor([1.0, 2.0]), x, torch.tensor([0.5, -1.0]), x * 2, x + x, x.sum(), torch.tensor(3.0), torch.tensor([-0.0, 0.0]),
      torch.tensor([float('nan'), float('inf'), -float('inf')]), torch.tensor([1e-8, 1e8]), torch.tensor([[1, 2], [3, 4]]),
      torch.tensor([1.0, 2.0], dtype=torch.float64), torch.tensor([1.0, 2.0], dtype=torch.float16), torch.tensor([0.1, 0.25]),
      torch.zeros(2, 3)[:, 1], torch.ones(3, 2).t(), torch.tensor([True, False]), torch.arange(9.0), torch.zeros(0),
      torch.tensor([[1.5], [2.5]]), torch.tensor([1.0, 2.0, 3.0]).reshape(1, 3, 1)]
`)
	ts, ok := main.Dict().GetStr("ts")
	if !ok {
		t.Fatal("no ts")
	}
	var a textArena
	check := func(options string) {
		t.Helper()
		for i, v := range ts.(*python.List).Items {
			x := v.(*Tensor)
			want := string(appendTensorRepr(nil, th, x))
			for range 2 { // printed, then remembered
				if got := a.printTensor(th, x); got != want {
					t.Errorf("%s: tensor %d printed %q, want %q", options, i, got, want)
				}
			}
		}
	}
	check("default options")
	for _, opts := range []string{"precision=2", "sci_mode=True", "sci_mode=False", "linewidth=10", "threshold=2, edgeitems=1", "profile='default'"} {
		exec("torch.set_printoptions(" + opts + ")\n")
		check(opts)
	}
}

// The memo of small tensors' reprs outlives the run, so it keeps only
// short texts: a program that sets a huge precision prints reprs of
// megabytes, which would otherwise stay in memory for good, up to
// maxReprMemo of them. The text printed is the repr all the same.
func TestPrintTensorRemembersOnlyShortReprs(t *testing.T) {
	var out bytes.Buffer
	main := python.NewMainModule()
	th := python.NewThread(context.Background(), &out, &out, python.NewWorkspace(nil), python.Limits{})
	defer th.Close()
	if err := th.Exec(main, "import torch\ntorch.set_printoptions(precision=100000)\nx = torch.tensor([0.1, 0.7, 1.3])\n"); err != nil {
		t.Fatal(err, out.String())
	}
	v, _ := main.Dict().GetStr("x")
	x := v.(*Tensor)
	want := string(appendTensorRepr(nil, th, x))
	if len(want) < 300000 {
		t.Fatalf("the repr is %d bytes, want a long one", len(want))
	}
	var a textArena
	for range 2 {
		if got := a.printTensor(th, x); got != want {
			t.Fatalf("printTensor printed %d bytes, want the repr's %d", len(got), len(want))
		}
	}
	var k reprKey
	if !k.set(x, &rt(th).print) {
		t.Fatal("the tensor is not one the memo keys")
	}
	if s, ok := lookUpRepr(&k, k.hash()); ok {
		t.Errorf("the memo kept a repr of %d bytes", len(s))
	}
}

// A learner's print options can make a tensor's repr megabytes long; the
// timeline keeps each value's text clipped, as the view does, so a run of
// many such events holds kilobytes, not hundreds of megabytes.
func TestTimelineValuesAreClipped(t *testing.T) {
	var out bytes.Buffer
	main := python.NewMainModule()
	th := python.NewThread(context.Background(), &out, &out, python.NewWorkspace(nil), python.Limits{})
	defer th.Close()
	rec := Record(th)
	code := "import torch\ntorch.set_printoptions(precision=100000)\nx = torch.zeros(4)\nx.fill_(1/3)\nx.fill_(2/3)\n"
	if err := th.Exec(main, code); err != nil {
		t.Fatal(err, out.String())
	}
	views, timeline := rec.Observe(th, main.Dict(), nil)
	if len(timeline) != 2 {
		t.Fatalf("%d events, want the two fills: %+v", len(timeline), timeline)
	}
	clipped := func(s string) bool {
		return len(s) <= maxReprBytes+len("\n...") && strings.HasSuffix(s, "\n...") && strings.HasPrefix(s, "tensor([0.")
	}
	for _, ev := range timeline {
		for _, v := range ev.Values {
			if !clipped(v.Repr) {
				t.Errorf("line %d: %s is %d bytes, starting %.20q", ev.Line, v.Name, len(v.Repr), v.Repr)
			}
		}
	}
	for _, vw := range views {
		if !clipped(vw.Repr) {
			t.Errorf("the view of %s is %d bytes, starting %.20q", vw.Name, len(vw.Repr), vw.Repr)
		}
	}
}

// clip cuts a long text at the start of a character.
func TestClipCutsAtACharacter(t *testing.T) {
	s := strings.Repeat("a", maxReprBytes-1) + "é" + "tail"
	got := clip(s)
	if want := strings.Repeat("a", maxReprBytes-1) + "\n..."; got != want {
		t.Errorf("clip cut to %q..., want the 'a's and \\n...", got[len(got)-8:])
	}
	if short := "tensor([1.])"; clip(short) != short {
		t.Errorf("clip changed %q", short)
	}
}
