package consent

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/challenge"
	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/store"
)

// Errors of the access-request flow. Each names what the service or the
// owner must change; the web layer maps them to RFC 9457 problems.
var (
	ErrBadRequest       = errors.New("consent: bad access request")
	ErrUnknownIdentity  = errors.New("consent: no such identity")
	ErrNoWallet         = errors.New("consent: the identity has no wallet to address the challenge to")
	ErrUnknownGrant     = errors.New("consent: no such access grant")
	ErrDecided          = errors.New("consent: the access request was already decided")
	ErrRequestExpired   = errors.New("consent: the access request expired")
	ErrChallengeExpired = errors.New("consent: the challenge expired")
	ErrBadSignature     = errors.New("consent: the signature does not validate this grant")
	ErrNotOwner         = errors.New("consent: only the identity's owner may do this")
)

// AccessStore is what the access-request flow needs from the store.
type AccessStore interface {
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
	GetClient(ctx context.Context, id string) (store.Client, error)
	CreateGrant(ctx context.Context, g store.Grant) error
	GetGrant(ctx context.Context, id string) (store.Grant, error)
	UpdateGrant(ctx context.Context, id string, fn func(store.Grant) (store.Grant, error)) (store.Grant, error)
	RevokeGrant(ctx context.Context, id string, at time.Time) (store.Grant, error)
	CreateAccessRequest(ctx context.Context, r store.AccessRequest) error
	GetAccessRequest(ctx context.Context, id string) (store.AccessRequest, error)
	DecideAccessRequest(ctx context.Context, id string, at time.Time) (store.AccessRequest, error)
	AppendAuditEvent(ctx context.Context, e store.AuditEvent) (store.AuditEvent, error)
}

// Challenger issues and verifies signed messages; challenge.Service is one.
type Challenger interface {
	Issue(ctx context.Context, r challenge.Request) (challenge.Challenge, error)
	Verify(ctx context.Context, text, signature string, want challenge.Expect) (challenge.Verified, error)
}

// Identities checks that an address is an identity contract and lists the
// wallets linked to it (IdFactory getWallets); identity.Reader is one.
type Identities interface {
	CheckIdentity(ctx context.Context, id common.Address) error
	Wallets(ctx context.Context, id common.Address) ([]common.Address, error)
}

// Notices tell others what happened to an access request, inside the
// transaction that changed it: the owner about a new request, the service
// about the decision and a revocation. notify.Outbox in production.
type Notices interface {
	Requested(ctx context.Context, g store.Grant) error
	Decided(ctx context.Context, g store.Grant) error
	Revoked(ctx context.Context, g store.Grant) error
}

// Ask is a service's access request, as the REST API received it.
type Ask struct {
	ClientID    string
	Target      Target
	Kind        store.GrantKind
	Fields      []string
	Purpose     string
	CallbackURL string
	// Wallet is the wallet the challenge is addressed to; zero picks the
	// identity's first linked wallet.
	Wallet common.Address
}

// Asked is a stored request, its grant (requested) and the challenge the
// owner signs to activate it.
type Asked struct {
	Grant     store.Grant
	Challenge challenge.Challenge
}

// AccessRequests runs the access-request API's lifecycle: requested, then
// active (validated by the owner's signature), denied, revoked, used or
// expired. The request and its grant share one id.
type AccessRequests struct {
	Store      AccessStore
	Challenges Challenger
	Directory  identity.Directory
	Identities Identities
	Notices    Notices
	// Issuer is the server's origin; the challenge's domain is its host.
	Issuer string
	// CheckURL accepts or refuses a callback URL (notify.CheckDeliveryURL).
	CheckURL func(raw string) (string, error)
	ChainID  uint64
	Clock    func() time.Time
	Rand     io.Reader // default crypto/rand
	// RequestTTL is how long an undecided request can be validated
	// (default 7 days); ImmediateTTL how long an activated immediate grant
	// waits for its one read (default 1 hour).
	RequestTTL   time.Duration
	ImmediateTTL time.Duration
}

const (
	defaultRequestTTL = 7 * 24 * time.Hour
	maxPurposeLen     = 500
)

// Create stores a requested grant for a, and issues the challenge its
// owner signs: a SIWE message whose ReCap lists exactly the resource's
// fields and the grant kind, addressed to a wallet of the identity.
func (a *AccessRequests) Create(ctx context.Context, ask Ask) (Asked, error) {
	scopes, err := a.check(&ask)
	if err != nil {
		return Asked{}, err
	}
	client, err := a.Store.GetClient(ctx, ask.ClientID)
	if err != nil {
		return Asked{}, fmt.Errorf("consent: access request: client: %w", err)
	}
	wallet, err := a.wallet(ctx, ask)
	if err != nil {
		return Asked{}, err
	}
	id, err := newID(a.Rand)
	if err != nil {
		return Asked{}, err
	}
	now := a.Clock().UTC()
	g := store.Grant{
		ID: id, Kind: ask.Kind, State: store.GrantRequested, Identity: ask.Target.Identity,
		ChainID: int64(a.ChainID), ClientID: ask.ClientID, Scopes: scopes, Resource: ask.Target.Path(),
		Fields: ask.Fields, Purpose: ask.Purpose, CallbackURL: ask.CallbackURL,
		CreatedAt: now, ExpiresAt: now.Add(a.requestTTL()),
	}
	ch, err := a.issue(ctx, g, client.Name, wallet)
	if err != nil {
		return Asked{}, err
	}
	err = a.Store.InTx(ctx, func(ctx context.Context) error {
		if err := a.Store.CreateGrant(ctx, g); err != nil {
			return err
		}
		if err := a.Store.CreateAccessRequest(ctx, store.AccessRequest{
			ID: id, GrantID: id, ClientID: g.ClientID, Identity: g.Identity, Resource: g.Resource, Fields: g.Fields,
			Kind: g.Kind, Purpose: g.Purpose, CallbackURL: g.CallbackURL, ChallengeMessage: ch.Text,
			ChallengeNonce: ch.Nonce, CreatedAt: now, ExpiresAt: g.ExpiresAt,
		}); err != nil {
			return err
		}
		return a.Notices.Requested(ctx, g)
	})
	if err != nil {
		return Asked{}, fmt.Errorf("consent: access request: %w", err)
	}
	return Asked{Grant: g, Challenge: ch}, nil
}

