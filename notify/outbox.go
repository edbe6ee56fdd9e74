package notify

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/store"
)

// Event types, sent as the payload's type and the Idconnect-Event header.
const (
	// EventAccessRequested tells the owner a service asked for access.
	EventAccessRequested = "access_request.created"
	// EventGrantDecided tells the service the owner decided: state active
	// (approved) or denied.
	EventGrantDecided = "access_grant.decided"
	// EventGrantRevoked tells the service the owner revoked its grant.
	EventGrantRevoked = "access_grant.revoked"
	// EventApplicationDecided tells the owner a reviewer approved or
	// rejected their claim application.
	EventApplicationDecided = "claim_application.decided"
	// EventClaimExpiring tells the owner a claim issued here lapses soon.
	EventClaimExpiring = "claim.expiring"
	// EventScreeningHit tells the issuer's reviewers that screening found
	// one of its identities on a list and revoked what the hit falls on.
	EventScreeningHit = "screening.hit"
)

// Notification kinds in the outbox (store.Notification.Kind).
const (
	// NotificationWebhook goes to the owner's webhook, read when it is
	// delivered, and is signed with its secret.
	NotificationWebhook = "webhook"
	// NotificationCallback goes, unsigned, to the callback_url the service
	// gave with its request.
	NotificationCallback = "callback"
)

// Event is something that happened to an access request or grant.
type Event struct {
	Type     string // one of the Event* constants
	GrantID  string
	ClientID string
	Kind     store.GrantKind
	State    store.GrantState
	At       time.Time // zero: the Outbox's clock
	// Claim events name the application or the claim instead of a grant.
	ApplicationID string
	ClaimID       string
	Topic         uint64
	ValidUntil    time.Time
	AppState      store.ApplicationState
	// A screening event names the hit, its kind and the topics it holds.
	HitID    string
	HitKind  store.HitKind
	HitState store.HitState
	Topics   []uint64
}

// EventPayload is the JSON body of a delivery. It carries ids and states
// only: no identity address, no profile data, nothing personal, so a
// leaked or misdirected delivery tells nothing about the owner. The
// receiver learns the rest with an authenticated GET /access-grants/{id}.
type EventPayload struct {
	// ID is the delivery id, also sent as Idconnect-Delivery. It stays the
	// same across retries, so a receiver can drop a repeat.
	ID        string    `json:"id"`
	Type      string    `json:"type"`
	CreatedAt string    `json:"created_at"` // RFC 3339
	Data      EventData `json:"data"`
}

// EventData names the grant, the claim application or the claim an
// event is about. A claim event carries ids, the topic and a state: no
// field, document or reason, which stay behind the dashboard's sign-in.
type EventData struct {
	GrantID       string          `json:"grant_id,omitempty"`
	ClientID      string          `json:"client_id,omitempty"`
	Kind          store.GrantKind `json:"kind,omitempty"`
	State         string          `json:"state,omitempty"`
	ApplicationID string          `json:"application_id,omitempty"`
	ClaimID       string          `json:"claim_id,omitempty"`
	Topic         uint64          `json:"topic,omitempty"`
	ValidUntil    string          `json:"valid_until,omitempty"`
	HitID         string          `json:"hit_id,omitempty"`
	HitKind       store.HitKind   `json:"hit_kind,omitempty"`
	Topics        []uint64        `json:"topics,omitempty"`
}

// outboxEntry is a notification's stored Payload: the delivery's exact
// body, signed and sent as stored on every attempt, its id and type for
// the headers, and for a callback the target URL. The callback URL is
// kept here rather than re-read from the grant, so a delivery does not
// depend on the grant row (purged or changed); it is the service's URL,
// not personal data. A webhook's URL and secret are read when it is
// delivered, so a replaced webhook takes the deliveries still pending.
type outboxEntry struct {
	Delivery string          `json:"delivery"`
	Type     string          `json:"type"`
	URL      string          `json:"url,omitempty"`
	Body     json.RawMessage `json:"body"`
}

// OutboxStore is what an Outbox needs from the store.
type OutboxStore interface {
	EnqueueNotification(ctx context.Context, n store.Notification) (store.Notification, error)
	GetWebhook(ctx context.Context, identity common.Address) (store.Webhook, error)
}

// Outbox enqueues notifications through the ctx it is given: call it with
// the context of the transaction that changes the grant (InTx's), so a
// notification is stored exactly when the change commits. A Deliverer
// sends them.
//
// It is the access-request flow's consent.Notices (checked where the two
// are wired, since consent must not import this package nor this one
// consent): a new request goes to the owner's webhook, a decision and a
// revocation to the service's callback URL.
type Outbox struct {
	Store OutboxStore
	Clock func() time.Time // default time.Now
	Rand  io.Reader        // delivery ids; default crypto/rand
}

// Owner notifies the identity's owner of e through their webhook, when
// one is set; without one it does nothing, since the dashboard's list of
// pending requests is the owner's inbox.
func (o *Outbox) Owner(ctx context.Context, id common.Address, e Event) error {
	_, err := o.Store.GetWebhook(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("notify: owner: %w", err)
	}
	return o.enqueue(ctx, id, NotificationWebhook, "", e)
}

