package postgres_test

import (
	"errors"
	"fmt"
	"net"
	"strings"
	"testing"

	"github.com/idconnect/idconnect/store"
	"github.com/idconnect/idconnect/store/postgres"
	"github.com/idconnect/idconnect/store/postgres/pgtest"
	"github.com/idconnect/idconnect/store/storetest"
)

func TestTwoNodes(t *testing.T) {
	storetest.RunTwoNodes(t, func(t *testing.T) (store.Store, store.Store) {
		dsn := pgtest.SchemaDSN(t)
		nodes := make([]store.Store, 2)
		for i := range nodes {
			s, err := postgres.Open(t.Context(), dsn, postgres.WithMigrate())
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = s.Close() })
			nodes[i] = s
		}
		return nodes[0], nodes[1]
	})
}

// freePort returns a local port that nothing listens on.
func freePort(t *testing.T) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func TestOpenUnreachable(t *testing.T) {
	const password = "s3cret-pw"
	dsn := fmt.Sprintf("postgres://idc:%s@127.0.0.1:%d/idc?sslmode=disable", password, freePort(t))
	_, err := postgres.Open(t.Context(), dsn)
	if !errors.Is(err, store.ErrUnavailable) {
		t.Fatalf("Open = %v, want ErrUnavailable", err)
	}
	t.Logf("Open: %v", err)
	if msg := err.Error(); !strings.Contains(msg, "postgres") || strings.Contains(msg, password) {
		t.Fatalf("error must name the backend and hide the password: %s", msg)
	}
}

func TestOpenBadDSN(t *testing.T) {
	const password = "s3cret-pw"
	_, err := postgres.Open(t.Context(), "postgres://idc:"+password+"@127.0.0.1:notaport/idc")
	if err == nil || errors.Is(err, store.ErrUnavailable) || strings.Contains(err.Error(), password) {
		t.Fatalf("Open = %v, want a configuration error without the password", err)
	}
}

func TestMigrateIsIdempotent(t *testing.T) {
	s := open(t)
	if err := s.Migrate(t.Context()); err != nil {
		t.Fatal(err)
	}
	if err := s.Ping(t.Context()); err != nil {
		t.Fatal(err)
	}
}
