package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/store"
)

func freeAddr(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// TestServeDev starts `serve --dev` in-process and reads /healthz.
func TestServeDev(t *testing.T) {
	cfg := &serveConfig{Dev: true, Addr: freeAddr(t), DataDir: filepath.Join(t.TempDir(), "data"), DevRPCAddr: freeAddr(t), DemoAddr: freeAddr(t), CacheAge: time.Minute}
	ctx, cancel := context.WithCancel(context.Background())
	var out bytes.Buffer
	done := make(chan error, 1)
	go func() { done <- serve(ctx, cfg, &out, slog.New(slog.NewTextHandler(io.Discard, nil))) }()

	var health struct {
		Status string `json:"status"`
		Chain  struct {
			ID        uint64 `json:"id"`
			Head      uint64 `json:"head"`
			Following *bool  `json:"following"`
		} `json:"chain"`
		Store struct{ Backend, State string } `json:"store"`
	}
	deadline := time.Now().Add(time.Minute)
	for {
		resp, err := http.Get("http://" + cfg.Addr + "/healthz")
		if err == nil {
			err = json.NewDecoder(resp.Body).Decode(&health)
			resp.Body.Close()
			if err == nil && health.Chain.Following != nil && *health.Chain.Following {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("healthz never became ready: %v %+v", err, health)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if health.Status != "ok" || health.Chain.ID != 1337 || health.Chain.Head == 0 || health.Store.Backend != "sqlite" || health.Store.State != "ok" {
		t.Errorf("healthz = %+v", health)
	}
	if _, err := os.Stat(filepath.Join(cfg.DataDir, "idconnect.db")); err != nil {
		t.Errorf("no SQLite file in the data dir: %v", err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("serve returned %v", err)
	}
	for _, want := range []string{"IdFactory", "demo ClaimIssuer", "topics 1-8", "idconnect dev on http://" + cfg.Addr} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

func TestServeFailsClearly(t *testing.T) {
	dir := t.TempDir()
	base := serveConfig{Addr: freeAddr(t), CacheAge: time.Minute, DSN: filepath.Join(dir, "db"), ServerKeyFile: filepath.Join(dir, "key"),
		Chain: chainConfig{RPC: "http://" + freeAddr(t), IdFactory: "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"}}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	discard := slog.New(slog.NewTextHandler(io.Discard, nil))

	if err := serve(ctx, &base, io.Discard, discard); !errors.Is(err, identity.ErrChainUnavailable) {
		t.Errorf("unreachable chain: err = %v, want ErrChainUnavailable", err)
	}

	_, err := openStoreForTest(ctx, "postgres://idconnect@"+freeAddr(t)+"/idconnect?sslmode=disable&connect_timeout=2")
	if !errors.Is(err, store.ErrUnavailable) {
		t.Errorf("unreachable database: err = %v, want store.ErrUnavailable", err)
	}
	_, err = openStoreForTest(ctx, filepath.Join(dir, "no", "such", "dir", "db"))
	if !errors.Is(err, store.ErrUnavailable) {
		t.Errorf("unopenable SQLite file: err = %v, want store.ErrUnavailable", err)
	}
}

func openStoreForTest(ctx context.Context, dsn string) (store.Store, error) {
	s, _, err := openStore(ctx, dsn, true)
	if err == nil {
		s.Close()
	}
	return s, err
}
