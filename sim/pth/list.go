package pth

import (
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Entry is one leaf of a checkpoint's tree as Entries reports it: a tensor with
// its layout and storage, a plain value, or an empty container.
type Entry struct {
	// Path is the Python subscript expression that reaches the value from
	// the loaded object: ['model']['fc.weight'], ['optimizer']['state'][0]['exp_avg'].
	// Attributes of whole-module objects appear as .name.
	Path string
	// Type is the Python type name: "torch.Tensor", "torch.nn.parameter.Parameter", "int", ...
	Type string
	// Repr is a short rendering of a plain value ("3", "'adam'"); "" for tensors.
	Repr string

	// The rest is set for tensors only.
	DType        DType
	Shape        []int64
	Strides      []int64
	Offset       int64
	RequiresGrad bool
	// Record is the zip record holding the storage ("data/0") and Location
	// its saved location tag; StorageBytes is the storage's size.
	Record       string
	Location     string
	StorageBytes int64
	// SharedWith is the Path of the first tensor listed on the same storage,
	// "" when this tensor is the first (or only) one.
	SharedWith string
}

// Record is one zip record of a checkpoint, for inspection.
type Record struct {
	Name   string // without the archive folder: "data.pkl", "data/0"
	Offset int64  // of the record's data in the file
	Size   int64
}

// Entries describes every tensor and value in a checkpoint without reading any
// tensor data: only the zip directory and data.pkl are read, so memory does
// not grow with the size of the weights. It never executes anything and
// refuses malicious pickles as Read does with WeightsOnly false; it lists
// whole-module saves (their attributes appear under .name paths).
func Entries(r io.ReaderAt, size int64) ([]Entry, error) {
	a, err := openArchive(r, size, false)
	if err != nil {
		return nil, err
	}
	var opts ReadOptions
	_, maxPickle, maxDepth := opts.limits()
	pkl, err := a.record("data.pkl", maxPickle)
	if err != nil {
		return nil, err
	}
	u := &unpickler{data: pkl, maxDepth: maxDepth, lazy: map[*Storage]int64{}}
	records := map[*Storage]string{}
	byKey := map[string]*Storage{}
	u.persistent = pidFunc(func(pid Tuple) (Value, error) {
		ref, err := parsePID(pid)
		if err != nil {
			return nil, err
		}
		if st, ok := byKey[ref.key]; ok {
			return st, nil
		}
		name := "data/" + ref.key
		f, ok := a.file(name)
		nbytes := ref.numel * int64(ref.dtype.ItemSize())
		if !ok {
			return nil, formatErrorf("PytorchStreamReader failed locating file %s: file not found", name)
		}
		if int64(f.UncompressedSize64) < nbytes {
			return nil, formatErrorf("storage %s holds %d bytes but the checkpoint needs %d", name, f.UncompressedSize64, nbytes)
		}
		st := &Storage{DType: ref.dtype, Location: ref.location}
		u.lazy[st] = nbytes
		records[st] = name
		byKey[ref.key] = st
		return st, nil
	})
	v, err := u.load()
	if err != nil {
		return nil, err
	}
	if err := checkTree(v, maxDepth, !u.shared); err != nil {
		return nil, err
	}
	l := lister{lazy: u.lazy, records: records, first: map[*Storage]string{}, seen: map[any]bool{}}
	l.walk(v, "")
	return l.out, nil
}

// Records lists the zip records of a checkpoint in file order.
func Records(r io.ReaderAt, size int64) ([]Record, error) {
	a, err := openArchive(r, size, false)
	if err != nil {
		return nil, err
	}
	out := make([]Record, 0, len(a.entries))
	for i := range a.entries {
		f := &a.entries[i]
		n := f.Name
		off, err := f.DataOffset()
		if err != nil {
			return nil, streamReaderError("reading file "+n, "invalid header or archive is corrupted")
		}
		out = append(out, Record{Name: n, Offset: off, Size: int64(f.UncompressedSize64)})
	}
	return out, nil
}

type lister struct {
	out     []Entry
	lazy    map[*Storage]int64
	records map[*Storage]string
	first   map[*Storage]string
	seen    map[any]bool
}

func (l *lister) walk(v Value, path string) {
	if id := identity(v); id != nil {
		if _, isTensor := v.(*Tensor); !isTensor {
			if l.seen[id] {
				return // a shared container is listed once, at its first path
			}
			l.seen[id] = true
		}
	}
	switch x := v.(type) {
	case *Dict:
		if x.Len() == 0 {
			repr := "{}"
			if x.Kind != PlainDict {
				repr = TypeName(x)[len("collections."):] + "()"
			}
			l.out = append(l.out, Entry{Path: path, Type: TypeName(x), Repr: repr})
		}
		for i := 0; i < x.Len(); i++ {
			l.walk(x.Val(i), path+"["+reprKey(x.Key(i))+"]")
		}
	case *List:
		if len(x.Items) == 0 {
			l.out = append(l.out, Entry{Path: path, Type: "list", Repr: "[]"})
		}
		for i, e := range x.Items {
			l.walk(e, path+"["+strconv.Itoa(i)+"]")
		}
	case Tuple:
		if len(x) == 0 {
			l.out = append(l.out, Entry{Path: path, Type: "tuple", Repr: "()"})
		}
		for i, e := range x {
			l.walk(e, path+"["+strconv.Itoa(i)+"]")
		}
	case *Set:
		l.out = append(l.out, Entry{Path: path, Type: "set", Repr: fmt.Sprintf("<%d items>", len(x.Items))})
	case *Object:
		if st, ok := x.State.(*Dict); ok {
			for i := 0; i < st.Len(); i++ {
				if k, ok := st.Key(i).(Str); ok {
					l.walk(st.Val(i), path+"."+string(k))
				} else {
					l.walk(st.Val(i), path+"["+reprKey(st.Key(i))+"]")
				}
			}
		} else {
			l.out = append(l.out, Entry{Path: path, Type: x.Class.String()})
		}
	case *Tensor:
		e := Entry{
			Path: path, Type: TypeName(x), DType: x.DType(), Shape: x.Shape, Strides: x.Strides,
			Offset: x.Offset, RequiresGrad: x.RequiresGrad, Record: l.records[x.Storage],
			Location: x.Storage.Location, StorageBytes: l.lazy[x.Storage],
		}
		if p, ok := l.first[x.Storage]; ok {
			e.SharedWith = p
		} else {
			l.first[x.Storage] = path
		}
		l.out = append(l.out, e)
	default:
		l.out = append(l.out, Entry{Path: path, Type: TypeName(v), Repr: reprKey(v)})
	}
}

// reprKey renders simple values as Python would in a subscript.
func reprKey(v Value) string {
	switch x := v.(type) {
	case Str:
		return "'" + strings.ReplaceAll(strings.ReplaceAll(string(x), `\`, `\\`), "'", `\'`) + "'"
	case Int:
		return strconv.FormatInt(int64(x), 10)
	case BigInt:
		return x.V.String()
	case Bool:
		if x {
			return "True"
		}
		return "False"
	case None:
		return "None"
	case Float:
		return strconv.FormatFloat(float64(x), 'g', -1, 64)
	case Tuple:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = reprKey(e)
		}
		if len(x) == 1 {
			return "(" + parts[0] + ",)"
		}
		return "(" + strings.Join(parts, ", ") + ")"
	case DType:
		return x.String()
	case Device:
		return "device(type='" + x.Type + "')"
	case Size:
		return "torch.Size(" + shapeString(x) + ")"
	}
	return "<" + TypeName(v) + ">"
}
