package pyfmt

import (
	"errors"
	"math/big"
	"testing"
)

// result renders a formatting outcome the way gen.py records it.
func result(s string, err error) string {
	if err != nil {
		var e *Error
		if errors.As(err, &e) {
			return "!" + e.Type + ": " + e.Msg
		}
		return "!" + err.Error()
	}
	return s
}

// TestFormatSpecGolden replays format(value, spec) for every value and spec
// testdata/gen.py tried on CPython, valid and invalid alike.
func TestFormatSpecGolden(t *testing.T) {
	rows := loadRows(t, "format_spec.json")
	if len(rows) < 5000 {
		t.Fatalf("only %d rows", len(rows))
	}
	failures := 0
	for _, r := range rows {
		kind, val, spec, want := r[0], r[1], r[2], r[3]
		var got string
		switch kind {
		case "int", "bool":
			x, ok := new(big.Int).SetString(val, 10)
			if !ok {
				t.Fatalf("bad int %q", val)
			}
			got = result(FormatInt(x, spec, kind))
			if kind == "bool" && spec == "" {
				continue // the interpreter prints True/False itself
			}
		case "float":
			got = result(FormatFloat(floatFromBits(t, val), spec, "float"))
		case "str":
			got = result(FormatStr(val, spec, "str"))
		}
		if got != want {
			failures++
			if failures <= 40 {
				t.Errorf("format(%s %s, %q) = %q, want %q", kind, val, spec, got, want)
			}
		}
	}
	if failures > 0 {
		t.Errorf("%d of %d rows differ", failures, len(rows))
	}
}

func TestFormatExamples(t *testing.T) {
	tests := []struct {
		f    float64
		spec string
		want string
	}{
		{1e16, "", "1e+16"},
		{0.1, ".3", "0.1"},
		{100.0, ".3", "1e+02"}, // no type: exponent from precision-1 digits on
		{1234.5678, ",.2f", "1,234.57"},
		{-0.0001, "z.2f", "0.00"},
		{0.5, ".0%", "50%"},
	}
	for _, tt := range tests {
		got, err := FormatFloat(tt.f, tt.spec, "float")
		if err != nil || got != tt.want {
			t.Errorf("FormatFloat(%v, %q) = %q, %v; want %q", tt.f, tt.spec, got, err, tt.want)
		}
	}
}
