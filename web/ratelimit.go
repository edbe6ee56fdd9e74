package web

import (
	"container/list"
	"math"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/idconnect/idconnect/web/httperr"
)

// Limiter is a set of token buckets, one per key ("ip:…", "addr:…"), held in a
// least-recently-used list of at most maxKeys entries so that a flood of distinct
// keys cannot grow memory. An evicted key starts again with a full bucket; size
// maxKeys well above the number of clients active within one refill period.
type Limiter struct {
	mu    sync.Mutex
	limit rate.Limit
	burst int
	max   int
	clock func() time.Time
	order *list.List // of *bucket, most recently used first
	index map[string]*list.Element
}

type bucket struct {
	key string
	tb  *rate.Limiter
}

// NewLimiter returns a limiter that refills limit tokens per second up to burst, for
// at most maxKeys keys. clock is time.Now when nil.
func NewLimiter(limit rate.Limit, burst, maxKeys int, clock func() time.Time) *Limiter {
	if clock == nil {
		clock = time.Now
	}
	return &Limiter{limit: limit, burst: burst, max: max(maxKeys, 1), clock: clock, order: list.New(), index: map[string]*list.Element{}}
}

// Allow takes a token from key's bucket and reports whether there was one.
func (l *Limiter) Allow(key string) bool {
	ok, _ := l.Check(key)
	return ok
}

// Check takes a token from key's bucket; when there is none it reports how long
// until one is available, for a Retry-After header.
func (l *Limiter) Check(key string) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.clock()
	r := l.bucket(key).ReserveN(now, 1)
	if !r.OK() { // burst 0: nothing is ever allowed
		return false, time.Duration(math.MaxInt64)
	}
	if wait := r.DelayFrom(now); wait > 0 {
		r.CancelAt(now) // a refused request must not use up future tokens
		return false, wait
	}
	return true, 0
}

// Len is the number of keys held.
func (l *Limiter) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.order.Len()
}

func (l *Limiter) bucket(key string) *rate.Limiter {
	if e, ok := l.index[key]; ok {
		l.order.MoveToFront(e)
		return e.Value.(*bucket).tb
	}
	if l.order.Len() >= l.max {
		oldest := l.order.Back()
		l.order.Remove(oldest)
		delete(l.index, oldest.Value.(*bucket).key)
	}
	b := &bucket{key: key, tb: rate.NewLimiter(l.limit, l.burst)}
	l.index[key] = l.order.PushFront(b)
	return b.tb
}

// LimitByIP answers 429 with Retry-After once a client IP has used up its bucket.
// The IP comes from RemoteAddr only; put TrustProxies in front to honour
// X-Forwarded-For from known proxies.
func LimitByIP(l *Limiter, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if ok, wait := l.Check("ip:" + ClientIP(r)); !ok {
			TooManyRequests(w, r, wait)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// TooManyRequests answers 429 with a Retry-After of at least one second.
func TooManyRequests(w http.ResponseWriter, r *http.Request, retryAfter time.Duration) {
	secs := int64(math.Ceil(retryAfter.Seconds()))
	secs = min(max(secs, 1), 86400)
	w.Header().Set("Retry-After", strconv.FormatInt(secs, 10))
	httperr.JSON(w, r, http.StatusTooManyRequests, "rate_limited",
		"Too many requests. Try again in "+strconv.FormatInt(secs, 10)+" seconds.")
}

// ClientIP returns the rate-limit identity of the request's client: its IP from
// RemoteAddr, or for IPv6 its /64, because one subscriber usually holds a whole /64
// and could otherwise rotate through it.
func ClientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return host
	}
	ip = ip.Unmap()
	if ip.Is4() {
		return ip.String()
	}
	p, _ := ip.WithZone("").Prefix(64)
	return p.String()
}

// TrustProxies replaces RemoteAddr with the client address from X-Forwarded-For,
// but only when the direct peer is one of the trusted proxies. Without it (the
// default) the header is ignored, because any client can write it.
func TrustProxies(trusted []netip.Prefix, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Only a well-formed peer address can be a trusted proxy.
		ap, err := netip.ParseAddrPort(r.RemoteAddr)
		if err != nil {
			next.ServeHTTP(w, r)
			return
		}
		peer := ap.Addr()
		client := forwardedClient(peer.Unmap(), r.Header.Values("X-Forwarded-For"), trusted)
		if client != peer.Unmap() {
			r = r.Clone(r.Context())
			r.RemoteAddr = netip.AddrPortFrom(client, 0).String()
		}
		next.ServeHTTP(w, r)
	})
}

// forwardedClient walks X-Forwarded-For from the right (the entries our own proxies
// appended) and returns the first address that is not a trusted proxy. Anything
// unparsable stops the walk at the last address known to be honest.
func forwardedClient(peer netip.Addr, xff []string, trusted []netip.Prefix) netip.Addr {
	isTrusted := func(a netip.Addr) bool {
		for _, p := range trusted {
			if p.Contains(a) {
				return true
			}
		}
		return false
	}
	client := peer
	if !isTrusted(peer) {
		return client
	}
	hops := strings.Split(strings.Join(xff, ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			return client
		}
		client = a.Unmap().WithZone("")
		if !isTrusted(client) {
			return client
		}
	}
	return client
}
