package notify

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/idconnect/idconnect/store"
)

// Deliverer defaults.
const (
	DefaultDeliveryInterval = time.Second
	DefaultDeliveryLease    = time.Minute
	DefaultDeliveryBatch    = 32
	DefaultMaxBackoff       = time.Hour
	DefaultDeliveryTimeout  = 10 * time.Second
	// DefaultMaxAge is how long after it was enqueued a notification is
	// retried before it is given up as dead: three days rides out a
	// receiver's long weekend, and a decision older than that is better
	// learned by polling GET /access-grants/{id}.
	DefaultMaxAge = 72 * time.Hour
)

const (
	// maxResponseDrain bounds how much of a receiver's answer is read.
	maxResponseDrain = 64 << 10
	// markTimeout bounds recording an attempt's outcome, which goes on
	// after Run's context ends so that a sent delivery is not sent again.
	markTimeout = 10 * time.Second
)

// Deliverer sends the outbox: it claims due notifications with a lease,
// so that deliverers on any number of nodes never send one at the same
// time, POSTs each, and marks it delivered on a 2xx answer or schedules
// a retry with exponential backoff. Retries stop MaxAge after the
// notification was enqueued: it is then marked dead, logged at error level
// (ids only) and kept for the operator (idconnect outbox list --dead). A
// delivery can still arrive twice (a receiver that answered 2xx after the
// lease ran out, or a crash between POST and mark), which is why
// Idconnect-Delivery stays the same across attempts. It owns every
// notification kind in the outbox. Set the fields before first use.
type Deliverer struct {
	Store store.NotificationStore
	// Webhooks finds an owner's webhook and opens its sealed secret.
	Webhooks *Webhooks
	// Client sends the POSTs; redirects are never followed, whichever
	// client it is. The default dials directly (no proxy) and refuses
	// addresses that are not public (loopback is allowed with
	// AllowLoopback), so a name that resolves into the server's own
	// network is not reached.
	Client        *http.Client
	Clock         func() time.Time // default time.Now
	Rand          io.Reader        // backoff jitter, safe for concurrent use; default crypto/rand
	Log           *slog.Logger     // default slog.Default()
	Interval      time.Duration    // Run's poll when idle (default 1s)
	Lease         time.Duration    // how long a claim holds (default 1m); must exceed Timeout
	Batch         int              // notifications per claim, sent concurrently (default 32)
	MaxBackoff    time.Duration    // longest wait between attempts (default 1h)
	Timeout       time.Duration    // per POST (default 10s)
	MaxAge        time.Duration    // retries end this long after enqueueing (default 72h)
	AllowLoopback bool             // dev: accept http://localhost (CheckDeliveryURL)
	// Callbacks, when set, signs callback bodies with the server's keys:
	// the Idconnect-JWS header carries a detached JWS (RFC 7515 appendix
	// F) that a service checks against /.well-known/jwks.json, with no
	// secret shared with the server.
	Callbacks CallbackSigner

	once   sync.Once
	client *http.Client
	err    error
}

func (d *Deliverer) setup() error {
	d.once.Do(func() {
		d.Interval = orDefault(d.Interval, DefaultDeliveryInterval)
		d.Lease = orDefault(d.Lease, DefaultDeliveryLease)
		d.MaxBackoff = orDefault(d.MaxBackoff, DefaultMaxBackoff)
		d.Timeout = orDefault(d.Timeout, DefaultDeliveryTimeout)
		d.MaxAge = orDefault(d.MaxAge, DefaultMaxAge)
		if d.Batch <= 0 {
			d.Batch = DefaultDeliveryBatch
		}
		if d.Rand == nil {
			d.Rand = rand.Reader
		}
		if d.Log == nil {
			d.Log = slog.Default()
		}
		if d.Lease <= d.Timeout {
			d.err = fmt.Errorf("notify: Deliverer.Lease (%v) must exceed Timeout (%v)", d.Lease, d.Timeout)
		}
		d.client = deliveryClient(d.Client, d.AllowLoopback)
	})
	return d.err
}

func orDefault(v, def time.Duration) time.Duration {
	if v <= 0 {
		return def
	}
	return v
}

// deliveryClient returns c, or the guarded default, without redirects.
func deliveryClient(c *http.Client, allowLoopback bool) *http.Client {
	var out http.Client
	if c != nil {
		out = *c
	} else {
		dialer := &net.Dialer{Timeout: DefaultDeliveryTimeout, KeepAlive: 30 * time.Second, Control: dialGuard(allowLoopback)}
		out.Transport = &http.Transport{
			DialContext: dialer.DialContext, ForceAttemptHTTP2: true, MaxIdleConns: 100,
			IdleConnTimeout: 90 * time.Second, TLSHandshakeTimeout: DefaultDeliveryTimeout,
		}
	}
	out.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &out
}

