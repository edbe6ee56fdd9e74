package authz

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"time"

	jose "github.com/go-jose/go-jose/v4"

	"github.com/idconnect/idconnect/store"
)

// JOSE typ values: RFC 9068 access tokens, and plain JWTs (ID tokens).
const (
	typAccessToken = "at+jwt"
	typJWT         = "JWT"
)

// ringKey is one key in memory. It is shared between snapshots and never
// changed after it is built.
type ringKey struct {
	kid       string
	alg       store.SigningAlg
	public    crypto.PublicKey
	jwk       jose.JSONWebKey // public half, as published
	createdAt time.Time
	notAfter  time.Time
	// signer is nil unless this key signs.
	signer *jwsSigner
}

func (rk *ringKey) describe() Key {
	return Key{KID: rk.kid, Alg: rk.alg, Public: rk.public, CreatedAt: rk.createdAt, NotAfter: rk.notAfter}
}

func (rk *ringKey) published(now time.Time) bool {
	return rk.notAfter.IsZero() || rk.notAfter.After(now)
}

// withTimes returns the key with the record's retirement applied.
func (rk *ringKey) withTimes(r store.SigningKey) *ringKey {
	c := *rk
	c.notAfter = r.NotAfter
	if r.RetiredAt.IsZero() {
		c.notAfter = time.Time{}
	}
	return &c
}

func sealAAD(kid string) string { return "signing-key:" + kid }

// parseRingKey reads the public half of a stored key.
func parseRingKey(r store.SigningKey) (*ringKey, error) {
	var jwk jose.JSONWebKey
	if err := json.Unmarshal(r.PublicJWK, &jwk); err != nil {
		return nil, fmt.Errorf("authz: signing key %s: public JWK: %w", r.KID, err)
	}
	if !jwk.IsPublic() || jwk.KeyID != r.KID || jwk.Algorithm != string(r.Alg) {
		return nil, fmt.Errorf("authz: signing key %s: public JWK does not match its record", r.KID)
	}
	rk := &ringKey{kid: r.KID, alg: r.Alg, public: jwk.Key, jwk: jwk, createdAt: r.CreatedAt}
	return rk.withTimes(r), nil
}

// openPrivate unseals the private half and prepares its signers.
func (rk *ringKey) openPrivate(r store.SigningKey, sealer *store.Sealer) error {
	der, err := unsealKey(sealer, r.KID, r.PrivateSealed)
	if err != nil {
		return fmt.Errorf("authz: signing key %s: %w", r.KID, err)
	}
	priv, err := x509.ParsePKCS8PrivateKey(der)
	if err != nil {
		return fmt.Errorf("authz: signing key %s: %w", r.KID, err)
	}
	signer, ok := priv.(crypto.Signer)
	if !ok || !publicEqual(signer.Public(), rk.public) {
		return fmt.Errorf("authz: signing key %s: private key does not match its public key", r.KID)
	}
	rk.signer, err = newJWSSigner(rk.alg, rk.kid, signer)
	if err != nil {
		return fmt.Errorf("authz: signing key %s: %w", r.KID, err)
	}
	return nil
}

func publicEqual(a, b crypto.PublicKey) bool {
	eq, ok := a.(interface{ Equal(crypto.PublicKey) bool })
	return ok && eq.Equal(b)
}

// newSigningKey generates a key and returns its record, private half
// sealed under the kid. The kid is the RFC 7638 thumbprint.
func newSigningKey(alg store.SigningAlg, rsaBits int, sealer *store.Sealer, now time.Time) (store.SigningKey, error) {
	var priv crypto.Signer
	var err error
	switch alg {
	case store.AlgES256:
		priv, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	case store.AlgEdDSA:
		_, priv, err = ed25519.GenerateKey(rand.Reader)
	case store.AlgRS256:
		priv, err = rsa.GenerateKey(rand.Reader, rsaBits)
	default:
		err = fmt.Errorf("unsupported algorithm %q", alg)
	}
	if err != nil {
		return store.SigningKey{}, fmt.Errorf("authz: generate signing key: %w", err)
	}
	jwk := jose.JSONWebKey{Key: priv.Public(), Algorithm: string(alg), Use: "sig"}
	thumb, err := jwk.Thumbprint(crypto.SHA256)
	if err != nil {
		return store.SigningKey{}, fmt.Errorf("authz: key thumbprint: %w", err)
	}
	jwk.KeyID = base64.RawURLEncoding.EncodeToString(thumb)
	pub, err := json.Marshal(jwk)
	if err != nil {
		return store.SigningKey{}, err
	}
	der, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		return store.SigningKey{}, err
	}
	sealed, err := sealKey(sealer, jwk.KeyID, der)
	if err != nil {
		return store.SigningKey{}, err
	}
	return store.SigningKey{KID: jwk.KeyID, Alg: alg, PrivateSealed: sealed, PublicJWK: pub, CreatedAt: now}, nil
}

// sealKey packs the Sealer's wrapped data key and ciphertext into the one
// column the record has: a two-byte length, the wrapped key, the rest.
func sealKey(sealer *store.Sealer, kid string, der []byte) ([]byte, error) {
	wrapped, ct, err := sealer.Seal(sealAAD(kid), der)
	if err != nil {
		return nil, fmt.Errorf("authz: seal signing key: %w", err)
	}
	out := binary.BigEndian.AppendUint16(nil, uint16(len(wrapped)))
	out = append(out, wrapped...)
	return append(out, ct...), nil
}

func unsealKey(sealer *store.Sealer, kid string, sealed []byte) ([]byte, error) {
	if len(sealed) < 2 {
		return nil, store.ErrSealBroken
	}
	n := int(binary.BigEndian.Uint16(sealed))
	if len(sealed) < 2+n {
		return nil, store.ErrSealBroken
	}
	return sealer.Open(sealAAD(kid), sealed[2:2+n], sealed[2+n:])
}
