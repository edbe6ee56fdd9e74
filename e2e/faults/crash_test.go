package faults

import (
	"context"
	"net/http"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/idconnect/idconnect/store"
	"github.com/idconnect/idconnect/store/postgres/pgtest"
)

// TestKillUnderLoad kills the server with SIGKILL while it serves /userinfo
// and the access-request API from several goroutines, restarts it on the
// same data, and checks that everything it acknowledged before the kill
// is still there: grants, revocations and the usage row of every read
// answered 200, and that no immediate grant answered two reads, counting
// both runs.
func TestKillUnderLoad(t *testing.T) {
	shared.env(t)
	t.Run("sqlite", func(t *testing.T) { killAndRestart(t, filepath.Join(t.TempDir(), "idconnect.db")) })
	t.Run("postgres", func(t *testing.T) { killAndRestart(t, pgtest.SchemaDSN(t)) })
}

// crashExpect allows what a healthy server answers this load: 401 only to
// a second read of an immediate grant, 429 when a rate limit is reached.
func crashExpect(op string, a answer) bool {
	switch a.code {
	case 0:
		return true // the kill
	case http.StatusOK, http.StatusCreated, http.StatusNoContent, http.StatusTooManyRequests:
		return true
	case http.StatusUnauthorized:
		return op == "userinfo-once" || op == "read"
	}
	return false
}

func killAndRestart(t *testing.T, dsn string) {
	f := newFixture(t, dsn, shared.env(t).geth.WSURL)
	l := newLedger()
	ctx, cancel := ctxFor(2 * time.Minute)
	defer cancel()
	persistent := map[string]string{}
	for i := range 2 {
		id, tok, err := f.connect(ctx, l, i, true)
		if err != nil {
			t.Fatal(err)
		}
		persistent[id] = tok.AccessToken
	}
	// Immediate grants acknowledged before the kill and first read after it.
	for i := 2; i < len(f.owners); i++ {
		if _, _, err := f.connect(ctx, l, i, false); err != nil {
			t.Fatal(err)
		}
	}

	ld := newLoad(f, l, crashExpect)
	stop := ld.run(persistent, nil)
	time.Sleep(2 * time.Second)
	if err := f.srv.Kill(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond) // the workers meet a dead server
	stop()
	unexpected, answers := ld.report()
	t.Logf("before the kill: %v", answers)
	for _, u := range unexpected {
		t.Errorf("under load: %s", u)
	}
	if len(l.revoked) == 0 || sum(l.reads) < 20 || len(l.grants) < 10 {
		t.Fatalf("the load did too little to test anything: %d grants, %d revocations, %d reads", len(l.grants), len(l.revoked), sum(l.reads))
	}

	if err := f.srv.Restart(); err != nil {
		t.Fatal(err)
	}
	readAfterRestart(t, ctx, l)
	if err := f.srv.Stop(); err != nil {
		t.Fatal(err)
	}
	l.verify(t, openStore(t, dsn), false)
}

// readAfterRestart reads every acknowledged grant again: an immediate one
// by two clients at once (a grant read before the kill must not answer
// again), a persistent one once (a revoked one must not answer).
func readAfterRestart(t *testing.T, ctx context.Context, l *ledger) {
	var wg sync.WaitGroup
	for id, g := range l.snapshot() {
		n := 1
		if g.kind == store.GrantImmediate {
			n = 2
		}
		for range n {
			wg.Go(func() {
				a, err := g.read(ctx, g.token)
				switch {
				case err != nil:
					t.Errorf("read of %s after the restart: %v", id, err)
				case a.code == http.StatusOK:
					l.readOK(id)
					if isRevoked(l, id) {
						t.Errorf("grant %s, revoked before the kill, answered a read after the restart", id)
					}
				case a.code != http.StatusUnauthorized:
					t.Errorf("read of %s after the restart answered %d %v", id, a.code, a.body)
				case g.kind == store.GrantPersistent && !isRevoked(l, id):
					t.Errorf("persistent grant %s refused a read after the restart: %v", id, a.body)
				}
			})
		}
	}
	wg.Wait()
}

func isRevoked(l *ledger, id string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.revoked[id]
}
