package consent

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/url"
	"regexp"
	"strings"
)

// Decision is the owner's answer on the consent screen.
type Decision struct {
	RequestID string   `json:"request"`
	Decision  string   `json:"decision"` // "allow" or "deny"
	Scopes    []string `json:"scopes"`   // the ticked items; only with allow
	Message   string   `json:"message"`  // the signed consent message; only with allow
	Signature string   `json:"signature"`
}

// Allow reports whether the owner allowed.
func (d Decision) Allow() bool { return d.Decision == "allow" }

// ErrBadDecision wraps every reason a consent post is refused.
var ErrBadDecision = errors.New("consent: malformed decision")

// MaxDecisionBytes bounds a consent post.
const MaxDecisionBytes = 32 << 10

var (
	requestIDPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{8,128}$`)
	signaturePattern = regexp.MustCompile(`^0x[0-9a-fA-F]{130}$`)
)

// DecodeDecision reads a consent post: JSON from the page script (allow) or a plain
// form (deny, which works without JavaScript). The reader should already be bounded
// (http.MaxBytesReader); DecodeDecision also stops at MaxDecisionBytes.
func DecodeDecision(contentType string, body io.Reader) (Decision, error) {
	raw, err := io.ReadAll(io.LimitReader(body, MaxDecisionBytes+1))
	if err != nil {
		return Decision{}, fmt.Errorf("%w: %v", ErrBadDecision, err)
	}
	if len(raw) > MaxDecisionBytes {
		return Decision{}, fmt.Errorf("%w: body too large", ErrBadDecision)
	}
	var d Decision
	mt, _, _ := mime.ParseMediaType(contentType)
	switch mt {
	case "application/json":
		dec := json.NewDecoder(strings.NewReader(string(raw)))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&d); err != nil {
			return Decision{}, fmt.Errorf("%w: %v", ErrBadDecision, err)
		}
	case "application/x-www-form-urlencoded":
		v, err := url.ParseQuery(string(raw))
		if err != nil {
			return Decision{}, fmt.Errorf("%w: %v", ErrBadDecision, err)
		}
		d = Decision{RequestID: v.Get("request"), Decision: v.Get("decision"), Scopes: v["scope"],
			Message: v.Get("message"), Signature: v.Get("signature")}
	default:
		return Decision{}, fmt.Errorf("%w: content type %q", ErrBadDecision, mt)
	}
	return d, d.validate()
}

func (d Decision) validate() error {
	if !requestIDPattern.MatchString(d.RequestID) {
		return fmt.Errorf("%w: request id", ErrBadDecision)
	}
	switch d.Decision {
	case "deny":
		return nil
	case "allow":
	default:
		return fmt.Errorf("%w: decision must be allow or deny", ErrBadDecision)
	}
	if err := CheckScopes(d.Scopes); err != nil {
		return fmt.Errorf("%w: %v", ErrBadDecision, err)
	}
	if d.Message == "" || len(d.Message) > 8<<10 {
		return fmt.Errorf("%w: message", ErrBadDecision)
	}
	if !signaturePattern.MatchString(d.Signature) {
		return fmt.Errorf("%w: signature must be 0x and 65 bytes of hex", ErrBadDecision)
	}
	return nil
}
