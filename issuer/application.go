package issuer

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/mail"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/store"
)

// Size limits of an application's documents.
const (
	MaxDocumentBytes    = 10 << 20
	MaxApplicationBytes = 25 << 20
	maxFieldRunes       = 200
)

// Document is one file of an application.
type Document struct {
	Name        string `json:"name"`
	ContentType string `json:"contentType"`
	Data        []byte `json:"data"`
}

// Bundle is what an owner submits: the topic's fields and documents.
// It is personal data: sealed at rest, never logged, never on the chain.
type Bundle struct {
	Fields    map[string]string `json:"fields"`
	Documents []Document        `json:"documents,omitempty"`
}

// Application is a stored application, with its bundle when it was
// opened.
type Application struct {
	store.Application
	Bundle *Bundle
}

// CheckBundle is the one rule for what an application must hold: every
// required field of the topic, each in its type, no field the topic does
// not ask for; documents the topic names, of a content type it accepts
// (and that the bytes agree with), at most MaxDocumentBytes each and
// MaxApplicationBytes together. The error names every problem.
func CheckBundle(t identity.ClaimTopic, b Bundle) error {
	var problems []string
	fields := map[string]identity.TopicField{}
	for _, f := range t.Fields {
		fields[f.Name] = f
		v, ok := b.Fields[f.Name]
		if f.Required && (!ok || strings.TrimSpace(v) == "") {
			problems = append(problems, fmt.Sprintf("fields.%s is required", f.Name))
		}
	}
	for name, v := range b.Fields {
		f, ok := fields[name]
		if !ok {
			problems = append(problems, fmt.Sprintf("fields.%s is not asked for by topic %d", quote(name), t.Number))
			continue
		}
		if v == "" {
			continue
		}
		if msg := checkField(f.Type, v); msg != "" {
			problems = append(problems, fmt.Sprintf("fields.%s %s", name, msg))
		}
	}
	docs := map[string]identity.TopicDocument{}
	for _, d := range t.Documents {
		docs[d.Name] = d
	}
	seen := map[string]bool{}
	total := 0
	for i, d := range b.Documents {
		at := fmt.Sprintf("documents[%d]", i)
		spec, ok := docs[d.Name]
		switch {
		case !ok:
			problems = append(problems, fmt.Sprintf("%s.name %s is not a document of topic %d", at, quote(d.Name), t.Number))
			continue
		case seen[d.Name]:
			problems = append(problems, fmt.Sprintf("%s.name %s is given twice", at, d.Name))
		}
		seen[d.Name] = true
		total += len(d.Data)
		switch {
		case len(d.Data) == 0:
			problems = append(problems, fmt.Sprintf("%s (%s) is empty", at, d.Name))
		case len(d.Data) > MaxDocumentBytes:
			problems = append(problems, fmt.Sprintf("%s (%s) is %d bytes, over the limit of %d (10 MiB)", at, d.Name, len(d.Data), MaxDocumentBytes))
		}
		if !accepts(spec.ContentTypes, d.ContentType) {
			problems = append(problems, fmt.Sprintf("%s.contentType %s is not accepted for %s (accepted: %s)", at, quote(d.ContentType), d.Name, strings.Join(spec.ContentTypes, ", ")))
		} else if len(d.Data) > 0 && !sniffs(d.ContentType, d.Data) {
			problems = append(problems, fmt.Sprintf("%s (%s) is not %s: its bytes say %s", at, d.Name, d.ContentType, http.DetectContentType(d.Data)))
		}
	}
	if total > MaxApplicationBytes {
		problems = append(problems, fmt.Sprintf("documents total %d bytes, over the limit of %d (25 MiB)", total, MaxApplicationBytes))
	}
	for _, d := range t.Documents {
		if d.Required && !seen[d.Name] {
			problems = append(problems, fmt.Sprintf("documents: %s is required", d.Name))
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("%w: %s", ErrApplication, strings.Join(problems, "; "))
	}
	return nil
}

func checkField(typ, v string) string {
	switch {
	case !utf8.ValidString(v):
		return "is not UTF-8 text"
	case utf8.RuneCountInString(v) > maxFieldRunes:
		return fmt.Sprintf("is longer than %d characters", maxFieldRunes)
	case strings.IndexFunc(v, unicode.IsControl) >= 0:
		return "holds control characters"
	}
	switch typ {
	case "date":
		d, err := time.Parse(time.DateOnly, v)
		if err != nil {
			return "is not a date (YYYY-MM-DD)"
		}
		if d.Year() < 1800 || d.After(time.Now().AddDate(1, 0, 0)) {
			return "is not a plausible date"
		}
	case "country":
		if len(v) != 2 || v[0] < 'A' || v[0] > 'Z' || v[1] < 'A' || v[1] > 'Z' {
			return "is not an ISO 3166-1 alpha-2 country code (two capital letters)"
		}
	case "email":
		if a, err := mail.ParseAddress(v); err != nil || a.Address != v {
			return "is not an email address"
		}
	}
	return ""
}

func accepts(types []string, ct string) bool {
	for _, t := range types {
		if t == ct {
			return true
		}
	}
	return false
}

// sniffs checks the bytes against the declared type for the types whose
// signature http.DetectContentType knows; others pass.
func sniffs(ct string, data []byte) bool {
	switch ct {
	case "application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp":
		got, _, _ := strings.Cut(http.DetectContentType(data), ";")
		return got == ct
	}
	return true
}

func quote(s string) string {
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return fmt.Sprintf("%q", s)
}

// Submit checks an owner's application against the topic's form, seals
// it and stores it as pending. Whoever calls it has checked that the
// caller is the identity's owner.
func (d *Desk) Submit(ctx context.Context, subject common.Address, topic uint64, b Bundle) (store.Application, error) {
	t, ok := d.cfg.Topics[topic]
	if !ok {
		return store.Application{}, fmt.Errorf("%w: %d", ErrTopic, topic)
	}
	if err := CheckBundle(t, b); err != nil {
		return store.Application{}, err
	}
	id, err := d.newID()
	if err != nil {
		return store.Application{}, err
	}
	plain, err := json.Marshal(b)
	if err != nil {
		return store.Application{}, fmt.Errorf("issuer: encode application: %w", err)
	}
	wrapped, sealed, err := d.cfg.Sealer.Seal(applicationAAD(id, subject), plain)
	clear(plain)
	if err != nil {
		return store.Application{}, err
	}
	a := store.Application{ID: id, Issuer: d.cfg.Issuer, Identity: subject, Topic: topic, State: store.ApplicationPending,
		SubmittedAt: d.cfg.Clock(), BundleHash: bundleHash(wrapped, sealed), BundleSize: int64(len(wrapped) + len(sealed)),
		WrappedKey: wrapped, Ciphertext: sealed}
	if err := d.cfg.Store.CreateApplication(ctx, a); errors.Is(err, store.ErrAlreadyExists) {
		return store.Application{}, fmt.Errorf("%w (topic %d)", ErrPending, topic)
	} else if err != nil {
		return store.Application{}, fmt.Errorf("issuer: store application: %w", err)
	}
	a.WrappedKey, a.Ciphertext = nil, nil
	return a, nil
}

// applicationAAD binds a sealed bundle to its application and identity.
func applicationAAD(id string, subject common.Address) string {
	return "application:" + id + ":" + subject.Hex()
}

// bundleHash is the SHA-256 of the sealed bundle, which the issued
// claim's documentHash commits to.
func bundleHash(wrapped, sealed []byte) common.Hash {
	h := sha256.New()
	h.Write(wrapped)
	h.Write(sealed)
	return common.BytesToHash(h.Sum(nil))
}

// Application returns an application without its bundle.
func (d *Desk) Application(ctx context.Context, id string) (store.Application, error) {
	a, err := d.cfg.Store.GetApplication(ctx, id)
	if errors.Is(err, store.ErrNotFound) || err == nil && a.Issuer != d.cfg.Issuer {
		return store.Application{}, fmt.Errorf("%w: application %s", ErrNotFound, quote(id))
	}
	if err != nil {
		return store.Application{}, err
	}
	a.WrappedKey, a.Ciphertext = nil, nil
	return a, nil
}

// Open returns an application with its bundle, for a reviewer.
func (d *Desk) Open(ctx context.Context, id string) (Application, error) {
	a, err := d.cfg.Store.GetApplication(ctx, id)
	if errors.Is(err, store.ErrNotFound) || err == nil && a.Issuer != d.cfg.Issuer {
		return Application{}, fmt.Errorf("%w: application %s", ErrNotFound, quote(id))
	}
	if err != nil {
		return Application{}, err
	}
	if bundleHash(a.WrappedKey, a.Ciphertext) != a.BundleHash {
		return Application{}, fmt.Errorf("issuer: application %s: %w: its bundle does not match its hash", id, store.ErrSealBroken)
	}
	plain, err := d.cfg.Sealer.Open(applicationAAD(a.ID, a.Identity), a.WrappedKey, a.Ciphertext)
	if err != nil {
		return Application{}, fmt.Errorf("issuer: application %s: %w", id, err)
	}
	var b Bundle
	err = json.Unmarshal(plain, &b)
	clear(plain)
	if err != nil {
		return Application{}, fmt.Errorf("issuer: application %s: %w: %v", id, store.ErrSealBroken, err)
	}
	a.WrappedKey, a.Ciphertext = nil, nil
	return Application{Application: a, Bundle: &b}, nil
}

// Queue pages the applications of this issuer in a state (pending for
// the review queue), oldest first.
func (d *Desk) Queue(ctx context.Context, state store.ApplicationState, cursor string, limit int) ([]store.Application, string, error) {
	return d.cfg.Store.ListApplications(ctx, store.ApplicationQuery{Issuer: d.cfg.Issuer, State: state, Cursor: cursor, Limit: limit})
}

// Applications lists an identity's latest applications to this issuer,
// newest first.
func (d *Desk) Applications(ctx context.Context, subject common.Address) ([]store.Application, error) {
	apps, _, err := d.cfg.Store.ListApplications(ctx, store.ApplicationQuery{Issuer: d.cfg.Issuer, Identity: subject, Newest: true, Limit: store.MaxPageLimit})
	return apps, err
}

// Decision is a reviewer's verdict on an application.
type Decision struct {
	Approve bool
	Reason  string
}

// Reviewed is a decided application, and for an approval the claim it
// issued.
type Reviewed struct {
	Application store.Application
	Issued      *Issued
}

// Review decides a pending application once. The decision and, for an
// approval, the signed claim are stored in one transaction, so two
// reviewers deciding at once get one decision and one claim: the other
// gets ErrDecided. The approved claim then goes on the chain (or is
// prepared for the owner's wallet); should the chain fail at that point,
// the claim stays ready and the error says so.
func (d *Desk) Review(ctx context.Context, reviewer common.Address, id string, dec Decision) (Reviewed, error) {
	a, err := d.Application(ctx, id)
	if err != nil {
		return Reviewed{}, err
	}
	if a.State != store.ApplicationPending {
		return Reviewed{}, fmt.Errorf("%w: application %s is %s", ErrDecided, id, a.State)
	}
	if !dec.Approve && strings.TrimSpace(dec.Reason) == "" {
		return Reviewed{}, fmt.Errorf("%w: a rejection needs a reason for the owner", ErrApplication)
	}
	if len(dec.Reason) > 1000 {
		return Reviewed{}, fmt.Errorf("%w: reason is longer than 1000 bytes", ErrApplication)
	}
	ctx, cancel := chainContext(ctx)
	defer cancel()
	decision := store.ApplicationDecision{State: store.ApplicationRejected, Reviewer: reviewer, Reason: dec.Reason, At: d.cfg.Clock()}
	var p planned
	if dec.Approve {
		unlock := d.lockTopic(a.Identity, a.Topic)
		defer unlock()
		// Another reviewer may have decided while this one waited.
		if a, err = d.Application(ctx, id); err != nil {
			return Reviewed{}, err
		}
		if a.State != store.ApplicationPending {
			return Reviewed{}, fmt.Errorf("%w: application %s was decided by another reviewer", ErrDecided, id)
		}
		decision.State = store.ApplicationApproved
		if p, err = d.plan(ctx, a.Identity, a.Topic, IssueOptions{DocumentHash: a.BundleHash, ApplicationID: a.ID}); err != nil {
			return Reviewed{}, err
		}
		decision.ClaimID = p.claim.ID
	}
	var out Reviewed
	err = d.cfg.Store.InTx(ctx, func(ctx context.Context) error {
		decided, err := d.cfg.Store.DecideApplication(ctx, id, decision)
		if errors.Is(err, store.ErrConsumed) {
			return fmt.Errorf("%w: application %s was decided by another reviewer", ErrDecided, id)
		}
		if err != nil {
			return err
		}
		out.Application = decided
		if dec.Approve {
			if err := d.cfg.Store.PutIssuedClaim(ctx, p.record); err != nil {
				return err
			}
		}
		if d.cfg.Notices != nil {
			return d.cfg.Notices.ApplicationDecided(ctx, decided)
		}
		return nil
	})
	if err != nil {
		return Reviewed{}, err
	}
	out.Application.WrappedKey = nil
	if !dec.Approve {
		return out, nil
	}
	issued, err := d.land(ctx, p)
	out.Issued = &issued
	if err != nil {
		return out, fmt.Errorf("issuer: application %s is approved and its claim signed, but adding it failed (it stays ready): %w", id, err)
	}
	return out, nil
}

// ExpiryNotices tells the owners of claims that lapse within NoticeAhead,
// once each, and returns how many it told. A janitor calls it.
func (d *Desk) ExpiryNotices(ctx context.Context) (int, error) {
	due, err := d.cfg.Store.ExpiringIssuedClaims(ctx, d.cfg.Clock().Add(d.cfg.NoticeAhead), 100)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, c := range due {
		err := d.cfg.Store.InTx(ctx, func(ctx context.Context) error {
			if err := d.cfg.Store.MarkExpiryNotice(ctx, c.ID, d.cfg.Clock()); err != nil {
				return err
			}
			if d.cfg.Notices != nil {
				return d.cfg.Notices.ClaimExpiring(ctx, c)
			}
			return nil
		})
		if errors.Is(err, store.ErrConsumed) {
			continue
		}
		if err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// NoticeAhead is how long before a claim lapses its owner is told.
func (d *Desk) NoticeAhead() time.Duration { return d.cfg.NoticeAhead }

// Issued lists the claims this server issued about an identity.
func (d *Desk) Issued(ctx context.Context, subject common.Address) ([]store.IssuedClaim, error) {
	return d.cfg.Store.ListIssuedClaims(ctx, subject)
}
