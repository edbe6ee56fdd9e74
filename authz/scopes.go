package authz

import (
	"github.com/idconnect/idconnect/consent"
)

// Scopes with a meaning of their own; claim:<topic> adds one on-chain claim per
// topic. The catalogue is consent's; these names keep authz's call sites short.
const (
	ScopeOpenID        = consent.ScopeOpenID
	ScopeProfile       = consent.ScopeProfile
	ScopeEmail         = consent.ScopeEmail
	ScopePhone         = consent.ScopePhone
	ScopeAddress       = consent.ScopeAddress
	ScopeOfflineAccess = consent.ScopeOffline
)

var baseScopes = []string{ScopeOpenID, ScopeProfile, ScopeEmail, ScopePhone, ScopeAddress, ScopeOfflineAccess}

// defaultClaimTopics are the catalogue's topics 1-8 (KYC … Travel Rule).
var defaultClaimTopics = []uint64{1, 2, 3, 4, 5, 6, 7, 8}

// ClaimScope is the scope that asks for the on-chain claim of a topic.
func ClaimScope(topic uint64) string { return consent.ClaimScope(topic) }

// ParseClaimScope returns the topic of a claim:<topic> scope.
func ParseClaimScope(scope string) (uint64, bool) { return consent.ClaimTopic(scope) }

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
func knownScope(s string) bool { return consent.CheckScopes([]string{s}) == nil }
