package pyfmt

import (
	"encoding/json"
	"math"
	"os"
	"strconv"
	"testing"
)

// loadRows reads a golden file written by testdata/gen.py.
func loadRows(t *testing.T, name string) [][]string {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	var rows [][]string
	if err := json.Unmarshal(data, &rows); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return rows
}

// floatFromBits decodes the hex IEEE-754 bits gen.py writes.
func floatFromBits(t *testing.T, hex string) float64 {
	t.Helper()
	u, err := strconv.ParseUint(hex, 16, 64)
	if err != nil {
		t.Fatal(err)
	}
	return math.Float64frombits(u)
}

func TestFloatReprGolden(t *testing.T) {
	rows := loadRows(t, "float_repr.json")
	if len(rows) < 1000 {
		t.Fatalf("only %d rows", len(rows))
	}
	for _, r := range rows {
		f := floatFromBits(t, r[0])
		if got, want := FloatRepr(f), r[1]; got != want {
			t.Errorf("FloatRepr(%s) = %q, want %q", r[0], got, want)
		}
	}
}

func TestFloatReprExamples(t *testing.T) {
	tests := []struct {
		f    float64
		want string
	}{
		{1e16, "1e+16"},
		{1e-5, "1e-05"},
		{0.0001, "0.0001"},
		{math.Inf(1), "inf"},
		{math.NaN(), "nan"},
		{math.Copysign(0, -1), "-0.0"},
		{1, "1.0"},
		{123456789012345678, "1.2345678901234568e+17"},
	}
	for _, tt := range tests {
		if got := FloatRepr(tt.f); got != tt.want {
			t.Errorf("FloatRepr(%v) = %q, want %q", tt.f, got, tt.want)
		}
	}
}
