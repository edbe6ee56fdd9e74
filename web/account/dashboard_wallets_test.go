package account_test

import (
	"context"
	"math/big"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"
	"golang.org/x/net/html"

	"github.com/idconnect/idconnect/contracts"
	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/internal/simchain"
)

// keysOnPage reads the key list: each key (its wallet, or its hash) with its
// purposes.
func keysOnPage(p dashPage) map[string]string {
	out := map[string]string{}
	for _, row := range dashAll(p.doc, func(n *html.Node) bool { return n.Data == "tr" && n.Parent.Data == "tbody" }) {
		cells := dashAll(row, func(n *html.Node) bool { return n.Data == "td" })
		var purposes []string
		for _, s := range dashAll(cells[1], func(n *html.Node) bool { return dashAttr(n, "class") == "purpose" }) {
			purposes = append(purposes, dashText(s))
		}
		key := dashAll(cells[0], func(n *html.Node) bool { return n.Data == "code" })[0]
		out[dashText(key)] = strings.Join(purposes, " ")
	}
	return out
}

// TestDashboardWalletsAddAndRemove: the page lists the identity's keys from the
// chain with the signed-in wallet marked; the add form prepares exactly the
// addKey call, which, sent from the owner's wallet, adds the key; the list then
// shows it, and the Remove form's removeKey call takes it away again.
func TestDashboardWalletsAddAndRemove(t *testing.T) {
	e := newDashEnv(t)
	p := e.mustGet("/account/wallets")
	if got := keysOnPage(p); len(got) != 1 || got[e.wallet.Hex()] != "management" {
		t.Fatalf("keys listed: %v", got)
	}
	if !strings.Contains(dashText(p.byID(t, "keys")), "you") {
		t.Error("the signed-in wallet is not marked")
	}

	added := crypto.PubkeyToAddress(simchain.NewKey().PublicKey)
	call := e.post("/account/wallets/prepare", url.Values{"action": {"add"}, "address": {strings.ToLower(added.Hex())}, "purpose": {"2"}})
	if call.status != http.StatusOK {
		t.Fatalf("prepare add = %d\n%s", call.status, call.body)
	}
	data := dashText(call.byID(t, "call-data"))
	want := hexutil.Encode(contracts.IdentityCall().PackAddKey(contracts.KeyID(added), big.NewInt(2), big.NewInt(1)))
	if data != want || dashText(call.byID(t, "call-to")) != e.id.Hex() {
		t.Fatalf("prepared call to %s data %s, want to %s data %s", dashText(call.byID(t, "call-to")), data, e.id.Hex(), want)
	}
	section := call.byID(t, "call")
	if dashAttr(section, "data-from") != e.wallet.Hex() || dashAttr(section, "data-to") != e.id.Hex() || dashAttr(section, "data-data") != want {
		t.Errorf("the call's data attributes: %v", section.Attr)
	}
	if got := dashText(call.byID(t, "summary")); got != "Add "+added.Hex()+" as an action key of your identity." {
		t.Errorf("summary %q", got)
	}
	if send := call.byID(t, "send"); dashAttr(send, "type") != "button" {
		t.Error("Send with wallet is not a script button")
	}

	block := e.send(e.id, data)
	p = e.mustGet("/account/wallets?done=sent&block=" + strconv.FormatUint(block, 10))
	keyID := contracts.KeyID(added).Hex()
	if got := keysOnPage(p); got[keyID] != "action" || !strings.Contains(dashText(p.doc), "The transaction was mined.") {
		t.Fatalf("after addKey the keys are %v", got)
	}

	removal := e.post("/account/wallets/prepare", url.Values{"action": {"remove"}, "key": {keyID}, "purpose": {"2"}})
	if removal.status != http.StatusOK || removal.has("warning") {
		t.Fatalf("prepare remove = %d (warning shown: %v)", removal.status, removal.has("warning"))
	}
	wantRemove := hexutil.Encode(contracts.IdentityCall().PackRemoveKey(common.HexToHash(keyID), big.NewInt(2)))
	if got := dashText(removal.byID(t, "call-data")); got != wantRemove {
		t.Fatalf("removeKey data %s, want %s", got, wantRemove)
	}
	block = e.send(e.id, wantRemove)
	p = e.mustGet("/account/wallets?done=sent&block=" + strconv.FormatUint(block, 10))
	if got := keysOnPage(p); len(got) != 1 {
		t.Errorf("after removeKey the keys are %v", got)
	}

	own := e.post("/account/wallets/prepare", url.Values{"action": {"remove"}, "key": {contracts.KeyID(e.wallet).Hex()}, "purpose": {"1"}})
	if !own.has("warning") || !strings.Contains(dashText(own.byID(t, "summary")), "the wallet you are signed in with") {
		t.Error("removing the signed-in wallet's management purpose gives no warning")
	}
}

