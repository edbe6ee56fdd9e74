package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/big"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/idconnect/idconnect/contracts"
	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/internal/simchain"
	"github.com/idconnect/idconnect/issuer"
	"github.com/idconnect/idconnect/signin"
	"github.com/idconnect/idconnect/store"
	"github.com/idconnect/idconnect/web"
)

// node is what a running server is made of.
type node struct {
	chain       identity.Chain
	chainID     uint64
	cache       *identity.Cache
	store       store.Store
	backend     string
	serverKey   []byte
	onboarder   signin.Onboarder // nil: wallets without an identity are told how to get one
	pseudonyms  *web.Pseudonyms
	issuerNames map[common.Address]string
	// desk is the claim issuer this node runs, nil for none.
	desk *deskChain
	// devOracle is the dev chain's sanctions oracle; zero elsewhere.
	devOracle common.Address
	// faucet funds wallets on the dev chain; nil elsewhere.
	faucet  *devFaucet
	closers []func() error
}

// deskChain is a claim issuer's side on the chain: its contracts and keys.
type deskChain struct {
	deployment issuer.Deployment
	signer     issuer.Signer
	sender     *contracts.Sender
	// agent, when set, is an agent of the IdentityRegistry registry.
	registry common.Address
	agent    *contracts.Sender
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
	open := n.openChain
	if cfg.Dev {
		open = func(ctx context.Context, cfg *serveConfig, idCfg *identity.Config) error {
			return n.openDevChain(ctx, cfg, idCfg, out)
		}
	}
	if err := open(ctx, cfg, &idCfg); err != nil {
		n.Close()
		return nil, err
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

// openDevChain starts the in-process chain with the suite and a demo issuer, keeps
// SQLite and the keys in the data dir, and onboards wallets without an identity.
func (n *node) openDevChain(ctx context.Context, cfg *serveConfig, idCfg *identity.Config, out io.Writer) error {
	if err := ensureDir(cfg.DataDir); err != nil {
		return err
	}
	dev, err := startDevChain(ctx, cfg.DataDir, cfg.DevRPCAddr)
	if err != nil {
		return err
	}
	n.closers = append(n.closers, dev.Close)
	dev.print(out, cfg.DevRPCAddr)
	n.chain, n.chainID = dev.chain.Client(), simchain.ChainID
	// The demo issuer is trusted for topics 1-8 in the suite's TrustedIssuersRegistry.
	idCfg.IdFactory, idCfg.IdentityRegistry = dev.suite.IdFactory, dev.suite.IdentityRegistry
	idCfg.TrustedIssuersRegistry = dev.suite.TrustedIssuersRegistry
	onboarder := newFactoryOnboarder(dev.chain.Sender(dev.deployer), dev.suite)
	onboarder.claimKeys, onboarder.fund = []common.Address{dev.issuer.Issuer}, dev.faucet.Fund
	n.onboarder = onboarder
	n.issuerNames = demoIssuerNames(dev.issuer.Issuer)
	n.desk = &deskChain{deployment: dev.issuer, signer: issuer.NewKeySigner(dev.issuerKey), sender: dev.chain.Sender(dev.issuerKey)}
	n.faucet = dev.faucet
	mineCtx, stop := context.WithCancel(context.Background())
	go dev.chain.MinePending(mineCtx, 200*time.Millisecond)
	n.closers = append(n.closers, func() error { stop(); return nil })
	cfg.DSN = dataPath(cfg.DataDir, "idconnect.db")
	n.devOracle = dev.oracle
	info := devChainInfo{ChainID: simchain.ChainID, Suite: dev.suite, Issuer: dev.issuer, SanctionsOracle: dev.oracle}
	if cfg.DevRPCAddr != "" {
		info.RPC = "http://" + cfg.DevRPCAddr
	}
	if err := writeDevChainInfo(cfg.DataDir, info); err != nil {
		return err
	}
	n.serverKey, err = loadOrCreateServerKey(dataPath(cfg.DataDir, "server.key"))
	return err
}

// openChain dials the configured JSON-RPC endpoint and reads the operator's keys.
func (n *node) openChain(ctx context.Context, cfg *serveConfig, idCfg *identity.Config) error {
	client, id, err := dialChain(ctx, cfg.Chain.RPC)
	if err != nil {
		return err
	}
	n.closers = append(n.closers, func() error { client.Close(); return nil })
	n.chain, n.chainID = client, id
	if n.serverKey, err = readServerKey(cfg.ServerKeyFile); err != nil {
		return err
	}
	if cfg.ClaimIssuer != "" {
		key, err := readKeyFile(cfg.ClaimIssuerKeyFile)
		if err != nil {
			return err
		}
		d := issuer.Deployment{Issuer: common.HexToAddress(cfg.ClaimIssuer), Signer: crypto.PubkeyToAddress(key.PublicKey)}
		if cfg.ClaimRenewal != "" {
			d.Renewal = common.HexToAddress(cfg.ClaimRenewal)
		}
		n.desk = &deskChain{deployment: d, signer: issuer.NewKeySigner(key),
			sender: &contracts.Sender{Backend: client, Opts: bind.NewKeyedTransactor(key, new(big.Int).SetUint64(id))}}
		if cfg.RegistryAgentKeyFile != "" {
			agent, err := readKeyFile(cfg.RegistryAgentKeyFile)
			if err != nil {
				return err
			}
			if crypto.PubkeyToAddress(agent.PublicKey) == crypto.PubkeyToAddress(key.PublicKey) {
				return &configError{errors.New("--identity-registry-agent-key must be another key than --claim-issuer-key: each sends its own transactions, and one key's nonces cannot be shared")}
			}
			n.desk.registry = idCfg.IdentityRegistry
			n.desk.agent = &contracts.Sender{Backend: client, Opts: bind.NewKeyedTransactor(agent, new(big.Int).SetUint64(id))}
		}
	}
	if !cfg.Onboarding {
		return nil
	}
	key, err := readKeyFile(cfg.DeployerKeyFile)
	if err != nil {
		return err
	}
	sender := &contracts.Sender{Backend: client, Opts: bind.NewKeyedTransactor(key, new(big.Int).SetUint64(id))}
	n.onboarder = newFactoryOnboarder(sender, contracts.Suite{IdFactory: idCfg.IdFactory})
	return nil
}

// serve runs the HTTP server until ctx ends, then shuts it down gracefully.
func serve(ctx context.Context, cfg *serveConfig, out io.Writer, log *slog.Logger) error {
	tuneGC()
	n, err := openNode(ctx, cfg, out)
	if err != nil {
		return err
	}
	defer n.Close()
	if log, err = n.privateLog(log); err != nil {
		return err
	}
	if n.cache.Reader().TrustSource() == "" {
		log.Warn("no trusted issuers: configure --trusted-issuers-registry, --identity-registry or --trusted-issuer; until then every claim reads as untrusted")
	}

	f, err := buildFlows(ctx, cfg, n, log)
	if err != nil {
		return err
	}
	// Deferred after n.Close, so it runs first: the queued usage rows are
	// written once the server has stopped and while the store is open.
	defer func() {
		if cerr := f.Close(); cerr != nil {
			log.Error("write the usage log at shutdown", "err", cerr)
		}
	}()
	// Secrets a version before sealing stored in plaintext are sealed
	// before anything is served; a failure leaves them to be sealed on
	// first read, so it does not stop the server.
	if sealed, err := f.webhooks.SealPlaintext(ctx); err != nil {
		log.Error("seal webhook secrets stored in plaintext", "err", err, "sealed", sealed)
	} else if sealed > 0 {
		log.Info("sealed webhook secrets stored in plaintext", "sealed", sealed)
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	if cfg.Dev && cfg.DemoAddr != "" {
		demo, err := startDemo(ctx, cfg.issuer(), cfg.DemoAddr, n.store, out)
		if err != nil {
			ln.Close()
			return err
		}
		defer demo.Close()
	}
	srv := newHTTPServer(f.handler, cfg.HTTP, log)
	fmt.Fprintf(out, "idconnect %s on %s (issuer %s, chain %d, store %s)\n", modeName(cfg.Dev), "http://"+ln.Addr().String(), cfg.issuer(), n.chainID, n.backend)

	var wg sync.WaitGroup
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	wg.Add(4)
	if f.desk != nil {
		wg.Add(1)
		go func() { defer wg.Done(); expiryNotices(runCtx, f.desk, time.Hour, log) }()
	}
	if f.screening != nil {
		wg.Add(1)
		go func() { defer wg.Done(); f.screening.Loop(runCtx, cfg.Screening.withDefaults().Reload) }()
	}
	go func() { defer wg.Done(); _ = n.cache.Run(runCtx) }()
	go func() { defer wg.Done(); sweep(runCtx, n.store, time.Minute, log) }()
	go func() { defer wg.Done(); _ = f.deliverer.Run(runCtx) }()
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

// privateLog keys the node's log pseudonyms from the server key and returns
// log with every address and email in its records replaced by a pseudonym:
// whatever a flow's error quotes, the log holds no wallet or identity.
func (n *node) privateLog(log *slog.Logger) (*slog.Logger, error) {
	keys, err := deriveKeys(n.serverKey)
	if err != nil {
		return nil, err
	}
	if n.pseudonyms, err = web.NewPseudonyms(keys.logPseudonym); err != nil {
		return nil, err
	}
	return slog.New(n.pseudonyms.Handler(log.Handler())), nil
}

func modeName(dev bool) string {
	if dev {
		return "dev"
	}
	return "serving"
}
