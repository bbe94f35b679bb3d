package quiz

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

var (
	update = flag.Bool("update", false, "record testdata/keys from the real PyTorch oracle (/usr/bin/python3)")
	oracle = flag.Bool("oracle", false, "check testdata/keys against the real PyTorch oracle (/usr/bin/python3)")
)

// TestEmbeddedParse checks the format of every quiz the course ships.
func TestEmbeddedParse(t *testing.T) {
	names, err := fs.Glob(Embedded, "*.md")
	if err != nil || len(names) == 0 {
		t.Fatalf("no embedded quizzes: %v", err)
	}
	for _, name := range names {
		src, err := fs.ReadFile(Embedded, name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Parse(name, src); err != nil {
			t.Errorf("%v", err)
		}
	}
}

func keyFile(q *Quiz, qu *Question) string {
	return filepath.Join("testdata", "keys", q.ID, qu.ID+".txt")
}

// TestEmbeddedKeysOracle runs every code question of the course in real
// PyTorch: the quiz must load there too (its options and its line and
// output expectations hold for PyTorch itself), and the keys PyTorch
// computes are the ones recorded under testdata/keys, which the simulator's
// keys are compared with. -update records them.
func TestEmbeddedKeysOracle(t *testing.T) {
	if !*update && !*oracle {
		t.Skip("runs real PyTorch, which takes a while: go test ./quiz -run Oracle -oracle")
	}
	if err := exec.Command(oraclePython, "-c", "import torch").Run(); err != nil {
		t.Skipf("no PyTorch oracle at %s: %v", oraclePython, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	set, err := Load(ctx, Embedded, oracleRunner{})
	if err != nil {
		t.Fatalf("the course's quizzes do not hold for real PyTorch:\n%v", err)
	}
	for _, q := range set.Quizzes {
		for _, qu := range q.Questions {
			if !qu.Type.runsCode() {
				continue
			}
			path, got := keyFile(q, qu), KeyText(qu)
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Errorf("%v (run go test ./quiz -run Oracle -update)", err)
				continue
			}
			if got != string(want) {
				t.Errorf("%s: real PyTorch now computes\n%s\nthe recorded key is\n%s\n(re-record with -update)", path, got, want)
			}
		}
	}
}

const oraclePython = "/usr/bin/python3"

// oracleRunner runs a program in real CPython and PyTorch, the way
// /work/shared/fidelity/torchref.py does: as main.py in a fresh directory.
type oracleRunner struct{}

var (
	frameLine = regexp.MustCompile(`(?m)^  File "(?:[^"]*/)?main.py", line (\d+)`)
)

func (oracleRunner) Run(ctx context.Context, p Program) (Outcome, error) {
	dir, err := os.MkdirTemp("", "quiz-oracle")
	if err != nil {
		return Outcome{}, err
	}
	defer os.RemoveAll(dir)
	for name, data := range p.Files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return Outcome{}, err
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "main.py"), []byte(p.Code), 0o644); err != nil {
		return Outcome{}, err
	}
	cmd := exec.CommandContext(ctx, oraclePython, "-W", "ignore", "main.py")
	cmd.Dir = dir
	cmd.Env = []string{"PATH=/usr/bin:/bin", "OMP_NUM_THREADS=1", "PYTHONHASHSEED=0"}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	out := Outcome{Output: stdout.String(), Files: map[string][]byte{}}
	if runErr != nil {
		trace := strings.TrimRight(stderr.String(), "\n")
		if !strings.HasPrefix(trace, "Traceback") {
			return Outcome{}, fmt.Errorf("python: %v: %s", runErr, trace)
		}
		typ, msg, _ := strings.Cut(exceptionText(trace), ": ")
		out.Error = &RunError{Type: typ, Message: msg}
		if frames := frameLine.FindAllStringSubmatch(trace, -1); len(frames) > 0 {
			out.Error.Line, _ = strconv.Atoi(frames[len(frames)-1][1])
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return Outcome{}, err
	}
	for _, e := range entries {
		if e.Name() == "main.py" || e.IsDir() {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return Outcome{}, err
		}
		out.Files[e.Name()] = data
	}
	maps.DeleteFunc(out.Files, func(name string, _ []byte) bool { return strings.HasPrefix(name, "__pycache__") })
	return out, nil
}

// exceptionText is what a traceback says after its frames: "Type: message",
// where the message may run over several lines.
func exceptionText(trace string) string {
	last := trace[strings.LastIndex(trace, "Traceback (most recent call last):\n"):]
	lines := strings.Split(last, "\n")[1:]
	for i, l := range lines {
		if !strings.HasPrefix(l, " ") {
			return strings.Join(lines[i:], "\n")
		}
	}
	return ""
}