// check validates what the service sent and returns the grant's scopes.
func (a *AccessRequests) check(ask *Ask) ([]string, error) {
	if ask.Kind != store.GrantImmediate && ask.Kind != store.GrantPersistent {
		return nil, fmt.Errorf("%w: kind must be \"immediate\" or \"persistent\"", ErrBadRequest)
	}
	scopes, err := ask.Target.Scopes(ask.Fields, ask.Kind)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadRequest, err)
	}
	if err := checkPurpose(ask.Purpose); err != nil {
		return nil, err
	}
	if ask.CallbackURL != "" {
		u, err := a.CheckURL(ask.CallbackURL)
		if err != nil {
			return nil, fmt.Errorf("%w: callback_url: %w", ErrBadRequest, err)
		}
		ask.CallbackURL = u
	}
	if ask.Target.Topic == 0 {
		ask.Fields = Fields(scopes)
	} else {
		ask.Fields = nil
	}
	return scopes, nil
}

// checkPurpose accepts a short line of printable text: the owner reads it.
func checkPurpose(p string) error {
	switch {
	case p == "":
		return fmt.Errorf("%w: purpose is required: say why the data is needed", ErrBadRequest)
	case len(p) > maxPurposeLen || !utf8.ValidString(p):
		return fmt.Errorf("%w: purpose must be valid UTF-8 of at most %d bytes", ErrBadRequest, maxPurposeLen)
	}
	for _, r := range p {
		if !unicode.IsPrint(r) {
			return fmt.Errorf("%w: purpose must be one line of printable text", ErrBadRequest)
		}
	}
	return nil
}

// wallet is the address the challenge is written for: the one the service
// named, or the identity's first linked wallet. Either way, only a wallet
// holding a management or action key on the identity can validate.
func (a *AccessRequests) wallet(ctx context.Context, ask Ask) (common.Address, error) {
	err := a.Identities.CheckIdentity(ctx, ask.Target.Identity)
	switch {
	case errors.Is(err, identity.ErrNotIdentity), errors.Is(err, identity.ErrNoIdentity):
		return common.Address{}, fmt.Errorf("%w: %w", ErrUnknownIdentity, err)
	case err != nil:
		return common.Address{}, err
	case ask.Wallet != (common.Address{}):
		return ask.Wallet, nil
	}
	wallets, err := a.Identities.Wallets(ctx, ask.Target.Identity)
	switch {
	case err != nil:
		return common.Address{}, err
	case len(wallets) == 0:
		return common.Address{}, ErrNoWallet
	}
	return wallets[0], nil
}

// issue writes the validation challenge of grant g for wallet.
func (a *AccessRequests) issue(ctx context.Context, g store.Grant, clientName string, wallet common.Address) (challenge.Challenge, error) {
	return a.Challenges.Issue(ctx, challenge.Request{
		Purpose: store.PurposeAccessGrant, Domain: a.domain(), URI: a.grantURI(g.ID), Address: wallet,
		Statement: a.statement(g, clientName), RequestID: g.ID, Resources: []string{a.recap(g).URN()},
	})
}

// statement is the sentence of g's challenge: who receives the rights, then
// the ReCap's own sentence.
func (a *AccessRequests) statement(g store.Grant, clientName string) string {
	return ConsentStatement(a.recap(g), clientName)
}

// recap lists exactly the grant's fields (or claim) and kind against the
// identity's resource URI, as the Connect flow's consent does.
func (a *AccessRequests) recap(g store.Grant) challenge.ReCap {
	return challenge.NewReCap(Resource(a.Issuer, g.Identity), Abilities(g.Scopes, g.Kind)...)
}

func (a *AccessRequests) grantURI(id string) string { return a.Issuer + "/access-grants/" + id }

func (a *AccessRequests) domain() string {
	u, err := url.Parse(a.Issuer)
	if err != nil {
		return a.Issuer
	}
	return u.Host
}

func (a *AccessRequests) requestTTL() time.Duration {
	if a.RequestTTL > 0 {
		return a.RequestTTL
	}
	return defaultRequestTTL
}

func (a *AccessRequests) immediateTTL() time.Duration {
	if a.ImmediateTTL > 0 {
		return a.ImmediateTTL
	}
	return time.Hour
}
