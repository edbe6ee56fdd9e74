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

var (
	issuerA = common.HexToAddress("0x00000000000000000000000000000000000000A1")
	issuerB = common.HexToAddress("0x00000000000000000000000000000000000000B1")
	ownerA  = common.HexToAddress("0x0000000000000000000000000000000000000A0A")
)

func application(id string, issuer, identity common.Address, submitted time.Time) store.Application {
	return store.Application{ID: id, Issuer: issuer, Identity: identity, Topic: 1, State: store.ApplicationPending,
		SubmittedAt: submitted, BundleHash: common.HexToHash("0xb0"), BundleSize: 3,
		WrappedKey: []byte("wrapped"), Ciphertext: []byte("sealed bundle")}
}

func testApplications(t *testing.T, s store.Store) {
	ctx := context.Background()
	a := application("app-1", issuerA, ownerA, at(0))
	must(t, s.CreateApplication(ctx, a))
	wantErr(t, s.CreateApplication(ctx, a), store.ErrAlreadyExists)
	got, err := s.GetApplication(ctx, a.ID)
	must(t, err)
	equal(t, got, a)
	_, err = s.GetApplication(ctx, "nope")
	wantErr(t, err, store.ErrNotFound)

	for i := range 7 {
		must(t, s.CreateApplication(ctx, application(fmt.Sprintf("q-%d", i), issuerA, common.BigToAddress(big.NewInt(int64(i+1))), at(time.Duration(i+1)*time.Second))))
	}
	must(t, s.CreateApplication(ctx, application("other", issuerB, ownerA, at(time.Second))))
	// One pending application per issuer, identity and topic.
	wantErr(t, s.CreateApplication(ctx, application("again", issuerA, ownerA, at(2*time.Second))), store.ErrAlreadyExists)

	// The queue pages oldest first, without the sealed bundles.
	var ids []string
	cur := ""
	for {
		page, next, err := s.ListApplications(ctx, store.ApplicationQuery{Issuer: issuerA, State: store.ApplicationPending, Cursor: cur, Limit: 3})
		must(t, err)
		for _, p := range page {
			if p.Ciphertext != nil || p.WrappedKey == nil {
				t.Fatalf("listed application %s: ciphertext %q, wrapped key %q", p.ID, p.Ciphertext, p.WrappedKey)
			}
			ids = append(ids, p.ID)
		}
		if next == "" {
			break
		}
		cur = next
	}
	equal(t, ids, []string{"app-1", "q-0", "q-1", "q-2", "q-3", "q-4", "q-5", "q-6"})
	mine, _, err := s.ListApplications(ctx, store.ApplicationQuery{Identity: ownerA})
	must(t, err)
	if len(mine) != 2 || mine[0].ID != "app-1" {
		t.Fatalf("owner's applications: %d", len(mine))
	}
	var newest []string
	cur = ""
	for {
		page, next, err := s.ListApplications(ctx, store.ApplicationQuery{Issuer: issuerA, Newest: true, Cursor: cur, Limit: 3})
		must(t, err)
		for _, p := range page {
			newest = append(newest, p.ID)
		}
		if next == "" {
			break
		}
		cur = next
	}
	equal(t, newest, []string{"q-6", "q-5", "q-4", "q-3", "q-2", "q-1", "q-0", "app-1"})
	_, _, err = s.ListApplications(ctx, store.ApplicationQuery{Cursor: "!"})
	wantErr(t, err, store.ErrInvalidCursor)

	d := store.ApplicationDecision{State: store.ApplicationApproved, Reviewer: issuerB, Reason: "documents match", ClaimID: common.HexToHash("0xc1"), At: at(time.Hour)}
	decided, err := s.DecideApplication(ctx, a.ID, d)
	must(t, err)
	a.State, a.ReviewedAt, a.Reviewer, a.Reason, a.ClaimID, a.Ciphertext = d.State, d.At, d.Reviewer, d.Reason, d.ClaimID, nil
	equal(t, decided, a)
	_, err = s.DecideApplication(ctx, a.ID, store.ApplicationDecision{State: store.ApplicationRejected, At: at(2 * time.Hour)})
	wantErr(t, err, store.ErrConsumed)
	_, err = s.DecideApplication(ctx, "nope", d)
	wantErr(t, err, store.ErrNotFound)
	pending, _, err := s.ListApplications(ctx, store.ApplicationQuery{Issuer: issuerA, State: store.ApplicationPending})
	must(t, err)
	if len(pending) != 7 {
		t.Fatalf("pending after one decision: %d", len(pending))
	}
	// Once decided, the identity may apply again.
	must(t, s.CreateApplication(ctx, application("again", issuerA, ownerA, at(3*time.Hour))))
}

