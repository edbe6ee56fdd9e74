package notify

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/store"
	"github.com/idconnect/idconnect/store/sqlite"
)

var (
	hookOwner = common.HexToAddress("0x5B38Da6a701c568545dCfcB03FcB875f56beddC4")
	hookQuiet = slog.New(slog.NewTextHandler(io.Discard, nil))
	// hookSealer seals webhook secrets under a fixed test server key.
	hookSealer = func() *store.Sealer {
		s, err := store.NewSealer(bytes.Repeat([]byte{7}, 32), rand.Reader)
		if err != nil {
			panic(err)
		}
		return s
	}()
)

// hookStore is a real SQLite store in a fresh file.
func hookStore(t *testing.T) store.Store {
	t.Helper()
	s, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "db"), sqlite.WithMigrate())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// hookClock is a clock the test moves by hand, to jump past backoffs.
type hookClock struct {
	mu sync.Mutex
	t  time.Time
}

func newHookClock() *hookClock {
	return &hookClock{t: time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)}
}

func (c *hookClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *hookClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// hookZeros is a Rand with no jitter, so backoffs follow the nominal schedule.
type hookZeros struct{}

func (hookZeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

// hookHit is one POST a receiver got.
type hookHit struct {
	path, query string
	header      http.Header
	body        []byte
	status      int
}

// hookReceiver is a real HTTP endpoint that records what it gets and answers
// with status (200 unless set).
type hookReceiver struct {
	*httptest.Server
	mu     sync.Mutex
	hits   []hookHit
	status int
	delay  time.Duration
}

func newHookReceiver(t *testing.T) *hookReceiver {
	r := &hookReceiver{status: http.StatusOK}
	r.Server = httptest.NewServer(http.HandlerFunc(r.serve))
	t.Cleanup(r.Close)
	return r
}

func (r *hookReceiver) serve(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	r.mu.Lock()
	status, delay := r.status, r.delay
	r.hits = append(r.hits, hookHit{req.URL.Path, req.URL.RawQuery, req.Header.Clone(), body, status})
	r.mu.Unlock()
	time.Sleep(delay)
	w.WriteHeader(status)
}

func (r *hookReceiver) setStatus(s int) { r.mu.Lock(); r.status = s; r.mu.Unlock() }

func (r *hookReceiver) got() []hookHit {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]hookHit(nil), r.hits...)
}

func newHookDeliverer(s store.Store, clk *hookClock) *Deliverer {
	return &Deliverer{Store: s, Webhooks: &Webhooks{Store: s, Sealer: hookSealer}, Clock: clk.Now, Rand: hookZeros{}, Log: hookQuiet, AllowLoopback: true, Timeout: 2 * time.Second}
}

func hookDeliverDue(t *testing.T, d *Deliverer, want int) {
	t.Helper()
	n, err := d.DeliverDue(t.Context())
	if err != nil || n != want {
		t.Fatalf("DeliverDue = %d, %v; want %d", n, err, want)
	}
}

func hookGrant(id string) store.Grant {
	return store.Grant{ID: id, Kind: store.GrantPersistent, State: store.GrantRequested, Identity: hookOwner, ClientID: "svc"}
}

// hookPayload decodes a delivery's body and checks it names nobody.
func hookPayload(t *testing.T, body []byte) EventPayload {
	t.Helper()
	lower := strings.ToLower(string(body))
	if strings.Contains(lower, strings.ToLower(hookOwner.Hex()[2:])) || strings.Contains(lower, "identity") {
		t.Fatalf("payload carries the identity: %s", body)
	}
	var p EventPayload
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		t.Fatalf("payload %s: %v", body, err)
	}
	if _, err := time.Parse(time.RFC3339, p.CreatedAt); err != nil || p.ID == "" {
		t.Fatalf("payload %s: %v", body, err)
	}
	return p
}

// hookPending counts the undelivered notifications, due at any time. It
// takes their leases, so call it last.
func hookPending(t *testing.T, s store.Store) int {
	t.Helper()
	far := time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)
	ns, err := s.ClaimDueNotifications(t.Context(), far, far.Add(time.Hour), store.MaxPageLimit)
	if err != nil {
		t.Fatal(err)
	}
	return len(ns)
}

