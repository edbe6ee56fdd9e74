package account_test

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/rand"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"
	"golang.org/x/net/html"

	"github.com/idconnect/idconnect/challenge"
	"github.com/idconnect/idconnect/consent"
	"github.com/idconnect/idconnect/contracts"
	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/internal/simchain"
	"github.com/idconnect/idconnect/notify"
	"github.com/idconnect/idconnect/store"
	"github.com/idconnect/idconnect/store/sqlite"
	"github.com/idconnect/idconnect/web"
	"github.com/idconnect/idconnect/web/account"
)

// dashEnv is the owner's dashboard on real parts: the simulated chain with the
// contract suite and the owner's identity, SQLite in a temp dir, the access-request
// flow, a following identity cache, and the real middleware stack in front.
type dashEnv struct {
	t        *testing.T
	chain    *simchain.Chain
	deployer *contracts.Sender
	suite    contracts.Suite
	ownerKey *ecdsa.PrivateKey
	wallet   common.Address // the owner's wallet, a management key of id
	id       common.Address
	store    store.Store
	reader   *identity.Reader
	cache    *identity.Cache
	flow     *consent.AccessRequests
	dash     *account.Dashboard
	srv      *httptest.Server
	sessions *web.Sessions
	// browser is a client with the owner's session cookie.
	browser *http.Client
}

const dashIssuer = "http://idconnect.test"

