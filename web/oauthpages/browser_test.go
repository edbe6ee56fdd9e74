package oauthpages_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/idconnect/idconnect/internal/browsertest"
)

func TestBrowserNoWallet(t *testing.T) {
	for _, dev := range []bool{false, true} {
		f := newFlowServer(t, dev)
		tab := browsertest.Tab(t)
		browsertest.OpenPage(t, tab, f.srv.URL+"/login", "#connect")
		browsertest.Screenshot(t, tab, "login.png")
		browsertest.Run(t, tab, chromedp.Click(chromedp.CSS("#connect")), chromedp.WaitVisible(chromedp.CSS("#no-wallet")))
		browsertest.Screenshot(t, tab, fmt.Sprintf("login-no-wallet-dev-%v.png", dev))
		if got := browsertest.Text(t, tab, "#no-wallet h2"); got != "No wallet found" {
			t.Errorf("dev=%v: heading %q", dev, got)
		}
		offered := browsertest.Eval[bool](t, tab, `!!document.querySelector("#use-dev-wallet") && document.querySelector("#use-dev-wallet").offsetParent !== null`)
		if offered != dev {
			t.Errorf("dev=%v: development wallet offered = %v", dev, offered)
		}
		if browsertest.Eval[bool](t, tab, `"ethereum" in window`) {
			t.Errorf("dev=%v: a provider was installed without being chosen", dev)
		}
		if n, _, _ := f.results(); n != 0 {
			t.Errorf("dev=%v: %d challenges without a wallet", dev, n)
		}
	}
}

func TestBrowserDevWalletLogin(t *testing.T) {
	f := newFlowServer(t, true)
	tab := browsertest.Tab(t)
	browsertest.OpenPage(t, tab, f.srv.URL+"/login", "#connect")
	browsertest.Run(t, tab,
		chromedp.Click(chromedp.CSS("#connect")),
		chromedp.Click(chromedp.CSS("#use-dev-wallet")),
		chromedp.WaitVisible(chromedp.CSS("main#error h1")))
	if loc := browsertest.Eval[string](t, tab, `location.pathname`); loc != "/done" {
		t.Fatalf("ended at %s", loc)
	}
	accounts := f.wallet.Accounts()
	_, signedIn, _ := f.results()
	if len(accounts) != 1 || !slices.Equal(signedIn, accounts) {
		t.Fatalf("signed in %v with dev accounts %v", signedIn, accounts)
	}
	// The browser remembers the account: a second login signs with the same key.
	browsertest.OpenPage(t, tab, f.srv.URL+"/login", "#connect")
	browsertest.Run(t, tab,
		chromedp.Click(chromedp.CSS("#connect")),
		chromedp.Click(chromedp.CSS("#use-dev-wallet")),
		chromedp.WaitVisible(chromedp.CSS("main#error h1")))
	if _, signedIn, _ = f.results(); len(signedIn) != 2 || signedIn[1] != accounts[0] || len(f.wallet.Accounts()) != 1 {
		t.Errorf("second login: %v, accounts %v", signedIn, f.wallet.Accounts())
	}
}

// testProvider is an injected EIP-1193 wallet: it holds one dev-wallet account and
// signs through the dev wallet's endpoint, starts on the given chain, can switch,
// and rejects signing when told to.
func testProvider(address, chain string, reject bool) string {
	return `(() => {
  let chain = "` + chain + `";
  const reject = ` + map[bool]string{true: "true", false: "false"}[reject] + `;
  window.ethereum = { async request({ method, params }) {
    switch (method) {
    case "eth_requestAccounts": return ["` + address + `"];
    case "eth_chainId": return chain;
    case "wallet_switchEthereumChain": chain = params[0].chainId; return null;
    case "personal_sign":
      if (reject) { throw { code: 4001, message: "User rejected the request." }; }
      const res = await fetch("/dev/wallet/sign", { method: "POST", body: JSON.stringify({ address: params[1], message: params[0] }) });
      return (await res.json()).signature;
    }
    throw { code: 4200, message: "unsupported " + method };
  } };
})();`
}

