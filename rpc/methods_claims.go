package rpc

import (
	"context"
	"encoding/json"
	"strconv"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"

	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/issuer"
)

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
	r.Transaction = out.Transaction
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
