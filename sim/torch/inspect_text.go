package torch

import (
	"math"
	"strings"
	"sync"
	"unsafe"

	"github.com/ckptlab/ckptlab/sim/torch/tensor"
	"github.com/ckptlab/ckptlab/sim/torch/tensorfmt"
)

// textArena hands out the many short strings of a run's timeline and state
// view (shapes, summaries, names, event sentences, what files hold) carved from
// a few byte blocks, so that each costs no allocation of its own. A string
// handed out is over bytes that were written before it was made and are
// never written again: the arena only appends, and a full block is left
// for a new one, never reused.
type textArena struct {
	block     []byte
	described string // the last text describe wrote

	// The run's print options, which torch.set_printoptions changes in
	// place, found on the first printTensor: an arena is one run's.
	print *tensorfmt.Options
}

// textBlock is the size of the arena's blocks: small, as what is left of
// the last block is lost, and the garbage collector runs by the bytes a
// run allocates. The first block is larger, to hold all the texts of a
// short program's timeline and views (p01's take about 560 bytes, and
// room() wants a quarter block free for the last; the reprs of small
// tensors are reprMemo's, not the arena's). A text
// longer than half a block gets its own string, and so does one that does
// not fit when a quarter of the block is still free: a new block would
// leave that quarter unused.
const (
	textBlock      = 512
	firstTextBlock = 768
)

// newBlock starts a new block, leaving what is left of the last.
func (a *textArena) newBlock() {
	size := textBlock
	if a.block == nil {
		size = firstTextBlock
	}
	a.block = make([]byte, 0, size)
}

// string returns b as a string, copied into the arena.
func (a *textArena) string(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if free := cap(a.block) - len(a.block); len(b) > free {
		if len(b) > textBlock/2 || free >= textBlock/4 {
			return string(b)
		}
		a.newBlock()
	}
	start := len(a.block)
	a.block = append(a.block, b...)
	return unsafe.String(&a.block[start], len(b))
}

// room returns the free end of the arena's block, for a text to be
// appended to and handed to keep; a new block when less than a quarter of
// one is free. Nothing may write to the arena before keep.
func (a *textArena) room() []byte {
	if cap(a.block)-len(a.block) < textBlock/4 {
		a.newBlock()
	}
	return a.block[len(a.block):len(a.block)]
}

// keep returns b, a text appended to room(), as a string: the room it
// took is the arena's no more. A text that outgrew the room was moved by
// append to an array of its own, which the string keeps.
func (a *textArena) keep(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if n := len(a.block); n < cap(a.block) && &a.block[:n+1][n] == &b[0] {
		a.block = a.block[:n+len(b)]
	}
	return unsafe.String(&b[0], len(b))
}

// description returns b, a description appended to room(), as a string:
// a piece of the last description when that holds it, else b, kept. A
// run describes the same checkpoint when it saves it, loads it and views
// it, and the view describes each of its items again.
func (a *textArena) description(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	// A string over b, which only lives while b is read.
	if i := strings.Index(a.described, unsafe.String(&b[0], len(b))); i >= 0 {
		return a.described[i : i+len(b)]
	}
	a.described = a.keep(b)
	return a.described
}

// shape returns the text of a shape, "(1, 2)": one of smallShapes, or
// kept in the arena.
func (a *textArena) shape(shape []int) string {
	switch {
	case len(shape) == 1 && uint(shape[0]) < 10:
		return smallShapes[shape[0]]
	case len(shape) == 2 && uint(shape[0]) < 10 && uint(shape[1]) < 10:
		return smallShapes[10+10*shape[0]+shape[1]]
	}
	return a.keep(tensorfmt.AppendShape(a.room(), shape))
}

// smallShapes are the texts of the shapes of one and two dimensions below
// 10 (a layer's weight and bias): those of (d,) at d, of (d0, d1) at
// 10+10*d0+d1.
var smallShapes = func() []string {
	s := make([]string, 0, 110)
	for d := range 10 {
		s = append(s, string(tensorfmt.AppendShape(nil, []int{d})))
	}
	for d0 := range 10 {
		for d1 := range 10 {
			s = append(s, string(tensorfmt.AppendShape(nil, []int{d0, d1})))
		}
	}
	return s
}()

// The reprs of small float tensors, shared by all runs: the timeline and
// the views print a layer's parameters, and the values an event left in
// them, in most runs, and a program run again prints the same ones. A
// repr is a function of what reprKey holds, so a run finds the text
// another printed, and the strings, which no one changes, are shared.
var (
	reprMemoMu sync.RWMutex
	reprMemo   = map[uint64]*memoEntry{} // by the hash of their keys
)

