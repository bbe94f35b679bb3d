package rng

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/ckptlab/ckptlab/sim/torch/tensorfmt"
)

var update = flag.Bool("update", false, "rerun testdata/gen.py with the real PyTorch oracle (/usr/bin/python3) and rewrite testdata/golden.json")

type golden struct {
	Torch   string `json:"torch"`
	Restore struct {
		State       string   `json:"state"`
		After       []string `json:"after"`
		LegacyState string   `json:"legacy_state"`
		LegacyAfter []string `json:"legacy_after"`
	} `json:"restore"`
	Cases []goldenCase `json:"cases"`
}

type goldenCase struct {
	Name        string  `json:"name"`
	Seed        int64   `json:"seed"`
	InitialSeed uint64  `json:"initial_seed"`
	StateSHA256 string  `json:"state_sha256"`
	Outputs     []value `json:"outputs"`
}

// value is one recorded tensor: its dtype and its elements as exact bits
// (hex strings for floats, numbers for ints and bools).
type value struct {
	DType string            `json:"dtype"`
	Bits  []json.RawMessage `json:"bits"`
}

func loadGolden(t *testing.T) golden {
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
	var g golden
	if err := json.Unmarshal(data, &g); err != nil {
		t.Fatalf("parse golden: %v", err)
	}
	return g
}

