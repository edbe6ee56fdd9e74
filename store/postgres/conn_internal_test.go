package postgres

import (
	"errors"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/idconnect/idconnect/store"
)

// TestMapErrConnClosed: a connection the server dropped, as pgx reports it
// when it next uses it (here wrapped as pgx wraps it when it frees its
// statement cache), means the database is unavailable, not a bug.
func TestMapErrConnClosed(t *testing.T) {
	for _, err := range []error{
		pgconn.ErrConnClosed,
		fmt.Errorf("failed to deallocate cached statement(s): %w", pgconn.ErrConnClosed),
	} {
		if got := mapErr(err); !errors.Is(got, store.ErrUnavailable) {
			t.Errorf("mapErr(%v) = %v, want ErrUnavailable", err, got)
		}
	}
	if got := mapErr(errors.New("syntax")); errors.Is(got, store.ErrUnavailable) {
		t.Errorf("an ordinary error became ErrUnavailable: %v", got)
	}
}
