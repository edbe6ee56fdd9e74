package e2e

import (
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/idconnect/idconnect/internal/browsertest"
)

// TestScreeningWalkthrough follows the README's screening walk-through in
// Chromium with the development wallet alone: load the fixture list with
// the CLI, apply for AML and see screening approve it; screen now from
// /issuer and see the claim renew; connect the demo relying party to the
// claim; add the wallet to the list and see the relying party's next read
// show it revoked, and the hit announced on /issuer.
func TestScreeningWalkthrough(t *testing.T) {
	t.Parallel()
	tab := browsertest.Tab(t)
	srv, err := startServer(shared.bin, t.TempDir(), "--screening-renew-before", "720h", "--screening-reload", "1s")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("server output (last lines):\n%s", srv.logTail(40))
		}
		_ = srv.stop()
	})
	fixture, err := os.ReadFile("../screening/testdata/lists/addresses.csv")
	if err != nil {
		t.Fatal(err)
	}
	list := filepath.Join(t.TempDir(), "lists.csv")
	if err := os.WriteFile(list, fixture, 0o600); err != nil {
		t.Fatal(err)
	}
	load := exec.Command(shared.bin, "screening", "load", "--dev", "--data-dir", srv.DataDir, list)
	load.Env = withoutConfig(os.Environ())
	if out, err := load.CombinedOutput(); err != nil || !strings.Contains(string(out), "loaded") {
		t.Fatalf("screening load: %v\n%s", err, out)
	}

	useDevWallet := func(next string) {
		t.Helper()
		browsertest.Run(t, tab, chromedp.Click(chromedp.CSS("#connect")), chromedp.WaitVisible(chromedp.CSS("#use-dev-wallet")))
		navigate(t, tab, chromedp.Click(chromedp.CSS("#use-dev-wallet")), next)
	}
	aml := `table#claims tr[data-topic="2"]`
	// untilAML reloads the Claims page until the AML row says want.
	untilAML := func(want string) string {
		t.Helper()
		deadline := time.Now().Add(time.Minute)
		for {
			navigate(t, tab, chromedp.Navigate(srv.Issuer+"/account/claims"), claimsReady)
			if ok := browsertest.Eval[bool](t, tab, `!!document.querySelector('`+aml+`')`); ok {
				if row := text(t, tab, aml); strings.Contains(row, want) {
					return row
				}
			}
			if time.Now().After(deadline) {
				t.Fatalf("the AML row never showed %q: %s", want, text(t, tab, "main"))
			}
			time.Sleep(500 * time.Millisecond)
		}
	}
	expiry := func() string {
		return browsertest.Eval[string](t, tab, `document.querySelector('`+aml+` td time').getAttribute("datetime")`)
	}

	// 1. Apply for AML; screening finds the owner clean and approves.
	navigate(t, tab, chromedp.Navigate(srv.Issuer+"/account/claims"), loginReady)
	useDevWallet(accountReady)
	navigate(t, tab, chromedp.Navigate(srv.Issuer+"/account/claims/apply?topic=2"), applyReady)
	browsertest.Run(t, tab,
		chromedp.SendKeys(chromedp.CSS("#f-full_name"), "Ada Lovelace"),
		chromedp.SetValue(chromedp.CSS("#f-date_of_birth"), "1815-12-10"),
		chromedp.SendKeys(chromedp.CSS("#f-nationality"), "GB"),
	)
	navigate(t, tab, chromedp.Click(chromedp.CSS(applyReady)), claimsReady+" ~ .notice.ok")
	untilAML("Screening active")
	issued := expiry()

	// 2. Screen now from the console: the clean claim renews.
	time.Sleep(1100 * time.Millisecond) // a later validUntil, in seconds
	navigate(t, tab, chromedp.Navigate(srv.Issuer+"/issuer"), issuerLogin)
	useDevWallet(`main#issuer nav a[href="/issuer/screening"]`)
	wallet := text(t, tab, "main#issuer nav code.wallet")
	navigate(t, tab, chromedp.Navigate(srv.Issuer+"/issuer/screening"), "main#issuer form#run-now button")
	navigate(t, tab, chromedp.Click(chromedp.CSS("form#run-now button")), "main#issuer .notice.ok")
	if runs := text(t, tab, "table#runs tbody tr"); !strings.Contains(runs, "manual") {
		t.Fatalf("the newest run: %q", runs)
	}
	untilAML("Screening active")
	if renewed := expiry(); renewed <= issued {
		t.Fatalf("the AML claim expires %s after the run, %s before", renewed, issued)
	}
	browsertest.Screenshot(t, tab, "dashboard-screened.png")

	// 3. The demo relying party reads the claim through a persistent grant.
	v := &visitor{t: t, tab: tab, srv: srv}
	v.connectTo(consentReady, "claim:2", "offline_access")
	r := v.allow()
	r.expect(t, firstRead, http.StatusOK)
	if s := amlState(t, r); s != "valid" {
		t.Fatalf("the demo reads the AML claim as %q", s)
	}

	// 4. The wallet goes on the list: within a run the claim is revoked,
	// and the relying party's next read shows it.
	f, err := os.OpenFile(list, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(wallet + ",,MINE\n"); err != nil {
		t.Fatal(err)
	}
	f.Close()
	for deadline := time.Now().Add(time.Minute); amlState(t, r) != "revoked"; {
		if time.Now().After(deadline) {
			t.Fatalf("the demo still reads the AML claim as %q", amlState(t, r))
		}
		time.Sleep(500 * time.Millisecond)
		r = v.press("Read /userinfo again")
	}
	untilAML("revoked")
	navigate(t, tab, chromedp.Navigate(srv.Issuer+"/issuer"), "main#issuer #open-hits a")
	navigate(t, tab, chromedp.Click(chromedp.CSS("#open-hits a")), "table#hits a")
	navigate(t, tab, chromedp.Click(chromedp.CSS("table#hits a")), "form#decide-hit #confirm")
	if got := text(t, tab, "dl#hit"); !strings.Contains(got, "MINE") || !strings.Contains(got, "is listed") {
		t.Fatalf("the hit page: %q", got)
	}
	browsertest.Screenshot(t, tab, "issuer-screening-hit.png")
}

// amlState is the AML claim's state in the demo's last /userinfo read.
func amlState(t *testing.T, r demoResult) string {
	t.Helper()
	claims, _ := r.Claims(t)["onchainid_claims"].([]any)
	for _, c := range claims {
		if m, _ := c.(map[string]any); m["topic"] == float64(2) {
			s, _ := m["state"].(string)
			return s
		}
	}
	return ""
}
