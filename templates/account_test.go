package templates_test

import (
	"strings"
	"testing"
	"time"

	"github.com/a-h/templ"
	"golang.org/x/net/html"

	"github.com/idconnect/idconnect/templates"
)

func accountNav(current string, dev bool) templates.AccountNav {
	return templates.AccountNav{Current: current, Identity: "0x1111111111111111111111111111111111111111",
		Wallet: "0x2222222222222222222222222222222222222222", ChainID: 1337, ChainName: "Development chain", DevWallet: dev}
}

// spaced is n's text with a space between text nodes, since templ writes no white
// space between elements.
func spaced(n *html.Node) string {
	var parts []string
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			parts = append(parts, d.Data)
		}
	}
	return strings.Join(strings.Fields(strings.Join(parts, " ")), " ")
}

func scriptSrcs(doc *html.Node) string {
	var srcs []string
	for _, s := range all(doc, tag("script")) {
		srcs = append(srcs, attr(s, "src"))
		if attr(s, "nonce") != nonce {
			srcs = append(srcs, "(no nonce)")
		}
	}
	return strings.Join(srcs, " ")
}

// TestAccountNavigation marks exactly the open section and carries what
// dashboard.js reads.
func TestAccountNavigation(t *testing.T) {
	for _, c := range []struct {
		page    templ.Component
		current string
	}{
		{templates.OverviewPage(templates.OverviewView{Nav: accountNav("overview", false)}), "Overview"},
		{templates.WalletsPage(templates.WalletsView{Nav: accountNav("wallets", false)}), "Wallets"},
		{templates.ClaimsPage(templates.ClaimsView{Nav: accountNav("claims", false)}), "Claims"},
		{templates.GrantsPage(templates.GrantsView{Nav: accountNav("grants", false)}), "Grants"},
		{templates.RequestsPage(templates.RequestsView{Nav: accountNav("requests", false)}), "Requests"},
	} {
		doc := render(t, c.page)
		nav := all(doc, func(n *html.Node) bool { return n.Data == "nav" && attr(n, "class") == "account-nav" })
		if len(nav) != 1 {
			t.Fatalf("%s: %d account navs", c.current, len(nav))
		}
		var labels, marked []string
		for _, a := range all(nav[0], tag("a")) {
			labels = append(labels, text(a))
			if attr(a, "aria-current") == "page" {
				marked = append(marked, text(a))
			}
		}
		if got := strings.Join(labels, " "); got != "Overview Profile Wallets Claims Grants Requests Notifications" {
			t.Errorf("%s: nav %q", c.current, got)
		}
		if len(marked) != 1 || marked[0] != c.current {
			t.Errorf("%s: aria-current on %q", c.current, marked)
		}
		main := byID(t, doc, "account")
		if attr(main, "data-wallet") != "0x2222222222222222222222222222222222222222" || attr(main, "data-chain-id") != "1337" {
			t.Errorf("%s: main attributes %v", c.current, main.Attr)
		}
	}
}

