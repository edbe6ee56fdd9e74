package faults

import (
	"context"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/idconnect/idconnect/store/postgres/pgtest"
)

// outage is how long PostgreSQL stays down.
const outage = 10 * time.Second

// Phases of the PostgreSQL outage, as the load sees them.
const (
	phaseUp       int32 = iota
	phaseStopping       // pg_ctl stop is shutting the server down
	phaseDown
	phaseRecovering // started again, the server not yet answering
	phaseRecovered
)

var phaseNames = []string{"up", "stopping", "down", "recovering", "recovered"}

// TestPostgresDown stops PostgreSQL for 10 s under load: every request the
// store is needed for fails with 503 and a problem the client can read
// (RFC 9457 on the API, an RFC 6749 error on the OAuth endpoints), nothing
// half-written remains, and once PostgreSQL is back the server serves
// again by itself.
func TestPostgresDown(t *testing.T) {
	pg := pgtest.NewCluster(t)
	f := newFixture(t, pg.DSN, shared.env(t).geth.WSURL)
	l := newLedger()
	ctx, cancel := ctxFor(2 * time.Minute)
	defer cancel()
	persistent := map[string]string{}
	var refresh []string
	// Grants apart for reading and for refreshing: a refresh revokes the
	// access tokens issued before it.
	for i := range 4 {
		id, tok, err := f.connect(ctx, l, i%2, true)
		if err != nil {
			t.Fatal(err)
		}
		if i < 2 {
			persistent[id] = tok.AccessToken
		} else {
			refresh = append(refresh, tok.RefreshToken)
		}
	}

	var phase atomic.Int32
	// A request judged by the phase it began in: one sent while the
	// server was still recovering may be refused after it recovered.
	var recoveredAt atomic.Int64
	began := func(a answer) int32 {
		p := phase.Load()
		if p == phaseRecovered && !a.sent.IsZero() && a.sent.UnixNano() < recoveredAt.Load() {
			return phaseRecovering
		}
		return p
	}
	ld := newLoad(f, l, func(op string, a answer) bool { return outageExpect(began(a), op, a) })
	ld.label = func() string { return phaseNames[phase.Load()] }
	l.inDoubt = func() bool { return phase.Load() == phaseStopping }
	stop := ld.run(persistent, refresh)
	time.Sleep(time.Second)
	phase.Store(phaseStopping)
	if err := pg.Stop(); err != nil {
		stop()
		t.Fatal(err)
	}
	phase.Store(phaseDown)
	downHealth := health(ctx, f)
	time.Sleep(outage)
	phase.Store(phaseRecovering)
	if err := pg.Start(); err != nil {
		stop()
		t.Fatal(err)
	}
	start := time.Now()
	if err := f.srv.WaitHealthy(30 * time.Second); err != nil {
		stop()
		t.Fatalf("the server did not recover once PostgreSQL was back: %v", err)
	}
	recovered := waitServing(ctx, f, persistent)
	recoveredAt.Store(time.Now().UnixNano())
	phase.Store(phaseRecovered)
	t.Logf("serving again %v after PostgreSQL started", time.Since(start).Round(time.Millisecond))
	time.Sleep(2 * time.Second)
	stop()

	unexpected, answers := ld.report()
	t.Logf("answers: %v", answers)
	for _, u := range unexpected {
		t.Errorf("%s", u)
	}
	if !recovered {
		t.Error("reads were still refused 20 s after PostgreSQL came back")
	}
	if downHealth.code != http.StatusServiceUnavailable || downHealth.body["status"] != "unavailable" {
		t.Errorf("/healthz while PostgreSQL was down = %d %v", downHealth.code, downHealth.body)
	}
	if answers["userinfo 503"] == 0 {
		t.Error("no /userinfo read was refused with 503 while PostgreSQL was down")
	}
	if err := f.srv.Stop(); err != nil {
		t.Fatal(err)
	}
	l.verify(t, openStore(t, pg.DSN), true)
	checkNothingHalfWritten(t, pg.DSN)
}

