package simchain

import (
	"context"
	"crypto/ecdsa"
	"fmt"
	"math/big"
	"net"
	"strconv"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/ethereum/go-ethereum/node"
	"github.com/ethereum/go-ethereum/params"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/idconnect/idconnect/contracts"
)

// ChainID is the id of the simulated chain.
const ChainID = 1337

// Chain is a running simulated chain.
type Chain struct {
	backend *simulated.Backend
	client  *Client
	rpcAddr string // where the chain serves JSON-RPC; empty when it does not
}

// Client is the chain's client: a simulated.Client whose SendTransaction also mines.
type Client struct {
	simulated.Client
	mu     sync.Mutex
	commit func() common.Hash
}

// SendTransaction submits tx and seals it into a new block before returning.
func (c *Client) SendTransaction(ctx context.Context, tx *types.Transaction) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.Client.SendTransaction(ctx, tx); err != nil {
		return err
	}
	c.commit()
	return nil
}

var _ contracts.Backend = (*Client)(nil)

// New starts a simulated chain where each of the funded addresses holds 10^6 ether.
func New(funded ...common.Address) *Chain {
	c, err := NewWithRPC("", funded...)
	if err != nil {
		panic(err) // without an RPC endpoint nothing can fail but the node itself
	}
	return c
}

// NewWithRPC is New, and also serves the chain's JSON-RPC (HTTP and websocket on one
// port) at addr, "host:port", so wallets and command-line tools can reach it. Call
// MinePending to mine the transactions they send.
func NewWithRPC(addr string, funded ...common.Address) (*Chain, error) {
	alloc := types.GenesisAlloc{}
	balance := new(big.Int).Mul(big.NewInt(1_000_000), big.NewInt(params.Ether))
	for _, a := range funded {
		alloc[a] = types.Account{Balance: balance}
	}
	var opts []func(*node.Config, *ethconfig.Config)
	if addr != "" {
		host, portStr, err := net.SplitHostPort(addr)
		if err != nil {
			return nil, fmt.Errorf("simchain: rpc address %q: %w", addr, err)
		}
		port, err := strconv.Atoi(portStr)
		if err != nil {
			return nil, fmt.Errorf("simchain: rpc port %q: %w", portStr, err)
		}
		opts = append(opts, func(nc *node.Config, _ *ethconfig.Config) {
			nc.HTTPHost, nc.HTTPPort, nc.WSHost, nc.WSPort = host, port, host, port
			nc.HTTPModules = []string{"eth", "net", "web3", "txpool"}
			nc.WSModules = nc.HTTPModules
			nc.HTTPVirtualHosts = []string{"*"}
			nc.HTTPCors = []string{"*"}
			nc.WSOrigins = []string{"*"}
		})
	}
	b, err := newBackend(alloc, opts)
	if err != nil {
		return nil, err
	}
	return &Chain{backend: b, client: &Client{Client: b.Client(), commit: b.Commit}, rpcAddr: addr}, nil
}

// newBackend turns the simulated backend's panic on a node that cannot start (an
// RPC port in use) into an error.
func newBackend(alloc types.GenesisAlloc, opts []func(*node.Config, *ethconfig.Config)) (b *simulated.Backend, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("simchain: start: %v", r)
		}
	}()
	return simulated.NewBackend(alloc, opts...), nil
}

// MinePending seals a block whenever transactions that arrived over RPC wait in the
// pool, until ctx ends. It asks txpool_status: the pending block that
// eth_getTransactionCount("pending") reads is cached by go-ethereum for two seconds,
// which would delay every wallet transaction by that much.
func (c *Chain) MinePending(ctx context.Context, every time.Duration) {
	if c.rpcAddr == "" {
		return // no RPC endpoint, so nothing arrives that SendTransaction does not mine
	}
	rc, err := rpc.DialContext(ctx, "http://"+c.rpcAddr)
	if err != nil {
		return
	}
	defer rc.Close()
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			var status struct {
				Pending hexutil.Uint `json:"pending"`
			}
			if err := rc.CallContext(ctx, &status, "txpool_status"); err == nil && status.Pending > 0 {
				c.Commit()
			}
		}
	}
}

// Client returns the chain's client.
func (c *Chain) Client() *Client { return c.client }

// Commit seals a block even when no transaction is pending, to move the head.
func (c *Chain) Commit() {
	c.client.mu.Lock()
	defer c.client.mu.Unlock()
	c.client.commit()
}

// Close stops the chain.
func (c *Chain) Close() error { return c.backend.Close() }

// Sender returns a contracts.Sender that signs with key on this chain.
func (c *Chain) Sender(key *ecdsa.PrivateKey) *contracts.Sender {
	return &contracts.Sender{Backend: c.client, Opts: bind.NewKeyedTransactor(key, big.NewInt(ChainID))}
}

// NewKey returns a fresh secp256k1 key; it panics only if the system's randomness fails.
func NewKey() *ecdsa.PrivateKey {
	k, err := crypto.GenerateKey()
	if err != nil {
		panic(fmt.Sprintf("simchain: generate key: %v", err))
	}
	return k
}
