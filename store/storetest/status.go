package storetest

import (
	"testing"
	"time"

	"github.com/idconnect/idconnect/store"
)

// testGrantStatus: the status read agrees with the full grant, follows its
// state changes, and knows no grant that does not exist.
func testGrantStatus(t *testing.T, s store.Store) {
	ctx := t.Context()
	g := activeGrant("st-1", store.GrantImmediate)
	forever := activeGrant("st-2", store.GrantPersistent)
	forever.ExpiresAt = time.Time{}
	must(t, s.CreateGrant(ctx, g))
	must(t, s.CreateGrant(ctx, forever))
	for _, want := range []store.Grant{g, forever} {
		got, err := s.GetGrantStatus(ctx, want.ID, store.StatusQuery{})
		must(t, err)
		equal(t, got, store.GrantStatus{ID: want.ID, Kind: want.Kind, State: want.State,
			Identity: want.Identity, ClientID: want.ClientID, ExpiresAt: want.ExpiresAt})
	}
	_, err := s.RevokeGrant(ctx, "st-2", at(time.Minute))
	must(t, err)
	got, err := s.GetGrantStatus(ctx, "st-2", store.StatusQuery{})
	must(t, err)
	if got.State != store.GrantRevoked {
		t.Fatalf("status after revocation: %+v", got)
	}
	_, err = s.GetGrantStatus(ctx, "nope", store.StatusQuery{})
	wantErr(t, err, store.ErrNotFound)

	// The same read tells whether one access token was revoked: only a
	// stored access-token row under that exact hash counts.
	denied := token(store.TokenAccess, "hash-1", "st-1")
	denied.Active = false
	must(t, s.CreateOAuthToken(ctx, denied))
	must(t, s.CreateOAuthToken(ctx, token(store.TokenRefresh, "hash-2", "st-1")))
	for hash, want := range map[string]bool{"hash-1": true, "hash-2": false, "hash-3": false, "": false} {
		got, err := s.GetGrantStatus(ctx, "st-1", store.StatusQuery{AccessTokenHash: hash})
		must(t, err)
		if got.TokenRevoked != want || got.State != store.GrantActive || got.Profile != nil {
			t.Errorf("GetGrantStatus(st-1, %q) = %+v, want TokenRevoked %v", hash, got, want)
		}
	}

	// ...and returns the identity's sealed profile when asked, and only then.
	got, err = s.GetGrantStatus(ctx, "st-1", store.StatusQuery{Profile: true})
	must(t, err)
	if got.Profile != nil || got.ID != "st-1" {
		t.Fatalf("status with no stored profile: %+v", got)
	}
	prof := store.Profile{Identity: g.Identity, WrappedKey: []byte("wk"), Ciphertext: []byte("ct"), UpdatedAt: t0}
	must(t, s.PutProfile(ctx, prof))
	must(t, s.PutProfile(ctx, store.Profile{Identity: identityB, WrappedKey: []byte("x"), Ciphertext: []byte("y"), UpdatedAt: t0}))
	got, err = s.GetGrantStatus(ctx, "st-1", store.StatusQuery{Profile: true, AccessTokenHash: "hash-1"})
	must(t, err)
	if got.Profile == nil || !got.TokenRevoked {
		t.Fatalf("status with profile: %+v", got)
	}
	equal(t, *got.Profile, prof)
	got, err = s.GetGrantStatus(ctx, "st-1", store.StatusQuery{})
	must(t, err)
	if got.Profile != nil {
		t.Fatalf("a profile came back unasked: %+v", got.Profile)
	}
}

// testHasOAuthToken: presence under the exact key, active or not.
func testHasOAuthToken(t *testing.T, s store.Store) {
	ctx := t.Context()
	revoked := token(store.TokenAccess, "hash-1", "r1")
	revoked.Active = false
	must(t, s.CreateOAuthToken(ctx, revoked))
	for _, c := range []struct {
		kind store.TokenKind
		sig  string
		want bool
	}{
		{store.TokenAccess, "hash-1", true},
		{store.TokenAccess, "hash-2", false},
		{store.TokenRefresh, "hash-1", false},
	} {
		got, err := s.HasOAuthToken(ctx, c.kind, c.sig)
		must(t, err)
		if got != c.want {
			t.Errorf("HasOAuthToken(%s, %s) = %v", c.kind, c.sig, got)
		}
	}
}
