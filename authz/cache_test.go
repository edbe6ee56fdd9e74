package authz

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/ory/fosite"
)

// TestClientCache: a client deleted through the Provider stops working on
// this node at once; one deleted behind its back (another node, or the
// `client delete` command in its own process) within ClientCacheTTL.
func TestClientCache(t *testing.T) {
	clock := &clockAt{now: time.Now()}
	f := newFixture(t, func(c *Config, _ *KeyringConfig) { c.Clock = clock.Now })
	ctx := t.Context()
	getClient := func(id string) error {
		_, err := f.p.storage.GetClient(ctx, id)
		return err
	}

	elsewhere, _ := f.newClient(t, false)
	must(t, getClient(elsewhere))
	must(t, f.st.DeleteClient(ctx, elsewhere))
	if err := getClient(elsewhere); err != nil {
		t.Fatalf("within the TTL the cached client is served: %v", err)
	}
	clock.Add(DefaultClientCacheTTL)
	if err := getClient(elsewhere); !errors.Is(err, fosite.ErrNotFound) {
		t.Fatalf("a client deleted elsewhere is served past the TTL: %v", err)
	}

	c := f.rp(t, false, "openid", "offline_access")
	tok, _ := f.login(t, c)
	rsID, rsSecret := f.newClient(t, false)
	if !active(f.introspect(t, rsID, rsSecret, tok.AccessToken)) {
		t.Fatal("fresh token inactive")
	}
	must(t, DeleteClient(ctx, f.p, c.cfg.ClientID))
	if err := getClient(c.cfg.ClientID); !errors.Is(err, fosite.ErrNotFound) {
		t.Fatalf("a client deleted through the Provider is still served: %v", err)
	}
	if active(f.introspect(t, rsID, rsSecret, tok.AccessToken)) {
		t.Error("a deleted client's access token is still active")
	}
	resp, _ := f.postForm(t, PathToken, c.cfg.ClientID, c.cfg.ClientSecret,
		url.Values{"grant_type": {"refresh_token"}, "refresh_token": {tok.RefreshToken}})
	if resp.StatusCode == http.StatusOK {
		t.Error("a deleted client refreshed its token")
	}
	if err := DeleteClient(ctx, f.p, c.cfg.ClientID); err == nil {
		t.Error("deleting a deleted client succeeded")
	}
}

// TestClientCacheDisabled: a negative TTL reads the store every time.
func TestClientCacheDisabled(t *testing.T) {
	f := newFixture(t, func(c *Config, _ *KeyringConfig) { c.ClientCacheTTL = -1 })
	id, _ := f.newClient(t, false)
	_, err := f.p.storage.GetClient(t.Context(), id)
	must(t, err)
	must(t, f.st.DeleteClient(t.Context(), id))
	if _, err := f.p.storage.GetClient(t.Context(), id); !errors.Is(err, fosite.ErrNotFound) {
		t.Fatalf("GetClient with the cache off = %v", err)
	}
}

// TestVerifiedTokenCache: a remembered token is still refused once revoked,
// once expired, and once its signing key is no longer published; callers
// cannot change what is remembered.
func TestVerifiedTokenCache(t *testing.T) {
	clock, keyClock := &clockAt{now: time.Now()}, &clockAt{now: time.Now()}
	f := newFixture(t, func(c *Config, k *KeyringConfig) { c.Clock, k.Clock = clock.Now, keyClock.Now })
	ctx := t.Context()
	c := f.rp(t, false, "openid", "offline_access")
	first, _ := f.login(t, c)
	second, _ := f.login(t, c)

	g, err := f.p.VerifyAccessToken(ctx, first.AccessToken)
	must(t, err)
	g.Scopes[0], g.GrantID = "mutated", "mutated"
	again, err := f.p.VerifyAccessToken(ctx, first.AccessToken)
	must(t, err)
	if again.GrantID == "mutated" || again.Scopes[0] == "mutated" {
		t.Fatal("a caller changed the remembered claims")
	}

	resp, _ := f.postForm(t, PathRevoke, c.cfg.ClientID, c.cfg.ClientSecret, url.Values{"token": {first.AccessToken}})
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("revoke: %d", resp.StatusCode)
	}
	if _, err := f.p.VerifyAccessToken(ctx, first.AccessToken); !errors.Is(err, ErrInvalidToken) {
		t.Fatalf("remembered token after revocation: %v", err)
	}

	_, err = f.p.VerifyAccessToken(ctx, second.AccessToken)
	must(t, err)
	old := f.keys.Current()
	_, err = f.keys.Rotate(ctx)
	must(t, err)
	keyClock.Add(time.Hour + time.Minute + time.Second) // the old key leaves the JWKS
	if f.keys.isPublished(old.KID) {
		t.Fatal("the retired key is still published")
	}
	if _, err := f.p.VerifyAccessToken(ctx, second.AccessToken); !errors.Is(err, ErrInvalidToken) {
		t.Fatalf("remembered token after its key left the JWKS: %v", err)
	}

	third, _ := f.login(t, c)
	g, err = f.p.VerifyAccessToken(ctx, third.AccessToken)
	must(t, err)
	clock.Add(g.ExpiresAt.Add(clockLeeway).Sub(clock.Now()))
	_, err = f.p.VerifyAccessToken(ctx, third.AccessToken)
	must(t, err) // the last second parseAccessToken accepts
	clock.Add(time.Second)
	if _, err := f.p.VerifyAccessToken(ctx, third.AccessToken); !errors.Is(err, ErrInvalidToken) {
		t.Fatalf("remembered token after expiry: %v", err)
	}
}

// TestVerifiedTokensBounded: the cache never holds more than its bound.
func TestVerifiedTokensBounded(t *testing.T) {
	v := newVerifiedTokens(cloneClaims)
	now := time.Now()
	live := &GrantClaims{GrantID: "g", Scopes: []string{"openid"}, ExpiresAt: now.Add(time.Hour)}
	for i := range maxVerifiedTokens + 10 {
		v.put(sha256.Sum256(fmt.Append(nil, i)), live, "kid", live.ExpiresAt, now)
	}
	if n := len(v.entries); n > maxVerifiedTokens {
		t.Fatalf("%d tokens remembered, bound %d", n, maxVerifiedTokens)
	}
	sum := sha256.Sum256([]byte("last"))
	v.put(sum, live, "kid", live.ExpiresAt, now)
	if _, ok := v.get(sum, now, func(string) bool { return false }); ok {
		t.Error("a token whose key is unpublished was served")
	}
	if c, ok := v.get(sum, now, func(string) bool { return true }); !ok || c.GrantID != "g" {
		t.Errorf("get = %+v, %v", c, ok)
	}
}
