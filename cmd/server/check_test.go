package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeCourse makes a content directory from a map of relative paths to text.
func writeCourse(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const goodLesson = "---\ntitle: Good\nslug: good\norder: 1\nsummary: Fine.\nminutes: 1\n---\n\n## Start\n\n" +
	"```python run\nx = {'a': 1}\n```\n\nSee [the next lesson](broken#later).\n"

func TestCheckPassesAGoodCourse(t *testing.T) {
	dir := writeCourse(t, map[string]string{
		"lessons/01-good.md": strings.Replace(goodLesson, "(broken#later)", "(good#start)", 1),
		"quiz/01-good.md": "---\nlesson: good\ntitle: Q\n---\n\n## What prints? {#p}\ntype: output\n\n" +
			"```python\nprint(1 + 1)\n```\n\n### Hint\nAdd.\n\n### Explanation\nTwo.\n",
	})
	var out, errw bytes.Buffer
	code := runCheck(context.Background(), []string{dir}, nil, &out, &errw)
	if code != 0 {
		t.Fatalf("check exited %d on a good course:\n%s%s", code, out.String(), errw.String())
	}
	if !strings.Contains(out.String(), "1 lessons, 1 snippets, 1 quizzes checked") {
		t.Errorf("summary missing:\n%s", out.String())
	}
}

// TestCheckReportsEachProblemWithFileAndLine is the instructor's view: one
// line per problem, naming the file and the line to fix.
func TestCheckReportsEachProblemWithFileAndLine(t *testing.T) {
	broken := "---\ntitle: Broken\nslug: broken\norder: 2\nsummary: Not fine.\nminutes: 1\n---\n\n" + // lines 1-8
		"## Later\n\n" + // 9-10
		"```python run\n" + // 11
		"d = {'a': 1}\n" + // 12
		"print(d['b'])\n" + // 13: KeyError, not marked
		"```\n\n" + // 14-15
		"```python run fails\n" + // 16
		"print('fine')\n" + // 17
		"```\n\n" + // 18-19
		"Back to [the start](missing-lesson).\n" // 20
	dir := writeCourse(t, map[string]string{
		"lessons/01-good.md":    goodLesson,
		"lessons/02-broken.md":  broken,
		"lessons/03-nofront.md": "## No front matter\n",
		"quiz/01-good.md": "---\nlesson: nowhere\ntitle: Q\n---\n\n## Which? {#c}\ntype: choice\n\n" +
			"### Options\n- [ ] one\n- [ ] two\n\n### Hint\nH.\n\n### Explanation\nE.\n",
	})
	var out, errw bytes.Buffer
	code := runCheck(context.Background(), []string{dir}, nil, &out, &errw)
	if code != 1 {
		t.Errorf("check exited %d, want 1", code)
	}
	got := out.String()
	lessonsDir := filepath.Join(dir, "lessons")
	for _, want := range []string{
		filepath.Join(lessonsDir, "03-nofront.md") + ":1: want front matter first",
		filepath.Join(lessonsDir, "02-broken.md") + ":13: snippet 1 raised KeyError: 'b'",
		filepath.Join(lessonsDir, "02-broken.md") + ":16: snippet 2 is marked \"fails\" but ran without an exception",
		filepath.Join(lessonsDir, "02-broken.md") + ":20: link \"missing-lesson\" names no lesson",
		filepath.Join(dir, "quiz", "01-good.md") + ":",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("check output lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "broken#later") {
		t.Errorf("a link to an existing lesson's heading was reported:\n%s", got)
	}
}

func TestCheckTheEmbeddedCourse(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every snippet of the course")
	}
	rep, err := checkCourse(context.Background(), mustOpenContent(t, ""))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range rep.problems {
		t.Error(p)
	}
}

func mustOpenContent(t *testing.T, dir string) Content {
	t.Helper()
	c, err := openContent(dir)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestInitWritesTheCourseOnce(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "course")
	var out, errw bytes.Buffer
	if code := runInit(context.Background(), []string{dir}, nil, &out, &errw); code != 0 {
		t.Fatalf("init exited %d: %s", code, errw.String())
	}
	for _, name := range []string{"lessons/01-why-checkpoint.md", "quiz/01-why-checkpoint.md"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("init did not write %s: %v", name, err)
		}
	}
	content := mustOpenContent(t, dir)
	if content.Quiz == nil {
		t.Error("the written directory has no quiz folder")
	}
	// A second init must not overwrite the instructor's edits.
	errw.Reset()
	if code := runInit(context.Background(), []string{dir}, nil, &out, &errw); code != 1 || !strings.Contains(errw.String(), "already exists") {
		t.Errorf("second init: exit %d, %q; want 1 and a refusal", code, errw.String())
	}
}
