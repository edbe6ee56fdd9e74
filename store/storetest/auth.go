package storetest

import (
	"fmt"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/store"
)

func testClients(t *testing.T, s store.Store) {
	ctx := t.Context()
	c1 := store.Client{
		ID: "client-1", SecretHash: []byte{1, 2, 3}, Name: "Shop", LogoURI: "https://shop.example/logo.png",
		RedirectURIs: []string{"https://shop.example/cb", "https://shop.example/cb2"},
		GrantTypes:   []string{"authorization_code", "refresh_token"}, ResponseTypes: []string{"code"},
		Scopes: []string{"openid", "profile", "claim:1"}, Wallets: []common.Address{walletA},
		IDTokenAlg: store.AlgRS256, PostLogoutRedirectURIs: []string{"https://shop.example/bye"},
		Resources: []string{"https://api.shop.example/"}, CreatedAt: t0,
	}
	c2 := store.Client{ID: "client-2", Public: true, Name: "SPA", CreatedAt: at(time.Second)}
	must(t, s.CreateClient(ctx, c1))
	must(t, s.CreateClient(ctx, c2))
	wantErr(t, s.CreateClient(ctx, c1), store.ErrAlreadyExists)

	got, err := s.GetClient(ctx, "client-1")
	must(t, err)
	equal(t, got, c1)
	_, err = s.GetClient(ctx, "nope")
	wantErr(t, err, store.ErrNotFound)
	all, err := s.ListClients(ctx)
	must(t, err)
	equal(t, all, []store.Client{c1, c2})

	updated, err := s.UpdateClient(ctx, "client-1", func(c store.Client) (store.Client, error) {
		c.Name = "Shop 2"
		c.RedirectURIs = append(c.RedirectURIs, "https://shop.example/cb3")
		c.SecretHash = nil
		c.IDTokenAlg = store.AlgEdDSA
		c.PostLogoutRedirectURIs = append(c.PostLogoutRedirectURIs, "https://shop.example/bye2")
		c.Resources = append(c.Resources, "https://reports.shop.example/")
		return c, nil
	})
	must(t, err)
	got, err = s.GetClient(ctx, "client-1")
	must(t, err)
	equal(t, got, updated)
	if got.Name != "Shop 2" || len(got.RedirectURIs) != 3 || got.SecretHash != nil ||
		got.IDTokenAlg != store.AlgEdDSA || len(got.PostLogoutRedirectURIs) != 2 || len(got.Resources) != 2 {
		t.Fatalf("update not stored: %+v", got)
	}

	_, err = s.UpdateClient(ctx, "client-1", func(c store.Client) (store.Client, error) {
		c.Name = "ignored"
		return c, errBoom
	})
	wantErr(t, err, errBoom)
	_, err = s.UpdateClient(ctx, "client-1", func(c store.Client) (store.Client, error) {
		c.ID = "client-3"
		return c, nil
	})
	if err == nil {
		t.Fatal("UpdateClient changed the ID")
	}
	got, _ = s.GetClient(ctx, "client-1")
	equal(t, got, updated)
	_, err = s.UpdateClient(ctx, "nope", func(c store.Client) (store.Client, error) { return c, nil })
	wantErr(t, err, store.ErrNotFound)

	must(t, s.DeleteClient(ctx, "client-1"))
	_, err = s.GetClient(ctx, "client-1")
	wantErr(t, err, store.ErrNotFound)
	wantErr(t, s.DeleteClient(ctx, "client-1"), store.ErrNotFound)
}

func challenge(nonce string, expires time.Time) store.Challenge {
	return store.Challenge{
		Nonce: nonce, Purpose: store.PurposeLogin, RequestID: "req-" + nonce,
		Address: walletA, IssuedAt: t0, ExpiresAt: expires,
	}
}

