package authz

import (
	"errors"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/idconnect/idconnect/contracts"
	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/internal/simchain"
	"github.com/idconnect/idconnect/store"
)

// chainWorld is the simulated chain with the ONCHAINID suite, an owner's
// identity, and a second wallet holding ACTION purpose on it.
type chainWorld struct {
	chain    *simchain.Chain
	reader   *identity.Reader
	owner    *contracts.Sender
	identity common.Address
	action   common.Address
}

func newChainWorld(t testing.TB) *chainWorld {
	t.Helper()
	ctx := t.Context()
	deployerKey, ownerKey := simchain.NewKey(), simchain.NewKey()
	ownerAddr := crypto.PubkeyToAddress(ownerKey.PublicKey)
	chain := simchain.New(crypto.PubkeyToAddress(deployerKey.PublicKey), ownerAddr)
	t.Cleanup(func() { _ = chain.Close() })
	deployer := chain.Sender(deployerKey)
	suite, err := contracts.DeploySuite(ctx, deployer)
	must(t, err)
	id, err := contracts.CreateIdentity(ctx, deployer, suite, ownerAddr, "owner")
	must(t, err)
	action := crypto.PubkeyToAddress(simchain.NewKey().PublicKey)
	owner := chain.Sender(ownerKey)
	call := contracts.IdentityCall().PackAddKey(contracts.KeyID(action), big.NewInt(contracts.PurposeAction), big.NewInt(contracts.KeyTypeECDSA))
	_, err = owner.Transact(ctx, id, call)
	must(t, err)
	reader, err := identity.NewReader(ctx, chain.Client(), identity.Config{IdFactory: suite.IdFactory})
	must(t, err)
	return &chainWorld{chain: chain, reader: reader, owner: owner, identity: id, action: action}
}

func (w *chainWorld) removeAction(t testing.TB) {
	t.Helper()
	call := contracts.IdentityCall().PackRemoveKey(contracts.KeyID(w.action), big.NewInt(contracts.PurposeAction))
	_, err := w.owner.Transact(t.Context(), w.identity, call)
	must(t, err)
}

func TestVerifier(t *testing.T) {
	w := newChainWorld(t)
	clock := &clockAt{now: time.Now()}
	f := newFixture(t)
	f.identity, f.wallet = w.identity, w.action
	rsID, rsSecret := f.newClient(t, false) // the resource server's credentials
	v, err := NewVerifier(t.Context(), VerifierConfig{
		Issuer: f.issuer, Directory: w.reader, Clock: clock.Now,
		IntrospectionClientID: rsID, IntrospectionSecret: rsSecret,
	})
	must(t, err)
	c := f.rp(t, false, "openid", "email", "offline_access")

	persistent, _ := f.login(t, c)
	g, err := v.Verify(t.Context(), persistent.AccessToken)
	must(t, err)
	if g.Identity != w.identity || g.Wallet != w.action || g.GrantKind != store.GrantPersistent {
		t.Fatalf("claims %+v", g)
	}

	c.cfg.Scopes = []string{"openid", "email"}
	immediate, _ := f.login(t, c)
	g, err = v.Verify(t.Context(), immediate.AccessToken)
	must(t, err)
	_, err = f.st.UseGrant(t.Context(), g.GrantID, store.GrantUsage{At: time.Now(), ClientID: c.cfg.ClientID})
	must(t, err)
	if _, err := v.Verify(t.Context(), immediate.AccessToken); !errors.Is(err, ErrGrantInactive) {
		t.Fatalf("used immediate grant: %v", err)
	}

	// A rotated key is fetched when its kid first appears.
	_, err = f.keys.Rotate(t.Context())
	must(t, err)
	clock.Add(reloadGap)
	rotated, _ := f.login(t, c)
	if _, err := v.Verify(t.Context(), rotated.AccessToken); err != nil {
		t.Fatalf("token of a rotated key: %v", err)
	}

	if _, err := v.Verify(t.Context(), persistent.AccessToken[:len(persistent.AccessToken)-4]+"AAAA"); !errors.Is(err, ErrInvalidToken) {
		t.Fatalf("tampered token: %v", err)
	}

	// Once the wallet loses its key purpose, its grants stop working.
	w.removeAction(t)
	if _, err := v.Verify(t.Context(), persistent.AccessToken); !errors.Is(err, ErrKeyRevoked) {
		t.Fatalf("after key removal: %v", err)
	}
}

func TestVerifierConfig(t *testing.T) {
	w := newChainWorld(t)
	f := newFixture(t)
	f.identity, f.wallet = w.identity, w.action
	tests := []struct {
		name string
		cfg  VerifierConfig
		want error
	}{
		{"no directory", VerifierConfig{Issuer: f.issuer}, ErrInvalidConfig},
		{"bad issuer", VerifierConfig{Issuer: "ftp://x", Directory: w.reader}, ErrInvalidConfig},
		{"unreachable", VerifierConfig{Issuer: "http://127.0.0.1:1", Directory: w.reader}, ErrUnavailable},
		{"wrong issuer", VerifierConfig{Issuer: f.issuer + "/other", Directory: w.reader}, ErrUnavailable},
	}
	for _, tc := range tests {
		if _, err := NewVerifier(t.Context(), tc.cfg); !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
	}

	// Without introspection credentials an immediate grant fails closed;
	// with another audience every token is refused.
	v, err := NewVerifier(t.Context(), VerifierConfig{Issuer: f.issuer, Directory: w.reader})
	must(t, err)
	c := f.rp(t, false, "openid")
	tok, _ := f.login(t, c)
	if _, err := v.Verify(t.Context(), tok.AccessToken); !errors.Is(err, ErrUnavailable) {
		t.Errorf("immediate grant without introspection: %v", err)
	}
	v, err = NewVerifier(t.Context(), VerifierConfig{Issuer: f.issuer, Directory: w.reader, Audience: "someone-else"})
	must(t, err)
	if _, err := v.Verify(t.Context(), tok.AccessToken); !errors.Is(err, ErrInvalidToken) {
		t.Errorf("other audience: %v", err)
	}
}
