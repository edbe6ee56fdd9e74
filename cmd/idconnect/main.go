package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/idconnect/idconnect/notify"
	"github.com/idconnect/idconnect/screening"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := newApp(os.Stdout, os.Stderr).Run(ctx, os.Args); err != nil {
		fmt.Fprintln(os.Stderr, "idconnect:", err)
		var ce *configError
		if errors.As(err, &ce) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

// configError is a configuration that does not validate; it exits with status 2.
type configError struct{ err error }

func (e *configError) Error() string { return "invalid configuration:\n  " + indent(e.err.Error()) }
func (e *configError) Unwrap() error { return e.err }

func indent(s string) string {
	out := []rune{}
	for _, r := range s {
		out = append(out, r)
		if r == '\n' {
			out = append(out, ' ', ' ')
		}
	}
	return string(out)
}

// serveGCPercent is the collector's target for serve when GOGC is not set.
// The server's live heap is small (caches of a few MB) and every request
// allocates, so at Go's default of 100 the collector ran several times a
// second under load and took about a tenth of the CPU of a /userinfo read;
// 400 lets the heap grow to five times the live heap between cycles.
const serveGCPercent = 400

// tuneGC applies serveGCPercent unless the operator chose with GOGC.
func tuneGC() {
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(serveGCPercent)
	}
}

func env(name string) cli.ValueSourceChain { return cli.EnvVars("IDCONNECT_" + name) }

func newApp(stdout, stderr io.Writer) *cli.Command {
	log := slog.New(slog.NewTextHandler(stderr, nil))
	return &cli.Command{
		Name:      "idconnect",
		Usage:     "Connect with ONCHAINID: an OAuth2/OIDC authorization server for ONCHAINID identities",
		Writer:    stdout,
		ErrWriter: stderr,
		Commands: []*cli.Command{
			serveCommand(stdout, log),
			migrateCommand(stdout),
			clientCommand(stdout),
			apikeyCommand(stdout),
			keysCommand(stdout),
			outboxCommand(stdout),
			topicsCommand(stdout),
			issuerCommand(stdout),
			screeningCommand(stdout),
			documentCommand(stdout),
			{Name: "contracts", Usage: "manage the ONCHAINID contract suite", Commands: []*cli.Command{deployCommand(stdout)}},
			{Name: "identity", Usage: "read identities from the chain", Commands: []*cli.Command{inspectCommand(stdout)}},
		},
	}
}

func chainFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "chain-rpc", Usage: "Ethereum JSON-RPC URL (http, https, ws or wss)", Sources: env("CHAIN_RPC")},
		&cli.StringFlag{Name: "idfactory", Usage: "ONCHAINID IdFactory address", Sources: env("IDFACTORY")},
		&cli.StringFlag{Name: "identity-registry", Usage: "ERC-3643 IdentityRegistry address", Sources: env("IDENTITY_REGISTRY")},
		&cli.StringFlag{Name: "trusted-issuers-registry", Usage: "ERC-3643 TrustedIssuersRegistry address (default: the IdentityRegistry's)", Sources: env("TRUSTED_ISSUERS_REGISTRY")},
		&cli.StringSliceFlag{Name: "trusted-issuer", Usage: "TOPIC=ADDRESS: trust a claim issuer for a topic, where no TrustedIssuersRegistry is configured (repeatable)", Sources: env("TRUSTED_ISSUER")},
	}
}

func readChainFlags(c *cli.Command) chainConfig {
	return chainConfig{RPC: c.String("chain-rpc"), IdFactory: c.String("idfactory"), IdentityRegistry: c.String("identity-registry"),
		TrustedIssuersRegistry: c.String("trusted-issuers-registry"), TrustedIssuers: c.StringSlice("trusted-issuer")}
}

