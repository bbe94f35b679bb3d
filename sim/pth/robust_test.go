package pth

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"os"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestBrokenFilesLikePyTorch compares the exception and message for broken
// files with what real PyTorch raised (weights_only=False, 1.13's default).
func TestBrokenFilesLikePyTorch(t *testing.T) {
	e := loadExpected(t)
	var raw struct {
		Broken []struct {
			Name  string `json:"name"`
			Hex   string `json:"hex"`
			Error struct {
				Type string `json:"type"`
				Msg  string `json:"msg"`
			} `json:"error"`
		} `json:"broken"`
	}
	b, _ := os.ReadFile("testdata/torch/expected.json")
	if err := jsonUnmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	_ = e
	if len(raw.Broken) == 0 {
		t.Fatal("no broken cases recorded")
	}
	for _, c := range raw.Broken {
		data, _ := hex.DecodeString(c.Hex)
		_, err := Read(bytes.NewReader(data), int64(len(data)), ReadOptions{})
		if err == nil {
			t.Errorf("%s: loaded, want %s", c.Name, c.Error.Type)
			continue
		}
		class, msg := PythonException(err)
		// TORCH_CHECK prefixes "[enforce fail at inline_container.cc:129] . ",
		// naming a line of the oracle's C++ build; the message is what follows.
		want := c.Error.Msg
		if strings.HasPrefix(want, "[enforce fail at ") {
			want = want[strings.Index(want, "] . ")+len("] . "):]
		}
		if class[strings.LastIndexByte(class, '.')+1:] != c.Error.Type || msg != want {
			t.Errorf("%s: %s: %s\nwant %s: %s", c.Name, class, msg, c.Error.Type, want)
		}
	}
}

// TestEveryTruncationAndFlipRefused truncates a real checkpoint at every
// length and flips every byte: each load must fail cleanly or, for flips in
// bytes nobody reads, succeed; none may panic.
func TestEveryTruncationAndFlipRefused(t *testing.T) {
	good, err := os.ReadFile("testdata/torch/shared_views.pth")
	if err != nil {
		t.Fatal(err)
	}
	for n := 0; n < len(good); n++ {
		if _, err := Read(bytes.NewReader(good[:n]), int64(n), DefaultReadOptions()); err == nil {
			t.Fatalf("truncated to %d bytes: loaded", n)
		}
	}
	for i := range good {
		bad := append([]byte(nil), good...)
		bad[i] ^= 0x5a
		Read(bytes.NewReader(bad), int64(len(bad)), DefaultReadOptions())
		Entries(bytes.NewReader(bad), int64(len(bad)))
	}
}

// checkpointWithPickle builds a minimal checkpoint around a hand-made
// data.pkl and optional extra records.
func checkpointWithPickle(t *testing.T, pkl []byte, extra map[string][]byte, method uint16) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(name string, data []byte, m uint16) {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: "a/" + name, Method: m})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	add("data.pkl", pkl, zip.Store)
	for name, data := range extra {
		add(name, data, method)
	}
	add("version", []byte("3\n"), zip.Store)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// storagePickle is a pickle of one float32 tensor of numel elements on
// storage "0".
func storagePickle(numel int64) []byte {
	p := newPickler()
	p.op(opProto, 2)
	p.global("torch._utils", "_rebuild_tensor_v2")
	p.op(opMark, opMark)
	p.str("storage")
	p.global("torch", "FloatStorage")
	p.str("0")
	p.str("cpu")
	p.int(numel)
	p.op(opTuple, opBinPersID)
	p.int(0)
	p.tuple(Tuple{Int(numel)})
	p.tuple(Tuple{Int(1)})
	p.op(opNewFalse)
	p.global("collections", "OrderedDict")
	p.op(opEmptyTuple, opReduce, opTuple, opReduce, opStop)
	return p.buf
}

