package faults

import (
	"context"
	"net/http"
	"net/url"
	"path/filepath"
	"testing"
	"time"

	"github.com/idconnect/idconnect/internal/tcpproxy"
	"github.com/idconnect/idconnect/store"
)

// cacheAge is the server's --cache-max-age in the chain tests: the longest
// a read may be served on what the chain said before it became unreachable.
const cacheAge = 2 * time.Second

// TestChainUnreachable cuts the server's JSON-RPC connection to geth
// through a proxy, over websocket (heads by subscription) and over HTTP
// (heads by polling): once the cache bound has passed, reads fail closed
// (401 or 503, never 200), /healthz says why, and once the proxy is
// restored everything works again without a restart.
func TestChainUnreachable(t *testing.T) {
	env := shared.env(t)
	for _, c := range []struct{ name, url string }{{"ws", env.geth.WSURL}, {"http", env.geth.HTTPURL}} {
		t.Run(c.name, func(t *testing.T) {
			u, err := url.Parse(c.url)
			if err != nil {
				t.Fatal(err)
			}
			proxy, err := tcpproxy.Start(u.Host)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(proxy.Close)
			u.Host = proxy.Addr
			cutAndRestore(t, proxy, u.String())
		})
	}
}

func cutAndRestore(t *testing.T, proxy *tcpproxy.Proxy, rpc string) {
	f := newFixture(t, filepath.Join(t.TempDir(), "idconnect.db"), rpc, "--cache-max-age", cacheAge.String())
	l := newLedger()
	ctx, cancel := ctxFor(2 * time.Minute)
	defer cancel()
	_, tok, err := f.connect(ctx, l, 0, true)
	if err != nil {
		t.Fatal(err)
	}
	_, apiToken, err := f.access(ctx, l, f.services[0], 1, store.GrantPersistent)
	if err != nil {
		t.Fatal(err)
	}
	reads := map[string]func() (answer, error){
		"userinfo": func() (answer, error) { return f.userinfo(ctx, tok.AccessToken) },
		"profile":  func() (answer, error) { return f.services[0].read(ctx, f.owners[1], apiToken) },
	}
	for name, read := range reads {
		if a, err := read(); err != nil || a.code != http.StatusOK {
			t.Fatalf("%s before the cut: %d %v %v", name, a.code, a.body, err)
		}
	}

	proxy.Cut()
	cut := time.Now()
	var sawHealth bool
	for time.Since(cut) < cacheAge+3*time.Second {
		for name, read := range reads {
			sent := time.Since(cut) // a read sent within the bound may be served from the cache
			a, err := read()
			switch {
			case err != nil:
				t.Errorf("%s with the chain cut: %v", name, err)
			case a.code == http.StatusOK && sent > cacheAge:
				t.Errorf("%s sent %v after the chain was cut answered 200 %v", name, sent.Round(time.Millisecond), a.body)
			case a.code != http.StatusOK && a.code != http.StatusUnauthorized && a.code != http.StatusServiceUnavailable:
				t.Errorf("%s with the chain cut: %d %v", name, a.code, a.body)
			}
		}
		if !sawHealth {
			sawHealth = chainDownHealth(t, ctx, f)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if !sawHealth {
		t.Errorf("/healthz never said the chain was unreachable: %v", health(ctx, f).body)
	}
	if _, _, err := f.access(ctx, l, f.services[0], 2, store.GrantImmediate); err == nil {
		t.Error("an access request was validated with the chain cut")
	}

	if err := proxy.Restore(); err != nil {
		t.Fatal(err)
	}
	restored := time.Now()
	if err := f.srv.WaitHealthy(20 * time.Second); err != nil {
		t.Fatalf("/healthz after the chain came back: %v %v", err, health(ctx, f).body)
	}
	for name, read := range reads {
		for {
			a, err := read()
			if err == nil && a.code == http.StatusOK {
				break
			}
			if time.Since(restored) > 20*time.Second {
				t.Fatalf("%s still refused %v after the chain came back: %d %v %v", name, time.Since(restored), a.code, a.body, err)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	for h := health(ctx, f); h.code != http.StatusOK || !following(h); h = health(ctx, f) {
		if time.Since(restored) > 20*time.Second {
			t.Fatalf("the cache did not follow the chain again %v after it came back: /healthz %d %v", time.Since(restored), h.code, h.body)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if _, _, err := f.access(ctx, l, f.services[0], 2, store.GrantImmediate); err != nil {
		t.Errorf("an access request after the chain came back: %v", err)
	}
	t.Logf("serving again %v after the chain came back", time.Since(restored).Round(time.Millisecond))
}

// chainDownHealth reports whether /healthz says the chain is down: a
// non-200 status with the chain's error, or following:false with a reason.
func chainDownHealth(t *testing.T, ctx context.Context, f *fixture) bool {
	h := health(ctx, f)
	chain, _ := h.body["chain"].(map[string]any)
	reason, _ := chain["reason"].(string)
	cerr, _ := chain["error"].(string)
	switch {
	case h.code == http.StatusServiceUnavailable && cerr != "":
		return true
	case chain["following"] == false && reason != "":
		return true
	case h.code != http.StatusOK:
		t.Errorf("/healthz with the chain cut: %d %v, without saying why", h.code, h.body)
	}
	return false
}

func following(h answer) bool {
	chain, _ := h.body["chain"].(map[string]any)
	return chain["following"] == true
}
