package pyfmt

import (
	"math/big"
	"testing"
)

// The fuzz targets check that no input makes a formatter panic or hang;
// correctness is the goldens' job.

func FuzzFormatSpec(f *testing.F) {
	for _, s := range []string{"", "*^+z#010,.3f", "_x", "{", ".", "é>5s"} {
		f.Add(s, int64(-1234), 3.5, "text")
	}
	f.Fuzz(func(t *testing.T, spec string, i int64, fl float64, s string) {
		FormatInt(big.NewInt(i), spec, "int")
		FormatFloat(fl, spec, "float")
		FormatStr(s, spec, "str")
	})
}

func FuzzPercent(f *testing.F) {
	for _, s := range []string{"%d", "%(a)s", "%*.*f", "%-#05x %c", "%", "%(a"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, format string) {
		args := []any{big.NewInt(3), 2.5, "s", true}
		FormatPercent(format, args, true, false, testValues{})
		FormatPercent(format, args[:1], false, true, testValues{mapping: map[string]any{"a": 1.5}})
	})
}

func FuzzFormatString(f *testing.F) {
	for _, s := range []string{"{}", "{0!r:>{1}}", "{a[0].b}", "{{}}", "{:{:{}}}", "}"} {
		f.Add(s)
	}
	vals := formatTestValues{
		args:   []any{big.NewInt(5), 1.5, "x", pyList{big.NewInt(1)}},
		kwargs: &pyDict{keys: []any{"a"}, vals: []any{pyList{"q"}}},
	}
	f.Fuzz(func(t *testing.T, format string) {
		FormatString(format, vals, false)
		FormatString(format, vals, true)
		ParseFormatString(format)
	})
}
