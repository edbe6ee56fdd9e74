package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/idconnect/idconnect/store"
	"github.com/idconnect/idconnect/store/internal/sqlstore"
)

// querier is what *sql.DB and *sql.Tx have in common.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// conn adapts database/sql to sqlstore.Conn: it rewrites $N placeholders
// to SQLite's ?N, stores times as sortable text, and maps errors.
//
// detachRows runs single-row reads without the caller's cancellation.
// With a cancellable context, database/sql and the driver each start a
// goroutine per query to watch it, which cost more than the point lookups
// the resource endpoints make on every request; such a read on WAL takes
// microseconds and waits for no writer, so there is nothing to cancel. A
// context that is already done still fails the read.
type conn struct {
	q          querier
	detachRows bool
	queries    *rebound
}

func (c conn) Exec(ctx context.Context, query string, args ...any) (int64, error) {
	res, err := c.q.ExecContext(ctx, c.queries.rebind(query), convert(args)...)
	if err != nil {
		return 0, mapErr(err)
	}
	n, err := res.RowsAffected()
	return n, mapErr(err)
}

func (c conn) QueryRow(ctx context.Context, query string, args ...any) sqlstore.Row {
	if c.detachRows {
		if err := ctx.Err(); err != nil {
			return row{err: err}
		}
		ctx = context.WithoutCancel(ctx)
	}
	return row{r: c.q.QueryRowContext(ctx, c.queries.rebind(query), convert(args)...)}
}

func (c conn) Query(ctx context.Context, query string, args ...any) (sqlstore.Rows, error) {
	rs, err := c.q.QueryContext(ctx, c.queries.rebind(query), convert(args)...)
	if err != nil {
		return nil, mapErr(err)
	}
	return rows{rs}, nil
}

type row struct {
	r   *sql.Row
	err error // set instead of r when the read did not run
}

func (r row) Scan(dest ...any) error {
	if r.err != nil {
		return r.err
	}
	return mapErr(r.r.Scan(dest...))
}

type rows struct{ rs *sql.Rows }

func (r rows) Next() bool             { return r.rs.Next() }
func (r rows) Scan(dest ...any) error { return mapErr(r.rs.Scan(dest...)) }
func (r rows) Err() error             { return mapErr(r.rs.Err()) }
func (r rows) Close()                 { _ = r.rs.Close() }

// rebind turns $N into ?N, which SQLite binds to the Nth argument. The
// shared queries contain no other '$'.
func rebind(query string) string {
	return strings.ReplaceAll(query, "$", "?")
}

// rebound remembers rebind's results: the store's queries are a small
// fixed set, and rewriting one allocated a copy of it on every call.
type rebound struct {
	m sync.Map // query -> rebound query
	n atomic.Int32
}

// maxRebound bounds what rebound keeps; past it, queries are rewritten
// each time.
const maxRebound = 1024

func (r *rebound) rebind(query string) string {
	if v, ok := r.m.Load(query); ok {
		return v.(string)
	}
	out := rebind(query)
	if r.n.Load() < maxRebound {
		if _, loaded := r.m.LoadOrStore(query, out); !loaded {
			r.n.Add(1)
		}
	}
	return out
}

// convert stores times as fixed-width UTC text so that comparisons and
// ORDER BY on the text follow time order.
func convert(args []any) []any {
	var out []any
	for i, a := range args {
		t, ok := a.(time.Time)
		if !ok {
			continue
		}
		if out == nil {
			out = append([]any(nil), args...)
		}
		out[i] = t.UTC().Format(sqlstore.SQLiteTimeLayout)
	}
	if out == nil {
		return args
	}
	return out
}

// mapErr turns driver errors into store sentinels.
func mapErr(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return store.ErrNotFound
	}
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return err
	}
	switch se.Code() {
	case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
		return fmt.Errorf("%w: %v", store.ErrAlreadyExists, err)
	}
	switch se.Code() & 0xff {
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_CANTOPEN,
		sqlite3.SQLITE_IOERR, sqlite3.SQLITE_FULL, sqlite3.SQLITE_READONLY:
		return fmt.Errorf("%w: sqlite: %v", store.ErrUnavailable, err)
	}
	return err
}
