package authz

import (
	"github.com/idconnect/idconnect/consent"
	"github.com/idconnect/idconnect/identity"
)

// Scope names, the claim:<topic> syntax and what each grants belong to
// consent; the topics to the catalogue. authz only lists them.

var baseScopes = []string{consent.ScopeOpenID, consent.ScopeProfile, consent.ScopeEmail,
	consent.ScopePhone, consent.ScopeAddress, consent.ScopeOffline}

// supportedScopes lists the base scopes and a claim scope per topic of
// the catalogue.
func supportedScopes(cat identity.Catalogue) []string {
	out := append([]string(nil), baseScopes...)
	for _, t := range cat.Numbers() {
		out = append(out, consent.ClaimScope(t))
	}
	return out
}

// knownScope accepts the base scopes and any claim:<topic>: deployments
// add topics to their catalogue, and a client may be registered for them.
func knownScope(s string) bool { return consent.CheckScopes([]string{s}) == nil }
