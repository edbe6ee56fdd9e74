package consent

import (
	"slices"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/idconnect/idconnect/identity"
)

// OnchainClaim is one entry of the onchainid_claims member of userinfo.
type OnchainClaim struct {
	Topic     uint64              `json:"topic"`
	TopicName string              `json:"topic_name"`
	Issuer    string              `json:"issuer"`
	State     identity.ClaimState `json:"state"`
	Expiry    *time.Time          `json:"expiry,omitempty"`
	DataHash  string              `json:"data_hash"`
}

// Disclosure is what a grant's scopes let a reader see.
type Disclosure struct {
	Subject string                          // eip155:<chain>:<identity>
	Wallet  string                          // eip155:<chain>:<wallet>
	Scopes  []string                        // granted
	Profile Profile                         // the owner's profile
	Claims  map[uint64][]identity.Judgement // judged claims per topic, for the claim scopes
}

// UserInfo returns only the granted fields, as OIDC names them.
func (d Disclosure) UserInfo(cat identity.Catalogue) map[string]any {
	out := map[string]any{"sub": d.Subject, "wallet": d.Wallet}
	p := d.Profile
	for _, s := range d.Scopes {
		switch s {
		case ScopeProfile:
			putIf(out, "name", p.Name)
			putIf(out, "given_name", p.GivenName)
			putIf(out, "family_name", p.FamilyName)
		case ScopeEmail:
			if p.Email != "" {
				out["email"] = p.Email
				out["email_verified"] = false // idconnect stores what the owner typed; it verifies nothing
			}
		case ScopePhone:
			putIf(out, "phone_number", p.Phone)
		case ScopeAddress:
			if a := p.Address; a != (Address{}) {
				out["address"] = map[string]string{
					"street_address": a.Street, "locality": a.Locality, "region": a.Region,
					"postal_code": a.PostalCode, "country": a.Country, "formatted": formatted(a),
				}
			}
		}
	}
	if claims := d.OnchainClaims(cat); claims != nil {
		out["onchainid_claims"] = claims
	}
	return out
}

// OnchainClaims lists the judged claims of the granted claim scopes, by topic;
// nil when no claim scope was granted.
func (d Disclosure) OnchainClaims(cat identity.Catalogue) []OnchainClaim {
	var out []OnchainClaim
	topics := make([]uint64, 0, len(d.Claims))
	for _, s := range d.Scopes {
		if t, ok := ClaimTopic(s); ok {
			topics = append(topics, t)
		}
	}
	if len(topics) == 0 {
		return nil
	}
	slices.Sort(topics)
	out = []OnchainClaim{}
	for _, t := range topics {
		for _, c := range d.Claims[t] {
			out = append(out, OnchainClaim{
				Topic: t, TopicName: cat.Name(t), Issuer: c.Issuer.Hex(), State: c.State,
				Expiry: c.ValidUntil, DataHash: dataHash(c.Data),
			})
		}
	}
	return out
}

func putIf(m map[string]any, k, v string) {
	if v != "" {
		m[k] = v
	}
}

func formatted(a Address) string {
	var lines []string
	for _, l := range []string{a.Street, strings.TrimSpace(a.PostalCode + " " + a.Locality), a.Region, a.Country} {
		if l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

// dataHash is the keccak256 of a claim's data, 0x-hex: it commits to the claim
// without disclosing the data.
func dataHash(data []byte) string { return crypto.Keccak256Hash(data).Hex() }
