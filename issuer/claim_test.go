package issuer_test

import (
	"bytes"
	"context"
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/idconnect/idconnect/contracts"
	"github.com/idconnect/idconnect/contracts/bindings/claimissuer"
	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/internal/simchain"
	"github.com/idconnect/idconnect/issuer"
)

// TestSignedClaimIsValidOnChain: a claim the issuer signs, added to an
// identity by its owner, is what the ClaimIssuer contract's isClaimValid
// accepts, under the claim id the issuer and topic give; its data carries
// the validity and the document hash; a claim signed by a key that is not
// the issuer's CLAIM key is refused by the contract.
func TestSignedClaimIsValidOnChain(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	deployerKey, ownerKey := simchain.NewKey(), simchain.NewKey()
	chain := simchain.New(crypto.PubkeyToAddress(deployerKey.PublicKey), crypto.PubkeyToAddress(ownerKey.PublicKey))
	defer chain.Close()
	chain.MinePending(ctx, 10*time.Millisecond)
	deployer := chain.Sender(deployerKey)
	suite, err := contracts.DeploySuite(ctx, deployer)
	if err != nil {
		t.Fatal(err)
	}
	signer := issuer.NewKeySigner(simchain.NewKey())
	issuerAddr, err := contracts.DeployClaimIssuer(ctx, deployer, suite, signer.Address(), 1)
	if err != nil {
		t.Fatal(err)
	}
	subject, err := contracts.CreateIdentity(ctx, deployer, suite, crypto.PubkeyToAddress(ownerKey.PublicKey), "owner")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	doc := crypto.Keccak256Hash([]byte("bundle"))
	c, err := issuer.Sign(ctx, signer, issuerAddr, subject, issuer.Terms{Topic: 1, ValidFrom: now, ValidUntil: identity.DefaultCatalogue()[1].Validity.Until(now), DocumentHash: doc})
	if err != nil {
		t.Fatal(err)
	}
	data, ok := identity.DecodeClaimData(c.Data)
	if !ok || data.DocumentHash != doc || !data.ValidUntil.Equal(c.ValidUntil) || data.ValidUntil.Sub(data.ValidFrom) < 365*24*time.Hour {
		t.Fatalf("claim data %+v", data)
	}
	if got, err := identity.RecoverClaimSigner(subject, 1, c.Data, c.Signature); err != nil || got != signer.Address() {
		t.Fatalf("signed by %s, %v", got.Hex(), err)
	}
	add := contracts.IdentityCall().PackAddClaim(big.NewInt(1), big.NewInt(issuer.SchemeECDSA), issuerAddr, c.Signature, c.Data, "")
	if _, err := chain.Sender(ownerKey).Transact(ctx, subject, add); err != nil {
		t.Fatal(err)
	}
	stored, err := call(ctx, chain, subject, contracts.IdentityCall().PackGetClaim(c.ID))
	if err != nil {
		t.Fatal(err)
	}
	got, err := contracts.IdentityCall().UnpackGetClaim(stored)
	if err != nil || got.Issuer != issuerAddr || !bytes.Equal(got.Signature, c.Signature) {
		t.Fatalf("claim %s on the identity: %+v, %v", c.ID.Hex(), got, err)
	}
	if !isClaimValid(t, ctx, chain, issuerAddr, subject, c) {
		t.Fatal("isClaimValid refuses the issued claim")
	}

	stranger := issuer.NewKeySigner(simchain.NewKey())
	forged, err := issuer.Sign(ctx, stranger, issuerAddr, subject, issuer.Terms{Topic: 1, ValidFrom: now, ValidUntil: now.Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if isClaimValid(t, ctx, chain, issuerAddr, subject, forged) {
		t.Fatal("isClaimValid accepts a claim signed by a key the issuer does not hold")
	}
}

func isClaimValid(t *testing.T, ctx context.Context, chain *simchain.Chain, issuerAddr, subject common.Address, c issuer.Claim) bool {
	t.Helper()
	ci := claimissuer.NewClaimIssuer()
	out, err := call(ctx, chain, issuerAddr, ci.PackIsClaimValid(subject, new(big.Int).SetUint64(c.Topic), c.Signature, c.Data))
	if err != nil {
		t.Fatal(err)
	}
	ok, err := ci.UnpackIsClaimValid(out)
	if err != nil {
		t.Fatal(err)
	}
	return ok
}

func call(ctx context.Context, chain *simchain.Chain, to common.Address, data []byte) ([]byte, error) {
	return chain.Client().CallContract(ctx, ethereum.CallMsg{To: &to, Data: data}, nil)
}

func TestSignRefusesBadTerms(t *testing.T) {
	s := issuer.NewKeySigner(simchain.NewKey())
	a, b := common.HexToAddress("0x01"), common.HexToAddress("0x02")
	now := time.Now()
	for name, tc := range map[string]struct {
		issuer, subject common.Address
		terms           issuer.Terms
	}{
		"topic 0":          {a, b, issuer.Terms{ValidFrom: now, ValidUntil: now.Add(time.Hour)}},
		"no subject":       {a, common.Address{}, issuer.Terms{Topic: 1, ValidFrom: now, ValidUntil: now.Add(time.Hour)}},
		"ends before":      {a, b, issuer.Terms{Topic: 1, ValidFrom: now, ValidUntil: now.Add(-time.Hour)}},
		"no start":         {a, b, issuer.Terms{Topic: 1, ValidUntil: now}},
		"under one second": {a, b, issuer.Terms{Topic: 1, ValidFrom: now.Truncate(time.Second), ValidUntil: now.Truncate(time.Second).Add(time.Millisecond)}},
	} {
		if _, err := issuer.Sign(context.Background(), s, tc.issuer, tc.subject, tc.terms); !errors.Is(err, issuer.ErrTerms) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestLoadKeyFile(t *testing.T) {
	dir := t.TempDir()
	key := simchain.NewKey()
	good := filepath.Join(dir, "good.key")
	if err := os.WriteFile(good, []byte("0x"+common.Bytes2Hex(crypto.FromECDSA(key))+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := issuer.LoadKeyFile(good)
	if err != nil || s.Address() != crypto.PubkeyToAddress(key.PublicKey) {
		t.Fatalf("%v, %v", s, err)
	}
	bad := filepath.Join(dir, "bad.key")
	secret := "not-a-key-but-a-secret"
	if err := os.WriteFile(bad, []byte(secret), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := issuer.LoadKeyFile(bad); !errors.Is(err, issuer.ErrKeyFile) || bytes.Contains([]byte(err.Error()), []byte(secret)) {
		t.Fatalf("bad key file: %v", err)
	}
}
