package python

import (
	"context"
	"io"
	"path"
	"reflect"
	"strings"
	"testing"
)

// A workspace makes its tables of files and directories on first use, so
// an empty one is a single allocation; files written, renamed and listed
// later behave the same as in one given files from the start.
func TestWorkspaceStartsEmptyAndFillsOnUse(t *testing.T) {
	allocs := testing.AllocsPerRun(100, func() { workspaceSink = NewWorkspace(nil) })
	if allocs != 1 {
		t.Errorf("an empty workspace took %v allocations, want 1", allocs)
	}
	for _, w := range []*Workspace{NewWorkspace(nil), NewWorkspace(map[string][]byte{"old/x.txt": []byte("x")})} {
		if err := w.Mkdir("ckpt", false, false); err != nil {
			t.Fatal(err)
		}
		if err := w.WriteFile("ckpt/a.pth", []byte("a")); err != nil {
			t.Fatal(err)
		}
		if err := w.Rename("ckpt/a.pth", "ckpt/b.pth"); err != nil {
			t.Fatal(err)
		}
		got, err := w.List("ckpt")
		if err != nil || !reflect.DeepEqual(got, []string{"b.pth"}) {
			t.Errorf("ckpt lists %v, %v; want [b.pth]", got, err)
		}
		if data, err := w.ReadFile("ckpt/b.pth"); err != nil || string(data) != "a" {
			t.Errorf("ckpt/b.pth reads %q, %v", data, err)
		}
	}
}

var workspaceSink *Workspace

// A name that is already a workspace key is used as it is; any other is
// cleaned as path.Clean cleans it, with backslashes as separators and no
// leading slash.
func TestCleanPath(t *testing.T) {
	for _, name := range []string{
		"checkpoint.pth", "ckpt/epoch_1.pt", "a.b/c..d/.e", "...",
		"", ".", "..", "./a", "a/./b", "a//b", "a/", "/a", "//a", "a/..", "../a", "a/../b",
		"a\\b", "C:\\x.pt", "/", "a/b/", "./", ".a/..b",
	} {
		want := strings.TrimPrefix(path.Clean(strings.ReplaceAll(name, "\\", "/")), "/")
		if want == "" {
			want = "."
		}
		if got := cleanPath(name); got != want {
			t.Errorf("cleanPath(%q) = %q, want %q", name, got, want)
		}
	}
}

// TakeFiles hands over the workspace's map of files; the workspace still
// works, and what it changes after goes to a copy, so the taken map stays
// as it was.
func TestTakeFilesKeepsTheTakenMapAsItWas(t *testing.T) {
	w := NewWorkspace(map[string][]byte{"a.txt": []byte("a"), "b.txt": []byte("b")})
	taken := w.TakeFiles()
	if err := w.WriteFile("c.txt", []byte("c")); err != nil {
		t.Fatal(err)
	}
	if err := w.Remove("a.txt"); err != nil {
		t.Fatal(err)
	}
	if err := w.Rename("b.txt", "d.txt"); err != nil {
		t.Fatal(err)
	}
	want := map[string][]byte{"a.txt": []byte("a"), "b.txt": []byte("b")}
	if !reflect.DeepEqual(taken, want) {
		t.Errorf("taken files changed to %q, want %q", taken, want)
	}
	if got, want := w.SharedFiles(), map[string][]byte{"c.txt": []byte("c"), "d.txt": []byte("b")}; !reflect.DeepEqual(got, want) {
		t.Errorf("workspace files %q, want %q", got, want)
	}
}

// A Go module's value is found by its key's text, whether or not the key
// asked for is the very string it was stored under.
func TestThreadLocalsByKeyText(t *testing.T) {
	th := NewThread(context.Background(), io.Discard, io.Discard, nil, Limits{})
	defer th.Close()
	th.SetLocal("torch.runtime", 1)
	th.SetLocal("torch.recorder", 2)
	key := strings.Repeat("torch.", 1) + "runtime" // not the constant's bytes
	if got := th.Local(key); got != 1 {
		t.Errorf("Local(%q) = %v, want 1", key, got)
	}
	if got := th.Local("torch.recorder"); got != 2 {
		t.Errorf("Local(torch.recorder) = %v, want 2", got)
	}
	if got := th.Local("torch.runtimE"); got != nil {
		t.Errorf("Local(torch.runtimE) = %v, want nil", got)
	}
}
