package torch

import (
	"strconv"
	"strings"
	"testing"
)

// Strings from the text arena keep their bytes while more are added, the
// buffer they were written from is reused, and blocks fill up.
func TestTextArenaKeepsWhatItHandedOut(t *testing.T) {
	var a textArena
	var got, want []string
	buf := make([]byte, 0, 64)
	for i := range 3000 {
		buf = append(buf[:0], "model.layer"...)
		buf = strconv.AppendInt(buf, int64(i), 10)
		buf = append(buf, ".weight"...)
		want = append(want, string(buf))
		got = append(got, a.string(buf))
	}
	long := strings.Repeat("x", textBlock) // past half a block: its own string
	want, got = append(want, long), append(got, a.string([]byte(long)))
	want, got = append(want, ""), append(got, a.string(nil))
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("string %d is %q, want %q", i, got[i], want[i])
		}
	}
}
