package pth

// checkTree refuses trees the simulator cannot hold safely: nesting deeper
// than maxDepth and reference cycles (a list containing itself), and values
// that only make sense inside the unpickler. Shared nodes are visited once,
// so a pickle that shares a tuple at every level (2^n paths) stays cheap.
func checkTree(v Value, maxDepth int) error {
	w := treeWalker{maxDepth: maxDepth, done: map[any]bool{}, onPath: map[any]bool{}}
	return w.walk(v, 0)
}

type treeWalker struct {
	maxDepth int
	done     map[any]bool
	onPath   map[any]bool
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

func (w *treeWalker) walk(v Value, depth int) error {
	if depth > w.maxDepth {
		return formatErrorf("checkpoint nests deeper than %d levels", w.maxDepth)
	}
	id := identity(v)
	if id != nil {
		if w.onPath[id] {
			return formatErrorf("checkpoint contains a reference cycle (a container inside itself), which the simulator cannot load")
		}
		if w.done[id] {
			return nil
		}
		w.onPath[id] = true
		defer func() {
			delete(w.onPath, id)
			w.done[id] = true
		}()
	}
	switch x := v.(type) {
	case fn:
		return formatErrorf("checkpoint holds %s itself rather than a value, which the simulator cannot load", x.name)
	case Tuple:
		for _, e := range x {
			if err := w.walk(e, depth+1); err != nil {
				return err
			}
		}
	case *List:
		for _, e := range x.Items {
			if err := w.walk(e, depth+1); err != nil {
				return err
			}
		}
	case *Set:
		for _, e := range x.Items {
			if err := w.walk(e, depth+1); err != nil {
				return err
			}
		}
	case *Dict:
		for i := 0; i < x.Len(); i++ {
			if err := w.walk(x.Key(i), depth+1); err != nil {
				return err
			}
			if err := w.walk(x.Val(i), depth+1); err != nil {
				return err
			}
		}
		if x.Attrs != nil {
			return w.walk(x.Attrs, depth+1)
		}
	case *Object:
		if err := w.walk(x.Args, depth+1); err != nil {
			return err
		}
		if x.State != nil {
			return w.walk(x.State, depth+1)
		}
	}
	return nil
}
