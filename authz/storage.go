package authz

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/ory/fosite"
	"github.com/ory/fosite/handler/oauth2"
	"github.com/ory/fosite/handler/openid"
	"github.com/ory/fosite/handler/pkce"
	fositestorage "github.com/ory/fosite/storage"

	"github.com/idconnect/idconnect/store"
)

// tokenBackend is what the fosite adapter needs from the store.
type tokenBackend interface {
	GetClient(ctx context.Context, id string) (store.Client, error)
	store.OAuthTokenStore
	RevokeGrant(ctx context.Context, id string, at time.Time) (store.Grant, error)
	store.Transactor
}

// Storage is fosite's storage over store.Store. New builds it.
//
// Every artifact of one authorization shares its request id, which is the
// grant id (Approve sets it), so revoking by request reaches the grant.
//
// Codes and refresh tokens are rows keyed by their HMAC signature. Spending
// one renames its row to a spent marker under another key (for replay
// detection) in one conditional statement, which is the single-use check:
// of concurrent spenders only one renames the row, on SQLite and
// PostgreSQL alike. The code row holds the whole sanitized authorization
// request, so the PKCE and OpenID Connect sessions are read from it
// (storage_views.go).
//
// Access tokens are self-contained JWTs and are not stored when issued:
// fosite hands the storage the token itself as its "signature", and the
// storage verifies and decodes it. Only revoked access tokens are stored,
// inactive, keyed by the token's SHA-256. A code exchange therefore reads
// the code (the client comes from a short-lived cache, see clientCache)
// and runs one transaction: the spend, plus the refresh token's insert
// for a persistent grant.
type Storage struct {
	st tokenBackend
	// codeSignature turns a code into its stored signature: fosite keys
	// OpenID Connect sessions by the code itself, which is never stored.
	codeSignature func(ctx context.Context, code string) string
	// parseAccess verifies and decodes an access token.
	parseAccess func(ctx context.Context, token string) (*GrantClaims, error)
	clock       func() time.Time
	// clients caches client records briefly; see clientCache.
	clients *clientCache
	// codes keeps the codes this node issued until they are spent; see
	// issuedCodes.
	codes *issuedCodes
}

var (
	_ fosite.Storage                     = (*Storage)(nil)
	_ oauth2.CoreStorage                 = (*Storage)(nil)
	_ oauth2.TokenRevocationStorage      = (*Storage)(nil)
	_ pkce.PKCERequestStorage            = (*Storage)(nil)
	_ openid.OpenIDConnectRequestStorage = (*Storage)(nil)
	_ fositestorage.Transactional        = (*Storage)(nil)
)

// codeSessionParams are the authorization request parameters kept with a
// code: fosite's own (redirect_uri), PKCE's, and OpenID Connect's. PKCE
// and the ID token depend on this list; see storage_views.go.
var codeSessionParams = []string{
	"redirect_uri", "code_challenge", "code_challenge_method",
	"nonce", "max_age", "prompt", "acr_values", "id_token_hint",
}

// storedRequest is the JSON form of a fosite request. The client is kept
// by id and read again, so a deleted client's tokens stop working.
type storedRequest struct {
	ID              string     `json:"id"`
	RequestedAt     time.Time  `json:"requested_at"`
	ClientID        string     `json:"client_id"`
	Scopes          []string   `json:"scopes,omitempty"`
	GrantedScopes   []string   `json:"granted_scopes,omitempty"`
	Audience        []string   `json:"audience,omitempty"`
	GrantedAudience []string   `json:"granted_audience,omitempty"`
	Form            url.Values `json:"form,omitempty"`
	Session         *session   `json:"session,omitempty"`
	// AccessTokenHash names the access token issued with a refresh token,
	// which rotating the refresh token revokes.
	AccessTokenHash      string    `json:"access_token_hash,omitempty"`
	AccessTokenExpiresAt time.Time `json:"access_token_expires_at,omitzero"`
}

// GetClient implements fosite.ClientManager.
func (s *Storage) GetClient(ctx context.Context, id string) (fosite.Client, error) {
	m := memoFrom(ctx)
	if c, ok := m.client(id); ok {
		return c, nil
	}
	c, err := s.clients.get(ctx, s.st, id)
	if err != nil {
		return nil, notFound(err)
	}
	fc := &client{c: c}
	m.putClient(fc)
	return fc, nil
}

// ClientAssertionJWTValid implements fosite.ClientManager. Client
// assertions (private_key_jwt) are not offered; fosite refuses them before
// asking, and this answer keeps it so.
func (s *Storage) ClientAssertionJWTValid(context.Context, string) error {
	return fosite.ErrJTIKnown.WithHint("Client assertions are not supported.")
}

// SetClientAssertionJWT implements fosite.ClientManager; see
// ClientAssertionJWTValid.
func (s *Storage) SetClientAssertionJWT(context.Context, string, time.Time) error {
	return fosite.ErrServerError.WithDebug("client assertions are not supported")
}

