package oauthpages

import (
	"bytes"
	"crypto/rand"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/idconnect/idconnect/authz"
	"github.com/idconnect/idconnect/store"
	"github.com/idconnect/idconnect/store/sqlite"
	"github.com/idconnect/idconnect/web"
)

// logoutFixture serves EndSession behind the real middleware stack (the
// same cross-origin exemption as the server), over a real provider and
// SQLite store. GET /test/login plays a wallet sign-in: it stores a login
// session and sets its cookie.
type logoutFixture struct {
	st       store.Store
	url      string
	clientID string
}

const logoutBye = "https://shop.example/bye"

func newLogoutFixture(t *testing.T) *logoutFixture {
	t.Helper()
	ctx := t.Context()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "idc.db"), sqlite.WithMigrate())
	must(t, err)
	t.Cleanup(func() { _ = st.Close() })
	mux := http.NewServeMux()
	srv := httptest.NewServer(nil)
	t.Cleanup(srv.Close)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	sealer, err := store.NewSealer(bytes.Repeat([]byte{7}, 32), rand.Reader)
	must(t, err)
	keys, err := authz.NewKeyring(ctx, st, sealer, authz.KeyringConfig{TokenTTL: time.Hour, Log: log})
	must(t, err)
	p, err := authz.New(authz.Config{Issuer: srv.URL, GlobalSecret: bytes.Repeat([]byte("s"), 32)}, st, keys, log)
	must(t, err)
	sessions, err := web.NewSessions(bytes.Repeat([]byte{1}, 32), bytes.Repeat([]byte{2}, 32), false)
	must(t, err)
	static, err := web.NewStatic(nil)
	must(t, err)
	(&EndSession{Flow: p, Sessions: sessions, Store: st, Static: static, Clock: time.Now, Log: log}).Mount(mux)
	mux.HandleFunc("GET /test/login", func(w http.ResponseWriter, r *http.Request) {
		now := time.Now()
		ls := store.LoginSession{ID: "ls-" + r.URL.Query().Get("n"), Identity: common.HexToAddress("0x5B38Da6a701c568545dCfcB03FcB875f56beddC4"),
			Wallet: common.HexToAddress("0xAb8483F64d9C6d1EcF9b849Ae677dD3315835cb2"), ChainID: 1337, AuthTime: now, ExpiresAt: now.Add(time.Hour)}
		if err := st.CreateLoginSession(r.Context(), ls); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		must(t, sessions.Login(w, r, web.SessionData{LoginSessionID: ls.ID}))
	})
	srv.Config.Handler = web.Stack{Issuer: srv.URL, Log: log, CrossOriginBypass: []string{"POST " + authz.PathEndSession}}.Handler(mux)
	f := &logoutFixture{st: st, url: srv.URL}
	f.clientID, _, err = authz.CreateClient(ctx, st, authz.ClientSpec{Name: "Shop", RedirectURIs: []string{"https://shop.example/cb"},
		PostLogoutRedirectURIs: []string{logoutBye}})
	must(t, err)
	return f
}

// signedIn returns a browser with a live login session named n.
func (f *logoutFixture) signedIn(t *testing.T, n string) *http.Client {
	t.Helper()
	jar, err := cookiejar.New(nil)
	must(t, err)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Get(f.url + "/test/login?n=" + n)
	must(t, err)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("test login: %d", resp.StatusCode)
	}
	return c
}

func (f *logoutFixture) revoked(t *testing.T, n string) bool {
	t.Helper()
	ls, err := f.st.GetLoginSession(t.Context(), "ls-"+n)
	must(t, err)
	return !ls.RevokedAt.IsZero()
}

// send makes a request as a browser would from site ("same-origin" or
// "cross-site"); it returns the status, Location and body.
func send(t *testing.T, c *http.Client, method, u, site string, form url.Values) (int, string, string) {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, u, body)
	must(t, err)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	req.Header.Set("Sec-Fetch-Site", site)
	resp, err := c.Do(req)
	must(t, err)
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Location"), string(b)
}

