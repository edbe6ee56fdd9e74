package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/idconnect/idconnect/authz"
	"github.com/idconnect/idconnect/store/sqlite"
)

// BenchmarkUserinfo measures GET /userinfo for a persistent grant with a warm
// cache, over loopback HTTP against `serve --dev` running in this process, so
// that -cpuprofile sees the whole server path. The grant is completed by
// internal/loadrun, the same program scripts/loadrun.sh uses. Each of the
// GOMAXPROCS*16 goroutines keeps its connection alive, as wrk does.
func BenchmarkUserinfo(b *testing.B) {
	issuer, dataDir := benchServer(b)
	const redirect = "http://127.0.0.1:9/callback"
	client := benchClient(b, dataDir, redirect)
	cmd := exec.CommandContext(b.Context(), "go", "run", "../../internal/loadrun", "grant",
		"-issuer", issuer, "-client", client, "-redirect-uri", redirect)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		b.Fatalf("loadrun grant: %v\n%s", err, stderr.String())
	}
	token := strings.TrimSpace(string(out))
	tr := &http.Transport{MaxIdleConnsPerHost: 1024, DisableCompression: true}
	defer tr.CloseIdleConnections()
	hc := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	read := func() error {
		req, err := http.NewRequest(http.MethodGet, issuer+"/userinfo", nil)
		if err != nil {
			return err
		}
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := hc.Do(req)
		if err != nil {
			return err
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return &statusError{resp.StatusCode}
		}
		return nil
	}
	for range 1000 { // warm the caches and the connections
		if err := read(); err != nil {
			b.Fatal(err)
		}
	}
	b.SetParallelism(16)
	b.ResetTimer()
	cpu := processCPU(b)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if err := read(); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "reads/s")
	b.ReportMetric(float64((processCPU(b)-cpu).Microseconds())/float64(b.N), "cpu-µs/op")
}

type statusError struct{ code int }

func (e *statusError) Error() string { return "status " + http.StatusText(e.code) }

// benchServer runs `serve --dev` in-process until b ends.
func benchServer(b *testing.B) (issuer, dataDir string) {
	b.Helper()
	cfg := &serveConfig{Dev: true, Addr: benchAddr(b), DataDir: filepath.Join(b.TempDir(), "data"), CacheAge: time.Minute}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	// Log every request to a file, as the binary logs to stderr.
	logFile, err := os.Create(filepath.Join(b.TempDir(), "server.log"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { logFile.Close() })
	go func() { done <- serve(ctx, cfg, io.Discard, slog.New(slog.NewTextHandler(logFile, nil))) }()
	b.Cleanup(func() { cancel(); <-done })
	issuer = "http://" + cfg.Addr
	deadline := time.Now().Add(time.Minute)
	for {
		resp, err := http.Get(issuer + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return issuer, cfg.DataDir
			}
		}
		if time.Now().After(deadline) {
			b.Fatalf("server never became healthy: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func benchAddr(b *testing.B) string {
	b.Helper()
	out, err := exec.Command("go", "run", "../../internal/loadrun", "freeaddr").Output()
	if err != nil {
		b.Fatal(err)
	}
	return strings.TrimSpace(string(out))
}

func benchClient(b *testing.B, dataDir, redirect string) string {
	b.Helper()
	s, err := sqlite.Open(b.Context(), dataPath(dataDir, "idconnect.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	id, _, err := authz.CreateClient(b.Context(), s, authz.ClientSpec{Name: "Bench RP", RedirectURIs: []string{redirect}, Public: true})
	if err != nil {
		b.Fatal(err)
	}
	return id
}

// processCPU is the CPU time (user and system, every thread) the process has
// used: server and client together.
func processCPU(tb testing.TB) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		tb.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
