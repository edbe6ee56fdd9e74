package challenge_test

import (
	"context"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/challenge"
	"github.com/idconnect/idconnect/store"
)

// TestIssueText pins the login message: domain host:port, uri the origin, the
// chain id, expiry exactly five minutes after issued-at, and the request id.
func TestIssueText(t *testing.T) {
	st := openStore(t)
	svc := challenge.New(challenge.Config{Store: st, ChainID: testChain, Rand: &sequence{},
		Clock: func() time.Time { return t0.Add(700 * time.Millisecond) }})
	addr := common.HexToAddress("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")
	c, err := svc.Issue(context.Background(), challenge.Request{Purpose: store.PurposeLogin,
		Domain: testDomain, URI: testOrigin, Address: addr, Statement: "Sign in to idconnect.", RequestID: testRequest})
	if err != nil {
		t.Fatal(err)
	}
	want := `idp.example:8443 wants you to sign in with your Ethereum account:
0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed

Sign in to idconnect.

URI: https://idp.example:8443
Version: 1
Chain ID: 1337
Nonce: ABCDEFGHIJKLMNOPQRSTUVWX
Issued At: 2030-01-02T03:04:05Z
Expiration Time: 2030-01-02T03:09:05Z
Request ID: req-7f3a`
	if c.Text != want {
		t.Fatalf("text:\n%s\nwant:\n%s", c.Text, want)
	}
	if c.Nonce != "ABCDEFGHIJKLMNOPQRSTUVWX" || !c.IssuedAt.Equal(t0) || c.ExpiresAt.Sub(c.IssuedAt) != 5*time.Minute {
		t.Errorf("challenge = %+v", c)
	}
	// The nonce is stored single use with purpose, request and address.
	rec, err := st.ConsumeChallenge(context.Background(), c.Nonce, t0)
	if err != nil {
		t.Fatal(err)
	}
	wantRec := store.Challenge{Nonce: c.Nonce, Purpose: store.PurposeLogin, RequestID: testRequest,
		Address: addr, IssuedAt: t0, ExpiresAt: t0.Add(5 * time.Minute), ConsumedAt: t0}
	if !reflect.DeepEqual(rec, wantRec) {
		t.Errorf("stored %+v\nwant   %+v", rec, wantRec)
	}
}

func TestIssueNonces(t *testing.T) {
	f := newFixture(t, nil)
	seen := map[string]bool{}
	for range 200 {
		c := f.issue(t, f.loginRequest())
		if len(c.Nonce) < 16 || strings.IndexFunc(c.Nonce, notAlnum) >= 0 {
			t.Fatalf("nonce %q: want at least 16 alphanumeric characters", c.Nonce)
		}
		if seen[c.Nonce] {
			t.Fatalf("nonce %q issued twice", c.Nonce)
		}
		seen[c.Nonce] = true
	}
}

func notAlnum(r rune) bool {
	return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("entropy exhausted") }

type constReader byte

func (c constReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(c)
	}
	return len(p), nil
}

func TestIssueRandomnessFailure(t *testing.T) {
	for name, r := range map[string]io.Reader{"error": failingReader{}, "never uniform": constReader(0xff)} {
		t.Run(name, func(t *testing.T) {
			f := newFixture(t, nil)
			svc := challenge.New(challenge.Config{Store: f.store, ChainID: testChain, Rand: r})
			if _, err := svc.Issue(context.Background(), f.loginRequest()); err == nil {
				t.Fatal("Issue succeeded without usable randomness")
			}
		})
	}
}

func TestIssueInvalid(t *testing.T) {
	f := newFixture(t, nil)
	rc := challenge.NewReCap("https://idp.example:8443/identities/0x01", "read/profile", "grant/immediate")
	cases := []struct {
		name   string
		change func(r *challenge.Request)
	}{
		{"unknown purpose", func(r *challenge.Request) { r.Purpose = "other" }},
		{"no domain", func(r *challenge.Request) { r.Domain = "" }},
		{"domain with a path", func(r *challenge.Request) { r.Domain = "idp.example/x" }},
		{"no uri", func(r *challenge.Request) { r.URI = "" }},
		{"uri with a space", func(r *challenge.Request) { r.URI = "https://idp.example/a b" }},
		{"no address", func(r *challenge.Request) { r.Address = common.Address{} }},
		{"statement with a line break", func(r *challenge.Request) { r.Statement = "one\ntwo" }},
		{"blank statement", func(r *challenge.Request) { r.Statement = "   " }},
		{"request id with a space", func(r *challenge.Request) { r.RequestID = "req 1" }},
		{"resource with a space", func(r *challenge.Request) { r.Resources = []string{"https://x/a b"} }},
		{"consent without recap", func(r *challenge.Request) { r.Purpose = store.PurposeConsent }},
		{"recap without its sentence", func(r *challenge.Request) {
			r.Purpose, r.Resources = store.PurposeConsent, []string{rc.URN()}
		}},
		{"recap not last", func(r *challenge.Request) {
			r.Statement, r.Resources = rc.Statement(), []string{rc.URN(), "https://x"}
		}},
		{"malformed recap", func(r *challenge.Request) { r.Resources = []string{"urn:recap:e30"} }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := f.loginRequest()
			tc.change(&r)
			_, err := f.svc.Issue(context.Background(), r)
			wantErr(t, err, challenge.ErrInvalid)
		})
	}
}

