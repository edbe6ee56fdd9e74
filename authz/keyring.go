package authz

import (
	"context"
	"crypto"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	jose "github.com/go-jose/go-jose/v4"

	"github.com/idconnect/idconnect/store"
)

// KeyringConfig configures a Keyring.
type KeyringConfig struct {
	// Alg is the algorithm of the key that signs grant tokens, service
	// tokens and callbacks: store.AlgES256 (the default) or
	// store.AlgEdDSA. RSA is not offered for them: an RS256 signature
	// costs about fifty ES256 ones, on the hot path of every code
	// exchange. ID tokens are signed with the algorithm their client
	// registered, so the ring keeps one current key of every algorithm
	// (RS256, ES256 and EdDSA).
	Alg store.SigningAlg
	// RSABits is the size of new RSA keys: 2048 (the default) or 3072.
	RSABits int
	// TokenTTL is the longest lifetime of a token the keys sign: the
	// larger of the access-token and ID-token TTLs. A retired key stays in
	// the JWKS this long (plus RefreshInterval), until its last token has
	// expired.
	TokenTTL time.Duration
	// RefreshInterval is how often the ring re-reads the store, so that a
	// rotation made by another node or by `idconnect keys rotate` is picked
	// up. Default 1m.
	RefreshInterval time.Duration
	Clock           func() time.Time // default time.Now
	Log             *slog.Logger     // default slog.Default()
}

// Key describes one signing key.
type Key struct {
	KID       string
	Alg       store.SigningAlg
	Public    crypto.PublicKey
	CreatedAt time.Time
	// NotAfter is zero while the key signs, and the end of its publication
	// once retired.
	NotAfter time.Time
}

// ringAlgs are the algorithms the ring keeps a current key of, and so
// the ID token algorithms a client may register: RS256 first, the
// default of OpenID Connect. Never changed.
var ringAlgs = []store.SigningAlg{store.AlgRS256, store.AlgES256, store.AlgEdDSA}

// Keyring holds the server's JWT signing keys: one current key per
// algorithm signs, and every key whose tokens may still be alive is
// published in the JWKS. The
// private halves are stored sealed. A Keyring is safe for concurrent use;
// the signing path reads an immutable snapshot without locking.
type Keyring struct {
	st     store.SigningKeyStore
	sealer *store.Sealer
	cfg    KeyringConfig

	state atomic.Pointer[keyState]
	// mu serializes reloads and rotations; opened caches private keys by
	// kid so that a reload does not unseal them again.
	mu     sync.Mutex
	opened map[string]*ringKey
}

// keyState is one immutable view of the store's keys.
type keyState struct {
	// current is the newest active key of each algorithm; primary is
	// the one of KeyringConfig.Alg.
	current  map[store.SigningAlg]*ringKey
	primary  *ringKey
	keys     []*ringKey // every published key, newest first
	loadedAt time.Time
}

// reloadGap bounds how often an unknown kid may make the ring re-read the
// store, so that tokens with made-up kids cannot hammer it.
const reloadGap = 5 * time.Second

// NewKeyring loads the keys from st, creating the first one when none can
// sign.
func NewKeyring(ctx context.Context, st store.SigningKeyStore, sealer *store.Sealer, cfg KeyringConfig) (*Keyring, error) {
	if cfg.Alg == "" {
		cfg.Alg = store.AlgES256
	}
	if cfg.RSABits == 0 {
		cfg.RSABits = 2048
	}
	if cfg.RefreshInterval == 0 {
		cfg.RefreshInterval = time.Minute
	}
	if cfg.Clock == nil {
		cfg.Clock = time.Now
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	var errs []error
	if cfg.Alg != store.AlgES256 && cfg.Alg != store.AlgEdDSA {
		errs = append(errs, fmt.Errorf("unsupported token signing algorithm %q (ES256 or EdDSA)", cfg.Alg))
	}
	if cfg.RSABits != 2048 && cfg.RSABits != 3072 {
		errs = append(errs, fmt.Errorf("RSABits must be 2048 or 3072, got %d", cfg.RSABits))
	}
	if cfg.TokenTTL <= 0 {
		errs = append(errs, errors.New("TokenTTL must be positive"))
	}
	if st == nil || sealer == nil {
		errs = append(errs, errors.New("a key store and a sealer are required"))
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%w: keyring: %w", ErrInvalidConfig, errors.Join(errs...))
	}
	k := &Keyring{st: st, sealer: sealer, cfg: cfg, opened: map[string]*ringKey{}}
	k.mu.Lock()
	defer k.mu.Unlock()
	if err := k.reloadLocked(ctx); err != nil {
		return nil, err
	}
	return k, nil
}

// Current describes the key that signs new grant tokens (of
// KeyringConfig.Alg).
func (k *Keyring) Current() Key { return k.state.Load().primary.describe() }

// CurrentKeys describes the current key of each algorithm: RS256,
// ES256, EdDSA.
func (k *Keyring) CurrentKeys() []Key {
	st := k.state.Load()
	out := make([]Key, 0, len(ringAlgs))
	for _, alg := range ringAlgs {
		out = append(out, st.current[alg].describe())
	}
	return out
}

// Reload re-reads the store now.
func (k *Keyring) Reload(ctx context.Context) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.reloadLocked(ctx)
}

