package main

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/netip"
	"strings"
	"time"
)

// httpConfig is how the HTTP server treats its connections.
type httpConfig struct {
	// ReadHeaderTimeout bounds reading a request's headers, ReadTimeout
	// the headers and body, WriteTimeout the handler and its answer, and
	// IdleTimeout a kept-alive connection waiting for its next request:
	// without them a client that trickles bytes holds a connection and a
	// goroutine for as long as it likes.
	ReadHeaderTimeout, ReadTimeout, WriteTimeout, IdleTimeout time.Duration
	// TrustedProxies are the reverse proxies whose X-Forwarded-For is
	// believed, as CIDR prefixes (a single address is a /32 or /128).
	TrustedProxies []string
}

// Defaults for httpConfig: a header in 5s, a whole request in 15s, an
// answer within 30s (a /userinfo read waits for the chain at most its
// RPC timeout), and 2 minutes of keep-alive.
const (
	defaultReadHeaderTimeout = 5 * time.Second
	defaultReadTimeout       = 15 * time.Second
	defaultWriteTimeout      = 30 * time.Second
	defaultIdleTimeout       = 120 * time.Second
)

func (c *httpConfig) validate() []error {
	var errs []error
	for flag, d := range map[string]time.Duration{"--read-header-timeout": c.ReadHeaderTimeout, "--read-timeout": c.ReadTimeout,
		"--write-timeout": c.WriteTimeout, "--idle-timeout": c.IdleTimeout} {
		if d < 0 {
			errs = append(errs, fmt.Errorf("%s must not be negative", flag))
		}
	}
	if _, err := c.proxies(); err != nil {
		errs = append(errs, err)
	}
	return errs
}

// proxies parses TrustedProxies.
func (c *httpConfig) proxies() ([]netip.Prefix, error) {
	var out []netip.Prefix
	var errs []error
	for _, raw := range c.TrustedProxies {
		raw = strings.TrimSpace(raw)
		p, err := netip.ParsePrefix(raw)
		if err != nil {
			a, aerr := netip.ParseAddr(raw)
			if aerr != nil || a.Zone() != "" {
				errs = append(errs, fmt.Errorf("--trusted-proxy %q: want a CIDR prefix such as 10.0.0.0/8 or an address", raw))
				continue
			}
			p = netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen())
		}
		if p.Addr().Is4In6() {
			p = netip.PrefixFrom(p.Addr().Unmap(), max(p.Bits()-96, 0))
		}
		out = append(out, p.Masked())
	}
	return out, errors.Join(errs...)
}

// orDuration is d, or def when d is zero.
func orDuration(d, def time.Duration) time.Duration {
	if d == 0 {
		return def
	}
	return d
}

// newHTTPServer is the server serve runs, with its timeouts; tests build
// theirs with it too.
func newHTTPServer(h http.Handler, c httpConfig, log *slog.Logger) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: orDuration(c.ReadHeaderTimeout, defaultReadHeaderTimeout),
		ReadTimeout:       orDuration(c.ReadTimeout, defaultReadTimeout),
		WriteTimeout:      orDuration(c.WriteTimeout, defaultWriteTimeout),
		IdleTimeout:       orDuration(c.IdleTimeout, defaultIdleTimeout),
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
}
