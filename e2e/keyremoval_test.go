package e2e

import (
	"math/big"
	"net/http"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/params"

	"github.com/idconnect/idconnect/contracts"
	"github.com/idconnect/idconnect/contracts/bindings/idfactory"
)

// TestRemovedKeyStopsReads: wallet B is an ACTION key of A's identity and connects
// to the demo with a persistent grant. Once A removes B's key on the chain, the
// demo's next read, one block later, gets 401.
func TestRemovedKeyStopsReads(t *testing.T) {
	t.Parallel()
	a, b := newWallet(t), newWallet(t)
	owner := newVisitor(t, a)
	// A's first sign-in onboards it: the dev server creates A's identity.
	navigate(t, owner.tab, chromedp.Navigate(owner.srv.Issuer+"/login"), loginReady)
	owner.signIn(accountReady)

	ch := dialChain(t, owner.srv)
	id := ch.identityOf(a.Addr)
	if id == (common.Address{}) {
		t.Fatal("A has no identity after signing in")
	}
	if err := ch.sender(deployerKey(t, owner.srv)).Transfer(ch.ctx(), a.Addr, big.NewInt(params.Ether)); err != nil {
		t.Fatalf("fund A: %v", err)
	}
	asA := ch.sender(a.key)
	if _, err := asA.Transact(ch.ctx(), ch.factory, idfactory.NewIdFactory().PackLinkWallet(b.Addr)); err != nil {
		t.Fatalf("linkWallet(B): %v", err)
	}
	keyB := contracts.KeyID(b.Addr)
	addKey := contracts.IdentityCall().PackAddKey(keyB, big.NewInt(contracts.PurposeAction), big.NewInt(contracts.KeyTypeECDSA))
	if _, err := asA.Transact(ch.ctx(), id, addKey); err != nil {
		t.Fatalf("addKey(B, ACTION): %v", err)
	}
	if got := ch.identityOf(b.Addr); got != id {
		t.Fatalf("B resolves to %s, want A's identity %s", got, id)
	}

	v := newVisitor(t, b)
	v.connect("offline_access")
	v.signIn(consentReady)
	r := v.allow()
	r.expect(t, firstRead, http.StatusOK)
	if got := r.Claims(t); got["sub"] != caip10(id) || got["wallet"] != caip10(b.Addr) {
		t.Fatalf("userinfo names sub %v wallet %v, want A's identity and B", got["sub"], got["wallet"])
	}
	if !r.Persisted {
		t.Fatal("the demo did not get a persistent grant")
	}
	// A second read works and leaves B's purpose in the server's cache, so the 401
	// below needs the cache to drop it on the KeyRemoved event.
	v.press(readAgain).expect(t, secondRead, http.StatusOK)

	removal, err := asA.Transact(ch.ctx(), id, contracts.IdentityCall().PackRemoveKey(keyB, big.NewInt(contracts.PurposeAction)))
	if err != nil {
		t.Fatalf("removeKey(B, ACTION): %v", err)
	}
	// One more block after the removal's: any transaction mines one.
	if err := asA.Transfer(ch.ctx(), a.Addr, new(big.Int)); err != nil {
		t.Fatalf("mine one more block: %v", err)
	}
	head, err := ch.client.BlockNumber(ch.ctx())
	if err != nil {
		t.Fatal(err)
	}
	if head <= removal.BlockNumber.Uint64() {
		t.Fatalf("head %d is not past the removal's block %d", head, removal.BlockNumber)
	}
	v.press(readAgain).expect(t, secondRead, http.StatusUnauthorized)
}
