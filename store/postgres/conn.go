package postgres

import (
	"context"
	"errors"
	"fmt"
	"net"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/idconnect/idconnect/store"
	"github.com/idconnect/idconnect/store/internal/sqlstore"
)

// querier is what *pgxpool.Pool and pgx.Tx have in common.
type querier interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// conn adapts pgx to sqlstore.Conn, mapping errors to store sentinels.
type conn struct {
	q  querier
	db *pool
}

func (c conn) Exec(ctx context.Context, query string, args ...any) (int64, error) {
	tag, err := c.q.Exec(ctx, query, args...)
	if err != nil {
		return 0, c.db.mapErr(err)
	}
	return tag.RowsAffected(), nil
}

func (c conn) QueryRow(ctx context.Context, query string, args ...any) sqlstore.Row {
	return row{c.q.QueryRow(ctx, query, args...), c.db}
}

func (c conn) Query(ctx context.Context, query string, args ...any) (sqlstore.Rows, error) {
	rs, err := c.q.Query(ctx, query, args...)
	if err != nil {
		return nil, c.db.mapErr(err)
	}
	return rows{rs, c.db}, nil
}

type row struct {
	r  pgx.Row
	db *pool
}

func (r row) Scan(dest ...any) error { return r.db.mapErr(r.r.Scan(dest...)) }

type rows struct {
	rs pgx.Rows
	db *pool
}

func (r rows) Next() bool             { return r.rs.Next() }
func (r rows) Scan(dest ...any) error { return r.db.mapErr(r.rs.Scan(dest...)) }
func (r rows) Err() error             { return r.db.mapErr(r.rs.Err()) }
func (r rows) Close()                 { r.rs.Close() }

// pool is the sqlstore.DB of one Store.
type pool struct{ p *pgxpool.Pool }

// mapErr maps err to the store's sentinels and, when it says the server
// dropped its connections (a restart, pg_ctl stop), closes every pooled
// connection: the idle ones are dead too, and pgx finds out only on their
// next use, which would fail one request per stale connection after the
// server is back (pgx pings only connections idle for over a second).
func (p *pool) mapErr(err error) error {
	if connectionsLost(err) {
		p.p.Reset()
	}
	return mapErr(err)
}

// connectionsLost reports an error that means the server's connections
// are gone: shutdown or crash of the server, or a connection that broke.
func connectionsLost(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false // the caller gave up; the server may be fine
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch pgErr.Code {
		case "57P01", "57P02", "57P03": // admin_shutdown, crash_shutdown, cannot_connect_now
			return true
		}
		return false
	}
	var netErr net.Error
	if errors.As(err, &netErr) && netErr.Timeout() {
		return false // one slow answer, not a server gone
	}
	return connectionBroken(err)
}

type txKey struct{}

// txState is the transaction a context carries, with the pool it belongs
// to, so that a context from one Store never leaks into another.
type txState struct {
	owner *pool
	tx    pgx.Tx
	// joined marks a BeginTx that joined an outer transaction: its Commit
	// and Rollback leave the outer one to its owner.
	joined bool
}

func (p *pool) state(ctx context.Context) *txState {
	if st, ok := ctx.Value(txKey{}).(*txState); ok && st.owner == p {
		return st
	}
	return nil
}

func (p *pool) conn(ctx context.Context) sqlstore.Conn {
	if st := p.state(ctx); st != nil {
		return conn{st.tx, p}
	}
	return conn{p.p, p}
}

func (p *pool) Read(ctx context.Context) sqlstore.Conn  { return p.conn(ctx) }
func (p *pool) Write(ctx context.Context) sqlstore.Conn { return p.conn(ctx) }

// InTx runs fn in a READ COMMITTED transaction; the Core's conditional
// updates and row locks make that sufficient. A nested call joins the
// outer transaction.
func (p *pool) InTx(ctx context.Context, fn func(ctx context.Context) error) error {
	if p.state(ctx) != nil {
		return fn(ctx)
	}
	tx, err := p.p.Begin(ctx)
	if err != nil {
		return p.mapErr(err)
	}
	committed := false
	defer func() {
		// Also reached when fn panics: return the connection to the pool.
		if !committed {
			_ = tx.Rollback(context.WithoutCancel(ctx))
		}
	}()
	if err := fn(context.WithValue(ctx, txKey{}, &txState{owner: p, tx: tx})); err != nil {
		return err
	}
	committed = true
	return p.mapErr(tx.Commit(ctx))
}

// BeginTx begins like InTx, or joins the transaction ctx already carries.
func (p *pool) BeginTx(ctx context.Context) (context.Context, error) {
	if st := p.state(ctx); st != nil {
		return context.WithValue(ctx, txKey{}, &txState{owner: p, tx: st.tx, joined: true}), nil
	}
	tx, err := p.p.Begin(ctx)
	if err != nil {
		return ctx, p.mapErr(err)
	}
	return context.WithValue(ctx, txKey{}, &txState{owner: p, tx: tx}), nil
}

// Commit commits the transaction BeginTx put in ctx.
func (p *pool) Commit(ctx context.Context) error {
	st, err := p.owned(ctx)
	if st == nil {
		return err
	}
	return p.mapErr(st.tx.Commit(ctx))
}

// Rollback rolls back the transaction BeginTx put in ctx. It runs even when
// ctx is cancelled, so that the connection returns to the pool.
func (p *pool) Rollback(ctx context.Context) error {
	st, err := p.owned(ctx)
	if st == nil {
		return err
	}
	return p.mapErr(st.tx.Rollback(context.WithoutCancel(ctx)))
}

// owned returns the transaction ctx carries when BeginTx began it here; a
// joined one is the outer owner's to end (nil, nil), and no transaction is
// ErrNoTx.
func (p *pool) owned(ctx context.Context) (*txState, error) {
	switch st := p.state(ctx); {
	case st == nil:
		return nil, store.ErrNoTx
	case st.joined:
		return nil, nil
	default:
		return st, nil
	}
}

// mapErr turns pgx errors into store sentinels. Connection failures name
// the backend and the server but never the password: pgconn redacts it.
func mapErr(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, pgx.ErrNoRows) {
		return store.ErrNotFound
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch {
		case pgErr.Code == "23505": // unique_violation
			return fmt.Errorf("%w: %v", store.ErrAlreadyExists, err)
		case unavailableClass(pgErr.Code):
			return fmt.Errorf("%w: postgres: %v", store.ErrUnavailable, err)
		}
		return err
	}
	if connectionBroken(err) {
		return fmt.Errorf("%w: postgres: %v", store.ErrUnavailable, err)
	}
	return err
}

// connectionBroken reports a connection that could not be made or broke:
// refused, reset, timed out, or (pgconn.ErrConnClosed) one the server
// dropped (a restart, pg_ctl stop) that pgx notices only when it next
// uses it.
func connectionBroken(err error) bool {
	var connectErr *pgconn.ConnectError
	var netErr net.Error
	return errors.As(err, &connectErr) || errors.As(err, &netErr) || errors.Is(err, net.ErrClosed) || errors.Is(err, pgconn.ErrConnClosed)
}

// unavailableClass reports server errors that mean "try again later":
// connection exceptions, too many connections, shutdown, lock timeouts.
func unavailableClass(code string) bool {
	switch code {
	case "53300", "55P03", "57P01", "57P02", "57P03":
		return true
	}
	return len(code) == 5 && code[:2] == "08"
}
