package screening

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/idconnect/idconnect/issuer"
	"github.com/idconnect/idconnect/store"
)

// The rolling topics of the default catalogue, and which hits touch them:
// an AML claim falls with any hit, Sanctions Clear with a sanctions entry
// or a listed address, PEP Status with a politically exposed person.
const (
	TopicAML       = 2
	TopicSanctions = 4
	TopicPEPStatus = 7
)

// affects reports whether a hit on e (nil for the oracle) falls on topic.
// A topic of a custom catalogue that screening keeps falls with any hit.
func affects(kind store.HitKind, e *Entity, topic uint64) bool {
	switch topic {
	case TopicSanctions:
		return kind != store.HitName || e.Sanctioned()
	case TopicPEPStatus:
		return e != nil && e.PEP()
	}
	return true
}

// subject is what screening knows of one identity: its rolling claims of
// this issuer, its pending applications for them, and the query.
type subject struct {
	id      common.Address
	claims  map[uint64]store.IssuedClaim // current ready or added claim per topic
	pending map[uint64]store.Application // pending application per topic
	query   Query
}

// screen screens one identity and acts on the outcome: every hit found
// revokes the claims it falls on, even when the screening is incomplete;
// clean topics are renewed or approved only after a complete screening
// that had a name to screen.
func (r *Runner) screen(ctx context.Context, ix *Index, run *store.ScreeningRun, id common.Address, complete bool) error {
	s, err := r.subject(ctx, id)
	if err != nil {
		return err
	}
	var errs []error
	hits := ix.Screen(s.query, r.cfg.Threshold)
	if r.cfg.Oracle != nil {
		oh, err := r.oracleHits(ctx, s.query.Addresses)
		if err != nil {
			// Fail closed: an unanswered check is no clean result.
			complete, errs = false, append(errs, fmt.Errorf("%w: %w", errIncomplete, err))
		}
		hits = append(hits, oh...)
	}
	if s.query.Name == "" {
		// Without a name only addresses were screened, and PEP lists name
		// people: no one is called clean on that.
		complete, errs = false, append(errs, fmt.Errorf("%w: no application of the identity gives a name to screen", errIncomplete))
	}
	// The topics standing hits hold; true where the hold is firm. Hits of
	// earlier runs hold until a reviewer clears them.
	held, err := r.standing(ctx, id)
	if err != nil {
		return err
	}
	for _, h := range hits {
		rec, standing, err := r.record(ctx, run, s, h)
		if err != nil {
			errs = append(errs, err)
		}
		if !standing {
			continue
		}
		for _, t := range rec.Topics {
			held[t] = held[t] || rec.Kind != store.HitName
		}
	}
	for _, t := range r.topics {
		if firm, ok := held[t]; ok {
			errs = append(errs, r.hold(ctx, run, s, t, firm))
		} else if complete {
			errs = append(errs, r.keep(ctx, run, s, t))
		}
	}
	return errors.Join(errs...)
}

// subject reads what is screened of an identity: every wallet and key
// address, and the name, birth date and nationality of its newest
// application to this issuer that gives them.
func (r *Runner) subject(ctx context.Context, id common.Address) (subject, error) {
	s := subject{id: id, claims: map[uint64]store.IssuedClaim{}, pending: map[uint64]store.Application{}}
	for _, t := range r.topics {
		c, err := r.cfg.Store.CurrentIssuedClaim(ctx, r.cfg.Desk.Issuer(), id, t)
		switch {
		case err == nil:
			s.claims[t] = c
		case !errors.Is(err, store.ErrNotFound):
			return s, err
		}
	}
	apps, err := r.cfg.Desk.Applications(ctx, id)
	if err != nil {
		return s, err
	}
	for _, a := range apps {
		if a.State == store.ApplicationPending && slices.Contains(r.topics, a.Topic) {
			s.pending[a.Topic] = a
		}
	}
	for _, a := range apps {
		if s.query.Name != "" {
			break
		}
		opened, err := r.cfg.Desk.Open(ctx, a.ID)
		if err != nil {
			return s, err
		}
		f := opened.Bundle.Fields
		s.query.Name, s.query.BirthDate, s.query.Nationality = f["full_name"], f["date_of_birth"], f["nationality"]
	}
	wallets, err := r.cfg.Chain.Wallets(ctx, id)
	if err != nil {
		return s, err
	}
	s.query.Addresses = append([]common.Address{id}, wallets...)
	keys, err := r.cfg.Chain.Keys(ctx, id)
	if err != nil {
		return s, err
	}
	for _, k := range keys {
		s.query.Keys = append(s.query.Keys, k.ID)
	}
	return s, nil
}

