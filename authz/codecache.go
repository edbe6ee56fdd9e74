package authz

import (
	"net/url"
	"slices"
	"sync"
	"time"

	"github.com/idconnect/idconnect/store"
)

// issuedCodes keeps the authorization codes this node issued, decoded,
// until they are spent or expire. A code is exchanged moments after it is
// issued, almost always on the node that issued it, and reading its row
// back and decoding the stored request was a third of an exchange.
//
// The cache only saves the read. Spending still runs the conditional
// statement in the store (Storage.spend), so single use holds across nodes
// and under concurrency, and a spent code is dropped here first, so that a
// replay reads the spent marker from the store and revokes the grant.
// A code issued on another node is read from the store as before.
type issuedCodes struct {
	mu      sync.Mutex
	entries map[string]issuedCode
}

type issuedCode struct {
	t   store.OAuthToken
	req storedRequest
}

// maxIssuedCodes bounds the cache (about 2 KiB a code). Past it, expired
// codes are swept; if none were, new codes are not kept, and are read
// from the store when they are exchanged.
const maxIssuedCodes = 16_384

func newIssuedCodes() *issuedCodes {
	return &issuedCodes{entries: map[string]issuedCode{}}
}

// put keeps a code just stored. req must not be changed afterwards.
func (c *issuedCodes) put(t store.OAuthToken, req storedRequest, now time.Time) {
	if c == nil || !t.Active || t.ExpiresAt.IsZero() {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries) >= maxIssuedCodes {
		for sig, e := range c.entries {
			if !now.Before(e.t.ExpiresAt) {
				delete(c.entries, sig)
			}
		}
		if len(c.entries) >= maxIssuedCodes {
			return
		}
	}
	c.entries[t.Signature] = issuedCode{t: t, req: req}
}

// get returns a private copy of an unexpired code's row.
func (c *issuedCodes) get(sig string, now time.Time) (*memoRow, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	e, ok := c.entries[sig]
	c.mu.Unlock()
	if !ok || !now.Before(e.t.ExpiresAt) {
		return nil, false
	}
	return &memoRow{t: e.t, req: e.req.clone()}, true
}

// drop forgets a code; spend calls it before spending.
func (c *issuedCodes) drop(sig string) {
	if c == nil {
		return
	}
	c.mu.Lock()
	delete(c.entries, sig)
	c.mu.Unlock()
}

// clone deep-copies what fosite may change in a request built from sr.
func (sr *storedRequest) clone() *storedRequest {
	cp := *sr
	cp.Scopes, cp.GrantedScopes = slices.Clone(sr.Scopes), slices.Clone(sr.GrantedScopes)
	cp.Audience, cp.GrantedAudience = slices.Clone(sr.Audience), slices.Clone(sr.GrantedAudience)
	if sr.Form != nil {
		cp.Form = make(url.Values, len(sr.Form))
		for k, v := range sr.Form {
			cp.Form[k] = slices.Clone(v)
		}
	}
	if sr.Session != nil {
		cp.Session = sr.Session.Clone().(*session)
	}
	return &cp
}
