package torch

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/ckptlab/ckptlab/sim/python"
	"github.com/ckptlab/ckptlab/sim/torch/tensor"
)

// entries is an insertion-ordered name -> value table (a module's
// _parameters, _buffers or _modules). The zero value is an empty table:
// its first two entries go in buf, as most tables are a layer's weight and
// bias or nothing, and names are found by scanning until the table
// outgrows scanLimit, when an index map takes over.
type entries struct {
	items []entry
	index map[string]int // name -> position in items; nil while scanning
	buf   [2]entry
}

// entry is one name of a table and its value; a nil value stands for None.
type entry struct {
	name string
	v    python.Value
}

// scanLimit is how many entries a table finds by scanning.
const scanLimit = 16

func (e *entries) find(name string) int {
	if e.index != nil {
		if i, ok := e.index[name]; ok {
			return i
		}
		return -1
	}
	for i := range e.items {
		if e.items[i].name == name {
			return i
		}
	}
	return -1
}

func (e *entries) get(name string) (python.Value, bool) {
	if i := e.find(name); i >= 0 {
		return e.items[i].v, true
	}
	return nil, false
}

// value is name's value, nil if the table has no such name or it is None.
func (e *entries) value(name string) python.Value {
	v, _ := e.get(name)
	return v
}

func (e *entries) set(name string, v python.Value) {
	if i := e.find(name); i >= 0 {
		e.items[i].v = v
		return
	}
	if e.items == nil {
		e.items = e.buf[:0]
	}
	e.items = append(e.items, entry{name, v})
	switch {
	case e.index != nil:
		e.index[name] = len(e.items) - 1
	case len(e.items) > scanLimit:
		e.reindex()
	}
}

func (e *entries) del(name string) bool {
	i := e.find(name)
	if i < 0 {
		return false
	}
	last := len(e.items) - 1
	copy(e.items[i:], e.items[i+1:])
	e.items[last] = entry{} // the moved-down last entry keeps no references
	e.items = e.items[:last]
	if e.index != nil {
		e.reindex()
	}
	return true
}

// reindex rebuilds the index map from items.
func (e *entries) reindex() {
	e.index = make(map[string]int, len(e.items))
	for i, it := range e.items {
		e.index[it.name] = i
	}
}

// Module is an nn.Module instance: the Go-defined layers and every learner
// class derived from nn.Module. Parameters, buffers and submodules live in
// ordered tables, found by attribute access as PyTorch's __getattr__ finds
// them, and registered by assignment as its __setattr__ does.
type Module struct {
	python.Object
	params, buffers, modules *entries
	// tables holds the three tables above, in the module's own allocation.
	tables [3]entries
	// nonPersistent names the buffers state_dict leaves out (register_buffer's
	// persistent=False); few modules have any.
	nonPersistent []string
	training      bool
	initialized   bool
	// forward is the Go forward of a built-in layer (nil for learner
	// classes, whose forward method is Python).
	forward func(th *python.Thread, m *Module, args python.Args) (python.Value, error)
	// extra is a built-in layer's extra_repr.
	extra extraRepr
}

// ModuleClass is torch.nn.Module.
var ModuleClass = python.NewClass("Module")

// isPersistent reports whether state_dict includes buffer name.
func (m *Module) isPersistent(name string) bool {
	return !slices.Contains(m.nonPersistent, name)
}

// setPersistent records whether state_dict includes buffer name.
func (m *Module) setPersistent(name string, persistent bool) {
	i := slices.Index(m.nonPersistent, name)
	switch {
	case persistent && i >= 0:
		m.nonPersistent = slices.Delete(m.nonPersistent, i, i+1)
	case !persistent && i < 0:
		m.nonPersistent = append(m.nonPersistent, name)
	}
}

func (m *Module) init() {
	if m.initialized {
		return
	}
	m.params, m.buffers, m.modules = &m.tables[0], &m.tables[1], &m.tables[2]
	m.training = true
	m.initialized = true
}

