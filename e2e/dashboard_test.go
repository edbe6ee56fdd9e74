package e2e

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/internal/browsertest"
)

// Selectors of the owner's dashboard.
const (
	dashboardGrants   = "main#account[data-page=grants] h1"
	dashboardRequests = "main#account[data-page=requests] h1"
)

// TestDashboardRevokesGrant: the owner connects to the demo with a persistent
// grant, then, in another browser where they sign in to idconnect directly, opens
// the dashboard's grant list and clicks Revoke. The demo's next /userinfo read with
// its token gets 401.
func TestDashboardRevokesGrant(t *testing.T) {
	t.Parallel()
	w := newWallet(t)
	v := newVisitor(t, w)
	v.connect("offline_access")
	v.signIn(consentReady)
	v.allow().expect(t, firstRead, http.StatusOK)
	var token struct {
		GrantID string `json:"grant_id"`
	}
	if err := json.Unmarshal([]byte(text(t, v.tab, "#access-token")), &token); err != nil || token.GrantID == "" {
		t.Fatalf("no grant_id in the access token (%v)", err)
	}

	owner := newVisitor(t, w)
	navigate(t, owner.tab, chromedp.Navigate(owner.srv.Issuer+"/account/grants"), loginReady) // signed out: to /login
	owner.signIn(accountReady)
	navigate(t, owner.tab, chromedp.Navigate(owner.srv.Issuer+"/account/grants"), dashboardGrants)
	row := "#grant-" + token.GrantID
	if got := text(t, owner.tab, row); !strings.Contains(got, "active") || !strings.Contains(got, "until revoked") {
		t.Fatalf("the dashboard lists the grant as %q", got)
	}
	browsertest.Screenshot(t, owner.tab, "dashboard-grants.png")
	navigate(t, owner.tab, chromedp.Click(chromedp.CSS(row+" form.revoke button")), "main#account #grant")
	if got := browsertest.Eval[string](t, owner.tab, `document.querySelector("#grant").dataset.state`); got != "revoked" {
		t.Errorf("after Revoke the grant page says %q", got)
	}
	if got := text(t, owner.tab, "main#account .notice.ok"); !strings.HasPrefix(got, "Access revoked.") {
		t.Errorf("after Revoke the notice says %q", got)
	}

	v.press(readAgain).expect(t, secondRead, http.StatusUnauthorized)
}

// TestDashboardApprovesRequest: a service asks for the owner's email through the
// access-request API with an API key, twice. On the dashboard the owner denies one
// request (a plain form) and approves the other, which the injected wallet signs;
// the service then sees one grant denied and the other active, and reads the
// profile with it.
func TestDashboardApprovesRequest(t *testing.T) {
	t.Parallel()
	w := newWallet(t)
	v := newVisitor(t, w)
	v.saveProfile(map[string]string{"email": "ada@example.com"})
	id := dialChain(t, v.srv).identityOf(w.Addr)
	if id == (common.Address{}) {
		t.Fatal("the wallet has no identity after signing in")
	}
	svc := newAPIService(t, v.srv)
	toDeny, toApprove := svc.ask(id), svc.ask(id)

	navigate(t, v.tab, chromedp.Navigate(v.srv.Issuer+"/account/requests"), dashboardRequests+" ~ ul#requests button.approve")
	for _, req := range []string{toDeny, toApprove} {
		if got := text(t, v.tab, "#request-"+req); !strings.Contains(got, "Example Bank asks for email address") || !strings.Contains(got, "Open an account") {
			t.Fatalf("request %s reads %q", req, got)
		}
	}
	browsertest.Screenshot(t, v.tab, "dashboard-requests.png")

	navigate(t, v.tab, chromedp.Click(chromedp.CSS("#request-"+toDeny+" form button")), dashboardRequests)
	if got := text(t, v.tab, "main#account .notice.ok"); !strings.HasPrefix(got, "Request denied.") {
		t.Errorf("after Deny the notice says %q", got)
	}
	if state := svc.state(toDeny); state != "denied" {
		t.Errorf("the denied request's grant is %q", state)
	}

	navigate(t, v.tab, chromedp.Click(chromedp.CSS("#request-"+toApprove+" button.approve")), "main#account #grant")
	if got := browsertest.Eval[string](t, v.tab, `document.querySelector("#grant").dataset.state`); got != "active" {
		t.Errorf("after Approve the grant page says %q", got)
	}
	signed := w.Signed()
	if len(signed) != 2 || !strings.Contains(signed[1].Text, "Share with Example Bank.") || !strings.Contains(signed[1].Text, "/access-grants/"+toApprove) {
		t.Fatalf("the wallet signed %d messages; the last:\n%s", len(signed), signed[len(signed)-1].Text)
	}
	if state := svc.state(toApprove); state != "active" {
		t.Fatalf("the approved grant is %q", state)
	}
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	svc.call("GET", "/access-grants/"+toApprove+"/token", nil, http.StatusOK, &tok)
	var profile map[string]any
	svc.bearer(tok.AccessToken).call("GET", "/identities/"+id.Hex()+"/profile", nil, http.StatusOK, &profile)
	if profile["email"] != "ada@example.com" {
		t.Errorf("the service read %v", profile)
	}
}