func (r *Runner) oracleHits(ctx context.Context, addrs []common.Address) ([]Hit, error) {
	listed, err := r.cfg.Oracle.Sanctioned(ctx, addrs)
	if err != nil {
		return nil, err
	}
	out := make([]Hit, 0, len(listed))
	for _, a := range listed {
		out = append(out, Hit{List: "oracle:" + r.cfg.Oracle.Address().Hex(), EntityID: a.Hex(), Field: FieldAddress,
			Value: a.Hex(), Matched: a.Hex(), Score: 1,
			Reason: fmt.Sprintf("the sanctions oracle %s answers isSanctioned(%s) = true", r.cfg.Oracle.Address().Hex(), a.Hex())})
	}
	return out, nil
}

// explanation is a hit's sealed detail, for reviewers only.
type explanation struct {
	EntityName string  `json:"entityName"`
	Value      string  `json:"value"`
	Matched    string  `json:"matched"`
	Reason     string  `json:"reason"`
	Score      float64 `json:"score"`
}

func hitAAD(id string) string { return "screening-hit:" + id }

// record stores a new hit, or finds the one already stored for this entry
// version and this query. It reports whether the hit stands: a name hit a
// reviewer cleared for them does not. A hit that could not be stored
// stands all the same, so that its claims are revoked; the hit and its
// alert are stored in one transaction, so neither is lost without the
// other, and the next run tries both again.
func (r *Runner) record(ctx context.Context, run *store.ScreeningRun, s subject, h Hit) (store.ScreeningHit, bool, error) {
	kind, digest := kindOf(h, s.query)
	rec := store.ScreeningHit{RunID: run.ID, Issuer: r.cfg.Desk.Issuer(), Identity: s.id, Kind: kind,
		List: h.List, EntityID: h.EntityID, EntityDigest: digest, Field: string(h.Field), Score: h.Score,
		State: store.HitOpen, CreatedAt: r.cfg.Clock()}
	for _, t := range r.topics {
		if affects(kind, h.Entity, t) {
			rec.Topics = append(rec.Topics, t)
		}
	}
	old, err := r.cfg.Store.LatestScreeningHit(ctx, r.cfg.Desk.Issuer(), s.id, h.List, h.EntityID, digest)
	switch {
	case err == nil && old.Kind == kind:
		return old, old.State != store.HitCleared || kind != store.HitName, nil
	case err != nil && !errors.Is(err, store.ErrNotFound):
		return rec, true, err
	}
	if rec.ID, err = newID(r.cfg.Rand); err != nil {
		return rec, true, err
	}
	plain, err := json.Marshal(explanation{EntityName: h.EntityName, Value: h.Value, Matched: h.Matched, Reason: h.Reason, Score: h.Score})
	if err != nil {
		return rec, true, err
	}
	if rec.WrappedKey, rec.Explanation, err = r.cfg.Sealer.Seal(hitAAD(rec.ID), plain); err != nil {
		return rec, true, err
	}
	err = r.cfg.Store.InTx(ctx, func(ctx context.Context) error {
		if err := r.cfg.Store.PutScreeningHit(ctx, rec); err != nil {
			return fmt.Errorf("screening: store hit: %w", err)
		}
		if r.cfg.Alerts == nil {
			return nil
		}
		return r.cfg.Alerts.ScreeningHit(ctx, r.cfg.Desk.Issuer(), rec)
	})
	if err != nil {
		return rec, true, err
	}
	run.Hits++
	// The log names the hit only: its list entry and the identity's name
	// stay behind the reviewers' sign-in.
	r.cfg.Log.Warn("screening hit", "hit", rec.ID, "kind", kind, "run", run.ID)
	return rec, true, nil
}

