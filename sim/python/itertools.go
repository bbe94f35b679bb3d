package python

// The itertools functions learners reach for in data-loading loops.

var itertoolsClasses = map[string]*Class{}

var chainClass *Class

// chainIter yields the elements of each iterable sources yields.
func chainIter(sources Iterator) *goIterator {
	var cur Iterator
	return itertoolsIter("chain", func(t *Thread) (Value, bool, error) {
		for {
			if cur == nil {
				src, ok, err := sources.Next(t)
				if err != nil || !ok {
					return nil, false, err
				}
				if cur, err = Iter(t, src); err != nil {
					return nil, false, err
				}
			}
			v, ok, err := cur.Next(t)
			if err != nil {
				return nil, false, err
			}
			if ok {
				return v, true, nil
			}
			cur = nil
		}
	})
}

func itertoolsIter(name string, next func(t *Thread) (Value, bool, error)) *goIterator {
	return newGoIterator(itertoolsClasses[name], next)
}

func initItertoolsClasses() {
	for _, n := range []string{"count", "islice", "chain", "cycle", "repeat", "product", "accumulate", "zip_longest"} {
		c := NewClass(n)
		c.Module = "itertools"
		iteratorMethods(c)
		c.Freeze()
		itertoolsClasses[n] = c
	}
	chainClass = itertoolsClasses["chain"]
	chainClass.New = func(t *Thread, cls *Class, args Args) (Value, error) {
		return chainIter(&seqIterator{tuple: append(Tuple{}, args.Pos...)}), nil
	}
	chainClass.SetClassMethod("from_iterable", func(t *Thread, cls *Class, args Args) (Value, error) {
		if len(args.Pos) != 1 {
			return nil, Errorf(TypeErrorClass, "chain.from_iterable() takes exactly one argument (%d given)", len(args.Pos))
		}
		it, err := Iter(t, args.Pos[0])
		if err != nil {
			return nil, err
		}
		return chainIter(it), nil
	})
}

