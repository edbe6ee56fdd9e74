package rpc

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/ethereum/go-ethereum/common"
	gethrpc "github.com/ethereum/go-ethereum/rpc"

	"github.com/idconnect/idconnect/authz"
	"github.com/idconnect/idconnect/consent"
	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/issuer"
)

// MaxBatch is the largest batch the server runs; a larger one runs no
// call and gets one -32600 error.
const MaxBatch = 100

// MaxBodyBytes bounds a request body: one call's params, and a little.
const MaxBodyBytes = maxParamsBytes + 1<<20

// maxAnonymousBytes bounds the body of a request without an accepted
// credential.
const maxAnonymousBytes = 64 << 10

// Tokens verifies the bearer tokens that name a caller.
type Tokens interface {
	VerifyWalletToken(ctx context.Context, token string) (common.Address, error)
	VerifyServiceToken(ctx context.Context, token string) (string, error)
}

// APIKeys authenticates a service's API key and returns its client.
type APIKeys interface {
	AuthenticateAPIKey(ctx context.Context, key string) (string, error)
}

// Onboarder creates an identity for a wallet and returns it with the
// transaction that created it.
type Onboarder interface {
	CreateIdentity(ctx context.Context, wallet common.Address) (id common.Address, tx common.Hash, err error)
}

// Identities reads identities from the chain: key purposes and claims
// (cached), and keys and wallets.
type Identities interface {
	identity.Directory
	Keys(ctx context.Context, id common.Address, extra ...common.Address) ([]identity.Key, error)
	Wallets(ctx context.Context, id common.Address) ([]common.Address, error)
}

// Config wires a Server.
type Config struct {
	// Issuer is this server's issuer URL: the audience grant tokens must
	// name to be read here.
	Issuer     string
	ChainID    uint64
	Topics     identity.Catalogue
	Identities Identities
	// Desk is this server's claim issuer; nil when it runs none, and the
	// issuing and review methods are then forbidden.
	Desk    *issuer.Desk
	Reads   *consent.Reader
	Tokens  Tokens
	APIKeys APIKeys
	// Onboard creates identities; nil when this server does not.
	Onboard Onboarder
	Clock   func() time.Time
	Log     *slog.Logger
}

// Server is the JSON-RPC endpoint.
type Server struct {
	cfg  Config
	geth *gethrpc.Server
}

// New returns a Server with the id_* methods registered.
func New(cfg Config) (*Server, error) {
	if cfg.Identities == nil || cfg.Reads == nil || cfg.Tokens == nil || cfg.APIKeys == nil || len(cfg.Topics) == 0 {
		return nil, errors.New("rpc: a server needs identities, reads, tokens, API keys and a topic catalogue")
	}
	if cfg.Clock == nil {
		cfg.Clock = time.Now
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	s := &Server{cfg: cfg, geth: gethrpc.NewServer()}
	s.geth.SetBatchLimits(MaxBatch, MaxBodyBytes)
	s.geth.SetHTTPBodyLimit(MaxBodyBytes)
	if err := s.geth.RegisterName("id", &methods{s: s}); err != nil {
		return nil, fmt.Errorf("rpc: %w", err)
	}
	return s, nil
}

// Stop ends the server's running calls.
func (s *Server) Stop() { s.geth.Stop() }

// caller is who made a request, from its Authorization header.
type caller struct {
	wallet   common.Address // a wallet token's wallet
	clientID string         // a service's client (API key or service token)
	grant    string         // a grant token, as sent, read under consent's rule
	err      *Error         // a credential that was refused
}

type callerKey struct{}

func callerOf(ctx context.Context) caller {
	c, _ := ctx.Value(callerKey{}).(caller)
	return c
}

// ServeHTTP authenticates the request, turns each call's params object
// into the one positional argument go-ethereum's codec hands to a method,
// and serves it.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "POST a JSON-RPC 2.0 request", http.StatusMethodNotAllowed)
		return
	}
	// The credential is read first: a caller without one (or with a
	// refused one) gets only maxAnonymousBytes of body read, since every
	// method will refuse it anyway.
	c := s.authenticate(r)
	limit := int64(MaxBodyBytes)
	if c.err != nil || c == (caller{}) {
		limit = maxAnonymousBytes
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		http.Error(w, fmt.Sprintf("request body over %d bytes", limit), http.StatusRequestEntityTooLarge)
		return
	}
	body = namedParams(body)
	ctx := context.WithValue(r.Context(), callerKey{}, c)
	r2 := r.Clone(ctx)
	r2.Body, r2.ContentLength = io.NopCloser(bytes.NewReader(body)), int64(len(body))
	s.geth.ServeHTTP(w, r2)
}

