package contracts

import (
	"context"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
)

// bindCall runs a read-only call and unpacks its result.
func bindCall[T any](ctx context.Context, c *bind.BoundContract, calldata []byte, unpack func([]byte) (T, error)) (T, error) {
	return bind.Call(c, &bind.CallOpts{Context: ctx}, calldata, unpack)
}