func initItertools(t *Thread, m *Module) error {
	setFunc(m, "count", func(t *Thread, args Args) (Value, error) {
		var start, step Value = Int(0), Int(1)
		if err := UnpackArgs("count", args, "start?", &start, "step?", &step); err != nil {
			return nil, err
		}
		cur := start
		return itertoolsIter("count", func(t *Thread) (Value, bool, error) {
			v := cur
			n, err := Binary(t, Add, cur, step)
			cur = n
			return v, err == nil, err
		}), nil
	})
	setFunc(m, "islice", func(t *Thread, args Args) (Value, error) {
		if len(args.Pos) < 2 || len(args.Pos) > 4 {
			return nil, Errorf(TypeErrorClass, "islice expected at most 4 arguments, got %d", len(args.Pos))
		}
		it, err := Iter(t, args.Pos[0])
		if err != nil {
			return nil, err
		}
		get := func(v Value, def int64) (int64, error) {
			if v == None {
				return def, nil
			}
			n, ok := AsInt64(v)
			if !ok || n < 0 {
				return 0, Errorf(ValueErrorClass, "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.")
			}
			return n, nil
		}
		start, stop, step := int64(0), int64(-1), int64(1)
		if len(args.Pos) == 2 {
			if stop, err = get(args.Pos[1], -1); err != nil {
				return nil, err
			}
		} else {
			if start, err = get(args.Pos[1], 0); err != nil {
				return nil, err
			}
			if stop, err = get(args.Pos[2], -1); err != nil {
				return nil, err
			}
			if len(args.Pos) == 4 {
				if step, err = get(args.Pos[3], 1); err != nil {
					return nil, err
				}
				if step == 0 {
					return nil, Errorf(ValueErrorClass, "Step for islice() must be a positive integer or None.")
				}
			}
		}
		i, next := int64(0), start
		return itertoolsIter("islice", func(t *Thread) (Value, bool, error) {
			for {
				if stop >= 0 && next >= stop {
					return nil, false, nil
				}
				v, ok, err := it.Next(t)
				if err != nil || !ok {
					return nil, false, err
				}
				i++
				if i-1 == next {
					next += step
					return v, true, nil
				}
			}
		}), nil
	})
	// chain is a class so chain.from_iterable works.
	m.Set("chain", chainClass)
	setFunc(m, "cycle", func(t *Thread, args Args) (Value, error) {
		if err := exactArgs("cycle", args, 1); err != nil {
			return nil, err
		}
		it, err := Iter(t, args.Pos[0])
		if err != nil {
			return nil, err
		}
		var saved []Value
		i, done := 0, false
		return itertoolsIter("cycle", func(t *Thread) (Value, bool, error) {
			if !done {
				v, ok, err := it.Next(t)
				if err != nil {
					return nil, false, err
				}
				if ok {
					saved = append(saved, v)
					return v, true, nil
				}
				done = true
			}
			if len(saved) == 0 {
				return nil, false, nil
			}
			v := saved[i%len(saved)]
			i++
			return v, true, nil
		}), nil
	})
	setFunc(m, "repeat", func(t *Thread, args Args) (Value, error) {
		var obj Value
		var times Value = None
		if err := UnpackArgs("repeat", args, "object", &obj, "times?", &times); err != nil {
			return nil, err
		}
		n := int64(-1)
		if times != None {
			n, _ = AsInt64(times)
		}
		return itertoolsIter("repeat", func(t *Thread) (Value, bool, error) {
			if n == 0 {
				return nil, false, nil
			}
			if n > 0 {
				n--
			}
			return obj, true, nil
		}), nil
	})
	setFunc(m, "product", func(t *Thread, args Args) (Value, error) {
		repeat := int64(1)
		if r := args.Kwarg("repeat"); r != nil {
			repeat, _ = AsInt64(r)
		}
		var pools [][]Value
		for i := int64(0); i < repeat; i++ {
			for _, a := range args.Pos {
				items, err := ToSlice(t, a)
				if err != nil {
					return nil, err
				}
				pools = append(pools, items)
			}
		}
		idx := make([]int, len(pools))
		done := false
		for _, p := range pools {
			if len(p) == 0 {
				done = true
			}
		}
		return itertoolsIter("product", func(t *Thread) (Value, bool, error) {
			if done {
				return nil, false, nil
			}
			out := make(Tuple, len(pools))
			for i, p := range pools {
				out[i] = p[idx[i]]
			}
			k := len(pools) - 1
			for ; k >= 0; k-- {
				idx[k]++
				if idx[k] < len(pools[k]) {
					break
				}
				idx[k] = 0
			}
			if k < 0 {
				done = true
			}
			return out, true, nil
		}), nil
	})
	setFunc(m, "accumulate", func(t *Thread, args Args) (Value, error) {
		var it, fn Value
		if err := UnpackArgs("accumulate", args, "iterable", &it, "func?", &fn, "*", "initial?", new(Value)); err != nil {
			return nil, err
		}
		src, err := Iter(t, it)
		if err != nil {
			return nil, err
		}
		var acc Value
		return itertoolsIter("accumulate", func(t *Thread) (Value, bool, error) {
			v, ok, err := src.Next(t)
			if err != nil || !ok {
				return nil, false, err
			}
			if acc == nil {
				acc = v
			} else if fn == nil || fn == None {
				if acc, err = Binary(t, Add, acc, v); err != nil {
					return nil, false, err
				}
			} else if acc, err = Call(t, fn, PosArgs(acc, v)); err != nil {
				return nil, false, err
			}
			return acc, true, nil
		}), nil
	})
	setFunc(m, "zip_longest", func(t *Thread, args Args) (Value, error) {
		var fill Value = None
		if f := args.Kwarg("fillvalue"); f != nil {
			fill = f
		}
		its := make([]Iterator, len(args.Pos))
		for i, a := range args.Pos {
			it, err := Iter(t, a)
			if err != nil {
				return nil, err
			}
			its[i] = it
		}
		live := make([]bool, len(its))
		for i := range live {
			live[i] = true
		}
		return itertoolsIter("zip_longest", func(t *Thread) (Value, bool, error) {
			out := make(Tuple, len(its))
			any := false
			for i, it := range its {
				if !live[i] {
					out[i] = fill
					continue
				}
				v, ok, err := it.Next(t)
				if err != nil {
					return nil, false, err
				}
				if !ok {
					live[i] = false
					out[i] = fill
					continue
				}
				any = true
				out[i] = v
			}
			if !any || len(its) == 0 {
				return nil, false, nil
			}
			return out, true, nil
		}), nil
	})
	return nil
}