func TestBrowserRejectedSignature(t *testing.T) {
	f := newFlowServer(t, true)
	addr, err := f.wallet.NewAccount()
	if err != nil {
		t.Fatal(err)
	}
	tab := browsertest.Tab(t)
	browsertest.Inject(t, tab, testProvider(addr.Hex(), "0x539", true))
	browsertest.OpenPage(t, tab, f.srv.URL+"/login", "#connect")
	browsertest.Run(t, tab, chromedp.Click(chromedp.CSS("#connect")), chromedp.WaitVisible(chromedp.CSS("#problem")), chromedp.WaitEnabled(chromedp.CSS("#connect")))
	browsertest.Screenshot(t, tab, "login-rejected.png")
	if got := browsertest.Text(t, tab, "#problem"); !strings.HasPrefix(got, "You declined the request in your wallet") {
		t.Errorf("problem shown: %q", got)
	}
	if browsertest.Eval[bool](t, tab, `document.querySelector("#no-wallet").offsetParent !== null`) {
		t.Error("a real wallet was present, yet the no-wallet notice shows")
	}
	if n, signedIn, _ := f.results(); n != 1 || len(signedIn) != 0 {
		t.Errorf("%d challenges, signed in %v", n, signedIn)
	}
}

func TestBrowserWrongChain(t *testing.T) {
	f := newFlowServer(t, false)
	addr, err := f.wallet.NewAccount()
	if err != nil {
		t.Fatal(err)
	}
	tab := browsertest.Tab(t)
	browsertest.Inject(t, tab, testProvider(addr.Hex(), "0x1", false))
	browsertest.OpenPage(t, tab, f.srv.URL+"/login", "#connect")
	browsertest.Run(t, tab, chromedp.Click(chromedp.CSS("#connect")), chromedp.WaitVisible(chromedp.CSS("#wrong-chain")))
	browsertest.Screenshot(t, tab, "login-wrong-chain.png")
	if got := browsertest.Text(t, tab, "#wrong-chain p"); got != "Your wallet is on chain 1 (0x1), but this sign-in needs chain 1337 (Development chain)." {
		t.Errorf("wrong chain notice: %q", got)
	}
	if n, _, _ := f.results(); n != 0 {
		t.Error("a challenge was fetched on the wrong chain")
	}
	browsertest.Run(t, tab, chromedp.Click(chromedp.CSS("#switch-chain")), chromedp.WaitVisible(chromedp.CSS("main#error h1")))
	if _, signedIn, _ := f.results(); len(signedIn) != 1 || signedIn[0] != addr {
		t.Errorf("after switching: signed in %v", signedIn)
	}
}

func TestBrowserNoIdentity(t *testing.T) {
	f := newFlowServer(t, false)
	addr, err := f.wallet.NewAccount()
	if err != nil {
		t.Fatal(err)
	}
	f.noIdentity[strings.ToLower(addr.Hex())] = true
	tab := browsertest.Tab(t)
	browsertest.Inject(t, tab, testProvider(addr.Hex(), "0x539", false))
	browsertest.OpenPage(t, tab, f.srv.URL+"/login", "#connect")
	browsertest.Run(t, tab, chromedp.Click(chromedp.CSS("#connect")), chromedp.WaitVisible(chromedp.CSS("main#no-identity")))
}

func TestBrowserConsent(t *testing.T) {
	f := newFlowServer(t, true)
	addr, err := f.wallet.NewAccount()
	if err != nil {
		t.Fatal(err)
	}
	f.consent.Wallet = addr.Hex()
	tab := browsertest.Tab(t)
	// The owner chose the development wallet at login; the browser remembers it.
	browsertest.Inject(t, tab, `localStorage.setItem("idconnect.devwallet.address", "`+addr.Hex()+`");`)
	browsertest.OpenPage(t, tab, f.srv.URL+"/consent", "#allow")
	browsertest.Screenshot(t, tab, "consent.png")
	browsertest.Run(t, tab,
		chromedp.Click(chromedp.CSS("#item-2")), // untick the phone number
		chromedp.Click(chromedp.CSS("#allow")),
		chromedp.WaitVisible(chromedp.CSS("#cb")))
	if got := browsertest.Text(t, tab, "#cb"); got != "code=abc" {
		t.Errorf("client received %q", got)
	}
	if _, _, consented := f.results(); len(consented) != 1 || !slices.Equal(consented[0], []string{"profile", "email"}) {
		t.Errorf("consented to %v, want [profile email]", consented)
	}

	// Deny is a plain form: it works with scripts off, and the 303 to the client's
	// origin is not blocked (the CSP has no form-action).
	browsertest.Run(t, tab, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	}))
	browsertest.Run(t, tab,
		chromedp.Navigate(f.srv.URL+"/consent"),
		chromedp.Click(chromedp.Search("//button[text()='Deny']")),
		chromedp.WaitVisible(chromedp.CSS("#cb")))
	if got := browsertest.Text(t, tab, "#cb"); got != "error=access_denied" {
		t.Errorf("client received %q after Deny", got)
	}
}
