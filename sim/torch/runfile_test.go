package torch_test

import (
	"flag"
	"fmt"
	"os"
	"testing"

	"github.com/ckptlab/ckptlab/sim"
)

var runFile = flag.String("file", "", "a Python file for TestRunFile to run through the simulator")

// TestRunFile runs one program and prints what the simulator prints, for
// comparing with the oracle while working on a case:
//
//	go test ./sim/torch -run TestRunFile -file /tmp/main.py
func TestRunFile(t *testing.T) {
	if *runFile == "" {
		t.Skip("no -file given")
	}
	src, err := os.ReadFile(*runFile)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Print(run(t, string(src), sim.Limits{}).Output)
}