// dialGuard refuses a connection to an address that is not public, after
// name resolution: a check of the URL alone cannot see where a name
// points, and DNS can change between the check and the dial.
func dialGuard(allowLoopback bool) func(network, address string, _ syscall.RawConn) error {
	return func(_, address string, _ syscall.RawConn) error {
		ap, err := netip.ParseAddrPort(address)
		if err != nil {
			return fmt.Errorf("%w: dial %q: %w", ErrBadDeliveryURL, address, err)
		}
		ip := ap.Addr().Unmap()
		if publicAddr(ip) || allowLoopback && ip.IsLoopback() {
			return nil
		}
		return fmt.Errorf("%w: refusing to dial the non-public address %s", ErrBadDeliveryURL, ip)
	}
}

// DeliveryBackoff is the wait before the next attempt after attempts
// failed ones: 1s·2^(attempts-1), capped at maxBackoff (default
// DefaultMaxBackoff), then shortened by jitter (in [0,1)) times a quarter,
// so that deliveries that failed together do not retry together.
func DeliveryBackoff(attempts int, maxBackoff time.Duration, jitter float64) time.Duration {
	maxBackoff = orDefault(maxBackoff, DefaultMaxBackoff)
	d := time.Second
	for i := 1; i < attempts && d < maxBackoff; i++ {
		d *= 2
	}
	d = min(d, maxBackoff)
	if jitter > 0 && jitter < 1 {
		d -= time.Duration(jitter * float64(d) / 4)
	}
	return d
}

// DeliverDue makes one pass: it claims the due notifications (at most
// Batch), sends them concurrently and records each outcome. It returns
// how many were delivered; errors are the store's.
func (d *Deliverer) DeliverDue(ctx context.Context) (delivered int, err error) {
	_, delivered, err = d.pass(ctx)
	return delivered, err
}

// Run delivers until ctx ends, then returns nil once the pass in flight
// has recorded its outcomes. It polls every Interval, and at once after a
// full batch. Store errors are logged and retried.
func (d *Deliverer) Run(ctx context.Context) error {
	if err := d.setup(); err != nil {
		return err
	}
	t := time.NewTimer(0)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
		claimed, _, err := d.pass(ctx)
		if err != nil && ctx.Err() == nil {
			d.Log.Error("notify: deliver notifications", "err", err)
		}
		if claimed == d.Batch && err == nil {
			t.Reset(0)
		} else {
			t.Reset(d.Interval)
		}
	}
}

func (d *Deliverer) pass(ctx context.Context) (claimed, delivered int, err error) {
	if err := d.setup(); err != nil {
		return 0, 0, err
	}
	now := clockNow(d.Clock)
	leaseUntil := now.Add(d.Lease)
	ns, err := d.Store.ClaimDueNotifications(ctx, now, leaseUntil, d.Batch)
	if err != nil {
		return 0, 0, fmt.Errorf("notify: claim notifications: %w", err)
	}
	var sent atomic.Int64
	errs := make([]error, len(ns))
	var wg sync.WaitGroup
	for i, n := range ns {
		wg.Go(func() {
			ok, err := d.deliver(ctx, n, leaseUntil)
			if ok {
				sent.Add(1)
			}
			errs[i] = err
		})
	}
	wg.Wait()
	return len(ns), int(sent.Load()), errors.Join(errs...)
}

// outcome is what one attempt leads to.
type outcome int

const (
	sent    outcome = iota // the receiver answered 2xx
	retry                  // try again after the backoff
	gone                   // the webhook was removed: nothing to deliver to
	park                   // the entry cannot be sent as stored: keep it, retry rarely
	expired                // too little lease left to POST: left for the next claim
)

// delivery is a notification ready to send.
type delivery struct {
	entry  outboxEntry
	url    string
	secret string
	signed bool
}