func serveCommand(stdout io.Writer, log *slog.Logger) *cli.Command {
	return &cli.Command{
		Name:  "serve",
		Usage: "run the server",
		Flags: append(chainFlags(),
			&cli.BoolFlag{Name: "dev", Usage: "run an in-process chain with the contracts deployed, and SQLite in --data-dir", Sources: env("DEV")},
			&cli.StringFlag{Name: "addr", Value: "127.0.0.1:8080", Usage: "listen address HOST:PORT", Sources: env("ADDR")},
			&cli.StringFlag{Name: "issuer", Usage: "public issuer URL (default http://ADDR)", Sources: env("ISSUER")},
			&cli.StringFlag{Name: "data-dir", Value: "./.idconnect", Usage: "folder for the dev database and dev keys", Sources: env("DATA_DIR")},
			&cli.StringFlag{Name: "dsn", Usage: "SQLite file path or postgres:// URL", Sources: env("DSN")},
			&cli.StringFlag{Name: "dev-rpc-addr", Value: "127.0.0.1:8545", Usage: "in --dev, serve the chain's JSON-RPC here (empty: do not)", Sources: env("DEV_RPC_ADDR")},
			&cli.DurationFlag{Name: "cache-max-age", Value: 5 * time.Minute, Usage: "longest time an on-chain read is served from the cache", Sources: env("CACHE_MAX_AGE")},
			&cli.StringFlag{Name: "server-key-file", Usage: "file with the 32-byte server key as hex (openssl rand -hex 32)", Sources: env("SERVER_KEY_FILE")},
			&cli.StringFlag{Name: "deployer-key-file", Usage: "the IdFactory owner's key, used by --onboarding", Sources: env("DEPLOYER_KEY_FILE")},
			&cli.BoolFlag{Name: "onboarding", Usage: "create an identity, at the operator's expense, for a wallet that has none at its first login", Sources: env("ONBOARDING")},
			&cli.IntFlag{Name: "onboarding-daily-limit", Value: 100, Usage: "with --onboarding, the most identities created a day (UTC) across every node", Sources: env("ONBOARDING_DAILY_LIMIT")},
			&cli.StringFlag{Name: "registration-token", Usage: "operator bearer token for RFC 7591 dynamic client registration", Sources: env("REGISTRATION_TOKEN")},
			&cli.StringFlag{Name: "demo-addr", Value: "127.0.0.1:8081", Usage: "in --dev, serve the demo relying party here (empty: do not)", Sources: env("DEMO_ADDR")},
			&cli.StringSliceFlag{Name: "trusted-proxy", Usage: "a reverse proxy (CIDR or address) whose X-Forwarded-For names the client; repeatable", Sources: env("TRUSTED_PROXY")},
			&cli.DurationFlag{Name: "read-header-timeout", Value: defaultReadHeaderTimeout, Usage: "longest time to read a request's headers", Sources: env("READ_HEADER_TIMEOUT")},
			&cli.DurationFlag{Name: "read-timeout", Value: defaultReadTimeout, Usage: "longest time to read a whole request", Sources: env("READ_TIMEOUT")},
			&cli.DurationFlag{Name: "write-timeout", Value: defaultWriteTimeout, Usage: "longest time to handle a request and write the answer", Sources: env("WRITE_TIMEOUT")},
			&cli.DurationFlag{Name: "idle-timeout", Value: defaultIdleTimeout, Usage: "longest time a kept-alive connection waits for its next request", Sources: env("IDLE_TIMEOUT")},
			&cli.DurationFlag{Name: "outbox-max-age", Value: notify.DefaultMaxAge, Usage: "how long a webhook or callback is retried before it is given up as dead", Sources: env("OUTBOX_MAX_AGE")},
			topicsFlag(),
			&cli.StringFlag{Name: "claim-issuer", Usage: "run the claim desk for this ClaimIssuer (set up by `idconnect issuer deploy`)", Sources: env("CLAIM_ISSUER")},
			&cli.StringFlag{Name: "claim-issuer-key", Usage: "file with the hex key that manages the claim issuer and signs its claims", Sources: env("CLAIM_ISSUER_KEY")},
			&cli.StringFlag{Name: "claim-renewal", Usage: "the ClaimRenewal contract `issuer deploy` printed, for renewals in one transaction", Sources: env("CLAIM_RENEWAL")},
			&cli.StringFlag{Name: "identity-registry-agent-key", Usage: "key file of an agent of the ERC-3643 IdentityRegistry: register identities once the claims they need are issued here", Sources: env("IDENTITY_REGISTRY_AGENT_KEY")},
			&cli.DurationFlag{Name: "expiry-notice", Value: 14 * 24 * time.Hour, Usage: "how long before a claim issued here lapses its owner is told", Sources: env("EXPIRY_NOTICE")},
			&cli.StringSliceFlag{Name: "screening-list", Usage: "a sanctions or PEP list, a file or URL in a published format (detected from its content), that screening keeps the rolling claims against (repeatable; `idconnect screening load` adds more)", Sources: env("SCREENING_LIST")},
			&cli.DurationFlag{Name: "screening-interval", Value: time.Hour, Usage: "how often every screened identity is screened again", Sources: env("SCREENING_INTERVAL")},
			&cli.DurationFlag{Name: "screening-reload", Value: time.Minute, Usage: "how often the lists are checked for a new version, which is screened against at once", Sources: env("SCREENING_RELOAD")},
			&cli.DurationFlag{Name: "screening-renew-before", Value: 7 * 24 * time.Hour, Usage: "how long before it lapses a clean identity's rolling claim is renewed", Sources: env("SCREENING_RENEW_BEFORE")},
			&cli.Float64Flag{Name: "threshold", Value: screening.DefaultThreshold, Usage: "the name score, 0 to 1, from which screening calls a name a hit", Sources: env("SCREENING_THRESHOLD")},
			&cli.StringFlag{Name: "sanctions-oracle", Usage: "a Chainalysis-style sanctions oracle (0x…) whose isSanctioned(address) screening consults for every wallet", Sources: env("SANCTIONS_ORACLE")},
		),
		Action: func(ctx context.Context, c *cli.Command) error {
			cfg := &serveConfig{
				ClaimIssuer: c.String("claim-issuer"), ClaimIssuerKeyFile: c.String("claim-issuer-key"),
				ClaimRenewal: c.String("claim-renewal"), ExpiryNotice: c.Duration("expiry-notice"),
				RegistryAgentKeyFile: c.String("identity-registry-agent-key"),
				Screening: screeningConfig{Lists: c.StringSlice("screening-list"), Interval: c.Duration("screening-interval"),
					Reload: c.Duration("screening-reload"), RenewBefore: c.Duration("screening-renew-before"),
					Threshold: c.Float64("threshold"), Oracle: c.String("sanctions-oracle")},
				Dev: c.Bool("dev"), Addr: c.String("addr"), Issuer: c.String("issuer"), DataDir: c.String("data-dir"),
				DSN: c.String("dsn"), DevRPCAddr: c.String("dev-rpc-addr"), CacheAge: c.Duration("cache-max-age"), Chain: readChainFlags(c),
				ServerKeyFile: c.String("server-key-file"), DeployerKeyFile: c.String("deployer-key-file"),
				Onboarding: c.Bool("onboarding"), OnboardingDailyLimit: int(c.Int("onboarding-daily-limit")),
				RegistrationToken: c.String("registration-token"), DemoAddr: c.String("demo-addr"),
				OutboxMaxAge: c.Duration("outbox-max-age"), TopicsFile: c.String("topics"),
				HTTP: httpConfig{ReadHeaderTimeout: c.Duration("read-header-timeout"), ReadTimeout: c.Duration("read-timeout"),
					WriteTimeout: c.Duration("write-timeout"), IdleTimeout: c.Duration("idle-timeout"), TrustedProxies: c.StringSlice("trusted-proxy")},
			}
			if err := cfg.validate(); err != nil {
				return &configError{err}
			}
			return serve(ctx, cfg, stdout, log)
		},
	}
}

