package python

import (
	"fmt"
	"reflect"
	"strings"
)

// maxParams is the most parameters UnpackArgs binds.
const maxParams = 16

// UnpackArgs binds a Go function's arguments to variables, raising the
// TypeErrors CPython raises for Python functions:
//
//	var x Value; var dim int = -1; var keep bool
//	err := python.UnpackArgs("sum", args, "input", &x, "dim?", &dim, "*", "keepdim?", &keep)
//
// A name ending in "?" is optional (the variable keeps its value when the
// argument is absent). "*" starts the keyword-only parameters. Supported
// targets: *Value, *int, *int64, *float64, *string, *bool, *[]Value,
// *Tuple, *List, *Dict, *Class and *Str. Ints are accepted for float
// targets; None is stored in *Value targets. The targets do not escape:
// a caller's variables stay on its stack. A function takes at most
// maxParams parameters.
func UnpackArgs(fname string, args Args, pairs ...any) error {
	if len(args.Kw) == 0 {
		if ok, err := unpackPositional(fname, args.Pos, pairs); ok {
			return err
		}
	}
	// The parameters are read from pairs where they are, with a bit of
	// set for each one bound: no table of them is built (and cleared),
	// and the caller's targets stay on its stack. The optimizers'
	// constructors, with 11, take the most.
	nPos, required, n := 0, 0, 0
	kwOnly := false
	var requiredSet uint32 // bit j: parameter j is required
	for i := 0; i < len(pairs); i++ {
		name, ok := pairs[i].(string)
		if !ok {
			panic("UnpackArgs: want parameter name")
		}
		if name == "*" {
			kwOnly = true
			continue
		}
		i++
		if i >= len(pairs) {
			panic("UnpackArgs: missing pointer for " + name)
		}
		if n == maxParams {
			panic("UnpackArgs: more than 16 parameters")
		}
		if !strings.HasSuffix(name, "?") {
			requiredSet |= 1 << n
			if !kwOnly {
				required++
			}
		}
		n++
		if !kwOnly {
			nPos++
		}
	}
	if len(args.Pos) > nPos {
		if required == nPos {
			return Errorf(TypeErrorClass, "%s() takes %s but %d %s given", fname, plural(nPos, "positional argument"), len(args.Pos), wasWere(len(args.Pos)))
		}
		return Errorf(TypeErrorClass, "%s() takes from %d to %s but %d %s given", fname, required, plural(nPos, "positional argument"), len(args.Pos), wasWere(len(args.Pos)))
	}
	var set uint32 // bit j: parameter j is bound
	// The positional parameters come first, before any "*": parameter j
	// is pairs[2*j].
	for j, v := range args.Pos {
		name := strings.TrimSuffix(pairs[2*j].(string), "?")
		if err := unpackOne(fname, name, v, pairs[2*j+1]); err != nil {
			return err
		}
		set |= 1 << j
	}
kw:
	for _, k := range args.Kw {
		for i, j := 0, 0; i < len(pairs); i, j = i+2, j+1 {
			name := pairs[i].(string)
			if name == "*" {
				i, j = i-1, j-1 // a marker, not followed by a pointer
				continue
			}
			if name != k.Name && (len(name) != len(k.Name)+1 || name[len(k.Name)] != '?' || name[:len(k.Name)] != k.Name) {
				continue
			}
			if set&(1<<j) != 0 {
				return Errorf(TypeErrorClass, "%s() got multiple values for argument '%s'", fname, k.Name)
			}
			if err := unpackOne(fname, k.Name, k.Value, pairs[i+1]); err != nil {
				return err
			}
			set |= 1 << j
			continue kw
		}
		return Errorf(TypeErrorClass, "%s() got an unexpected keyword argument '%s'", fname, k.Name)
	}
	if requiredSet&^set == 0 {
		return nil
	}
	var missing []string
	kwOnly, kwMissing := false, false
	for i, j := 0, 0; i < len(pairs); i, j = i+2, j+1 {
		name := pairs[i].(string)
		if name == "*" {
			kwOnly = true
			i, j = i-1, j-1
			continue
		}
		if set&(1<<j) == 0 && !strings.HasSuffix(name, "?") {
			missing = append(missing, "'"+name+"'")
			kwMissing = kwOnly
		}
	}
	if len(missing) > 0 {
		kind := "positional"
		if kwMissing {
			kind = "keyword-only"
		}
		return Errorf(TypeErrorClass, "%s() missing %d required %s %s: %s", fname, len(missing), kind, pluralWord(len(missing), "argument"), joinMissing(missing))
	}
	return nil
}

