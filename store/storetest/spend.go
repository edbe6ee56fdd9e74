package storetest

import (
	"context"
	"fmt"
	"testing"

	"github.com/idconnect/idconnect/store"
)

// testSpendOAuthToken: spending renames a live token to its spent key with
// every other field kept, and refuses inactive, absent and spent tokens.
func testSpendOAuthToken(t *testing.T, s store.Store) {
	ctx := t.Context()
	code := token(store.TokenCode, "sig-live", "r1")
	revoked := token(store.TokenCode, "sig-revoked", "r2")
	revoked.Active = false
	for _, tok := range []store.OAuthToken{code, revoked} {
		must(t, s.CreateOAuthToken(ctx, tok))
	}
	must(t, s.SpendOAuthToken(ctx, store.TokenCode, "sig-live", "sig-live.spent"))
	_, err := s.GetOAuthToken(ctx, store.TokenCode, "sig-live")
	wantErr(t, err, store.ErrNotFound)
	got, err := s.GetOAuthToken(ctx, store.TokenCode, "sig-live.spent")
	must(t, err)
	want := code
	want.Signature, want.Active = "sig-live.spent", false
	equal(t, got, want)

	wantErr(t, s.SpendOAuthToken(ctx, store.TokenCode, "sig-live", "sig-live.spent"), store.ErrNotFound)
	wantErr(t, s.SpendOAuthToken(ctx, store.TokenCode, "sig-revoked", "sig-revoked.spent"), store.ErrNotFound)
	wantErr(t, s.SpendOAuthToken(ctx, store.TokenCode, "nope", "nope.spent"), store.ErrNotFound)
	wantErr(t, s.SpendOAuthToken(ctx, store.TokenRefresh, "sig-live.spent", "x"), store.ErrNotFound)

	must(t, s.CreateOAuthToken(ctx, token(store.TokenCode, "sig-clash", "r3")))
	must(t, s.CreateOAuthToken(ctx, token(store.TokenCode, "taken", "r3")))
	wantErr(t, s.SpendOAuthToken(ctx, store.TokenCode, "sig-clash", "taken"), store.ErrAlreadyExists)
}

// testSpendOAuthTokenOnce races spenders of each token, each in its own
// transaction as the token endpoint runs them: exactly one wins per token.
func testSpendOAuthTokenOnce(t *testing.T, s store.Store) {
	ctx := t.Context()
	for i := range 5 {
		must(t, s.CreateOAuthToken(ctx, token(store.TokenRefresh, fmt.Sprint("race-", i), "r")))
	}
	for i := range 5 {
		sig := fmt.Sprint("race-", i)
		errs := race(20, func(int) error {
			return s.InTx(ctx, func(ctx context.Context) error {
				return s.SpendOAuthToken(ctx, store.TokenRefresh, sig, sig+".spent")
			})
		})
		if ok, used := countErrs(t, errs, store.ErrNotFound); ok != 1 || used != 19 {
			t.Fatalf("token %s: %d spenders won, %d lost; want 1 and 19", sig, ok, used)
		}
	}
}
