package torch

import (
	"bytes"
	"context"

	"github.com/ckptlab/ckptlab/sim/pth"
	"github.com/ckptlab/ckptlab/sim/python"
)

// DecodeAgain decodes each of files in turn with one decoder, as the
// pooled decoder of a run loading them one after the other would, each on
// a fresh thread. For each it returns the value (nil when the decoder
// gave it up or failed), the thread, and whether the decoder replayed
// its decoding of the file before.
func DecodeAgain(files ...[]byte) (vs []python.Value, ths []*python.Thread, replayed []bool) {
	d := new(decoder)
	for _, data := range files {
		var out bytes.Buffer
		th := python.NewThread(context.Background(), &out, &out, python.NewWorkspace(nil), python.Limits{MemoryBytes: 1 << 62})
		var v python.Value
		d.replay = false
		if o, err := pth.OpenBytes(data, pth.DefaultReadOptions()); err == nil {
			var ok bool
			v, ok, err = d.decode(th, o)
			if !ok || err != nil {
				v = nil
			}
			o.Close()
		}
		vs, ths, replayed = append(vs, v), append(ths, th), append(replayed, d.replay)
	}
	return vs, ths, replayed
}
