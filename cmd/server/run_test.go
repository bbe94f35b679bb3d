package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestRunCommand(t *testing.T) {
	dir := t.TempDir()
	ok := writeFile(t, dir, "ok.py", "print('hello')\n")
	bad := writeFile(t, dir, "bad.py", "print('before')\nstate = {}\nstate['optimizer']\n")
	syntax := writeFile(t, dir, "syntax.py", "def f(:\n")
	exit3 := writeFile(t, dir, "exit3.py", "import sys\nsys.exit(3)\n")
	tests := []struct {
		name      string
		args      []string
		code      int
		stdout    string
		stderrHas string
	}{
		{"a program that finishes", []string{ok}, 0, "hello\n", ""},
		{"an uncaught exception", []string{bad}, 1, "before\n",
			"Traceback (most recent call last):\n  File \"main.py\", line 3, in <module>\n    state['optimizer']\n    ~~~~~^^^^^^^^^^^^^\nKeyError: 'optimizer'\n"},
		{"a syntax error", []string{syntax}, 1, "", "SyntaxError: invalid syntax"},
		{"sys.exit(3)", []string{exit3}, 3, "", ""},
		{"no file", []string{}, 2, "", "usage: server run"},
		{"a missing file", []string{filepath.Join(dir, "nope.py")}, 2, "", "no such file"},
		{"--help", []string{"--help"}, 0, "", "usage: server run"},
		{"an unknown flag", []string{"--bogus", ok}, 2, "", "flag provided but not defined"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := dispatch(context.Background(), append([]string{"run"}, tc.args...), strings.NewReader(""), &stdout, &stderr)
			if code != tc.code {
				t.Errorf("exit status %d, want %d (stderr %q)", code, tc.code, stderr.String())
			}
			if stdout.String() != tc.stdout {
				t.Errorf("stdout %q, want %q", stdout.String(), tc.stdout)
			}
			if !strings.Contains(stderr.String(), tc.stderrHas) {
				t.Errorf("stderr %q does not contain %q", stderr.String(), tc.stderrHas)
			}
		})
	}
}

// TestRunCommandDir: with --dir the program reads and writes that directory.
func TestRunCommandDir(t *testing.T) {
	ws := t.TempDir()
	writeFile(t, ws, "in.txt", "42")
	if err := os.Mkdir(filepath.Join(ws, "old"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(ws, "old"), "stale.txt", "x")
	prog := writeFile(t, t.TempDir(), "prog.py", `import os
n = int(open("in.txt").read())
os.makedirs("ckpt", exist_ok=True)
with open("ckpt/out.txt", "w") as f:
    f.write(str(n + 1))
os.remove("old/stale.txt")
print(sorted(os.listdir(".")))
`)
	var stdout, stderr bytes.Buffer
	code := dispatch(context.Background(), []string{"run", "--dir", ws, prog}, strings.NewReader(""), &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if got, want := stdout.String(), "['ckpt', 'in.txt', 'old']\n"; got != want {
		t.Errorf("stdout %q, want %q", got, want)
	}
	data, err := os.ReadFile(filepath.Join(ws, "ckpt", "out.txt"))
	if err != nil || string(data) != "43" {
		t.Errorf("ckpt/out.txt = %q, %v; want 43", data, err)
	}
	if _, err := os.Stat(filepath.Join(ws, "old", "stale.txt")); !os.IsNotExist(err) {
		t.Errorf("old/stale.txt was not removed: %v", err)
	}
}
