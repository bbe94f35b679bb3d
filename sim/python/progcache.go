package python

import "sync"

// progCache keeps parsed programs for reuse. The same sources run again and
// again on a server: a lesson's blocks are replayed as the history of every
// later block, and every learner runs the same snippets. Parsing and
// resolving them each time cost a tenth of a typical run.
//
// A Program caches name lookups in its nodes, so one may be run by one
// thread at a time: Exec takes a program out of the cache and Close returns
// it; two runs of the same source at once parse twice.
type progCache struct {
	mu    sync.Mutex
	idle  map[string]*idlePrograms
	count int // idle programs, in all
	gen   int // how many times idle was emptied
}

// idlePrograms are the idle programs parsed from one source. Its entry
// stays in the cache while its programs are out, so that a run gives its
// program back where it took it from, without looking its source up (and
// hashing it) again, and without making a new entry.
type idlePrograms struct {
	progs []*Program
	gen   int // the cache's gen when the entry was made
}

const (
	progCacheMax       = 512      // idle programs kept, in all
	progCacheMaxSource = 64 << 10 // longer sources are not kept
)

var programs = &progCache{idle: map[string]*idlePrograms{}}

// get returns an idle program parsed from src, or nil.
func (c *progCache) get(src string) *Program {
	p, _ := c.take(src)
	return p
}

// take returns an idle program parsed from src (nil if none) and the
// entry of src's programs (nil if none), to give the program back to.
func (c *progCache) take(src string) (*Program, *idlePrograms) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.idle[src]
	if e == nil || len(e.progs) == 0 {
		return nil, e
	}
	last := len(e.progs) - 1
	p := e.progs[last]
	e.progs[last] = nil
	e.progs = e.progs[:last]
	c.count--
	return p, e
}

// put makes p, parsed from src, available again; e is the entry take
// returned for src, or nil. When the cache is full it is emptied rather
// than tracked by age: what runs now refills it at once.
func (c *progCache) put(src string, p *Program, e *idlePrograms) {
	if len(src) > progCacheMaxSource {
		return
	}
	p.forgetRun()
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.count >= progCacheMax {
		c.idle = map[string]*idlePrograms{}
		c.count = 0
		c.gen++
	}
	if e == nil || e.gen != c.gen { // src was not cached, or the cache was emptied since
		e = c.idle[src]
		if e == nil {
			e = &idlePrograms{gen: c.gen}
			c.idle[src] = e
		}
	}
	e.progs = append(e.progs, p)
	c.count++
}

// parsedSource is a program a thread took from the cache (or parsed), to
// return when the thread closes.
type parsedSource struct {
	src  string
	prog *Program
	idle *idlePrograms // where it came from (nil if it was parsed)
}
