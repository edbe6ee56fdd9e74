package e2e

import (
	"bytes"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// server is a running `idconnect serve --dev` subprocess.
type server struct {
	Issuer    string // http://127.0.0.1:<port>
	Demo      string // the demo relying party
	RPC       string // the dev chain's JSON-RPC endpoint
	DataDir   string
	IdFactory common.Address // parsed from what serve prints

	cmd     *exec.Cmd
	exited  chan struct{}
	waitErr error // set before exited closes
	outPath string
	logPath string
}

// startServer runs the binary on three free loopback ports with a fresh data dir,
// and the extra flags, and returns once /healthz answers 200.
func startServer(bin, dir string, extra ...string) (*server, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	addrs, err := freeAddrs(3)
	if err != nil {
		return nil, err
	}
	s := &server{Issuer: "http://" + addrs[0], RPC: "http://" + addrs[1], Demo: "http://" + addrs[2],
		DataDir: filepath.Join(dir, "data"), exited: make(chan struct{}),
		outPath: filepath.Join(dir, "stdout.txt"), logPath: filepath.Join(dir, "stderr.txt")}
	out, err := os.Create(s.outPath)
	if err != nil {
		return nil, err
	}
	defer out.Close()
	logs, err := os.Create(s.logPath)
	if err != nil {
		return nil, err
	}
	defer logs.Close()
	s.cmd = exec.Command(bin, append([]string{"serve", "--dev", "--addr", addrs[0], "--dev-rpc-addr", addrs[1], "--demo-addr", addrs[2], "--data-dir", s.DataDir}, extra...)...)
	s.cmd.Stdout, s.cmd.Stderr = out, logs
	s.cmd.Env = withoutConfig(os.Environ())
	s.cmd.SysProcAttr = dieWithParent()
	if err := s.cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", bin, err)
	}
	go func() { s.waitErr = s.cmd.Wait(); close(s.exited) }()
	if err := s.waitHealthy(time.Minute); err != nil {
		_ = s.stop()
		return nil, fmt.Errorf("%w\n%s", err, s.logTail(40))
	}
	if s.IdFactory, err = s.printedAddress("IdFactory"); err != nil {
		_ = s.stop()
		return nil, err
	}
	return s, nil
}

// withoutConfig drops IDCONNECT_* variables, so the flags alone configure the
// server, whatever the developer's shell holds.
func withoutConfig(env []string) []string {
	var out []string
	for _, kv := range env {
		if !strings.HasPrefix(kv, "IDCONNECT_") {
			out = append(out, kv)
		}
	}
	return out
}

// freeAddrs reserves n distinct loopback ports and releases them for the server.
func freeAddrs(n int) ([]string, error) {
	var addrs []string
	for range n {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, err
		}
		defer ln.Close() // held until all are chosen, so no two are the same
		addrs = append(addrs, ln.Addr().String())
	}
	return addrs, nil
}

func (s *server) waitHealthy(limit time.Duration) error {
	client := &http.Client{Timeout: 2 * time.Second}
	deadline := time.Now().Add(limit)
	for {
		resp, err := client.Get(s.Issuer + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
			err = fmt.Errorf("status %d", resp.StatusCode)
		}
		select {
		case <-s.exited:
			return fmt.Errorf("idconnect serve exited before it became healthy: %v", s.waitErr)
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("idconnect serve did not become healthy in %s: %v", limit, err)
		}
	}
}

// printedAddress reads a contract address from the table serve prints at start.
func (s *server) printedAddress(name string) (common.Address, error) {
	out, err := os.ReadFile(s.outPath)
	if err != nil {
		return common.Address{}, err
	}
	m := regexp.MustCompile(`(?m)^\s+` + regexp.QuoteMeta(name) + `\s+(0x[0-9a-fA-F]{40})\s*$`).FindSubmatch(out)
	if m == nil {
		return common.Address{}, fmt.Errorf("serve printed no %s address:\n%s", name, out)
	}
	return common.HexToAddress(string(m[1])), nil
}

// stop interrupts the server as Ctrl-C would, and kills it if it does not finish.
func (s *server) stop() error {
	if err := s.cmd.Process.Signal(os.Interrupt); err != nil {
		return err
	}
	select {
	case <-s.exited:
	case <-time.After(15 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.exited
		return errors.New("idconnect serve ignored the interrupt and was killed")
	}
	var exit *exec.ExitError
	if errors.As(s.waitErr, &exit) {
		return fmt.Errorf("idconnect serve: %w\n%s", s.waitErr, s.logTail(20))
	}
	return s.waitErr
}

// logTail returns the last n lines the server wrote to stdout and stderr.
func (s *server) logTail(n int) string {
	var b bytes.Buffer
	for _, p := range []string{s.outPath, s.logPath} {
		data, _ := os.ReadFile(p)
		lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
		fmt.Fprintf(&b, "--- %s\n%s\n", filepath.Base(p), strings.Join(lines[max(0, len(lines)-n):], "\n"))
	}
	return b.String()
}
