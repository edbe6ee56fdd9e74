package notify

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/idconnect/idconnect/store"
)

// DeadNotification is a notification the deliverer gave up on, as the
// operator sees it: ids and times, no identity address and no URL, so it
// can be pasted into a ticket.
type DeadNotification struct {
	ID        int64     `json:"id"`
	Kind      string    `json:"kind"`  // NotificationWebhook or NotificationCallback
	Event     string    `json:"event"` // one of the Event* types
	Delivery  string    `json:"delivery"`
	GrantID   string    `json:"grant_id"`
	ClientID  string    `json:"client_id"`
	Attempts  int       `json:"attempts"`
	CreatedAt time.Time `json:"created_at"`
	DeadAt    time.Time `json:"dead_at"`
}

// DeadLister is what ListDead needs from the store.
type DeadLister interface {
	ListDeadNotifications(ctx context.Context, limit int) ([]store.Notification, error)
}

// ListDead returns up to limit dead notifications, the most recently
// given up first. An entry whose payload does not parse is still listed,
// with the ids it lacks left empty.
func ListDead(ctx context.Context, st DeadLister, limit int) ([]DeadNotification, error) {
	ns, err := st.ListDeadNotifications(ctx, limit)
	if err != nil {
		return nil, fmt.Errorf("notify: list dead notifications: %w", err)
	}
	out := make([]DeadNotification, 0, len(ns))
	for _, n := range ns {
		d := DeadNotification{ID: n.ID, Kind: n.Kind, Attempts: n.Attempts, CreatedAt: n.CreatedAt, DeadAt: n.DeadAt}
		var e outboxEntry
		if json.Unmarshal(n.Payload, &e) == nil {
			d.Event, d.Delivery = e.Type, e.Delivery
			var p EventPayload
			if json.Unmarshal(e.Body, &p) == nil {
				d.GrantID, d.ClientID = p.Data.GrantID, p.Data.ClientID
			}
		}
		out = append(out, d)
	}
	return out, nil
}
