package main

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/identity"
)

// chainConfig says how to reach the chain and which contracts to read.
type chainConfig struct {
	RPC                    string
	IdFactory              string
	IdentityRegistry       string
	TrustedIssuersRegistry string
	TrustedIssuers         []string // TOPIC=ADDRESS, for deployments without a TrustedIssuersRegistry
}

// serveConfig is the whole configuration of `idconnect serve`.
type serveConfig struct {
	Dev        bool
	Addr       string
	Issuer     string
	DataDir    string
	DSN        string
	DevRPCAddr string
	CacheAge   time.Duration
	Chain      chainConfig

	ServerKeyFile   string // 32 random bytes as hex: seals data, keys tokens and sessions
	DeployerKeyFile string // with Onboarding: the IdFactory owner's key, to onboard wallets without an identity
	// Onboarding creates identities for wallets without one, at the
	// operator's expense; outside --dev it is off unless enabled, and then
	// bounded by OnboardingDailyLimit (and a per-IP limit).
	Onboarding           bool
	OnboardingDailyLimit int
	RegistrationToken    string // operator token for RFC 7591 dynamic registration; empty disables it
	DemoAddr             string // in --dev, where the demo relying party listens; empty: nowhere

	HTTP httpConfig

	// OutboxMaxAge is how long a notification is retried before it is
	// dead; zero selects notify.DefaultMaxAge.
	OutboxMaxAge time.Duration

	// TopicsFile is the claim topic catalogue (--topics); empty: the
	// default, or in --dev DataDir/topics.json when present.
	TopicsFile string

	// ClaimIssuer, ClaimIssuerKeyFile and ClaimRenewal run the claim desk
	// for a ClaimIssuer set up by `idconnect issuer deploy`; in --dev the
	// demo issuer is used. ExpiryNotice is how long before a claim lapses
	// its owner is told.
	ClaimIssuer        string
	ClaimIssuerKeyFile string
	ClaimRenewal       string
	ExpiryNotice       time.Duration
	// RegistryAgentKeyFile is the key of an agent of the IdentityRegistry:
	// with it the desk registers identities whose required claims it
	// completed.
	RegistryAgentKeyFile string

	// Screening keeps the desk's rolling claims (AML, Sanctions Clear,
	// PEP Status) against these lists and the sanctions oracle.
	Screening screeningConfig

	// keyRefresh is how often the keyring re-reads the store for keys
	// rotated elsewhere; zero is the keyring's default (a minute). Not a
	// flag: tests shorten it to see a rotation without waiting.
	keyRefresh time.Duration
}

// screeningConfig is the screening service's part of serveConfig.
type screeningConfig struct {
	Lists       []string      // --screening-list, besides those `screening load` recorded
	Interval    time.Duration // how often every identity is screened
	Reload      time.Duration // how often the lists are checked for a new version
	RenewBefore time.Duration // how long before validUntil a clean claim renews
	Threshold   float64
	Oracle      string // a Chainalysis-style sanctions oracle, 0x…
}

func (c *screeningConfig) validate(desk bool) []error {
	var errs []error
	if (len(c.Lists) > 0 || c.Oracle != "") && !desk {
		errs = append(errs, errors.New("--screening-list and --sanctions-oracle need a claim desk (--claim-issuer, or --dev): screening keeps its rolling claims"))
	}
	if _, err := identity.ParseAddress(c.Oracle); c.Oracle != "" && err != nil {
		errs = append(errs, fmt.Errorf("--sanctions-oracle %q: want a 0x address", c.Oracle))
	}
	// Zero selects the default (see withDefaults).
	if c.Interval < 0 || c.Interval > 0 && c.Interval < time.Minute {
		errs = append(errs, errors.New("--screening-interval must be at least 1m"))
	}
	if c.Reload < 0 || c.Reload > 0 && c.Reload < time.Second {
		errs = append(errs, errors.New("--screening-reload must be at least 1s"))
	}
	if c.RenewBefore < 0 {
		errs = append(errs, errors.New("--screening-renew-before must be positive"))
	}
	if c.Threshold < 0 || c.Threshold > 1 || c.Threshold != c.Threshold {
		errs = append(errs, fmt.Errorf("--threshold %v is not in (0, 1]", c.Threshold))
	}
	return errs
}

// withDefaults fills what was left zero: screen hourly, look for new
// list versions every minute, renew a week ahead.
func (c screeningConfig) withDefaults() screeningConfig {
	if c.Interval == 0 {
		c.Interval = time.Hour
	}
	if c.Reload == 0 {
		c.Reload = time.Minute
	}
	if c.RenewBefore == 0 {
		c.RenewBefore = 7 * 24 * time.Hour
	}
	return c
}

