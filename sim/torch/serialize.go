package torch

import (
	"encoding/binary"
	"math"
	"path"
	"strings"
	"sync"

	"github.com/ckptlab/ckptlab/sim/internal/smallmap"
	"github.com/ckptlab/ckptlab/sim/pth"
	"github.com/ckptlab/ckptlab/sim/python"
	"github.com/ckptlab/ckptlab/sim/torch/tensor"
)

// torch.save and torch.load convert between the language's values and
// sim/pth's value tree; sim/pth owns the file format.

type saver struct {
	th       *python.Thread
	storages smallmap.Map[*tensor.Storage, *pth.Storage]
	// the lists, dicts, tensors and modules converted so far, by identity:
	// an object met twice is one node of the tree. A table for each kind
	// finds them by comparing pointers rather than interfaces.
	lists   smallmap.Map[*python.List, *pth.List]
	dicts   smallmap.Map[*python.Dict, *pth.Dict]
	tensors smallmap.Map[*Tensor, *pth.Tensor]
	modules smallmap.Map[*Module, *pth.Object]
	depth   int
	arena   *pth.Arena // the tree's nodes (see nodes), reset once the tree is written
}

// nodes is the arena the saver builds its tree in: the pooled one torch.save
// gives it, or, for a saver made without one (safetensors' save_file), one
// of its own that the garbage collector takes with the tree.
func (s *saver) nodes() *pth.Arena {
	if s.arena == nil {
		s.arena = new(pth.Arena)
	}
	return s.arena
}

// arenas are the pth.Arenas torch.save and torch.load build their trees
// in. A tree lives only while it is written, or converted to the
// language's values; then its arena is reset and pooled, and the next
// save or load reuses its first blocks.
var arenas = sync.Pool{New: func() any { return new(pth.Arena) }}

// releaseArena resets a and pools it; no node from a may be used after.
func releaseArena(a *pth.Arena) {
	a.Reset()
	arenas.Put(a)
}

func storageBytes(d tensor.DType, vals []float64) []byte {
	out := make([]byte, len(vals)*d.ItemSize())
	putStorageBytes(out, d, vals)
	return out
}

// putStorageBytes writes vals as d's little-endian bytes into out, which
// holds exactly as many.
func putStorageBytes(out []byte, d tensor.DType, vals []float64) {
	size := d.ItemSize()
	for i, v := range vals {
		b := out[i*size : (i+1)*size]
		switch d {
		case tensor.Float32:
			binary.LittleEndian.PutUint32(b, math.Float32bits(float32(v)))
		case tensor.Float64:
			binary.LittleEndian.PutUint64(b, math.Float64bits(v))
		case tensor.Float16:
			binary.LittleEndian.PutUint16(b, tensor.HalfBits(v))
		case tensor.BFloat16:
			binary.LittleEndian.PutUint16(b, tensor.BFloat16Bits(v))
		case tensor.Int64:
			binary.LittleEndian.PutUint64(b, uint64(int64(v)))
		case tensor.Int32:
			binary.LittleEndian.PutUint32(b, uint32(int32(v)))
		case tensor.Int16:
			binary.LittleEndian.PutUint16(b, uint16(int16(v)))
		case tensor.Int8:
			b[0] = byte(int8(v))
		default:
			b[0] = byte(v)
		}
	}
}

// decodeStorage writes the values of a storage's bytes into out.
func decodeStorage(out []float64, d tensor.DType, data []byte) {
	size := d.ItemSize()
	for i := range out {
		b := data[i*size : (i+1)*size]
		switch d {
		case tensor.Float32:
			out[i] = float64(math.Float32frombits(binary.LittleEndian.Uint32(b)))
		case tensor.Float64:
			out[i] = math.Float64frombits(binary.LittleEndian.Uint64(b))
		case tensor.Float16:
			out[i] = tensor.HalfFromBits(binary.LittleEndian.Uint16(b))
		case tensor.BFloat16:
			out[i] = tensor.BFloat16FromBits(binary.LittleEndian.Uint16(b))
		case tensor.Int64:
			out[i] = float64(int64(binary.LittleEndian.Uint64(b)))
		case tensor.Int32:
			out[i] = float64(int32(binary.LittleEndian.Uint32(b)))
		case tensor.Int16:
			out[i] = float64(int16(binary.LittleEndian.Uint16(b)))
		case tensor.Int8:
			out[i] = float64(int8(b[0]))
		case tensor.Bool:
			if b[0] != 0 {
				out[i] = 1
			}
		default:
			out[i] = float64(b[0])
		}
	}
}

func ints64(xs []int) []int64 {
	out := make([]int64, len(xs))
	for i, x := range xs {
		out[i] = int64(x)
	}
	return out
}

func intsFrom64(xs []int64) []int {
	out := make([]int, len(xs))
	for i, x := range xs {
		out[i] = int(x)
	}
	return out
}