func TestConsent(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, nil)
	resource := testOrigin + "/identities/0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf"
	rc := challenge.NewReCap(resource, "read/profile", "read/email", "read/claim.1", "grant/immediate")
	r := challenge.Request{Purpose: store.PurposeConsent, Domain: testDomain, URI: "https://shop.example/callback?x=1",
		Address: f.addr, Statement: rc.Extend("Share your data with Shop."), RequestID: testRequest,
		Resources: []string{rc.URN()}}
	c := f.issue(t, r)
	wantStatement := "Share your data with Shop. I further authorize the stated URI to perform the following " +
		"actions on my behalf: (1) 'grant': 'immediate' for '" + resource + "'. (2) 'read': 'claim.1', 'email', " +
		"'profile' for '" + resource + "'."
	if !strings.Contains(c.Text, "\n\n"+wantStatement+"\n\nURI: https://shop.example/callback?x=1\n") {
		t.Fatalf("consent text lacks the statement and uri:\n%s", c.Text)
	}
	if !strings.HasSuffix(c.Text, "\nResources:\n- "+rc.URN()) {
		t.Fatalf("consent text does not end with the recap:\n%s", c.Text)
	}
	want := challenge.Expect{Purpose: store.PurposeConsent, Domain: testDomain, URI: r.URI, RequestID: testRequest, Address: &f.addr}
	// A login message is no consent, even from the same wallet.
	login := f.issue(t, f.loginRequest())
	_, err := f.svc.Verify(ctx, login.Text, sign(t, f.key, login.Text), want)
	wantErr(t, err, challenge.ErrMismatch)

	v, err := f.svc.Verify(ctx, c.Text, sign(t, f.key, c.Text), want)
	if err != nil {
		t.Fatal(err)
	}
	if v.ReCap == nil || !reflect.DeepEqual(*v.ReCap, rc) {
		t.Fatalf("ReCap = %+v, want %+v", v.ReCap, rc)
	}
	if got := v.ReCap.Abilities(resource); !reflect.DeepEqual(got, []string{"grant/immediate", "read/claim.1", "read/email", "read/profile"}) {
		t.Errorf("Abilities = %v", got)
	}
	if v.Hash != challenge.MessageHash(c.Text) {
		t.Error("Hash is not the hash of the signed consent text")
	}
}

// TestConsentStatementMustMatchReCap signs a consent whose statement lists fewer
// abilities than its ReCap grants: Verify refuses it before touching the nonce.
func TestConsentStatementMustMatchReCap(t *testing.T) {
	f := newFixture(t, nil)
	resource := testOrigin + "/identities/0x01"
	small := challenge.NewReCap(resource, "read/email")
	big := challenge.NewReCap(resource, "read/email", "read/phone")
	c := f.issue(t, challenge.Request{Purpose: store.PurposeConsent, Domain: testDomain, URI: testOrigin,
		Address: f.addr, Statement: small.Statement(), RequestID: testRequest, Resources: []string{small.URN()}})
	text := strings.Replace(c.Text, small.URN(), big.URN(), 1)
	want := challenge.Expect{Purpose: store.PurposeConsent, Domain: testDomain, URI: testOrigin, RequestID: testRequest}
	_, err := f.svc.Verify(context.Background(), text, sign(t, f.key, text), want)
	wantErr(t, err, challenge.ErrMalformed)
}

func TestMessageHash(t *testing.T) {
	// personal_sign of "hello", as computed by every Ethereum wallet.
	want := common.HexToHash("0x50b2c43fd39106bafbba0da34fc430e1f91e3c96ea2acee2bc34119f92b37750")
	if got := challenge.MessageHash("hello"); got != want {
		t.Fatalf("MessageHash(hello) = %s, want %s", got, want)
	}
}