// Rotate makes a new key of every algorithm current. The keys it
// replaces stop signing now and stay published until every token they
// signed has expired. It returns the new key of KeyringConfig.Alg; see
// CurrentKeys for the others.
func (k *Keyring) Rotate(ctx context.Context) (Key, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	fresh := map[store.SigningAlg]store.SigningKey{}
	for _, alg := range ringAlgs {
		rec, err := k.createLocked(ctx, alg)
		if err != nil {
			return Key{}, err
		}
		fresh[alg] = rec
	}
	recs, err := k.st.ListSigningKeys(ctx)
	if err != nil {
		return Key{}, fmt.Errorf("authz: rotate: %w", err)
	}
	now := k.cfg.Clock()
	notAfter := now.Add(k.cfg.TokenTTL + k.cfg.RefreshInterval)
	for _, r := range recs {
		// Only older keys of the same algorithm: a key made by a
		// concurrent rotation elsewhere after ours wins, as it would on
		// every node.
		f, ok := fresh[r.Alg]
		if !ok || r.KID == f.KID || !r.RetiredAt.IsZero() || r.CreatedAt.After(f.CreatedAt) {
			continue
		}
		err := k.st.RetireSigningKey(ctx, r.KID, now, notAfter)
		if err != nil && !errors.Is(err, store.ErrConsumed) {
			return Key{}, fmt.Errorf("authz: rotate: retire %s: %w", r.KID, err)
		}
	}
	if err := k.reloadLocked(ctx); err != nil {
		return Key{}, err
	}
	return k.Current(), nil
}

// JWKS returns the public keys whose tokens may still be alive.
func (k *Keyring) JWKS() jose.JSONWebKeySet {
	now := k.cfg.Clock()
	set := jose.JSONWebKeySet{Keys: []jose.JSONWebKey{}}
	for _, rk := range k.state.Load().keys {
		if rk.published(now) {
			set.Keys = append(set.Keys, rk.jwk)
		}
	}
	return set
}

// sign signs payload with the current key of KeyringConfig.Alg under the
// given JOSE typ.
func (k *Keyring) sign(ctx context.Context, typ string, payload []byte) (string, store.SigningAlg, error) {
	return k.signAs(ctx, k.cfg.Alg, typ, payload)
}

// signAs signs payload with the current key of alg.
func (k *Keyring) signAs(ctx context.Context, alg store.SigningAlg, typ string, payload []byte) (string, store.SigningAlg, error) {
	cur, ok := k.fresh(ctx).current[alg]
	if !ok {
		return "", "", fmt.Errorf("authz: no signing key for %q", alg)
	}
	out, err := cur.signer.sign(typ, payload)
	return out, cur.alg, err
}

// verificationKey returns the published key with the kid, re-reading the
// store (at most every reloadGap) when it is unknown: another node may
// have rotated.
func (k *Keyring) verificationKey(ctx context.Context, kid string) (*ringKey, bool) {
	if rk, ok := k.lookup(kid); ok {
		return rk, true
	}
	if k.cfg.Clock().Sub(k.state.Load().loadedAt) < reloadGap || !k.mu.TryLock() {
		return nil, false
	}
	err := k.reloadLocked(ctx)
	k.mu.Unlock()
	if err != nil {
		k.cfg.Log.Error("authz: reload signing keys", "err", err)
		return nil, false
	}
	return k.lookup(kid)
}

