package pth

import (
	"strings"
	"testing"
)

// checkTree finds a container inside itself however deep the cycle starts,
// and takes a container shared by two branches for no cycle.
func TestCheckTreeFindsCyclesAtAnyDepth(t *testing.T) {
	nest := func(depth int, inner Value) *List {
		top := &List{}
		l := top
		for range depth {
			next := &List{}
			l.Items = append(l.Items, next)
			l = next
		}
		l.Items = append(l.Items, inner)
		return top
	}
	for _, depth := range []int{0, 5, 31, 32, 33, 100} {
		loop := &List{}
		loop.Items = append(loop.Items, nest(depth, loop))
		if err := checkTree(loop, DefaultMaxDepth); err == nil || !strings.Contains(err.Error(), "reference cycle") {
			t.Errorf("a cycle through %d lists: %v", depth, err)
		}
		shared := &List{}
		dag := &List{Items: []Value{nest(depth, shared), nest(depth, shared)}}
		if err := checkTree(dag, DefaultMaxDepth); err != nil {
			t.Errorf("a list shared at depth %d: %v", depth, err)
		}
	}
}
