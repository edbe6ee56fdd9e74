package identity

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/rpc"
)

type followMode int

const (
	notFollowing followMode = iota
	subscribed
	polling
)

// followState is how far the cache has applied the chain's events; guarded by Cache.mu.
type followState struct {
	mode      followMode
	processed uint64
	hash      common.Hash
	lastPoll  time.Time
	advanced  chan struct{} // closed and replaced each time processed moves
	err       error         // why the last attempt to follow ended; nil while following
}

func (f *followState) init() { f.advanced = make(chan struct{}) }

func (f *followState) signal() {
	close(f.advanced)
	f.advanced = make(chan struct{})
}

// servable reports whether cached entries may be served; the caller holds c.mu.
// A subscription delivers every head; polling is trusted while polls keep coming.
func (c *Cache) servable(now time.Time) bool {
	switch c.follow.mode {
	case subscribed:
		return true
	case polling:
		return now.Sub(c.follow.lastPoll) < 3*c.cfg.PollInterval
	default:
		return false
	}
}

// Run follows the chain until ctx ends: for every new head it reads the logs of the
// blocks since the last one and drops what they change. It uses a head subscription
// where the node offers one (websocket, in-process) and polls otherwise (HTTP). On
// any error it drops everything, serves nothing, and reconnects with backoff.
func (c *Cache) Run(ctx context.Context) error {
	backoff := 250 * time.Millisecond
	for {
		err := c.followChain(ctx)
		c.mu.Lock()
		c.follow.mode = notFollowing
		c.follow.err = err // reads fail closed on their own; /healthz says why through FollowError
		c.purge()
		c.mu.Unlock()
		if ctx.Err() != nil {
			return ctx.Err()
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(backoff):
		}
		backoff = min(2*backoff, 10*time.Second)
	}
}

func (c *Cache) followChain(ctx context.Context) error {
	head, err := c.r.chain.HeaderByNumber(ctx, nil)
	if err != nil {
		return unavailable(err)
	}
	heads := make(chan *types.Header, 64)
	sub, err := c.r.chain.SubscribeNewHead(ctx, heads)
	if errors.Is(err, rpc.ErrNotificationsUnsupported) {
		return c.poll(ctx, head)
	}
	if err != nil {
		return unavailable(err)
	}
	defer sub.Unsubscribe()
	c.start(head, subscribed)
	for {
		select {
		case h := <-heads:
			if err := c.advance(ctx, h); err != nil {
				return err
			}
		case err := <-sub.Err():
			return fmt.Errorf("%w: head subscription ended: %w", ErrChainUnavailable, err)
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

func (c *Cache) poll(ctx context.Context, head *types.Header) error {
	c.start(head, polling)
	t := time.NewTicker(c.cfg.PollInterval)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			h, err := c.r.chain.HeaderByNumber(ctx, nil)
			if err != nil {
				return unavailable(err)
			}
			if err := c.advance(ctx, h); err != nil {
				return err
			}
			c.mu.Lock()
			c.follow.lastPoll = c.cfg.Clock()
			c.mu.Unlock()
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

func (c *Cache) start(head *types.Header, mode followMode) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.purge()
	c.follow.mode, c.follow.err = mode, nil
	c.follow.processed, c.follow.hash = head.Number.Uint64(), head.Hash()
	c.follow.lastPoll = c.cfg.Clock()
	c.follow.signal()
}

// advance applies the events of the blocks after the last processed one up to head.
// A head that does not extend the processed one (a reorganisation) drops everything.
func (c *Cache) advance(ctx context.Context, head *types.Header) error {
	c.mu.Lock()
	from, last := c.follow.processed+1, c.follow.hash
	c.mu.Unlock()
	n := head.Number.Uint64()
	if n < from || (n == from && head.ParentHash != last) {
		if head.Hash() == last {
			return nil // the same head again
		}
		c.mu.Lock()
		c.purge()
		c.follow.processed, c.follow.hash = n, head.Hash()
		c.follow.signal()
		c.mu.Unlock()
		return nil
	}
	logs, err := c.logs(ctx, from, head.Number)
	if err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, l := range logs {
		c.apply(l)
	}
	c.follow.processed, c.follow.hash = n, head.Hash()
	c.follow.signal()
	return nil
}

// Following reports whether the cache is following the chain, and up to which block.
func (c *Cache) Following() (bool, uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.servable(c.cfg.Clock()), c.follow.processed
}

// FollowError says why the cache does not follow the chain, in words fit for a
// health report (no endpoint URL); it is empty while the cache follows.
func (c *Cache) FollowError() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case c.servable(c.cfg.Clock()):
		return ""
	case c.follow.err != nil:
		return DescribeChainError(c.follow.err)
	case c.follow.mode == polling:
		return "head polling stalled"
	}
	return "not following the chain yet"
}

// WaitBlock waits until the cache follows the chain and has applied block n.
func (c *Cache) WaitBlock(ctx context.Context, n uint64) error {
	for {
		c.mu.Lock()
		done := c.follow.mode != notFollowing && c.follow.processed >= n
		ch := c.follow.advanced
		c.mu.Unlock()
		if done {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}
