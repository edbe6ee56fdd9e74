package authz

import (
	"strconv"
	"strings"
)

// Scopes with a meaning of their own; claim:<topic> adds one on-chain
// claim per topic.
const (
	ScopeOpenID        = "openid"
	ScopeProfile       = "profile"
	ScopeEmail         = "email"
	ScopePhone         = "phone"
	ScopeAddress       = "address"
	ScopeOfflineAccess = "offline_access"
	claimScopePrefix   = "claim:"
)

var baseScopes = []string{ScopeOpenID, ScopeProfile, ScopeEmail, ScopePhone, ScopeAddress, ScopeOfflineAccess}

// defaultClaimTopics are the catalogue's topics 1-8 (KYC … Travel Rule).
var defaultClaimTopics = []uint64{1, 2, 3, 4, 5, 6, 7, 8}

// ClaimScope is the scope that asks for the on-chain claim of a topic.
func ClaimScope(topic uint64) string {
	return claimScopePrefix + strconv.FormatUint(topic, 10)
}

// ParseClaimScope returns the topic of a claim:<topic> scope.
func ParseClaimScope(scope string) (uint64, bool) {
	digits, ok := strings.CutPrefix(scope, claimScopePrefix)
	if !ok || digits == "" || digits[0] == '0' || digits[0] == '+' {
		return 0, false
	}
	n, err := strconv.ParseUint(digits, 10, 64)
	if err != nil {
		return 0, false
	}
	return n, true
}

// supportedScopes lists the base scopes and a claim scope per topic.
func supportedScopes(topics []uint64) []string {
	out := append([]string(nil), baseScopes...)
	for _, t := range topics {
		out = append(out, ClaimScope(t))
	}
	return out
}

// knownScope accepts the base scopes and any claim:<topic>: deployments
// add topics to their catalogue, and a client may be registered for them.
func knownScope(s string) bool {
	for _, b := range baseScopes {
		if s == b {
			return true
		}
	}
	_, ok := ParseClaimScope(s)
	return ok
}
