package pth

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// oracle is the Python with real PyTorch; tests that need it skip without it.
const oracle = "/usr/bin/python3"

func haveTorch(t *testing.T) {
	t.Helper()
	if err := exec.Command(oracle, "-c", "import torch").Run(); err != nil {
		t.Skip("real PyTorch not importable by " + oracle)
	}
}

func f32s(vals ...float32) []byte {
	b := make([]byte, 4*len(vals))
	for i, v := range vals {
		binary.LittleEndian.PutUint32(b[4*i:], math.Float32bits(v))
	}
	return b
}

func dict(kind DictKind, kv ...Value) *Dict {
	d := NewDict(kind)
	for i := 0; i < len(kv); i += 2 {
		if err := d.Set(kv[i], kv[i+1]); err != nil {
			panic(err)
		}
	}
	return d
}

// stateDict is what nn.Linear(3, 2).state_dict() holds, with _metadata, and
// a second entry viewing the same storage as the first.
func stateDict() *Dict {
	w := &Storage{DType: Float32, Location: "cpu", Data: f32s(1, 2, 3, 4, 5, 6)}
	sd := dict(OrderedDict,
		Str("weight"), &Tensor{Storage: w, Shape: []int64{2, 3}, Strides: []int64{3, 1}},
		Str("bias"), &Tensor{Storage: &Storage{DType: Float32, Location: "cpu", Data: f32s(-0.5, 0.25)}, Shape: []int64{2}, Strides: []int64{1}},
		Str("weight_t"), &Tensor{Storage: w, Shape: []int64{3, 2}, Strides: []int64{1, 3}},
		Str("row1"), &Tensor{Storage: w, Offset: 3, Shape: []int64{3}, Strides: []int64{1}},
	)
	sd.Attrs = dict(PlainDict, Str("_metadata"), dict(OrderedDict, Str(""), dict(PlainDict, Str("version"), Int(1))))
	return sd
}

func everyDType() *Dict {
	d := NewDict(PlainDict)
	for dt := Float32; dt < numDTypes; dt++ {
		data := make([]byte, 3*dt.ItemSize())
		for i := range data {
			data[i] = byte(i*37 + 1)
		}
		if dt == Boolean {
			data = []byte{1, 0, 1}
		}
		d.Set(Str(dt.Name()), &Tensor{Storage: &Storage{DType: dt, Location: "cpu", Data: data}, Shape: []int64{3}, Strides: []int64{1}})
	}
	return d
}

func parameters() *Dict {
	p := &Tensor{Storage: &Storage{DType: Float32, Location: "cpu", Data: f32s(1, 2)}, Shape: []int64{2}, Strides: []int64{1}, Parameter: true, RequiresGrad: true}
	return dict(PlainDict,
		Str("p"), p,
		Str("again"), p,
		Str("frozen"), &Tensor{Storage: &Storage{DType: Float64, Location: "cpu", Data: make([]byte, 8)}, Shape: []int64{}, Strides: []int64{}, Parameter: true},
		Str("leaf"), &Tensor{Storage: &Storage{DType: Float32, Location: "cpu", Data: f32s(3)}, Shape: []int64{1}, Strides: []int64{1}, RequiresGrad: true},
		Str("empty"), &Tensor{Storage: &Storage{DType: Int64, Location: "cpu"}, Shape: []int64{0, 3}, Strides: []int64{3, 1}},
	)
}