func TestLimits(t *testing.T) {
	tests := []struct {
		name string
		file []byte
		opts ReadOptions
		want string
	}{
		{
			// 2^40 elements declared, one byte of data: refused before allocating.
			name: "huge declared storage",
			file: checkpointWithPickle(t, storagePickle(1<<40), map[string][]byte{"data/0": {0}}, zip.Store),
			opts: DefaultReadOptions(),
			want: "over the simulator's limit",
		},
		{
			name: "storage smaller than declared",
			file: checkpointWithPickle(t, storagePickle(4), map[string][]byte{"data/0": make([]byte, 8)}, zip.Store),
			opts: DefaultReadOptions(),
			want: "holds 8 bytes but the checkpoint needs 16",
		},
		{
			// a zip bomb: 64 MiB of zeros deflated to a few KiB, over a 1 MiB limit
			name: "zip bomb",
			file: checkpointWithPickle(t, storagePickle(16<<20), map[string][]byte{"data/0": make([]byte, 64<<20)}, zip.Deflate),
			opts: ReadOptions{WeightsOnly: true, MaxBytes: 1 << 20},
			want: "over the simulator's limit",
		},
		{
			name: "deep nesting",
			file: checkpointWithPickle(t, deepPickle(100000), nil, zip.Store),
			opts: DefaultReadOptions(),
			want: "nests deeper than 1000 levels",
		},
		{
			name: "deep MARKs",
			file: checkpointWithPickle(t, append(append([]byte{opProto, 2}, bytes.Repeat([]byte{opMark}, 5000)...), opStop), nil, zip.Store),
			opts: DefaultReadOptions(),
			want: "nests deeper than 1000 levels",
		},
		{
			name: "list inside itself",
			file: checkpointWithPickle(t, []byte("\x80\x02]q\x00h\x00a."), nil, zip.Store),
			opts: DefaultReadOptions(),
			want: "reference cycle",
		},
		{
			name: "data.pkl over the limit",
			file: checkpointWithPickle(t, storagePickle(1), map[string][]byte{"data/0": make([]byte, 4)}, zip.Store),
			opts: ReadOptions{WeightsOnly: true, MaxPickleBytes: 16},
			want: "over the simulator's limit of 16",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(bytes.NewReader(tt.file), int64(len(tt.file)), tt.opts)
			var fe *FormatError
			if !errors.As(err, &fe) || !strings.Contains(fe.Msg, tt.want) {
				t.Fatalf("got %v, want a FormatError containing %q", err, tt.want)
			}
		})
	}
}

// deepPickle nests n lists, each inside the previous one.
func deepPickle(n int) []byte {
	b := []byte{opProto, 2}
	for i := 0; i < n; i++ {
		b = append(b, opEmptyList)
	}
	for i := 1; i < n; i++ {
		b = append(b, opAppend)
	}
	return append(b, opStop)
}

// TestSharedTuplesRefused: a pickle that puts the same tuple twice into the
// next one, 64 times over, has 2^64 paths. A caller converting the tree
// copies tuples, so Read refuses it, at once; 16 levels (65536 paths) load.
func TestSharedTuplesRefused(t *testing.T) {
	nested := func(levels int) []byte {
		b := []byte{opProto, 2, opNone}
		for i := 0; i < levels; i++ {
			b = append(b, opBinPut, 0, opBinGet, 0, opTuple2)
		}
		return checkpointWithPickle(t, append(b, opStop), nil, zip.Store)
	}
	start := time.Now()
	file := nested(64)
	_, err := Read(bytes.NewReader(file), int64(len(file)), DefaultReadOptions())
	var fe *FormatError
	if !errors.As(err, &fe) || !strings.Contains(fe.Msg, "expands to more than") {
		t.Fatalf("got %v", err)
	}
	if _, err := Entries(bytes.NewReader(file), int64(len(file))); err == nil {
		t.Fatal("Entries listed 2^64 values")
	}
	if time.Since(start) > 5*time.Second {
		t.Fatal("shared tuples walked path by path")
	}
	file = nested(16)
	if _, err := Read(bytes.NewReader(file), int64(len(file)), DefaultReadOptions()); err != nil {
		t.Fatal(err)
	}
}

// TestSafeGlobals: add_safe_globals lets a class through weights_only=True
// as an *Object, as PyTorch 2.6 constructs it; without it the load fails
// naming the class.
func TestSafeGlobals(t *testing.T) {
	path := "testdata/torch/whole_net.pth"
	_, err := readFile(t, path, DefaultReadOptions())
	var ue *UnpicklingError
	if !errors.As(err, &ue) || ue.Global != "__main__.Net" {
		t.Fatalf("got %v", err)
	}
	want := "Weights only load failed. This file can still be loaded, to do so you have two options, " +
		"\x1b[1mdo those steps only if you trust the source of the checkpoint\x1b[0m. \n\t(1) In PyTorch 2.6, we changed the default value of the `weights_only` argument in `torch.load` from `False` to `True`. Re-running `torch.load` with `weights_only` set to `False` will likely succeed, but it can result in arbitrary code execution. Do it only if you got the file from a trusted source.\n\t(2) Alternatively, to load with `weights_only=True` please check the recommended steps in the following error message.\n\tWeightsUnpickler error: " +
		"Unsupported global: GLOBAL __main__.Net was not an allowed global by default. Please use `torch.serialization.add_safe_globals([Net])` or the `torch.serialization.safe_globals([Net])` context manager to allowlist this global if you trust this class/function." +
		"\n\nCheck the documentation of torch.load to learn more about types accepted by default with weights_only https://pytorch.org/docs/stable/generated/torch.load.html."
	if ue.Msg != want {
		t.Errorf("message\n%q\nwant (PyTorch 2.6's _get_wo_message)\n%q", ue.Msg, want)
	}
	opts := DefaultReadOptions()
	opts.SafeGlobals = []string{"__main__.Net", "torch.nn.modules.linear.Linear"}
	v, err := readFile(t, path, opts)
	if err != nil {
		t.Fatal(err)
	}
	if o, ok := v.(*Object); !ok || o.Class.String() != "__main__.Net" {
		t.Fatalf("got %#v", v)
	}
}