func cannotPickle(v python.Value) error {
	return python.Errorf(python.TypeErrorClass, "cannot pickle '%s' object", v.Type().Name)
}

// convert converts v. The depth count needs no defer: an error ends the
// whole save, so only successful returns must restore it.
func (s *saver) convert(v python.Value) (pth.Value, error) {
	if s.depth >= 1000 {
		return nil, python.Errorf(python.RecursionErrorClass, "maximum recursion depth exceeded while pickling an object")
	}
	s.depth++
	c, err := s.convert1(v)
	s.depth--
	return c, err
}

func (s *saver) convert1(v python.Value) (pth.Value, error) {
	switch x := v.(type) {
	case python.NoneType:
		return pth.None{}, nil
	case python.Bool:
		return pth.Bool(x), nil
	case python.Int:
		return pth.Int(x), nil
	case *python.BigInt:
		return pth.BigInt{V: x.Big()}, nil
	case python.Float:
		return pth.Float(x), nil
	case python.Str:
		return pth.StrValue(string(x)), nil
	case python.Bytes:
		return pth.Bytes(x), nil
	case python.Tuple:
		out := pth.Tuple(s.nodes().Values(len(x)))
		for i, e := range x {
			c, err := s.convert(e)
			if err != nil {
				return nil, err
			}
			out[i] = c
		}
		return out, nil
	case *Size:
		return pth.Size(ints64(x.Dims)), nil
	case *DType:
		return pth.DType(x.D), nil
	case *Device:
		return pth.Device{Type: x.Kind, Index: x.Index}, nil
	}
	switch x := v.(type) {
	case *python.List:
		if c, ok := s.lists.Get(x); ok {
			return c, nil
		}
		out := s.nodes().NewList(len(x.Items))
		s.lists.Add(x, out)
		for _, e := range x.Items {
			c, err := s.convert(e)
			if err != nil {
				return nil, err
			}
			out.Items = append(out.Items, c)
		}
		return out, nil
	case *python.Dict:
		if c, ok := s.dicts.Get(x); ok {
			return c, nil
		}
		kind := pth.PlainDict
		if x.Type().IsSubclass(python.OrderedDictClass) {
			kind = pth.OrderedDict
		} else if x.Type().Name == "Counter" {
			kind = pth.CounterDict
		}
		out := s.nodes().NewDict(kind, x.Len())
		s.dicts.Add(x, out)
		// No Python code runs while the saver converts, so nothing can add
		// to x during the loop, and All needs no copy of its items.
		for k, val := range x.All() {
			ck, err := s.convert(k)
			if err != nil {
				return nil, err
			}
			cv, err := s.convert(val)
			if err != nil {
				return nil, err
			}
			// x's keys are distinct, so their conversions are too.
			if err := out.Append(ck, cv); err != nil {
				return nil, python.Errorf(python.TypeErrorClass, "%s", err.Error())
			}
		}
		if meta := x.Metadata(); meta != nil {
			m, err := s.convert(meta)
			if err != nil {
				return nil, err
			}
			out.Attrs = s.nodes().NewDict(pth.PlainDict, 1)
			out.Attrs.Set(pth.Str("_metadata"), m)
		}
		return out, nil
	case *Tensor:
		if c, ok := s.tensors.Get(x); ok {
			return c, nil
		}
		st, ok := s.storages.Get(x.T.Storage())
		if !ok {
			st = s.nodes().NewStorage()
			*st = pth.Storage{DType: pth.DType(x.T.DType()), Location: "cpu", Data: storageBytes(x.T.DType(), x.T.Storage().Data)}
			s.storages.Add(x.T.Storage(), st)
		}
		out := s.nodes().NewTensor(x.T.Dim())
		for i, d := range x.T.Shape() {
			out.Shape[i] = int64(d)
		}
		for i, d := range x.T.Strides() {
			out.Strides[i] = int64(d)
		}
		out.Storage, out.Offset, out.RequiresGrad, out.Parameter = st, int64(x.T.Offset()), x.T.RequiresGrad(), isParameter(x)
		s.tensors.Add(x, out)
		return out, nil
	case *Module:
		if c, ok := s.modules.Get(x); ok {
			return c, nil
		}
		return s.module(x)
	}
	return nil, cannotPickle(v)
}

