package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"github.com/idconnect/idconnect/web"
)

type fakeClock struct{ now time.Time }

func (c *fakeClock) Now() time.Time          { return c.now }
func (c *fakeClock) Advance(d time.Duration) { c.now = c.now.Add(d) }

func TestLimiter(t *testing.T) {
	clock := &fakeClock{now: time.Unix(1_700_000_000, 0)}
	l := web.NewLimiter(rate.Every(time.Second), 2, 100, clock.Now)
	steps := []struct {
		advance time.Duration
		key     string
		ok      bool
		wait    time.Duration
	}{
		{0, "ip:1", true, 0},
		{0, "ip:1", true, 0},
		{0, "ip:1", false, time.Second},
		{0, "addr:0xA", true, 0}, // keys do not share buckets
		{400 * time.Millisecond, "ip:1", false, 600 * time.Millisecond},
		{600 * time.Millisecond, "ip:1", true, 0}, // refusals did not use up the refill
		{0, "ip:1", false, time.Second},
		{10 * time.Second, "ip:1", true, 0}, // refills up to burst only
		{0, "ip:1", true, 0},
		{0, "ip:1", false, time.Second},
	}
	for i, s := range steps {
		clock.Advance(s.advance)
		ok, wait := l.Check(s.key)
		if ok != s.ok || wait != s.wait {
			t.Errorf("step %d (%s): ok=%v wait=%v, want %v %v", i, s.key, ok, wait, s.ok, s.wait)
		}
	}
	if web.NewLimiter(1, 0, 1, clock.Now).Allow("k") {
		t.Error("burst 0 allowed a request")
	}
}

func TestLimiterIsBounded(t *testing.T) {
	clock := &fakeClock{now: time.Unix(1_700_000_000, 0)}
	l := web.NewLimiter(rate.Every(time.Hour), 1, 3, clock.Now)
	if !l.Allow("hot") || l.Allow("hot") {
		t.Fatal("hot key: want one request, then a refusal")
	}
	for i := range 100 {
		l.Allow(fmt.Sprintf("cold-%d", i))
		l.Allow("hot") // recently used keys stay, with their empty bucket
		if l.Len() > 3 {
			t.Fatalf("%d keys held, max 3", l.Len())
		}
	}
	if l.Allow("hot") {
		t.Error("the hot key was evicted and got a fresh bucket")
	}
	if !l.Allow("cold-0") {
		t.Error("an evicted key should start again with a full bucket")
	}
}

func TestLimitByIP(t *testing.T) {
	clock := &fakeClock{now: time.Unix(1_700_000_000, 0)}
	l := web.NewLimiter(rate.Every(90*time.Second), 1, 100, clock.Now)
	h := web.LimitByIP(l, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	do := func(remote, xff string) *httptest.ResponseRecorder {
		r := httptest.NewRequest("POST", "/login", nil)
		r.RemoteAddr = remote
		if xff != "" {
			r.Header.Set("X-Forwarded-For", xff)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		return rec
	}
	if rec := do("203.0.113.7:5000", ""); rec.Code != 200 {
		t.Fatalf("first request: %d", rec.Code)
	}
	rec := do("203.0.113.7:5001", "198.51.100.1") // a forged header changes nothing
	if rec.Code != 429 || rec.Header().Get("Retry-After") != "90" {
		t.Fatalf("second request: %d Retry-After %q", rec.Code, rec.Header().Get("Retry-After"))
	}
	var body struct{ Error, Message string }
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || body.Error != "rate_limited" || body.Message != "Too many requests. Try again in 90 seconds." {
		t.Errorf("429 body %q", rec.Body)
	}
	if rec := do("203.0.113.8:5000", ""); rec.Code != 200 {
		t.Errorf("another client: %d", rec.Code)
	}
	// One IPv6 subscriber holds a /64: rotating inside it does not escape the limit.
	if do("[2001:db8:1:2::1]:443", "").Code != 200 || do("[2001:db8:1:2:ffff::9]:443", "").Code != 429 {
		t.Error("IPv6 addresses of one /64 do not share a bucket")
	}
}

func TestClientIP(t *testing.T) {
	cases := []struct{ remote, want string }{
		{"203.0.113.7:5000", "203.0.113.7"},
		{"[::ffff:203.0.113.7]:5000", "203.0.113.7"},
		{"[2001:db8:1:2:3:4:5:6]:443", "2001:db8:1:2::/64"},
		{"[fe80::1%eth0]:443", "fe80::/64"},
		{"203.0.113.7", "203.0.113.7"},
		{"not an address", "not an address"},
	}
	for _, c := range cases {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = c.remote
		if got := web.ClientIP(r); got != c.want {
			t.Errorf("ClientIP(%q) = %q, want %q", c.remote, got, c.want)
		}
	}
}

var proxies = []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("2001:db8:ffff::/48")}

// forwarded returns the RemoteAddr the next handler sees behind TrustProxies.
func forwarded(remote string, xff ...string) string {
	var seen string
	h := web.TrustProxies(proxies, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { seen = r.RemoteAddr }))
	r := httptest.NewRequest("GET", "/", nil)
	r.RemoteAddr = remote
	for _, v := range xff {
		r.Header.Add("X-Forwarded-For", v)
	}
	h.ServeHTTP(httptest.NewRecorder(), r)
	return seen
}

