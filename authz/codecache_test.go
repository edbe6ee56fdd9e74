package authz

import (
	"errors"
	"net/http"
	"net/url"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/idconnect/idconnect/store"
)

// TestCodeFromAnotherNode exchanges codes this node did not keep, as when
// another node issued them: they are read from the store, and reuse is
// still refused and revokes the grant.
func TestCodeFromAnotherNode(t *testing.T) {
	f := newFixture(t)
	c := f.rp(t, false, "openid", "offline_access")
	verifier := oauth2.GenerateVerifier()
	q := f.authorize(t, c.cfg.AuthCodeURL("state-node-1", oauth2.S256ChallengeOption(verifier)))
	sig := f.p.storage.codeSignature(t.Context(), q.Get("code"))
	if _, ok := f.p.storage.codes.get(sig, time.Now()); !ok {
		t.Fatal("the issuing node did not keep its code")
	}
	f.p.storage.codes.drop(sig)
	tok, err := c.cfg.Exchange(t.Context(), q.Get("code"), oauth2.VerifierOption(verifier))
	must(t, err)
	if tok.RefreshToken == "" {
		t.Fatal("no refresh token")
	}
	_, err = c.cfg.Exchange(t.Context(), q.Get("code"), oauth2.VerifierOption(verifier))
	var re *oauth2.RetrieveError
	if !errors.As(err, &re) || re.ErrorCode != "invalid_grant" {
		t.Fatalf("second exchange: %v", err)
	}
	claims := f.introspect(t, c.cfg.ClientID, c.cfg.ClientSecret, tok.AccessToken)
	if active(claims) {
		t.Error("code reuse left the access token active")
	}
}

// TestIssuedCodesCopies: what get returns is the caller's to change, and
// expired or dropped codes are not returned.
func TestIssuedCodesCopies(t *testing.T) {
	now := time.Now()
	codes := newIssuedCodes()
	sess := newSession()
	sess.Grant.ID = "g1"
	req := storedRequest{ID: "g1", Scopes: []string{"openid"}, GrantedScopes: []string{"openid"},
		Form: url.Values{"nonce": {"n-1"}}, Session: sess}
	codes.put(store.OAuthToken{Signature: "s1", Active: true, ExpiresAt: now.Add(time.Minute)}, *req.clone(), now)
	codes.put(store.OAuthToken{Signature: "old", Active: true, ExpiresAt: now.Add(-time.Second)}, *req.clone(), now)
	codes.put(store.OAuthToken{Signature: "spent", Active: false, ExpiresAt: now.Add(time.Minute)}, *req.clone(), now)

	row, ok := codes.get("s1", now)
	if !ok || row.req.ID != "g1" || row.req.Session.Grant.ID != "g1" {
		t.Fatalf("get = %+v, %v", row, ok)
	}
	row.req.Scopes[0] = "changed"
	row.req.Form["nonce"][0] = "changed"
	row.req.Session.Grant.ID = "changed"
	again, _ := codes.get("s1", now)
	if again.req.Scopes[0] != "openid" || again.req.Form.Get("nonce") != "n-1" || again.req.Session.Grant.ID != "g1" {
		t.Fatalf("a caller's change reached the cache: %+v", again.req)
	}
	for _, sig := range []string{"old", "spent", "missing"} {
		if _, ok := codes.get(sig, now); ok {
			t.Errorf("get(%s) returned a code", sig)
		}
	}
	codes.drop("s1")
	if _, ok := codes.get("s1", now); ok {
		t.Error("a dropped code is still kept")
	}
}

// TestCodeReplayAtIssuingNode: another node exchanged the code first, and
// this node's cache still holds it as live. The replay here fails and, as
// any reuse of a code, revokes the grant.
func TestCodeReplayAtIssuingNode(t *testing.T) {
	f := newFixture(t)
	c := f.rp(t, false, "openid", "offline_access")
	verifier := oauth2.GenerateVerifier()
	q := f.authorize(t, c.cfg.AuthCodeURL("state-node-2", oauth2.S256ChallengeOption(verifier)))
	sig := f.p.storage.codeSignature(t.Context(), q.Get("code"))
	row, ok := f.p.storage.codes.get(sig, time.Now())
	if !ok {
		t.Fatal("the issuing node did not keep its code")
	}
	// The other node's exchange: the code's row is spent in the shared store.
	must(t, f.st.SpendOAuthToken(t.Context(), store.TokenCode, sig, spentSignature(sig)))
	// One request, as a client that does not retry: x/oauth2 retries a
	// failed exchange with other client authentication, and the retry
	// would read the spent code from the store.
	resp, out := f.postForm(t, PathToken, c.cfg.ClientID, c.cfg.ClientSecret, url.Values{
		"grant_type": {"authorization_code"}, "code": {q.Get("code")},
		"redirect_uri": {c.cfg.RedirectURL}, "code_verifier": {verifier}})
	if resp.StatusCode == http.StatusOK {
		t.Fatalf("a code spent on another node was exchanged again: %v", out)
	}
	g, err := f.st.GetGrant(t.Context(), row.req.ID)
	must(t, err)
	if g.State != store.GrantRevoked {
		t.Fatalf("grant is %s after the code's reuse", g.State)
	}
}
