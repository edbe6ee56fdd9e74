package store

import (
	"context"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// Profile is an identity owner's basic information, sealed with a Sealer:
// the store only ever sees the wrapped data key and the ciphertext.
type Profile struct {
	Identity   common.Address
	WrappedKey []byte
	Ciphertext []byte
	UpdatedAt  time.Time
}

// ProfileStore keeps sealed profiles.
type ProfileStore interface {
	// PutProfile creates or replaces the identity's profile.
	PutProfile(ctx context.Context, p Profile) error
	GetProfile(ctx context.Context, identity common.Address) (Profile, error)
	DeleteProfile(ctx context.Context, identity common.Address) error
}
