package rpc

import (
	"context"
	"encoding/json"
	"errors"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"

	"github.com/idconnect/idconnect/contracts"
	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/issuer"
	"github.com/idconnect/idconnect/store"
)

// methods are the id_* methods; go-ethereum names each after its Go
// method with the first letter lowered (GetClaim is id_getClaim). Each
// takes its params object as one *json.RawMessage, so that this package,
// not the codec, says which member is at fault.
type methods struct{ s *Server }

// Transaction is a call for a wallet to send.
type Transaction struct {
	To      Address       `json:"to"`
	Data    hexutil.Bytes `json:"data"`
	ChainID uint64        `json:"chainId"`
}

// ---- identities and keys

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
	return &TransactionResult{Transaction: Transaction{To: Address(id), Data: data, ChainID: m.s.cfg.ChainID}}, nil
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

// ---- claims

type claimParams struct {
	Identity string          `json:"identity"`
	Topic    json.RawMessage `json:"topic"`
}

func (m *methods) claimParams(raw *json.RawMessage) (common.Address, uint64, *Error) {
	var p claimParams
	if err := decode(raw, &p); err != nil {
		return common.Address{}, 0, err
	}
	return m.identityTopic(p.Identity, p.Topic)
}

func (m *methods) identityTopic(rawID string, rawTopic json.RawMessage) (common.Address, uint64, *Error) {
	id, err := address("identity", rawID)
	if err != nil {
		return common.Address{}, 0, err
	}
	t, err := topic("topic", rawTopic, m.s.cfg.Topics)
	return id, t, err
}

// ClaimResult is one claim as id_getClaim shows it. Times are Unix
// seconds, and 0 where the claim's data states none.
type ClaimResult struct {
	ClaimID      common.Hash `json:"claimId"`
	Issuer       Address     `json:"issuer"`
	Topic        uint64      `json:"topic"`
	State        string      `json:"state"`
	ValidFrom    int64       `json:"validFrom"`
	ValidUntil   int64       `json:"validUntil"`
	DocumentHash common.Hash `json:"documentHash"`
}

// GetClaimResult is id_getClaim's answer.
type GetClaimResult struct {
	Claims []ClaimResult `json:"claims"`
}

// GetClaim is id_getClaim {identity, topic}: the identity's claims on the
// topic, each judged on the chain now. The owner, a reviewer, or a
// service under a grant that covers claim:<topic> may read them.
func (m *methods) GetClaim(ctx context.Context, raw *json.RawMessage) (*GetClaimResult, error) {
	if _, err := m.s.known(ctx); err != nil {
		return nil, err
	}
	id, t, perr := m.claimParams(raw)
	if perr != nil {
		return nil, perr
	}
	js, err := m.s.readClaims(ctx, "id_getClaim", id, t)
	if err != nil {
		return nil, err
	}
	out := &GetClaimResult{Claims: make([]ClaimResult, 0, len(js))}
	for _, j := range js {
		out.Claims = append(out.Claims, claimResult(j))
	}
	return out, nil
}

func claimResult(j identity.Judgement) ClaimResult {
	c := ClaimResult{ClaimID: j.ID, Issuer: Address(j.Issuer), Topic: j.Topic, State: state(j.State)}
	if j.ValidFrom != nil {
		c.ValidFrom = j.ValidFrom.Unix()
	}
	if j.ValidUntil != nil {
		c.ValidUntil = j.ValidUntil.Unix()
	}
	if j.DocumentHash != nil {
		c.DocumentHash = *j.DocumentHash
	}
	return c
}

// state maps a verdict to the pinned claim states; a claim that is not
// valid yet is invalid for now.
func state(s identity.ClaimState) string {
	if s == identity.StateNotYetValid {
		return string(identity.StateInvalid)
	}
	return string(s)
}

// VerifyClaimResult is id_verifyClaim's answer.
type VerifyClaimResult struct {
	Valid  bool   `json:"valid"`
	State  string `json:"state"`
	Reason string `json:"reason,omitempty"`
}

