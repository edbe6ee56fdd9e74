package api

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/consent"
	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/store"
	"github.com/idconnect/idconnect/web"
	"github.com/idconnect/idconnect/web/httperr"
)

// AccessAPI serves the Information Provider REST API: the identity
// resources, the access requests services make for them, and the grants
// those become. Services authenticate with an API key or a service token
// (ServiceAuth); owners with their login session, or a signed revocation.
// Answers are JSON, errors RFC 9457 problems.
type AccessAPI struct {
	Site      web.Site
	Flow      *consent.AccessRequests
	Reads     *consent.Reader
	Tokens    GrantTokens
	Services  ServiceAuthenticator
	Owner     *web.Owner
	Store     GrantReader
	Directory identity.Directory
	Catalogue identity.Catalogue
	Clock     func() time.Time
	Log       *slog.Logger
	// RequestLimit, when set, limits access requests per client: each one
	// writes a grant and may notify the owner, so one client must not
	// flood an identity.
	RequestLimit *web.Limiter
	// IdentityLimit, when set, limits access requests per client and
	// identity: the per-client limit alone lets one service fill one
	// owner's inbox (and webhook) with hundreds of requests at once. It is
	// keyed by the pair, not the identity alone, so one service cannot use
	// up the bucket that other services need to reach the same owner.
	IdentityLimit *web.Limiter
	// ChallengeLimit, when set, limits revocation challenges per client IP.
	ChallengeLimit *web.Limiter
}

// GrantTokens mints grant tokens for validated access requests;
// authz.Provider is one.
type GrantTokens interface {
	MintGrantToken(ctx context.Context, g store.Grant) (string, time.Duration, error)
}

// ServiceAuthenticator tells which client a request speaks for.
type ServiceAuthenticator interface {
	Authenticate(r *http.Request) (clientID string, err error)
}

// GrantReader reads grants and their usage.
type GrantReader interface {
	GetGrant(ctx context.Context, id string) (store.Grant, error)
	ListGrants(ctx context.Context, f store.GrantFilter) ([]store.Grant, string, error)
	ListGrantUsage(ctx context.Context, grantID, cursor string, limit int) ([]store.GrantUsage, string, error)
}

// Mount registers the routes.
func (h *AccessAPI) Mount(mux *http.ServeMux) {
	mux.HandleFunc("GET /identities/{identity}/profile", h.readProfile)
	mux.HandleFunc("GET /identities/{identity}/claims/{topic}", h.readClaim)
	mux.HandleFunc("POST /identities/{identity}/profile/access-requests", h.createRequest)
	mux.HandleFunc("POST /identities/{identity}/claims/{topic}/access-requests", h.createRequest)
	mux.HandleFunc("POST /access-grants/{id}/validations", h.validate)
	mux.HandleFunc("GET /access-grants", h.listGrants)
	mux.HandleFunc("GET /access-grants/{id}", h.getGrant)
	mux.HandleFunc("DELETE /access-grants/{id}", h.revoke)
	mux.HandleFunc("POST /access-grants/{id}/revocation-challenges", h.revocationChallenge)
	mux.HandleFunc("GET /access-grants/{id}/token", h.token)
	mux.HandleFunc("GET /access-grants/{id}/usage", h.usage)
}

// caller is who sent a request: a service (its client id) or a signed-in
// owner (their identity), or nobody.
type caller struct {
	clientID string
	owner    common.Address
}

func (c caller) known() bool { return c.clientID != "" || c.owner != (common.Address{}) }

// who authenticates r: an Authorization header means a service, and a bad
// one is refused rather than falling back to a session cookie.
func (h *AccessAPI) who(r *http.Request) (caller, error) {
	if r.Header.Get("Authorization") != "" {
		id, err := h.Services.Authenticate(r)
		if err != nil {
			return caller{}, err
		}
		return caller{clientID: id}, nil
	}
	if ls, ok := h.Owner.Current(r); ok {
		return caller{owner: ls.Identity}, nil
	}
	return caller{}, nil
}

// may tells whether c may see grant g: its owner, or the service it was
// given to. Others are told it does not exist.
func (c caller) may(g store.Grant) bool {
	if c.clientID != "" {
		return g.ClientID == c.clientID
	}
	return c.owner != (common.Address{}) && g.Identity == c.owner
}

// grantFor reads the grant of the path's {id} that c may see, answering
// the request itself when there is none.
func (h *AccessAPI) grantFor(w http.ResponseWriter, r *http.Request, c caller) (store.Grant, bool) {
	g, err := h.Store.GetGrant(r.Context(), r.PathValue("id"))
	switch {
	case errors.Is(err, store.ErrNotFound) || (err == nil && !c.may(g)):
		httperr.Problem(w, r, http.StatusNotFound, "Unknown access grant", "There is no access grant with this id that you may see.")
		return store.Grant{}, false
	case err != nil:
		h.fail(w, r, "read grant", err)
		return store.Grant{}, false
	}
	return g, true
}

// callerGrant authenticates the caller and reads the grant of the path's
// {id} it may see, answering the request itself when it cannot.
func (h *AccessAPI) callerGrant(w http.ResponseWriter, r *http.Request) (caller, store.Grant, bool) {
	c, ok := h.authenticated(w, r)
	if !ok {
		return caller{}, store.Grant{}, false
	}
	g, ok := h.grantFor(w, r, c)
	return c, g, ok
}

// authenticated resolves the caller and refuses anonymous requests; a
// store that cannot check a credential is a server error, not a refusal.
func (h *AccessAPI) authenticated(w http.ResponseWriter, r *http.Request) (caller, bool) {
	c, err := h.who(r)
	if err != nil && !errors.Is(err, ErrUnauthenticated) {
		h.fail(w, r, "authenticate", err)
		return caller{}, false
	}
	if err != nil || !c.known() {
		httperr.Unauthenticated(w, r, "Send an API key (Authorization: ApiKey …) or a service token (Authorization: Bearer …), or sign in as the identity's owner.")
		return caller{}, false
	}
	return c, true
}

// pathIdentity parses the path's {identity}, answering when it is not an address.
func pathIdentity(w http.ResponseWriter, r *http.Request) (common.Address, bool) {
	id, err := identity.ParseAddress(r.PathValue("identity"))
	if err != nil {
		httperr.Problem(w, r, http.StatusNotFound, "Unknown identity", "The path does not name an identity contract address.")
		return common.Address{}, false
	}
	return id, true
}

// pathTopic parses the path's {topic}, when the route has one.
func pathTopic(w http.ResponseWriter, r *http.Request) (uint64, bool) {
	raw := r.PathValue("topic")
	if raw == "" {
		return 0, true
	}
	t, ok := consent.ClaimTopic("claim:" + raw)
	if !ok {
		httperr.Problem(w, r, http.StatusNotFound, "Unknown claim topic", "The topic must be a positive decimal number.")
	}
	return t, ok
}

func (h *AccessAPI) fail(w http.ResponseWriter, r *http.Request, op string, err error) {
	httperr.FailProblem(w, r, h.Log, "access api: "+op, err)
}

// cursorLimit reads the list parameters.
func cursorLimit(r *http.Request) (string, int) {
	limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
	return r.URL.Query().Get("cursor"), store.PageLimit(limit)
}
