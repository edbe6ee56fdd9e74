package main

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"github.com/idconnect/idconnect/authz"
	"github.com/idconnect/idconnect/granttoken"
	"github.com/idconnect/idconnect/store/sqlite"
)

const (
	rsA = "https://a.rs.example/api"
	rsB = "https://b.rs.example"
)

// connectFor runs the Connect flow for these resources (RFC 8707) and
// returns the tokens.
func connectFor(t *testing.T, issuer string, conf *oauth2.Config, o *owner, state string, resources ...string) *oauth2.Token {
	t.Helper()
	pkce := oauth2.GenerateVerifier()
	authURL := conf.AuthCodeURL(state, oauth2.S256ChallengeOption(pkce))
	for _, r := range resources {
		authURL += "&resource=" + url.QueryEscape(r)
	}
	req := o.authorize(authURL)
	o.login(req)
	back := o.allow(req)
	tok, err := conf.Exchange(context.Background(), back.Query().Get("code"), oauth2.VerifierOption(pkce))
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// resourceServer is a third party's verifier, with its own credentials,
// its client registered for resource.
func resourceServer(t *testing.T, issuer, dataDir, resource string) *granttoken.Verifier {
	t.Helper()
	return resourceServerAs(t, issuer, dataDir, resource, resource)
}

// resourceServerAs is a verifier that reads as resource with a client
// registered for registered.
func resourceServerAs(t *testing.T, issuer, dataDir, registered, resource string) *granttoken.Verifier {
	t.Helper()
	ctx := context.Background()
	s, err := sqlite.Open(ctx, dataPath(dataDir, "idconnect.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	id, secret, err := authz.CreateClient(ctx, s, authz.ClientSpec{Name: "Resource server",
		RedirectURIs: []string{"https://rs.example/unused"}, Resources: []string{registered}})
	if err != nil {
		t.Fatal(err)
	}
	v, err := granttoken.New(t.Context(), granttoken.Config{Issuer: issuer, Resource: resource, ClientID: id, ClientSecret: secret})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestGrantReadsImmediateOnce: an immediate grant whose token names two
// resource servers is served exactly once across both, even when they
// race; the token is refused by a third resource server and by this
// server's own /userinfo, which are not its audience.
func TestGrantReadsImmediateOnce(t *testing.T) {
	issuer, dataDir := devServer(t)
	const redirect = "https://rp.example/cb"
	id, secret := registerClient(t, dataDir, redirect, false)
	conf, _ := oidcClient(t, issuer, id, secret, redirect, oidc.ScopeOpenID, "claim:1")
	tok := connectFor(t, issuer, conf, newOwner(t, issuer), "state-rs-0001", rsA, rsB)

	third := resourceServer(t, issuer, dataDir, "https://c.rs.example")
	if _, err := third.Verify(t.Context(), tok.AccessToken); !errors.Is(err, granttoken.ErrInvalidToken) {
		t.Fatalf("a resource server outside aud: %v, want ErrInvalidToken", err)
	}
	resp := bearerGet(t, issuer+"/userinfo", tok.AccessToken)
	if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(resp.Header.Get("WWW-Authenticate"), `error="invalid_token"`) {
		t.Fatalf("/userinfo with a token for other resource servers = %d %q", resp.StatusCode, resp.Header.Get("WWW-Authenticate"))
	}

	servers := []*granttoken.Verifier{resourceServer(t, issuer, dataDir, rsA), resourceServer(t, issuer, dataDir, rsB)}
	var wg sync.WaitGroup
	var mu sync.Mutex
	served, refused := 0, 0
	for i := range 16 {
		wg.Go(func() {
			g, err := servers[i%2].Verify(context.Background(), tok.AccessToken)
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil && g.GrantKind == "immediate":
				served++
			case errors.Is(err, granttoken.ErrGrantInactive):
				refused++
			default:
				t.Errorf("read: %v %+v", err, g)
			}
		})
	}
	wg.Wait()
	if served != 1 || refused != 15 {
		t.Fatalf("served %d, refused %d; want exactly one read of an immediate grant", served, refused)
	}
}

// TestGrantReadsRegisteredResource: a confidential client may read only
// as a resource registered on it. Another client that names a resource
// server's identifier, holding a token for it, is refused and the
// immediate grant stays for the resource server it was meant for.
func TestGrantReadsRegisteredResource(t *testing.T) {
	issuer, dataDir := devServer(t)
	const redirect = "https://rp.example/cb"
	id, secret := registerClient(t, dataDir, redirect, false)
	conf, _ := oidcClient(t, issuer, id, secret, redirect, oidc.ScopeOpenID, "claim:1")
	tok := connectFor(t, issuer, conf, newOwner(t, issuer), "state-rs-0003", rsA)

	// The relying party itself, which registered no resource, and a
	// resource server registered for rsB both try to read as rsA.
	rpAsA, err := granttoken.New(t.Context(), granttoken.Config{Issuer: issuer, Resource: rsA, ClientID: id, ClientSecret: secret})
	if err != nil {
		t.Fatal(err)
	}
	for name, v := range map[string]*granttoken.Verifier{"the relying party": rpAsA, "another resource server": resourceServerAs(t, issuer, dataDir, rsB, rsA)} {
		if g, err := v.Verify(t.Context(), tok.AccessToken); err == nil || errors.Is(err, granttoken.ErrGrantInactive) {
			t.Fatalf("%s read as a resource it did not register: %v %+v", name, err, g)
		}
	}
	form := url.Values{"client_id": {id}, "client_secret": {secret}, "token": {tok.AccessToken}, "resource": {rsA}}
	resp, err := http.PostForm(issuer+"/oauth2/grant-reads", form)
	if err != nil {
		t.Fatal(err)
	}
	var answer struct{ Error string }
	_ = json.NewDecoder(resp.Body).Decode(&answer)
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest || answer.Error != "invalid_target" {
		t.Fatalf("grant read as an unregistered resource = %d %q, want 400 invalid_target", resp.StatusCode, answer.Error)
	}
	if g, err := resourceServer(t, issuer, dataDir, rsA).Verify(t.Context(), tok.AccessToken); err != nil || g.GrantKind != "immediate" {
		t.Fatalf("the registered resource server after the refusals: %v %+v; the grant must be unspent", err, g)
	}
}

// TestGrantReadsRevoked: a persistent grant is read many times by a
// resource server until its owner revokes it; the next read is refused.
func TestGrantReadsRevoked(t *testing.T) {
	issuer, dataDir := devServer(t)
	const redirect = "https://rp.example/cb"
	id, secret := registerClient(t, dataDir, redirect, false)
	conf, _ := oidcClient(t, issuer, id, secret, redirect, oidc.ScopeOpenID, "email", oidc.ScopeOfflineAccess)
	o := newOwner(t, issuer)
	tok := connectFor(t, issuer, conf, o, "state-rs-0002", rsA)
	rs := resourceServer(t, issuer, dataDir, rsA)
	var grantID string
	for range 2 {
		g, err := rs.Verify(t.Context(), tok.AccessToken)
		if err != nil || g.GrantKind != "persistent" {
			t.Fatalf("read of a persistent grant: %v %+v", err, g)
		}
		grantID = g.GrantID
	}
	req, _ := http.NewRequest(http.MethodDelete, issuer+"/access-grants/"+grantID, nil)
	resp, err := o.http.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		t.Fatalf("owner revocation = %d", resp.StatusCode)
	}
	if _, err := rs.Verify(t.Context(), tok.AccessToken); !errors.Is(err, granttoken.ErrGrantInactive) {
		t.Fatalf("read after the owner revoked: %v, want ErrGrantInactive", err)
	}
}

// TestGrantReadsClientAuth: only a confidential client with its secret may
// run a grant read.
func TestGrantReadsClientAuth(t *testing.T) {
	issuer, dataDir := devServer(t)
	id, _ := registerClient(t, dataDir, "https://rs.example/unused", false)
	pub, _ := registerClient(t, dataDir, "http://127.0.0.1:9/cb", true)
	for name, form := range map[string]url.Values{
		"wrong secret":  {"client_id": {id}, "client_secret": {"nope"}, "token": {"x"}, "resource": {rsA}},
		"public client": {"client_id": {pub}, "token": {"x"}, "resource": {rsA}},
		"nobody":        {"token": {"x"}, "resource": {rsA}},
	} {
		resp, err := http.PostForm(issuer+"/oauth2/grant-reads", form)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("%s: %d, want 401", name, resp.StatusCode)
		}
	}
}

func bearerGet(t *testing.T, u, token string) *http.Response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, u, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp
}