func nested() *Dict {
	big70 := new(big.Int).Lsh(big.NewInt(1), 70)
	shared := &List{Items: []Value{Int(1)}}
	return dict(PlainDict,
		Str("epoch"), Int(3),
		Str("model"), stateDict(),
		Int(0), Str("int key"),
		Tuple{Int(1), Str("a")}, Str("tuple key"),
		Str("loss"), Float(0.1),
		Str("history"), &List{Items: []Value{Float(1), Float(math.Inf(1)), Float(math.Copysign(0, -1))}},
		Str("ints"), Tuple{Int(-5), Int(300), Int(70000), Int(-1 << 40), BigInt{big70}, BigInt{new(big.Int).Neg(big70)}},
		Str("misc"), Tuple{None{}, Bool(true), Bool(false), Str("é"), Bytes{0, 255}, Tuple{}},
		Str("torch"), Tuple{Size{2, 3}, Float16, BFloat16, Device{"cpu", -1}, Device{"cuda", 1}},
		Str("shared"), &List{Items: []Value{shared, shared}},
		Str("set"), &Set{Items: []Value{Int(3)}},
		Str("counter"), dict(CounterDict, Str("a"), Int(2)),
		Str("long"), &List{Items: longList(1003)},
	)
}

func longList(n int) []Value {
	out := make([]Value, n)
	for i := range out {
		out[i] = Int(i)
	}
	return out
}

// TestWriteLoadsInPyTorch writes files with Write and has real PyTorch load
// them, with weights_only=True where 1.13's allow-list permits the contents
// (it lacks BINFLOAT, so floats and sets go through weights_only=False),
// and compares every value and the sharing of storages.
func TestWriteLoadsInPyTorch(t *testing.T) {
	haveTorch(t)
	tests := []struct {
		name        string
		value       Value
		weightsOnly bool
	}{
		{"state_dict", stateDict(), true},
		{"every_dtype", everyDType(), true},
		{"parameters", parameters(), true},
		{"nested", nested(), false},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, tt.name+".pth")
			f, err := os.Create(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := Write(f, ArchiveName(path), tt.value); err != nil {
				t.Fatal(err)
			}
			f.Close()
			wo := "0"
			if tt.weightsOnly {
				wo = "1"
			}
			out, err := exec.Command(oracle, "-W", "ignore", "testdata/load_check.py", path, wo).CombinedOutput()
			if err != nil {
				t.Fatalf("PyTorch could not load the file: %v\n%s", err, out)
			}
			var got any
			if err := json.Unmarshal(out, &got); err != nil {
				t.Fatalf("%v: %s", err, out)
			}
			want := jsonRound(t, canon(tt.value, map[*Storage]int{}))
			if !reflect.DeepEqual(got, want) {
				gb, _ := json.Marshal(got)
				wb, _ := json.Marshal(want)
				t.Fatalf("PyTorch loaded\n%s\nwant\n%s", gb, wb)
			}
		})
	}
}

