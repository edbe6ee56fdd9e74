package identity

import (
	"context"
	"errors"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/contracts"
	"github.com/idconnect/idconnect/contracts/bindings/claimissuer"
	"github.com/idconnect/idconnect/contracts/bindings/claimtopicsregistry"
	"github.com/idconnect/idconnect/contracts/bindings/identity"
	"github.com/idconnect/idconnect/contracts/bindings/identityregistry"
	"github.com/idconnect/idconnect/contracts/bindings/idfactory"
	"github.com/idconnect/idconnect/contracts/bindings/trustedissuersregistry"
)

// Purposes of ERC-734 keys.
const (
	PurposeManagement = contracts.PurposeManagement
	PurposeAction     = contracts.PurposeAction
	PurposeClaim      = contracts.PurposeClaim
	PurposeEncryption = contracts.PurposeEncryption
)

// Config names the contracts a Reader consults. Every address is optional: a zero
// IdFactory or IdentityRegistry is skipped when resolving, and zero registries
// disable the checks that need them.
type Config struct {
	IdFactory               common.Address
	IdentityRegistry        common.Address
	IdentityRegistryStorage common.Address // read from IdentityRegistry when zero
	TrustedIssuersRegistry  common.Address // read from IdentityRegistry when zero
	ClaimTopicsRegistry     common.Address // read from IdentityRegistry when zero
	// TrustedIssuers is the operator's list of issuers trusted per topic. It is
	// consulted only when there is no TrustedIssuersRegistry; with neither, every
	// claim reads as untrusted.
	TrustedIssuers []TrustedIssuer
}

// Reader reads identities from the chain, uncached. It is safe for concurrent use.
type Reader struct {
	chain Chain
	cfg   Config

	identity *identity.Identity
	issuer   *claimissuer.ClaimIssuer
	factory  *idfactory.IdFactory
	registry *identityregistry.IdentityRegistry
	trusted  *trustedissuersregistry.TrustedIssuersRegistry
	topics   *claimtopicsregistry.ClaimTopicsRegistry

	trustList map[TrustedIssuer]bool
}

// NewReader returns a Reader. When the config names an IdentityRegistry but not its
// storage, TrustedIssuersRegistry or ClaimTopicsRegistry, it asks the registry for them.
func NewReader(ctx context.Context, chain Chain, cfg Config) (*Reader, error) {
	r := &Reader{
		chain: chain, cfg: cfg,
		identity: identity.NewIdentity(), issuer: claimissuer.NewClaimIssuer(),
		factory: idfactory.NewIdFactory(), registry: identityregistry.NewIdentityRegistry(),
		trusted: trustedissuersregistry.NewTrustedIssuersRegistry(), topics: claimtopicsregistry.NewClaimTopicsRegistry(),
		trustList: map[TrustedIssuer]bool{},
	}
	for _, t := range cfg.TrustedIssuers {
		r.trustList[t] = true
	}
	if cfg.IdentityRegistry == (common.Address{}) {
		return r, nil
	}
	for _, q := range []struct {
		op   string
		addr *common.Address
		pack func() []byte
		read func([]byte) (common.Address, error)
	}{
		{"read identityStorage", &r.cfg.IdentityRegistryStorage, r.registry.PackIdentityStorage, r.registry.UnpackIdentityStorage},
		{"read issuersRegistry", &r.cfg.TrustedIssuersRegistry, r.registry.PackIssuersRegistry, r.registry.UnpackIssuersRegistry},
		{"read topicsRegistry", &r.cfg.ClaimTopicsRegistry, r.registry.PackTopicsRegistry, r.registry.UnpackTopicsRegistry},
	} {
		if *q.addr != (common.Address{}) {
			continue
		}
		got, err := call(ctx, chain, cfg.IdentityRegistry, q.pack(), q.read)
		if err != nil {
			return nil, fail(q.op, cfg.IdentityRegistry, notRegistry(err))
		}
		*q.addr = got
	}
	return r, nil
}

// Config returns the contracts the Reader consults, with registries filled in.
func (r *Reader) Config() Config { return r.cfg }

// Chain returns the chain the Reader reads.
func (r *Reader) Chain() Chain { return r.chain }

// Source says where a wallet's identity was found.
type Source string

const (
	SourceFactory  Source = "factory"
	SourceRegistry Source = "registry"
	SourceSupplied Source = "supplied"
)

// Resolution is a wallet's identity and where it was found.
type Resolution struct {
	Identity common.Address
	Source   Source
}

