package lessons

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

// FuzzLoad feeds arbitrary lesson files to Load: it must never panic, a file
// either loads or has errors, and every error points at a line of the file.
//
//	go test ./lessons -run XXX -fuzz FuzzLoad -fuzztime 15s
func FuzzLoad(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*/*.md")
	for _, p := range seeds {
		if src, err := os.ReadFile(p); err == nil {
			f.Add(src)
		}
	}
	f.Add([]byte("---\n---\n"))
	f.Add([]byte("---\ntitle: x\n"))
	f.Add([]byte("---\r\ntitle: a\r\nslug: a\r\norder: 1\r\nsummary: s\r\nminutes: 1\r\n---\r\n```python run\r\nx\r\n```\r\n"))
	svg := []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>`)
	f.Fuzz(func(t *testing.T, src []byte) {
		fsys := fstest.MapFS{"a.md": {Data: src}, "img/boxes.svg": {Data: svg}}
		c, err := Load(fsys, "f")
		if err != nil {
			t.Fatalf("Load: %v", err)
		}
		if (len(c.Lessons) == 1) == (len(c.Errors) > 0) {
			t.Fatalf("%d lessons and %d errors for one file", len(c.Lessons), len(c.Errors))
		}
		lines := bytes.Count(src, []byte("\n")) + 1
		for _, e := range c.Errors {
			if e.Line < 1 || e.Line > lines || e.Path != "f/a.md" {
				t.Errorf("error %v points outside the file's %d lines", e, lines)
			}
		}
		for _, l := range c.Lessons {
			for i, b := range l.Blocks {
				if b.Index != i || b.Line < 1 || b.Line > lines {
					t.Errorf("block %d: %+v", i, b)
				}
			}
		}
	})
}