func migrateCommand(stdout io.Writer) *cli.Command {
	return &cli.Command{
		Name:  "migrate",
		Usage: "apply the database migrations",
		Flags: storeFlags(),
		Action: func(ctx context.Context, c *cli.Command) error {
			dsn, err := dsnFlags(c)
			if err != nil {
				return err
			}
			return migrate(ctx, dsn, stdout)
		},
	}
}

func deployCommand(stdout io.Writer) *cli.Command {
	return &cli.Command{
		Name:  "deploy",
		Usage: "deploy the IdFactory and the ERC-3643 registries to a chain and print their addresses as JSON",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "chain-rpc", Usage: "Ethereum JSON-RPC URL", Sources: env("CHAIN_RPC")},
			&cli.StringFlag{Name: "key-file", Usage: "file holding the deployer's hex private key"},
		},
		Action: func(ctx context.Context, c *cli.Command) error {
			cc := chainConfig{RPC: c.String("chain-rpc")}
			errs := cc.validate(false)
			if c.String("key-file") == "" {
				errs = append(errs, errors.New("--key-file is required"))
			}
			if err := errors.Join(errs...); err != nil {
				return &configError{err}
			}
			return deploySuite(ctx, cc.RPC, c.String("key-file"), stdout)
		},
	}
}

func inspectCommand(stdout io.Writer) *cli.Command {
	return &cli.Command{
		Name:  "inspect",
		Usage: "print an identity's keys and judged claims as JSON",
		Flags: append(chainFlags(),
			&cli.StringFlag{Name: "wallet", Usage: "resolve this wallet to its identity"},
			&cli.StringFlag{Name: "identity", Usage: "the identity contract (with --wallet: used when neither the factory nor the registry knows the wallet)"},
		),
		Action: func(ctx context.Context, c *cli.Command) error {
			cc := readChainFlags(c)
			errs := cc.validate(c.String("wallet") != "" && c.String("identity") == "")
			if c.String("wallet") == "" && c.String("identity") == "" {
				errs = append(errs, errors.New("give --wallet 0x… or --identity 0x…"))
			}
			if err := errors.Join(errs...); err != nil {
				return &configError{err}
			}
			return inspect(ctx, cc, c.String("wallet"), c.String("identity"), time.Now(), stdout)
		},
	}
}