// deliver attempts n and records the outcome, reporting whether it was
// sent; the error is the store's, when it could not record the outcome.
func (d *Deliverer) deliver(ctx context.Context, n store.Notification, leaseUntil time.Time) (bool, error) {
	dl, out, why := d.prepare(ctx, n)
	if out == sent {
		if clockNow(d.Clock).Add(d.Timeout).After(leaseUntil) {
			out, why = expired, errors.New("lease too short to send")
		} else if why = d.post(ctx, dl); why != nil {
			out = retry
		}
	}
	log := d.Log.With("notification", n.ID, "kind", n.Kind, "delivery", dl.entry.Delivery, "event", dl.entry.Type, "attempt", n.Attempts)
	mctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), markTimeout)
	defer cancel()
	now := clockNow(d.Clock)
	var err error
	switch out {
	case sent:
		log.Debug("notify: notification delivered")
		err = d.Store.MarkNotificationDelivered(mctx, n.ID, now)
	case gone:
		log.Info("notify: webhook removed; dropping its notification")
		err = d.Store.MarkNotificationDelivered(mctx, n.ID, now)
	case retry, park:
		if d.tooOld(n, now) {
			log.Error("notify: notification given up after its retry period; it stays listed as dead",
				"enqueued", n.CreatedAt, "max_age", d.MaxAge, "err", why)
			err = d.Store.MarkNotificationDead(mctx, n.ID, now)
			break
		}
		wait := d.MaxBackoff
		if out == retry {
			wait = DeliveryBackoff(n.Attempts, d.MaxBackoff, d.jitter())
		}
		// The last attempt falls on the end of the period, not past it.
		next := now.Add(wait)
		if end := d.deadline(n); next.After(end) {
			next = end
		}
		log.Warn("notify: notification not delivered; will retry", "next", next, "err", why)
		err = d.Store.MarkNotificationFailed(mctx, n.ID, next)
	case expired:
		log.Warn("notify: notification not sent; left for the next claim", "err", why)
	}
	if err != nil {
		return false, fmt.Errorf("notify: record delivery of notification %d: %w", n.ID, err)
	}
	return out == sent, nil
}

// tooOld tells whether n's retry period is over at now.
func (d *Deliverer) tooOld(n store.Notification, now time.Time) bool {
	return !now.Before(d.deadline(n))
}

// deadline is the end of n's retry period. A row with no enqueue time
// (none should lack one) counts from its next attempt.
func (d *Deliverer) deadline(n store.Notification) time.Time {
	from := n.CreatedAt
	if from.IsZero() {
		from = n.NextAttemptAt
	}
	return from.Add(d.MaxAge)
}

// prepare reads n's stored entry and finds where it goes. An outcome of
// sent means ready to POST.
func (d *Deliverer) prepare(ctx context.Context, n store.Notification) (delivery, outcome, error) {
	var dl delivery
	if err := json.Unmarshal(n.Payload, &dl.entry); err != nil || dl.entry.Delivery == "" || len(dl.entry.Body) == 0 {
		return dl, park, fmt.Errorf("unreadable outbox entry (%v)", err)
	}
	switch n.Kind {
	case NotificationCallback:
		dl.url = dl.entry.URL
	case NotificationWebhook:
		if d.Webhooks == nil {
			return dl, park, errors.New("no webhook settings to deliver with")
		}
		url, secret, err := d.Webhooks.signingSecret(ctx, n.Identity)
		switch {
		case errors.Is(err, store.ErrNotFound):
			return dl, gone, nil
		case errors.Is(err, ErrSecretUnreadable):
			return dl, park, errors.New("the webhook's secret does not open with the server key")
		case err != nil:
			return dl, retry, err
		}
		dl.url, dl.secret, dl.signed = url, secret, true
	default:
		return dl, park, fmt.Errorf("unknown notification kind %q", n.Kind)
	}
	u, err := CheckDeliveryURL(dl.url, d.AllowLoopback)
	if err != nil {
		return dl, retry, err
	}
	dl.url = u
	return dl, sent, nil
}

// CallbackSigner signs a callback body as a detached JWS; authz.Provider
// is one.
type CallbackSigner interface {
	SignCallback(ctx context.Context, body []byte) (string, error)
}

// post sends dl once. Its errors, which are logged, leave out the URL: a
// webhook URL may carry the owner's token in its path or query.
func (d *Deliverer) post(ctx context.Context, dl delivery) error {
	ctx, cancel := context.WithTimeout(ctx, d.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, dl.url, bytes.NewReader(dl.entry.Body))
	if err != nil {
		return errors.New("cannot build the request")
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "idconnect-webhook")
	req.Header.Set("Idconnect-Event", dl.entry.Type)
	req.Header.Set("Idconnect-Delivery", dl.entry.Delivery)
	if dl.signed {
		req.Header.Set("Idconnect-Signature", SignPayload(dl.secret, clockNow(d.Clock), dl.entry.Body))
	}
	if !dl.signed && d.Callbacks != nil {
		jws, err := d.Callbacks.SignCallback(ctx, dl.entry.Body)
		if err != nil {
			return errors.New("cannot sign the callback")
		}
		req.Header.Set("Idconnect-JWS", jws)
	}
	resp, err := d.client.Do(req)
	if err != nil {
		if ue, ok := errors.AsType[*url.Error](err); ok {
			err = ue.Err
		}
		return err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, maxResponseDrain))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fmt.Errorf("the receiver answered %d", resp.StatusCode)
	}
	return nil
}

// jitter draws a fraction in [0,1) from Rand, or 0 when it fails.
func (d *Deliverer) jitter() float64 {
	var b [8]byte
	if _, err := io.ReadFull(d.Rand, b[:]); err != nil {
		return 0
	}
	return float64(binary.BigEndian.Uint64(b[:])>>11) / (1 << 53)
}
