package torch

import (
	"strings"

	"github.com/ckptlab/ckptlab/sim/python"
)

// argSpec is a constructor's parameter list for unpackValues, spelt as
// python.UnpackArgs takes it: "name", "name?" when optional, "*" before the
// keyword-only ones. Every parameter takes any value.
type argSpec struct {
	fname    string
	spec     []string // as UnpackArgs takes them
	names    []string // without the marks
	npos     int      // how many may be given by position
	required uint64   // bit i: names[i] has no default
}

// newArgSpec reads spec once, at package init.
func newArgSpec(fname string, spec ...string) *argSpec {
	s := &argSpec{fname: fname, spec: spec}
	kwOnly := false
	for _, p := range spec {
		if p == "*" {
			kwOnly = true
			continue
		}
		name, optional := strings.CutSuffix(p, "?")
		if !optional {
			s.required |= 1 << len(s.names)
		}
		s.names = append(s.names, name)
		if !kwOnly {
			s.npos++
		}
	}
	if len(s.names) > 64 {
		panic("newArgSpec: too many parameters")
	}
	return s
}

// unpackValues is python.UnpackArgs(s.fname, args, ...) into slots, which
// hold the defaults (one per name): it binds the arguments by position
// then by keyword without UnpackArgs' allocations for a long parameter
// list, and leaves a call it cannot bind (too many positional arguments,
// an unknown or repeated keyword, a missing required argument) to
// UnpackArgs, which raises the error.
func unpackValues(args python.Args, s *argSpec, slots []python.Value) error {
	if len(args.Pos) > s.npos {
		return s.unpackSlow(args, slots)
	}
	var set uint64
	for i, v := range args.Pos {
		slots[i] = v
		set |= 1 << i
	}
kw:
	for _, k := range args.Kw {
		for i, name := range s.names {
			if name == k.Name {
				if set&(1<<i) != 0 {
					return s.unpackSlow(args, slots)
				}
				slots[i] = k.Value
				set |= 1 << i
				continue kw
			}
		}
		return s.unpackSlow(args, slots)
	}
	if set&s.required != s.required {
		return s.unpackSlow(args, slots)
	}
	return nil
}

// unpackSlow is unpackValues through UnpackArgs, for its errors.
func (s *argSpec) unpackSlow(args python.Args, slots []python.Value) error {
	vals := append([]python.Value(nil), slots...)
	pairs := make([]any, 0, 2*len(s.spec))
	i := 0
	for _, p := range s.spec {
		if p == "*" {
			pairs = append(pairs, p)
			continue
		}
		pairs = append(pairs, p, &vals[i])
		i++
	}
	if err := python.UnpackArgs(s.fname, args, pairs...); err != nil {
		return err
	}
	copy(slots, vals)
	return nil
}
