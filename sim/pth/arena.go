package pth

// Arena hands out the nodes of one tree from blocks: a checkpoint's dozen
// dicts, lists and tensors cost one allocation instead of one or two
// each. A node keeps its whole block alive, which suits a tree that is
// built, used and dropped at once (torch.save converting a program's values,
// torch.load building them). The zero Arena is ready to use; it is not safe
// for concurrent use.
type Arena struct {
	dicts   []Dict
	lists   []List
	tensors []Tensor
	storage []Storage
	items   []dictItem
	ints    []int64
	values  []Value
	// given counts the nodes handed out of each kind, which sizes the next
	// block: a small tree wastes little, a large one allocates rarely.
	givenDicts, givenLists, givenTensors, givenInts, givenValues, givenStorage, givenItems int

	started bool         // the first blocks are given out
	first   *firstBlocks // kept by Reset
	shared  bool         // see Shared
}

// Shared reports whether the tree last read into a (as ReadOptions.Arena)
// may hold a node in two places: its pickle took a container, a tensor or
// a tuple from the memo. When it is false, every node of the tree has one
// parent, so a caller converting the tree has no node to convert twice.
func (a *Arena) Shared() bool { return a.shared }

// firstBlocks are an arena's first blocks of every kind, in one
// allocation: a small model's state_dict and the state of its optimizer
// with momentum, saved or loaded together, need no other (a Linear's and
// an SGD's with momentum take 15 dicts, 4 tensors and storages, 59 values).
// Reset clears only what was used, so room left over costs little.
type firstBlocks struct {
	dicts   [16]Dict
	lists   [4]List
	tensors [8]Tensor
	storage [8]Storage
	items   [16]dictItem
	ints    [16]int64
	values  [64]Value
}

// start gives a the first blocks, on its first use.
func (a *Arena) start() {
	if a.first == nil {
		a.first = new(firstBlocks)
	}
	f := a.first
	a.dicts, a.lists, a.tensors, a.storage = f.dicts[:], f.lists[:], f.tensors[:], f.storage[:]
	a.items, a.ints, a.values = f.items[:], f.ints[:], f.values[:]
	a.started = true
}

// Reset empties a for another tree, keeping its first blocks. No node it
// handed out may be used after: the tree must be dropped first (written,
// or converted to the caller's own values).
func (a *Arena) Reset() {
	first := a.first
	if first != nil && a.started {
		first.clearUsed(a)
	}
	*a = Arena{first: first}
}

// clearUsed zeroes the nodes a handed out of the first blocks: each
// kind's first nodes came from there, at most as many as a gave out of the
// kind, and the rest is still zero. Zeroing only them, rather than all the
// blocks, saves a write barrier per pointer slot while the collector runs.
func (f *firstBlocks) clearUsed(a *Arena) {
	clear(f.dicts[:min(a.givenDicts, len(f.dicts))])
	clear(f.lists[:min(a.givenLists, len(f.lists))])
	clear(f.tensors[:min(a.givenTensors, len(f.tensors))])
	clear(f.storage[:min(a.givenStorage, len(f.storage))])
	clear(f.items[:min(a.givenItems, len(f.items))])
	clear(f.ints[:min(a.givenInts, len(f.ints))])
	clear(f.values[:min(a.givenValues, len(f.values))])
}

// blockSize is the size of the next block for a kind of node of which
// given were handed out so far: the blocks double from lo up to hi, and
// hold at least need.
func blockSize(given, need, lo, hi int) int {
	return max(need, min(max(given, lo), hi))
}

// carve hands out n zero nodes of one kind from its block, making the
// next block (blockSize from lo to hi) when the rest is too small. given
// counts the nodes of the kind handed out so far.
func carve[T any](a *Arena, block *[]T, given *int, n, lo, hi int) []T {
	if !a.started {
		a.start()
	}
	if len(*block) < n {
		*block = make([]T, blockSize(*given, n, lo, hi))
	}
	v := (*block)[:n:n]
	*block = (*block)[n:]
	*given += n
	return v
}

// NewDict returns an empty mapping of the given kind, as NewDict does,
// with room for n items.
func (a *Arena) NewDict(kind DictKind, n int) *Dict {
	d := &carve(a, &a.dicts, &a.givenDicts, 1, 8, 64)[0]
	d.Kind = kind
	a.growDict(d, n)
	return d
}

// growDict makes room for n more items in d, from the arena when d is
// still empty and they would not fit in its first items. A dict that
// outgrows them later copies them out, as Grow does.
func (a *Arena) growDict(d *Dict, n int) {
	if d.Len() > 0 || n <= len(d.first) || n > 64 || cap(d.items) >= n || d.index != nil {
		d.Grow(n)
		return
	}
	d.items = carve(a, &a.items, &a.givenItems, n, 8, 256)[:0]
}

// NewList returns an empty list with room for n items.
func (a *Arena) NewList(n int) *List {
	l := &carve(a, &a.lists, &a.givenLists, 1, 4, 64)[0]
	if n > 0 {
		l.Items = a.Values(n)[:0]
	}
	return l
}

// Values returns n nil values, for a tuple or a list's items. Appending
// past n copies them out of the block, as appending to any full slice does.
func (a *Arena) Values(n int) []Value {
	if n > 16 {
		return make([]Value, n)
	}
	return carve(a, &a.values, &a.givenValues, n, 32, 256)
}

// NewTensor returns a tensor whose Shape and Strides have ndim dims each,
// all zero, for the caller to fill.
func (a *Arena) NewTensor(ndim int) *Tensor {
	t := &carve(a, &a.tensors, &a.givenTensors, 1, 4, 64)[0]
	dims := a.int64s(2 * ndim)
	t.Shape, t.Strides = dims[:ndim:ndim], dims[ndim:]
	return t
}

// int64s returns n zero ints, in one slice whose appends never reach
// another caller's.
func (a *Arena) int64s(n int) []int64 {
	if n > 32 {
		return make([]int64, n)
	}
	return carve(a, &a.ints, &a.givenInts, n, 16, 256)
}

// NewStorage returns an empty storage.
func (a *Arena) NewStorage() *Storage {
	return &carve(a, &a.storage, &a.givenStorage, 1, 2, 64)[0]
}