// VerifyClaim is id_verifyClaim {identity, topic}: whether the identity
// holds a valid claim on the topic; otherwise the state of the claim that
// came closest, and why. Who may ask is as for id_getClaim.
func (m *methods) VerifyClaim(ctx context.Context, raw *json.RawMessage) (*VerifyClaimResult, error) {
	if _, err := m.s.known(ctx); err != nil {
		return nil, err
	}
	id, t, perr := m.claimParams(raw)
	if perr != nil {
		return nil, perr
	}
	js, err := m.s.readClaims(ctx, "id_verifyClaim", id, t)
	if err != nil {
		return nil, err
	}
	if len(js) == 0 {
		return &VerifyClaimResult{State: string(identity.StateInvalid), Reason: "the identity holds no claim on topic " + strconv.FormatUint(t, 10)}, nil
	}
	best := js[0]
	for _, j := range js[1:] {
		if rank(j.State) < rank(best.State) {
			best = j
		}
	}
	return &VerifyClaimResult{Valid: best.State == identity.StateValid, State: state(best.State), Reason: best.Reason}, nil
}

// rank orders verdicts from the best to the worst.
func rank(s identity.ClaimState) int {
	switch s {
	case identity.StateValid:
		return 0
	case identity.StateNotYetValid:
		return 1
	case identity.StateExpired:
		return 2
	case identity.StateUntrusted:
		return 3
	case identity.StateRevoked:
		return 4
	}
	return 5
}

type issueParams struct {
	Identity   string          `json:"identity"`
	Topic      json.RawMessage `json:"topic"`
	Data       string          `json:"data"`
	ValidUntil json.RawMessage `json:"validUntil"`
}

// IssueClaimResult is id_issueClaim's answer. State is "valid" once the
// claim is on the identity, and "issued" while it waits for the owner's
// wallet to send Transaction.
type IssueClaimResult struct {
	ClaimID     common.Hash   `json:"claimId"`
	Issuer      Address       `json:"issuer"`
	Topic       uint64        `json:"topic"`
	Signature   hexutil.Bytes `json:"signature"`
	Data        hexutil.Bytes `json:"data"`
	ValidFrom   int64         `json:"validFrom"`
	ValidUntil  int64         `json:"validUntil"`
	State       string        `json:"state"`
	TxHash      *common.Hash  `json:"txHash,omitempty"`
	Transaction *Transaction  `json:"transaction,omitempty"`
}

// IssueClaim is id_issueClaim {identity, topic, data?, validUntil?}, for
// a reviewer of this server's issuer. data is the claim's document hash
// (32 bytes), or claim data in the pinned layout whose document hash and
// validUntil are taken; validUntil defaults to the topic's validity.
func (m *methods) IssueClaim(ctx context.Context, raw *json.RawMessage) (*IssueClaimResult, error) {
	p, argErr := args[issueParams](ctx, m.s, raw)
	if argErr != nil {
		return nil, argErr
	}
	id, t, perr := m.identityTopic(p.Identity, p.Topic)
	if perr != nil {
		return nil, perr
	}
	until, perr := timestamp("validUntil", p.ValidUntil)
	if perr != nil {
		return nil, perr
	}
	data, perr := hexBytes("data", p.Data, 96)
	if perr != nil {
		return nil, perr
	}
	opt := issuer.IssueOptions{ValidUntil: until}
	switch len(data) {
	case 0:
	case 32:
		opt.DocumentHash = common.BytesToHash(data)
	case 96:
		d, ok := identity.DecodeClaimData(data)
		if !ok {
			return nil, invalidParams("params.data: 96 bytes that are not abi.encode(uint64 validFrom, uint64 validUntil, bytes32 documentHash)")
		}
		opt.DocumentHash = d.DocumentHash
		if opt.ValidUntil.IsZero() {
			opt.ValidUntil = d.ValidUntil
		}
	default:
		return nil, invalidParams("params.data: want a 32-byte document hash, or abi.encode(uint64 validFrom, uint64 validUntil, bytes32 documentHash)")
	}
	desk, err := m.s.reviewer(ctx)
	if err != nil {
		return nil, err
	}
	out, ferr := desk.Issue(ctx, id, t, opt)
	if ferr != nil {
		return nil, m.s.fromFlow("id_issueClaim", ferr)
	}
	return issueResult(out), nil
}

func issueResult(out issuer.Issued) *IssueClaimResult {
	c := out.Claim
	r := &IssueClaimResult{ClaimID: c.ID, Issuer: Address(c.Issuer), Topic: c.Topic, Signature: c.Signature, Data: c.Data,
		ValidFrom: c.ValidFrom.Unix(), ValidUntil: c.ValidUntil.Unix(), State: "issued"}
	if out.TxHash != (common.Hash{}) {
		h := out.TxHash
		r.TxHash, r.State = &h, string(identity.StateValid)
	}
	if out.Transaction != nil {
		r.Transaction = &Transaction{To: Address(out.Transaction.To), Data: hexutil.Bytes(out.Transaction.Data), ChainID: out.Transaction.ChainID}
	}
	return r
}

