package store

import (
	"context"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// Webhook is where an identity owner wants notifications delivered.
// Its secret signs the deliveries, so it must be retrievable: it is kept
// sealed with a Sealer (SecretKey is the wrapped data key, SecretSealed
// the ciphertext), never in plaintext.
type Webhook struct {
	Identity     common.Address
	URL          string
	SecretKey    []byte
	SecretSealed []byte
	// Secret is a plaintext secret written before secrets were sealed
	// (migration 00005). It is only read, to be sealed and cleared; new
	// webhooks leave it empty.
	Secret    string
	CreatedAt time.Time
}

// WebhookStore keeps one webhook per identity.
type WebhookStore interface {
	// PutWebhook creates or replaces the identity's webhook.
	PutWebhook(ctx context.Context, w Webhook) error
	GetWebhook(ctx context.Context, identity common.Address) (Webhook, error)
	// UpdateWebhook replaces the identity's webhook with what fn returns
	// from the stored one, in one transaction, so that a change made in
	// between (a new webhook) is not overwritten. fn's error aborts and
	// is returned; ErrNotFound when none is set.
	UpdateWebhook(ctx context.Context, identity common.Address, fn func(Webhook) (Webhook, error)) error
	// PlaintextWebhooks lists up to limit identities whose webhook still
	// holds a plaintext Secret, for sealing.
	PlaintextWebhooks(ctx context.Context, limit int) ([]common.Address, error)
	DeleteWebhook(ctx context.Context, identity common.Address) error
}

// Notification is an outbox entry for the owner. ID is assigned by the
// store.
type Notification struct {
	ID       int64
	Identity common.Address
	Kind     string
	Payload  []byte
	// Attempts counts claims, so a worker that dies mid-delivery still
	// counts as an attempt.
	Attempts      int
	NextAttemptAt time.Time
	DeliveredAt   time.Time
	// CreatedAt is when it was enqueued (NextAttemptAt when left zero);
	// a deliverer gives up on it a set time after.
	CreatedAt time.Time
	// DeadAt is when a deliverer gave up on it: it is never claimed again,
	// and stays for the operator to see (ListDeadNotifications).
	DeadAt time.Time
}

// NotificationStore is the notification outbox.
type NotificationStore interface {
	// EnqueueNotification stores n (due at n.NextAttemptAt) and returns it
	// with its ID.
	EnqueueNotification(ctx context.Context, n Notification) (Notification, error)
	// ClaimDueNotifications returns up to limit undelivered notifications
	// due at now, oldest first, and leases them until leaseUntil: no other
	// caller, on any node, claims them again before then.
	ClaimDueNotifications(ctx context.Context, now, leaseUntil time.Time, limit int) ([]Notification, error)
	MarkNotificationDelivered(ctx context.Context, id int64, at time.Time) error
	// MarkNotificationFailed schedules the next attempt.
	MarkNotificationFailed(ctx context.Context, id int64, nextAttempt time.Time) error
	// MarkNotificationDead gives up on an undelivered notification.
	// ErrNotFound when it is delivered, already dead or absent.
	MarkNotificationDead(ctx context.Context, id int64, at time.Time) error
	// ListDeadNotifications returns up to limit dead notifications, the
	// most recently given up first.
	ListDeadNotifications(ctx context.Context, limit int) ([]Notification, error)
}
