package python

// iterOrder returns the set's elements in the order CPython iterates them:
// the order of its open-addressing hash table, which for small ints is
// usually (but not always) sorted. It replays CPython's insertion algorithm
// (set_add_entry, set_table_resize, set_insert_clean) over the elements in
// insertion order.
func (s *Set) iterOrder() []Value {
	elems := s.Elems()
	if len(elems) < 2 || len(elems) > 100000 {
		return elems
	}
	hashes := make([]uint64, len(elems))
	for i, e := range elems {
		h, err := Hash(nil, e)
		if err != nil {
			return elems
		}
		hashes[i] = uint64(h)
	}
	const linearProbes = 9
	const perturbShift = 5
	mask := uint64(7)
	table := make([]int, 8)
	for i := range table {
		table[i] = -1
	}
	insertClean := func(table []int, mask uint64, idx int) {
		h := hashes[idx]
		perturb := h
		i := h & mask
		for {
			if table[i] < 0 {
				table[i] = idx
				return
			}
			if i+linearProbes <= mask {
				for j := uint64(1); j <= linearProbes; j++ {
					if table[i+j] < 0 {
						table[i+j] = idx
						return
					}
				}
			}
			perturb >>= perturbShift
			i = (i*5 + 1 + perturb) & mask
		}
	}
	fill := 0
	for idx := range elems {
		insertClean(table, mask, idx)
		fill++
		if uint64(fill)*5 < mask*3 {
			continue
		}
		minused := fill * 4
		if fill > 50000 {
			minused = fill * 2
		}
		newsize := 8
		for newsize <= minused {
			newsize <<= 1
		}
		old := table
		table = make([]int, newsize)
		for i := range table {
			table[i] = -1
		}
		mask = uint64(newsize - 1)
		for _, j := range old {
			if j >= 0 {
				insertClean(table, mask, j)
			}
		}
	}
	out := make([]Value, 0, len(elems))
	for _, j := range table {
		if j >= 0 {
			out = append(out, elems[j])
		}
	}
	return out
}

func setBinary(t *Thread, op Op, x, y *Set) (Value, error) {
	out := &Set{Frozen: x.Frozen}
	switch op {
	case Or:
		for _, e := range x.Elems() {
			out.Add(t, e)
		}
		for _, e := range y.Elems() {
			if err := out.Add(t, e); err != nil {
				return nil, err
			}
		}
	case And:
		for _, e := range x.Elems() {
			if ok, _ := y.Has(t, e); ok {
				out.Add(t, e)
			}
		}
	case Sub:
		for _, e := range x.Elems() {
			if ok, _ := y.Has(t, e); !ok {
				out.Add(t, e)
			}
		}
	case Xor:
		for _, e := range x.Elems() {
			if ok, _ := y.Has(t, e); !ok {
				out.Add(t, e)
			}
		}
		for _, e := range y.Elems() {
			if ok, _ := x.Has(t, e); !ok {
				out.Add(t, e)
			}
		}
	default:
		return nil, nil
	}
	return out, nil
}

func setSubset(t *Thread, x, y *Set) bool {
	if x.Len() > y.Len() {
		return false
	}
	for _, e := range x.Elems() {
		if ok, _ := y.Has(t, e); !ok {
			return false
		}
	}
	return true
}

func setCompare(t *Thread, op Op, x, y *Set) (Value, error) {
	switch op {
	case Eq:
		return Bool(x.Len() == y.Len() && setSubset(t, x, y)), nil
	case Ne:
		return Bool(!(x.Len() == y.Len() && setSubset(t, x, y))), nil
	case Le:
		return Bool(setSubset(t, x, y)), nil
	case Lt:
		return Bool(x.Len() < y.Len() && setSubset(t, x, y)), nil
	case Ge:
		return Bool(setSubset(t, y, x)), nil
	case Gt:
		return Bool(y.Len() < x.Len() && setSubset(t, y, x)), nil
	}
	return nil, nil
}
