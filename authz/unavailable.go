package authz

import (
	"errors"

	"github.com/ory/fosite"

	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/store"
)

// unavailable turns an error caused by a database or chain that cannot be
// reached into temporarily_unavailable (503), whatever fosite made of it:
// an unreachable store is not an unknown client (invalid_client, 401), an
// unregistered redirect (400) or the server's own fault (500), and a client
// told the truth retries instead of dropping its registration or its
// tokens. Other errors pass unchanged.
func unavailable(err error) error {
	if errors.Is(err, store.ErrUnavailable) || errors.Is(err, identity.ErrChainUnavailable) {
		return fosite.ErrTemporarilyUnavailable.WithWrap(err).WithDebug(err.Error())
	}
	return err
}
