package pth

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The safetensors format (huggingface/safetensors): an 8-byte little-endian
// header length N, N bytes of JSON naming each tensor's dtype, shape and
// byte range, padded with spaces to a multiple of 8, then the raw
// little-endian data. There is no code in it to run, which is the point of
// the course's lesson on safe loading.

// maxSafetensorsHeader is the format's MAX_HEADER_SIZE.
const maxSafetensorsHeader = 100_000_000

type namedTensor struct {
	name string
	t    *Tensor
}

// SafetensorsEntry describes one tensor of a safetensors file: what
// safe_open(...).keys() and get_slice(name).get_shape() report.
type SafetensorsEntry struct {
	Name  string
	DType DType
	Shape []int64
	// Begin and End are byte offsets into the data section.
	Begin, End int64
}

// SafetensorsHeader is a parsed header: the tensors sorted by name (the
// order safe_open's keys() gives) and the optional __metadata__ map (nil
// when the file has none).
type SafetensorsHeader struct {
	Tensors  []SafetensorsEntry
	Metadata map[string]string
	// DataStart is the file offset of the data section: 8 + N.
	DataStart int64
}

// safetensorsError is raised as safetensors_rust.SafetensorError.
func safetensorsError(kind string) *FormatError {
	return &FormatError{Exception: "safetensors_rust.SafetensorError", Msg: "Error while deserializing header: " + kind}
}

// safetensorsOrder ranks dtypes as the Rust crate's Dtype enum does (its
// declaration order, by increasing alignment); save_file writes tensors by
// descending rank, then by name.
var safetensorsOrder = map[DType]int{
	Boolean: 0, UInt8: 1, Int8: 2, Int16: 5, Float16: 7, BFloat16: 8, Int32: 9,
	Float32: 11, Complex64: 12, Float64: 13, Int64: 14, Complex128: 15,
}

