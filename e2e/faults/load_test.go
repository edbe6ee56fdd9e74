package faults

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"sync/atomic"
	"time"

	"github.com/idconnect/idconnect/store"
)

// load drives a fixture from several goroutines: /userinfo reads of
// persistent grants, Connect flows each ending in concurrent reads of an
// immediate grant, and access requests with their validation, reads and
// some revocations. Everything acknowledged goes to the ledger; answers a
// test did not expect are kept for it to report.
type load struct {
	f *fixture
	l *ledger
	// slots hands out (service, owner) pairs: the API allows 10 requests
	// per service and identity, so each pair is used at most 9 times.
	slots chan [2]int
	// expect says whether an answer is allowed; transport errors (a
	// killed server, a refused connection) are always allowed.
	expect func(op string, a answer) bool

	// label, when set, says when an answer came (the fault's phase).
	label func() string
	// stopping is set once the workers are told to stop: the requests
	// they abandon then are not the server's doing.
	stopping atomic.Bool

	mu         sync.Mutex
	unexpected []string
	seen       map[string]bool
	answers    map[string]int // "op code" → count, for the log
}

func newLoad(f *fixture, l *ledger, expect func(op string, a answer) bool) *load {
	ld := &load{f: f, l: l, expect: expect, answers: map[string]int{}, seen: map[string]bool{}, slots: make(chan [2]int, 9*len(f.services)*len(f.owners))}
	for range 9 {
		for s := range f.services {
			for o := range f.owners {
				ld.slots <- [2]int{s, o}
			}
		}
	}
	return ld
}

// note records an answer (code 0: a transport error) and whether it was
// expected.
func (ld *load) note(op string, a answer) {
	ld.mu.Lock()
	defer ld.mu.Unlock()
	key := fmt.Sprintf("%s %d", op, a.code)
	ld.answers[key]++
	if ld.expect(op, a) || a.code == 0 && ld.stopping.Load() {
		return
	}
	when := ""
	if ld.label != nil {
		when = " (" + ld.label() + ")"
		key += when
	}
	if !ld.seen[key] {
		ld.seen[key] = true
		ld.unexpected = append(ld.unexpected, fmt.Sprintf("%s answered %d%s: %s %s %v", op, a.code, when, a.contentType, a.location, a.body))
	}
}

// noteErr notes a step's error: the answer it carries, or a transport
// error (code 0).
func (ld *load) noteErr(op string, err error) {
	var se *statusError
	if errors.As(err, &se) {
		ld.note(op+" "+se.op, se.answer)
		return
	}
	ld.note(op, answer{})
}

// run starts the workers and returns a function that stops them and
// waits. Each persistent grant (id → access token) is read in a loop, and
// each refresh token is refreshed in a loop.
func (ld *load) run(persistent map[string]string, refresh []string) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for id, token := range persistent {
		wg.Go(func() { ld.readLoop(ctx, id, token) })
	}
	for _, rt := range refresh {
		wg.Go(func() { ld.refreshLoop(ctx, rt) })
	}
	wg.Go(func() { ld.connectLoop(ctx) })
	for w := range 3 {
		wg.Go(func() { ld.accessLoop(ctx, w) })
	}
	return func() { ld.stopping.Store(true); cancel(); wg.Wait() }
}

// pause spaces the retries of a worker whose server is down.
func pause(ctx context.Context, d time.Duration) {
	select {
	case <-ctx.Done():
	case <-time.After(d):
	}
}

func (ld *load) readLoop(ctx context.Context, id, token string) {
	for ctx.Err() == nil {
		a, err := ld.f.userinfo(ctx, token)
		if err != nil {
			ld.note("userinfo", answer{})
			ld.l.readFailed(id, ld.stopping.Load())
			pause(ctx, 20*time.Millisecond)
			continue
		}
		ld.note("userinfo", a)
		if a.code == http.StatusOK {
			ld.l.readOK(id)
		} else {
			ld.l.readFailed(id, false)
			pause(ctx, 20*time.Millisecond)
		}
	}
}

