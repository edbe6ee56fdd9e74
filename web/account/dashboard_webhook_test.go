package account_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestDashboardWebhook: the owner sets a webhook, sees its secret once, is
// refused a URL the delivery policy refuses, and removes it.
func TestDashboardWebhook(t *testing.T) {
	e := newDashEnv(t)
	page := e.mustGet("/account/webhook")
	if page.has("webhook-url") || page.has("webhook-secret") {
		t.Fatal("a webhook shows before one was set")
	}
	bad := e.post("/account/webhook", url.Values{"url": {"http://10.0.0.1/hook"}})
	if bad.status != http.StatusUnprocessableEntity || !strings.Contains(bad.body, "public https URL") {
		t.Fatalf("private http URL = %d", bad.status)
	}
	set := e.post("/account/webhook", url.Values{"url": {"https://hooks.example.com/idconnect"}})
	secret := dashText(set.byID(t, "webhook-secret"))
	if set.status != http.StatusOK || dashText(set.byID(t, "webhook-url")) != "https://hooks.example.com/idconnect" || len(secret) < 40 {
		t.Fatalf("set = %d, secret %q", set.status, secret)
	}
	again := e.mustGet("/account/webhook")
	if again.has("webhook-secret") || !again.has("webhook-url") {
		t.Fatal("the secret shows again, or the webhook is gone")
	}
	removed := e.post("/account/webhook/remove", url.Values{})
	if removed.status != http.StatusSeeOther || removed.location != "/account/webhook?done=removed" {
		t.Fatalf("remove = %d %s", removed.status, removed.location)
	}
	if e.mustGet("/account/webhook").has("webhook-url") {
		t.Fatal("the webhook is still set")
	}
	anon := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	if p := e.do(anon, http.MethodGet, "/account/webhook", nil); p.status != http.StatusSeeOther || p.location != "/login" {
		t.Fatalf("signed out = %d %s", p.status, p.location)
	}
}