// apiService is a service on the access-request API, registered with the
// operator commands (`client create`, `apikey create`) on the server's data dir.
type apiService struct {
	t      *testing.T
	issuer string
	auth   string
}

func newAPIService(t *testing.T, srv *server) *apiService {
	t.Helper()
	var client struct {
		ClientID string `json:"client_id"`
	}
	operator(t, srv, &client, "client", "create", "--name", "Example Bank", "--redirect-uri", "https://bank.example/cb", "--json")
	var key struct{ ID, Key string }
	operator(t, srv, &key, "apikey", "create", "--client", client.ClientID, "--json")
	if client.ClientID == "" || key.Key == "" {
		t.Fatalf("client %q, key %q", client.ClientID, key.Key)
	}
	return &apiService{t: t, issuer: srv.Issuer, auth: "ApiKey " + key.Key}
}

// operator runs an idconnect command on the dev data dir of srv and decodes its
// JSON output into out.
func operator(t *testing.T, srv *server, out any, args ...string) {
	t.Helper()
	args = append(args[:2:2], append([]string{"--dev", "--data-dir", srv.DataDir}, args[2:]...)...)
	cmd := exec.Command(shared.bin, args...)
	cmd.Env = withoutConfig(os.Environ())
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	raw, err := cmd.Output()
	if err != nil {
		t.Fatalf("idconnect %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	if err := json.Unmarshal(raw, out); err != nil {
		t.Fatalf("idconnect %s printed %q: %v", strings.Join(args, " "), raw, err)
	}
}

func (s *apiService) bearer(token string) *apiService {
	return &apiService{t: s.t, issuer: s.issuer, auth: "Bearer " + token}
}

// call sends a JSON request and decodes the answer, which must have status want.
func (s *apiService) call(method, path string, body any, want int, out any) {
	s.t.Helper()
	var r *bytes.Reader
	if body != nil {
		raw, _ := json.Marshal(body)
		r = bytes.NewReader(raw)
	} else {
		r = bytes.NewReader(nil)
	}
	req, err := http.NewRequest(method, s.issuer+path, r)
	if err != nil {
		s.t.Fatal(err)
	}
	req.Header.Set("Authorization", s.auth)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := (&http.Client{Timeout: 20 * time.Second}).Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	var raw bytes.Buffer
	_, _ = raw.ReadFrom(resp.Body)
	if resp.StatusCode != want {
		s.t.Fatalf("%s %s = %d, want %d: %s", method, path, resp.StatusCode, want, raw.String())
	}
	if err := json.Unmarshal(raw.Bytes(), out); err != nil {
		s.t.Fatalf("%s %s: %v: %s", method, path, err, raw.String())
	}
}

// ask requests persistent access to the identity's email and returns the id.
func (s *apiService) ask(id common.Address) string {
	s.t.Helper()
	var out struct{ ID, State string }
	s.call("POST", "/identities/"+id.Hex()+"/profile/access-requests",
		map[string]any{"kind": "persistent", "fields": []string{"email"}, "purpose": "Open an account"}, http.StatusCreated, &out)
	if out.ID == "" || out.State != "requested" {
		s.t.Fatalf("access request answered %+v", out)
	}
	return out.ID
}

// state is the grant's state as the service sees it.
func (s *apiService) state(id string) string {
	s.t.Helper()
	var out struct{ State string }
	s.call("GET", "/access-grants/"+id, nil, http.StatusOK, &out)
	return out.State
}
