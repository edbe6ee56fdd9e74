package main

import (
	"os"
	"testing"

	"github.com/idconnect/idconnect/store/postgres/pgtest"
)

// TestMain gives the tests that need PostgreSQL (two nodes sharing one) a
// server, starting one when make test did not.
func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }
