package challenge_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/idconnect/idconnect/challenge"
	"github.com/idconnect/idconnect/internal/simchain"
	"github.com/idconnect/idconnect/store"
)

// FuzzVerifyMessage feeds arbitrary text and signatures to Verify on a real store
// and chain: it must never panic and never accept, and every refusal wraps one
// sentinel. The seeds are genuine signed messages whose nonces this store never
// issued, so mutations start from the deepest path.
func FuzzVerifyMessage(f *testing.F) {
	ctx := context.Background()
	chain := simchain.New()
	f.Cleanup(func() { _ = chain.Close() })
	issuer := newFixture(f, nil) // issues the seeds on its own store
	key := issuer.key
	login := issuer.issue(f, issuer.loginRequest())
	rc := challenge.NewReCap(testOrigin+"/identities/0x01", "read/email", "grant/immediate")
	consent := issuer.issue(f, challenge.Request{Purpose: store.PurposeConsent, Domain: testDomain, URI: testOrigin,
		Address: issuer.addr, Statement: rc.Extend("Share."), RequestID: testRequest, Resources: []string{rc.URN()}})
	for _, text := range []string{login.Text, consent.Text} {
		f.Add(text, sign(f, key, text))
		f.Add(text, "0x")
		f.Add(strings.ToLower(text), sign(f, key, text))
	}
	f.Add("", "")
	f.Add("x wants you to sign in with your Ethereum account:\n", "0x00")

	verifier := challenge.New(challenge.Config{Store: openStore(f), Caller: chain.Client(),
		ChainID: testChain, Clock: issuer.clock.Now})
	f.Fuzz(func(t *testing.T, text, sig string) {
		for _, purpose := range []store.ChallengePurpose{store.PurposeLogin, store.PurposeConsent} {
			want := challenge.Expect{Purpose: purpose, Domain: testDomain, URI: testOrigin, RequestID: testRequest}
			v, err := verifier.Verify(ctx, text, sig, want)
			if err == nil {
				t.Fatalf("Verify accepted %q signed %q: %+v", text, sig, v)
			}
			if !isSentinel(err) {
				t.Fatalf("error %v wraps no sentinel", err)
			}
		}
	})
}

// FuzzParseReCap: whatever ParseReCap accepts re-encodes to exactly its input,
// and its statement and accessors work.
func FuzzParseReCap(f *testing.F) {
	f.Add(eipURN1)
	f.Add(eipURN2)
	f.Add(challenge.NewReCap("https://idp.example/identities/0x01", "read/profile", "grant/persistent").URN())
	f.Add(recapOf(`{"att":{"x:a":{"read/email":[{"n":1,"s":"a&b"}]}},"prf":["bafy"]}`))
	f.Add(recapOf(`{"att":{},"prf":[]}`))
	f.Add("urn:recap:")
	f.Fuzz(func(t *testing.T, urn string) {
		r, err := challenge.ParseReCap(urn)
		if err != nil {
			if !errors.Is(err, challenge.ErrMalformed) {
				t.Fatalf("error %v is not ErrMalformed", err)
			}
			return
		}
		if got := r.URN(); got != urn {
			t.Fatalf("URN round trip:\n got %q\nwant %q", got, urn)
		}
		st := r.Statement()
		for _, res := range r.Resources() {
			if len(r.Abilities(res)) == 0 || !strings.Contains(st, "'"+res+"'") {
				t.Fatalf("resource %q missing from abilities or statement %q", res, st)
			}
		}
	})
}

// FuzzIssue: whatever Issue accepts, the wallet can sign and Verify accepts with
// the same fields; everything else is ErrInvalid.
func FuzzIssue(f *testing.F) {
	f.Add("Sign in to idconnect.", testRequest, testOrigin, "")
	f.Add("", "", "https://shop.example/cb?a=1&b=2#frag", "https://x.example/a")
	f.Add("é ünïcode ✓", "a-b_c~d", "did:key:z6Mk", "ipfs://bafy")
	f.Add("line\nbreak", "r e q", "http://[::1]:8080/", "urn:recap:e30")
	fx := newFixture(f, nil)
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, statement, requestID, uri, resource string) {
		r := fx.loginRequest()
		r.Statement, r.RequestID, r.URI = statement, requestID, uri
		if resource != "" {
			r.Resources = []string{resource}
		}
		c, err := fx.svc.Issue(ctx, r)
		if err != nil {
			if !errors.Is(err, challenge.ErrInvalid) {
				t.Fatalf("Issue: %v is not ErrInvalid", err)
			}
			return
		}
		want := challenge.Expect{Purpose: store.PurposeLogin, Domain: testDomain, URI: uri, RequestID: requestID}
		v, err := fx.svc.Verify(ctx, c.Text, sign(t, fx.key, c.Text), want)
		if err != nil {
			t.Fatalf("issued message does not verify: %v\n%s", err, c.Text)
		}
		if got := v.Message.GetStatement(); statement != "" && (got == nil || *got != statement) {
			t.Fatalf("statement %v, want %q", got, statement)
		}
		if v.Address != crypto.PubkeyToAddress(fx.key.PublicKey) {
			t.Fatalf("address %s", v.Address)
		}
	})
}
