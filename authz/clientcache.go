package authz

import (
	"context"
	"sync"
	"time"

	"github.com/idconnect/idconnect/store"
)

// clientCache keeps clients for a short time. Every code exchange, refresh
// and introspection authenticates a client, and clients rarely change, so
// reading the row each time cost a statement per token request for
// nothing.
//
// The store has no change feed. Provider.DeleteClient forgets a client on
// this node at once; a client deleted or changed elsewhere (on another
// node, or with `idconnect client delete`, which runs in its own process)
// is served from this cache for up to its TTL, and so are the tokens that
// name it. Unknown ids are not cached: they always reach the store.
type clientCache struct {
	ttl   time.Duration
	clock func() time.Time

	mu      sync.RWMutex
	entries map[string]cachedClient
	// gen counts forgets, so that a read that raced one is not stored.
	gen uint64
}

type cachedClient struct {
	c       store.Client
	expires time.Time
}

// maxCachedClients bounds the cache; past it, expired entries are swept,
// and if none were, everything is dropped (it refills from the store).
const maxCachedClients = 10_000

func newClientCache(ttl time.Duration, clock func() time.Time) *clientCache {
	return &clientCache{ttl: ttl, clock: clock, entries: map[string]cachedClient{}}
}

// get returns the client, from the cache while it is fresh.
func (cc *clientCache) get(ctx context.Context, st clientGetter, id string) (store.Client, error) {
	if cc == nil || cc.ttl <= 0 {
		return st.GetClient(ctx, id)
	}
	now := cc.clock()
	cc.mu.RLock()
	e, ok := cc.entries[id]
	gen := cc.gen
	cc.mu.RUnlock()
	if ok && now.Before(e.expires) {
		return e.c, nil
	}
	c, err := st.GetClient(ctx, id)
	if err != nil {
		return c, err
	}
	cc.mu.Lock()
	defer cc.mu.Unlock()
	if cc.gen != gen {
		return c, nil
	}
	if len(cc.entries) >= maxCachedClients {
		cc.sweepLocked(now)
	}
	cc.entries[id] = cachedClient{c: c, expires: now.Add(cc.ttl)}
	return c, nil
}

func (cc *clientCache) sweepLocked(now time.Time) {
	for id, e := range cc.entries {
		if !now.Before(e.expires) {
			delete(cc.entries, id)
		}
	}
	if len(cc.entries) >= maxCachedClients {
		clear(cc.entries)
	}
}

// forget drops a client, and any read of it in flight.
func (cc *clientCache) forget(id string) {
	if cc == nil {
		return
	}
	cc.mu.Lock()
	defer cc.mu.Unlock()
	delete(cc.entries, id)
	cc.gen++
}

type clientGetter interface {
	GetClient(ctx context.Context, id string) (store.Client, error)
}

// The Provider is a ClientStore, so that the client helpers run through it
// keep its cache right: authz.DeleteClient(ctx, provider, id) stops the
// client's tokens on this node at once.
var _ ClientStore = (*Provider)(nil)

// CreateClient implements ClientStore.
func (p *Provider) CreateClient(ctx context.Context, c store.Client) error {
	p.storage.clients.forget(c.ID)
	return p.st.CreateClient(ctx, c)
}

// ListClients implements ClientStore.
func (p *Provider) ListClients(ctx context.Context) ([]store.Client, error) {
	return p.st.ListClients(ctx)
}

// DeleteClient implements ClientStore: it deletes the client and forgets
// it on this node; other nodes stop serving it within the client cache's
// TTL (Config.ClientCacheTTL).
func (p *Provider) DeleteClient(ctx context.Context, id string) error {
	defer p.storage.clients.forget(id)
	return p.st.DeleteClient(ctx, id)
}