// testApplicationDecidedOnce: reviewers deciding the same application at
// once produce exactly one decision.
func testApplicationDecidedOnce(t *testing.T, s store.Store) {
	ctx := context.Background()
	must(t, s.CreateApplication(ctx, application("race", issuerA, ownerA, at(0))))
	errs := race(8, func(i int) error {
		state := store.ApplicationApproved
		if i%2 == 1 {
			state = store.ApplicationRejected
		}
		_, err := s.DecideApplication(ctx, "race", store.ApplicationDecision{State: state, Reviewer: common.BigToAddress(common.Big2), At: at(time.Duration(i) * time.Second)})
		return err
	})
	if ok, conflicts := countErrs(t, errs, store.ErrConsumed); ok != 1 || conflicts != 7 {
		t.Fatalf("%d decisions, %d conflicts", ok, conflicts)
	}
}

func issuedClaim(id string, topic uint64, state store.IssuedClaimState, issued, until time.Time) store.IssuedClaim {
	return store.IssuedClaim{ID: id, Issuer: issuerA, Identity: ownerA, Topic: topic, ClaimID: common.HexToHash("0xc1"),
		Signature: []byte("sig-" + id), Data: []byte("data"), ValidFrom: issued, ValidUntil: until, State: state,
		IssuedAt: issued}
}

func testIssuedClaims(t *testing.T, s store.Store) {
	ctx := context.Background()
	old := issuedClaim("old", 1, store.IssuedAdded, at(0), at(24*time.Hour))
	old.TxHash, old.ApplicationID, old.DocumentHash = common.HexToHash("0x7a"), "app-1", common.HexToHash("0xd0")
	must(t, s.PutIssuedClaim(ctx, old))
	wantErr(t, s.PutIssuedClaim(ctx, old), store.ErrAlreadyExists)
	got, err := s.GetIssuedClaim(ctx, "old")
	must(t, err)
	equal(t, got, old)
	cur, err := s.CurrentIssuedClaim(ctx, issuerA, ownerA, 1)
	must(t, err)
	equal(t, cur.ID, "old")
	_, err = s.CurrentIssuedClaim(ctx, issuerB, ownerA, 1)
	wantErr(t, err, store.ErrNotFound)

	// A renewal replaces the old claim; the newer one is current.
	must(t, s.PutIssuedClaim(ctx, issuedClaim("new", 1, store.IssuedReady, at(time.Hour), at(48*time.Hour))))
	must(t, s.MoveIssuedClaim(ctx, "old", []store.IssuedClaimState{store.IssuedAdded}, store.IssuedReplaced, common.HexToHash("0x7b")))
	wantErr(t, s.MoveIssuedClaim(ctx, "old", []store.IssuedClaimState{store.IssuedAdded}, store.IssuedRevoked, common.Hash{}), store.ErrConsumed)
	wantErr(t, s.MoveIssuedClaim(ctx, "nope", []store.IssuedClaimState{store.IssuedAdded}, store.IssuedRevoked, common.Hash{}), store.ErrNotFound)
	cur, err = s.CurrentIssuedClaim(ctx, issuerA, ownerA, 1)
	must(t, err)
	equal(t, cur.ID, "new")
	must(t, s.MoveIssuedClaim(ctx, "new", []store.IssuedClaimState{store.IssuedReady, store.IssuedAdded}, store.IssuedAdded, common.Hash{}))
	got, err = s.GetIssuedClaim(ctx, "old")
	must(t, err)
	if got.State != store.IssuedReplaced || got.TxHash != common.HexToHash("0x7b") {
		t.Fatalf("replaced claim: %+v", got)
	}
	got, err = s.GetIssuedClaim(ctx, "new")
	must(t, err)
	if got.State != store.IssuedAdded || got.TxHash != (common.Hash{}) {
		t.Fatalf("added claim kept no tx hash: %+v", got)
	}

	must(t, s.PutIssuedClaim(ctx, issuedClaim("kyc-later", 3, store.IssuedAdded, at(0), at(30*24*time.Hour))))
	all, err := s.ListIssuedClaims(ctx, ownerA)
	must(t, err)
	if len(all) != 3 || all[0].ID != "new" {
		t.Fatalf("listed %d claims, newest %q", len(all), all[0].ID)
	}

	// Expiry notices: due claims that are ready or added, once each.
	due, err := s.ExpiringIssuedClaims(ctx, at(72*time.Hour), 10)
	must(t, err)
	if len(due) != 1 || due[0].ID != "new" {
		t.Fatalf("due: %+v", due)
	}
	must(t, s.MarkExpiryNotice(ctx, "new", at(2*time.Hour)))
	wantErr(t, s.MarkExpiryNotice(ctx, "new", at(3*time.Hour)), store.ErrConsumed)
	due, err = s.ExpiringIssuedClaims(ctx, at(72*time.Hour), 10)
	must(t, err)
	if len(due) != 0 {
		t.Fatalf("due after notice: %+v", due)
	}
}
