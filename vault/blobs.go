package vault

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/ipfs/go-cid"

	"github.com/idconnect/idconnect/store"
)

// BlobBackend keeps bytes under a content id: the database
// (store.BlobStore, the default) or a directory (Dir, --blob-dir).
type BlobBackend interface {
	PutBlob(ctx context.Context, id string, data []byte, at time.Time) error
	GetBlob(ctx context.Context, id string) ([]byte, error)
	DeleteBlob(ctx context.Context, id string) error
}

var (
	_ BlobBackend = store.BlobStore(nil)
	_ BlobBackend = Dir("")
)

// Blobs stores sealed documents content-addressed, and checks every read:
// bytes that do not hash to the id they were read by are an integrity
// error, and nothing of them is returned.
type Blobs struct {
	Backend BlobBackend
	Clock   func() time.Time
}

// Put stores a sealed document and returns its CID.
func (b Blobs) Put(ctx context.Context, doc []byte) (cid.Cid, error) {
	id := CID(doc)
	now := time.Now
	if b.Clock != nil {
		now = b.Clock
	}
	if err := b.Backend.PutBlob(ctx, id.String(), doc, now()); err != nil {
		return cid.Undef, fmt.Errorf("vault: store blob %s: %w", id, err)
	}
	return id, nil
}

// Get reads the sealed document id names, and checks it hashes to id.
func (b Blobs) Get(ctx context.Context, id cid.Cid) ([]byte, error) {
	doc, err := b.Backend.GetBlob(ctx, id.String())
	if err != nil {
		return nil, fmt.Errorf("vault: read blob %s: %w", id, err)
	}
	if got := CID(doc); !got.Equals(id) {
		return nil, fmt.Errorf("%w: blob %s holds bytes that hash to %s", ErrIntegrity, id, got)
	}
	return doc, nil
}

// Delete removes a sealed document.
func (b Blobs) Delete(ctx context.Context, id cid.Cid) error {
	return b.Backend.DeleteBlob(ctx, id.String())
}

// Dir keeps blobs as files named by their CID in one directory, written
// whole (a temporary file renamed into place) and readable by the owner of
// the process only.
type Dir string

// PutBlob implements BlobBackend.
func (d Dir) PutBlob(_ context.Context, id string, data []byte, _ time.Time) error {
	if err := checkName(id); err != nil {
		return err
	}
	if err := os.MkdirAll(string(d), 0o700); err != nil {
		return err
	}
	final := filepath.Join(string(d), id)
	if _, err := os.Stat(final); err == nil {
		return nil // content-addressed: already there
	}
	tmp, err := os.CreateTemp(string(d), ".blob-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after the rename, there is nothing left to remove
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), final)
}

// GetBlob implements BlobBackend.
func (d Dir) GetBlob(_ context.Context, id string) ([]byte, error) {
	if err := checkName(id); err != nil {
		return nil, err
	}
	b, err := os.ReadFile(filepath.Join(string(d), id))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, store.ErrNotFound
	}
	return b, err
}

// DeleteBlob implements BlobBackend.
func (d Dir) DeleteBlob(_ context.Context, id string) error {
	if err := checkName(id); err != nil {
		return err
	}
	err := os.Remove(filepath.Join(string(d), id))
	if errors.Is(err, fs.ErrNotExist) {
		return store.ErrNotFound
	}
	return err
}

// checkName keeps ids to CIDs, so that no id names a path outside the
// directory.
func checkName(id string) error {
	if _, err := cid.Decode(id); err != nil {
		return fmt.Errorf("vault: %q is not a CID: %w", id, err)
	}
	return nil
}
