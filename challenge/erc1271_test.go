package challenge_test

import (
	"context"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/idconnect/idconnect/challenge"
	"github.com/idconnect/idconnect/contracts"
	"github.com/idconnect/idconnect/contracts/bindings/claimtopicsregistry"
	"github.com/idconnect/idconnect/internal/simchain"
)

// TestContractWallet signs in as an ERC-1271 SmartWallet on the simulated chain:
// the owner's signature does not recover to the wallet's address, so Verify asks
// the contract.
func TestContractWallet(t *testing.T) {
	ctx := context.Background()
	deployer, owner := simchain.NewKey(), simchain.NewKey()
	chain := simchain.New(crypto.PubkeyToAddress(deployer.PublicKey))
	t.Cleanup(func() { _ = chain.Close() })
	wallet, err := contracts.DeploySmartWallet(ctx, chain.Sender(deployer), crypto.PubkeyToAddress(owner.PublicKey))
	if err != nil {
		t.Fatal(err)
	}
	f := newFixture(t, chain.Client())
	r := f.loginRequest()
	r.Address = wallet

	t.Run("owner signs", func(t *testing.T) {
		c := f.issue(t, r)
		v, err := f.svc.Verify(ctx, c.Text, sign(t, owner, c.Text), f.loginExpect())
		if err != nil {
			t.Fatal(err)
		}
		if !v.Contract || v.Address != wallet {
			t.Fatalf("Verified = %+v, want contract wallet %s", v, wallet)
		}
	})
	t.Run("another key signs", func(t *testing.T) {
		c := f.issue(t, r)
		_, err := f.svc.Verify(ctx, c.Text, sign(t, simchain.NewKey(), c.Text), f.loginExpect())
		wantErr(t, err, challenge.ErrSignature)
		// The refusal left the nonce alone: the owner can still sign in with it.
		if _, err := f.svc.Verify(ctx, c.Text, sign(t, owner, c.Text), f.loginExpect()); err != nil {
			t.Fatalf("owner after a refused attempt: %v", err)
		}
	})
	t.Run("empty signature", func(t *testing.T) {
		c := f.issue(t, r)
		_, err := f.svc.Verify(ctx, c.Text, "0x", f.loginExpect())
		wantErr(t, err, challenge.ErrSignature)
	})
	t.Run("contract without ERC-1271 reverts", func(t *testing.T) {
		other, err := chain.Sender(deployer).Deploy(ctx, &claimtopicsregistry.ClaimTopicsRegistryMetaData, nil)
		if err != nil {
			t.Fatal(err)
		}
		r := r
		r.Address = other
		c := f.issue(t, r)
		_, err = f.svc.Verify(ctx, c.Text, sign(t, owner, c.Text), f.loginExpect())
		wantErr(t, err, challenge.ErrSignature)
	})
	t.Run("wrong signer for an address without code", func(t *testing.T) {
		// The ERC-1271 call reaches no code and gets an empty answer.
		c := f.issue(t, f.loginRequest())
		_, err := f.svc.Verify(ctx, c.Text, sign(t, owner, c.Text), f.loginExpect())
		wantErr(t, err, challenge.ErrSignature)
	})
	t.Run("without a caller", func(t *testing.T) {
		svc := challenge.New(challenge.Config{Store: f.store, ChainID: testChain, Clock: f.clock.Now})
		c, err := svc.Issue(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		_, err = svc.Verify(ctx, c.Text, sign(t, owner, c.Text), f.loginExpect())
		wantErr(t, err, challenge.ErrSignature)
	})
}

// TestContractWalletChainDown: a chain that cannot be reached is not a bad
// signature; the error says to retry and the nonce stays usable.
func TestContractWalletChainDown(t *testing.T) {
	ctx := context.Background()
	down := simchain.New()
	if err := down.Close(); err != nil {
		t.Fatal(err)
	}
	f := newFixture(t, down.Client())
	r := f.loginRequest()
	r.Address = crypto.PubkeyToAddress(simchain.NewKey().PublicKey)
	c := f.issue(t, r)
	_, err := f.svc.Verify(ctx, c.Text, sign(t, f.key, c.Text), f.loginExpect())
	wantErr(t, err, challenge.ErrUnavailable)
}
