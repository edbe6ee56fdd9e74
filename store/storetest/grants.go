package storetest

import (
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/store"
)

// The addresses the suite stores; walletA is every grant's signer.
var (
	identityA = common.HexToAddress("0xAaAaaAaaAaAaAaaAaAAAAAAAAaaaAaAaAaaAaaAa")
	identityB = common.HexToAddress("0xBbbBBbBbbBbBBbbbBbBBbBbbbBbbbbbBbBbbbBbB")
	identity1 = common.HexToAddress("0x1111111111111111111111111111111111111111")
	walletA   = common.HexToAddress("0x5B38Da6a701c568545dCfcB03FcB875f56beddC4")
)

func grant(id string, identity common.Address, kind store.GrantKind, state store.GrantState) store.Grant {
	return store.Grant{
		ID: id, Kind: kind, State: state, Identity: identity, ChainID: 1337,
		Wallet: walletA, ClientID: "client-1",
		Scopes: []string{"openid", "email"}, Purpose: "sign-up", CreatedAt: t0,
	}
}

func activeGrant(id string, kind store.GrantKind) store.Grant {
	g := grant(id, identityA, kind, store.GrantActive)
	g.ActivatedAt = t0
	g.ExpiresAt = at(time.Hour)
	return g
}

func testGrants(t *testing.T, s store.Store) {
	ctx := t.Context()
	g := grant("g-1", identityA, store.GrantPersistent, store.GrantRequested)
	g.Resource = "/identities/" + identityA.Hex() + "/profile"
	g.Fields = []string{"name", "email"}
	g.CallbackURL = "https://shop.example/hook"
	must(t, s.CreateGrant(ctx, g))
	wantErr(t, s.CreateGrant(ctx, g), store.ErrAlreadyExists)
	got, err := s.GetGrant(ctx, "g-1")
	must(t, err)
	equal(t, got, g)
	_, err = s.GetGrant(ctx, "nope")
	wantErr(t, err, store.ErrNotFound)

	activated, err := s.UpdateGrant(ctx, "g-1", func(g store.Grant) (store.Grant, error) {
		g.State = store.GrantActive
		g.ActivatedAt = at(time.Minute)
		g.ExpiresAt = at(time.Hour)
		g.ConsentMessage = "shop.example wants you to sign in..."
		g.ConsentSignature = "0x" + "ab"
		g.ConsentHash = "0x" + "cd"
		return g, nil
	})
	must(t, err)
	got, _ = s.GetGrant(ctx, "g-1")
	equal(t, got, activated)
	if got.State != store.GrantActive || got.ActivatedAt != at(time.Minute) {
		t.Fatalf("update not stored: %+v", got)
	}
	_, err = s.UpdateGrant(ctx, "g-1", func(g store.Grant) (store.Grant, error) {
		g.State = store.GrantDenied
		return g, errBoom
	})
	wantErr(t, err, errBoom)
	got, _ = s.GetGrant(ctx, "g-1")
	equal(t, got, activated)
	_, err = s.UpdateGrant(ctx, "nope", func(g store.Grant) (store.Grant, error) { return g, nil })
	wantErr(t, err, store.ErrNotFound)
}

