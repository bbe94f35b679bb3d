// Package rng is PyTorch's CPU random number generator, draw for draw.
//
// A learner who seeds with torch.manual_seed(0) and builds nn.Linear(2, 1)
// must see the weights real PyTorch prints, and an RNG state saved by real
// PyTorch must continue the same sequence here (and the other way round). So
// this package copies ATen's mt19937 engine (MT19937RNGEngine.h), its
// CPUGeneratorImpl (including the cached second Box-Muller sample) and the CPU
// kernels that turn raw draws into tensor values (DistributionTemplates.h,
// TransformationHelper.h), including the vectorised AVX2 normal path.
//
// It works on plain Go slices so the tensor package decides storage. Usage:
//
//	g := rng.New(0)                          // torch.manual_seed(0)
//	w, b := make([]float32, 2), make([]float32, 1)
//	wb := rng.KaimingUniformBound(2, math.Sqrt(5)) // nn.Linear(2, 1).reset_parameters()
//	g.UniformFloat32(w, -wb, wb)             // weight: [-0.0053, 0.3793]
//	g.UniformFloat32(b, -rng.BiasBound(2), rng.BiasBound(2)) // bias: [-0.5820]
//	state := g.State()                       // torch.get_rng_state(): 5056 bytes
//	err := g.SetState(state)                 // torch.set_rng_state(state)
//
// Tensors are filled in row-major (contiguous) order, as PyTorch's serial
// kernels fill a freshly created tensor; for a non-contiguous tensor PyTorch
// fills in its TensorIterator's order (memory order of the strides), which
// the caller must follow. The fills by dtype:
//
//	float32           UniformFloat32, NormalFloat32
//	float64           UniformFloat64, NormalFloat64
//	float16/bfloat16  UniformReduced, NormalReduced (caller supplies rounding)
//	non-contiguous    NormalScalar (then round to the dtype)
//	integers          Randint, RandintNarrow, RandomInt64, RandomInt32, Randperm
//	masks             Bernoulli (bernoulli_(p), F.dropout with 1-p)
package rng

import (
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"sync"
)

const (
	stateN    = 624 // MERSENNE_STATE_N
	stateM    = 397 // MERSENNE_STATE_M
	matrixA   = 0x9908b0df
	upperMask = 0x80000000
	lowerMask = 0x7fffffff

	// DefaultSeed is the seed of a generator nobody seeded (mt19937's default).
	DefaultSeed = 5489

	// StateSize is len(torch.get_rng_state()): sizeof(CPUGeneratorImplState).
	StateSize = 5056
)

// Generator is one CPU generator: the mt19937 engine plus the cached normal
// samples that CPUGeneratorImpl keeps between calls. The zero value is not
// usable; call New. A Generator is not safe for concurrent use: each running
// program owns its own, as each Python process owns PyTorch's default one.
type Generator struct {
	seed   uint64
	left   int32
	seeded bool
	next   uint32
	// state is the engine's 624 words: until the engine twists a second
	// time, the cache's words for the seed (shared, never written), then
	// the generator's own (owned).
	state *[stateN]uint32
	owned bool
	// pristine is true while state is what ManualSeed(seed) left, so the
	// first twist can take its cached result.
	pristine bool

	// Box-Muller makes two samples and PyTorch caches the second one
	// (normal_distribution in DistributionsHelper.h); it is part of the state.
	nextDouble      float64
	nextDoubleValid bool
	nextFloat       float32
	nextFloatValid  bool
}

// New returns a generator seeded as torch.manual_seed(seed) leaves it.
func New(seed uint64) *Generator {
	g := &Generator{}
	g.ManualSeed(seed)
	return g
}

// ManualSeed reseeds the engine and drops the cached normal samples, as
// CPUGeneratorImpl::set_current_seed does. Python's negative seeds arrive as
// their two's complement (uint64(int64(seed))), as PyTorch stores them.
func (g *Generator) ManualSeed(seed uint64) {
	g.nextDoubleValid, g.nextFloatValid = false, false
	g.nextDouble, g.nextFloat = 0, 0
	g.seed = seed
	g.seeded = true
	g.state, g.owned = &seededState(uint32(seed)).seeded, false
	g.pristine = true
	g.left = 1
	g.next = 0
}

