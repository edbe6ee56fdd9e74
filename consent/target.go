package consent

import (
	"errors"
	"fmt"
	"slices"
	"strconv"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/store"
)

// The fields of the profile resource, as the access-request API names them.
const (
	FieldName    = "name"
	FieldEmail   = "email"
	FieldPhone   = "phone"
	FieldAddress = "address"
)

// fieldScope maps a profile field to the scope that grants it.
var fieldScope = map[string]string{
	FieldName: ScopeProfile, FieldEmail: ScopeEmail, FieldPhone: ScopePhone, FieldAddress: ScopeAddress,
}

// ErrBadFields reports fields a resource does not have, or a request that
// names none.
var ErrBadFields = errors.New("consent: bad fields")

// Target is a resource of the access-request API: an identity's profile,
// or one of its claim topics.
type Target struct {
	Identity common.Address
	// Topic is the claim topic; zero means the profile.
	Topic uint64
}

// Path is the resource's path on the server, the identity in EIP-55 form:
// /identities/<identity>/profile or /identities/<identity>/claims/<topic>.
func (t Target) Path() string {
	base := "/identities/" + t.Identity.Hex()
	if t.Topic == 0 {
		return base + "/profile"
	}
	return base + "/claims/" + strconv.FormatUint(t.Topic, 10)
}

// Scopes are the scopes a grant on t for these fields carries, sorted, with
// offline_access for a persistent grant. A profile request names at least
// one field, each once; a claim request names none (the claim is the
// field) or only the claim's own scope.
func (t Target) Scopes(fields []string, kind store.GrantKind) ([]string, error) {
	var out []string
	if t.Topic == 0 {
		if len(fields) == 0 {
			return nil, fmt.Errorf("%w: name at least one of name, email, phone, address", ErrBadFields)
		}
		for _, f := range fields {
			s, ok := fieldScope[f]
			if !ok {
				return nil, fmt.Errorf("%w: the profile has no field %.40q", ErrBadFields, f)
			}
			if slices.Contains(out, s) {
				return nil, fmt.Errorf("%w: %q is named twice", ErrBadFields, f)
			}
			out = append(out, s)
		}
	} else {
		claim := ClaimScope(t.Topic)
		if len(fields) > 1 || (len(fields) == 1 && fields[0] != claim) {
			return nil, fmt.Errorf("%w: a claim resource has no fields", ErrBadFields)
		}
		out = append(out, claim)
	}
	if kind == store.GrantPersistent {
		out = append(out, ScopeOffline)
	}
	return Normalize(out), nil
}

// FieldScope is the scope that grants a profile field ("" for none).
func FieldScope(field string) string { return fieldScope[field] }

// Fields are the profile fields a grant's scopes allow, in catalogue order.
func Fields(scopes []string) []string {
	var out []string
	for _, f := range []string{FieldName, FieldEmail, FieldPhone, FieldAddress} {
		if slices.Contains(scopes, fieldScope[f]) {
			out = append(out, f)
		}
	}
	return out
}
