package signin_test

import (
	"context"
	"crypto/ecdsa"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"
	"golang.org/x/time/rate"

	"github.com/idconnect/idconnect/challenge"
	"github.com/idconnect/idconnect/contracts"
	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/internal/simchain"
	"github.com/idconnect/idconnect/signin"
	"github.com/idconnect/idconnect/store"
	"github.com/idconnect/idconnect/store/sqlite"
	"github.com/idconnect/idconnect/web"
)

const (
	testDomain = "idp.example:8443"
	testOrigin = "https://idp.example:8443"
)

// env is a sign-in Service on a real SQLite store and a simulated chain with
// the ONCHAINID suite deployed, and a settable clock.
type env struct {
	t        *testing.T
	st       *sqlite.Store
	chain    *simchain.Chain
	deployer *ecdsa.PrivateKey
	suite    contracts.Suite
	dir      identity.Directory
	ch       *challenge.Service
	mu       sync.Mutex
	now      time.Time
	cfg      signin.Config
}

func newEnv(t *testing.T, edit ...func(*signin.Config)) (*env, *signin.Service) {
	t.Helper()
	ctx := context.Background()
	e := &env{t: t, deployer: simchain.NewKey(), now: time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)}
	e.chain = simchain.New(crypto.PubkeyToAddress(e.deployer.PublicKey))
	t.Cleanup(func() { e.chain.Close() })
	var err error
	if e.suite, err = contracts.DeploySuite(ctx, e.chain.Sender(e.deployer)); err != nil {
		t.Fatal(err)
	}
	r, err := identity.NewReader(ctx, e.chain.Client(), identity.Config{IdFactory: e.suite.IdFactory})
	if err != nil {
		t.Fatal(err)
	}
	e.dir = r
	if e.st, err = sqlite.Open(ctx, filepath.Join(t.TempDir(), "db"), sqlite.WithMigrate()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.st.Close() })
	e.ch = challenge.New(challenge.Config{Store: e.st, Caller: e.chain.Client(), ChainID: simchain.ChainID, Clock: e.clock})
	e.cfg = signin.Config{Store: e.st, Challenges: e.ch, Directory: e.dir, Domain: testDomain, Origin: testOrigin,
		ChainID: simchain.ChainID, SessionTTL: time.Hour, Clock: e.clock}
	for _, f := range edit {
		f(&e.cfg)
	}
	svc, err := signin.New(e.cfg)
	if err != nil {
		t.Fatal(err)
	}
	return e, svc
}

func (e *env) clock() time.Time { e.mu.Lock(); defer e.mu.Unlock(); return e.now }
func (e *env) advance(d time.Duration) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.now = e.now.Add(d)
}

// wallet is an owner's key, with an identity when onboarded.
type wallet struct {
	key  *ecdsa.PrivateKey
	addr common.Address
	id   common.Address
}

func newWallet() *wallet {
	k := simchain.NewKey()
	return &wallet{key: k, addr: crypto.PubkeyToAddress(k.PublicKey)}
}

// withIdentity creates w's identity through the factory.
func (e *env) withIdentity(w *wallet) *wallet {
	id, err := contracts.CreateIdentity(context.Background(), e.chain.Sender(e.deployer), e.suite, w.addr, w.addr.Hex())
	if err != nil {
		e.t.Fatal(err)
	}
	w.id = id
	return w
}

func (w *wallet) sign(t *testing.T, text string) string {
	sig, err := crypto.Sign(accounts.TextHash([]byte(text)), w.key)
	if err != nil {
		t.Fatal(err)
	}
	sig[64] += 27
	return hexutil.Encode(sig)
}

// park stores a pending authorization request bound to the browser holding
// cookie, and returns its id.
func (e *env) park(id, cookie string, edit ...func(*store.AuthRequest)) string {
	ctx := context.Background()
	if _, err := e.st.GetClient(ctx, "client-1"); err != nil {
		if err := e.st.CreateClient(ctx, store.Client{ID: "client-1", Name: "Shop", RedirectURIs: []string{"https://shop.example/cb"}, CreatedAt: e.clock()}); err != nil {
			e.t.Fatal(err)
		}
	}
	ar := store.AuthRequest{ID: id, ClientID: "client-1", RedirectURI: "https://shop.example/cb", Scopes: []string{"openid"},
		BrowserBinding: store.BindingHash(cookie), CreatedAt: e.clock(), ExpiresAt: e.clock().Add(15 * time.Minute)}
	for _, f := range edit {
		f(&ar)
	}
	if err := e.st.CreateAuthRequest(ctx, ar); err != nil {
		e.t.Fatal(err)
	}
	return id
}

// signIn asks for a message as browser (requestCookie) and signs it with w.
func (e *env) signIn(svc *signin.Service, w *wallet, requestID, requestCookie string) (signin.Session, error) {
	ctx := context.Background()
	issued, err := svc.Challenge(ctx, signin.ChallengeRequest{RequestID: requestID, Wallet: w.addr, RequestBinding: requestCookie})
	if err != nil {
		return signin.Session{}, err
	}
	return svc.SignIn(ctx, signin.Attempt{RequestID: requestID, Message: issued.Text, Signature: w.sign(e.t, issued.Text),
		ChallengeBinding: issued.Binding, RequestBinding: requestCookie, ClientIP: "192.0.2.1"})
}

func limiter(perSecond float64, burst int) *web.Limiter {
	return web.NewLimiter(rate.Limit(perSecond), burst, 1000, nil)
}
