package pth

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// jsonTensors collects the tensors of a canonical tree (as gen.py wrote what
// PyTorch loaded) in walk order, skipping containers already seen, the
// order Entries lists them in.
func jsonTensors(v any, out *[]map[string]any) {
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			jsonTensors(e, out)
		}
	case map[string]any:
		if t, ok := x["tensor"].(map[string]any); ok {
			*out = append(*out, t)
			return
		}
		if items, ok := x["dict"].([]any); ok {
			for _, it := range items {
				jsonTensors(it.([]any)[1], out)
			}
			return
		}
		for _, k := range []string{"list", "tuple", "state"} {
			if e, ok := x[k]; ok {
				jsonTensors(e, out)
			}
		}
	}
}

// TestEntriesMatchPyTorch lists each real checkpoint without reading tensor
// data and checks every tensor's dtype, shape, strides, offset, storage size
// and sharing against what real PyTorch loaded.
func TestEntriesMatchPyTorch(t *testing.T) {
	e := loadExpected(t)
	for _, c := range e.Files {
		if c.Name == "nested" {
			continue // holds a shared list; PyTorch's JSON repeats it, Entries lists it once
		}
		t.Run(c.Name, func(t *testing.T) {
			f, err := os.Open(filepath.Join("testdata/torch", c.File))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			st, _ := f.Stat()
			entries, err := Entries(f, st.Size())
			if err != nil {
				t.Fatal(err)
			}
			var want []map[string]any
			jsonTensors(c.Value, &want)
			var got []Entry
			for _, en := range entries {
				if en.Record != "" {
					got = append(got, en)
				}
			}
			if len(got) != len(want) {
				t.Fatalf("%d tensors listed, PyTorch loaded %d", len(got), len(want))
			}
			firstOf := map[float64]string{}
			for i, w := range want {
				g := got[i]
				ints := func(s []int64) []any {
					out := []any{}
					for _, d := range s {
						out = append(out, float64(d))
					}
					return out
				}
				if g.DType.Name() != w["dtype"] || !reflect.DeepEqual(ints(g.Shape), w["shape"]) ||
					!reflect.DeepEqual(ints(g.Strides), w["stride"]) || float64(g.Offset) != w["offset"] ||
					g.StorageBytes != int64(len(w["data"].(string))/2) || g.Location != w["device"] {
					t.Errorf("%s: got %+v, PyTorch %v", g.Path, g, w)
				}
				id := w["storage"].(float64)
				if first, ok := firstOf[id]; ok {
					if g.SharedWith != first {
						t.Errorf("%s: SharedWith %q, want %q", g.Path, g.SharedWith, first)
					}
				} else {
					firstOf[id] = g.Path
					if g.SharedWith != "" {
						t.Errorf("%s: SharedWith %q, want none", g.Path, g.SharedWith)
					}
				}
			}
		})
	}
}

func TestEntriesPaths(t *testing.T) {
	f, err := os.Open("testdata/torch/sgd_state_dict.pth")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	entries, err := Entries(f, st.Size())
	if err != nil {
		t.Fatal(err)
	}
	paths := map[string]Entry{}
	for _, e := range entries {
		paths[e.Path] = e
	}
	for path, typ := range map[string]string{
		"['state'][0]['momentum_buffer']":  "torch.Tensor",
		"['param_groups'][0]['lr']":        "float",
		"['param_groups'][0]['params'][1]": "int",
	} {
		if e, ok := paths[path]; !ok || e.Type != typ {
			t.Errorf("%s: got %+v, want a %s", path, e, typ)
		}
	}
	// whole-module saves list their attributes
	f2, _ := os.Open("testdata/torch/whole_net.pth")
	defer f2.Close()
	st2, _ := f2.Stat()
	entries, err = Entries(f2, st2.Size())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"._modules['fc1']._parameters['weight']": "torch.nn.parameter.Parameter",
		"._buffers":                              "collections.OrderedDict", // empty containers are listed too
		".training":                              "bool",
	}
	for _, e := range entries {
		if typ, ok := want[e.Path]; ok && typ == e.Type {
			delete(want, e.Path)
		}
	}
	if len(want) > 0 {
		t.Errorf("whole_net: missing %v in %+v", want, entries)
	}
}

func TestRecordsLikeZipfile(t *testing.T) {
	var e struct {
		Records struct {
			File    string  `json:"file"`
			Records [][]any `json:"records"`
		} `json:"records"`
	}
	b, _ := os.ReadFile("testdata/torch/expected.json")
	if err := jsonUnmarshal(b, &e); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open("testdata/torch/" + e.Records.File)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	recs, err := Records(f, st.Size())
	if err != nil {
		t.Fatal(err)
	}
	var got [][]any
	for _, r := range recs {
		got = append(got, []any{r.Name, float64(r.Offset), float64(r.Size)})
	}
	if !reflect.DeepEqual(got, e.Records.Records) {
		t.Fatalf("records %v\nzipfile %v", got, e.Records.Records)
	}
}
