package storetest

import (
	"testing"
	"time"

	"github.com/idconnect/idconnect/store"
)

// purgeCutoff is the "before" of testPurgeExpired: rows expiring earlier
// go, rows expiring at it or later stay.
var purgeCutoff = at(30 * time.Minute)

// testPurgeExpired: PurgeExpired deletes expired rows of every kind, keeps
// live ones, rows expiring exactly at the cutoff and tokens without an
// expiry, and keeps a spent marker as long as its token would have lived.
func testPurgeExpired(t *testing.T, s store.Store) {
	ctx := t.Context()
	gone, kept := seedPurge(t, s)

	got, err := s.PurgeExpired(ctx, purgeCutoff)
	must(t, err)
	equal(t, got, store.PurgeCounts{Challenges: 1, LoginSessions: 1, AuthRequests: 1, OAuthTokens: 4})
	if got.Total() != 7 {
		t.Fatalf("Total() = %d, want 7", got.Total())
	}
	for _, c := range gone {
		wantErr(t, c(), store.ErrNotFound)
	}
	for _, c := range kept {
		must(t, c())
	}

	// Nothing is left to purge at the same cutoff.
	got, err = s.PurgeExpired(ctx, purgeCutoff)
	must(t, err)
	equal(t, got, store.PurgeCounts{})
}

// seedPurge stores one expired and some live rows of each kind, and
// returns lookups of each: gone must fail with ErrNotFound after the
// purge, kept must succeed.
func seedPurge(t *testing.T, s store.Store) (gone, kept []func() error) {
	ctx := t.Context()
	expired, live := at(10*time.Minute), at(time.Hour)

	must(t, s.CreateChallenge(ctx, challenge("n-old", expired)))
	must(t, s.CreateChallenge(ctx, challenge("n-new", live)))
	challengeAt := func(nonce string) func() error {
		return func() error { _, err := s.ConsumeChallenge(ctx, nonce, t0); return err }
	}

	for id, exp := range map[string]time.Time{"ls-old": expired, "ls-new": live, "ls-edge": purgeCutoff} {
		must(t, s.CreateLoginSession(ctx, store.LoginSession{
			ID: id, Identity: identity1,
			Wallet: walletA, ChainID: 1337, AuthTime: t0, ExpiresAt: exp,
		}))
	}
	// A revoked session that has not expired is kept: expiry alone decides.
	must(t, s.RevokeLoginSession(ctx, "ls-new", at(time.Minute)))
	session := func(id string) func() error {
		return func() error { _, err := s.GetLoginSession(ctx, id); return err }
	}

	for id, exp := range map[string]time.Time{"ar-old": expired, "ar-new": live} {
		must(t, s.CreateAuthRequest(ctx, store.AuthRequest{
			ID: id, ClientID: "client-1", RedirectURI: "https://shop.example/cb",
			Scopes: []string{"openid"}, CreatedAt: t0, ExpiresAt: exp,
		}))
	}
	request := func(id string) func() error {
		return func() error { _, err := s.GetAuthRequest(ctx, id); return err }
	}

	gone = append(gone, challengeAt("n-old"), session("ls-old"), request("ar-old"))
	kept = append(kept, challengeAt("n-new"), session("ls-new"), session("ls-edge"), request("ar-new"))
	g, k := seedPurgeTokens(t, s, expired, live)
	return append(gone, g...), append(kept, k...)
}

// seedPurgeTokens stores the OAuth token rows of seedPurge.
func seedPurgeTokens(t *testing.T, s store.Store, expired, live time.Time) (gone, kept []func() error) {
	ctx := t.Context()
	type row struct {
		kind      store.TokenKind
		sig       string
		expiresAt time.Time
		spend     bool // renamed to sig+".spent", as authz does on use
		revoked   bool // stored inactive, as authz stores revoked access tokens
		purged    bool
	}
	rows := []row{
		{kind: store.TokenCode, sig: "code-old", expiresAt: expired, purged: true},
		{kind: store.TokenCode, sig: "code-old-used", expiresAt: expired, spend: true, purged: true},
		{kind: store.TokenCode, sig: "code-new-used", expiresAt: live, spend: true},
		{kind: store.TokenRefresh, sig: "refresh-old-used", expiresAt: expired, spend: true, purged: true},
		{kind: store.TokenRefresh, sig: "refresh-new", expiresAt: live},
		{kind: store.TokenRefresh, sig: "refresh-forever", expiresAt: time.Time{}},
		{kind: store.TokenRefresh, sig: "refresh-forever-used", expiresAt: time.Time{}, spend: true},
		{kind: store.TokenAccess, sig: "access-old-revoked", expiresAt: expired, revoked: true, purged: true},
		{kind: store.TokenAccess, sig: "access-new-revoked", expiresAt: live, revoked: true},
	}
	for _, r := range rows {
		tok := token(r.kind, r.sig, "req-"+r.sig)
		tok.ExpiresAt, tok.Active = r.expiresAt, !r.revoked
		must(t, s.CreateOAuthToken(ctx, tok))
		key := r.sig
		if r.spend {
			key = r.sig + ".spent"
			must(t, s.SpendOAuthToken(ctx, r.kind, r.sig, key))
		}
		lookup := func() error { _, err := s.GetOAuthToken(ctx, r.kind, key); return err }
		if r.purged {
			gone = append(gone, lookup)
		} else {
			kept = append(kept, lookup)
		}
	}
	return gone, kept
}

// testPurgeUnanswered: an access request never answered goes with its
// requested grant AccessRequestRetention after it expired; answered ones,
// recent ones and the grants of answered ones stay.
func testPurgeUnanswered(t *testing.T, s store.Store) {
	ctx := t.Context()
	expiry := at(time.Hour)
	mk := func(id string) {
		g := grant(id, identityA, store.GrantPersistent, store.GrantRequested)
		g.ExpiresAt = expiry
		must(t, s.CreateGrant(ctx, g))
		must(t, s.CreateAccessRequest(ctx, store.AccessRequest{
			ID: id, GrantID: id, ClientID: g.ClientID, Identity: identityA, Resource: "/identities/x/profile",
			Fields: []string{"email"}, Kind: store.GrantPersistent, Purpose: "p", ChallengeMessage: "m",
			ChallengeNonce: "n-" + id, CreatedAt: t0, ExpiresAt: expiry,
		}))
	}
	mk("unanswered")
	mk("answered")
	_, err := s.DecideAccessRequest(ctx, "answered", at(time.Minute))
	must(t, err)

	// Within the retention nothing goes.
	got, err := s.PurgeExpired(ctx, expiry.Add(store.AccessRequestRetention-time.Minute))
	must(t, err)
	equal(t, got.AccessRequests, 0)

	got, err = s.PurgeExpired(ctx, expiry.Add(store.AccessRequestRetention+time.Minute))
	must(t, err)
	equal(t, got.AccessRequests, 1)
	_, err = s.GetAccessRequest(ctx, "unanswered")
	wantErr(t, err, store.ErrNotFound)
	_, err = s.GetGrant(ctx, "unanswered")
	wantErr(t, err, store.ErrNotFound)
	_, err = s.GetAccessRequest(ctx, "answered")
	must(t, err)
	_, err = s.GetGrant(ctx, "answered")
	must(t, err)
}
