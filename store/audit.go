package store

import (
	"context"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// AuditKind classifies audit events.
type AuditKind string

// Audit kinds.
const (
	AuditLogin       AuditKind = "login"
	AuditConsent     AuditKind = "consent"
	AuditToken       AuditKind = "token"
	AuditRevocation  AuditKind = "revocation"
	AuditRefusedRead AuditKind = "refused-read"
)

// AuditEvent is one entry of the append-only audit log. Detail must not
// hold personal data. ID is assigned by the store.
type AuditEvent struct {
	ID       int64
	At       time.Time
	Kind     AuditKind
	Actor    string
	Identity common.Address // zero: no identity concerned
	ClientID string
	GrantID  string
	Detail   string
}

// AuditFilter selects audit events. Empty fields match anything.
type AuditFilter struct {
	Kind     AuditKind
	Identity common.Address // zero matches any
	ClientID string
	GrantID  string
	Cursor   string
	Limit    int
}

// AuditStore keeps the audit log.
type AuditStore interface {
	// AppendAuditEvent stores e and returns it with its ID.
	AppendAuditEvent(ctx context.Context, e AuditEvent) (AuditEvent, error)
	// ListAuditEvents returns matching events newest first.
	ListAuditEvents(ctx context.Context, f AuditFilter) ([]AuditEvent, string, error)
}
