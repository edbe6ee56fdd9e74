package store

import (
	"context"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// ListVersion is one version of a screening list as a node loaded it:
// the source, the SHA-256 of its bytes and when. A version whose source
// failed to parse is stored too, with Error naming the line and the
// reason, while the previous version keeps serving.
type ListVersion struct {
	Source   string // a path or URL
	Name     string // the name hits give the list
	Format   string
	Hash     common.Hash // SHA-256 of the bytes
	Entities int
	LoadedAt time.Time
	Error    string
}

// ScreeningRunTrigger says why a screening run ran.
type ScreeningRunTrigger string

// The triggers of a screening run.
const (
	TriggerSchedule ScreeningRunTrigger = "schedule"
	TriggerLists    ScreeningRunTrigger = "lists" // a list version changed
	TriggerManual   ScreeningRunTrigger = "manual"
	// TriggerApplication: an application for a screened topic came in
	// since the last run.
	TriggerApplication ScreeningRunTrigger = "application"
)

// ScreeningRun is one pass of the screening service over every screened
// identity of an issuer.
type ScreeningRun struct {
	ID         string
	Issuer     common.Address
	Node       string // which node ran it
	Trigger    ScreeningRunTrigger
	Lists      string // the list versions it screened against, "name@hash" joined by spaces
	StartedAt  time.Time
	FinishedAt time.Time // zero while it runs
	Screened   int
	Renewed    int
	Approved   int // pending applications screening approved
	Hits       int // new hits
	Revoked    int // claims revoked
	Error      string
}

// HitKind is what a screening hit matched.
type HitKind string

// The kinds of screening hit. Only a name hit can be cleared.
const (
	HitAddress HitKind = "address" // a wallet or key address is on a list
	HitOracle  HitKind = "oracle"  // the on-chain sanctions oracle names a wallet
	HitName    HitKind = "name"
)

// HitState is where a screening hit stands.
type HitState string

// The states of a screening hit.
const (
	HitOpen      HitState = "open"
	HitCleared   HitState = "cleared"   // a reviewer judged it a false positive
	HitConfirmed HitState = "confirmed" // a reviewer judged it a true match
)

// ScreeningHit is an identity found on a list. The explanation names the
// identity's and the entry's names, so it is personal data: the store
// only sees it sealed, like an application. The rest are ids.
type ScreeningHit struct {
	ID       string
	RunID    string
	Issuer   common.Address
	Identity common.Address
	Kind     HitKind
	List     string // the list's name
	EntityID string // the entry's id in that list
	// EntityDigest is the entry's content digest: a clearance holds until
	// the entry changes.
	EntityDigest common.Hash
	Field        string
	Score        float64
	Topics       []uint64 // the rolling topics the hit revoked or held back
	State        HitState
	CreatedAt    time.Time
	DecidedAt    time.Time      // zero while open
	DecidedBy    common.Address // the reviewer
	Decision     string         // the reviewer's reason
	// WrappedKey and Explanation are the sealed explanation, opened with
	// the "screening-hit:<id>" associated data.
	WrappedKey  []byte
	Explanation []byte
}

// HitQuery selects screening hits, newest first; empty members select all.
type HitQuery struct {
	Issuer   common.Address
	Identity common.Address
	State    HitState
	Cursor   string
	Limit    int
}

// HitDecision is a reviewer's verdict on an open hit.
type HitDecision struct {
	State    HitState // cleared or confirmed
	Reviewer common.Address
	Reason   string
	At       time.Time
}

// ScreeningStore keeps what the screening service needs across nodes:
// the list sources and versions, the runs, the hits and their clearances,
// and the lease that lets one node of a cluster run at a time.
type ScreeningStore interface {
	// AddScreeningSource records a list source (idempotent); every node
	// loads the recorded sources as well as those it was started with.
	AddScreeningSource(ctx context.Context, source string, at time.Time) error
	RemoveScreeningSource(ctx context.Context, source string) error
	ScreeningSources(ctx context.Context) ([]string, error)
	// PutListVersion records a version; recording the same source and hash
	// again keeps the first record and fails with ErrAlreadyExists.
	PutListVersion(ctx context.Context, v ListVersion) error
	// ListVersions returns the newest versions, newest first.
	ListVersions(ctx context.Context, limit int) ([]ListVersion, error)

	// AcquireLease takes or extends the named lease for holder until the
	// given time. It reports false when another holder's lease is still
	// running at now.
	AcquireLease(ctx context.Context, name, holder string, now, until time.Time) (bool, error)
	// ReleaseLease ends holder's lease; another holder's lease is left.
	ReleaseLease(ctx context.Context, name, holder string) error

	PutScreeningRun(ctx context.Context, r ScreeningRun) error
	// FinishScreeningRun stores the counts and the end of a run.
	FinishScreeningRun(ctx context.Context, r ScreeningRun) error
	// ScreeningRuns returns an issuer's latest runs, newest first.
	ScreeningRuns(ctx context.Context, issuer common.Address, limit int) ([]ScreeningRun, error)

	PutScreeningHit(ctx context.Context, h ScreeningHit) error
	GetScreeningHit(ctx context.Context, id string) (ScreeningHit, error)
	// LatestScreeningHit returns the newest hit of issuer about identity
	// for this list entry in this version of it (same digest).
	LatestScreeningHit(ctx context.Context, issuer, identity common.Address, list, entityID string, digest common.Hash) (ScreeningHit, error)
	// ListScreeningHits pages hits newest first, without explanations.
	ListScreeningHits(ctx context.Context, q HitQuery) ([]ScreeningHit, string, error)
	// DecideScreeningHit records the one decision on an open hit; a hit
	// that was decided already fails with ErrConsumed.
	DecideScreeningHit(ctx context.Context, id string, d HitDecision) (ScreeningHit, error)

	// ScreeningSubjects pages the identities an issuer screens: those
	// holding a ready or added claim of the issuer on one of the topics,
	// or with a pending application for one, in address order after the
	// given one.
	ScreeningSubjects(ctx context.Context, issuer common.Address, topics []uint64, after common.Address, limit int) ([]common.Address, error)
}
