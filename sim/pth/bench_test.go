package pth

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// bigStateDict is 10 float32 tensors of 10 million elements: 100M elements,
// 400 MB, the checkpoint testdata/bench_torch.py times in real PyTorch.
func bigStateDict() *Dict {
	sd := NewDict(OrderedDict)
	for i := 0; i < 10; i++ {
		data := make([]byte, 40_000_000)
		for j := 0; j < len(data); j += 4096 {
			data[j] = byte(i + j)
		}
		sd.Set(Str(fmt.Sprintf("layer%d.weight", i)), &Tensor{
			Storage: &Storage{DType: Float32, Location: "cpu", Data: data},
			Shape:   []int64{10_000_000}, Strides: []int64{1},
		})
	}
	return sd
}

func writeFile(b *testing.B, path string, v Value) {
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := Write(f, ArchiveName(path), v); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkSave100M is torch.save of 100M float32 elements to a file.
func BenchmarkSave100M(b *testing.B) {
	sd := bigStateDict()
	path := filepath.Join(b.TempDir(), "big.pth")
	b.SetBytes(400_000_000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		writeFile(b, path, sd)
	}
}

// BenchmarkLoad100M is torch.load of the same file.
func BenchmarkLoad100M(b *testing.B) {
	path := filepath.Join(b.TempDir(), "big.pth")
	writeFile(b, path, bigStateDict())
	b.SetBytes(400_000_000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		st, _ := f.Stat()
		if _, err := Read(f, st.Size(), DefaultReadOptions()); err != nil {
			b.Fatal(err)
		}
		f.Close()
	}
}

// BenchmarkEntries1GB lists a 1 GB checkpoint (64 tensors of 16 MB). The
// goal is under 50 ms and 20 MB: only the zip directory and data.pkl are read.
func BenchmarkEntries1GB(b *testing.B) {
	chunk := make([]byte, 16<<20)
	sd := NewDict(OrderedDict)
	for i := 0; i < 64; i++ {
		sd.Set(Str(fmt.Sprintf("blocks.%d.weight", i)), &Tensor{
			Storage: &Storage{DType: Float32, Location: "cpu", Data: chunk},
			Shape:   []int64{2048, 2048}, Strides: []int64{2048, 1},
		})
	}
	path := filepath.Join(b.TempDir(), "1gb.pth")
	writeFile(b, path, sd)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		st, _ := f.Stat()
		entries, err := Entries(f, st.Size())
		if err != nil || len(entries) != 64 {
			b.Fatal(err, len(entries))
		}
		f.Close()
	}
}

// linearCheckpoint is what the fill/save/zero/load snippet saves: an
// nn.Linear(2, 1)'s state_dict and its SGD optimizer's state_dict.
func linearCheckpoint() *Dict {
	sd := dict(OrderedDict,
		Str("weight"), &Tensor{Storage: &Storage{DType: Float32, Location: "cpu", Data: f32s(1, 1)}, Shape: []int64{1, 2}, Strides: []int64{2, 1}},
		Str("bias"), &Tensor{Storage: &Storage{DType: Float32, Location: "cpu", Data: f32s(1)}, Shape: []int64{1}, Strides: []int64{1}},
	)
	sd.Attrs = dict(PlainDict, Str("_metadata"), dict(OrderedDict, Str(""), dict(PlainDict, Str("version"), Int(1))))
	group := dict(PlainDict,
		Str("lr"), Float(0.1), Str("momentum"), Int(0), Str("dampening"), Int(0),
		Str("weight_decay"), Int(0), Str("nesterov"), Bool(false), Str("maximize"), Bool(false),
		Str("foreach"), None{}, Str("differentiable"), Bool(false), Str("fused"), None{},
		Str("params"), &List{Items: []Value{Int(0), Int(1)}},
	)
	opt := dict(PlainDict, Str("state"), NewDict(PlainDict), Str("param_groups"), &List{Items: []Value{group}})
	return dict(PlainDict, Str("model_state"), sd, Str("optimizer_state"), opt)
}

// BenchmarkAppendSmall is torch.save of a small checkpoint to memory, as
// the simulator saves one: most of its cost is per opcode and per record.
func BenchmarkAppendSmall(b *testing.B) {
	v := linearCheckpoint()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := Append(nil, "checkpoint", v); err != nil {
			b.Fatal(err)
		}
	}
}
