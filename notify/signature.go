package notify

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ErrBadWebhookSignature refuses a webhook delivery's Idconnect-Signature.
var ErrBadWebhookSignature = errors.New("notify: bad webhook signature")

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
