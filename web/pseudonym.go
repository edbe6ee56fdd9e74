package web

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"regexp"
	"strings"

	"github.com/idconnect/idconnect/internal/memo"
)

// Pseudonyms replaces personal data in logs by a keyed hash: wallet and
// identity addresses (bare, in CAIP-10 ids and in SIWE messages), email
// addresses and client IPs are personal data under the GDPR, yet an
// operator needs to tell that two lines are about the same wallet. An
// HMAC with a server-derived key keeps lines correlatable while nobody
// without the key can test a guessed address against the log.
//
// The request log names each request's client IP, so the pseudonyms of
// recent values are kept: an HMAC per request was 2% of a /userinfo read.
type Pseudonyms struct {
	key    []byte
	recent *memo.Recent[[2]string, string] // (kind, value) → pseudonym
}

// NewPseudonyms returns Pseudonyms keyed with key (at least 16 bytes).
func NewPseudonyms(key []byte) (*Pseudonyms, error) {
	if len(key) < 16 {
		return nil, fmt.Errorf("web: pseudonym key too short (%d bytes)", len(key))
	}
	p := &Pseudonyms{key: append([]byte(nil), key...)}
	p.recent = memo.New(4096, func(kv [2]string) string { return p.of(kv[0], kv[1]) })
	return p, nil
}

// Of returns the pseudonym of value, of the given kind ("addr", "email",
// "ip"): kind, '~' and 16 hex digits of the HMAC. Addresses and emails are
// compared without case, so every spelling of one gets one pseudonym.
func (p *Pseudonyms) Of(kind, value string) string { return p.recent.Get([2]string{kind, value}) }

func (p *Pseudonyms) of(kind, value string) string {
	m := hmac.New(sha256.New, p.key)
	m.Write([]byte(kind))
	m.Write([]byte{0})
	m.Write([]byte(strings.ToLower(value)))
	return kind + "~" + hex.EncodeToString(m.Sum(nil)[:8])
}

var (
	// addressPattern is a 20-byte hex address, not the head of a longer
	// hex string (a hash or a signature, which are not personal data).
	addressPattern = regexp.MustCompile(`\b0[xX][0-9a-fA-F]{40}\b`)
	emailPattern   = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}`)
)

// Scrub replaces every address and email in s by its pseudonym.
func (p *Pseudonyms) Scrub(s string) string {
	if !strings.Contains(s, "0x") && !strings.Contains(s, "0X") && !strings.Contains(s, "@") {
		return s
	}
	s = addressPattern.ReplaceAllStringFunc(s, func(a string) string { return p.Of("addr", a) })
	return emailPattern.ReplaceAllStringFunc(s, func(e string) string { return p.Of("email", e) })
}

// Handler wraps next so that every record's message and attribute values
// (strings, errors, anything printed) are scrubbed before next sees them.
// Installed on the server's root logger, it covers every package's log
// calls, including error chains that quote an address deep inside.
func (p *Pseudonyms) Handler(next slog.Handler) slog.Handler {
	return &scrubHandler{next: next, p: p}
}

type scrubHandler struct {
	next slog.Handler
	p    *Pseudonyms
}

func (h *scrubHandler) Enabled(ctx context.Context, l slog.Level) bool { return h.next.Enabled(ctx, l) }

func (h *scrubHandler) Handle(ctx context.Context, r slog.Record) error {
	out := slog.NewRecord(r.Time, r.Level, h.p.Scrub(r.Message), r.PC)
	r.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(h.attr(a))
		return true
	})
	return h.next.Handle(ctx, out)
}

func (h *scrubHandler) WithAttrs(as []slog.Attr) slog.Handler {
	clean := make([]slog.Attr, len(as))
	for i, a := range as {
		clean[i] = h.attr(a)
	}
	return &scrubHandler{next: h.next.WithAttrs(clean), p: h.p}
}

func (h *scrubHandler) WithGroup(name string) slog.Handler {
	return &scrubHandler{next: h.next.WithGroup(name), p: h.p}
}

// attr scrubs one attribute. Values that are not strings are printed
// first when their text could hold an address: an error, a Stringer, any
// other value of kind Any.
func (h *scrubHandler) attr(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		return slog.String(a.Key, h.p.Scrub(v.String()))
	case slog.KindGroup:
		g := v.Group()
		clean := make([]slog.Attr, len(g))
		for i, x := range g {
			clean[i] = h.attr(x)
		}
		return slog.Attr{Key: a.Key, Value: slog.GroupValue(clean...)}
	case slog.KindAny:
		var text string
		switch x := v.Any().(type) {
		case error:
			text = x.Error()
		case fmt.Stringer:
			text = x.String()
		case []byte:
			text = string(x)
		default:
			text = fmt.Sprint(x)
		}
		if clean := h.p.Scrub(text); clean != text {
			return slog.String(a.Key, clean)
		}
		return slog.Attr{Key: a.Key, Value: v}
	}
	return slog.Attr{Key: a.Key, Value: v}
}
