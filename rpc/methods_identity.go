package rpc

import (
	"context"
	"encoding/json"
	"errors"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/contracts"
	"github.com/idconnect/idconnect/identity"
)

type walletParams struct {
	Wallet string `json:"wallet"`
}

// CreateIdentityResult is id_createIdentity's answer.
type CreateIdentityResult struct {
	Identity Address     `json:"identity"`
	TxHash   common.Hash `json:"txHash"`
}

// CreateIdentity is id_createIdentity {wallet}: the server's factory
// creates an identity managed by wallet. A wallet token may create only
// its own wallet's identity.
func (m *methods) CreateIdentity(ctx context.Context, raw *json.RawMessage) (*CreateIdentityResult, error) {
	p, argErr := args[walletParams](ctx, m.s, raw)
	if argErr != nil {
		return nil, argErr
	}
	wallet, perr := address("wallet", p.Wallet)
	if perr != nil {
		return nil, perr
	}
	c, err := m.s.signedIn(ctx)
	if err != nil {
		return nil, err
	}
	if c.wallet != wallet {
		return nil, newError(CodeForbidden, "a wallet may create only its own identity; signed in as %s", c.wallet.Hex())
	}
	if m.s.cfg.Onboard == nil {
		return nil, newError(CodeForbidden, "this server does not create identities")
	}
	if res, err := m.s.cfg.Identities.Resolve(ctx, wallet, common.Address{}); err == nil {
		return nil, newError(CodeConflict, "wallet %s already has identity %s", wallet.Hex(), res.Identity.Hex())
	} else if !errors.Is(err, identity.ErrNoIdentity) {
		return nil, m.s.fromFlow("id_createIdentity", err)
	}
	id, tx, ferr := m.s.cfg.Onboard.CreateIdentity(ctx, wallet)
	if ferr != nil {
		return nil, m.s.fromFlow("id_createIdentity", ferr)
	}
	return &CreateIdentityResult{Identity: Address(id), TxHash: tx}, nil
}

type getIdentityParams struct {
	Wallet   string `json:"wallet"`
	Identity string `json:"identity"`
}

// KeyResult is one key of an identity.
type KeyResult struct {
	Key      common.Hash `json:"key"`
	Purposes []uint64    `json:"purposes"`
	KeyType  uint64      `json:"keyType"`
}

// GetIdentityResult is id_getIdentity's answer.
type GetIdentityResult struct {
	Identity Address     `json:"identity"`
	Wallets  []Address   `json:"wallets"`
	Keys     []KeyResult `json:"keys"`
}

// GetIdentity is id_getIdentity {wallet} or {identity}: the identity's
// wallets and keys, which are public on the chain. Any signed-in caller
// may ask.
func (m *methods) GetIdentity(ctx context.Context, raw *json.RawMessage) (*GetIdentityResult, error) {
	p, argErr := args[getIdentityParams](ctx, m.s, raw)
	if argErr != nil {
		return nil, argErr
	}
	if (p.Wallet == "") == (p.Identity == "") {
		return nil, invalidParams("params: give exactly one of wallet and identity")
	}
	if _, err := m.s.party(ctx); err != nil {
		return nil, err
	}
	ids := m.s.cfg.Identities
	var id common.Address
	if p.Wallet != "" {
		wallet, perr := address("wallet", p.Wallet)
		if perr != nil {
			return nil, perr
		}
		res, err := ids.Resolve(ctx, wallet, common.Address{})
		if err != nil {
			return nil, m.s.fromFlow("id_getIdentity", err)
		}
		id = res.Identity
	} else {
		var perr *Error
		if id, perr = address("identity", p.Identity); perr != nil {
			return nil, perr
		}
	}
	keys, err := ids.Keys(ctx, id)
	if err != nil {
		return nil, m.s.fromFlow("id_getIdentity", err)
	}
	wallets, err := ids.Wallets(ctx, id)
	if err != nil {
		return nil, m.s.fromFlow("id_getIdentity", err)
	}
	out := &GetIdentityResult{Identity: Address(id), Wallets: addresses(wallets), Keys: make([]KeyResult, 0, len(keys))}
	for _, k := range keys {
		out.Keys = append(out.Keys, KeyResult{Key: k.ID, Purposes: k.Purposes, KeyType: k.Type})
	}
	return out, nil
}

type keyParams struct {
	Identity string          `json:"identity"`
	Key      string          `json:"key"`
	Purpose  json.RawMessage `json:"purpose"`
}

// TransactionResult wraps a call for the owner's wallet.
type TransactionResult struct {
	Transaction Transaction `json:"transaction"`
}

// AddKey is id_addKey {identity, key, purpose}: the addKey call for the
// owner's wallet. The server never holds owner keys.
func (m *methods) AddKey(ctx context.Context, raw *json.RawMessage) (*TransactionResult, error) {
	if _, err := m.s.known(ctx); err != nil {
		return nil, err
	}
	return m.keyCall(ctx, raw, true)
}

// RemoveKey is id_removeKey {identity, key, purpose}.
func (m *methods) RemoveKey(ctx context.Context, raw *json.RawMessage) (*TransactionResult, error) {
	if _, err := m.s.known(ctx); err != nil {
		return nil, err
	}
	return m.keyCall(ctx, raw, false)
}

func (m *methods) keyCall(ctx context.Context, raw *json.RawMessage, add bool) (*TransactionResult, error) {
	var p keyParams
	if err := decode(raw, &p); err != nil {
		return nil, err
	}
	id, perr := address("identity", p.Identity)
	if perr != nil {
		return nil, perr
	}
	key, perr := keyID(p.Key)
	if perr != nil {
		return nil, perr
	}
	purpose, perr := number("purpose", p.Purpose, "a key purpose")
	if perr != nil {
		return nil, perr
	}
	if purpose < 1 || purpose > 4 {
		return nil, invalidParams("params.purpose: want 1 (management), 2 (action), 3 (claim) or 4 (encryption)")
	}
	if err := m.s.owner(ctx, id); err != nil {
		return nil, err
	}
	ic := contracts.IdentityCall()
	var data []byte
	if add {
		data = ic.PackAddKey(key, bigU(purpose), bigU(contracts.KeyTypeECDSA))
	} else {
		data = ic.PackRemoveKey(key, bigU(purpose))
	}
	return &TransactionResult{Transaction: Transaction{To: id, Data: data, ChainID: m.s.cfg.ChainID}}, nil
}

// keyID reads a key: an address (its key id is keccak256(abi.encode(address)))
// or a 32-byte key id.
func keyID(v string) (common.Hash, *Error) {
	switch len(v) {
	case 42:
		a, err := address("key", v)
		if err != nil {
			return common.Hash{}, err
		}
		return contracts.KeyID(a), nil
	case 66:
		b, err := hexBytes("key", v, 32)
		if err != nil {
			return common.Hash{}, err
		}
		return common.BytesToHash(b), nil
	case 0:
		return common.Hash{}, invalidParams("params.key is required: a 0x address or a 32-byte key id")
	}
	return common.Hash{}, invalidParams("params.key: want a 0x address or a 32-byte key id, got %s", clip(v))
}
