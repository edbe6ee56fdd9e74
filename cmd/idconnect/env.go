package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/store"
	"github.com/idconnect/idconnect/store/postgres"
	"github.com/idconnect/idconnect/store/sqlite"
)

// openStore opens the store a DSN names: a postgres:// URL or a SQLite file path.
func openStore(ctx context.Context, dsn string, migrate bool) (store.Store, string, error) {
	if isPostgres(dsn) {
		var opts []postgres.Option
		if migrate {
			opts = append(opts, postgres.WithMigrate())
		}
		s, err := postgres.Open(ctx, dsn, opts...)
		return s, "postgres", err
	}
	var opts []sqlite.Option
	if migrate {
		opts = append(opts, sqlite.WithMigrate())
	}
	s, err := sqlite.Open(ctx, dsn, opts...)
	return s, "sqlite", err
}

// dialChain connects to a JSON-RPC endpoint and checks that it answers.
func dialChain(ctx context.Context, rpcURL string) (*ethclient.Client, uint64, error) {
	client, err := ethclient.DialContext(ctx, rpcURL)
	if err != nil {
		return nil, 0, fmt.Errorf("%w: dial %s: %v", identity.ErrChainUnavailable, redactURL(rpcURL), err)
	}
	id, err := client.ChainID(ctx)
	if err != nil {
		client.Close()
		return nil, 0, fmt.Errorf("%w: %s does not answer eth_chainId: %v", identity.ErrChainUnavailable, redactURL(rpcURL), err)
	}
	return client, id.Uint64(), nil
}

// redactURL drops credentials and query (API keys often ride there) from a URL.
func redactURL(raw string) string {
	if i := strings.Index(raw, "?"); i >= 0 {
		raw = raw[:i]
	}
	if at := strings.LastIndex(raw, "@"); at >= 0 {
		if scheme := strings.Index(raw, "://"); scheme >= 0 && scheme < at {
			raw = raw[:scheme+3] + "…@" + raw[at+1:]
		}
	}
	return raw
}

// ensureDir makes the data directory, private to the user: it holds dev keys.
func ensureDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("data dir %s: %w", dir, err)
	}
	return nil
}

func dataPath(dir, name string) string { return filepath.Join(dir, name) }
