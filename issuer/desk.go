package issuer

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/idconnect/idconnect/contracts"
	"github.com/idconnect/idconnect/contracts/bindings/claimissuer"
	"github.com/idconnect/idconnect/contracts/bindings/claimrenewal"
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

// Issuer is the ClaimIssuer contract the desk issues for.
func (d *Desk) Issuer() common.Address { return d.cfg.Issuer }

// Sender sends the desk's transactions.
func (d *Desk) Sender() *contracts.Sender { return d.cfg.Sender }

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

// Issue signs a claim about subject on topic and puts it on the identity:
// through the issuer's execute when the issuer holds a CLAIM key on the
// subject, otherwise it is stored as ready and returned with the addClaim
// call for the owner's wallet. An identity that already holds this
// issuer's claim on the topic gets a renewal instead, so that the older
// signature is revoked as the new one replaces it.
func (d *Desk) Issue(ctx context.Context, subject common.Address, topic uint64, opt IssueOptions) (Issued, error) {
	ctx, cancel := chainContext(ctx)
	defer cancel()
	unlock := d.lockTopic(subject, topic)
	defer unlock()
	p, err := d.plan(ctx, subject, topic, opt)
	if err != nil {
		return Issued{}, err
	}
	if err := d.cfg.Store.PutIssuedClaim(ctx, p.record); err != nil {
		return Issued{}, fmt.Errorf("issuer: store claim: %w", err)
	}
	return d.land(ctx, p)
}

// planned is a signed claim, its ready record, and how it goes on the
// chain when the issuer may add it.
type planned struct {
	claim  Claim
	record store.IssuedClaim
	send   func(context.Context) (common.Hash, error)
}

// plan signs a new claim, or a renewal where the identity already holds
// an unrevoked claim of this issuer on the topic.
func (d *Desk) plan(ctx context.Context, subject common.Address, topic uint64, opt IssueOptions) (planned, error) {
	if _, ok := d.cfg.Topics[topic]; !ok {
		return planned{}, fmt.Errorf("%w: %d", ErrTopic, topic)
	}
	old, err := d.onChain(ctx, subject, topic)
	switch {
	case err == nil && old.State != identity.StateRevoked:
		return d.planRenewal(ctx, subject, topic, old, opt)
	case err != nil && !errors.Is(err, ErrNotFound):
		return planned{}, err
	}
	c, rec, err := d.sign(ctx, subject, topic, opt)
	if err != nil {
		return planned{}, err
	}
	return planned{claim: c, record: rec, send: func(ctx context.Context) (common.Hash, error) { return d.add(ctx, c) }}, nil
}

// Renew issues the claim again with a later validUntil, replacing the
// current one (same claim id), and revokes the old signature, both or
// neither: through ClaimRenewal in one transaction when the issuer holds
// a CLAIM key on the subject; otherwise the new claim is ready for the
// owner's wallet, and the old signature is revoked once the new claim is
// on the identity (Settle).
func (d *Desk) Renew(ctx context.Context, subject common.Address, topic uint64) (Issued, error) {
	if _, ok := d.cfg.Topics[topic]; !ok {
		return Issued{}, fmt.Errorf("%w: %d", ErrTopic, topic)
	}
	ctx, cancel := chainContext(ctx)
	defer cancel()
	unlock := d.lockTopic(subject, topic)
	defer unlock()
	old, err := d.onChain(ctx, subject, topic)
	if err != nil {
		return Issued{}, err
	}
	if old.State == identity.StateRevoked {
		return Issued{}, fmt.Errorf("%w: the claim on topic %d is revoked; issue a new one", ErrRefused, topic)
	}
	opt := IssueOptions{}
	if old.DocumentHash != nil {
		opt.DocumentHash = *old.DocumentHash
	}
	p, err := d.planRenewal(ctx, subject, topic, old, opt)
	if err != nil {
		return Issued{}, err
	}
	if err := d.cfg.Store.PutIssuedClaim(ctx, p.record); err != nil {
		return Issued{}, fmt.Errorf("issuer: store claim: %w", err)
	}
	return d.land(ctx, p)
}

