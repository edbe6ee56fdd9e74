package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/idconnect/idconnect/authz"
	"github.com/idconnect/idconnect/store/sqlite"
)

// runCLI runs the idconnect command with args on the dev data dir and
// returns what it printed.
func runCLI(t *testing.T, dataDir string, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	full := append([]string{"idconnect"}, args...)
	full = append(full, "--dev", "--data-dir", dataDir)
	err := newApp(&out, &errOut).Run(context.Background(), full)
	return out.String(), err
}

func runCLIJSON(t *testing.T, dataDir string, v any, args ...string) {
	t.Helper()
	out, err := runCLI(t, dataDir, append(args, "--json")...)
	if err != nil {
		t.Fatalf("%v: %v", args, err)
	}
	if err := json.Unmarshal([]byte(out), v); err != nil {
		t.Fatalf("%v printed %q: %v", args, out, err)
	}
}

func TestAPIKeyCommands(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	const walletLower = "0x5b38da6a701c568545dcfcb03fcb875f56beddc4"
	const walletEIP55 = "0x5B38Da6a701c568545dCfcB03FcB875f56beddC4"
	var a, b struct {
		ClientID string `json:"client_id"`
	}
	runCLIJSON(t, dir, &a, "client", "create", "--name", "A", "--redirect-uri", "https://a.example/cb",
		"--wallet", walletLower, "--wallet", walletEIP55)
	runCLIJSON(t, dir, &b, "client", "create", "--name", "B", "--redirect-uri", "https://b.example/cb")

	// The store stays open throughout, as a running `serve --dev` holds it.
	ctx := context.Background()
	st, err := sqlite.Open(ctx, dataPath(dir, "idconnect.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()

	var clients []struct {
		ID      string   `json:"client_id"`
		Wallets []string `json:"wallets"`
	}
	runCLIJSON(t, dir, &clients, "client", "list")
	if len(clients) != 2 || clients[0].ID != a.ClientID || strings.Join(clients[0].Wallets, ",") != walletEIP55 || len(clients[1].Wallets) != 0 {
		t.Fatalf("client list: %+v", clients)
	}

	var keyA, keyB map[string]string
	runCLIJSON(t, dir, &keyA, "apikey", "create", "--client", a.ClientID, "--name", "nightly export")
	runCLIJSON(t, dir, &keyB, "apikey", "create", "--client", b.ClientID)
	if len(keyA) != 2 || keyA["id"] == "" || !strings.HasPrefix(keyA["key"], authz.APIKeyPrefix) {
		t.Fatalf(`apikey create --json printed %v, want {"id":…,"key":…}`, keyA)
	}

	t.Run("each key authenticates its own client only", func(t *testing.T) {
		for key, want := range map[string]string{keyA["key"]: a.ClientID, keyB["key"]: b.ClientID} {
			k, err := authz.AuthenticateAPIKey(ctx, st, key, time.Now())
			if err != nil || k.ClientID != want {
				t.Fatalf("key of %s: %+v, %v", want, k, err)
			}
		}
	})
	t.Run("list shows no secret", func(t *testing.T) {
		var rows []map[string]any
		runCLIJSON(t, dir, &rows, "apikey", "list", "--client", a.ClientID)
		if len(rows) != 1 || rows[0]["id"] != keyA["id"] || rows[0]["name"] != "nightly export" ||
			!strings.HasPrefix(keyA["key"], rows[0]["prefix"].(string)) || rows[0]["last_used_at"] == nil || rows[0]["revoked_at"] != nil {
			t.Fatalf("apikey list: %v", rows)
		}
		text, err := runCLI(t, dir, "apikey", "list", "--client", a.ClientID)
		if err != nil || !strings.Contains(text, keyA["id"]) || !strings.Contains(text, "nightly export") {
			t.Fatalf("apikey list: %q, %v", text, err)
		}
		js, _ := runCLI(t, dir, "apikey", "list", "--client", a.ClientID, "--json")
		stored, err := st.ListAPIKeys(ctx, a.ClientID)
		if err != nil {
			t.Fatal(err)
		}
		for _, secret := range []string{keyA["key"], keyA["key"][len(stored[0].Prefix):], hex.EncodeToString(stored[0].Hash),
			base64.StdEncoding.EncodeToString(stored[0].Hash)} {
			if strings.Contains(text, secret) || strings.Contains(js, secret) {
				t.Fatalf("apikey list prints a secret: %q / %q", text, js)
			}
		}
	})
	t.Run("revoked key refused", func(t *testing.T) {
		out, err := runCLI(t, dir, "apikey", "revoke", keyA["id"])
		if err != nil || !strings.Contains(out, keyA["id"]) {
			t.Fatalf("revoke: %q, %v", out, err)
		}
		if _, err := authz.AuthenticateAPIKey(ctx, st, keyA["key"], time.Now()); !errors.Is(err, authz.ErrBadAPIKey) {
			t.Fatalf("revoked key: err = %v", err)
		}
		if _, err := authz.AuthenticateAPIKey(ctx, st, keyB["key"], time.Now()); err != nil {
			t.Fatalf("revoking A's key touched B's: %v", err)
		}
		var rows []map[string]any
		runCLIJSON(t, dir, &rows, "apikey", "list", "--client", a.ClientID)
		if rows[0]["revoked_at"] == nil {
			t.Fatalf("list does not show the revocation: %v", rows)
		}
	})
}

func TestAPIKeyCommandErrors(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	var cfgErr *configError
	tests := []struct {
		name      string
		args      []string
		configErr bool
		say       string
	}{
		{"unknown client", []string{"apikey", "create", "--client", "nope"}, false, `no client "nope"`},
		{"unknown key", []string{"apikey", "revoke", "nope"}, false, `no API key "nope"`},
		{"no key id", []string{"apikey", "revoke"}, true, "KEY_ID"},
		{"bad wallet", []string{"client", "create", "--name", "C", "--redirect-uri", "https://c.example/cb", "--wallet", "0x12"}, true, "0x12"},
		{"zero wallet", []string{"client", "create", "--name", "C", "--redirect-uri", "https://c.example/cb", "--wallet", "0x0000000000000000000000000000000000000000"}, true, "zero address"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := runCLI(t, dir, tc.args...)
			if err == nil || errors.As(err, &cfgErr) != tc.configErr || !strings.Contains(err.Error(), tc.say) {
				t.Fatalf("err = %v, want config error %v saying %q", err, tc.configErr, tc.say)
			}
		})
	}
	st, err := sqlite.Open(context.Background(), dataPath(dir, "idconnect.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if cs, err := st.ListClients(context.Background()); err != nil || len(cs) != 0 {
		t.Fatalf("refused commands left clients behind: %v, %v", cs, err)
	}
}
