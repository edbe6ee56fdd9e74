package main

import (
	"bytes"
	"context"
	"io"
	"math/big"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"
	"golang.org/x/oauth2"
)

var pdfBytes = append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte("y"), 300)...)

// get fetches a page and returns its status and body.
func (o *owner) get(path string) (int, string) {
	o.t.Helper()
	resp, err := o.http.Get(o.issuer + path)
	if err != nil {
		o.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// applyForm posts the KYC application form, with the files given.
func (o *owner) applyForm(fields map[string]string, files map[string][]byte) (int, string) {
	o.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField("topic", "1")
	for k, v := range fields {
		_ = mw.WriteField("field."+k, v)
	}
	for name, data := range files {
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", `form-data; name="doc.`+name+`"; filename="`+name+`.pdf"`)
		h.Set("Content-Type", "application/pdf")
		w, _ := mw.CreatePart(h)
		_, _ = w.Write(data)
	}
	mw.Close()
	resp, err := o.http.Post(o.issuer+"/account/claims/apply", mw.FormDataContentType(), &body)
	if err != nil {
		o.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b) + resp.Header.Get("Location")
}

// accountLogin signs in to the dashboard (a first login onboards the wallet).
func (o *owner) accountLogin(request string) {
	o.t.Helper()
	code, ch := o.postJSON("/login/challenge", map[string]string{"request": request, "address": o.address()})
	if code != http.StatusOK {
		o.t.Fatalf("login challenge: %d %v", code, ch)
	}
	code, out := o.postJSON("/login", map[string]string{"request": request, "message": ch["message"], "signature": o.sign(ch["message"])})
	if code != http.StatusOK || out["redirect"] != "/account" {
		o.t.Fatalf("login: %d %v", code, out)
	}
}

// reviewerSignIn signs o in to the issuer console.
func (o *owner) reviewerSignIn() (int, map[string]string) {
	code, ch := o.postJSON("/auth/challenges", map[string]string{"wallet": o.address()})
	if code != http.StatusCreated {
		o.t.Fatalf("challenge: %d %v", code, ch)
	}
	return o.postJSON("/issuer/session", map[string]string{"message": ch["challenge"], "signature": o.sign(ch["challenge"])})
}

var applicationLink = regexp.MustCompile(`/issuer/applications/([0-9a-f]{32})"`)

// TestApplyReviewAndConsent walks the dashboard and the console: the owner
// applies for KYC with the form (a form missing a document is refused and
// stores nothing), a stranger's wallet cannot enter the console, the
// reviewer opens the application with its documents and approves it
// (a second decision is a conflict), and the Claims page shows the claim.
// A site that asks for a claim the owner does not hold yet gets it ticked,
// "not held yet", and its persistent grant shows the claim once issued.
func TestApplyReviewAndConsent(t *testing.T) {
	issuer, dataDir := devServer(t)
	o := newOwner(t, issuer)
	o.accountLogin("acct-apply-review-0001")

	if code, page := o.get("/account/claims"); code != http.StatusOK || !strings.Contains(page, `/account/claims/apply?topic=1"`) {
		t.Fatalf("claims page: %d", code)
	}
	if code, page := o.get("/account/claims/apply?topic=1"); code != http.StatusOK || !strings.Contains(page, `name="field.full_name"`) || !strings.Contains(page, `name="doc.id_document"`) {
		t.Fatalf("apply form: %d", code)
	}
	fields := map[string]string{"full_name": "Ada Lovelace", "date_of_birth": "1815-12-10", "nationality": "GB"}
	code, page := o.applyForm(fields, map[string][]byte{"id_document": pdfBytes})
	if code != http.StatusBadRequest || !strings.Contains(page, "proof_of_address is required") || !strings.Contains(page, `value="Ada Lovelace"`) {
		t.Fatalf("incomplete application: %d", code)
	}
	if _, page := o.get("/account/claims"); strings.Contains(page, `data-application=`) {
		t.Fatal("a refused application was stored")
	}
	code, loc := o.applyForm(fields, map[string][]byte{"id_document": pdfBytes, "proof_of_address": pdfBytes})
	if code != http.StatusSeeOther || !strings.HasSuffix(loc, "/account/claims?done=applied") {
		t.Fatalf("application: %d %s", code, loc)
	}
	if _, page := o.get("/account/claims"); !strings.Contains(page, "state-pending") {
		t.Fatal("the pending application is not listed")
	}

	stranger := newOwner(t, issuer)
	if code, out := stranger.reviewerSignIn(); code != http.StatusForbidden || out["error"] != "not_reviewer" {
		t.Fatalf("stranger in the console: %d %v", code, out)
	}
	if code, page := stranger.get("/issuer"); code != http.StatusOK || !strings.Contains(page, `id="connect"`) || strings.Contains(page, "data-application") {
		t.Fatalf("console without a session: %d", code)
	}
	reviewers := [2]*owner{}
	for i := range reviewers {
		key, err := crypto.LoadECDSA(dataPath(dataDir, "dev-issuer.key"))
		if err != nil {
			t.Fatal(err)
		}
		reviewers[i] = newOwner(t, issuer)
		reviewers[i].key = key
		if code, out := reviewers[i].reviewerSignIn(); code != http.StatusOK || out["redirect"] != "/issuer" {
			t.Fatalf("reviewer sign-in: %d %v", code, out)
		}
	}
	r := reviewers[0]
	_, queue := r.get("/issuer")
	m := applicationLink.FindStringSubmatch(queue)
	if m == nil {
		t.Fatal("the queue does not list the application")
	}
	app := m[1]
	if code, page := r.get("/issuer/applications/" + app); code != http.StatusOK || !strings.Contains(page, "Ada Lovelace") || !strings.Contains(page, "/documents/1") {
		t.Fatalf("application page: %d", code)
	}
	resp, err := r.http.Get(issuer + "/issuer/applications/" + app + "/documents/0")
	if err != nil {
		t.Fatal(err)
	}
	doc, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !bytes.Equal(doc, pdfBytes) || !strings.HasPrefix(resp.Header.Get("Content-Disposition"), "attachment") || !strings.Contains(resp.Header.Get("Content-Security-Policy"), "sandbox") {
		t.Fatalf("document: %d %v", resp.StatusCode, resp.Header)
	}
	decide := func(o *owner, decision string) int {
		resp, err := o.http.PostForm(issuer+"/issuer/applications/"+app+"/decision", url.Values{"decision": {decision}, "reason": {"checked"}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := decide(r, "approve"); code != http.StatusSeeOther {
		t.Fatalf("approve: %d", code)
	}
	if code := decide(reviewers[1], "reject"); code != http.StatusConflict {
		t.Fatalf("second decision: %d", code)
	}
	if _, page := o.get("/account/claims"); !strings.Contains(page, "state-valid") || !strings.Contains(page, "state-approved") {
		t.Fatal("the Claims page does not show the issued claim")
	}

	// A site asks for AML (topic 2), which the owner does not hold yet.
	const redirect = "http://127.0.0.1:9/callback"
	client, _ := registerClient(t, dataDir, redirect, true)
	conf, _ := oidcClient(t, issuer, client, "", redirect, oidc.ScopeOpenID, "claim:1", "claim:2", oidc.ScopeOfflineAccess)
	pkce := oauth2.GenerateVerifier()
	req := o.authorize(conf.AuthCodeURL("state-apply", oidc.Nonce("nonce-apply"), oauth2.S256ChallengeOption(pkce)))
	if code, _ := o.get("/login?request=" + req); code != http.StatusSeeOther {
		o.login(req)
	}
	code, consentPage := o.get("/consent?request=" + req)
	if !strings.Contains(consentPage, "AML claim (topic 2): not held yet") || !strings.Contains(consentPage, `/account/claims/apply?topic=2"`) {
		t.Fatalf("the consent page does not offer the claim not held yet: %d", code)
	}
	back := o.allow(req, "claim:1", "claim:2")
	tok, err := conf.Exchange(context.Background(), back.Query().Get("code"), oauth2.VerifierOption(pkce))
	if err != nil {
		t.Fatal(err)
	}
	if scope, _ := tok.Extra("scope").(string); !strings.Contains(scope, "claim:2") || !strings.Contains(scope, "claim:1") {
		t.Fatalf("token scope %q", scope)
	}
	topics := func() map[float64]string {
		_, info := userinfo(t, issuer, tok.AccessToken)
		out := map[float64]string{}
		list, _ := info["onchainid_claims"].([]any)
		for _, c := range list {
			m, _ := c.(map[string]any)
			topic, _ := m["topic"].(float64)
			state, _ := m["state"].(string)
			out[topic] = state
		}
		return out
	}
	if got := topics(); got[1] != "valid" || got[2] != "" {
		t.Fatalf("before AML is issued: %v", got)
	}
	rc := &rpcCaller{t: t, issuer: issuer, auth: walletToken(t, issuer, r.key)}
	var identity struct{ Identity string }
	rc.must("id_getIdentity", map[string]string{"wallet": o.address()}, &identity)
	rc.must("id_issueClaim", map[string]any{"identity": identity.Identity, "topic": 2}, nil)
	if got := topics(); got[2] != "valid" {
		t.Fatalf("after AML is issued: %v", got)
	}
}

// TestDevWalletReviews: in dev mode an account of the built-in development
// wallet becomes a reviewer of the demo issuer, so one person can apply,
// approve and use a claim alone.
func TestDevWalletReviews(t *testing.T) {
	issuer, _ := devServer(t)
	o := newOwner(t, issuer)
	code, acct := o.postJSON("/dev/wallet/accounts", map[string]string{})
	if code != http.StatusCreated || acct["address"] == "" {
		t.Fatalf("dev wallet account: %d %v", code, acct)
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		code, ch := o.postJSON("/auth/challenges", map[string]string{"wallet": acct["address"]})
		if code != http.StatusCreated {
			t.Fatalf("challenge: %d %v", code, ch)
		}
		code, sig := o.postJSON("/dev/wallet/sign", map[string]string{"address": acct["address"], "message": ch["challenge"]})
		if code != http.StatusOK {
			t.Fatalf("dev wallet sign: %d %v", code, sig)
		}
		code, out := o.postJSON("/issuer/session", map[string]string{"message": ch["challenge"], "signature": sig["signature"]})
		if code == http.StatusOK {
			break
		}
		if code != http.StatusForbidden || time.Now().After(deadline) {
			t.Fatalf("the dev wallet's account in the console: %d %v", code, out)
		}
		time.Sleep(200 * time.Millisecond)
	}
	if code, page := o.get("/issuer"); code != http.StatusOK || !strings.Contains(page, "Review queue") {
		t.Fatalf("queue: %d", code)
	}
}

// TestDevFaucet: in dev mode any wallet can get gas, once it needs it.
func TestDevFaucet(t *testing.T) {
	issuer, dataDir := devServer(t)
	info, err := readDevChainInfo(dataDir)
	if err != nil {
		t.Fatal(err)
	}
	client, err := ethclient.Dial(info.RPC)
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	key, _ := crypto.GenerateKey()
	wallet := crypto.PubkeyToAddress(key.PublicKey)
	o := newOwner(t, issuer)
	for range 2 { // a second call finds the wallet funded and sends nothing
		if code, out := o.postJSON("/dev/faucet", map[string]string{"wallet": strings.ToLower(wallet.Hex())}); code != http.StatusOK || out["wallet"] != wallet.Hex() {
			t.Fatalf("faucet: %d %v", code, out)
		}
	}
	bal, err := client.BalanceAt(context.Background(), wallet, nil)
	if err != nil || bal.Cmp(big.NewInt(1e18)) != 0 {
		t.Fatalf("balance %v, %v", bal, err)
	}
}
