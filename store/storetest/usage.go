package storetest

import (
	"fmt"
	"testing"
	"time"

	"github.com/idconnect/idconnect/store"
)

// testRecordGrantUsage records a batch larger than one INSERT chunk over
// two grants, out of time order: counts and last-use times must be exact,
// every row logged once, and a batch naming an unknown grant must record
// nothing at all.
func testRecordGrantUsage(t *testing.T, s store.Store) {
	ctx := t.Context()
	must(t, s.RecordGrantUsage(ctx, nil))
	for _, id := range []string{"p1", "p2"} {
		must(t, s.CreateGrant(ctx, activeGrant(id, store.GrantPersistent)))
	}
	revoked := grant("gone", identityA, store.GrantPersistent, store.GrantRevoked)
	must(t, s.CreateGrant(ctx, revoked))
	var batch []store.GrantUsage
	for i := range 45 {
		id := "p1"
		if i%3 == 0 {
			id = "p2"
		}
		// Times run backwards in the middle, as reads finishing out of order do.
		d := time.Duration((i*7)%45) * time.Second
		batch = append(batch, store.GrantUsage{ID: 999, GrantID: id, At: at(d),
			Resource: fmt.Sprintf("/r/%d", i), Fields: []string{"sub", "email"}, ClientID: "client-1"})
	}
	// A read allowed just before a revocation is still logged.
	batch = append(batch, store.GrantUsage{GrantID: "gone", At: at(time.Second), Resource: "/late", ClientID: "client-1"})
	must(t, s.RecordGrantUsage(ctx, batch))

	want := map[string][]store.GrantUsage{}
	for _, u := range batch {
		want[u.GrantID] = append(want[u.GrantID], u)
	}
	for id, rows := range want {
		g, err := s.GetGrant(ctx, id)
		must(t, err)
		last := time.Time{}
		for _, u := range rows {
			if u.At.After(last) {
				last = u.At
			}
		}
		if g.UsageCount != int64(len(rows)) || !g.LastUsedAt.Equal(last) {
			t.Fatalf("grant %s: count %d last %v; want %d and %v", id, g.UsageCount, g.LastUsedAt, len(rows), last)
		}
		logged, next, err := s.ListGrantUsage(ctx, id, "", store.MaxPageLimit)
		must(t, err)
		if next != "" || len(logged) != len(rows) {
			t.Fatalf("grant %s: %d usage rows, want %d", id, len(logged), len(rows))
		}
		byResource := map[string]store.GrantUsage{}
		for _, u := range logged {
			byResource[u.Resource] = u
		}
		for _, u := range rows {
			got, ok := byResource[u.Resource]
			if !ok || got.ID == 999 || !got.At.Equal(u.At) || got.ClientID != u.ClientID || len(got.Fields) != len(u.Fields) {
				t.Fatalf("grant %s: row %+v logged as %+v", id, u, got)
			}
		}
	}
	// A later batch only moves the last-use time forward.
	must(t, s.RecordGrantUsage(ctx, []store.GrantUsage{{GrantID: "p1", At: at(-time.Hour), ClientID: "client-1"}}))
	g, err := s.GetGrant(ctx, "p1")
	must(t, err)
	if g.UsageCount != int64(len(want["p1"])+1) || g.LastUsedAt.Before(at(0)) {
		t.Fatalf("after an older read: %+v", g)
	}

	err = s.RecordGrantUsage(ctx, []store.GrantUsage{
		{GrantID: "p2", At: at(time.Minute), ClientID: "client-1"},
		{GrantID: "nope", At: at(time.Minute), ClientID: "client-1"},
	})
	wantErr(t, err, store.ErrNotFound)
	g, err = s.GetGrant(ctx, "p2")
	must(t, err)
	if g.UsageCount != int64(len(want["p2"])) {
		t.Fatalf("a failed batch was partly recorded: count %d", g.UsageCount)
	}
}

// testRecordJournaledUsage moves journal rows: the rows and the journal's
// mark commit together, a deleted grant's rows are dropped without
// failing the others, a mark never moves back, and journals are apart.
func testRecordJournaledUsage(t *testing.T, s store.Store) {
	ctx := t.Context()
	for _, j := range []string{"node-a", "node-b"} {
		mark, err := s.UsageJournalMark(ctx, j)
		must(t, err)
		if mark != 0 {
			t.Fatalf("journal %s: mark %d before any row", j, mark)
		}
	}
	must(t, s.CreateGrant(ctx, activeGrant("j1", store.GrantPersistent)))
	row := func(grant string, d time.Duration) store.GrantUsage {
		return store.GrantUsage{GrantID: grant, At: at(d), Resource: "/userinfo", Fields: []string{"sub"}, ClientID: "client-1"}
	}
	var batch []store.GrantUsage
	for i := range 40 {
		batch = append(batch, row("j1", time.Duration(i)*time.Second))
	}
	batch = append(batch, row("deleted-grant", time.Second))
	must(t, s.RecordJournaledUsage(ctx, "node-a", 41, batch))
	mark, err := s.UsageJournalMark(ctx, "node-a")
	must(t, err)
	if mark != 41 {
		t.Fatalf("mark %d, want 41", mark)
	}
	g, err := s.GetGrant(ctx, "j1")
	must(t, err)
	if g.UsageCount != 40 || !g.LastUsedAt.Equal(at(39*time.Second)) {
		t.Fatalf("after the batch: count %d, last use %v", g.UsageCount, g.LastUsedAt)
	}
	// An older mark (a late batch) leaves the mark where it is; its rows count.
	must(t, s.RecordJournaledUsage(ctx, "node-a", 7, []store.GrantUsage{row("j1", time.Hour)}))
	mark, err = s.UsageJournalMark(ctx, "node-a")
	must(t, err)
	if mark != 41 {
		t.Fatalf("a lower mark moved it back to %d", mark)
	}
	// Another journal has its own mark; a batch of no rows only moves it.
	must(t, s.RecordJournaledUsage(ctx, "node-b", 3, nil))
	if mark, err = s.UsageJournalMark(ctx, "node-b"); err != nil || mark != 3 {
		t.Fatalf("node-b: mark %d, %v", mark, err)
	}
	logged, _, err := s.ListGrantUsage(ctx, "j1", "", store.MaxPageLimit)
	must(t, err)
	if len(logged) != 41 {
		t.Fatalf("%d rows logged, want 41", len(logged))
	}
}