// module pickles a whole nn.Module as PyTorch does: its class by name and
// its __dict__ (parameters, buffers and submodules in their tables).
func (s *saver) module(m *Module) (pth.Value, error) {
	cls := m.Type()
	obj := &pth.Object{Class: pth.Global{Module: cls.Module, Name: cls.Name}}
	if cls.Module == "" || cls.Module == "builtins" {
		obj.Class.Module = "__main__"
	}
	s.modules.Add(m, obj)
	state := s.nodes().NewDict(pth.PlainDict, 0)
	table := func(e *entries) (pth.Value, error) {
		d := s.nodes().NewDict(pth.OrderedDict, len(e.items))
		for _, it := range e.items {
			n := it.name
			var v python.Value = python.None
			if x := it.v; x != nil {
				v = x
			}
			c, err := s.convert(v)
			if err != nil {
				return nil, err
			}
			d.Set(pth.Str(n), c)
		}
		return d, nil
	}
	state.Set(pth.Str("training"), pth.Bool(m.training))
	p, err := table(m.params)
	if err != nil {
		return nil, err
	}
	state.Set(pth.Str("_parameters"), p)
	b, err := table(m.buffers)
	if err != nil {
		return nil, err
	}
	state.Set(pth.Str("_buffers"), b)
	np := &pth.Set{}
	for _, it := range m.buffers.items {
		n := it.name
		if !m.isPersistent(n) {
			np.Items = append(np.Items, pth.Str(n))
		}
	}
	state.Set(pth.Str("_non_persistent_buffers_set"), np)
	for _, hook := range []string{"_backward_pre_hooks", "_backward_hooks"} {
		state.Set(pth.Str(hook), s.nodes().NewDict(pth.OrderedDict, 0))
	}
	state.Set(pth.Str("_is_full_backward_hook"), pth.None{})
	for _, hook := range []string{"_forward_hooks", "_forward_hooks_with_kwargs", "_forward_hooks_always_called", "_forward_pre_hooks", "_forward_pre_hooks_with_kwargs", "_state_dict_hooks", "_state_dict_pre_hooks", "_load_state_dict_pre_hooks", "_load_state_dict_post_hooks"} {
		state.Set(pth.Str(hook), s.nodes().NewDict(pth.OrderedDict, 0))
	}
	mods, err := table(m.modules)
	if err != nil {
		return nil, err
	}
	state.Set(pth.Str("_modules"), mods)
	for k, v := range m.Dict().All() { // no Python code runs in the loop (see convert1)
		c, err := s.convert(v)
		if err != nil {
			return nil, err
		}
		ck, _ := s.convert(k)
		state.Set(ck, c)
	}
	obj.State = state
	return obj, nil
}

func pathArg(th *python.Thread, v python.Value, fname string) (string, error) {
	switch x := v.(type) {
	case python.Str:
		return string(x), nil
	}
	if r, err := python.CallMethod(th, v, "__fspath__", python.Args{}); err == nil {
		if s, ok := r.(python.Str); ok {
			return string(s), nil
		}
	}
	return "", python.Errorf(python.AttributeErrorClass, "'%s' object has no attribute 'write'", v.Type().Name)
}

// torchSave is torch.save, which also returns the size of the file it
// wrote, for the timeline (observeSave).
func torchSave(th *python.Thread, args python.Args) (python.Value, int, error) {
	var obj, f, ignored python.Value
	if len(args.Pos) == 2 && len(args.Kw) == 0 {
		obj, f = args.Pos[0], args.Pos[1] // torch.save(obj, path), as nearly every call is
	} else if err := python.UnpackArgs("save", args, "obj", &obj, "f", &f, "pickle_module?", &ignored, "pickle_protocol?", &ignored, "_use_new_zipfile_serialization?", &ignored, "_disable_byteorder_record?", &ignored); err != nil {
		return nil, 0, err
	}
	name, err := pathArg(th, f, "save")
	if err != nil {
		return nil, 0, err
	}
	data, err := saveFile(th, obj, name)
	if err != nil {
		return nil, 0, err
	}
	if err := th.Alloc(int64(len(data))); err != nil {
		return nil, 0, err
	}
	if err := th.Workspace().PutFile(name, data); err != nil {
		if e, ok := err.(*python.Exception); ok && e.Type() == python.FileNotFoundErrorClass {
			return nil, 0, python.Errorf(python.RuntimeErrorClass, "Parent directory %s does not exist.", path.Dir(name))
		}
		return nil, 0, err
	}
	return python.None, len(data), nil
}

// saveFile returns the file torch.save writes of obj to name: pickled
// straight from the language's values when an encoder can, or else from
// the tree a saver converts obj into, which handles every value and
// raises every error.
func saveFile(th *python.Thread, obj python.Value, name string) ([]byte, error) {
	var data []byte
	var err error
	enc := encoders.Get().(*encoder)
	enc.e = pth.NewEncoder()
	encoded := encodeSaves && enc.pickle(obj)
	if encoded {
		data, err = pth.AppendEncoded(nil, pth.ArchiveName(name), &enc.e)
	} else {
		enc.e.Release()
	}
	enc.release()
	if !encoded {
		s := &saver{th: th, arena: arenas.Get().(*pth.Arena)}
		v, cerr := s.convert(obj)
		if cerr != nil {
			releaseArena(s.arena)
			return nil, cerr
		}
		data, err = pth.Append(nil, pth.ArchiveName(name), v)
		releaseArena(s.arena)
	}
	if err != nil {
		cls, msg := pth.PythonException(err)
		return nil, python.Errorf(exceptionClass(cls), "%s", msg)
	}
	return data, nil
}

