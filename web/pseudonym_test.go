package web

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/web/httperr"
)

func testPseudonyms(t testing.TB) *Pseudonyms {
	p, err := NewPseudonyms(bytes.Repeat([]byte{3}, 32))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

const (
	wallet   = "0x5B38Da6a701c568545dCfcB03FcB875f56beddC4"
	identAdr = "0xAb8483F64d9C6d1EcF9b849Ae677dD3315835cb2"
)

func TestScrub(t *testing.T) {
	p := testPseudonyms(t)
	w := p.Of("addr", wallet)
	cases := []struct{ in, want string }{
		{"no personal data", "no personal data"},
		{"wallet " + wallet + " lacks", "wallet " + w + " lacks"},
		{"lower " + strings.ToLower(wallet), "lower " + w},
		{"caip eip155:1337:" + wallet, "caip eip155:1337:" + w},
		{"siwe\n" + wallet + "\n\nSign in", "siwe\n" + w + "\n\nSign in"},
		{"mail ada@example.com.", "mail " + p.Of("email", "ADA@example.com") + "."},
		{"tx 0x" + strings.Repeat("ab", 32), "tx 0x" + strings.Repeat("ab", 32)}, // a hash, not an address
		{"short 0x1234", "short 0x1234"},
	}
	for _, c := range cases {
		if got := p.Scrub(c.in); got != c.want {
			t.Errorf("Scrub(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if p.Of("addr", wallet) == p.Of("addr", identAdr) || !strings.HasPrefix(w, "addr~") || len(w) != len("addr~")+16 {
		t.Errorf("pseudonyms %q, %q", w, p.Of("addr", identAdr))
	}
	other, _ := NewPseudonyms(bytes.Repeat([]byte{4}, 32))
	if other.Of("addr", wallet) == w {
		t.Error("the pseudonym does not depend on the key")
	}
}

func FuzzScrub(f *testing.F) {
	f.Add("wallet " + wallet + " on " + identAdr)
	f.Add("ada@example.com 0x" + strings.Repeat("f", 40))
	p := testPseudonyms(f)
	f.Fuzz(func(t *testing.T, s string) {
		out := p.Scrub(s)
		if addressPattern.MatchString(out) || emailPattern.MatchString(out) {
			t.Fatalf("Scrub(%q) = %q still holds an address", s, out)
		}
	})
}

// TestFailedRequestLogsNoAddress drives requests that fail on the server
// with errors quoting a wallet, an identity (as CAIP-10) and an email, as
// identity and challenge errors do, through the stack and the error
// writers, and checks that the captured log holds none of them, in any
// case, while the same address still maps to one pseudonym.
func TestFailedRequestLogsNoAddress(t *testing.T) {
	var buf bytes.Buffer
	p := testPseudonyms(t)
	log := slog.New(p.Handler(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug})))
	chainErr := fmt.Errorf("identity: check purpose of %s: %w on identity eip155:1337:%s", strings.ToLower(wallet), identity.ErrChainUnavailable, identAdr)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api", func(w http.ResponseWriter, r *http.Request) {
		httperr.FailProblem(w, r, log, "access api: read", chainErr)
	})
	mux.HandleFunc("GET /page", func(w http.ResponseWriter, r *http.Request) {
		httperr.FailJSON(w, r, log.With("owner", wallet), "dashboard", errors.Join(errors.New("profile of ada@example.com"), chainErr))
	})
	h := Stack{Issuer: "http://id.example", Log: log, Pseudonyms: p}.Handler(mux)
	for _, path := range []string{"/api", "/page"} {
		rec := httptest.NewRecorder()
		r := httptest.NewRequest("GET", path, nil)
		r.RemoteAddr = "198.51.100.23:4000"
		h.ServeHTTP(rec, r)
		if rec.Code < 500 {
			t.Fatalf("%s: %d, want a server error", path, rec.Code)
		}
	}
	out := strings.ToLower(buf.String())
	if !strings.Contains(out, "request failed") && !strings.Contains(out, "access api: read") {
		t.Fatalf("the failures were not logged:\n%s", out)
	}
	for _, leak := range []string{wallet[2:], identAdr[2:], "ada@example.com", "198.51.100.23"} {
		if strings.Contains(out, strings.ToLower(leak)) {
			t.Errorf("the log holds %q:\n%s", leak, buf.String())
		}
	}
	if n := strings.Count(buf.String(), p.Of("addr", wallet)); n < 3 {
		t.Errorf("the wallet's pseudonym appears %d times; want every mention correlatable:\n%s", n, buf.String())
	}
	if !strings.Contains(buf.String(), p.Of("ip", "198.51.100.23")) {
		t.Errorf("the request log lacks the client's pseudonym:\n%s", buf.String())
	}
}