// TestRequestsPage: Approve is a script button per live request, Deny a plain
// form, an expired request has neither, and a client's name cannot inject markup.
func TestRequestsPage(t *testing.T) {
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	v := templates.RequestsView{Nav: accountNav("requests", true), Requests: []templates.RequestRow{
		{ID: "live-1", ClientName: hostile, Purpose: "Open an account", Kind: "persistent", Access: []string{"email address"},
			Resource: "/identities/0x1111111111111111111111111111111111111111/profile", Created: now, Expires: now.Add(time.Hour)},
		{ID: "old-2", ClientName: "Example Bank", Purpose: "Too late", Kind: "immediate", Access: []string{"name"}, Created: now, Expires: now, Expired: true},
	}, Older: "/account/requests?cursor=abc"}
	doc := render(t, templates.RequestsPage(v))
	if got := scriptSrcs(doc); got != "/static/wallet.js /static/devwallet.js /static/dashboard.js" {
		t.Errorf("scripts %q", got)
	}
	if len(all(doc, tag("img"))) != 0 || !strings.Contains(text(byID(t, doc, "request-live-1")), "<script>alert(1)</script>") {
		t.Error("the hostile client name was not shown as plain text")
	}
	live := byID(t, doc, "request-live-1")
	b := all(live, tag("button"))
	if len(b) != 2 || text(b[0]) != "Approve" || attr(b[0], "type") != "button" || !hasAttr(b[0], "disabled") || attr(b[0], "data-request") != "live-1" {
		t.Fatalf("live request buttons: %v", b)
	}
	if form := b[1].Parent; text(b[1]) != "Deny" || form.Data != "form" || attr(form, "method") != "post" || attr(form, "action") != "/account/requests/live-1/deny" {
		t.Errorf("Deny is not a plain form: <%s %v>", form.Data, form.Attr)
	}
	old := byID(t, doc, "request-old-2")
	if len(all(old, tag("button"))) != 0 || !strings.Contains(attr(old, "class"), "expired") || !strings.Contains(spaced(old), "Expired 1 May 2026, 12:00 UTC") {
		t.Errorf("expired request: %q %v", spaced(old), old.Attr)
	}
	for _, id := range []string{"problem", "wrong-chain"} {
		if !hasAttr(byID(t, doc, id), "hidden") {
			t.Errorf("#%s is not hidden at first", id)
		}
	}
	next := all(doc, func(n *html.Node) bool { return n.Data == "a" && attr(n, "rel") == "next" })
	if len(next) != 1 || attr(next[0], "href") != "/account/requests?cursor=abc" || len(all(doc, func(n *html.Node) bool { return attr(n, "rel") == "first" })) != 0 {
		t.Errorf("pager: %v", next)
	}
}

// TestGrantsPage: only a revocable grant has a Revoke form, and every grant links
// its usage log.
func TestGrantsPage(t *testing.T) {
	created := time.Date(2026, 1, 2, 3, 4, 0, 0, time.UTC)
	doc := render(t, templates.GrantsPage(templates.GrantsView{Nav: accountNav("grants", false), Grants: []templates.GrantRow{
		{ID: "g1", ClientName: "Shop", Kind: "persistent", State: "active", Access: []string{"name", "KYC claim"}, Created: created, UsageCount: 12, Revocable: true},
		{ID: "g2", ClientName: "Shop", Kind: "immediate", State: "used", Created: created, LastUsed: created.Add(time.Minute), UsageCount: 1},
	}, Newest: "/account/grants"}))
	if got := scriptSrcs(doc); got != "" {
		t.Errorf("the grants page loads scripts %q: it must work without JavaScript", got)
	}
	forms := all(doc, func(n *html.Node) bool { return n.Data == "form" && strings.HasSuffix(attr(n, "action"), "/revoke") })
	if len(forms) != 1 || attr(forms[0], "action") != "/account/grants/g1/revoke" || attr(forms[0], "method") != "post" {
		t.Errorf("revoke forms: %v", forms)
	}
	want := []string{
		"Shop name, KYC claim until revoked 2 Jan 2026, 03:04 UTC – 12 active Usage log Revoke",
		"Shop – one read 2 Jan 2026, 03:04 UTC 2 Jan 2026, 03:05 UTC 1 used Usage log",
	}
	for i, id := range []string{"grant-g1", "grant-g2"} {
		if got := spaced(byID(t, doc, id)); got != want[i] {
			t.Errorf("row %s = %q, want %q", id, got, want[i])
		}
	}
}

// TestWalletCallPage: the prepared call is readable without JavaScript, and the
// send button waits for dashboard.js; the development wallet is never offered,
// since it cannot send transactions.
func TestWalletCallPage(t *testing.T) {
	doc := render(t, templates.WalletCallPage(templates.WalletCallView{Nav: accountNav("wallets", true), Summary: "Add 0xabc as an action key of your identity.",
		From: "0x2222222222222222222222222222222222222222", To: "0x1111111111111111111111111111111111111111", Data: "0x1d381240"}))
	if got := scriptSrcs(doc); got != "/static/wallet.js /static/dashboard.js" {
		t.Errorf("scripts %q", got)
	}
	if send := byID(t, doc, "send"); attr(send, "type") != "button" || !hasAttr(send, "disabled") {
		t.Errorf("send button %v", send.Attr)
	}
	if text(byID(t, doc, "call-data")) != "0x1d381240" || text(byID(t, doc, "call-to")) != "0x1111111111111111111111111111111111111111" {
		t.Error("the call is not shown")
	}
	if len(all(doc, tag("noscript"))) != 1 {
		t.Error("no explanation for browsers without JavaScript")
	}
}
