package sqlstore

import (
	"context"
	"errors"
	"time"

	"github.com/idconnect/idconnect/store"
)

// TakeOnboarding implements store.OnboardingStore. One upsert decides: the
// first onboarding of a day inserts its row, later ones add one while the
// count is below the limit. PostgreSQL re-checks the condition on a row
// another transaction just changed and SQLite has a single writer, so the
// budget holds under any number of concurrent callers and nodes.
func (s *Core) TakeOnboarding(ctx context.Context, at time.Time, limit int) (int, error) {
	if limit < 1 {
		return 0, wrap("take onboarding", store.ErrLimitReached)
	}
	day := at.UTC().Format(time.DateOnly)
	var used int
	err := s.db.Write(ctx).QueryRow(ctx, `INSERT INTO onboarding_days (day, used) VALUES ($1, 1)
		ON CONFLICT (day) DO UPDATE SET used = onboarding_days.used + 1
		WHERE onboarding_days.used < $2
		RETURNING used`, day, limit).Scan(&used)
	if errors.Is(err, store.ErrNotFound) {
		err = store.ErrLimitReached
	}
	return used, wrap("take onboarding", err)
}
