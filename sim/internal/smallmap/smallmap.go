// Package smallmap provides a map for the few dozen keys a checkpoint's
// shared objects and memoized values usually number: up to Small entries
// are kept in an array and found by scanning it, without allocating; past
// that a Go map takes over. Its zero value is empty and ready to use.
package smallmap

// Small is how many entries the array holds before a map takes over.
const Small = 32

// Map maps keys to values.
type Map[K comparable, V any] struct {
	small [Small]entry[K, V]
	n     int
	big   map[K]V
}

type entry[K comparable, V any] struct {
	key K
	val V
}

// Get returns k's value and whether k is in m.
func (m *Map[K, V]) Get(k K) (V, bool) {
	if m.big != nil {
		v, ok := m.big[k]
		return v, ok
	}
	for _, e := range m.small[:m.n] {
		if e.key == k {
			return e.val, true
		}
	}
	var zero V
	return zero, false
}

// Add records k's value; k must not be in m yet.
func (m *Map[K, V]) Add(k K, v V) {
	if m.big != nil {
		m.big[k] = v
		return
	}
	if m.n < Small {
		m.small[m.n] = entry[K, V]{k, v}
		m.n++
		return
	}
	m.big = make(map[K]V, 2*Small)
	for _, e := range m.small[:m.n] {
		m.big[e.key] = e.val
	}
	m.big[k] = v
}

// Reset empties m and drops its references to keys and values.
func (m *Map[K, V]) Reset() {
	// entry by entry: a clear of the few entries a map usually holds
	// (often none) would cost a call of the runtime's memclrHasPointers
	for i := range m.n {
		m.small[i] = entry[K, V]{}
	}
	m.n, m.big = 0, nil
}