// CreateAuthorizeCodeSession implements oauth2.AuthorizeCodeStorage.
func (s *Storage) CreateAuthorizeCodeSession(ctx context.Context, sig string, r fosite.Requester) error {
	return s.create(ctx, store.TokenCode, sig, fosite.AuthorizeCode, r, storedRequest{})
}

// GetAuthorizeCodeSession implements oauth2.AuthorizeCodeStorage.
func (s *Storage) GetAuthorizeCodeSession(ctx context.Context, sig string, sess fosite.Session) (fosite.Requester, error) {
	return s.get(ctx, store.TokenCode, sig, sess, fosite.ErrInvalidatedAuthorizeCode)
}

// InvalidateAuthorizeCodeSession implements oauth2.AuthorizeCodeStorage.
func (s *Storage) InvalidateAuthorizeCodeSession(ctx context.Context, sig string) error {
	_, err := s.spend(ctx, store.TokenCode, sig, fosite.ErrInvalidatedAuthorizeCode)
	return err
}

// CreateRefreshTokenSession implements oauth2.RefreshTokenStorage. The
// access token issued with it is remembered by hash, for rotation.
func (s *Storage) CreateRefreshTokenSession(ctx context.Context, sig, accessToken string, r fosite.Requester) error {
	extra := storedRequest{AccessTokenHash: accessTokenHash(accessToken)}
	if sess := sessionOf(r); sess != nil {
		extra.AccessTokenExpiresAt = sess.GetExpiresAt(fosite.AccessToken)
	}
	return s.create(ctx, store.TokenRefresh, sig, fosite.RefreshToken, r, extra)
}

// GetRefreshTokenSession implements oauth2.RefreshTokenStorage. A used or
// revoked token comes back with fosite.ErrInactiveToken, which makes
// fosite treat its reuse as theft and revoke the whole grant.
func (s *Storage) GetRefreshTokenSession(ctx context.Context, sig string, sess fosite.Session) (fosite.Requester, error) {
	return s.get(ctx, store.TokenRefresh, sig, sess, fosite.ErrInactiveToken)
}

// DeleteRefreshTokenSession implements oauth2.RefreshTokenStorage. fosite
// calls it on a reused token before revoking the grant, so a token that is
// already gone is not an error.
func (s *Storage) DeleteRefreshTokenSession(ctx context.Context, sig string) error {
	return s.write(ctx, func(ctx context.Context) error {
		for _, key := range []string{sig, spentSignature(sig)} {
			if err := s.st.DeleteOAuthToken(ctx, store.TokenRefresh, key); err != nil && !errors.Is(err, store.ErrNotFound) {
				return err
			}
		}
		return nil
	})
}

// RotateRefreshToken implements oauth2.RefreshTokenStorage: the used
// refresh token is spent, and the access token issued with it revoked.
func (s *Storage) RotateRefreshToken(ctx context.Context, _ string, sig string) error {
	row, err := s.spend(ctx, store.TokenRefresh, sig, fosite.ErrSerializationFailure)
	if err != nil || row.req.AccessTokenHash == "" {
		return err
	}
	return s.denyHash(ctx, row.req.AccessTokenHash, row.t, row.req.AccessTokenExpiresAt)
}

// RevokeRefreshToken implements oauth2.TokenRevocationStorage. fosite
// calls it when a refresh token is revoked (RFC 7009) or reused, and when
// an authorization code is replayed; each of these ends the grant, whose
// id is the request id, and with it every token issued under it.
func (s *Storage) RevokeRefreshToken(ctx context.Context, requestID string) error {
	return s.write(ctx, func(ctx context.Context) error {
		if err := s.st.RevokeOAuthTokensByRequestID(ctx, store.TokenRefresh, requestID); err != nil {
			return err
		}
		_, err := s.st.RevokeGrant(ctx, requestID, s.clock())
		switch {
		case err == nil, errors.Is(err, store.ErrNotFound), errors.Is(err, store.ErrGrantInactive):
			// Already over, one way or another.
			return nil
		}
		return err
	})
}

// create stores a code or refresh token, with extra's token fields.
func (s *Storage) create(ctx context.Context, kind store.TokenKind, sig string, tt fosite.TokenType, r fosite.Requester, extra storedRequest) error {
	sr, data, err := encodeRequest(r, extra)
	if err != nil {
		return err
	}
	t := store.OAuthToken{
		Kind: kind, Signature: sig, RequestID: r.GetID(), ClientID: r.GetClient().GetID(),
		Active: true, Data: data, RequestedAt: r.GetRequestedAt(),
	}
	if sess := sessionOf(r); sess != nil {
		t.GrantID, t.Subject, t.ExpiresAt = sess.Grant.ID, sess.GetSubject(), sess.GetExpiresAt(tt)
	}
	return s.write(ctx, func(ctx context.Context) error {
		if err := s.st.CreateOAuthToken(ctx, t); err != nil {
			return err
		}
		if kind == store.TokenCode {
			s.codes.put(t, *sr.clone(), s.clock())
		}
		return nil
	})
}