// DirNames adds parameters, buffers and submodules to dir(), so that
// AttributeError suggestions name them, as Module.__dir__ does.
func (m *Module) DirNames(t *python.Thread) []string {
	if !m.initialized {
		return nil
	}
	var out []string
	for _, e := range []*entries{m.params, m.buffers, m.modules} {
		for _, it := range e.items {
			out = append(out, it.name)
		}
	}
	return out
}

func asModule(v python.Value) (*Module, bool) {
	m, ok := v.(*Module)
	return m, ok
}

func typeRepr(v python.Value) string {
	c := v.Type()
	if c.Module == "builtins" || c.Module == "" {
		return "<class '" + c.Name + "'>"
	}
	return "<class '" + c.Module + "." + c.Name + "'>"
}

// torchTypeName is what PyTorch prints for a value in assignment errors:
// torch.FloatTensor for tensors, the class name otherwise.
func torchTypeName(v python.Value) string {
	if x, ok := v.(*Tensor); ok {
		return "torch." + legacyTypeName(x.T.DType())
	}
	return v.Type().Name
}

func moduleSetAttr(th *python.Thread, self python.Value, name string, v python.Value) error {
	m := self.(*Module)
	switch {
	case isParameter(v):
		if !m.initialized {
			return python.Errorf(python.AttributeErrorClass, "cannot assign parameters before Module.__init__() call")
		}
		if d := m.Dict(); d != nil {
			d.Delete(th, python.Str(name))
		}
		m.buffers.del(name)
		m.modules.del(name)
		m.setPersistent(name, true)
		m.params.set(name, v)
		return nil
	case m.initialized && has(m.params, name):
		if v != python.None {
			return python.Errorf(python.TypeErrorClass, "cannot assign '%s' as parameter '%s' (torch.nn.Parameter or None expected)", torchTypeName(v), name)
		}
		m.params.set(name, nil)
		return nil
	}
	if sub, ok := asModule(v); ok {
		_ = sub
		if !m.initialized {
			return python.Errorf(python.AttributeErrorClass, "cannot assign module before Module.__init__() call")
		}
		if d := m.Dict(); d != nil {
			d.Delete(th, python.Str(name))
		}
		m.params.del(name)
		m.buffers.del(name)
		m.modules.set(name, v)
		return nil
	}
	if m.initialized && has(m.modules, name) {
		if v != python.None {
			return python.Errorf(python.TypeErrorClass, "cannot assign '%s' as child module '%s' (torch.nn.Module or None expected)", torchTypeName(v), name)
		}
		m.modules.set(name, nil)
		return nil
	}
	if m.initialized && has(m.buffers, name) {
		if _, ok := v.(*Tensor); !ok && v != python.None {
			return python.Errorf(python.TypeErrorClass, "cannot assign '%s' as buffer '%s' (torch.Tensor or None expected)", torchTypeName(v), name)
		}
		if v == python.None {
			m.buffers.set(name, nil)
		} else {
			m.buffers.set(name, v)
		}
		return nil
	}
	if name == "training" {
		b, err := python.Truth(th, v)
		if err != nil {
			return err
		}
		m.training = b
		return nil
	}
	return python.SetAttrDefault(th, self, name, v)
}

func has(e *entries, name string) bool {
	_, ok := e.get(name)
	return ok
}

func orNoneV(v python.Value) python.Value {
	if v == nil {
		return python.None
	}
	return v
}

func moduleGetAttr(th *python.Thread, self python.Value, name string) (python.Value, error) {
	m := self.(*Module)
	if !m.initialized {
		return nil, nil
	}
	for i := range m.tables {
		if v, ok := m.tables[i].get(name); ok {
			return orNoneV(v), nil
		}
	}
	return nil, nil
}

func moduleDelAttr(th *python.Thread, self python.Value, name string) error {
	m := self.(*Module)
	if m.initialized && (m.params.del(name) || m.buffers.del(name) || m.modules.del(name)) {
		return nil
	}
	return python.DelAttrDefault(th, self, name)
}

