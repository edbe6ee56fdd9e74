package screening

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/issuer"
	"github.com/idconnect/idconnect/store"
)

// Errors of reviewers' decisions on hits.
var (
	// ErrNotFound means no such hit of this issuer.
	ErrNotFound = errors.New("screening: no such hit")
	// ErrDecided refuses a second decision on a hit.
	ErrDecided = errors.New("screening: hit already decided")
	// ErrNotClearable refuses to clear an address or oracle hit: a listed
	// address is the identity's, whoever holds it.
	ErrNotClearable = errors.New("screening: an address hit cannot be cleared")
	// ErrReason refuses a decision without a reason.
	ErrReason = errors.New("screening: a decision needs a reason")
)

// Detail is a hit with its opened explanation, for a reviewer.
type Detail struct {
	store.ScreeningHit
	EntityName string
	Value      string // the identity's value that matched
	Matched    string // the entry's value that matched
	Reason     string // why, in words
}

// Hit returns one of this issuer's hits with its explanation opened.
func (r *Runner) Hit(ctx context.Context, id string) (Detail, error) {
	h, err := r.cfg.Store.GetScreeningHit(ctx, id)
	if errors.Is(err, store.ErrNotFound) || err == nil && h.Issuer != r.cfg.Desk.Issuer() {
		return Detail{}, fmt.Errorf("%w: %q", ErrNotFound, id)
	}
	if err != nil {
		return Detail{}, err
	}
	plain, err := r.cfg.Sealer.Open(hitAAD(h.ID), h.WrappedKey, h.Explanation)
	if err != nil {
		return Detail{}, fmt.Errorf("screening: hit %s: %w", id, err)
	}
	var e explanation
	err = json.Unmarshal(plain, &e)
	clear(plain)
	if err != nil {
		return Detail{}, fmt.Errorf("screening: hit %s: %w: %v", id, store.ErrSealBroken, err)
	}
	h.WrappedKey, h.Explanation = nil, nil
	return Detail{ScreeningHit: h, EntityName: e.EntityName, Value: e.Value, Matched: e.Matched, Reason: e.Reason}, nil
}

// Hits pages this issuer's hits, newest first, in a state or all.
func (r *Runner) Hits(ctx context.Context, state store.HitState, cursor string, limit int) ([]store.ScreeningHit, string, error) {
	return r.cfg.Store.ListScreeningHits(ctx, store.HitQuery{Issuer: r.cfg.Desk.Issuer(), State: state, Cursor: cursor, Limit: limit})
}

// Runs returns this issuer's latest screening runs, newest first.
func (r *Runner) Runs(ctx context.Context, limit int) ([]store.ScreeningRun, error) {
	return r.cfg.Store.ScreeningRuns(ctx, r.cfg.Desk.Issuer(), limit)
}

// ListVersions returns the newest list versions loaded, and failed
// loads, across every node.
func (r *Runner) ListVersions(ctx context.Context, limit int) ([]store.ListVersion, error) {
	return r.cfg.Store.ListVersions(ctx, limit)
}

// Clear records a reviewer's judgement that a name hit is a false
// positive. The clearance holds for this identity and this version of
// the list entry. The claims the hit revoked are issued again, and the
// applications it held back approved, on every topic no other standing
// hit holds.
func (r *Runner) Clear(ctx context.Context, reviewer common.Address, id, reason string) (store.ScreeningHit, error) {
	h, err := r.decide(ctx, id, store.HitDecision{State: store.HitCleared, Reviewer: reviewer, Reason: reason})
	if err != nil {
		return h, err
	}
	held, err := r.standing(ctx, h.Identity)
	if err != nil {
		return h, err
	}
	apps, err := r.cfg.Desk.Applications(ctx, h.Identity)
	if err != nil {
		return h, err
	}
	var errs []error
	for _, t := range h.Topics {
		if _, ok := held[t]; ok {
			continue
		}
		errs = append(errs, r.restore(ctx, reviewer, h.Identity, t, apps))
	}
	return h, errors.Join(errs...)
}