func testUseGrant(t *testing.T, s store.Store) {
	ctx := t.Context()
	for _, g := range []store.Grant{
		activeGrant("persistent", store.GrantPersistent),
		activeGrant("immediate", store.GrantImmediate),
		grant("requested", identityA, store.GrantImmediate, store.GrantRequested),
		grant("denied", identityA, store.GrantImmediate, store.GrantDenied),
		grant("revoked", identityA, store.GrantPersistent, store.GrantRevoked),
		grant("expired", identityA, store.GrantPersistent, store.GrantExpired),
	} {
		must(t, s.CreateGrant(ctx, g))
	}
	use := func(id string, d time.Duration) (store.Grant, error) {
		return s.UseGrant(ctx, id, store.GrantUsage{
			At: at(d), Resource: "/identities/" + identityA.Hex() + "/profile",
			Fields: []string{"email"}, ClientID: "client-1",
		})
	}

	g, err := use("persistent", time.Minute)
	must(t, err)
	g, err = use("persistent", 2*time.Minute)
	must(t, err)
	if g.State != store.GrantActive || g.UsageCount != 2 || g.LastUsedAt != at(2*time.Minute) || !g.UsedAt.IsZero() {
		t.Fatalf("persistent grant after two uses: %+v", g)
	}
	_, err = use("persistent", time.Hour) // ExpiresAt is exclusive
	wantErr(t, err, store.ErrGrantExpired)

	g, err = use("immediate", time.Minute)
	must(t, err)
	if g.State != store.GrantUsed || g.UsedAt != at(time.Minute) || g.UsageCount != 1 {
		t.Fatalf("immediate grant after use: %+v", g)
	}
	_, err = use("immediate", time.Minute)
	wantErr(t, err, store.ErrGrantUsed)

	for id, want := range map[string]error{
		"requested": store.ErrGrantNotActivated, "denied": store.ErrGrantNotActivated,
		"revoked": store.ErrGrantRevoked, "expired": store.ErrGrantExpired, "nope": store.ErrNotFound,
	} {
		_, err = use(id, time.Minute)
		wantErr(t, err, want)
		if id != "nope" {
			// Every surface tests this one error, whatever the reason.
			wantErr(t, err, store.ErrGrantInactive)
		}
	}

	checkUsageLog(t, s)
}

// checkUsageLog checks the rows testUseGrant left: one per successful
// read, newest first, none for refused reads.
func checkUsageLog(t *testing.T, s store.Store) {
	ctx := t.Context()
	usage, next, err := s.ListGrantUsage(ctx, "persistent", "", 10)
	must(t, err)
	if next != "" || len(usage) != 2 {
		t.Fatalf("persistent grant: %d usage rows, next %q; want 2 rows", len(usage), next)
	}
	row := func(id int64, d time.Duration) store.GrantUsage {
		return store.GrantUsage{ID: id, GrantID: "persistent", At: at(d),
			Resource: "/identities/" + identityA.Hex() + "/profile", Fields: []string{"email"}, ClientID: "client-1"}
	}
	equal(t, usage, []store.GrantUsage{row(usage[0].ID, 2*time.Minute), row(usage[1].ID, time.Minute)})
	for id, want := range map[string]int{"immediate": 1, "requested": 0, "expired": 0} {
		usage, _, err := s.ListGrantUsage(ctx, id, "", 10)
		must(t, err)
		if len(usage) != want {
			t.Fatalf("grant %s has %d usage rows, want %d", id, len(usage), want)
		}
	}
}

func testRevokeGrant(t *testing.T, s store.Store) {
	ctx := t.Context()
	must(t, s.CreateGrant(ctx, activeGrant("active", store.GrantPersistent)))
	must(t, s.CreateGrant(ctx, grant("requested", identityA, store.GrantPersistent, store.GrantRequested)))
	must(t, s.CreateGrant(ctx, grant("denied", identityA, store.GrantPersistent, store.GrantDenied)))
	must(t, s.CreateGrant(ctx, activeGrant("immediate", store.GrantImmediate)))

	g, err := s.RevokeGrant(ctx, "active", at(time.Minute))
	must(t, err)
	if g.State != store.GrantRevoked || g.RevokedAt != at(time.Minute) {
		t.Fatalf("revoked grant: %+v", g)
	}
	_, err = s.UseGrant(ctx, "active", store.GrantUsage{At: at(2 * time.Minute)})
	wantErr(t, err, store.ErrGrantRevoked)
	_, err = s.RevokeGrant(ctx, "active", at(3*time.Minute))
	wantErr(t, err, store.ErrGrantRevoked)
	if g, _ := s.GetGrant(ctx, "active"); g.RevokedAt != at(time.Minute) {
		t.Fatalf("second revocation moved RevokedAt: %+v", g)
	}

	_, err = s.RevokeGrant(ctx, "requested", at(time.Minute))
	must(t, err)
	_, err = s.RevokeGrant(ctx, "denied", at(time.Minute))
	wantErr(t, err, store.ErrGrantNotActivated)
	_, err = s.UseGrant(ctx, "immediate", store.GrantUsage{At: at(time.Minute)})
	must(t, err)
	_, err = s.RevokeGrant(ctx, "immediate", at(2*time.Minute))
	wantErr(t, err, store.ErrGrantUsed)
	_, err = s.RevokeGrant(ctx, "nope", at(time.Minute))
	wantErr(t, err, store.ErrNotFound)
}

