// Package pgtest gives tests an isolated schema on the PostgreSQL server
// named by IDCONNECT_TEST_POSTGRES_DSN, so that test runs never see each
// other's rows. Start a throwaway server with `scripts/postgres.sh start
// DIR`. It is test support only: production code must not import it.
package pgtest
