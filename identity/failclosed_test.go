package identity_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/idconnect/idconnect/contracts"
	"github.com/idconnect/idconnect/contracts/bindings/claimissuer"
	"github.com/idconnect/idconnect/contracts/bindings/idfactory"
	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/internal/simchain"
)

// fault is how the proxy answers the eth_calls it is told to break.
type fault struct {
	name   string
	status int    // HTTP status to answer with; 0 for a JSON-RPC error
	error  string // the JSON-RPC error object
	hang   bool   // answer nothing until the caller gives up
}

// Provider failures: the node was reached but says nothing about the contract.
var providerFaults = []fault{
	{name: "rate limited (-32005)", error: `{"code":-32005,"message":"limit exceeded"}`},
	{name: "lagging node", error: `{"code":-32000,"message":"header not found"}`},
	{name: "internal error", error: `{"code":-32603,"message":"internal error"}`},
	{name: "HTTP 503", status: http.StatusServiceUnavailable},
	{name: "HTTP 429", status: http.StatusTooManyRequests},
	{name: "timeout", hang: true},
}

// rpcProxy forwards JSON-RPC to a node and, when told to, breaks the eth_calls
// whose calldata starts with a selector, as a throttled or failing provider would.
type rpcProxy struct {
	target string
	mu     sync.Mutex
	sel    []byte // nil: forward everything
	f      fault
}

func (p *rpcProxy) breakCalls(sel []byte, f fault) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.sel, p.f = sel, f
}

func (p *rpcProxy) heal() { p.breakCalls(nil, fault{}) }

func (p *rpcProxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	var req struct {
		ID     json.RawMessage   `json:"id"`
		Method string            `json:"method"`
		Params []json.RawMessage `json:"params"`
	}
	p.mu.Lock()
	sel, f := p.sel, p.f
	p.mu.Unlock()
	if sel != nil && json.Unmarshal(body, &req) == nil && req.Method == "eth_call" && len(req.Params) > 0 && calls(req.Params[0], sel) {
		switch {
		case f.hang:
			<-r.Context().Done()
		case f.status != 0:
			http.Error(w, http.StatusText(f.status), f.status)
		default:
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprintf(w, `{"jsonrpc":"2.0","id":%s,"error":%s}`, req.ID, f.error)
		}
		return
	}
	resp, err := http.Post(p.target, "application/json", bytes.NewReader(body))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(resp.StatusCode)
	_, _ = io.Copy(w, resp.Body)
}

func calls(arg json.RawMessage, sel []byte) bool {
	var msg struct {
		Input hexutil.Bytes `json:"input"`
		Data  hexutil.Bytes `json:"data"`
	}
	if json.Unmarshal(arg, &msg) != nil {
		return false
	}
	return bytes.HasPrefix(msg.Input, sel) || bytes.HasPrefix(msg.Data, sel)
}

// proxiedWorld is the simulated chain served over HTTP JSON-RPC, with a client
// that reaches it through an rpcProxy.
func proxiedWorld(t *testing.T) (*world, *rpcProxy) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	key := simchain.NewKey()
	chain, err := simchain.NewWithRPC(addr, crypto.PubkeyToAddress(key.PublicKey))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { chain.Close() })
	p := &rpcProxy{target: "http://" + addr}
	srv := httptest.NewServer(p)
	t.Cleanup(srv.Close)
	client, err := ethclient.Dial(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(client.Close)
	w := &world{chain: client, backend: chain.Client(), chainID: big.NewInt(simchain.ChainID), deployer: chain.Sender(key)}
	w.deploySuite(t)
	return w, p
}

func selector(calldata []byte) []byte { return calldata[:4] }

