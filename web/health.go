package web

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/idconnect/idconnect/identity"
)

// HeadReader reads the chain's head block number.
type HeadReader interface {
	BlockNumber(ctx context.Context) (uint64, error)
}

// Pinger reports whether the store can be reached.
type Pinger interface {
	Ping(ctx context.Context) error
}

// Health serves GET /healthz: the chain id, the head block, whether the identity
// cache follows the chain, and the store's state. It answers 503 when the chain or
// the store cannot be reached, so load balancers take the node out.
type Health struct {
	ChainID   uint64
	Chain     HeadReader
	Following func() (bool, uint64) // the identity cache's state; nil when there is none
	Store     Pinger
	Backend   string // "sqlite" or "postgres"
	Timeout   time.Duration

	// FollowError says why the cache does not follow the chain (empty while it
	// does), in words without URLs or addresses; nil when there is no cache.
	FollowError func() string
}

// Mount registers the handler.
func (h *Health) Mount(mux *http.ServeMux) { mux.HandleFunc("GET /healthz", h.serve) }

type healthReport struct {
	Status string      `json:"status"`
	Chain  chainHealth `json:"chain"`
	Store  storeHealth `json:"store"`
}

type chainHealth struct {
	ID        uint64 `json:"id"`
	Head      uint64 `json:"head,omitempty"`
	Following *bool  `json:"following,omitempty"`
	Reason    string `json:"reason,omitempty"` // why it does not follow
	Error     string `json:"error,omitempty"`
}

type storeHealth struct {
	Backend string `json:"backend"`
	State   string `json:"state"`
	Error   string `json:"error,omitempty"`
}

func (h *Health) serve(w http.ResponseWriter, r *http.Request) {
	timeout := h.Timeout
	if timeout == 0 {
		timeout = 3 * time.Second
	}
	ctx, cancel := context.WithTimeout(r.Context(), timeout)
	defer cancel()

	rep := healthReport{Status: "ok", Chain: chainHealth{ID: h.ChainID}, Store: storeHealth{Backend: h.Backend, State: "ok"}}
	if head, err := h.Chain.BlockNumber(ctx); err != nil {
		rep.Status, rep.Chain.Error = "unavailable", "chain unreachable: "+identity.DescribeChainError(err)
	} else {
		rep.Chain.Head = head
	}
	if h.Following != nil {
		f, _ := h.Following()
		rep.Chain.Following = &f
		if !f && h.FollowError != nil {
			rep.Chain.Reason = h.FollowError()
		}
	}
	if err := h.Store.Ping(ctx); err != nil {
		rep.Status, rep.Store.State, rep.Store.Error = "unavailable", "unavailable", "store unreachable"
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	if rep.Status != "ok" {
		w.WriteHeader(http.StatusServiceUnavailable)
	}
	_ = json.NewEncoder(w).Encode(rep)
}