// named walks the module tree depth first, self first, as named_modules
// does (each module once). seen is nil at the top of the walk: a module
// without submodules, a layer, needs no map to walk.
func (m *Module) named(prefix string, seen map[*Module]bool, fn func(prefix string, m *Module)) {
	if seen == nil {
		if len(m.modules.items) == 0 {
			fn(prefix, m)
			return
		}
		seen = map[*Module]bool{}
	}
	if seen[m] {
		return
	}
	seen[m] = true
	fn(prefix, m)
	for _, it := range m.modules.items {
		n := it.name
		sub, ok := it.v.(*Module)
		if !ok || !sub.initialized {
			continue
		}
		p := n
		if prefix != "" {
			p = prefix + "." + n
		}
		sub.named(p, seen, fn)
	}
}

type namedValue struct {
	name string
	v    python.Value
}

// namedMembers is named_parameters / named_buffers: members of every
// module, each object once.
func (m *Module) namedMembers(pick func(*Module) *entries, recurse bool) []namedValue {
	return m.appendNamedMembers(nil, pick, recurse)
}

// appendNamedMembers appends namedMembers to out, for callers that only
// read them and can offer a buffer on their stack.
func (m *Module) appendNamedMembers(out []namedValue, pick func(*Module) *entries, recurse bool) []namedValue {
	start := len(out)
	const scanned = 16 // finding repeats by scanning costs len² comparisons
	if e := pick(m); (!recurse || len(m.modules.items) == 0) && len(e.items) <= scanned {
		// a layer's own table, listed without the walk's maps
		for _, it := range e.items {
			n, v := it.name, it.v
			if v == nil || slices.ContainsFunc(out[start:], func(nv namedValue) bool { return nv.v == v }) {
				continue
			}
			if out == nil {
				out = make([]namedValue, 0, len(e.items))
			}
			out = append(out, namedValue{n, v})
		}
		return out
	}
	seen := map[python.Value]bool{}
	visit := func(prefix string, mod *Module) {
		e := pick(mod)
		for _, it := range e.items {
			n, v := it.name, it.v
			if v == nil || seen[v] {
				continue
			}
			seen[v] = true
			name := n
			if prefix != "" {
				name = prefix + "." + n
			}
			out = append(out, namedValue{name, v})
		}
	}
	if !recurse {
		visit("", m)
		return out
	}
	m.named("", nil, visit)
	return out
}

// memberValues is parameters() / buffers(): the values of namedMembers,
// written into buf when they fit. A module without submodules, a layer,
// lists its own table directly.
func (m *Module) memberValues(buf []python.Value, pick func(*Module) *entries, recurse bool) []python.Value {
	const scanned = 16 // finding repeats by scanning costs len² comparisons
	if e := pick(m); (!recurse || len(m.modules.items) == 0) && len(e.items) <= scanned {
		out := buf[:0]
		if len(e.items) > cap(buf) {
			out = make([]python.Value, 0, len(e.items))
		}
		for _, it := range e.items {
			if v := it.v; v != nil && !slices.Contains(out, v) {
				out = append(out, v)
			}
		}
		return out
	}
	return named(m.namedMembers(pick, recurse), false)
}

// appendStateEntries appends state_dict's (key, tensor) pairs, in
// PyTorch's order, to out: its callers only read them, and offer a buffer
// on their stack.
func (m *Module) appendStateEntries(out []namedValue) []namedValue {
	m.named("", nil, func(prefix string, mod *Module) {
		p := prefix
		if p != "" {
			p += "."
		}
		for _, it := range mod.params.items {
			n := it.name
			if v := it.v; v != nil {
				out = append(out, namedValue{joinName(p, n), v})
			}
		}
		for _, it := range mod.buffers.items {
			n := it.name
			if v := it.v; v != nil && mod.isPersistent(n) {
				out = append(out, namedValue{joinName(p, n), v})
			}
		}
	})
	return out
}

// hasStateEntry reports whether name is one of m's own state_dict entries:
// a parameter or a persistent buffer, though it be None.
func (m *Module) hasStateEntry(name string) bool {
	return has(m.params, name) || (has(m.buffers, name) && m.isPersistent(name))
}

