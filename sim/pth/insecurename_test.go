package pth

import (
	"path/filepath"
	"strings"
	"testing"
)

// insecureName answers as filepath.IsLocal and a backslash check do, for
// every name of up to six bytes over the bytes that matter to them.
func TestInsecureNameIsIsLocal(t *testing.T) {
	const alphabet = "a./\\:"
	var names []string
	var grow func(prefix string)
	grow = func(prefix string) {
		names = append(names, prefix)
		if len(prefix) == 6 {
			return
		}
		for _, c := range alphabet {
			grow(prefix + string(c))
		}
	}
	grow("")
	names = append(names, "archive/data.pkl", "archive/data/0", "archive/.data/version", "archive/../x", "/archive/x", "a/./b", "NUL", "archive/NUL")
	for _, name := range names {
		want := name != "" && (!filepath.IsLocal(name) || strings.Contains(name, `\`))
		if got := insecureName(name); got != want {
			t.Errorf("insecureName(%q) = %v, want %v", name, got, want)
		}
	}
}
