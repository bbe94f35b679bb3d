package pyfmt

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
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

// FloatRepr writes a finite float by a quicker way than CPython's
// general formatter (strconv's shortest digits, in positional or
// exponent notation); both write the same text: at the edges of
// the range, for integral values, and for random values of every scale.
// AppendFloatRepr writes what FloatRepr returns.
func TestPositionalReprIsTheGeneralOne(t *testing.T) {
	floats := []float64{0, math.Copysign(0, -1), 1, -1, 0.1, 0.05, 0.9, 1e-3, 2.5, 100, 1e15, 1e16, -1e16, 1e17,
		1e-4, -1e-4, math.Nextafter(1e-4, 0), math.Nextafter(1e-4, 1), math.Nextafter(1e16, 0), math.Nextafter(1e16, 2e16),
		9999999999999998, 123456789012345.67, 5e-324, math.MaxFloat64, math.Inf(1), math.Inf(-1), math.NaN(), 1.0 / 3,
		1 << 53, 1<<53 + 2, -(1<<53 + 2), 1<<53 - 1, 1e15 + 1, 4503599627370496.5,
		1e-5, -2.5e-7, 1e-100, 1e100, 1.5e16, 9.999999999999999e-05, 1.7976931348623157e308, -5e-324}
	for i := -1000; i <= 1000; i++ {
		floats = append(floats, float64(i), float64(i)/4)
	}
	rnd := rand.New(rand.NewPCG(1, 2))
	for range 50000 {
		f := math.Float64frombits(rnd.Uint64())
		if rnd.IntN(2) == 0 { // a scale near the positional range
			f = (rnd.Float64() - 0.5) * math.Pow(10, float64(rnd.IntN(26)-7))
		}
		floats = append(floats, f, math.Round(f))
	}
	for _, f := range floats {
		want := doubleToString(f, 'r', 0, floatOpts{addDot0: true})
		if got := FloatRepr(f); got != want {
			t.Fatalf("FloatRepr(%v) = %s, want %s", f, got, want)
		}
		if got := string(AppendFloatRepr([]byte("x"), f)); got != "x"+want {
			t.Fatalf("AppendFloatRepr(x, %v) = %s, want x%s", f, got, want)
		}
	}
}

// appendStrconvRepr is how AppendFloatRepr wrote a positional float before
// shortDecimal: strconv's shortest digits, and ".0" for a whole number.
func appendStrconvRepr(b []byte, f float64) []byte {
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return append(b, s...)
}

// The quick path for short decimals writes what strconv's shortest digits
// write: for decimals of every length and scale as a program writes them,
// their neighbours one ulp away, random bits, and the edges of the
// quick path (15 significant digits, 10^-22).
func TestShortDecimalIsTheShortest(t *testing.T) {
	floats := []float64{0.1, 0.2, 0.3, 0.7, 0.01, 0.001, 1e-4, 0.05, 0.9, 0.99, 0.999, 2.5, -0.5, 1.0 / 3, 2.0 / 3,
		0.1 + 0.2, 123456789012345.6, 12345678901234.56, 99999999999999.9, 999999999999999.9, 0.123456789012345,
		0.1234567890123456, 0.30000000000000004, 5e-324, 1e-22, 1.5e-4, math.Nextafter(0.1, 1), math.Nextafter(0.1, 0),
		9007199254740993.5, 4503599627370495.5, 1e15 + 0.5, 1e16 - 1.5}
	rnd := rand.New(rand.NewPCG(3, 4))
	for range 200000 {
		// A decimal of 1 to 17 digits with the point anywhere near them.
		digits := rnd.Int64N(int64(math.Pow(10, float64(1+rnd.IntN(17)))))
		f := float64(digits) / math.Pow(10, float64(rnd.IntN(22)))
		if s, err := strconv.ParseFloat(strconv.FormatInt(digits, 10)+"e-"+strconv.Itoa(rnd.IntN(22)), 64); err == nil && rnd.IntN(2) == 0 {
			f = s
		}
		if rnd.IntN(2) == 0 {
			f = -f
		}
		floats = append(floats, f, math.Nextafter(f, math.Inf(1)), math.Nextafter(f, math.Inf(-1)))
		floats = append(floats, math.Float64frombits(rnd.Uint64()), (rnd.Float64()-0.5)*math.Pow(10, float64(rnd.IntN(26)-7)))
	}
	for _, f := range floats {
		if !positionalRepr(f) {
			continue
		}
		want := string(appendStrconvRepr(nil, f))
		if got := string(AppendFloatRepr(nil, f)); got != want {
			t.Fatalf("AppendFloatRepr(%b) = %s, want %s", f, got, want)
		}
		if got := FloatRepr(f); got != want {
			t.Fatalf("FloatRepr(%b) = %s, want %s", f, got, want)
		}
	}
}

func BenchmarkFloatRepr(b *testing.B) {
	for _, f := range []float64{0.1, 0.001, 2.5, 1.0 / 3} {
		b.Run(strconv.FormatFloat(f, 'g', 4, 64), func(b *testing.B) {
			var buf [32]byte
			for i := 0; i < b.N; i++ {
				AppendFloatRepr(buf[:0], f)
			}
		})
	}
}
