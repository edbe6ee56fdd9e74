package postgres_test

import (
	"os"
	"testing"

	"github.com/idconnect/idconnect/store/postgres/pgtest"
)

// TestMain gives the tests a PostgreSQL server, starting one when make test
// did not.
func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }
