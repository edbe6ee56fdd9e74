package screening

import (
	"context"
	"errors"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/store"
)

// Kept is what an owner may know of screening on one of their claims:
// that it is screened, and about when it renews. It says nothing of
// lists, entries or hits.
type Kept struct {
	Topic    uint64
	RenewsAt time.Time // from then on, the next clean run renews it
}

// Kept lists the owner's claims that screening keeps: their claims of
// this issuer on a rolling topic that are on the identity.
func (r *Runner) Kept(ctx context.Context, subject common.Address) ([]Kept, error) {
	var out []Kept
	for _, t := range r.topics {
		c, err := r.cfg.Store.CurrentIssuedClaim(ctx, r.cfg.Desk.Issuer(), subject, t)
		switch {
		case errors.Is(err, store.ErrNotFound):
			continue
		case err != nil:
			return nil, err
		}
		if c.State == store.IssuedAdded {
			out = append(out, Kept{Topic: t, RenewsAt: c.ValidUntil.Add(-r.cfg.RenewBefore)})
		}
	}
	return out, nil
}
