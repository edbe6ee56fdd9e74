package main

import (
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"reflect"
	"strings"
	"testing"
	"time"
)

// startHTTP serves h on loopback with the server serve builds.
func startHTTP(t *testing.T, h http.Handler, c httpConfig) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := newHTTPServer(h, c, slog.New(slog.DiscardHandler))
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return ln.Addr().String()
}

// trickle writes data one byte a second and reports how long until the
// server closed the connection; it fails when all of data went through
// and the connection stayed open.
func trickle(t *testing.T, addr, data string) time.Duration {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	closed := make(chan struct{})
	go func() { // the server closing (or answering 408) ends the read
		_, _ = io.Copy(io.Discard, conn)
		close(closed)
	}()
	start := time.Now()
	for i := 0; i < len(data); i++ {
		select {
		case <-closed:
			return time.Since(start)
		case <-time.After(time.Second):
		}
		if _, err := conn.Write([]byte{data[i]}); err != nil {
			return time.Since(start)
		}
	}
	select {
	case <-closed:
		return time.Since(start)
	case <-time.After(3 * time.Second):
		t.Fatalf("a request trickled in over %v was never cut off", time.Since(start))
		return 0
	}
}

// TestSlowClientsCutOff: a client sending its headers, or its body, one
// byte a second is disconnected by the read timeouts instead of holding
// the connection for as long as it likes.
func TestSlowClientsCutOff(t *testing.T) {
	read := make(chan error, 1)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, err := io.ReadAll(r.Body)
		read <- err
	})
	addr := startHTTP(t, h, httpConfig{ReadHeaderTimeout: 2 * time.Second, ReadTimeout: 3 * time.Second})
	t.Run("headers", func(t *testing.T) {
		took := trickle(t, addr, "GET / HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaa\r\n\r\n")
		if took > 5*time.Second {
			t.Fatalf("cut off after %v; want about the 2s header timeout", took)
		}
	})
	t.Run("body", func(t *testing.T) {
		head := "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 40\r\n\r\n"
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		if _, err := conn.Write([]byte(head)); err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		for i := 0; i < 40; i++ {
			if _, err := conn.Write([]byte{'a'}); err != nil {
				break
			}
			select {
			case err := <-read:
				if err == nil {
					t.Fatal("the handler read the whole trickled body")
				}
				if took := time.Since(start); took > 5*time.Second {
					t.Fatalf("body cut off after %v; want about the 3s read timeout", took)
				}
				return
			case <-time.After(time.Second):
			}
		}
		t.Fatal("the body was never cut off")
	})
}

// TestHTTPServerDefaults: the flags' zero values select the defaults.
func TestHTTPServerDefaults(t *testing.T) {
	srv := newHTTPServer(http.NotFoundHandler(), httpConfig{}, slog.New(slog.DiscardHandler))
	got := []time.Duration{srv.ReadHeaderTimeout, srv.ReadTimeout, srv.WriteTimeout, srv.IdleTimeout}
	want := []time.Duration{5 * time.Second, 15 * time.Second, 30 * time.Second, 120 * time.Second}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("timeouts %v, want %v", got, want)
	}
}

func TestTrustedProxyFlag(t *testing.T) {
	cases := []struct {
		in   []string
		want []netip.Prefix
		bad  bool
	}{
		{[]string{"10.0.0.0/8", " 192.0.2.7 "}, []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("192.0.2.7/32")}, false},
		{[]string{"2001:db8::/32", "::ffff:10.0.0.0/104"}, []netip.Prefix{netip.MustParsePrefix("2001:db8::/32"), netip.MustParsePrefix("10.0.0.0/8")}, false},
		{[]string{"10.1.2.3/8"}, []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}, false},
		{[]string{"proxy.example"}, nil, true},
		{[]string{"10.0.0.0/33"}, nil, true},
		{[]string{"fe80::1%eth0"}, nil, true},
	}
	for _, c := range cases {
		hc := httpConfig{TrustedProxies: c.in}
		got, err := hc.proxies()
		if (err != nil) != c.bad || !c.bad && !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q: %v, %v; want %v (error %v)", c.in, got, err, c.want, c.bad)
		}
		if c.bad && (len(hc.validate()) == 0 || !strings.Contains(errors.Join(hc.validate()...).Error(), "--trusted-proxy")) {
			t.Errorf("%q: validate does not name the flag", c.in)
		}
	}
}
