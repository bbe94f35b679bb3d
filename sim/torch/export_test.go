package torch

import (
	"bytes"
	"context"

	"github.com/ckptlab/ckptlab/sim/pth"
	"github.com/ckptlab/ckptlab/sim/python"
)

// SetEncodeSaves turns torch.save's encoder on or off (see encodeSaves)
// and returns a function that restores the setting.
func SetEncodeSaves(on bool) (restore func()) {
	was := encodeSaves
	encodeSaves = on
	return func() { encodeSaves = was }
}

// SetDecodeLoads turns torch.load's decoder on or off (see decodeLoads)
// and returns a function that restores the setting.
func SetDecodeLoads(on bool) (restore func()) {
	was := decodeLoads
	decodeLoads = on
	return func() { decodeLoads = was }
}

// LoadFile is torch.load(f, **kw) of a workspace holding data as f, on a
// fresh thread, with the decoder on or off; decoded says whether the
// decoder took the file (rather than leaving it to the tree).
func LoadFile(data []byte, decode bool, kw ...python.Kwarg) (th *python.Thread, v python.Value, decoded bool, err error) {
	defer SetDecodeLoads(decode)()
	var out bytes.Buffer
	th = python.NewThread(context.Background(), &out, &out, python.NewWorkspace(map[string][]byte{"f": data}), python.Limits{MemoryBytes: 1 << 62})
	if decode {
		opts := pth.DefaultReadOptions()
		if o, err := pth.OpenBytes(data, opts); err == nil {
			// on a thread of its own: decoding makes tensors
			probe := python.NewThread(context.Background(), &out, &out, python.NewWorkspace(nil), python.Limits{MemoryBytes: 1 << 62})
			_, decoded, _ = decodeFile(probe, o)
			o.Close()
		}
	}
	v, _, err = torchLoad(th, python.Args{Pos: []python.Value{python.Str("f")}, Kw: kw})
	return th, v, decoded, err
}
