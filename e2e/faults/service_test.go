package faults

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// service is a relying party of the access-request API, with an API key.
type service struct {
	issuer string
	auth   string // Authorization header
	http   *http.Client
}

// access asks for the owner's email (profile) and validates with the
// owner's signature; it returns the grant id and, once validated, the
// token. A validation answered 200 is an acknowledged grant.
func (s *service) access(ctx context.Context, o *owner, kind string) (grant, token string, validated bool, err error) {
	a, err := call(ctx, s.http, http.MethodPost, s.issuer+"/identities/"+o.identity.Hex()+"/profile/access-requests", s.auth,
		map[string]any{"kind": kind, "fields": []string{"email"}, "purpose": "Fault suite"})
	if err != nil {
		return "", "", false, err
	}
	if a.code != http.StatusCreated {
		return "", "", false, &statusError{op: "access request", code: a.code, answer: a}
	}
	grant, _ = a.body["id"].(string)
	challenge, _ := a.body["challenge"].(string)
	a, err = call(ctx, s.http, http.MethodPost, s.issuer+"/access-grants/"+grant+"/validations", s.auth,
		map[string]string{"signature": o.sign(challenge)})
	if err != nil {
		return grant, "", false, err
	}
	if a.code != http.StatusOK {
		return grant, "", false, &statusError{op: "validation", code: a.code, answer: a}
	}
	token, _ = a.body["access_token"].(string)
	return grant, token, true, nil
}

// read reads the profile resource with a grant token.
func (s *service) read(ctx context.Context, o *owner, token string) (answer, error) {
	return call(ctx, s.http, http.MethodGet, s.issuer+"/identities/"+o.identity.Hex()+"/profile", "Bearer "+token, nil)
}

// revoke has the owner revoke grant with a signed revocation challenge;
// it returns the DELETE's answer (2xx: an acknowledged revocation).
func (s *service) revoke(ctx context.Context, o *owner, grant string) (answer, error) {
	a, err := call(ctx, s.http, http.MethodPost, s.issuer+"/access-grants/"+grant+"/revocation-challenges", "",
		map[string]string{"wallet": o.wallet.Hex()})
	if err != nil {
		return answer{}, err
	}
	if a.code != http.StatusCreated {
		return answer{}, &statusError{op: "revocation challenge", code: a.code, answer: a}
	}
	challenge, _ := a.body["challenge"].(string)
	return call(ctx, s.http, http.MethodDelete, s.issuer+"/access-grants/"+grant, "",
		map[string]string{"message": challenge, "signature": o.sign(challenge)})
}

// newHTTPClient is a client for load: many kept-alive connections and a
// bound on every request.
func newHTTPClient() *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = 64
	return &http.Client{Transport: tr, Timeout: 20 * time.Second}
}

// jsonOut decodes a CLI's --json output.
func jsonOut(raw []byte, v any) error {
	if err := json.Unmarshal(raw, v); err != nil {
		return fmt.Errorf("decode %q: %w", raw, err)
	}
	return nil
}

// ctxFor bounds one setup step.
func ctxFor(d time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), d)
}
