// Package pyrandom is CPython's random module in pure Go: the same Mersenne
// Twister, seeding, and derived methods, so a learner's seeded program draws
// the same numbers here as under python3.
//
// The interpreter owns argument conversion (ints arrive as *big.Int, floats
// as float64, sequences as their length) and builds the Python values; this
// package returns indices, ints and floats. Errors are *Error values naming
// the Python exception type and carrying CPython 3.12's message.
//
// The API:
//
//	r := New()                      // like random.Random(), seeded with 0 (no real entropy here)
//	r.SeedInt(n *big.Int)           // seed(int): init_by_array over abs(n)'s 32-bit words
//	r.SeedBytes(b []byte)           // seed(str/bytes/bytearray), version 2 (str: UTF-8 first)
//	r.SeedFloat(f float64)          // seed(float): seeds with hash(f)
//	r.Random() float64              // random()
//	r.GetRandBits(k int) (*big.Int, error)
//	r.RandBelow(n *big.Int) *big.Int            // _randbelow_with_getrandbits, n > 0
//	r.RandRange(start, stop, step *big.Int) (*big.Int, error)  // stop nil: randrange(start)
//	r.RandInt(a, b *big.Int) (*big.Int, error)
//	r.Choice(n int) (int, error)                // index into a sequence of length n
//	r.Shuffle(n int, swap func(i, j int))
//	r.Sample(n, k int) ([]int, error)           // indices into the population
//	r.Choices(n, k int, cumWeights []float64) ([]int, error) // cumWeights nil: unweighted
//	r.Uniform(a, b float64) float64
//	r.Gauss(mu, sigma float64) float64
//	r.NormalVariate(mu, sigma float64) float64
//	r.ExpoVariate(lambd) / r.LogNormVariate(mu, sigma) / r.ParetoVariate(alpha)
//	r.WeibullVariate(alpha, beta) (float64, error)  // ZeroDivisionError, OverflowError as CPython
//	r.Triangular(low, high, mode float64, hasMode bool) float64
//	r.GetState() State; r.SetState(State) error // getstate()/setstate() layout
//
//	Exp, Log, Pow, Sin, Cos(float64...) float64    // the C library as CPython sees it
//	FloatPow(v, w float64) (float64, error)         // Python's float ** float
//
// Known difference: the distributions call the C library's log, exp, pow,
// sin and cos. CPython gets glibc's, which are not always correctly
// rounded; libm.go's are (160-bit evaluation, one rounding), so about one
// result in a thousand, always a near-halfway case, differs from CPython in
// its last digit. Go's own math package differs far more often (pow in more
// than half of all cases), which is why it is not used here.
package pyrandom

import (
	"crypto/sha512"
	"github.com/ckptlab/ckptlab/sim/python/pymath"
	"math"
	"math/big"
	"math/bits"
)

// Error is a Python exception for the interpreter to raise.
type Error struct {
	Type string // "ValueError", "TypeError", "IndexError"
	Msg  string
}

func (e *Error) Error() string { return e.Type + ": " + e.Msg }

// floatPow is Python's float ** float, with pymath's errors as this
// package's, so callers check one type.
func floatPow(v, w float64) (float64, error) {
	r, err := pymath.FloatPow(v, w)
	if e, ok := err.(*pymath.Error); ok {
		return 0, &Error{Type: e.Type, Msg: e.Msg}
	}
	return r, err
}

const (
	n         = 624
	m         = 397
	matrixA   = 0x9908b0df
	upperMask = 0x80000000
	lowerMask = 0x7fffffff
)

// Random is one generator: random.Random's state, including gauss's
// cached second value.
type Random struct {
	mt        [n]uint32
	index     int
	gaussNext *float64
}

// New returns a generator seeded with 0. CPython seeds from OS entropy; a
// deterministic course seeds with 0 instead, so programs that forget to
// seed still print the same thing every run.
func New() *Random {
	r := &Random{}
	r.SeedInt(big.NewInt(0))
	return r
}

func (r *Random) initGenrand(s uint32) {
	r.mt[0] = s
	for i := 1; i < n; i++ {
		r.mt[i] = 1812433253*(r.mt[i-1]^(r.mt[i-1]>>30)) + uint32(i)
	}
	r.index = n
}

