package main

import (
	"context"
	"fmt"
	"log/slog"
	"math/big"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/ethclient"
	"golang.org/x/oauth2"

	"github.com/idconnect/idconnect/contracts"
	"github.com/idconnect/idconnect/internal/simchain"
	"github.com/idconnect/idconnect/store"
	"github.com/idconnect/idconnect/store/sqlite"
)

// screeningEnv is a dev server screening against list files the test
// rewrites, an owner whose identity holds an AML claim, and a relying
// party reading it through a live persistent grant.
type screeningEnv struct {
	t               *testing.T
	issuer, dataDir string
	owner, reviewer *owner
	identity        string
	list            string // the list file the server screens against
	token           string // the relying party's access token
	db              store.Store
}

const (
	cleanCSV = "address,name,id\n0x1111111111111111111111111111111111111111,Unrelated Holder,CSV-1\n"
	adaFtM   = `{"id":"ftm-ada","schema":"Person","properties":{"name":["Ada Lovelace"],"birthDate":["1815-12-10"],"nationality":["gb"]},"datasets":["test"]}` + "\n"
	otherFtM = `{"id":"ftm-other","schema":"Person","properties":{"name":["Grace Hopper"],"birthDate":["1906-12-09"],"nationality":["us"],"topics":["sanction"]},"datasets":["test"]}` + "\n"
)

func newScreeningEnv(t *testing.T, listName, content string, renewBefore time.Duration) *screeningEnv {
	t.Helper()
	e := &screeningEnv{t: t, list: filepath.Join(t.TempDir(), listName)}
	e.write(content)
	e.issuer, e.dataDir = devServerWith(t, screeningLog(t), func(c *serveConfig) {
		c.Screening = screeningConfig{Lists: []string{e.list}, Reload: time.Second, RenewBefore: renewBefore}
	})
	db, err := sqlite.Open(t.Context(), dataPath(e.dataDir, "idconnect.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	e.db = db
	key, err := readKeyFile(dataPath(e.dataDir, "dev-issuer.key"))
	if err != nil {
		t.Fatal(err)
	}
	e.reviewer = newOwner(t, e.issuer)
	e.reviewer.key = key
	if code, out := e.reviewer.reviewerSignIn(); code != http.StatusOK {
		t.Fatalf("reviewer sign-in: %d %v", code, out)
	}
	e.owner = newOwner(t, e.issuer)
	e.owner.accountLogin("acct-screening-0001")
	e.identity = identityOfSession(t, e.owner).Hex()

	// The owner applies for AML; the server's loop sees the application at
	// its next tick, and the clean run approves it and adds the claim.
	ownerRPC := &rpcCaller{t: t, issuer: e.issuer, auth: walletToken(t, e.issuer, e.owner.key)}
	var app struct{ ApplicationID string }
	ownerRPC.must("id_submitKycApplication", map[string]any{"identity": e.identity, "topic": 2,
		"fields": map[string]string{"full_name": "Ada Lovelace", "date_of_birth": "1815-12-10", "nationality": "GB"}}, &app)
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		var got struct{ State string }
		ownerRPC.must("id_getKycApplication", map[string]string{"applicationId": app.ApplicationID}, &got)
		if got.State == "approved" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the application is still %s: screening did not pick it up", got.State)
		}
	}
	if run := e.finished(); run.Trigger != store.TriggerApplication || run.Approved != 1 {
		t.Fatalf("the run that approved: %+v", run)
	}
	e.wantState("approved by a clean run", 2, "valid")

	// A relying party holds a persistent grant on the AML claim.
	const redirect = "http://127.0.0.1:9/callback"
	client, _ := registerClient(t, e.dataDir, redirect, true)
	conf, _ := oidcClient(t, e.issuer, client, "", redirect, oidc.ScopeOpenID, "claim:2", oidc.ScopeOfflineAccess)
	pkce := oauth2.GenerateVerifier()
	req := e.owner.authorize(conf.AuthCodeURL("state-screening", oidc.Nonce("nonce-screening"), oauth2.S256ChallengeOption(pkce)))
	if code, _ := e.owner.get("/login?request=" + req); code != http.StatusSeeOther {
		e.owner.login(req)
	}
	back := e.owner.allow(req, "claim:2")
	tok, err := conf.Exchange(context.Background(), back.Query().Get("code"), oauth2.VerifierOption(pkce))
	if err != nil {
		t.Fatal(err)
	}
	e.token = tok.AccessToken
	if s := e.read(); s != "valid" {
		t.Fatalf("the relying party reads the AML claim as %q", s)
	}
	return e
}

