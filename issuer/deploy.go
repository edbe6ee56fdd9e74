package issuer

import (
	"context"
	"encoding/json"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/contracts"
	"github.com/idconnect/idconnect/contracts/bindings/claimissuer"
	"github.com/idconnect/idconnect/contracts/bindings/claimrenewal"
	"github.com/idconnect/idconnect/identity"
)

// Deployment is an issuer set up for the desk: what `idconnect issuer
// deploy` prints.
type Deployment struct {
	Issuer  common.Address `json:"issuer"`  // the ClaimIssuer contract
	Renewal common.Address `json:"renewal"` // the ClaimRenewal it trusts with MANAGEMENT and ACTION
	Signer  common.Address `json:"signer"`  // the desk's key: MANAGEMENT, ACTION and CLAIM
}

// MarshalJSON writes the addresses in EIP-55 form.
func (d Deployment) MarshalJSON() ([]byte, error) {
	return json.Marshal(map[string]string{"issuer": identity.Hex(d.Issuer), "renewal": identity.Hex(d.Renewal), "signer": identity.Hex(d.Signer)})
}

// Deploy deploys a ClaimIssuer managed by the sender's key, gives that key
// ACTION (2, to add claims to identities through execute) and CLAIM (3, to
// sign them), and deploys a ClaimRenewal holding MANAGEMENT and ACTION.
// It uses the contracts package's ClaimIssuer, whose ABI is ONCHAINID
// 2.2's; Adopt takes an official one deployed elsewhere.
func Deploy(ctx context.Context, s *contracts.Sender) (Deployment, error) {
	ctor := claimissuer.NewClaimIssuer().PackConstructor(s.From())
	addr, err := s.Deploy(ctx, &claimissuer.ClaimIssuerMetaData, ctor)
	if err != nil {
		return Deployment{}, fmt.Errorf("issuer: deploy: %w", err)
	}
	return Adopt(ctx, s, addr)
}

// Adopt sets up an existing ClaimIssuer for the desk. The sender's key
// must hold MANAGEMENT (1) on it. Adopt adds what is missing: ACTION and
// CLAIM for that key, and a ClaimRenewal with MANAGEMENT and ACTION.
func Adopt(ctx context.Context, s *contracts.Sender, issuerAddr common.Address) (Deployment, error) {
	ci := claimissuer.NewClaimIssuer()
	has := func(key common.Address, purpose int64) (bool, error) {
		out, err := s.Backend.CallContract(ctx, callMsg(issuerAddr, ci.PackKeyHasPurpose(contracts.KeyID(key), big.NewInt(purpose))), nil)
		if err != nil {
			return false, chainErr("keyHasPurpose", err)
		}
		return ci.UnpackKeyHasPurpose(out)
	}
	ok, err := has(s.From(), contracts.PurposeManagement)
	if err != nil {
		return Deployment{}, err
	}
	if !ok {
		return Deployment{}, fmt.Errorf("%w: %s holds no MANAGEMENT key on issuer %s", ErrRefused, s.From().Hex(), issuerAddr.Hex())
	}
	d := Deployment{Issuer: issuerAddr, Signer: s.From()}
	// A MANAGEMENT key passes keyHasPurpose for every purpose; the others
	// are added all the same, so that getKeysByPurpose lists the desk's
	// key among the CLAIM keys, as wallets and explorers read them.
	want := map[common.Address][]int64{s.From(): {contracts.PurposeAction, contracts.PurposeClaim}}
	if d.Renewal, err = s.Deploy(ctx, &claimrenewal.ClaimRenewalMetaData, nil); err != nil {
		return Deployment{}, fmt.Errorf("issuer: deploy ClaimRenewal: %w", err)
	}
	want[d.Renewal] = []int64{contracts.PurposeManagement, contracts.PurposeAction}
	for _, key := range []common.Address{s.From(), d.Renewal} {
		out, err := s.Backend.CallContract(ctx, callMsg(issuerAddr, ci.PackGetKeyPurposes(contracts.KeyID(key))), nil)
		if err != nil {
			return Deployment{}, chainErr("getKeyPurposes", err)
		}
		held, err := ci.UnpackGetKeyPurposes(out)
		if err != nil {
			return Deployment{}, fmt.Errorf("issuer: getKeyPurposes: %w", err)
		}
		for _, p := range want[key] {
			if holds(held, p) {
				continue
			}
			if _, err := s.Transact(ctx, issuerAddr, ci.PackAddKey(contracts.KeyID(key), big.NewInt(p), big.NewInt(contracts.KeyTypeECDSA))); err != nil {
				return Deployment{}, chainErr(fmt.Sprintf("add purpose %d for %s", p, key.Hex()), err)
			}
		}
	}
	return d, nil
}

func holds(purposes []*big.Int, p int64) bool {
	for _, h := range purposes {
		if h.IsInt64() && h.Int64() == p {
			return true
		}
	}
	return false
}

// AddReviewer is the transaction that makes wallet a reviewer: addKey of
// purpose 3 (CLAIM) on the issuer, for its MANAGEMENT key to send.
func AddReviewer(issuerAddr, wallet common.Address, chainID uint64) Transaction {
	call := claimissuer.NewClaimIssuer().PackAddKey(contracts.KeyID(wallet), big.NewInt(contracts.PurposeClaim), big.NewInt(contracts.KeyTypeECDSA))
	return Transaction{To: issuerAddr, Data: call, ChainID: chainID}
}

func callMsg(to common.Address, data []byte) ethereum.CallMsg {
	return ethereum.CallMsg{To: &to, Data: data}
}
