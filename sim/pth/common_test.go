package pth

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// CommonIndex finds every common string at its position, and nothing else:
// not their prefixes, suffixes or near misses.
func TestCommonIndex(t *testing.T) {
	for i, s := range CommonStrings {
		if got := CommonIndex(s); got != i {
			t.Errorf("CommonIndex(%q) = %d, want %d", s, got, i)
		}
		if got := commonIndex([]byte(s)); got != i {
			t.Errorf("commonIndex([]byte(%q)) = %d, want %d", s, got, i)
		}
		if v := StrValue(s); v != Str(s) {
			t.Errorf("StrValue(%q) = %v", s, v)
		}
	}
	common := map[string]bool{}
	for _, s := range CommonStrings {
		common[s] = true
	}
	var others []string
	for _, s := range CommonStrings {
		for n := 0; n < len(s); n++ {
			others = append(others, s[:n], s[n:], s[:n]+"x"+s[n:], s+"."+s)
		}
		others = append(others, strings.ToUpper(s), s+"s")
	}
	for _, s := range others {
		if common[s] {
			continue
		}
		if got := CommonIndex(s); got != -1 {
			t.Errorf("CommonIndex(%q) = %d, want -1", s, got)
		}
		if got := commonIndex([]byte(s)); got != -1 {
			t.Errorf("commonIndex([]byte(%q)) = %d, want -1", s, got)
		}
	}
}

func TestCommonIndexDoesNotAllocate(t *testing.T) {
	b := []byte("optimizer_state_dict")
	if n := testing.AllocsPerRun(100, func() { commonIndex(b); StrValue("param_groups") }); n != 0 {
		t.Errorf("%v allocations", n)
	}
}

// Common strs the pickler memoizes through its table come back from memo
// gets as themselves, past the 256 entries a BINGET reaches too.
func TestCommonStrsRoundTripThroughTheMemo(t *testing.T) {
	d := NewDict(PlainDict)
	for i := range 300 {
		key := Str(fmt.Sprintf("key%d", i))
		d.Set(key, Tuple{Str(CommonStrings[i%len(CommonStrings)]), key, Str(CommonStrings[(i*7)%len(CommonStrings)])})
	}
	var buf bytes.Buffer
	if err := Write(&buf, "memo", d); err != nil {
		t.Fatal(err)
	}
	back, err := Read(bytes.NewReader(buf.Bytes()), int64(buf.Len()), DefaultReadOptions())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(canon(back, map[*Storage]int{}), canon(d, map[*Storage]int{})) {
		t.Error("the dict changed through Write and Read")
	}
}