// WriteSafetensors writes tensors (a dict of str name -> *Tensor) as
// safetensors.torch.save_file does. Like save_file it refuses tensors that
// overlap in memory and non-contiguous tensors, with its messages.
func WriteSafetensors(w io.Writer, tensors *Dict, metadata map[string]string) error {
	var items []namedTensor
	for i := 0; i < tensors.Len(); i++ {
		k, ok := tensors.Key(i).(Str)
		if !ok {
			return &FormatError{Exception: "ValueError", Msg: fmt.Sprintf("Key `%s` is invalid, expected str but received %s", reprKey(tensors.Key(i)), pyClass(tensors.Key(i)))}
		}
		t, ok := tensors.Val(i).(*Tensor)
		if !ok {
			return &FormatError{Exception: "ValueError", Msg: fmt.Sprintf("Key `%s` is invalid, expected torch.Tensor but received %s", k, pyClass(tensors.Val(i)))}
		}
		if t.Storage == nil {
			return fmt.Errorf("pth: tensor %s without storage", k)
		}
		if err := checkView(t, int64(len(t.Storage.Data))); err != nil {
			return err
		}
		items = append(items, namedTensor{string(k), t})
	}
	if shared := overlapping(items); len(shared) > 0 {
		groups := make([]string, len(shared))
		for i, g := range shared {
			groups[i] = "{'" + strings.Join(g, "', '") + "'}"
		}
		return &FormatError{Exception: "RuntimeError", Msg: "\n            Some tensors share memory, this will lead to duplicate memory on disk and potential differences when loading them again: [" +
			strings.Join(groups, ", ") + "].\n            A potential way to correctly save your model is to use `save_model`.\n            More information at https://huggingface.co/docs/safetensors/torch_shared_tensors\n            "}
	}
	for _, it := range items {
		if !contiguous(it.t) {
			return &FormatError{Exception: "ValueError", Msg: "You are trying to save a non contiguous tensor: `" + it.name + "` which is not allowed. It either means you are trying to save tensors which are reference of each other in which case it's recommended to save only the full tensors, and reslice at load time, or simply call `.contiguous()` on your tensor to pack it before saving."}
		}
	}
	sort.SliceStable(items, func(i, j int) bool {
		ri, rj := safetensorsOrder[items[i].t.DType()], safetensorsOrder[items[j].t.DType()]
		if ri != rj {
			return ri > rj
		}
		return items[i].name < items[j].name
	})

	var h bytes.Buffer
	h.WriteByte('{')
	first := true
	if metadata != nil {
		keys := make([]string, 0, len(metadata))
		for k := range metadata {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		h.WriteString(`"__metadata__":{`)
		for i, k := range keys {
			if i > 0 {
				h.WriteByte(',')
			}
			writeJSONString(&h, k)
			h.WriteByte(':')
			writeJSONString(&h, metadata[k])
		}
		h.WriteByte('}')
		first = false
	}
	var offset int64
	chunks := make([][]byte, len(items))
	for i, it := range items {
		item := int64(it.t.DType().ItemSize())
		n := it.t.Numel() * item
		chunks[i] = it.t.Storage.Data[it.t.Offset*item : it.t.Offset*item+n]
		if !first {
			h.WriteByte(',')
		}
		first = false
		writeJSONString(&h, it.name)
		fmt.Fprintf(&h, `:{"dtype":"%s","shape":[`, it.t.DType().info().st)
		for j, d := range it.t.Shape {
			if j > 0 {
				h.WriteByte(',')
			}
			h.WriteString(strconv.FormatInt(d, 10))
		}
		fmt.Fprintf(&h, `],"data_offsets":[%d,%d]}`, offset, offset+n)
		offset += n
	}
	h.WriteByte('}')
	for h.Len()%8 != 0 {
		h.WriteByte(' ')
	}
	var n [8]byte
	binary.LittleEndian.PutUint64(n[:], uint64(h.Len()))
	if _, err := w.Write(n[:]); err != nil {
		return err
	}
	if _, err := w.Write(h.Bytes()); err != nil {
		return err
	}
	for _, c := range chunks {
		if _, err := w.Write(c); err != nil {
			return err
		}
	}
	return nil
}

// overlapping groups tensors whose bytes overlap in one storage, as
// safetensors.torch._find_shared_tensors does; names sorted.
func overlapping(items []namedTensor) [][]string {
	byStorage := map[*Storage][]int{}
	var order []*Storage
	for i, it := range items {
		if _, ok := byStorage[it.t.Storage]; !ok {
			order = append(order, it.t.Storage)
		}
		byStorage[it.t.Storage] = append(byStorage[it.t.Storage], i)
	}
	var out [][]string
	for _, st := range order {
		idx := byStorage[st]
		if len(idx) < 2 {
			continue
		}
		sort.Slice(idx, func(a, b int) bool { return items[idx[a]].t.Offset < items[idx[b]].t.Offset })
		var group []string
		var end int64 = -1
		for _, i := range idx {
			t := items[i].t
			start := t.Offset
			stop := start + extent(t)
			if start < end {
				group = append(group, items[i].name)
			} else {
				if len(group) > 1 {
					sort.Strings(group)
					out = append(out, group)
				}
				group = []string{items[i].name}
			}
			end = max(end, stop)
		}
		if len(group) > 1 {
			sort.Strings(group)
			out = append(out, group)
		}
	}
	return out
}

// extent is how many elements of its storage a view spans from its offset.
func extent(t *Tensor) int64 {
	n := int64(1)
	for i, d := range t.Shape {
		if d == 0 {
			return 0
		}
		n += (d - 1) * t.Strides[i]
	}
	return n
}

func contiguous(t *Tensor) bool {
	want := ContiguousStrides(t.Shape)
	for i, d := range t.Shape {
		if d != 1 && t.Strides[i] != want[i] {
			return false
		}
	}
	return true
}

// writeJSONString writes s as serde_json does: only '"', '\\' and control
// characters escaped, everything else raw UTF-8.
func writeJSONString(b *bytes.Buffer, s string) {
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		default:
			if r < 0x20 {
				fmt.Fprintf(b, `\u%04x`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
}

// ReadSafetensorsHeader parses and validates a safetensors header without
// reading tensor data, as safe_open does.
func ReadSafetensorsHeader(r io.ReaderAt, size int64) (*SafetensorsHeader, error) {
	if size < 8 {
		return nil, safetensorsError("HeaderTooSmall")
	}
	var nb [8]byte
	if _, err := r.ReadAt(nb[:], 0); err != nil {
		return nil, safetensorsError("HeaderTooSmall")
	}
	n := binary.LittleEndian.Uint64(nb[:])
	if n > maxSafetensorsHeader {
		return nil, safetensorsError("HeaderTooLarge")
	}
	if int64(n)+8 > size {
		return nil, safetensorsError("InvalidHeaderLength")
	}
	raw := make([]byte, n)
	if _, err := r.ReadAt(raw, 8); err != nil && !(errors.Is(err, io.EOF) && n == 0) {
		return nil, safetensorsError("InvalidHeaderLength")
	}
	if !utf8.Valid(raw) {
		return nil, safetensorsError("InvalidHeader")
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil {
		return nil, safetensorsError("InvalidHeaderDeserialization")
	}
	h := &SafetensorsHeader{DataStart: 8 + int64(n)}
	for name, msg := range fields {
		if name == "__metadata__" {
			if err := json.Unmarshal(msg, &h.Metadata); err != nil {
				return nil, safetensorsError("InvalidHeaderDeserialization")
			}
			continue
		}
		var info struct {
			DType       string    `json:"dtype"`
			Shape       []uint64  `json:"shape"`
			DataOffsets [2]uint64 `json:"data_offsets"`
		}
		if err := json.Unmarshal(msg, &info); err != nil || info.Shape == nil {
			return nil, safetensorsError("InvalidHeaderDeserialization")
		}
		dt, ok := dtypeBySafetensors(info.DType)
		if !ok {
			return nil, safetensorsError("InvalidHeaderDeserialization")
		}
		e := SafetensorsEntry{Name: name, DType: dt, Begin: int64(info.DataOffsets[0]), End: int64(info.DataOffsets[1])}
		if info.DataOffsets[0] > 1<<62 || info.DataOffsets[1] > 1<<62 {
			return nil, safetensorsError("InvalidOffset(\"" + name + "\")")
		}
		for _, d := range info.Shape {
			if d > 1<<62 {
				return nil, &FormatError{Exception: "safetensors_rust.SafetensorError", Msg: "Error while deserializing header: ValidationOverflow"}
			}
			e.Shape = append(e.Shape, int64(d))
		}
		h.Tensors = append(h.Tensors, e)
	}
	// validate as the crate does: sorted by offsets, contiguous, sized
	byOffset := append([]SafetensorsEntry(nil), h.Tensors...)
	sort.Slice(byOffset, func(i, j int) bool {
		if byOffset[i].Begin != byOffset[j].Begin {
			return byOffset[i].Begin < byOffset[j].Begin
		}
		return byOffset[i].End < byOffset[j].End
	})
	var start int64
	for _, e := range byOffset {
		if e.Begin != start || e.End < e.Begin {
			return nil, safetensorsError("InvalidOffset(\"" + e.Name + "\")")
		}
		start = e.End
		nel := int64(1)
		for _, d := range e.Shape {
			if d != 0 && nel > (1<<62)/d {
				return nil, safetensorsError("ValidationOverflow")
			}
			nel *= d
		}
		if nel > (1<<62)/int64(e.DType.ItemSize()) {
			return nil, safetensorsError("ValidationOverflow")
		}
		if e.End-e.Begin != nel*int64(e.DType.ItemSize()) {
			return nil, safetensorsError("TensorInvalidInfo")
		}
	}
	if start+h.DataStart != size {
		return nil, safetensorsError("MetadataIncompleteBuffer")
	}
	sort.Slice(h.Tensors, func(i, j int) bool { return h.Tensors[i].Name < h.Tensors[j].Name })
	return h, nil
}

// ReadSafetensors loads every tensor, as safetensors.torch.load_file does:
// a dict from name to CPU tensor, in name order. maxBytes bounds the data
// read (0 means DefaultMaxBytes).
func ReadSafetensors(r io.ReaderAt, size int64, maxBytes int64) (*Dict, error) {
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	h, err := ReadSafetensorsHeader(r, size)
	if err != nil {
		return nil, err
	}
	if size-h.DataStart > maxBytes {
		return nil, formatErrorf("safetensors file holds %d bytes of tensor data, over the simulator's limit of %d", size-h.DataStart, maxBytes)
	}
	d := NewDict(PlainDict)
	for _, e := range h.Tensors {
		data := make([]byte, e.End-e.Begin)
		if _, err := r.ReadAt(data, h.DataStart+e.Begin); err != nil && len(data) > 0 {
			return nil, formatErrorf("reading tensor %s: %v", e.Name, err)
		}
		d.Set(Str(e.Name), &Tensor{
			Storage: &Storage{DType: e.DType, Location: "cpu", Data: data},
			Shape:   e.Shape, Strides: ContiguousStrides(e.Shape),
		})
	}
	return d, nil
}
