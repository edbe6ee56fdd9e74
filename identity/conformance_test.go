package identity_test

import (
	"errors"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/contracts"
	"github.com/idconnect/idconnect/identity"
)

const topicKYC, topicAML = 1, 2

// TestConformance runs one suite three ways: our contracts on the in-process
// simulated chain, the official ONCHAINID 2.2.1 artifacts, and our contracts on a
// real geth --dev node over websocket JSON-RPC.
func TestConformance(t *testing.T) {
	for _, run := range worlds {
		t.Run(run.name, func(t *testing.T) {
			w := run.make(t)
			t.Run("Resolve", func(t *testing.T) { testResolve(t, w) })
			t.Run("Keys", func(t *testing.T) { testKeys(t, w) })
			t.Run("Claims", func(t *testing.T) { testClaims(t, w) })
			t.Run("RevocationBypass", func(t *testing.T) { testRevocationBypass(t, w) })
			t.Run("IsVerified", func(t *testing.T) { testIsVerified(t, w) })
			t.Run("Trust", func(t *testing.T) { testTrust(t, w) })
			t.Run("BadInput", func(t *testing.T) { testBadInput(t, w) })
			t.Run("CacheFollowsChain", func(t *testing.T) { testCacheFollowsChain(t, w) })
		})
	}
}

func testResolve(t *testing.T, w *world) {
	r := w.reader(t)
	o := w.newOwner(t)
	got, err := r.Resolve(ctx(t), o.wallet, common.Address{})
	if err != nil || got.Identity != o.id || got.Source != identity.SourceFactory {
		t.Fatalf("factory resolve = %+v, %v; want %s from factory", got, err, o.id)
	}

	// A wallet the factory does not know, registered in the IdentityRegistry.
	_, registered := w.wallet(t)
	if err := contracts.RegisterIdentity(ctx(t), w.deployer, w.suite, registered, o.id, 250); err != nil {
		t.Fatal(err)
	}
	got, err = r.Resolve(ctx(t), registered, common.Address{})
	if err != nil || got.Identity != o.id || got.Source != identity.SourceRegistry {
		t.Fatalf("registry resolve = %+v, %v", got, err)
	}

	// Neither knows it: only a supplied identity address resolves it.
	_, stranger := w.wallet(t)
	if _, err := r.Resolve(ctx(t), stranger, common.Address{}); !errors.Is(err, identity.ErrNoIdentity) {
		t.Fatalf("unknown wallet: err = %v, want ErrNoIdentity", err)
	}
	got, err = r.Resolve(ctx(t), stranger, o.id)
	if err != nil || got.Source != identity.SourceSupplied || got.Identity != o.id {
		t.Fatalf("supplied resolve = %+v, %v", got, err)
	}
}

func testKeys(t *testing.T, w *world) {
	r := w.reader(t)
	o := w.newOwner(t)
	_, action := w.wallet(t)
	w.addKey(t, o, action, contracts.PurposeAction)

	checks := []struct {
		wallet  common.Address
		purpose uint64
		want    bool
	}{
		{o.wallet, identity.PurposeManagement, true},
		{o.wallet, identity.PurposeAction, true}, // a management key holds every purpose
		{action, identity.PurposeAction, true},
		{action, identity.PurposeManagement, false},
		{action, identity.PurposeClaim, false},
	}
	for _, c := range checks {
		if got, err := r.HasPurpose(ctx(t), o.id, c.wallet, c.purpose); err != nil || got != c.want {
			t.Errorf("HasPurpose(%s, %d) = %v, %v; want %v", c.wallet, c.purpose, got, err, c.want)
		}
	}
	if err := identity.RequirePurpose(ctx(t), r, o.id, action, identity.PurposeManagement, identity.PurposeAction); err != nil {
		t.Errorf("RequirePurpose(action key, 1|2) = %v", err)
	}

	keys, err := r.Keys(ctx(t), o.id, action)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[common.Hash]identity.Key{}
	for _, k := range keys {
		byID[k.ID] = k
	}
	mgmt, act := byID[contracts.KeyID(o.wallet)], byID[contracts.KeyID(action)]
	if mgmt.Wallet == nil || *mgmt.Wallet != o.wallet || len(mgmt.Purposes) != 1 || mgmt.Purposes[0] != 1 {
		t.Errorf("management key = %+v", mgmt)
	}
	if act.Wallet == nil || *act.Wallet != action || len(act.Purposes) != 1 || act.Purposes[0] != 2 || act.Type != 1 {
		t.Errorf("action key = %+v", act)
	}

	w.removeKey(t, o, action, contracts.PurposeAction)
	if got, err := r.HasPurpose(ctx(t), o.id, action, identity.PurposeAction); err != nil || got {
		t.Errorf("after removeKey: HasPurpose = %v, %v", got, err)
	}
}

