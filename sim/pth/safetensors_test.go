package pth

import (
	"bytes"
	"encoding/binary"
	"errors"
	"reflect"
	"strings"
	"testing"
)

// The byte vectors below are the expected outputs of the safetensors crate's
// own tests (safetensors/src/tensor.rs: test_serialization, test_empty,
// test_serialization_forced_alignement), i.e. what the real library writes.
func TestSafetensorsMatchesCrate(t *testing.T) {
	attn := func(shape ...int64) *Tensor {
		return &Tensor{Storage: &Storage{DType: Float32, Location: "cpu", Data: f32s(0, 1, 2, 3, 4, 5)},
			Shape: shape, Strides: ContiguousStrides(shape)}
	}
	tests := []struct {
		name     string
		tensors  *Dict
		metadata map[string]string
		want     []byte
	}{
		{"test_serialization", dict(PlainDict, Str("attn.0"), attn(1, 2, 3)), nil, []byte{
			64, 0, 0, 0, 0, 0, 0, 0, 123, 34, 97, 116, 116, 110, 46, 48, 34, 58, 123, 34, 100,
			116, 121, 112, 101, 34, 58, 34, 70, 51, 50, 34, 44, 34, 115, 104, 97, 112, 101, 34,
			58, 91, 49, 44, 50, 44, 51, 93, 44, 34, 100, 97, 116, 97, 95, 111, 102, 102, 115,
			101, 116, 115, 34, 58, 91, 48, 44, 50, 52, 93, 125, 125, 0, 0, 0, 0, 0, 0, 128, 63,
			0, 0, 0, 64, 0, 0, 64, 64, 0, 0, 128, 64, 0, 0, 160, 64}},
		{"test_empty", NewDict(PlainDict), nil, []byte{8, 0, 0, 0, 0, 0, 0, 0, 123, 125, 32, 32, 32, 32, 32, 32}},
		{"test_empty with metadata", NewDict(PlainDict), map[string]string{"framework": "pt"}, []byte{
			40, 0, 0, 0, 0, 0, 0, 0, 123, 34, 95, 95, 109, 101, 116, 97, 100, 97, 116, 97, 95,
			95, 34, 58, 123, 34, 102, 114, 97, 109, 101, 119, 111, 114, 107, 34, 58, 34, 112,
			116, 34, 125, 125, 32, 32, 32, 32, 32}},
		{"test_serialization_forced_alignement", dict(PlainDict, Str("attn0"), attn(1, 1, 2, 3)), nil, []byte{
			72, 0, 0, 0, 0, 0, 0, 0, 123, 34, 97, 116, 116, 110, 48, 34, 58, 123, 34, 100, 116,
			121, 112, 101, 34, 58, 34, 70, 51, 50, 34, 44, 34, 115, 104, 97, 112, 101, 34, 58,
			91, 49, 44, 49, 44, 50, 44, 51, 93, 44, 34, 100, 97, 116, 97, 95, 111, 102, 102,
			115, 101, 116, 115, 34, 58, 91, 48, 44, 50, 52, 93, 125, 125, 32, 32, 32, 32, 32,
			32, 32, 0, 0, 0, 0, 0, 0, 128, 63, 0, 0, 0, 64, 0, 0, 64, 64, 0, 0, 128, 64, 0, 0,
			160, 64}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteSafetensors(&buf, tt.tensors, tt.metadata); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(buf.Bytes(), tt.want) {
				t.Fatalf("wrote\n%q\nwant\n%q", buf.Bytes(), tt.want)
			}
			back, err := ReadSafetensors(bytes.NewReader(tt.want), int64(len(tt.want)), 0)
			if err != nil {
				t.Fatal(err)
			}
			if g, w := jsonRound(t, canon(back, map[*Storage]int{})), jsonRound(t, canon(tt.tensors, map[*Storage]int{})); !reflect.DeepEqual(g, w) {
				t.Fatalf("read back %v, want %v", g, w)
			}
			h, err := ReadSafetensorsHeader(bytes.NewReader(tt.want), int64(len(tt.want)))
			if err != nil || !reflect.DeepEqual(h.Metadata, tt.metadata) {
				t.Fatalf("header %+v, %v", h, err)
			}
		})
	}
}

