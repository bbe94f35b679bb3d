package lessons

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/render")

// TestRender renders each testdata/render/*.md and compares the lesson's
// metadata, table of contents, blocks and HTML with NAME.golden. Run
// `go test ./lessons -update` after an intended change and read the diff.
func TestRender(t *testing.T) {
	course, err := Load(os.DirFS("testdata/render"), "testdata/render")
	if err != nil {
		t.Fatal(err)
	}
	if err := course.Err(); err != nil {
		t.Fatalf("load errors:\n%v", err)
	}
	if len(course.Lessons) == 0 {
		t.Fatal("no lessons in testdata/render")
	}
	for _, l := range course.Lessons {
		t.Run(l.Slug, func(t *testing.T) {
			got := dump(l)
			golden := strings.TrimSuffix(l.Path, ".md") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from the rendering; run with -update and read the diff.\ngot:\n%s", golden, got)
			}
		})
	}
}

// dump writes out everything Load derives from a lesson, for golden files.
func dump(l *Lesson) string {
	var b strings.Builder
	fmt.Fprintf(&b, "path: %s\nslug: %s\ntitle: %s\norder: %d\nsummary: %s\nminutes: %d\n",
		l.Path, l.Slug, l.Title, l.Order, l.Summary, l.Minutes)
	b.WriteString("toc:\n")
	for _, h := range l.TOC {
		fmt.Fprintf(&b, "  h%d #%s %q\n", h.Level, h.ID, h.Text)
	}
	b.WriteString("blocks:\n")
	for _, bl := range l.Blocks {
		fmt.Fprintf(&b, "  %d line=%d fails=%t info=%q source=%q\n", bl.Index, bl.Line, bl.Fails, bl.Info, bl.Source)
	}
	b.WriteString("html:\n")
	b.WriteString(string(l.HTML))
	return b.String()
}

// TestBrokenLessons loads a folder where every file but one is broken: each
// problem is reported with its file and line, and the good lesson still loads.
func TestBrokenLessons(t *testing.T) {
	course, err := Load(os.DirFS("testdata/broken"), "broken")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range course.Errors {
		got = append(got, e.Error())
	}
	want := []string{
		`broken/bad-order.md:4: front matter: order: want a whole number from 1, got "two"`,
		`broken/dup-slug.md:3: slug "good" is already used by broken/a-good.md`,
		`broken/empty-block.md:11: the python run block is empty`,
		`broken/h1.md:9: use ## for sections: the page shows the title from the front matter as its only # heading`,
		`broken/missing-image.md:11: image "img/missing.svg": no such file in the lesson folder`,
		`broken/no-front-matter.md:1: want front matter first: a "---" line, title, slug, order, summary, minutes as "key: value" lines, and another "---" line`,
		`broken/unclosed.md:1: front matter is never closed: want a "---" line after it`,
		`broken/unknown-key.md:1: front matter: missing "minutes"`,
		`broken/unknown-key.md:6: front matter: unknown key "tags"; the keys are [title slug order summary minutes]`,
		`broken/yaml-syntax.md:5: front matter: yaml: did not find expected ',' or ']'`,
		`broken/yaml-tab.md:5: front matter: yaml: mapping values are not allowed in this context`,
	}
	if g, w := strings.Join(got, "\n"), strings.Join(want, "\n"); g != w {
		t.Errorf("errors:\n%s\nwant:\n%s", g, w)
	}

	if len(course.Lessons) != 1 || course.Lessons[0].Slug != "good" {
		t.Fatalf("lessons = %v, want only the good one", course.Lessons)
	}
	if l, ok := course.Lesson("good"); !ok || !strings.Contains(string(l.HTML), `class="runnable"`) {
		t.Errorf("the good lesson did not render (found: %t)", ok)
	}
	if err := course.Err(); err == nil || !strings.Contains(err.Error(), "broken/h1.md:9:") {
		t.Errorf("Err() = %v, want the joined errors", err)
	}
}

func TestLoadMissingFolder(t *testing.T) {
	if _, err := Load(os.DirFS("testdata/no-such-folder"), "testdata/no-such-folder"); err == nil {
		t.Error("Load of a missing folder: want an error")
	}
}

// TestEmbeddedCourse checks the lessons built into the binary: they load
// without errors, in order, with unique slugs, each with runnable blocks.
func TestEmbeddedCourse(t *testing.T) {
	course, err := Load(Embedded(), "lessons")
	if err != nil {
		t.Fatal(err)
	}
	if err := course.Err(); err != nil {
		t.Fatalf("the embedded course has errors:\n%v", err)
	}
	if len(course.Lessons) == 0 {
		t.Fatal("the embedded course has no lessons")
	}
	for i, l := range course.Lessons {
		if i > 0 && l.Order <= course.Lessons[i-1].Order {
			t.Errorf("lessons out of order at %s", l.Path)
		}
		if len(l.Blocks) == 0 {
			t.Errorf("%s has no python run blocks", l.Path)
		}
		prev, next := course.Neighbours(l)
		if (i == 0) != (prev == nil) || (i == len(course.Lessons)-1) != (next == nil) {
			t.Errorf("Neighbours(%s) = %v, %v", l.Slug, prev, next)
		}
	}
}
