package torch

import (
	"reflect"
	"testing"

	"github.com/ckptlab/ckptlab/sim/python"
)

// The decoder makes its dicts as zero Dicts in chunks, which is what
// python.NewDict makes: were NewDict to set something up, the decoder's
// dicts would lack it.
func TestDecodedDictsAreNewDicts(t *testing.T) {
	d := new(decoder)
	for i := range 2*dictsPerChunk + 1 {
		if got, want := d.newDict(), python.NewDict(); !reflect.DeepEqual(got, want) {
			t.Fatalf("dict %d is %#v, python.NewDict() %#v", i, got, want)
		}
	}
	od, want := d.newOD(), python.NewDict()
	want.Class = python.OrderedDictClass
	if !reflect.DeepEqual(od, want) {
		t.Errorf("an OrderedDict is %#v, want %#v", od, want)
	}
}
