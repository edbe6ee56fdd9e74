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
	// TokenHash, when set, is the key under which a revoked access token is
	// stored (authz.Provider.VerifyGrantToken returns it): the read then
	// refuses a token revoked on its own, with the same store read that
	// checks the grant.
	TokenHash string
	// Profile asks Use for the identity's profile (Used.Profile), which a
	// persistent grant's read fetches with the grant's status.
	Profile bool
}

// Used is an allowed read: its grant (for a persistent grant, only the
// fields of store.GrantStatus) and, when Read.Profile asked, the
// identity's profile (zero when none is stored).
type Used struct {
	store.Grant
	Profile Profile
}

// errTokenRevoked refuses a read whose access token was revoked on its own.
var errTokenRevoked = errors.New("the access token was revoked")

// Use runs the key and grant checks of a resource read: the wallet that
// signed the consent still holds purpose 1 or 2 on the identity (from the
// cache, so a key removed on the chain stops reads within one block), then
// the grant is active and, if immediate, consumed atomically, with the read
// recorded in its usage log. The key check comes first so that a refused
// read does not burn an immediate grant. Refused reads go to the audit log.
// With Grants.Usage set, a persistent grant's read is logged in a batch and
// the grant returned carries only the fields of store.GrantStatus.
// Reader.Read runs these with the token and claim checks.
func (g *Grants) Use(ctx context.Context, r Read) (Used, error) {
	return g.allow(ctx, r, nil)
}

// allow runs the key check, then before (when set: checks that can still
// refuse without spending, such as judging claims), then the grant check
// that spends, auditing a refusal.
func (g *Grants) allow(ctx context.Context, r Read, before func() error) (Used, error) {
	if r.Profile && g.Profiles == nil {
		return Used{}, errors.New("consent: a read asks for the profile, and Grants has no Profiles")
	}
	err := g.holdsKey(ctx, r)
	if err == nil && before != nil {
		err = before()
	}
	var used Used
	if err == nil {
		used, err = g.spend(ctx, r)
	}
	if err != nil {
		g.audit(ctx, store.AuditEvent{Kind: store.AuditRefusedRead, Actor: r.ClientID, Identity: r.Identity,
			ClientID: r.ClientID, GrantID: r.GrantID, Detail: refusal(err)})
	}
	return used, err
}

// holdsKey refuses a read whose consent signer lost purpose 1 and 2.
func (g *Grants) holdsKey(ctx context.Context, r Read) error {
	err := identity.RequirePurpose(ctx, g.Directory, r.Identity, r.Wallet, identity.PurposeManagement, identity.PurposeAction)
	if errors.Is(err, identity.ErrMissingPurpose) {
		return fmt.Errorf("%w: %w", ErrKeyRevoked, err)
	}
	return err
}

// spend checks the grant and, if immediate, consumes it.
func (g *Grants) spend(ctx context.Context, r Read) (Used, error) {
	u := store.GrantUsage{GrantID: r.GrantID, At: g.Clock().UTC(), Resource: r.Resource, Fields: r.Fields, ClientID: r.ClientID}
	if g.Usage != nil || r.TokenHash != "" {
		gr, done, err := g.usePersistent(ctx, r, u)
		if done {
			return gr, err
		}
	}
	gr, err := g.Store.UseGrant(ctx, r.GrantID, u)
	if err != nil {
		return Used{}, grantErr(err)
	}
	if err := matches(gr, r); err != nil {
		return Used{}, err
	}
	used := Used{Grant: gr}
	if r.Profile {
		if used.Profile, err = g.Profiles.Get(ctx, r.Identity); err != nil {
			return Used{}, err
		}
	}
	return used, nil
}

// usePersistent reads the grant's status, which sees a revocation
// committed before it (and of the access token, with r.TokenHash), and
// serves a read of a persistent grant with it, handing the usage row to
// the batching UsageLog. The grant it returns has only the fields of
// store.GrantStatus. done is false for any other grant, or without a
// UsageLog, which UseGrant then consumes atomically.
func (g *Grants) usePersistent(ctx context.Context, r Read, u store.GrantUsage) (used Used, done bool, err error) {
	st, err := g.Store.GetGrantStatus(ctx, r.GrantID, store.StatusQuery{AccessTokenHash: r.TokenHash, Profile: r.Profile})
	switch {
	case errors.Is(err, store.ErrNotFound):
		return Used{}, true, grantErr(err)
	case err != nil:
		return Used{}, true, err
	case st.TokenRevoked:
		return Used{}, true, fmt.Errorf("%w: %w", store.ErrGrantInactive, errTokenRevoked)
	case st.Kind != store.GrantPersistent, g.Usage == nil:
		return Used{}, false, nil
	}
	gr := store.Grant{ID: st.ID, Kind: st.Kind, State: st.State, Identity: st.Identity, ClientID: st.ClientID, ExpiresAt: st.ExpiresAt}
	if err := gr.Usable(u.At); err != nil {
		return Used{}, true, grantErr(err)
	}
	if err := matches(gr, r); err != nil {
		return Used{}, true, err
	}
	used = Used{Grant: gr}
	if st.Profile != nil {
		if used.Profile, err = g.Profiles.open(st.Identity, *st.Profile); err != nil {
			return Used{}, true, err
		}
	}
	if err := g.Usage.Record(ctx, u); err != nil {
		return Used{}, true, err
	}
	return used, true, nil
}

// grantErr refuses a grant the store does not know as one that cannot be
// used, so a token naming a deleted grant reads like a revoked one.
func grantErr(err error) error {
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("%w: %w", store.ErrGrantInactive, err)
	}
	return err
}

// matches checks that the token describes the grant it names.
func matches(gr store.Grant, r Read) error {
	if gr.Identity != r.Identity || gr.ClientID != r.ClientID {
		return fmt.Errorf("%w: the token does not match its grant", store.ErrGrantInactive)
	}
	return nil
}

// refusal names why a read was refused, without personal data.
func refusal(err error) string {
	switch {
	case errors.Is(err, ErrKeyRevoked):
		return "key-revoked"
	case errors.Is(err, errTokenRevoked):
		return "token-revoked"
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