// stateDict is state_dict(): detached tensors sharing the parameters'
// memory, in an OrderedDict whose _metadata records each module's version.
func (m *Module) stateDict(th *python.Thread, prefix string, keepVars bool) (*python.Dict, error) {
	var entryBuf [4]namedValue // a layer's, and a little more
	entries := m.appendStateEntries(entryBuf[:0])
	tmpl := stateKeysTemplate(prefix, entries)
	var d *python.Dict
	var vals []python.Value       // the values of tmpl's keys
	var detached []detachedTensor // the tensors unless keepVars
	if len(entries) <= layerEntries {
		a := new(layerStateDict)
		d, vals, detached = &a.d, a.vals[:len(entries)], a.detached[:len(entries)]
	} else {
		d = python.NewDict()
		if tmpl != nil {
			vals = make([]python.Value, len(entries))
		}
		if !keepVars {
			detached = make([]detachedTensor, len(entries)) // one allocation for all
		}
	}
	d.Class = stateDictClass
	if tmpl == nil {
		d.Reserve(len(entries))
	}
	for i, e := range entries {
		v := e.v
		if !keepVars {
			v = detached[i].of(v.(*Tensor).T)
		}
		if tmpl != nil {
			vals[i] = v
			continue
		}
		if err := d.Set(th, python.Str(prefix+e.name), v); err != nil {
			return nil, err
		}
	}
	if tmpl != nil {
		d.ShareKeys(tmpl.dict, vals)
	}
	if prefix == "" && len(m.modules.items) == 0 {
		// a layer's: {'': {'version': v}}, in one allocation
		a := new(layerMetadata)
		setVersion(&a.info, m.version())
		a.vals[0] = &a.info
		a.meta.Class = python.OrderedDictClass
		a.meta.ShareKeys(emptyKey.dict, a.vals[:])
		d.SetMetadata(&a.meta)
		return d, nil
	}
	meta := python.NewDict()
	meta.Class = python.OrderedDictClass
	m.named("", nil, func(p string, mod *Module) {
		info := versionDict(mod.version())
		key := strings.TrimSuffix(prefix, ".")
		if p != "" {
			if key != "" {
				key += "."
			}
			key += p
		}
		if key == "" && meta.Len() == 0 {
			meta.ShareKeys(emptyKey.dict, []python.Value{info}) // the usual {'': {'version': 1}}
			return
		}
		meta.Set(th, python.Str(key), info)
	})
	d.SetMetadata(meta)
	return d, nil
}

// layerStateDict is what state_dict makes for a module of a few tensors (a
// layer's weight and bias), in one allocation: the dict, the values of its
// keys and the detached tensors. (Its _metadata too would take it past
// 512 bytes, where an allocation takes a header and the next size class.)
type layerStateDict struct {
	d        python.Dict
	vals     [layerEntries]python.Value
	detached [layerEntries]detachedTensor
}

// layerEntries is the most entries of a layerStateDict.
const layerEntries = 2

// stateKeysTemplate is the template of a small state_dict's keys (a
// layer's), nil when there is none to share.
func stateKeysTemplate(prefix string, entries []namedValue) *keysTmpl {
	var buf [smallTemplate]string
	if prefix != "" || len(entries) > len(buf) {
		return nil
	}
	names := buf[:0]
	for _, e := range entries {
		names = append(names, e.name)
	}
	return cachedKeysTemplate(names)
}

// smallTemplate is the most keys a state_dict shares from a template.
const smallTemplate = 8

// A detachedTensor is a state_dict's tensor: a detached view of a
// parameter and its Python object, in one allocation.
type detachedTensor struct {
	obj  Tensor
	view tensor.ViewAlloc
}

// of makes d t.detach() and returns its object.
func (d *detachedTensor) of(t *tensor.Tensor) *Tensor {
	v := t.DetachIn(&d.view)
	d.obj = Tensor{T: v, cls: TensorClass}
	v.Owner = &d.obj
	return &d.obj
}

// emptyKey is the template of a dict whose one key is "" (a layer's
// state_dict _metadata).
var emptyKey = keysTemplateOf([]string{""})

// versions holds the _metadata entries {'version': v} of the versions
// modules have, which every state_dict shares until one is changed.
var versions = [...]*python.Dict{1: versionTemplate(1), 2: versionTemplate(2)}

func versionTemplate(v int) *python.Dict {
	d := python.NewDict()
	d.SetStr("version", python.Int(v))
	return d
}

