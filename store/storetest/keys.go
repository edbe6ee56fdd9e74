package storetest

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/store"
)

func testProfiles(t *testing.T, s store.Store) {
	ctx := t.Context()
	sealer, err := store.NewSealer(bytes.Repeat([]byte{9}, 32), rand.Reader)
	must(t, err)
	aad := "profile:" + identityA.Hex()
	wk, ct, err := sealer.Seal(aad, []byte(`{"name":"Alice"}`))
	must(t, err)
	p := store.Profile{Identity: identityA, WrappedKey: wk, Ciphertext: ct, UpdatedAt: t0}
	must(t, s.PutProfile(ctx, p))
	got, err := s.GetProfile(ctx, identityA)
	must(t, err)
	equal(t, got, p)
	plain, err := sealer.Open(aad, got.WrappedKey, got.Ciphertext)
	must(t, err)
	if string(plain) != `{"name":"Alice"}` {
		t.Fatalf("opened profile %q", plain)
	}

	// Put replaces.
	wk, ct, err = sealer.Seal(aad, []byte(`{"name":"Alice B"}`))
	must(t, err)
	p = store.Profile{Identity: identityA, WrappedKey: wk, Ciphertext: ct, UpdatedAt: at(time.Hour)}
	must(t, s.PutProfile(ctx, p))
	got, _ = s.GetProfile(ctx, identityA)
	equal(t, got, p)

	_, err = s.GetProfile(ctx, identityB)
	wantErr(t, err, store.ErrNotFound)
	must(t, s.DeleteProfile(ctx, identityA))
	_, err = s.GetProfile(ctx, identityA)
	wantErr(t, err, store.ErrNotFound)
	wantErr(t, s.DeleteProfile(ctx, identityA), store.ErrNotFound)
}

func apiKey(id, client, secret string) store.APIKey {
	h := sha256.Sum256([]byte(secret))
	return store.APIKey{ID: id, ClientID: client, Name: "key " + id, Hash: h[:], Prefix: secret[:6], CreatedAt: t0}
}

func testAPIKeys(t *testing.T, s store.Store) {
	ctx := t.Context()
	k1 := apiKey("k1", "client-1", "idc_secret_one")
	k2 := apiKey("k2", "client-1", "idc_secret_two")
	k2.CreatedAt = at(time.Second)
	for _, k := range []store.APIKey{k1, k2, apiKey("k3", "client-2", "idc_secret_three")} {
		must(t, s.CreateAPIKey(ctx, k))
	}
	wantErr(t, s.CreateAPIKey(ctx, k1), store.ErrAlreadyExists)
	sameHash := apiKey("k4", "client-2", "idc_secret_one")
	wantErr(t, s.CreateAPIKey(ctx, sameHash), store.ErrAlreadyExists)

	got, err := s.GetAPIKeyByHash(ctx, k1.Hash)
	must(t, err)
	equal(t, got, k1)
	unknown := sha256.Sum256([]byte("unknown"))
	_, err = s.GetAPIKeyByHash(ctx, unknown[:])
	wantErr(t, err, store.ErrNotFound)
	keys, err := s.ListAPIKeys(ctx, "client-1")
	must(t, err)
	equal(t, keys, []store.APIKey{k1, k2})

	must(t, s.TouchAPIKey(ctx, "k1", at(time.Minute)))
	must(t, s.RevokeAPIKey(ctx, "k1", at(time.Hour)))
	must(t, s.RevokeAPIKey(ctx, "k1", at(2*time.Hour)))
	got, err = s.GetAPIKeyByHash(ctx, k1.Hash)
	must(t, err)
	k1.LastUsedAt, k1.RevokedAt = at(time.Minute), at(time.Hour)
	equal(t, got, k1)
	wantErr(t, s.RevokeAPIKey(ctx, "nope", t0), store.ErrNotFound)
	wantErr(t, s.TouchAPIKey(ctx, "nope", t0), store.ErrNotFound)
}

