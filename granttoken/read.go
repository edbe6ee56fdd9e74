package granttoken

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// readAnswer is the issuer's answer at POST /oauth2/grant-reads.
type readAnswer struct {
	Active  bool    `json:"active"`
	GrantID string  `json:"grant_id"`
	Claims  []Claim `json:"onchainid_claims"`
}

// read asks the issuer to run its read rule on the token for this
// resource server, which consumes an immediate grant and logs the read.
func (v *Verifier) read(ctx context.Context, token string, g *Grant) (*Grant, error) {
	form := url.Values{"token": {token}, "resource": {v.cfg.Resource}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, v.readsURI, strings.NewReader(form.Encode()))
	if err != nil {
		return nil, fmt.Errorf("%w: grant read: %w", ErrUnavailable, err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	req.SetBasicAuth(url.QueryEscape(v.cfg.ClientID), url.QueryEscape(v.cfg.ClientSecret))
	resp, err := v.cfg.HTTPClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("%w: grant read: %w", ErrUnavailable, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return nil, fmt.Errorf("%w: grant read: %w", ErrUnavailable, err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%w: grant read: status %d", ErrUnavailable, resp.StatusCode)
	}
	a, err := parseReadAnswer(body)
	if err != nil {
		return nil, err
	}
	if !a.Active {
		return nil, ErrGrantInactive
	}
	if a.GrantID != g.GrantID {
		return nil, fmt.Errorf("%w: the issuer answered for another grant", ErrUnavailable)
	}
	g.Claims = a.Claims
	return g, nil
}

// parseReadAnswer decodes the issuer's answer; anything but a JSON object
// with a boolean active fails closed.
func parseReadAnswer(body []byte) (readAnswer, error) {
	var raw struct {
		Active *bool `json:"active"`
		readAnswer
	}
	if err := json.Unmarshal(body, &raw); err != nil || raw.Active == nil {
		return readAnswer{}, fmt.Errorf("%w: grant read: the answer is not a grant-read answer", ErrUnavailable)
	}
	a := raw.readAnswer
	a.Active = *raw.Active
	return a, nil
}