func (d *Desk) planRenewal(ctx context.Context, subject common.Address, topic uint64, old identity.Judgement, opt IssueOptions) (planned, error) {
	c, rec, err := d.sign(ctx, subject, topic, opt)
	if err != nil {
		return planned{}, err
	}
	if old.ValidUntil != nil && !c.ValidUntil.After(*old.ValidUntil) {
		return planned{}, fmt.Errorf("%w: the new claim would end %s, the current one %s", ErrNotLater,
			c.ValidUntil.Format(time.RFC3339), old.ValidUntil.Format(time.RFC3339))
	}
	return planned{claim: c, record: rec, send: func(ctx context.Context) (common.Hash, error) {
		if d.cfg.Renewal == (common.Address{}) {
			return common.Hash{}, fmt.Errorf("%w: no ClaimRenewal contract is configured, so a renewal cannot be atomic", ErrRefused)
		}
		call := claimrenewal.NewClaimRenewal().PackRenew(d.cfg.Issuer, subject, new(big.Int).SetUint64(topic),
			c.Signature, c.Data, "", old.Signature)
		tx, err := d.send(ctx, "renew claim", d.cfg.Renewal, call)
		if err == nil {
			err = d.replaced(ctx, subject, topic, c, old.Signature, tx)
		}
		return tx, err
	}}, nil
}

// replaced marks the stored claims this issuer had on the topic, other
// than c, as replaced by tx.
func (d *Desk) replaced(ctx context.Context, subject common.Address, topic uint64, c Claim, oldSig []byte, tx common.Hash) error {
	claims, err := d.cfg.Store.ListIssuedClaims(ctx, subject)
	if err != nil {
		return err
	}
	for _, r := range claims {
		if r.Issuer == d.cfg.Issuer && r.Topic == topic && !bytes.Equal(r.Signature, c.Signature) && bytes.Equal(r.Signature, oldSig) {
			err := d.cfg.Store.MoveIssuedClaim(ctx, r.ID, []store.IssuedClaimState{store.IssuedReady, store.IssuedAdded}, store.IssuedReplaced, tx)
			if err != nil && !errors.Is(err, store.ErrConsumed) {
				return err
			}
		}
	}
	return nil
}

// sign signs the claim and builds its ready record.
func (d *Desk) sign(ctx context.Context, subject common.Address, topic uint64, opt IssueOptions) (Claim, store.IssuedClaim, error) {
	now := d.cfg.Clock()
	until := opt.ValidUntil
	if until.IsZero() {
		until = d.cfg.Topics[topic].Validity.Until(now)
	}
	c, err := Sign(ctx, d.cfg.Signer, d.cfg.Issuer, subject, Terms{Topic: topic, ValidFrom: now, ValidUntil: until, DocumentHash: opt.DocumentHash})
	if err != nil {
		return Claim{}, store.IssuedClaim{}, err
	}
	id, err := d.newID()
	if err != nil {
		return Claim{}, store.IssuedClaim{}, err
	}
	return c, store.IssuedClaim{ID: id, Issuer: d.cfg.Issuer, Identity: subject, Topic: topic, ClaimID: c.ID,
		Signature: c.Signature, Data: c.Data, ValidFrom: c.ValidFrom, ValidUntil: c.ValidUntil,
		DocumentHash: c.DocumentHash, State: store.IssuedReady, ApplicationID: opt.ApplicationID, IssuedAt: now}, nil
}

// land adds a stored ready claim with its send when the issuer holds a
// CLAIM key on the subject, or prepares the owner's addClaim when it
// does not. Call it outside any store transaction: it waits for a block.
func (d *Desk) land(ctx context.Context, p planned) (Issued, error) {
	c, rec := p.claim, p.record
	out := Issued{Claim: c, Record: rec}
	can, err := d.cfg.Chain.HasPurpose(ctx, c.Subject, d.cfg.Issuer, contracts.PurposeClaim)
	if err != nil {
		return out, chainErr("check the issuer's key on the identity", err)
	}
	if !can {
		add := contracts.IdentityCall().PackAddClaim(new(big.Int).SetUint64(c.Topic), big.NewInt(SchemeECDSA), c.Issuer, c.Signature, c.Data, "")
		out.Transaction = &Transaction{To: c.Subject, Data: add, ChainID: d.cfg.ChainID}
		return out, nil
	}
	if out.TxHash, err = p.send(ctx); err != nil {
		return out, err
	}
	if err := d.cfg.Store.MoveIssuedClaim(ctx, rec.ID, []store.IssuedClaimState{store.IssuedReady}, store.IssuedAdded, out.TxHash); err != nil {
		return out, fmt.Errorf("issuer: store claim: %w", err)
	}
	out.Record.State, out.Record.TxHash = store.IssuedAdded, out.TxHash
	if d.cfg.Registrar != nil {
		out.Registered, out.RegisterErr = d.cfg.Registrar.Register(ctx, c.Subject)
	}
	return out, nil
}

