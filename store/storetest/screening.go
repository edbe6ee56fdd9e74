package storetest

import (
	"context"
	"fmt"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/store"
)

func testScreeningLists(t *testing.T, s store.Store) {
	ctx := context.Background()
	must(t, s.AddScreeningSource(ctx, "https://lists.example/sdn.xml", at(0)))
	must(t, s.AddScreeningSource(ctx, "/srv/lists/addresses.csv", at(time.Second)))
	must(t, s.AddScreeningSource(ctx, "https://lists.example/sdn.xml", at(time.Hour))) // idempotent
	srcs, err := s.ScreeningSources(ctx)
	must(t, err)
	equal(t, srcs, []string{"https://lists.example/sdn.xml", "/srv/lists/addresses.csv"})
	must(t, s.RemoveScreeningSource(ctx, "/srv/lists/addresses.csv"))
	wantErr(t, s.RemoveScreeningSource(ctx, "/srv/lists/addresses.csv"), store.ErrNotFound)

	v1 := store.ListVersion{Source: "https://lists.example/sdn.xml", Name: "sdn.xml", Format: "ofac-sdn",
		Hash: common.HexToHash("0x01"), Entities: 12000, LoadedAt: at(0)}
	v2 := v1
	v2.Hash, v2.Entities, v2.LoadedAt = common.HexToHash("0x02"), 0, at(time.Hour)
	v2.Error = "sdn.xml line 42: unexpected EOF"
	must(t, s.PutListVersion(ctx, v1))
	must(t, s.PutListVersion(ctx, v2))
	wantErr(t, s.PutListVersion(ctx, v1), store.ErrAlreadyExists)
	got, err := s.ListVersions(ctx, 10)
	must(t, err)
	equal(t, got, []store.ListVersion{v2, v1})
}

func testLease(t *testing.T, s store.Store) {
	ctx := context.Background()
	ok, err := s.AcquireLease(ctx, "screening", "node-a", at(0), at(time.Minute))
	must(t, err)
	if !ok {
		t.Fatal("a free lease was refused")
	}
	if ok, err = s.AcquireLease(ctx, "screening", "node-b", at(30*time.Second), at(2*time.Minute)); err != nil || ok {
		t.Fatalf("node-b took a running lease: %v, %v", ok, err)
	}
	if ok, err = s.AcquireLease(ctx, "screening", "node-a", at(30*time.Second), at(2*time.Minute)); err != nil || !ok {
		t.Fatalf("the holder could not extend its lease: %v, %v", ok, err)
	}
	if ok, err = s.AcquireLease(ctx, "other", "node-b", at(30*time.Second), at(time.Minute)); err != nil || !ok {
		t.Fatalf("leases are not independent: %v, %v", ok, err)
	}
	// Once it ran out, another node takes it.
	if ok, err = s.AcquireLease(ctx, "screening", "node-b", at(3*time.Minute), at(4*time.Minute)); err != nil || !ok {
		t.Fatalf("an expired lease was not taken over: %v, %v", ok, err)
	}
	must(t, s.ReleaseLease(ctx, "screening", "node-a")) // not a's any more: left alone
	if ok, err = s.AcquireLease(ctx, "screening", "node-a", at(3*time.Minute), at(5*time.Minute)); err != nil || ok {
		t.Fatalf("a release by the former holder freed node-b's lease: %v, %v", ok, err)
	}
	must(t, s.ReleaseLease(ctx, "screening", "node-b"))
	if ok, err = s.AcquireLease(ctx, "screening", "node-a", at(3*time.Minute), at(5*time.Minute)); err != nil || !ok {
		t.Fatalf("a released lease was refused: %v, %v", ok, err)
	}
}

// testLeaseOneHolder races many holders for one free lease.
func testLeaseOneHolder(t *testing.T, s store.Store) {
	errs := race(16, func(i int) error {
		ok, err := s.AcquireLease(context.Background(), "screening", fmt.Sprintf("node-%d", i), at(0), at(time.Minute))
		if err == nil && !ok {
			return store.ErrConsumed
		}
		return err
	})
	if ok, refused := countErrs(t, errs, store.ErrConsumed); ok != 1 || refused != 15 {
		t.Fatalf("%d holders took the lease and %d were refused, want 1 and 15", ok, refused)
	}
}

func testScreeningRuns(t *testing.T, s store.Store) {
	ctx := context.Background()
	r := store.ScreeningRun{ID: "run-1", Issuer: issuerA, Node: "node-a", Trigger: store.TriggerSchedule,
		Lists: "sdn.xml@0102", StartedAt: at(0)}
	must(t, s.PutScreeningRun(ctx, r))
	must(t, s.PutScreeningRun(ctx, store.ScreeningRun{ID: "run-b", Issuer: issuerB, Node: "n", Trigger: store.TriggerLists, StartedAt: at(time.Second)}))
	r2 := store.ScreeningRun{ID: "run-2", Issuer: issuerA, Node: "node-b", Trigger: store.TriggerLists, Lists: "x@1", StartedAt: at(time.Hour)}
	must(t, s.PutScreeningRun(ctx, r2))
	r.FinishedAt, r.Screened, r.Renewed, r.Approved, r.Hits, r.Revoked, r.Error = at(time.Minute), 10, 2, 1, 3, 4, "one identity failed"
	must(t, s.FinishScreeningRun(ctx, r))
	wantErr(t, s.FinishScreeningRun(ctx, store.ScreeningRun{ID: "nope", FinishedAt: at(0)}), store.ErrNotFound)
	runs, err := s.ScreeningRuns(ctx, issuerA, 10)
	must(t, err)
	equal(t, runs, []store.ScreeningRun{r2, r})
}

