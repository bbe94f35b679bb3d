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
	idle  map[string][]*Program
	count int
}

const (
	progCacheMax       = 512      // idle programs kept, in all
	progCacheMaxSource = 64 << 10 // longer sources are not kept
)

var programs = &progCache{idle: map[string][]*Program{}}

// get returns an idle program parsed from src, or nil.
func (c *progCache) get(src string) *Program {
	c.mu.Lock()
	defer c.mu.Unlock()
	ps := c.idle[src]
	if len(ps) == 0 {
		return nil
	}
	p := ps[len(ps)-1]
	if len(ps) == 1 {
		delete(c.idle, src)
	} else {
		c.idle[src] = ps[:len(ps)-1]
	}
	c.count--
	return p
}

// put makes p, parsed from src, available again. When the cache is full it
// is emptied rather than tracked by age: what runs now refills it at once.
func (c *progCache) put(src string, p *Program) {
	if len(src) > progCacheMaxSource {
		return
	}
	p.forgetRun()
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.count >= progCacheMax {
		c.idle = map[string][]*Program{}
		c.count = 0
	}
	c.idle[src] = append(c.idle[src], p)
	c.count++
}

// parsedSource is a program a thread took from the cache (or parsed), to
// return when the thread closes.
type parsedSource struct {
	src  string
	prog *Program
}
