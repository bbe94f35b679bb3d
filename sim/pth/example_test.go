package pth_test

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"

	"github.com/ckptlab/ckptlab/sim/pth"
)

// A state dict of one nn.Linear(2, 1) is an OrderedDict of Parameters... as
// saved through model.state_dict() they are plain tensors; torch.save(model)
// would keep them as Parameters.
func ExampleWrite() {
	weight := make([]byte, 8)
	binary.LittleEndian.PutUint32(weight[0:], math.Float32bits(0.5))
	binary.LittleEndian.PutUint32(weight[4:], math.Float32bits(-0.25))
	sd := pth.NewDict(pth.OrderedDict)
	sd.Set(pth.Str("weight"), &pth.Tensor{
		Storage: &pth.Storage{DType: pth.Float32, Location: "cpu", Data: weight},
		Shape:   []int64{1, 2}, Strides: []int64{2, 1},
	})
	sd.Set(pth.Str("bias"), &pth.Tensor{
		Storage: &pth.Storage{DType: pth.Float32, Location: "cpu", Data: make([]byte, 4)},
		Shape:   []int64{1}, Strides: []int64{1},
	})

	var buf bytes.Buffer
	if err := pth.Write(&buf, pth.ArchiveName("linear.pth"), sd); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(buf.Len()%64 == 0 || buf.Len() > 0)
	// Output: true
}
