package sqlite

import (
	"context"
	"database/sql/driver"
	"errors"

	"modernc.org/sqlite"
)

// The modernc driver parses every query it is handed afresh: database/sql
// only reuses a statement prepared through *sql.Stmt, and a *sql.Stmt on
// the single-connection writer pool cannot be prepared while a transaction
// holds that connection. Parsing was a fifth of the CPU of a token
// exchange, so each connection keeps its own prepared statements, keyed by
// query text, below database/sql where transactions are invisible.

// maxCachedStmts bounds the statements one connection keeps. The store's
// queries are a small fixed set (a few vary with their filters); a query
// past the bound simply runs unprepared.
const maxCachedStmts = 256

// cachingConnector opens modernc connections wrapped in stmtConn.
type cachingConnector struct{ inner driver.Connector }

func newConnector(dsn string) (driver.Connector, error) {
	inner, err := sqlite.NewConnector(dsn)
	if err != nil {
		return nil, err
	}
	return cachingConnector{inner: inner}, nil
}

func (c cachingConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.inner.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return newStmtConn(conn)
}

func (c cachingConnector) Driver() driver.Driver { return c.inner.Driver() }

// modernConn is the part of modernc's connection that stmtConn uses.
type modernConn interface {
	driver.Conn
	driver.ConnBeginTx
	driver.ConnPrepareContext
	driver.ExecerContext
	driver.QueryerContext
	driver.Pinger
	driver.SessionResetter
	driver.Validator
}

// stmtConn is a connection with a statement cache. database/sql uses a
// connection from one goroutine at a time, so it needs no lock.
type stmtConn struct {
	modernConn
	stmts map[string]*cachedStmt
}

// cachedStmt is one prepared statement; busy while rows from it are open,
// when the same query must not reset it under them.
type cachedStmt struct {
	s interface {
		driver.Stmt
		driver.StmtExecContext
		driver.StmtQueryContext
	}
	busy bool
}

var (
	_ driver.ExecerContext  = (*stmtConn)(nil)
	_ driver.QueryerContext = (*stmtConn)(nil)
	_ driver.ConnBeginTx    = (*stmtConn)(nil)
)

var errUnexpectedDriver = errors.New("sqlite: the driver's connection lacks an expected method")

func newStmtConn(c driver.Conn) (driver.Conn, error) {
	mc, ok := c.(modernConn)
	if !ok {
		_ = c.Close()
		return nil, errUnexpectedDriver
	}
	return &stmtConn{modernConn: mc, stmts: map[string]*cachedStmt{}}, nil
}

// stmt returns the cached statement for query, preparing it on first use,
// or nil when it is in use or the cache is full.
func (c *stmtConn) stmt(ctx context.Context, query string) (*cachedStmt, error) {
	if s, ok := c.stmts[query]; ok {
		if s.busy {
			return nil, nil
		}
		return s, nil
	}
	if len(c.stmts) >= maxCachedStmts {
		return nil, nil
	}
	ds, err := c.modernConn.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	s, ok := ds.(interface {
		driver.Stmt
		driver.StmtExecContext
		driver.StmtQueryContext
	})
	if !ok {
		_ = ds.Close()
		return nil, errUnexpectedDriver
	}
	cs := &cachedStmt{s: s}
	c.stmts[query] = cs
	return cs, nil
}

// ExecContext implements driver.ExecerContext.
func (c *stmtConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	s, err := c.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	if s == nil {
		return c.modernConn.ExecContext(ctx, query, args)
	}
	return s.s.ExecContext(ctx, args)
}

// QueryContext implements driver.QueryerContext.
func (c *stmtConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	s, err := c.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	if s == nil {
		return c.modernConn.QueryContext(ctx, query, args)
	}
	rs, err := s.s.QueryContext(ctx, args)
	if err != nil {
		return nil, err
	}
	s.busy = true
	return &stmtRows{Rows: rs, s: s}, nil
}

// Close finalizes the cached statements, then closes the connection.
func (c *stmtConn) Close() error {
	var errs []error
	for q, s := range c.stmts {
		errs = append(errs, s.s.Close())
		delete(c.stmts, q)
	}
	return errors.Join(append(errs, c.modernConn.Close())...)
}

// stmtRows frees its statement for reuse once closed.
type stmtRows struct {
	driver.Rows
	s *cachedStmt
}

func (r *stmtRows) Close() error {
	err := r.Rows.Close()
	r.s.busy = false
	return err
}
