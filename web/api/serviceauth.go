package api

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/authz"
	"github.com/idconnect/idconnect/challenge"
	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/store"
	"github.com/idconnect/idconnect/web"
	"github.com/idconnect/idconnect/web/httperr"
)

// ErrUnauthenticated means a request to the access-request API carries no
// service credential, or one that was refused. Callers answer 401, e.g.
// with WriteUnauthenticated.
var ErrUnauthenticated = errors.New("web: service not authenticated")

// ServiceAuthStore is what service authentication reads: the client, for
// its wallets and to check that it still exists, and the API keys.
type ServiceAuthStore interface {
	GetClient(ctx context.Context, id string) (store.Client, error)
	GetAPIKeyByHash(ctx context.Context, hash []byte) (store.APIKey, error)
	TouchAPIKey(ctx context.Context, id string, at time.Time) error
}

var _ authz.APIKeyChecker = (ServiceAuthStore)(nil)

// ServiceTokens mints and checks the short-lived tokens of the signed
// challenge flow; *authz.Provider implements it.
type ServiceTokens interface {
	IssueServiceToken(ctx context.Context, clientID string) (string, time.Duration, error)
	VerifyServiceToken(ctx context.Context, token string) (string, error)
}

var _ ServiceTokens = (*authz.Provider)(nil)

// ServiceAuth authenticates services (registered clients) on the
// access-request API, with an API key (Authorization: ApiKey <key>) or a
// service token (Authorization: Bearer <token>). The token comes from
// POST /service/challenges, which issues a SIWE challenge for one of the
// client's wallets, and POST /service/tokens, which takes it signed.
type ServiceAuth struct {
	Site       web.Site
	Store      ServiceAuthStore
	Tokens     ServiceTokens
	Challenges *challenge.Service
	Clock      func() time.Time
	Log        *slog.Logger
}

// Mount registers the routes of the challenge flow.
func (a *ServiceAuth) Mount(mux *http.ServeMux) {
	mux.HandleFunc("POST /service/challenges", a.challenge)
	mux.HandleFunc("POST /service/tokens", a.token)
}

// Authenticate returns the client a request's credential belongs to. A
// missing, malformed or refused credential is ErrUnauthenticated; any other
// error means the store could not answer, and is a 500 (or 503).
func (a *ServiceAuth) Authenticate(r *http.Request) (string, error) {
	scheme, cred, ok := authz.ParseCredential(r.Header.Values("Authorization"))
	if !ok {
		return "", fmt.Errorf("%w: no ApiKey or Bearer credential", ErrUnauthenticated)
	}
	ctx := r.Context()
	if scheme == authz.SchemeAPIKey {
		k, err := authz.AuthenticateAPIKey(ctx, a.Store, cred, a.now())
		switch {
		case errors.Is(err, authz.ErrBadAPIKey):
			return "", fmt.Errorf("%w: %w", ErrUnauthenticated, err)
		case err != nil:
			return "", err
		}
		return k.ClientID, nil
	}
	id, err := a.Tokens.VerifyServiceToken(ctx, cred)
	switch {
	case errors.Is(err, authz.ErrInvalidServiceToken):
		return "", fmt.Errorf("%w: %w", ErrUnauthenticated, err)
	case err != nil:
		return "", err
	}
	return id, nil
}

// challenge issues a SIWE message for a wallet registered on the client.
// An unknown client and an unregistered wallet get the same answer, so the
// endpoint tells nothing about which clients exist.
func (a *ServiceAuth) challenge(w http.ResponseWriter, r *http.Request) {
	var p serviceChallengePost
	if !readJSON(w, r, &p) {
		return
	}
	wallet, err := p.validate()
	if err != nil {
		httperr.Problem(w, r, http.StatusBadRequest, "", err.Error())
		return
	}
	ctx := r.Context()
	c, err := a.Store.GetClient(ctx, p.ClientID)
	switch {
	case errors.Is(err, store.ErrNotFound) || (err == nil && !hasWallet(c, wallet)):
		httperr.Problem(w, r, http.StatusForbidden, "", "This wallet is not registered for that client.")
		return
	case err != nil:
		httperr.FailProblem(w, r, a.Log, "read client", err)
		return
	}
	domain := a.Site.Domain()
	ch, err := a.Challenges.Issue(ctx, challenge.Request{
		Purpose: store.PurposeService, Domain: domain, URI: a.Site.Origin(), Address: wallet,
		Statement: "Authenticate as client " + c.ID + " on " + domain + ".", RequestID: c.ID,
	})
	if err != nil {
		httperr.FailProblem(w, r, a.Log, "issue service challenge", err)
		return
	}
	web.WriteJSON(w, http.StatusCreated, map[string]string{
		"challenge": ch.Text, "expires_at": ch.ExpiresAt.UTC().Format(time.RFC3339),
	})
}

