package consent

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/store"
)

// Errors of the read rule's token check.
var (
	// ErrInvalidToken refuses a token that is malformed, badly signed,
	// expired, of another issuer, or for another resource server.
	ErrInvalidToken = errors.New("consent: the grant token is invalid")
	// ErrWrongAudience is a valid token for another resource server; it
	// wraps ErrInvalidToken (RFC 6750 invalid_token).
	ErrWrongAudience = fmt.Errorf("%w: it is for another resource server", ErrInvalidToken)
	// ErrInsufficientScope refuses a read the grant does not cover.
	ErrInsufficientScope = errors.New("consent: the grant does not cover this read")
)

// Token is a grant token whose signature, type, issuer and expiry were
// verified: the claims the read rule needs.
type Token struct {
	Subject   string // eip155:<chain>:<identity>
	Audience  []string
	ClientID  string
	Scopes    []string
	GrantID   string
	GrantKind store.GrantKind
	Identity  common.Address
	Wallet    common.Address // signed the consent
	ChainID   uint64
	Consent   string // 0x-hex hash of the signed consent
	ExpiresAt time.Time
	// RevocationKey is where the token is recorded when revoked on its
	// own (RFC 7009); the grant check reads it with the grant.
	RevocationKey string
}

// TokenVerifier checks a grant token's signature against the server's
// keys, its type (at+jwt), issuer and expiry. authz implements it, so that
// consent needs neither fosite nor JOSE.
type TokenVerifier interface {
	VerifyReadToken(ctx context.Context, raw string) (Token, error)
}

// ReadRequest is one read of a resource under a grant token.
type ReadRequest struct {
	Token string // the bearer grant token, as sent
	// Audience is the identifier of the resource server that reads: the
	// issuer for this server's own endpoints, or a third party's RFC 8707
	// resource. The token's aud must name it.
	Audience string
	Resource string // what is read, for the usage log: "/userinfo", a path, a resource URI
	// Identity, when set, is the identity the resource belongs to.
	Identity common.Address
	// Scope, when set, must be granted (openid for /userinfo).
	Scope string
	// Scopes are what the read discloses; each must be granted. Nil
	// discloses every scope of the token that Only accepts (all without
	// Only), and at least one.
	Scopes []string
	Only   func(scope string) bool
	// LogFields names what the read returns, for the usage log, from the
	// disclosed scopes; nil is DisclosedFields.
	LogFields func(scopes []string) []string
	// NoProfile reads no profile data: a third-party resource server
	// serves its own data, and learns only that the grant holds.
	NoProfile bool
}

// ReadResult is an allowed read: the token, the grant (for a persistent
// grant, the fields of store.GrantStatus) and what the read discloses:
// the profile when a profile scope is disclosed, and each disclosed claim
// topic judged on the chain now.
type ReadResult struct {
	Token      Token
	Grant      store.Grant
	Disclosure Disclosure
}

// Reader runs the one read rule for /userinfo, the access-request API's
// resources and third-party resource servers (POST /oauth2/grant-reads).
type Reader struct {
	Tokens TokenVerifier
	Grants *Grants
}

// Read runs the four checks of every read, in this order:
//
//  1. the token: signature, type, issuer, expiry (Tokens), audience, and
//     that it covers the identity and the scopes read;
//  2. the wallet that signed the consent still holds MANAGEMENT or ACTION
//     purpose on the identity (cached; a removed key stops reads within a
//     block);
//  3. the disclosed claim topics, judged on the chain now;
//  4. the grant is active, and an immediate grant is consumed atomically,
//     with the read in the usage log.
//
// DESIGN numbers the grant check second; it runs last here because it is
// the only step that spends anything. A read refused by the key, or by a
// chain that cannot judge the claims, must not burn an immediate grant.
// Refusals after the token check go to the audit log.
func (rd *Reader) Read(ctx context.Context, req ReadRequest) (ReadResult, error) {
	tok, scopes, err := rd.token(ctx, req)
	if err != nil {
		return ReadResult{}, err
	}
	d := Disclosure{Subject: tok.Subject, Wallet: identity.CAIP10(tok.ChainID, tok.Wallet), Scopes: scopes}
	read := Read{GrantID: tok.GrantID, ClientID: tok.ClientID, Identity: tok.Identity, Wallet: tok.Wallet,
		Resource: req.Resource, Fields: DisclosedFields(scopes), TokenHash: tok.RevocationKey,
		Profile: !req.NoProfile && slices.ContainsFunc(scopes, IsProfileScope)}
	if req.LogFields != nil {
		read.Fields = req.LogFields(scopes)
	}
	g := rd.Grants
	used, err := g.allow(ctx, read, func() error {
		d.Claims, err = g.judge(ctx, tok.Identity, scopes)
		return err
	})
	if err != nil {
		return ReadResult{}, err
	}
	d.Profile = used.Profile
	return ReadResult{Token: tok, Grant: used.Grant, Disclosure: d}, nil
}

