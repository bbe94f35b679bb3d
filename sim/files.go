package sim

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/ckptlab/ckptlab/sim/pth"
)

// A CheckpointEntry is one value inside a torch.save file, as the files view
// lists it: where it sits in the saved object and what it is.
type CheckpointEntry struct {
	Path       string  // ["model_state"]["weight"]
	Type       string  // "torch.FloatTensor", "int", "dict", ...
	DType      string  // "torch.float32" for tensors, else ""
	Shape      []int64 // tensors only
	Value      string  // the repr of a plain value (numbers, strings), else ""
	SharedWith string  // the path of an earlier tensor using the same storage
}

// ListCheckpoint lists what a torch.save file holds without reading its
// tensor data, so the files view can show a large checkpoint cheaply. It
// fails with PyTorch's own message for a file torch.load would refuse.
func ListCheckpoint(data []byte) ([]CheckpointEntry, error) {
	entries, err := pth.Entries(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("list checkpoint: %w", err)
	}
	out := make([]CheckpointEntry, 0, len(entries))
	for _, e := range entries {
		c := CheckpointEntry{Path: e.Path, Type: e.Type, SharedWith: e.SharedWith}
		if e.Type == "torch.Tensor" || e.Type == "torch.nn.parameter.Parameter" {
			c.DType = e.DType.String()
			c.Shape = e.Shape
			if c.Shape == nil {
				c.Shape = []int64{}
			}
		} else {
			c.Value = e.Repr
		}
		out = append(out, c)
	}
	return out, nil
}

// ListFile lists a workspace file for the files view: a torch.save file
// (.pth, .pt, .ckpt) through ListCheckpoint, a .safetensors file through
// its header. ok is false for other names, which the view shows by size.
func ListFile(name string, data []byte) (entries []CheckpointEntry, ok bool, err error) {
	switch {
	case strings.HasSuffix(name, ".safetensors"):
		h, err := pth.ReadSafetensorsHeader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return nil, true, fmt.Errorf("list safetensors: %w", err)
		}
		for _, t := range h.Tensors {
			shape := t.Shape
			if shape == nil {
				shape = []int64{}
			}
			entries = append(entries, CheckpointEntry{Path: t.Name, Type: "torch.Tensor", DType: t.DType.String(), Shape: shape})
		}
		return entries, true, nil
	case strings.HasSuffix(name, ".pth") || strings.HasSuffix(name, ".pt") || strings.HasSuffix(name, ".ckpt"):
		entries, err := ListCheckpoint(data)
		return entries, true, err
	}
	return nil, false, nil
}
