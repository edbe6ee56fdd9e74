package notify

import (
	"errors"
	"fmt"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
)

// ErrBadDeliveryURL refuses a webhook or callback URL.
var ErrBadDeliveryURL = errors.New("notify: unacceptable delivery URL")

// MaxDeliveryURLLength bounds a webhook or callback URL.
const MaxDeliveryURLLength = 2048

// CheckDeliveryURL applies the policy for URLs the server POSTs to, which
// come from outside (an owner's webhook, a service's callback_url), and
// returns the URL in canonical form. It must be absolute https, with no
// userinfo and no fragment, printable ASCII (an IDN host in punycode), at
// most MaxDeliveryURLLength bytes. Plain http is accepted only when
// allowLoopback is set (dev) and the host is a loopback IP or localhost.
//
// The server must not be turned against its own network, so an IP
// literal must be a public address (loopback too when allowLoopback), and
// a name must look like a DNS name under a real top-level domain: that
// refuses the numeric forms (2130706433, 0x7f.1) that some resolvers read
// as IP addresses. Names resolving to private addresses are refused when
// dialling (Deliverer's default client), since only then is the address
// known.
func CheckDeliveryURL(raw string, allowLoopback bool) (string, error) {
	if raw == "" || len(raw) > MaxDeliveryURLLength {
		return "", fmt.Errorf("%w: empty or longer than %d bytes", ErrBadDeliveryURL, MaxDeliveryURLLength)
	}
	for i := 0; i < len(raw); i++ {
		if raw[i] <= ' ' || raw[i] >= 0x7f {
			return "", fmt.Errorf("%w: not printable ASCII", ErrBadDeliveryURL)
		}
	}
	if strings.Contains(raw, "#") {
		return "", fmt.Errorf("%w: has a fragment", ErrBadDeliveryURL)
	}
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return "", fmt.Errorf("%w: %w", ErrBadDeliveryURL, err)
	case u.Opaque != "" || u.Host == "":
		return "", fmt.Errorf("%w: not an absolute URL with a host", ErrBadDeliveryURL)
	case u.User != nil:
		return "", fmt.Errorf("%w: has userinfo", ErrBadDeliveryURL)
	}
	host, loopback, err := deliveryHost(u)
	if err != nil {
		return "", err
	}
	switch {
	case u.Scheme == "http" && !(allowLoopback && loopback):
		return "", fmt.Errorf("%w: http only for a loopback host in development", ErrBadDeliveryURL)
	case u.Scheme != "https" && u.Scheme != "http":
		return "", fmt.Errorf("%w: scheme must be https", ErrBadDeliveryURL)
	case loopback && !allowLoopback:
		return "", fmt.Errorf("%w: loopback host", ErrBadDeliveryURL)
	}
	u.Host = host
	u.ForceQuery = false
	if out := u.String(); len(out) <= MaxDeliveryURLLength {
		return out, nil
	}
	return "", fmt.Errorf("%w: longer than %d bytes", ErrBadDeliveryURL, MaxDeliveryURLLength)
}

// deliveryHost checks u's host and port and returns the host in lower
// case with its port, and whether it is loopback.
func deliveryHost(u *url.URL) (host string, loopback bool, err error) {
	name, port := strings.ToLower(u.Hostname()), u.Port()
	if strings.HasSuffix(u.Host, ":") {
		return "", false, fmt.Errorf("%w: empty port", ErrBadDeliveryURL)
	}
	if port != "" {
		if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 || port[0] == '0' {
			return "", false, fmt.Errorf("%w: bad port", ErrBadDeliveryURL)
		}
	}
	host = name
	if ip, err := netip.ParseAddr(name); err == nil {
		if ip.Zone() != "" || (!publicAddr(ip) && !ip.Unmap().IsLoopback()) {
			return "", false, fmt.Errorf("%w: not a public IP address", ErrBadDeliveryURL)
		}
		loopback = ip.Unmap().IsLoopback()
		if ip.Is6() {
			host = "[" + ip.String() + "]"
		}
	} else {
		if strings.HasPrefix(u.Host, "[") || !dnsName(name) {
			return "", false, fmt.Errorf("%w: bad host name", ErrBadDeliveryURL)
		}
		loopback = name == "localhost" || strings.HasSuffix(name, ".localhost")
	}
	if port != "" {
		host += ":" + port
	}
	return host, loopback, nil
}

// dnsName accepts localhost and dotted LDH names whose last label starts
// with a letter, as every top-level domain does.
func dnsName(name string) bool {
	if name == "localhost" {
		return true
	}
	labels := strings.Split(name, ".")
	if len(name) > 253 || len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for i := 0; i < len(l); i++ {
			if c := l[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
				return false
			}
		}
	}
	tld := labels[len(labels)-1]
	return tld[0] >= 'a' && tld[0] <= 'z'
}

// reserved are ranges that are not global unicast in practice but that
// netip does not flag: this network, shared address space (carrier NAT),
// IETF protocol assignments, benchmarking and the old class E; and the
// IPv6 prefixes that carry an IPv4 address inside (NAT64, 6to4), through
// which a private IPv4 address could be reached.
var reserved = [...]netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("100.64.0.0/10"),
	netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("198.18.0.0/15"),
	netip.MustParsePrefix("240.0.0.0/4"),
	netip.MustParsePrefix("64:ff9b::/96"),
	netip.MustParsePrefix("64:ff9b:1::/48"),
	netip.MustParsePrefix("2002::/16"),
}

// publicAddr tells whether ip is a public unicast address: not loopback,
// private, link-local (cloud metadata lives there), multicast or reserved.
func publicAddr(ip netip.Addr) bool {
	ip = ip.Unmap()
	if !ip.IsGlobalUnicast() || ip.IsPrivate() {
		return false
	}
	for _, p := range reserved {
		if p.Contains(ip) {
			return false
		}
	}
	return true
}