func (r *Random) initByArray(key []uint32) {
	r.initGenrand(19650218)
	i, j := 1, 0
	k := max(n, len(key))
	for ; k > 0; k-- {
		r.mt[i] = (r.mt[i] ^ ((r.mt[i-1] ^ (r.mt[i-1] >> 30)) * 1664525)) + key[j] + uint32(j)
		i++
		j++
		if i >= n {
			r.mt[0] = r.mt[n-1]
			i = 1
		}
		if j >= len(key) {
			j = 0
		}
	}
	for k = n - 1; k > 0; k-- {
		r.mt[i] = (r.mt[i] ^ ((r.mt[i-1] ^ (r.mt[i-1] >> 30)) * 1566083941)) - uint32(i)
		i++
		if i >= n {
			r.mt[0] = r.mt[n-1]
			i = 1
		}
	}
	r.mt[0] = 0x80000000
}

func (r *Random) uint32() uint32 {
	if r.index >= n {
		var kk int
		mag := [2]uint32{0, matrixA}
		for kk = 0; kk < n-m; kk++ {
			y := (r.mt[kk] & upperMask) | (r.mt[kk+1] & lowerMask)
			r.mt[kk] = r.mt[kk+m] ^ (y >> 1) ^ mag[y&1]
		}
		for ; kk < n-1; kk++ {
			y := (r.mt[kk] & upperMask) | (r.mt[kk+1] & lowerMask)
			r.mt[kk] = r.mt[kk+(m-n)] ^ (y >> 1) ^ mag[y&1]
		}
		y := (r.mt[n-1] & upperMask) | (r.mt[0] & lowerMask)
		r.mt[n-1] = r.mt[m-1] ^ (y >> 1) ^ mag[y&1]
		r.index = 0
	}
	y := r.mt[r.index]
	r.index++
	y ^= y >> 11
	y ^= (y << 7) & 0x9d2c5680
	y ^= (y << 15) & 0xefc60000
	y ^= y >> 18
	return y
}

// SeedInt is seed(n) for an int: the key is abs(n) split into 32-bit words,
// least significant first (one zero word for 0).
func (r *Random) SeedInt(x *big.Int) {
	b := new(big.Int).Abs(x).Bytes() // big-endian
	var key []uint32
	for end := len(b); end > 0; end -= 4 {
		var w uint32
		for i := max(end-4, 0); i < end; i++ {
			w = w<<8 | uint32(b[i])
		}
		key = append(key, w)
	}
	if len(key) == 0 {
		key = []uint32{0}
	}
	r.initByArray(key)
	r.gaussNext = nil
}

// SeedBytes is seed(b) for bytes, bytearray, or a str encoded as UTF-8:
// version 2 seeds with int.from_bytes(b + sha512(b).digest(), "big").
func (r *Random) SeedBytes(b []byte) {
	sum := sha512.Sum512(b)
	all := append(append([]byte{}, b...), sum[:]...)
	r.SeedInt(new(big.Int).SetBytes(all))
}

// SeedFloat is seed(f) for a float, which CPython seeds with hash(f)
// reinterpreted as an unsigned 64-bit number (not its absolute value).
func (r *Random) SeedFloat(f float64) {
	r.SeedInt(new(big.Int).SetUint64(uint64(FloatHash(f))))
}

// FloatHash is CPython's hash(float) on 64-bit platforms (modulus
// 2**61 - 1). NaN hashes by identity in CPython, so it has no stable value;
// 0 is returned for it here.
func FloatHash(f float64) int64 {
	const bits = 61
	const modulus = (1 << bits) - 1
	switch {
	case math.IsInf(f, 1):
		return 314159
	case math.IsInf(f, -1):
		return -314159
	case math.IsNaN(f):
		return 0
	}
	sign := int64(1)
	if f < 0 {
		sign = -1
		f = -f
	}
	mant, e := math.Frexp(f)
	var x uint64
	for mant != 0 {
		x = ((x << 28) & modulus) | x>>(bits-28)
		mant *= 268435456.0 // 2**28
		e -= 28
		y := uint64(mant)
		mant -= float64(y)
		x += y
		if x >= modulus {
			x -= modulus
		}
	}
	if e >= 0 {
		e %= bits
	} else {
		e = bits - 1 - ((-1 - e) % bits)
	}
	x = ((x << uint(e)) & modulus) | x>>uint(bits-e)
	h := int64(x) * sign
	if h == -1 {
		h = -2
	}
	return h
}

