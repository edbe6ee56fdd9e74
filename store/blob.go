package store

import (
	"context"
	"time"
)

// BlobStore keeps sealed claim documents under their content id (a CIDv1
// string). The bytes are ciphertext: the store never sees a document in
// the clear, and checking that bytes match their id is the vault's job.
type BlobStore interface {
	// PutBlob stores data under id. Storing the same id again is a no-op:
	// the id names the content.
	PutBlob(ctx context.Context, id string, data []byte, at time.Time) error
	// GetBlob returns the bytes stored under id, or ErrNotFound.
	GetBlob(ctx context.Context, id string) ([]byte, error)
	// DeleteBlob removes id; a missing id is ErrNotFound.
	DeleteBlob(ctx context.Context, id string) error
}