// TestWriteLayout checks the records, their order and alignment, as PyTorch
// 2.6 writes them.
func TestWriteLayout(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, "checkpoint", stateDict()); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		if f.Method != zip.Store {
			t.Errorf("%s: method %d, want stored", f.Name, f.Method)
		}
		off, err := f.DataOffset()
		if err != nil || off%64 != 0 {
			t.Errorf("%s: data at offset %d, want a multiple of 64", f.Name, off)
		}
	}
	want := []string{"checkpoint/data.pkl", "checkpoint/.format_version", "checkpoint/.storage_alignment",
		"checkpoint/byteorder", "checkpoint/data/0", "checkpoint/data/1", "checkpoint/version",
		"checkpoint/.data/serialization_id"}
	if !reflect.DeepEqual(names, want) {
		t.Fatalf("records %q, want %q", names, want)
	}
	read := func(name string) string {
		f, _ := zr.Open(name)
		b, _ := io.ReadAll(f)
		return string(b)
	}
	for name, want := range map[string]string{
		"checkpoint/.format_version": "1", "checkpoint/.storage_alignment": "64",
		"checkpoint/byteorder": "little", "checkpoint/version": "3\n",
	} {
		if got := read(name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	if id := read("checkpoint/.data/serialization_id"); len(id) != 40 {
		t.Errorf("serialization_id %q, want 40 digits", id)
	}
}

// TestPickleMatchesCPython reads each checkpoint real PyTorch wrote, writes
// it again, and compares data.pkl byte for byte: the pickler emits what
// CPython's does, memo references included.
func TestPickleMatchesCPython(t *testing.T) {
	identityDiffers := map[string]bool{
		"protocol4": true, // saved with pickle_protocol=4; Write writes torch.save's default, 2
	}
	e := loadExpected(t)
	for _, c := range e.Files {
		path := filepath.Join("testdata/torch", c.File)
		v, err := readFile(t, path, ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := Write(&buf, c.Archive, v); err != nil {
			t.Fatal(err)
		}
		orig := recordOf(t, path, c.Archive+"/data.pkl")
		mine := recordOf(t, "", c.Archive+"/data.pkl", buf.Bytes()...)
		if same := bytes.Equal(orig, mine); same == identityDiffers[c.Name] {
			t.Errorf("%s: data.pkl identical = %v, want %v", c.Name, same, !identityDiffers[c.Name])
		}
		// Either way the rewritten file loads to the same value.
		back, err := Read(bytes.NewReader(buf.Bytes()), int64(buf.Len()), ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if g := jsonRound(t, canon(back, map[*Storage]int{})); !reflect.DeepEqual(g, c.Value) {
			t.Errorf("%s: value changed through Write and Read", c.Name)
		}
	}
}

func recordOf(t *testing.T, path, name string, data ...byte) []byte {
	t.Helper()
	if path != "" {
		var err error
		if data, err = os.ReadFile(path); err != nil {
			t.Fatal(err)
		}
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	f, err := zr.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Append sizes the file exactly before writing it (one allocation, no
// slack), for files of any number of storages.
func TestFileSizeIsExact(t *testing.T) {
	for n := 0; n < 20; n++ {
		sd := NewDict(OrderedDict)
		for i := 0; i < n; i++ {
			sd.Set(Str(fmt.Sprintf("layer%d.weight", i)), &Tensor{
				Storage: &Storage{DType: Float32, Location: "cpu", Data: make([]byte, 4*(i+1))},
				Shape:   []int64{int64(i + 1)}, Strides: []int64{1},
			})
		}
		for _, name := range []string{"a", "checkpoint", strings.Repeat("long", 30)} {
			b, err := Append(nil, name, sd)
			if err != nil {
				t.Fatal(err)
			}
			p, err := pickle(sd)
			if err != nil {
				t.Fatal(err)
			}
			if size := fileSize(p, name); size != len(b) {
				t.Errorf("%d storages, archive %q: file of %d bytes, fileSize says %d", n, name, len(b), size)
			}
			p.release()
		}
	}
}

// Write to an io.Writer and Append to memory write the same bytes: the zip
// writer builds the same headers in both, flushing them to the writer
// before each record's data.
func TestWriteMatchesAppend(t *testing.T) {
	for _, n := range []int{0, 1, 2, 17} {
		sd := NewDict(OrderedDict)
		for i := 0; i < n; i++ {
			sd.Set(Str(fmt.Sprintf("layer%d.weight", i)), &Tensor{
				Storage: &Storage{DType: Float32, Location: "cpu", Data: make([]byte, 4*(i+1))},
				Shape:   []int64{int64(i + 1)}, Strides: []int64{1},
			})
		}
		for _, name := range []string{"checkpoint", strings.Repeat("long", 80)} {
			want, err := Append(nil, name, sd)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			w := struct{ io.Writer }{&buf} // not a *bytes.Buffer, which Write sizes first
			if err := Write(w, name, sd); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("%d storages, archive %q: Write and Append differ (%d vs %d bytes)", n, name, buf.Len(), len(want))
			}
		}
	}
}

// Append copies the records every checkpoint has from how its pooled zip
// writer last wrote them (writeFixed): files of other folders, at other
// offsets, in any order, are still written as Write writes them, which
// builds every record.
func TestAppendReusesFixedRecords(t *testing.T) {
	var values []Value
	for n := 0; n < 70; n += 3 {
		sd := NewDict(OrderedDict)
		sd.Set(Str(strings.Repeat("k", n)), Int(n)) // data.pkl's length moves the offsets
		for i := 0; i < n%4; i++ {
			sd.Set(Str(fmt.Sprint(i)), &Tensor{
				Storage: &Storage{DType: Float32, Location: "cpu", Data: make([]byte, 4*(i+n))},
				Shape:   []int64{int64(i + n)}, Strides: []int64{1},
			})
		}
		values = append(values, sd)
	}
	for i, v := range values {
		for _, name := range []string{"checkpoint", "a", "checkpoint", strings.Repeat("long", 20), strings.Repeat("long", 40)} {
			var buf bytes.Buffer
			w := struct{ io.Writer }{&buf}
			if err := Write(w, name, v); err != nil {
				t.Fatal(err)
			}
			for again := range 2 { // the second copies the first's records
				got, err := Append(nil, name, v)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got, buf.Bytes()) {
					t.Fatalf("value %d, archive %q, Append %d: Append and Write differ", i, name, again+1)
				}
			}
		}
	}
}

func TestArchiveName(t *testing.T) {
	for _, tt := range []struct{ path, want string }{
		{"checkpoint.pth", "checkpoint"},
		{"model", "model"},
		{"a.b.pth", "a.b"},
		{".hidden", ""},
		{"..", "."},
		{".", ""},
		{"", ""},
		{"ckpt/model.pth", "model"},
		{"/abs/dir/w.pt", "w"},
		{`win\dir\w.pt`, "w"},
		{"dir/", ""},
		{"/", ""},
	} {
		if got := ArchiveName(tt.path); got != tt.want {
			t.Errorf("ArchiveName(%q) = %q, want %q", tt.path, got, tt.want)
		}
	}
}

// TestAppendAgain saves checkpoints in turn that differ from the one
// before in one thing each: the same again, the folder, a storage's byte,
// the pickle, the number of storages. Append copies the last file it
// wrote when nothing differs (lastFile); each file must be what Write,
// which never copies, writes.
func TestAppendAgain(t *testing.T) {
	tensor := func(vals ...float32) *Tensor {
		return &Tensor{Storage: &Storage{DType: Float32, Location: "cpu", Data: f32s(vals...)}, Shape: []int64{int64(len(vals))}, Strides: []int64{1}}
	}
	layer := func(key string, bias float32) *Dict {
		return dict(OrderedDict, Str(key), tensor(1, 2), Str("bias"), tensor(bias))
	}
	oneMore := layer("weight", 0.5)
	if err := oneMore.Set(Str("extra"), tensor(7)); err != nil {
		t.Fatal(err)
	}
	saves := []struct {
		folder string
		v      Value
	}{
		{"checkpoint", stateDict()},
		{"checkpoint", stateDict()},
		{"checkpoint", stateDict()},
		{"model", stateDict()},
		{"model", layer("weight", 0.5)},
		{"model", layer("weight", 0.5)},
		{"model", layer("weight", 0.25)},
		{"model", layer("weight", 0.25)},
		{"model", layer("weights", 0.25)},
		{"model", oneMore},
		{"model", stateDict()},
		{"model", dict(PlainDict, Str("epoch"), Int(3))},
		{"model", dict(PlainDict, Str("epoch"), Int(3))},
		{"model", stateDict()},
	}
	for i, s := range saves {
		got, err := Append(nil, s.folder, s.v)
		if err != nil {
			t.Fatalf("save %d: %v", i, err)
		}
		var want bytes.Buffer
		if err := Write(&want, s.folder, s.v); err != nil {
			t.Fatalf("save %d: Write: %v", i, err)
		}
		if !bytes.Equal(got, want.Bytes()) {
			t.Fatalf("save %d (%s): Append wrote %d bytes that differ from Write's %d", i, s.folder, len(got), want.Len())
		}
	}
}