func TestEndSessionAsksWithoutHint(t *testing.T) {
	f := newLogoutFixture(t)
	c := f.signedIn(t, "a")
	params := url.Values{"client_id": {f.clientID}, "post_logout_redirect_uri": {logoutBye}, "state": {"st-1"}}

	// A link (GET) or another site's form (POST) only shows the question.
	for _, tc := range []struct{ method, site string }{{"GET", "cross-site"}, {"POST", "cross-site"}} {
		u, form := f.url+authz.PathEndSession, params
		if tc.method == "GET" {
			u, form = u+"?"+params.Encode(), nil
		}
		status, loc, body := send(t, c, tc.method, u, tc.site, form)
		if status != http.StatusOK || loc != "" || !strings.Contains(body, `action="/oauth2/logout/confirm"`) ||
			!strings.Contains(body, "Shop") || !strings.Contains(body, `value="st-1"`) {
			t.Fatalf("%s: %d %q, want the confirmation page: %s", tc.method, status, loc, body)
		}
		if f.revoked(t, "a") {
			t.Fatalf("%s without id_token_hint ended the session", tc.method)
		}
	}
	// Another site cannot post the confirmation.
	if status, _, _ := send(t, c, "POST", f.url+"/oauth2/logout/confirm", "cross-site", params); status != http.StatusForbidden {
		t.Fatalf("cross-site confirmation: %d, want 403", status)
	}
	if f.revoked(t, "a") {
		t.Fatal("a cross-site confirmation ended the session")
	}
	// The owner's own click ends it and returns to the client with state.
	status, loc, _ := send(t, c, "POST", f.url+"/oauth2/logout/confirm", "same-origin", params)
	if status != http.StatusSeeOther || loc != logoutBye+"?state=st-1" {
		t.Fatalf("confirmation: %d to %q", status, loc)
	}
	if !f.revoked(t, "a") {
		t.Fatal("confirmed logout left the login session live")
	}
	u, _ := url.Parse(f.url)
	if cs := c.Jar.Cookies(u); len(cs) != 0 {
		t.Fatalf("session cookie kept: %v", cs)
	}
}

func TestEndSessionRefusals(t *testing.T) {
	f := newLogoutFixture(t)
	c := f.signedIn(t, "b")
	for name, q := range map[string]url.Values{
		"unregistered uri":   {"client_id": {f.clientID}, "post_logout_redirect_uri": {logoutBye + "/evil"}},
		"uri without client": {"post_logout_redirect_uri": {logoutBye}},
		"unknown client":     {"client_id": {"nobody"}},
		"bad hint":           {"id_token_hint": {"a.b.c"}},
		"state twice":        {"state": {"a", "b"}},
	} {
		status, loc, body := send(t, c, "GET", f.url+authz.PathEndSession+"?"+q.Encode(), "cross-site", nil)
		if status != http.StatusBadRequest || loc != "" || !strings.Contains(body, "still signed in") {
			t.Errorf("%s: %d %q, want a 400 page", name, status, loc)
		}
	}
	if f.revoked(t, "b") {
		t.Fatal("a refused request ended the session")
	}
}

func TestEndSessionSignedOutPage(t *testing.T) {
	f := newLogoutFixture(t)
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	// Nobody is signed in: nothing to ask, the page says so.
	status, _, body := send(t, c, "GET", f.url+authz.PathEndSession, "none", nil)
	if status != http.StatusOK || !strings.Contains(body, "You are signed out") {
		t.Fatalf("%d: %s", status, body)
	}
	// Confirmed without a redirect URI: the same page, and the session is over.
	c = f.signedIn(t, "c")
	status, _, body = send(t, c, "POST", f.url+"/oauth2/logout/confirm", "same-origin", url.Values{"client_id": {f.clientID}})
	if status != http.StatusOK || !strings.Contains(body, "You are signed out") || !f.revoked(t, "c") {
		t.Fatalf("%d revoked=%v: %s", status, f.revoked(t, "c"), body)
	}
}