// TestWebhookDownThenUp: while the owner's endpoint is down (nothing
// listens, then it answers 503) deliveries are retried on the backoff
// schedule; when it comes up each arrives exactly once more, with the same
// delivery id and body on every attempt and a valid signature, and
// nothing is lost.
func TestWebhookDownThenUp(t *testing.T) {
	s, clk := hookStore(t), newHookClock()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close() // down: connections are refused
	hooks := &Webhooks{Store: s, Sealer: hookSealer, Clock: clk.Now, AllowLoopback: true}
	secret, err := hooks.Set(t.Context(), hookOwner, "http://"+addr+"/hook")
	if err != nil {
		t.Fatal(err)
	}
	out := &Outbox{Store: s, Clock: clk.Now}
	for _, id := range []string{"g1", "g2", "g3"} {
		if err := out.Requested(t.Context(), hookGrant(id)); err != nil {
			t.Fatal(err)
		}
	}
	d := newHookDeliverer(s, clk)
	hookDeliverDue(t, d, 0) // attempt 1: refused; next in 1s

	r := &hookReceiver{status: http.StatusServiceUnavailable}
	r.Server = httptest.NewUnstartedServer(http.HandlerFunc(r.serve))
	r.Listener.Close()
	if r.Listener, err = net.Listen("tcp", addr); err != nil {
		t.Fatal(err)
	}
	r.Start()
	defer r.Close()

	steps := []struct {
		advance time.Duration
		hits    int
	}{
		{0, 0}, {999 * time.Millisecond, 0}, {time.Millisecond, 3}, // attempt 2 at +1s: 503, next in 2s
		{1999 * time.Millisecond, 3}, {time.Millisecond, 6}, // attempt 3 at +2s: 503, next in 4s
		{3 * time.Second, 6},
	}
	for i, st := range steps {
		clk.Add(st.advance)
		hookDeliverDue(t, d, 0)
		if n := len(r.got()); n != st.hits {
			t.Fatalf("step %d: %d hits, want %d", i, n, st.hits)
		}
	}
	r.setStatus(http.StatusNoContent)
	clk.Add(time.Second)
	hookDeliverDue(t, d, 3) // attempt 4 at +4s
	clk.Add(2 * time.Hour)
	hookDeliverDue(t, d, 0)

	byID := map[string][]hookHit{}
	for _, h := range r.got() {
		id := h.header.Get("Idconnect-Delivery")
		byID[id] = append(byID[id], h)
		p := hookPayload(t, h.body)
		if p.ID != id || p.Type != EventAccessRequested || p.Data.State != string(store.GrantRequested) || p.Data.ClientID != "svc" {
			t.Fatalf("payload %+v under delivery %q", p, id)
		}
		if h.header.Get("Content-Type") != "application/json" || h.header.Get("User-Agent") != "idconnect-webhook" ||
			h.header.Get("Idconnect-Event") != EventAccessRequested || h.path != "/hook" {
			t.Fatalf("request %s %v", h.path, h.header)
		}
	}
	grants := map[string]bool{}
	for id, hs := range byID {
		if len(hs) != 3 || hs[0].status != 503 || hs[1].status != 503 || hs[2].status != http.StatusNoContent {
			t.Fatalf("delivery %s: %d attempts", id, len(hs))
		}
		for _, h := range hs {
			if !bytes.Equal(h.body, hs[0].body) {
				t.Fatalf("delivery %s changed body between attempts", id)
			}
		}
		// Signed at the last attempt's time, with the secret Set returned.
		last := hs[2]
		if err := VerifySignature(secret, last.header.Get("Idconnect-Signature"), last.body, clk.Now(), 3*time.Hour); err != nil {
			t.Fatalf("delivery %s: %v", id, err)
		}
		if err := VerifySignature("other", last.header.Get("Idconnect-Signature"), last.body, clk.Now(), 3*time.Hour); err == nil {
			t.Fatal("signature verifies with another secret")
		}
		grants[hookPayload(t, last.body).Data.GrantID] = true
	}
	if len(byID) != 3 || !grants["g1"] || !grants["g2"] || !grants["g3"] {
		t.Fatalf("delivered grants %v in %d deliveries", grants, len(byID))
	}
	if n := hookPending(t, s); n != 0 {
		t.Fatalf("%d notifications still pending", n)
	}
}

