package torch

import "unsafe"

// textArena hands out the many short strings of a finished run's state
// view and timeline (shapes, summaries, names, event sentences) carved from
// a few byte blocks, so that each costs no allocation of its own. A string
// handed out is over bytes that were written before it was made and are
// never written again: the arena only appends, and a full block is left
// for a new one, never reused.
type textArena struct {
	block []byte
}

// The first block holds the texts of most programs (a few hundred bytes:
// the founding question's take 728); later ones grow up to maxTextBlock. A
// text longer than a quarter of that gets its own string.
const (
	minTextBlock = 1 << 10
	maxTextBlock = 8 << 10
)

// string returns b as a string, copied into the arena.
func (a *textArena) string(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if len(b) > cap(a.block)-len(a.block) {
		if len(b) > maxTextBlock/4 {
			return string(b)
		}
		size := min(max(2*cap(a.block), minTextBlock), maxTextBlock)
		a.block = make([]byte, 0, size)
	}
	start := len(a.block)
	a.block = append(a.block, b...)
	return unsafe.String(&a.block[start], len(b))
}