// TestBlockedModuleMessage is PyTorch 2.6's wording for sys/os/posix/nt.
func TestBlockedModuleMessage(t *testing.T) {
	_, err := readFile(t, "testdata/torch/evil_os_system.pth", DefaultReadOptions())
	want := "Weights only load failed. In PyTorch 2.6, we changed the default value of the `weights_only` argument in `torch.load` from `False` to `True`. Re-running `torch.load` with `weights_only` set to `False` will likely succeed, but it can result in arbitrary code execution. Do it only if you got the file from a trusted source.\n" +
		"Trying to load unsupported GLOBAL posix.system whose module posix is blocked." +
		"\n\nCheck the documentation of torch.load to learn more about types accepted by default with weights_only https://pytorch.org/docs/stable/generated/torch.load.html."
	if class, msg := PythonException(err); class != "_pickle.UnpicklingError" || msg != want {
		t.Fatalf("%s: %q\nwant %q", class, msg, want)
	}
}

// TestForeignDTypes: dtypes PyTorch 2.6 allows but the simulator lacks are
// refused by name, whether a tensor of that dtype (_rebuild_tensor_v3 over
// an untyped storage, as 2.x saves uint16) or the dtype as a value.
func TestForeignDTypes(t *testing.T) {
	p := newPickler()
	p.op(opProto, 2)
	p.global("torch._utils", "_rebuild_tensor_v3")
	p.op(opMark, opMark)
	p.str("storage")
	p.global("torch", "UntypedStorage")
	p.str("0")
	p.str("cpu")
	p.int(4)
	p.op(opTuple, opBinPersID)
	p.int(0)
	p.tuple(Tuple{Int(2)})
	p.tuple(Tuple{Int(1)})
	p.op(opNewFalse)
	p.global("collections", "OrderedDict")
	p.op(opEmptyTuple, opReduce)
	p.global("torch", "uint16")
	p.op(opTuple, opReduce, opStop)
	tensorFile := checkpointWithPickle(t, p.buf, map[string][]byte{"data/0": {1, 0, 2, 0}}, zip.Store)
	// the same over a dtype the simulator has: an int16 tensor [1, 2]
	ok := bytes.Replace(p.buf, []byte("torch\nuint16\n"), []byte("torch\nint16\n"), 1)
	okFile := checkpointWithPickle(t, ok, map[string][]byte{"data/0": {1, 0, 2, 0}}, zip.Store)
	v, err := Read(bytes.NewReader(okFile), int64(len(okFile)), DefaultReadOptions())
	if tt, isT := v.(*Tensor); err != nil || !isT || tt.DType() != Int16 || !bytes.Equal(tt.Storage.Data, []byte{1, 0, 2, 0}) {
		t.Fatalf("_rebuild_tensor_v3 over an untyped storage: %#v, %v", v, err)
	}
	valueFile := checkpointWithPickle(t, []byte("\x80\x02ctorch\nuint16\nq\x00."), nil, zip.Store)
	for _, file := range [][]byte{tensorFile, valueFile} {
		_, err := Read(bytes.NewReader(file), int64(len(file)), DefaultReadOptions())
		var fe *FormatError
		if !errors.As(err, &fe) || !strings.Contains(fe.Msg, "torch.uint16") || !strings.Contains(fe.Msg, "simulator cannot load") {
			t.Errorf("got %v", err)
		}
	}
}

