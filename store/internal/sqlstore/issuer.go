package sqlstore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/store"
)

// Hashes are stored as 32 bytes, and the zero hash ("none") as NULL.
func hashArg(h common.Hash) any {
	if h == (common.Hash{}) {
		return nil
	}
	return h.Bytes()
}

type hashScanner struct{ dst *common.Hash }

func (s hashScanner) Scan(src any) error {
	var b []byte
	if err := (bytesScanner{&b}).Scan(src); err != nil {
		return err
	}
	switch len(b) {
	case 0:
		*s.dst = common.Hash{}
	case common.HashLength:
		*s.dst = common.BytesToHash(b)
	default:
		return fmt.Errorf("store: bad stored hash of %d bytes", len(b))
	}
	return nil
}

func hs(h *common.Hash) hashScanner { return hashScanner{h} }

// Topics are uint64 on the chain and bigint in the database: the cast
// round-trips every value, and the catalogue's topics are far below 2^63.
type topicScanner struct{ dst *uint64 }

func (s topicScanner) Scan(src any) error {
	v, ok := src.(int64)
	if !ok {
		return fmt.Errorf("store: cannot scan %T into a topic", src)
	}
	*s.dst = uint64(v)
	return nil
}

const applicationCols = `id, issuer, identity, topic, state, submitted_at, reviewed_at, reviewer, reason,
	claim_id, bundle_hash, bundle_size, wrapped_key`

func scanApplication(r Row, bundle bool) (store.Application, error) {
	var a store.Application
	dest := []any{&a.ID, ad(&a.Issuer), ad(&a.Identity), topicScanner{&a.Topic}, &a.State, tm(&a.SubmittedAt),
		tm(&a.ReviewedAt), ad(&a.Reviewer), &a.Reason, hs(&a.ClaimID), hs(&a.BundleHash), &a.BundleSize, bs(&a.WrappedKey)}
	if bundle {
		dest = append(dest, bs(&a.Ciphertext))
	}
	return a, r.Scan(dest...)
}