func testSigningKeys(t *testing.T, s store.Store) {
	ctx := t.Context()
	k1 := store.SigningKey{KID: "kid-1", Alg: store.AlgES256, PrivateSealed: []byte("sealed-1"),
		PublicJWK: []byte(`{"kty":"EC"}`), CreatedAt: t0}
	k2 := store.SigningKey{KID: "kid-2", Alg: store.AlgEdDSA, PrivateSealed: []byte("sealed-2"),
		PublicJWK: []byte(`{"kty":"OKP"}`), CreatedAt: at(time.Hour)}
	k3 := store.SigningKey{KID: "kid-3", Alg: store.AlgRS256, PrivateSealed: []byte("sealed-3"),
		PublicJWK: []byte(`{"kty":"RSA"}`), CreatedAt: at(2 * time.Hour)}
	must(t, s.CreateSigningKey(ctx, k2))
	must(t, s.CreateSigningKey(ctx, k1))
	must(t, s.CreateSigningKey(ctx, k3))
	wantErr(t, s.CreateSigningKey(ctx, k1), store.ErrAlreadyExists)
	keys, err := s.ListSigningKeys(ctx)
	must(t, err)
	equal(t, keys, []store.SigningKey{k1, k2, k3})

	must(t, s.RetireSigningKey(ctx, "kid-1", at(time.Hour), at(2*time.Hour)))
	wantErr(t, s.RetireSigningKey(ctx, "kid-1", at(3*time.Hour), at(4*time.Hour)), store.ErrConsumed)
	wantErr(t, s.RetireSigningKey(ctx, "nope", t0, t0), store.ErrNotFound)
	keys, err = s.ListSigningKeys(ctx)
	must(t, err)
	k1.RetiredAt, k1.NotAfter = at(time.Hour), at(2*time.Hour)
	equal(t, keys, []store.SigningKey{k1, k2, k3})
}

func testWebhooks(t *testing.T, s store.Store) {
	ctx := t.Context()
	h := store.Webhook{Identity: identityA, URL: "https://owner.example/hook", SecretKey: []byte("wrapped"),
		SecretSealed: []byte("sealed"), CreatedAt: t0}
	must(t, s.PutWebhook(ctx, h))
	got, err := s.GetWebhook(ctx, identityA)
	must(t, err)
	equal(t, got, h)
	h.URL, h.CreatedAt = "https://owner.example/hook2", at(time.Hour)
	must(t, s.PutWebhook(ctx, h))
	got, _ = s.GetWebhook(ctx, identityA)
	equal(t, got, h)
	_, err = s.GetWebhook(ctx, identityB)
	wantErr(t, err, store.ErrNotFound)
	must(t, s.DeleteWebhook(ctx, identityA))
	wantErr(t, s.DeleteWebhook(ctx, identityA), store.ErrNotFound)
}

// testWebhookSealing: a webhook written before secrets were sealed (a
// plaintext Secret) is listed until it is updated to a sealed one; the
// update runs on the stored row and refuses to change its identity.
func testWebhookSealing(t *testing.T, s store.Store) {
	ctx := t.Context()
	must(t, s.PutWebhook(ctx, store.Webhook{Identity: identityA, URL: "https://a.example/h", Secret: "legacy", CreatedAt: t0}))
	must(t, s.PutWebhook(ctx, store.Webhook{Identity: identityB, URL: "https://b.example/h", SecretKey: []byte("k"), SecretSealed: []byte("s"), CreatedAt: t0}))
	ids, err := s.PlaintextWebhooks(ctx, 10)
	must(t, err)
	equal(t, ids, []common.Address{identityA})

	wantErr(t, s.UpdateWebhook(ctx, identityA, func(h store.Webhook) (store.Webhook, error) { return h, errBoom }), errBoom)
	if err := s.UpdateWebhook(ctx, identityA, func(h store.Webhook) (store.Webhook, error) {
		h.Identity = identityB
		return h, nil
	}); err == nil {
		t.Fatal("an update moved the webhook to another identity")
	}
	var seen store.Webhook
	must(t, s.UpdateWebhook(ctx, identityA, func(h store.Webhook) (store.Webhook, error) {
		seen = h
		h.Secret, h.SecretKey, h.SecretSealed = "", []byte("k2"), []byte("s2")
		return h, nil
	}))
	if seen.Secret != "legacy" || seen.URL != "https://a.example/h" {
		t.Fatalf("update saw %+v", seen)
	}
	got, err := s.GetWebhook(ctx, identityA)
	must(t, err)
	equal(t, got, store.Webhook{Identity: identityA, URL: "https://a.example/h", SecretKey: []byte("k2"), SecretSealed: []byte("s2"), CreatedAt: t0})
	ids, err = s.PlaintextWebhooks(ctx, 10)
	must(t, err)
	equal(t, ids, []common.Address(nil))
	wantErr(t, s.UpdateWebhook(ctx, common.HexToAddress("0x0000000000000000000000000000000000000001"), func(h store.Webhook) (store.Webhook, error) { return h, nil }), store.ErrNotFound)
}