// Callback notifies the service of e at g's callback URL, when it gave
// one. Fields of e left empty are taken from g. The delivery is not
// signed: the service must confirm the state with an authenticated GET
// /access-grants/{id}, and the payload carries only ids.
func (o *Outbox) Callback(ctx context.Context, g store.Grant, e Event) error {
	if g.CallbackURL == "" {
		return nil
	}
	e = withGrant(e, g)
	return o.enqueue(ctx, g.Identity, NotificationCallback, g.CallbackURL, e)
}

// Requested tells the owner about a new access request (Notices).
func (o *Outbox) Requested(ctx context.Context, g store.Grant) error {
	if g.Identity == (common.Address{}) {
		return fmt.Errorf("notify: owner: grant %s has no identity address", g.ID)
	}
	return o.Owner(ctx, g.Identity, withGrant(Event{Type: EventAccessRequested}, g))
}

// Decided tells the service the owner approved or denied (Notices).
func (o *Outbox) Decided(ctx context.Context, g store.Grant) error {
	return o.Callback(ctx, g, Event{Type: EventGrantDecided})
}

// Revoked tells the service the owner revoked its grant (Notices).
func (o *Outbox) Revoked(ctx context.Context, g store.Grant) error {
	return o.Callback(ctx, g, Event{Type: EventGrantRevoked})
}

// ApplicationDecided tells the owner a reviewer decided their claim
// application (issuer.Notices).
func (o *Outbox) ApplicationDecided(ctx context.Context, a store.Application) error {
	e := Event{Type: EventApplicationDecided, ApplicationID: a.ID, AppState: a.State, Topic: a.Topic}
	if a.ClaimID != (common.Hash{}) {
		e.ClaimID = a.ClaimID.Hex()
	}
	return o.Owner(ctx, a.Identity, e)
}

// ClaimExpiring tells the owner a claim issued here lapses soon
// (issuer.Notices).
func (o *Outbox) ClaimExpiring(ctx context.Context, c store.IssuedClaim) error {
	return o.Owner(ctx, c.Identity, Event{Type: EventClaimExpiring, ClaimID: c.ClaimID.Hex(), Topic: c.Topic, ValidUntil: c.ValidUntil})
}

// ScreeningHit alerts the issuer's reviewers, through the webhook of the
// issuer identity, to a new screening hit (screening.Alerts). The payload
// names the hit, its kind and the topics it holds: no identity, list
// entry or name, which reviewers read at /issuer once signed in.
func (o *Outbox) ScreeningHit(ctx context.Context, issuer common.Address, h store.ScreeningHit) error {
	return o.Owner(ctx, issuer, Event{Type: EventScreeningHit, HitID: h.ID, HitKind: h.Kind, Topics: h.Topics, At: h.CreatedAt,
		HitState: h.State})
}

func withGrant(e Event, g store.Grant) Event {
	if e.GrantID == "" {
		e.GrantID = g.ID
	}
	if e.ClientID == "" {
		e.ClientID = g.ClientID
	}
	if e.Kind == "" {
		e.Kind = g.Kind
	}
	if e.State == "" {
		e.State = g.State
	}
	return e
}

func (o *Outbox) enqueue(ctx context.Context, owner common.Address, kind, target string, e Event) error {
	data := EventData{GrantID: e.GrantID, ClientID: e.ClientID, Kind: e.Kind, State: string(e.State)}
	switch e.Type {
	case EventAccessRequested, EventGrantDecided, EventGrantRevoked:
		if e.GrantID == "" {
			return errors.New("notify: event without a grant id")
		}
	case EventApplicationDecided:
		data = EventData{ApplicationID: e.ApplicationID, State: string(e.AppState), Topic: e.Topic, ClaimID: e.ClaimID}
	case EventClaimExpiring:
		data = EventData{ClaimID: e.ClaimID, Topic: e.Topic, ValidUntil: e.ValidUntil.UTC().Format(time.RFC3339)}
	case EventScreeningHit:
		data = EventData{HitID: e.HitID, HitKind: e.HitKind, State: string(e.HitState), Topics: e.Topics}
	default:
		return fmt.Errorf("notify: unknown event type %q", e.Type)
	}
	now := clockNow(o.Clock)
	if e.At.IsZero() {
		e.At = now
	}
	delivery, err := newID(o.Rand)
	if err != nil {
		return err
	}
	body, err := json.Marshal(EventPayload{ID: delivery, Type: e.Type, CreatedAt: e.At.UTC().Format(time.RFC3339),
		Data: data})
	if err != nil {
		return fmt.Errorf("notify: %w", err)
	}
	payload, err := json.Marshal(outboxEntry{Delivery: delivery, Type: e.Type, URL: target, Body: body})
	if err != nil {
		return fmt.Errorf("notify: %w", err)
	}
	_, err = o.Store.EnqueueNotification(ctx, store.Notification{Identity: owner, Kind: kind, Payload: payload, NextAttemptAt: now, CreatedAt: now})
	if err != nil {
		return fmt.Errorf("notify: %w", err)
	}
	return nil
}

// newID returns a random URL-safe id of 144 bits.
func newID(r io.Reader) (string, error) {
	if r == nil {
		r = rand.Reader
	}
	b := make([]byte, 18)
	if _, err := io.ReadFull(r, b); err != nil {
		return "", fmt.Errorf("notify: random id: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}