// CreateApplication implements store.ApplicationStore.
func (s *Core) CreateApplication(ctx context.Context, a store.Application) error {
	_, err := s.db.Write(ctx).Exec(ctx, `INSERT INTO applications (`+applicationCols+`, ciphertext)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
		a.ID, addr(a.Issuer), addr(a.Identity), int64(a.Topic), a.State, a.SubmittedAt.UTC(), optTime(a.ReviewedAt),
		addr(a.Reviewer), a.Reason, hashArg(a.ClaimID), hashArg(a.BundleHash), a.BundleSize, blob(a.WrappedKey), blob(a.Ciphertext))
	return wrap("create application", err)
}

// GetApplication implements store.ApplicationStore.
func (s *Core) GetApplication(ctx context.Context, id string) (store.Application, error) {
	a, err := scanApplication(s.db.Read(ctx).QueryRow(ctx,
		`SELECT `+applicationCols+`, ciphertext FROM applications WHERE id = $1`, id), true)
	return a, wrap("get application", err)
}

// ListApplications implements store.ApplicationStore.
func (s *Core) ListApplications(ctx context.Context, q store.ApplicationQuery) ([]store.Application, string, error) {
	limit := store.PageLimit(q.Limit)
	var w where
	if q.Issuer != (common.Address{}) {
		w.add("issuer = ?", addr(q.Issuer))
	}
	if q.Identity != (common.Address{}) {
		w.add("identity = ?", addr(q.Identity))
	}
	w.addIf("state", string(q.State))
	if q.Cursor != "" {
		c, err := parseCursor(q.Cursor)
		if err != nil {
			return nil, "", wrap("list applications", err)
		}
		if q.Newest {
			w.addCursor("submitted_at", "id", c, c.id)
		} else {
			w.add("(submitted_at, id) > (?, ?)", c.at, c.id)
		}
	}
	order := ` ORDER BY submitted_at, id`
	if q.Newest {
		order = ` ORDER BY submitted_at DESC, id DESC`
	}
	rows, err := s.db.Read(ctx).Query(ctx, `SELECT `+applicationCols+` FROM applications`+w.String()+
		order+w.limit(limit+1), w.args...)
	apps, err := collect(rows, err, func(r Row) (store.Application, error) { return scanApplication(r, false) })
	if err != nil {
		return nil, "", wrap("list applications", err)
	}
	apps, next := page(apps, limit, func(a store.Application) cursor { return cursor{a.SubmittedAt, a.ID} })
	return apps, next, nil
}

// DecideApplication implements store.ApplicationStore.
func (s *Core) DecideApplication(ctx context.Context, id string, d store.ApplicationDecision) (store.Application, error) {
	a, err := scanApplication(s.db.Write(ctx).QueryRow(ctx, `UPDATE applications
		SET state = $2, reviewed_at = $3, reviewer = $4, reason = $5, claim_id = $6
		WHERE id = $1 AND state = 'pending' RETURNING `+applicationCols,
		id, d.State, d.At.UTC(), addr(d.Reviewer), d.Reason, hashArg(d.ClaimID)), false)
	if !errors.Is(err, store.ErrNotFound) {
		return a, wrap("decide application", err)
	}
	if _, err = s.GetApplication(ctx, id); err == nil {
		err = store.ErrConsumed
	}
	return store.Application{}, wrap("decide application", err)
}

const issuedClaimCols = `id, issuer, identity, topic, claim_id, signature, data, valid_from, valid_until,
	document_hash, state, tx_hash, application_id, issued_at, notice_at`

func scanIssuedClaim(r Row) (store.IssuedClaim, error) {
	var c store.IssuedClaim
	err := r.Scan(&c.ID, ad(&c.Issuer), ad(&c.Identity), topicScanner{&c.Topic}, hs(&c.ClaimID), bs(&c.Signature),
		bs(&c.Data), tm(&c.ValidFrom), tm(&c.ValidUntil), hs(&c.DocumentHash), &c.State, hs(&c.TxHash),
		&c.ApplicationID, tm(&c.IssuedAt), tm(&c.NoticeAt))
	return c, err
}

// PutIssuedClaim implements store.IssuedClaimStore.
func (s *Core) PutIssuedClaim(ctx context.Context, c store.IssuedClaim) error {
	_, err := s.db.Write(ctx).Exec(ctx, `INSERT INTO issued_claims (`+issuedClaimCols+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
		c.ID, addr(c.Issuer), addr(c.Identity), int64(c.Topic), c.ClaimID.Bytes(), c.Signature, c.Data,
		c.ValidFrom.UTC(), c.ValidUntil.UTC(), hashArg(c.DocumentHash), c.State, hashArg(c.TxHash),
		c.ApplicationID, c.IssuedAt.UTC(), optTime(c.NoticeAt))
	return wrap("put issued claim", err)
}

// GetIssuedClaim implements store.IssuedClaimStore.
func (s *Core) GetIssuedClaim(ctx context.Context, id string) (store.IssuedClaim, error) {
	c, err := scanIssuedClaim(s.db.Read(ctx).QueryRow(ctx,
		`SELECT `+issuedClaimCols+` FROM issued_claims WHERE id = $1`, id))
	return c, wrap("get issued claim", err)
}

// CurrentIssuedClaim implements store.IssuedClaimStore.
func (s *Core) CurrentIssuedClaim(ctx context.Context, issuer, identity common.Address, topic uint64) (store.IssuedClaim, error) {
	c, err := scanIssuedClaim(s.db.Read(ctx).QueryRow(ctx, `SELECT `+issuedClaimCols+` FROM issued_claims
		WHERE issuer = $1 AND identity = $2 AND topic = $3 AND state IN ('ready', 'added')
		ORDER BY issued_at DESC, id DESC LIMIT 1`, addr(issuer), addr(identity), int64(topic)))
	return c, wrap("current issued claim", err)
}

// MoveIssuedClaim implements store.IssuedClaimStore.
func (s *Core) MoveIssuedClaim(ctx context.Context, id string, from []store.IssuedClaimState, to store.IssuedClaimState, tx common.Hash) error {
	if len(from) == 0 {
		return wrap("move issued claim", errors.New("no state to move from"))
	}
	args := []any{id, string(to), hashArg(tx)}
	in := ""
	for i, f := range from {
		args = append(args, string(f))
		if i > 0 {
			in += ", "
		}
		in += "$" + itoa(int64(len(args)))
	}
	n, err := s.db.Write(ctx).Exec(ctx, `UPDATE issued_claims SET state = $2, tx_hash = COALESCE($3, tx_hash)
		WHERE id = $1 AND state IN (`+in+`)`, args...)
	if err = affected(n, err); errors.Is(err, store.ErrNotFound) {
		if _, gerr := s.GetIssuedClaim(ctx, id); gerr == nil {
			err = store.ErrConsumed
		}
	}
	return wrap("move issued claim", err)
}

// ListIssuedClaims implements store.IssuedClaimStore.
func (s *Core) ListIssuedClaims(ctx context.Context, identity common.Address) ([]store.IssuedClaim, error) {
	rows, err := s.db.Read(ctx).Query(ctx, `SELECT `+issuedClaimCols+` FROM issued_claims
		WHERE identity = $1 ORDER BY issued_at DESC, id DESC LIMIT `+itoa(store.MaxPageLimit), addr(identity))
	claims, err := collect(rows, err, scanIssuedClaim)
	return claims, wrap("list issued claims", err)
}

// ExpiringIssuedClaims implements store.IssuedClaimStore.
func (s *Core) ExpiringIssuedClaims(ctx context.Context, before time.Time, limit int) ([]store.IssuedClaim, error) {
	rows, err := s.db.Read(ctx).Query(ctx, `SELECT `+issuedClaimCols+` FROM issued_claims
		WHERE notice_at IS NULL AND state IN ('ready', 'added') AND valid_until < $1
		ORDER BY valid_until, id LIMIT $2`, before.UTC(), store.PageLimit(limit))
	claims, err := collect(rows, err, scanIssuedClaim)
	return claims, wrap("expiring issued claims", err)
}

// MarkExpiryNotice implements store.IssuedClaimStore.
func (s *Core) MarkExpiryNotice(ctx context.Context, id string, at time.Time) error {
	n, err := s.db.Write(ctx).Exec(ctx, `UPDATE issued_claims SET notice_at = $2 WHERE id = $1 AND notice_at IS NULL`, id, at.UTC())
	if err = affected(n, err); errors.Is(err, store.ErrNotFound) {
		if _, gerr := s.GetIssuedClaim(ctx, id); gerr == nil {
			err = store.ErrConsumed
		}
	}
	return wrap("mark expiry notice", err)
}
