package challenge

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/spruceid/siwe-go"

	"github.com/idconnect/idconnect/store"
)

// DefaultTTL is how long an issued message stays valid: the pinned five minutes
// between Issued At and Expiration Time.
const DefaultTTL = 5 * time.Minute

// DefaultSkew is how far in the future a message's Issued At may lie, to allow
// for clocks of several nodes that disagree a little.
const DefaultSkew = 30 * time.Second

// nonceLen is the length of issued nonces: 24 characters from 62 give 142 bits.
const nonceLen = 24

// Store is the slice of store.Store this package needs; store.Store satisfies it.
type Store interface {
	CreateChallenge(ctx context.Context, c store.Challenge) error
	ConsumeBoundChallenge(ctx context.Context, nonce, binding string, now time.Time) (store.Challenge, error)
}

var _ Store = (store.Store)(nil)

// Caller runs eth_call, for ERC-1271 checks; identity.Chain and *ethclient.Client
// satisfy it.
type Caller interface {
	CallContract(ctx context.Context, msg ethereum.CallMsg, block *big.Int) ([]byte, error)
}

// Config holds a Service's dependencies. Store is required; the rest default.
type Config struct {
	Store   Store
	Caller  Caller // nil: contract-wallet signatures are refused with ErrSignature
	ChainID uint64
	Clock   func() time.Time // default time.Now
	Rand    io.Reader        // default crypto/rand.Reader
	TTL     time.Duration    // default DefaultTTL
	Skew    time.Duration    // default DefaultSkew
}

// Service issues and verifies sign-in messages.
type Service struct {
	store   Store
	caller  Caller
	chainID uint64
	clock   func() time.Time
	rand    io.Reader
	ttl     time.Duration
	skew    time.Duration
}

// New returns a Service. It panics when cfg.Store is nil, a wiring mistake that
// must stop the server at start rather than fail the first login.
func New(cfg Config) *Service {
	if cfg.Store == nil {
		panic("challenge: New needs a Store")
	}
	s := &Service{store: cfg.Store, caller: cfg.Caller, chainID: cfg.ChainID,
		clock: cfg.Clock, rand: cfg.Rand, ttl: cfg.TTL, skew: cfg.Skew}
	if s.clock == nil {
		s.clock = time.Now
	}
	if s.rand == nil {
		s.rand = rand.Reader
	}
	if s.ttl <= 0 {
		s.ttl = DefaultTTL
	}
	if s.skew <= 0 {
		s.skew = DefaultSkew
	}
	return s
}

// Request describes the message to issue.
type Request struct {
	Purpose store.ChallengePurpose
	// Domain is the issuer's host:port.
	Domain string
	// URI is the issuer's origin for login, the authorization request's
	// redirect_uri for consent.
	URI string
	// Address is the wallet that will sign.
	Address common.Address
	// Statement is the human sentence shown by the wallet. For consent it must
	// end with the ReCap's sentence (build it with ReCap.Extend).
	Statement string
	// RequestID is the pending authorization request's (or access grant's) id.
	RequestID string
	// Resources are listed in the message; for consent the last one is the
	// ReCap URN.
	Resources []string
	// Binding, when set, is the random value the asking browser holds in a
	// cookie: Verify then accepts the message only with the same value.
	// Only its hash is stored.
	Binding string
}

// Challenge is an issued message, to be signed with personal_sign.
type Challenge struct {
	Text      string
	Nonce     string
	IssuedAt  time.Time
	ExpiresAt time.Time
}

