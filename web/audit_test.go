package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/idconnect/idconnect/store"
)

type auditLog struct {
	mu     sync.Mutex
	events []store.AuditEvent
}

func (a *auditLog) AppendAuditEvent(_ context.Context, e store.AuditEvent) (store.AuditEvent, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.events = append(a.events, e)
	return e, nil
}

func TestAuditTokens(t *testing.T) {
	log := &auditLog{}
	status := http.StatusOK
	h := AuditTokens(log, nil, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		w.WriteHeader(status)
	}))
	post := func(path string, form url.Values, basic string) {
		req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if basic != "" {
			req.SetBasicAuth(basic, "secret")
		}
		h.ServeHTTP(httptest.NewRecorder(), req)
	}
	post("/oauth2/token", url.Values{"grant_type": {"authorization_code"}, "code": {"c"}}, "client-a")
	post("/oauth2/revoke", url.Values{"token": {"t"}, "token_type_hint": {"refresh_token"}, "client_id": {"client-b"}}, "")
	status = http.StatusBadRequest
	post("/oauth2/token", url.Values{"grant_type": {"refresh_token"}}, "client-c") // refused: not audited
	post("/userinfo", url.Values{}, "client-d")                                    // not a token endpoint

	if len(log.events) != 2 {
		t.Fatalf("events = %+v", log.events)
	}
	if e := log.events[0]; e.Kind != store.AuditToken || e.ClientID != "client-a" || e.Detail != "authorization_code" {
		t.Errorf("token event = %+v", e)
	}
	if e := log.events[1]; e.Kind != store.AuditRevocation || e.ClientID != "client-b" || e.Detail != "refresh_token" {
		t.Errorf("revocation event = %+v", e)
	}
	for _, e := range log.events {
		if e.Detail == "c" || e.Detail == "t" || strings.Contains(e.Actor, "secret") {
			t.Errorf("event leaks a credential: %+v", e)
		}
	}
}
