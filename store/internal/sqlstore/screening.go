package sqlstore

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/store"
)

// AddScreeningSource implements store.ScreeningStore.
func (s *Core) AddScreeningSource(ctx context.Context, source string, at time.Time) error {
	_, err := s.db.Write(ctx).Exec(ctx, `INSERT INTO screening_sources (source, added_at) VALUES ($1, $2)
		ON CONFLICT (source) DO NOTHING`, source, at.UTC())
	return wrap("add screening source", err)
}

// RemoveScreeningSource implements store.ScreeningStore.
func (s *Core) RemoveScreeningSource(ctx context.Context, source string) error {
	n, err := s.db.Write(ctx).Exec(ctx, `DELETE FROM screening_sources WHERE source = $1`, source)
	return wrap("remove screening source", affected(n, err))
}

// ScreeningSources implements store.ScreeningStore.
func (s *Core) ScreeningSources(ctx context.Context) ([]string, error) {
	rows, err := s.db.Read(ctx).Query(ctx, `SELECT source FROM screening_sources ORDER BY added_at, source`)
	out, err := collect(rows, err, func(r Row) (string, error) {
		var v string
		return v, r.Scan(&v)
	})
	return out, wrap("screening sources", err)
}

// PutListVersion implements store.ScreeningStore.
func (s *Core) PutListVersion(ctx context.Context, v store.ListVersion) error {
	_, err := s.db.Write(ctx).Exec(ctx, `INSERT INTO screening_list_versions
		(source, hash, name, format, entities, loaded_at, error) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		v.Source, v.Hash.Bytes(), v.Name, v.Format, int64(v.Entities), v.LoadedAt.UTC(), v.Error)
	return wrap("put list version", err)
}

// ListVersions implements store.ScreeningStore.
func (s *Core) ListVersions(ctx context.Context, limit int) ([]store.ListVersion, error) {
	rows, err := s.db.Read(ctx).Query(ctx, `SELECT source, hash, name, format, entities, loaded_at, error
		FROM screening_list_versions ORDER BY loaded_at DESC, source LIMIT $1`, store.PageLimit(limit))
	out, err := collect(rows, err, func(r Row) (store.ListVersion, error) {
		var v store.ListVersion
		var n int64
		err := r.Scan(&v.Source, hs(&v.Hash), &v.Name, &v.Format, &n, tm(&v.LoadedAt), &v.Error)
		v.Entities = int(n)
		return v, err
	})
	return out, wrap("list versions", err)
}

// AcquireLease implements store.ScreeningStore. The upsert only takes
// over a row that is the holder's own or has run out, so of two nodes
// racing for a free lease exactly one changes the row.
func (s *Core) AcquireLease(ctx context.Context, name, holder string, now, until time.Time) (bool, error) {
	n, err := s.db.Write(ctx).Exec(ctx, `INSERT INTO leases (name, holder, until) VALUES ($1, $2, $4)
		ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, until = excluded.until
		WHERE leases.holder = excluded.holder OR leases.until < $3`, name, holder, now.UTC(), until.UTC())
	if err != nil {
		return false, wrap("acquire lease", err)
	}
	return n == 1, nil
}

// ReleaseLease implements store.ScreeningStore.
func (s *Core) ReleaseLease(ctx context.Context, name, holder string) error {
	_, err := s.db.Write(ctx).Exec(ctx, `DELETE FROM leases WHERE name = $1 AND holder = $2`, name, holder)
	return wrap("release lease", err)
}

const screeningRunCols = `id, issuer, node, cause, lists, started_at, finished_at, screened, renewed, approved, hits, revoked, error`

// PutScreeningRun implements store.ScreeningStore.
func (s *Core) PutScreeningRun(ctx context.Context, r store.ScreeningRun) error {
	_, err := s.db.Write(ctx).Exec(ctx, `INSERT INTO screening_runs (`+screeningRunCols+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
		r.ID, addr(r.Issuer), r.Node, string(r.Trigger), r.Lists, r.StartedAt.UTC(), optTime(r.FinishedAt),
		int64(r.Screened), int64(r.Renewed), int64(r.Approved), int64(r.Hits), int64(r.Revoked), r.Error)
	return wrap("put screening run", err)
}

// FinishScreeningRun implements store.ScreeningStore.
func (s *Core) FinishScreeningRun(ctx context.Context, r store.ScreeningRun) error {
	n, err := s.db.Write(ctx).Exec(ctx, `UPDATE screening_runs SET finished_at = $2, screened = $3, renewed = $4,
		approved = $5, hits = $6, revoked = $7, error = $8 WHERE id = $1`, r.ID, r.FinishedAt.UTC(),
		int64(r.Screened), int64(r.Renewed), int64(r.Approved), int64(r.Hits), int64(r.Revoked), r.Error)
	return wrap("finish screening run", affected(n, err))
}

// ScreeningRuns implements store.ScreeningStore.
func (s *Core) ScreeningRuns(ctx context.Context, issuer common.Address, limit int) ([]store.ScreeningRun, error) {
	rows, err := s.db.Read(ctx).Query(ctx, `SELECT `+screeningRunCols+` FROM screening_runs
		WHERE issuer = $1 ORDER BY started_at DESC, id DESC LIMIT $2`, addr(issuer), store.PageLimit(limit))
	out, err := collect(rows, err, func(r Row) (store.ScreeningRun, error) {
		var run store.ScreeningRun
		var n [6]int64
		err := r.Scan(&run.ID, ad(&run.Issuer), &run.Node, &run.Trigger, &run.Lists, tm(&run.StartedAt),
			tm(&run.FinishedAt), &n[0], &n[1], &n[2], &n[3], &n[4], &run.Error)
		run.Screened, run.Renewed, run.Approved, run.Hits, run.Revoked = int(n[0]), int(n[1]), int(n[2]), int(n[3]), int(n[4])
		return run, err
	})
	return out, wrap("screening runs", err)
}

const screeningHitCols = `id, run_id, issuer, identity, kind, list, entity_id, entity_digest, field, score, topics,
	state, created_at, decided_at, decided_by, decision, wrapped_key`

func scanScreeningHit(r Row, explanation bool) (store.ScreeningHit, error) {
	var h store.ScreeningHit
	var topics string
	dest := []any{&h.ID, &h.RunID, ad(&h.Issuer), ad(&h.Identity), &h.Kind, &h.List, &h.EntityID, hs(&h.EntityDigest),
		&h.Field, &h.Score, &topics, &h.State, tm(&h.CreatedAt), tm(&h.DecidedAt), ad(&h.DecidedBy), &h.Decision,
		bs(&h.WrappedKey)}
	if explanation {
		dest = append(dest, bs(&h.Explanation))
	}
	if err := r.Scan(dest...); err != nil {
		return h, err
	}
	var err error
	h.Topics, err = parseTopics(topics)
	return h, err
}

// Topics are stored as decimal numbers joined by commas.
func formatTopics(ts []uint64) string {
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = strconv.FormatUint(t, 10)
	}
	return strings.Join(parts, ",")
}

func parseTopics(s string) ([]uint64, error) {
	if s == "" {
		return nil, nil
	}
	var out []uint64
	for _, p := range strings.Split(s, ",") {
		t, err := strconv.ParseUint(p, 10, 64)
		if err != nil {
			return nil, errors.New("store: bad stored topic list " + strconv.Quote(s))
		}
		out = append(out, t)
	}
	return out, nil
}

// PutScreeningHit implements store.ScreeningStore.
func (s *Core) PutScreeningHit(ctx context.Context, h store.ScreeningHit) error {
	_, err := s.db.Write(ctx).Exec(ctx, `INSERT INTO screening_hits (`+screeningHitCols+`, explanation)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
		h.ID, h.RunID, addr(h.Issuer), addr(h.Identity), string(h.Kind), h.List, h.EntityID, h.EntityDigest.Bytes(),
		h.Field, h.Score, formatTopics(h.Topics), string(h.State), h.CreatedAt.UTC(), optTime(h.DecidedAt),
		addr(h.DecidedBy), h.Decision, blob(h.WrappedKey), blob(h.Explanation))
	return wrap("put screening hit", err)
}

// GetScreeningHit implements store.ScreeningStore.
func (s *Core) GetScreeningHit(ctx context.Context, id string) (store.ScreeningHit, error) {
	h, err := scanScreeningHit(s.db.Read(ctx).QueryRow(ctx,
		`SELECT `+screeningHitCols+`, explanation FROM screening_hits WHERE id = $1`, id), true)
	return h, wrap("get screening hit", err)
}

// LatestScreeningHit implements store.ScreeningStore.
func (s *Core) LatestScreeningHit(ctx context.Context, issuer, identity common.Address, list, entityID string, digest common.Hash) (store.ScreeningHit, error) {
	h, err := scanScreeningHit(s.db.Read(ctx).QueryRow(ctx, `SELECT `+screeningHitCols+` FROM screening_hits
		WHERE issuer = $1 AND identity = $2 AND list = $3 AND entity_id = $4 AND entity_digest = $5
		ORDER BY created_at DESC, id DESC LIMIT 1`, addr(issuer), addr(identity), list, entityID, digest.Bytes()), false)
	return h, wrap("latest screening hit", err)
}

// ListScreeningHits implements store.ScreeningStore.
func (s *Core) ListScreeningHits(ctx context.Context, q store.HitQuery) ([]store.ScreeningHit, string, error) {
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
			return nil, "", wrap("list screening hits", err)
		}
		w.addCursor("created_at", "id", c, c.id)
	}
	rows, err := s.db.Read(ctx).Query(ctx, `SELECT `+screeningHitCols+` FROM screening_hits`+w.String()+
		` ORDER BY created_at DESC, id DESC`+w.limit(limit+1), w.args...)
	hits, err := collect(rows, err, func(r Row) (store.ScreeningHit, error) { return scanScreeningHit(r, false) })
	if err != nil {
		return nil, "", wrap("list screening hits", err)
	}
	hits, next := page(hits, limit, func(h store.ScreeningHit) cursor { return cursor{h.CreatedAt, h.ID} })
	return hits, next, nil
}