// get reads a code or refresh token; a spent or revoked one comes back
// with its request and the error fosite expects for it.
func (s *Storage) get(ctx context.Context, kind store.TokenKind, sig string, sess fosite.Session, inactive error) (fosite.Requester, error) {
	row, err := s.load(ctx, kind, sig)
	if err != nil {
		return nil, err
	}
	r, err := s.request(ctx, row, sess)
	if err != nil {
		return nil, err
	}
	if !row.t.Active {
		return r, inactive
	}
	return r, nil
}

// spentSignature keys the marker of a spent code or refresh token. HMAC
// signatures are base64url, so the dot cannot clash with a live one.
func spentSignature(sig string) string { return sig + ".spent" }

// load returns the live row of a code or refresh token, or its spent
// marker, decoded.
func (s *Storage) load(ctx context.Context, kind store.TokenKind, sig string) (*memoRow, error) {
	m := memoFrom(ctx)
	if row, ok := m.row(kind, sig); ok {
		return row, nil
	}
	if kind == store.TokenCode {
		if row, ok := s.codes.get(sig, s.clock()); ok {
			m.putRow(kind, sig, row)
			return row, nil
		}
	}
	t, err := s.st.GetOAuthToken(ctx, kind, sig)
	if errors.Is(err, store.ErrNotFound) {
		t, err = s.st.GetOAuthToken(ctx, kind, spentSignature(sig))
	}
	if err != nil {
		return nil, notFound(err)
	}
	row := &memoRow{t: t, req: new(storedRequest)}
	if err := json.Unmarshal(t.Data, row.req); err != nil {
		return nil, fmt.Errorf("authz: decode stored request: %w", err)
	}
	m.putRow(kind, sig, row)
	return row, nil
}

// spend consumes a live code or refresh token: one conditional statement
// renames its row to the spent marker, and of concurrent spenders exactly
// one renames it (store.SpendOAuthToken). The others get used.
func (s *Storage) spend(ctx context.Context, kind store.TokenKind, sig string, used error) (*memoRow, error) {
	row, err := s.load(ctx, kind, sig)
	if err != nil {
		return nil, err
	}
	if !row.t.Active {
		return nil, used
	}
	if kind == store.TokenCode {
		s.codes.drop(sig)
		if p := pendingFrom(ctx); p != nil {
			p.codeRequest = row.req.ID
		}
	}
	return row, s.write(ctx, func(ctx context.Context) error {
		err := s.st.SpendOAuthToken(ctx, kind, sig, spentSignature(sig))
		if errors.Is(err, store.ErrNotFound) {
			return used
		}
		return err
	})
}

// encodeRequest returns the stored form of r, and its JSON.
func encodeRequest(r fosite.Requester, extra storedRequest) (*storedRequest, []byte, error) {
	sess := sessionOf(r)
	if sess == nil {
		return nil, nil, fmt.Errorf("authz: encode request: session %T is not ours", r.GetSession())
	}
	sr := extra
	sr.ID, sr.RequestedAt, sr.ClientID = r.GetID(), r.GetRequestedAt(), r.GetClient().GetID()
	sr.Scopes, sr.GrantedScopes = r.GetRequestedScopes(), r.GetGrantedScopes()
	sr.Audience, sr.GrantedAudience = r.GetRequestedAudience(), r.GetGrantedAudience()
	sr.Form, sr.Session = r.GetRequestForm(), sess
	data, err := json.Marshal(sr)
	return &sr, data, err
}

// request rebuilds a stored request, reading its client again and filling
// sess (when not nil) with a copy of the stored session, once per session.
func (s *Storage) request(ctx context.Context, row *memoRow, sess fosite.Session) (*fosite.Request, error) {
	sr := row.req
	c, err := s.GetClient(ctx, sr.ClientID)
	if err != nil {
		return nil, err
	}
	if sess != nil && sess != row.filled && sr.Session != nil {
		ours, ok := sess.(*session)
		if !ok {
			return nil, fmt.Errorf("authz: decode stored request: session %T is not ours", sess)
		}
		*ours = *sr.Session.Clone().(*session)
		row.filled = sess
	}
	return &fosite.Request{
		ID: sr.ID, RequestedAt: sr.RequestedAt, Client: c, Session: sess, Form: sr.Form,
		RequestedScope: sr.Scopes, GrantedScope: sr.GrantedScopes,
		RequestedAudience: sr.Audience, GrantedAudience: sr.GrantedAudience,
	}, nil
}

// notFound maps the store's not-found to fosite's.
func notFound(err error) error {
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("%w: %w", fosite.ErrNotFound, err)
	}
	return err
}