// run replays a golden case's ops on a fresh generator and returns each
// output rendered as the golden records it.
func run(t *testing.T, g *Generator, name string) [][]string {
	parts := strings.Split(name, "/")
	atoi := func(s string) int {
		n, err := strconv.Atoi(s)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return n
	}
	atof := func(s string) float64 {
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return f
	}
	f32 := func(fill func([]float32), n int) []string {
		d := make([]float32, n)
		fill(d)
		return hex32(d)
	}
	f64 := func(fill func([]float64), n int) []string {
		d := make([]float64, n)
		fill(d)
		return hex64(d)
	}
	switch parts[0] {
	case "rand", "uniform", "normal":
		if parts[1] == "float16" || parts[1] == "bfloat16" {
			return [][]string{reduced(g, parts, atoi(parts[2]))}
		}
		fallthrough
	case "randn":
		n := atoi(parts[2])
		lo, hi := 0.0, 1.0
		if len(parts) == 5 {
			lo, hi = atof(parts[3]), atof(parts[4])
		}
		uni := parts[0] == "rand" || parts[0] == "uniform"
		if parts[1] == "float32" {
			if uni {
				return [][]string{f32(func(d []float32) { g.UniformFloat32(d, lo, hi) }, n)}
			}
			return [][]string{f32(func(d []float32) { g.NormalFloat32(d, lo, hi) }, n)}
		}
		if uni {
			return [][]string{f64(func(d []float64) { g.UniformFloat64(d, lo, hi) }, n)}
		}
		return [][]string{f64(func(d []float64) { g.NormalFloat64(d, lo, hi) }, n)}
	case "randint":
		d := make([]int64, atoi(parts[2]))
		lo, _ := strconv.ParseInt(parts[3], 10, 64)
		hi, _ := strconv.ParseInt(parts[4], 10, 64)
		g.Randint(d, lo, hi)
		return [][]string{ints(d)}
	case "bernoulli":
		d := make([]bool, atoi(parts[2]))
		g.Bernoulli(d, atof(parts[3]))
		out := make([]float32, len(d))
		for i, b := range d {
			if b {
				out[i] = 1
			}
		}
		return [][]string{hex32(out)}
	case "bernoullip":
		// torch.bernoulli(torch.linspace(0, 1, n)): p in the tensor's dtype.
		n := atoi(parts[2])
		d := make([]bool, n)
		if parts[1] == "float32" {
			p := make([]float32, n)
			for i := range p {
				p[i] = float32(linspace(n, i))
			}
			g.BernoulliFloat32P(d, p)
		} else {
			p := make([]float64, n)
			for i := range p {
				p[i] = linspace(n, i)
			}
			g.BernoulliFloat64P(d, p)
		}
		out := make([]float64, n)
		for i, b := range d {
			if b {
				out[i] = 1
			}
		}
		if parts[1] == "float32" {
			f := make([]float32, n)
			for i := range out {
				f[i] = float32(out[i])
			}
			return [][]string{hex32(f)}
		}
		return [][]string{hex64(out)}
	case "dropout":
		p := atof(parts[3])
		d := make([]bool, atoi(parts[2]))
		g.Bernoulli(d, 1-p)
		// F.dropout(ones) == mask / (1-p) in float32.
		scale := float32(1) / float32(1-p)
		out := make([]float32, len(d))
		for i, b := range d {
			if b {
				out[i] = scale
			}
		}
		return [][]string{hex32(out)}
	case "randperm":
		r, err := g.Randperm(int64(atoi(parts[1])))
		if err != nil {
			t.Fatal(err)
		}
		return [][]string{ints(r)}
	case "linear":
		in, out := atoi(parts[1]), atoi(parts[2])
		w := make([]float32, in*out)
		b := make([]float32, out)
		g.UniformFloat32(w, -KaimingUniformBound(in, math.Sqrt(5)), KaimingUniformBound(in, math.Sqrt(5)))
		g.UniformFloat32(b, -BiasBound(in), BiasBound(in))
		return [][]string{hex32(w), hex32(b)}
	case "seed":
		return [][]string{f32(func(d []float32) { g.UniformFloat32(d, 0, 1) }, 3)}
	case "seq":
		switch parts[1] {
		case "randn1-randn1-randn3-rand2":
			return [][]string{
				f32(func(d []float32) { g.NormalFloat32(d, 0, 1) }, 1),
				f32(func(d []float32) { g.NormalFloat32(d, 0, 1) }, 1),
				f32(func(d []float32) { g.NormalFloat32(d, 0, 1) }, 3),
				f32(func(d []float32) { g.UniformFloat32(d, 0, 1) }, 2),
			}
		case "randn3-double-randn2":
			return [][]string{
				f32(func(d []float32) { g.NormalFloat32(d, 0, 1) }, 3),
				f64(func(d []float64) { g.NormalFloat64(d, 0, 1) }, 2),
			}
		case "randn5-state":
			return [][]string{f32(func(d []float32) { g.NormalFloat32(d, 0, 1) }, 5)}
		case "randn20-randn7-randn33":
			return [][]string{
				f32(func(d []float32) { g.NormalFloat32(d, 0, 1) }, 20),
				f32(func(d []float32) { g.NormalFloat32(d, 0, 1) }, 7),
				f32(func(d []float32) { g.NormalFloat32(d, 0, 1) }, 33),
			}
		case "2d-randn-4x5":
			return [][]string{f32(func(d []float32) { g.NormalFloat32(d, 0, 1) }, 20)}
		case "noncontig-normal-4x5":
			d := make([]float64, 20)
			g.NormalScalar(d, 0, 1)
			f := make([]float32, len(d))
			for i, x := range d {
				f[i] = float32(x)
			}
			return [][]string{hex32(f)}
		case "random-int64":
			d := make([]int64, 5)
			g.RandomInt64(d)
			return [][]string{ints(d)}
		case "random-int32":
			d := make([]int32, 5)
			g.RandomInt32(d)
			w := make([]int64, len(d))
			for i, v := range d {
				w[i] = int64(v)
			}
			return [][]string{ints(w)}
		case "rand-700":
			return [][]string{
				f32(func(d []float32) { g.UniformFloat32(d, 0, 1) }, 700),
				f64(func(d []float64) { g.UniformFloat64(d, 0, 1) }, 700),
			}
		}
	}
	t.Fatalf("golden case %q: no replay for it in rng_test.go", name)
	return nil
}

// linspace(0, 1, n)[i], up to PyTorch's rounding of the step: only the
// comparison with each uniform matters, and no recorded draw falls between
// the two roundings (the test would show it).
func linspace(n, i int) float64 {
	if n == 1 {
		return 0
	}
	return float64(i) / float64(n-1)
}

// reduced replays rand/uniform/normal on a float16 or bfloat16 tensor; the
// golden holds the values widened to float32.
func reduced(g *Generator, parts []string, n int) []string {
	dt := tensorfmt.Float16
	digits := uint(11)
	if parts[1] == "bfloat16" {
		dt, digits = tensorfmt.BFloat16, 8
	}
	round := func(x float32) float32 { return float32(tensorfmt.Round(dt, float64(x))) }
	lo, hi := 0.0, 1.0
	if len(parts) == 5 {
		lo, _ = strconv.ParseFloat(parts[3], 64)
		hi, _ = strconv.ParseFloat(parts[4], 64)
	}
	d := make([]float32, n)
	if parts[0] == "normal" {
		g.NormalReduced(d, digits, round, lo, hi)
		return hex32(d)
	}
	g.UniformReduced(d, digits, round(float32(lo)), round(float32(hi)))
	for i := range d {
		d[i] = round(d[i])
	}
	return hex32(d)
}

