package consent

import (
	"context"
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/store"
)

// Read is one resource read under a grant, as the grant token describes it.
type Read struct {
	GrantID  string
	ClientID string
	Identity common.Address
	Wallet   common.Address
	Resource string   // e.g. "/userinfo" or "/identities/0x…/profile"
	Fields   []string // what the read returns
}

// Use runs checks 2 and 3 of a resource read: the wallet that signed the consent
// still holds purpose 1 or 2 on the identity (from the cache, so a key removed on
// the chain stops reads within one block), then the grant is active and, if
// immediate, consumed atomically, with the read recorded in its usage log. The
// key check comes first so that a refused read does not burn an immediate grant.
// Refused reads go to the audit log.
func (g *Grants) Use(ctx context.Context, r Read) (store.Grant, error) {
	gr, err := g.use(ctx, r)
	if err != nil {
		g.audit(ctx, store.AuditEvent{Kind: store.AuditRefusedRead, Actor: r.ClientID, Identity: r.Identity.Hex(),
			ClientID: r.ClientID, GrantID: r.GrantID, Detail: refusal(err)})
	}
	return gr, err
}

func (g *Grants) use(ctx context.Context, r Read) (store.Grant, error) {
	err := identity.RequirePurpose(ctx, g.Directory, r.Identity, r.Wallet, identity.PurposeManagement, identity.PurposeAction)
	if errors.Is(err, identity.ErrMissingPurpose) {
		return store.Grant{}, fmt.Errorf("%w: %v", ErrKeyRevoked, err)
	}
	if err != nil {
		return store.Grant{}, err
	}
	gr, err := g.Store.UseGrant(ctx, r.GrantID, store.GrantUsage{
		GrantID: r.GrantID, At: g.Clock().UTC(), Resource: r.Resource, Fields: r.Fields, ClientID: r.ClientID,
	})
	switch {
	case errors.Is(err, store.ErrGrantUsed), errors.Is(err, store.ErrGrantRevoked),
		errors.Is(err, store.ErrGrantInactive), errors.Is(err, store.ErrExpired), errors.Is(err, store.ErrNotFound):
		return store.Grant{}, fmt.Errorf("%w: %v", ErrGrantInactive, err)
	case err != nil:
		return store.Grant{}, err
	}
	if gr.Identity != r.Identity.Hex() || gr.ClientID != r.ClientID {
		return store.Grant{}, fmt.Errorf("%w: the token does not match its grant", ErrGrantInactive)
	}
	return gr, nil
}

// refusal names why a read was refused, without personal data.
func refusal(err error) string {
	switch {
	case errors.Is(err, ErrKeyRevoked):
		return "key-revoked"
	case errors.Is(err, store.ErrGrantUsed):
		return "grant-used"
	case errors.Is(err, store.ErrGrantRevoked):
		return "grant-revoked"
	case errors.Is(err, store.ErrExpired):
		return "grant-expired"
	case errors.Is(err, identity.ErrChainUnavailable):
		return "chain-unavailable"
	default:
		return "grant-inactive"
	}
}