// Issue builds the message for r and stores its nonce (single use) with the
// purpose, request id and address, so Verify can accept it exactly once. It
// fails with ErrInvalid when r cannot become a message that Verify accepts.
func (s *Service) Issue(ctx context.Context, r Request) (Challenge, error) {
	if err := r.check(); err != nil {
		return Challenge{}, err
	}
	nonce, err := s.nonce()
	if err != nil {
		return Challenge{}, err
	}
	// Second precision keeps the text short and the stored times exact.
	iat := s.clock().UTC().Truncate(time.Second)
	exp := iat.Add(s.ttl)
	text, err := s.build(r, nonce, iat, exp)
	if err != nil {
		return Challenge{}, err
	}
	err = s.store.CreateChallenge(ctx, store.Challenge{
		Nonce: nonce, Purpose: r.Purpose, RequestID: r.RequestID,
		Address: r.Address, IssuedAt: iat, ExpiresAt: exp, Binding: bindingHash(r.Binding),
	})
	if err != nil {
		return Challenge{}, fmt.Errorf("challenge: store nonce: %w", err)
	}
	return Challenge{Text: text, Nonce: nonce, IssuedAt: iat, ExpiresAt: exp}, nil
}

func (r Request) check() error {
	switch {
	case !knownPurpose(r.Purpose):
		return fmt.Errorf("%w: unknown purpose %q", ErrInvalid, r.Purpose)
	case r.Domain == "" || r.URI == "":
		return fmt.Errorf("%w: domain and uri are required", ErrInvalid)
	case r.Address == (common.Address{}):
		return fmt.Errorf("%w: the signing address is required", ErrInvalid)
	}
	return nil
}

// bindingHash is what is stored for a binding value: nothing for none.
func bindingHash(value string) string {
	if value == "" {
		return ""
	}
	return store.BindingHash(value)
}

func knownPurpose(p store.ChallengePurpose) bool {
	switch p {
	case store.PurposeLogin, store.PurposeConsent, store.PurposeAccessGrant, store.PurposeService, store.PurposeWallet:
		return true
	}
	return false
}

// build writes the message with siwe-go, then parses it back the way Verify will
// and checks that nothing was lost or reshaped (a statement with a line break, a
// URI that does not survive url.URL), so every issued message can be verified.
func (s *Service) build(r Request, nonce string, iat, exp time.Time) (string, error) {
	opts := map[string]any{
		"chainId":        strconv.FormatUint(s.chainID, 10),
		"issuedAt":       iat.Format(time.RFC3339),
		"expirationTime": exp.Format(time.RFC3339),
	}
	if r.Statement != "" {
		opts["statement"] = r.Statement
	}
	if r.RequestID != "" {
		opts["requestId"] = r.RequestID
	}
	if len(r.Resources) > 0 {
		res := make([]url.URL, len(r.Resources))
		for i, raw := range r.Resources {
			u, err := url.Parse(raw)
			if err != nil {
				return "", fmt.Errorf("%w: resource %d is not a URI", ErrInvalid, i)
			}
			res[i] = *u
		}
		opts["resources"] = res
	}
	m, err := siwe.InitMessage(r.Domain, r.Address.Hex(), r.URI, nonce, opts)
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	text := m.String()
	p, err := parse(text)
	if err != nil {
		return "", fmt.Errorf("%w: the message would not verify: %v", ErrInvalid, err)
	}
	if p.statement != r.Statement || p.uri != r.URI || p.requestID != r.RequestID ||
		!slices.Equal(p.resources, r.Resources) {
		return "", fmt.Errorf("%w: a field does not survive the EIP-4361 format", ErrInvalid)
	}
	if r.Purpose == store.PurposeConsent && p.recap == nil {
		return "", fmt.Errorf("%w: a consent message needs a ReCap as its last resource", ErrInvalid)
	}
	return text, nil
}

const nonceAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

// nonce draws nonceLen alphanumeric characters from s.rand. Bytes at or above 248
// (4×62) are dropped so every character is equally likely.
func (s *Service) nonce() (string, error) {
	out := make([]byte, 0, nonceLen)
	buf := make([]byte, nonceLen+8)
	for try := 0; len(out) < nonceLen; try++ {
		if try == 8 { // p < 2^-1000 for a uniform source: this one is broken
			return "", errors.New("challenge: nonce randomness is not uniform")
		}
		if _, err := io.ReadFull(s.rand, buf); err != nil {
			return "", fmt.Errorf("challenge: nonce randomness: %w", err)
		}
		for _, b := range buf {
			if b < 248 && len(out) < nonceLen {
				out = append(out, nonceAlphabet[b%62])
			}
		}
	}
	return string(out), nil
}
