package memo

import "sync"

// Recent remembers f(k) for about the last Size distinct keys, in two
// generations: when the current one is full it becomes the previous one,
// and the one before is dropped. Safe for concurrent use; the zero value
// is not ready, use New.
type Recent[K comparable, V any] struct {
	f    func(K) V
	size int

	mu        sync.Mutex
	cur, prev map[K]V
}

// New returns a Recent for f, keeping up to size keys a generation.
func New[K comparable, V any](size int, f func(K) V) *Recent[K, V] {
	return &Recent[K, V]{f: f, size: max(size, 1), cur: map[K]V{}}
}

// Get returns f(k), computed at most once while k stays recent. f runs
// outside the lock, so two callers may compute the same key at once.
func (r *Recent[K, V]) Get(k K) V {
	r.mu.Lock()
	v, ok := r.cur[k]
	if !ok {
		v, ok = r.prev[k]
	}
	r.mu.Unlock()
	if ok {
		return v
	}
	v = r.f(k)
	r.mu.Lock()
	if len(r.cur) >= r.size {
		r.prev, r.cur = r.cur, make(map[K]V, r.size)
	}
	r.cur[k] = v
	r.mu.Unlock()
	return v
}
