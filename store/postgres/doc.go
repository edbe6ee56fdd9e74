// Package postgres is the scale-out store.Store backend: PostgreSQL
// through a pgx v5 pool, shared by any number of idconnect nodes.
//
// Single-use guarantees (nonces, immediate grants, notification claims)
// rest on conditional UPDATEs that PostgreSQL re-checks against the latest
// row version, so they hold across nodes without advisory locks; closure
// updates lock their row with SELECT … FOR UPDATE.
//
// Open does not touch the schema unless given WithMigrate; call
// Store.Migrate (or `idconnect migrate`) otherwise. Migrations take a
// PostgreSQL advisory lock, so nodes starting together migrate once. This
// package must not hold business rules: the queries live in
// store/internal/sqlstore.
package postgres
