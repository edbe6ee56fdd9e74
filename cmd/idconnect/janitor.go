package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/idconnect/idconnect/issuer"
	"github.com/idconnect/idconnect/store"
)

// sweep purges expired challenges, login sessions, parked auth requests,
// OAuth token rows and long-expired unanswered access requests every interval until ctx ends, so that unanswered
// logins and used or revoked tokens do not pile up. Only counts and the
// error are logged: the rows hold identities and subjects.
func sweep(ctx context.Context, st store.Purger, every time.Duration, log *slog.Logger) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			n, err := st.PurgeExpired(ctx, time.Now())
			if err != nil && ctx.Err() == nil {
				log.Warn("purge expired rows", "err", err, "purged", n.Total())
				continue
			}
			if n.Total() > 0 {
				log.Debug("purged expired rows", "challenges", n.Challenges,
					"login_sessions", n.LoginSessions, "auth_requests", n.AuthRequests,
					"oauth_tokens", n.OAuthTokens, "access_requests", n.AccessRequests)
			}
		}
	}
}

// expiryNotices tells owners, once, of the claims issued here that lapse
// within the desk's notice period: at start, then every interval.
func expiryNotices(ctx context.Context, desk *issuer.Desk, every time.Duration, log *slog.Logger) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		n, err := desk.ExpiryNotices(ctx)
		switch {
		case err != nil && ctx.Err() == nil:
			log.Warn("claim expiry notices", "err", err, "sent", n)
		case n > 0:
			log.Info("claim expiry notices", "sent", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