func TestTrustProxies(t *testing.T) {
	cases := []struct {
		name, remote string
		xff          []string
		want         string
	}{
		{"untrusted peer: header ignored", "203.0.113.7:5000", []string{"198.51.100.1"}, "203.0.113.7:5000"},
		{"trusted proxy", "10.1.2.3:5000", []string{"198.51.100.1"}, "198.51.100.1:0"},
		{"client forged the left of the chain", "10.1.2.3:5000", []string{"6.6.6.6, 198.51.100.1, 10.9.9.9"}, "198.51.100.1:0"},
		{"several header lines", "10.1.2.3:5000", []string{"6.6.6.6", "198.51.100.1"}, "198.51.100.1:0"},
		{"garbage stops the walk", "10.1.2.3:5000", []string{"198.51.100.1, bogus, 10.9.9.9"}, "10.9.9.9:0"},
		{"no header", "10.1.2.3:5000", nil, "10.1.2.3:5000"},
		{"only proxies", "10.1.2.3:5000", []string{"10.4.4.4"}, "10.4.4.4:0"},
		{"IPv6 proxy and client", "[2001:db8:ffff::1]:443", []string{"2001:db8:1::5"}, "[2001:db8:1::5]:0"},
		{"mapped IPv4 client", "10.1.2.3:5000", []string{"::ffff:198.51.100.1"}, "198.51.100.1:0"},
	}
	for _, c := range cases {
		if got := forwarded(c.remote, c.xff...); got != c.want {
			t.Errorf("%s: RemoteAddr %q, want %q", c.name, got, c.want)
		}
	}
}

func FuzzTrustProxies(f *testing.F) {
	f.Add("10.1.2.3:5000", "198.51.100.1, 10.9.9.9")
	f.Add("203.0.113.7:1", "1.2.3.4")
	f.Add("[2001:db8:ffff::1]:443", "fe80::1%eth0, ,,")
	f.Add("10.0.0.1:1", "")
	f.Fuzz(func(t *testing.T, remote, xff string) {
		got := forwarded(remote, xff)
		peer, err := netip.ParseAddrPort(remote)
		trusted := err == nil && (proxies[0].Contains(peer.Addr().Unmap()) || proxies[1].Contains(peer.Addr().Unmap()))
		if !trusted {
			if got != remote {
				t.Fatalf("untrusted peer %q became %q", remote, got)
			}
			return
		}
		if got != remote {
			if _, err := netip.ParseAddrPort(got); err != nil {
				t.Fatalf("RemoteAddr %q does not parse: %v", got, err)
			}
		}
	})
}
