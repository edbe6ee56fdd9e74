package account_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"golang.org/x/net/html"

	"github.com/idconnect/idconnect/consent"
	"github.com/idconnect/idconnect/contracts"
	"github.com/idconnect/idconnect/internal/simchain"
	"github.com/idconnect/idconnect/store"
)

// TestDashboardNeedsSignIn: without a session every page sends the browser to
// /login, every form too, and the approval endpoint answers 401 in JSON.
func TestDashboardNeedsSignIn(t *testing.T) {
	e := newDashEnv(t)
	anon := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, path := range []string{"/account", "/account/wallets", "/account/claims", "/account/grants", "/account/grants/x", "/account/requests"} {
		if p := e.do(anon, "GET", path, nil); p.status != http.StatusSeeOther || p.location != "/login" {
			t.Errorf("GET %s signed out = %d → %q, want 303 → /login", path, p.status, p.location)
		}
	}
	for _, path := range []string{"/account/grants/x/revoke", "/account/requests/x/deny", "/account/wallets/prepare"} {
		if p := e.do(anon, "POST", path, url.Values{}); p.status != http.StatusSeeOther || p.location != "/login" {
			t.Errorf("POST %s signed out = %d → %q, want 303 → /login", path, p.status, p.location)
		}
	}
	p := e.do(anon, "POST", "/account/requests/x/challenge", url.Values{})
	if p.status != http.StatusUnauthorized || !strings.Contains(p.body, `"error":"signed_out"`) {
		t.Errorf("challenge signed out = %d %s", p.status, p.body)
	}
}

// TestDashboardOverview names the identity and wallet, links every section and
// counts the requests that wait, leaving out expired ones.
func TestDashboardOverview(t *testing.T) {
	e := newDashEnv(t)
	p := e.mustGet("/account")
	if p.has("pending") {
		t.Error("the overview announces pending requests when there are none")
	}
	for _, want := range []string{e.id.Hex(), e.wallet.Hex(), "1337 (Development chain)"} {
		if !strings.Contains(dashText(p.doc), want) {
			t.Errorf("overview does not show %q", want)
		}
	}
	var links []string
	for _, a := range dashAll(p.byID(t, "account"), func(n *html.Node) bool {
		return n.Data == "a" && n.Parent.Data == "li" && n.Parent.Parent.Parent.Data == "nav"
	}) {
		links = append(links, dashAttr(a, "href"))
	}
	if got := strings.Join(links, " "); got != "/account /account/profile /account/wallets /account/claims /account/grants /account/requests /account/webhook" {
		t.Errorf("navigation links %q", got)
	}
	if f := p.forms()["/logout"]; f == nil || dashAttr(f, "method") != "post" {
		t.Error("no sign-out form")
	}

	e.ask(store.GrantPersistent, "email")
	e.ask(store.GrantImmediate, "name")
	short := *e.flow
	short.RequestTTL = time.Nanosecond
	if _, err := short.Create(context.Background(), consent.Ask{ClientID: "bank", Target: consent.Target{Identity: e.id},
		Kind: store.GrantImmediate, Fields: []string{"phone"}, Purpose: "Too late"}); err != nil {
		t.Fatal(err)
	}
	p = e.mustGet("/account")
	if got := dashText(p.byID(t, "pending")); got != "2 access requests wait for your decision." {
		t.Errorf("pending notice %q", got)
	}
}

// TestDashboardGrantsPaginate walks every page of a long grant list: newest first,
// no grant twice, none left out, another identity's never shown.
func TestDashboardGrantsPaginate(t *testing.T) {
	e := newDashEnv(t)
	e.dash.PageSize = 3
	base := time.Now().Add(-time.Hour).Truncate(time.Second)
	var want []string
	for i := range 8 {
		id := "grant-" + string(rune('a'+i))
		e.grant(id, "bank", base.Add(time.Duration(i)*time.Minute), "openid", "email", "claim:1", "offline_access")
		want = append([]string{id}, want...)
	}
	other := store.Grant{ID: "not-yours", Kind: store.GrantPersistent, State: store.GrantActive, Identity: common.HexToAddress("0x000000000000000000000000000000000000dEaD"),
		ClientID: "bank", Scopes: []string{"openid"}, CreatedAt: time.Now()}
	if err := e.store.CreateGrant(context.Background(), other); err != nil {
		t.Fatal(err)
	}

	var got []string
	path, pages := "/account/grants", 0
	for path != "" {
		p := e.mustGet(path)
		pages++
		for _, row := range dashAll(p.doc, func(n *html.Node) bool { return n.Data == "tr" && dashAttr(n, "data-grant") != "" }) {
			got = append(got, dashAttr(row, "data-grant"))
		}
		if (pages > 1) != strings.Contains(p.body, `rel="first"`) {
			t.Errorf("page %d: a link back to the newest is shown = %v", pages, pages == 1)
		}
		path = ""
		for _, a := range dashAll(p.doc, func(n *html.Node) bool { return n.Data == "a" && dashAttr(n, "rel") == "next" }) {
			path = dashAttr(a, "href")
		}
	}
	if strings.Join(got, " ") != strings.Join(want, " ") || pages != 3 {
		t.Errorf("grants over %d pages: %q, want %q", pages, got, want)
	}

	first := e.mustGet("/account/grants")
	row := first.byID(t, "grant-grant-h")
	if txt := dashText(row); !strings.Contains(txt, "Example Bank") || !strings.Contains(txt, "email address, KYC claim") ||
		!strings.Contains(txt, "until revoked") || !strings.Contains(txt, "active") {
		t.Errorf("grant row reads %q", txt)
	}
	if f := first.forms()["/account/grants/grant-h/revoke"]; f == nil || dashAttr(f, "method") != "post" {
		t.Error("an active grant has no Revoke form")
	}
	for _, bad := range []string{"?cursor=nonsense", "?cursor=" + strings.Repeat("x", 300), "?cursor=a&cursor=b"} {
		if p := e.get("/account/grants" + bad); p.status != http.StatusBadRequest {
			t.Errorf("GET /account/grants%s = %d, want 400", bad[:min(len(bad), 20)], p.status)
		}
	}
	if p := e.get("/account/grants/not-yours"); p.status != http.StatusNotFound {
		t.Errorf("another identity's grant = %d, want 404", p.status)
	}
}