func hex32(d []float32) []string {
	s := make([]string, len(d))
	for i, v := range d {
		s[i] = fmt.Sprintf("%08x", math.Float32bits(v))
	}
	return s
}

func hex64(d []float64) []string {
	s := make([]string, len(d))
	for i, v := range d {
		s[i] = fmt.Sprintf("%016x", math.Float64bits(v))
	}
	return s
}

func ints(d []int64) []string {
	s := make([]string, len(d))
	for i, v := range d {
		s[i] = strconv.FormatInt(v, 10)
	}
	return s
}

func rawStrings(raw []json.RawMessage) []string {
	s := make([]string, len(raw))
	for i, r := range raw {
		s[i] = strings.Trim(string(r), `"`)
	}
	return s
}

// ulpDiff is how many float64 steps apart two hex-encoded float64s are.
func ulpDiff(a, b string) uint64 {
	x, _ := strconv.ParseUint(a, 16, 64)
	y, _ := strconv.ParseUint(b, 16, 64)
	if x > y {
		return x - y
	}
	return y - x
}

// TestOracle replays every recorded case and compares bit for bit. The one
// allowance: float64 normal samples may differ from the 1.13 oracle in the
// last few bits, because PyTorch 2.6 (the target, followed here) computes the
// Box-Muller radius with log1p(-u) where 1.13 used log(1-u), and Go's
// log/sin/cos are not glibc's. Float32 results must match exactly.
func TestOracle(t *testing.T) {
	gold := loadGolden(t)
	if len(gold.Cases) < 550 {
		t.Fatalf("golden has %d cases, want the full set", len(gold.Cases))
	}
	for _, c := range gold.Cases {
		g := New(uint64(c.Seed))
		outs := run(t, g, c.Name)
		if len(outs) != len(c.Outputs) {
			t.Fatalf("%s seed %d: %d outputs, golden has %d", c.Name, c.Seed, len(outs), len(c.Outputs))
		}
		for k, got := range outs {
			want := rawStrings(c.Outputs[k].Bits)
			if len(got) != len(want) {
				t.Errorf("%s seed %d output %d: %d values, want %d", c.Name, c.Seed, k, len(got), len(want))
				continue
			}
			bad := 0
			for i := range got {
				if got[i] == want[i] {
					continue
				}
				if c.Outputs[k].DType == "float64" && ulpDiff(got[i], want[i]) <= 4 {
					continue
				}
				if bad < 3 {
					t.Errorf("%s seed %d output %d [%d]: got %s, want %s", c.Name, c.Seed, k, i, got[i], want[i])
				}
				bad++
			}
			if bad > 3 {
				t.Errorf("%s seed %d output %d: %d of %d values differ", c.Name, c.Seed, k, bad, len(got))
			}
		}
		if g.InitialSeed() != c.InitialSeed {
			t.Errorf("%s: initial seed %d, want %d", c.Name, g.InitialSeed(), c.InitialSeed)
		}
		sum := sha256.Sum256(g.State())
		if got := hex.EncodeToString(sum[:]); got != c.StateSHA256 && !strings.Contains(c.Name, "double") && !cachesDouble(c) {
			t.Errorf("%s seed %d: get_rng_state differs from PyTorch's", c.Name, c.Seed)
		}
	}
}

// cachesDouble reports whether a case leaves a cached float64 normal sample in
// the state, whose last bits may differ (see TestOracle).
func cachesDouble(c goldenCase) bool {
	return strings.HasPrefix(c.Name, "randn/") || strings.HasPrefix(c.Name, "normal/") || strings.HasPrefix(c.Name, "seq/randn")
}

// TestRestoreOracleState loads a state real PyTorch saved mid-sequence (with
// a cached normal sample) and continues exactly as PyTorch continued.
func TestRestoreOracleState(t *testing.T) {
	gold := loadGolden(t)
	state, err := hex.DecodeString(gold.Restore.State)
	if err != nil {
		t.Fatal(err)
	}
	g := New(0)
	if err := g.SetState(state); err != nil {
		t.Fatal(err)
	}
	if got := g.State(); hex.EncodeToString(got) != gold.Restore.State {
		t.Errorf("State() after SetState does not give back the same bytes")
	}
	got := make([]float32, len(gold.Restore.After))
	g.NormalFloat32(got, 0, 1)
	if strings.Join(hex32(got), " ") != strings.Join(gold.Restore.After, " ") {
		t.Errorf("after restore: got %v, want %v", hex32(got), gold.Restore.After)
	}
}

