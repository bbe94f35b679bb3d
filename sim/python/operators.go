package python

import (
	"strings"
)

// Binary returns a op b for an arithmetic or bitwise operator, trying
// a.__op__(b) then b.__rop__(a) as CPython does.
func Binary(t *Thread, op Op, a, b Value) (Value, error) {
	if r, ok, err := numberBinary(t, op, a, b); ok {
		return r, err
	}
	// A subclass of list or dict that defines the operator in Python goes
	// to the general dispatch below, past the containers' fast path.
	if !overridden(a, opDunders[op]) && !overridden(b, opRDunders[op]) {
		if r, ok, err := seqBinary(t, op, a, b); ok {
			return r, err
		}
	}
	ta, tb := a.Type(), b.Type()
	var lm, rm Value
	lm = ta.Lookup(opDunders[op])
	if ta != tb {
		rm = tb.Lookup(opRDunders[op])
	}
	if rm != nil && tb.IsSubclass(ta) && ta != tb {
		r, err := Call(t, bind(rm, b, tb), PosArgs(a))
		if err != nil || r != NotImplemented {
			return r, err
		}
		rm = nil
	}
	if lm != nil {
		r, err := Call(t, bind(lm, a, ta), PosArgs(b))
		if err != nil || r != NotImplemented {
			return r, err
		}
	}
	if rm != nil {
		r, err := Call(t, bind(rm, b, tb), PosArgs(a))
		if err != nil || r != NotImplemented {
			return r, err
		}
	}
	return nil, binaryTypeError(op, a, b)
}

func binaryTypeError(op Op, a, b Value) *Exception {
	if _, ok := a.(Bytes); ok && op == Add {
		return Errorf(TypeErrorClass, "can't concat %s to bytes", typeName(b))
	}
	switch a.(type) {
	case Str, *List, Tuple:
		if op == Add {
			return Errorf(TypeErrorClass, "can only concatenate %s (not \"%s\") to %s", typeName(a), typeName(b), typeName(a))
		}
		if op == Mul {
			return Errorf(TypeErrorClass, "can't multiply sequence by non-int of type '%s'", typeName(b))
		}
	}
	if op == Mul {
		switch b.(type) {
		case Str, *List, Tuple:
			return Errorf(TypeErrorClass, "can't multiply sequence by non-int of type '%s'", typeName(a))
		}
	}
	sym := op.String()
	if op == Pow {
		sym = "** or pow()"
	}
	return Errorf(TypeErrorClass, "unsupported operand type(s) for %s: '%s' and '%s'", sym, typeName(a), typeName(b))
}

// InplaceBinary returns a op= b: a.__iop__(b) when defined, else Binary.
func InplaceBinary(t *Thread, op Op, a, b Value) (Value, error) {
	switch x := a.(type) {
	case *List:
		if op == Add && !overridden(x, "__iadd__") {
			var items []Value
			if err := Iterate(t, b, func(v Value) error { items = append(items, v); return nil }); err != nil {
				if isException(err, TypeErrorClass) {
					return nil, Errorf(TypeErrorClass, "'%s' object is not iterable", typeName(b))
				}
				return nil, err
			}
			if err := t.Alloc(int64(8 * len(items))); err != nil {
				return nil, err
			}
			x.Items = append(x.Items, items...)
			return x, nil
		}
	case Str:
		if y, ok := b.(Str); ok && op == Add {
			return t.appendStr(x, y)
		}
		return Binary(t, op, a, b)
	case Int, Float, Tuple, Bool, *BigInt:
		return Binary(t, op, a, b)
	}
	if m := a.Type().Lookup(opIDunders[op]); m != nil {
		r, err := Call(t, bind(m, a, a.Type()), PosArgs(b))
		if err != nil || r != NotImplemented {
			return r, err
		}
	}
	r, err := Binary(t, op, a, b)
	if e, ok := err.(*Exception); ok && e.Type() == TypeErrorClass && strings.HasPrefix(e.message(), "unsupported operand") {
		sym := op.String() + "="
		if op == Pow {
			sym = "**="
		}
		return nil, Errorf(TypeErrorClass, "unsupported operand type(s) for %s: '%s' and '%s'", sym, typeName(a), typeName(b))
	}
	return r, err
}

