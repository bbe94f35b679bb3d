package python

import (
	"bytes"
	"context"
	"testing"
)

// A kit's thread runs in the kit's workspace and module; released, the
// kit comes back empty: the next run sees none of the last one's files or
// globals, and the parts' own Release leave them to the kit.
func TestKitReleasedStartsFresh(t *testing.T) {
	src := "import os\nprint(sorted(os.listdir('.')), [g for g in globals() if not g.startswith('__') and g != 'os'])\nx = 1\nopen('b.txt', 'w').write('more')\n"
	for i := 0; i < 3; i++ {
		k := NewKit(map[string][]byte{"a.txt": []byte("hi")})
		var out bytes.Buffer
		th := k.NewThread(context.Background(), &out, &out, Limits{})
		if err := th.Exec(k.Main(), src); err != nil {
			t.Fatal(FormatError(th, err))
		}
		if want := "['a.txt'] []\n"; out.String() != want {
			t.Errorf("run %d printed %q, want %q", i, out.String(), want)
		}
		if th.Workspace() != k.Workspace() {
			t.Errorf("run %d: the thread's workspace is not the kit's", i)
		}
		th.Release()
		k.Workspace().Release()
		k.Release()
	}
}

// releasedLocal counts the times its workspace was released.
type releasedLocal struct{ n int }

func (r *releasedLocal) ReleaseLocal() { r.n++ }

// A workspace's locals that are LocalReleasers hear of its release, once,
// whether the workspace is a kit's or its own.
func TestReleaseTellsLocals(t *testing.T) {
	own, kept := &releasedLocal{}, &releasedLocal{}
	ws := NewWorkspace(nil)
	ws.SetLocal("own", own)
	ws.SetLocal("plain", Int(1))
	ws.Release()
	k := NewKit(nil)
	k.Workspace().SetLocal("kept", kept)
	k.Workspace().Release() // left to the kit
	if kept.n != 0 {
		t.Errorf("the kit's workspace told its local before the kit's release")
	}
	k.Release()
	if own.n != 1 || kept.n != 1 {
		t.Errorf("released %d and %d times, want once each", own.n, kept.n)
	}
}