// TestDeliverersNeverSendTwice: two deliverers on one store, running at
// once, send every notification exactly once: a claim's lease keeps the
// other away.
func TestDeliverersNeverSendTwice(t *testing.T) {
	s := hookStore(t)
	r := newHookReceiver(t)
	r.delay = 5 * time.Millisecond
	if _, err := (&Webhooks{Store: s, Sealer: hookSealer, AllowLoopback: true}).Set(t.Context(), hookOwner, r.URL); err != nil {
		t.Fatal(err)
	}
	out := &Outbox{Store: s}
	const n = 60
	for i := range n {
		if err := out.Requested(t.Context(), hookGrant(string(rune('a'+i%26))+strings.Repeat("x", i))); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithCancel(t.Context())
	var wg sync.WaitGroup
	for range 2 {
		d := &Deliverer{Store: s, Webhooks: &Webhooks{Store: s, Sealer: hookSealer}, Log: hookQuiet, AllowLoopback: true, Batch: 4, Interval: time.Millisecond}
		wg.Go(func() {
			if err := d.Run(ctx); err != nil {
				t.Error(err)
			}
		})
	}
	deadline := time.Now().Add(30 * time.Second)
	for len(r.got()) < n && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(50 * time.Millisecond) // room for a second, wrong, delivery
	cancel()
	wg.Wait()
	seen := map[string]int{}
	for _, h := range r.got() {
		seen[h.header.Get("Idconnect-Delivery")]++
	}
	for id, c := range seen {
		if c != 1 {
			t.Errorf("delivery %s sent %d times", id, c)
		}
	}
	if len(seen) != n || hookPending(t, s) != 0 {
		t.Fatalf("%d of %d delivered", len(seen), n)
	}
}

// TestCallbackDelivered: the service's decision and revocation notices go,
// unsigned, to the grant's callback URL; a grant without one, and an owner
// without a webhook, enqueue nothing.
func TestCallbackDelivered(t *testing.T) {
	s, clk := hookStore(t), newHookClock()
	r := newHookReceiver(t)
	out := &Outbox{Store: s, Clock: clk.Now}
	ctx := t.Context()
	g := hookGrant("grant-1")
	if err := out.Decided(ctx, g); err != nil { // no callback URL
		t.Fatal(err)
	}
	if err := out.Owner(ctx, hookOwner, Event{Type: EventAccessRequested, GrantID: "grant-1"}); err != nil {
		t.Fatal(err) // no webhook
	}
	if n := hookPending(t, s); n != 0 {
		t.Fatalf("%d notifications enqueued", n)
	}

	g.CallbackURL, g.State = r.URL+"/cb?ref=42", store.GrantActive
	if err := out.Decided(ctx, g); err != nil {
		t.Fatal(err)
	}
	g.State = store.GrantRevoked
	if err := out.Revoked(ctx, g); err != nil {
		t.Fatal(err)
	}
	hookDeliverDue(t, newHookDeliverer(s, clk), 2)
	want := map[string]store.GrantState{EventGrantDecided: store.GrantActive, EventGrantRevoked: store.GrantRevoked}
	hits := r.got()
	for _, h := range hits {
		p := hookPayload(t, h.body)
		if h.path != "/cb" || h.query != "ref=42" || h.header.Get("Idconnect-Signature") != "" ||
			h.header.Get("Idconnect-Delivery") != p.ID || h.header.Get("Idconnect-Event") != p.Type {
			t.Fatalf("callback %s?%s %v", h.path, h.query, h.header)
		}
		if string(want[p.Type]) != p.Data.State || p.Data.GrantID != "grant-1" || p.Data.Kind != store.GrantPersistent {
			t.Fatalf("callback payload %+v", p)
		}
		delete(want, p.Type)
	}
	if len(hits) != 2 || len(want) != 0 {
		t.Fatalf("%d callbacks, missing %v", len(hits), want)
	}
}

// TestOutboxJoinsTransaction: a notification enqueued in a transaction
// that rolls back is gone with it.
func TestOutboxJoinsTransaction(t *testing.T) {
	s := hookStore(t)
	if _, err := (&Webhooks{Store: s, Sealer: hookSealer}).Set(t.Context(), hookOwner, "https://hooks.example.com/x"); err != nil {
		t.Fatal(err)
	}
	out := &Outbox{Store: s}
	boom := errors.New("boom")
	err := s.InTx(t.Context(), func(ctx context.Context) error {
		if err := out.Requested(ctx, hookGrant("rolled-back")); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatal(err)
	}
	if err := s.InTx(t.Context(), func(ctx context.Context) error { return out.Requested(ctx, hookGrant("kept")) }); err != nil {
		t.Fatal(err)
	}
	if err := out.Owner(t.Context(), hookOwner, Event{Type: "made.up", GrantID: "x"}); err == nil {
		t.Fatal("unknown event type enqueued")
	}
	if n := hookPending(t, s); n != 1 {
		t.Fatalf("%d notifications pending, want 1", n)
	}
}

// TestDeliveryBounded: a receiver that never answers is given up on after
// Timeout and retried; one that answers 2xx with an endless body is
// delivered without the body being read to its end.
func TestDeliveryBounded(t *testing.T) {
	s, clk := hookStore(t), newHookClock()
	var mode sync.Mutex
	hang := true
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		mode.Lock()
		h := hang
		mode.Unlock()
		// Read the body: only then does the server notice the client going.
		_, _ = io.Copy(io.Discard, req.Body)
		if h {
			select {
			case <-req.Context().Done():
			case <-time.After(10 * time.Second):
			}
			return
		}
		w.WriteHeader(http.StatusOK)
		chunk := bytes.Repeat([]byte("x"), 32<<10)
		for req.Context().Err() == nil {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	}))
	defer srv.Close()
	g := hookGrant("g1")
	g.CallbackURL = srv.URL
	if err := (&Outbox{Store: s, Clock: clk.Now}).Decided(t.Context(), g); err != nil {
		t.Fatal(err)
	}
	d := newHookDeliverer(s, clk)
	d.Timeout = 300 * time.Millisecond
	start := time.Now()
	hookDeliverDue(t, d, 0)
	if el := time.Since(start); el > 5*time.Second {
		t.Fatalf("a hanging receiver held the pass %v", el)
	}
	mode.Lock()
	hang = false
	mode.Unlock()
	d2 := newHookDeliverer(s, clk) // a Timeout longer than the test allows
	d2.Timeout = 30 * time.Second
	clk.Add(time.Second)
	start = time.Now()
	hookDeliverDue(t, d2, 1)
	if el := time.Since(start); el > 5*time.Second {
		t.Fatalf("an endless body held the pass %v", el)
	}
}
