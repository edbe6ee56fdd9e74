package faults

import (
	"context"
	"crypto/ecdsa"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/params"

	"github.com/idconnect/idconnect/contracts"
	"github.com/idconnect/idconnect/internal/gethdev"
	"github.com/idconnect/idconnect/internal/serverproc"
	"github.com/idconnect/idconnect/store/postgres/pgtest"
)

// shared is what the tests of this binary share: the binary, built once, and
// one geth chain with the contract suite and the owners' identities, started
// by the first test that needs it. TestMain sets it before any test runs and
// tears it down after the last; a package variable is the only way TestMain
// can hand anything to the tests.
var shared *suite

func TestMain(m *testing.M) { os.Exit(runMain(m)) }

func runMain(m *testing.M) int {
	dir, err := os.MkdirTemp("", "idconnect-faults-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "faults:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	bin, err := serverproc.Build(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "faults:", err)
		return 1
	}
	shared = &suite{dir: dir, bin: bin}
	defer shared.close()
	// pgtest.Main starts a PostgreSQL server for the crash test's schema
	// when make test has not named one.
	return pgtest.Main(m)
}

// numOwners is how many identities the chain holds: the access-request API
// allows 10 requests per service and identity at once, so the load spreads
// over several.
const numOwners = 6

// suite is the shared chain. A start that failed stays failed, so every
// later test reports the same cause.
type suite struct {
	dir, bin string

	once    sync.Once
	chain   *chainEnv
	err     error
	keyFile string
}

// chainEnv is a geth --dev node with the ONCHAINID suite and one identity
// per owner key.
type chainEnv struct {
	geth   *gethdev.Node
	suite  contracts.Suite
	owners []ownerKey
}

type ownerKey struct {
	key      *ecdsa.PrivateKey
	wallet   common.Address
	identity common.Address
}

func (s *suite) env(t *testing.T) *chainEnv {
	t.Helper()
	s.once.Do(func() { s.chain, s.err = s.start() })
	if s.err != nil {
		t.Fatal(s.err)
	}
	return s.chain
}

func (s *suite) start() (*chainEnv, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	gdir := filepath.Join(s.dir, "geth")
	if err := os.MkdirAll(gdir, 0o755); err != nil {
		return nil, err
	}
	geth, err := gethdev.Start(ctx, gdir)
	if err != nil {
		return nil, err
	}
	env := &chainEnv{geth: geth}
	s.chain = env // so close stops geth whatever happens next
	client, err := ethclient.DialContext(ctx, geth.WSURL)
	if err != nil {
		return nil, err
	}
	defer client.Close()
	deployer, err := crypto.GenerateKey()
	if err != nil {
		return nil, err
	}
	if err := geth.Fund(ctx, crypto.PubkeyToAddress(deployer.PublicKey), new(big.Int).Mul(big.NewInt(100), big.NewInt(params.Ether))); err != nil {
		return nil, err
	}
	sender := &contracts.Sender{Backend: client, Opts: bind.NewKeyedTransactor(deployer, new(big.Int).SetUint64(geth.ChainID()))}
	if env.suite, err = contracts.DeploySuite(ctx, sender); err != nil {
		return nil, err
	}
	for i := range numOwners {
		key, err := crypto.GenerateKey()
		if err != nil {
			return nil, err
		}
		wallet := crypto.PubkeyToAddress(key.PublicKey)
		id, err := contracts.CreateIdentity(ctx, sender, env.suite, wallet, fmt.Sprintf("owner-%d", i))
		if err != nil {
			return nil, err
		}
		env.owners = append(env.owners, ownerKey{key: key, wallet: wallet, identity: id})
	}
	secret := make([]byte, 32)
	_, _ = rand.Read(secret)
	s.keyFile = filepath.Join(s.dir, "server.key")
	return env, os.WriteFile(s.keyFile, []byte(hex.EncodeToString(secret)), 0o600)
}

func (s *suite) close() {
	if s.chain != nil && s.chain.geth != nil {
		if err := s.chain.geth.Stop(); err != nil {
			fmt.Fprintln(os.Stderr, "faults: stopping geth:", err)
		}
	}
}

// serverArgs are the flags of a non-dev serve on dsn, reading the shared
// chain at rpc (geth's websocket, or a proxy in front of it).
func (s *suite) serverArgs(t *testing.T, dsn, rpc string, extra ...string) []string {
	env := s.env(t)
	args := []string{"--dsn", dsn, "--chain-rpc", rpc, "--data-dir", t.TempDir(),
		"--idfactory", env.suite.IdFactory.Hex(), "--identity-registry", env.suite.IdentityRegistry.Hex(),
		"--server-key-file", s.keyFile}
	return append(args, extra...)
}

// startServer runs the binary with args until the test ends, and fails the
// test with the server's log when it does not start.
func (s *suite) startServer(t *testing.T, args ...string) *serverproc.Server {
	t.Helper()
	addr, err := serverproc.FreeAddr()
	if err != nil {
		t.Fatal(err)
	}
	srv, err := serverproc.Start(s.bin, addr, filepath.Join(t.TempDir(), "serve.log"), args...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := srv.Stop(); err != nil {
			t.Errorf("stopping the server: %v", err)
		}
		if t.Failed() {
			t.Logf("server log, without the request lines:\n%s", notableLines(srv.LogTail(1<<20), 60))
		}
	})
	return srv
}

// notableLines drops the request log from a server's output and repeats
// of the same message, keeping the first and the last n/2 lines: how the
// fault began, and how it ended.
func notableLines(log string, n int) string {
	seen := map[string]bool{}
	var out []string
	for _, line := range strings.Split(log, "\n") {
		if strings.Contains(line, "msg=request ") {
			continue
		}
		key := line
		if i := strings.Index(line, " level="); i >= 0 {
			key = line[i:] // without the time
		}
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, line)
	}
	if len(out) > n {
		out = append(append(out[:n/2:n/2], fmt.Sprintf("… %d lines …", len(out)-n)), out[len(out)-n/2:]...)
	}
	return strings.Join(out, "\n")
}
