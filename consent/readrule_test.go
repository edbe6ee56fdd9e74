package consent_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/consent"
	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/internal/simchain"
	"github.com/idconnect/idconnect/store"
)

const ownServer = "https://id.example"

// issuedTokens stands in for authz's JWT check, which the rule injects:
// a raw token names a verified Token.
type issuedTokens map[string]consent.Token

func (m issuedTokens) VerifyReadToken(_ context.Context, raw string) (consent.Token, error) {
	if t, ok := m[raw]; ok {
		return t, nil
	}
	return consent.Token{}, errors.New("bad signature")
}

// flakyChain fails claim reads while down, as a throttled RPC would.
type flakyChain struct {
	identity.Directory
	down bool
}

func (c *flakyChain) ClaimsByTopic(ctx context.Context, id common.Address, topic uint64, now time.Time) ([]identity.Judgement, error) {
	if c.down {
		return nil, fmt.Errorf("claims: %w", identity.ErrChainUnavailable)
	}
	return c.Directory.ClaimsByTopic(ctx, id, topic, now)
}

func tokenOf(gr store.Grant, e *env, aud ...string) consent.Token {
	return consent.Token{Subject: identity.CAIP10(simchain.ChainID, e.id), Audience: aud, ClientID: gr.ClientID,
		Scopes: gr.Scopes, GrantID: gr.ID, GrantKind: gr.Kind, Identity: e.id, Wallet: e.wallet, ChainID: simchain.ChainID}
}

// TestReadRuleSpendsLast: every refusal the rule can make before the grant
// check leaves an immediate grant unspent; the one allowed read spends it.
func TestReadRuleSpendsLast(t *testing.T) {
	e := newEnv(t)
	chain := &flakyChain{Directory: e.reader}
	g := &consent.Grants{Store: e.store, Directory: chain, Clock: time.Now}
	ctx := context.Background()
	gr, err := g.Create(ctx, e.consentFor(e.wallet, "openid", "claim:1"))
	if err != nil {
		t.Fatal(err)
	}
	rd := &consent.Reader{Grants: g, Tokens: issuedTokens{
		"ours":  tokenOf(gr, e, ownServer),
		"other": tokenOf(gr, e, "https://api.example"),
	}}
	read := consent.ReadRequest{Token: "ours", Audience: ownServer, Resource: "/userinfo", Scope: consent.ScopeOpenID}
	refusals := []struct {
		name string
		req  func(r *consent.ReadRequest)
		down bool
		want error
	}{
		{"bad token", func(r *consent.ReadRequest) { r.Token = "forged" }, false, consent.ErrInvalidToken},
		{"another resource server's token", func(r *consent.ReadRequest) { r.Token = "other" }, false, consent.ErrWrongAudience},
		{"another identity", func(r *consent.ReadRequest) { r.Identity = common.HexToAddress("0x01") }, false, consent.ErrInsufficientScope},
		{"scope not granted", func(r *consent.ReadRequest) { r.Scopes = []string{consent.ScopeEmail} }, false, consent.ErrInsufficientScope},
		{"chain down while judging claims", func(*consent.ReadRequest) {}, true, identity.ErrChainUnavailable},
	}
	for _, tc := range refusals {
		req := read
		tc.req(&req)
		chain.down = tc.down
		if _, err := rd.Read(ctx, req); !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
	}
	chain.down = false
	res, err := rd.Read(ctx, read)
	if err != nil {
		t.Fatalf("the read after the refusals: %v (a refusal spent the grant)", err)
	}
	if res.Disclosure.Claims == nil || res.Disclosure.Subject != tokenOf(gr, e).Subject {
		t.Errorf("disclosure %+v", res.Disclosure)
	}
	if _, err := rd.Read(ctx, read); !errors.Is(err, store.ErrGrantInactive) {
		t.Fatalf("second read of an immediate grant: %v", err)
	}
}