// outageExpect allows a healthy server's answers in every phase, and while
// PostgreSQL is down (or the server reconnects) a refusal that says the
// server is unavailable in the endpoint's error format; never a 500, an
// error that blames the client, or a dropped connection.
func outageExpect(phase int32, op string, a answer) bool {
	switch a.code {
	case http.StatusOK, http.StatusCreated, http.StatusNoContent, http.StatusTooManyRequests:
		return true
	case http.StatusUnauthorized:
		return op == "userinfo-once" || op == "read"
	}
	if phase == phaseUp || phase == phaseRecovered {
		return false
	}
	return unavailableShape(op, a)
}

// unavailableShape checks a refusal for an unavailable store: an RFC 6749
// temporarily_unavailable error from the OAuth endpoints (the
// authorization endpoint redirects it to the client), an RFC 9457 problem
// from the access-request API, and a 503 with a JSON error or a page from
// the sign-in steps.
func unavailableShape(op string, a answer) bool {
	switch {
	case strings.HasSuffix(op, "GET /oauth2/auth") && a.code == http.StatusSeeOther:
		return strings.Contains(a.location, "error=temporarily_unavailable")
	case a.code != http.StatusServiceUnavailable:
		return false
	case op == "refresh", strings.HasSuffix(op, "/oauth2/token"):
		d, _ := a.body["error_description"].(string)
		return a.body["error"] == "temporarily_unavailable" && d != ""
	case strings.HasPrefix(op, "userinfo"):
		return a.body["error"] == "temporarily_unavailable"
	case strings.HasPrefix(op, "access"), strings.HasPrefix(op, "read"), strings.HasPrefix(op, "revoke"):
		title, _ := a.body["title"].(string)
		return strings.HasPrefix(a.contentType, "application/problem+json") && a.body["status"] == float64(503) && title != ""
	}
	return true
}

func health(ctx context.Context, f *fixture) answer {
	a, _ := call(ctx, f.http, http.MethodGet, f.srv.URL+"/healthz", "", nil)
	return a
}

// waitServing waits until every persistent grant reads again.
func waitServing(ctx context.Context, f *fixture, persistent map[string]string) bool {
	deadline := time.Now().Add(20 * time.Second)
	for _, token := range persistent {
		for {
			if a, err := f.userinfo(ctx, token); err == nil && a.code == http.StatusOK {
				break
			}
			if time.Now().After(deadline) {
				return false
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	return true
}

// checkNothingHalfWritten looks for what a write cut in the middle would
// leave: a grant past "requested" without its signed consent, an access
// request without its grant or a grant of the API without its request, and
// a usage count that disagrees with the usage log.
func checkNothingHalfWritten(t *testing.T, dsn string) {
	t.Helper()
	ctx, cancel := ctxFor(storeTimeout)
	defer cancel()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	for what, q := range map[string]string{
		"grants past requested without a signed consent": `SELECT count(*) FROM grants
			WHERE state <> 'requested' AND state <> 'expired' AND (consent_signature = '' OR consent_message = '' OR consent_hash = '')`,
		"access requests without their grant": `SELECT count(*) FROM access_requests a
			WHERE NOT EXISTS (SELECT 1 FROM grants g WHERE g.id = a.grant_id)`,
		"API grants without their access request": `SELECT count(*) FROM grants g
			WHERE g.resource LIKE '/identities/%' AND NOT EXISTS (SELECT 1 FROM access_requests a WHERE a.grant_id = g.id)`,
		"grants whose usage count is not their usage log's": `SELECT count(*) FROM grants g
			WHERE g.usage_count <> (SELECT count(*) FROM grant_usage u WHERE u.grant_id = g.id)`,
		"used immediate grants without their one usage row": `SELECT count(*) FROM grants g
			WHERE g.kind = 'immediate' AND g.state = 'used' AND (SELECT count(*) FROM grant_usage u WHERE u.grant_id = g.id) <> 1`,
	} {
		var n int
		if err := conn.QueryRow(ctx, q).Scan(&n); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if n != 0 {
			t.Errorf("%d %s", n, what)
		}
	}
}