func seqBinary(t *Thread, op Op, a, b Value) (Value, bool, error) {
	switch x := a.(type) {
	case Str:
		switch op {
		case Add:
			if y, ok := b.(Str); ok {
				if err := t.allocGrowth(int64(len(x)+len(y)), int64(len(y))); err != nil {
					return nil, true, err
				}
				return x + y, true, nil
			}
		case Mul:
			if n, ok := AsInt64(b); ok {
				return repeatStr(t, x, n)
			}
		case Mod:
			r, err := percentFormat(t, string(x), b)
			return r, true, err
		}
	case *List:
		switch op {
		case Add:
			if y, ok := b.(*List); ok {
				if err := t.allocGrowth(int64(8*(len(x.Items)+len(y.Items))), int64(8*len(y.Items)+64)); err != nil {
					return nil, true, err
				}
				items := make([]Value, 0, len(x.Items)+len(y.Items))
				items = append(items, x.Items...)
				return NewList(append(items, y.Items...)), true, nil
			}
		case Mul:
			if n, ok := AsInt64(b); ok {
				items, err := repeatItems(t, x.Items, n)
				return NewList(items), true, err
			}
		}
	case Tuple:
		switch op {
		case Add:
			if y, ok := b.(Tuple); ok {
				if err := t.allocGrowth(int64(8*(len(x)+len(y))), int64(8*len(y)+64)); err != nil {
					return nil, true, err
				}
				items := make(Tuple, 0, len(x)+len(y))
				items = append(items, x...)
				return append(items, y...), true, nil
			}
		case Mul:
			if n, ok := AsInt64(b); ok {
				items, err := repeatItems(t, x, n)
				return Tuple(items), true, err
			}
		}
	case Bytes:
		if op == Add {
			if y, ok := b.(Bytes); ok {
				if err := t.allocGrowth(int64(len(x)+len(y)), int64(len(y))); err != nil {
					return nil, true, err
				}
				return x + y, true, nil
			}
		}
		if op == Mul {
			if n, ok := AsInt64(b); ok {
				r, _, err := repeatStr(t, Str(x), n)
				if err != nil {
					return nil, true, err
				}
				return Bytes(r.(Str)), true, nil
			}
		}
	case Int, Bool:
		if op == Mul {
			n, _ := AsInt64(x)
			switch y := b.(type) {
			case Str:
				return repeatStr(t, y, n)
			case *List:
				items, err := repeatItems(t, y.Items, n)
				return NewList(items), true, err
			case Tuple:
				items, err := repeatItems(t, y, n)
				return Tuple(items), true, err
			}
		}
	case *Set:
		if y, ok := b.(*Set); ok {
			r, err := setBinary(t, op, x, y)
			return r, r != nil || err != nil, err
		}
	case *Dict:
		if y, ok := b.(*Dict); ok && op == Or {
			r := x.Copy()
			keys, vals := y.Items()
			for i := range keys {
				if err := r.Set(t, keys[i], vals[i]); err != nil {
					return nil, true, err
				}
			}
			return r, true, nil
		}
	}
	return nil, false, nil
}

func repeatStr(t *Thread, s Str, n int64) (Value, bool, error) {
	if n <= 0 || len(s) == 0 {
		return Str(""), true, nil
	}
	if n > (1<<40)/int64(len(s)) {
		return nil, true, NewException(MemoryErrorClass)
	}
	if err := t.Alloc(int64(len(s)) * n); err != nil {
		return nil, true, err
	}
	return Str(strings.Repeat(string(s), int(n))), true, nil
}

func repeatItems(t *Thread, items []Value, n int64) ([]Value, error) {
	if n <= 0 || len(items) == 0 {
		return []Value{}, nil
	}
	if n > (1<<40)/int64(len(items)) {
		return nil, NewException(MemoryErrorClass)
	}
	if err := t.Alloc(8 * int64(len(items)) * n); err != nil {
		return nil, err
	}
	out := make([]Value, 0, len(items)*int(n))
	for i := int64(0); i < n; i++ {
		out = append(out, items...)
	}
	return out, nil
}

// Unary applies -, + or ~ ("-", "+", "~").
func Unary(t *Thread, op string, v Value) (Value, error) {
	switch x := v.(type) {
	case Int:
		switch op {
		case "-":
			if x == -x && x != 0 {
				return intBinary(t, Sub, Int(0), x)
			}
			return -x, nil
		case "+":
			return x, nil
		case "~":
			return ^x, nil
		}
	case Bool:
		n, _ := AsInt64(x)
		return Unary(t, op, Int(n))
	case *BigInt:
		switch op {
		case "-":
			return intBinary(t, Sub, Int(0), x)
		case "+":
			return x, nil
		case "~":
			r, err := intBinary(t, Add, x, Int(1))
			if err != nil {
				return nil, err
			}
			return intBinary(t, Sub, Int(0), r)
		}
	case Float:
		switch op {
		case "-":
			return -x, nil
		case "+":
			return x, nil
		}
	}
	name := map[string]string{"-": "__neg__", "+": "__pos__", "~": "__invert__"}[op]
	if r, ok, err := callSpecial(t, v, name); ok {
		return r, err
	}
	return nil, Errorf(TypeErrorClass, "bad operand type for unary %s: '%s'", op, typeName(v))
}

