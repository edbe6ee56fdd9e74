package sqlstore

import (
	"context"
	"time"
)

// PutBlob implements store.BlobStore.
func (s *Core) PutBlob(ctx context.Context, id string, data []byte, at time.Time) error {
	if data == nil {
		data = []byte{} // an empty document is still a document, not NULL
	}
	_, err := s.db.Write(ctx).Exec(ctx, `INSERT INTO blobs (cid, data, size, created_at) VALUES ($1, $2, $3, $4)
		ON CONFLICT (cid) DO NOTHING`, id, data, int64(len(data)), at.UTC())
	return wrap("put blob", err)
}

// GetBlob implements store.BlobStore.
func (s *Core) GetBlob(ctx context.Context, id string) ([]byte, error) {
	var data []byte
	err := s.db.Read(ctx).QueryRow(ctx, `SELECT data FROM blobs WHERE cid = $1`, id).Scan(bs(&data))
	return data, wrap("get blob", err)
}

// DeleteBlob implements store.BlobStore.
func (s *Core) DeleteBlob(ctx context.Context, id string) error {
	n, err := s.db.Write(ctx).Exec(ctx, `DELETE FROM blobs WHERE cid = $1`, id)
	return wrap("delete blob", affected(n, err))
}
