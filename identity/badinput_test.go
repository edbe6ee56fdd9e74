package identity_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/idconnect/idconnect/identity"
)

func testBadInput(t *testing.T, w *world) {
	r := w.reader(t)
	o := w.newOwner(t)
	_, eoa := w.wallet(t)
	cases := []struct {
		name string
		err  error
		run  func() error
	}{
		{"identity that does not exist", identity.ErrNoIdentity, func() error {
			_, err := r.Resolve(ctx(t), eoa, eoa)
			return err
		}},
		{"key check on an address without code", identity.ErrNoIdentity, func() error {
			_, err := r.HasPurpose(ctx(t), eoa, o.wallet, identity.PurposeAction)
			return err
		}},
		{"contract that is not an identity", identity.ErrNotIdentity, func() error {
			_, err := r.Resolve(ctx(t), eoa, w.suite.TrustedIssuersRegistry)
			return err
		}},
		{"key check on a contract that is not an identity", identity.ErrNotIdentity, func() error {
			_, err := r.HasPurpose(ctx(t), w.suite.IdFactory, o.wallet, identity.PurposeAction)
			return err
		}},
		{"wallet without the purpose", identity.ErrMissingPurpose, func() error {
			return identity.RequirePurpose(ctx(t), r, o.id, eoa, identity.PurposeManagement, identity.PurposeAction)
		}},
	}
	for _, c := range cases {
		err := c.run()
		if !errors.Is(err, c.err) {
			t.Errorf("%s: err = %v, want %v", c.name, err, c.err)
			continue
		}
		var ie *identity.Error
		if !errors.As(err, &ie) || ie.Op == "" {
			t.Errorf("%s: %v is not an *identity.Error naming its operation", c.name, err)
		}
	}
}

func TestUnreachableChain(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + l.Addr().String()
	l.Close() // nothing listens there any more
	client, err := ethclient.Dial(url)
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	c, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()

	if _, err := identity.NewReader(c, client, identity.Config{IdentityRegistry: common.HexToAddress("0x01")}); !errors.Is(err, identity.ErrChainUnavailable) {
		t.Errorf("NewReader: err = %v, want ErrChainUnavailable", err)
	}
	r, err := identity.NewReader(c, client, identity.Config{IdFactory: common.HexToAddress("0x01")})
	if err != nil {
		t.Fatal(err)
	}
	cache := identity.NewCache(r, identity.CacheConfig{})
	for name, d := range map[string]identity.Directory{"reader": r, "cache": cache} {
		if _, err := d.Resolve(c, common.HexToAddress("0x02"), common.Address{}); !errors.Is(err, identity.ErrChainUnavailable) {
			t.Errorf("%s Resolve: err = %v, want ErrChainUnavailable", name, err)
		}
		if _, err := d.HasPurpose(c, common.HexToAddress("0x03"), common.HexToAddress("0x02"), 1); !errors.Is(err, identity.ErrChainUnavailable) {
			t.Errorf("%s HasPurpose: err = %v, want ErrChainUnavailable", name, err)
		}
	}
	// Long enough for a first dial to be refused even on a loaded machine
	// under -race; Run returns only when the context ends.
	runCtx, stop := context.WithTimeout(c, 2*time.Second)
	defer stop()
	if err := cache.Run(runCtx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Run: %v", err)
	}
	if following, _ := cache.Following(); following {
		t.Error("cache claims to follow an unreachable chain")
	}
	// The health report says why, without the endpoint.
	if why := cache.FollowError(); why != "connection refused" {
		t.Errorf("FollowError = %q, want %q", why, "connection refused")
	}
}

func TestParseAddress(t *testing.T) {
	const eip55 = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
	cases := []struct {
		in   string
		want string
		err  bool
	}{
		{eip55, eip55, false},
		{"0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", eip55, false},
		{"0X5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED", eip55, false},
		{"  " + eip55 + "\n", eip55, false},
		{"5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", "", true},
		{"0x5aaeb6053f3e94c9b9a09f33669435e7ef1beae", "", true},
		{"0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaedd", "", true},
		{"0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaeg", "", true},
		{"", "", true},
		{"0x", "", true},
	}
	for _, c := range cases {
		got, err := identity.ParseAddress(c.in)
		if c.err {
			if !errors.Is(err, identity.ErrInvalidAddress) {
				t.Errorf("ParseAddress(%q) err = %v, want ErrInvalidAddress", c.in, err)
			}
			continue
		}
		if err != nil || got.Hex() != c.want {
			t.Errorf("ParseAddress(%q) = %s, %v; want %s", c.in, got.Hex(), err, c.want)
		}
	}
}

func TestDescribeChainError(t *testing.T) {
	const secret = "v3/SECRETKEY"
	cases := []struct {
		err  error
		want string
	}{
		{nil, ""},
		{&url.Error{Op: "Post", URL: "https://rpc.example/" + secret, Err: &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}}, "connection refused"},
		{&url.Error{Op: "Post", URL: "https://rpc.example/" + secret, Err: &net.OpError{Op: "read", Net: "tcp", Err: errors.New("reset")}}, "network error (read)"},
		{rpc.HTTPError{StatusCode: 503, Status: "503 Service Unavailable", Body: []byte(secret)}, "node answered HTTP 503"},
		{fmt.Errorf("%w: %w", identity.ErrChainUnavailable, context.DeadlineExceeded), "timeout waiting for the node"},
		{errors.New("post https://rpc.example/" + secret + ": boom"), "node unreachable"},
		{errors.New("websocket: close 1006"), "websocket: close 1006"},
	}
	for _, c := range cases {
		if got := identity.DescribeChainError(c.err); got != c.want || strings.Contains(got, secret) {
			t.Errorf("DescribeChainError(%v) = %q, want %q", c.err, got, c.want)
		}
	}
}
