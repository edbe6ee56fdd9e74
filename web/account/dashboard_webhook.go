package account

import (
	"context"
	"errors"
	"net/http"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/notify"
	"github.com/idconnect/idconnect/store"
	"github.com/idconnect/idconnect/templates"
)

// WebhookSettings keeps an identity's webhook; notify.Webhooks is one.
type WebhookSettings interface {
	Set(ctx context.Context, id common.Address, rawURL string) (secret string, err error)
	Get(ctx context.Context, id common.Address) (store.Webhook, bool, error)
	Remove(ctx context.Context, id common.Address) error
}

var _ WebhookSettings = (*notify.Webhooks)(nil)

// webhook shows the notifications page.
func (h *Dashboard) webhook(w http.ResponseWriter, r *http.Request) {
	s, ok := h.session(w, r, "webhook")
	if !ok {
		return
	}
	v := templates.WebhookView{Nav: s.nav}
	if r.URL.Query().Get("done") == "removed" {
		v.Notice = templates.Notice{Text: "Webhook removed. Requests still appear under Requests."}
	}
	h.renderWebhook(w, r, s, v, http.StatusOK)
}

// setWebhook stores the URL the owner typed with a new secret, and shows the
// secret once.
func (h *Dashboard) setWebhook(w http.ResponseWriter, r *http.Request) {
	s, ok := h.session(w, r, "webhook")
	if !ok {
		return
	}
	raw := r.PostFormValue("url")
	v := templates.WebhookView{Nav: s.nav}
	secret, err := h.Webhooks.Set(r.Context(), s.identity, raw)
	switch {
	case errors.Is(err, notify.ErrBadDeliveryURL):
		v.Entered, v.Error = clipField(raw), "Give a public https URL, such as https://example.com/idconnect."
		h.renderWebhook(w, r, s, v, http.StatusUnprocessableEntity)
		return
	case err != nil:
		h.fail(w, r, "set webhook", err)
		return
	}
	v.Secret = secret
	v.Notice = templates.Notice{Text: "Webhook saved. Deliveries are signed with the new secret below."}
	h.renderWebhook(w, r, s, v, http.StatusOK)
}

func (h *Dashboard) removeWebhook(w http.ResponseWriter, r *http.Request) {
	s, ok := h.session(w, r, "webhook")
	if !ok {
		return
	}
	if err := h.Webhooks.Remove(r.Context(), s.identity); err != nil && !errors.Is(err, store.ErrNotFound) {
		h.fail(w, r, "remove webhook", err)
		return
	}
	http.Redirect(w, r, "/account/webhook?done=removed", http.StatusSeeOther)
}

// renderWebhook fills in the webhook set now; its secret is never shown again.
func (h *Dashboard) renderWebhook(w http.ResponseWriter, r *http.Request, s ownerSession, v templates.WebhookView, status int) {
	hook, ok, err := h.Webhooks.Get(r.Context(), s.identity)
	if err != nil {
		h.fail(w, r, "read webhook", err)
		return
	}
	if ok {
		v.URL = hook.URL
	}
	h.Static.Render(w, r, status, templates.WebhookPage(v))
}

// clipField bounds what is echoed back into a form.
func clipField(s string) string {
	if len(s) > 2048 {
		return s[:2048]
	}
	return s
}
