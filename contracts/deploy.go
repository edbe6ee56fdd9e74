package contracts

import (
	"context"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/idconnect/idconnect/contracts/bindings/claimissuer"
	"github.com/idconnect/idconnect/contracts/bindings/claimtopicsregistry"
	"github.com/idconnect/idconnect/contracts/bindings/identity"
	"github.com/idconnect/idconnect/contracts/bindings/identityregistry"
	"github.com/idconnect/idconnect/contracts/bindings/identityregistrystorage"
	"github.com/idconnect/idconnect/contracts/bindings/idfactory"
	"github.com/idconnect/idconnect/contracts/bindings/smartwallet"
	"github.com/idconnect/idconnect/contracts/bindings/trustedissuersregistry"
)

// Key purposes of ERC-734, as ONCHAINID numbers them.
const (
	PurposeManagement = 1
	PurposeAction     = 2
	PurposeClaim      = 3
	PurposeEncryption = 4
)

// KeyTypeECDSA is the ERC-734 key type of an Ethereum address key.
const KeyTypeECDSA = 1

// Suite is the set of contracts idconnect reads: the factory that maps wallets to
// identities, and the ERC-3643 registries.
type Suite struct {
	IdFactory               common.Address `json:"idFactory"`
	IdentityRegistry        common.Address `json:"identityRegistry"`
	IdentityRegistryStorage common.Address `json:"identityRegistryStorage"`
	TrustedIssuersRegistry  common.Address `json:"trustedIssuersRegistry"`
	ClaimTopicsRegistry     common.Address `json:"claimTopicsRegistry"`
}

// KeyID is the ERC-734 key id of an address: keccak256(abi.encode(address)).
func KeyID(addr common.Address) common.Hash {
	return crypto.Keccak256Hash(common.LeftPadBytes(addr.Bytes(), 32))
}

// DeploySuite deploys the registries and the factory, owned by the sender, and binds
// the identity registry to its storage.
func DeploySuite(ctx context.Context, s *Sender) (Suite, error) {
	suite, err := DeployRegistries(ctx, s)
	if err != nil {
		return Suite{}, err
	}
	if suite.IdFactory, err = s.Deploy(ctx, &idfactory.IdFactoryMetaData, nil); err != nil {
		return Suite{}, err
	}
	return suite, nil
}

// DeployRegistries deploys the ERC-3643 registries, owned by the sender, and binds
// the identity registry to its storage. The returned suite has no IdFactory.
func DeployRegistries(ctx context.Context, s *Sender) (Suite, error) {
	var suite Suite
	var err error
	if suite.TrustedIssuersRegistry, err = s.Deploy(ctx, &trustedissuersregistry.TrustedIssuersRegistryMetaData, nil); err != nil {
		return Suite{}, err
	}
	if suite.ClaimTopicsRegistry, err = s.Deploy(ctx, &claimtopicsregistry.ClaimTopicsRegistryMetaData, nil); err != nil {
		return Suite{}, err
	}
	if suite.IdentityRegistryStorage, err = s.Deploy(ctx, &identityregistrystorage.IdentityRegistryStorageMetaData, nil); err != nil {
		return Suite{}, err
	}
	ctor := identityregistry.NewIdentityRegistry().PackConstructor(
		suite.TrustedIssuersRegistry, suite.ClaimTopicsRegistry, suite.IdentityRegistryStorage)
	if suite.IdentityRegistry, err = s.Deploy(ctx, &identityregistry.IdentityRegistryMetaData, ctor); err != nil {
		return Suite{}, err
	}
	bindCall := identityregistrystorage.NewIdentityRegistryStorage().PackBindIdentityRegistry(suite.IdentityRegistry)
	if _, err = s.Transact(ctx, suite.IdentityRegistryStorage, bindCall); err != nil {
		return Suite{}, fmt.Errorf("contracts: bind identity registry: %w", err)
	}
	return suite, nil
}

// DeployClaimIssuer deploys a ClaimIssuer managed by the sender, adds signer as its
// claim key (purpose 3), and, when topics are given, trusts it for those topics in
// the suite's TrustedIssuersRegistry.
func DeployClaimIssuer(ctx context.Context, s *Sender, suite Suite, signer common.Address, topics ...uint64) (common.Address, error) {
	ctor := claimissuer.NewClaimIssuer().PackConstructor(s.From())
	issuer, err := s.Deploy(ctx, &claimissuer.ClaimIssuerMetaData, ctor)
	if err != nil {
		return common.Address{}, err
	}
	addKey := claimissuer.NewClaimIssuer().PackAddKey(KeyID(signer), big.NewInt(PurposeClaim), big.NewInt(KeyTypeECDSA))
	if _, err := s.Transact(ctx, issuer, addKey); err != nil {
		return common.Address{}, fmt.Errorf("contracts: add claim key: %w", err)
	}
	if len(topics) == 0 {
		return issuer, nil
	}
	return issuer, TrustIssuer(ctx, s, suite, issuer, topics...)
}

