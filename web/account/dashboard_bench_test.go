package account_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/consent"
	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/internal/simchain"
	"github.com/idconnect/idconnect/store"
	"github.com/idconnect/idconnect/store/sqlite"
	"github.com/idconnect/idconnect/web"
	"github.com/idconnect/idconnect/web/account"
)

// BenchmarkDashboardGrants measures GET /account/grants end to end for an owner
// with 10,000 grants (and another identity with 1,000 in the same table): the
// middleware stack, the session cookie and login-session read, the keyset page of
// 50 grants in SQLite, the client names and the rendered page. "first" is the
// newest page, "deep" the page 9,000 grants down, which keyset pagination must
// serve as fast. It reports the median latency as p50-µs.
func BenchmarkDashboardGrants(b *testing.B) {
	const owner = "0x1111111111111111111111111111111111111111"
	handler, cookie, deep := benchDashboard(b, owner)
	for _, c := range []struct{ name, target, firstRow string }{
		{"first", "/account/grants", `id="grant-` + benchGrantID(owner, 9999) + `"`},
		{"deep", "/account/grants?cursor=" + deep, `id="grant-` + benchGrantID(owner, 999) + `"`},
	} {
		b.Run(c.name, func(b *testing.B) {
			var took []time.Duration
			b.ReportAllocs()
			for b.Loop() {
				req := httptest.NewRequest("GET", c.target, nil)
				req.AddCookie(cookie)
				w := httptest.NewRecorder()
				start := time.Now()
				handler.ServeHTTP(w, req)
				took = append(took, time.Since(start))
				if w.Code != http.StatusOK || strings.Count(w.Body.String(), `data-grant=`) != store.DefaultPageLimit || !strings.Contains(w.Body.String(), c.firstRow) {
					b.Fatalf("GET %s = %d, wrong page", c.target, w.Code)
				}
			}
			slices.Sort(took)
			b.ReportMetric(float64(took[len(took)/2].Microseconds()), "p50-µs")
		})
	}
}

// benchDashboard serves the dashboard on SQLite holding 10,000 grants of owner
// and 1,000 of another identity, and returns the handler, the owner's session
// cookie and the cursor of the page 9,000 grants down.
func benchDashboard(b *testing.B, owner string) (http.Handler, *http.Cookie, string) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "db"), sqlite.WithMigrate())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	seedGrants(b, st, "0x2222222222222222222222222222222222222222", 1000)
	seedGrants(b, st, owner, 10000)
	static, err := web.NewStatic(nil)
	if err != nil {
		b.Fatal(err)
	}
	ses, err := web.NewSessions(hashKey, blockKey, false)
	if err != nil {
		b.Fatal(err)
	}
	ls := store.LoginSession{ID: "bench", Identity: common.HexToAddress(owner), Wallet: common.HexToAddress("0x3333333333333333333333333333333333333333"),
		ChainID: simchain.ChainID, AuthTime: time.Now(), ExpiresAt: time.Now().Add(time.Hour)}
	if err := st.CreateLoginSession(ctx, ls); err != nil {
		b.Fatal(err)
	}
	rec := httptest.NewRecorder()
	if err := ses.Login(rec, httptest.NewRequest("POST", "/login", nil), web.SessionData{LoginSessionID: ls.ID}); err != nil {
		b.Fatal(err)
	}
	mux := http.NewServeMux()
	(&account.Dashboard{Site: web.Site{Issuer: "http://127.0.0.1:8080", ChainID: simchain.ChainID}, Owner: &web.Owner{Sessions: ses, Store: st, Clock: time.Now},
		Store: st, Catalogue: identity.DefaultCatalogue(), Static: static, Clock: time.Now}).Mount(mux)
	f := store.GrantFilter{Identity: common.HexToAddress(owner), Limit: store.MaxPageLimit}
	for range 9000 / store.MaxPageLimit {
		_, next, err := st.ListGrants(ctx, f)
		if err != nil {
			b.Fatal(err)
		}
		f.Cursor = next
	}
	return web.Stack{Issuer: "http://127.0.0.1:8080"}.Handler(mux), rec.Result().Cookies()[0], f.Cursor
}

func benchGrantID(identity string, i int) string { return fmt.Sprintf("g-%s-%05d", identity[2:6], i) }

// seedGrants stores n persistent grants of identity, one a second, spread over
// five clients, in transactions of 1,000.
func seedGrants(b *testing.B, st store.Store, identity string, n int) {
	b.Helper()
	ctx := context.Background()
	base := time.Now().Add(-time.Duration(n) * time.Second).UTC().Truncate(time.Second)
	for c := range 5 {
		id := fmt.Sprintf("client-%d", c)
		if _, err := st.GetClient(ctx, id); err == nil {
			continue
		}
		if err := st.CreateClient(ctx, store.Client{ID: id, Name: fmt.Sprintf("Service %d", c), CreatedAt: base}); err != nil {
			b.Fatal(err)
		}
	}
	scopes := []string{consent.ScopeOpenID, consent.ScopeEmail, "claim:1", consent.ScopeOffline}
	for lo := 0; lo < n; lo += 1000 {
		err := st.InTx(ctx, func(ctx context.Context) error {
			for i := lo; i < min(lo+1000, n); i++ {
				at := base.Add(time.Duration(i) * time.Second)
				if err := st.CreateGrant(ctx, store.Grant{ID: benchGrantID(identity, i), Kind: store.GrantPersistent, State: store.GrantActive,
					Identity: common.HexToAddress(identity), ChainID: simchain.ChainID, ClientID: fmt.Sprintf("client-%d", i%5), Scopes: scopes,
					CreatedAt: at, ActivatedAt: at, LastUsedAt: at, UsageCount: int64(i % 7)}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}
