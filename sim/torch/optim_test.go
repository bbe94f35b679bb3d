package torch

import (
	"testing"
	"unsafe"
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