// TrustIssuer records in the suite's TrustedIssuersRegistry that issuer is trusted
// for the topics.
func TrustIssuer(ctx context.Context, s *Sender, suite Suite, issuer common.Address, topics ...uint64) error {
	trust := trustedissuersregistry.NewTrustedIssuersRegistry().PackAddTrustedIssuer(issuer, bigs(topics))
	if _, err := s.Transact(ctx, suite.TrustedIssuersRegistry, trust); err != nil {
		return fmt.Errorf("contracts: trust claim issuer: %w", err)
	}
	return nil
}

// CreateIdentity asks the factory (owned by the sender) for a new identity whose
// management key is wallet, and returns its address.
func CreateIdentity(ctx context.Context, s *Sender, suite Suite, wallet common.Address, salt string) (common.Address, error) {
	f := idfactory.NewIdFactory()
	if _, err := s.Transact(ctx, suite.IdFactory, f.PackCreateIdentity(wallet, salt)); err != nil {
		return common.Address{}, fmt.Errorf("contracts: create identity: %w", err)
	}
	inst := f.Instance(s.Backend, suite.IdFactory)
	return bindCall(ctx, inst, f.PackGetIdentity(wallet), f.UnpackGetIdentity)
}

// CreateIdentityWithClaimKeys is CreateIdentity with CLAIM (purpose 3) keys
// added at birth, such as the claim issuers that may then add claims
// themselves. Only the project's own IdFactory has it (dev mode and tests).
func CreateIdentityWithClaimKeys(ctx context.Context, s *Sender, suite Suite, wallet common.Address, salt string, claimKeys ...common.Address) (common.Address, error) {
	f := idfactory.NewIdFactory()
	keys := make([][32]byte, len(claimKeys))
	for i, k := range claimKeys {
		keys[i] = KeyID(k)
	}
	if _, err := s.Transact(ctx, suite.IdFactory, f.PackCreateIdentityWithClaimKeys(wallet, salt, keys)); err != nil {
		return common.Address{}, fmt.Errorf("contracts: create identity: %w", err)
	}
	inst := f.Instance(s.Backend, suite.IdFactory)
	return bindCall(ctx, inst, f.PackGetIdentity(wallet), f.UnpackGetIdentity)
}

// RegisterIdentity records wallet → identity in the suite's IdentityRegistry.
func RegisterIdentity(ctx context.Context, s *Sender, suite Suite, wallet, id common.Address, country uint16) error {
	call := identityregistry.NewIdentityRegistry().PackRegisterIdentity(wallet, id, country)
	if _, err := s.Transact(ctx, suite.IdentityRegistry, call); err != nil {
		return fmt.Errorf("contracts: register identity: %w", err)
	}
	return nil
}

// RequireTopics adds required claim topics to the suite's ClaimTopicsRegistry.
func RequireTopics(ctx context.Context, s *Sender, suite Suite, topics ...uint64) error {
	r := claimtopicsregistry.NewClaimTopicsRegistry()
	for _, t := range topics {
		if _, err := s.Transact(ctx, suite.ClaimTopicsRegistry, r.PackAddClaimTopic(new(big.Int).SetUint64(t))); err != nil {
			return fmt.Errorf("contracts: require topic %d: %w", t, err)
		}
	}
	return nil
}

// IdentityCall packs calls to an identity contract; it is exported for callers that
// prepare transactions for an owner's wallet (addKey, removeKey, addClaim).
func IdentityCall() *identity.Identity { return identity.NewIdentity() }

func bigs(v []uint64) []*big.Int {
	out := make([]*big.Int, len(v))
	for i, x := range v {
		out[i] = new(big.Int).SetUint64(x)
	}
	return out
}

// DeploySmartWallet deploys an ERC-1271 contract wallet whose signing key is owner.
func DeploySmartWallet(ctx context.Context, s *Sender, owner common.Address) (common.Address, error) {
	return s.Deploy(ctx, &smartwallet.SmartWalletMetaData, smartwallet.NewSmartWallet().PackConstructor(owner))
}
