package python

import "strings"

// The operator module: itemgetter, attrgetter and the operator functions.

type getter struct {
	items []Value
	attrs []string
}

var itemGetterClass, attrGetterClass *Class

func (g *getter) Type() *Class {
	if g.attrs != nil {
		return attrGetterClass
	}
	return itemGetterClass
}

func initOperatorClasses() {
	itemGetterClass = NewClass("itemgetter")
	itemGetterClass.Module = "operator"
	itemGetterClass.SetMethod("__call__", func(t *Thread, self Value, args Args) (Value, error) {
		g := self.(*getter)
		if len(args.Pos) != 1 {
			return nil, Errorf(TypeErrorClass, "itemgetter expected 1 argument, got %d", len(args.Pos))
		}
		if len(g.items) == 1 {
			return GetItem(t, args.Pos[0], g.items[0])
		}
		out := make(Tuple, len(g.items))
		for i, k := range g.items {
			v, err := GetItem(t, args.Pos[0], k)
			if err != nil {
				return nil, err
			}
			out[i] = v
		}
		return out, nil
	})
	itemGetterClass.Freeze()
	attrGetterClass = NewClass("attrgetter")
	attrGetterClass.Module = "operator"
	attrGetterClass.SetMethod("__call__", func(t *Thread, self Value, args Args) (Value, error) {
		g := self.(*getter)
		if len(args.Pos) != 1 {
			return nil, Errorf(TypeErrorClass, "attrgetter expected 1 argument, got %d", len(args.Pos))
		}
		get := func(name string) (Value, error) {
			v := args.Pos[0]
			for _, part := range strings.Split(name, ".") {
				var err error
				if v, err = GetAttr(t, v, part); err != nil {
					return nil, err
				}
			}
			return v, nil
		}
		if len(g.attrs) == 1 {
			return get(g.attrs[0])
		}
		out := make(Tuple, len(g.attrs))
		for i, a := range g.attrs {
			v, err := get(a)
			if err != nil {
				return nil, err
			}
			out[i] = v
		}
		return out, nil
	})
	attrGetterClass.Freeze()
}

func initOperator(t *Thread, m *Module) error {
	setFunc(m, "itemgetter", func(t *Thread, args Args) (Value, error) {
		if len(args.Pos) == 0 {
			return nil, Errorf(TypeErrorClass, "itemgetter expected 1 argument, got 0")
		}
		return &getter{items: append([]Value(nil), args.Pos...)}, nil
	})
	setFunc(m, "attrgetter", func(t *Thread, args Args) (Value, error) {
		if len(args.Pos) == 0 {
			return nil, Errorf(TypeErrorClass, "attrgetter expected 1 argument, got 0")
		}
		var names []string
		for _, a := range args.Pos {
			s, ok := a.(Str)
			if !ok {
				return nil, Errorf(TypeErrorClass, "attribute name must be a string")
			}
			names = append(names, string(s))
		}
		return &getter{attrs: names}, nil
	})
	for name, op := range map[string]Op{"add": Add, "sub": Sub, "mul": Mul, "truediv": TrueDiv, "floordiv": FloorDiv, "mod": Mod, "pow": Pow, "matmul": MatMul} {
		op := op
		setFunc(m, name, func(t *Thread, args Args) (Value, error) {
			if len(args.Pos) != 2 {
				return nil, Errorf(TypeErrorClass, "expected 2 arguments, got %d", len(args.Pos))
			}
			return Binary(t, op, args.Pos[0], args.Pos[1])
		})
	}
	for name, op := range map[string]Op{"eq": Eq, "ne": Ne, "lt": Lt, "le": Le, "gt": Gt, "ge": Ge} {
		op := op
		setFunc(m, name, func(t *Thread, args Args) (Value, error) {
			if len(args.Pos) != 2 {
				return nil, Errorf(TypeErrorClass, "expected 2 arguments, got %d", len(args.Pos))
			}
			return Compare(t, op, args.Pos[0], args.Pos[1])
		})
	}
	setFunc(m, "neg", func(t *Thread, args Args) (Value, error) { return Unary(t, "-", args.Pos[0]) })
	setFunc(m, "not_", func(t *Thread, args Args) (Value, error) {
		b, err := Truth(t, args.Pos[0])
		return Bool(!b), err
	})
	return nil
}
