package pth

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// FuzzRead feeds arbitrary files to the zip layer (and through it the
// pickle layer): Read and Entries must return or fail, never panic, and
// never allocate past the limits given.
func FuzzRead(f *testing.F) {
	files, _ := filepath.Glob("testdata/torch/*.pth")
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		opts := ReadOptions{WeightsOnly: true, MaxBytes: 1 << 20, MaxPickleBytes: 1 << 20}
		Read(bytes.NewReader(data), int64(len(data)), opts)
		opts.WeightsOnly = false
		Read(bytes.NewReader(data), int64(len(data)), opts)
		Entries(bytes.NewReader(data), int64(len(data)))
		UnsafeGlobals(bytes.NewReader(data), int64(len(data)), nil)
	})
}

// FuzzUnpickle feeds arbitrary bytes to the unpickler directly, with a
// persistent loader that hands out small storages.
func FuzzUnpickle(f *testing.F) {
	files, _ := filepath.Glob("testdata/torch/*.pth")
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			if a, err := openArchive(bytes.NewReader(b), int64(len(b)), false); err == nil {
				if pkl, err := a.record("data.pkl", 1<<20); err == nil {
					f.Add(pkl)
				}
			}
		}
	}
	f.Add(deepPickle(2000))
	f.Add([]byte("\x80\x02]q\x00h\x00a."))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, wo := range []bool{true, false} {
			u, v, err := unpickleForTest(data, wo, 100)
			if err == nil {
				checkPlainAgrees(t, "fuzz", u, v)
				if checkTree(v, 100, false) == nil {
					// whatever loads must write back
					var buf bytes.Buffer
					Write(&buf, "fuzz", v)
				}
			}
		}
	})
}
