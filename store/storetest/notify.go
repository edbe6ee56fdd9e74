package storetest

import (
	"testing"
	"time"

	"github.com/idconnect/idconnect/store"
)

func enqueue(t testing.TB, s store.Store, kind string, due time.Time) store.Notification {
	t.Helper()
	n, err := s.EnqueueNotification(t.Context(), store.Notification{
		Identity: identityA, Kind: kind, Payload: []byte(`{"request":"` + kind + `"}`), NextAttemptAt: due,
	})
	must(t, err)
	if n.ID == 0 || n.Kind != kind || n.NextAttemptAt != due || n.Attempts != 0 {
		t.Fatalf("enqueued %+v", n)
	}
	return n
}

func claimedKinds(t testing.TB, s store.Store, now, lease time.Time) []string {
	t.Helper()
	ns, err := s.ClaimDueNotifications(t.Context(), now, lease, 10)
	must(t, err)
	var kinds []string
	for _, n := range ns {
		if n.NextAttemptAt != lease {
			t.Fatalf("claimed notification not leased until %v: %+v", lease, n)
		}
		kinds = append(kinds, n.Kind)
	}
	return kinds
}

func testNotifications(t *testing.T, s store.Store) {
	ctx := t.Context()
	n1 := enqueue(t, s, "first", t0)
	n2 := enqueue(t, s, "second", at(time.Minute))
	enqueue(t, s, "third", at(10*time.Minute))

	equal(t, claimedKinds(t, s, at(2*time.Minute), at(7*time.Minute)), []string{"first", "second"})
	// Leased: not due again before the lease ends.
	equal(t, claimedKinds(t, s, at(3*time.Minute), at(8*time.Minute)), nil)

	must(t, s.MarkNotificationDelivered(ctx, n1.ID, at(3*time.Minute)))
	must(t, s.MarkNotificationFailed(ctx, n2.ID, at(4*time.Minute)))
	ns, err := s.ClaimDueNotifications(ctx, at(5*time.Minute), at(6*time.Minute), 10)
	must(t, err)
	if len(ns) != 1 || ns[0].ID != n2.ID || ns[0].Attempts != 2 {
		t.Fatalf("retry claim: %+v", ns)
	}
	// n2's lease ran out at 6m; delivered n1 never comes back.
	equal(t, claimedKinds(t, s, at(20*time.Minute), at(25*time.Minute)), []string{"second", "third"})

	wantErr(t, s.MarkNotificationFailed(ctx, n1.ID, at(time.Hour)), store.ErrNotFound)
	wantErr(t, s.MarkNotificationDelivered(ctx, 999999, t0), store.ErrNotFound)
}

func testNotificationsClaimedOnce(t *testing.T, s store.Store) {
	for range 20 {
		enqueue(t, s, "n", t0)
	}
	claims := make([][]store.Notification, 10)
	errs := race(10, func(i int) error {
		var err error
		claims[i], err = s.ClaimDueNotifications(t.Context(), t0, at(time.Hour), 3)
		return err
	})
	countErrs(t, errs, nil)
	seen := map[int64]bool{}
	for _, c := range claims {
		for _, n := range c {
			if seen[n.ID] || n.Attempts != 1 {
				t.Fatalf("notification %d claimed twice (attempts %d)", n.ID, n.Attempts)
			}
			seen[n.ID] = true
		}
	}
	if len(seen) == 0 || len(seen) > 20 {
		t.Fatalf("%d notifications claimed", len(seen))
	}
}

// testDeadNotifications: a notification given up on is never claimed or
// rescheduled again, and is listed for the operator, newest first.
func testDeadNotifications(t *testing.T, s store.Store) {
	ctx := t.Context()
	n1 := enqueue(t, s, "one", t0)
	n2 := enqueue(t, s, "two", t0)
	n3 := enqueue(t, s, "three", t0)
	if n1.CreatedAt != t0 || !n1.DeadAt.IsZero() {
		t.Fatalf("created %v, dead %v: want %v and zero", n1.CreatedAt, n1.DeadAt, t0)
	}
	back, err := s.EnqueueNotification(ctx, store.Notification{Identity: identityA, Kind: "k", NextAttemptAt: at(time.Hour), CreatedAt: at(-time.Hour)})
	must(t, err)
	if back.CreatedAt != at(-time.Hour) {
		t.Fatalf("created %v, want the given time", back.CreatedAt)
	}

	must(t, s.MarkNotificationDead(ctx, n1.ID, at(time.Minute)))
	must(t, s.MarkNotificationDead(ctx, n2.ID, at(2*time.Minute)))
	must(t, s.MarkNotificationDelivered(ctx, n3.ID, at(time.Minute)))
	wantErr(t, s.MarkNotificationDead(ctx, n1.ID, at(3*time.Minute)), store.ErrNotFound) // already dead
	wantErr(t, s.MarkNotificationDead(ctx, n3.ID, at(3*time.Minute)), store.ErrNotFound) // delivered
	wantErr(t, s.MarkNotificationDead(ctx, 999999, t0), store.ErrNotFound)
	wantErr(t, s.MarkNotificationFailed(ctx, n1.ID, at(time.Hour)), store.ErrNotFound)

	equal(t, claimedKinds(t, s, at(2*time.Hour), at(3*time.Hour)), []string{"k"})
	dead, err := s.ListDeadNotifications(ctx, 10)
	must(t, err)
	if len(dead) != 2 || dead[0].ID != n2.ID || dead[1].ID != n1.ID {
		t.Fatalf("dead: %+v", dead)
	}
	if dead[0].DeadAt != at(2*time.Minute) || dead[0].CreatedAt != t0 || dead[0].Kind != "two" || !dead[0].DeliveredAt.IsZero() {
		t.Fatalf("dead notification read back as %+v", dead[0])
	}
	one, err := s.ListDeadNotifications(ctx, 1)
	must(t, err)
	if len(one) != 1 || one[0].ID != n2.ID {
		t.Fatalf("limit 1: %+v", one)
	}
}