// add adds c to its subject through the issuer's execute, and checks that
// it landed: execute does not revert when the call it makes fails.
func (d *Desk) add(ctx context.Context, c Claim) (common.Hash, error) {
	add := contracts.IdentityCall().PackAddClaim(new(big.Int).SetUint64(c.Topic), big.NewInt(SchemeECDSA), c.Issuer, c.Signature, c.Data, "")
	call := claimissuer.NewClaimIssuer().PackExecute(c.Subject, new(big.Int), add)
	// execute swallows a failed inner call, so estimating it finds gas
	// that may starve addClaim: the inner call is estimated on its own
	// (as the issuer contract sends it) and added, with a margin.
	be := d.cfg.Sender.Backend
	inner, err := be.EstimateGas(ctx, ethereum.CallMsg{From: c.Issuer, To: &c.Subject, Data: add})
	if err != nil {
		return common.Hash{}, chainErr("estimate addClaim", err)
	}
	outer, err := be.EstimateGas(ctx, ethereum.CallMsg{From: d.cfg.Sender.From(), To: &d.cfg.Issuer, Data: call})
	if err != nil {
		return common.Hash{}, chainErr("estimate execute", err)
	}
	tx, err := d.sendGas(ctx, "add claim", d.cfg.Issuer, call, outer+inner*64/63+50_000)
	if err != nil {
		return common.Hash{}, err
	}
	got, err := d.cfg.Chain.Claim(ctx, c.Subject, c.ID)
	if err != nil {
		return common.Hash{}, chainErr("read the added claim", err)
	}
	if !bytes.Equal(got.Signature, c.Signature) {
		return common.Hash{}, fmt.Errorf("%w: identity %s did not take the claim (transaction %s)", ErrRefused, c.Subject.Hex(), tx.Hex())
	}
	return tx, nil
}

// AddClaimCall is the addClaim call that puts a stored claim on its
// identity, for the owner's wallet to send.
func AddClaimCall(c store.IssuedClaim) Transaction {
	add := contracts.IdentityCall().PackAddClaim(new(big.Int).SetUint64(c.Topic), big.NewInt(SchemeECDSA), c.Issuer, c.Signature, c.Data, "")
	return Transaction{To: c.Identity, Data: add}
}

// Revoke revokes this issuer's claim on the identity for the topic with
// revokeClaimBySignature: the one on the identity, and every copy the desk
// signed that is ready or added (a claim waiting for the owner's wallet, a
// renewal not settled yet), so that none can be added back. It refuses
// when nothing of this issuer on the topic is left to revoke.
func (d *Desk) Revoke(ctx context.Context, subject common.Address, topic uint64) (store.IssuedClaim, common.Hash, error) {
	if _, ok := d.cfg.Topics[topic]; !ok {
		return store.IssuedClaim{}, common.Hash{}, fmt.Errorf("%w: %d", ErrTopic, topic)
	}
	ctx, cancel := chainContext(ctx)
	defer cancel()
	unlock := d.lockTopic(subject, topic)
	defer unlock()
	var sigs [][]byte
	add := func(sig []byte) {
		for _, s := range sigs {
			if bytes.Equal(s, sig) {
				return
			}
		}
		sigs = append(sigs, sig)
	}
	j, err := d.onChain(ctx, subject, topic)
	switch {
	case err == nil && j.State != identity.StateRevoked:
		add(j.Signature)
	case err != nil && !errors.Is(err, ErrNotFound):
		return store.IssuedClaim{}, common.Hash{}, err
	}
	claims, err := d.cfg.Store.ListIssuedClaims(ctx, subject)
	if err != nil {
		return store.IssuedClaim{}, common.Hash{}, err
	}
	for _, r := range claims {
		if r.Issuer == d.cfg.Issuer && r.Topic == topic && (r.State == store.IssuedReady || r.State == store.IssuedAdded) {
			add(r.Signature)
		}
	}
	if len(sigs) == 0 {
		if err == nil {
			return store.IssuedClaim{}, common.Hash{}, fmt.Errorf("%w: the claim on topic %d is already revoked", ErrRefused, topic)
		}
		return store.IssuedClaim{}, common.Hash{}, fmt.Errorf("%w: identity %s holds no claim of %s on topic %d", ErrNotFound, subject.Hex(), d.cfg.Issuer.Hex(), topic)
	}
	rec := store.IssuedClaim{Issuer: d.cfg.Issuer, Identity: subject, Topic: topic, ClaimID: identity.ClaimID(d.cfg.Issuer, topic), State: store.IssuedRevoked}
	for _, sig := range sigs {
		tx, err := d.send(ctx, "revoke claim", d.cfg.Issuer, claimissuer.NewClaimIssuer().PackRevokeClaimBySignature(sig))
		if err != nil && !(errors.Is(err, ErrRefused) && d.revokedOnChain(ctx, sig)) {
			return rec, rec.TxHash, err
		}
		rec.Signature, rec.TxHash = sig, tx
		for _, r := range claims {
			if !bytes.Equal(r.Signature, sig) {
				continue
			}
			if err := d.cfg.Store.MoveIssuedClaim(ctx, r.ID, []store.IssuedClaimState{store.IssuedReady, store.IssuedAdded}, store.IssuedRevoked, tx); err != nil && !errors.Is(err, store.ErrConsumed) {
				return rec, tx, err
			}
			r.State, r.TxHash = store.IssuedRevoked, tx
			if r.Signature != nil && bytes.Equal(r.Signature, sigs[0]) {
				rec = r
			}
		}
	}
	return rec, rec.TxHash, nil
}