// TestSafetensorsOrderAndViews: tensors are written by descending dtype
// alignment then name; a contiguous view writes only its own elements.
func TestSafetensorsOrderAndViews(t *testing.T) {
	base := &Storage{DType: Float32, Location: "cpu", Data: f32s(0, 1, 2, 3, 4, 5)}
	tensors := dict(PlainDict,
		Str("b"), &Tensor{Storage: base, Offset: 3, Shape: []int64{3}, Strides: []int64{1}},
		Str("a"), &Tensor{Storage: &Storage{DType: Boolean, Location: "cpu", Data: []byte{1}}, Shape: []int64{1}, Strides: []int64{1}},
		Str("c"), &Tensor{Storage: &Storage{DType: Int64, Location: "cpu", Data: make([]byte, 8)}, Shape: []int64{}, Strides: []int64{}},
	)
	var buf bytes.Buffer
	if err := WriteSafetensors(&buf, tensors, nil); err != nil {
		t.Fatal(err)
	}
	n := binary.LittleEndian.Uint64(buf.Bytes())
	header := strings.TrimRight(string(buf.Bytes()[8:8+n]), " ")
	want := `{"c":{"dtype":"I64","shape":[],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[3],"data_offsets":[8,20]},"a":{"dtype":"BOOL","shape":[1],"data_offsets":[20,21]}}`
	if header != want {
		t.Fatalf("header %s\nwant   %s", header, want)
	}
	back, err := ReadSafetensors(bytes.NewReader(buf.Bytes()), int64(buf.Len()), 0)
	if err != nil {
		t.Fatal(err)
	}
	if back.Key(0) != Str("a") || back.Key(2) != Str("c") {
		t.Fatalf("load_file order %v", back.items)
	}
	b, _ := back.Get(Str("b"))
	if got := b.(*Tensor).Storage.Data; !bytes.Equal(got, f32s(3, 4, 5)) {
		t.Fatalf("view data %v", got)
	}
}

func TestSafetensorsRefusals(t *testing.T) {
	w := &Storage{DType: Float32, Location: "cpu", Data: f32s(1, 2, 3, 4)}
	shared := dict(PlainDict,
		Str("lm_head.weight"), &Tensor{Storage: w, Shape: []int64{2, 2}, Strides: []int64{2, 1}},
		Str("embed.weight"), &Tensor{Storage: w, Shape: []int64{2, 2}, Strides: []int64{2, 1}},
	)
	var buf bytes.Buffer
	err := WriteSafetensors(&buf, shared, nil)
	var fe *FormatError
	if !errors.As(err, &fe) || fe.ExceptionName() != "RuntimeError" || !strings.Contains(fe.Msg, "Some tensors share memory") || !strings.Contains(fe.Msg, "[{'embed.weight', 'lm_head.weight'}]") {
		t.Fatalf("shared: %v", err)
	}
	// disjoint halves of one storage do not overlap: allowed
	halves := dict(PlainDict,
		Str("a"), &Tensor{Storage: w, Shape: []int64{2}, Strides: []int64{1}},
		Str("b"), &Tensor{Storage: w, Offset: 2, Shape: []int64{2}, Strides: []int64{1}},
	)
	if err := WriteSafetensors(&buf, halves, nil); err != nil {
		t.Fatalf("disjoint views: %v", err)
	}
	transposed := dict(PlainDict, Str("t"), &Tensor{Storage: w, Shape: []int64{2, 2}, Strides: []int64{1, 2}})
	if err := WriteSafetensors(&buf, transposed, nil); !errors.As(err, &fe) || !strings.HasPrefix(fe.Msg, "You are trying to save a non contiguous tensor: `t`") {
		t.Fatalf("non-contiguous: %v", err)
	}

	good := func() []byte {
		var b bytes.Buffer
		WriteSafetensors(&b, dict(PlainDict, Str("x"), &Tensor{Storage: &Storage{DType: Float32, Data: f32s(1, 2)}, Shape: []int64{2}, Strides: []int64{1}}), nil)
		return b.Bytes()
	}
	withHeader := func(h string, data int) []byte {
		for len(h)%8 != 0 {
			h += " "
		}
		b := binary.LittleEndian.AppendUint64(nil, uint64(len(h)))
		return append(append(b, h...), make([]byte, data)...)
	}
	corrupt := []struct {
		name string
		file []byte
		want string
	}{
		{"too small", []byte{1, 2}, "HeaderTooSmall"},
		{"huge header", binary.LittleEndian.AppendUint64(nil, 1<<40), "HeaderTooLarge"},
		{"header past end", binary.LittleEndian.AppendUint64(nil, 64), "InvalidHeaderLength"},
		{"truncated data", good()[:len(good())-1], "MetadataIncompleteBuffer"},
		{"not json", withHeader("{nope", 0), "InvalidHeaderDeserialization"},
		{"size mismatch", withHeader(`{"x":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}`, 8), "TensorInvalidInfo"},
		{"hole", withHeader(`{"x":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}`, 12), `InvalidOffset("x")`},
		{"overflow", withHeader(`{"x":{"dtype":"F32","shape":[4611686018427387904,4],"data_offsets":[0,8]}}`, 8), "ValidationOverflow"},
	}
	for _, c := range corrupt {
		_, err := ReadSafetensors(bytes.NewReader(c.file), int64(len(c.file)), 0)
		class, msg := PythonException(err)
		if class != "safetensors_rust.SafetensorError" || msg != "Error while deserializing header: "+c.want {
			t.Errorf("%s: %s: %s, want %s", c.name, class, msg, c.want)
		}
	}
}

func FuzzSafetensorsHeader(f *testing.F) {
	var b bytes.Buffer
	WriteSafetensors(&b, dict(PlainDict, Str("x"), &Tensor{Storage: &Storage{DType: Float32, Data: f32s(1, 2)}, Shape: []int64{2}, Strides: []int64{1}}), map[string]string{"format": "pt"})
	f.Add(b.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		ReadSafetensors(bytes.NewReader(data), int64(len(data)), 1<<20)
	})
}