func testChallenges(t *testing.T, s store.Store) {
	ctx := t.Context()
	live := challenge("n-live", at(5*time.Minute))
	must(t, s.CreateChallenge(ctx, live))
	must(t, s.CreateChallenge(ctx, challenge("n-expired", at(time.Minute))))
	must(t, s.CreateChallenge(ctx, challenge("n-later", at(time.Hour))))
	wantErr(t, s.CreateChallenge(ctx, live), store.ErrAlreadyExists)

	got, err := s.ConsumeChallenge(ctx, "n-live", at(time.Minute))
	must(t, err)
	live.ConsumedAt = at(time.Minute)
	equal(t, got, live)
	_, err = s.ConsumeChallenge(ctx, "n-live", at(2*time.Minute))
	wantErr(t, err, store.ErrConsumed)
	_, err = s.ConsumeChallenge(ctx, "n-unknown", t0)
	wantErr(t, err, store.ErrNotFound)
	// Expiry is exclusive: at ExpiresAt the nonce is already dead.
	_, err = s.ConsumeChallenge(ctx, "n-expired", at(time.Minute))
	wantErr(t, err, store.ErrExpired)
	_, err = s.ConsumeChallenge(ctx, "n-expired", at(time.Minute-time.Microsecond))
	must(t, err)

	n, err := s.DeleteExpiredChallenges(ctx, at(10*time.Minute))
	must(t, err)
	if n != 2 {
		t.Fatalf("DeleteExpiredChallenges removed %d, want 2", n)
	}
	_, err = s.ConsumeChallenge(ctx, "n-live", at(time.Minute))
	wantErr(t, err, store.ErrNotFound)
	_, err = s.ConsumeChallenge(ctx, "n-later", at(time.Minute))
	must(t, err)
}

func testChallengeConsumedOnce(t *testing.T, s store.Store) {
	ctx := t.Context()
	must(t, s.CreateChallenge(ctx, challenge("n-race", at(time.Minute))))
	errs := race(50, func(int) error {
		_, err := s.ConsumeChallenge(ctx, "n-race", t0)
		return err
	})
	if ok, consumed := countErrs(t, errs, store.ErrConsumed); ok != 1 || consumed != 49 {
		t.Fatalf("%d consumers succeeded and %d saw ErrConsumed, want 1 and 49", ok, consumed)
	}
}

func testLoginSessions(t *testing.T, s store.Store) {
	ctx := t.Context()
	ls := store.LoginSession{
		ID: "ls-1", Identity: identity1,
		Wallet: walletA, ChainID: 1337,
		AuthTime: t0, ExpiresAt: at(24 * time.Hour),
	}
	must(t, s.CreateLoginSession(ctx, ls))
	wantErr(t, s.CreateLoginSession(ctx, ls), store.ErrAlreadyExists)
	got, err := s.GetLoginSession(ctx, "ls-1")
	must(t, err)
	equal(t, got, ls)

	must(t, s.RevokeLoginSession(ctx, "ls-1", at(time.Hour)))
	must(t, s.RevokeLoginSession(ctx, "ls-1", at(2*time.Hour)))
	got, _ = s.GetLoginSession(ctx, "ls-1")
	ls.RevokedAt = at(time.Hour)
	equal(t, got, ls)
	wantErr(t, s.RevokeLoginSession(ctx, "nope", t0), store.ErrNotFound)

	must(t, s.DeleteLoginSession(ctx, "ls-1"))
	_, err = s.GetLoginSession(ctx, "ls-1")
	wantErr(t, err, store.ErrNotFound)
	wantErr(t, s.DeleteLoginSession(ctx, "ls-1"), store.ErrNotFound)
}

