package sqlstore

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/idconnect/idconnect/store"
)

// UseGrant implements store.GrantStore. A single conditional UPDATE both
// checks and changes the grant, so concurrent users of an immediate grant
// are serialized on its row and all but the first see it used; the usage
// row is inserted in the same transaction, so a read is logged exactly
// when it was allowed.
func (s *Core) UseGrant(ctx context.Context, id string, u store.GrantUsage) (store.Grant, error) {
	var out store.Grant
	err := s.db.InTx(ctx, func(ctx context.Context) error {
		w := s.db.Write(ctx)
		g, err := scanGrant(w.QueryRow(ctx, `UPDATE grants SET
			state = CASE WHEN kind = 'immediate' THEN 'used' ELSE state END,
			used_at = CASE WHEN kind = 'immediate' THEN $2 ELSE used_at END,
			last_used_at = $2,
			usage_count = usage_count + 1
			WHERE id = $1 AND state = 'active' AND (expires_at IS NULL OR expires_at > $2)
			RETURNING `+grantCols, id, u.At.UTC()))
		if errors.Is(err, store.ErrNotFound) {
			return s.whyUnusable(ctx, id, u.At)
		}
		if err != nil {
			return err
		}
		_, err = w.Exec(ctx, `INSERT INTO grant_usage (grant_id, at, resource, fields, client_id)
			VALUES ($1, $2, $3, $4, $5)`, id, u.At.UTC(), u.Resource, list(u.Fields), u.ClientID)
		out = g
		return err
	})
	return out, wrap("use grant", err)
}

const grantUsageCols = `id, grant_id, at, resource, fields, client_id`

func scanGrantUsage(r Row) (store.GrantUsage, error) {
	var u store.GrantUsage
	err := r.Scan(&u.ID, &u.GrantID, tm(&u.At), &u.Resource, ls(&u.Fields), &u.ClientID)
	return u, err
}

// ListGrantUsage implements store.GrantStore.
func (s *Core) ListGrantUsage(ctx context.Context, grantID, cur string, limit int) ([]store.GrantUsage, string, error) {
	limit = store.PageLimit(limit)
	var w where
	w.add("grant_id = ?", grantID)
	if cur != "" {
		c, err := parseCursor(cur)
		if err != nil {
			return nil, "", wrap("list grant usage", err)
		}
		n, err := c.intID()
		if err != nil {
			return nil, "", wrap("list grant usage", err)
		}
		w.addCursor("at", "id", c, n)
	}
	q := `SELECT ` + grantUsageCols + ` FROM grant_usage` + w.String() +
		` ORDER BY at DESC, id DESC` + w.limit(limit+1)
	rows, err := s.db.Read(ctx).Query(ctx, q, w.args...)
	usage, err := collect(rows, err, scanGrantUsage)
	if err != nil {
		return nil, "", wrap("list grant usage", err)
	}
	usage, next := page(usage, limit, func(u store.GrantUsage) cursor { return cursor{u.At, itoa(u.ID)} })
	return usage, next, nil
}

// usageChunk is how many usage rows one INSERT writes. Two query texts
// (a full chunk and a single row) keep both backends' statement caches
// small while a batch of n rows costs about n/usageChunk statements.
const usageChunk = 32

// RecordGrantUsage implements store.GrantStore.
func (s *Core) RecordGrantUsage(ctx context.Context, us []store.GrantUsage) error {
	if len(us) == 0 {
		return nil
	}
	err := s.db.InTx(ctx, func(ctx context.Context) error {
		return recordUsage(ctx, s.db.Write(ctx), us)
	})
	return wrap("record grant usage", err)
}