// Random is random(): 53 random bits as a float in [0.0, 1.0).
func (r *Random) Random() float64 {
	a := r.uint32() >> 5
	b := r.uint32() >> 6
	return (float64(a)*67108864.0 + float64(b)) * (1.0 / 9007199254740992.0)
}

// GetRandBits is getrandbits(k).
func (r *Random) GetRandBits(k int) (*big.Int, error) {
	if k < 0 {
		return nil, &Error{"ValueError", "number of bits must be non-negative"}
	}
	return r.randBits(k), nil
}

func (r *Random) randBits(k int) *big.Int {
	if k == 0 {
		return new(big.Int)
	}
	if k <= 32 {
		return new(big.Int).SetUint64(uint64(r.uint32() >> (32 - k)))
	}
	words := (k-1)/32 + 1
	bytes := make([]byte, words*4) // big-endian for SetBytes
	for i := 0; i < words; i, k = i+1, k-32 {
		w := r.uint32()
		if k < 32 {
			w >>= 32 - k
		}
		off := len(bytes) - 4*(i+1)
		bytes[off] = byte(w >> 24)
		bytes[off+1] = byte(w >> 16)
		bytes[off+2] = byte(w >> 8)
		bytes[off+3] = byte(w)
	}
	return new(big.Int).SetBytes(bytes)
}

// RandBelow is _randbelow_with_getrandbits: a uniform int in [0, n) by
// rejection, drawing n.bit_length() bits at a time. n must be positive.
func (r *Random) RandBelow(bound *big.Int) *big.Int {
	if bound.IsUint64() {
		return new(big.Int).SetUint64(r.randBelowUint64(bound.Uint64()))
	}
	k := bound.BitLen()
	x := r.randBits(k)
	for x.Cmp(bound) >= 0 {
		x = r.randBits(k)
	}
	return x
}

func (r *Random) randBelowInt(bound int) int {
	return int(r.randBelowUint64(uint64(bound)))
}

// randBelowUint64 is RandBelow without allocation for bounds that fit in
// 64 bits: the same draws as randBits (one word up to 32 bits, two words,
// low word first, up to 64).
func (r *Random) randBelowUint64(bound uint64) uint64 {
	k := bits.Len64(bound)
	for {
		var x uint64
		switch {
		case k == 0:
			x = 0
		case k <= 32:
			x = uint64(r.uint32() >> (32 - k))
		default:
			lo := uint64(r.uint32())
			hi := uint64(r.uint32() >> (64 - k))
			x = hi<<32 | lo
		}
		if x < bound {
			return x
		}
	}
}

// RandRange is randrange(start) when stop is nil, else
// randrange(start, stop, step). Pass step nil for the default 1; a non-nil
// step with a nil stop is CPython's "Missing a non-None stop argument".
func (r *Random) RandRange(start, stop, step *big.Int) (*big.Int, error) {
	if stop == nil {
		if step != nil {
			return nil, &Error{"TypeError", "Missing a non-None stop argument"}
		}
		if start.Sign() > 0 {
			return r.RandBelow(start), nil
		}
		return nil, &Error{"ValueError", "empty range for randrange()"}
	}
	width := new(big.Int).Sub(stop, start)
	if step == nil || step.Cmp(big.NewInt(1)) == 0 {
		if width.Sign() > 0 {
			return width.Add(start, r.RandBelow(width)), nil
		}
		return nil, &Error{"ValueError", "empty range in randrange(" + start.String() + ", " + stop.String() + ")"}
	}
	var cnt *big.Int
	switch step.Sign() {
	case 1:
		cnt = floorDiv(new(big.Int).Add(width, new(big.Int).Sub(step, big.NewInt(1))), step)
	case -1:
		cnt = floorDiv(new(big.Int).Add(width, new(big.Int).Add(step, big.NewInt(1))), step)
	default:
		return nil, &Error{"ValueError", "zero step for randrange()"}
	}
	if cnt.Sign() <= 0 {
		return nil, &Error{"ValueError", "empty range in randrange(" + start.String() + ", " + stop.String() + ", " + step.String() + ")"}
	}
	off := new(big.Int).Mul(step, r.RandBelow(cnt))
	return off.Add(start, off), nil
}

