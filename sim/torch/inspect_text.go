package torch

import (
	"strings"
	"unsafe"
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
}

// textBlock is the size of the arena's blocks: small, as what is left of
// the last block is lost, and the garbage collector runs by the bytes a
// run allocates. The first block is larger, to hold all the texts of a
// short program's timeline and views (p01's take about 700 bytes). A text
// longer than half a block gets its own string, and so does one that does
// not fit when a quarter of the block is still free: a new block would
// leave that quarter unused.
const (
	textBlock      = 512
	firstTextBlock = 1024
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