// unpackPositional is UnpackArgs for a call without keyword arguments
// whose arguments fill the first parameters and leave out only optional
// ones (most calls), without the tables the general case builds. ok is
// false, with nothing bound, when the general case must decide (it
// reports the errors).
func unpackPositional(fname string, pos []Value, pairs []any) (ok bool, err error) {
	bound, kwOnly := 0, false
	for i := 0; i < len(pairs); i += 2 {
		name, _ := pairs[i].(string)
		if name == "*" {
			kwOnly = true
			i-- // a marker, not followed by a pointer
			continue
		}
		if i+1 >= len(pairs) {
			return false, nil
		}
		if !kwOnly && bound < len(pos) {
			bound++
			continue
		}
		if !strings.HasSuffix(name, "?") {
			return false, nil // a required parameter left out
		}
	}
	if bound < len(pos) {
		return false, nil // too many arguments
	}
	for i, n := 0, 0; n < len(pos); i, n = i+2, n+1 {
		name := pairs[i].(string) // never "*": the arguments fill what comes before it
		if err := unpackOne(fname, strings.TrimSuffix(name, "?"), pos[n], pairs[i+1]); err != nil {
			return true, err
		}
	}
	return true, nil
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func pluralWord(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

func wasWere(n int) string {
	if n == 1 {
		return "was"
	}
	return "were"
}

// joinMissing is CPython's "'a', 'b' and 'c'".
func joinMissing(names []string) string {
	switch len(names) {
	case 1:
		return names[0]
	case 2:
		return names[0] + " and " + names[1]
	}
	return strings.Join(names[:len(names)-1], ", ") + ", and " + names[len(names)-1]
}

// badArg is the TypeError of an argument of the wrong type.
func badArg(fname, pname, want string, v Value) error {
	// A copy of the name: the caller's names and targets come in one
	// slice, and letting one escape would move every target to the heap.
	return Errorf(TypeErrorClass, "%s() argument '%s' must be %s, not %s", fname, strings.Clone(pname), want, typeName(v))
}

func unpackOne(fname, pname string, v Value, ptr any) error {
	switch p := ptr.(type) {
	case *Value:
		*p = v
	case *int:
		n, ok := AsInt64(v)
		if !ok {
			if _, isB := v.(*BigInt); isB {
				return Errorf(OverflowErrorClass, "Python int too large to convert to C long")
			}
			return Errorf(TypeErrorClass, "'%s' object cannot be interpreted as an integer", typeName(v))
		}
		*p = int(n)
	case *int64:
		n, ok := AsInt64(v)
		if !ok {
			if _, isB := v.(*BigInt); isB {
				return Errorf(OverflowErrorClass, "Python int too large to convert to C long")
			}
			return Errorf(TypeErrorClass, "'%s' object cannot be interpreted as an integer", typeName(v))
		}
		*p = n
	case *float64:
		f, ok, err := AsFloat(v)
		if err != nil {
			return err
		}
		if !ok {
			return Errorf(TypeErrorClass, "must be real number, not %s", typeName(v))
		}
		*p = f
	case *string:
		s, ok := v.(Str)
		if !ok {
			return badArg(fname, pname, "str", v)
		}
		*p = string(s)
	case *Str:
		s, ok := v.(Str)
		if !ok {
			return badArg(fname, pname, "str", v)
		}
		*p = s
	case *bool:
		b, err := Truth(nil, v)
		if err != nil {
			return err
		}
		*p = b
	case *[]Value:
		switch x := v.(type) {
		case *List:
			*p = x.Items
		case Tuple:
			*p = x
		default:
			return badArg(fname, pname, "a list or tuple", v)
		}
	case *Tuple:
		x, ok := v.(Tuple)
		if !ok {
			return badArg(fname, pname, "tuple", v)
		}
		*p = x
	case **List:
		x, ok := v.(*List)
		if !ok {
			return badArg(fname, pname, "list", v)
		}
		*p = x
	case **Dict:
		x, ok := v.(*Dict)
		if !ok {
			return badArg(fname, pname, "dict", v)
		}
		*p = x
	case **Class:
		x, ok := v.(*Class)
		if !ok {
			return badArg(fname, pname, "type", v)
		}
		*p = x
	default:
		// reflect.TypeOf, unlike fmt, does not make every target escape.
		panic("UnpackArgs: unsupported target " + reflect.TypeOf(ptr).String())
	}
	return nil
}
