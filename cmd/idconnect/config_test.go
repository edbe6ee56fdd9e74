package main

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestServeConfigValidate(t *testing.T) {
	dir := t.TempDir()
	good := serveConfig{Addr: "127.0.0.1:8080", CacheAge: time.Minute, DSN: filepath.Join(dir, "db"), ServerKeyFile: filepath.Join(dir, "key"),
		Chain: chainConfig{RPC: "ws://127.0.0.1:8546", IdFactory: "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"}}
	cases := []struct {
		name string
		edit func(*serveConfig)
		want []string // every message expected, all at once
	}{
		{"valid", func(*serveConfig) {}, nil},
		{"valid postgres", func(c *serveConfig) { c.DSN = "postgres://u:secret@127.0.0.1:5432/db" }, nil},
		{"dev needs no chain", func(c *serveConfig) { *c = serveConfig{Dev: true, Addr: "127.0.0.1:8080", CacheAge: time.Minute} }, nil},
		{"nothing given", func(c *serveConfig) { c.Chain, c.DSN, c.ServerKeyFile = chainConfig{}, "", "" }, []string{
			"--chain-rpc is required", "--idfactory or --identity-registry is required", "--dsn is required", "--server-key-file is required",
		}},
		{"malformed values", func(c *serveConfig) {
			c.Addr, c.Issuer = "8080", "http://x/"
			c.Chain = chainConfig{RPC: "ftp://x", IdFactory: "0x12", IdentityRegistry: "nope"}
			c.DSN = filepath.Join(dir, "missing", "db")
		}, []string{"--addr", "--issuer", "--chain-rpc \"ftp://x\"", "--idfactory \"0x12\"", "--identity-registry \"nope\"", "does not exist"}},
		{"bad postgres URL is not echoed", func(c *serveConfig) { c.DSN = "postgres://u:secret@/%zz" }, []string{"malformed postgres URL"}},
		{"dev with chain flags", func(c *serveConfig) { c.Dev = true }, []string{"--chain-rpc cannot be combined with --dev", "--dsn cannot be combined"}},
		{"onboarding", func(c *serveConfig) {
			c.Onboarding, c.OnboardingDailyLimit, c.DeployerKeyFile = true, 50, filepath.Join(dir, "k")
		}, nil},
		{"onboarding without key or budget", func(c *serveConfig) { c.Onboarding, c.Chain.IdFactory = true, "" }, []string{
			"--onboarding creates identities through the IdFactory", "--onboarding-daily-limit must be at least 1",
		}},
		{"deployer key without onboarding", func(c *serveConfig) { c.DeployerKeyFile = filepath.Join(dir, "k") }, []string{"add --onboarding"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := good
			c.edit(&cfg)
			err := cfg.validate()
			if len(c.want) == 0 {
				if err != nil {
					t.Fatalf("validate() = %v", err)
				}
				return
			}
			if err == nil {
				t.Fatal("validate() = nil")
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
			if strings.Contains(err.Error(), "secret") {
				t.Errorf("error %q leaks the password", err)
			}
		})
	}
}

func TestIssuerDefault(t *testing.T) {
	if got := (&serveConfig{Addr: "127.0.0.1:9000"}).issuer(); got != "http://127.0.0.1:9000" {
		t.Fatalf("issuer = %q", got)
	}
}

func TestRedactURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://user:pw@rpc.example/v3?key=abc": "https://…@rpc.example/v3",
		"ws://127.0.0.1:8546":                    "ws://127.0.0.1:8546",
	} {
		if got := redactURL(in); got != want {
			t.Errorf("redactURL(%q) = %q, want %q", in, got, want)
		}
	}
}