// token exchanges a signed challenge for a service token. The message's
// Request ID names the client; Verify holds the message to it, to this
// server and to the nonce issued for that client and wallet, and the
// wallet must still be registered when the token is minted.
func (a *ServiceAuth) token(w http.ResponseWriter, r *http.Request) {
	var p serviceTokenPost
	if !readJSON(w, r, &p) {
		return
	}
	clientID, err := p.validate()
	if err != nil {
		httperr.Problem(w, r, http.StatusBadRequest, "", err.Error())
		return
	}
	ctx := r.Context()
	v, err := a.Challenges.Verify(ctx, p.Message, p.Signature, challenge.Expect{
		Purpose: store.PurposeService, Domain: a.Site.Domain(), URI: a.Site.Origin(), RequestID: clientID,
	})
	if err != nil {
		writeServiceChallengeError(w, r, a.Log, err)
		return
	}
	c, err := a.Store.GetClient(ctx, clientID)
	switch {
	case errors.Is(err, store.ErrNotFound):
		httperr.Unauthenticated(w, r, "The client no longer exists.")
		return
	case err != nil:
		httperr.FailProblem(w, r, a.Log, "read client", err)
		return
	case !hasWallet(c, v.Address):
		httperr.Problem(w, r, http.StatusForbidden, "", "This wallet is no longer registered for the client.")
		return
	}
	tok, ttl, err := a.Tokens.IssueServiceToken(ctx, clientID)
	if err != nil {
		httperr.FailProblem(w, r, a.Log, "issue service token", err)
		return
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{
		"access_token": tok, "token_type": "Bearer", "expires_in": int64(ttl / time.Second),
	})
}

// writeServiceChallengeError answers a refused signed challenge.
func writeServiceChallengeError(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error) {
	switch {
	case errors.Is(err, challenge.ErrUnavailable):
		httperr.FailProblem(w, r, log, "service token: check signature", err)
	case errors.Is(err, challenge.ErrExpired):
		httperr.Unauthenticated(w, r, "The challenge expired. Ask for a new one.")
	case errors.Is(err, challenge.ErrNonce):
		httperr.Unauthenticated(w, r, "This challenge was already used or was not issued here. Ask for a new one.")
	case errors.Is(err, challenge.ErrSignature):
		httperr.Unauthenticated(w, r, "The signature does not match the challenge's wallet.")
	default:
		httperr.Unauthenticated(w, r, "The message is not a challenge this server issued for that client.")
	}
}

// hasWallet reports whether the client lists wallet.
func hasWallet(c store.Client, wallet common.Address) bool {
	return slices.Contains(c.Wallets, wallet)
}

func (a *ServiceAuth) now() time.Time {
	if a.Clock == nil {
		return time.Now()
	}
	return a.Clock()
}

// serviceClientID is what a client id may look like here: it becomes the
// SIWE Request ID and part of the statement. Issued ids are 32 hex digits.
var serviceClientID = regexp.MustCompile(`^[A-Za-z0-9._~-]{1,128}$`)

// serviceChallengePost asks for a challenge for one of a client's wallets.
type serviceChallengePost struct {
	ClientID string `json:"client_id"`
	Wallet   string `json:"wallet"`
}

func (p serviceChallengePost) validate() (common.Address, error) {
	if !serviceClientID.MatchString(p.ClientID) {
		return common.Address{}, fmt.Errorf("%w: client_id", web.ErrBadPost)
	}
	a, err := identity.ParseAddress(p.Wallet)
	if err != nil || a == (common.Address{}) {
		return common.Address{}, fmt.Errorf("%w: wallet must be a 0x address", web.ErrBadPost)
	}
	return a, nil
}

// serviceTokenPost carries a signed challenge.
type serviceTokenPost struct {
	Message   string `json:"message"`
	Signature string `json:"signature"`
}

// maxServiceSignature bounds the signature's bytes: an EOA signs 65, a
// multisig contract wallet a few times that.
const maxServiceSignature = 4 << 10

// validate checks the fields' shape and returns the client the message
// names in its Request ID.
func (p serviceTokenPost) validate() (string, error) {
	if err := p.check(); err != nil {
		return "", err
	}
	id, ok := messageRequestID(p.Message)
	if !ok {
		return "", fmt.Errorf("%w: the message names no client in its Request ID", web.ErrBadPost)
	}
	return id, nil
}

// check checks the shape of a signed challenge: a message of at most
// 8 KiB, and a 0x-hex signature of at most maxServiceSignature bytes.
func (p serviceTokenPost) check() error {
	if p.Message == "" || len(p.Message) > 8<<10 {
		return fmt.Errorf("%w: message", web.ErrBadPost)
	}
	sig, ok := strings.CutPrefix(p.Signature, "0x")
	if !ok || sig == "" || len(sig)%2 != 0 || len(sig) > 2*maxServiceSignature || !isHex(sig) {
		return fmt.Errorf("%w: signature must be 0x-prefixed hex", web.ErrBadPost)
	}
	return nil
}

// messageRequestID reads the Request ID field of a SIWE message. Fields
// start at the fifth line at the earliest, after the greeting, address,
// blank line and statement, so a statement cannot pose as one. Verify then
// reads the message strictly and holds it to this id.
func messageRequestID(text string) (string, bool) {
	lines := strings.Split(text, "\n")
	for i := 4; i < len(lines); i++ {
		if id, ok := strings.CutPrefix(lines[i], "Request ID: "); ok {
			return id, serviceClientID.MatchString(id)
		}
	}
	return "", false
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}