// refreshLoop rotates a refresh token at the token endpoint, retrying the
// same token after a failure: a refresh that failed must not have rotated
// it.
func (ld *load) refreshLoop(ctx context.Context, rt string) {
	for ctx.Err() == nil {
		a, err := postForm(ctx, ld.f.http, ld.f.srv.URL+"/oauth2/token",
			url.Values{"grant_type": {"refresh_token"}, "refresh_token": {rt}, "client_id": {ld.f.clientID}})
		if err != nil {
			ld.note("refresh", answer{})
			pause(ctx, 20*time.Millisecond)
			continue
		}
		ld.note("refresh", a)
		if next, _ := a.body["refresh_token"].(string); a.code == http.StatusOK && next != "" {
			rt = next
		}
		pause(ctx, 20*time.Millisecond)
	}
}

// connectLoop runs Connect flows of immediate grants, each read by three
// clients at once: exactly one may be answered.
func (ld *load) connectLoop(ctx context.Context) {
	for i := 0; ctx.Err() == nil; i++ {
		owner := 2 + i%(len(ld.f.owners)-2) // owners 0 and 1 hold the persistent grants
		id, tok, err := ld.f.connect(ctx, ld.l, owner, false)
		if err != nil {
			ld.noteErr("connect", err)
			pause(ctx, 100*time.Millisecond)
			continue
		}
		ld.readConcurrently(ctx, "userinfo-once", id, tok.AccessToken, 3, ld.f.userinfo)
	}
}

// readConcurrently sends n reads of one token at once.
func (ld *load) readConcurrently(ctx context.Context, op, id, token string, n int, read func(context.Context, string) (answer, error)) {
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			a, err := read(ctx, token)
			if err != nil {
				ld.note(op, answer{})
				ld.l.readFailed(id, ld.stopping.Load())
				return
			}
			ld.note(op, a)
			if a.code == http.StatusOK {
				ld.l.readOK(id)
			} else {
				ld.l.readFailed(id, false)
			}
		})
	}
	wg.Wait()
}

// accessLoop asks for grants over the API while slots last: an immediate
// grant is read by two clients at once, a persistent one is read and
// every other one is revoked by its owner.
func (ld *load) accessLoop(ctx context.Context, w int) {
	for i := 0; ctx.Err() == nil; i++ {
		var slot [2]int
		select {
		case slot = <-ld.slots:
		default:
			pause(ctx, 50*time.Millisecond) // out of budget: the other workers go on
			continue
		}
		s, o := ld.f.services[slot[0]], ld.f.owners[slot[1]]
		kind := store.GrantImmediate
		if (i+w)%2 == 1 {
			kind = store.GrantPersistent
		}
		id, token, err := ld.f.access(ctx, ld.l, s, slot[1], kind)
		if err != nil {
			ld.noteErr("access", err)
			pause(ctx, 50*time.Millisecond)
			continue
		}
		read := func(ctx context.Context, token string) (answer, error) { return s.read(ctx, o, token) }
		if kind == store.GrantImmediate {
			ld.readConcurrently(ctx, "read", id, token, 2, read)
			continue
		}
		ld.readConcurrently(ctx, "read", id, token, 1, read)
		if i%2 == 0 {
			continue
		}
		a, err := s.revoke(ctx, o, id)
		if err != nil {
			ld.noteErr("revoke", err)
			continue
		}
		ld.note("revoke", a)
		if a.code >= 200 && a.code < 300 {
			ld.l.revoke(id)
		}
	}
}

// report returns the unexpected answers and a summary of all of them.
func (ld *load) report() ([]string, map[string]int) {
	ld.mu.Lock()
	defer ld.mu.Unlock()
	return append([]string(nil), ld.unexpected...), ld.answers
}