func (k *Keyring) lookup(kid string) (*ringKey, bool) {
	now := k.cfg.Clock()
	for _, rk := range k.state.Load().keys {
		if rk.kid == kid && rk.published(now) {
			return rk, true
		}
	}
	return nil, false
}

// fresh returns the snapshot, re-reading the store when it is older than
// RefreshInterval. One caller reloads; the others keep the current view.
func (k *Keyring) fresh(ctx context.Context) *keyState {
	st := k.state.Load()
	if k.cfg.Clock().Sub(st.loadedAt) < k.cfg.RefreshInterval || !k.mu.TryLock() {
		return st
	}
	defer k.mu.Unlock()
	if err := k.reloadLocked(ctx); err != nil {
		// Keep signing with the key we have: it was valid a minute ago, and
		// the store being down fails the token request anyway.
		k.cfg.Log.Error("authz: reload signing keys", "err", err)
	}
	return k.state.Load()
}

// reloadLocked rebuilds the snapshot from the store, creating a key of
// each algorithm that has none that can sign. k.mu must be held.
func (k *Keyring) reloadLocked(ctx context.Context) error {
	recs, err := k.st.ListSigningKeys(ctx)
	if err != nil {
		return fmt.Errorf("authz: load signing keys: %w", err)
	}
	for _, alg := range ringAlgs {
		if !slices.ContainsFunc(recs, func(r store.SigningKey) bool { return r.Alg == alg && r.RetiredAt.IsZero() }) {
			rec, err := k.createLocked(ctx, alg)
			if err != nil {
				return err
			}
			recs = append(recs, rec)
		}
	}
	now := k.cfg.Clock()
	st := &keyState{loadedAt: now, current: map[store.SigningAlg]*ringKey{}}
	// ListSigningKeys is oldest first; the newest active key of each
	// algorithm signs.
	for i := len(recs) - 1; i >= 0; i-- {
		r := recs[i]
		active := r.RetiredAt.IsZero()
		if !active && !r.NotAfter.IsZero() && !r.NotAfter.After(now) {
			continue
		}
		_, taken := st.current[r.Alg]
		signing := active && !taken && slices.Contains(ringAlgs, r.Alg)
		rk, err := k.ringKey(r, signing)
		if err != nil {
			return err
		}
		if signing {
			st.current[r.Alg] = rk
		}
		st.keys = append(st.keys, rk)
	}
	st.primary = st.current[k.cfg.Alg]
	for kid := range k.opened {
		if !slices.ContainsFunc(st.keys, func(rk *ringKey) bool { return rk.kid == kid }) {
			delete(k.opened, kid) // past its NotAfter: never needed again
		}
	}
	k.state.Store(st)
	return nil
}

// ringKey builds the in-memory key from its record, unsealing the private
// half only for the key that signs, once per kid.
func (k *Keyring) ringKey(r store.SigningKey, signing bool) (*ringKey, error) {
	if rk, ok := k.opened[r.KID]; ok && (rk.signer != nil || !signing) {
		return rk.withTimes(r), nil
	}
	rk, err := parseRingKey(r)
	if err != nil {
		return nil, err
	}
	if signing {
		if err := rk.openPrivate(r, k.sealer); err != nil {
			return nil, err
		}
	}
	k.opened[r.KID] = rk
	return rk, nil
}

// createLocked generates, seals and stores a new key of alg. k.mu must be
// held.
func (k *Keyring) createLocked(ctx context.Context, alg store.SigningAlg) (store.SigningKey, error) {
	rec, err := newSigningKey(alg, k.cfg.RSABits, k.sealer, k.cfg.Clock())
	if err != nil {
		return store.SigningKey{}, err
	}
	if err := k.st.CreateSigningKey(ctx, rec); err != nil {
		return store.SigningKey{}, fmt.Errorf("authz: store signing key: %w", err)
	}
	return rec, nil
}
