package storetest

import (
	"testing"
	"time"

	"github.com/idconnect/idconnect/store"
)

// testBoundChallenges: a challenge bound to a browser is consumed only with
// that browser's binding; a wrong or missing binding leaves it unconsumed.
func testBoundChallenges(t *testing.T, s store.Store) {
	ctx := t.Context()
	bound := challenge("n-bound", at(5*time.Minute))
	bound.Binding = store.BindingHash("browser-a")
	must(t, s.CreateChallenge(ctx, bound))
	must(t, s.CreateChallenge(ctx, challenge("n-unbound", at(5*time.Minute))))

	_, err := s.ConsumeBoundChallenge(ctx, "n-bound", store.BindingHash("browser-b"), t0)
	wantErr(t, err, store.ErrBindingMismatch)
	_, err = s.ConsumeChallenge(ctx, "n-bound", t0)
	wantErr(t, err, store.ErrBindingMismatch)
	_, err = s.ConsumeBoundChallenge(ctx, "n-unbound", store.BindingHash("browser-a"), t0)
	wantErr(t, err, store.ErrBindingMismatch)

	got, err := s.ConsumeBoundChallenge(ctx, "n-bound", store.BindingHash("browser-a"), at(time.Minute))
	must(t, err)
	bound.ConsumedAt = at(time.Minute)
	equal(t, got, bound)
	_, err = s.ConsumeBoundChallenge(ctx, "n-bound", store.BindingHash("browser-a"), at(time.Minute))
	wantErr(t, err, store.ErrConsumed)
	_, err = s.ConsumeBoundChallenge(ctx, "n-bound", store.BindingHash("browser-b"), at(time.Minute))
	wantErr(t, err, store.ErrConsumed) // a used nonce says so to anyone
	_, err = s.ConsumeChallenge(ctx, "n-unbound", at(time.Minute))
	must(t, err)
}

// testAuthRequestParameters: the OIDC parameters and the browser binding of
// a parked request survive a round trip and an update.
func testAuthRequestParameters(t *testing.T, s store.Store) {
	ctx := t.Context()
	ar := store.AuthRequest{
		ID: "ar-p", ClientID: "c", RedirectURI: "https://rp.example/cb", Scopes: []string{"openid"},
		BrowserBinding: store.BindingHash("cookie"), Prompt: "login consent", MaxAge: 3600,
		LoginHint: walletA, CreatedAt: t0, ExpiresAt: at(time.Minute),
	}
	must(t, s.CreateAuthRequest(ctx, ar))
	got, err := s.GetAuthRequest(ctx, "ar-p")
	must(t, err)
	equal(t, got, ar)
	if !got.BoundTo("cookie") || got.BoundTo("other") || got.BoundTo("") || !got.HasPrompt("consent") || got.HasPrompt("none") {
		t.Fatalf("binding or prompt read wrongly: %+v", got)
	}
	updated, err := s.UpdateAuthRequest(ctx, "ar-p", func(a store.AuthRequest) (store.AuthRequest, error) {
		a.LoginSessionID = "ls"
		return a, nil
	})
	must(t, err)
	ar.LoginSessionID = "ls"
	equal(t, updated, ar)
}

// testOnboardingBudget: the daily budget admits exactly limit onboardings
// under concurrency, and a new UTC day starts again.
func testOnboardingBudget(t *testing.T, s store.Store) {
	ctx := t.Context()
	errs := race(20, func(int) error {
		_, err := s.TakeOnboarding(ctx, t0, 7)
		return err
	})
	if ok, refused := countErrs(t, errs, store.ErrLimitReached); ok != 7 || refused != 13 {
		t.Fatalf("%d onboardings counted and %d refused, want 7 and 13", ok, refused)
	}
	_, err := s.TakeOnboarding(ctx, t0.Add(time.Hour), 7)
	wantErr(t, err, store.ErrLimitReached)
	n, err := s.TakeOnboarding(ctx, t0.Add(time.Hour), 8) // a raised limit admits one more
	must(t, err)
	if n != 8 {
		t.Fatalf("count = %d, want 8", n)
	}
	next := time.Date(t0.Year(), t0.Month(), t0.Day()+1, 0, 0, 0, 0, time.UTC)
	n, err = s.TakeOnboarding(ctx, next, 7)
	must(t, err)
	if n != 1 {
		t.Fatalf("a new day starts at %d, want 1", n)
	}
	_, err = s.TakeOnboarding(ctx, next, 0)
	wantErr(t, err, store.ErrLimitReached)
}
