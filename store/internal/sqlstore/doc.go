// Package sqlstore implements every store record method once, in SQL that
// both SQLite and PostgreSQL accept, over the small Conn and DB interfaces
// each backend provides.
//
// It owns the queries and the record (de)serialization. It must not know
// which database it talks to beyond the Dialect, must not open
// connections, and must not map driver errors: backends do that in their
// Conn adapters, so that everything here sees the store sentinels only.
package sqlstore