// revokedOnChain reports whether the issuer has revoked sig (a revoke that
// the chain refused because another did it first).
func (d *Desk) revokedOnChain(ctx context.Context, sig []byte) bool {
	ci := claimissuer.NewClaimIssuer()
	out, err := d.cfg.Sender.Backend.CallContract(ctx, ethereum.CallMsg{To: &d.cfg.Issuer, Data: ci.PackIsClaimRevoked(sig)}, nil)
	if err != nil {
		return false
	}
	revoked, err := ci.UnpackIsClaimRevoked(out)
	return err == nil && revoked
}

// chainTimeout bounds the chain work of one desk call.
const chainTimeout = 2 * time.Minute

// chainContext detaches the desk's chain work from the caller's
// cancellation: a transaction once sent is waited for and recorded even
// when the caller has gone (an HTTP timeout, a closed connection), so a
// call never stops between the chain and the store. chainTimeout bounds it.
func chainContext(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(ctx), chainTimeout)
}

// lockTopic serializes the desk's changes to one identity's claim on one
// topic on this node: two approvals or an approval and a revocation at
// once would otherwise both take the "no claim yet" path, and the claim
// one of them replaced would stay unrevoked.
func (d *Desk) lockTopic(subject common.Address, topic uint64) func() {
	key := topicKey{subject, topic}
	d.topicMu.Lock()
	if d.topicLocks == nil {
		d.topicLocks = map[topicKey]*topicLock{}
	}
	l := d.topicLocks[key]
	if l == nil {
		l = &topicLock{}
		d.topicLocks[key] = l
	}
	l.users++
	d.topicMu.Unlock()
	l.mu.Lock()
	return func() {
		l.mu.Unlock()
		d.topicMu.Lock()
		if l.users--; l.users == 0 {
			delete(d.topicLocks, key)
		}
		d.topicMu.Unlock()
	}
}

type topicKey struct {
	subject common.Address
	topic   uint64
}

type topicLock struct {
	mu    sync.Mutex
	users int // guarded by Desk.topicMu
}

// onChain reads this issuer's claim on the topic from the identity and
// judges it now. ErrNotFound: the identity holds none.
func (d *Desk) onChain(ctx context.Context, subject common.Address, topic uint64) (identity.Judgement, error) {
	c, err := d.cfg.Chain.Claim(ctx, subject, identity.ClaimID(d.cfg.Issuer, topic))
	if err != nil {
		return identity.Judgement{}, chainErr("read the claim", err)
	}
	if c.Issuer != d.cfg.Issuer || len(c.Signature) == 0 {
		return identity.Judgement{}, fmt.Errorf("%w: identity %s holds no claim of %s on topic %d", ErrNotFound, subject.Hex(), d.cfg.Issuer.Hex(), topic)
	}
	j, err := d.cfg.Chain.Judge(ctx, subject, c, d.cfg.Clock())
	if err != nil {
		return identity.Judgement{}, chainErr("judge the claim", err)
	}
	return j, nil
}

// Settle brings the stored claims of subject in line with the chain: a
// ready claim that the owner's wallet added is marked added, and every
// older claim of this issuer on the topic that it replaced is revoked and
// marked replaced. It works from what is stored and on the chain each
// time, so a run that failed half-way is finished by the next. The
// dashboard calls it when the owner's transaction is mined.
func (d *Desk) Settle(ctx context.Context, subject common.Address) error {
	claims, err := d.cfg.Store.ListIssuedClaims(ctx, subject)
	if err != nil {
		return err
	}
	topics := map[uint64]bool{}
	for _, r := range claims {
		if r.Issuer == d.cfg.Issuer && (r.State == store.IssuedReady || r.State == store.IssuedAdded) {
			topics[r.Topic] = true
		}
	}
	added := false
	for topic := range topics {
		newly, err := d.settleTopic(ctx, subject, topic, claims)
		if err != nil {
			return err
		}
		added = added || newly
	}
	if added && d.cfg.Registrar != nil {
		// Registration follows the claims; it does not hold them back.
		_, _ = d.cfg.Registrar.Register(ctx, subject)
	}
	return nil
}

