package gethdev

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/rpc"
)

const (
	apis         = "eth,net,web3,txpool,debug"
	startTimeout = 60 * time.Second
	stopTimeout  = 30 * time.Second
	fundTimeout  = 60 * time.Second
	startTries   = 3
	logTailLines = 30
)

// errAddrInUse marks a start that lost the race for a port picked by freePorts.
var errAddrInUse = errors.New("address already in use")

// Node is a running `geth --dev` node. Its developer account is unlocked and holds
// practically unlimited ether; a block is mined for each transaction.
type Node struct {
	WSURL   string // ws://127.0.0.1:port
	HTTPURL string // http://127.0.0.1:port
	LogPath string // geth's stdout and stderr

	cmd     *exec.Cmd
	exited  chan struct{} // closed when geth has exited; waitErr is set then
	waitErr error
	rpc     *rpc.Client
	chainID uint64
	dev     common.Address

	stopOnce sync.Once
	stopErr  error
}

// Start runs `geth --dev` in dataDir on free loopback ports and waits, at most 60s, until
// it answers eth_chainId over HTTP. It installs geth first when needed (see Binary).
// On failure the error includes the tail of dataDir/geth.log.
func Start(ctx context.Context, dataDir string) (*Node, error) {
	bin, err := Binary()
	if err != nil {
		return nil, err
	}
	for try := 1; ; try++ {
		n, err := start(ctx, bin, dataDir)
		if err == nil || !errors.Is(err, errAddrInUse) || try == startTries {
			return n, err
		}
	}
}

func start(ctx context.Context, bin, dataDir string) (*Node, error) {
	ports, err := freePorts(3)
	if err != nil {
		return nil, err
	}
	logPath := filepath.Join(dataDir, "geth.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		return nil, fmt.Errorf("gethdev: %w", err)
	}
	defer logFile.Close() // geth holds its own descriptor
	cmd := exec.Command(bin, gethArgs(dataDir, ports[0], ports[1], ports[2])...)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.SysProcAttr = procAttr()
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("gethdev: start geth: %w", err)
	}
	n := &Node{
		HTTPURL: "http://127.0.0.1:" + strconv.Itoa(ports[0]),
		WSURL:   "ws://127.0.0.1:" + strconv.Itoa(ports[1]),
		LogPath: logPath,
		cmd:     cmd,
		exited:  make(chan struct{}),
	}
	go func() {
		n.waitErr = cmd.Wait()
		close(n.exited)
	}()
	if err := n.waitReady(ctx); err != nil {
		_ = n.Stop()
		tail := logTail(logPath)
		if strings.Contains(tail, "address already in use") {
			err = fmt.Errorf("%w: %w", errAddrInUse, err)
		}
		return nil, fmt.Errorf("gethdev: %w\n--- tail of %s ---\n%s", err, logPath, tail)
	}
	return n, nil
}

func gethArgs(dataDir string, httpPort, wsPort, authPort int) []string {
	return []string{
		"--dev", "--dev.period", "0",
		"--datadir", dataDir,
		"--nodiscover", "--maxpeers", "0", "--ipcdisable",
		"--http", "--http.addr", "127.0.0.1", "--http.port", strconv.Itoa(httpPort),
		"--http.api", apis,
		"--ws", "--ws.addr", "127.0.0.1", "--ws.port", strconv.Itoa(wsPort),
		"--ws.api", apis,
		"--authrpc.addr", "127.0.0.1", "--authrpc.port", strconv.Itoa(authPort),
	}
}

// waitReady polls eth_chainId until geth answers, exits, or the start timeout passes,
// then reads the developer account.
func (n *Node) waitReady(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, startTimeout)
	defer cancel()
	client, err := rpc.DialOptions(ctx, n.HTTPURL)
	if err != nil {
		return err
	}
	n.rpc = client
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		var id hexutil.Uint64
		callCtx, callCancel := context.WithTimeout(ctx, 2*time.Second)
		err := client.CallContext(callCtx, &id, "eth_chainId")
		callCancel()
		if err == nil {
			n.chainID = uint64(id)
			return n.readDevAccount(ctx)
		}
		select {
		case <-n.exited:
			return fmt.Errorf("geth exited before answering: %v", n.waitErr)
		case <-ctx.Done():
			return fmt.Errorf("geth did not answer eth_chainId: %w (last: %v)", ctx.Err(), err)
		case <-tick.C:
		}
	}
}