// A memoEntry is a remembered repr and its key.
type memoEntry struct {
	key  reprKey
	text string
}

// lookUpRepr returns the repr remembered for k, whose hash is h.
func lookUpRepr(k *reprKey, h uint64) (string, bool) {
	reprMemoMu.RLock()
	e, ok := reprMemo[h]
	reprMemoMu.RUnlock()
	if ok && e.key.equal(k) {
		return e.text, true
	}
	return "", false
}

// rememberRepr remembers s as the repr for k, whose hash is h, unless
// the memo is full or holds another key of that hash (which keeps it).
func rememberRepr(k *reprKey, h uint64, s string) {
	reprMemoMu.Lock()
	if _, taken := reprMemo[h]; !taken && len(reprMemo) < maxReprMemo {
		reprMemo[h] = &memoEntry{*k, s}
	}
	reprMemoMu.Unlock()
}

// maxReprMemo bounds the reprs remembered; later ones are printed as
// before, every time.
const maxReprMemo = 1024

// maxMemoRank and maxMemoValues bound the tensors whose reprs are
// remembered: a layer's weight and bias, a loss. maxMemoText bounds the
// texts remembered, which live as long as the process: a program may set
// a precision that makes a small tensor's repr megabytes long.
const (
	maxMemoRank   = 2
	maxMemoValues = 8
	maxMemoText   = 512
)

// reprKey is everything appendTensorRepr prints a small contiguous float
// tensor of TensorClass or ParameterClass from: its class, the flags of
// its suffix, its dtype, shape and values (their bits: -0.0 and 0.0
// print differently), and the run's print options, whose SciMode points
// to sciFalse or sciTrue.
type reprKey struct {
	param, requiresGrad bool
	dtype               tensor.DType
	rank                int
	shape               [maxMemoRank]int
	n                   int
	bits                [maxMemoValues]uint64
	gradFn              string
	opts                tensorfmt.Options
}

var sciFalse, sciTrue = false, true

// set makes k, which is zero, t's reprKey under the print options o, and
// reports whether t's repr is one the memo keeps.
func (k *reprKey) set(t *Tensor, o *tensorfmt.Options) bool {
	x := t.T
	shape := x.Shape()
	n := x.Numel()
	if len(shape) > maxMemoRank || n == 0 || n > maxMemoValues || !x.DType().IsFloat() || !x.IsContiguous() {
		return false
	}
	k.param = t.cls == ParameterClass
	k.requiresGrad = x.RequiresGrad()
	k.dtype = x.DType()
	k.rank = len(shape)
	copy(k.shape[:], shape)
	k.n = n
	off := x.Offset()
	for i, v := range x.Storage().Data[off : off+n] {
		k.bits[i] = math.Float64bits(v)
	}
	if fn := x.GradFn(); fn != nil {
		k.gradFn = fn.Name()
	}
	k.opts = *o
	if o.SciMode != nil {
		k.opts.SciMode = &sciFalse
		if *o.SciMode {
			k.opts.SciMode = &sciTrue
		}
	}
	return true
}

// equal reports whether k and o are the same key, comparing the small
// fields first: most keys that differ differ there or in their values.
func (k *reprKey) equal(o *reprKey) bool {
	return k.param == o.param && k.requiresGrad == o.requiresGrad && k.dtype == o.dtype && k.rank == o.rank && k.n == o.n &&
		k.shape == o.shape && k.bits == o.bits && k.gradFn == o.gradFn && k.opts == o.opts
}

// hash is k's hash, FNV-1a over its words.
func (k *reprKey) hash() uint64 {
	const prime = 1099511628211
	h := uint64(14695981039346656037)
	mix := func(x uint64) { h = (h ^ x) * prime }
	flags := uint64(k.dtype)<<8 | uint64(k.rank)<<4 | uint64(k.n)
	if k.param {
		flags |= 1 << 16
	}
	if k.requiresGrad {
		flags |= 1 << 17
	}
	mix(flags)
	for _, d := range k.shape[:k.rank] {
		mix(uint64(d))
	}
	for _, b := range k.bits[:k.n] {
		mix(b)
	}
	for i := 0; i < len(k.gradFn); i++ {
		mix(uint64(k.gradFn[i]))
	}
	o := &k.opts
	mix(uint64(o.Precision)<<32 ^ uint64(o.EdgeItems)<<16 ^ uint64(o.LineWidth) ^ uint64(o.DefaultFloat)<<48)
	mix(math.Float64bits(o.Threshold))
	switch o.SciMode {
	case &sciFalse:
		mix(1)
	case &sciTrue:
		mix(2)
	}
	return h
}