// versionDict is a new {'version': v}.
func versionDict(v int) *python.Dict {
	d := python.NewDict()
	setVersion(d, v)
	return d
}

// setVersion makes the empty dict d {'version': v}.
func setVersion(d *python.Dict, v int) {
	if v > 0 && v < len(versions) {
		d.Share(versions[v])
		return
	}
	d.SetStr("version", python.Int(v))
}

// layerMetadata is the _metadata of a module without children: the
// OrderedDict, its one value {'version': v}, and the slice of its values.
type layerMetadata struct {
	meta, info python.Dict
	vals       [1]python.Value
}

// version is the _version class attribute PyTorch stores in _metadata.
func (m *Module) version() int {
	if m.Type().IsSubclass(batchNormClass) {
		return 2
	}
	return 1
}

// stateDictClass is the OrderedDict of state_dict(): an OrderedDict whose
// _metadata attribute PyTorch sets (the language's dicts carry no
// attributes, so the dict keeps it aside: python.Dict.SetMetadata; it goes
// when the dict does, and torch.save writes it as PyTorch does).
var stateDictClass = python.NewClass("OrderedDict", python.OrderedDictClass)

func init() {
	stateDictClass.Module = "collections"
	stateDictClass.GetAttrHook = func(th *python.Thread, self python.Value, name string) (python.Value, error) {
		if name != "_metadata" {
			return nil, nil
		}
		if d, ok := self.(*python.Dict); ok && d.Metadata() != nil {
			return d.Metadata(), nil
		}
		return nil, nil
	}
	stateDictClass.Freeze()
}

// incompatibleKeys is load_state_dict's _IncompatibleKeys result.
type incompatibleKeys struct {
	missing, unexpected []string
}

var incompatibleKeysClass = python.NewClass("_IncompatibleKeys")

func (*incompatibleKeys) Type() *python.Class { return incompatibleKeysClass }

func strList(ss []string) *python.List {
	items := make([]python.Value, len(ss))
	for i, s := range ss {
		items[i] = python.Str(s)
	}
	return python.NewList(items)
}

func init() {
	c := incompatibleKeysClass
	c.Module = "torch.nn.modules.module"
	c.SetMethod("__repr__", func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		k := self.(*incompatibleKeys)
		if len(k.missing) == 0 && len(k.unexpected) == 0 {
			return python.Str("<All keys matched successfully>"), nil
		}
		a, _ := python.Repr(th, strList(k.missing))
		b, _ := python.Repr(th, strList(k.unexpected))
		return python.Str("_IncompatibleKeys(missing_keys=" + a + ", unexpected_keys=" + b + ")"), nil
	})
	c.SetProperty("missing_keys", func(th *python.Thread, self python.Value) (python.Value, error) {
		return strList(self.(*incompatibleKeys).missing), nil
	}, nil)
	c.SetProperty("unexpected_keys", func(th *python.Thread, self python.Value) (python.Value, error) {
		return strList(self.(*incompatibleKeys).unexpected), nil
	}, nil)
	c.SetMethod("__iter__", func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		k := self.(*incompatibleKeys)
		return python.Iter(th, python.Tuple{strList(k.missing), strList(k.unexpected)})
	})
	c.SetMethod("__len__", func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		return python.Int(2), nil
	})
	c.SetMethod("__getitem__", func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		k := self.(*incompatibleKeys)
		return python.GetItem(th, python.Tuple{strList(k.missing), strList(k.unexpected)}, args.Pos[0])
	})
	c.Freeze()
}

// joinName is prefix + name, without the concatenation's call for the
// empty prefix of a top-level module's own entries.
func joinName(prefix, name string) string {
	if prefix == "" {
		return name
	}
	return prefix + name
}