// TestDashboardRevoke: Revoke is a plain form; afterwards the grant is revoked in
// the store, its page says so and offers no Revoke; a second try and another
// identity's grant change nothing.
func TestDashboardRevoke(t *testing.T) {
	e := newDashEnv(t)
	g := e.grant("grant-1", "bank", time.Now().Add(-time.Minute), "openid", "profile", "offline_access")
	if err := e.store.RecordGrantUsage(context.Background(), []store.GrantUsage{
		{GrantID: g.ID, At: time.Now().Add(-30 * time.Second), Resource: "/userinfo", Fields: []string{"sub", "name"}, ClientID: "bank"},
	}); err != nil {
		t.Fatal(err)
	}
	detail := e.mustGet("/account/grants/grant-1")
	if txt := dashText(detail.byID(t, "usage")); !strings.Contains(txt, "/userinfo") || !strings.Contains(txt, "sub, name") {
		t.Errorf("usage log reads %q", txt)
	}
	if txt := dashText(detail.byID(t, "grant")); !strings.Contains(txt, "Reads 1") {
		t.Errorf("grant details read %q", txt)
	}

	p := e.post("/account/grants/grant-1/revoke", url.Values{})
	if p.status != http.StatusSeeOther || p.location != "/account/grants/grant-1?done=revoked" {
		t.Fatalf("revoke = %d → %q\n%s", p.status, p.location, p.body)
	}
	stored, err := e.store.GetGrant(context.Background(), "grant-1")
	if err != nil || stored.State != store.GrantRevoked {
		t.Fatalf("after revoke the grant is %q (%v)", stored.State, err)
	}
	after := e.mustGet(p.location)
	if !strings.Contains(dashText(after.doc), "Access revoked. Example Bank can no longer read anything") {
		t.Error("no revoked notice")
	}
	if _, ok := after.forms()["/account/grants/grant-1/revoke"]; ok {
		t.Error("a revoked grant still offers Revoke")
	}
	if again := e.post("/account/grants/grant-1/revoke", url.Values{}); again.location != "/account/grants/grant-1?done=ended" {
		t.Errorf("second revoke → %q", again.location)
	}

	stranger := simchain.NewKey()
	strangerID, err := contracts.CreateIdentity(context.Background(), e.deployer, e.suite, crypto.PubkeyToAddress(stranger.PublicKey), "stranger")
	if err != nil {
		t.Fatal(err)
	}
	theirs := e.grant("grant-2", "bank", time.Now(), "openid")
	as := e.signIn(strangerID, crypto.PubkeyToAddress(stranger.PublicKey))
	if p := e.do(as, "POST", "/account/grants/grant-2/revoke", url.Values{}); p.status != http.StatusNotFound {
		t.Errorf("revoking another identity's grant = %d, want 404", p.status)
	}
	if g, _ := e.store.GetGrant(context.Background(), theirs.ID); g.State != store.GrantActive {
		t.Errorf("another identity revoked the grant: %q", g.State)
	}
}

// TestDashboardFormsRefuseOtherSites: the revoke form posted from another site is
// refused by the cross-origin protection, and nothing is revoked.
func TestDashboardFormsRefuseOtherSites(t *testing.T) {
	e := newDashEnv(t)
	e.grant("grant-1", "bank", time.Now(), "openid", "offline_access")
	req, _ := http.NewRequest("POST", e.srv.URL+"/account/grants/grant-1/revoke", strings.NewReader(""))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "https://evil.example")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	resp, err := e.browser.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("cross-site revoke = %d, want 403", resp.StatusCode)
	}
	if g, _ := e.store.GetGrant(context.Background(), "grant-1"); g.State != store.GrantActive {
		t.Errorf("a cross-site form revoked the grant: %q", g.State)
	}
}

