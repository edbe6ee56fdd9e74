package postgres

import (
	"context"
	"embed"
	"fmt"
	"hash/fnv"
	"io/fs"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

	"github.com/idconnect/idconnect/store"
	"github.com/idconnect/idconnect/store/internal/sqlstore"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is the PostgreSQL store.Store.
type Store struct {
	*sqlstore.Core
	db *pool
}

var _ store.Store = (*Store)(nil)

type config struct {
	migrate        bool
	maxConns       int32
	connectTimeout time.Duration
}

// Option configures Open.
type Option func(*config)

// WithMigrate applies pending migrations before Open returns.
func WithMigrate() Option { return func(c *config) { c.migrate = true } }

// WithMaxConns sets the pool size; the default is pgxpool's,
// max(4, GOMAXPROCS), or pool_max_conns from the DSN.
func WithMaxConns(n int32) Option { return func(c *config) { c.maxConns = n } }

// WithConnectTimeout bounds each connection attempt when the DSN sets no
// connect_timeout. The default is 5s.
func WithConnectTimeout(d time.Duration) Option { return func(c *config) { c.connectTimeout = d } }

// Open connects to the database at dsn (a postgres:// URL or key=value
// string, as pgx accepts) and checks that it answers. It fails with
// store.ErrUnavailable when the server cannot be reached.
func Open(ctx context.Context, dsn string, opts ...Option) (*Store, error) {
	cfg := config{connectTimeout: 5 * time.Second}
	for _, o := range opts {
		o(&cfg)
	}
	pc, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		// pgconn redacts the password from parse errors.
		return nil, fmt.Errorf("postgres: %w", err)
	}
	if pc.ConnConfig.ConnectTimeout == 0 {
		pc.ConnConfig.ConnectTimeout = cfg.connectTimeout
	}
	if cfg.maxConns > 0 {
		pc.MaxConns = cfg.maxConns
	}
	p, err := pgxpool.NewWithConfig(ctx, pc)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", mapErr(err))
	}
	db := &pool{p: p}
	s := &Store{db: db, Core: sqlstore.New(db, sqlstore.Dialect{
		ForUpdate:  " FOR UPDATE",
		SkipLocked: " FOR UPDATE SKIP LOCKED",
	})}
	if err := s.Ping(ctx); err != nil {
		p.Close()
		return nil, err
	}
	if cfg.migrate {
		if err := s.Migrate(ctx); err != nil {
			p.Close()
			return nil, err
		}
	}
	return s, nil
}

// Migrate implements store.Store. The advisory lock is derived from the
// database and schema, so nodes sharing a schema migrate one at a time
// while separate schemas (tests, tenants) do not wait on each other.
func (s *Store) Migrate(ctx context.Context) error {
	var where string
	err := s.db.p.QueryRow(ctx, `SELECT current_database() || '.' || current_schema()`).Scan(&where)
	if err != nil {
		return fmt.Errorf("postgres: migrate: %w", mapErr(err))
	}
	h := fnv.New64a()
	h.Write([]byte("idconnect-migrate:" + where))
	locker, err := lock.NewPostgresSessionLocker(lock.WithLockID(int64(h.Sum64())), lock.WithLockTimeout(1, 300))
	if err != nil {
		return fmt.Errorf("postgres: migrate: %w", err)
	}
	fsys, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return err
	}
	// goose speaks database/sql; this *sql.DB borrows connections from the
	// pool, and closing it leaves the pool open.
	db := stdlib.OpenDBFromPool(s.db.p)
	defer db.Close()
	p, err := goose.NewProvider(goose.DialectPostgres, db, fsys,
		goose.WithDisableGlobalRegistry(true), goose.WithSessionLocker(locker))
	if err != nil {
		return fmt.Errorf("postgres: migrate: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("postgres: migrate: %w", mapErr(err))
	}
	return nil
}

// Ping implements store.Store.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.db.p.Ping(ctx); err != nil {
		return mapErr(err)
	}
	return nil
}

// Close implements store.Store.
func (s *Store) Close() error {
	s.db.p.Close()
	return nil
}

// InGroupTx implements store.Transactor. PostgreSQL groups concurrent
// commits itself and runs transactions side by side, so each caller gets
// its own.
func (s *Store) InGroupTx(ctx context.Context, fn func(ctx context.Context) error) error {
	return s.db.InTx(ctx, fn)
}

// InTx implements store.Transactor.
func (s *Store) InTx(ctx context.Context, fn func(ctx context.Context) error) error {
	return s.db.InTx(ctx, fn)
}

// BeginTx implements store.Transactor.
func (s *Store) BeginTx(ctx context.Context) (context.Context, error) { return s.db.BeginTx(ctx) }

// Commit implements store.Transactor.
func (s *Store) Commit(ctx context.Context) error { return s.db.Commit(ctx) }

// Rollback implements store.Transactor.
func (s *Store) Rollback(ctx context.Context) error { return s.db.Rollback(ctx) }