// validate reports every problem at once, so an operator fixes them in one go.
func (c *serveConfig) validate() error {
	var errs []error
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		errs = append(errs, fmt.Errorf("--addr %q: want HOST:PORT", c.Addr))
	}
	if c.Issuer != "" {
		errs = append(errs, validateIssuer(c.Issuer))
	}
	if c.CacheAge <= 0 {
		errs = append(errs, fmt.Errorf("--cache-max-age must be positive"))
	}
	errs = append(errs, c.HTTP.validate()...)
	if _, err := c.catalogue(); err != nil {
		errs = append(errs, err)
	}
	for flag, v := range map[string]string{"--claim-issuer": c.ClaimIssuer, "--claim-renewal": c.ClaimRenewal} {
		if _, err := identity.ParseAddress(v); v != "" && err != nil {
			errs = append(errs, fmt.Errorf("%s %q: want a 0x address", flag, v))
		}
	}
	switch {
	case c.Dev && c.ClaimIssuer != "":
		errs = append(errs, errors.New("--claim-issuer: --dev runs the demo issuer"))
	case c.ClaimIssuer != "" && c.ClaimIssuerKeyFile == "":
		errs = append(errs, errors.New("--claim-issuer needs --claim-issuer-key: the file of the key that manages it and signs its claims"))
	case c.ClaimIssuer == "" && (c.ClaimIssuerKeyFile != "" || c.ClaimRenewal != ""):
		errs = append(errs, errors.New("--claim-issuer-key and --claim-renewal need --claim-issuer"))
	}
	if c.RegistryAgentKeyFile != "" && (c.ClaimIssuer == "" || c.Chain.IdentityRegistry == "") {
		errs = append(errs, errors.New("--identity-registry-agent-key needs --claim-issuer and --identity-registry: the desk registers the identities whose claims it issues"))
	}
	errs = append(errs, c.Screening.validate(c.Dev || c.ClaimIssuer != "")...)
	if len(c.Screening.Lists) > 0 && c.ClaimIssuer != "" && c.ClaimRenewal == "" {
		errs = append(errs, errors.New("--screening-list needs --claim-renewal: screening renews claims, and a renewal is one transaction through ClaimRenewal"))
	}
	if c.ExpiryNotice < 0 {
		errs = append(errs, errors.New("--expiry-notice must not be negative"))
	}
	if c.OutboxMaxAge < 0 || c.OutboxMaxAge > 0 && c.OutboxMaxAge < time.Minute {
		errs = append(errs, fmt.Errorf("--outbox-max-age must be at least 1m"))
	}
	if c.Dev {
		for flag, v := range map[string]string{"--chain-rpc": c.Chain.RPC, "--idfactory": c.Chain.IdFactory, "--identity-registry": c.Chain.IdentityRegistry,
			"--trusted-issuers-registry": c.Chain.TrustedIssuersRegistry, "--trusted-issuer": strings.Join(c.Chain.TrustedIssuers, ","),
			"--dsn": c.DSN, "--server-key-file": c.ServerKeyFile, "--deployer-key-file": c.DeployerKeyFile} {
			if v != "" {
				errs = append(errs, fmt.Errorf("%s cannot be combined with --dev, which runs its own chain and keeps SQLite in --data-dir", flag))
			}
		}
		return errors.Join(errs...)
	}
	errs = append(errs, c.Chain.validate(true)...)
	errs = append(errs, validateDSN(c.DSN))
	if c.ServerKeyFile == "" {
		errs = append(errs, errors.New("--server-key-file is required: a file with 64 hex digits (32 random bytes), e.g. from `openssl rand -hex 32`"))
	}
	return errors.Join(append(errs, c.validateOnboarding()...)...)
}

// validateOnboarding checks the onboarding flags outside --dev, where every
// identity created costs the operator gas.
func (c *serveConfig) validateOnboarding() []error {
	var errs []error
	switch {
	case c.Onboarding && (c.DeployerKeyFile == "" || c.Chain.IdFactory == ""):
		errs = append(errs, errors.New("--onboarding creates identities through the IdFactory: give --deployer-key-file (the factory owner's key) and --idfactory"))
	case !c.Onboarding && c.DeployerKeyFile != "":
		errs = append(errs, errors.New("--deployer-key-file is used only to onboard wallets: add --onboarding to enable it, or drop the key"))
	}
	if c.Onboarding && c.OnboardingDailyLimit < 1 {
		errs = append(errs, fmt.Errorf("--onboarding-daily-limit must be at least 1, got %d", c.OnboardingDailyLimit))
	}
	return errs
}

