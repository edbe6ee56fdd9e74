package main

import (
	"context"
	"log/slog"
	"time"
)

// challengeSweeper deletes expired SIWE challenges.
type challengeSweeper interface {
	DeleteExpiredChallenges(ctx context.Context, before time.Time) (int64, error)
}

// sweep deletes expired challenges every interval until ctx ends, so unanswered
// login and consent messages do not pile up.
func sweep(ctx context.Context, st challengeSweeper, every time.Duration, log *slog.Logger) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if _, err := st.DeleteExpiredChallenges(ctx, time.Now()); err != nil && ctx.Err() == nil {
				log.Warn("delete expired challenges", "err", err)
			}
		}
	}
}