// floorDiv is Python's // on ints.
func floorDiv(a, b *big.Int) *big.Int {
	q, m := new(big.Int).DivMod(a, b, new(big.Int)) // Euclidean: m >= 0
	if m.Sign() != 0 && b.Sign() < 0 {
		q.Add(q, big.NewInt(1))
	}
	return q
}

// RandInt is randint(a, b), which is randrange(a, b+1) (and says so in its
// error message).
func (r *Random) RandInt(a, b *big.Int) (*big.Int, error) {
	return r.RandRange(a, new(big.Int).Add(b, big.NewInt(1)), nil)
}

// Choice is choice(seq) for a sequence of length n: the index to take.
func (r *Random) Choice(length int) (int, error) {
	if length == 0 {
		return 0, &Error{"IndexError", "Cannot choose from an empty sequence"}
	}
	return r.randBelowInt(length), nil
}

// Shuffle is shuffle(x) for a list of length n, calling swap as CPython
// exchanges x[i] and x[j].
func (r *Random) Shuffle(length int, swap func(i, j int)) {
	for i := length - 1; i >= 1; i-- {
		j := r.randBelowInt(i + 1)
		swap(i, j)
	}
}

// Sample is sample(population, k) for a population of length n: the
// indices of the chosen elements, in selection order. (The interpreter
// checks that the population is a sequence and handles counts=.)
func (r *Random) Sample(length, k int) ([]int, error) {
	if k < 0 || k > length {
		return nil, &Error{"ValueError", "Sample larger than population or is negative"}
	}
	result := make([]int, k)
	setsize := 21
	if k > 5 {
		setsize += int(math.Pow(4, math.Ceil(math.Log(float64(k*3))/math.Log(4))))
	}
	if length <= setsize {
		pool := make([]int, length)
		for i := range pool {
			pool[i] = i
		}
		for i := 0; i < k; i++ {
			j := r.randBelowInt(length - i)
			result[i] = pool[j]
			pool[j] = pool[length-i-1]
		}
		return result, nil
	}
	selected := make(map[int]bool, k)
	for i := 0; i < k; i++ {
		j := r.randBelowInt(length)
		for selected[j] {
			j = r.randBelowInt(length)
		}
		selected[j] = true
		result[i] = j
	}
	return result, nil
}

// Choices is choices(population, k=k) when cumWeights is nil, else
// choices(population, cum_weights=cumWeights, k=k) (the interpreter turns
// weights= into running sums first, as itertools.accumulate does).
// It returns k indices into a population of length n.
func (r *Random) Choices(length, k int, cumWeights []float64) ([]int, error) {
	out := make([]int, 0, max(k, 0))
	if cumWeights == nil {
		fn := float64(length)
		for i := 0; i < k; i++ {
			out = append(out, int(math.Floor(r.Random()*fn)))
		}
		return out, nil
	}
	if len(cumWeights) != length {
		return nil, &Error{"ValueError", "The number of weights does not match the population"}
	}
	total := cumWeights[len(cumWeights)-1]
	if total <= 0 {
		return nil, &Error{"ValueError", "Total of weights must be greater than zero"}
	}
	if math.IsInf(total, 0) || math.IsNaN(total) {
		return nil, &Error{"ValueError", "Total of weights must be finite"}
	}
	hi := length - 1
	for i := 0; i < k; i++ {
		out = append(out, bisectRight(cumWeights, r.Random()*total, 0, hi))
	}
	return out, nil
}

