package main

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/idconnect/idconnect/store"
	"github.com/idconnect/idconnect/store/sqlite"
)

func TestClientCreateOIDCOptions(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	var def, es struct {
		ClientID string `json:"client_id"`
		Alg      string `json:"id_token_signed_response_alg"`
	}
	runCLIJSON(t, dir, &def, "client", "create", "--name", "A", "--redirect-uri", "https://a.example/cb")
	runCLIJSON(t, dir, &es, "client", "create", "--name", "B", "--redirect-uri", "https://b.example/cb",
		"--id-token-alg", "ES256", "--post-logout-redirect-uri", "https://b.example/bye",
		"--post-logout-redirect-uri", "https://b.example/bye2")
	if def.Alg != "RS256" || es.Alg != "ES256" {
		t.Fatalf("printed algs %q and %q", def.Alg, es.Alg)
	}
	var cfgErr *configError
	for _, args := range [][]string{
		{"--id-token-alg", "HS256"},
		{"--id-token-alg", "none"},
		{"--post-logout-redirect-uri", "http://c.example/bye"},
	} {
		full := append([]string{"client", "create", "--name", "C", "--redirect-uri", "https://c.example/cb"}, args...)
		if _, err := runCLI(t, dir, full...); !errors.As(err, &cfgErr) || !strings.Contains(err.Error(), args[1]) {
			t.Errorf("%v: err %v, want a config error naming %q", args, err, args[1])
		}
	}

	st, err := sqlite.Open(context.Background(), dataPath(dir, "idconnect.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cs, err := st.ListClients(context.Background())
	if err != nil || len(cs) != 2 {
		t.Fatalf("clients %v, %v", cs, err)
	}
	if cs[0].IDTokenAlg != store.AlgRS256 || len(cs[0].PostLogoutRedirectURIs) != 0 {
		t.Errorf("default client stored %+v", cs[0])
	}
	if cs[1].IDTokenAlg != store.AlgES256 ||
		!slices.Equal(cs[1].PostLogoutRedirectURIs, []string{"https://b.example/bye", "https://b.example/bye2"}) {
		t.Errorf("ES256 client stored %+v", cs[1])
	}
}

func TestKeysRotateCommand(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	first, err := runCLI(t, dir, "keys", "rotate")
	if err != nil {
		t.Fatal(err)
	}
	second, err := runCLI(t, dir, "keys", "rotate")
	if err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{first, second} {
		for _, alg := range []string{"(RS256)", "(ES256)", "(EdDSA)"} {
			if strings.Count(out, alg) != 1 {
				t.Fatalf("rotate printed %q: want one %s key", out, alg)
			}
		}
	}
	if first == second {
		t.Fatal("a second rotation kept the same keys")
	}
}
