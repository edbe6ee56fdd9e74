package authz

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"strings"

	josev3 "github.com/go-jose/go-jose/v3"
	fositejwt "github.com/ory/fosite/token/jwt"

	"github.com/idconnect/idconnect/store"
)

// idTokenSigner is fosite's jwt.Signer over the keyring. fosite uses it to
// sign ID tokens and to decode id_token_hint; its own DefaultSigner knows
// neither our key rotation nor EdDSA.
type idTokenSigner struct{ keys *Keyring }

var _ fositejwt.Signer = (*idTokenSigner)(nil)

// Generate signs the claims as a JWT with the current key of the header's
// alg (idTokenStrategy sets the client's; RS256 when none is set). The
// header's kid, alg and typ are the key's; no other header is written.
func (s *idTokenSigner) Generate(ctx context.Context, claims fositejwt.MapClaims, header fositejwt.Mapper) (string, string, error) {
	payload, err := json.Marshal(map[string]any(claims))
	if err != nil {
		return "", "", err
	}
	alg := store.AlgRS256
	// fosite's Headers.ToMap drops alg, so read it with Get.
	if h, ok := header.(interface{ Get(string) any }); ok {
		if a, ok := h.Get(headerAlg).(string); ok && a != "" {
			alg = store.SigningAlg(a)
		}
	}
	token, _, err := s.keys.signAs(ctx, alg, typJWT, payload)
	if err != nil {
		return "", "", err
	}
	sig, err := s.GetSignature(ctx, token)
	return token, sig, err
}

// Validate checks a token's signature against the published keys.
func (s *idTokenSigner) Validate(ctx context.Context, token string) (string, error) {
	if _, err := s.Decode(ctx, token); err != nil {
		return "", err
	}
	return s.GetSignature(ctx, token)
}

// Decode parses and verifies a token we signed (an id_token_hint).
func (s *idTokenSigner) Decode(ctx context.Context, token string) (*fositejwt.Token, error) {
	return fositejwt.ParseWithClaims(token, fositejwt.MapClaims{}, func(t *fositejwt.Token) (any, error) {
		kid, _ := t.Header["kid"].(string)
		rk, ok := s.keys.verificationKey(ctx, kid)
		if !ok {
			return nil, errors.New("authz: unknown signing key")
		}
		// fosite's parser is go-jose v3, which takes an Ed25519 key only
		// inside a JSONWebKey.
		return &josev3.JSONWebKey{Key: rk.public, KeyID: rk.kid, Algorithm: string(rk.alg)}, nil
	})
}

// Hash is SHA-256; fosite uses it only for hashes we do not emit.
func (s *idTokenSigner) Hash(_ context.Context, in []byte) ([]byte, error) {
	sum := sha256.Sum256(in)
	return sum[:], nil
}

// GetSignature returns the signature segment of a compact JWS.
func (s *idTokenSigner) GetSignature(_ context.Context, token string) (string, error) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return "", errors.New("authz: not a compact JWS")
	}
	return parts[2], nil
}

func (s *idTokenSigner) GetSigningMethodLength(context.Context) int { return sha256.Size }