// validate checks the chain flags; requireContracts asks for at least one of
// --idfactory and --identity-registry.
func (c *chainConfig) validate(requireContracts bool) []error {
	var errs []error
	switch u, err := url.Parse(c.RPC); {
	case c.RPC == "":
		errs = append(errs, errors.New("--chain-rpc is required (an Ethereum JSON-RPC URL: http, https, ws or wss)"))
	case err != nil || !oneOf(u.Scheme, "http", "https", "ws", "wss") || u.Host == "":
		errs = append(errs, fmt.Errorf("--chain-rpc %q: want an http, https, ws or wss URL", c.RPC))
	}
	for flag, v := range map[string]string{"--idfactory": c.IdFactory, "--identity-registry": c.IdentityRegistry, "--trusted-issuers-registry": c.TrustedIssuersRegistry} {
		if v == "" {
			continue
		}
		if _, err := identity.ParseAddress(v); err != nil {
			errs = append(errs, fmt.Errorf("%s %q: want 0x followed by 40 hex digits", flag, v))
		}
	}
	if requireContracts && c.IdFactory == "" && c.IdentityRegistry == "" {
		errs = append(errs, errors.New("--idfactory or --identity-registry is required to resolve wallets to identities"))
	}
	return append(errs, c.validateTrust()...)
}

// validateTrust checks the trusted issuers. The list applies only where there is
// no TrustedIssuersRegistry, so a list given next to one would be silently
// ignored: that is refused rather than left to surprise the operator.
func (c *chainConfig) validateTrust() []error {
	var errs []error
	for _, v := range c.TrustedIssuers {
		if _, err := identity.ParseTrustedIssuer(v); err != nil {
			errs = append(errs, fmt.Errorf("--trusted-issuer %q: want TOPIC=ADDRESS, a decimal topic and the issuer's 0x address", v))
		}
	}
	if len(c.TrustedIssuers) > 0 && (c.TrustedIssuersRegistry != "" || c.IdentityRegistry != "") {
		errs = append(errs, errors.New("--trusted-issuer cannot be combined with --trusted-issuers-registry or --identity-registry: trust then comes from the registry"))
	}
	return errs
}

// addresses returns the parsed contract addresses; call validate first.
func (c *chainConfig) addresses() identity.Config {
	var cfg identity.Config
	if c.IdFactory != "" {
		cfg.IdFactory = common.HexToAddress(c.IdFactory)
	}
	if c.IdentityRegistry != "" {
		cfg.IdentityRegistry = common.HexToAddress(c.IdentityRegistry)
	}
	if c.TrustedIssuersRegistry != "" {
		cfg.TrustedIssuersRegistry = common.HexToAddress(c.TrustedIssuersRegistry)
	}
	for _, v := range c.TrustedIssuers {
		if t, err := identity.ParseTrustedIssuer(v); err == nil {
			cfg.TrustedIssuers = append(cfg.TrustedIssuers, t)
		}
	}
	return cfg
}

func validateIssuer(issuer string) error {
	u, err := url.Parse(issuer)
	switch {
	case err != nil || !oneOf(u.Scheme, "http", "https") || u.Host == "":
		return fmt.Errorf("--issuer %q: want an absolute http or https URL", issuer)
	case strings.HasSuffix(issuer, "/"):
		return fmt.Errorf("--issuer %q: drop the trailing slash", issuer)
	case u.RawQuery != "" || u.Fragment != "":
		return fmt.Errorf("--issuer %q: must not have a query or fragment", issuer)
	}
	return nil
}

func validateDSN(dsn string) error {
	if dsn == "" {
		return errors.New("--dsn is required: a SQLite file path or a postgres:// URL")
	}
	if isPostgres(dsn) {
		if u, err := url.Parse(dsn); err != nil || u.Host == "" {
			return errors.New("--dsn: malformed postgres URL") // never echo it: it may hold a password
		}
		return nil
	}
	dir := filepath.Dir(dsn)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return fmt.Errorf("--dsn %q: folder %s does not exist", dsn, dir)
	}
	return nil
}

func isPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

func oneOf(s string, set ...string) bool {
	for _, x := range set {
		if s == x {
			return true
		}
	}
	return false
}

// issuer is the configured issuer, or http://ADDR.
func (c *serveConfig) issuer() string {
	if c.Issuer != "" {
		return c.Issuer
	}
	return "http://" + c.Addr
}

// catalogue is the claim topic catalogue the configuration names.
func (c *serveConfig) catalogue() (identity.Catalogue, error) {
	return loadCatalogue(c.TopicsFile, c.Dev, c.DataDir)
}