// authenticate reads the caller from the one Authorization header: an
// API key, or a bearer token that is a wallet token, a service token or a
// grant token (tried in that order by type). No header is an anonymous
// caller, refused by every method with -32001.
func (s *Server) authenticate(r *http.Request) caller {
	if len(r.Header.Values("Authorization")) == 0 {
		return caller{}
	}
	scheme, cred, ok := authz.ParseCredential(r.Header.Values("Authorization"))
	if !ok {
		return caller{err: newError(CodeUnauthenticated, "the Authorization header must be one \"ApiKey <key>\" or \"Bearer <token>\"")}
	}
	ctx := r.Context()
	if scheme == authz.SchemeAPIKey {
		id, err := s.cfg.APIKeys.AuthenticateAPIKey(ctx, cred)
		if err != nil {
			return caller{err: s.credentialErr("API key", err)}
		}
		return caller{clientID: id}
	}
	if w, err := s.cfg.Tokens.VerifyWalletToken(ctx, cred); err == nil {
		return caller{wallet: w}
	} else if !errors.Is(err, authz.ErrInvalidServiceToken) {
		return caller{err: s.credentialErr("token", err)}
	}
	if id, err := s.cfg.Tokens.VerifyServiceToken(ctx, cred); err == nil {
		return caller{clientID: id}
	} else if !errors.Is(err, authz.ErrInvalidServiceToken) {
		return caller{err: s.credentialErr("token", err)}
	}
	if _, err := s.cfg.Reads.Tokens.VerifyReadToken(ctx, cred); err != nil {
		return caller{err: newError(CodeUnauthenticated, "the bearer token is not a wallet, service or grant token of this server")}
	}
	return caller{grant: cred}
}

func (s *Server) credentialErr(what string, err error) *Error {
	if errors.Is(err, authz.ErrInvalidServiceToken) || errors.Is(err, authz.ErrBadAPIKey) {
		return newError(CodeUnauthenticated, "the %s is not valid: %s", what, err.Error())
	}
	s.cfg.Log.Error("rpc: check credential", "err", err)
	return newError(CodeInternal, "the server could not check the %s; try again later", what)
}

// namedParams rewrites each call whose params is an object into the
// one-element array go-ethereum's codec expects, so that methods receive
// the object whole. Anything it cannot read is passed on untouched, for
// the codec to answer -32700 or -32600.
func namedParams(body []byte) []byte {
	b := bytes.TrimSpace(body)
	if len(b) == 0 {
		return body
	}
	if b[0] != '[' {
		if out, ok := wrapParams(b); ok {
			return out
		}
		return body
	}
	var calls []json.RawMessage
	if json.Unmarshal(b, &calls) != nil || len(calls) > MaxBatch {
		return body
	}
	changed := false
	for i, c := range calls {
		if out, ok := wrapParams(c); ok {
			calls[i], changed = out, true
		}
	}
	if !changed {
		return body
	}
	out, err := json.Marshal(calls)
	if err != nil {
		return body
	}
	return out
}

func wrapParams(call []byte) ([]byte, bool) {
	var obj map[string]json.RawMessage
	if json.Unmarshal(call, &obj) != nil {
		return nil, false
	}
	p := bytes.TrimSpace(obj["params"])
	if len(p) == 0 || p[0] != '{' {
		return nil, false
	}
	obj["params"] = append(append([]byte{'['}, p...), ']')
	out, err := json.Marshal(obj)
	return out, err == nil
}
