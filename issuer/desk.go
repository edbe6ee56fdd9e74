package issuer

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/contracts"
	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/store"
)

// Store is what the desk keeps: applications and the claims it signed.
type Store interface {
	store.ApplicationStore
	store.IssuedClaimStore
	store.Transactor
}

// Chain is what the desk reads from the chain: key purposes, the claim
// stored under an id, and the verdict on it. It must read the chain as it
// is, not through a cache: the desk checks its own transactions' effects
// right after they are mined. An identity.Reader over the plain client is
// one.
type Chain interface {
	HasPurpose(ctx context.Context, id, wallet common.Address, purpose uint64) (bool, error)
	Claim(ctx context.Context, id common.Address, claimID common.Hash) (identity.Claim, error)
	Judge(ctx context.Context, id common.Address, c identity.Claim, now time.Time) (identity.Judgement, error)
}

// Notices tells owners what happened to their applications and claims.
// The notify package's Outbox implements it; a nil Notices tells nobody.
type Notices interface {
	ApplicationDecided(ctx context.Context, a store.Application) error
	ClaimExpiring(ctx context.Context, c store.IssuedClaim) error
}

// Config wires a Desk.
type Config struct {
	// Issuer is the ClaimIssuer contract the desk issues for.
	Issuer common.Address
	// Renewal is the ClaimRenewal contract holding MANAGEMENT and ACTION
	// on Issuer, through which a renewal is one transaction.
	Renewal common.Address
	// Signer holds a CLAIM (3) key of Issuer.
	Signer Signer
	// Sender sends the desk's transactions from a key that holds
	// MANAGEMENT (1) and ACTION (2) on Issuer. With KeySigner it is
	// usually the same key.
	Sender *contracts.Sender
	// ChainID goes into the transactions prepared for owners' wallets.
	ChainID uint64
	Chain   Chain
	Store   Store
	// Sealer seals applications' fields and documents at rest.
	Sealer  *store.Sealer
	Topics  identity.Catalogue
	Notices Notices
	// NoticeAhead is how long before a claim lapses its owner is told
	// (default 14 days).
	NoticeAhead time.Duration
	Clock       func() time.Time // default time.Now
	Rand        io.Reader        // ids; default crypto/rand
	// Follow, when set, is the node's chain cache: after each transaction
	// the desk waits until the cache has seen its block, so that every read
	// on this node (the dashboard, id_getClaim, grant reads) shows the
	// change once the call that made it has returned.
	Follow interface {
		WaitBlock(ctx context.Context, n uint64) error
	}
	// Registrar, when set, registers an identity in the ERC-3643
	// IdentityRegistry once a claim the desk added completes the topics
	// it requires.
	Registrar *Registrar
}

// Desk is the server acting as one claim issuer: it takes applications,
// has them reviewed, and issues, renews and revokes claims on the chain.
// It holds every issuer rule; the JSON-RPC and the pages call it.
type Desk struct {
	cfg Config
	// guard, when set, holds back the topics screening keeps.
	guard Guard
	// sendMu serializes the desk's transactions: they come from one key,
	// and its nonces must not be handed out twice.
	sendMu sync.Mutex
	// topicMu guards topicLocks, the per identity and topic locks.
	topicMu    sync.Mutex
	topicLocks map[topicKey]*topicLock
}

// NewDesk returns a Desk; it checks that the configuration is complete.
func NewDesk(cfg Config) (*Desk, error) {
	switch {
	case cfg.Issuer == (common.Address{}):
		return nil, errors.New("issuer: no issuer address")
	case cfg.Signer == nil || cfg.Sender == nil || cfg.Chain == nil || cfg.Store == nil || cfg.Sealer == nil:
		return nil, errors.New("issuer: a desk needs a signer, a sender, the chain, a store and a sealer")
	case len(cfg.Topics) == 0:
		return nil, errors.New("issuer: empty topic catalogue")
	}
	if cfg.NoticeAhead <= 0 {
		cfg.NoticeAhead = 14 * 24 * time.Hour
	}
	if cfg.Clock == nil {
		cfg.Clock = time.Now
	}
	if cfg.Rand == nil {
		cfg.Rand = rand.Reader
	}
	return &Desk{cfg: cfg}, nil
}

// Guard holds back the claims that screening keeps: it refuses, wrapping
// ErrHeld, a topic that a standing screening hit holds for the subject.
// The screening Runner is one.
type Guard interface {
	Held(ctx context.Context, subject common.Address, topic uint64) error
}

// SetGuard makes every issue, renewal and approval ask g first, whoever
// asks for it: the JSON-RPC, the console or screening itself. Call it
// before the desk serves; the screening runner is built on the desk, so
// it cannot be in Config.
func (d *Desk) SetGuard(g Guard) { d.guard = g }

func (d *Desk) held(ctx context.Context, subject common.Address, topic uint64) error {
	if d.guard == nil {
		return nil
	}
	return d.guard.Held(ctx, subject, topic)
}

// Issuer is the ClaimIssuer contract the desk issues for.
func (d *Desk) Issuer() common.Address { return d.cfg.Issuer }

// Topics is the catalogue the desk issues from.
func (d *Desk) Topics() identity.Catalogue { return d.cfg.Topics }

// Transaction is a call prepared for a wallet to send.
type Transaction struct {
	To      common.Address
	Data    []byte
	ChainID uint64
}

// MarshalJSON writes {"to","data","chainId"}: the address in EIP-55 form,
// the data as 0x-hex.
func (t Transaction) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		To      string `json:"to"`
		Data    string `json:"data"`
		ChainID uint64 `json:"chainId"`
	}{identity.Hex(t.To), "0x" + hex.EncodeToString(t.Data), t.ChainID})
}

// Issued is the outcome of issuing or renewing a claim: the claim, and
// either the transaction that added it (the issuer holds a CLAIM key on
// the identity) or the call the owner's wallet must send.
type Issued struct {
	Claim       Claim
	Record      store.IssuedClaim
	TxHash      common.Hash  // zero when the owner has to add it
	Transaction *Transaction // the owner's addClaim; nil when added
	// Registered are the wallets the Registrar registered after the claim
	// was added; RegisterErr says why registering failed (the claim
	// stands all the same).
	Registered  []common.Address
	RegisterErr error
}

// IssueOptions are what a caller may set on a claim; the rest comes from
// the topic's catalogue entry.
type IssueOptions struct {
	ValidUntil    time.Time   // zero: the topic's default validity
	DocumentHash  common.Hash // zero: no document
	ApplicationID string
}

// Reviewer checks that wallet may review and issue for this desk's
// issuer: it holds a CLAIM (3) key on the issuer identity (a MANAGEMENT
// key holds every purpose). The one reviewer rule, used by the console
// and the JSON-RPC.
func (d *Desk) Reviewer(ctx context.Context, wallet common.Address) error {
	ok, err := d.cfg.Chain.HasPurpose(ctx, d.cfg.Issuer, wallet, contracts.PurposeClaim)
	switch {
	case err != nil:
		return fmt.Errorf("issuer: check reviewer: %w", err)
	case !ok:
		return fmt.Errorf("%w: %s holds no CLAIM key on %s", ErrNotReviewer, wallet.Hex(), d.cfg.Issuer.Hex())
	}
	return nil
}

func (d *Desk) newID() (string, error) {
	b := make([]byte, 16)
	if _, err := io.ReadFull(d.cfg.Rand, b); err != nil {
		return "", fmt.Errorf("issuer: random id: %w", err)
	}
	return hex.EncodeToString(b), nil
}
