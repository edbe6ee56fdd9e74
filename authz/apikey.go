package authz

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/idconnect/idconnect/store"
)

// API keys authenticate a service (a registered client) on the
// access-request API: Authorization: ApiKey <key>. A key is 32 random
// bytes, so it is stored as its SHA-256 and looked up by that hash: a
// password hash would add latency to every call and no strength.
const (
	// APIKeyPrefix starts every key, so that a leaked key is recognised by
	// secret scanners and by people.
	APIKeyPrefix = "idc_"
	apiKeyBytes  = 32
	// apiKeyLen is the prefix and 32 bytes as unpadded base64url.
	apiKeyLen = len(APIKeyPrefix) + 43
	// apiKeyShown is how much of a key the record keeps for display: the
	// prefix and 8 characters (48 of the 256 bits).
	apiKeyShown = len(APIKeyPrefix) + 8
	// apiKeyTouchEvery bounds the writes that record a key's last use: one
	// per key per minute, not one per request.
	apiKeyTouchEvery = time.Minute
	maxAPIKeyName    = 200
)

var (
	// ErrBadAPIKey means a presented key is malformed, unknown, revoked, or
	// belongs to a client that was deleted. Callers answer 401 and never
	// say which.
	ErrBadAPIKey = errors.New("authz: unknown, revoked or malformed API key")
	// ErrInvalidAPIKeyName means an API key's name was rejected.
	ErrInvalidAPIKeyName = errors.New("authz: invalid API key name")
)

// APIKeyIssuer is what IssueAPIKey needs from the store.
type APIKeyIssuer interface {
	GetClient(ctx context.Context, id string) (store.Client, error)
	CreateAPIKey(ctx context.Context, k store.APIKey) error
}

// APIKeyChecker is what AuthenticateAPIKey needs from the store.
type APIKeyChecker interface {
	GetClient(ctx context.Context, id string) (store.Client, error)
	GetAPIKeyByHash(ctx context.Context, hash []byte) (store.APIKey, error)
	TouchAPIKey(ctx context.Context, id string, at time.Time) error
}

var (
	_ APIKeyIssuer  = (store.Store)(nil)
	_ APIKeyChecker = (store.Store)(nil)
)

// IssueAPIKey creates a key for an existing client and returns its record
// and the key itself. Only the key's SHA-256 is stored, so the key cannot
// be shown again. A client that does not exist fails with an error
// wrapping store.ErrNotFound.
func IssueAPIKey(ctx context.Context, st APIKeyIssuer, random io.Reader, clock func() time.Time, clientID, name string) (store.APIKey, string, error) {
	name = strings.TrimSpace(name)
	if len(name) > maxAPIKeyName || !utf8.ValidString(name) || strings.IndexFunc(name, unicode.IsControl) >= 0 {
		return store.APIKey{}, "", fmt.Errorf("%w: at most %d printable characters", ErrInvalidAPIKeyName, maxAPIKeyName)
	}
	if clock == nil {
		clock = time.Now
	}
	if _, err := st.GetClient(ctx, clientID); err != nil {
		return store.APIKey{}, "", fmt.Errorf("authz: issue API key: client %q: %w", clientID, err)
	}
	buf := make([]byte, apiKeyBytes+12)
	if _, err := io.ReadFull(random, buf); err != nil {
		return store.APIKey{}, "", fmt.Errorf("authz: issue API key: read random: %w", err)
	}
	key := APIKeyPrefix + base64.RawURLEncoding.EncodeToString(buf[:apiKeyBytes])
	sum := sha256.Sum256([]byte(key))
	k := store.APIKey{
		ID: hex.EncodeToString(buf[apiKeyBytes:]), ClientID: clientID, Name: name,
		Hash: sum[:], Prefix: key[:apiKeyShown], CreatedAt: clock().UTC(),
	}
	if err := st.CreateAPIKey(ctx, k); err != nil {
		return store.APIKey{}, "", fmt.Errorf("authz: issue API key: %w", err)
	}
	return k, key, nil
}

// AuthenticateAPIKey returns the record of a presented key. It fails with
// ErrBadAPIKey when the key is malformed, unknown or revoked, or when its
// client was deleted (keys are not deleted with their client); other
// errors mean the store could not answer. The key's last use is recorded
// at most once a minute, best-effort.
func AuthenticateAPIKey(ctx context.Context, st APIKeyChecker, key string, now time.Time) (store.APIKey, error) {
	hash, err := apiKeyHash(key)
	if err != nil {
		return store.APIKey{}, err
	}
	k, err := st.GetAPIKeyByHash(ctx, hash)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return store.APIKey{}, fmt.Errorf("%w: unknown", ErrBadAPIKey)
	case err != nil:
		return store.APIKey{}, fmt.Errorf("authz: authenticate API key: %w", err)
	case !k.RevokedAt.IsZero():
		return store.APIKey{}, fmt.Errorf("%w: revoked", ErrBadAPIKey)
	}
	_, err = st.GetClient(ctx, k.ClientID)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return store.APIKey{}, fmt.Errorf("%w: its client was deleted", ErrBadAPIKey)
	case err != nil:
		return store.APIKey{}, fmt.Errorf("authz: authenticate API key: %w", err)
	}
	if now.Sub(k.LastUsedAt) >= apiKeyTouchEvery {
		// The last use is for the operator's eyes only; a failed write must
		// not refuse a key that checked out.
		if st.TouchAPIKey(ctx, k.ID, now) == nil {
			k.LastUsedAt = now
		}
	}
	return k, nil
}

// apiKeyHash checks the key's shape (the prefix and exactly 32 bytes in
// canonical unpadded base64url) and returns the SHA-256 it is stored
// under. Refusing other shapes keeps arbitrary strings away from the
// store.
func apiKeyHash(key string) ([]byte, error) {
	body, ok := strings.CutPrefix(key, APIKeyPrefix)
	if !ok || len(key) != apiKeyLen {
		return nil, fmt.Errorf("%w: not an idconnect API key", ErrBadAPIKey)
	}
	raw, err := base64.RawURLEncoding.Strict().DecodeString(body)
	if err != nil || len(raw) != apiKeyBytes {
		return nil, fmt.Errorf("%w: not an idconnect API key", ErrBadAPIKey)
	}
	sum := sha256.Sum256([]byte(key))
	return sum[:], nil
}
