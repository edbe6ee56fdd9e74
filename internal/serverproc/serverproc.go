package serverproc

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Build compiles ./cmd/idconnect of the module above the working directory
// into dir and returns the binary's path.
func Build(dir string) (string, error) {
	root, err := moduleRoot()
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "idconnect")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/idconnect")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("serverproc: go build ./cmd/idconnect: %w\n%s", err, out)
	}
	return bin, nil
}

func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("serverproc: no go.mod above the working directory")
		}
		dir = parent
	}
}

// Run runs one non-serving subcommand (client create, apikey create, …)
// and returns its standard output.
func Run(ctx context.Context, bin string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = withoutConfig(os.Environ())
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("idconnect %s: %w\n%s", strings.Join(args[:min(2, len(args))], " "), err, stderr.String())
	}
	return out, nil
}

// Server is a running `idconnect serve`.
type Server struct {
	URL  string // http://Addr
	Addr string // 127.0.0.1:port

	bin     string
	args    []string
	logPath string
	cmd     *exec.Cmd
	exited  chan struct{}
	waitErr error // set before exited closes
}

// FreeAddr returns a free loopback address that can be listened on again
// after the server is killed (see StableAddr).
func FreeAddr() (string, error) { return StableAddr() }

// StableAddr returns a free loopback address below the kernel's ephemeral
// port range, for a listener that must be opened again on the same port: a
// client dialling a closed port in the ephemeral range can be given that
// very port as its own (a TCP self-connect), which would block the rebind.
func StableAddr() (string, error) {
	low := 32768
	if b, err := os.ReadFile("/proc/sys/net/ipv4/ip_local_port_range"); err == nil {
		if f := strings.Fields(string(b)); len(f) == 2 {
			if v, err := strconv.Atoi(f[0]); err == nil && v > 21000 {
				low = v
			}
		}
	}
	var last error
	for range 100 {
		port := 20000 + rand.IntN(low-20000)
		ln, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
		if err != nil {
			last = err
			continue
		}
		addr := ln.Addr().String()
		ln.Close()
		return addr, nil
	}
	return "", fmt.Errorf("no free port below %d: %w", low, last)
}

// Start runs `bin serve --addr addr args…`, with its output in logPath
// (appended to, so a restart keeps the first run's lines), and waits at
// most a minute for /healthz to answer 200.
func Start(bin, addr, logPath string, args ...string) (*Server, error) {
	s := &Server{URL: "http://" + addr, Addr: addr, bin: bin, args: args, logPath: logPath}
	return s, s.start()
}

func (s *Server) start() error {
	logs, err := os.OpenFile(s.logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	defer logs.Close() // the child holds its own descriptor
	fmt.Fprintf(logs, "=== serve started %s\n", time.Now().Format(time.RFC3339Nano))
	s.cmd = exec.Command(s.bin, append([]string{"serve", "--addr", s.Addr}, s.args...)...)
	s.cmd.Stdout, s.cmd.Stderr = logs, logs
	s.cmd.Env = withoutConfig(os.Environ())
	s.cmd.SysProcAttr = procAttr()
	if err := s.cmd.Start(); err != nil {
		return fmt.Errorf("serverproc: start: %w", err)
	}
	s.exited = make(chan struct{})
	cmd, exited := s.cmd, s.exited
	go func() { s.waitErr = cmd.Wait(); close(exited) }()
	if err := s.WaitHealthy(time.Minute); err != nil {
		_ = s.Kill()
		return fmt.Errorf("%w\n%s", err, s.LogTail(30))
	}
	return nil
}

// WaitHealthy polls /healthz until it answers 200, the server exits, or
// limit passes.
func (s *Server) WaitHealthy(limit time.Duration) error {
	client := &http.Client{Timeout: 2 * time.Second}
	deadline := time.Now().Add(limit)
	for {
		resp, err := client.Get(s.URL + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
			err = fmt.Errorf("status %d", resp.StatusCode)
		}
		select {
		case <-s.exited:
			return fmt.Errorf("serverproc: idconnect serve exited before it was healthy: %v", s.waitErr)
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("serverproc: idconnect serve was not healthy within %s: %v", limit, err)
		}
	}
}

// Kill sends SIGKILL, as a crash or the OOM killer would, and waits for the
// process to be gone.
func (s *Server) Kill() error {
	select {
	case <-s.exited:
		return nil
	default:
	}
	if err := s.cmd.Process.Signal(syscall.SIGKILL); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return err
	}
	<-s.exited
	return nil
}

// Stop interrupts the server as Ctrl-C would and waits for it to finish;
// it kills it after 15 s.
func (s *Server) Stop() error {
	select {
	case <-s.exited:
		return nil
	default:
	}
	if err := s.cmd.Process.Signal(os.Interrupt); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return err
	}
	select {
	case <-s.exited:
	case <-time.After(15 * time.Second):
		_ = s.Kill()
		return errors.New("serverproc: idconnect serve ignored the interrupt and was killed")
	}
	var exit *exec.ExitError
	if errors.As(s.waitErr, &exit) {
		return fmt.Errorf("serverproc: idconnect serve: %w", s.waitErr)
	}
	return nil
}

// Restart starts the server again with the same address, flags and data,
// after Kill or Stop.
func (s *Server) Restart() error {
	select {
	case <-s.exited:
	default:
		return errors.New("serverproc: the server is still running")
	}
	return s.start()
}

// Exited reports whether the process has ended.
func (s *Server) Exited() bool {
	select {
	case <-s.exited:
		return true
	default:
		return false
	}
}

// LogTail returns the last n lines the server wrote.
func (s *Server) LogTail(n int) string {
	data, _ := os.ReadFile(s.logPath)
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// withoutConfig drops IDCONNECT_* variables, so the flags alone configure
// the child, whatever the caller's environment holds.
func withoutConfig(env []string) []string {
	var out []string
	for _, kv := range env {
		if !strings.HasPrefix(kv, "IDCONNECT_") {
			out = append(out, kv)
		}
	}
	return out
}
