package web

import (
	"context"
	"net/http"
	"time"

	"github.com/idconnect/idconnect/store"
)

// AuditAppender writes audit events.
type AuditAppender interface {
	AppendAuditEvent(ctx context.Context, e store.AuditEvent) (store.AuditEvent, error)
}

// AuditTokens records, after the fact, every token the token endpoint issued and
// every revocation it accepted: the client and the grant type, never the token.
func AuditTokens(st AuditAppender, clock func() time.Time, next http.Handler) http.Handler {
	if clock == nil {
		clock = time.Now
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		kind, ok := map[string]store.AuditKind{"/oauth2/token": store.AuditToken, "/oauth2/revoke": store.AuditRevocation}[r.URL.Path]
		if !ok || r.Method != http.MethodPost {
			next.ServeHTTP(w, r)
			return
		}
		rec := &statusRecorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		if rec.status() != http.StatusOK {
			return
		}
		client, _, basic := r.BasicAuth()
		if !basic {
			client = r.PostFormValue("client_id") // the handler has parsed the form already
		}
		detail := r.PostFormValue("grant_type")
		if kind == store.AuditRevocation {
			detail = r.PostFormValue("token_type_hint")
		}
		_, _ = st.AppendAuditEvent(context.WithoutCancel(r.Context()), store.AuditEvent{At: clock().UTC(), Kind: kind, Actor: client, ClientID: client, Detail: detail})
	})
}
