package torch

import (
	"fmt"
	"testing"

	"github.com/ckptlab/ckptlab/sim/python"
)

// unpackValues binds what python.UnpackArgs binds, and fails with its
// errors, for calls it takes itself and calls it leaves to UnpackArgs.
func TestUnpackValuesIsUnpackArgs(t *testing.T) {
	spec := newArgSpec("f", "a", "b?", "c?", "*", "d?", "e?")
	one, two, three := python.Int(1), python.Int(2), python.Int(3)
	kw := func(name string, v python.Value) python.Kwarg { return python.Kwarg{Name: name, Value: v} }
	calls := []python.Args{
		{Pos: []python.Value{one}},
		{Pos: []python.Value{one, two, three}},
		{Pos: []python.Value{one}, Kw: []python.Kwarg{kw("d", two), kw("b", three)}},
		{Kw: []python.Kwarg{kw("a", one), kw("e", two)}},
		{Pos: []python.Value{one, two, three, one}},                                // too many positional arguments
		{Pos: []python.Value{one}, Kw: []python.Kwarg{kw("a", two)}},               // a given twice
		{Pos: []python.Value{one}, Kw: []python.Kwarg{kw("x", two)}},               // unknown keyword
		{Kw: []python.Kwarg{kw("b", two)}},                                         // a missing
		{Pos: []python.Value{one}, Kw: []python.Kwarg{kw("d", one), kw("d", two)}}, // d twice
		{},
	}
	for _, args := range calls {
		defaults := func() []python.Value {
			return []python.Value{nil, python.None, python.False, python.Float(0.5), python.Str("x")}
		}
		got := defaults()
		gotErr := unpackValues(args, spec, got)
		want := defaults()
		wantErr := python.UnpackArgs("f", args, "a", &want[0], "b?", &want[1], "c?", &want[2], "*", "d?", &want[3], "e?", &want[4])
		if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
			t.Errorf("%v: error %v, UnpackArgs %v", args, gotErr, wantErr)
			continue
		}
		if wantErr == nil && fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%v: bound %v, UnpackArgs %v", args, got, want)
		}
	}
}
