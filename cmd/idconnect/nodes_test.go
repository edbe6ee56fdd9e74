package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"io"
	"log/slog"
	"math/big"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/params"

	"github.com/idconnect/idconnect/authz"
	"github.com/idconnect/idconnect/contracts"
	"github.com/idconnect/idconnect/internal/gethdev"
	"github.com/idconnect/idconnect/internal/simchain"
	"github.com/idconnect/idconnect/store/postgres"
	"github.com/idconnect/idconnect/store/postgres/pgtest"
)

// TestTwoNodes runs two servers, as behind a load balancer: one PostgreSQL,
// one real chain (geth --dev over websocket), one server key and issuer.
// What one node does holds on the other: a grant validated on one is read
// on the other, an immediate grant read on one is spent on the other, and a
// revocation on one stops the next read on the other.
func TestTwoNodes(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	dsn := pgtest.SchemaDSN(t)
	geth, err := gethdev.Start(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { geth.Stop() })
	client, err := ethclient.DialContext(ctx, geth.WSURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(client.Close)
	deployer := simchain.NewKey()
	if err := geth.Fund(ctx, crypto.PubkeyToAddress(deployer.PublicKey), new(big.Int).Mul(big.NewInt(100), big.NewInt(params.Ether))); err != nil {
		t.Fatal(err)
	}
	sender := &contracts.Sender{Backend: client, Opts: bind.NewKeyedTransactor(deployer, new(big.Int).SetUint64(geth.ChainID()))}
	suite, err := contracts.DeploySuite(ctx, sender)
	if err != nil {
		t.Fatal(err)
	}
	o := newOwner(t, "")
	identity, err := contracts.CreateIdentity(ctx, sender, suite, crypto.PubkeyToAddress(o.key.PublicKey), "owner")
	if err != nil {
		t.Fatal(err)
	}

	keyFile := filepath.Join(t.TempDir(), "server.key")
	secret := make([]byte, 32)
	_, _ = rand.Read(secret)
	if err := os.WriteFile(keyFile, []byte(hex.EncodeToString(secret)), 0o600); err != nil {
		t.Fatal(err)
	}
	addrA, addrB := freeAddr(t), freeAddr(t)
	cfg := func(addr string) *serveConfig {
		return &serveConfig{Addr: addr, Issuer: "http://" + addrA, DataDir: t.TempDir(), DSN: dsn, CacheAge: time.Minute,
			ServerKeyFile: keyFile, Chain: chainConfig{RPC: geth.WSURL, IdFactory: suite.IdFactory.Hex(),
				IdentityRegistry: suite.IdentityRegistry.Hex()}}
	}
	a := startNode(t, cfg(addrA)) // first alone: it applies the migrations
	b := startNode(t, cfg(addrB))

	st, err := postgres.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	id, _, err := authz.CreateClient(ctx, st, authz.ClientSpec{Name: "Example Bank", RedirectURIs: []string{"https://bank.example/cb"}})
	if err != nil {
		t.Fatal(err)
	}
	key := apiKey(t, st, id)
	st.Close()
	onA := &service{t: t, issuer: a, auth: "ApiKey " + key}
	onB := &service{t: t, issuer: b, auth: "ApiKey " + key}
	profile := "/identities/" + identity.Hex() + "/claims/1"

	// Persistent: asked on A, validated on B, read on both, revoked on B.
	gid, token := askClaim(t, onA, onB, o, identity.Hex(), "persistent")
	for _, s := range []*service{onA, onB} {
		if code, out := s.read(profile, token); code != http.StatusOK {
			t.Fatalf("read on %s = %d %v", s.issuer, code, out)
		}
	}
	code, out, _ := onB.do(http.MethodPost, "/access-grants/"+gid+"/revocation-challenges", map[string]string{"wallet": o.address()})
	challenge, _ := out["challenge"].(string)
	if code != http.StatusCreated {
		t.Fatalf("revocation challenge on B = %d %v", code, out)
	}
	anonB := &service{t: t, issuer: b}
	if code, out, _ := anonB.do(http.MethodDelete, "/access-grants/"+gid, map[string]string{"message": challenge, "signature": o.sign(challenge)}); code != http.StatusOK {
		t.Fatalf("revocation on B = %d %v", code, out)
	}
	if code, _ := onA.read(profile, token); code != http.StatusUnauthorized {
		t.Fatalf("read on A after revocation on B = %d", code)
	}

	// Immediate: read once on B, spent on A.
	_, token = askClaim(t, onA, onA, o, identity.Hex(), "immediate")
	if code, out := onB.read(profile, token); code != http.StatusOK {
		t.Fatalf("read on B = %d %v", code, out)
	}
	if code, _ := onA.read(profile, token); code != http.StatusUnauthorized {
		t.Fatalf("second read, on A = %d", code)
	}
}

// askClaim asks for the KYC claim on one node and validates on another.
func askClaim(t *testing.T, ask, validate *service, o *owner, identity, kind string) (string, string) {
	t.Helper()
	code, out, _ := ask.do(http.MethodPost, "/identities/"+identity+"/claims/1/access-requests",
		map[string]any{"kind": kind, "purpose": "Check KYC"})
	if code != http.StatusCreated {
		t.Fatalf("access request = %d %v", code, out)
	}
	id := out["id"].(string)
	code, out, _ = validate.do(http.MethodPost, "/access-grants/"+id+"/validations",
		map[string]string{"signature": o.sign(out["challenge"].(string))})
	token, _ := out["access_token"].(string)
	if code != http.StatusOK || token == "" {
		t.Fatalf("validation = %d %v", code, out)
	}
	return id, token
}

// startNode runs serve in this process until the test ends and returns its
// base URL once it is healthy.
func startNode(t *testing.T, cfg *serveConfig) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serve(ctx, cfg, io.Discard, slog.New(slog.DiscardHandler)) }()
	t.Cleanup(func() { cancel(); <-done })
	base := "http://" + cfg.Addr
	deadline := time.Now().Add(time.Minute)
	for {
		if resp, err := http.Get(base + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return base
			}
		}
		select {
		case err := <-done:
			t.Fatalf("the node at %s stopped: %v", base, err)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("the node at %s never became healthy", base)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
