package storetest

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/store"
)

// createGrants stores n grants of identity, three per creation second so
// that the ID must break ties, in shuffled order so that insertion order
// cannot stand in for the sort order. It returns them newest first.
func createGrants(t testing.TB, s store.Store, identity common.Address, prefix string, n int) []store.Grant {
	t.Helper()
	grants := make([]store.Grant, n)
	for i := range grants {
		g := grant(fmt.Sprintf("%s-%05d", prefix, i), identity, store.GrantPersistent, store.GrantActive)
		g.CreatedAt = at(time.Duration(i/3) * time.Second)
		if i%4 == 0 {
			g.State = store.GrantRevoked
		}
		if i%5 == 0 {
			g.ClientID = "client-2"
		}
		grants[i] = g
	}
	shuffled := slices.Clone(grants)
	rand.New(rand.NewPCG(1, 2)).Shuffle(n, func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	must(t, s.InTx(t.Context(), func(ctx context.Context) error {
		for _, g := range shuffled {
			if err := s.CreateGrant(ctx, g); err != nil {
				return err
			}
		}
		return nil
	}))
	slices.Reverse(grants)
	return grants
}

// allGrants walks every page of f and fails on a repeated grant.
func allGrants(t testing.TB, s store.Store, f store.GrantFilter) []store.Grant {
	t.Helper()
	var out []store.Grant
	seen := map[string]bool{}
	for {
		page, next, err := s.ListGrants(t.Context(), f)
		must(t, err)
		if f.Limit > 0 && len(page) > f.Limit {
			t.Fatalf("page of %d grants, limit %d", len(page), f.Limit)
		}
		for _, g := range page {
			if seen[g.ID] {
				t.Fatalf("grant %s returned twice", g.ID)
			}
			seen[g.ID] = true
		}
		out = append(out, page...)
		if next == "" {
			return out
		}
		f.Cursor = next
	}
}

func testListGrantsPagination(t *testing.T, s store.Store) {
	ctx := t.Context()
	want := createGrants(t, s, identityA, "a", 250)
	createGrants(t, s, identityB, "b", 40)

	equal(t, allGrants(t, s, store.GrantFilter{Identity: identityA, Limit: 7}), want)
	equal(t, allGrants(t, s, store.GrantFilter{Identity: identityA, Limit: 250}), want)

	first, next, err := s.ListGrants(ctx, store.GrantFilter{Identity: identityA})
	must(t, err)
	if len(first) != store.DefaultPageLimit || next == "" {
		t.Fatalf("default page: %d grants, next %q", len(first), next)
	}
	// A grant created after the first page was read is newer than the
	// cursor, so later pages neither repeat nor skip anything.
	late := grant("a-late", identityA, store.GrantPersistent, store.GrantActive)
	late.CreatedAt = at(time.Hour)
	must(t, s.CreateGrant(ctx, late))
	rest := allGrants(t, s, store.GrantFilter{Identity: identityA, Cursor: next, Limit: 9})
	equal(t, append(first, rest...), want)

	_, _, err = s.ListGrants(ctx, store.GrantFilter{Identity: identityA, Cursor: "%%%"})
	wantErr(t, err, store.ErrInvalidCursor)
}

func testListGrantsFilters(t *testing.T, s store.Store) {
	all := append(createGrants(t, s, identityA, "a", 60), createGrants(t, s, identityB, "b", 30)...)
	slices.SortFunc(all, func(a, b store.Grant) int {
		if c := b.CreatedAt.Compare(a.CreatedAt); c != 0 {
			return c
		}
		return cmp.Compare(b.ID, a.ID)
	})
	filter := func(keep func(store.Grant) bool) []store.Grant {
		var out []store.Grant
		for _, g := range all {
			if keep(g) {
				out = append(out, g)
			}
		}
		return out
	}
	tests := []struct {
		name string
		f    store.GrantFilter
		keep func(store.Grant) bool
	}{
		{"all", store.GrantFilter{}, func(store.Grant) bool { return true }},
		{"state", store.GrantFilter{State: store.GrantRevoked}, func(g store.Grant) bool { return g.State == store.GrantRevoked }},
		{"client", store.GrantFilter{ClientID: "client-2"}, func(g store.Grant) bool { return g.ClientID == "client-2" }},
		{"identity and state", store.GrantFilter{Identity: identityB, State: store.GrantActive},
			func(g store.Grant) bool { return g.Identity == identityB && g.State == store.GrantActive }},
		{"nothing", store.GrantFilter{Identity: common.HexToAddress("0x0000000000000000000000000000000000000009")}, func(store.Grant) bool { return false }},
	}
	for _, tc := range tests {
		tc.f.Limit = 8
		if got, want := allGrants(t, s, tc.f), filter(tc.keep); !slices.EqualFunc(got, want, grantIDEqual) {
			t.Fatalf("%s: got %d grants, want %d", tc.name, len(got), len(want))
		}
	}
}

func grantIDEqual(a, b store.Grant) bool { return a.ID == b.ID }

func testAccessRequests(t *testing.T, s store.Store) {
	ctx := t.Context()
	req := func(id string, identity common.Address, created time.Duration) store.AccessRequest {
		return store.AccessRequest{
			ID: id, GrantID: "grant-" + id, ClientID: "client-1", Identity: identity,
			Resource: "/identities/" + identity.Hex() + "/claims/1", Fields: []string{"claim.1"},
			Kind: store.GrantPersistent, Purpose: "onboarding", CallbackURL: "https://shop.example/hook",
			ChallengeMessage: "shop.example wants you to sign...", ChallengeNonce: "nonce-" + id,
			CreatedAt: at(created), ExpiresAt: at(created + time.Hour),
		}
	}
	r1, r2, r3 := req("ar-1", identityA, 0), req("ar-2", identityA, time.Minute), req("ar-3", identityA, 2*time.Minute)
	for _, r := range []store.AccessRequest{r1, r2, r3, req("ar-b", identityB, 0)} {
		must(t, s.CreateAccessRequest(ctx, r))
	}
	wantErr(t, s.CreateAccessRequest(ctx, r1), store.ErrAlreadyExists)
	got, err := s.GetAccessRequest(ctx, "ar-1")
	must(t, err)
	equal(t, got, r1)
	_, err = s.GetAccessRequest(ctx, "nope")
	wantErr(t, err, store.ErrNotFound)

	decided, err := s.DecideAccessRequest(ctx, "ar-2", at(3*time.Minute))
	must(t, err)
	r2.DecidedAt = at(3 * time.Minute)
	equal(t, decided, r2)
	_, err = s.DecideAccessRequest(ctx, "ar-2", at(4*time.Minute))
	wantErr(t, err, store.ErrConsumed)
	_, err = s.DecideAccessRequest(ctx, "nope", at(4*time.Minute))
	wantErr(t, err, store.ErrNotFound)

	page, next, err := s.ListPendingAccessRequests(ctx, identityA, "", 1)
	must(t, err)
	equal(t, page, []store.AccessRequest{r3})
	page, next, err = s.ListPendingAccessRequests(ctx, identityA, next, 1)
	must(t, err)
	equal(t, page, []store.AccessRequest{r1})
	if next != "" {
		t.Fatalf("unexpected third page cursor %q", next)
	}
	_, _, err = s.ListPendingAccessRequests(ctx, identityA, "bad", 1)
	wantErr(t, err, store.ErrInvalidCursor)
}

func testAuditEvents(t *testing.T, s store.Store) {
	ctx := t.Context()
	kinds := []store.AuditKind{store.AuditLogin, store.AuditConsent, store.AuditToken, store.AuditRefusedRead}
	var all []store.AuditEvent
	for i := range 30 {
		e, err := s.AppendAuditEvent(ctx, store.AuditEvent{
			At: at(time.Duration(i/2) * time.Second), Kind: kinds[i%len(kinds)], Actor: "web",
			Identity: []common.Address{identityA, identityB}[i%2], ClientID: "client-1",
			GrantID: fmt.Sprintf("g-%d", i%3), Detail: fmt.Sprintf("event %d", i),
		})
		must(t, err)
		if e.ID == 0 || (len(all) > 0 && e.ID <= all[len(all)-1].ID) {
			t.Fatalf("event IDs not increasing: %d after %+v", e.ID, all)
		}
		all = append(all, e)
	}
	slices.Reverse(all) // newest first; equal times are ordered by ID
	list := func(f store.AuditFilter) []store.AuditEvent {
		var out []store.AuditEvent
		for {
			page, next, err := s.ListAuditEvents(ctx, f)
			must(t, err)
			out = append(out, page...)
			if next == "" {
				return out
			}
			f.Cursor = next
		}
	}
	equal(t, list(store.AuditFilter{Limit: 4}), all)
	got := list(store.AuditFilter{Identity: identityB, Kind: store.AuditConsent, Limit: 2})
	for _, e := range got {
		if e.Identity != identityB || e.Kind != store.AuditConsent {
			t.Fatalf("filter returned %+v", e)
		}
	}
	if len(got) != 8 {
		t.Fatalf("got %d consent events of identity B, want 8", len(got))
	}
	if got := list(store.AuditFilter{GrantID: "g-1", ClientID: "client-1"}); len(got) != 10 {
		t.Fatalf("got %d events of grant g-1, want 10", len(got))
	}
	_, _, err := s.ListAuditEvents(ctx, store.AuditFilter{Cursor: "bad"})
	wantErr(t, err, store.ErrInvalidCursor)
}
