package notify

// Tests of the notification side are inside the package so that the dial
// guard, which only a resolver pointing a name at a private address would
// reach, is tested on its own; the rest goes through the exported API.

import (
	"encoding/base64"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/idconnect/idconnect/store"
)

func TestCheckDeliveryURL(t *testing.T) {
	long := "https://hooks.example.com/" + strings.Repeat("a", MaxDeliveryURLLength)
	cases := []struct {
		raw      string
		loopback bool
		want     string // empty: refused
	}{
		{"https://hooks.example.com/idconnect", false, "https://hooks.example.com/idconnect"},
		{"HTTPS://Hooks.Example.COM:8443/a?b=c", false, "https://hooks.example.com:8443/a?b=c"},
		{"https://hooks.example.com/a?", false, "https://hooks.example.com/a"},
		{"https://xn--bcher-kva.example/hook", false, "https://xn--bcher-kva.example/hook"},
		{"https://8.8.8.8/x", false, "https://8.8.8.8/x"},
		{"https://[2001:4860:4860::8888]:443/x", false, "https://[2001:4860:4860::8888]:443/x"},
		{"http://localhost:8080/cb", true, "http://localhost:8080/cb"},
		{"http://api.localhost/cb", true, "http://api.localhost/cb"},
		{"http://127.0.0.1:9/x", true, "http://127.0.0.1:9/x"},
		{"http://[::1]:9/x", true, "http://[::1]:9/x"},
		{"https://127.0.0.1/x", true, "https://127.0.0.1/x"},
		{"https://hooks.example.com/x", true, "https://hooks.example.com/x"},

		{"", true, ""},
		{long, false, ""},
		{"/relative/path", true, ""},
		{"hooks.example.com/x", true, ""},
		{"https:///path", true, ""},
		{"mailto:ops@example.com", true, ""},
		{"ftp://example.com/x", true, ""},
		{"http://example.com/x", true, ""},     // http only for loopback
		{"http://localhost:8080/x", false, ""}, // and only in dev
		{"https://localhost/x", false, ""},
		{"https://127.0.0.1/x", false, ""},
		{"https://[::ffff:127.0.0.1]/x", false, ""},
		{"https://user:pw@example.com/x", true, ""},
		{"https://user@example.com/x", true, ""},
		{"https://example.com/x#frag", true, ""},
		{"https://example.com/x#", true, ""},
		{"https://exa mple.com/x", true, ""},
		{"https://example.com/a b", true, ""},
		{"https://example.com/\x00", true, ""},
		{"https://bücher.example/x", true, ""},
		{"https://10.0.0.1/x", true, ""},
		{"https://192.168.1.1/x", true, ""},
		{"https://169.254.169.254/latest/meta-data", true, ""},
		{"https://100.64.0.1/x", true, ""},
		{"https://0.0.0.0/x", true, ""},
		{"https://[fd00::1]/x", true, ""},
		{"https://[64:ff9b::a00:1]/x", true, ""}, // NAT64 of 10.0.0.1
		{"https://[2002:a00:1::1]/x", true, ""},  // 6to4 of 10.0.0.1
		{"https://[fe80::1%25eth0]/x", true, ""},
		{"https://[example.com]/x", true, ""},
		{"https://2130706433/x", true, ""},
		{"https://0x7f.1/x", true, ""},
		{"https://intranet/x", true, ""},
		{"https://example.123/x", true, ""},
		{"https://-bad.example.com/x", true, ""},
		{"https://example.com:0/x", true, ""},
		{"https://example.com:65536/x", true, ""},
		{"https://example.com:/x", true, ""},
		{"https://example.com:080/x", true, ""},
	}
	for _, c := range cases {
		got, err := CheckDeliveryURL(c.raw, c.loopback)
		if c.want == "" {
			if !errors.Is(err, ErrBadDeliveryURL) {
				t.Errorf("%q (loopback %v): got %q, %v; want ErrBadDeliveryURL", c.raw, c.loopback, got, err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("%q (loopback %v): got %q, %v; want %q", c.raw, c.loopback, got, err, c.want)
		}
	}
}

func FuzzCheckDeliveryURL(f *testing.F) {
	for _, s := range []string{"https://hooks.example.com/a?b=c", "http://localhost:8080/cb", "https://[::1]/x",
		"https://u@x.example/#f", "HTTPS://X.EXAMPLE:443/%41%2f?q=%zz", "https://1.1.1.1/", "https://0x7f.1/"} {
		f.Add(s, true)
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, raw string, loopback bool) {
		out, err := CheckDeliveryURL(raw, loopback)
		if err != nil {
			if !errors.Is(err, ErrBadDeliveryURL) {
				t.Fatalf("untyped error %v", err)
			}
			return
		}
		u, err := url.Parse(out)
		if err != nil || len(out) > MaxDeliveryURLLength || u.User != nil || u.Fragment != "" || strings.Contains(out, "#") {
			t.Fatalf("accepted %q as %q", raw, out)
		}
		ip, ipErr := netip.ParseAddr(u.Hostname())
		isIP := ipErr == nil
		loop := isIP && ip.Unmap().IsLoopback() || u.Hostname() == "localhost" || strings.HasSuffix(u.Hostname(), ".localhost")
		switch {
		case u.Scheme != "https" && !(u.Scheme == "http" && loopback && loop):
			t.Fatalf("accepted scheme of %q", out)
		case loop && !loopback:
			t.Fatalf("accepted loopback %q", out)
		case isIP && !loop && !publicAddr(ip):
			t.Fatalf("accepted non-public %q", out)
		}
		if again, err := CheckDeliveryURL(out, loopback); err != nil || again != out {
			t.Fatalf("not canonical: %q -> %q -> %q, %v", raw, out, again, err)
		}
	})
}

func TestVerifyWebhookSignature(t *testing.T) {
	const secret = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3I"
	body := []byte(`{"id":"d1","type":"access_request.created"}`)
	t0 := time.Unix(1_700_000_000, 0)
	good := SignPayload(secret, t0, body)
	v1 := strings.TrimPrefix(good, "t=1700000000,")
	other := "v1=" + strings.Repeat("ab", 32)
	cases := []struct {
		name, secret, header string
		body                 []byte
		now                  time.Time
		tolerance            time.Duration
		ok                   bool
	}{
		{"valid", secret, good, body, t0, 0, true},
		{"valid, spaced", secret, "t=1700000000, " + v1, body, t0, 0, true},
		{"valid among others", secret, "t=1700000000,v0=zz," + other + "," + v1, body, t0, 0, true},
		{"within default tolerance", secret, good, body, t0.Add(4 * time.Minute), 0, true},
		{"within given tolerance", secret, good, body, t0.Add(-50 * time.Minute), time.Hour, true},
		{"too old", secret, good, body, t0.Add(6 * time.Minute), 0, false},
		{"from the future", secret, good, body, t0.Add(-6 * time.Minute), 0, false},
		{"wrong secret", "other", good, body, t0, 0, false},
		{"altered body", secret, good, append([]byte(" "), body...), t0, 0, false},
		{"altered time", secret, "t=1700000001," + v1, body, t0, 0, false},
		{"no timestamp", secret, v1, body, t0, 0, false},
		{"two timestamps", secret, "t=1700000000,t=1700000000," + v1, body, t0, 0, false},
		{"non-numeric timestamp", secret, "t=abc," + v1, body, t0, 0, false},
		{"signed timestamp", secret, "t=+1700000000," + v1, body, t0, 0, false},
		{"padded timestamp", secret, "t=01700000000," + v1, body, t0, 0, false},
		{"no v1", secret, "t=1700000000", body, t0, 0, false},
		{"v1 not hex", secret, "t=1700000000,v1=" + strings.Repeat("zz", 32), body, t0, 0, false},
		{"v1 short", secret, "t=1700000000,v1=abcd", body, t0, 0, false},
		{"only another v1", secret, "t=1700000000," + other, body, t0, 0, false},
		{"empty", secret, "", body, t0, 0, false},
		{"garbage", secret, "garbage", body, t0, 0, false},
		{"too long", secret, good + "," + strings.Repeat("x=y,", 1100), body, t0, 0, false},
	}
	for _, c := range cases {
		err := VerifySignature(c.secret, c.header, c.body, c.now, c.tolerance)
		if c.ok && err != nil {
			t.Errorf("%s: %v", c.name, err)
		}
		if !c.ok && !errors.Is(err, ErrBadWebhookSignature) {
			t.Errorf("%s: err = %v, want ErrBadWebhookSignature", c.name, err)
		}
	}
}

func FuzzVerifySignature(f *testing.F) {
	body := []byte(`{"id":"d1"}`)
	f.Add(SignPayload("s", time.Unix(1_700_000_000, 0), body), body, int64(1_700_000_000))
	f.Add("t=1,v1=00,v1=", []byte{}, int64(-5))
	f.Fuzz(func(t *testing.T, header string, body []byte, sec int64) {
		now := time.Unix(sec%(1<<40), 0)
		err := VerifySignature("s", header, body, now, time.Minute)
		if err != nil && !errors.Is(err, ErrBadWebhookSignature) {
			t.Fatalf("untyped error %v", err)
		}
		if err == nil && (!strings.Contains(header, "t=") || !strings.Contains(header, "v1=")) {
			t.Fatalf("accepted %q without a time and a v1", header)
		}
		// What SignPayload makes, VerifySignature accepts, for that body only.
		h := SignPayload("s", now, body)
		if err := VerifySignature("s", h, body, now, time.Minute); err != nil {
			t.Fatalf("own signature refused: %v", err)
		}
		if err := VerifySignature("s", h, append(body, 'x'), now, time.Minute); err == nil {
			t.Fatal("signature accepted for another body")
		}
	})
}

func TestDeliveryBackoff(t *testing.T) {
	cases := []struct {
		attempts int
		max      time.Duration
		jitter   float64
		want     time.Duration
	}{
		{1, time.Hour, 0, time.Second},
		{2, time.Hour, 0, 2 * time.Second},
		{3, time.Hour, 0, 4 * time.Second},
		{10, time.Hour, 0, 512 * time.Second},
		{12, time.Hour, 0, 2048 * time.Second},
		{13, time.Hour, 0, time.Hour}, // 4096s capped
		{100, time.Hour, 0, time.Hour},
		{1 << 40, time.Hour, 0, time.Hour},
		{0, time.Hour, 0, time.Second},
		{-3, time.Hour, 0, time.Second},
		{3, 3 * time.Second, 0, 3 * time.Second},
		{40, 0, 0, DefaultMaxBackoff},
		{1, time.Hour, 0.5, 875 * time.Millisecond},
		{4, time.Hour, 0.75, 6500 * time.Millisecond},
		{13, time.Hour, 0.5, time.Hour - time.Hour/8},
		{2, time.Hour, 1, 2 * time.Second}, // out of range: no jitter
	}
	for _, c := range cases {
		if got := DeliveryBackoff(c.attempts, c.max, c.jitter); got != c.want {
			t.Errorf("DeliveryBackoff(%d, %v, %v) = %v, want %v", c.attempts, c.max, c.jitter, got, c.want)
		}
	}
}

func TestDialGuard(t *testing.T) {
	cases := []struct {
		addr     string
		loopback bool
		ok       bool
	}{
		{"8.8.8.8:443", false, true},
		{"[2001:4860:4860::8888]:443", false, true},
		{"127.0.0.1:443", false, false},
		{"127.0.0.1:443", true, true},
		{"[::1]:443", true, true},
		{"[::ffff:127.0.0.1]:443", false, false},
		{"10.1.2.3:443", true, false},
		{"172.16.0.1:443", true, false},
		{"169.254.169.254:80", true, false},
		{"[fd00::1]:443", true, false},
		{"0.0.0.0:443", true, false},
		{"not-an-address", true, false},
	}
	for _, c := range cases {
		err := dialGuard(c.loopback)("tcp", c.addr, nil)
		if c.ok && err != nil {
			t.Errorf("%s (loopback %v): %v", c.addr, c.loopback, err)
		}
		if !c.ok && !errors.Is(err, ErrBadDeliveryURL) {
			t.Errorf("%s (loopback %v): err = %v, want ErrBadDeliveryURL", c.addr, c.loopback, err)
		}
	}
}

// TestDeliveryURLRefusedAtDelivery: a stored URL the policy now refuses
// (an old webhook row, a dev URL in production) is not contacted; the
// notification stays pending, and goes once the URL is acceptable again.
func TestDeliveryURLRefusedAtDelivery(t *testing.T) {
	s, clk := hookStore(t), newHookClock()
	r := newHookReceiver(t)
	// Stored as a development server would have: http on loopback.
	if err := s.PutWebhook(t.Context(), store.Webhook{Identity: hookOwner, URL: r.URL, Secret: "s", CreatedAt: clk.Now()}); err != nil {
		t.Fatal(err)
	}
	out := &Outbox{Store: s, Clock: clk.Now}
	if err := out.Requested(t.Context(), hookGrant("g1")); err != nil {
		t.Fatal(err)
	}
	g := hookGrant("g2")
	g.CallbackURL, g.State = "https://user:pw@svc.example.com/cb", store.GrantDenied
	if err := out.Decided(t.Context(), g); err != nil {
		t.Fatal(err)
	}
	prod := newHookDeliverer(s, clk)
	prod.AllowLoopback = false
	hookDeliverDue(t, prod, 0)
	clk.Add(time.Hour)
	hookDeliverDue(t, prod, 0)
	if n := len(r.got()); n != 0 {
		t.Fatalf("refused URL contacted %d times", n)
	}
	clk.Add(time.Hour)
	hookDeliverDue(t, newHookDeliverer(s, clk), 1) // the webhook, kept: dev accepts it
	if n := hookPending(t, s); n != 1 {            // the callback never becomes acceptable
		t.Fatalf("%d pending, want 1", n)
	}
}

// TestRedirectNotFollowed: a 3xx answer is a failure, and its Location is
// not visited.
func TestRedirectNotFollowed(t *testing.T) {
	s, clk := hookStore(t), newHookClock()
	elsewhere := newHookReceiver(t)
	redirect := httptest.NewServer(http.RedirectHandler(elsewhere.URL+"/stolen", http.StatusTemporaryRedirect))
	defer redirect.Close()
	g := hookGrant("g1")
	g.CallbackURL = redirect.URL + "/cb"
	if err := (&Outbox{Store: s, Clock: clk.Now}).Decided(t.Context(), g); err != nil {
		t.Fatal(err)
	}
	hookDeliverDue(t, newHookDeliverer(s, clk), 0)
	if n := len(elsewhere.got()); n != 0 {
		t.Fatalf("redirect followed %d times", n)
	}
	if n := hookPending(t, s); n != 1 {
		t.Fatalf("%d pending, want 1", n)
	}
}

// TestWebhookRemovedBeforeDelivery: the owner removed the webhook, so the
// notification has nowhere to go and is dropped, even when a webhook is
// set again later; a webhook replaced before delivery takes it instead.
func TestWebhookRemovedBeforeDelivery(t *testing.T) {
	s, clk := hookStore(t), newHookClock()
	old, r := newHookReceiver(t), newHookReceiver(t)
	hooks := &Webhooks{Store: s, Sealer: hookSealer, Clock: clk.Now, AllowLoopback: true}
	out := &Outbox{Store: s, Clock: clk.Now}
	d := newHookDeliverer(s, clk)
	if _, err := hooks.Set(t.Context(), hookOwner, old.URL); err != nil {
		t.Fatal(err)
	}
	if err := out.Requested(t.Context(), hookGrant("dropped")); err != nil {
		t.Fatal(err)
	}
	if err := hooks.Remove(t.Context(), hookOwner); err != nil {
		t.Fatal(err)
	}
	hookDeliverDue(t, d, 0)
	if err := out.Requested(t.Context(), hookGrant("nowhere")); err != nil { // no webhook: nothing to enqueue
		t.Fatal(err)
	}
	if n := hookPending(t, s); n != 0 {
		t.Fatalf("%d pending after removal", n)
	}
	if _, err := hooks.Set(t.Context(), hookOwner, old.URL); err != nil {
		t.Fatal(err)
	}
	if err := out.Requested(t.Context(), hookGrant("moved")); err != nil {
		t.Fatal(err)
	}
	secret, err := hooks.Set(t.Context(), hookOwner, r.URL+"/new")
	if err != nil {
		t.Fatal(err)
	}
	clk.Add(2 * time.Hour)
	hookDeliverDue(t, d, 1)
	hits := r.got()
	if len(old.got()) != 0 || len(hits) != 1 || hookPayload(t, hits[0].body).Data.GrantID != "moved" {
		t.Fatalf("old receiver %d hits, new %d", len(old.got()), len(hits))
	}
	if err := VerifySignature(secret, hits[0].header.Get("Idconnect-Signature"), hits[0].body, clk.Now(), 0); err != nil {
		t.Fatalf("not signed with the new secret: %v", err)
	}
}

// TestWebhooks: Set stores the URL in canonical form under the EIP-55
// address with a fresh 32-byte secret; a refused URL stores nothing.
func TestWebhooks(t *testing.T) {
	s := hookStore(t)
	hooks := &Webhooks{Store: s, Sealer: hookSealer}
	ctx := t.Context()
	if _, err := hooks.Set(ctx, hookOwner, "http://hooks.example.com/x"); !errors.Is(err, ErrBadDeliveryURL) {
		t.Fatalf("http accepted: %v", err)
	}
	if _, ok, err := hooks.Get(ctx, hookOwner); ok || err != nil {
		t.Fatalf("refused URL stored: %v, %v", ok, err)
	}
	s1, err := hooks.Set(ctx, hookOwner, "https://Hooks.Example.com/x")
	if err != nil {
		t.Fatal(err)
	}
	s2, err := hooks.Set(ctx, hookOwner, "https://hooks.example.com/y")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := base64.RawURLEncoding.DecodeString(s2)
	if err != nil || len(raw) != 32 || s1 == s2 {
		t.Fatalf("secrets %q, %q", s1, s2)
	}
	w, ok, err := hooks.Get(ctx, hookOwner)
	if err != nil || !ok || w.URL != "https://hooks.example.com/y" || w.Secret != "" || w.Identity != hookOwner {
		t.Fatalf("Get = %+v, %v, %v", w, ok, err)
	}
	if _, secret, err := hooks.signingSecret(ctx, hookOwner); err != nil || secret != s2 {
		t.Fatalf("the sealed secret opens as %q, %v; want the one Set returned", secret, err)
	}
	if err := hooks.Remove(ctx, hookOwner); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := hooks.Get(ctx, hookOwner); ok || err != nil {
		t.Fatalf("after Remove: %v, %v", ok, err)
	}
	if err := hooks.Remove(ctx, hookOwner); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("second Remove: %v", err)
	}
}