// seedCache holds the engine states of the last few seeds: filling 624
// words, each from the one before, costs microseconds, and every run makes
// a generator of the default seed, and most learners seed with 0 or 42.
var seedCache struct {
	sync.Mutex
	entries [8]*seedStates
	n       int // entries made; the next one replaces entries[n % 8]
}

// seedStates are the states of one seed: as ManualSeed leaves it
// (mt19937's init_genrand) and after the first twist (made when first
// asked for). They never change once made.
type seedStates struct {
	seed    uint32
	seeded  [stateN]uint32
	twisted *[stateN]uint32
}

// seededState is the cached states of seed, made when absent.
func seededState(seed uint32) *seedStates {
	seedCache.Lock()
	defer seedCache.Unlock()
	for _, e := range seedCache.entries {
		if e != nil && e.seed == seed {
			return e
		}
	}
	e := &seedStates{seed: seed}
	s := &e.seeded
	s[0] = seed
	for j := 1; j < stateN; j++ {
		prev := s[j-1]
		s[j] = 1812433253*(prev^(prev>>30)) + uint32(j)
	}
	seedCache.entries[seedCache.n%len(seedCache.entries)] = e
	seedCache.n++
	return e
}

// firstTwist is the state of a freshly seeded engine after its first
// twist, from the cache.
func firstTwist(seed uint32) *[stateN]uint32 {
	e := seededState(seed)
	seedCache.Lock()
	defer seedCache.Unlock()
	if e.twisted == nil {
		g := &Generator{state: &e.seeded}
		g.twistState() // on a copy of the seeded words
		e.twisted = g.state
	}
	return e.twisted
}

// NonDeterministicSeed is a fresh 64-bit seed from the operating system, as
// PyTorch seeds its default CPU generator at startup and as torch.seed()
// reseeds it (getNonDeterministicRandom reads /dev/urandom for the CPU).
func NonDeterministicSeed() uint64 {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		// crypto/rand does not fail on supported platforms; never hand out
		// a fixed seed silently.
		panic("rng: no randomness from the operating system: " + err.Error())
	}
	return binary.LittleEndian.Uint64(b[:])
}

// InitialSeed is torch.initial_seed(): the seed last given to ManualSeed.
func (g *Generator) InitialSeed() uint64 { return g.seed }

// Clone returns an independent copy, as Generator.clone_state does.
func (g *Generator) Clone() *Generator {
	g.owned = false // the words are shared now: each copies them to twist
	c := *g
	return &c
}

// Random is one 32-bit draw of the engine (CPUGeneratorImpl::random).
func (g *Generator) Random() uint32 {
	g.left--
	if g.left == 0 {
		g.twist()
	}
	y := g.state[g.next]
	g.next++
	y ^= y >> 11
	y ^= (y << 7) & 0x9d2c5680
	y ^= (y << 15) & 0xefc60000
	y ^= y >> 18
	return y
}

// Random64 is two 32-bit draws, the first as the high half
// (CPUGeneratorImpl::random64).
func (g *Generator) Random64() uint64 {
	hi := g.Random()
	lo := g.Random()
	return uint64(hi)<<32 | uint64(lo)
}

func mixTwist(u, v uint32) uint32 {
	m := (u&upperMask | v&lowerMask) >> 1
	if v&1 != 0 {
		m ^= matrixA
	}
	return m
}

// twist regenerates the 624 words of state (mt19937_engine::next_state).
// A freshly seeded engine's first twist is the same for every generator of
// its seed, and copied from the cache.
func (g *Generator) twist() {
	g.left = stateN
	g.next = 0
	if g.pristine {
		g.pristine = false
		g.state, g.owned = firstTwist(uint32(g.seed)), false
		return
	}
	g.twistState()
}

// twistState is next_state's arithmetic on the state words.
func (g *Generator) twistState() {
	if !g.owned {
		own := *g.state
		g.state, g.owned = &own, true
	}
	s := g.state
	for i := 0; i < stateN-stateM; i++ {
		s[i] = s[i+stateM] ^ mixTwist(s[i], s[i+1])
	}
	for i := stateN - stateM; i < stateN-1; i++ {
		s[i] = s[i+stateM-stateN] ^ mixTwist(s[i], s[i+1])
	}
	s[stateN-1] = s[stateM-1] ^ mixTwist(s[stateN-1], s[0])
}