// dashSealer seals webhook secrets under a fixed test server key.
func dashSealer(t *testing.T) *store.Sealer {
	s, err := store.NewSealer(bytes.Repeat([]byte{5}, 32), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func newDashEnv(t *testing.T) *dashEnv {
	t.Helper()
	ctx := context.Background()
	deployerKey, ownerKey := simchain.NewKey(), simchain.NewKey()
	e := &dashEnv{t: t, ownerKey: ownerKey, wallet: crypto.PubkeyToAddress(ownerKey.PublicKey)}
	e.chain = simchain.New(crypto.PubkeyToAddress(deployerKey.PublicKey), e.wallet)
	t.Cleanup(func() { e.chain.Close() })
	e.deployer = e.chain.Sender(deployerKey)
	var err error
	if e.suite, err = contracts.DeploySuite(ctx, e.deployer); err != nil {
		t.Fatal(err)
	}
	if e.id, err = contracts.CreateIdentity(ctx, e.deployer, e.suite, e.wallet, "owner"); err != nil {
		t.Fatal(err)
	}
	if e.store, err = sqlite.Open(ctx, filepath.Join(t.TempDir(), "db"), sqlite.WithMigrate()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.store.Close() })
	if e.reader, err = identity.NewReader(ctx, e.chain.Client(), identity.Config{IdFactory: e.suite.IdFactory, IdentityRegistry: e.suite.IdentityRegistry}); err != nil {
		t.Fatal(err)
	}
	e.cache = dashFollowCache(t, e.chain, e.reader)
	if err := e.store.CreateClient(ctx, store.Client{ID: "bank", Name: "Example Bank", CreatedAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	ch := challenge.New(challenge.Config{Store: e.store, Caller: e.chain.Client(), ChainID: simchain.ChainID})
	e.flow = &consent.AccessRequests{Store: e.store, Challenges: ch, Directory: e.cache, Identities: e.reader,
		Notices: &notify.Outbox{Store: e.store, Clock: time.Now}, Issuer: dashIssuer,
		CheckURL: func(raw string) (string, error) { return notify.CheckDeliveryURL(raw, true) },
		ChainID:  simchain.ChainID, Clock: time.Now}
	e.start()
	return e
}

// start serves the dashboard (and the profile page it links) behind web.Stack.
func (e *dashEnv) start() {
	t := e.t
	static, err := web.NewStatic(nil)
	if err != nil {
		t.Fatal(err)
	}
	e.sessions = sessions(t, false)
	owner := &web.Owner{Sessions: e.sessions, Store: e.store, Clock: time.Now, Directory: e.cache}
	e.dash = &account.Dashboard{Site: web.Site{Issuer: dashIssuer, ChainID: simchain.ChainID, ChainName: "Development chain"},
		Owner: owner, Store: e.store, Decisions: e.flow, Keys: e.reader, Directory: e.cache, Follow: e.cache,
		Catalogue: identity.DefaultCatalogue(), Static: static, Clock: time.Now,
		Webhooks: &notify.Webhooks{Store: e.store, Sealer: dashSealer(e.t)}}
	mux := http.NewServeMux()
	static.Mount(mux)
	e.dash.Mount(mux)
	(&account.Account{Owner: owner, Profiles: &consent.Profiles{Store: e.store, Clock: time.Now}, Static: static, Clock: time.Now}).Mount(mux)
	e.srv = httptest.NewServer(web.Stack{Issuer: dashIssuer}.Handler(mux))
	t.Cleanup(e.srv.Close)
	e.browser = e.signIn(e.id, e.wallet)
}

// signIn stores a login session for identity and wallet and returns a client that
// carries its cookie and does not follow redirects.
func (e *dashEnv) signIn(id, wallet common.Address) *http.Client {
	e.t.Helper()
	ls := store.LoginSession{ID: "ls-" + wallet.Hex(), Identity: id, Wallet: wallet, ChainID: simchain.ChainID,
		AuthTime: time.Now(), ExpiresAt: time.Now().Add(time.Hour)}
	if err := e.store.CreateLoginSession(context.Background(), ls); err != nil {
		e.t.Fatal(err)
	}
	cookie := login(e.t, e.sessions, ls.ID)
	jar, _ := cookiejar.New(nil)
	u, _ := url.Parse(e.srv.URL)
	jar.SetCookies(u, []*http.Cookie{cookie})
	return &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// dashFollowCache is an identity.Cache that follows the chain, as serve runs it.
func dashFollowCache(t *testing.T, chain *simchain.Chain, r *identity.Reader) *identity.Cache {
	t.Helper()
	cache := identity.NewCache(r, identity.CacheConfig{MaxAge: time.Hour})
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Go(func() { _ = cache.Run(ctx) })
	t.Cleanup(func() { cancel(); wg.Wait() })
	head, err := chain.Client().BlockNumber(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if err := cache.WaitBlock(context.Background(), head); err != nil {
		t.Fatal(err)
	}
	return cache
}

// dashPage is an answer of the dashboard: its status, Location and parsed HTML.
type dashPage struct {
	status   int
	location string
	body     string
	doc      *html.Node
}

func (e *dashEnv) do(c *http.Client, method, path string, form url.Values) dashPage {
	e.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, e.srv.URL+path, body)
	if err != nil {
		e.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		// What a browser sends with a same-origin form, for cross-origin protection.
		req.Header.Set("Origin", e.srv.URL)
		req.Header.Set("Sec-Fetch-Site", "same-origin")
	}
	resp, err := c.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	p := dashPage{status: resp.StatusCode, location: resp.Header.Get("Location"), body: string(raw)}
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		if p.doc, err = html.Parse(bytes.NewReader(raw)); err != nil {
			e.t.Fatal(err)
		}
	}
	return p
}

func (e *dashEnv) get(path string) dashPage { e.t.Helper(); return e.do(e.browser, "GET", path, nil) }

func (e *dashEnv) post(path string, form url.Values) dashPage {
	e.t.Helper()
	return e.do(e.browser, "POST", path, form)
}

// mustGet fetches a page that must answer 200.
func (e *dashEnv) mustGet(path string) dashPage {
	e.t.Helper()
	p := e.get(path)
	if p.status != http.StatusOK || p.doc == nil {
		e.t.Fatalf("GET %s = %d\n%s", path, p.status, p.body)
	}
	return p
}

// ask has the bank ask the owner for access through the real flow.
func (e *dashEnv) ask(kind store.GrantKind, fields ...string) store.Grant {
	e.t.Helper()
	asked, err := e.flow.Create(context.Background(), consent.Ask{ClientID: "bank", Target: consent.Target{Identity: e.id},
		Kind: kind, Fields: fields, Purpose: "Open an account"})
	if err != nil {
		e.t.Fatal(err)
	}
	return asked.Grant
}

// grant stores an active Connect-flow grant of the owner's identity for client.
func (e *dashEnv) grant(id, client string, created time.Time, scopes ...string) store.Grant {
	e.t.Helper()
	g := store.Grant{ID: id, Kind: consent.KindOf(scopes), State: store.GrantActive, Identity: e.id, ChainID: simchain.ChainID,
		Wallet: e.wallet, ClientID: client, Scopes: scopes, ConsentMessage: "signed", ConsentSignature: "0x00",
		ConsentHash: "0x00", CreatedAt: created.UTC(), ActivatedAt: created.UTC()}
	if err := e.store.CreateGrant(context.Background(), g); err != nil {
		e.t.Fatal(err)
	}
	return g
}

// sign signs text as personal_sign does, with the owner's key.
func (e *dashEnv) sign(text string) string {
	e.t.Helper()
	sig, err := crypto.Sign(accounts.TextHash([]byte(text)), e.ownerKey)
	if err != nil {
		e.t.Fatal(err)
	}
	sig[64] += 27
	return hexutil.Encode(sig)
}

// send sends calldata from the owner's wallet, as the browser wallet would, and
// returns the block it was mined in.
func (e *dashEnv) send(to common.Address, data string) uint64 {
	e.t.Helper()
	raw, err := hexutil.Decode(data)
	if err != nil {
		e.t.Fatal(err)
	}
	receipt, err := e.chain.Sender(e.ownerKey).Transact(context.Background(), to, raw)
	if err != nil {
		e.t.Fatal(err)
	}
	if receipt.Status != 1 {
		e.t.Fatalf("the prepared call reverted")
	}
	return receipt.BlockNumber.Uint64()
}

// dashAll returns the elements under n for which match holds, in document order.
func dashAll(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	for d := range n.Descendants() {
		if d.Type == html.ElementNode && match(d) {
			out = append(out, d)
		}
	}
	return out
}

func dashAttr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// dashText is n's text with white space collapsed.
func dashText(n *html.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data + " ")
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// dashID returns the element with the id, failing the test when there is none.
func (p dashPage) byID(t *testing.T, id string) *html.Node {
	t.Helper()
	found := dashAll(p.doc, func(n *html.Node) bool { return dashAttr(n, "id") == id })
	if len(found) != 1 {
		t.Fatalf("want one #%s, found %d in\n%s", id, len(found), p.body)
	}
	return found[0]
}

// has reports whether the page has an element with the id.
func (p dashPage) has(id string) bool {
	return len(dashAll(p.doc, func(n *html.Node) bool { return dashAttr(n, "id") == id })) > 0
}

// forms returns the page's forms by action.
func (p dashPage) forms() map[string]*html.Node {
	out := map[string]*html.Node{}
	for _, f := range dashAll(p.doc, func(n *html.Node) bool { return n.Data == "form" }) {
		out[dashAttr(f, "action")] = f
	}
	return out
}