// TestOversizedRecordNotAllocated: a storage record far larger than the
// storage it holds costs only the storage's bytes.
func TestOversizedRecordNotAllocated(t *testing.T) {
	file := checkpointWithPickle(t, storagePickle(2), map[string][]byte{"data/0": make([]byte, 32<<20)}, zip.Store)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	v, err := Read(bytes.NewReader(file), int64(len(file)), DefaultReadOptions())
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(v.(*Tensor).Storage.Data); n != 8 {
		t.Fatalf("storage of %d bytes", n)
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 4<<20 {
		t.Fatalf("Read allocated %d bytes for an 8-byte storage", grew)
	}
}

// TestTooManyRecords: a zip64 central directory declaring a million records
// is refused before archive/zip allocates for them. (The plain form counts
// at most 65535, under the limit.)
func TestTooManyRecords(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, "a", Int(1)); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	// zip64 record: total entries at offset 32 of the record, which sits
	// 56+20+22 bytes from the end
	zip64 := append([]byte(nil), b...)
	binary.LittleEndian.PutUint64(zip64[len(zip64)-98+32:], 1_000_000)
	binary.LittleEndian.PutUint16(zip64[len(zip64)-22+10:], 0xFFFF)
	for name, file := range map[string][]byte{"zip64": zip64} {
		_, err := Read(bytes.NewReader(file), int64(len(file)), DefaultReadOptions())
		var fe *FormatError
		if !errors.As(err, &fe) || !strings.Contains(fe.Msg, "more than the simulator reads") {
			t.Errorf("%s: got %v", name, err)
		}
	}
}

// TestUnsafeGlobals is get_unsafe_globals_in_checkpoint: what a file needs
// beyond the allow-list, found without loading it.
func TestUnsafeGlobals(t *testing.T) {
	tests := []struct {
		file string
		safe []string
		want []string
	}{
		{"linear_state_dict.pth", nil, nil},
		{"whole_net.pth", nil, []string{"__main__.Net", "torch.nn.modules.linear.Linear"}},
		{"whole_net.pth", []string{"__main__.Net"}, []string{"torch.nn.modules.linear.Linear"}},
		{"evil_eval.pth", nil, []string{"builtins.eval"}},
		{"evil_popen.pth", nil, []string{"subprocess.Popen"}},
		{"evil_memo.pth", nil, []string{"builtins.eval"}},
	}
	for _, tt := range tests {
		f, err := os.Open("testdata/torch/" + tt.file)
		if err != nil {
			t.Fatal(err)
		}
		st, _ := f.Stat()
		got, err := UnsafeGlobals(f, st.Size(), tt.safe)
		f.Close()
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s %v: got %v, %v; want %v", tt.file, tt.safe, got, err, tt.want)
		}
	}
}

// TestGlobalsScanLikePickletools: the opcode scan finds the globals
// pickletools finds in every recorded file (protocol 2 ones; the scan, like
// PyTorch's, refuses protocol 4 opcodes).
func TestGlobalsScanLikePickletools(t *testing.T) {
	var e struct {
		Globals map[string][]string `json:"globals"`
	}
	b, _ := os.ReadFile("testdata/torch/expected.json")
	if err := jsonUnmarshal(b, &e); err != nil {
		t.Fatal(err)
	}
	for file, raw := range e.Globals {
		zr, err := zip.OpenReader("testdata/torch/" + file)
		if err != nil {
			t.Fatal(err)
		}
		name := zr.File[0].Name // data.pkl comes first
		zr.Close()
		data := recordOf(t, "testdata/torch/"+file, name)
		got, err := globalsInPickle(data)
		if file == "protocol4.pth" {
			if err == nil {
				t.Errorf("%s: scanned protocol 4", file)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		want := map[string]bool{}
		for _, g := range raw {
			dot := strings.LastIndexByte(g, '.')
			m, n := mapGlobal(g[:dot], g[dot+1:])
			want[m+"."+n] = true
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: scan found %v, pickletools %v", file, got, want)
		}
	}
}

func TestUnsafeGlobalsRefusesTorchScript(t *testing.T) {
	f, err := os.Open("testdata/torch/torchscript.pth")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	_, err = UnsafeGlobals(f, st.Size(), nil)
	if class, msg := PythonException(err); class != "ValueError" || !strings.Contains(msg, "got a torchscript checkpoint") {
		t.Fatalf("%s: %s", class, msg)
	}
	legacy, _ := os.ReadFile("testdata/torch/legacy.pth")
	_, err = UnsafeGlobals(bytes.NewReader(legacy), int64(len(legacy)), nil)
	if class, msg := PythonException(err); class != "ValueError" || msg != "Expected input to be a checkpoint returned by torch.save" {
		t.Fatalf("legacy: %s: %s", class, msg)
	}
}