// TestChainErrorsFailClosed: a provider that fails isClaimRevoked, keyHasPurpose or
// the IdFactory lookup makes the read an ErrChainUnavailable error, not a verdict,
// and nothing is cached: once the provider heals, the next read is right at once.
func TestChainErrorsFailClosed(t *testing.T) {
	w, proxy := proxiedWorld(t)
	now := time.Now()
	is := w.newIssuerWithKey(t, topicKYC)
	data := window(now.Add(-time.Hour), now.Add(time.Hour))
	cache, _ := following(t, w, identity.CacheConfig{MaxAge: time.Hour, PollInterval: 20 * time.Millisecond})
	r := cache.Reader()

	isClaimRevoked := selector(claimissuer.NewClaimIssuer().PackIsClaimRevoked(nil))
	keyHasPurpose := selector(contracts.IdentityCall().PackKeyHasPurpose(common.Hash{}, big.NewInt(1)))
	getIdentity := selector(idfactory.NewIdFactory().PackGetIdentity(common.Address{}))
	for _, f := range providerFaults {
		t.Run(f.name, func(t *testing.T) {
			// A revoked claim on a fresh identity, so that nothing about it is cached.
			o := w.newOwner(t)
			sig := is.sign(t, o.id, topicKYC, data)
			w.mustAddClaim(t, o, is, topicKYC, sig, data)
			w.revoke(t, is, sig)
			c, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			proxy.breakCalls(isClaimRevoked, f)
			for name, d := range map[string]identity.Directory{"reader": r, "cache": cache} {
				if got, err := d.ClaimsByTopic(c, o.id, topicKYC, now); !errors.Is(err, identity.ErrChainUnavailable) {
					t.Errorf("%s: revocation check failing: claims = %v, err = %v; want ErrChainUnavailable", name, states(got), err)
				}
			}
			proxy.breakCalls(keyHasPurpose, f)
			if _, err := cache.HasPurpose(c, o.id, o.wallet, identity.PurposeAction); !errors.Is(err, identity.ErrChainUnavailable) {
				t.Errorf("key check failing: err = %v; want ErrChainUnavailable", err)
			}
			if got, err := cache.ClaimsByTopic(c, o.id, topicKYC, now); !errors.Is(err, identity.ErrChainUnavailable) {
				t.Errorf("issuer key check failing: claims = %v, err = %v; want ErrChainUnavailable", states(got), err)
			}
			proxy.breakCalls(getIdentity, f)
			if _, err := cache.Resolve(c, o.wallet, common.Address{}); !errors.Is(err, identity.ErrChainUnavailable) {
				t.Errorf("IdFactory lookup failing: err = %v; want ErrChainUnavailable", err)
			}

			proxy.heal()
			if j := claimsByIssuer(t, cache, o.id, topicKYC, now)[is.addr]; j.State != identity.StateRevoked {
				t.Errorf("after the provider healed the claim reads %s, want revoked", j.State)
			}
			mustPurpose(t, cache, o.id, o.wallet, true)
			if res, err := cache.Resolve(ctx(t), o.wallet, common.Address{}); err != nil || res.Identity != o.id {
				t.Errorf("after the provider healed: Resolve = %+v, %v", res, err)
			}
		})
	}
}

// TestRevertIsAVerdict: an issuer whose isClaimRevoked really reverts (a JSON-RPC
// error that says so) makes its claim invalid; the read itself succeeds.
func TestRevertIsAVerdict(t *testing.T) {
	w, proxy := proxiedWorld(t)
	now := time.Now()
	is := w.newIssuerWithKey(t, topicKYC)
	o := w.newOwner(t)
	data := window(now.Add(-time.Hour), now.Add(time.Hour))
	sig := is.sign(t, o.id, topicKYC, data)
	w.mustAddClaim(t, o, is, topicKYC, sig, data)
	r := w.reader(t)
	isClaimRevoked := selector(claimissuer.NewClaimIssuer().PackIsClaimRevoked(sig))
	for _, f := range []fault{
		{name: "code 3 with revert data", error: `{"code":3,"message":"execution reverted","data":"0x08c379a0"}`},
		{name: "execution reverted", error: `{"code":-32000,"message":"execution reverted"}`},
		{name: "invalid opcode", error: `{"code":-32000,"message":"invalid opcode: INVALID"}`},
	} {
		proxy.breakCalls(isClaimRevoked, f)
		j := claimsByIssuer(t, r, o.id, topicKYC, now)[is.addr]
		if j.State != identity.StateInvalid || !strings.Contains(j.Reason, "isClaimRevoked") {
			t.Errorf("%s: claim reads %s (%s), want invalid", f.name, j.State, j.Reason)
		}
	}
	proxy.heal()
	if j := claimsByIssuer(t, r, o.id, topicKYC, now)[is.addr]; j.State != identity.StateValid {
		t.Errorf("healed: claim reads %s (%s), want valid", j.State, j.Reason)
	}
}

func states(js []identity.Judgement) []identity.ClaimState {
	out := make([]identity.ClaimState, len(js))
	for i, j := range js {
		out[i] = j.State
	}
	return out
}