// kindOf says what a hit matched, and the digest a later run finds the
// same hit by: the entry's version and, for a name hit, what was asked of
// it (the name, birth date and nationality screened), so that a clearance
// holds until the entry or the identity's own data changes.
func kindOf(h Hit, q Query) (store.HitKind, common.Hash) {
	if h.Entity == nil { // the oracle's
		return store.HitOracle, crypto.Keccak256Hash([]byte(h.List), []byte(h.EntityID))
	}
	digest := h.Entity.Digest()
	if h.Field == FieldAddress || h.Field == FieldKey {
		return store.HitAddress, crypto.Keccak256Hash([]byte("address"), digest[:])
	}
	return store.HitName, crypto.Keccak256Hash([]byte("name"), digest[:], []byte(q.Name), []byte{0},
		[]byte(q.BirthDate), []byte{0}, []byte(q.Nationality))
}

// hold acts on a standing hit on topic: the claim is revoked on the chain
// at once, and a pending application is rejected after a firm hit (an
// address, the oracle, a confirmed match) or left for a reviewer after an
// open name hit.
func (r *Runner) hold(ctx context.Context, run *store.ScreeningRun, s subject, topic uint64, firm bool) error {
	var errs []error
	if _, ok := s.claims[topic]; ok {
		_, _, err := r.cfg.Desk.Revoke(ctx, s.id, topic)
		if err == nil {
			run.Revoked++
		} else if !errors.Is(err, issuer.ErrNotFound) {
			errs = append(errs, fmt.Errorf("revoke topic %d: %w", topic, err))
		}
	}
	if a, ok := s.pending[topic]; ok && firm {
		_, err := r.cfg.Desk.Review(ctx, r.cfg.Desk.Issuer(), a.ID, issuer.Decision{Reason: rejection})
		if err != nil && !errors.Is(err, issuer.ErrDecided) {
			errs = append(errs, fmt.Errorf("reject application %s: %w", a.ID, err))
		}
	}
	return errors.Join(errs...)
}

// rejection is what an owner reads when screening turns an application
// down: it names no list and no entry.
const rejection = "Screening could not clear this application. Contact the issuer."

// keep acts on a clean topic: a claim within RenewBefore of lapsing is
// renewed (atomically, as every renewal), a pending application approved.
func (r *Runner) keep(ctx context.Context, run *store.ScreeningRun, s subject, topic uint64) error {
	// A ready claim waits for the owner's wallet to add it; there is
	// nothing on the chain to renew yet.
	if c, ok := s.claims[topic]; ok && c.State == store.IssuedAdded && c.ValidUntil.Sub(r.cfg.Clock()) <= r.cfg.RenewBefore {
		_, err := r.cfg.Desk.Renew(ctx, s.id, topic)
		if err != nil {
			return fmt.Errorf("renew topic %d: %w", topic, err)
		}
		run.Renewed++
	}
	if a, ok := s.pending[topic]; ok {
		_, err := r.cfg.Desk.Review(ctx, r.cfg.Desk.Issuer(), a.ID, issuer.Decision{Approve: true, Reason: "Screened clean."})
		switch {
		case err == nil:
			run.Approved++
		case !errors.Is(err, issuer.ErrDecided):
			return fmt.Errorf("approve application %s: %w", a.ID, err)
		}
	}
	return nil
}
