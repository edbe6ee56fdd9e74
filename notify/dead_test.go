package notify

import (
	"bytes"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a log sink the deliverer's goroutines can share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestDeadAfterMaxAge: an endpoint that never answers 2xx is retried on
// the backoff schedule until MaxAge after the notification was enqueued;
// then the notification is dead: not sent again, listed for the operator,
// and logged once at error level with ids only (no identity address, no
// URL).
func TestDeadAfterMaxAge(t *testing.T) {
	s, clk := hookStore(t), newHookClock()
	r := newHookReceiver(t)
	r.setStatus(http.StatusInternalServerError)
	hooks := &Webhooks{Store: s, Sealer: hookSealer, Clock: clk.Now, AllowLoopback: true}
	if _, err := hooks.Set(t.Context(), hookOwner, r.URL+"/hook"); err != nil {
		t.Fatal(err)
	}
	if err := (&Outbox{Store: s, Clock: clk.Now}).Requested(t.Context(), hookGrant("g1")); err != nil {
		t.Fatal(err)
	}
	logs := &syncBuffer{}
	d := newHookDeliverer(s, clk)
	d.Webhooks = hooks
	d.MaxAge = 3 * time.Hour
	d.MaxBackoff = 40 * time.Minute
	d.Log = slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))

	start := clk.Now()
	for clk.Now().Sub(start) < 4*time.Hour {
		hookDeliverDue(t, d, 0)
		clk.Add(10 * time.Minute)
	}
	attempts := len(r.got())
	// 1s, 2s, … doubling to the 40-minute cap, in 10-minute steps over 3h.
	if attempts < 8 || attempts > 20 {
		t.Fatalf("%d attempts in the retry period", attempts)
	}
	dead, err := s.ListDeadNotifications(t.Context(), 10)
	if err != nil || len(dead) != 1 {
		t.Fatalf("dead = %+v, %v", dead, err)
	}
	if age := dead[0].DeadAt.Sub(dead[0].CreatedAt); age < d.MaxAge || age > d.MaxAge+10*time.Minute {
		t.Fatalf("given up %v after enqueueing, want just after %v", age, d.MaxAge)
	}
	clk.Add(24 * time.Hour)
	hookDeliverDue(t, d, 0)
	if len(r.got()) != attempts {
		t.Fatal("a dead notification was sent again")
	}
	if n := hookPending(t, s); n != 0 {
		t.Fatalf("%d notifications still pending", n)
	}

	out := logs.String()
	if c := strings.Count(out, `"level":"ERROR"`); c != 1 {
		t.Fatalf("%d error lines, want 1:\n%s", c, out)
	}
	for _, secret := range []string{hookOwner.Hex(), strings.ToLower(hookOwner.Hex()[2:]), r.URL, "127.0.0.1"} {
		if strings.Contains(out, secret) {
			t.Fatalf("the log holds %q:\n%s", secret, out)
		}
	}
}

// TestDeliveredBeforeMaxAgeIsNotDead: a receiver that recovers within the
// period gets the delivery, and nothing is listed as dead.
func TestDeliveredBeforeMaxAgeIsNotDead(t *testing.T) {
	s, clk := hookStore(t), newHookClock()
	r := newHookReceiver(t)
	r.setStatus(http.StatusServiceUnavailable)
	hooks := &Webhooks{Store: s, Sealer: hookSealer, Clock: clk.Now, AllowLoopback: true}
	if _, err := hooks.Set(t.Context(), hookOwner, r.URL); err != nil {
		t.Fatal(err)
	}
	if err := (&Outbox{Store: s, Clock: clk.Now}).Requested(t.Context(), hookGrant("g1")); err != nil {
		t.Fatal(err)
	}
	d := newHookDeliverer(s, clk)
	d.MaxAge = time.Hour
	hookDeliverDue(t, d, 0)
	clk.Add(50 * time.Minute)
	r.setStatus(http.StatusOK)
	hookDeliverDue(t, d, 1)
	if dead, err := s.ListDeadNotifications(t.Context(), 10); err != nil || len(dead) != 0 {
		t.Fatalf("dead = %+v, %v", dead, err)
	}
}
