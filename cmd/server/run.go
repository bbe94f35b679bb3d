package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/ckptlab/ckptlab/sim"
	"github.com/ckptlab/ckptlab/sim/python"
)

func init() {
	commands["run"] = command{
		summary: "run FILE.py through the simulator, like python3 FILE.py",
		run:     runCommand,
	}
}

// runCommand runs one file through the simulator: the program's output on
// stdout, an uncaught exception's traceback on stderr, exit status 1 after
// an uncaught exception. With --dir the workspace is that directory: files
// in it can be loaded and files the program saves are written back.
func runCommand(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fset := flag.NewFlagSet("run", flag.ContinueOnError)
	fset.SetOutput(stderr)
	dir := fset.String("dir", "", "a real directory to use as the program's workspace")
	fset.Usage = func() {
		fmt.Fprintln(stderr, "usage: server run [--dir DIR] FILE.py\n\nRuns FILE.py through the simulator as main.py.")
		fset.PrintDefaults()
	}
	if err := fset.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	if fset.NArg() != 1 {
		fset.Usage()
		return 2
	}
	src, err := os.ReadFile(fset.Arg(0))
	if err != nil {
		fmt.Fprintf(stderr, "server run: %v\n", err)
		return 2
	}
	files := map[string][]byte{}
	if *dir != "" {
		files, err = readDir(*dir)
		if err != nil {
			fmt.Fprintf(stderr, "server run: %v\n", err)
			return 2
		}
	}
	ws := python.NewWorkspace(files)
	t := python.NewThread(ctx, stdout, stderr, ws, python.Limits{})
	sim.Prepare(t)
	runErr := t.Exec(python.NewMainModule(), string(src))
	t.Close()
	code := 0
	if runErr != nil {
		if c, msg, ok := python.ExitCode(runErr); ok {
			io.WriteString(stderr, msg)
			code = c
		} else {
			io.WriteString(stderr, python.FormatError(t, runErr))
			code = 1
		}
	}
	if *dir != "" {
		if err := writeDir(*dir, files, ws.Files()); err != nil {
			fmt.Fprintf(stderr, "server run: %v\n", err)
			return 1
		}
	}
	return code
}

func readDir(dir string) (map[string][]byte, error) {
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files[filepath.ToSlash(rel)] = data
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read workspace %s: %w", dir, err)
	}
	return files, nil
}

// writeDir writes back new and changed files and removes deleted ones.
func writeDir(dir string, before, after map[string][]byte) error {
	for name, data := range after {
		if old, ok := before[name]; ok && string(old) == string(data) {
			continue
		}
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return fmt.Errorf("write workspace: %w", err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return fmt.Errorf("write workspace: %w", err)
		}
	}
	for name := range before {
		if _, ok := after[name]; !ok {
			if err := os.Remove(filepath.Join(dir, filepath.FromSlash(name))); err != nil && !os.IsNotExist(err) {
				return fmt.Errorf("write workspace: %w", err)
			}
		}
	}
	return nil
}
