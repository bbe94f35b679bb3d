package python

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// TestPrintFromRepr shows a print inside a __repr__ that print is showing.
// As CPython does, print writes what it has before it asks an argument for
// its repr, so the inner lines interleave with the outer one; a line longer
// than print's own room (128 bytes) comes out whole. (Output recorded from
// CPython 3.11; the corpus case 245_print_writes_as_it_goes has more.)
func TestPrintFromRepr(t *testing.T) {
	src := `class Loud:
    def __repr__(self):
        print('inner', 1, sep='-')
        return 'loud'
print('a', Loud(), [Loud()], sep=', ', end='!\n')
print('x' * 100, 'y' * 100)
`
	want := "a, inner-1\nloud, inner-1\n[loud]!\n" +
		strings.Repeat("x", 100) + " " + strings.Repeat("y", 100) + "\n"
	if got := runSource(t, src, nil); got != want {
		t.Errorf("output %q, want %q", got, want)
	}
}

// appendingValue is a Go value that prints through ReprAppender unless
// it declines.
type appendingValue struct{ decline bool }

func (appendingValue) Type() *Class { return ObjectClass }

func (v appendingValue) AppendRepr(t *Thread, b []byte) ([]byte, bool) {
	if v.decline {
		return b, false
	}
	return append(b, "<appended>"...), true
}

// TestPrintReprAppender shows print taking a ReprAppender's text, and
// falling back to str() when it declines.
func TestPrintReprAppender(t *testing.T) {
	for _, tc := range []struct {
		v    appendingValue
		want string // the output's start
	}{
		{appendingValue{}, "1 <appended> 2\n"},
		{appendingValue{decline: true}, "1 <object object at 0x"},
	} {
		m := NewMainModule()
		m.Dict().SetStr("v", tc.v)
		var out bytes.Buffer
		th := NewThread(context.Background(), &out, &out, nil, Limits{})
		err := th.Exec(m, "print(1, v, 2)\n")
		th.Close()
		if err != nil {
			t.Fatalf("Exec: %v", err)
		}
		if got := out.String(); !strings.HasPrefix(got, tc.want) {
			t.Errorf("decline=%v: output %q, want it to start %q", tc.v.decline, got, tc.want)
		}
	}
}
