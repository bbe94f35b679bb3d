package pth

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// expectedFile is testdata/torch/expected.json, written by testdata/gen.py
// from what real PyTorch loaded.
type expectedFile struct {
	TorchVersion string `json:"torch_version"`
	Files        []struct {
		Name             string  `json:"name"`
		File             string  `json:"file"`
		Archive          string  `json:"archive"`
		Value            any     `json:"value"`
		WeightsOnlyError *string `json:"weights_only_error"`
	} `json:"files"`
	Cuda struct {
		File   string `json:"file"`
		Error  string `json:"error"`
		Mapped any    `json:"mapped"`
	} `json:"cuda"`
	Refused   []string `json:"refused"`
	Malicious []struct {
		File                 string `json:"file"`
		PayloadRunsInPyTorch bool   `json:"payload_runs_in_pytorch"`
		WeightsOnlyError     string `json:"weights_only_error"`
	} `json:"malicious"`
}

func loadExpected(t *testing.T) expectedFile {
	t.Helper()
	b, err := os.ReadFile("testdata/torch/expected.json")
	if err != nil {
		t.Fatal(err)
	}
	var e expectedFile
	if err := json.Unmarshal(b, &e); err != nil {
		t.Fatal(err)
	}
	return e
}

func readFile(t *testing.T, path string, opts ReadOptions) (Value, error) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	return Read(f, st.Size(), opts)
}