// Resolve finds the identity of a wallet: the IdFactory first, then the
// IdentityRegistry, then the identity address the caller supplied (zero for none),
// which must be a contract that answers ERC-734 calls.
func (r *Reader) Resolve(ctx context.Context, wallet, supplied common.Address) (Resolution, error) {
	if r.cfg.IdFactory != (common.Address{}) {
		id, err := call(ctx, r.chain, r.cfg.IdFactory, r.factory.PackGetIdentity(wallet), r.factory.UnpackGetIdentity)
		if err != nil {
			return Resolution{}, fail("resolve via IdFactory", wallet, notRegistry(err))
		}
		if id != (common.Address{}) {
			return Resolution{Identity: id, Source: SourceFactory}, nil
		}
	}
	if r.cfg.IdentityRegistry != (common.Address{}) {
		id, err := call(ctx, r.chain, r.cfg.IdentityRegistry, r.registry.PackIdentity(wallet), r.registry.UnpackIdentity)
		if err != nil {
			return Resolution{}, fail("resolve via IdentityRegistry", wallet, notRegistry(err))
		}
		if id != (common.Address{}) {
			return Resolution{Identity: id, Source: SourceRegistry}, nil
		}
	}
	if supplied == (common.Address{}) {
		return Resolution{}, fail("resolve", wallet, ErrNoIdentity)
	}
	if err := r.CheckIdentity(ctx, supplied); err != nil {
		return Resolution{}, err
	}
	return Resolution{Identity: supplied, Source: SourceSupplied}, nil
}

// CheckIdentity reports ErrNoIdentity when nothing is deployed at id and
// ErrNotIdentity when the contract there does not answer ERC-734 key queries.
func (r *Reader) CheckIdentity(ctx context.Context, id common.Address) error {
	ok, err := hasCode(ctx, r.chain, id)
	if err != nil {
		return fail("check identity", id, err)
	}
	if !ok {
		return fail("check identity", id, ErrNoIdentity)
	}
	_, err = r.keyHasPurpose(ctx, id, common.Hash{}, PurposeManagement)
	return err
}

// HasPurpose reports whether wallet is a key of the identity with the purpose.
// As in ONCHAINID, a management key holds every purpose.
func (r *Reader) HasPurpose(ctx context.Context, id, wallet common.Address, purpose uint64) (bool, error) {
	return r.keyHasPurpose(ctx, id, contracts.KeyID(wallet), purpose)
}

func (r *Reader) keyHasPurpose(ctx context.Context, id common.Address, key common.Hash, purpose uint64) (bool, error) {
	ok, err := call(ctx, r.chain, id, r.identity.PackKeyHasPurpose(key, new(big.Int).SetUint64(purpose)), r.identity.UnpackKeyHasPurpose)
	if err != nil {
		return false, fail("keyHasPurpose", id, r.notIdentity(ctx, id, err))
	}
	return ok, nil
}

// notIdentity turns a refused or undecodable identity call into ErrNoIdentity (no
// code at the address) or ErrNotIdentity (code that is not an identity).
func (r *Reader) notIdentity(ctx context.Context, id common.Address, err error) error {
	if !errors.Is(err, errReverted) && !errors.Is(err, ErrBadChainData) {
		return err
	}
	deployed, cerr := hasCode(ctx, r.chain, id)
	switch {
	case cerr != nil:
		return cerr
	case !deployed:
		return ErrNoIdentity
	default:
		return fmt.Errorf("%w: %v", ErrNotIdentity, err)
	}
}

// notRegistry reports a refused call to a configured registry as bad chain data:
// the address given in the configuration is not the contract it claims to be.
func notRegistry(err error) error {
	if errors.Is(err, errReverted) {
		return fmt.Errorf("%w: configured contract refused the call: %v", ErrBadChainData, err)
	}
	return err
}

// RequirePurpose returns nil when wallet holds one of the purposes on the identity,
// and ErrMissingPurpose when it holds none.
func RequirePurpose(ctx context.Context, d Directory, id, wallet common.Address, purposes ...uint64) error {
	for _, p := range purposes {
		ok, err := d.HasPurpose(ctx, id, wallet, p)
		if err != nil {
			return err
		}
		if ok {
			return nil
		}
	}
	return fail("check purpose", wallet, fmt.Errorf("%w %v on identity %s", ErrMissingPurpose, purposes, id.Hex()))
}
