package store

import (
	"context"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// Client is a registered OAuth2 client (a relying party).
type Client struct {
	ID string
	// SecretHash is the SHA-256 of a high-entropy client secret. It is nil
	// for public clients, which authenticate with PKCE alone.
	SecretHash    []byte
	Public        bool
	Name          string
	LogoURI       string
	RedirectURIs  []string
	GrantTypes    []string
	ResponseTypes []string
	Scopes        []string
	// Wallets are the addresses the service may sign challenges with on
	// the access-request API.
	Wallets []common.Address
	// IDTokenAlg is the client's id_token_signed_response_alg (OpenID
	// Connect Dynamic Client Registration 1.0 section 2). Empty means the
	// specification's default, RS256.
	IDTokenAlg SigningAlg
	// PostLogoutRedirectURIs are where RP-initiated logout may send the
	// browser back to, matched exactly.
	PostLogoutRedirectURIs []string
	// Resources are the resource identifiers (RFC 8707 absolute URIs) the
	// client's resource servers read grants as: a client may read only as
	// one of its own.
	Resources []string
	CreatedAt time.Time
}

// ClientStore keeps OAuth2 clients.
type ClientStore interface {
	// CreateClient fails with ErrAlreadyExists when the ID is taken.
	CreateClient(ctx context.Context, c Client) error
	GetClient(ctx context.Context, id string) (Client, error)
	// ListClients returns every client, oldest first.
	ListClients(ctx context.Context) ([]Client, error)
	// UpdateClient runs fn on the stored client inside one transaction and
	// stores its result; fn's error aborts the update. The ID cannot change.
	UpdateClient(ctx context.Context, id string, fn func(Client) (Client, error)) (Client, error)
	DeleteClient(ctx context.Context, id string) error
}
