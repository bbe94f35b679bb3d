package python

import (
	"bytes"
	"context"
	"testing"
)

// newBoxClass makes a Go class, not frozen, with a Go property: box.size.
func newBoxClass() *Class {
	c := NewClass("Box")
	c.Set("size", &Property{Name: "size", Owner: c, GoGet: func(t *Thread, self Value) (Value, error) {
		return Int(self.(*box).size), nil
	}})
	return c
}

type box struct {
	cls  *Class
	size int
}

func (b *box) Type() *Class { return b.cls }

// TestPropertyAtFollowsTheClass shows an attribute load that remembers the
// property it found (propertyAt) reading it for every object of the
// class, and noticing when the class's attribute changes: the load in the
// loop then finds the class's new value, as GetAttr would.
func TestPropertyAtFollowsTheClass(t *testing.T) {
	src := `out = []
for i, b in enumerate([a, b, a, b]):
    if i == 2:
        type(b).size = 'plain'
    out.append(b.size)
print(out)
`
	cls := newBoxClass()
	m := NewMainModule()
	m.Dict().SetStr("a", &box{cls, 1})
	m.Dict().SetStr("b", &box{cls, 2})
	var out bytes.Buffer
	th := NewThread(context.Background(), &out, &out, nil, Limits{})
	err := th.Exec(m, src)
	th.Close()
	if err != nil {
		t.Fatalf("Exec: %v\n%s", err, FormatError(th, err))
	}
	if got, want := out.String(), "[1, 2, 'plain', 'plain']\n"; got != want {
		t.Errorf("output %q, want %q", got, want)
	}
}
