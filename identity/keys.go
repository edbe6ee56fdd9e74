package identity

import (
	"context"
	"math/big"
	"sort"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/contracts"
)

// Key is an ERC-734 key of an identity.
type Key struct {
	ID       common.Hash     `json:"id"`               // keccak256(abi.encode(address)) for address keys
	Purposes []uint64        `json:"purposes"`         // 1 management, 2 action, 3 claim, 4 encryption
	Type     uint64          `json:"type"`             // 1 ECDSA
	Wallet   *common.Address `json:"wallet,omitempty"` // set when the key is a known wallet's
}

// Keys lists the keys of an identity for the four standard purposes. Keys are
// hashes on the chain; those that belong to the identity's wallets in the IdFactory,
// or to one of the extra wallets given, are labelled with their address.
func (r *Reader) Keys(ctx context.Context, id common.Address, extra ...common.Address) ([]Key, error) {
	seen := map[common.Hash]bool{}
	var ids []common.Hash
	for p := uint64(PurposeManagement); p <= PurposeEncryption; p++ {
		keys, err := call(ctx, r.chain, id, r.identity.PackGetKeysByPurpose(new(big.Int).SetUint64(p)), r.identity.UnpackGetKeysByPurpose)
		if err != nil {
			return nil, fail("getKeysByPurpose", id, r.notIdentity(ctx, id, err))
		}
		for _, k := range keys {
			if !seen[k] {
				seen[k] = true
				ids = append(ids, k)
			}
		}
	}
	wallets, err := r.labels(ctx, id, extra)
	if err != nil {
		return nil, err
	}
	out := make([]Key, 0, len(ids))
	for _, k := range ids {
		got, err := call(ctx, r.chain, id, r.identity.PackGetKey(k), r.identity.UnpackGetKey)
		if err != nil {
			return nil, fail("getKey", id, r.notIdentity(ctx, id, err))
		}
		key := Key{ID: k, Type: clampUint64(got.KeyType)}
		for _, p := range got.Purposes {
			key.Purposes = append(key.Purposes, clampUint64(p))
		}
		sort.Slice(key.Purposes, func(i, j int) bool { return key.Purposes[i] < key.Purposes[j] })
		if w, ok := wallets[k]; ok {
			key.Wallet = &w
		}
		out = append(out, key)
	}
	return out, nil
}

// Wallets returns the wallets the IdFactory links to the identity (none without a factory).
func (r *Reader) Wallets(ctx context.Context, id common.Address) ([]common.Address, error) {
	if r.cfg.IdFactory == (common.Address{}) {
		return nil, nil
	}
	ws, err := call(ctx, r.chain, r.cfg.IdFactory, r.factory.PackGetWallets(id), r.factory.UnpackGetWallets)
	if err != nil {
		return nil, fail("getWallets", r.cfg.IdFactory, notRegistry(err))
	}
	return ws, nil
}

func (r *Reader) labels(ctx context.Context, id common.Address, extra []common.Address) (map[common.Hash]common.Address, error) {
	ws, err := r.Wallets(ctx, id)
	if err != nil {
		return nil, err
	}
	out := map[common.Hash]common.Address{}
	for _, w := range append(ws, extra...) {
		out[contracts.KeyID(w)] = w
	}
	return out, nil
}

// clampUint64 reads a uint256 that idconnect expects to be small (purposes, key
// types, topics); values beyond uint64 saturate rather than wrap.
func clampUint64(v *big.Int) uint64 {
	if v == nil || v.Sign() < 0 {
		return 0
	}
	if !v.IsUint64() {
		return ^uint64(0)
	}
	return v.Uint64()
}
