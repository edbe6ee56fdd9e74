package store_test

import (
	"errors"
	"testing"
	"time"

	"github.com/idconnect/idconnect/store"
)

// TestGrantErrors: every reason a grant cannot be used is the one
// ErrGrantInactive to errors.Is, and the reasons stay apart.
func TestGrantErrors(t *testing.T) {
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		g    store.Grant
		want error
	}{
		{store.Grant{State: store.GrantActive}, nil},
		{store.Grant{State: store.GrantActive, ExpiresAt: now.Add(time.Second)}, nil},
		{store.Grant{State: store.GrantActive, ExpiresAt: now}, store.ErrGrantExpired},
		{store.Grant{State: store.GrantExpired}, store.ErrGrantExpired},
		{store.Grant{State: store.GrantUsed}, store.ErrGrantUsed},
		{store.Grant{State: store.GrantRevoked}, store.ErrGrantRevoked},
		{store.Grant{State: store.GrantRequested}, store.ErrGrantNotActivated},
		{store.Grant{State: store.GrantDenied}, store.ErrGrantNotActivated},
	} {
		err := tc.g.Usable(now)
		if !errors.Is(err, tc.want) || (tc.want == nil) != (err == nil) {
			t.Fatalf("%s grant: %v, want %v", tc.g.State, err, tc.want)
		}
		if err != nil && !errors.Is(err, store.ErrGrantInactive) {
			t.Fatalf("%s grant: %v does not wrap ErrGrantInactive", tc.g.State, err)
		}
	}
	if !errors.Is(store.ErrGrantExpired, store.ErrExpired) {
		t.Fatal("ErrGrantExpired must still be ErrExpired")
	}
	reasons := []error{store.ErrGrantUsed, store.ErrGrantRevoked, store.ErrGrantNotActivated, store.ErrGrantExpired}
	for i, a := range reasons {
		for j, b := range reasons {
			if i != j && errors.Is(a, b) {
				t.Fatalf("%v is also %v", a, b)
			}
		}
	}
}
