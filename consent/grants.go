package consent

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/store"
)

// ErrKeyRevoked refuses a read whose signing wallet lost its key. A grant
// that cannot be used is store.ErrGrantInactive, the one error of that
// meaning on every surface.
var ErrKeyRevoked = errors.New("consent: the signing wallet no longer holds a management or action key on the identity")

// GrantStore is what grants need from the store.
type GrantStore interface {
	CreateGrant(ctx context.Context, g store.Grant) error
	GetGrantStatus(ctx context.Context, id string, q store.StatusQuery) (store.GrantStatus, error)
	ListGrants(ctx context.Context, f store.GrantFilter) ([]store.Grant, string, error)
	UseGrant(ctx context.Context, id string, u store.GrantUsage) (store.Grant, error)
	AppendAuditEvent(ctx context.Context, e store.AuditEvent) (store.AuditEvent, error)
}

// Grants creates grants from signed consents and serves reads against them.
type Grants struct {
	Store        GrantStore
	Directory    identity.Directory
	Clock        func() time.Time
	Rand         io.Reader     // default crypto/rand
	ImmediateTTL time.Duration // how long an unused immediate grant stays usable (default 1h)
	// Usage, when set, logs reads of persistent grants in batches: such a
	// read checks its grant with a read, so a revocation stops the next
	// read, and its usage row is committed, with those of concurrent
	// reads, before the read is allowed.
	// Nil writes every read synchronously (store.UseGrant). Immediate
	// grants are always consumed synchronously and atomically.
	Usage *UsageLog
	// Profiles opens the profile a read asks for (Read.Profile).
	Profiles *Profiles
}

// Consent is a verified, signed consent.
type Consent struct {
	ClientID          string
	Identity, Wallet  common.Address
	ChainID           uint64
	Scopes            []string // exactly the signed ones
	Message           string   // the SIWE text the owner signed
	Signature         string   // 0x-hex
	Hash              common.Hash
	Resource, Purpose string // set by the access-request API
}

// Create stores an active grant for a consent: persistent with offline_access,
// immediate otherwise.
func (g *Grants) Create(ctx context.Context, c Consent) (store.Grant, error) {
	now := g.Clock().UTC()
	id, err := newID(g.Rand)
	if err != nil {
		return store.Grant{}, err
	}
	gr := store.Grant{
		ID: id, Kind: KindOf(c.Scopes), State: store.GrantActive,
		Identity: c.Identity, ChainID: int64(c.ChainID), Wallet: c.Wallet, ClientID: c.ClientID,
		Scopes: Normalize(c.Scopes), Resource: c.Resource, Purpose: c.Purpose,
		ConsentMessage: c.Message, ConsentSignature: c.Signature, ConsentHash: c.Hash.Hex(),
		CreatedAt: now, ActivatedAt: now,
	}
	if gr.Kind == store.GrantImmediate {
		gr.ExpiresAt = now.Add(g.immediateTTL())
	}
	if err := g.Store.CreateGrant(ctx, gr); err != nil {
		return store.Grant{}, err
	}
	g.audit(ctx, store.AuditEvent{Kind: store.AuditConsent, Actor: gr.Wallet.Hex(), Identity: gr.Identity, ClientID: gr.ClientID, GrantID: gr.ID, Detail: string(gr.Kind)})
	return gr, nil
}

// Covering finds a live persistent grant of the client on the identity whose scopes
// include every requested one: such a request needs no new signature.
func (g *Grants) Covering(ctx context.Context, clientID string, id common.Address, scopes []string) (store.Grant, bool, error) {
	now := g.Clock()
	cursor := ""
	for {
		page, next, err := g.Store.ListGrants(ctx, store.GrantFilter{Identity: id, ClientID: clientID, State: store.GrantActive, Cursor: cursor, Limit: store.MaxPageLimit})
		if err != nil {
			return store.Grant{}, false, err
		}
		for _, gr := range page {
			live := gr.ExpiresAt.IsZero() || now.Before(gr.ExpiresAt)
			if gr.Kind == store.GrantPersistent && live && Covers(gr.Scopes, scopes) {
				return gr, true, nil
			}
		}
		if next == "" {
			return store.Grant{}, false, nil
		}
		cursor = next
	}
}

func (g *Grants) immediateTTL() time.Duration {
	if g.ImmediateTTL > 0 {
		return g.ImmediateTTL
	}
	return time.Hour
}

func (g *Grants) audit(ctx context.Context, e store.AuditEvent) {
	e.At = g.Clock().UTC()
	_, _ = g.Store.AppendAuditEvent(ctx, e) // the audit log must not fail the flow it records
}

func newID(r io.Reader) (string, error) {
	if r == nil {
		r = rand.Reader
	}
	b := make([]byte, 18)
	if _, err := io.ReadFull(r, b); err != nil {
		return "", fmt.Errorf("consent: random id: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}
