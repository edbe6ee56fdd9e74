package main

import (
	"bytes"
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
)

// BenchmarkUserinfo measures GET /userinfo for a persistent grant with a warm
// cache, over loopback HTTP against `serve --dev` running in this process, so
// that -cpuprofile sees the whole server path. The grant is completed by
// cmd/loadrun, the same program scripts/loadrun.sh uses. Each of the
// GOMAXPROCS*16 goroutines keeps its connection alive, as wrk does.
func BenchmarkUserinfo(b *testing.B) {
	// Log every request to a file, as the binary logs to stderr.
	logFile, err := os.Create(filepath.Join(b.TempDir(), "server.log"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { logFile.Close() })
	issuer, dataDir := devServerLogging(b, slog.New(slog.NewTextHandler(logFile, nil)))
	const redirect = "http://127.0.0.1:9/callback"
	client, _ := registerClient(b, dataDir, redirect, true)
	cmd := exec.CommandContext(b.Context(), "go", "run", "../../cmd/loadrun", "grant",
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

// processCPU is the CPU time (user and system, every thread) the process has
// used: server and client together.
func processCPU(tb testing.TB) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		tb.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
