package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"time"

	"github.com/idconnect/idconnect/authz"
	"github.com/idconnect/idconnect/internal/demorp"
	"github.com/idconnect/idconnect/store"
)

// startDemo registers the demo relying party as a public client (once per data dir)
// and serves it on addr, so a newcomer can click through the whole flow.
func startDemo(ctx context.Context, issuer, addr string, st store.Store, out io.Writer) (*http.Server, error) {
	redirect := "http://" + addr + "/callback"
	clientID, err := demoClient(ctx, st, redirect)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("demo relying party: listen on %s: %w", addr, err)
	}
	mux := http.NewServeMux()
	demorp.New(demorp.Config{Issuer: issuer, ClientID: clientID, RedirectURL: redirect}).Mount(mux)
	srv := &http.Server{Handler: http.NewCrossOriginProtection().Handler(mux), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	fmt.Fprintf(out, "demo relying party on http://%s: open it and click \"Connect with ONCHAINID\"\n", ln.Addr())
	return srv, nil
}

func demoClient(ctx context.Context, st store.Store, redirect string) (string, error) {
	clients, err := authz.ListClients(ctx, st)
	if err != nil {
		return "", err
	}
	for _, c := range clients {
		if c.Public && slices.Contains(c.RedirectURIs, redirect) {
			return c.ID, nil
		}
	}
	id, _, err := authz.CreateClient(ctx, st, authz.ClientSpec{Name: "Demo Shop", RedirectURIs: []string{redirect}, Public: true})
	return id, err
}