// jsonRound makes a canon tree comparable with one decoded from JSON.
func jsonRound(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestReadRealCheckpoints loads every checkpoint real PyTorch wrote and
// compares every value, dtype, shape, stride, offset, byte and the sharing
// of storages with what real PyTorch loaded from the same file.
func TestReadRealCheckpoints(t *testing.T) {
	e := loadExpected(t)
	for _, c := range e.Files {
		t.Run(c.Name, func(t *testing.T) {
			path := filepath.Join("testdata/torch", c.File)
			got, err := readFile(t, path, ReadOptions{WeightsOnly: false})
			if err != nil {
				t.Fatalf("Read(weights_only=False): %v", err)
			}
			g := jsonRound(t, canon(got, map[*Storage]int{}))
			if !reflect.DeepEqual(g, c.Value) {
				gb, _ := json.MarshalIndent(g, "", " ")
				wb, _ := json.MarshalIndent(c.Value, "", " ")
				t.Fatalf("value differs from PyTorch's\ngot:  %s\nwant: %s", gb, wb)
			}
			// weights_only=True: state dicts load, whole modules are refused
			// naming their class, protocol 4 files over their first opcode
			// outside the allow-list. (1.13 lacked BINFLOAT, opcode 71, in its
			// allow-list; 2.6 has it, so that refusal is not compared.)
			wo, err := readFile(t, path, DefaultReadOptions())
			if c.WeightsOnlyError != nil && strings.Contains(*c.WeightsOnlyError, "Unsupported operand ") &&
				!strings.HasSuffix(*c.WeightsOnlyError, "Unsupported operand 71") {
				inner := (*c.WeightsOnlyError)[strings.LastIndex(*c.WeightsOnlyError, "Unsupported operand "):]
				var ue *UnpicklingError
				if !errors.As(err, &ue) || ue.Inner != inner {
					t.Fatalf("weights_only=True: got %v, want refusal %q", err, inner)
				}
				return
			}
			if c.WeightsOnlyError != nil && strings.Contains(*c.WeightsOnlyError, "Unsupported class ") {
				name := (*c.WeightsOnlyError)[strings.LastIndex(*c.WeightsOnlyError, "Unsupported class ")+len("Unsupported class "):]
				var ue *UnpicklingError
				if !errors.As(err, &ue) || ue.Global != name {
					t.Fatalf("weights_only=True: got %v, want refusal of %s", err, name)
				}
				return
			}
			if err != nil {
				t.Fatalf("weights_only=True: %v", err)
			}
			if g := jsonRound(t, canon(wo, map[*Storage]int{})); !reflect.DeepEqual(g, c.Value) {
				t.Fatalf("weights_only=True loads a different value")
			}
		})
	}
}

func TestReadCUDATagged(t *testing.T) {
	e := loadExpected(t)
	path := filepath.Join("testdata/torch", e.Cuda.File)
	_, err := readFile(t, path, DefaultReadOptions())
	var de *DeviceError
	if !errors.As(err, &de) || de.Msg != e.Cuda.Error || de.Location != "cuda:0" {
		t.Fatalf("got %v, want DeviceError %q", err, e.Cuda.Error)
	}
	opts := DefaultReadOptions()
	opts.MapLocation = func(string) (string, error) { return "cpu", nil }
	got, err := readFile(t, path, opts)
	if err != nil {
		t.Fatal(err)
	}
	if g := jsonRound(t, canon(got, map[*Storage]int{})); !reflect.DeepEqual(g, e.Cuda.Mapped) {
		t.Fatalf("map_location='cpu' loads %v, want %v", g, e.Cuda.Mapped)
	}
}

func TestReadRefusesLegacyAndTorchScript(t *testing.T) {
	tests := []struct {
		file, weightsOnly, unsafe string
	}{
		{"legacy.pth", "legacy serialization format of PyTorch before 1.6", "legacy serialization format of PyTorch before 1.6"},
		{"torchscript.pth", "Cannot use ``weights_only=True`` with TorchScript archives passed to ``torch.load``. In PyTorch 2.6", "TorchScript archive (torch.jit.save)"},
	}
	for _, tt := range tests {
		for _, wo := range []bool{true, false} {
			_, err := readFile(t, filepath.Join("testdata/torch", tt.file), ReadOptions{WeightsOnly: wo})
			want := tt.unsafe
			if wo {
				want = tt.weightsOnly
			}
			var fe *FormatError
			if !errors.As(err, &fe) || fe.ExceptionName() != "RuntimeError" || !strings.Contains(fe.Msg, want) {
				t.Errorf("%s weights_only=%v: got %v, want RuntimeError containing %q", tt.file, wo, err, want)
			}
		}
	}
}

// TestMaliciousPicklesRefused loads payloads that real PyTorch executes
// (gen.py proved each creates its marker file under weights_only=False) and
// checks they are refused under both settings, naming the global, with
// nothing run: the marker never appears in the working directory.
func TestMaliciousPicklesRefused(t *testing.T) {
	e := loadExpected(t)
	if len(e.Malicious) < 6 {
		t.Fatalf("expected.json lists %d malicious files", len(e.Malicious))
	}
	dir := t.TempDir()
	t.Chdir(dir)
	for _, m := range e.Malicious {
		if !m.PayloadRunsInPyTorch {
			t.Fatalf("%s: payload not proven live", m.File)
		}
		// 1.13 names the raw pickle global; 2.6 maps Python 2 names first.
		raw := m.WeightsOnlyError[strings.LastIndex(m.WeightsOnlyError, "Unsupported class ")+len("Unsupported class "):]
		dot := strings.LastIndexByte(raw, '.')
		mod, name := mapGlobal(raw[:dot], raw[dot+1:])
		want := mod + "." + name
		for _, wo := range []bool{true, false} {
			path := filepath.Join(testdataAbs, m.File)
			_, err := readFile(t, path, ReadOptions{WeightsOnly: wo})
			var ue *UnpicklingError
			if !errors.As(err, &ue) {
				t.Fatalf("%s weights_only=%v: got %v, want UnpicklingError", m.File, wo, err)
			}
			if ue.Global != want || !strings.HasPrefix(ue.Msg, "Weights only load failed.") || !strings.Contains(ue.Msg, want) {
				t.Errorf("%s weights_only=%v: refused %q with %q, want %s", m.File, wo, ue.Global, ue.Msg, want)
			}
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Fatalf("something ran: %v appeared", entries)
	}
}

// testdataAbs is testdata/torch as an absolute path, for tests that chdir.
var testdataAbs string

func TestMain(m *testing.M) {
	abs, err := filepath.Abs("testdata/torch")
	if err != nil {
		panic(err)
	}
	testdataAbs = abs
	os.Exit(m.Run())
}

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }

// An archive keeps the records of its folder (the first record's), each
// name once, the first of a repeated name winning, in their order.
func TestArchiveKeepsItsFolderRecordsOnce(t *testing.T) {
	buf := storedZip(t, []storedRecord{
		{"ck/data.pkl", "first"}, {"other/x", "x"}, {"ck/version", "3\n"},
		{"ck/data.pkl", "second"}, {"ckx/y", "y"}, {"ck/byteorder", "little"},
	})
	a, err := openArchive(bytes.NewReader(buf.Bytes()), int64(buf.Len()), false)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range a.entries {
		names = append(names, e.Name)
	}
	if want := []string{"data.pkl", "version", "byteorder"}; !slices.Equal(names, want) {
		t.Errorf("records %q, want %q", names, want)
	}
	for name, want := range map[string]string{"data.pkl": "first", "version": "3\n", "byteorder": "little"} {
		if got, err := a.record(name, 64); err != nil || string(got) != want {
			t.Errorf("record %s = %q, %v; want %q", name, got, err, want)
		}
	}
}

// Names alike in length and last byte, which archive.open's set of kept
// names cannot tell apart, are looked up: a repeated one is dropped, the
// others kept.
func TestArchiveKeepsNamesAlikeInLengthAndLastByte(t *testing.T) {
	buf := storedZip(t, []storedRecord{
		{"ck/data/0", "a"}, {"ck/zata/0", "b"}, {"ck/data.pkl", "p"}, {"ck/data/0", "c"}, {"ck/zata/0", "d"},
	})
	var a archive
	var dir zipDir
	if err := a.open(bytes.NewReader(buf.Bytes()), int64(buf.Len()), false, &dir); err == nil {
		t.Fatal("an archive without a version record opened")
	}
	var names []string
	for _, e := range a.entries {
		names = append(names, e.Name)
	}
	if want := []string{"data/0", "zata/0", "data.pkl"}; !slices.Equal(names, want) {
		t.Errorf("records %q, want %q", names, want)
	}
	for name, want := range map[string]string{"data/0": "a", "zata/0": "b"} {
		if got, err := a.record(name, 64); err != nil || string(got) != want {
			t.Errorf("record %s = %q, %v; want %q", name, got, err, want)
		}
	}
}

// loadRef takes a storage's "cpu" location without parsing it: the
// device it uses is ParseDevice's.
func TestCPULocationIsParsedAsParseDeviceDoes(t *testing.T) {
	dev, err := ParseDevice("cpu")
	if err != nil || dev != (Device{Type: "cpu", Index: -1}) {
		t.Errorf(`ParseDevice("cpu") = %#v, %v; loadRef takes Device{Type: "cpu", Index: -1}`, dev, err)
	}
}

// storedRecord is a name and the bytes stored under it.
type storedRecord struct{ name, data string }

// storedZip is a zip archive of recs, stored (not compressed), in order;
// names may repeat.
func storedZip(t *testing.T, recs []storedRecord) *bytes.Buffer {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, rec := range recs {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: rec.name, Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(rec.data))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return &buf
}
