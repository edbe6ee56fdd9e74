package e2e

import (
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/idconnect/idconnect/internal/browsertest"
)

// visitor is one person at one browser: a tab in its own browser context, with
// their wallet injected, on the shared server.
type visitor struct {
	t   *testing.T
	tab context.Context
	w   *wallet
	srv *server
}

// newVisitor checks for Chromium first, so a missing browser is what a test reports.
func newVisitor(t *testing.T, w *wallet) *visitor {
	t.Helper()
	tab := newTab(t, w)
	return &visitor{t: t, tab: tab, w: w, srv: shared.server(t)}
}

// Selectors of the pages the tests drive.
const (
	loginReady   = "main#login #connect" // enabled once login.js runs
	consentReady = "main#consent #allow" // enabled once consent.js runs
	demoPage     = "main h1"             // every demo page
	profileSaved = "main#profile .notice.ok"
	// accountReady is the dashboard's overview, where signing in to the
	// account leads.
	accountReady = "main#account[data-page=overview] h1"
)

// connect opens the demo relying party, ticks exactly the given scopes (openid is
// always asked), and clicks "Connect with ONCHAINID"; it waits for the login page.
func (v *visitor) connect(scopes ...string) {
	v.t.Helper()
	v.connectTo(loginReady, scopes...)
}

// connectTo is connect for a browser that may already be signed in: a live
// session is reused, so the demo's button leads to the page ready matches.
func (v *visitor) connectTo(ready string, scopes ...string) {
	v.t.Helper()
	navigate(v.t, v.tab, chromedp.Navigate(v.srv.Demo+"/"), "form button.connect")
	for _, box := range browsertest.Eval[[]scopeBox](v.t, v.tab, `Array.from(document.querySelectorAll('input[name="scope"]'), (i) => ({value: i.value, checked: i.checked}))`) {
		if box.Checked != slices.Contains(scopes, box.Value) {
			browsertest.Run(v.t, v.tab, chromedp.Click(chromedp.CSS(`input[name="scope"][value="`+box.Value+`"]`)))
		}
	}
	got := browsertest.Eval[[]string](v.t, v.tab, `Array.from(document.querySelectorAll('input[name="scope"]:checked'), (i) => i.value)`)
	if !sameSet(got, scopes) {
		v.t.Fatalf("ticked %v on the demo, want %v", got, scopes)
	}
	navigate(v.t, v.tab, chromedp.Click(chromedp.CSS("form button.connect")), ready)
}

type scopeBox struct {
	Value   string `json:"value"`
	Checked bool   `json:"checked"`
}

// signIn clicks "Connect wallet" on the login page and waits for the page it leads
// to (ready).
func (v *visitor) signIn(ready string) {
	v.t.Helper()
	navigate(v.t, v.tab, chromedp.Click(chromedp.CSS("#connect")), ready)
}

// saveProfile signs in to the owner's account at the issuer and fills in the
// profile form.
func (v *visitor) saveProfile(fields map[string]string) {
	v.t.Helper()
	navigate(v.t, v.tab, chromedp.Navigate(v.srv.Issuer+"/login"), loginReady)
	v.signIn(accountReady)
	navigate(v.t, v.tab, chromedp.Navigate(v.srv.Issuer+"/account/profile"), "main#profile form button[type=submit]")
	var steps []chromedp.Action[chromedp.Void]
	for name, value := range fields {
		sel := chromedp.CSS("#f-" + name)
		steps = append(steps, chromedp.Clear(sel), chromedp.SendKeys(sel, value))
	}
	browsertest.Run(v.t, v.tab, steps...)
	navigate(v.t, v.tab, chromedp.Click(chromedp.CSS("main#profile form button[type=submit]")), profileSaved)
}

// allow clicks Allow on the consent page and waits for the demo's result page.
func (v *visitor) allow() demoResult {
	v.t.Helper()
	navigate(v.t, v.tab, chromedp.Click(chromedp.CSS("#allow")), demoPage)
	return v.result()
}

// press clicks a button on the demo's result page, such as "Read /userinfo again".
func (v *visitor) press(label string) demoResult {
	v.t.Helper()
	navigate(v.t, v.tab, chromedp.Click(chromedp.Search(`//main//button[normalize-space()="`+label+`"]`)), demoPage)
	return v.result()
}

// demoResult is what the demo relying party shows after its last call.
type demoResult struct {
	Heading   string
	Error     string // the demo's error line, when it is not connected
	Action    string // the last call, as the demo names it
	Status    int    // HTTP status of the last call; 0 when none is shown
	UserInfo  string // the body of the last /userinfo answer
	Persisted bool   // the demo says the grant is persistent
	Buttons   []string
}

// Claims decodes the /userinfo body as JSON.
func (r demoResult) Claims(t *testing.T) map[string]any {
	t.Helper()
	out := map[string]any{}
	if err := json.Unmarshal([]byte(r.UserInfo), &out); err != nil {
		t.Fatalf("/userinfo body is not JSON: %v\n%s", err, r.UserInfo)
	}
	return out
}

func (v *visitor) result() demoResult {
	v.t.Helper()
	raw := browsertest.Eval[demoPageState](v.t, v.tab, `(() => {
  const text = (sel) => document.querySelector(sel)?.textContent ?? "";
  return {
    heading: text("main h1"), error: text("main .error"), lastStatus: text("#last-status"), statusCode: text("#status-code"),
    userinfo: text("#userinfo"), persistent: /\bpersistent\b/.test(text("main p")),
    buttons: Array.from(document.querySelectorAll("main form button"), (b) => b.textContent.trim()),
  };
})()`)
	r := demoResult{Heading: raw.Heading, Error: strings.TrimSpace(raw.Error), UserInfo: raw.UserInfo, Persisted: raw.Persistent, Buttons: raw.Buttons}
	if raw.StatusCode != "" {
		n, err := strconv.Atoi(raw.StatusCode)
		if err != nil {
			v.t.Fatalf("status code %q on the demo page", raw.StatusCode)
		}
		r.Status = n
		r.Action, _, _ = strings.Cut(strings.Join(strings.Fields(raw.LastStatus), " "), ": HTTP")
	}
	return r
}

// demoPageState is what result reads from the page in one evaluation.
type demoPageState struct {
	Heading    string   `json:"heading"`
	Error      string   `json:"error"`
	LastStatus string   `json:"lastStatus"`
	StatusCode string   `json:"statusCode"`
	UserInfo   string   `json:"userinfo"`
	Persistent bool     `json:"persistent"`
	Buttons    []string `json:"buttons"`
}

// expect fails the test unless the demo's last call was action with status.
func (r demoResult) expect(t *testing.T, action string, status int) {
	t.Helper()
	if r.Error != "" || r.Action != action || r.Status != status {
		t.Fatalf("demo shows %q: HTTP %d (error %q), want %q: HTTP %d\n/userinfo: %s", r.Action, r.Status, r.Error, action, status, r.UserInfo)
	}
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}
