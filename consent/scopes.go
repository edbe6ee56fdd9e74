package consent

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/store"
)

// The scopes of the design. claim:<topic> gives one on-chain claim.
const (
	ScopeOpenID  = "openid"
	ScopeProfile = "profile"
	ScopeEmail   = "email"
	ScopePhone   = "phone"
	ScopeAddress = "address"
	ScopeOffline = "offline_access"
	claimPrefix  = "claim:"
)

// ErrUnknownScope reports a scope outside the catalogue.
var ErrUnknownScope = errors.New("consent: unknown scope")

// ClaimScope is the scope of a claim topic.
func ClaimScope(topic uint64) string { return claimPrefix + strconv.FormatUint(topic, 10) }

// ClaimTopic returns the topic of a claim:<topic> scope.
func ClaimTopic(scope string) (uint64, bool) {
	rest, ok := strings.CutPrefix(scope, claimPrefix)
	if !ok || rest == "" || (len(rest) > 1 && rest[0] == '0') {
		return 0, false
	}
	t, err := strconv.ParseUint(rest, 10, 64)
	if err != nil || t == 0 {
		return 0, false
	}
	return t, true
}

// dataAbility maps the data scopes to their ReCap abilities.
var dataAbility = map[string]string{
	ScopeProfile: "read/profile",
	ScopeEmail:   "read/email",
	ScopePhone:   "read/phone",
	ScopeAddress: "read/address",
}

// CheckScopes reports the first scope that is not in the catalogue.
func CheckScopes(scopes []string) error {
	for _, s := range scopes {
		if s == ScopeOpenID || s == ScopeOffline || dataAbility[s] != "" {
			continue
		}
		if _, ok := ClaimTopic(s); !ok {
			return fmt.Errorf("%w %q", ErrUnknownScope, s)
		}
	}
	return nil
}

// KindOf is the grant kind the scopes ask for: offline_access makes it persistent.
func KindOf(scopes []string) store.GrantKind {
	if slices.Contains(scopes, ScopeOffline) {
		return store.GrantPersistent
	}
	return store.GrantImmediate
}

// Abilities lists the ReCap abilities for granted scopes and a grant kind, sorted:
// read/<field> for each data scope, read/claim.<topic> for each claim scope, and
// grant/immediate or grant/persistent.
func Abilities(scopes []string, kind store.GrantKind) []string {
	out := []string{"grant/" + string(kind)}
	for _, s := range scopes {
		if a, ok := dataAbility[s]; ok {
			out = append(out, a)
		} else if t, ok := ClaimTopic(s); ok {
			out = append(out, "read/claim."+strconv.FormatUint(t, 10))
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Covers reports whether granted includes every scope of requested.
func Covers(granted, requested []string) bool {
	for _, s := range requested {
		if !slices.Contains(granted, s) {
			return false
		}
	}
	return true
}

// Normalize sorts and de-duplicates scopes.
func Normalize(scopes []string) []string {
	out := slices.Clone(scopes)
	slices.Sort(out)
	return slices.Compact(out)
}

// Resource is the ReCap resource of an identity on this server:
// <issuer>/identities/<identity>.
func Resource(issuer string, id common.Address) string {
	return issuer + "/identities/" + id.Hex()
}

// Chosen is what the owner grants when ticking scopes on the consent screen: openid
// and offline_access as requested, plus the ticked scopes that were requested. A
// ticked scope that was not requested is refused.
func Chosen(requested, ticked []string) ([]string, error) {
	var out []string
	for _, s := range requested {
		if s == ScopeOpenID || s == ScopeOffline {
			out = append(out, s)
		}
	}
	for _, s := range ticked {
		if s == ScopeOpenID || s == ScopeOffline {
			continue
		}
		if !slices.Contains(requested, s) {
			return nil, fmt.Errorf("%w %q: it was not requested", ErrUnknownScope, s)
		}
		out = append(out, s)
	}
	return Normalize(out), nil
}
