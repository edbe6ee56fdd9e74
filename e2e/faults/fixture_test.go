package faults

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/idconnect/idconnect/internal/serverproc"
	"github.com/idconnect/idconnect/store"
)

// storeTimeout bounds a check's direct read of the database.
const storeTimeout = 30 * time.Second

// redirectURI is the Connect client's; the flow never follows it.
const redirectURI = "http://127.0.0.1:9/callback"

// fixture is one server with what the load needs: a public Connect
// client, two services with API keys, and the owners.
type fixture struct {
	srv      *serverproc.Server
	dsn      string
	clientID string
	services []*service
	owners   []*owner
	http     *http.Client
}

// newFixture starts a server on dsn reading the chain at rpc and registers
// its clients with the CLI, as an operator would.
func newFixture(t *testing.T, dsn, rpc string, extra ...string) *fixture {
	t.Helper()
	env := shared.env(t)
	f := &fixture{srv: shared.startServer(t, shared.serverArgs(t, dsn, rpc, extra...)...), dsn: dsn, http: newHTTPClient()}
	ctx, cancel := ctxFor(time.Minute)
	defer cancel()
	var c struct {
		ClientID string `json:"client_id"`
	}
	out, err := serverproc.Run(ctx, shared.bin, "client", "create", "--dsn", dsn, "--name", "Fault Shop", "--redirect-uri", redirectURI, "--public", "--json")
	if err == nil {
		err = jsonOut(out, &c)
	}
	if err != nil {
		t.Fatal(err)
	}
	f.clientID = c.ClientID
	for i := range 2 {
		out, err := serverproc.Run(ctx, shared.bin, "client", "create", "--dsn", dsn, "--name", fmt.Sprintf("Fault Bank %d", i), "--redirect-uri", "https://bank.example/cb", "--json")
		if err == nil {
			err = jsonOut(out, &c)
		}
		var key struct {
			Key string `json:"key"`
		}
		if err == nil {
			out, err = serverproc.Run(ctx, shared.bin, "apikey", "create", "--dsn", dsn, "--client", c.ClientID, "--json")
		}
		if err == nil {
			err = jsonOut(out, &key)
		}
		if err != nil {
			t.Fatal(err)
		}
		f.services = append(f.services, &service{issuer: f.srv.URL, auth: "ApiKey " + key.Key, http: f.http})
	}
	for _, k := range env.owners {
		f.owners = append(f.owners, newOwner(k, f.srv.URL))
	}
	return f
}

// userinfo reads /userinfo with an access token.
func (f *fixture) userinfo(ctx context.Context, token string) (answer, error) {
	return call(ctx, f.http, http.MethodGet, f.srv.URL+"/userinfo", "Bearer "+token, nil)
}

// connect runs the Connect flow for owner i and records the grant once the
// token endpoint answered 200.
func (f *fixture) connect(ctx context.Context, l *ledger, i int, persistent bool) (string, *oauth2.Token, error) {
	scopes := []string{"openid", "email"}
	kind := store.GrantImmediate
	if persistent {
		scopes, kind = append(scopes, "offline_access"), store.GrantPersistent
	}
	tok, err := f.owners[i].connect(ctx, f.clientID, redirectURI, scopes...)
	if err != nil {
		return "", nil, err
	}
	id, err := grantID(tok.AccessToken)
	if err != nil {
		return "", nil, err
	}
	l.grant(id, ackGrant{kind: kind, token: tok.AccessToken, read: f.userinfo})
	return id, tok, nil
}

// access asks service s for owner i's email and records the grant once the
// validation answered 200.
func (f *fixture) access(ctx context.Context, l *ledger, s *service, i int, kind store.GrantKind) (string, string, error) {
	o := f.owners[i]
	id, token, ok, err := s.access(ctx, o, string(kind))
	if !ok {
		return "", "", err
	}
	l.grant(id, ackGrant{kind: kind, token: token, read: func(ctx context.Context, token string) (answer, error) { return s.read(ctx, o, token) }})
	return id, token, nil
}
