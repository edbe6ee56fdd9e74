package sqlstore

import (
	"context"
	"time"

	"github.com/idconnect/idconnect/store"
)

// PurgeExpired implements store.Purger. The statements run one by one
// rather than in one transaction, so that a large purge does not hold
// SQLite's single writer for all four tables at once; each is atomic on
// its own, and a row left behind by a failure is taken by the next run.
// An expires_at of NULL (a token without an expiry) never compares below
// the cutoff, so such rows stay.
func (s *Core) PurgeExpired(ctx context.Context, before time.Time) (store.PurgeCounts, error) {
	var c store.PurgeCounts
	n, err := s.DeleteExpiredChallenges(ctx, before)
	if err != nil {
		return c, err
	}
	c.Challenges = n
	cutoff := before.UTC()
	steps := []struct {
		name  string
		query string
		n     *int64
	}{
		{"auth requests", `DELETE FROM auth_requests WHERE expires_at < $1`, &c.AuthRequests},
		{"login sessions", `DELETE FROM login_sessions WHERE expires_at < $1`, &c.LoginSessions},
		{"oauth tokens", `DELETE FROM oauth_tokens WHERE expires_at IS NOT NULL AND expires_at < $1`, &c.OAuthTokens},
	}
	for _, st := range steps {
		n, err := s.db.Write(ctx).Exec(ctx, st.query, cutoff)
		if err != nil {
			return c, wrap("purge expired "+st.name, err)
		}
		*st.n = n
	}
	n, err = s.purgeUnanswered(ctx, cutoff.Add(-store.AccessRequestRetention))
	c.AccessRequests = n
	return c, err
}

// purgeUnanswered deletes the access requests never answered that expired
// before cutoff, with their grants, which never left the requested state.
// The grants go first: a failure between the two leaves requests whose
// grants are gone, which the next run deletes, never a grant without its
// request.
func (s *Core) purgeUnanswered(ctx context.Context, cutoff time.Time) (int64, error) {
	if _, err := s.db.Write(ctx).Exec(ctx, `DELETE FROM grants WHERE state = 'requested' AND expires_at < $1
		AND id IN (SELECT grant_id FROM access_requests WHERE decided_at IS NULL AND expires_at < $1)`, cutoff); err != nil {
		return 0, wrap("purge unanswered access requests' grants", err)
	}
	n, err := s.db.Write(ctx).Exec(ctx, `DELETE FROM access_requests WHERE decided_at IS NULL AND expires_at < $1`, cutoff)
	return n, wrap("purge unanswered access requests", err)
}