// DecideScreeningHit implements store.ScreeningStore.
func (s *Core) DecideScreeningHit(ctx context.Context, id string, d store.HitDecision) (store.ScreeningHit, error) {
	h, err := scanScreeningHit(s.db.Write(ctx).QueryRow(ctx, `UPDATE screening_hits
		SET state = $2, decided_at = $3, decided_by = $4, decision = $5
		WHERE id = $1 AND state = 'open' RETURNING `+screeningHitCols,
		id, string(d.State), d.At.UTC(), addr(d.Reviewer), d.Reason), false)
	if !errors.Is(err, store.ErrNotFound) {
		return h, wrap("decide screening hit", err)
	}
	if _, err = s.GetScreeningHit(ctx, id); err == nil {
		err = store.ErrConsumed
	}
	return store.ScreeningHit{}, wrap("decide screening hit", err)
}

// ScreeningSubjects implements store.ScreeningStore.
func (s *Core) ScreeningSubjects(ctx context.Context, issuer common.Address, topics []uint64, after common.Address, limit int) ([]common.Address, error) {
	if len(topics) == 0 {
		return nil, nil
	}
	in := make([]string, len(topics))
	args := []any{addr(issuer), addr(after), store.PageLimit(limit)}
	for i, t := range topics {
		args = append(args, int64(t))
		in[i] = "$" + itoa(int64(len(args)))
	}
	set := strings.Join(in, ", ")
	rows, err := s.db.Read(ctx).Query(ctx, `SELECT identity FROM (
			SELECT identity FROM issued_claims WHERE issuer = $1 AND topic IN (`+set+`) AND state IN ('ready', 'added')
			UNION
			SELECT identity FROM applications WHERE issuer = $1 AND topic IN (`+set+`) AND state = 'pending'
		) subjects WHERE identity > $2 ORDER BY identity LIMIT $3`, args...)
	out, err := collect(rows, err, func(r Row) (common.Address, error) {
		var a common.Address
		return a, r.Scan(ad(&a))
	})
	return out, wrap("screening subjects", err)
}