func testClaims(t *testing.T, w *world) {
	r := w.reader(t)
	now := time.Now().UTC().Truncate(time.Second)
	trusted := w.newIssuerWithKey(t, topicKYC, topicAML)
	untrusted := w.newIssuerWithKey(t)
	o := w.newOwner(t)

	valid := window(now.Add(-time.Hour), now.Add(24*time.Hour))
	w.mustAddClaim(t, o, trusted, topicKYC, trusted.sign(t, o.id, topicKYC, valid), valid)
	w.mustAddClaim(t, o, untrusted, topicKYC, untrusted.sign(t, o.id, topicKYC, valid), valid)
	expired := window(now.Add(-48*time.Hour), now.Add(-time.Hour))
	amlSig := trusted.sign(t, o.id, topicAML, expired)
	w.mustAddClaim(t, o, trusted, topicAML, amlSig, expired)

	kyc := claimsByIssuer(t, r, o.id, topicKYC, now)
	if j := kyc[trusted.addr]; j.State != identity.StateValid || j.ValidUntil == nil || !j.ValidUntil.Equal(now.Add(24*time.Hour)) {
		t.Errorf("trusted KYC claim = %s (%s), until %v", j.State, j.Reason, j.ValidUntil)
	}
	if j := kyc[untrusted.addr]; j.State != identity.StateUntrusted {
		t.Errorf("untrusted issuer's claim = %s, want untrusted", j.State)
	}
	if j := claimsByIssuer(t, r, o.id, topicAML, now)[trusted.addr]; j.State != identity.StateExpired {
		t.Errorf("expired claim = %s, want expired", j.State)
	}
	// The validity window is judged at the time asked for.
	if j := claimsByIssuer(t, r, o.id, topicAML, now.Add(-24*time.Hour))[trusted.addr]; j.State != identity.StateValid {
		t.Errorf("AML claim a day ago = %s, want valid", j.State)
	}

	w.revoke(t, trusted, kyc[trusted.addr].Signature)
	if j := claimsByIssuer(t, r, o.id, topicKYC, now)[trusted.addr]; j.State != identity.StateRevoked {
		t.Errorf("revoked claim = %s, want revoked", j.State)
	}
}

// testRevocationBypass covers the equivalent encodings of a revoked signature. The
// official ClaimIssuer revokes by exact bytes but accepts a re-encoded signature, so
// an owner can store a revoked claim again as v-27 or as its high-s twin; ours
// refuses non-canonical signatures. Either way the reader must call it revoked.
func testRevocationBypass(t *testing.T, w *world) {
	r := w.reader(t)
	now := time.Now()
	is := w.newIssuerWithKey(t, topicKYC)
	data := window(now.Add(-time.Hour), now.Add(time.Hour))

	for name, reencode := range map[string]func([]byte) []byte{"v-27": vMinus27, "high-s": highSTwin} {
		t.Run(name, func(t *testing.T) {
			o := w.newOwner(t)
			sig := is.sign(t, o.id, topicKYC, data)
			w.revoke(t, is, sig)
			err := w.addClaim(t, o, is, topicKYC, reencode(sig), data)
			if !w.official {
				if err == nil {
					t.Fatal("our ClaimIssuer accepted a non-canonical signature")
				}
				// Still check the reader: a canonical claim whose twin was revoked.
				o = w.newOwner(t)
				sig = is.sign(t, o.id, topicKYC, data)
				w.mustAddClaim(t, o, is, topicKYC, sig, data)
				w.revoke(t, is, reencode(sig))
			} else if err != nil {
				t.Fatalf("official ClaimIssuer refused the re-encoded signature: %v", err)
			}
			if j := claimsByIssuer(t, r, o.id, topicKYC, now)[is.addr]; j.State != identity.StateRevoked {
				t.Fatalf("re-encoded revoked claim reads %s, want revoked", j.State)
			}
		})
	}
}

func testIsVerified(t *testing.T, w *world) {
	r := w.reader(t)
	now := time.Now().UTC()
	is := w.newIssuerWithKey(t, 7001)
	if err := contracts.RequireTopics(ctx(t), w.deployer, w.suite, 7001); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { removeRequiredTopic(t, w, 7001) })
	verified, lapsed, bare := w.newOwner(t), w.newOwner(t), w.newOwner(t)
	good := window(now.Add(-time.Hour), now.Add(time.Hour))
	old := window(now.Add(-2*time.Hour), now.Add(-time.Hour))
	w.mustAddClaim(t, verified, is, 7001, is.sign(t, verified.id, 7001, good), good)
	w.mustAddClaim(t, lapsed, is, 7001, is.sign(t, lapsed.id, 7001, old), old)
	for _, o := range []owner{verified, lapsed, bare} {
		if err := contracts.RegisterIdentity(ctx(t), w.deployer, w.suite, o.wallet, o.id, 0); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		name            string
		o               owner
		offchain, chain bool
	}{
		{"valid claim", verified, true, true},
		{"expired claim: the registry ignores expiry, we do not", lapsed, false, true},
		{"no claim", bare, false, false},
	}
	for _, c := range cases {
		got, err := r.IsVerified(ctx(t), c.o.wallet, now)
		if err != nil || got != c.offchain {
			t.Errorf("%s: IsVerified = %v, %v; want %v", c.name, got, err, c.offchain)
		}
		onchain, err := r.IsVerifiedOnChain(ctx(t), c.o.wallet)
		if err != nil || onchain != c.chain {
			t.Errorf("%s: isVerified on chain = %v, %v; want %v", c.name, onchain, err, c.chain)
		}
	}
}

func claimsByIssuer(t testing.TB, d identity.Directory, id common.Address, topic uint64, now time.Time) map[common.Address]identity.Judgement {
	t.Helper()
	claims, err := d.ClaimsByTopic(ctx(t), id, topic, now)
	if err != nil {
		t.Fatal(err)
	}
	out := map[common.Address]identity.Judgement{}
	for _, c := range claims {
		out[c.Issuer] = c
	}
	return out
}
