package pth_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"os"

	"github.com/ckptlab/ckptlab/sim/pth"
)

// A state dict of nn.Linear(2, 1): an OrderedDict of tensors with the
// _metadata attribute load_state_dict reads. Written, read back, and listed.
func Example() {
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
	meta := pth.NewDict(pth.OrderedDict)
	version := pth.NewDict(pth.PlainDict)
	version.Set(pth.Str("version"), pth.Int(1))
	meta.Set(pth.Str(""), version)
	sd.Attrs = pth.NewDict(pth.PlainDict)
	sd.Attrs.Set(pth.Str("_metadata"), meta)

	// torch.save(model.state_dict(), "linear.pth")
	var file bytes.Buffer
	if err := pth.Write(&file, pth.ArchiveName("linear.pth"), sd); err != nil {
		fmt.Println(err)
		return
	}

	// torch.load("linear.pth")  (weights_only=True, PyTorch 2.6's default)
	v, err := pth.Read(bytes.NewReader(file.Bytes()), int64(file.Len()), pth.DefaultReadOptions())
	if err != nil {
		class, msg := pth.PythonException(err)
		fmt.Printf("%s: %s\n", class, msg)
		return
	}
	loaded := v.(*pth.Dict)
	w, _ := loaded.Get(pth.Str("weight"))
	fmt.Println(loaded.Len(), w.(*pth.Tensor).Shape, w.(*pth.Tensor).DType(), loaded.Metadata().Len())

	// an inspector's view: no tensor data read
	entries, _ := pth.Entries(bytes.NewReader(file.Bytes()), int64(file.Len()))
	for _, e := range entries {
		fmt.Println(e.Path, e.Type, e.DType, e.Shape, e.Record, e.StorageBytes)
	}
	// Output:
	// 2 [1 2] torch.float32 1
	// ['weight'] torch.Tensor torch.float32 [1 2] data/0 8
	// ['bias'] torch.Tensor torch.float32 [1] data/1 4
}

// A whole module saved with torch.save(model) names its class; PyTorch 2.6
// refuses it by default, and the error says which global.
func ExampleRead_weightsOnly() {
	f, err := os.Open("testdata/torch/whole_net.pth")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer f.Close()
	st, _ := f.Stat()
	_, err = pth.Read(f, st.Size(), pth.DefaultReadOptions())
	var ue *pth.UnpicklingError
	if errors.As(err, &ue) {
		fmt.Println("refused", ue.Global)
	}
	// With weights_only=False the module comes back as an *Object whose
	// class the caller rebuilds only if it knows it; nothing is executed.
	v, _ := pth.Read(f, st.Size(), pth.ReadOptions{WeightsOnly: false})
	fmt.Println(v.(*pth.Object).Class)
	// Output:
	// refused __main__.Net
	// __main__.Net
}
