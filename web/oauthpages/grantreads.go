package oauthpages

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strings"

	"github.com/idconnect/idconnect/authz"
	"github.com/idconnect/idconnect/consent"
	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/web"
	"github.com/idconnect/idconnect/web/httperr"
)

// ClientAuthenticator authenticates a confidential OAuth client and says
// whether it registered a resource; authz.Provider is one.
type ClientAuthenticator interface {
	AuthenticateClient(ctx context.Context, r *http.Request) (string, error)
	CheckResource(ctx context.Context, clientID, resource string) error
}

// GrantReads serves POST /oauth2/grant-reads, the read endpoint of
// third-party resource servers (granttoken.Verifier). A resource server
// authenticates with its client credentials and sends the grant token it
// received and its own resource identifier, which must be registered on
// its client (a client cannot read as another's resource server, nor
// spend a grant meant for it); the server runs the one read
// rule for that audience, which refuses a revoked grant and consumes an
// immediate one (once across every resource server), and logs the read.
// The answer is 200 {"active":true, the grant's claims, the judged
// claims} or 200 {"active":false}, as RFC 7662 introspection answers.
type GrantReads struct {
	Clients   ClientAuthenticator
	Reads     *consent.Reader
	Catalogue identity.Catalogue
	Log       *slog.Logger
}

// maxGrantReadBody bounds the form: a token and a resource.
const maxGrantReadBody = 16 << 10

// Mount registers the route.
func (h *GrantReads) Mount(mux *http.ServeMux) {
	mux.HandleFunc("POST "+authz.PathGrantReads, h.serve)
}

func (h *GrantReads) serve(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxGrantReadBody)
	clientID, err := h.Clients.AuthenticateClient(r.Context(), r)
	if err != nil {
		w.Header().Set("WWW-Authenticate", `Basic realm="idconnect"`)
		httperr.OAuth(w, r, http.StatusUnauthorized, "invalid_client", "Authenticate with the resource server's client credentials.")
		return
	}
	token, resource, err := parseGrantRead(r)
	if err != nil {
		httperr.OAuth(w, r, http.StatusBadRequest, "invalid_request", err.Error())
		return
	}
	switch err := h.Clients.CheckResource(r.Context(), clientID, resource); {
	case errors.Is(err, authz.ErrUnregisteredResource):
		httperr.OAuth(w, r, http.StatusBadRequest, "invalid_target", "This client has not registered that resource.")
		return
	case errors.Is(err, authz.ErrClientAuth):
		w.Header().Set("WWW-Authenticate", `Basic realm="idconnect"`)
		httperr.OAuth(w, r, http.StatusUnauthorized, "invalid_client", "Authenticate with the resource server's client credentials.")
		return
	case err != nil:
		httperr.FailOAuth(w, r, h.Log, "grant read client", err)
		return
	}
	res, err := h.Reads.Read(r.Context(), consent.ReadRequest{Token: token, Audience: resource, Resource: resource, NoProfile: true})
	if _, refused := web.ReadRefusalOf(err); refused {
		web.WriteJSON(w, http.StatusOK, map[string]any{"active": false})
		return
	}
	if err != nil {
		httperr.FailOAuth(w, r, h.Log, "grant read", err)
		return
	}
	web.WriteJSON(w, http.StatusOK, grantReadAnswer(res, h.Catalogue))
}

// parseGrantRead reads the form: one token, one resource (RFC 8707).
func parseGrantRead(r *http.Request) (token, resource string, err error) {
	f := r.PostForm
	token = strings.TrimSpace(f.Get("token"))
	switch {
	case len(f["token"]) != 1 || token == "" || len(token) > 8<<10:
		return "", "", errors.New("Send exactly one token.")
	case len(f["resource"]) != 1:
		return "", "", errors.New("Send exactly one resource: this resource server's identifier.")
	}
	res, err := authz.ParseResources(f["resource"])
	if err != nil {
		return "", "", errors.New("The resource must be an absolute URI without a fragment.")
	}
	return token, res[0], nil
}

// grantReadAnswer is an allowed read: the token's grant claims and the
// judged claims of its claim scopes.
func grantReadAnswer(res consent.ReadResult, cat identity.Catalogue) map[string]any {
	t := res.Token
	out := map[string]any{
		"active": true, "grant_id": t.GrantID, "grant_kind": t.GrantKind, "client_id": t.ClientID,
		"sub": t.Subject, "identity": t.Identity.Hex(), "wallet": identity.CAIP10(t.ChainID, t.Wallet),
		"chain_id": t.ChainID, "scope": strings.Join(t.Scopes, " "), "consent": t.Consent,
		"aud": t.Audience, "exp": t.ExpiresAt.Unix(),
	}
	if claims := res.Disclosure.OnchainClaims(cat); claims != nil {
		out["onchainid_claims"] = claims
	}
	return out
}
