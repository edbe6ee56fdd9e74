package identity

import (
	"context"
	"fmt"
	"math/big"
	"slices"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/lru"
	"github.com/ethereum/go-ethereum/core/types"
)

// maxTouched bounds the record of recent emitters. Past it the record is cleared
// and every read in flight is refused storage, which costs a chain read, never
// correctness.
const maxTouched = 4096

// changes records which contracts emitted watched events, so that a read in flight
// while one of the contracts it read changed does not store what it read. A read
// notes seq when it begins; it may store when no contract it depended on emitted an
// event since, and no purge happened since.
type changes struct {
	seq     uint64                    // counts the events applied
	floor   uint64                    // reads begun before floor may not store (a purge)
	touched map[common.Address]uint64 // emitter → seq of its latest event
}

func (ch *changes) init() { ch.touched = map[common.Address]uint64{} }

func (ch *changes) note(addr common.Address) {
	ch.seq++
	if len(ch.touched) >= maxTouched {
		ch.floor = ch.seq
		clear(ch.touched)
	}
	ch.touched[addr] = ch.seq
}

func (ch *changes) all() {
	ch.seq++
	ch.floor = ch.seq
	clear(ch.touched)
}

func (ch *changes) unchangedSince(begun uint64, deps []common.Address) bool {
	if begun < ch.floor {
		return false
	}
	for _, d := range deps {
		if ch.touched[d] > begun {
			return false
		}
	}
	return true
}

// issuerIndex maps an issuer to the cached identities that hold verdicts on claims
// it signed, so an event from the issuer drops those verdicts and no others. It may
// name identities no longer cached; dropIssued skips them.
type issuerIndex map[common.Address]map[common.Address]struct{}

func (x issuerIndex) add(id common.Address, verdicts []Judgement) {
	for _, v := range verdicts {
		holders, ok := x[v.Issuer]
		if !ok {
			holders = map[common.Address]struct{}{}
			x[v.Issuer] = holders
		}
		holders[id] = struct{}{}
	}
}

func (x issuerIndex) size() int {
	n := 0
	for _, holders := range x {
		n += len(holders)
	}
	return n
}

// rebuild forgets identities that left the cache.
func (x issuerIndex) rebuild(identities *lru.BasicLRU[common.Address, *entry]) {
	clear(x)
	for _, id := range identities.Keys() {
		e, _ := identities.Peek(id)
		for _, it := range e.claims {
			x.add(id, it.v)
		}
	}
}

// dropIssued drops the cached verdicts on claims the issuer signed; the caller holds c.mu.
func (c *Cache) dropIssued(issuer common.Address) {
	holders, ok := c.issued[issuer]
	if !ok {
		return
	}
	delete(c.issued, issuer)
	for id := range holders {
		e, ok := c.identities.Peek(id)
		if !ok {
			continue
		}
		for topic, it := range e.claims {
			if slices.ContainsFunc(it.v, func(j Judgement) bool { return j.Issuer == issuer }) {
				delete(e.claims, topic)
			}
		}
	}
}

// apply drops what a log changes, if it came from a contract the cache read; the
// caller holds c.mu. Logs of the right shape from any other contract are cheap to
// emit and change nothing here.
func (c *Cache) apply(l types.Log) {
	if len(l.Topics) == 0 {
		return
	}
	kind, ok := watchedEvents[l.Topics[0]]
	if !ok {
		return
	}
	switch kind {
	case resolutionEvent:
		if !slices.Contains(c.r.cfg.registries(), l.Address) {
			return
		}
		c.resolutions.Purge()
	case trustEvent:
		if tir := c.r.cfg.TrustedIssuersRegistry; tir == (common.Address{}) || l.Address != tir {
			return
		}
		c.claimsEpoch++
	case keyEvent:
		c.identities.Remove(l.Address)
		c.dropIssued(l.Address)
	case claimEvent:
		c.identities.Remove(l.Address)
	case revocationEvent:
		c.dropIssued(l.Address)
	}
	// Noted even when nothing cached came from the emitter: a read in flight may
	// have read it and must not store.
	c.changes.note(l.Address)
}

// logs reads the watched events of blocks from..to. Identities and issuers are an
// open set (any identity may be read next), so their events are asked for from
// every address and sorted out by apply; registry events are asked for from the
// configured registries only.
func (c *Cache) logs(ctx context.Context, from uint64, to *big.Int) ([]types.Log, error) {
	q := ethereum.FilterQuery{FromBlock: new(big.Int).SetUint64(from), ToBlock: to,
		Topics: [][]common.Hash{watchedTopics(keyEvent, claimEvent, revocationEvent)}}
	logs, err := c.r.chain.FilterLogs(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("%w: read logs %d-%d: %w", ErrChainUnavailable, from, to, err)
	}
	q.Addresses = c.r.cfg.registries()
	if tir := c.r.cfg.TrustedIssuersRegistry; tir != (common.Address{}) {
		q.Addresses = append(q.Addresses, tir)
	}
	if len(q.Addresses) == 0 {
		return logs, nil
	}
	q.Topics = [][]common.Hash{watchedTopics(resolutionEvent, trustEvent)}
	more, err := c.r.chain.FilterLogs(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("%w: read registry logs %d-%d: %w", ErrChainUnavailable, from, to, err)
	}
	return append(logs, more...), nil
}
