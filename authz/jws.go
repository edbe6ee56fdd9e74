package authz

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"

	"github.com/idconnect/idconnect/store"
)

// jwsSigner writes compact JWS (RFC 7515) for one key. Every token a key
// signs has the same protected header but for typ, so the headers are
// encoded once; go-jose's general signer re-marshals them and allocates
// about 10 KB per token, on the hot path of every code exchange. Tokens
// are read back with go-jose.
type jwsSigner struct {
	key crypto.Signer
	// headers holds the encoded protected header per typ.
	headers map[string]string
	// sigSize bounds the signature's length, to size the token's buffer.
	sigSize int
}

func newJWSSigner(alg store.SigningAlg, kid string, key crypto.Signer) (*jwsSigner, error) {
	switch k := key.(type) {
	case *ecdsa.PrivateKey:
		if alg != store.AlgES256 {
			return nil, fmt.Errorf("an ECDSA key cannot sign %s", alg)
		}
	case ed25519.PrivateKey:
		if alg != store.AlgEdDSA {
			return nil, fmt.Errorf("an Ed25519 key cannot sign %s", alg)
		}
	case *rsa.PrivateKey:
		if alg != store.AlgRS256 || k.N.BitLen() < 2048 {
			return nil, fmt.Errorf("an RSA key of %d bits cannot sign %s", k.N.BitLen(), alg)
		}
	default:
		return nil, fmt.Errorf("unsupported key type %T", key)
	}
	s := &jwsSigner{key: key, headers: map[string]string{}, sigSize: ed25519.SignatureSize}
	if k, ok := key.(*rsa.PrivateKey); ok {
		s.sigSize = k.Size()
	}
	for _, typ := range []string{typAccessToken, typJWT, typServiceToken, typWalletToken, typCallback} {
		h, err := json.Marshal(struct {
			Alg string `json:"alg"`
			Kid string `json:"kid"`
			Typ string `json:"typ"`
		}{string(alg), kid, typ})
		if err != nil {
			return nil, err
		}
		s.headers[typ] = base64.RawURLEncoding.EncodeToString(h)
	}
	return s, nil
}

// sign returns header.payload.signature.
func (s *jwsSigner) sign(typ string, payload []byte) (string, error) {
	h, ok := s.headers[typ]
	if !ok {
		return "", fmt.Errorf("authz: no JWS header for typ %q", typ)
	}
	enc := base64.RawURLEncoding
	buf := make([]byte, 0, len(h)+enc.EncodedLen(len(payload))+enc.EncodedLen(s.sigSize)+2)
	buf = append(buf, h...)
	buf = append(buf, '.')
	buf = enc.AppendEncode(buf, payload)
	sig, err := s.signInput(buf)
	if err != nil {
		return "", fmt.Errorf("authz: sign: %w", err)
	}
	buf = append(buf, '.')
	return string(enc.AppendEncode(buf, sig)), nil
}

// signInput signs the JWS signing input: ES256 is r||s over its SHA-256,
// each 32 bytes big-endian (RFC 7518 section 3.4); EdDSA signs the input
// itself (RFC 8037).
func (s *jwsSigner) signInput(in []byte) ([]byte, error) {
	switch k := s.key.(type) {
	case *ecdsa.PrivateKey:
		digest := sha256.Sum256(in)
		r, ss, err := ecdsa.Sign(rand.Reader, k, digest[:])
		if err != nil {
			return nil, err
		}
		out := make([]byte, 64)
		r.FillBytes(out[:32])
		ss.FillBytes(out[32:])
		return out, nil
	case ed25519.PrivateKey:
		return ed25519.Sign(k, in), nil
	case *rsa.PrivateKey:
		// RS256 is RSASSA-PKCS1-v1_5 over SHA-256 (RFC 7518 section 3.3).
		digest := sha256.Sum256(in)
		return rsa.SignPKCS1v15(nil, k, crypto.SHA256, digest[:])
	}
	return nil, fmt.Errorf("unsupported key type %T", s.key)
}