// encodeSaves lets saveFile use an encoder; tests turn it off to compare
// the files with the saver's.
var encodeSaves = true

// encoder pickles the values checkpoints hold (dicts, lists, tuples,
// tensors, strs and numbers) straight into a pth.Encoder, writing what
// the pickler writes for the tree saver.convert makes of them, without
// the tree. It gives up on any other value and on anything convert or
// the pickler would refuse, leaving the save to the saver.
type encoder struct {
	e pth.Encoder
	// the Memo of each list, dict and tensor written, by identity (a
	// table for each kind compares pointers rather than interfaces), and
	// the pth.Storage of each storage
	lists    smallmap.Map[*python.List, pth.Memo]
	dicts    smallmap.Map[*python.Dict, pth.Memo]
	tensors  smallmap.Map[*Tensor, pth.Memo]
	storages smallmap.Map[*tensor.Storage, *pth.Storage]
	depth    int
}

// encoders keeps encoders between saves: their tables are most of what
// one is, and a pooled one empties only the entries it used.
var encoders = sync.Pool{New: func() any { return new(encoder) }}

// release empties c, dropping every reference it holds, and pools it;
// its Encoder must be written or released first.
func (c *encoder) release() {
	c.lists.Reset()
	c.dicts.Reset()
	c.tensors.Reset()
	c.storages.Reset()
	c.depth = 0
	encoders.Put(c)
}

// pickle writes v and reports whether it could; convert counts depth
// the same way.
func (c *encoder) pickle(v python.Value) bool {
	if c.depth >= 1000 {
		return false
	}
	c.depth++
	ok := c.pickle1(v)
	c.depth--
	return ok
}

// enter is pickle's depth check and count for all the items of a
// container at once: they are a level deeper than it, each, so the
// container calls pickle1 for them and leave after the last. A failed
// write needs no leave: it ends the whole save.
func (c *encoder) enter() bool {
	if c.depth >= 1000 {
		return false
	}
	c.depth++
	return true
}

func (c *encoder) leave() { c.depth-- }

func (c *encoder) pickle1(v python.Value) bool {
	switch x := v.(type) {
	case python.Str:
		c.e.Str(string(x))
	case *python.Dict:
		return c.dict(x)
	case python.Int:
		c.e.Int(int64(x))
	case *Tensor:
		return c.tensor(x)
	case python.NoneType:
		c.e.None()
	case python.Bool:
		c.e.Bool(bool(x))
	case python.Float:
		c.e.Float(float64(x))
	case python.Tuple:
		c.e.StartTuple(len(x))
		if len(x) > 0 && !c.enter() {
			return false
		}
		for _, it := range x {
			if !c.pickle1(it) {
				return false
			}
		}
		if len(x) > 0 {
			c.leave()
		}
		c.e.EndTuple(len(x))
	case *python.List:
		if m, ok := c.lists.Get(x); ok {
			c.e.Get(m)
			return true
		}
		c.lists.Add(x, c.e.StartList())
		n := len(x.Items)
		if n > 0 && !c.enter() {
			return false
		}
		for i, it := range x.Items {
			c.e.StartItem(i, n)
			if !c.pickle1(it) {
				return false
			}
			c.e.EndListItem(i, n)
		}
		if n > 0 {
			c.leave()
		}
	default:
		return false
	}
	return true
}

// dict writes a dict or OrderedDict, with a state_dict's _metadata; a
// Counter, a plain dict with metadata or a key the tree's Dict would
// need hashKey for are left to the saver.
func (c *encoder) dict(x *python.Dict) bool {
	if m, ok := c.dicts.Get(x); ok {
		c.e.Get(m)
		return true
	}
	kind := pth.PlainDict
	if x.Type().IsSubclass(python.OrderedDictClass) {
		kind = pth.OrderedDict
	} else if x.Type().Name == "Counter" {
		return false
	}
	meta := x.Metadata()
	if meta != nil && kind == pth.PlainDict {
		return false
	}
	m, err := c.e.StartDict(kind)
	if err != nil {
		return false
	}
	c.dicts.Add(x, m)
	// No Python code runs while the encoder writes (see convert1).
	n, i := x.Len(), 0
	if n > 0 && !c.enter() {
		return false
	}
	for k, val := range x.All() {
		c.e.StartItem(i, n)
		switch k := k.(type) {
		case python.Str:
			c.e.Str(string(k))
		case python.Int, python.Bool, python.NoneType, python.Float:
			c.pickle1(k)
		default:
			return false
		}
		if !c.pickle1(val) {
			return false
		}
		c.e.EndDictItem(i, n)
		i++
	}
	if n > 0 {
		c.leave()
	}
	if meta != nil {
		// The tree holds meta in the dict's Attrs, a level deeper than
		// convert counts, and the pickler counts that level too.
		c.depth++
		c.e.StartMetadata()
		ok := c.pickle(meta)
		c.e.EndMetadata()
		c.depth--
		return ok
	}
	return true
}