// ReadAsClient is the read rule for a service that presents no grant
// token (it called with an API key, or with a wallet registered on its
// client): it reads under its live persistent grant on the identity that
// covers every scope, with checks 2 to 4 of Read. Without such a grant
// the read is refused with ErrInsufficientScope.
func (rd *Reader) ReadAsClient(ctx context.Context, clientID string, id common.Address, scopes []string, resource string) (ReadResult, error) {
	g := rd.Grants
	gr, ok, err := g.Covering(ctx, clientID, id, scopes)
	if err != nil {
		return ReadResult{}, err
	}
	if !ok {
		return ReadResult{}, fmt.Errorf("%w: the client holds no live grant on identity %s for %s", ErrInsufficientScope, id.Hex(), strings.Join(scopes, " "))
	}
	chainID := uint64(max(gr.ChainID, 0))
	d := Disclosure{Subject: identity.CAIP10(chainID, id), Wallet: identity.CAIP10(chainID, gr.Wallet), Scopes: scopes}
	read := Read{GrantID: gr.ID, ClientID: clientID, Identity: id, Wallet: gr.Wallet, Resource: resource, Fields: DisclosedFields(scopes)}
	used, err := g.allow(ctx, read, func() error {
		d.Claims, err = g.judge(ctx, id, scopes)
		return err
	})
	if err != nil {
		return ReadResult{}, err
	}
	return ReadResult{Token: Token{ClientID: clientID, GrantID: gr.ID, GrantKind: gr.Kind, Identity: id, Wallet: gr.Wallet, ChainID: chainID, Scopes: gr.Scopes}, Grant: used.Grant, Disclosure: d}, nil
}

// token is check 1, and what the read discloses.
func (rd *Reader) token(ctx context.Context, req ReadRequest) (Token, []string, error) {
	tok, err := rd.Tokens.VerifyReadToken(ctx, req.Token)
	switch {
	case err != nil:
		return Token{}, nil, fmt.Errorf("%w: %w", ErrInvalidToken, err)
	case req.Audience == "" || !slices.Contains(tok.Audience, req.Audience):
		return Token{}, nil, ErrWrongAudience
	case req.Identity != (common.Address{}) && tok.Identity != req.Identity:
		return Token{}, nil, fmt.Errorf("%w: the grant is for another identity", ErrInsufficientScope)
	case req.Scope != "" && !slices.Contains(tok.Scopes, req.Scope):
		return Token{}, nil, fmt.Errorf("%w: %s is not granted", ErrInsufficientScope, req.Scope)
	}
	if req.Scopes == nil && req.Only == nil {
		return tok, tok.Scopes, nil
	}
	if req.Scopes == nil {
		scopes := slices.DeleteFunc(slices.Clone(tok.Scopes), func(s string) bool { return !req.Only(s) })
		if len(scopes) == 0 {
			return Token{}, nil, fmt.Errorf("%w: nothing of this resource is granted", ErrInsufficientScope)
		}
		return tok, scopes, nil
	}
	for _, s := range req.Scopes {
		if !slices.Contains(tok.Scopes, s) {
			return Token{}, nil, fmt.Errorf("%w: %.60s is not granted", ErrInsufficientScope, s)
		}
	}
	return tok, req.Scopes, nil
}

// judge reads the claims of each claim scope, judged on the chain now.
func (g *Grants) judge(ctx context.Context, id common.Address, scopes []string) (map[uint64][]identity.Judgement, error) {
	var out map[uint64][]identity.Judgement
	for _, s := range scopes {
		topic, ok := ClaimTopic(s)
		if !ok {
			continue
		}
		claims, err := g.Directory.ClaimsByTopic(ctx, id, topic, g.Clock())
		if err != nil {
			return nil, fmt.Errorf("consent: judge claims of topic %d: %w", topic, err)
		}
		if out == nil {
			out = map[uint64][]identity.Judgement{}
		}
		out[topic] = claims
	}
	return out, nil
}

// IsProfileScope reports whether s discloses profile data.
func IsProfileScope(s string) bool {
	return s == ScopeProfile || s == ScopeEmail || s == ScopePhone || s == ScopeAddress
}

// DisclosedFields names what a read under these scopes returns, for the
// usage log.
func DisclosedFields(scopes []string) []string {
	fields := []string{"sub", "wallet"}
	for _, s := range scopes {
		if IsProfileScope(s) || strings.HasPrefix(s, claimPrefix) {
			fields = append(fields, s)
		}
	}
	return fields
}
