package pth

import (
	"sync"

	"github.com/ckptlab/ckptlab/sim/internal/smallmap"
)

// maxExpandedValues bounds how many values a caller walking the tree would
// visit if it copies tuples (values) and shares lists, dicts and objects
// (references), as a converter to Python objects does.
const maxExpandedValues = 50_000_000

// checkTree refuses trees the simulator cannot hold safely: nesting deeper
// than maxDepth, reference cycles (a list containing itself), values that
// only make sense inside the unpickler, and tuple sharing that would expand
// exponentially for a caller that copies tuples (a pickle that puts the same
// tuple twice into the next one, 64 times over, has 2^64 paths). Shared
// nodes are visited once here, so the check itself is linear.
//
// plain says every node of the tree has a single parent (the unpickler saw
// no memo get of a node that can be shared): there can be no cycle and no
// sharing, so the walk skips the identity checks, with the same result.
func checkTree(v Value, maxDepth int, plain bool) error {
	w := treeWalkers.Get().(*treeWalker)
	w.maxDepth, w.plain = maxDepth, plain
	w.path = w.firstPath[:0]
	n, err := w.walk(v, 0)
	w.reset()
	treeWalkers.Put(w)
	if err != nil {
		return err
	}
	if n > maxExpandedValues {
		return tooManyValues()
	}
	return nil
}

// treeWalkers keeps walkers, with their arrays, between checks.
var treeWalkers = sync.Pool{New: func() any { return new(treeWalker) }}

func tooManyValues() error {
	return formatErrorf("checkpoint expands to more than %d values, over the simulator's limit", maxExpandedValues)
}

type treeWalker struct {
	maxDepth  int
	plain     bool                     // no node has two parents: skip identities
	size      smallmap.Map[any, int64] // expanded size of each shared node already walked
	path      []any                    // the shared nodes from the root to the node walked
	deep      map[any]bool             // path as a set, once it is too long to scan
	firstPath [16]any
}

// maxScannedPath is the path length up to which onPath scans the path;
// past it (a deeply nested checkpoint) a set answers.
const maxScannedPath = 32

// onPath reports whether id is on the path from the root: a cycle.
func (w *treeWalker) onPath(id any) bool {
	if w.deep != nil {
		return w.deep[id]
	}
	for _, p := range w.path {
		if p == id {
			return true
		}
	}
	return false
}

func (w *treeWalker) push(id any) {
	w.path = append(w.path, id)
	switch {
	case w.deep != nil:
		w.deep[id] = true
	case len(w.path) > maxScannedPath:
		w.deep = make(map[any]bool, 2*len(w.path))
		for _, p := range w.path {
			w.deep[p] = true
		}
	}
}

// reset drops every reference to the tree the walker holds. A walk ends
// with an empty path whose array pop left with no identity in it, so only
// the sizes' used entries need clearing, and firstPath when the path
// outgrew it (its identities were copied out, never popped there): zeroing
// the whole walker, arrays and all, costs a write barrier per slot while
// the collector runs.
func (w *treeWalker) reset() {
	w.size.Reset()
	if cap(w.path) > len(w.firstPath) {
		clear(w.firstPath[:])
	}
	w.path, w.deep = nil, nil
}

func (w *treeWalker) pop() {
	id := w.path[len(w.path)-1]
	w.path[len(w.path)-1] = nil
	w.path = w.path[:len(w.path)-1]
	if w.deep != nil {
		delete(w.deep, id)
	}
}

// identity returns a comparable identity for shared nodes, or nil.
func identity(v Value) any {
	switch x := v.(type) {
	case *List, *Dict, *Set, *Object, *Tensor:
		return x
	case Tuple:
		if len(x) > 0 {
			return &x[0]
		}
	}
	return nil
}

// walk returns the number of values a copying caller would visit.
func (w *treeWalker) walk(v Value, depth int) (int64, error) {
	if depth > w.maxDepth {
		return 0, formatErrorf("checkpoint nests deeper than %d levels", w.maxDepth)
	}
	if !w.plain {
		if id := identity(v); id != nil {
			return w.walkShared(v, id, depth)
		}
	}
	return w.walkNode(v, depth)
}

// walkShared is walk of a node that may have two parents: it refuses a
// cycle and walks the node's contents only the first time.
func (w *treeWalker) walkShared(v Value, id any, depth int) (int64, error) {
	if w.onPath(id) {
		return 0, formatErrorf("checkpoint contains a reference cycle (a container inside itself), which the simulator cannot load")
	}
	if n, ok := w.size.Get(id); ok {
		if _, isTuple := v.(Tuple); isTuple {
			return n, nil // copied again by the caller
		}
		return 1, nil // a reference to an object already converted
	}
	w.push(id)
	total, err := w.walkNode(v, depth)
	w.pop()
	if err != nil {
		return 0, err
	}
	w.size.Add(id, total)
	return total, nil
}

// walkNode counts v and walks the values it holds.
func (w *treeWalker) walkNode(v Value, depth int) (int64, error) {
	total := int64(1)
	switch x := v.(type) {
	case fn:
		if isForeignDType(x.name) {
			return 0, unsupportedHere("the dtype " + x.name)
		}
		return 0, formatErrorf("checkpoint holds %s itself rather than a value, which the simulator cannot load", x.name)
	case Tuple:
		return w.walkItems(x, depth)
	case *List:
		return w.walkItems(x.Items, depth)
	case *Set:
		return w.walkItems(x.Items, depth)
	case *Dict:
		for i := 0; i < x.Len(); i++ {
			if w.scalarsFit(total+2, depth) && isScalar(x.Key(i)) && isScalar(x.Val(i)) {
				total += 2 // add's result for each, without its calls
				continue
			}
			if err := w.add(&total, x.Key(i), depth); err != nil {
				return 0, err
			}
			if err := w.add(&total, x.Val(i), depth); err != nil {
				return 0, err
			}
		}
		if x.Attrs != nil {
			if err := w.add(&total, x.Attrs, depth); err != nil {
				return 0, err
			}
		}
	case *Object:
		if err := w.add(&total, x.Args, depth); err != nil {
			return 0, err
		}
		if x.State != nil {
			if err := w.add(&total, x.State, depth); err != nil {
				return 0, err
			}
		}
	}
	return total, nil
}

// walkItems counts a tuple, list or set with its items.
func (w *treeWalker) walkItems(items []Value, depth int) (int64, error) {
	total := int64(1)
	for _, e := range items {
		if w.scalarsFit(total+1, depth) && isScalar(e) {
			total++ // add's result, without its call
			continue
		}
		if err := w.add(&total, e, depth); err != nil {
			return 0, err
		}
	}
	return total, nil
}

// add walks e, a value held at depth, adding its count to total. A
// scalar not too deep counts one without a walk (most of a tree's values
// are keys and numbers).
func (w *treeWalker) add(total *int64, e Value, depth int) error {
	n := int64(1)
	if !isScalar(e) || depth+1 > w.maxDepth {
		var err error
		if n, err = w.walk(e, depth+1); err != nil {
			return err
		}
	}
	*total += n
	if *total > maxExpandedValues {
		return tooManyValues()
	}
	return nil
}

// scalarsFit reports whether add of scalars held at depth, bringing the
// total to total, counts them one each without an error.
func (w *treeWalker) scalarsFit(total int64, depth int) bool {
	return depth+1 <= w.maxDepth && total <= maxExpandedValues
}

// isScalar reports whether v is a value walk counts as one, with nothing
// inside it and no identity.
func isScalar(v Value) bool {
	switch v.(type) {
	case None, Bool, Int, Float, Str:
		return true
	}
	return false
}
