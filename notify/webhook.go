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
	GetWebhook(ctx context.Context, identity common.Address) (store.Webhook, error)
	UpdateWebhook(ctx context.Context, identity common.Address, fn func(store.Webhook) (store.Webhook, error)) error
	PlaintextWebhooks(ctx context.Context, limit int) ([]common.Address, error)
	DeleteWebhook(ctx context.Context, identity common.Address) error
}

var _ WebhookStore = store.Store(nil)

// ErrSecretUnreadable means a webhook's sealed secret does not open with
// the server key (the key was replaced, or the row was tampered with).
var ErrSecretUnreadable = errors.New("notify: webhook secret does not open")

// Webhooks manages each identity owner's webhook: one URL per identity,
// with the secret that signs its deliveries. The secret is sealed with
// the server key before it is stored, bound to its identity, so a
// database dump or backup does not let anyone forge deliveries.
type Webhooks struct {
	Store         WebhookStore
	Sealer        *store.Sealer    // required: seals the secrets
	Rand          io.Reader        // default crypto/rand
	Clock         func() time.Time // default time.Now
	AllowLoopback bool             // dev: accept http://localhost (CheckDeliveryURL)
}

// secretAAD binds a sealed secret to its identity: a sealed value copied
// onto another owner's row does not open. The identity is in EIP-55
// form, as it always was, so secrets sealed before stay readable.
func secretAAD(identity common.Address) string { return "webhook-secret:" + identity.Hex() }

// Set creates or replaces the identity's webhook with a fresh secret,
// which it returns: the only time the owner sees it. Replacing a webhook
// also redirects deliveries still pending, signed with the new secret.
// Errors: ErrBadDeliveryURL.
func (w *Webhooks) Set(ctx context.Context, id common.Address, rawURL string) (secret string, err error) {
	u, err := CheckDeliveryURL(rawURL, w.AllowLoopback)
	if err != nil {
		return "", err
	}
	if w.Sealer == nil {
		return "", errors.New("notify: set webhook: no sealer to keep its secret")
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
	key, sealed, err := w.Sealer.Seal(secretAAD(id), []byte(secret))
	if err != nil {
		return "", fmt.Errorf("notify: set webhook: %w", err)
	}
	err = w.Store.PutWebhook(ctx, store.Webhook{Identity: id, URL: u, SecretKey: key, SecretSealed: sealed, CreatedAt: clockNow(w.Clock)})
	if err != nil {
		return "", fmt.Errorf("notify: set webhook: %w", err)
	}
	return secret, nil
}

// Get returns the identity's webhook, and false when none is set. Its
// secret stays sealed; a secret still in plaintext from before secrets
// were sealed is sealed now.
func (w *Webhooks) Get(ctx context.Context, id common.Address) (store.Webhook, bool, error) {
	h, err := w.load(ctx, id)
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
	if err := w.Store.DeleteWebhook(ctx, id); err != nil {
		return fmt.Errorf("notify: remove webhook: %w", err)
	}
	return nil
}

// SealPlaintext seals every secret still stored in plaintext (written
// before secrets were sealed) and reports how many it sealed. serve runs
// it at start; load does the same for one row, for a row an older node
// wrote since.
func (w *Webhooks) SealPlaintext(ctx context.Context) (int, error) {
	sealed := 0
	for {
		ids, err := w.Store.PlaintextWebhooks(ctx, 100)
		if err != nil || len(ids) == 0 {
			return sealed, err
		}
		for _, id := range ids {
			if _, err := w.seal(ctx, id); err != nil && !errors.Is(err, store.ErrNotFound) {
				return sealed, err
			}
			sealed++
		}
	}
}

// load reads the identity's webhook, sealing a plaintext secret first.
func (w *Webhooks) load(ctx context.Context, identity common.Address) (store.Webhook, error) {
	h, err := w.Store.GetWebhook(ctx, identity)
	if err != nil || h.Secret == "" {
		return h, err
	}
	return w.seal(ctx, identity)
}

// seal replaces the identity's plaintext secret by its sealed form, on
// the stored row, so a webhook replaced meanwhile is left alone.
func (w *Webhooks) seal(ctx context.Context, identity common.Address) (store.Webhook, error) {
	if w.Sealer == nil {
		return store.Webhook{}, errors.New("notify: no sealer for webhook secrets")
	}
	var out store.Webhook
	err := w.Store.UpdateWebhook(ctx, identity, func(h store.Webhook) (store.Webhook, error) {
		if h.Secret != "" {
			key, sealed, err := w.Sealer.Seal(secretAAD(identity), []byte(h.Secret))
			if err != nil {
				return h, err
			}
			h.SecretKey, h.SecretSealed, h.Secret = key, sealed, ""
		}
		out = h
		return h, nil
	})
	if err != nil {
		return store.Webhook{}, fmt.Errorf("notify: seal webhook secret: %w", err)
	}
	return out, nil
}

// signingSecret returns where the identity's deliveries go and the secret
// that signs them. Errors: store.ErrNotFound, ErrSecretUnreadable.
func (w *Webhooks) signingSecret(ctx context.Context, identity common.Address) (url, secret string, err error) {
	if w.Sealer == nil {
		return "", "", errors.New("notify: no sealer for webhook secrets")
	}
	h, err := w.load(ctx, identity)
	if err != nil {
		return "", "", err
	}
	plain, err := w.Sealer.Open(secretAAD(identity), h.SecretKey, h.SecretSealed)
	if err != nil {
		return "", "", fmt.Errorf("%w: %w", ErrSecretUnreadable, err)
	}
	return h.URL, string(plain), nil
}

// clockNow reads clock, or the wall clock when none is injected, in UTC.
func clockNow(clock func() time.Time) time.Time {
	if clock == nil {
		return time.Now().UTC()
	}
	return clock().UTC()
}
