package challenge_test

import (
	"context"
	"testing"

	"github.com/idconnect/idconnect/challenge"
	"github.com/idconnect/idconnect/store"
)

// TestVerifyBinding: a challenge issued to one browser is refused from
// another (and from none) without burning its nonce, so the browser that
// asked can still sign in with it; an unbound challenge is refused when a
// binding is presented, so the two kinds never stand in for each other.
func TestVerifyBinding(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, nil)
	r := f.loginRequest()
	r.Binding = "cookie-of-browser-a"
	c := f.issue(t, r)
	sig := sign(t, f.key, c.Text)

	for _, presented := range []string{"cookie-of-browser-b", ""} {
		want := f.loginExpect()
		want.Binding = presented
		_, err := f.svc.Verify(ctx, c.Text, sig, want)
		wantErr(t, err, challenge.ErrBinding)
	}
	want := f.loginExpect()
	want.Binding = "cookie-of-browser-a"
	if _, err := f.svc.Verify(ctx, c.Text, sig, want); err != nil {
		t.Fatalf("the asking browser was refused after a stranger's attempt: %v", err)
	}
	_, err := f.svc.Verify(ctx, c.Text, sig, want)
	wantErr(t, err, challenge.ErrNonce)

	unbound := f.issue(t, f.loginRequest())
	_, err = f.svc.Verify(ctx, unbound.Text, sign(t, f.key, unbound.Text), want)
	wantErr(t, err, challenge.ErrBinding)
}

// TestVerifyPurposeIsEnforced: a login message cannot pass as an access-grant
// or service message, nor the reverse, even with the same domain, uri and
// request id: the purpose stored with the nonce decides.
func TestVerifyPurposeIsEnforced(t *testing.T) {
	ctx := context.Background()
	purposes := []store.ChallengePurpose{store.PurposeLogin, store.PurposeAccessGrant, store.PurposeService}
	for _, issued := range purposes {
		for _, used := range purposes {
			if issued == used {
				continue
			}
			f := newFixture(t, nil)
			r := f.loginRequest()
			r.Purpose = issued
			c := f.issue(t, r)
			want := f.loginExpect()
			want.Purpose = used
			_, err := f.svc.Verify(ctx, c.Text, sign(t, f.key, c.Text), want)
			wantErr(t, err, challenge.ErrMismatch)
		}
	}
}
