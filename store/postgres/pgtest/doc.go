// Package pgtest gives tests an isolated schema on a PostgreSQL server, so
// that test runs never see each other's rows: the server named by
// IDCONNECT_TEST_POSTGRES_DSN, or one that Main starts for the package. It
// never skips. NewCluster gives a test a cluster of its own that it may stop
// and start, to see what its code does while the database is down. It is
// test support only: production code must not import it.
package pgtest
