package identity_test

import (
	"context"
	"sync/atomic"

	"crypto/ecdsa"
	"github.com/ethereum/go-ethereum"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/idconnect/idconnect/contracts"
	"github.com/idconnect/idconnect/contracts/bindings/claimissuer"
	"github.com/idconnect/idconnect/contracts/bindings/claimtopicsregistry"
	"github.com/idconnect/idconnect/identity"
)

// owner is an identity with its management wallet.
type owner struct {
	key    *ecdsa.PrivateKey
	wallet common.Address
	id     common.Address
}

// newOwner makes a funded wallet and an identity for it from the factory.
func (w *world) newOwner(t testing.TB) owner {
	t.Helper()
	key, wallet := w.wallet(t)
	id, err := contracts.CreateIdentity(ctx(t), w.deployer, w.suite, wallet, wallet.Hex())
	if err != nil {
		t.Fatal(err)
	}
	return owner{key, wallet, id}
}

// issuer is a claim issuer contract with its signing key.
type issuer struct {
	key  *ecdsa.PrivateKey
	addr common.Address
}

func (w *world) newIssuerWithKey(t testing.TB, trustedFor ...uint64) issuer {
	t.Helper()
	key, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	addr := w.newIssuer(t, crypto.PubkeyToAddress(key.PublicKey))
	if len(trustedFor) > 0 {
		if err := contracts.TrustIssuer(ctx(t), w.deployer, w.suite, addr, trustedFor...); err != nil {
			t.Fatal(err)
		}
	}
	return issuer{key, addr}
}

// sign returns the issuer's canonical claim signature (low s, v in {27, 28}).
func (is issuer) sign(t testing.TB, id common.Address, topic uint64, data []byte) []byte {
	t.Helper()
	digest := identity.ClaimDigest(id, topic, data)
	sig, err := crypto.Sign(digest[:], is.key)
	if err != nil {
		t.Fatal(err)
	}
	sig[64] += 27
	return sig
}

func window(from, until time.Time) []byte {
	return identity.EncodeClaimData(identity.ClaimData{ValidFrom: from, ValidUntil: until})
}

// addClaim has the owner store a claim on its identity.
func (w *world) addClaim(t testing.TB, o owner, is issuer, topic uint64, sig, data []byte) error {
	t.Helper()
	call := contracts.IdentityCall().PackAddClaim(new(big.Int).SetUint64(topic), big.NewInt(1), is.addr, sig, data, "")
	_, err := w.sender(o.key).Transact(ctx(t), o.id, call)
	return err
}

func (w *world) mustAddClaim(t testing.TB, o owner, is issuer, topic uint64, sig, data []byte) {
	t.Helper()
	if err := w.addClaim(t, o, is, topic, sig, data); err != nil {
		t.Fatal(err)
	}
}

// revoke has the issuer's manager (the deployer) revoke exactly these signature bytes.
func (w *world) revoke(t testing.TB, is issuer, sig []byte) {
	t.Helper()
	call := claimissuer.NewClaimIssuer().PackRevokeClaimBySignature(sig)
	if _, err := w.deployer.Transact(ctx(t), is.addr, call); err != nil {
		t.Fatal(err)
	}
}

// addKey has the owner add a key with a purpose to its identity.
func (w *world) addKey(t testing.TB, o owner, wallet common.Address, purpose int64) uint64 {
	t.Helper()
	call := contracts.IdentityCall().PackAddKey(contracts.KeyID(wallet), big.NewInt(purpose), big.NewInt(contracts.KeyTypeECDSA))
	r, err := w.sender(o.key).Transact(ctx(t), o.id, call)
	if err != nil {
		t.Fatal(err)
	}
	return r.BlockNumber.Uint64()
}

// removeKey has the owner remove a key's purpose and returns the block it landed in.
func (w *world) removeKey(t testing.TB, o owner, wallet common.Address, purpose int64) uint64 {
	t.Helper()
	call := contracts.IdentityCall().PackRemoveKey(contracts.KeyID(wallet), big.NewInt(purpose))
	r, err := w.sender(o.key).Transact(ctx(t), o.id, call)
	if err != nil {
		t.Fatal(err)
	}
	return r.BlockNumber.Uint64()
}

func (w *world) reader(t testing.TB) *identity.Reader {
	t.Helper()
	r, err := identity.NewReader(ctx(t), w.chain, identity.Config{IdFactory: w.suite.IdFactory, IdentityRegistry: w.suite.IdentityRegistry})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// highSTwin and vMinus27 re-encode a canonical signature as ecrecover still accepts it.
func highSTwin(sig []byte) []byte { return identity.SignatureEncodings(sig)[2] }
func vMinus27(sig []byte) []byte  { return identity.SignatureEncodings(sig)[1] }

func removeRequiredTopic(t testing.TB, w *world, topic uint64) {
	call := claimtopicsregistry.NewClaimTopicsRegistry().PackRemoveClaimTopic(new(big.Int).SetUint64(topic))
	if _, err := w.deployer.Transact(ctx(t), w.suite.ClaimTopicsRegistry, call); err != nil {
		t.Error(err)
	}
}

// countingChain counts contract calls, to tell cache hits from chain reads.
type countingChain struct {
	identity.Chain
	calls atomic.Int64
}

func (c *countingChain) CallContract(ctx context.Context, msg ethereum.CallMsg, block *big.Int) ([]byte, error) {
	c.calls.Add(1)
	return c.Chain.CallContract(ctx, msg, block)
}

// removeClaim has the owner remove the issuer's claim on a topic.
func (w *world) removeClaim(t testing.TB, o owner, is issuer, topic uint64) {
	t.Helper()
	claimID := crypto.Keccak256Hash(common.LeftPadBytes(is.addr[:], 32), common.LeftPadBytes(new(big.Int).SetUint64(topic).Bytes(), 32))
	if _, err := w.sender(o.key).Transact(ctx(t), o.id, contracts.IdentityCall().PackRemoveClaim(claimID)); err != nil {
		t.Fatal(err)
	}
}

// addIssuerKey has the issuer's manager (the deployer) give a wallet an ACTION key
// on the issuer, which emits KeyAdded from the issuer.
func (w *world) addIssuerKey(t testing.TB, issuer, wallet common.Address) {
	t.Helper()
	call := contracts.IdentityCall().PackAddKey(contracts.KeyID(wallet), big.NewInt(contracts.PurposeAction), big.NewInt(contracts.KeyTypeECDSA))
	if _, err := w.deployer.Transact(ctx(t), issuer, call); err != nil {
		t.Fatal(err)
	}
}