func (n *Node) readDevAccount(ctx context.Context) error {
	var accounts []common.Address
	if err := n.rpc.CallContext(ctx, &accounts, "eth_accounts"); err != nil {
		return fmt.Errorf("eth_accounts: %w", err)
	}
	if len(accounts) == 0 {
		return errors.New("eth_accounts: no developer account")
	}
	n.dev = accounts[0]
	return nil
}

// ChainID returns the node's chain id (1337 for geth --dev).
func (n *Node) ChainID() uint64 { return n.chainID }

// Fund sends wei from the developer account to addr and waits, at most 60s, for the
// receipt. A failed (reverted) transfer is an error.
func (n *Node) Fund(ctx context.Context, addr common.Address, wei *big.Int) error {
	ctx, cancel := context.WithTimeout(ctx, fundTimeout)
	defer cancel()
	tx := map[string]any{"from": n.dev, "to": addr, "value": (*hexutil.Big)(wei)}
	var hash common.Hash
	if err := n.rpc.CallContext(ctx, &hash, "eth_sendTransaction", tx); err != nil {
		return fmt.Errorf("gethdev: fund %s: %w", addr, err)
	}
	receipt, err := n.waitReceipt(ctx, hash)
	if err != nil {
		return fmt.Errorf("gethdev: fund %s: tx %s: %w", addr, hash, err)
	}
	if receipt.Status != types.ReceiptStatusSuccessful {
		return fmt.Errorf("gethdev: fund %s: tx %s failed", addr, hash)
	}
	return nil
}

func (n *Node) waitReceipt(ctx context.Context, hash common.Hash) (*types.Receipt, error) {
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		var receipt *types.Receipt
		err := n.rpc.CallContext(ctx, &receipt, "eth_getTransactionReceipt", hash)
		if err == nil && receipt != nil {
			return receipt, nil
		}
		if err != nil && !retryableReceiptErr(err) {
			return nil, err
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("no receipt: %w", ctx.Err())
		case <-tick.C:
		}
	}
}

// retryableReceiptErr reports a receipt lookup that may succeed later: geth answers
// "transaction indexing is in progress" until its indexer catches up with the head.
func retryableReceiptErr(err error) bool {
	return errors.Is(err, ethereum.NotFound) || strings.Contains(err.Error(), "indexing is in progress")
}

// Stop sends SIGINT, waits up to 30s for geth to exit, then kills its process group.
// It reports an unclean exit. Calling it again returns the first result.
func (n *Node) Stop() error {
	n.stopOnce.Do(func() { n.stopErr = n.stop() })
	return n.stopErr
}

func (n *Node) stop() error {
	if n.rpc != nil {
		n.rpc.Close()
	}
	select {
	case <-n.exited:
		return fmt.Errorf("gethdev: geth had already exited: %v\n%s", n.waitErr, logTail(n.LogPath))
	default:
	}
	_ = n.cmd.Process.Signal(syscall.SIGINT)
	select {
	case <-n.exited:
	case <-time.After(stopTimeout):
		_ = syscall.Kill(-n.cmd.Process.Pid, syscall.SIGKILL)
		<-n.exited
		return fmt.Errorf("gethdev: geth ignored SIGINT for %s; killed", stopTimeout)
	}
	if n.waitErr != nil {
		return fmt.Errorf("gethdev: geth exit: %w\n%s", n.waitErr, logTail(n.LogPath))
	}
	return nil
}

// freePorts returns count distinct free loopback ports. Another process may take one
// before geth binds it; Start retries when that happens.
func freePorts(count int) ([]int, error) {
	ports := make([]int, 0, count)
	for range count {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, fmt.Errorf("gethdev: free port: %w", err)
		}
		defer l.Close() // held until all are picked, so they differ
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	return ports, nil
}

// logTail returns the last lines of geth's log, for error messages.
func logTail(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Sprintf("(no log: %v)", err)
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > logTailLines {
		lines = lines[len(lines)-logTailLines:]
	}
	return strings.Join(lines, "\n")
}