func screeningHit(id string, identity common.Address, created time.Time) store.ScreeningHit {
	return store.ScreeningHit{ID: id, RunID: "run-1", Issuer: issuerA, Identity: identity, Kind: store.HitName,
		List: "sdn.xml", EntityID: "36", EntityDigest: common.HexToHash("0xd1"), Field: "alias", Score: 0.91,
		Topics: []uint64{2, 4}, State: store.HitOpen, CreatedAt: created,
		WrappedKey: []byte("wrapped"), Explanation: []byte("sealed")}
}

func testScreeningHits(t *testing.T, s store.Store) {
	ctx := context.Background()
	h := screeningHit("hit-1", ownerA, at(0))
	must(t, s.PutScreeningHit(ctx, h))
	wantErr(t, s.PutScreeningHit(ctx, h), store.ErrAlreadyExists)
	got, err := s.GetScreeningHit(ctx, "hit-1")
	must(t, err)
	equal(t, got, h)
	_, err = s.GetScreeningHit(ctx, "nope")
	wantErr(t, err, store.ErrNotFound)

	later := screeningHit("hit-2", ownerA, at(time.Hour))
	later.Topics, later.Kind, later.Score = nil, store.HitAddress, 1
	must(t, s.PutScreeningHit(ctx, later))
	other := screeningHit("hit-3", common.HexToAddress("0xbeef"), at(2*time.Hour))
	other.EntityDigest = common.HexToHash("0xd2")
	must(t, s.PutScreeningHit(ctx, other))

	latest, err := s.LatestScreeningHit(ctx, issuerA, ownerA, "sdn.xml", "36", common.HexToHash("0xd1"))
	must(t, err)
	equal(t, latest.ID, "hit-2")
	_, err = s.LatestScreeningHit(ctx, issuerA, ownerA, "sdn.xml", "36", common.HexToHash("0xd2")) // the entry changed
	wantErr(t, err, store.ErrNotFound)

	// Pages run newest first, without explanations.
	var ids []string
	cur := ""
	for {
		page, next, err := s.ListScreeningHits(ctx, store.HitQuery{Issuer: issuerA, Cursor: cur, Limit: 2})
		must(t, err)
		for _, p := range page {
			if p.Explanation != nil {
				t.Fatalf("listed hit %s carries its explanation", p.ID)
			}
			ids = append(ids, p.ID)
		}
		if next == "" {
			break
		}
		cur = next
	}
	equal(t, ids, []string{"hit-3", "hit-2", "hit-1"})
	mine, _, err := s.ListScreeningHits(ctx, store.HitQuery{Identity: ownerA, State: store.HitOpen})
	must(t, err)
	equal(t, len(mine), 2)

	d := store.HitDecision{State: store.HitCleared, Reviewer: common.HexToAddress("0x5e"), Reason: "different birth date", At: at(3 * time.Hour)}
	decided, err := s.DecideScreeningHit(ctx, "hit-1", d)
	must(t, err)
	h.State, h.DecidedAt, h.DecidedBy, h.Decision, h.Explanation = d.State, d.At, d.Reviewer, d.Reason, nil
	equal(t, decided, h)
	_, err = s.DecideScreeningHit(ctx, "hit-1", store.HitDecision{State: store.HitConfirmed, At: at(4 * time.Hour)})
	wantErr(t, err, store.ErrConsumed)
	_, err = s.DecideScreeningHit(ctx, "nope", d)
	wantErr(t, err, store.ErrNotFound)
}

func testScreeningSubjects(t *testing.T, s store.Store) {
	ctx := context.Background()
	id := func(n int64) common.Address { return common.BigToAddress(big.NewInt(0x1000 + n)) }
	claim := func(cid string, who common.Address, topic uint64, state store.IssuedClaimState) {
		c := issuedClaim(cid, topic, state, at(0), at(time.Hour))
		c.Identity = who
		must(t, s.PutIssuedClaim(ctx, c))
	}
	claim("c1", id(1), 2, store.IssuedAdded)
	claim("c2", id(2), 4, store.IssuedReady)
	claim("c3", id(3), 2, store.IssuedRevoked) // revoked: no longer screened
	claim("c4", id(4), 1, store.IssuedAdded)   // not a screened topic
	claim("c5", id(1), 7, store.IssuedAdded)   // listed once
	app := application("a1", issuerA, id(5), at(0))
	app.Topic = 7
	must(t, s.CreateApplication(ctx, app))
	other := application("a2", issuerB, id(6), at(0))
	other.Topic = 2
	must(t, s.CreateApplication(ctx, other)) // another issuer's
	var got []common.Address
	after := common.Address{}
	for {
		page, err := s.ScreeningSubjects(ctx, issuerA, []uint64{2, 4, 7}, after, 2)
		must(t, err)
		if len(page) == 0 {
			break
		}
		got = append(got, page...)
		after = page[len(page)-1]
	}
	equal(t, got, []common.Address{id(1), id(2), id(5)})
}
