package pyfmt

import (
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"strings"
	"testing"
)

// Test-only Python values beyond percent_test.go's: lists, dicts with
// ordered keys, and SimpleNamespace objects.
type (
	pyList []any
	pyDict struct {
		keys []any
		vals []any
	}
	pyNamespace struct {
		names []string
		vals  []any
	}
)

func typeName(v any) string {
	switch v.(type) {
	case pyList:
		return "list"
	case *pyDict:
		return "dict"
	case *pyNamespace:
		return "types.SimpleNamespace"
	}
	return testValues{}.TypeName(v)
}

func repr(v any) string {
	switch v := v.(type) {
	case pyList:
		parts := []string{}
		for _, x := range v {
			parts = append(parts, repr(x))
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case []any:
		parts := []string{}
		for _, x := range v {
			parts = append(parts, repr(x))
		}
		if len(parts) == 1 {
			return "(" + parts[0] + ",)"
		}
		return "(" + strings.Join(parts, ", ") + ")"
	case *pyDict:
		parts := []string{}
		for i := range v.keys {
			parts = append(parts, repr(v.keys[i])+": "+repr(v.vals[i]))
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case *pyNamespace:
		parts := []string{}
		for i := range v.names {
			parts = append(parts, v.names[i]+"="+repr(v.vals[i]))
		}
		return "namespace(" + strings.Join(parts, ", ") + ")"
	}
	s, err := testValues{}.Repr(v)
	if err != nil {
		panic(err)
	}
	return s
}

func str(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return repr(v)
}

func untagValue(t *testing.T, raw json.RawMessage) any {
	t.Helper()
	var parts []json.RawMessage
	if err := json.Unmarshal(raw, &parts); err != nil {
		t.Fatal(err)
	}
	var kind string
	json.Unmarshal(parts[0], &kind)
	switch kind {
	case "l", "t":
		var items []json.RawMessage
		json.Unmarshal(parts[1], &items)
		out := []any{}
		for _, it := range items {
			out = append(out, untagValue(t, it))
		}
		if kind == "l" {
			return pyList(out)
		}
		return out
	case "d":
		var items [][2]json.RawMessage
		json.Unmarshal(parts[1], &items)
		d := &pyDict{}
		for _, it := range items {
			d.keys = append(d.keys, untagValue(t, it[0]))
			d.vals = append(d.vals, untagValue(t, it[1]))
		}
		return d
	case "o":
		var items [][2]json.RawMessage
		json.Unmarshal(parts[1], &items)
		ns := &pyNamespace{}
		for _, it := range items {
			var k string
			json.Unmarshal(it[0], &k)
			ns.names = append(ns.names, k)
			ns.vals = append(ns.vals, untagValue(t, it[1]))
		}
		return ns
	}
	return untag(t, raw)
}

// formatTestValues implements FormatValues over the test values.
type formatTestValues struct {
	args   []any
	kwargs *pyDict
}

func (f formatTestValues) Positional(i int) (any, bool) {
	if i < len(f.args) {
		return f.args[i], true
	}
	return nil, false
}

func (f formatTestValues) Keyword(key string) (any, error) {
	for i, k := range f.kwargs.keys {
		if k == key {
			return f.kwargs.vals[i], nil
		}
	}
	return nil, &Error{"KeyError", repr(key)}
}

func (f formatTestValues) Attr(v any, name string) (any, error) {
	if ns, ok := v.(*pyNamespace); ok {
		for i, n := range ns.names {
			if n == name {
				return ns.vals[i], nil
			}
		}
	}
	if fl, ok := v.(float64); ok && name == "real" {
		return fl, nil
	}
	if x, ok := v.(*big.Int); ok && name == "real" {
		return x, nil
	}
	return nil, &Error{"AttributeError", fmt.Sprintf("'%s' object has no attribute '%s'", typeName(v), name)}
}

func (f formatTestValues) Item(v any, key string, index int) (any, error) {
	switch v := v.(type) {
	case pyList:
		if index < 0 {
			return nil, &Error{"TypeError", "list indices must be integers or slices, not str"}
		}
		if index >= len(v) {
			return nil, &Error{"IndexError", "list index out of range"}
		}
		return v[index], nil
	case []any:
		if index < 0 {
			return nil, &Error{"TypeError", "tuple indices must be integers or slices, not str"}
		}
		if index >= len(v) {
			return nil, &Error{"IndexError", "tuple index out of range"}
		}
		return v[index], nil
	case string:
		r := []rune(v)
		if index < 0 {
			return nil, &Error{"TypeError", "string indices must be integers, not 'str'"}
		}
		if index >= len(r) {
			return nil, &Error{"IndexError", "string index out of range"}
		}
		return string(r[index]), nil
	case *pyDict:
		var k any = key
		if index >= 0 {
			k = big.NewInt(int64(index))
		}
		for i, dk := range v.keys {
			if repr(dk) == repr(k) {
				return v.vals[i], nil
			}
		}
		return nil, &Error{"KeyError", repr(k)}
	}
	return nil, &Error{"TypeError", fmt.Sprintf("'%s' object is not subscriptable", typeName(v))}
}

func (f formatTestValues) Convert(v any, c rune) (any, error) {
	switch c {
	case 'r':
		return repr(v), nil
	case 'a':
		var b strings.Builder
		for _, r := range repr(v) {
			if r < 128 {
				b.WriteRune(r)
			} else {
				fmt.Fprintf(&b, "\\x%02x", r)
			}
		}
		return b.String(), nil
	}
	return str(v), nil
}

func (f formatTestValues) Format(v any, spec string) (string, error) {
	switch v := v.(type) {
	case *big.Int:
		return FormatInt(v, spec, "int")
	case bool:
		if spec == "" {
			return str(v), nil
		}
		x := big.NewInt(0)
		if v {
			x = big.NewInt(1)
		}
		return FormatInt(x, spec, "bool")
	case float64:
		return FormatFloat(v, spec, "float")
	case string:
		return FormatStr(v, spec, "str")
	}
	if spec != "" {
		return "", &Error{"TypeError", "unsupported format string passed to " + typeName(v) + ".__format__"}
	}
	return str(v), nil
}

// TestStrFormatGolden replays str.format and str.format_map calls
// recorded from CPython, errors included.
func TestStrFormatGolden(t *testing.T) {
	data, err := os.ReadFile("testdata/str_format.json")
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Args   json.RawMessage
		Kwargs json.RawMessage
		Rows   [][3]json.RawMessage
	}
	if err := json.Unmarshal(data, &file); err != nil {
		t.Fatal(err)
	}
	vals := formatTestValues{
		args:   untagValue(t, file.Args).([]any),
		kwargs: untagValue(t, file.Kwargs).(*pyDict),
	}
	if len(file.Rows) < 2000 {
		t.Fatalf("only %d rows", len(file.Rows))
	}
	failures := 0
	for _, r := range file.Rows {
		var format, want string
		var mapping bool
		json.Unmarshal(r[0], &format)
		json.Unmarshal(r[1], &mapping)
		json.Unmarshal(r[2], &want)
		got := result(FormatString(format, vals, mapping))
		if got != want {
			failures++
			if failures <= 30 {
				t.Errorf("%q.format(mapping=%v) = %q, want %q", format, mapping, got, want)
			}
		}
	}
	if failures > 0 {
		t.Errorf("%d of %d rows differ", failures, len(file.Rows))
	}
}

func TestParseFormatString(t *testing.T) {
	fields, err := ParseFormatString("a{{b}}{0.x[1]!r:>{w}}c")
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprintf("%+v", fields)
	want := "[{Literal:a{ HasField:false Name: Conversion:0 Spec: SpecNeedsExpanding:false} " +
		"{Literal:b} HasField:false Name: Conversion:0 Spec: SpecNeedsExpanding:false} " +
		"{Literal: HasField:true Name:0.x[1] Conversion:114 Spec:>{w} SpecNeedsExpanding:true} " +
		"{Literal:c HasField:false Name: Conversion:0 Spec: SpecNeedsExpanding:false}]"
	if got != want {
		t.Errorf("ParseFormatString = %s\nwant %s", got, want)
	}
	if _, err := ParseFormatString("x}"); err == nil || err.Error() != "ValueError: Single '}' encountered in format string" {
		t.Errorf("ParseFormatString(%q) error = %v", "x}", err)
	}
}
