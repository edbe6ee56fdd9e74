package store

import (
	"context"
	"time"
)

// PurgeCounts says how many rows of each kind PurgeExpired deleted.
type PurgeCounts struct {
	Challenges    int64
	LoginSessions int64
	AuthRequests  int64
	// OAuthTokens counts codes, spent markers, refresh tokens and revoked
	// access-token rows together.
	OAuthTokens int64
	// AccessRequests counts unanswered access requests, each with its
	// requested grant.
	AccessRequests int64
}

// AccessRequestRetention is how long an access request that was never
// answered stays, shown to its owner as expired, after it expired.
const AccessRequestRetention = 30 * 24 * time.Hour

// Total is the number of rows deleted.
func (c PurgeCounts) Total() int64 {
	return c.Challenges + c.LoginSessions + c.AuthRequests + c.OAuthTokens + c.AccessRequests
}

// Purger deletes what can no longer be used.
type Purger interface {
	// PurgeExpired deletes challenges, login sessions, parked auth
	// requests and OAuth token rows whose ExpiresAt is before the given
	// time. OAuth token rows without an expiry are kept. A spent marker
	// keeps the expiry of the code or refresh token it replaced, so it
	// lives exactly as long as that token would have; likewise a revoked
	// access-token row goes only once the token itself has expired, when
	// no verifier accepts it anyway. An access request never answered goes
	// with its requested grant AccessRequestRetention after it expired.
	// Each kind is deleted in its own statement; on failure the counts so
	// far are returned with the error.
	PurgeExpired(ctx context.Context, before time.Time) (PurgeCounts, error)
}
