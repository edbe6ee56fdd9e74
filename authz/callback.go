package authz

import (
	"context"
	"strings"
)

// typCallback is the typ of a signed callback body.
const typCallback = "idconnect-callback+jws"

// SignCallback signs a callback body with the current key as a compact JWS
// with detached content (RFC 7515 appendix F): "<header>..<signature>",
// the body itself being the payload. A service verifies it against the
// JWKS with the body it received, so a forged callback is refused without
// any secret shared with the server. The typ keeps it from passing as any
// token.
func (p *Provider) SignCallback(ctx context.Context, body []byte) (string, error) {
	jws, _, err := p.keys.sign(ctx, typCallback, body)
	if err != nil {
		return "", err
	}
	header, rest, _ := strings.Cut(jws, ".")
	_, sig, _ := strings.Cut(rest, ".")
	return header + ".." + sig, nil
}
