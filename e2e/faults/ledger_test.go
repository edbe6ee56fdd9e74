package faults

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/idconnect/idconnect/store"
	"github.com/idconnect/idconnect/store/postgres"
	"github.com/idconnect/idconnect/store/sqlite"
)

// ledger is what the server acknowledged to the clients: grants (a token
// endpoint or a validation answered 200), revocations (answered 2xx) and
// reads (answered 200). After a fault the data must hold all of it.
type ledger struct {
	mu      sync.Mutex
	grants  map[string]ackGrant
	revoked map[string]bool
	reads   map[string]int // grant id → reads answered 200
	// inDoubt, when set, says whether a failing read now may still have
	// been logged: a commit cut by the database's own shutdown can be
	// durable while its client sees an error. doubt counts those reads.
	inDoubt func() bool
	doubt   map[string]int
}

type ackGrant struct {
	kind  store.GrantKind
	token string
	read  func(ctx context.Context, token string) (answer, error) // how its resource is read
}

func newLedger() *ledger {
	return &ledger{grants: map[string]ackGrant{}, revoked: map[string]bool{}, reads: map[string]int{}, doubt: map[string]int{}}
}

func (l *ledger) grant(id string, g ackGrant) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.grants[id] = g
}

func (l *ledger) revoke(id string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.revoked[id] = true
}

func (l *ledger) readOK(id string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.reads[id]++
}

// readFailed notes a read not answered 200 (refused, failed, or lost);
// abandoned says the client gave up on it, so the server may well have
// served and logged it.
func (l *ledger) readFailed(id string, abandoned bool) {
	if !abandoned && (l.inDoubt == nil || !l.inDoubt()) {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.doubt[id]++
}

// snapshot copies the grants, so callers can range without the lock.
func (l *ledger) snapshot() map[string]ackGrant {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make(map[string]ackGrant, len(l.grants))
	for id, g := range l.grants {
		out[id] = g
	}
	return out
}

// grantReader is what the checks read from the store.
type grantReader interface {
	GetGrant(ctx context.Context, id string) (store.Grant, error)
	ListGrantUsage(ctx context.Context, grantID, cursor string, limit int) ([]store.GrantUsage, string, error)
	Close() error
}

// openStore opens the server's database directly, as an auditor would.
func openStore(t *testing.T, dsn string) grantReader {
	t.Helper()
	ctx, cancel := ctxFor(storeTimeout)
	defer cancel()
	var st grantReader
	var err error
	if strings.HasPrefix(dsn, "postgres://") {
		st, err = postgres.Open(ctx, dsn)
	} else {
		st, err = sqlite.Open(ctx, dsn)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// usageRows counts a grant's usage log.
func usageRows(ctx context.Context, st grantReader, id string) (int, error) {
	n, cursor := 0, ""
	for {
		page, next, err := st.ListGrantUsage(ctx, id, cursor, 100)
		if err != nil {
			return 0, err
		}
		n += len(page)
		if next == "" {
			return n, nil
		}
		cursor = next
	}
}

// verify checks the data against the ledger: every acknowledged grant is
// stored with its signed consent and is past "requested", every
// acknowledged revocation holds, every read answered 200 has its usage
// row, and no immediate grant answered more than one read. exactReads
// also refuses usage rows of reads that were not answered 200, but for
// reads in doubt (see ledger.inDoubt); a fault that kills the server may
// lose answers it wrote, so crash tests do not ask for it.
func (l *ledger) verify(t *testing.T, st grantReader, exactReads bool) {
	t.Helper()
	ctx, cancel := ctxFor(storeTimeout)
	defer cancel()
	l.mu.Lock()
	defer l.mu.Unlock()
	var problems []string
	for id, ack := range l.grants {
		g, err := st.GetGrant(ctx, id)
		if err != nil {
			problems = append(problems, fmt.Sprintf("acknowledged %s grant %s: %v", ack.kind, id, err))
			continue
		}
		if g.State == store.GrantRequested || g.ConsentSignature == "" || g.ConsentMessage == "" {
			problems = append(problems, fmt.Sprintf("acknowledged grant %s is %s with consent signature %q", id, g.State, g.ConsentSignature))
		}
		if l.revoked[id] && g.State != store.GrantRevoked {
			problems = append(problems, fmt.Sprintf("acknowledged revocation of %s, but the grant is %s", id, g.State))
		}
		rows, err := usageRows(ctx, st, id)
		if err != nil {
			problems = append(problems, fmt.Sprintf("usage of %s: %v", id, err))
			continue
		}
		oks := l.reads[id]
		switch {
		case ack.kind == store.GrantImmediate && oks > 1:
			problems = append(problems, fmt.Sprintf("immediate grant %s answered %d reads", id, oks))
		case ack.kind == store.GrantImmediate && rows > 1:
			problems = append(problems, fmt.Sprintf("immediate grant %s has %d usage rows", id, rows))
		case rows < oks:
			problems = append(problems, fmt.Sprintf("%s grant %s answered %d reads, and its usage log holds %d", ack.kind, id, oks, rows))
		case exactReads && rows > oks+l.doubt[id]:
			problems = append(problems, fmt.Sprintf("%s grant %s answered %d reads (%d more in doubt), and its usage log holds %d", ack.kind, id, oks, l.doubt[id], rows))
		case ack.kind == store.GrantImmediate && (g.State == store.GrantUsed) != (rows == 1):
			problems = append(problems, fmt.Sprintf("immediate grant %s is %s with %d usage rows", id, g.State, rows))
		}
	}
	sort.Strings(problems)
	for _, p := range problems {
		t.Error(p)
	}
	t.Logf("checked %d acknowledged grants, %d revocations, %d reads answered 200 (%d failed reads in doubt)", len(l.grants), len(l.revoked), sum(l.reads), sum(l.doubt))
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}