// tensor writes a tensor or parameter as convert1's pth.Tensor; tensors
// sharing a storage share one pth.Storage.
func (c *encoder) tensor(x *Tensor) bool {
	if m, ok := c.tensors.Get(x); ok {
		c.e.Get(m)
		return true
	}
	if c.depth >= 1000 {
		// The pickler writes requires_grad a level deeper than the tensor.
		return false
	}
	st, ok := c.storages.Get(x.T.Storage())
	if !ok {
		vals := x.T.Storage().Data
		st = c.e.NewStorage(pth.DType(x.T.DType()), len(vals))
		if len(st.Data) != len(vals)*x.T.DType().ItemSize() {
			return false
		}
		putStorageBytes(st.Data, x.T.DType(), vals)
		c.storages.Add(x.T.Storage(), st)
	}
	t := c.e.ScratchTensor(x.T.Dim())
	for i, d := range x.T.Shape() {
		t.Shape[i] = int64(d)
	}
	for i, d := range x.T.Strides() {
		t.Strides[i] = int64(d)
	}
	t.Storage, t.Offset, t.RequiresGrad, t.Parameter = st, int64(x.T.Offset()), x.T.RequiresGrad(), isParameter(x)
	m, err := c.e.Tensor(t)
	if err != nil {
		return false
	}
	c.tensors.Add(x, m)
	return true
}

func exceptionClass(name string) *python.Class {
	switch name {
	case "_pickle.UnpicklingError", "UnpicklingError":
		return python.UnpicklingErrorClass
	case "EOFError":
		return python.EOFErrorClass
	case "ValueError":
		return python.ValueErrorClass
	case "TypeError":
		return python.TypeErrorClass
	case "AttributeError":
		return python.AttributeErrorClass
	case "KeyError":
		return python.KeyErrorClass
	case "safetensors_rust.SafetensorError":
		return safetensorErrorClass
	}
	return python.RuntimeErrorClass
}

func safeGlobals(th *python.Thread) []string {
	return rt(th).safeGlobals
}

// torchLoad is torch.load, which also returns the size of the file it
// read, for the timeline (observeLoad).
func torchLoad(th *python.Thread, args python.Args) (python.Value, int, error) {
	a := &struct{ f, mapLoc, weightsOnly, ignored python.Value }{mapLoc: python.None, weightsOnly: python.None} // one allocation for all the arguments
	if err := python.UnpackArgs("load", python.Args{Pos: args.Pos, Kw: kwOnly(args.Kw, "f", "map_location", "pickle_module", "weights_only", "mmap")}, "f", &a.f, "map_location?", &a.mapLoc, "pickle_module?", &a.ignored, "*", "weights_only?", &a.weightsOnly, "mmap?", &a.ignored); err != nil {
		return nil, 0, err
	}
	f, mapLoc, weightsOnly := a.f, a.mapLoc, a.weightsOnly
	name, err := pathArg(th, f, "load")
	if err != nil {
		return nil, 0, python.Errorf(python.AttributeErrorClass, "'%s' object has no attribute 'seek'. You can only torch.load from a file that is seekable. Please pre-load the data into a buffer like io.BytesIO and try to load from it instead.", f.Type().Name)
	}
	data, err := th.Workspace().ReadFile(name)
	if err != nil {
		return nil, 0, err
	}
	opts := pth.DefaultReadOptions()
	if weightsOnly != python.None {
		b, err := python.Truth(th, weightsOnly)
		if err != nil {
			return nil, 0, err
		}
		opts.WeightsOnly = b
	}
	opts.SafeGlobals = safeGlobals(th)
	if mapLoc != python.None {
		ml := mapLoc
		opts.MapLocation = func(tag string) (string, error) {
			switch x := ml.(type) {
			case python.Str:
				return string(x), nil
			case *Device:
				return x.String(), nil
			case *python.Dict:
				if v, ok := x.GetStr(tag); ok {
					if s, ok := v.(python.Str); ok {
						return string(s), nil
					}
				}
				return tag, nil
			}
			return tag, nil
		}
	}
	opts.Arena = arenas.Get().(*pth.Arena)
	defer releaseArena(opts.Arena)
	opts.ShareData = true // convert decodes the storages, and the tree goes with the arena
	if decodeLoads {
		// the common pickles straight into values; anything else, and
		// every error, through the tree from the start
		if o, err := pth.OpenBytes(data, opts); err == nil {
			v, ok, err := decodeFile(th, o)
			o.Close()
			if ok {
				return v, len(data), err
			}
		}
	}
	v, err := pth.ReadBytes(data, opts)
	if err != nil {
		cls, msg := pth.PythonException(err)
		return nil, 0, python.Errorf(exceptionClass(cls), "%s", msg)
	}
	l := &loader{th: th, plain: !opts.Arena.Shared()}
	out, err := l.convert(v)
	return out, len(data), err
}

