package e2e

import (
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/idconnect/idconnect/internal/browsertest"
)

// Selectors of the claim pages.
const (
	applyReady   = "main#account form#apply-form button[type=submit]"
	claimsReady  = "main#account[data-page=claims] h1"
	issuerLogin  = "main#issuer #connect"
	issuerQueue  = "main#issuer table#queue a"
	issuerOpened = "main#issuer form#decide #approve"
	issuerDone   = "main#issuer .notice.ok"
)

// TestClaimApplyApproveConnect: in Chromium, the owner applies for KYC from
// the dashboard (form fields and two PDF uploads); a reviewer, whose wallet
// holds the demo issuer's key, signs in to /issuer, opens the application
// and approves it; the owner's Claims page shows the claim, the consent
// page of the demo relying party lists it, and the demo's /userinfo read
// carries it as valid. AML, which the owner does not hold, is offered as
// "not held yet".
func TestClaimApplyApproveConnect(t *testing.T) {
	t.Parallel()
	w := newWallet(t)
	v := newVisitor(t, w)
	navigate(t, v.tab, chromedp.Navigate(v.srv.Issuer+"/login"), loginReady)
	v.signIn(accountReady)

	dir := t.TempDir()
	pdf := filepath.Join(dir, "passport.pdf")
	if err := os.WriteFile(pdf, append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte("z"), 800)...), 0o600); err != nil {
		t.Fatal(err)
	}
	navigate(t, v.tab, chromedp.Navigate(v.srv.Issuer+"/account/claims"), claimsReady+" ~ ul#apply a")
	navigate(t, v.tab, chromedp.Click(chromedp.CSS(`ul#apply a[href$="topic=1"]`)), applyReady)
	browsertest.Run(t, v.tab,
		chromedp.SendKeys(chromedp.CSS("#f-full_name"), "Ada Lovelace"),
		chromedp.SetValue(chromedp.CSS("#f-date_of_birth"), "1815-12-10"),
		chromedp.SendKeys(chromedp.CSS("#f-nationality"), "GB"),
		chromedp.SetUploadFiles(chromedp.CSS("#d-id_document"), []string{pdf}),
		chromedp.SetUploadFiles(chromedp.CSS("#d-proof_of_address"), []string{pdf}),
	)
	navigate(t, v.tab, chromedp.Click(chromedp.CSS(applyReady)), claimsReady+" ~ .notice.ok")
	if got := text(t, v.tab, "table#applications"); !strings.Contains(got, "pending") {
		t.Fatalf("applications after applying: %q", got)
	}

	key, err := crypto.LoadECDSA(filepath.Join(v.srv.DataDir, "dev-issuer.key"))
	if err != nil {
		t.Fatal(err)
	}
	rw := &wallet{key: key, Addr: crypto.PubkeyToAddress(key.PublicKey), chainID: devChainHex}
	reviewer := newVisitor(t, rw)
	navigate(t, reviewer.tab, chromedp.Navigate(reviewer.srv.Issuer+"/issuer"), issuerLogin)
	navigate(t, reviewer.tab, chromedp.Click(chromedp.CSS("#connect")), issuerQueue)
	navigate(t, reviewer.tab, chromedp.Click(chromedp.CSS(issuerQueue)), issuerOpened)
	if got := text(t, reviewer.tab, "dl#fields"); !strings.Contains(got, "Ada Lovelace") || !strings.Contains(got, "GB") {
		t.Fatalf("the reviewer sees %q", got)
	}
	if got := text(t, reviewer.tab, "ul#documents"); !strings.Contains(got, "application/pdf") {
		t.Fatalf("documents: %q", got)
	}
	browsertest.Screenshot(t, reviewer.tab, "issuer-application.png")
	navigate(t, reviewer.tab, chromedp.Click(chromedp.CSS("#approve")), issuerDone)

	navigate(t, v.tab, chromedp.Navigate(v.srv.Issuer+"/account/claims"), claimsReady)
	if got := text(t, v.tab, `table#claims tr[data-topic="1"]`); !strings.Contains(got, "valid") || !strings.Contains(got, "demo issuer") {
		t.Fatalf("the Claims page shows %q", got)
	}
	browsertest.Screenshot(t, v.tab, "dashboard-claims.png")

	v.connectTo(consentReady, "claim:1", "claim:2")
	items := text(t, v.tab, "fieldset.items")
	if !strings.Contains(items, "KYC claim (topic 1) from the idconnect demo issuer") || !strings.Contains(items, "AML claim (topic 2): not held yet") {
		t.Fatalf("the consent page lists %q", items)
	}
	r := v.allow()
	r.expect(t, firstRead, http.StatusOK)
	claims, _ := r.Claims(t)["onchainid_claims"].([]any)
	valid := false
	for _, c := range claims {
		m, _ := c.(map[string]any)
		valid = valid || (m["topic"] == float64(1) && m["state"] == "valid")
	}
	if !valid {
		t.Fatalf("the demo's /userinfo carries %v", claims)
	}
}

