package sqlstore

import (
	"context"
	"errors"
	"fmt"

	"github.com/idconnect/idconnect/store"
)

// Row is one result row.
type Row interface {
	Scan(dest ...any) error
}

// Rows is a result set.
type Rows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
	Close()
}

// Conn runs queries on a pool or a transaction. Queries are written with
// PostgreSQL's $N placeholders; adapters rewrite them when needed. Errors
// must already be mapped to store sentinels (no rows is store.ErrNotFound).
type Conn interface {
	Exec(ctx context.Context, query string, args ...any) (int64, error)
	QueryRow(ctx context.Context, query string, args ...any) Row
	Query(ctx context.Context, query string, args ...any) (Rows, error)
}

// DB hands out connections, honouring a transaction carried by ctx.
type DB interface {
	// Read returns the transaction in ctx, or a connection for reads.
	Read(ctx context.Context) Conn
	// Write returns the transaction in ctx, or a connection for writes.
	Write(ctx context.Context) Conn
	// InTx runs fn in a transaction, joining the one in ctx if any.
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
	// BeginTx, Commit and Rollback are InTx taken apart, with the
	// semantics of store.Transactor.
	BeginTx(ctx context.Context) (context.Context, error)
	Commit(ctx context.Context) error
	Rollback(ctx context.Context) error
}

// Dialect holds the few SQL fragments the backends disagree on.
type Dialect struct {
	// ForUpdate locks the selected rows until the transaction ends; empty
	// where the transaction already excludes other writers (SQLite).
	ForUpdate string
	// SkipLocked locks the selected rows and skips rows that another
	// transaction holds.
	SkipLocked string
}

// Core implements the record methods of store.Store.
type Core struct {
	db DB
	d  Dialect
}

// New returns a Core over db.
func New(db DB, d Dialect) *Core {
	return &Core{db: db, d: d}
}

// wrap adds the operation to err while keeping the sentinel comparable.
func wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", op, err)
}

// affected turns "zero rows affected" into store.ErrNotFound.
func affected(n int64, err error) error {
	if err == nil && n == 0 {
		return store.ErrNotFound
	}
	return err
}

// collect scans every row with scan.
func collect[T any](rows Rows, err error, scan func(Row) (T, error)) ([]T, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

var errIDChanged = errors.New("store: an update must not change the record's key")