var reflectedCompare = map[Op]Op{Eq: Eq, Ne: Ne, Lt: Gt, Gt: Lt, Le: Ge, Ge: Le}

// Compare returns a op b for a comparison operator.
func Compare(t *Thread, op Op, a, b Value) (Value, error) {
	if c, ok := numCompare(a, b); ok {
		return Bool(cmpResult(op, c)), nil
	}
	// A subclass of list or dict that defines the comparison in Python goes
	// to the general dispatch below, past the built-in comparisons.
	if !overridden(a, opDunders[op]) && !overridden(b, opDunders[reflectedCompare[op]]) {
		if r, ok, err := builtinCompare(t, op, a, b); ok {
			return r, err
		}
	}
	name := opDunders[op]
	ta, tb := a.Type(), b.Type()
	rname := opDunders[reflectedCompare[op]]
	tryRight := func() (Value, error) {
		if rm := tb.Lookup(rname); rm != nil && rm != objectEq && rm != objectNe {
			return Call(t, bind(rm, b, tb), PosArgs(a))
		}
		return NotImplemented, nil
	}
	if ta != tb && tb.IsSubclass(ta) {
		r, err := tryRight()
		if err != nil || r != NotImplemented {
			return r, err
		}
	}
	if lm := ta.Lookup(name); lm != nil && lm != objectEq && lm != objectNe {
		r, err := Call(t, bind(lm, a, ta), PosArgs(b))
		if err != nil || r != NotImplemented {
			return r, err
		}
	}
	r, err := tryRight()
	if err != nil || r != NotImplemented {
		return r, err
	}
	// The subclass's methods declined: list's and dict's own comparisons
	// still apply, as they would in CPython's slot.
	if r, ok, err := builtinCompare(t, op, a, b); ok {
		return r, err
	}
	switch op {
	case Eq:
		return Bool(sameValue(a, b)), nil
	case Ne:
		if lm := ta.Lookup("__eq__"); lm != nil && lm != objectEq {
			r, err := Call(t, bind(lm, a, ta), PosArgs(b))
			if err != nil {
				return nil, err
			}
			if r != NotImplemented {
				v, err := Truth(t, r)
				return Bool(!v), err
			}
		}
		return Bool(!sameValue(a, b)), nil
	}
	return nil, Errorf(TypeErrorClass, "'%s' not supported between instances of '%s' and '%s'", op, typeName(a), typeName(b))
}

// builtinCompare compares values of the built-in types that define the
// comparison themselves; ok is false when neither does.
func builtinCompare(t *Thread, op Op, a, b Value) (r Value, ok bool, err error) {
	switch x := a.(type) {
	case Str:
		if y, ok := b.(Str); ok {
			return Bool(cmpResult(op, strings.Compare(string(x), string(y)))), true, nil
		}
	case Bytes:
		if y, ok := b.(Bytes); ok {
			return Bool(cmpResult(op, strings.Compare(string(x), string(y)))), true, nil
		}
	case Tuple:
		if y, ok := b.(Tuple); ok {
			r, err := seqCompare(t, op, x, y)
			return r, true, err
		}
	case *List:
		if y, ok := b.(*List); ok {
			r, err := seqCompare(t, op, x.Items, y.Items)
			return r, true, err
		}
	case NoneType:
		if op == Eq || op == Ne {
			if _, ok := b.(NoneType); ok || !isPointer(b) {
				return Bool((a == b) == (op == Eq)), true, nil
			}
		}
	case *Dict:
		if y, ok := b.(*Dict); ok && (op == Eq || op == Ne) {
			eq, err := dictEqual(t, x, y)
			return Bool(eq == (op == Eq)), true, err
		}
	case *Set:
		if y, ok := b.(*Set); ok {
			r, err := setCompare(t, op, x, y)
			return r, true, err
		}
	case *Range:
		if y, ok := b.(*Range); ok && (op == Eq || op == Ne) {
			eq := x.Len() == y.Len() && (x.Len() == 0 || x.Start == y.Start && (x.Len() == 1 || x.Step == y.Step))
			return Bool(eq == (op == Eq)), true, nil
		}
	}
	return nil, false, nil
}