// bisectRight is bisect.bisect_right(a, x, lo, hi).
func bisectRight(a []float64, x float64, lo, hi int) int {
	for lo < hi {
		mid := (lo + hi) / 2
		if x < a[mid] {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// Uniform is uniform(a, b).
func (r *Random) Uniform(a, b float64) float64 {
	return a + (b-a)*r.Random()
}

// Gauss is gauss(mu, sigma): Box-Muller, keeping the second value for the
// next call as CPython does.
func (r *Random) Gauss(mu, sigma float64) float64 {
	var z float64
	if r.gaussNext != nil {
		z = *r.gaussNext
		r.gaussNext = nil
	} else {
		x2pi := r.Random() * (2 * math.Pi)
		g2rad := math.Sqrt(-2.0 * pymath.Log(1.0-r.Random()))
		s, c := pymath.SinCos(x2pi)
		z = c * g2rad
		next := s * g2rad
		r.gaussNext = &next
	}
	return mu + z*sigma
}

// nvMagicConst is 4 * exp(-0.5) / sqrt(2.0), as random.py computes it.
var nvMagicConst = 4 * math.Exp(-0.5) / math.Sqrt(2.0)

// NormalVariate is normalvariate(mu, sigma) (Kinderman and Monahan).
func (r *Random) NormalVariate(mu, sigma float64) float64 {
	var z float64
	for {
		u1 := r.Random()
		u2 := 1.0 - r.Random()
		z = nvMagicConst * (u1 - 0.5) / u2
		zz := z * z / 4.0
		if zz <= -pymath.Log(u2) {
			break
		}
	}
	return mu + z*sigma
}

// State is what getstate() returns: (3, (mt[0], ..., mt[623], index),
// gauss_next), with GaussNext nil for None.
type State struct {
	MT        [n]uint32
	Index     int
	GaussNext *float64
}

// Version is the first element of getstate()'s tuple.
const Version = 3

// GetState is getstate().
func (r *Random) GetState() State {
	s := State{MT: r.mt, Index: r.index}
	if r.gaussNext != nil {
		g := *r.gaussNext
		s.GaussNext = &g
	}
	return s
}

// SetState is setstate() after the interpreter has unpacked the tuple and
// checked its version and length; it rejects an out-of-range index as
// CPython does.
func (r *Random) SetState(s State) error {
	if s.Index < 0 || s.Index > n {
		return &Error{"ValueError", "invalid state"}
	}
	r.mt = s.MT
	r.index = s.Index
	r.gaussNext = nil
	if s.GaussNext != nil {
		g := *s.GaussNext
		r.gaussNext = &g
	}
	return nil
}

var errFloatDivision = &Error{"ZeroDivisionError", "float division by zero"}

// ExpoVariate is expovariate(lambd).
func (r *Random) ExpoVariate(lambd float64) (float64, error) {
	if lambd == 0 {
		r.Random()
		return 0, errFloatDivision
	}
	return -pymath.Log(1.0-r.Random()) / lambd, nil
}

// LogNormVariate is lognormvariate(mu, sigma).
func (r *Random) LogNormVariate(mu, sigma float64) (float64, error) {
	x := pymath.Exp(r.NormalVariate(mu, sigma))
	if math.IsInf(x, 0) {
		return 0, &Error{"OverflowError", "math range error"}
	}
	return x, nil
}

// ParetoVariate is paretovariate(alpha).
func (r *Random) ParetoVariate(alpha float64) (float64, error) {
	u := 1.0 - r.Random()
	if alpha == 0 {
		return 0, errFloatDivision
	}
	return floatPow(u, -1.0/alpha)
}

// WeibullVariate is weibullvariate(alpha, beta).
func (r *Random) WeibullVariate(alpha, beta float64) (float64, error) {
	u := 1.0 - r.Random()
	if beta == 0 {
		return 0, errFloatDivision
	}
	p, err := floatPow(-pymath.Log(u), 1.0/beta)
	if err != nil {
		return 0, err
	}
	return alpha * p, nil
}

// Triangular is triangular(low, high, mode); hasMode false means
// mode=None.
func (r *Random) Triangular(low, high, mode float64, hasMode bool) float64 {
	u := r.Random()
	c := 0.5
	if hasMode {
		if high-low == 0 {
			return low
		}
		c = (mode - low) / (high - low)
	}
	if u > c {
		u = 1.0 - u
		c = 1.0 - c
		low, high = high, low
	}
	return low + (high-low)*math.Sqrt(u*c)
}