// RecordJournaledUsage implements store.GrantStore.
func (s *Core) RecordJournaledUsage(ctx context.Context, journal string, seq uint64, us []store.GrantUsage) error {
	if seq > math.MaxInt64 {
		return wrap("record journaled usage", fmt.Errorf("sequence number %d out of range", seq))
	}
	err := s.db.InTx(ctx, func(ctx context.Context) error {
		w := s.db.Write(ctx)
		live, err := existingGrants(ctx, w, us)
		if err != nil {
			return err
		}
		if err := recordUsage(ctx, w, live); err != nil {
			return err
		}
		_, err = w.Exec(ctx, `INSERT INTO usage_journals (journal, seq) VALUES ($1, $2)
			ON CONFLICT (journal) DO UPDATE SET seq = CASE WHEN excluded.seq > usage_journals.seq
			THEN excluded.seq ELSE usage_journals.seq END`, journal, int64(seq))
		return err
	})
	return wrap("record journaled usage", err)
}

// UsageJournalMark implements store.GrantStore.
func (s *Core) UsageJournalMark(ctx context.Context, journal string) (uint64, error) {
	var seq int64
	err := s.db.Read(ctx).QueryRow(ctx, `SELECT seq FROM usage_journals WHERE journal = $1`, journal).Scan(&seq)
	if errors.Is(err, store.ErrNotFound) {
		return 0, nil
	}
	return uint64(seq), wrap("usage journal mark", err)
}

// existingGrants keeps the rows whose grant exists.
func existingGrants(ctx context.Context, w Conn, us []store.GrantUsage) ([]store.GrantUsage, error) {
	known := map[string]bool{}
	for _, u := range us {
		if _, ok := known[u.GrantID]; ok {
			continue
		}
		var one int
		err := w.QueryRow(ctx, `SELECT 1 FROM grants WHERE id = $1`, u.GrantID).Scan(&one)
		switch {
		case errors.Is(err, store.ErrNotFound):
			known[u.GrantID] = false
		case err != nil:
			return nil, err
		default:
			known[u.GrantID] = true
		}
	}
	live := us[:0:0]
	for _, u := range us {
		if known[u.GrantID] {
			live = append(live, u)
		}
	}
	return live, nil
}

// recordUsage counts and inserts us, inside the caller's transaction.
func recordUsage(ctx context.Context, w Conn, us []store.GrantUsage) error {
	if len(us) == 0 {
		return nil
	}
	if err := countUsage(ctx, w, us); err != nil {
		return err
	}
	for rest := us; len(rest) > 0; {
		n := usageChunk
		if len(rest) < usageChunk {
			n = 1
		}
		if _, err := w.Exec(ctx, usageInsert(n), usageArgs(rest[:n])...); err != nil {
			return err
		}
		rest = rest[n:]
	}
	return nil
}

// countUsage adds each grant's reads to its count and moves its last-use
// time forward, never back.
func countUsage(ctx context.Context, w Conn, us []store.GrantUsage) error {
	type tally struct {
		n    int64
		last time.Time
	}
	order := []string{}
	per := map[string]*tally{}
	for _, u := range us {
		t, ok := per[u.GrantID]
		if !ok {
			t = &tally{}
			per[u.GrantID] = t
			order = append(order, u.GrantID)
		}
		t.n++
		if u.At.After(t.last) {
			t.last = u.At
		}
	}
	for _, id := range order {
		t := per[id]
		n, err := w.Exec(ctx, `UPDATE grants SET usage_count = usage_count + $2,
			last_used_at = CASE WHEN last_used_at IS NULL OR last_used_at < $3 THEN $3 ELSE last_used_at END
			WHERE id = $1`, id, t.n, t.last.UTC())
		if err := affected(n, err); err != nil {
			return err
		}
	}
	return nil
}

// usageInsert is the INSERT of n usage rows.
func usageInsert(n int) string {
	var b strings.Builder
	b.WriteString(`INSERT INTO grant_usage (grant_id, at, resource, fields, client_id) VALUES `)
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		p := i * 5
		fmt.Fprintf(&b, "($%d, $%d, $%d, $%d, $%d)", p+1, p+2, p+3, p+4, p+5)
	}
	return b.String()
}

func usageArgs(us []store.GrantUsage) []any {
	args := make([]any, 0, 5*len(us))
	for _, u := range us {
		args = append(args, u.GrantID, u.At.UTC(), u.Resource, list(u.Fields), u.ClientID)
	}
	return args
}
