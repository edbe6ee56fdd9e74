package templates_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/a-h/templ"
	"golang.org/x/net/html"

	"github.com/idconnect/idconnect/templates"
)

const nonce = "n0nce-Zx81"

// hostile is a client name that would run script if any page failed to escape it.
const hostile = `Evil"><script>alert(1)</script><img src=x onerror=alert(2)>`

func render(t *testing.T, c templ.Component) *html.Node {
	t.Helper()
	var buf bytes.Buffer
	if err := c.Render(templ.WithNonce(context.Background(), nonce), &buf); err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(&buf)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// all returns every element under n for which match holds, in document order.
func all(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	for d := range n.Descendants() {
		if d.Type == html.ElementNode && match(d) {
			out = append(out, d)
		}
	}
	return out
}

func tag(name string) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.Data == name }
}

func byID(t *testing.T, doc *html.Node, id string) *html.Node {
	t.Helper()
	found := all(doc, func(n *html.Node) bool { return attr(n, "id") == id })
	if len(found) != 1 {
		t.Fatalf("want one element #%s, found %d", id, len(found))
	}
	return found[0]
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

func text(n *html.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

func buttons(doc *html.Node) map[string]*html.Node {
	out := map[string]*html.Node{}
	for _, b := range all(doc, tag("button")) {
		out[text(b)] = b
	}
	return out
}

func loginView(dev bool) templates.LoginView {
	return templates.LoginView{RequestID: "req-1", ClientName: "Example Shop", ClientURI: "https://shop.example",
		Issuer: "http://127.0.0.1:8080", ChainID: 1337, ChainName: "Development chain", DevWallet: dev}
}

func consentView() templates.ConsentView {
	return templates.ConsentView{
		RequestID: "req-2", ClientName: "Example Shop", ClientURI: "https://shop.example", LogoURI: "https://shop.example/logo.png",
		Identity: "0x1111111111111111111111111111111111111111", Wallet: "0x2222222222222222222222222222222222222222",
		GrantKindText: "until you revoke it", ChainID: 1337,
		Items: []templates.ConsentItem{
			{Scope: "email", Text: "Your email address", Available: true},
			{Scope: "phone", Text: "Your phone number", Optional: true, Checked: true, Available: true},
			{Scope: "address", Text: "Your postal address", Optional: true, Available: true},
			{Scope: "claim:1", Text: "You hold no valid KYC claim", Optional: true, Available: false},
		},
	}
}

func TestLoginPage(t *testing.T) {
	for _, dev := range []bool{false, true} {
		doc := render(t, templates.LoginPage(loginView(dev)))
		b := buttons(doc)
		if c := b["Connect wallet"]; c == nil || attr(c, "type") != "button" {
			t.Fatalf("dev=%v: no Connect wallet button: %v", dev, b)
		}
		if _, ok := b["Use the development wallet"]; ok != dev {
			t.Errorf("dev=%v: development wallet offered = %v", dev, ok)
		}
		main := byID(t, doc, "login")
		want := map[string]string{"data-request": "req-1", "data-chain-id": "1337", "data-dev-wallet": map[bool]string{true: "true", false: "false"}[dev]}
		for k, v := range want {
			if got := attr(main, k); got != v {
				t.Errorf("dev=%v: %s = %q, want %q", dev, k, got, v)
			}
		}
		var srcs []string
		for _, s := range all(doc, tag("script")) {
			srcs = append(srcs, attr(s, "src"))
		}
		wantSrcs := "/static/wallet.js /static/login.js"
		if dev {
			wantSrcs = "/static/wallet.js /static/devwallet.js /static/login.js"
		}
		if got := strings.Join(srcs, " "); got != wantSrcs {
			t.Errorf("dev=%v: scripts %q, want %q", dev, got, wantSrcs)
		}
		for _, id := range []string{"no-wallet", "wrong-chain", "problem"} {
			if !hasAttr(byID(t, doc, id), "hidden") {
				t.Errorf("dev=%v: #%s is not hidden at first", dev, id)
			}
		}
		if got := text(byID(t, doc, "want-chain")); got != "1337 (Development chain)" {
			t.Errorf("want-chain = %q", got)
		}
	}
}

func TestConsentPage(t *testing.T) {
	doc := render(t, templates.ConsentPage(consentView()))
	b := buttons(doc)
	allow, deny := b["Allow"], b["Deny"]
	if allow == nil || deny == nil {
		t.Fatalf("buttons: %v", b)
	}
	if attr(allow, "type") != "button" {
		t.Error("Allow must not submit a form: consent.js drives it")
	}

	items := all(doc, func(n *html.Node) bool { return n.Data == "li" && strings.Contains(attr(n, "class"), "item") })
	if len(items) != 4 {
		t.Fatalf("%d items listed, want 4", len(items))
	}
	cases := []struct {
		text                     string
		input, checked, disabled bool
	}{
		{"Your email address (required)", true, true, true},
		{"Your phone number (optional)", true, true, false},
		{"Your postal address (optional)", true, false, false},
		{"– You hold no valid KYC claim", false, false, false},
	}
	for i, c := range cases {
		if got := text(items[i]); got != c.text {
			t.Errorf("item %d text %q, want %q", i, got, c.text)
		}
		inputs := all(items[i], tag("input"))
		if (len(inputs) == 1) != c.input {
			t.Errorf("item %d: %d inputs", i, len(inputs))
			continue
		}
		if c.input && (hasAttr(inputs[0], "checked") != c.checked || hasAttr(inputs[0], "disabled") != c.disabled || attr(inputs[0], "name") != "scope") {
			t.Errorf("item %d: input %v", i, inputs[0].Attr)
		}
	}
	if !strings.Contains(text(doc), "Duration of access: until you revoke it") {
		t.Error("grant kind missing")
	}
	for _, want := range []string{"Example Shop wants access to your identity", "https://shop.example", "0x1111111111111111111111111111111111111111", "0x2222222222222222222222222222222222222222"} {
		if !strings.Contains(text(doc), want) {
			t.Errorf("page does not show %q", want)
		}
	}
	if img := all(doc, tag("img")); len(img) != 1 || attr(img[0], "src") != "https://shop.example/logo.png" || attr(img[0], "alt") != "" {
		t.Errorf("logo: %v", img)
	}
	main := byID(t, doc, "consent")
	if attr(main, "data-wallet") != "0x2222222222222222222222222222222222222222" || attr(main, "data-request") != "req-2" {
		t.Errorf("consent data attributes %v", main.Attr)
	}
}

// TestConsentDenyWorksWithoutJavaScript: Deny is a POST form to /consent with the
// request id, so it needs no script.
func TestConsentDenyWorksWithoutJavaScript(t *testing.T) {
	deny := buttons(render(t, templates.ConsentPage(consentView())))["Deny"]
	if deny == nil {
		t.Fatal("no Deny button")
	}
	form := deny.Parent
	if form.Data != "form" || attr(form, "method") != "post" || attr(form, "action") != "/consent" || attr(deny, "type") != "submit" {
		t.Fatalf("Deny is not a plain form submit: <%s %v>", form.Data, form.Attr)
	}
	fields := map[string]string{}
	for _, in := range all(form, tag("input")) {
		fields[attr(in, "name")] = attr(in, "value")
	}
	if fields["request"] != "req-2" || fields["decision"] != "deny" || len(fields) != 2 {
		t.Errorf("Deny form fields %v", fields)
	}
}

func TestConsentLogoOnlyOverHTTPS(t *testing.T) {
	for _, logo := range []string{"", "http://shop.example/logo.png", "javascript:alert(1)", "data:image/png;base64,AAAA", "//shop.example/logo.png"} {
		v := consentView()
		v.LogoURI = logo
		if img := all(render(t, templates.ConsentPage(v)), tag("img")); len(img) != 0 {
			t.Errorf("logo %q rendered as %v", logo, img[0].Attr)
		}
	}
}

func TestProfilePage(t *testing.T) {
	v := templates.ProfileView{
		Values: templates.ProfileForm{Name: "Ada Lovelace", Email: "ada@", Phone: "12", Country: "CH"},
		Errors: map[string]string{"email": "Enter an email address such as name@example.com.", "phone_number": "Enter the number in international form."},
	}
	doc := render(t, templates.ProfilePage(v))
	form := all(doc, tag("form"))
	if len(form) != 1 || attr(form[0], "method") != "post" || attr(form[0], "action") != "/account/profile" {
		t.Fatalf("form: %v", form)
	}
	if b := buttons(doc); b["Save"] == nil || attr(b["Save"], "type") != "submit" {
		t.Errorf("no Save submit button: %v", b)
	}
	inputs := map[string]*html.Node{}
	for _, in := range all(form[0], tag("input")) {
		inputs[attr(in, "name")] = in
	}
	names := []string{"name", "given_name", "family_name", "email", "phone_number", "street_address", "locality", "region", "postal_code", "country"}
	if len(inputs) != len(names) {
		t.Errorf("%d inputs, want %d", len(inputs), len(names))
	}
	for _, name := range names {
		in := inputs[name]
		if in == nil {
			t.Errorf("no input %q", name)
			continue
		}
		label := all(doc, func(n *html.Node) bool { return n.Data == "label" && attr(n, "for") == attr(in, "id") })
		if len(label) != 1 {
			t.Errorf("input %q has no label", name)
		}
		msg, bad := v.Errors[name]
		if !bad {
			if hasAttr(in, "aria-invalid") || hasAttr(in, "aria-describedby") {
				t.Errorf("valid input %q marked invalid", name)
			}
			continue
		}
		// The message sits right after its input and is tied to it.
		if attr(in, "aria-invalid") != "true" {
			t.Errorf("input %q not marked invalid", name)
		}
		desc := byID(t, doc, attr(in, "aria-describedby"))
		if text(desc) != msg || desc.Parent != in.Parent {
			t.Errorf("input %q: error %q next to it, want %q", name, text(desc), msg)
		}
	}
	if attr(inputs["name"], "value") != "Ada Lovelace" || attr(inputs["email"], "value") != "ada@" {
		t.Error("typed values are not kept")
	}
	summary := all(doc, func(n *html.Node) bool { return attr(n, "role") == "alert" })
	if len(summary) != 1 || !strings.Contains(text(summary[0]), "Email address: Enter an email address") {
		t.Errorf("error summary: %v", summary)
	}
	if strings.Contains(text(doc), "was saved") {
		t.Error("saved notice shown with errors")
	}
	saved := render(t, templates.ProfilePage(templates.ProfileView{Saved: true}))
	if st := all(saved, func(n *html.Node) bool { return attr(n, "role") == "status" }); len(st) != 1 || text(st[0]) != "Your information was saved." {
		t.Errorf("saved notice: %v", st)
	}
}

func TestNoIdentityAndErrorPages(t *testing.T) {
	doc := render(t, templates.NoIdentityPage(templates.NoIdentityView{Wallet: "0x3333333333333333333333333333333333333333", Explanation: "No identity factory or registry lists this wallet."}))
	for _, want := range []string{"0x3333333333333333333333333333333333333333", "No identity factory or registry lists this wallet.", "identity issuer or onboarding service", "wallet to identity"} {
		if !strings.Contains(text(doc), want) {
			t.Errorf("no-identity page lacks %q", want)
		}
	}
	doc = render(t, templates.ErrorPage(templates.ErrorView{Status: 400, Title: "Unknown redirect address", Message: "The site sent you here with an address it has not registered."}))
	if h := all(doc, tag("h1")); len(h) != 1 || text(h[0]) != "Unknown redirect address" {
		t.Errorf("error title: %v", h)
	}
	if !strings.Contains(text(doc), "Error 400") || !strings.Contains(text(doc), "has not registered") {
		t.Error("error page lacks status or message")
	}
}

// pages renders every page, with hostile text wherever a client or the chain controls it.
func pages() map[string]templ.Component {
	login := loginView(true)
	login.ClientName, login.ClientURI, login.ChainName = hostile, "javascript:alert(3)", hostile
	consent := consentView()
	consent.ClientName, consent.ClientURI, consent.LogoURI = hostile, "javascript:alert(3)", "https://x.example/\"><script>alert(4)</script>"
	consent.Items[0].Text, consent.Items[1].Scope, consent.GrantKindText = hostile, hostile, hostile
	return map[string]templ.Component{
		"login":       templates.LoginPage(login),
		"consent":     templates.ConsentPage(consent),
		"profile":     templates.ProfilePage(templates.ProfileView{Values: templates.ProfileForm{Name: hostile}, Errors: map[string]string{"name": hostile}}),
		"no-identity": templates.NoIdentityPage(templates.NoIdentityView{Wallet: hostile, Explanation: hostile}),
		"error":       templates.ErrorPage(templates.ErrorView{Status: 500, Title: hostile, Message: hostile}),
	}
}

func TestEveryPageIsSafe(t *testing.T) {
	for name, page := range pages() {
		doc := render(t, page)
		for _, s := range all(doc, tag("script")) {
			if attr(s, "nonce") != nonce {
				t.Errorf("%s: script %q without the nonce", name, attr(s, "src"))
			}
			if !strings.HasPrefix(attr(s, "src"), "/static/") || text(s) != "" {
				t.Errorf("%s: inline or foreign script %v", name, s.Attr)
			}
		}
		for _, n := range all(doc, func(*html.Node) bool { return true }) {
			for _, a := range n.Attr {
				if strings.HasPrefix(a.Key, "on") {
					t.Errorf("%s: inline event handler %s on <%s>", name, a.Key, n.Data)
				}
				if (a.Key == "href" || a.Key == "src" || a.Key == "action") && strings.HasPrefix(strings.ToLower(a.Val), "javascript:") {
					t.Errorf("%s: %s=%q", name, a.Key, a.Val)
				}
			}
		}
		if imgs := all(doc, func(n *html.Node) bool { return n.Data == "img" && attr(n, "src") == "x" }); len(imgs) != 0 {
			t.Errorf("%s: hostile markup became an element", name)
		}
		if !strings.Contains(text(doc), "<script>alert(1)</script>") {
			t.Errorf("%s: hostile text is not shown as text", name)
		}
		if len(all(doc, tag("html"))) != 1 || len(all(doc, tag("main"))) != 1 {
			t.Errorf("%s: page structure broken", name)
		}
	}
}

func TestAssets(t *testing.T) {
	ctx := templates.WithAssets(templ.WithNonce(context.Background(), nonce), func(name string) string { return "/static/" + name + "?v=abc" })
	var buf bytes.Buffer
	if err := templates.LoginPage(loginView(false)).Render(ctx, &buf); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`href="/static/style.css?v=abc"`, `src="/static/wallet.js?v=abc"`, `src="/static/login.js?v=abc"`} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("page lacks %s", want)
		}
	}
}
