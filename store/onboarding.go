package store

import (
	"context"
	"time"
)

// OnboardingStore counts the identities created at the operator's expense
// (the factory owner pays the gas), so that a daily budget holds across
// nodes and restarts.
type OnboardingStore interface {
	// TakeOnboarding counts one onboarding on the UTC day of at, unless
	// limit are already counted that day, in which case it fails with
	// ErrLimitReached and counts nothing. It returns the day's count
	// including this one. It is atomic across processes sharing the
	// database. A limit below 1 refuses every onboarding.
	TakeOnboarding(ctx context.Context, at time.Time, limit int) (int, error)
}
