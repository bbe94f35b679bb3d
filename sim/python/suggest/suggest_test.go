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
	type row struct {
		name       string
		candidates []string
		suffix     string
	}
	var rows []row
	for _, r := range raw {
		var x row
		for i, dst := range []any{&x.name, &x.candidates, &x.suffix} {
			if err := json.Unmarshal(r[i], dst); err != nil {
				t.Fatal(err)
			}
		}
		rows = append(rows, x)
	}
	if len(rows) < 1000 {
		t.Fatalf("only %d rows", len(rows))
	}
	for _, r := range rows {
		s, ok := Suggest(r.name, r.candidates)
		if got := AttributeSuffix(s, ok); got != r.suffix {
			t.Errorf("Suggest(%q, %q) gives suffix %q, want %q", r.name, r.candidates, got, r.suffix)
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
		{"a", []string{"ab"}, "", false},                     // 3.12: never at distance >= len(name)
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
	long := "a_very_long_variable_name_that_goes_on_and_on_x"
	if _, ok := Suggest(long, []string{long + "y"}); ok {
		t.Error("a name over 40 characters must give no suggestion")
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