// commonStrs are pth.CommonStrings as values, made once.
var commonStrs = func() []python.Value {
	vs := make([]python.Value, len(pth.CommonStrings))
	for i, s := range pth.CommonStrings {
		vs[i] = python.Str(s)
	}
	return vs
}()

type loader struct {
	th       *python.Thread
	storages smallmap.Map[*pth.Storage, *tensor.Storage]
	// seen maps the tree's containers and tensors to what they became,
	// so that a node in two places converts once; plain says no node is
	// (pth.Arena.Shared), and seen is not needed.
	seen  smallmap.Map[pth.Value, python.Value]
	plain bool
}

// remember records that v became out, for the tree's other paths to v.
func (l *loader) remember(v pth.Value, out python.Value) {
	if !l.plain {
		l.seen.Add(v, out)
	}
}

func (l *loader) convert(v pth.Value) (python.Value, error) {
	switch x := v.(type) {
	case pth.None:
		return python.None, nil
	case pth.Bool:
		return python.Bool(x), nil
	case pth.Int:
		return python.Int(x), nil
	case pth.BigInt:
		return python.MakeInt(x.V), nil
	case pth.Float:
		return python.Float(x), nil
	case pth.Str:
		if i := pth.CommonIndex(string(x)); i >= 0 {
			return commonStrs[i], nil
		}
		return python.Str(x), nil
	case pth.Bytes:
		return python.Bytes(x), nil
	case pth.Tuple:
		out := make(python.Tuple, len(x))
		for i, e := range x {
			c, err := l.convert(e)
			if err != nil {
				return nil, err
			}
			out[i] = c
		}
		return out, nil
	case pth.Size:
		return &Size{Dims: intsFrom64(x)}, nil
	case pth.DType:
		if int(x) < len(tensor.DTypes()) {
			return dtypeOf(tensor.DType(x)), nil
		}
		return nil, python.Errorf(python.RuntimeErrorClass, "the simulator does not support %s tensors", x)
	case pth.Device:
		return &Device{Kind: x.Type, Index: x.Index}, nil
	}
	if !l.plain {
		if c, ok := l.seen.Get(v); ok {
			return c, nil
		}
	}
	switch x := v.(type) {
	case *pth.List:
		out := python.NewList(make([]python.Value, 0, len(x.Items)))
		l.remember(v, out)
		for _, e := range x.Items {
			c, err := l.convert(e)
			if err != nil {
				return nil, err
			}
			out.Items = append(out.Items, c)
		}
		return out, nil
	case *pth.Set:
		out := python.NewSet()
		for _, e := range x.Items {
			c, err := l.convert(e)
			if err != nil {
				return nil, err
			}
			if err := out.Add(l.th, c); err != nil {
				return nil, err
			}
		}
		return out, nil
	case *pth.Dict:
		out := python.NewDict()
		md := x.Metadata()
		switch x.Kind {
		case pth.OrderedDict:
			out.Class = python.OrderedDictClass
			if md != nil {
				out.Class = stateDictClass
			}
		case pth.CounterDict:
			if c := counterClass(l.th); c != nil {
				out.Class = c
			}
		}
		l.remember(v, out)
		if tmpl := loadedKeysTemplate(x); tmpl != nil {
			// str keys seen before: the template's keys, with these values
			vals := make([]python.Value, x.Len())
			for i := range vals {
				val, err := l.convert(x.Val(i))
				if err != nil {
					return nil, err
				}
				vals[i] = val
			}
			out.ShareKeys(tmpl.dict, vals)
		} else {
			out.Reserve(x.Len())
			for i := 0; i < x.Len(); i++ {
				k, err := l.convert(x.Key(i))
				if err != nil {
					return nil, err
				}
				val, err := l.convert(x.Val(i))
				if err != nil {
					return nil, err
				}
				if err := out.Set(l.th, k, val); err != nil {
					return nil, err
				}
			}
		}
		if md != nil {
			m, err := l.convert(md)
			if err != nil {
				return nil, err
			}
			if md, ok := m.(*python.Dict); ok {
				out.SetMetadata(md)
			}
		}
		return out, nil
	case *pth.Tensor:
		if int(x.Storage.DType) >= len(tensor.DTypes()) {
			return nil, python.Errorf(python.RuntimeErrorClass, "the simulator does not support %s tensors", x.Storage.DType)
		}
		d := tensor.DType(x.Storage.DType)
		c := rt(l.th).ctx
		st, ok := l.storages.Get(x.Storage)
		if !ok {
			var err error
			data := x.Storage.Data
			if st, err = tensor.NewStorageWith(c, d, len(data)/d.ItemSize(), func(out []float64) { decodeStorage(out, d, data) }); err != nil {
				return nil, pyErr(err)
			}
			l.storages.Add(x.Storage, st)
		}
		var buf [8]int // shape and strides, copied by ViewOf
		dims := buf[:0]
		for _, v := range x.Shape {
			dims = append(dims, int(v))
		}
		for _, v := range x.Strides {
			dims = append(dims, int(v))
		}
		t, err := tensor.ViewOf(c, st, d, int(x.Offset), dims[:len(x.Shape)], dims[len(x.Shape):])
		if err != nil {
			return nil, pyErr(err)
		}
		var out *Tensor
		if x.Parameter {
			if out, err = newParameter(t, x.RequiresGrad); err != nil {
				return nil, err
			}
		} else {
			if x.RequiresGrad {
				if err := t.SetRequiresGrad(true); err != nil {
					return nil, pyErr(err)
				}
			}
			out = wrap(t)
		}
		l.remember(v, out)
		return out, nil
	case *pth.Object:
		return l.object(x)
	case pth.Global:
		return nil, python.Errorf(python.UnpicklingErrorClass, "the simulator cannot load a reference to %s", x.String())
	}
	return nil, python.Errorf(python.RuntimeErrorClass, "the simulator cannot load a %s from a checkpoint", pth.TypeName(v))
}

