package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
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
type conn struct{ q querier }

func (c conn) Exec(ctx context.Context, query string, args ...any) (int64, error) {
	res, err := c.q.ExecContext(ctx, rebind(query), convert(args)...)
	if err != nil {
		return 0, mapErr(err)
	}
	n, err := res.RowsAffected()
	return n, mapErr(err)
}

func (c conn) QueryRow(ctx context.Context, query string, args ...any) sqlstore.Row {
	return row{c.q.QueryRowContext(ctx, rebind(query), convert(args)...)}
}

func (c conn) Query(ctx context.Context, query string, args ...any) (sqlstore.Rows, error) {
	rs, err := c.q.QueryContext(ctx, rebind(query), convert(args)...)
	if err != nil {
		return nil, mapErr(err)
	}
	return rows{rs}, nil
}

type row struct{ r *sql.Row }

func (r row) Scan(dest ...any) error { return mapErr(r.r.Scan(dest...)) }

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