// TestRestoreLegacyState: a pre-1.5 state whose cached normal is stored as
// Box-Muller's inputs continues as PyTorch continued it.
func TestRestoreLegacyState(t *testing.T) {
	gold := loadGolden(t)
	b, err := hex.DecodeString(gold.Restore.LegacyState)
	if err != nil || len(b) != LegacyStateSize {
		t.Fatalf("legacy state in golden: %v, %d bytes", err, len(b))
	}
	g := New(0)
	if err := g.SetState(b); err != nil {
		t.Fatal(err)
	}
	got := make([]float64, 3)
	g.NormalFloat64(got, 0, 1)
	for i, w := range gold.Restore.LegacyAfter {
		if d := ulpDiff(hex64(got)[i], w); d > 4 {
			t.Errorf("[%d]: got %s, want %s", i, hex64(got)[i], w)
		}
	}
}

// TestLinearAcceptance is the course's first example: torch.manual_seed(0);
// nn.Linear(2, 1) prints weight [[-0.0053, 0.3793]] and bias [-0.5820].
func TestLinearAcceptance(t *testing.T) {
	g := New(0)
	w := make([]float32, 2)
	b := make([]float32, 1)
	wb := KaimingUniformBound(2, math.Sqrt(5))
	g.UniformFloat32(w, -wb, wb)
	g.UniformFloat32(b, -BiasBound(2), BiasBound(2))
	got := fmt.Sprintf("%.4f %.4f %.4f", w[0], w[1], b[0])
	if want := "-0.0053 0.3793 -0.5820"; got != want {
		t.Errorf("Linear(2, 1) after manual_seed(0): got %s, want %s", got, want)
	}
}

// TestStateRoundTrip: a saved state restored continues the same sequence,
// whatever was drawn before, including a cached normal sample.
func TestStateRoundTrip(t *testing.T) {
	for _, pre := range []int{0, 1, 3, 623, 624, 625, 5000} {
		g := New(uint64(pre) * 7919)
		junk := make([]float32, pre)
		g.UniformFloat32(junk, 0, 1)
		odd := make([]float64, 3) // leaves a cached sample
		g.NormalFloat64(odd, 0, 1)
		saved := g.State()
		want := make([]float32, 40)
		g.NormalFloat32(want[:5], 0, 1)
		g.NormalFloat32(want[5:], 0, 1)

		h := New(12345)
		if err := h.SetState(saved); err != nil {
			t.Fatal(err)
		}
		got := make([]float32, 40)
		h.NormalFloat32(got[:5], 0, 1)
		h.NormalFloat32(got[5:], 0, 1)
		if strings.Join(hex32(got), ",") != strings.Join(hex32(want), ",") {
			t.Errorf("pre=%d: restored generator diverged", pre)
		}
	}
}

func TestSetStateErrors(t *testing.T) {
	g := New(0)
	err := g.SetState(make([]byte, 10))
	if err == nil || err.Error() != "Expected either a CPUGeneratorImplStateLegacy of size 5048 or a CPUGeneratorImplState of size 5056 but found the input RNG state size to be 10" {
		t.Errorf("short state: got %v", err)
	}
	if err := g.SetState(make([]byte, StateSize)); err != ErrInvalidState {
		t.Errorf("all-zero state: got %v, want %v", err, ErrInvalidState)
	}
	// A legacy state (PyTorch before 1.5) restores the engine and drops the
	// float cache.
	legacy := New(9)
	legacy.NormalFloat32(make([]float32, 3), 0, 1)
	if err := g.SetState(legacy.State()[:LegacyStateSize]); err != nil {
		t.Errorf("legacy state: %v", err)
	}
	if g.Random() != legacy.Random() {
		t.Errorf("legacy state: engine differs")
	}
	before := g.State()
	bad := New(1).State()
	bad[8] = 0 // left = 0 is out of range
	if err := g.SetState(bad); err != ErrInvalidState {
		t.Errorf("left=0: got %v", err)
	}
	if string(g.State()) != string(before) {
		t.Errorf("a failed SetState changed the generator")
	}
}

