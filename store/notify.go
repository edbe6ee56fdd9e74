package store

import (
	"context"
	"time"
)

// Webhook is where an identity owner wants notifications delivered.
// Secret signs the deliveries, so it is stored retrievable.
type Webhook struct {
	Identity  string
	URL       string
	Secret    string
	CreatedAt time.Time
}

// WebhookStore keeps one webhook per identity.
type WebhookStore interface {
	// PutWebhook creates or replaces the identity's webhook.
	PutWebhook(ctx context.Context, w Webhook) error
	GetWebhook(ctx context.Context, identity string) (Webhook, error)
	DeleteWebhook(ctx context.Context, identity string) error
}

// Notification is an outbox entry for the owner. ID is assigned by the
// store.
type Notification struct {
	ID       int64
	Identity string
	Kind     string
	Payload  []byte
	// Attempts counts claims, so a worker that dies mid-delivery still
	// counts as an attempt.
	Attempts      int
	NextAttemptAt time.Time
	DeliveredAt   time.Time
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
}
