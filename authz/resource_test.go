package authz

import (
	"net/http"
	"net/url"

	"errors"
	"slices"
	"strings"
	"testing"

	"golang.org/x/oauth2"
)

func TestParseResources(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   []string
		want []string
		bad  bool
	}{
		{name: "none", in: nil, want: nil},
		{name: "one https", in: []string{"https://api.example.com"}, want: []string{"https://api.example.com"}},
		{name: "path and query", in: []string{"https://api.example.com/v1?x=1"}, want: []string{"https://api.example.com/v1?x=1"}},
		{name: "urn", in: []string{"urn:example:api"}, want: []string{"urn:example:api"}},
		{name: "duplicates collapse", in: []string{"https://a.example", "https://b.example", "https://a.example"}, want: []string{"https://a.example", "https://b.example"}},
		{name: "relative", in: []string{"/api"}, bad: true},
		{name: "no scheme", in: []string{"api.example.com"}, bad: true},
		{name: "fragment", in: []string{"https://api.example.com/#x"}, bad: true},
		{name: "empty fragment", in: []string{"https://api.example.com#"}, bad: true},
		{name: "empty", in: []string{""}, bad: true},
		{name: "space", in: []string{"https://api.example.com/a b"}, bad: true},
		{name: "control", in: []string{"https://api.example.com/\x00"}, bad: true},
		{name: "non-ascii", in: []string{"https://api.exämple.com"}, bad: true},
		{name: "scheme without host", in: []string{"https:///path"}, bad: true},
		{name: "too long", in: []string{"https://a.example/" + strings.Repeat("a", maxResourceLen)}, bad: true},
		{name: "too many", in: slices.Repeat([]string{"https://a.example"}, maxResources+1), bad: true},
		{name: "one bad among good", in: []string{"https://a.example", "b"}, bad: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseResources(tc.in)
			if tc.bad {
				if !errors.Is(err, ErrBadResource) {
					t.Fatalf("ParseResources(%q) = %q, %v; want ErrBadResource", tc.in, got, err)
				}
				return
			}
			if err != nil || !slices.Equal(got, tc.want) {
				t.Fatalf("ParseResources(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
			}
		})
	}
}

func FuzzParseResources(f *testing.F) {
	for _, s := range []string{"https://api.example.com", "urn:x:y", "https://a.example/#f", "/rel", "", "https://a b"} {
		f.Add(s, "https://b.example")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		got, err := ParseResources([]string{a, b})
		if err != nil {
			if !errors.Is(err, ErrBadResource) || got != nil {
				t.Fatalf("error %v with %q", err, got)
			}
			return
		}
		for _, r := range got {
			if strings.ContainsAny(r, "# \t\r\n") || len(r) > maxResourceLen || checkResource(r) != nil {
				t.Fatalf("accepted %q", r)
			}
		}
		if len(got) == 0 || len(got) > 2 {
			t.Fatalf("%d resources from 2 values", len(got))
		}
	})
}

// TestResourceIndicators: the token's aud is the resource named at
// /oauth2/auth (the issuer without one), a token request narrows it to one
// of those only, and a malformed resource is refused with invalid_target.
func TestResourceIndicators(t *testing.T) {
	f := newFixture(t)
	c := f.rp(t, false, "openid", "email", "offline_access")
	ctx := t.Context()
	const rsA, rsB = "https://a.rs.example", "https://b.rs.example/api"

	verifier := oauth2.GenerateVerifier()
	q := f.authorize(t, c.cfg.AuthCodeURL("state-resource-1", oauth2.S256ChallengeOption(verifier),
		oauth2.SetAuthURLParam("resource", rsA)))
	tok, err := c.cfg.Exchange(ctx, q.Get("code"), oauth2.VerifierOption(verifier))
	must(t, err)
	g, err := f.p.VerifyAccessToken(ctx, tok.AccessToken)
	must(t, err)
	if !slices.Equal(g.Audience, []string{rsA}) {
		t.Fatalf("aud %v, want [%s]", g.Audience, rsA)
	}
	// A refresh keeps the grant's resource; asking for another is refused.
	resp, out := f.postForm(t, PathToken, c.cfg.ClientID, c.cfg.ClientSecret, url.Values{
		"grant_type": {"refresh_token"}, "refresh_token": {tok.RefreshToken}, "resource": {rsB}})
	if resp.StatusCode != http.StatusBadRequest || out["error"] != "invalid_target" {
		t.Fatalf("refresh for another resource = %d %v, want invalid_target", resp.StatusCode, out)
	}
	resp, out = f.postForm(t, PathToken, c.cfg.ClientID, c.cfg.ClientSecret, url.Values{
		"grant_type": {"refresh_token"}, "refresh_token": {tok.RefreshToken}, "resource": {rsA}})
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("refresh for the granted resource = %d %v", resp.StatusCode, out)
	}
	access, _ := out["access_token"].(string)
	if g, err := f.p.VerifyAccessToken(ctx, access); err != nil || !slices.Equal(g.Audience, []string{rsA}) {
		t.Fatalf("refreshed token: %v %v", err, g)
	}

	// Two resources at /oauth2/auth, narrowed to one at the token endpoint.
	verifier = oauth2.GenerateVerifier()
	authURL := c.cfg.AuthCodeURL("state-resource-2", oauth2.S256ChallengeOption(verifier)) +
		"&resource=" + url.QueryEscape(rsA) + "&resource=" + url.QueryEscape(f.issuer)
	q = f.authorize(t, authURL)
	tok, err = c.cfg.Exchange(ctx, q.Get("code"), oauth2.VerifierOption(verifier), oauth2.SetAuthURLParam("resource", f.issuer))
	must(t, err)
	if g, err := f.p.VerifyAccessToken(ctx, tok.AccessToken); err != nil || !slices.Equal(g.Audience, []string{f.issuer}) {
		t.Fatalf("narrowed token: %v %v", err, g)
	}

	q = f.authorize(t, c.cfg.AuthCodeURL("state-resource-3", oauth2.S256ChallengeOption(verifier),
		oauth2.SetAuthURLParam("resource", "https://rs.example/#frag")))
	if q.Get("error") != "invalid_target" || q.Get("state") != "state-resource-3" {
		t.Fatalf("a resource with a fragment: %v, want invalid_target", q)
	}
}

