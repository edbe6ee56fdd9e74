package e2e

import (
	"bytes"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/internal/browsertest"
)

// Labels of the demo's buttons and of its calls, as the demo shows them.
const (
	readAgain   = "Read /userinfo again"
	refresh     = "Refresh the access token"
	revoke      = "Revoke the grant"
	firstRead   = "First /userinfo read"
	secondRead  = "Second /userinfo read"
	afterFresh  = "/userinfo with the refreshed token"
	afterRevoke = "/userinfo after revoking the grant"
)

// TestImmediateGrantReadsOnce: the owner fills in a profile, then connects to the
// demo, which asks for name, email and phone; the owner unticks the phone number on
// the consent page. The demo's first /userinfo read returns exactly the granted
// fields of a one-time grant; the second gets 401.
func TestImmediateGrantReadsOnce(t *testing.T) {
	t.Parallel()
	w := newWallet(t)
	v := newVisitor(t, w)
	v.saveProfile(map[string]string{"name": "Ada Lovelace", "email": "ada@example.com", "phone_number": "+441234567890"})

	// Signed in for the profile, the owner is not asked to sign in again.
	v.connectTo(consentReady, "profile", "email", "phone")
	browsertest.Screenshot(t, v.tab, "consent.png")
	if got := text(t, v.tab, "main#consent .grant-kind"); got != "Duration of access: one-time access" {
		t.Errorf("consent page says %q", got)
	}
	browsertest.Run(t, v.tab, chromedp.Click(chromedp.CSS(`main#consent input[name="scope"][value="phone"]`))) // the owner unticks the phone number
	r := v.allow()
	browsertest.Screenshot(t, v.tab, "demo-result.png")
	r.expect(t, firstRead, http.StatusOK)
	if r.Persisted || slices.Contains(r.Buttons, refresh) {
		t.Errorf("an immediate grant shows as persistent (buttons %q)", r.Buttons)
	}
	id := dialChain(t, v.srv).identityOf(w.Addr)
	if id == (common.Address{}) {
		t.Fatal("the wallet has no identity after its first login: dev onboarding did not run")
	}
	claims := r.Claims(t)
	want := map[string]any{"sub": caip10(id), "wallet": caip10(w.Addr), "name": "Ada Lovelace", "email": "ada@example.com"}
	for k, val := range want {
		if claims[k] != val {
			t.Errorf("userinfo %s = %v, want %v", k, claims[k], val)
		}
	}
	if _, ok := claims["phone_number"]; ok {
		t.Errorf("userinfo discloses phone_number, which the owner unticked: %v", claims)
	}
	var token struct{ Scope string }
	if err := json.Unmarshal([]byte(text(t, v.tab, "#access-token")), &token); err != nil || !sameSet(strings.Fields(token.Scope), []string{"openid", "profile", "email"}) {
		t.Errorf("access token scope %q (%v), want openid profile email", token.Scope, err)
	}

	// The owner signed in once (account, reused for the demo) and consented once,
	// to the demo's callback.
	signed := w.Signed()
	if len(signed) != 2 {
		t.Fatalf("the wallet signed %d messages, want 2", len(signed))
	}
	if c := signed[1].Text; !strings.Contains(c, "\nURI: "+v.srv.Demo+"/callback\n") || !strings.Contains(c, "urn:recap:") {
		t.Errorf("the consent message is not addressed to the demo's callback with a ReCap:\n%s", c)
	}

	v.press(readAgain).expect(t, secondRead, http.StatusUnauthorized)
}

// TestPersistentGrantRefreshAndRevoke: with offline_access the demo gets a refresh
// token; reads keep working, refresh works, and after the owner's grant is revoked
// both reads and refreshes fail.
func TestPersistentGrantRefreshAndRevoke(t *testing.T) {
	t.Parallel()
	v := newVisitor(t, newWallet(t))
	v.connect("offline_access")
	v.signIn(consentReady)
	if got := text(t, v.tab, "main#consent .grant-kind"); got != "Duration of access: until you revoke it" {
		t.Errorf("consent page says %q", got)
	}
	r := v.allow()
	r.expect(t, firstRead, http.StatusOK)
	if !r.Persisted || !slices.Contains(r.Buttons, refresh) || !slices.Contains(r.Buttons, revoke) {
		t.Fatalf("the demo did not get a persistent grant (buttons %q)", r.Buttons)
	}
	if got := r.Claims(t)["wallet"]; got != caip10(v.w.Addr) {
		t.Errorf("userinfo wallet = %v", got)
	}
	v.press(readAgain).expect(t, secondRead, http.StatusOK)

	before := text(t, v.tab, "#access-token")
	v.press(refresh).expect(t, afterFresh, http.StatusOK)
	if after := text(t, v.tab, "#access-token"); after == before {
		t.Error("refreshing did not change the access token")
	}

	v.press(revoke).expect(t, afterRevoke, http.StatusUnauthorized)
	v.press(readAgain).expect(t, secondRead, http.StatusUnauthorized)
	if r := v.press(refresh); r.Action != "Refresh" || r.Status != http.StatusBadRequest {
		t.Errorf("refresh after revocation: demo shows %q: HTTP %d (%s)", r.Action, r.Status, r.UserInfo)
	}
}