// TestDevWalletWalkthrough follows the README's walkthrough with nothing but
// the built-in development wallet, in Chromium: sign in to the account, apply
// for KYC, open /issuer with the same wallet and approve, see the claim on
// the Claims page, then connect from the demo relying party and read it in
// its /userinfo.
func TestDevWalletWalkthrough(t *testing.T) {
	t.Parallel()
	srv := shared.server(t)
	tab := browsertest.Tab(t)
	useDevWallet := func(next string) {
		t.Helper()
		browsertest.Run(t, tab, chromedp.Click(chromedp.CSS("#connect")), chromedp.WaitVisible(chromedp.CSS("#use-dev-wallet")))
		navigate(t, tab, chromedp.Click(chromedp.CSS("#use-dev-wallet")), next)
	}
	navigate(t, tab, chromedp.Navigate(srv.Issuer+"/account/claims"), loginReady)
	useDevWallet(accountReady)

	dir := t.TempDir()
	pdf := filepath.Join(dir, "passport.pdf")
	if err := os.WriteFile(pdf, append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte("z"), 800)...), 0o600); err != nil {
		t.Fatal(err)
	}
	navigate(t, tab, chromedp.Navigate(srv.Issuer+"/account/claims/apply?topic=1"), applyReady)
	browsertest.Run(t, tab,
		chromedp.SendKeys(chromedp.CSS("#f-full_name"), "Ada Lovelace"),
		chromedp.SetValue(chromedp.CSS("#f-date_of_birth"), "1815-12-10"),
		chromedp.SendKeys(chromedp.CSS("#f-nationality"), "GB"),
		chromedp.SetUploadFiles(chromedp.CSS("#d-id_document"), []string{pdf}),
		chromedp.SetUploadFiles(chromedp.CSS("#d-proof_of_address"), []string{pdf}),
	)
	navigate(t, tab, chromedp.Click(chromedp.CSS(applyReady)), claimsReady+" ~ .notice.ok")

	navigate(t, tab, chromedp.Navigate(srv.Issuer+"/issuer"), issuerLogin)
	useDevWallet(issuerQueue)
	navigate(t, tab, chromedp.Click(chromedp.CSS(issuerQueue)), issuerOpened)
	navigate(t, tab, chromedp.Click(chromedp.CSS("#approve")), issuerDone)

	navigate(t, tab, chromedp.Navigate(srv.Issuer+"/account/claims"), claimsReady)
	if got := text(t, tab, `table#claims tr[data-topic="1"]`); !strings.Contains(got, "valid") {
		t.Fatalf("the Claims page shows %q", got)
	}

	navigate(t, tab, chromedp.Navigate(srv.Demo+"/"), "form button.connect")
	browsertest.Run(t, tab, chromedp.Click(chromedp.CSS(`input[name="scope"][value="claim:1"]`)))
	if !browsertest.Eval[bool](t, tab, `document.querySelector('input[name="scope"][value="claim:1"]').checked`) {
		browsertest.Run(t, tab, chromedp.Click(chromedp.CSS(`input[name="scope"][value="claim:1"]`)))
	}
	navigate(t, tab, chromedp.Click(chromedp.CSS("form button.connect")), consentReady)
	if items := text(t, tab, "fieldset.items"); !strings.Contains(items, "KYC claim (topic 1) from the idconnect demo issuer") {
		t.Fatalf("the consent page lists %q", items)
	}
	navigate(t, tab, chromedp.Click(chromedp.CSS("#allow")), demoPage)
	if got := text(t, tab, "#userinfo"); !strings.Contains(got, `"state":"valid"`) && !strings.Contains(got, `"state": "valid"`) {
		t.Fatalf("the demo's /userinfo: %s", got)
	}
}
