package main

import (
	"context"
	"fmt"
	"io"
)

// migrate applies the embedded migrations of the store the DSN names.
func migrate(ctx context.Context, dsn string, out io.Writer) error {
	s, backend, err := openStore(ctx, dsn, false)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := s.Migrate(ctx); err != nil {
		return err
	}
	fmt.Fprintf(out, "%s store migrated\n", backend)
	return nil
}
