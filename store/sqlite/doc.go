// Package sqlite is the embedded store.Store backend: one SQLite file in
// WAL mode, opened through modernc.org/sqlite (pure Go, driver "sqlite").
//
// Writes go through a pool of exactly one connection and every write
// transaction begins IMMEDIATE, so writers queue in Go instead of failing
// with SQLITE_BUSY, and conditional updates (nonces, single-use grants)
// are decided by that one writer. Reads use a separate query-only pool, so
// they never wait for writers. Other processes sharing the file (the CLI
// while the server runs) wait up to the busy timeout, then fail with
// store.ErrUnavailable.
//
// Open does not touch the schema unless given WithMigrate; call
// Store.Migrate (or `idconnect migrate`) otherwise. This package must not
// hold business rules: the queries live in store/internal/sqlstore.
package sqlite
