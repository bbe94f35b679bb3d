package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/ckptlab/ckptlab/lessons"
	"github.com/ckptlab/ckptlab/quiz"
)

func init() {
	commands["init"] = command{
		summary: "write the built-in course into DIR, as a starting point to edit and serve with --content",
		run:     runInit,
	}
}

const initUsage = `usage: server init DIR

Writes the built-in course into DIR: DIR/lessons (the lesson files and their
figures) and DIR/quiz (the quiz files). Edit them, then serve them with
"server --content DIR" (live reload: add --dev) and check them with
"server check DIR". DIR may exist, but must not already hold lessons/ or quiz/:
init never overwrites an instructor's files.
`

func runInit(_ context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fset := flag.NewFlagSet("init", flag.ContinueOnError)
	fset.SetOutput(io.Discard)
	if err := fset.Parse(args); errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stdout, initUsage)
		return 0
	} else if err != nil || fset.NArg() != 1 {
		fmt.Fprint(stderr, initUsage)
		return 2
	}
	dir := fset.Arg(0)
	n, err := copyEmbeddedCourse(dir)
	if err != nil {
		fmt.Fprintf(stderr, "init: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "wrote %d files to %s\nserve them: server --content %s\ncheck them: server check %s\n", n, dir, dir, dir)
	return 0
}

// copyEmbeddedCourse copies the embedded lessons and quizzes into dir and returns
// how many files it wrote.
func copyEmbeddedCourse(dir string) (int, error) {
	parts := []struct {
		name string
		fsys fs.FS
	}{
		{"lessons", lessons.Embedded()},
		{"quiz", quiz.Embedded},
	}
	for _, p := range parts {
		if _, err := os.Stat(filepath.Join(dir, p.name)); err == nil {
			return 0, fmt.Errorf("%s already exists; init writes only into a fresh directory", filepath.Join(dir, p.name))
		}
	}
	n := 0
	for _, p := range parts {
		err := fs.WalkDir(p.fsys, ".", func(name string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			dst := filepath.Join(dir, p.name, filepath.FromSlash(name))
			if d.IsDir() {
				return os.MkdirAll(dst, 0o755)
			}
			data, err := fs.ReadFile(p.fsys, name)
			if err != nil {
				return err
			}
			n++
			return os.WriteFile(dst, data, 0o644)
		})
		if err != nil {
			return n, fmt.Errorf("write %s: %w", p.name, err)
		}
	}
	return n, nil
}