// settleTopic is Settle for one topic, and reports whether a ready claim
// was found on the identity.
func (d *Desk) settleTopic(ctx context.Context, subject common.Address, topic uint64, claims []store.IssuedClaim) (bool, error) {
	unlock := d.lockTopic(subject, topic)
	defer unlock()
	got, err := d.cfg.Chain.Claim(ctx, subject, identity.ClaimID(d.cfg.Issuer, topic))
	if err != nil {
		return false, chainErr("read the claim", err)
	}
	var current *store.IssuedClaim
	for i, r := range claims {
		if r.Issuer == d.cfg.Issuer && r.Topic == topic && got.Issuer == d.cfg.Issuer && bytes.Equal(r.Signature, got.Signature) {
			current = &claims[i]
		}
	}
	if current == nil {
		return false, nil // the identity holds none of ours, or one signed elsewhere
	}
	newly := false
	if current.State == store.IssuedReady {
		if err := d.cfg.Store.MoveIssuedClaim(ctx, current.ID, []store.IssuedClaimState{store.IssuedReady}, store.IssuedAdded, common.Hash{}); err != nil && !errors.Is(err, store.ErrConsumed) {
			return false, err
		}
		newly = true
	}
	for _, old := range claims {
		if old.ID == current.ID || old.Issuer != d.cfg.Issuer || old.Topic != topic || old.State != store.IssuedAdded || !old.IssuedAt.Before(current.IssuedAt) {
			continue
		}
		tx, err := d.send(ctx, "revoke the replaced claim", d.cfg.Issuer, claimissuer.NewClaimIssuer().PackRevokeClaimBySignature(old.Signature))
		if err != nil && !(errors.Is(err, ErrRefused) && d.revokedOnChain(ctx, old.Signature)) {
			return newly, err
		}
		if err := d.cfg.Store.MoveIssuedClaim(ctx, old.ID, []store.IssuedClaimState{store.IssuedAdded}, store.IssuedReplaced, tx); err != nil && !errors.Is(err, store.ErrConsumed) {
			return newly, err
		}
	}
	return newly, nil
}

// Send sends a transaction from the desk's key, such as the addKey that
// makes a wallet a reviewer, and waits for it.
func (d *Desk) Send(ctx context.Context, op string, to common.Address, call []byte) (common.Hash, error) {
	return d.send(ctx, op, to, call)
}

// sendGas is send with a gas limit of its own (zero: estimated).
func (d *Desk) sendGas(ctx context.Context, op string, to common.Address, call []byte, gas uint64) (common.Hash, error) {
	d.sendMu.Lock()
	defer d.sendMu.Unlock()
	for attempt := 1; ; attempt++ {
		var receipt *types.Receipt
		var err error
		if gas == 0 {
			receipt, err = d.cfg.Sender.Transact(ctx, to, call)
		} else {
			receipt, err = d.cfg.Sender.TransactGas(ctx, to, call, gas)
		}
		if err == nil {
			d.follow(ctx, receipt)
			return receipt.TxHash, nil
		}
		// Another node sending from the same key took the nonce: the
		// next attempt reads the node's fresh count.
		if attempt == 3 || !contracts.StaleNonce(err) {
			return common.Hash{}, chainErr(op, err)
		}
	}
}

// followWait bounds how long the desk waits for the cache to see a block.
const followWait = 10 * time.Second

// follow waits until the cache has seen the block of receipt. It is best
// effort: a cache that lags only delays what reads show, for at most its
// bound, and the transaction stands.
func (d *Desk) follow(ctx context.Context, receipt *types.Receipt) {
	if d.cfg.Follow == nil || receipt.BlockNumber == nil {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, followWait)
	defer cancel()
	_ = d.cfg.Follow.WaitBlock(ctx, receipt.BlockNumber.Uint64())
}

// send sends one transaction from the desk's key and waits for it.
func (d *Desk) send(ctx context.Context, op string, to common.Address, call []byte) (common.Hash, error) {
	return d.sendGas(ctx, op, to, call, 0)
}

func (d *Desk) newID() (string, error) {
	b := make([]byte, 16)
	if _, err := io.ReadFull(d.cfg.Rand, b); err != nil {
		return "", fmt.Errorf("issuer: random id: %w", err)
	}
	return hex.EncodeToString(b), nil
}
