package oauthpages_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"

	"github.com/idconnect/idconnect/templates"
	"github.com/idconnect/idconnect/web"
	"github.com/idconnect/idconnect/web/dev"
	"github.com/idconnect/idconnect/web/httperr"
)

// flowServer answers the login and consent protocol the pages speak, as the real
// handlers will: it issues a message per address, checks that the signature over
// it recovers to that address, and redirects. It runs behind the real middleware
// stack (CSP with nonces, cross-origin protection), so the browser tests also prove
// the pages work under it.
type flowServer struct {
	t      *testing.T
	srv    *httptest.Server
	client *httptest.Server // the relying party, on another origin
	wallet *dev.DevWallet
	static *web.Static

	login   templates.LoginView
	consent templates.ConsentView
	// noIdentity lists wallets (lower case) that get the no_identity answer.
	noIdentity map[string]bool

	mu         sync.Mutex
	issued     map[string]common.Address // message → the address it was issued to
	challenges int
	signedIn   []common.Address
	consented  [][]string
}

func newFlowServer(t *testing.T, devWallet bool) *flowServer {
	t.Helper()
	w, err := dev.NewDevWallet(filepath.Join(t.TempDir(), "devwallet.json"), 1337, nil)
	if err != nil {
		t.Fatal(err)
	}
	st, err := web.NewStatic(nil)
	if err != nil {
		t.Fatal(err)
	}
	f := &flowServer{t: t, wallet: w, static: st, noIdentity: map[string]bool{}, issued: map[string]common.Address{}}
	f.client = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><title>client</title><p id="cb">%s</p>`, r.URL.Query().Encode())
	}))
	t.Cleanup(f.client.Close)

	mux := http.NewServeMux()
	st.Mount(mux)
	w.Mount(mux)
	mux.HandleFunc("GET /login", func(w http.ResponseWriter, r *http.Request) { st.Render(w, r, 200, templates.LoginPage(f.login)) })
	mux.HandleFunc("GET /consent", func(w http.ResponseWriter, r *http.Request) { st.Render(w, r, 200, templates.ConsentPage(f.consent)) })
	mux.HandleFunc("GET /done", func(w http.ResponseWriter, r *http.Request) {
		st.Render(w, r, 200, templates.ErrorPage(templates.ErrorView{Title: "Signed in", Message: "done"}))
	})
	mux.HandleFunc("GET /no-identity", func(w http.ResponseWriter, r *http.Request) {
		st.Render(w, r, 200, templates.NoIdentityPage(templates.NoIdentityView{Wallet: "?"}))
	})
	mux.HandleFunc("POST /login/challenge", f.loginChallenge)
	mux.HandleFunc("POST /login", f.loginPost)
	mux.HandleFunc("POST /consent/challenge", f.consentChallenge)
	mux.HandleFunc("POST /consent", f.consentPost)
	f.srv = httptest.NewServer(web.Stack{Issuer: "http://127.0.0.1"}.Handler(mux))
	t.Cleanup(f.srv.Close)

	f.login = templates.LoginView{RequestID: "req-1", ClientName: "Example Shop", ClientURI: f.client.URL,
		Issuer: f.srv.URL, ChainID: 1337, ChainName: "Development chain", DevWallet: devWallet}
	f.consent = templates.ConsentView{RequestID: "req-1", ClientName: "Example Shop", ClientURI: f.client.URL,
		Identity: "0x1111111111111111111111111111111111111111", GrantKindText: "one-time access", ChainID: 1337, DevWallet: devWallet,
		Items: []templates.ConsentItem{
			{Scope: "profile", Text: "Your name", Available: true},
			{Scope: "email", Text: "Your email address", Optional: true, Checked: true, Available: true},
			{Scope: "phone", Text: "Your phone number", Optional: true, Checked: true, Available: true},
			{Scope: "claim:1", Text: "You hold no valid KYC claim", Optional: true, Available: false},
		}}
	return f
}

func (f *flowServer) decode(w http.ResponseWriter, r *http.Request, v any) bool {
	if err := json.NewDecoder(r.Body).Decode(v); err != nil {
		httperr.JSON(w, r, 400, "bad_request", "bad JSON")
		return false
	}
	return true
}

func (f *flowServer) issue(to common.Address, text string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.challenges++
	msg := fmt.Sprintf("%s\nNonce: %d", text, f.challenges)
	f.issued[msg] = to
	return msg
}

// verify returns the address a message was issued to when sig is its signature.
func (f *flowServer) verify(msg, sig string) (common.Address, bool) {
	f.mu.Lock()
	to, ok := f.issued[msg]
	delete(f.issued, msg)
	f.mu.Unlock()
	raw, err := hexutil.Decode(sig)
	return to, ok && err == nil && recoverSigner(f.t, []byte(msg), raw) == to
}

func (f *flowServer) loginChallenge(w http.ResponseWriter, r *http.Request) {
	var req struct{ Request, Address string }
	if !f.decode(w, r, &req) {
		return
	}
	if req.Request != f.login.RequestID || !common.IsHexAddress(req.Address) {
		httperr.JSON(w, r, 400, "bad_request", "unknown request")
		return
	}
	if f.noIdentity[strings.ToLower(req.Address)] {
		web.WriteJSON(w, 403, map[string]string{"error": "no_identity", "message": "This wallet has no identity.", "redirect": "/no-identity"})
		return
	}
	addr := common.HexToAddress(req.Address)
	msg := f.issue(addr, strings.TrimPrefix(f.srv.URL, "http://")+" wants you to sign in with your Ethereum account:\n"+addr.Hex()+"\n\nRequest ID: "+req.Request)
	web.WriteJSON(w, 200, map[string]string{"message": msg})
}

func (f *flowServer) loginPost(w http.ResponseWriter, r *http.Request) {
	var req struct{ Request, Message, Signature string }
	if !f.decode(w, r, &req) {
		return
	}
	addr, ok := f.verify(req.Message, req.Signature)
	if !ok {
		httperr.JSON(w, r, 401, "bad_signature", "The signature does not match the message.")
		return
	}
	f.mu.Lock()
	f.signedIn = append(f.signedIn, addr)
	f.mu.Unlock()
	web.WriteJSON(w, 200, map[string]string{"redirect": "/done"})
}

func (f *flowServer) consentChallenge(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Request string
		Scopes  []string
	}
	if !f.decode(w, r, &req) {
		return
	}
	msg := f.issue(common.HexToAddress(f.consent.Wallet), "I allow "+f.client.URL+" to read: "+strings.Join(req.Scopes, " "))
	web.WriteJSON(w, 200, map[string]string{"message": msg})
}

func (f *flowServer) consentPost(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
		if r.PostFormValue("decision") != "deny" || r.PostFormValue("request") != f.consent.RequestID {
			http.Error(w, "bad form", 400)
			return
		}
		http.Redirect(w, r, f.client.URL+"/cb?error=access_denied", http.StatusSeeOther)
		return
	}
	var req struct {
		Request, Message, Signature, Decision string
		Scopes                                []string
	}
	if !f.decode(w, r, &req) {
		return
	}
	if _, ok := f.verify(req.Message, req.Signature); !ok || req.Decision != "allow" || !strings.HasSuffix(strings.SplitN(req.Message, "\n", 2)[0], strings.Join(req.Scopes, " ")) {
		httperr.JSON(w, r, 401, "bad_signature", "The consent signature does not match.")
		return
	}
	f.mu.Lock()
	f.consented = append(f.consented, req.Scopes)
	f.mu.Unlock()
	web.WriteJSON(w, 200, map[string]string{"redirect": f.client.URL + "/cb?code=abc"})
}

func (f *flowServer) results() (int, []common.Address, [][]string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.challenges, append([]common.Address(nil), f.signedIn...), append([][]string(nil), f.consented...)
}