// RevokeClaimResult is id_revokeClaim's answer.
type RevokeClaimResult struct {
	ClaimID common.Hash `json:"claimId"`
	State   string      `json:"state"`
	TxHash  common.Hash `json:"txHash"`
}

// RevokeClaim is id_revokeClaim {identity, topic}, for a reviewer:
// revokeClaimBySignature on the issuer.
func (m *methods) RevokeClaim(ctx context.Context, raw *json.RawMessage) (*RevokeClaimResult, error) {
	if _, err := m.s.known(ctx); err != nil {
		return nil, err
	}
	id, t, perr := m.claimParams(raw)
	if perr != nil {
		return nil, perr
	}
	desk, err := m.s.reviewer(ctx)
	if err != nil {
		return nil, err
	}
	_, tx, ferr := desk.Revoke(ctx, id, t)
	if ferr != nil {
		return nil, m.s.fromFlow("id_revokeClaim", ferr)
	}
	return &RevokeClaimResult{ClaimID: identity.ClaimID(desk.Issuer(), t), State: string(identity.StateRevoked), TxHash: tx}, nil
}

// RenewClaimResult is id_renewClaim's answer.
type RenewClaimResult struct {
	ClaimID     common.Hash  `json:"claimId"`
	ValidUntil  int64        `json:"validUntil"`
	TxHash      *common.Hash `json:"txHash,omitempty"`
	Transaction *Transaction `json:"transaction,omitempty"`
}

// RenewClaim is id_renewClaim {identity, topic}, for a reviewer.
func (m *methods) RenewClaim(ctx context.Context, raw *json.RawMessage) (*RenewClaimResult, error) {
	if _, err := m.s.known(ctx); err != nil {
		return nil, err
	}
	id, t, perr := m.claimParams(raw)
	if perr != nil {
		return nil, perr
	}
	desk, err := m.s.reviewer(ctx)
	if err != nil {
		return nil, err
	}
	out, ferr := desk.Renew(ctx, id, t)
	if ferr != nil {
		return nil, m.s.fromFlow("id_renewClaim", ferr)
	}
	r := issueResult(out)
	return &RenewClaimResult{ClaimID: r.ClaimID, ValidUntil: r.ValidUntil, TxHash: r.TxHash, Transaction: r.Transaction}, nil
}

// ---- KYC applications

type documentParam struct {
	Name        string `json:"name"`
	ContentType string `json:"contentType"`
	Data        string `json:"data"`
}

type submitParams struct {
	Identity  string            `json:"identity"`
	Topic     json.RawMessage   `json:"topic"`
	Fields    map[string]string `json:"fields"`
	Documents []documentParam   `json:"documents"`
}

// ApplicationResult is a KYC application as the API shows it.
type ApplicationResult struct {
	ApplicationID string       `json:"applicationId"`
	Identity      *Address     `json:"identity,omitempty"`
	Topic         uint64       `json:"topic,omitempty"`
	State         string       `json:"state"`
	SubmittedAt   string       `json:"submittedAt,omitempty"`
	ReviewedAt    string       `json:"reviewedAt,omitempty"`
	Reason        string       `json:"reason,omitempty"`
	ClaimID       *common.Hash `json:"claimId,omitempty"`
}

// SubmitKycApplication is id_submitKycApplication {identity, topic,
// fields, documents?}, for the identity's owner.
func (m *methods) SubmitKycApplication(ctx context.Context, raw *json.RawMessage) (*ApplicationResult, error) {
	p, argErr := args[submitParams](ctx, m.s, raw)
	if argErr != nil {
		return nil, argErr
	}
	id, t, perr := m.identityTopic(p.Identity, p.Topic)
	if perr != nil {
		return nil, perr
	}
	if p.Fields == nil {
		return nil, invalidParams("params.fields is required: an object of the topic's fields")
	}
	b := issuer.Bundle{Fields: p.Fields}
	total := 0
	for i, d := range p.Documents {
		data, perr := base64Data("documents["+strconv.Itoa(i)+"].data", d.Data)
		if perr != nil {
			return nil, perr
		}
		if total += len(data); total > issuer.MaxApplicationBytes {
			return nil, invalidParams("params.documents: over the limit of %d bytes (25 MiB) in all", issuer.MaxApplicationBytes)
		}
		b.Documents = append(b.Documents, issuer.Document{Name: d.Name, ContentType: d.ContentType, Data: data})
	}
	if err := issuer.CheckBundle(m.s.cfg.Topics[t], b); err != nil {
		return nil, invalidParams("%s", strings.TrimPrefix(err.Error(), issuer.ErrApplication.Error()+": "))
	}
	desk := m.s.cfg.Desk
	if desk == nil {
		return nil, newError(CodeForbidden, "this server runs no claim issuer")
	}
	if err := m.s.owner(ctx, id); err != nil {
		return nil, err
	}
	a, ferr := desk.Submit(ctx, id, t, b)
	if ferr != nil {
		return nil, m.s.fromFlow("id_submitKycApplication", ferr)
	}
	return &ApplicationResult{ApplicationID: a.ID, State: string(a.State)}, nil
}