// TestDashboardRequests lists what waits, with Approve and Deny; an expired
// request is shown without buttons. Deny works as a plain form.
func TestDashboardRequests(t *testing.T) {
	e := newDashEnv(t)
	toDeny := e.ask(store.GrantImmediate, "name", "email")
	short := *e.flow
	short.RequestTTL = time.Nanosecond
	expired, err := short.Create(context.Background(), consent.Ask{ClientID: "bank", Target: consent.Target{Identity: e.id},
		Kind: store.GrantImmediate, Fields: []string{"phone"}, Purpose: "Too late"})
	if err != nil {
		t.Fatal(err)
	}

	p := e.mustGet("/account/requests")
	item := p.byID(t, "request-"+toDeny.ID)
	if txt := dashText(item); !strings.Contains(txt, "Example Bank asks for name, email address") || !strings.Contains(txt, "“Open an account”") || !strings.Contains(txt, "one read") {
		t.Errorf("request reads %q", txt)
	}
	approve := dashAll(item, func(n *html.Node) bool {
		return n.Data == "button" && strings.Contains(dashAttr(n, "class"), "approve")
	})
	if len(approve) != 1 || dashAttr(approve[0], "data-request") != toDeny.ID || dashAttr(approve[0], "type") != "button" {
		t.Errorf("Approve button: %v", approve)
	}
	if f := p.forms()["/account/requests/"+toDeny.ID+"/deny"]; f == nil || dashAttr(f, "method") != "post" {
		t.Error("no Deny form")
	}
	old := p.byID(t, "request-"+expired.Grant.ID)
	if len(dashAll(old, func(n *html.Node) bool { return n.Data == "button" })) != 0 || !strings.Contains(dashText(old), "This request expired") {
		t.Errorf("the expired request reads %q", dashText(old))
	}
	if script := dashAll(p.doc, func(n *html.Node) bool {
		return n.Data == "script" && strings.Contains(dashAttr(n, "src"), "dashboard.js")
	}); len(script) != 1 || dashAttr(script[0], "nonce") == "" {
		t.Error("dashboard.js is not loaded with a nonce")
	}

	d := e.post("/account/requests/"+toDeny.ID+"/deny", url.Values{})
	if d.status != http.StatusSeeOther || d.location != "/account/requests?done=denied" {
		t.Fatalf("deny = %d → %q", d.status, d.location)
	}
	if g, _ := e.store.GetGrant(context.Background(), toDeny.ID); g.State != store.GrantDenied {
		t.Errorf("after Deny the grant is %q", g.State)
	}
	if again := e.post("/account/requests/"+toDeny.ID+"/deny", url.Values{}); again.location != "/account/requests?done=decided" {
		t.Errorf("second deny → %q", again.location)
	}
	if late := e.post("/account/requests/"+expired.Grant.ID+"/deny", url.Values{}); late.location != "/account/requests?done=expired" {
		t.Errorf("deny of an expired request → %q", late.location)
	}
	after := e.mustGet("/account/requests?done=denied")
	if after.has("request-"+toDeny.ID) || !strings.Contains(dashText(after.doc), "Request denied.") {
		t.Error("the denied request is still listed, or no notice")
	}
}

// TestDashboardApprovalChallenge: the approval challenge is a SIWE message for the
// signed-in wallet that, signed, activates the grant; a decided, expired or
// unknown request gets none.
func TestDashboardApprovalChallenge(t *testing.T) {
	e := newDashEnv(t)
	toApprove := e.ask(store.GrantPersistent, "email")
	short := *e.flow
	short.RequestTTL = time.Nanosecond
	expired, err := short.Create(context.Background(), consent.Ask{ClientID: "bank", Target: consent.Target{Identity: e.id},
		Kind: store.GrantImmediate, Fields: []string{"phone"}, Purpose: "Too late"})
	if err != nil {
		t.Fatal(err)
	}
	c := e.post("/account/requests/"+toApprove.ID+"/challenge", url.Values{})
	var answer struct{ Challenge string }
	if c.status != http.StatusOK || json.Unmarshal([]byte(c.body), &answer) != nil || !strings.Contains(answer.Challenge, "\n"+e.wallet.Hex()+"\n") {
		t.Fatalf("challenge = %d %s", c.status, c.body)
	}
	g, err := e.flow.Validate(context.Background(), toApprove.ID, answer.Challenge, e.sign(answer.Challenge))
	if err != nil || g.State != store.GrantActive {
		t.Fatalf("validating the dashboard's challenge: %q %v", g.State, err)
	}
	for id, want := range map[string]int{toApprove.ID: http.StatusConflict, expired.Grant.ID: http.StatusGone, "nope": http.StatusNotFound} {
		if c := e.post("/account/requests/"+id+"/challenge", url.Values{}); c.status != want {
			t.Errorf("challenge of %s = %d %s, want %d", id, c.status, c.body, want)
		}
	}
	approved := e.mustGet("/account/grants/" + toApprove.ID + "?done=approved")
	if !strings.Contains(dashText(approved.doc), "Access approved. Example Bank can now read what you allowed.") ||
		dashAttr(approved.byID(t, "grant"), "data-state") != "active" {
		t.Errorf("approved grant page reads %q", dashText(approved.byID(t, "grant")))
	}
}