// object rebuilds a whole saved nn.Module whose class the simulator knows
// (a built-in layer, or a class the learner's program defines).
func (l *loader) object(x *pth.Object) (python.Value, error) {
	cls := l.findClass(x.Class)
	if cls == nil || !cls.IsSubclass(ModuleClass) {
		where := "<module '" + x.Class.Module + "'>"
		if x.Class.Module == "__main__" {
			where = "<module '__main__' from 'main.py'>"
		}
		return nil, python.Errorf(python.AttributeErrorClass, "Can't get attribute '%s' on %s", x.Class.Name, where)
	}
	m := &Module{}
	m.Object.Init(cls)
	m.init()
	l.remember(x, m)
	if lc, ok := layerClasses[cls.Name]; ok && lc == cls {
		m.forward, m.extra = layerForward(cls)
	} else {
		for _, c := range cls.MRO {
			if lc, ok := layerClasses[c.Name]; ok && lc == c {
				m.forward, m.extra = layerForward(c)
				break
			}
		}
	}
	state, ok := x.State.(*pth.Dict)
	if !ok {
		return m, nil
	}
	for i := 0; i < state.Len(); i++ {
		ks, _ := state.Key(i).(pth.Str)
		key := string(ks)
		val, err := l.convert(state.Val(i))
		if err != nil {
			return nil, err
		}
		switch key {
		case "training":
			m.training, _ = python.Truth(l.th, val)
		case "_parameters", "_buffers", "_modules":
			d, ok := val.(*python.Dict)
			if !ok {
				continue
			}
			e := map[string]*entries{"_parameters": m.params, "_buffers": m.buffers, "_modules": m.modules}[key]
			keys, vals := d.Items()
			for j, k := range keys {
				s, _ := k.(python.Str)
				if vals[j] == python.None {
					e.set(string(s), nil)
				} else {
					e.set(string(s), vals[j])
				}
			}
		case "_non_persistent_buffers_set":
			if set, ok := val.(*python.Set); ok {
				for _, e := range set.Elems() {
					if s, ok := e.(python.Str); ok {
						m.setPersistent(string(s), false)
					}
				}
			}
		default:
			if strings.HasPrefix(key, "_") && strings.Contains(key, "hook") || key == "_is_full_backward_hook" {
				continue
			}
			m.Dict().SetStr(key, val)
		}
	}
	return m, nil
}

func (l *loader) findClass(g pth.Global) *python.Class {
	if strings.HasPrefix(g.Module, "torch.nn") {
		if c, ok := layerClasses[g.Name]; ok {
			return c
		}
		return nil
	}
	if g.Module == "__main__" {
		if c, ok := programGlobal(l.th, g.Name).(*python.Class); ok {
			return c
		}
	}
	return nil
}

