package web

import (
	"fmt"
	"net/http"
	"sync"
	"time"
)

// devEvents fans the course's versions out to the pages open in
// development mode, over server-sent events (GET /dev/events). Each stream
// gets the current version when it opens and every new one after, so a page
// that missed a swap while reconnecting still finds out it is stale.
type devEvents struct {
	mu      sync.Mutex
	streams map[chan string]struct{}
	done    chan struct{} // closed by stop: streams end so shutdown is not held up
	stopped bool
}

// devKeepAlive is how often an idle stream gets a comment, so proxies and
// browsers do not time it out.
const devKeepAlive = 15 * time.Second

func newDevEvents() *devEvents {
	return &devEvents{streams: map[chan string]struct{}{}, done: make(chan struct{})}
}

// publish sends version to every open stream. A stream that has not taken
// the previous version yet gets the newer one instead: only the last counts.
// It is a no-op on nil, the production server.
func (d *devEvents) publish(version string) {
	if d == nil {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	for ch := range d.streams {
		select {
		case <-ch:
		default:
		}
		ch <- version
	}
}

// stop ends every stream, now and to come. A no-op on nil.
func (d *devEvents) stop() {
	if d == nil {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if !d.stopped {
		d.stopped = true
		close(d.done)
	}
}

func (d *devEvents) subscribe() chan string {
	ch := make(chan string, 1)
	d.mu.Lock()
	d.streams[ch] = struct{}{}
	d.mu.Unlock()
	return ch
}

func (d *devEvents) unsubscribe(ch chan string) {
	d.mu.Lock()
	delete(d.streams, ch)
	d.mu.Unlock()
}

// devEventsHandler streams "version" events until the page goes away or the
// server drains. The first carries the version the server shows now.
func (s *Server) devEventsHandler(w http.ResponseWriter, r *http.Request) error {
	d := s.dev
	rc := http.NewResponseController(w)
	// The server's write timeout is for ordinary responses; a stream
	// stays open for as long as the page does. (net/http already clears
	// the read deadline once a request without a body is read.)
	if err := rc.SetWriteDeadline(time.Time{}); err != nil {
		return fmt.Errorf("dev events: %w", err)
	}
	ch := d.subscribe()
	defer d.unsubscribe(ch)

	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	send := func(format string, args ...any) bool {
		if _, err := fmt.Fprintf(w, format, args...); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	// retry: reconnect quickly when the server restarts.
	if !send("retry: 500\nevent: version\ndata: %s\n\n", s.state.Load().version) {
		return nil
	}
	tick := time.NewTicker(devKeepAlive)
	defer tick.Stop()
	for {
		select {
		case v := <-ch:
			if !send("event: version\ndata: %s\n\n", v) {
				return nil
			}
		case <-tick.C:
			if !send(": keep-alive\n\n") {
				return nil
			}
		case <-r.Context().Done():
			return nil
		case <-d.done:
			return nil
		}
	}
}
