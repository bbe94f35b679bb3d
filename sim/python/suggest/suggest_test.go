package suggest

import (
	"encoding/json"
	"os"
	"testing"
	"unicode/utf8"
)

// TestGolden replays misspellings whose hints CPython itself printed
// (testdata/gen.py records them).
func TestGolden(t *testing.T) {
	data, err := os.ReadFile("testdata/suggestions.json")
	if err != nil {
		t.Fatal(err)
	}
	var raw [][]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	if len(raw) < 1000 {
		t.Fatalf("only %d rows", len(raw))
	}
	for _, r := range raw {
		var kind, name, suffix string
		var list1, list2 []string
		for i, dst := range []any{&kind, &name, &list1, &list2, &suffix} {
			if err := json.Unmarshal(r[i], dst); err != nil {
				t.Fatal(err)
			}
		}
		var got string
		if kind == "attr" {
			got = AttributeSuffix(Suggest(name, list1))
		} else {
			s, ok := SuggestName(name, list1, list2, Builtins)
			got = NameSuffix(name, s, ok)
		}
		if got != suffix {
			t.Errorf("%s %q (lists %q, %q): suffix %q, want %q", kind, name, list1, list2, got, suffix)
		}
	}
}

func TestSuggest(t *testing.T) {
	tests := []struct {
		name  string
		cands []string
		want  string
		ok    bool
	}{
		{"optimzer", []string{"model", "optimizer"}, "optimizer", true},
		{"weights", []string{"bias", "weight"}, "weight", true},
		{"Model", []string{"model"}, "model", true},          // a case flip costs 1
		{"a", []string{"ab"}, "ab", true},                    // one insertion is within a third of 3 bytes
		{"xyz", []string{"abc"}, "", false},                  // too far
		{"loss", []string{"loss", "lose"}, "lose", true},     // the name itself is skipped
		{"colr", []string{"color", "colour"}, "color", true}, // closer wins
		{"abcd", []string{"abce", "abcf"}, "abce", true},     // ties go to the first
	}
	for _, tt := range tests {
		got, ok := Suggest(tt.name, tt.cands)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Suggest(%q, %q) = %q, %v; want %q, %v", tt.name, tt.cands, got, ok, tt.want, tt.ok)
		}
	}
}

func TestLimits(t *testing.T) {
	many := make([]string, 751)
	for i := range many {
		many[i] = "x"
	}
	many[0] = "optimizer"
	if _, ok := Suggest("optimzer", many); ok {
		t.Error("more than 750 candidates must give no suggestion")
	}
	long := "a_very_long_variable_name_that_goes_on_and_on"
	if _, ok := Suggest("x"+long+"x", []string{"y" + long + "y"}); ok {
		t.Error("differing parts over 40 bytes must give no suggestion")
	}
	if s, ok := SuggestName("lr", []string{"lrs"}, []string{"lr_"}, nil); s != "lrs" || !ok {
		t.Errorf("locals must win over globals, got %q %v", s, ok)
	}
}

func TestNameSuffix(t *testing.T) {
	tests := []struct {
		name, suggestion string
		ok               bool
		want             string
	}{
		{"optimzer", "optimizer", true, ". Did you mean: 'optimizer'?"},
		{"os", "", false, ". Did you forget to import 'os'?"},
		{"math", "path", true, ". Did you mean: 'path'? Or did you forget to import 'math'?"},
		{"foo", "", false, ""},
	}
	for _, tt := range tests {
		if got := NameSuffix(tt.name, tt.suggestion, tt.ok); got != tt.want {
			t.Errorf("NameSuffix(%q, %q) = %q, want %q", tt.name, tt.suggestion, got, tt.want)
		}
	}
	if IsStdlibModule("distutils") {
		t.Error("distutils left the standard library in 3.12")
	}
}

func FuzzDistance(f *testing.F) {
	f.Add("optimizer", "optimzer")
	f.Fuzz(func(t *testing.T, a, b string) {
		if !utf8.ValidString(a) || !utf8.ValidString(b) {
			return // Python strings are code points
		}
		d := Distance(a, b, 1000)
		if d < 0 || d != Distance(b, a, 1000) {
			t.Fatalf("Distance(%q, %q) = %d, not symmetric", a, b, d)
		}
		if (d == 0) != (a == b) && len([]rune(a)) <= maxStringSize {
			t.Fatalf("Distance(%q, %q) = %d", a, b, d)
		}
	})
}