// loadStateDict is load_state_dict with PyTorch's checks and messages.
func (m *Module) loadStateDict(th *python.Thread, sdV python.Value, strict, assign bool) (python.Value, error) {
	src, ok := sdV.(*python.Dict)
	if !ok {
		return nil, python.Errorf(python.TypeErrorClass, "Expected state_dict to be dict-like, got %s.", typeRepr(sdV))
	}
	meta := src.Metadata()
	// the checkpoint's entries are its str keys, and what filled adds (a
	// BatchNorm's num_batches_tracked, below). No Python code runs until
	// the load is over, so src stays as it is.
	var filled map[string]python.Value
	lookup := func(key string) (python.Value, bool) {
		if v, ok := filled[key]; ok {
			return v, true
		}
		return src.GetStr(key)
	}
	var missing, unexpected, errs []string
	var loadErr error
	var visit func(mod *Module, prefix string)
	visit = func(mod *Module, prefix string) {
		if loadErr != nil {
			return
		}
		// BatchNorm checkpoints older than version 2 lack num_batches_tracked;
		// PyTorch fills it in when the metadata gives no version.
		if mod.Type().IsSubclass(batchNormClass) && has(mod.buffers, "num_batches_tracked") {
			version := 0
			if meta != nil {
				if info, ok := meta.GetStr(strings.TrimSuffix(prefix, ".")); ok {
					if id, ok := info.(*python.Dict); ok {
						if v, ok := id.GetStr("version"); ok {
							n, _ := python.AsInt64(v)
							version = int(n)
						}
					}
				}
			}
			if version < 2 {
				key := prefix + "num_batches_tracked"
				if _, ok := lookup(key); !ok {
					if v := mod.buffers.value("num_batches_tracked"); v != nil {
						if filled == nil {
							filled = map[string]python.Value{}
						}
						filled[key] = v
					}
				}
			}
		}
		check := func(name string, cur python.Value, isParam bool) {
			if cur == nil {
				return
			}
			key := joinName(prefix, name)
			in, ok := lookup(key)
			if !ok {
				missing = append(missing, key)
				return
			}
			it, ok := in.(*Tensor)
			if !ok {
				errs = append(errs, fmt.Sprintf("While copying the parameter named \"%s\", expected torch.Tensor or Tensor-like object from checkpoint but received %s", key, typeRepr(in)))
				return
			}
			ct := cur.(*Tensor)
			if !sameInts(it.T.Shape(), ct.T.Shape()) {
				errs = append(errs, fmt.Sprintf("size mismatch for %s: copying a param with shape %s from checkpoint, the shape in current model is %s.", key, tensor.ShapeString(it.T.Shape()), tensor.ShapeString(ct.T.Shape())))
				return
			}
			if assign {
				nv := python.Value(it)
				if isParam && !isParameter(it) {
					p, err := newParameter(it.T, ct.T.RequiresGrad())
					if err != nil {
						loadErr = err
						return
					}
					nv = p
				}
				if isParam {
					mod.params.set(name, nv)
				} else {
					mod.buffers.set(name, nv)
				}
				return
			}
			ctx := rt(th).ctx
			saved := ctx.GradEnabled
			ctx.GradEnabled = false
			err := ct.T.CopyFrom(it.T)
			ctx.GradEnabled = saved
			if err != nil {
				errs = append(errs, fmt.Sprintf("While copying the parameter named \"%s\", whose dimensions in the model are %s and whose dimensions in the checkpoint are %s, an exception occurred : (%s).", key, tensor.ShapeString(ct.T.Shape()), tensor.ShapeString(it.T.Shape()), pyStrRepr(err)))
			}
		}
		for _, it := range mod.params.items {
			n := it.name
			check(n, it.v, true)
		}
		for _, it := range mod.buffers.items {
			n := it.name
			if mod.isPersistent(n) {
				check(n, it.v, false)
			}
		}
		for k := range src.All() {
			s, ok := k.(python.Str)
			if !ok || !strings.HasPrefix(string(s), prefix) {
				continue
			}
			key := string(s)
			rest := key[len(prefix):]
			if i := strings.IndexByte(rest, '.'); i >= 0 {
				if !has(mod.modules, rest[:i]) {
					unexpected = append(unexpected, key)
				}
			} else if !mod.hasStateEntry(rest) {
				unexpected = append(unexpected, key)
			}
		}
		for _, it := range mod.modules.items {
			n := it.name
			if sub, ok := it.v.(*Module); ok && sub.initialized {
				visit(sub, prefix+n+".")
			}
		}
	}
	visit(m, "")
	if loadErr != nil {
		return nil, loadErr
	}
	if strict {
		quote := func(ks []string) string {
			q := make([]string, len(ks))
			for i, k := range ks {
				q[i] = "\"" + k + "\""
			}
			return strings.Join(q, ", ")
		}
		if len(unexpected) > 0 {
			errs = append([]string{"Unexpected key(s) in state_dict: " + quote(unexpected) + ". "}, errs...)
		}
		if len(missing) > 0 {
			errs = append([]string{"Missing key(s) in state_dict: " + quote(missing) + ". "}, errs...)
		}
	}
	if len(errs) > 0 {
		return nil, python.Errorf(python.RuntimeErrorClass, "Error(s) in loading state_dict for %s:\n\t%s", m.Type().Name, strings.Join(errs, "\n\t"))
	}
	return &incompatibleKeys{missing: orEmpty(missing), unexpected: orEmpty(unexpected)}, nil
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func pyStrRepr(err error) string {
	if e, ok := err.(*python.Exception); ok {
		s, _ := python.Repr(nil, python.Str(e.Message()))
		return s + ","
	}
	return "'" + err.Error() + "',"
}

// addIndent is torch.nn.modules.module._addindent.
func addIndent(s string, n int) string {
	lines := strings.Split(s, "\n")
	if len(lines) == 1 {
		return s
	}
	pad := strings.Repeat(" ", n)
	for i := 1; i < len(lines); i++ {
		lines[i] = pad + lines[i]
	}
	return strings.Join(lines, "\n")
}

// appendModuleRepr appends repr(m) to b. A built-in layer whose
// extra_repr is its class's (the classes are frozen, but an instance
// attribute could replace it) is written here, its name and its one line
// of extra_repr in parentheses, without the boxing of two method calls.
func appendModuleRepr(b []byte, th *python.Thread, m *Module) ([]byte, error) {
	if _, builtin := layerDefs[m.Type()]; !builtin || !m.initialized || len(m.modules.items) > 0 {
		s, err := moduleRepr(th, m)
		return append(b, s...), err
	}
	if _, shadow := m.Dict().GetStr("extra_repr"); shadow {
		s, err := moduleRepr(th, m)
		return append(b, s...), err
	}
	start := len(b)
	b = append(b, m.Type().Name...)
	b = append(b, '(')
	extraStart := len(b)
	if m.extra != nil {
		b = m.extra(th, m, b)
	}
	if bytes.IndexByte(b[extraStart:], '\n') >= 0 {
		s, err := moduleReprOf(th, m, string(b[extraStart:]))
		return append(b[:start], s...), err
	}
	return append(b, ')'), nil
}

func moduleRepr(th *python.Thread, m *Module) (string, error) {
	ev, err := python.CallMethod(th, m, "extra_repr", python.Args{})
	if err != nil {
		return "", err
	}
	extra, err := python.ToStr(th, ev)
	if err != nil {
		return "", err
	}
	return moduleReprOf(th, m, extra)
}

// moduleReprOf is repr(m) given its extra_repr.
func moduleReprOf(th *python.Thread, m *Module, extra string) (string, error) {
	if !strings.Contains(extra, "\n") && (!m.initialized || len(m.modules.items) == 0) {
		// a layer: its one line of extra_repr, or nothing, in parentheses
		return m.Type().Name + "(" + extra + ")", nil
	}
	var extraLines []string
	if extra != "" {
		extraLines = strings.Split(extra, "\n")
	}
	var child []string
	if m.initialized {
		for _, it := range m.modules.items {
			n := it.name
			s := "None"
			if v := it.v; v != nil {
				r, err := python.Repr(th, v)
				if err != nil {
					return "", err
				}
				s = r
			}
			child = append(child, "("+n+"): "+addIndent(s, 2))
		}
	}
	lines := append(append([]string(nil), extraLines...), child...)
	out := m.Type().Name + "("
	if len(lines) > 0 {
		if len(extraLines) == 1 && len(child) == 0 {
			out += extraLines[0]
		} else {
			out += "\n  " + strings.Join(lines, "\n  ") + "\n"
		}
	}
	return out + ")", nil
}
