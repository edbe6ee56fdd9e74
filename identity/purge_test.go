package identity_test

import (
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/contracts"
	"github.com/idconnect/idconnect/identity"
)

// TestCachePurgesOnlyOnItsContracts: real KeyAdded, ClaimAdded, ClaimRemoved,
// ClaimRevoked, IdentityRegistered and TrustedIssuerAdded events from contracts the
// cache did not read (another identity, another ClaimIssuer, a second set of
// registries) leave the cached entries of an identity in place; the identity's own
// events, its claim issuer's and the configured registries' drop them.
func TestCachePurgesOnlyOnItsContracts(t *testing.T) {
	w := simWorld(t)
	cache, cc := following(t, w, identity.CacheConfig{MaxAge: time.Hour})
	now := time.Now()
	data := window(now.Add(-time.Hour), now.Add(time.Hour))
	is := w.newIssuerWithKey(t, topicKYC)
	a := w.newOwner(t)
	sig := is.sign(t, a.id, topicKYC, data)
	w.mustAddClaim(t, a, is, topicKYC, sig, data)

	// Unrelated contracts, deployed from our own artifacts.
	u := w.newOwner(t)
	other := w.newIssuerWithKey(t)
	otherSig := other.sign(t, u.id, topicAML, data)
	_, stranger := w.wallet(t)
	others, err := contracts.DeployRegistries(ctx(t), w.deployer)
	if err != nil {
		t.Fatal(err)
	}

	read := func() {
		t.Helper()
		mustPurpose(t, cache, a.id, a.wallet, true)
		if j := claimsByIssuer(t, cache, a.id, topicKYC, now)[is.addr]; j.State != identity.StateValid {
			t.Fatalf("claim reads %s (%s), want valid", j.State, j.Reason)
		}
		if res, err := cache.Resolve(ctx(t), a.wallet, common.Address{}); err != nil || res.Identity != a.id {
			t.Fatalf("Resolve = %+v, %v", res, err)
		}
	}
	settle := func() {
		t.Helper()
		head, err := w.chain.BlockNumber(ctx(t))
		if err != nil {
			t.Fatal(err)
		}
		if err := cache.WaitBlock(ctx(t), head); err != nil {
			t.Fatal(err)
		}
	}
	// cached reports whether read() was answered from memory.
	cached := func() bool {
		t.Helper()
		settle()
		before := cc.calls.Load()
		read()
		return cc.calls.Load() == before
	}
	settle()
	read()
	if !cached() {
		t.Fatal("a second read went to the chain; want a cache hit")
	}

	unrelated := []struct {
		name string
		emit func()
	}{
		{"KeyAdded from another identity", func() { w.addKey(t, u, stranger, contracts.PurposeAction) }},
		{"ClaimAdded from another identity", func() { w.mustAddClaim(t, u, other, topicAML, otherSig, data) }},
		{"ClaimRemoved from another identity", func() { w.removeClaim(t, u, other, topicAML) }},
		{"KeyAdded from another ClaimIssuer", func() { w.addIssuerKey(t, other.addr, stranger) }},
		{"ClaimRevoked from another ClaimIssuer", func() { w.revoke(t, other, sig) }},
		{"IdentityRegistered in another IdentityRegistry", func() {
			if err := contracts.RegisterIdentity(ctx(t), w.deployer, others, a.wallet, u.id, 0); err != nil {
				t.Fatal(err)
			}
		}},
		{"TrustedIssuerAdded in another TrustedIssuersRegistry", func() {
			if err := contracts.TrustIssuer(ctx(t), w.deployer, others, other.addr, topicKYC); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, c := range unrelated {
		c.emit()
		if !cached() {
			t.Errorf("%s dropped the cached entries of an identity it does not concern", c.name)
			read() // fill again for the next case
		}
	}

	related := []struct {
		name string
		emit func()
	}{
		{"KeyAdded from the identity", func() { w.addKey(t, a, stranger, contracts.PurposeAction) }},
		{"KeyAdded from the claim's issuer", func() { w.addIssuerKey(t, is.addr, stranger) }},
		{"IdentityRegistered in the configured IdentityRegistry", func() {
			if err := contracts.RegisterIdentity(ctx(t), w.deployer, w.suite, stranger, u.id, 0); err != nil {
				t.Fatal(err)
			}
		}},
		{"TrustedIssuerAdded in the configured TrustedIssuersRegistry", func() {
			if err := contracts.TrustIssuer(ctx(t), w.deployer, w.suite, other.addr, topicAML); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, c := range related {
		c.emit()
		if cached() {
			t.Errorf("%s left the entries it changes in the cache", c.name)
		}
	}

	// The claim's own issuer revokes it: the cached verdict goes at once.
	w.revoke(t, is, sig)
	settle()
	if j := claimsByIssuer(t, cache, a.id, topicKYC, now)[is.addr]; j.State != identity.StateRevoked {
		t.Fatalf("after the issuer's ClaimRevoked the claim reads %s, want revoked", j.State)
	}
}