type applicationParams struct {
	ApplicationID string `json:"applicationId"`
}

// GetKycApplication is id_getKycApplication {applicationId}, for the
// applicant identity's owner or a reviewer.
func (m *methods) GetKycApplication(ctx context.Context, raw *json.RawMessage) (*ApplicationResult, error) {
	p, argErr := args[applicationParams](ctx, m.s, raw)
	if argErr != nil {
		return nil, argErr
	}
	if err := applicationID(p.ApplicationID); err != nil {
		return nil, err
	}
	desk := m.s.cfg.Desk
	if desk == nil {
		return nil, newError(CodeNotFound, "this server runs no claim issuer")
	}
	c, err := m.s.signedIn(ctx)
	if err != nil {
		return nil, err
	}
	a, ferr := desk.Application(ctx, p.ApplicationID)
	if ferr != nil {
		return nil, m.s.fromFlow("id_getKycApplication", ferr)
	}
	if rerr := desk.Reviewer(ctx, c.wallet); rerr != nil {
		if err := m.s.owner(ctx, a.Identity); err != nil {
			// Neither the owner nor a reviewer: the same answer as an
			// application that does not exist.
			return nil, newError(CodeNotFound, "application %s is not one of yours", clip(p.ApplicationID))
		}
	}
	return applicationResult(a), nil
}

func applicationID(v string) *Error {
	if v == "" {
		return invalidParams("params.applicationId is required")
	}
	if len(v) > 64 {
		return invalidParams("params.applicationId: longer than 64 characters")
	}
	return nil
}

func applicationResult(a store.Application) *ApplicationResult {
	id := Address(a.Identity)
	r := &ApplicationResult{ApplicationID: a.ID, Identity: &id, Topic: a.Topic, State: string(a.State),
		SubmittedAt: a.SubmittedAt.UTC().Format(time.RFC3339), Reason: a.Reason}
	if !a.ReviewedAt.IsZero() {
		r.ReviewedAt = a.ReviewedAt.UTC().Format(time.RFC3339)
	}
	if a.ClaimID != (common.Hash{}) {
		h := a.ClaimID
		r.ClaimID = &h
	}
	return r
}

type reviewParams struct {
	ApplicationID string `json:"applicationId"`
	Decision      string `json:"decision"`
	Reason        string `json:"reason"`
}

// ReviewKycApplication is id_reviewKycApplication {applicationId,
// decision, reason?}, for a reviewer. A second decision is -32009.
func (m *methods) ReviewKycApplication(ctx context.Context, raw *json.RawMessage) (*ApplicationResult, error) {
	p, argErr := args[reviewParams](ctx, m.s, raw)
	if argErr != nil {
		return nil, argErr
	}
	if err := applicationID(p.ApplicationID); err != nil {
		return nil, err
	}
	var d issuer.Decision
	switch p.Decision {
	case "approve":
		d.Approve = true
	case "reject":
		if p.Reason == "" {
			return nil, invalidParams("params.reason is required to reject: the owner is told why")
		}
	default:
		return nil, invalidParams("params.decision: want \"approve\" or \"reject\", got %s", clip(p.Decision))
	}
	d.Reason = p.Reason
	desk, err := m.s.reviewer(ctx)
	if err != nil {
		return nil, err
	}
	c := callerOf(ctx)
	out, ferr := desk.Review(ctx, c.wallet, p.ApplicationID, d)
	if ferr != nil {
		// Also when the approval is recorded and the claim signed but the
		// chain did not take it: the error says so, and
		// id_getKycApplication shows the decision.
		return nil, m.s.fromFlow("id_reviewKycApplication", ferr)
	}
	r := &ApplicationResult{ApplicationID: out.Application.ID, State: string(out.Application.State)}
	if out.Application.ClaimID != (common.Hash{}) {
		h := out.Application.ClaimID
		r.ClaimID = &h
	}
	return r, nil
}

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
