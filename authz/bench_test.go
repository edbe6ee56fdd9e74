package authz

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/idconnect/idconnect/store"
)

type mintedCode struct{ code, verifier string }

// mintCodes runs n authorizations in-process, through /oauth2/auth and
// Approve, and returns their codes.
func (f *fixture) mintCodes(tb testing.TB, mux http.Handler, clientID string, scopes []string, n int) []mintedCode {
	tb.Helper()
	ctx := context.Background()
	out := make([]mintedCode, 0, n)
	for range n {
		verifier := oauth2.GenerateVerifier()
		q := url.Values{"client_id": {clientID}, "response_type": {"code"}, "scope": {strings.Join(scopes, " ")},
			"redirect_uri": {f.redirectURI()}, "state": {"bench-state-1"}, "nonce": {"bench-nonce-1"},
			"code_challenge": {oauth2.S256ChallengeFromVerifier(verifier)}, "code_challenge_method": {"S256"}}
		w := httptest.NewRecorder()
		mux.ServeHTTP(w, httptest.NewRequest(http.MethodGet, PathAuthorize+"?"+q.Encode(), nil))
		loc, err := url.Parse(w.Header().Get("Location"))
		if err != nil || w.Code != http.StatusSeeOther {
			tb.Fatalf("authorize: %d %q", w.Code, w.Header().Get("Location"))
		}
		a, err := f.recordGrant(ctx, clientID, scopes)
		must(tb, err)
		loc, err = f.p.Approve(ctx, loc.Query().Get("request"), a)
		must(tb, err)
		out = append(out, mintedCode{code: loc.Query().Get("code"), verifier: verifier})
	}
	return out
}

// BenchmarkCodeExchange measures POST /oauth2/token with an authorization
// code, PKCE and client_secret_basic, through the real handler on SQLite:
// "immediate" issues an access token and an ID token, "persistent"
// (offline_access) a refresh token as well. cpu-µs/op is the process's CPU
// time per exchange, the figure a shared machine distorts least.
func BenchmarkCodeExchange(b *testing.B) {
	for _, bc := range []struct {
		name   string
		scopes []string
	}{
		{"immediate", []string{"openid", "email"}},
		{"persistent", []string{"openid", "email", "offline_access"}},
	} {
		b.Run(bc.name, func(b *testing.B) { benchExchange(b, bc.scopes) })
	}
}

func benchExchange(b *testing.B, scopes []string) {
	f := newFixture(b)
	// ES256 ID tokens, as the published figures were measured: an RS256
	// signature (the default for a client that registers no algorithm)
	// costs about fifty ES256 ones and would dominate the exchange.
	id, secret, err := CreateClient(b.Context(), f.st, ClientSpec{
		Name: "Shop", RedirectURIs: []string{f.redirectURI()}, IDTokenAlg: store.AlgES256,
	})
	must(b, err)
	mux := http.NewServeMux()
	f.p.Mount(mux)
	codes := f.mintCodes(b, mux, id, scopes, b.N)
	redirect := f.redirectURI()
	var next atomic.Int64
	b.ReportAllocs()
	b.ResetTimer()
	// 16 exchanges in flight on two cores, as a server under load has:
	// concurrent exchanges share a commit (store.InGroupTx).
	b.SetParallelism(8)
	cpu := processCPU(b)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			c := codes[next.Add(1)-1]
			form := url.Values{"grant_type": {"authorization_code"}, "code": {c.code},
				"redirect_uri": {redirect}, "code_verifier": {c.verifier}}
			req := httptest.NewRequest(http.MethodPost, PathToken, strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.SetBasicAuth(id, secret)
			w := httptest.NewRecorder()
			mux.ServeHTTP(w, req)
			if w.Code != http.StatusOK {
				b.Errorf("exchange: %d %s", w.Code, w.Body)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "exchanges/s")
	b.ReportMetric(float64((processCPU(b)-cpu).Microseconds())/float64(b.N), "cpu-µs/op")
}

// processCPU is the CPU time (user and system, every thread) the process
// has used. Per operation it tells what a request costs when the machine
// is shared and wall-clock rates say more about the neighbours.
func processCPU(tb testing.TB) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		tb.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
