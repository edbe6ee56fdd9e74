package authz

import (
	"net/http"
	"net/url"
	"testing"

	"golang.org/x/oauth2"

	"github.com/idconnect/idconnect/store"
)

// spentCode runs one flow for c and exchanges its code, returning the
// spent code, its verifier and the tokens.
func (f *fixture) spentCode(t *testing.T, c rp) (code, verifier string, tok *oauth2.Token) {
	t.Helper()
	verifier = oauth2.GenerateVerifier()
	q := f.authorize(t, c.cfg.AuthCodeURL("state-spent-code", oauth2.S256ChallengeOption(verifier)))
	tok, err := c.cfg.Exchange(t.Context(), q.Get("code"), oauth2.VerifierOption(verifier))
	must(t, err)
	return q.Get("code"), verifier, tok
}

// tokenActive introspects tok as a confidential client of its own, since
// public clients cannot introspect.
func (f *fixture) tokenActive(t *testing.T, tok *oauth2.Token) map[string]any {
	t.Helper()
	id, secret := f.newClient(t, false)
	return f.introspect(t, id, secret, tok.AccessToken)
}

// grantStaysActive fails unless the grant behind tok is active and tok
// still introspects as active.
func (f *fixture) grantStaysActive(t *testing.T, tok *oauth2.Token) {
	t.Helper()
	got := f.tokenActive(t, tok)
	if !active(got) {
		t.Fatal("the owner's access token was revoked by someone else's replay")
	}
	g, err := f.st.GetGrant(t.Context(), got["grant_id"].(string))
	must(t, err)
	if g.State != store.GrantActive {
		t.Fatalf("grant %s after another client's replay", g.State)
	}
}

func wantInvalidGrant(t *testing.T, resp *http.Response, out map[string]any) {
	t.Helper()
	if resp.StatusCode != http.StatusBadRequest || out["error"] != "invalid_grant" {
		t.Fatalf("replay answered %d %v, want 400 invalid_grant", resp.StatusCode, out)
	}
}

// TestSpentCodeReplayedByAnotherClient is finding 10: a spent code
// replayed by a client it was not issued to must not revoke its grant.
func TestSpentCodeReplayedByAnotherClient(t *testing.T) {
	f := newFixture(t)
	owner := f.rp(t, false, "openid", "offline_access")
	code, verifier, tok := f.spentCode(t, owner)
	otherID, otherSecret := f.newClient(t, false)
	resp, out := f.postForm(t, PathToken, otherID, otherSecret, url.Values{
		"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {f.redirectURI()},
		"code_verifier": {verifier},
	})
	wantInvalidGrant(t, resp, out)
	f.grantStaysActive(t, tok)

	// The refresh token still works, and a spent one replayed by the other
	// client is refused without ending the grant either.
	next, err := owner.cfg.TokenSource(t.Context(), &oauth2.Token{RefreshToken: tok.RefreshToken}).Token()
	must(t, err)
	resp, out = f.postForm(t, PathToken, otherID, otherSecret, url.Values{
		"grant_type": {"refresh_token"}, "refresh_token": {tok.RefreshToken},
	})
	wantInvalidGrant(t, resp, out)
	f.grantStaysActive(t, next)

	// Its own client replaying it still ends the grant (RFC 6749 4.1.2).
	resp, out = f.postForm(t, PathToken, owner.cfg.ClientID, owner.cfg.ClientSecret, url.Values{
		"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {f.redirectURI()},
		"code_verifier": {verifier},
	})
	wantInvalidGrant(t, resp, out)
	if active(f.tokenActive(t, next)) {
		t.Fatal("the code's own client replaying it left the grant active")
	}
}

// TestSpentCodeReplayedWithoutVerifier: a public client's id is no
// secret, so replaying its spent code needs the PKCE verifier too before
// it ends the grant.
func TestSpentCodeReplayedWithoutVerifier(t *testing.T) {
	f := newFixture(t)
	owner := f.rp(t, true, "openid", "offline_access")
	code, verifier, tok := f.spentCode(t, owner)
	form := url.Values{
		"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {f.redirectURI()},
		"client_id": {owner.cfg.ClientID}, "code_verifier": {oauth2.GenerateVerifier()},
	}
	resp, out := f.postForm(t, PathToken, "", "", form)
	wantInvalidGrant(t, resp, out)
	f.grantStaysActive(t, tok)

	form.Set("code_verifier", verifier)
	resp, out = f.postForm(t, PathToken, "", "", form)
	wantInvalidGrant(t, resp, out)
	if active(f.tokenActive(t, tok)) {
		t.Fatal("a replay with the verifier left the grant active")
	}
}

func TestPKCEMatches(t *testing.T) {
	const verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk" // RFC 7636 appendix B
	const challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
	tests := []struct {
		verifier, challenge string
		want                bool
	}{
		{verifier, challenge, true},
		{"", challenge, false},
		{verifier + "x", challenge, false},
		{verifier, "", false},
		{verifier, verifier, false},
	}
	for _, tc := range tests {
		if got := pkceMatches(tc.verifier, tc.challenge); got != tc.want {
			t.Errorf("pkceMatches(%q, %q) = %v", tc.verifier, tc.challenge, got)
		}
	}
}