func testImmediateGrantUsedOnce(t *testing.T, s store.Store) {
	ctx := t.Context()
	must(t, s.CreateGrant(ctx, activeGrant("once", store.GrantImmediate)))
	errs := race(50, func(i int) error {
		_, err := s.UseGrant(ctx, "once", store.GrantUsage{At: at(time.Minute), Resource: "r", ClientID: "client-1"})
		return err
	})
	if ok, used := countErrs(t, errs, store.ErrGrantUsed); ok != 1 || used != 49 {
		t.Fatalf("%d reads succeeded and %d saw ErrGrantUsed, want 1 and 49", ok, used)
	}
	usage, _, err := s.ListGrantUsage(ctx, "once", "", store.MaxPageLimit)
	must(t, err)
	g, err := s.GetGrant(ctx, "once")
	must(t, err)
	if len(usage) != 1 || g.State != store.GrantUsed || g.UsageCount != 1 {
		t.Fatalf("after the race: %d usage rows, grant %+v", len(usage), g)
	}
}

func testPersistentGrantConcurrentUse(t *testing.T, s store.Store) {
	ctx := t.Context()
	must(t, s.CreateGrant(ctx, activeGrant("many", store.GrantPersistent)))
	errs := race(50, func(i int) error {
		_, err := s.UseGrant(ctx, "many", store.GrantUsage{At: at(time.Duration(i) * time.Second), ClientID: "client-1"})
		return err
	})
	if ok, _ := countErrs(t, errs, nil); ok != 50 {
		t.Fatalf("%d of 50 reads succeeded", ok)
	}
	g, err := s.GetGrant(ctx, "many")
	must(t, err)
	if g.UsageCount != 50 {
		t.Fatalf("UsageCount = %d, want 50", g.UsageCount)
	}
	// Walk the usage log in small pages: every read exactly once, newest first.
	seen := map[int64]bool{}
	var last store.GrantUsage
	for cursor, pages := "", 0; ; pages++ {
		page, next, err := s.ListGrantUsage(ctx, "many", cursor, 7)
		must(t, err)
		for _, u := range page {
			if seen[u.ID] || (last.ID != 0 && u.At.After(last.At)) {
				t.Fatalf("usage row %+v duplicated or out of order after %+v", u, last)
			}
			seen[u.ID], last = true, u
		}
		if next == "" {
			break
		}
		cursor = next
	}
	if len(seen) != 50 {
		t.Fatalf("usage log has %d rows, want 50", len(seen))
	}
	_, _, err = s.ListGrantUsage(ctx, "many", "not a cursor", 7)
	wantErr(t, err, store.ErrInvalidCursor)
}

// testUpdateGrantAtomic runs read-modify-write closures concurrently: the
// row lock must serialize them, so no increment is lost.
func testUpdateGrantAtomic(t *testing.T, s store.Store) {
	ctx := t.Context()
	must(t, s.CreateGrant(ctx, activeGrant("counter", store.GrantPersistent)))
	errs := race(20, func(int) error {
		_, err := s.UpdateGrant(ctx, "counter", func(g store.Grant) (store.Grant, error) {
			g.UsageCount++
			return g, nil
		})
		return err
	})
	countErrs(t, errs, nil)
	g, err := s.GetGrant(ctx, "counter")
	must(t, err)
	if g.UsageCount != 20 {
		t.Fatalf("UsageCount = %d after 20 concurrent increments", g.UsageCount)
	}
}