// TestDashboardWalletFormErrors: a mistyped address or purpose shows the form
// again with a message on the field; edited hidden fields get 400.
func TestDashboardWalletFormErrors(t *testing.T) {
	e := newDashEnv(t)
	p := e.post("/account/wallets/prepare", url.Values{"action": {"add"}, "address": {"0x12"}, "purpose": {"7"}})
	if p.status != http.StatusUnprocessableEntity {
		t.Fatalf("bad add form = %d", p.status)
	}
	if !strings.Contains(dashText(p.byID(t, "e-address")), "40 hexadecimal digits") || dashAttr(p.byID(t, "f-address"), "value") != "0x12" ||
		!strings.Contains(dashText(p.byID(t, "e-purpose")), "management, action or claim") {
		t.Errorf("field errors not shown:\n%s", p.body)
	}
	if len(keysOnPage(p)) != 1 {
		t.Error("the key list is missing under the form errors")
	}
	for _, form := range []url.Values{
		{"action": {"remove"}, "key": {"0x12"}, "purpose": {"1"}},
		{"action": {"remove"}, "key": {contracts.KeyID(e.wallet).Hex()}, "purpose": {"9"}},
		{"action": {"steal"}},
	} {
		if p := e.post("/account/wallets/prepare", form); p.status != http.StatusBadRequest {
			t.Errorf("form %v = %d, want 400", form, p.status)
		}
	}
}

// TestDashboardClaims lists each claim with its topic name, issuer, state and
// expiry, as the chain and the trusted issuers registry judge it.
func TestDashboardClaims(t *testing.T) {
	e := newDashEnv(t)
	if p := e.mustGet("/account/claims"); !strings.Contains(dashText(p.doc), "There are no claims on your identity yet.") {
		t.Error("no empty-state text")
	}
	until := time.Date(2031, 3, 4, 5, 6, 0, 0, time.UTC)
	issuer := e.addClaim(1, until, true)
	untrusted := e.addClaim(2, time.Time{}, false)
	e.dash.IssuerNames = map[common.Address]string{issuer: "Demo KYC Ltd"}

	p := e.mustGet("/account/claims")
	rows := dashAll(p.byID(t, "claims"), func(n *html.Node) bool { return n.Data == "tr" && n.Parent.Data == "tbody" })
	var got []string
	for _, r := range rows {
		got = append(got, dashText(r))
	}
	want := []string{
		"KYC (topic 1) Demo KYC Ltd valid 4 Mar 2031, 05:06 UTC",
		"AML (topic 2) " + untrusted.Hex() + " untrusted never",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("claims:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// addClaim has a new ClaimIssuer sign a claim on the owner's identity; trusted
// registers it for the topic.
func (e *dashEnv) addClaim(topic uint64, until time.Time, trusted bool) common.Address {
	e.t.Helper()
	ctx := context.Background()
	signer := simchain.NewKey()
	var topics []uint64
	if trusted {
		topics = []uint64{topic}
	}
	issuer, err := contracts.DeployClaimIssuer(ctx, e.deployer, e.suite, crypto.PubkeyToAddress(signer.PublicKey), topics...)
	if err != nil {
		e.t.Fatal(err)
	}
	data := identity.EncodeClaimData(identity.ClaimData{ValidUntil: until})
	digest := identity.ClaimDigest(e.id, topic, data)
	sig, err := crypto.Sign(digest[:], signer)
	if err != nil {
		e.t.Fatal(err)
	}
	sig[64] += 27
	call := contracts.IdentityCall().PackAddClaim(new(big.Int).SetUint64(topic), big.NewInt(1), issuer, sig, data, "")
	receipt, err := e.chain.Sender(e.ownerKey).Transact(ctx, e.id, call)
	if err != nil {
		e.t.Fatal(err)
	}
	if err := e.cache.WaitBlock(ctx, receipt.BlockNumber.Uint64()); err != nil {
		e.t.Fatal(err)
	}
	return issuer
}

// TestRemovedWalletIsSignedOut: once an action key is removed from the
// identity on the chain, the session that wallet started no longer opens the
// dashboard, while the owner's own session still does.
func TestRemovedWalletIsSignedOut(t *testing.T) {
	e := newDashEnv(t)
	lost := crypto.PubkeyToAddress(simchain.NewKey().PublicKey)
	e.send(e.id, hexutil.Encode(contracts.IdentityCall().PackAddKey(contracts.KeyID(lost), big.NewInt(2), big.NewInt(1))))
	thief := e.signIn(e.id, lost)
	if p := e.do(thief, "GET", "/account/grants", nil); p.status != http.StatusOK {
		t.Fatalf("the action key's session = %d", p.status)
	}
	block := e.send(e.id, hexutil.Encode(contracts.IdentityCall().PackRemoveKey(contracts.KeyID(lost), big.NewInt(2))))
	if err := e.cache.WaitBlock(context.Background(), block); err != nil {
		t.Fatal(err)
	}
	if p := e.do(thief, "GET", "/account/grants", nil); p.status != http.StatusSeeOther || p.location != "/login" {
		t.Fatalf("after removeKey the session = %d %s", p.status, p.location)
	}
	if p := e.do(thief, "POST", "/account/webhook", url.Values{"url": {"https://evil.example/hook"}}); p.status != http.StatusSeeOther {
		t.Fatalf("after removeKey a webhook change = %d", p.status)
	}
	e.mustGet("/account/grants")
}
