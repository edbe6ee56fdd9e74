package rpc

import (
	"context"
	"encoding/json"
	"math/big"

	"github.com/idconnect/idconnect/issuer"
)

// methods are the id_* methods; go-ethereum names each after its Go
// method with the first letter lowered (GetClaim is id_getClaim). Each
// takes its params object as one *json.RawMessage, so that this package,
// not the codec, says which member is at fault.
type methods struct{ s *Server }

// Transaction is a call for a wallet to send: {to, data, chainId}.
type Transaction = issuer.Transaction

// args checks that the caller is known, then decodes the params into a
// P: a caller without an accepted credential gets -32001 before its
// params are looked at.
func args[P any](ctx context.Context, s *Server, raw *json.RawMessage) (P, error) {
	var p P
	if _, err := s.known(ctx); err != nil {
		return p, err
	}
	if err := decode(raw, &p); err != nil {
		return p, err
	}
	return p, nil
}

func bigU(v uint64) *big.Int { return new(big.Int).SetUint64(v) }