// TestRegisteredResources: what a client may register as its resources,
// and that CheckResource allows a grant read only as one of them.
func TestRegisteredResources(t *testing.T) {
	for _, tc := range []struct {
		in string
		ok bool
	}{
		{"https://api.example.com", true},
		{"https://api.example.com/v1/reads?x=1", true},
		{"http://127.0.0.1:8080/api", true},
		{"http://localhost/api", true},
		{"http://api.example.com", false},
		{"https://api.example.com/#frag", false},
		{"https://api.example.com#", false},
		{"https://user@api.example.com", false},
		{"urn:example:api", false},
		{"/api", false},
		{"", false},
		{"https://api.example.com/a b", false},
		{"https://" + strings.Repeat("a", maxResourceLen), false},
	} {
		if err := checkRegisteredResource(tc.in); (err == nil) != tc.ok {
			t.Errorf("checkRegisteredResource(%q) = %v, want ok %v", tc.in, err, tc.ok)
		}
	}

	f := newFixture(t)
	ctx := t.Context()
	id, _, err := CreateClient(ctx, f.st, ClientSpec{Name: "RS", RedirectURIs: []string{"https://rs.example/cb"},
		Resources: []string{"https://api.example.com/v1"}})
	must(t, err)
	other, _, err := CreateClient(ctx, f.st, ClientSpec{Name: "RP", RedirectURIs: []string{"https://rp.example/cb"}})
	must(t, err)
	for _, tc := range []struct {
		client, resource string
		want             error
	}{
		{id, "https://api.example.com/v1", nil},
		{id, "https://api.example.com/v1/", ErrUnregisteredResource},
		{id, "https://API.example.com/v1", ErrUnregisteredResource},
		{id, "https://other.example.com", ErrUnregisteredResource},
		{other, "https://api.example.com/v1", ErrUnregisteredResource},
		{"no-such-client", "https://api.example.com/v1", ErrClientAuth},
	} {
		if err := f.p.CheckResource(ctx, tc.client, tc.resource); !errors.Is(err, tc.want) || (tc.want == nil) != (err == nil) {
			t.Errorf("CheckResource(%s, %q) = %v, want %v", tc.client, tc.resource, err, tc.want)
		}
	}
	_, _, err = CreateClient(ctx, f.st, ClientSpec{Name: "SPA", RedirectURIs: []string{"http://127.0.0.1:9/cb"}, Public: true,
		Resources: []string{"https://api.example.com/v1"}})
	if !errors.Is(err, ErrInvalidClient) {
		t.Fatalf("a public client registered a resource: %v", err)
	}
}

func FuzzRegisteredResource(f *testing.F) {
	for _, s := range []string{"https://api.example.com", "http://127.0.0.1:1/x", "http://a.example", "urn:x:y", "https://a.example/#f", "https://u@a.example", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if checkRegisteredResource(s) != nil {
			return
		}
		// Whatever is registered can also be named at a grant read.
		if got, err := ParseResources([]string{s}); err != nil || len(got) != 1 || got[0] != s {
			t.Fatalf("registered %q but a grant read cannot name it: %v %v", s, got, err)
		}
		if strings.Contains(s, "#") || checkWebURL(s) != nil {
			t.Fatalf("accepted %q", s)
		}
	})
}