// TestDenyShowsAccessDenied: declining in the wallet leaves the owner on the consent
// page with a plain explanation; Deny sends the demo access_denied.
func TestDenyShowsAccessDenied(t *testing.T) {
	t.Parallel()
	w := newWallet(t)
	v := newVisitor(t, w)
	v.connect("profile")
	v.signIn(consentReady)

	w.setReject(true)
	browsertest.Run(t, v.tab, chromedp.Click(chromedp.CSS("#allow")), chromedp.WaitVisible(chromedp.CSS("#problem")), chromedp.WaitEnabled(chromedp.CSS("#allow")))
	if got := text(t, v.tab, "#problem"); !strings.HasPrefix(got, "You declined the request in your wallet") {
		t.Errorf("after a declined signature the consent page says %q", got)
	}

	navigate(t, v.tab, chromedp.Click(chromedp.Search(`//main[@id="consent"]//button[normalize-space()="Deny"]`)), demoPage)
	r := v.result()
	if r.Heading != "Not connected" || !strings.Contains(r.Error, "access_denied") {
		t.Errorf("after Deny the demo shows %q: %q", r.Heading, r.Error)
	}
	if n := len(w.Signed()); n != 1 {
		t.Errorf("the wallet signed %d messages, want only the login", n)
	}
}

// TestWrongChainRefusesLogin: a wallet on Ethereum mainnet is told which chain the
// sign-in needs, signs nothing, gets no session and no identity.
func TestWrongChainRefusesLogin(t *testing.T) {
	t.Parallel()
	w := newWallet(t)
	w.setChain("0x1")
	v := newVisitor(t, w)
	v.connect("profile")
	browsertest.Run(t, v.tab, chromedp.Click(chromedp.CSS("#connect")), chromedp.WaitVisible(chromedp.CSS("#wrong-chain")), chromedp.WaitEnabled(chromedp.CSS("#connect")))
	browsertest.Screenshot(t, v.tab, "login-wrong-chain.png")
	const want = "Your wallet is on chain 1 (0x1), but this sign-in needs chain 1337 (idconnect dev chain)."
	if got := text(t, v.tab, "#wrong-chain p"); got != want {
		t.Errorf("wrong-chain notice = %q, want %q", got, want)
	}
	if got := browsertest.Eval[string](t, v.tab, `location.pathname`); got != "/login" {
		t.Errorf("the page moved on to %s", got)
	}
	if n := len(w.Signed()); n != 0 {
		t.Errorf("the wallet signed %d messages on the wrong chain", n)
	}
	if id := dialChain(t, v.srv).identityOf(w.Addr); id != (common.Address{}) {
		t.Errorf("the wallet was onboarded (identity %s) without signing in", id)
	}
	// No session either: the account page sends the browser to sign in.
	navigate(t, v.tab, chromedp.Navigate(v.srv.Issuer+"/account/profile"), loginReady)
}

// TestReplayedLoginIsRefused: the exact login message and signature of a completed
// sign-in, posted again to /login from another client, get 403 wrong_browser: the
// message and its request are bound to the browser that asked for them. (A replay
// from the same browser gets 400 replayed: cmd/idconnect TestDenyAndReplay.)
func TestReplayedLoginIsRefused(t *testing.T) {
	t.Parallel()
	w := newWallet(t)
	v := newVisitor(t, w)
	v.connect("profile")
	v.signIn(consentReady)
	signed := w.Signed()
	if len(signed) != 1 {
		t.Fatalf("the wallet signed %d messages, want the login", len(signed))
	}
	login := signed[0]
	request := siweField(t, login.Text, "Request ID")
	if want := browsertest.Eval[string](t, v.tab, `document.querySelector("main#consent").dataset.request`); request != want {
		t.Fatalf("the login message names request %q, the consent page %q", request, want)
	}

	body, _ := json.Marshal(map[string]string{"request": request, "message": login.Text, "signature": login.Signature})
	client := &http.Client{Timeout: 10 * time.Second}
	resp, err := client.Post(v.srv.Issuer+"/login", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct{ Error, Message string }
	_ = json.NewDecoder(resp.Body).Decode(&out)
	if resp.StatusCode != http.StatusForbidden || out.Error != "wrong_browser" {
		t.Fatalf("replayed login = %d %+v, want 403 wrong_browser", resp.StatusCode, out)
	}
}

// siweField returns the value of a "Name: value" line of an EIP-4361 message.
func siweField(t *testing.T, msg, name string) string {
	t.Helper()
	for line := range strings.SplitSeq(msg, "\n") {
		if v, ok := strings.CutPrefix(line, name+": "); ok {
			return v
		}
	}
	t.Fatalf("no %s in the message:\n%s", name, msg)
	return ""
}
