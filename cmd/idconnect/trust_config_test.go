package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/urfave/cli/v3"

	"github.com/idconnect/idconnect/identity"
)

const (
	issuerA = "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"
	issuerB = "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359"
)

// TestTrustConfig: --trusted-issuer and --trusted-issuers-registry are checked
// with the rest of the configuration, every error reported at once, and reach the
// identity reader's config.
func TestTrustConfig(t *testing.T) {
	dir := t.TempDir()
	good := serveConfig{Addr: "127.0.0.1:8080", CacheAge: time.Minute, DSN: filepath.Join(dir, "db"), ServerKeyFile: filepath.Join(dir, "key"),
		Chain: chainConfig{RPC: "ws://127.0.0.1:8546", IdFactory: issuerA}}
	cases := []struct {
		name  string
		chain func(*chainConfig)
		dev   bool
		want  []string // every message expected; none for a valid config
		trust []identity.TrustedIssuer
		tir   common.Address
	}{
		{name: "list", chain: func(c *chainConfig) { c.TrustedIssuers = []string{"1=" + issuerA, " 10101000100001=" + issuerB} },
			trust: []identity.TrustedIssuer{{Topic: 1, Issuer: common.HexToAddress(issuerA)}, {Topic: 10101000100001, Issuer: common.HexToAddress(issuerB)}}},
		{name: "registry", chain: func(c *chainConfig) { c.TrustedIssuersRegistry = issuerB }, tir: common.HexToAddress(issuerB)},
		{name: "neither", chain: func(*chainConfig) {}},
		{name: "malformed entries, with the other errors", chain: func(c *chainConfig) {
			c.RPC = "ftp://x"
			c.TrustedIssuers = []string{"kyc=" + issuerA, "1:" + issuerA, "2=0x12", "3=0x0000000000000000000000000000000000000000"}
		}, want: []string{"--chain-rpc", `--trusted-issuer "kyc=`, `--trusted-issuer "1:`, `--trusted-issuer "2=0x12"`, `--trusted-issuer "3=0x0000`}},
		{name: "malformed registry", chain: func(c *chainConfig) { c.TrustedIssuersRegistry = "0xnope" }, want: []string{`--trusted-issuers-registry "0xnope"`}},
		{name: "list next to a registry", chain: func(c *chainConfig) {
			c.TrustedIssuers, c.TrustedIssuersRegistry = []string{"1=" + issuerA}, issuerB
		}, want: []string{"--trusted-issuer cannot be combined"}},
		{name: "list next to an identity registry", chain: func(c *chainConfig) {
			c.TrustedIssuers, c.IdentityRegistry = []string{"1=" + issuerA}, issuerB
		}, want: []string{"--trusted-issuer cannot be combined"}},
		{name: "dev runs its own registry", dev: true, chain: func(c *chainConfig) {
			*c = chainConfig{TrustedIssuers: []string{"1=" + issuerA}, TrustedIssuersRegistry: issuerB}
		}, want: []string{"--trusted-issuer cannot be combined with --dev", "--trusted-issuers-registry cannot be combined with --dev"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := good
			if c.dev {
				cfg = serveConfig{Dev: true, Addr: "127.0.0.1:8080", CacheAge: time.Minute}
			}
			c.chain(&cfg.Chain)
			err := cfg.validate()
			if len(c.want) > 0 {
				if err == nil {
					t.Fatal("validate() = nil")
				}
				for _, w := range c.want {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error %q does not mention %q", err, w)
					}
				}
				return
			}
			if err != nil {
				t.Fatalf("validate() = %v", err)
			}
			got := cfg.Chain.addresses()
			if got.TrustedIssuersRegistry != c.tir || len(got.TrustedIssuers) != len(c.trust) {
				t.Fatalf("addresses() = %+v", got)
			}
			for i := range c.trust {
				if got.TrustedIssuers[i] != c.trust[i] {
					t.Errorf("trusted issuer %d = %+v, want %+v", i, got.TrustedIssuers[i], c.trust[i])
				}
			}
		})
	}
}

// TestTrustFlagsFromEnv: IDCONNECT_TRUSTED_ISSUER takes a comma-separated list, as
// the repeated flag does.
func TestTrustFlagsFromEnv(t *testing.T) {
	t.Setenv("IDCONNECT_TRUSTED_ISSUER", "1="+issuerA+",2="+issuerB)
	t.Setenv("IDCONNECT_TRUSTED_ISSUERS_REGISTRY", issuerB)
	var got chainConfig
	cmd := &cli.Command{Name: "t", Flags: chainFlags(), Action: func(_ context.Context, c *cli.Command) error {
		got = readChainFlags(c)
		return nil
	}}
	if err := cmd.Run(context.Background(), []string{"t"}); err != nil {
		t.Fatal(err)
	}
	if len(got.TrustedIssuers) != 2 || got.TrustedIssuers[0] != "1="+issuerA || got.TrustedIssuers[1] != "2="+issuerB || got.TrustedIssuersRegistry != issuerB {
		t.Fatalf("from the environment: %+v", got)
	}
	if err := cmd.Run(context.Background(), []string{"t", "--trusted-issuer", "3=" + issuerA, "--trusted-issuer", "4=" + issuerB}); err != nil {
		t.Fatal(err)
	}
	if len(got.TrustedIssuers) != 2 || got.TrustedIssuers[0] != "3="+issuerA {
		t.Fatalf("flags over the environment: %+v", got)
	}
}
