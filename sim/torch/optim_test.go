package torch

import (
	"math/rand/v2"
	"slices"
	"testing"
	"unsafe"

	"github.com/ckptlab/ckptlab/sim/python"
)

// An optimizer, with its defaults, state and first param group in its own
// allocation and the slots its steps read, fits the 480-byte size class.
func TestOptimizerSizeClass(t *testing.T) {
	if n := unsafe.Sizeof(Optimizer{}); n > 480 {
		t.Errorf("an Optimizer takes %d bytes, want at most 480", n)
	}
}

// The slots a step tries first are where its kind's param groups hold
// those keys.
func TestGroupSlotsMatchTemplates(t *testing.T) {
	for _, k := range []*optimizerKeys{sgdKeys, adamKeys, adamWKeys} {
		d := k.group.dict
		for name, slot := range map[string]int16{"lr": k.at.lr, "weight_decay": k.at.weightDecay, "maximize": k.at.maximize} {
			hint := int(slot)
			if _, ok := d.GetStrAt(name, &hint); !ok || hint != int(slot) {
				t.Errorf("%s is at slot %d, not %d", name, hint, slot)
			}
		}
	}
}

// bindArgs binds what UnpackArgs binds, and declines every call that
// UnpackArgs refuses: random calls of SGD's parameters, with positional
// arguments, keywords known, unknown and repeated.
func TestBindArgsMatchesUnpackArgs(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	names := sgdParams[:]
	for trial := range 20000 {
		var args python.Args
		for i := range rng.IntN(8) {
			args.Pos = append(args.Pos, python.Int(100+i))
		}
		for i := range rng.IntN(4) {
			name := names[rng.IntN(len(names))]
			if rng.IntN(8) == 0 {
				name = "momentun"
			}
			args.Kw = append(args.Kw, python.Kwarg{Name: name, Value: python.Int(200 + i)})
		}
		defaults := func() []python.Value {
			return []python.Value{nil, python.Float(1e-3), python.Int(0), python.Int(0), python.Int(0), python.False, python.False, python.None, python.False, python.None}
		}
		want := defaults()
		var pairs []any
		for i, n := range names {
			if i == 6 {
				pairs = append(pairs, "*")
			}
			if i > 0 {
				n += "?"
			}
			pairs = append(pairs, n, &want[i])
		}
		wantErr := python.UnpackArgs("SGD.__init__", args, pairs...)
		got := defaults()
		ok := bindArgs(args, names, 6, got)
		switch {
		case ok && wantErr != nil:
			t.Fatalf("trial %d %+v: bound, UnpackArgs refuses: %v", trial, args, wantErr)
		case !ok && wantErr == nil:
			t.Fatalf("trial %d %+v: declined, UnpackArgs binds", trial, args)
		case !ok && !slices.Equal(got, defaults()):
			t.Fatalf("trial %d %+v: declined, but changed the values to %v", trial, args, got)
		case ok && !slices.Equal(got, want):
			t.Fatalf("trial %d %+v: bound %v, UnpackArgs %v", trial, args, got, want)
		}
	}
}