// restore issues topic's claim again, or approves its pending
// application, after a clearance.
func (r *Runner) restore(ctx context.Context, reviewer, subject common.Address, topic uint64, apps []store.Application) error {
	for _, a := range apps {
		if a.Topic == topic && a.State == store.ApplicationPending {
			_, err := r.cfg.Desk.Review(ctx, reviewer, a.ID, issuer.Decision{Approve: true, Reason: "Screened clean."})
			if err != nil && !errors.Is(err, issuer.ErrDecided) {
				return fmt.Errorf("approve application %s: %w", a.ID, err)
			}
			return nil
		}
	}
	claims, err := r.cfg.Desk.Issued(ctx, subject)
	if err != nil {
		return err
	}
	for _, c := range claims { // newest first
		if c.Topic != topic || c.Issuer != r.cfg.Desk.Issuer() {
			continue
		}
		if c.State != store.IssuedRevoked {
			return nil // it was not revoked, or is back already
		}
		_, err := r.cfg.Desk.Issue(ctx, subject, topic, issuer.IssueOptions{DocumentHash: c.DocumentHash, ApplicationID: c.ApplicationID})
		if err != nil {
			return fmt.Errorf("issue topic %d again: %w", topic, err)
		}
		return nil
	}
	return nil
}

// Confirm records a reviewer's judgement that a hit is a true match: the
// claims stay revoked, and the applications it held back are rejected.
func (r *Runner) Confirm(ctx context.Context, reviewer common.Address, id, reason string) (store.ScreeningHit, error) {
	h, err := r.decide(ctx, id, store.HitDecision{State: store.HitConfirmed, Reviewer: reviewer, Reason: reason})
	if err != nil {
		return h, err
	}
	apps, err := r.cfg.Desk.Applications(ctx, h.Identity)
	if err != nil {
		return h, err
	}
	var errs []error
	for _, a := range apps {
		if a.State == store.ApplicationPending && slices.Contains(h.Topics, a.Topic) {
			if _, err := r.cfg.Desk.Review(ctx, reviewer, a.ID, issuer.Decision{Reason: rejection}); err != nil && !errors.Is(err, issuer.ErrDecided) {
				errs = append(errs, err)
			}
		}
	}
	return h, errors.Join(errs...)
}

func (r *Runner) decide(ctx context.Context, id string, d store.HitDecision) (store.ScreeningHit, error) {
	d.Reason = strings.TrimSpace(d.Reason)
	switch {
	case d.Reason == "":
		return store.ScreeningHit{}, ErrReason
	case len(d.Reason) > 1000:
		return store.ScreeningHit{}, fmt.Errorf("%w of at most 1000 bytes", ErrReason)
	}
	h, err := r.Hit(ctx, id)
	if err != nil {
		return store.ScreeningHit{}, err
	}
	if d.State == store.HitCleared && h.Kind != store.HitName {
		return store.ScreeningHit{}, fmt.Errorf("%w: hit %s matched an %s", ErrNotClearable, id, h.Kind)
	}
	d.At = r.cfg.Clock()
	decided, err := r.cfg.Store.DecideScreeningHit(ctx, id, d)
	if errors.Is(err, store.ErrConsumed) {
		return store.ScreeningHit{}, fmt.Errorf("%w: hit %s", ErrDecided, id)
	}
	return decided, err
}

// Held is the desk's guard (issuer.Guard): a rolling topic that a
// standing hit holds for the subject is not issued, renewed or approved,
// by whoever asks, until a reviewer clears the hit.
func (r *Runner) Held(ctx context.Context, subject common.Address, topic uint64) error {
	if !slices.Contains(r.topics, topic) {
		return nil
	}
	held, err := r.standing(ctx, subject)
	if err != nil {
		return fmt.Errorf("screening: standing hits: %w", err)
	}
	if _, ok := held[topic]; ok {
		return fmt.Errorf("%w: topic %d of %s", issuer.ErrHeld, topic, subject.Hex())
	}
	return nil
}

// standing returns the topics that the identity's open or confirmed hits
// still hold: true where the hold is firm (an address or oracle hit, or a
// confirmed match), false for an open name hit.
func (r *Runner) standing(ctx context.Context, subject common.Address) (map[uint64]bool, error) {
	held := map[uint64]bool{}
	for _, state := range []store.HitState{store.HitOpen, store.HitConfirmed} {
		hits, _, err := r.cfg.Store.ListScreeningHits(ctx, store.HitQuery{Issuer: r.cfg.Desk.Issuer(), Identity: subject, State: state, Limit: store.MaxPageLimit})
		if err != nil {
			return nil, err
		}
		for _, h := range hits {
			firm := h.Kind != store.HitName || h.State == store.HitConfirmed
			for _, t := range h.Topics {
				held[t] = held[t] || firm
			}
		}
	}
	return held, nil
}