func testAuthRequests(t *testing.T, s store.Store) {
	ctx := t.Context()
	ar := store.AuthRequest{
		ID: "ar-1", ClientID: "client-1", RedirectURI: "https://shop.example/cb",
		Scopes: []string{"openid", "email"}, State: "st", Nonce: "no",
		CodeChallenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", CodeChallengeMethod: "S256",
		Form: []byte("response_type=code&client_id=client-1"), CreatedAt: t0, ExpiresAt: at(10 * time.Minute),
	}
	must(t, s.CreateAuthRequest(ctx, ar))
	wantErr(t, s.CreateAuthRequest(ctx, ar), store.ErrAlreadyExists)
	got, err := s.GetAuthRequest(ctx, "ar-1")
	must(t, err)
	equal(t, got, ar)

	updated, err := s.UpdateAuthRequest(ctx, "ar-1", func(a store.AuthRequest) (store.AuthRequest, error) {
		a.Identity = identity1
		a.Wallet = walletA
		a.LoginSessionID = "ls-1"
		return a, nil
	})
	must(t, err)
	got, _ = s.GetAuthRequest(ctx, "ar-1")
	equal(t, got, updated)
	if got.LoginSessionID != "ls-1" {
		t.Fatalf("update not stored: %+v", got)
	}
	_, err = s.UpdateAuthRequest(ctx, "nope", func(a store.AuthRequest) (store.AuthRequest, error) { return a, nil })
	wantErr(t, err, store.ErrNotFound)

	must(t, s.DeleteAuthRequest(ctx, "ar-1"))
	_, err = s.GetAuthRequest(ctx, "ar-1")
	wantErr(t, err, store.ErrNotFound)
	wantErr(t, s.DeleteAuthRequest(ctx, "ar-1"), store.ErrNotFound)
}

func token(kind store.TokenKind, sig, request string) store.OAuthToken {
	return store.OAuthToken{
		Kind: kind, Signature: sig, RequestID: request, ClientID: "client-1", GrantID: "grant-" + request,
		Subject: "eip155:1337:0x1111111111111111111111111111111111111111", Active: true,
		Data: []byte(fmt.Sprintf(`{"kind":%q}`, kind)), RequestedAt: t0, ExpiresAt: at(time.Hour),
	}
}

func testOAuthTokens(t *testing.T, s store.Store) {
	ctx := t.Context()
	code := token(store.TokenCode, "sig-a", "r1")
	access := token(store.TokenAccess, "sig-b", "r1")
	refresh := token(store.TokenRefresh, "sig-c", "r1")
	other := token(store.TokenRefresh, "sig-d", "r2")
	// The key is (kind, signature): the same signature may exist per kind.
	pkce := token(store.TokenPKCE, "sig-a", "r1")
	pkce.ExpiresAt = time.Time{}
	for _, tok := range []store.OAuthToken{code, access, refresh, other, pkce} {
		must(t, s.CreateOAuthToken(ctx, tok))
	}
	wantErr(t, s.CreateOAuthToken(ctx, code), store.ErrAlreadyExists)
	got, err := s.GetOAuthToken(ctx, store.TokenPKCE, "sig-a")
	must(t, err)
	equal(t, got, pkce)
	_, err = s.GetOAuthToken(ctx, store.TokenOIDC, "sig-a")
	wantErr(t, err, store.ErrNotFound)

	must(t, s.DeactivateOAuthToken(ctx, store.TokenCode, "sig-a"))
	got, _ = s.GetOAuthToken(ctx, store.TokenCode, "sig-a")
	code.Active = false
	equal(t, got, code)
	wantErr(t, s.DeactivateOAuthToken(ctx, store.TokenCode, "nope"), store.ErrNotFound)

	must(t, s.RevokeOAuthTokensByRequestID(ctx, store.TokenRefresh, "r1"))
	must(t, s.RevokeOAuthTokensByRequestID(ctx, store.TokenRefresh, "unknown"))
	if got, _ := s.GetOAuthToken(ctx, store.TokenRefresh, "sig-c"); got.Active {
		t.Fatal("refresh token of r1 still active after revocation")
	}
	if got, _ := s.GetOAuthToken(ctx, store.TokenRefresh, "sig-d"); !got.Active {
		t.Fatal("revoking r1 deactivated r2's refresh token")
	}

	must(t, s.DeleteOAuthTokensByRequestID(ctx, store.TokenAccess, "r1"))
	_, err = s.GetOAuthToken(ctx, store.TokenAccess, "sig-b")
	wantErr(t, err, store.ErrNotFound)
	if _, err := s.GetOAuthToken(ctx, store.TokenCode, "sig-a"); err != nil {
		t.Fatalf("deleting access tokens removed the code: %v", err)
	}
	must(t, s.DeleteOAuthToken(ctx, store.TokenCode, "sig-a"))
	wantErr(t, s.DeleteOAuthToken(ctx, store.TokenCode, "sig-a"), store.ErrNotFound)
}