func TestFMA32(t *testing.T) {
	tests := []struct{ a, b, c, want float32 }{
		{1, 1, 1, 2},
		{0.1, 10, -1, float32(math.FMA(float64(float32(0.1)), 10, -1))},
		// a*b = 1-2^-46, so the float64 sum rounds to 2^24+3, a float32 tie
		// that would round to even (2^24+4); the exact value lies below it.
		{1 + 1.0/(1<<23), 1 - 1.0/(1<<23), 1<<24 + 2, 1<<24 + 2},
		{1, 1 + 1.0/(1<<23), -1, 1.0 / (1 << 23)},
	}
	for _, tt := range tests {
		if got := fma32(tt.a, tt.b, tt.c); got != tt.want {
			t.Errorf("fma32(%g, %g, %g) = %g, want %g", tt.a, tt.b, tt.c, got, tt.want)
		}
	}
}

func BenchmarkNormalFloat32(b *testing.B) {
	g := New(0)
	d := make([]float32, 1000)
	for b.Loop() {
		g.NormalFloat32(d, 0, 1)
	}
}

// FuzzSetState: arbitrary bytes either restore a generator whose State()
// gives the same engine back, or fail with an error; never a panic.
func FuzzSetState(f *testing.F) {
	f.Add(New(0).State())
	f.Add(New(1).State()[:LegacyStateSize])
	f.Add([]byte{1, 2, 3})
	f.Fuzz(func(t *testing.T, b []byte) {
		g := New(0)
		if err := g.SetState(b); err != nil {
			return
		}
		h := New(1)
		if err := h.SetState(g.State()); err != nil {
			t.Fatalf("re-loading our own state: %v", err)
		}
		if g.Random() != h.Random() {
			t.Fatal("round trip changed the engine")
		}
	})
}

func TestRandpermIsPermutation(t *testing.T) {
	g := New(3)
	for _, n := range []int64{0, 1, 2, 7, 100, 1000} {
		p, err := g.Randperm(n)
		if err != nil {
			t.Fatal(err)
		}
		seen := make([]bool, n)
		for _, v := range p {
			if v < 0 || v >= n || seen[v] {
				t.Fatalf("randperm(%d) = %v is not a permutation", n, p)
			}
			seen[v] = true
		}
	}
	if _, err := g.Randperm(-1); err == nil {
		t.Error("randperm(-1): no error")
	}
}

func TestNonDeterministicSeed(t *testing.T) {
	if NonDeterministicSeed() == NonDeterministicSeed() {
		t.Error("two nondeterministic seeds are equal")
	}
}

// A generator seeded from the cache of seeded states draws what one seeded
// and twisted word by word draws, for more seeds than the cache holds, each
// seeded twice (once from the cache), and a state restored mid-way goes on
// as the original does.
func TestCachedSeedsDrawAsComputed(t *testing.T) {
	for round := 0; round < 2; round++ {
		for seed := uint64(0); seed < 20; seed++ {
			want := &Generator{seed: seed, seeded: true, left: 1, state: new([stateN]uint32), owned: true}
			want.state[0] = uint32(seed)
			for j := 1; j < stateN; j++ {
				prev := want.state[j-1]
				want.state[j] = 1812433253*(prev^(prev>>30)) + uint32(j)
			}
			g := New(seed)
			if !bytes.Equal(g.State(), want.State()) {
				t.Fatalf("seed %d: the seeded state differs", seed)
			}
			for i := 0; i < 2*stateN; i++ {
				if a, b := g.Random(), want.Random(); a != b {
					t.Fatalf("seed %d, draw %d: %d, computed %d", seed, i, a, b)
				}
			}
		}
	}
	g := New(7)
	c := g.Clone() // a clone shares the words until one of them twists
	s := g.State()
	h := New(0)
	if err := h.SetState(s); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2*stateN; i++ {
		if a, b := g.Random(), h.Random(); a != b {
			t.Fatalf("draw %d after restoring a fresh state: %d, original %d", i, b, a)
		}
	}
	ref := New(7)
	var d *Generator
	for i := 0; i < 3*stateN; i++ {
		a, b := c.Random(), ref.Random()
		if a != b {
			t.Fatalf("draw %d of a clone: %d, of a new generator %d", i, a, b)
		}
		if d != nil && d.Random() != a {
			t.Fatalf("draw %d of a clone's clone differs", i)
		}
		if i == stateN+100 {
			d = c.Clone() // c has its own words now; the two share them
		}
	}
}
