package challenge_test

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/idconnect/idconnect/challenge"
	"github.com/idconnect/idconnect/internal/simchain"
	"github.com/idconnect/idconnect/store"
	"github.com/idconnect/idconnect/store/sqlite"
)

const (
	testDomain  = "idp.example:8443"
	testOrigin  = "https://idp.example:8443"
	testRequest = "req-7f3a"
	testChain   = simchain.ChainID
)

// t0 is the fixed start of every test clock.
var t0 = time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)

// clock is a settable test clock.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) Set(t time.Time) { c.mu.Lock(); defer c.mu.Unlock(); c.now = t }

// sequence is a deterministic io.Reader that yields 0, 1, 2, … 247, 0, … so
// nonces are predictable in golden tests.
type sequence struct{ next byte }

func (s *sequence) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = s.next
		s.next = (s.next + 1) % 248
	}
	return len(p), nil
}

func openStore(tb testing.TB) *sqlite.Store {
	tb.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(tb.TempDir(), "db"), sqlite.WithMigrate())
	if err != nil {
		tb.Fatalf("open sqlite: %v", err)
	}
	tb.Cleanup(func() { _ = s.Close() })
	return s
}

// fixture is a Service on a real SQLite store with a test clock and one wallet.
type fixture struct {
	t     testing.TB
	store *sqlite.Store
	clock *clock
	svc   *challenge.Service
	key   *ecdsa.PrivateKey
	addr  common.Address
}

func newFixture(tb testing.TB, caller challenge.Caller) *fixture {
	tb.Helper()
	f := &fixture{t: tb, store: openStore(tb), clock: &clock{now: t0}, key: simchain.NewKey()}
	f.addr = crypto.PubkeyToAddress(f.key.PublicKey)
	f.svc = challenge.New(challenge.Config{Store: f.store, Caller: caller, ChainID: testChain, Clock: f.clock.Now})
	return f
}

func (f *fixture) loginRequest() challenge.Request {
	return challenge.Request{Purpose: store.PurposeLogin, Domain: testDomain, URI: testOrigin,
		Address: f.addr, Statement: "Sign in to idconnect.", RequestID: testRequest}
}

func (f *fixture) loginExpect() challenge.Expect {
	return challenge.Expect{Purpose: store.PurposeLogin, Domain: testDomain, URI: testOrigin, RequestID: testRequest}
}

func (f *fixture) issue(tb testing.TB, r challenge.Request) challenge.Challenge {
	tb.Helper()
	c, err := f.svc.Issue(context.Background(), r)
	if err != nil {
		tb.Fatalf("Issue: %v", err)
	}
	return c
}

// sign signs text with personal_sign semantics, v as 27/28 like wallets do.
func sign(tb testing.TB, key *ecdsa.PrivateKey, text string) string {
	tb.Helper()
	return hexutil.Encode(signBytes(tb, key, text))
}

func signBytes(tb testing.TB, key *ecdsa.PrivateKey, text string) []byte {
	tb.Helper()
	sig, err := crypto.Sign(challenge.MessageHash(text).Bytes(), key)
	if err != nil {
		tb.Fatalf("sign: %v", err)
	}
	sig[64] += 27
	return sig
}

func wantErr(tb testing.TB, err, want error) {
	tb.Helper()
	if !errors.Is(err, want) {
		tb.Fatalf("err = %v, want %v", err, want)
	}
}

// sentinels are the errors every Verify failure must wrap.
var sentinels = []error{challenge.ErrMalformed, challenge.ErrMismatch, challenge.ErrExpired,
	challenge.ErrNonce, challenge.ErrSignature, challenge.ErrUnavailable, challenge.ErrBinding}

func isSentinel(err error) bool {
	for _, s := range sentinels {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}
