package signin

import (
	"context"
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/store"
)

// identityOf resolves the signing wallet to its identity, onboarding it where
// allowed, and checks it holds purpose 1 or 2 there.
func (s *Service) identityOf(ctx context.Context, wallet common.Address, clientIP string) (common.Address, error) {
	res, err := s.cfg.Directory.Resolve(ctx, wallet, common.Address{})
	id := res.Identity
	if errors.Is(err, identity.ErrNoIdentity) && s.cfg.Onboarding.Onboarder != nil {
		id, err = s.onboard(ctx, wallet, clientIP)
	}
	switch {
	case errors.Is(err, identity.ErrNoIdentity):
		return id, ErrNoIdentity
	case errors.Is(err, identity.ErrChainUnavailable):
		return id, fmt.Errorf("%w: %w", ErrChainUnavailable, err)
	case err != nil:
		return id, err
	}
	err = identity.RequirePurpose(ctx, s.cfg.Directory, id, wallet, identity.PurposeManagement, identity.PurposeAction)
	switch {
	case errors.Is(err, identity.ErrMissingPurpose):
		return id, ErrMissingPurpose
	case errors.Is(err, identity.ErrChainUnavailable):
		return id, fmt.Errorf("%w: %w", ErrChainUnavailable, err)
	case err != nil:
		return id, fmt.Errorf("signin: check key purpose: %w", err)
	}
	return id, nil
}

// onboard creates an identity for wallet at the operator's expense, within
// the per-IP limit and the daily budget. The IP limit is checked first: it
// costs nothing, while a budget slot once taken is not given back (a
// transaction that failed may still have cost gas).
func (s *Service) onboard(ctx context.Context, wallet common.Address, clientIP string) (common.Address, error) {
	o := s.cfg.Onboarding
	if o.PerIP != nil {
		if ok, retry := o.PerIP.Check("onboard-ip:" + clientIP); !ok {
			return common.Address{}, &RateLimitError{Reason: ErrOnboardingLimited, RetryAfter: retry}
		}
	}
	if o.DailyLimit > 0 {
		_, err := s.cfg.Store.TakeOnboarding(ctx, s.cfg.Clock(), o.DailyLimit)
		if errors.Is(err, store.ErrLimitReached) {
			return common.Address{}, ErrOnboardingBudget
		}
		if err != nil {
			return common.Address{}, fmt.Errorf("signin: count onboarding: %w", err)
		}
	}
	id, err := o.Onboarder.Onboard(ctx, wallet)
	if err != nil {
		return id, fmt.Errorf("%w: onboard: %w", ErrChainUnavailable, err)
	}
	return id, nil
}
