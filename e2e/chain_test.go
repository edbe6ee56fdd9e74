package e2e

import (
	"context"
	"crypto/ecdsa"
	"math/big"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/idconnect/idconnect/contracts"
	"github.com/idconnect/idconnect/contracts/bindings/idfactory"
)

// devChainID is the dev chain's id (pinned in DESIGN.md).
const devChainID = 1337

// chain is the dev chain seen from outside, over the JSON-RPC endpoint serve
// opened, as a wallet or a script would see it.
type chain struct {
	t       *testing.T
	client  *ethclient.Client
	factory common.Address
}

func dialChain(t *testing.T, srv *server) *chain {
	t.Helper()
	client, err := ethclient.Dial(srv.RPC)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(client.Close)
	return &chain{t: t, client: client, factory: srv.IdFactory}
}

// ctx bounds one chain operation; the dev chain mines what arrives over RPC
// every 200ms.
func (c *chain) ctx() context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	c.t.Cleanup(cancel)
	return ctx
}

// sender sends transactions signed by key and waits for their receipts.
func (c *chain) sender(key *ecdsa.PrivateKey) *contracts.Sender {
	return &contracts.Sender{Backend: c.client, Opts: bind.NewKeyedTransactor(key, big.NewInt(devChainID))}
}

// identityOf asks the IdFactory which identity wallet belongs to (zero: none).
func (c *chain) identityOf(wallet common.Address) common.Address {
	c.t.Helper()
	f := idfactory.NewIdFactory()
	out, err := c.client.CallContract(c.ctx(), ethereum.CallMsg{To: &c.factory, Data: f.PackGetIdentity(wallet)}, nil)
	if err != nil {
		c.t.Fatalf("getIdentity(%s): %v", wallet, err)
	}
	id, err := f.UnpackGetIdentity(out)
	if err != nil {
		c.t.Fatal(err)
	}
	return id
}

// deployerKey reads the dev deployer's key that serve --dev keeps in its data dir:
// it owns the factory and holds the dev chain's ether.
func deployerKey(t *testing.T, srv *server) *ecdsa.PrivateKey {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(srv.DataDir, "dev-deployer.key"))
	if err != nil {
		t.Fatal(err)
	}
	key, err := crypto.HexToECDSA(strings.TrimPrefix(strings.TrimSpace(string(raw)), "0x"))
	if err != nil {
		t.Fatalf("dev-deployer.key: %v", err)
	}
	return key
}

// caip10 is a wallet or identity as the tokens and userinfo name it.
func caip10(addr common.Address) string {
	return "eip155:" + strconv.Itoa(devChainID) + ":" + addr.Hex()
}
