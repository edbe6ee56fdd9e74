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
	return c, nil
}