// screeningLog shows the server's warnings and errors in the test's log.
func screeningLog(t *testing.T) *slog.Logger {
	return slog.New(slog.NewTextHandler(tWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
}

type tWriter struct{ t *testing.T }

func (w tWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

// write replaces the list file with a new version; the file's time moves
// on, so the server sees the change at its next reload.
func (e *screeningEnv) write(content string) {
	e.t.Helper()
	tmp := e.list + ".tmp"
	if err := os.WriteFile(tmp, []byte(content), 0o600); err != nil {
		e.t.Fatal(err)
	}
	future := time.Now().Add(time.Duration(len(content)) * time.Millisecond)
	if err := os.Chtimes(tmp, future, future); err != nil {
		e.t.Fatal(err)
	}
	if err := os.Rename(tmp, e.list); err != nil {
		e.t.Fatal(err)
	}
}

// runNow has the reviewer run screening from the console; a run the
// server's own loop holds is waited for.
func (e *screeningEnv) runNow() {
	e.t.Helper()
	deadline := time.Now().Add(time.Minute)
	for {
		resp, err := e.reviewer.http.PostForm(e.issuer+"/issuer/screening/run", url.Values{})
		if err != nil {
			e.t.Fatal(err)
		}
		resp.Body.Close()
		loc := resp.Header.Get("Location")
		if resp.StatusCode == http.StatusSeeOther && strings.HasSuffix(loc, "done=ran") {
			return
		}
		if time.Now().After(deadline) {
			e.t.Fatalf("screening did not run: %d %s", resp.StatusCode, loc)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// runs returns the issuer's screening runs, newest first.
func (e *screeningEnv) runs() []store.ScreeningRun {
	e.t.Helper()
	info, err := readDevChainInfo(e.dataDir)
	if err != nil {
		e.t.Fatal(err)
	}
	runs, err := e.db.ScreeningRuns(e.t.Context(), info.Issuer.Issuer, 100)
	if err != nil {
		e.t.Fatal(err)
	}
	return runs
}

// finished waits for the newest run to finish and returns it.
func (e *screeningEnv) finished() store.ScreeningRun {
	e.t.Helper()
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(50 * time.Millisecond) {
		if runs := e.runs(); len(runs) > 0 && !runs[0].FinishedAt.IsZero() {
			return runs[0]
		}
		if time.Now().After(deadline) {
			e.t.Fatal("the screening run never finished")
		}
	}
}

// waitRun waits for a run, after the given number of runs, that screened
// against a new list version.
func (e *screeningEnv) waitRun(after int, lists string) store.ScreeningRun {
	e.t.Helper()
	deadline := time.Now().Add(time.Minute)
	for {
		runs := e.runs()
		if len(runs) > after && !runs[0].FinishedAt.IsZero() && runs[0].Lists != lists {
			return runs[0]
		}
		if time.Now().After(deadline) {
			e.t.Fatalf("no run on the new list version: %+v", runs)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func (e *screeningEnv) wantState(step string, topic uint64, want string) {
	e.t.Helper()
	rc := &rpcCaller{t: e.t, issuer: e.issuer, auth: walletToken(e.t, e.issuer, e.owner.key)}
	var got struct{ Claims []struct{ State string } }
	rc.must("id_getClaim", map[string]any{"identity": e.identity, "topic": topic}, &got)
	if len(got.Claims) != 1 || got.Claims[0].State != want {
		e.t.Fatalf("%s: id_getClaim %+v, want %s", step, got, want)
	}
}

// read is the relying party's read of the AML claim through its grant.
func (e *screeningEnv) read() string {
	e.t.Helper()
	code, info := userinfo(e.t, e.issuer, e.token)
	if code != http.StatusOK {
		e.t.Fatalf("userinfo: %d %v", code, info)
	}
	return claimState(info, 2)
}

// TestScreeningAddressHit: an address added to a list in a new version
// revokes, within the one run the new version triggers, the AML claim a
// live persistent grant is reading; the grant's next read shows it
// revoked, the hit cannot be cleared, and the issuer's reviewers see it.
func TestScreeningAddressHit(t *testing.T) {
	e := newScreeningEnv(t, "addresses.csv", cleanCSV, 0)
	before := e.runs()
	e.write(cleanCSV + strings.ToLower(e.owner.address()) + ",,CSV-2\n")
	run := e.waitRun(len(before), before[0].Lists)
	if run.Trigger != store.TriggerLists || run.Hits != 1 || run.Revoked != 1 {
		t.Fatalf("the run on the new version: %+v", run)
	}
	if s := e.read(); s != "revoked" {
		t.Fatalf("the grant's next read shows the claim as %q, want revoked", s)
	}
	e.wantState("address hit", 2, "revoked")

	hits, _, err := e.db.ListScreeningHits(t.Context(), store.HitQuery{State: store.HitOpen})
	if err != nil || len(hits) != 1 || hits[0].Kind != store.HitAddress || hits[0].EntityID != "CSV-2" {
		t.Fatalf("hits %+v, %v", hits, err)
	}
	_, page := e.reviewer.get("/issuer")
	if !strings.Contains(page, `id="open-hits"`) {
		t.Fatal("the review queue does not announce the open hit")
	}
	_, page = e.reviewer.get("/issuer/screening/hits/" + hits[0].ID)
	if !strings.Contains(page, "CSV-2") || strings.Contains(page, `id="clear"`) {
		t.Fatalf("hit page: %s", between(page, `<dl class="who" id="hit">`, "</form>"))
	}
	resp, err := e.reviewer.http.PostForm(e.issuer+"/issuer/screening/hits/"+hits[0].ID+"/decision",
		url.Values{"decision": {"clear"}, "reason": {"it is someone else's"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusConflict {
		t.Fatalf("clearing an address hit: %d, want 409", resp.StatusCode)
	}
	// The owner's Claims page says nothing of the list.
	_, claims := e.owner.get("/account/claims")
	for _, secret := range []string{"CSV-2", "addresses.csv", "screening hit"} {
		if strings.Contains(claims, secret) {
			t.Fatalf("the owner's Claims page shows %q", secret)
		}
	}
}

var hitLink = regexp.MustCompile(`/issuer/screening/hits/([0-9a-f]{32})"`)

// TestScreeningNameHitCleared: a name added to a list revokes the claim;
// a reviewer clears the hit as a false positive, the claim is issued
// again, and the next runs remember the clearance for that entry.
func TestScreeningNameHitCleared(t *testing.T) {
	e := newScreeningEnv(t, "people.ftm.json", otherFtM, 0)
	before := e.runs()
	e.write(otherFtM + adaFtM)
	run := e.waitRun(len(before), before[0].Lists)
	if run.Hits != 1 || run.Revoked != 1 {
		t.Fatalf("the run on the new version: %+v", run)
	}
	e.wantState("name hit", 2, "revoked")
	if s := e.read(); s != "revoked" {
		t.Fatalf("the grant reads %q after the name hit", s)
	}
	// While the hit stands, no one brings the claim back by hand.
	reviewerRPC := &rpcCaller{t: t, issuer: e.issuer, auth: walletToken(t, e.issuer, e.reviewer.key)}
	reviewerRPC.wantCode("id_issueClaim", map[string]any{"identity": e.identity, "topic": 2}, -32009, "screening hit holds")
	_, page := e.reviewer.get("/issuer/screening?state=open")
	m := hitLink.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no open hit on the screening page: %s", page)
	}
	_, detail := e.reviewer.get("/issuer/screening/hits/" + m[1])
	if !strings.Contains(detail, "ftm-ada") || !strings.Contains(detail, `id="clear"`) {
		t.Fatalf("hit page: %s", detail)
	}
	resp, err := e.reviewer.http.PostForm(e.issuer+"/issuer/screening/hits/"+m[1]+"/decision",
		url.Values{"decision": {"clear"}, "reason": {"the listed Ada Lovelace died in 1852"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("clear: %d", resp.StatusCode)
	}
	e.wantState("cleared", 2, "valid")
	if s := e.read(); s != "valid" {
		t.Fatalf("the grant reads %q after the clearance", s)
	}
	// The clearance holds for this version of the entry.
	e.runNow()
	e.wantState("after the next run", 2, "valid")
	if run := e.finished(); run.Hits != 0 || run.Revoked != 0 {
		t.Fatalf("the run after the clearance: %+v", run)
	}
}

// TestScreeningCleanRenewal: a clean identity's claim is renewed before it
// lapses, and no grant read fails across the renewal.
func TestScreeningCleanRenewal(t *testing.T) {
	// Renewing 60 days ahead of a 30-day claim renews it at every run.
	e := newScreeningEnv(t, "addresses.csv", cleanCSV, 60*24*time.Hour)
	rc := &rpcCaller{t: t, issuer: e.issuer, auth: walletToken(t, e.issuer, e.owner.key)}
	validUntil := func() int64 {
		var got struct{ Claims []struct{ ValidUntil int64 } }
		rc.must("id_getClaim", map[string]any{"identity": e.identity, "topic": 2}, &got)
		return got.Claims[0].ValidUntil
	}
	first := validUntil()
	time.Sleep(1100 * time.Millisecond) // a later validUntil, in seconds
	var reads, bad atomic.Int64
	var last atomic.Value
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				code, info := userinfo(t, e.issuer, e.token)
				reads.Add(1)
				if s := claimState(info, 2); code != http.StatusOK || s != "valid" {
					bad.Add(1)
					last.Store(fmt.Sprintf("%d %v", code, info))
				}
			}
		}()
	}
	e.runNow()
	time.Sleep(300 * time.Millisecond)
	close(stop)
	wg.Wait()
	if bad.Load() != 0 {
		t.Fatalf("%d of %d reads failed across the renewal, e.g. %v", bad.Load(), reads.Load(), last.Load())
	}
	if got := validUntil(); got <= first {
		t.Fatalf("validUntil %d → %d: not renewed", first, got)
	}
	if runs := e.runs(); runs[0].Renewed != 1 {
		t.Fatalf("run %+v, want one renewal", runs[0])
	}
	_, page := e.owner.get("/account/claims")
	if !strings.Contains(between(page, `data-topic="2"`, "</tr>"), "Screening active") {
		t.Fatal("the owner's Claims page does not say screening keeps the AML claim")
	}
	t.Logf("%d grant reads across the renewal, none failed", reads.Load())
}

// TestScreeningOracle: a wallet the dev chain's sanctions oracle names is
// a hit like a listed address.
func TestScreeningOracle(t *testing.T) {
	e := newScreeningEnv(t, "addresses.csv", cleanCSV, 0)
	info, err := readDevChainInfo(e.dataDir)
	if err != nil {
		t.Fatal(err)
	}
	client, err := ethclient.Dial(info.RPC)
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	deployer, err := readKeyFile(dataPath(e.dataDir, "dev-deployer.key"))
	if err != nil {
		t.Fatal(err)
	}
	owner := &contracts.Sender{Backend: client, Opts: bind.NewKeyedTransactor(deployer, new(big.Int).SetUint64(simchain.ChainID))}
	if _, err := contracts.SanctionAddresses(t.Context(), owner, info.SanctionsOracle, []common.Address{common.HexToAddress(e.owner.address())}); err != nil {
		t.Fatal(err)
	}
	e.runNow()
	e.wantState("oracle hit", 2, "revoked")
	if runs := e.runs(); runs[0].Hits != 1 || runs[0].Revoked != 1 {
		t.Fatalf("run %+v", runs[0])
	}
	hits, _, err := e.db.ListScreeningHits(t.Context(), store.HitQuery{State: store.HitOpen})
	if err != nil || len(hits) != 1 || hits[0].Kind != store.HitOracle {
		t.Fatalf("hits %+v, %v", hits, err)
	}
}

// TestScreeningIncomplete: while one of the lists it was given has never
// loaded, screening calls no one clean (an application waits), yet still
// acts on what the loaded lists name (the listed owner's application is
// rejected, with no word of the list).
func TestScreeningIncomplete(t *testing.T) {
	good := filepath.Join(t.TempDir(), "addresses.csv")
	if err := os.WriteFile(good, []byte(cleanCSV), 0o600); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(t.TempDir(), "not-there.xml")
	issuerURL, dataDir := devServerWith(t, screeningLog(t), func(c *serveConfig) {
		c.Screening = screeningConfig{Lists: []string{good, missing}, Reload: time.Second}
	})
	key, err := readKeyFile(dataPath(dataDir, "dev-issuer.key"))
	if err != nil {
		t.Fatal(err)
	}
	reviewer := newOwner(t, issuerURL)
	reviewer.key = key
	if code, out := reviewer.reviewerSignIn(); code != http.StatusOK {
		t.Fatalf("reviewer sign-in: %d %v", code, out)
	}
	o := newOwner(t, issuerURL)
	o.accountLogin("acct-screening-incomplete")
	id := identityOfSession(t, o).Hex()
	rc := &rpcCaller{t: t, issuer: issuerURL, auth: walletToken(t, issuerURL, o.key)}
	apply := func() string {
		var app struct{ ApplicationID string }
		rc.must("id_submitKycApplication", map[string]any{"identity": id, "topic": 2,
			"fields": map[string]string{"full_name": "Ada Lovelace", "date_of_birth": "1815-12-10", "nationality": "GB"}}, &app)
		return app.ApplicationID
	}
	state := func(app string) (string, string) {
		var got struct{ State, Reason string }
		rc.must("id_getKycApplication", map[string]string{"applicationId": app}, &got)
		return got.State, got.Reason
	}
	e := &screeningEnv{t: t, issuer: issuerURL, dataDir: dataDir, reviewer: reviewer}
	app := apply()
	e.runNow()
	if s, _ := state(app); s != "pending" {
		t.Fatalf("an incomplete screening decided the application: %s", s)
	}
	db, err := sqlite.Open(t.Context(), dataPath(dataDir, "idconnect.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	e.db = db
	if run := e.finished(); !strings.Contains(run.Error, "incomplete") || !strings.Contains(run.Error, "not-there.xml") || run.Approved != 0 {
		t.Fatalf("run %+v", run)
	}
	// The loaded list names the owner's wallet: the application is rejected.
	if err := os.WriteFile(good, []byte(cleanCSV+o.address()+",,CSV-9\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(200 * time.Millisecond) {
		s, reason := state(app)
		if s == "rejected" {
			if strings.Contains(reason, "CSV-9") || strings.Contains(reason, "addresses.csv") {
				t.Fatalf("the owner reads %q", reason)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the listed owner's application is still %s", s)
		}
	}
}
