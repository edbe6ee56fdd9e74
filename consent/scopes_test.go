package consent_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/idconnect/idconnect/consent"
	"github.com/idconnect/idconnect/store"
)

func TestScopes(t *testing.T) {
	cases := []struct {
		scopes    []string
		kind      store.GrantKind
		abilities string
		err       bool
	}{
		{[]string{"openid"}, store.GrantImmediate, "grant/immediate", false},
		{[]string{"openid", "email", "profile"}, store.GrantImmediate, "grant/immediate read/email read/profile", false},
		{[]string{"openid", "offline_access", "address", "phone"}, store.GrantPersistent, "grant/persistent read/address read/phone", false},
		{[]string{"openid", "claim:1", "claim:10101000100001"}, store.GrantImmediate, "grant/immediate read/claim.1 read/claim.10101000100001", false},
		{[]string{"openid", "email", "email"}, store.GrantImmediate, "grant/immediate read/email", false},
		{[]string{"openid", "claim:0"}, "", "", true},
		{[]string{"openid", "claim:01"}, "", "", true},
		{[]string{"openid", "claim:"}, "", "", true},
		{[]string{"openid", "claim:x"}, "", "", true},
		{[]string{"openid", "admin"}, "", "", true},
	}
	for _, c := range cases {
		err := consent.CheckScopes(c.scopes)
		if c.err {
			if !errors.Is(err, consent.ErrUnknownScope) {
				t.Errorf("%v: err = %v, want ErrUnknownScope", c.scopes, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%v: %v", c.scopes, err)
			continue
		}
		if k := consent.KindOf(c.scopes); k != c.kind {
			t.Errorf("%v: kind %s, want %s", c.scopes, k, c.kind)
		}
		if a := strings.Join(consent.Abilities(c.scopes, c.kind), " "); a != c.abilities {
			t.Errorf("%v: abilities %q, want %q", c.scopes, a, c.abilities)
		}
	}
}

func TestCovers(t *testing.T) {
	granted := []string{"openid", "email", "offline_access"}
	for _, c := range []struct {
		req  []string
		want bool
	}{
		{[]string{"openid"}, true},
		{[]string{"openid", "email"}, true},
		{[]string{"openid", "email", "phone"}, false},
		{[]string{"claim:1"}, false},
	} {
		if got := consent.Covers(granted, c.req); got != c.want {
			t.Errorf("Covers(%v) = %v", c.req, got)
		}
	}
	if got := consent.Normalize([]string{"b", "a", "b"}); !slices.Equal(got, []string{"a", "b"}) {
		t.Errorf("Normalize = %v", got)
	}
}
