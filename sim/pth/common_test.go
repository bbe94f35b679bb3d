package pth

import (
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
