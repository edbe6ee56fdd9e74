package notify

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/store"
)

// WebhookStore is what Webhooks needs from the store.
type WebhookStore interface {
	PutWebhook(ctx context.Context, w store.Webhook) error
	GetWebhook(ctx context.Context, identity string) (store.Webhook, error)
	DeleteWebhook(ctx context.Context, identity string) error
}

// Webhooks manages each identity owner's webhook: one URL per identity,
// with the secret that signs its deliveries.
type Webhooks struct {
	Store         WebhookStore
	Rand          io.Reader        // default crypto/rand
	Clock         func() time.Time // default time.Now
	AllowLoopback bool             // dev: accept http://localhost (CheckDeliveryURL)
}

// Set creates or replaces the identity's webhook with a fresh secret,
// which it returns: the only time the owner sees it. Replacing a webhook
// also redirects deliveries still pending, signed with the new secret.
// Errors: ErrBadDeliveryURL.
func (w *Webhooks) Set(ctx context.Context, id common.Address, rawURL string) (secret string, err error) {
	u, err := CheckDeliveryURL(rawURL, w.AllowLoopback)
	if err != nil {
		return "", err
	}
	r := w.Rand
	if r == nil {
		r = rand.Reader
	}
	b := make([]byte, 32)
	if _, err := io.ReadFull(r, b); err != nil {
		return "", fmt.Errorf("notify: webhook secret: %w", err)
	}
	secret = base64.RawURLEncoding.EncodeToString(b)
	err = w.Store.PutWebhook(ctx, store.Webhook{Identity: id.Hex(), URL: u, Secret: secret, CreatedAt: clockNow(w.Clock)})
	if err != nil {
		return "", fmt.Errorf("notify: set webhook: %w", err)
	}
	return secret, nil
}

// Get returns the identity's webhook, and false when none is set. Its
// Secret is there for signing: never render it.
func (w *Webhooks) Get(ctx context.Context, id common.Address) (store.Webhook, bool, error) {
	h, err := w.Store.GetWebhook(ctx, id.Hex())
	if errors.Is(err, store.ErrNotFound) {
		return store.Webhook{}, false, nil
	}
	if err != nil {
		return store.Webhook{}, false, fmt.Errorf("notify: get webhook: %w", err)
	}
	return h, true, nil
}

// Remove deletes the identity's webhook; deliveries still pending for it
// are dropped. Errors: store.ErrNotFound when none is set.
func (w *Webhooks) Remove(ctx context.Context, id common.Address) error {
	if err := w.Store.DeleteWebhook(ctx, id.Hex()); err != nil {
		return fmt.Errorf("notify: remove webhook: %w", err)
	}
	return nil
}

// clockNow reads clock, or the wall clock when none is injected, in UTC.
func clockNow(clock func() time.Time) time.Time {
	if clock == nil {
		return time.Now().UTC()
	}
	return clock().UTC()
}
