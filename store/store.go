package store

import "context"

// Store is everything a backend provides. Flows should not depend on it:
// they declare (or reuse) the small interface they need, such as
// ChallengeStore or GrantStore.
type Store interface {
	ClientStore
	ChallengeStore
	LoginSessionStore
	AuthRequestStore
	OAuthTokenStore
	GrantStore
	AccessRequestStore
	ProfileStore
	APIKeyStore
	SigningKeyStore
	AuditStore
	WebhookStore
	NotificationStore
	OnboardingStore
	ApplicationStore
	IssuedClaimStore
	ScreeningStore
	BlobStore
	Purger
	Transactor

	// Ping reports ErrUnavailable when the database cannot be reached.
	Ping(ctx context.Context) error
	// Migrate applies the backend's embedded schema migrations. It must
	// not be called inside InTx.
	Migrate(ctx context.Context) error
	// Close releases the connections. The store must not be used after.
	Close() error
}

// Transactor runs several store calls atomically.
type Transactor interface {
	// InTx runs fn in one database transaction carried by the context fn
	// receives: every store method called with that context (or one
	// derived from it) joins the transaction. fn's error rolls everything
	// back and is returned; a nil error commits. A nested InTx joins the
	// outer transaction.
	//
	// When a store call inside fn fails, return its error rather than
	// carrying on: PostgreSQL refuses every further statement of a failed
	// transaction. The transaction context must not be used from several
	// goroutines at once. A write made inside fn with an unrelated context
	// would wait for the very transaction it runs in (SQLite has a single
	// writer) and never return, so always pass fn's context down.
	InTx(ctx context.Context, fn func(ctx context.Context) error) error

	// InGroupTx is InTx for short transactions on a hot path. fn may share
	// its database transaction with other callers' waiting at the same
	// moment, each inside its own savepoint, so that they pay for one
	// commit: fn's error undoes fn's writes alone and is returned; nil
	// means fn's writes are committed. fn runs on another goroutine, with
	// a context that carries ctx's values but not its cancellation (a
	// cancelled ctx that has not started yet is not run), and it must not
	// wait for anything but the store: the others wait for it. A nested
	// InGroupTx joins the outer transaction.
	InGroupTx(ctx context.Context, fn func(ctx context.Context) error) error

	// BeginTx, Commit and Rollback are InTx taken apart, for libraries
	// that drive a transaction themselves (fosite's
	// storage.Transactional). BeginTx returns a context carrying a new
	// transaction; exactly one of Commit or Rollback must then be called
	// with it, or the transaction holds its connection (on SQLite, the
	// only writer) until the context passed to BeginTx is cancelled.
	// BeginTx on a context that already carries a transaction joins it:
	// Commit and Rollback of the joined context do nothing, and the
	// outermost owner decides. Commit or Rollback of a context without a
	// transaction of this store fails with ErrNoTx.
	BeginTx(ctx context.Context) (context.Context, error)
	Commit(ctx context.Context) error
	Rollback(ctx context.Context) error
}

// Page sizes for the List methods. A limit of zero or less selects
// DefaultPageLimit; larger limits are capped at MaxPageLimit.
const (
	DefaultPageLimit = 50
	MaxPageLimit     = 500
)

// PageLimit normalizes a requested page size.
func PageLimit(n int) int {
	switch {
	case n <= 0:
		return DefaultPageLimit
	case n > MaxPageLimit:
		return MaxPageLimit
	default:
		return n
	}
}
