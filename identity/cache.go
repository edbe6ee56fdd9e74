package identity

import (
	"context"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/lru"
)

// CacheConfig bounds the cache.
type CacheConfig struct {
	MaxIdentities int              // identities kept; the least recently used go first (default 10,000)
	MaxAge        time.Duration    // no entry older than this is served, events or not (default 5m)
	PollInterval  time.Duration    // head polling when the node has no subscriptions (default 1s)
	Clock         func() time.Time // default time.Now
}

func (c *CacheConfig) defaults() {
	if c.MaxIdentities <= 0 {
		c.MaxIdentities = 10_000
	}
	if c.MaxAge <= 0 {
		c.MaxAge = 5 * time.Minute
	}
	if c.PollInterval <= 0 {
		c.PollInterval = time.Second
	}
	if c.Clock == nil {
		c.Clock = time.Now
	}
}

// Cache answers Directory reads from memory. Entries are kept per identity and
// dropped when a contract they were read from emits an event that changes them (see
// Run); events from any other contract change nothing. While Run is not following
// the chain, the cache serves nothing and every read goes to the chain, so a chain
// that cannot be reached fails reads closed.
type Cache struct {
	r   *Reader
	cfg CacheConfig

	mu          sync.Mutex
	identities  lru.BasicLRU[common.Address, *entry]
	resolutions lru.BasicLRU[common.Address, stamped[Resolution]]
	claimsEpoch uint64 // bumped by a trust change: claim verdicts filled in an older epoch are stale
	issued      issuerIndex
	changes     changes
	follow      followState
}

type entry struct {
	purposes map[purposeKey]stamped[bool]
	claims   map[uint64]claimsItem
}

type purposeKey struct {
	wallet  common.Address
	purpose uint64
}

type stamped[T any] struct {
	v  T
	at time.Time
}

type claimsItem struct {
	stamped[[]Judgement]
	claimsEpoch uint64
}

// NewCache wraps a Reader. Call Run to follow the chain; until it does, reads pass through.
func NewCache(r *Reader, cfg CacheConfig) *Cache {
	cfg.defaults()
	c := &Cache{
		r: r, cfg: cfg,
		identities:  lru.NewBasicLRU[common.Address, *entry](cfg.MaxIdentities),
		resolutions: lru.NewBasicLRU[common.Address, stamped[Resolution]](cfg.MaxIdentities),
		issued:      issuerIndex{},
	}
	c.changes.init()
	c.follow.init()
	return c
}

// Reader returns the uncached reader behind the cache.
func (c *Cache) Reader() *Reader { return c.r }

// Resolve is Reader.Resolve, cached when no identity address is supplied.
func (c *Cache) Resolve(ctx context.Context, wallet, supplied common.Address) (Resolution, error) {
	now := c.cfg.Clock()
	c.mu.Lock()
	if c.servable(now) && supplied == (common.Address{}) {
		if it, ok := c.resolutions.Get(wallet); ok && c.fresh(it.at, now) {
			c.mu.Unlock()
			return it.v, nil
		}
	}
	begun := c.changes.seq
	c.mu.Unlock()

	res, err := c.r.Resolve(ctx, wallet, supplied)
	if err != nil || res.Source == SourceSupplied {
		return res, err
	}
	c.store(begun, c.r.cfg.registries(), now, func() { c.resolutions.Add(wallet, stamped[Resolution]{res, now}) })
	return res, nil
}

// HasPurpose is Reader.HasPurpose, cached per identity.
func (c *Cache) HasPurpose(ctx context.Context, id, wallet common.Address, purpose uint64) (bool, error) {
	k := purposeKey{wallet, purpose}
	now := c.cfg.Clock()
	c.mu.Lock()
	if c.servable(now) {
		if e, ok := c.identities.Get(id); ok {
			if it, ok := e.purposes[k]; ok && c.fresh(it.at, now) {
				c.mu.Unlock()
				return it.v, nil
			}
		}
	}
	begun := c.changes.seq
	c.mu.Unlock()

	ok, err := c.r.HasPurpose(ctx, id, wallet, purpose)
	if err != nil {
		return false, err
	}
	c.store(begun, []common.Address{id}, now, func() { c.entry(id).purposes[k] = stamped[bool]{ok, now} })
	return ok, nil
}

// ClaimsByTopic is Reader.ClaimsByTopic, cached per identity and topic; the validity
// window is applied to the cached verdicts on every read.
func (c *Cache) ClaimsByTopic(ctx context.Context, id common.Address, topic uint64, now time.Time) ([]Judgement, error) {
	at := c.cfg.Clock()
	c.mu.Lock()
	if c.servable(at) {
		if e, ok := c.identities.Get(id); ok {
			if it, ok := e.claims[topic]; ok && it.claimsEpoch == c.claimsEpoch && c.fresh(it.at, at) {
				c.mu.Unlock()
				return applyTime(it.v, now), nil
			}
		}
	}
	begun, claimsEpoch := c.changes.seq, c.claimsEpoch
	c.mu.Unlock()

	verdicts, err := c.r.claimVerdicts(ctx, id, topic)
	if err != nil {
		return nil, err // a read that failed is never kept: the next one asks the chain again
	}
	// A verdict depends on the identity, on each claim's issuer, and on the registry
	// that says whom to trust.
	deps := []common.Address{id, c.r.cfg.TrustedIssuersRegistry}
	for _, v := range verdicts {
		deps = append(deps, v.Issuer)
	}
	c.store(begun, deps, at, func() {
		c.entry(id).claims[topic] = claimsItem{stamped[[]Judgement]{verdicts, at}, claimsEpoch}
		c.issued.add(id, verdicts)
		if c.issued.size() > 4*c.cfg.MaxIdentities {
			c.issued.rebuild(&c.identities)
		}
	})
	return applyTime(verdicts, now), nil
}

func applyTime(verdicts []Judgement, now time.Time) []Judgement {
	out := make([]Judgement, len(verdicts))
	for i, v := range verdicts {
		out[i] = v.At(now)
	}
	return out
}

// store runs fill under the lock unless one of the contracts the read depended on
// emitted an event since the read began: what it read may predate the change.
func (c *Cache) store(begun uint64, deps []common.Address, now time.Time, fill func()) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.servable(now) && c.changes.unchangedSince(begun, deps) {
		fill()
	}
}

func (c *Cache) entry(id common.Address) *entry {
	e, ok := c.identities.Get(id)
	if !ok {
		e = &entry{purposes: map[purposeKey]stamped[bool]{}, claims: map[uint64]claimsItem{}}
		c.identities.Add(id, e)
	}
	return e
}

func (c *Cache) fresh(at, now time.Time) bool { return now.Sub(at) < c.cfg.MaxAge }

// purge drops everything; the caller holds c.mu.
func (c *Cache) purge() {
	c.changes.all()
	c.claimsEpoch++
	c.identities.Purge()
	c.resolutions.Purge()
	clear(c.issued)
}

// Len reports how many identities are cached.
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.identities.Len()
}
