package authz

import (
	"encoding/json"
	"maps"
	"slices"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ory/fosite"
	"github.com/ory/fosite/handler/openid"
	"github.com/ory/fosite/token/jwt"

	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/store"
)

// grantInfo is the grant an authorization carries into its tokens.
type grantInfo struct {
	ID       string          `json:"id"`
	Kind     store.GrantKind `json:"kind"`
	Identity string          `json:"identity"` // EIP-55 identity contract
	Wallet   string          `json:"wallet"`   // EIP-55 signing wallet
	ChainID  uint64          `json:"chain_id"`
	Consent  string          `json:"consent"` // 0x-hex EIP-191 hash
}

func (g grantInfo) walletCAIP10() string {
	return identity.CAIP10(g.ChainID, common.HexToAddress(g.Wallet))
}

// session is the fosite session of one authorization: fosite's OpenID
// Connect session (subject, ID token claims, expiries) plus the grant.
// It is stored as JSON with every token of the authorization.
type session struct {
	openid.DefaultSession
	Issuer string    `json:"issuer"`
	Grant  grantInfo `json:"grant"`
	// accessToken is the token minted in this request, kept so that the ID
	// token's at_hash can follow an EdDSA key (SHA-512), which fosite's
	// helper does not know. Never stored.
	accessToken string
}

var (
	_ fosite.Session                  = (*session)(nil)
	_ openid.Session                  = (*session)(nil)
	_ fosite.ExtraClaimsSession       = (*session)(nil)
	_ interface{ SetSubject(string) } = (*session)(nil)
)

func newSession() *session {
	return &session{DefaultSession: openid.DefaultSession{
		Claims:  &jwt.IDTokenClaims{},
		Headers: &jwt.Headers{},
	}}
}

// Clone copies by hand: fosite's reflective deep copy would return the
// embedded DefaultSession and drop the grant.
func (s *session) Clone() fosite.Session {
	if s == nil {
		return nil
	}
	c := *s
	if s.Claims != nil {
		cl := *s.Claims
		cl.Audience = slices.Clone(cl.Audience)
		cl.AuthenticationMethodsReferences = slices.Clone(cl.AuthenticationMethodsReferences)
		cl.Extra = maps.Clone(cl.Extra)
		c.Claims = &cl
	}
	if s.Headers != nil {
		c.Headers = &jwt.Headers{Extra: maps.Clone(s.Headers.Extra)}
	}
	c.ExpiresAt = maps.Clone(s.ExpiresAt)
	return &c
}

// sessionJSON is the stored form of a session: only what cannot be
// derived from the grant. The ID token claims that fosite fills while
// minting (nonce, at_hash, exp, iat, aud) are not kept.
type sessionJSON struct {
	Issuer      string                         `json:"iss"`
	ExpiresAt   map[fosite.TokenType]time.Time `json:"exp,omitempty"`
	AuthTime    time.Time                      `json:"auth_time,omitzero"`
	RequestedAt time.Time                      `json:"rat,omitzero"`
	Grant       grantInfo                      `json:"grant"`
}

// MarshalJSON writes the compact stored form; every token of a grant
// carries it, and the token endpoint decodes it on each exchange.
func (s *session) MarshalJSON() ([]byte, error) {
	c := s.IDTokenClaims()
	return json.Marshal(sessionJSON{
		Issuer: s.Issuer, ExpiresAt: s.ExpiresAt, AuthTime: c.AuthTime, RequestedAt: c.RequestedAt, Grant: s.Grant,
	})
}

// UnmarshalJSON rebuilds the session, subject and ID token claims
// included, from the stored form.
func (s *session) UnmarshalJSON(b []byte) error {
	var j sessionJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*s = *newSession()
	s.Issuer, s.ExpiresAt, s.Grant = j.Issuer, j.ExpiresAt, j.Grant
	if j.Grant.ID == "" {
		return nil
	}
	sub := identity.CAIP10(j.Grant.ChainID, common.HexToAddress(j.Grant.Identity))
	s.Subject = sub
	s.Claims.Subject, s.Claims.AuthTime, s.Claims.RequestedAt = sub, j.AuthTime, j.RequestedAt
	s.Claims.AuthenticationMethodsReferences = []string{"siwe"}
	s.Claims.Extra = map[string]any{"wallet": j.Grant.walletCAIP10()}
	return nil
}

// GetExtraClaims puts the grant into introspection responses.
func (s *session) GetExtraClaims() map[string]any {
	if s == nil || s.Grant.ID == "" {
		return nil
	}
	return map[string]any{
		"iss":        s.Issuer,
		"grant_id":   s.Grant.ID,
		"grant_kind": string(s.Grant.Kind),
		"identity":   s.Grant.Identity,
		"wallet":     s.Grant.walletCAIP10(),
		"chain_id":   s.Grant.ChainID,
		"consent":    s.Grant.Consent,
	}
}

// fillFromClaims rebuilds the session of an access token from its claims.
func (s *session) fillFromClaims(c *GrantClaims) {
	s.Subject, s.Issuer = c.Subject, c.Issuer
	s.IDTokenClaims().Subject = c.Subject
	s.SetExpiresAt(fosite.AccessToken, c.ExpiresAt)
	s.Grant = grantInfo{
		ID: c.GrantID, Kind: c.GrantKind, Identity: c.Identity.Hex(), Wallet: c.Wallet.Hex(),
		ChainID: c.ChainID, Consent: c.Consent,
	}
}

// sessionOf returns the idconnect session of a request, or nil.
func sessionOf(r fosite.Requester) *session {
	if r == nil {
		return nil
	}
	s, _ := r.GetSession().(*session)
	return s
}
