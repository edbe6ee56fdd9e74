package consent

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/store"
)

// ErrBadDeliveryURL refuses a webhook or callback URL.
var ErrBadDeliveryURL = errors.New("consent: unacceptable delivery URL")

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

// WebhookStore is what Webhooks needs from the store.
type WebhookStore interface {
	PutWebhook(ctx context.Context, w store.Webhook) error
	GetWebhook(ctx context.Context, identity string) (store.Webhook, error)
	DeleteWebhook(ctx context.Context, identity string) error
}

// Webhooks manages each identity owner's webhook: one URL per identity,
// with the secret that signs its deliveries.
type Webhooks struct {
	Store         WebhookStore
	Rand          io.Reader        // default crypto/rand
	Clock         func() time.Time // default time.Now
	AllowLoopback bool             // dev: accept http://localhost (CheckDeliveryURL)
}

// Set creates or replaces the identity's webhook with a fresh secret,
// which it returns: the only time the owner sees it. Replacing a webhook
// also redirects deliveries still pending, signed with the new secret.
// Errors: ErrBadDeliveryURL.
func (w *Webhooks) Set(ctx context.Context, id common.Address, rawURL string) (secret string, err error) {
	u, err := CheckDeliveryURL(rawURL, w.AllowLoopback)
	if err != nil {
		return "", err
	}
	r := w.Rand
	if r == nil {
		r = rand.Reader
	}
	b := make([]byte, 32)
	if _, err := io.ReadFull(r, b); err != nil {
		return "", fmt.Errorf("consent: webhook secret: %w", err)
	}
	secret = base64.RawURLEncoding.EncodeToString(b)
	err = w.Store.PutWebhook(ctx, store.Webhook{Identity: id.Hex(), URL: u, Secret: secret, CreatedAt: clockNow(w.Clock)})
	if err != nil {
		return "", fmt.Errorf("consent: set webhook: %w", err)
	}
	return secret, nil
}

// Get returns the identity's webhook, and false when none is set. Its
// Secret is there for signing: never render it.
func (w *Webhooks) Get(ctx context.Context, id common.Address) (store.Webhook, bool, error) {
	h, err := w.Store.GetWebhook(ctx, id.Hex())
	if errors.Is(err, store.ErrNotFound) {
		return store.Webhook{}, false, nil
	}
	if err != nil {
		return store.Webhook{}, false, fmt.Errorf("consent: get webhook: %w", err)
	}
	return h, true, nil
}

// Remove deletes the identity's webhook; deliveries still pending for it
// are dropped. Errors: store.ErrNotFound when none is set.
func (w *Webhooks) Remove(ctx context.Context, id common.Address) error {
	if err := w.Store.DeleteWebhook(ctx, id.Hex()); err != nil {
		return fmt.Errorf("consent: remove webhook: %w", err)
	}
	return nil
}

// clockNow reads clock, or the wall clock when none is injected, in UTC.
func clockNow(clock func() time.Time) time.Time {
	if clock == nil {
		return time.Now().UTC()
	}
	return clock().UTC()
}

// ErrBadWebhookSignature refuses a webhook delivery's Idconnect-Signature.
var ErrBadWebhookSignature = errors.New("consent: bad webhook signature")

// maxSignatureHeader bounds the header VerifySignature parses.
const maxSignatureHeader = 4096

// DefaultSignatureTolerance is VerifySignature's tolerance when given none.
const DefaultSignatureTolerance = 5 * time.Minute

// SignPayload returns the Idconnect-Signature header value for body sent
// at t: "t=<unix seconds>,v1=<hex HMAC-SHA256>", keyed with the secret's
// text, over "<t>.<body>" (the scheme Stripe uses). Signing the time
// lets a receiver refuse a replayed delivery.
func SignPayload(secret string, t time.Time, body []byte) string {
	ts := strconv.FormatInt(t.Unix(), 10)
	return "t=" + ts + ",v1=" + hex.EncodeToString(signature(secret, ts, body))
}

func signature(secret, ts string, body []byte) []byte {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(ts))
	m.Write([]byte{'.'})
	m.Write(body)
	return m.Sum(nil)
}

// VerifySignature checks an Idconnect-Signature header against body, as a
// receiver must: one t, within tolerance of now (default
// DefaultSignatureTolerance), and at least one v1 matching. Other keys are
// ignored, so a later scheme can be added beside v1. Errors:
// ErrBadWebhookSignature.
func VerifySignature(secret, header string, body []byte, now time.Time, tolerance time.Duration) error {
	if tolerance <= 0 {
		tolerance = DefaultSignatureTolerance
	}
	if len(header) > maxSignatureHeader {
		return fmt.Errorf("%w: header too long", ErrBadWebhookSignature)
	}
	var ts string
	var sigs [][]byte
	for part := range strings.SplitSeq(header, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		switch {
		case !ok:
			return fmt.Errorf("%w: malformed", ErrBadWebhookSignature)
		case k == "t" && ts != "":
			return fmt.Errorf("%w: two timestamps", ErrBadWebhookSignature)
		case k == "t":
			ts = v
		case k == "v1":
			if s, err := hex.DecodeString(v); err == nil && len(s) == sha256.Size {
				sigs = append(sigs, s)
			}
		}
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || ts != strconv.FormatInt(sec, 10) {
		return fmt.Errorf("%w: no valid timestamp", ErrBadWebhookSignature)
	}
	if d := now.Sub(time.Unix(sec, 0)).Abs(); d > tolerance {
		return fmt.Errorf("%w: timestamp outside the tolerance", ErrBadWebhookSignature)
	}
	want := signature(secret, ts, body)
	for _, s := range sigs {
		if hmac.Equal(s, want) {
			return nil
		}
	}
	return fmt.Errorf("%w: no matching v1 signature", ErrBadWebhookSignature)
}