// loadedKeysTemplate is the template of a loaded dict's keys when they
// are a few strings (a state_dict's, an optimizer's param group),
// whose dict then shares the template's keys instead of making its own.
func loadedKeysTemplate(x *pth.Dict) *keysTmpl {
	const most = 16
	n := x.Len()
	if n == 0 || n > most {
		return nil
	}
	var buf [most]string
	names := buf[:0]
	for i := 0; i < n; i++ {
		s, ok := x.Key(i).(pth.Str)
		if !ok {
			return nil
		}
		names = append(names, string(s)) // distinct: a pth.Dict holds each str key once
	}
	return cachedKeysTemplate(names)
}

// layerForward returns the Go forward and extra_repr of a built-in layer
// class, by constructing nothing: the class's __init__ sets them, so they
// are kept in a table filled by defineLayer.
func layerForward(c *python.Class) (func(th *python.Thread, m *Module, args python.Args) (python.Value, error), extraRepr) {
	l, ok := layerDefs[c]
	if !ok {
		return nil, nil
	}
	return l.forward, l.extra
}

func initSerialization(m *python.Module) {
	m.SetFunc("add_safe_globals", func(th *python.Thread, args python.Args) (python.Value, error) {
		var items []python.Value
		if err := python.UnpackArgs("add_safe_globals", args, "safe_globals", &items); err != nil {
			return nil, err
		}
		names, err := globalNames(items)
		if err != nil {
			return nil, err
		}
		rt(th).safeGlobals = append(safeGlobals(th), names...)
		return python.None, nil
	})
	m.Set("safe_globals", safeGlobalsClass)
	m.SetFunc("get_safe_globals", func(th *python.Thread, args python.Args) (python.Value, error) {
		var out []python.Value
		for _, n := range safeGlobals(th) {
			out = append(out, python.Str(n))
		}
		return python.NewList(out), nil
	})
	m.SetFunc("clear_safe_globals", func(th *python.Thread, args python.Args) (python.Value, error) {
		rt(th).safeGlobals = nil
		return python.None, nil
	})
	m.SetFunc("save", observeSave(torchSave))
	m.SetFunc("load", observeLoad(torchLoad))
}

// programGlobal looks a name up in the globals of the learner code that
// called into torch (the program's main module), as unpickling a
// __main__ class does; nil when absent.
func programGlobal(th *python.Thread, name string) python.Value {
	b, ok := builtinsModule().(*python.Module)
	if !ok {
		return nil
	}
	f, ok := b.Get("globals")
	if !ok {
		return nil
	}
	g, err := python.Call(th, f, python.Args{})
	if err != nil {
		return nil
	}
	d, ok := g.(*python.Dict)
	if !ok {
		return nil
	}
	v, _ := d.GetStr(name)
	return v
}

// builtinsModule is the language's builtins module, reached through a main
// module's __builtins__ (it is not importable by name).
var builtinsModule = sync.OnceValue(func() python.Value {
	v, _ := python.NewMainModule().Get("__builtins__")
	return v
})

// globalNames are the dotted names pickles use for allow-listed classes.
func globalNames(items []python.Value) ([]string, error) {
	var names []string
	for _, it := range items {
		c, ok := it.(*python.Class)
		if !ok {
			if b, ok := it.(*python.Builtin); ok {
				names = append(names, "builtins."+b.Name)
				continue
			}
			return nil, python.Errorf(python.TypeErrorClass, "Expected safe_globals to be a list of classes or functions, but got %s", it.Type().Name)
		}
		mod := c.Module
		if mod == "" {
			mod = "builtins"
		}
		names = append(names, mod+"."+c.Name)
	}
	return names, nil
}

// safeGlobalsCM is torch.serialization.safe_globals([...]): the classes
// are allow-listed inside the with block only.
type safeGlobalsCM struct {
	names []string
	saved [][]string
}

var safeGlobalsClass = python.NewClass("safe_globals")

func (*safeGlobalsCM) Type() *python.Class { return safeGlobalsClass }

func init() {
	c := safeGlobalsClass
	c.Module = "torch.serialization"
	c.New = func(th *python.Thread, cls *python.Class, args python.Args) (python.Value, error) {
		var items []python.Value
		if err := python.UnpackArgs("safe_globals", args, "safe_globals", &items); err != nil {
			return nil, err
		}
		names, err := globalNames(items)
		if err != nil {
			return nil, err
		}
		return &safeGlobalsCM{names: names}, nil
	}
	c.SetMethod("__init__", func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		return python.None, nil
	})
	c.SetMethod("__enter__", func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		cm := self.(*safeGlobalsCM)
		r := rt(th)
		cm.saved = append(cm.saved, r.safeGlobals)
		r.safeGlobals = append(append([]string(nil), r.safeGlobals...), cm.names...)
		return python.None, nil
	})
	c.SetMethod("__exit__", func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		cm := self.(*safeGlobalsCM)
		if n := len(cm.saved); n > 0 {
			rt(th).safeGlobals = cm.saved[n-1]
			cm.saved = cm.saved[:n-1]
		}
		return python.False, nil
	})
	c.Freeze()
}
