package contracts

import (
	"context"
	"fmt"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/contracts/bindings/sanctionsoracle"
)

// DeploySanctionsOracle deploys a sanctions oracle with the interface of Chainalysis'
// (isSanctioned), owned by the sender, for the dev chain and the tests; on a public
// chain screening reads Chainalysis' own.
func DeploySanctionsOracle(ctx context.Context, s *Sender) (common.Address, error) {
	return s.Deploy(ctx, &sanctionsoracle.SanctionsOracleMetaData, nil)
}

// SanctionAddresses adds addresses to the oracle's list. The sender must own the
// oracle. It returns the hash of the mined transaction.
func SanctionAddresses(ctx context.Context, s *Sender, oracle common.Address, add []common.Address) (common.Hash, error) {
	call := sanctionsoracle.NewSanctionsOracle().PackAddToSanctionsList(add)
	receipt, err := s.Transact(ctx, oracle, call)
	if err != nil {
		return common.Hash{}, fmt.Errorf("contracts: sanction addresses: %w", err)
	}
	return receipt.TxHash, nil
}

// UnsanctionAddresses removes addresses from the oracle's list. The sender must own
// the oracle. It returns the hash of the mined transaction.
func UnsanctionAddresses(ctx context.Context, s *Sender, oracle common.Address, remove []common.Address) (common.Hash, error) {
	call := sanctionsoracle.NewSanctionsOracle().PackRemoveFromSanctionsList(remove)
	receipt, err := s.Transact(ctx, oracle, call)
	if err != nil {
		return common.Hash{}, fmt.Errorf("contracts: unsanction addresses: %w", err)
	}
	return receipt.TxHash, nil
}