func cmpResult(op Op, c int) bool {
	if c == 2 { // NaN
		return op == Ne
	}
	switch op {
	case Eq:
		return c == 0
	case Ne:
		return c != 0
	case Lt:
		return c < 0
	case Le:
		return c <= 0
	case Gt:
		return c > 0
	case Ge:
		return c >= 0
	}
	return false
}

func seqCompare(t *Thread, op Op, x, y []Value) (Value, error) {
	if err := t.enterGo(" in comparison"); err != nil {
		return nil, err
	}
	defer t.leaveGo()
	if (op == Eq || op == Ne) && len(x) != len(y) {
		return Bool(op == Ne), nil
	}
	for i := 0; i < len(x) && i < len(y); i++ {
		if err := t.step(); err != nil {
			return nil, err
		}
		eq, err := Equal(t, x[i], y[i])
		if err != nil {
			return nil, err
		}
		if !eq {
			if op == Eq {
				return False, nil
			}
			if op == Ne {
				return True, nil
			}
			return Compare(t, op, x[i], y[i])
		}
	}
	c := 0
	if len(x) < len(y) {
		c = -1
	} else if len(x) > len(y) {
		c = 1
	}
	return Bool(cmpResult(op, c)), nil
}

func dictEqual(t *Thread, x, y *Dict) (bool, error) {
	if err := t.enterGo(" in comparison"); err != nil {
		return false, err
	}
	defer t.leaveGo()
	if x.n != y.n {
		return false, nil
	}
	keys, vals := x.Items()
	for i, k := range keys {
		v, ok, err := y.Get(t, k)
		if err != nil || !ok {
			return false, err
		}
		eq, err := Equal(t, vals[i], v)
		if err != nil || !eq {
			return false, err
		}
	}
	return true, nil
}

// Contains returns item in container.
func Contains(t *Thread, container, item Value) (bool, error) {
	if overridden(container, "__contains__") {
		r, _, err := callSpecial(t, container, "__contains__", item)
		if err != nil {
			return false, err
		}
		return Truth(t, r)
	}
	return containsOf(t, container, item)
}

// containsOf is Contains as the container's own type does it (see getItem).
func containsOf(t *Thread, container, item Value) (bool, error) {
	switch c := container.(type) {
	case *List:
		for i := 0; i < len(c.Items); i++ {
			if err := t.step(); err != nil {
				return false, err
			}
			if eq, err := Equal(t, c.Items[i], item); err != nil || eq {
				return eq, err
			}
		}
		return false, nil
	case Tuple:
		for _, x := range c {
			if err := t.step(); err != nil {
				return false, err
			}
			if eq, err := Equal(t, x, item); err != nil || eq {
				return eq, err
			}
		}
		return false, nil
	case Str:
		s, ok := item.(Str)
		if !ok {
			return false, Errorf(TypeErrorClass, "'in <string>' requires string as left operand, not %s", typeName(item))
		}
		return strings.Contains(string(c), string(s)), nil
	case Bytes:
		s, ok := item.(Bytes)
		if !ok {
			return false, Errorf(TypeErrorClass, "a bytes-like object is required, not '%s'", typeName(item))
		}
		return strings.Contains(string(c), string(s)), nil
	case *Dict:
		_, ok, err := c.Get(t, item)
		return ok, err
	case *Set:
		return c.Has(t, item)
	case *Range:
		n, ok := AsInt64(item)
		if !ok {
			break
		}
		if c.Step > 0 {
			return n >= c.Start && n < c.Stop && (n-c.Start)%c.Step == 0, nil
		}
		return n <= c.Start && n > c.Stop && (c.Start-n)%(-c.Step) == 0, nil
	}
	if container.Type().Lookup("__contains__") != nil {
		r, _, err := callSpecial(t, container, "__contains__", item)
		if err != nil {
			return false, err
		}
		return Truth(t, r)
	}
	found := false
	err := Iterate(t, container, func(x Value) error {
		eq, err := Equal(t, x, item)
		if err != nil {
			return err
		}
		if eq {
			found = true
			return errStopIteration
		}
		return nil
	})
	if err == errStopIteration {
		return true, nil
	}
	if err != nil && isException(err, TypeErrorClass) && !IsIterable(container) {
		return false, Errorf(TypeErrorClass, "argument of type '%s' is not iterable", typeName(container))
	}
	return found, err
}
