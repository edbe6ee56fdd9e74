package rpc

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/issuer"
	"github.com/idconnect/idconnect/store"
)

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