// State is torch.get_rng_state(): CPUGeneratorImplState's bytes as a
// little-endian x86-64 machine lays them out (padding bytes are zero).
//
//	offset  size  field
//	0       8     the_initial_seed (uint64)
//	8       4     left (int32)
//	12      4     seeded (int32, 0 or 1)
//	16      8     next (uint64)
//	24      4992  state[624], each word widened to uint64
//	5016    8     normal_x (double, unused, 0)
//	5024    8     normal_y (double): the cached double normal sample
//	5032    8     normal_rho (double, unused, 0)
//	5040    4     normal_is_valid (int32)
//	5044    4     padding
//	5048    4     next_float_normal_sample (float)
//	5052    1     is_next_float_normal_sample_valid (bool)
//	5053    3     padding
func (g *Generator) State() []byte {
	b := make([]byte, StateSize)
	le := binary.LittleEndian
	le.PutUint64(b[0:], g.seed)
	le.PutUint32(b[8:], uint32(g.left))
	if g.seeded {
		le.PutUint32(b[12:], 1)
	}
	le.PutUint64(b[16:], uint64(g.next))
	for i, w := range g.state {
		le.PutUint64(b[24+8*i:], uint64(w))
	}
	if g.nextDoubleValid {
		le.PutUint64(b[5024:], math.Float64bits(g.nextDouble))
		le.PutUint32(b[5040:], 1)
	}
	if g.nextFloatValid {
		le.PutUint32(b[5048:], math.Float32bits(g.nextFloat))
		b[5052] = 1
	}
	return b
}

// ErrInvalidState is returned by SetState for bytes that pass the size check
// but describe no reachable engine state; its text is PyTorch's.
var ErrInvalidState = errors.New("Invalid mt19937 state")

// LegacyStateSize is sizeof(CPUGeneratorImplStateLegacy), the layout of
// states saved by PyTorch before 1.5, which PyTorch 2.6 still accepts.
const LegacyStateSize = 5048

// SetState is torch.set_rng_state(state) for a uint8 tensor's bytes: a
// current 5056-byte state, or a legacy 5048-byte one, as PyTorch 2.6 accepts
// both. Errors carry PyTorch 2.6's RuntimeError texts; on error the
// generator is unchanged.
func (g *Generator) SetState(b []byte) error {
	if len(b) != StateSize && len(b) != LegacyStateSize {
		return fmt.Errorf("Expected either a CPUGeneratorImplStateLegacy of size %d or a CPUGeneratorImplState of size %d but found the input RNG state size to be %d", LegacyStateSize, StateSize, len(b))
	}
	le := binary.LittleEndian
	n := Generator{state: new([stateN]uint32), owned: true}
	n.seed = le.Uint64(b[0:])
	n.left = int32(le.Uint32(b[8:]))
	n.seeded = le.Uint32(b[12:]) != 0
	n.next = uint32(le.Uint64(b[16:]))
	for i := range n.state {
		n.state[i] = uint32(le.Uint64(b[24+8*i:]))
	}
	if !n.seeded || n.left <= 0 || n.left > stateN || n.next > stateN {
		return ErrInvalidState
	}
	if le.Uint32(b[5040:]) != 0 {
		n.nextDoubleValid = true
		if len(b) == LegacyStateSize {
			// The legacy layout kept Box-Muller's inputs: the cached sample
			// is rho * sin(2*pi*x).
			x := math.Float64frombits(le.Uint64(b[5016:]))
			rho := math.Float64frombits(le.Uint64(b[5032:]))
			n.nextDouble = rho * math.Sin(2.0*math.Pi*x)
		} else {
			n.nextDouble = math.Float64frombits(le.Uint64(b[5024:]))
		}
	}
	if len(b) == StateSize && b[5052] != 0 {
		n.nextFloatValid = true
		n.nextFloat = math.Float32frombits(le.Uint32(b[5048:]))
	}
	*g = n
	return nil
}
