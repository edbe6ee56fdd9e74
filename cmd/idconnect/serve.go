package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/internal/simchain"
	"github.com/idconnect/idconnect/store"
	"github.com/idconnect/idconnect/web"
)

// node is what a running server is made of.
type node struct {
	chain   identity.Chain
	chainID uint64
	cache   *identity.Cache
	store   store.Store
	backend string
	closers []func() error
}

func (n *node) Close() error {
	var errs []error
	for i := len(n.closers) - 1; i >= 0; i-- {
		errs = append(errs, n.closers[i]())
	}
	return errors.Join(errs...)
}

// openNode connects the chain, the store and the identity cache the config names,
// running and deploying the dev chain in --dev.
func openNode(ctx context.Context, cfg *serveConfig, out io.Writer) (*node, error) {
	n := &node{}
	idCfg := cfg.Chain.addresses()
	if cfg.Dev {
		if err := ensureDir(cfg.DataDir); err != nil {
			return nil, err
		}
		dev, err := startDevChain(ctx, cfg.DataDir, cfg.DevRPCAddr)
		if err != nil {
			return nil, err
		}
		n.closers = append(n.closers, dev.Close)
		dev.print(out, cfg.DevRPCAddr)
		n.chain, n.chainID = dev.chain.Client(), simchain.ChainID
		idCfg.IdFactory, idCfg.IdentityRegistry = dev.suite.IdFactory, dev.suite.IdentityRegistry
		mineCtx, stop := context.WithCancel(context.Background())
		go dev.chain.MinePending(mineCtx, 200*time.Millisecond)
		n.closers = append(n.closers, func() error { stop(); return nil })
		cfg.DSN = dataPath(cfg.DataDir, "idconnect.db")
	} else {
		client, id, err := dialChain(ctx, cfg.Chain.RPC)
		if err != nil {
			return nil, err
		}
		n.closers = append(n.closers, func() error { client.Close(); return nil })
		n.chain, n.chainID = client, id
	}
	reader, err := identity.NewReader(ctx, n.chain, idCfg)
	if err != nil {
		n.Close()
		return nil, err
	}
	n.cache = identity.NewCache(reader, identity.CacheConfig{MaxAge: cfg.CacheAge})
	if n.store, n.backend, err = openStore(ctx, cfg.DSN, true); err != nil {
		n.Close()
		return nil, err
	}
	n.closers = append(n.closers, n.store.Close)
	return n, nil
}

// serve runs the HTTP server until ctx ends, then shuts it down gracefully.
func serve(ctx context.Context, cfg *serveConfig, out io.Writer, log *slog.Logger) error {
	n, err := openNode(ctx, cfg, out)
	if err != nil {
		return err
	}
	defer n.Close()

	mux := http.NewServeMux()
	(&web.Health{ChainID: n.chainID, Chain: n.chain, Following: n.cache.Following, Store: n.store, Backend: n.backend}).Mount(mux)

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
	fmt.Fprintf(out, "idconnect %s on %s (issuer %s, chain %d, store %s)\n", modeName(cfg.Dev), "http://"+ln.Addr().String(), cfg.issuer(), n.chainID, n.backend)

	var wg sync.WaitGroup
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	wg.Add(2)
	go func() { defer wg.Done(); _ = n.cache.Run(runCtx) }()
	go func() {
		defer wg.Done()
		<-runCtx.Done()
		shutdown, done := context.WithTimeout(context.Background(), 10*time.Second)
		defer done()
		_ = srv.Shutdown(shutdown)
	}()
	err = srv.Serve(ln)
	cancel()
	wg.Wait()
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

func modeName(dev bool) string {
	if dev {
		return "dev"
	}
	return "serving"
}
