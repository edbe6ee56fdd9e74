// Package store owns idconnect's persistent records, the interfaces that
// read and write them, the sentinel errors every backend returns, and the
// Sealer that encrypts sensitive records before they are stored.
//
// Backends live in sub-packages (store/sqlite, store/postgres) and are all
// held to one behaviour by store/storetest. This package must not import a
// database driver or any other idconnect package: flows depend on the small
// interfaces here, never on a backend.
//
// Times are stored in UTC at microsecond precision; a zero time.Time means
// "not set" and is stored as NULL. State-changing methods take the current
// time as a parameter so that callers, not the store, own the clock.
package store
