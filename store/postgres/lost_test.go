package postgres

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
)

// TestConnectionsLost: the errors that mean the server dropped its
// connections reset the pool; a caller giving up, a timeout or an error in
// the query does not.
func TestConnectionsLost(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		want bool
	}{
		{"admin shutdown", &pgconn.PgError{Code: "57P01"}, true},
		{"crash shutdown", fmt.Errorf("wrapped: %w", &pgconn.PgError{Code: "57P02"}), true},
		{"starting up", &pgconn.PgError{Code: "57P03"}, true},
		{"refused", &net.OpError{Op: "dial", Net: "tcp", Err: os.ErrNotExist}, true},
		{"closed", pgconn.ErrConnClosed, true},
		{"unique violation", &pgconn.PgError{Code: "23505"}, false},
		{"lock timeout", &pgconn.PgError{Code: "55P03"}, false},
		{"caller gone", fmt.Errorf("query: %w", context.Canceled), false},
		{"deadline", context.DeadlineExceeded, false},
		{"timeout", &net.OpError{Op: "read", Net: "tcp", Err: os.ErrDeadlineExceeded}, false},
		{"other", errors.New("boom"), false},
		{"nil", nil, false},
	} {
		if got := connectionsLost(tc.err); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}
