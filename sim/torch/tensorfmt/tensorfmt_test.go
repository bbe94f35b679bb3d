package tensorfmt

import (
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"testing"
)

var update = flag.Bool("update", false, "rerun testdata/gen.py with the real PyTorch oracle (/usr/bin/python3) and rewrite testdata/golden.json")

type goldenCase struct {
	Name         string            `json:"name"`
	DType        string            `json:"dtype"`
	Shape        []int             `json:"shape"`
	Values       []json.RawMessage `json:"values"`
	Opts         map[string]any    `json:"opts"`
	Default      string            `json:"default"`
	Param        bool              `json:"param"`
	RequiresGrad bool              `json:"requires_grad"`
	Extra        []string          `json:"extra"`
	Repr         string            `json:"repr"`
}

var dtypeByName = map[string]DType{
	"float32": Float32, "float64": Float64, "float16": Float16, "bfloat16": BFloat16,
	"int64": Int64, "int32": Int32, "int16": Int16, "int8": Int8, "uint8": UInt8, "bool": Bool,
}

func loadGolden(t *testing.T) []goldenCase {
	t.Helper()
	if *update {
		out, err := exec.Command("/usr/bin/python3", "testdata/gen.py").Output()
		if err != nil {
			t.Fatalf("run oracle: %v", err)
		}
		if err := os.WriteFile("testdata/golden.json", out, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile("testdata/golden.json")
	if err != nil {
		t.Fatal(err)
	}
	var g struct {
		Cases []goldenCase `json:"cases"`
	}
	if err := json.Unmarshal(data, &g); err != nil {
		t.Fatalf("parse golden: %v", err)
	}
	return g.Cases
}

// view turns a recorded tensor into the View the simulator would pass.
func (c goldenCase) view(t *testing.T) View {
	dt, ok := dtypeByName[c.DType]
	if !ok {
		t.Fatalf("%s: unknown dtype %q", c.Name, c.DType)
	}
	v := View{DType: dt, Shape: c.Shape}
	for _, raw := range c.Values {
		switch {
		case dt.IsFloat():
			var s string
			if err := json.Unmarshal(raw, &s); err != nil {
				t.Fatalf("%s: %v", c.Name, err)
			}
			f, err := strconv.ParseFloat(s, 64) // float.hex() form, or inf/nan
			if err != nil {
				t.Fatalf("%s: %v", c.Name, err)
			}
			v.Float = append(v.Float, f)
		case dt == Bool:
			var b bool
			if err := json.Unmarshal(raw, &b); err != nil {
				t.Fatalf("%s: %v", c.Name, err)
			}
			v.Bool = append(v.Bool, b)
		default:
			var n int64
			if err := json.Unmarshal(raw, &n); err != nil {
				t.Fatalf("%s: %v", c.Name, err)
			}
			v.Int = append(v.Int, n)
		}
	}
	return v
}

// options applies the case's torch.set_printoptions(...) call to the
// defaults, as PyTorch does (profile first, then each given option, and
// sci_mode reset to None unless given).
func (c goldenCase) options(t *testing.T) Options {
	o := DefaultOptions()
	o.DefaultFloat = dtypeByName[c.Default]
	switch c.Opts["profile"] {
	case nil, "default":
	case "short":
		o.Precision, o.EdgeItems = 2, 2
	case "full":
		o.Threshold = math.Inf(1)
	default:
		t.Fatalf("%s: unknown profile %v", c.Name, c.Opts["profile"])
	}
	num := func(k string) (float64, bool) {
		switch v := c.Opts[k].(type) {
		case float64:
			return v, true
		case string:
			if v == "inf" {
				return math.Inf(1), true
			}
		}
		return 0, false
	}
	if v, ok := num("precision"); ok {
		o.Precision = int(v)
	}
	if v, ok := num("threshold"); ok {
		o.Threshold = v
	}
	if v, ok := num("edgeitems"); ok {
		o.EdgeItems = int(v)
	}
	if v, ok := num("linewidth"); ok {
		o.LineWidth = int(v)
	}
	if v, ok := c.Opts["sci_mode"].(bool); ok {
		o.SciMode = &v
	}
	return o
}

// TestOracle prints every recorded tensor and compares with what PyTorch
// printed, byte for byte.
func TestOracle(t *testing.T) {
	cases := loadGolden(t)
	if len(cases) < 300 {
		t.Fatalf("golden has %d cases, want the full set", len(cases))
	}
	for _, c := range cases {
		v := c.view(t)
		o := c.options(t)
		var got string
		if c.Param {
			got = ParameterRepr(v, o, c.RequiresGrad)
		} else {
			got = Repr(v, o, c.Extra...)
		}
		if got != c.Repr {
			t.Errorf("%s:\ngot:\n%s\nwant:\n%s", c.Name, got, c.Repr)
		}
	}
}

// The append forms write the same text after what the buffer holds, and
// leave the view and options they read through pointers as they were.
func TestAppendReprAppends(t *testing.T) {
	for _, c := range loadGolden(t) {
		v := c.view(t)
		o := c.options(t)
		before := fmt.Sprintf("%+v %+v", v, o)
		var got []byte
		if c.Param {
			got = AppendParameterRepr([]byte("x = "), &v, &o, c.RequiresGrad)
		} else {
			got = AppendRepr([]byte("x = "), &v, &o, c.Extra...)
		}
		if want := "x = " + c.Repr; string(got) != want {
			t.Errorf("%s:\ngot:\n%s\nwant:\n%s", c.Name, got, want)
		}
		if after := fmt.Sprintf("%+v %+v", v, o); after != before {
			t.Errorf("%s: printing changed the view or options:\n%s\n%s", c.Name, before, after)
		}
	}
}

func TestRound(t *testing.T) {
	tests := []struct {
		d    DType
		x    float64
		want float64
	}{
		{Float16, 1.0 / 3, 0.333251953125},
		{Float16, 65504, 65504},
		{Float16, 65520, math.Inf(1)},
		{Float16, 1e-8, 0},                     // below half the smallest subnormal
		{Float16, 6e-8, 5.960464477539063e-08}, // the smallest subnormal, 2^-24
		{BFloat16, 1.0 / 3, 0.333984375},
		{BFloat16, 1e10, 9999220736},
		{Float32, 0.1, float64(float32(0.1))},
		{Int64, 0.1, 0.1},
	}
	for _, tt := range tests {
		if got := Round(tt.d, tt.x); got != tt.want {
			t.Errorf("Round(%v, %g) = %.17g, want %.17g", tt.d, tt.x, got, tt.want)
		}
	}
}

func TestBadInputDoesNotPanic(t *testing.T) {
	o := DefaultOptions()
	o.LineWidth = -10
	o.EdgeItems = 0
	o.Threshold = 0
	got := Repr(View{DType: Float32, Shape: []int{4}, Float: []float64{1, 2, 3, 4}}, o)
	if got == "" {
		t.Errorf("empty repr")
	}
}

// TestEdgeItemsZero: with edgeitems=0 PyTorch prints " ..." then the whole
// vector, because self[-0:] slices everything (recorded from the oracle:
// torch.set_printoptions(threshold=5, edgeitems=0); print(torch.arange(10))).
func TestEdgeItemsZero(t *testing.T) {
	o := DefaultOptions()
	o.Threshold, o.EdgeItems = 5, 0
	v := View{DType: Int64, Shape: []int{10}, Int: []int64{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}}
	if got, want := Repr(v, o), "tensor([ ..., 0, 1, 2, 3, 4, 5, 6, 7, 8, 9])"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestInvalidView(t *testing.T) {
	tests := []struct {
		v    View
		want string
	}{
		{View{DType: Float32, Shape: []int{2, 2}, Float: []float64{1, 2, 3}}, "tensor(<tensorfmt: 3 values for shape [2 2] (4 elements) of torch.float32>)"},
		{View{DType: Int64, Shape: []int{-1}}, "tensor(<tensorfmt: negative dimension in shape [-1]>)"},
		{View{DType: DType(99), Shape: []int{}}, "tensor(<tensorfmt: unknown dtype 99>)"},
	}
	for _, tt := range tests {
		if got := Repr(tt.v, DefaultOptions()); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
}

// FuzzRepr: any shape, values and options print without panicking.
func FuzzRepr(f *testing.F) {
	f.Add(uint8(2), uint8(3), uint8(0), 1.5, int8(4), int16(80), int16(1000), int8(3))
	f.Add(uint8(1), uint8(200), uint8(5), -1e-9, int8(0), int16(-5), int16(0), int8(-2))
	f.Fuzz(func(t *testing.T, d0, d1, dt uint8, x float64, prec int8, width, threshold int16, edge int8) {
		shape := []int{int(d0 % 8), int(d1%40) + 1}
		n := shape[0] * shape[1]
		v := View{DType: DType(dt % 10), Shape: shape}
		for i := 0; i < n; i++ {
			switch {
			case v.DType.IsFloat():
				v.Float = append(v.Float, x*float64(i-n/2))
			case v.DType == Bool:
				v.Bool = append(v.Bool, i%3 == 0)
			default:
				v.Int = append(v.Int, int64(x)*int64(i))
			}
		}
		o := Options{Precision: int(prec % 20), LineWidth: int(width), Threshold: float64(threshold), EdgeItems: int(edge)}
		if Repr(v, o, "requires_grad=True") == "" {
			t.Fatal("empty repr")
		}
	})
}

func BenchmarkReprSummarized(b *testing.B) {
	v := View{DType: Float32, Shape: []int{100, 100}, Float: make([]float64, 10000)}
	for i := range v.Float {
		v.Float[i] = float64(i%97) / 7
	}
	o := DefaultOptions()
	for b.Loop() {
		Repr(v, o)
	}
}

// BenchmarkReprSmallWhole is the kind of tensor the state view and the
// timeline print most: a few whole numbers, e.g. after fill_(1.0).
func BenchmarkReprSmallWhole(b *testing.B) {
	v := View{DType: Float32, Shape: []int{1, 2}, Float: []float64{1, 1}}
	o := DefaultOptions()
	for b.Loop() {
		Repr(v, o, "requires_grad=True")
	}
}

func BenchmarkReprSmall(b *testing.B) {
	v := View{DType: Float32, Shape: []int{1, 2}, Float: []float64{-0.0053, 0.3793}}
	o := DefaultOptions()
	for b.Loop() {
		Repr(v, o, "requires_grad=True")
	}
}

// TestSmallBodyMatchesGeneral checks the one-pass print of small tensors
// against the general path (measure, then format each element as it is
// printed) on random views: every dtype, ranks 0 to 4, whole numbers,
// floats of every magnitude, signed zeros, nan and inf, and random
// precision, line width, threshold, edge items, sci_mode and indent. The
// outputs must be equal byte for byte, and the one-pass print must take
// the views it is meant for.
func TestSmallBodyMatchesGeneral(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	scales := []float64{1e-12, 1e-9, 1e-5, 1e-4, 1e-3, 0.1, 1, 10, 999, 1e3, 1e5, 1e7, 1e8, 1e9, 1e12, 1e30}
	taken := 0
	const trials = 50000
	for trial := range trials {
		rank := rng.IntN(5)
		shape := make([]int, rank)
		n := 1
		for d := range shape {
			shape[d] = 1 + rng.IntN(4)
			n *= shape[d]
		}
		v := View{DType: DType(rng.IntN(len(dtypeNames))), Shape: shape}
		if rng.IntN(2) == 0 {
			v.DType = Float32 // the common case, half the time
		}
		scale := scales[rng.IntN(len(scales))]
		for range n {
			x := rng.NormFloat64() * scale
			switch rng.IntN(10) {
			case 0:
				x = 0
			case 1:
				x = math.Copysign(0, -1)
			case 2, 3:
				x = math.Round(x)
			case 4:
				x = []float64{math.Inf(1), math.Inf(-1), math.NaN()}[rng.IntN(3)]
			}
			switch {
			case v.DType.IsFloat():
				if rng.IntN(4) > 0 {
					x = Round(v.DType, x) // as a tensor holds it; otherwise unrounded input
				}
				v.Float = append(v.Float, x)
			case v.DType == Bool:
				v.Bool = append(v.Bool, x > 0)
			default:
				if math.IsNaN(x) || math.IsInf(x, 0) || math.Abs(x) > 1e18 {
					x = 7
				}
				v.Int = append(v.Int, int64(x))
			}
		}
		o := DefaultOptions()
		if rng.IntN(2) == 0 {
			o.Precision = rng.IntN(12)
		}
		if rng.IntN(3) == 0 {
			o.LineWidth = rng.IntN(60)
		}
		if rng.IntN(4) == 0 {
			o.Threshold = float64(rng.IntN(20))
		}
		if rng.IntN(4) == 0 {
			o.EdgeItems = rng.IntN(4) - 1
		}
		if rng.IntN(6) == 0 {
			sci := rng.IntN(2) == 0
			o.SciMode = &sci
		}
		indent := []int{0, 7, 20, 79}[rng.IntN(4)]
		want := string(appendBodyGeneral(nil, &v, &o, indent))
		got, ok := appendSmallBody([]byte("x"), &v, &o, indent)
		if !ok {
			if string(got) != "x" {
				t.Fatalf("trial %d: declined, but changed the buffer to %q", trial, got)
			}
			if got := string(appendBody(nil, &v, &o, indent)); got != want {
				t.Fatalf("trial %d: appendBody %q, general %q", trial, got, want)
			}
			continue
		}
		taken++
		if string(got[1:]) != want {
			t.Fatalf("trial %d: %v shape %v values %v opts %+v indent %d:\none pass %q\ngeneral  %q",
				trial, v.DType, shape, v.Float, o, indent, got[1:], want)
		}
	}
	t.Logf("%d of %d views printed in one pass", taken, trials)
	if taken < trials/3 {
		t.Errorf("only %d of %d views printed in one pass", taken, trials)
	}
}

// TestAppendFixedMatchesStrconv checks the integer rounding of
// appendFixed, and appendWhole's digits of a whole number, against
// strconv's 'f' formatting, on random float32 and
// float64 values of every magnitude, exact ties and edge cases, at
// precisions 0 to 10 (past 8 appendFixed hands over to strconv).
func TestAppendFixedMatchesStrconv(t *testing.T) {
	values := []float64{0, math.Copysign(0, -1), 1, -1, 0.5, -0.5, 1.5, 2.5, -2.5, 0.03125, 0.00005,
		0.00015, 1e8, -1e8, 1 << 53, -(1 << 53), 1<<53 - 1, 1 << 62, 1 << 63, 1 << 64, 1e20, -1e300,
		math.SmallestNonzeroFloat64, math.MaxFloat64, math.Inf(1), math.Inf(-1), math.NaN(),
		float64(math.SmallestNonzeroFloat32), math.MaxFloat32}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 100000 {
		x := rng.NormFloat64() * math.Pow(10, float64(rng.IntN(30)-15))
		switch rng.IntN(4) {
		case 0:
			x = math.Round(x)
		case 1:
			// An exact tie at some precision: an odd multiple of 2^-j.
			x = float64(2*rng.IntN(1000)+1) / float64(uint64(1)<<rng.IntN(40))
		}
		values = append(values, x, float64(float32(x)))
		// Values next to a decimal midpoint, where rounding is closest.
		mid := (math.Round(x*1e4) + 0.5) / 1e4
		values = append(values, mid, math.Nextafter(mid, 0), math.Nextafter(mid, math.Inf(1)),
			float64(math.Nextafter32(float32(mid), 0)), float64(math.Nextafter32(float32(mid), float32(math.Inf(1)))))
	}
	fast := 0
	for _, x := range values {
		if _, ok := scaledRound(x, 4); ok {
			fast++
		}
		if got, want := string(appendWhole(nil, x)), strconv.FormatFloat(x, 'f', 0, 64); got != want {
			t.Fatalf("appendWhole(%v) = %q, strconv gives %q", x, got, want)
		}
		for prec := range 11 {
			want := strconv.FormatFloat(x, 'f', prec, 64)
			if got := string(appendFixed(nil, x, prec)); got != want {
				t.Fatalf("appendFixed(%v, %d) = %q, strconv gives %q", x, prec, got, want)
			}
		}
	}
	t.Logf("%d of %d values took the integer path at precision 4", fast, len(values))
	if fast < len(values)/3 {
		t.Errorf("only %d of %d values took the integer path at precision 4", fast, len(values))
	}
}
