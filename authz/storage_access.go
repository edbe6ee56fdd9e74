package authz

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"time"

	"github.com/ory/fosite"

	"github.com/idconnect/idconnect/store"
)

// Access tokens: fosite passes the token itself where it says "signature"
// (tokenStrategy.AccessTokenSignature), so the storage can read the grant
// from the verified JWT. Nothing is written when one is issued; revoking
// one writes an inactive row keyed by its hash.

// accessTokenHash is the key of a revoked access token.
func accessTokenHash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// CreateAccessTokenSession implements oauth2.AccessTokenStorage. The token
// carries its own session, so there is nothing to store.
func (s *Storage) CreateAccessTokenSession(context.Context, string, fosite.Requester) error {
	return nil
}

// GetAccessTokenSession implements oauth2.AccessTokenStorage: the verified
// token's request, with fosite.ErrInactiveToken once it was revoked. An
// invalid or expired token is fosite.ErrNotFound.
func (s *Storage) GetAccessTokenSession(ctx context.Context, token string, sess fosite.Session) (fosite.Requester, error) {
	c, err := s.parseAccess(ctx, token)
	if err != nil {
		return nil, fosite.ErrNotFound.WithWrap(err).WithDebug(err.Error())
	}
	cl, err := s.GetClient(ctx, c.ClientID)
	if err != nil {
		return nil, err
	}
	if ss, ok := sess.(*session); ok {
		ss.fillFromClaims(c)
	}
	r := &fosite.Request{
		ID: c.GrantID, RequestedAt: c.IssuedAt, Client: cl, Session: sess,
		RequestedScope: c.Scopes, GrantedScope: c.Scopes, GrantedAudience: c.Audience,
	}
	revoked, err := s.accessRevoked(ctx, token)
	if err != nil {
		return nil, err
	}
	if revoked {
		return r, fosite.ErrInactiveToken
	}
	return r, nil
}

// DeleteAccessTokenSession implements oauth2.AccessTokenStorage by
// revoking the token.
func (s *Storage) DeleteAccessTokenSession(ctx context.Context, token string) error {
	return s.revokeAccessToken(ctx, token)
}

// RevokeAccessToken implements oauth2.TokenRevocationStorage. Access
// tokens end with their grant (RevokeRefreshToken), so only revoked ones
// are stored to be found by request.
func (s *Storage) RevokeAccessToken(ctx context.Context, requestID string) error {
	return s.write(ctx, func(ctx context.Context) error {
		return s.st.RevokeOAuthTokensByRequestID(ctx, store.TokenAccess, requestID)
	})
}

// revokeAccessToken records one access token as revoked. An invalid or
// expired token needs nothing.
func (s *Storage) revokeAccessToken(ctx context.Context, token string) error {
	c, err := s.parseAccess(ctx, token)
	if err != nil {
		return nil
	}
	t := store.OAuthToken{RequestID: c.GrantID, ClientID: c.ClientID, GrantID: c.GrantID, Subject: c.Subject,
		RequestedAt: c.IssuedAt}
	return s.denyHash(ctx, accessTokenHash(token), t, c.ExpiresAt)
}

// denyHash stores the inactive row of a revoked access token, taking the
// request's ids from t. It checks first rather than relying on the unique
// key, because a failed insert would abort a PostgreSQL transaction.
func (s *Storage) denyHash(ctx context.Context, hash string, t store.OAuthToken, exp time.Time) error {
	deny := store.OAuthToken{
		Kind: store.TokenAccess, Signature: hash, RequestID: t.RequestID, ClientID: t.ClientID,
		GrantID: t.GrantID, Subject: t.Subject, Active: false, RequestedAt: t.RequestedAt, ExpiresAt: exp,
	}
	return s.write(ctx, func(ctx context.Context) error {
		if _, err := s.st.GetOAuthToken(ctx, store.TokenAccess, hash); err == nil {
			return nil
		} else if !errors.Is(err, store.ErrNotFound) {
			return err
		}
		if err := s.st.CreateOAuthToken(ctx, deny); err != nil && !errors.Is(err, store.ErrAlreadyExists) {
			return err
		}
		return nil
	})
}

// accessRevoked reports whether the token was revoked.
func (s *Storage) accessRevoked(ctx context.Context, token string) (bool, error) {
	return s.revokedHash(ctx, accessTokenHash(token))
}

// revokedHash reports whether the token with this accessTokenHash was
// revoked.
func (s *Storage) revokedHash(ctx context.Context, hash string) (bool, error) {
	return s.st.HasOAuthToken(ctx, store.TokenAccess, hash)
}
