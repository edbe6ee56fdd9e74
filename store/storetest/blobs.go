package storetest

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/idconnect/idconnect/store"
)

func testBlobs(t *testing.T, s store.Store) {
	ctx := context.Background()
	data := bytes.Repeat([]byte{0, 1, 2, 0xff}, 1<<18) // 1 MiB, with zero bytes
	const id = "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy"
	must(t, s.PutBlob(ctx, id, data, at(0)))
	must(t, s.PutBlob(ctx, id, data, at(time.Hour))) // content-addressed: again is a no-op
	got, err := s.GetBlob(ctx, id)
	must(t, err)
	if !bytes.Equal(got, data) {
		t.Fatalf("read back %d bytes, stored %d", len(got), len(data))
	}
	_, err = s.GetBlob(ctx, "bafkreinope")
	wantErr(t, err, store.ErrNotFound)
	must(t, s.PutBlob(ctx, "bafkreiempty", []byte{}, at(0)))
	if got, err := s.GetBlob(ctx, "bafkreiempty"); err != nil || len(got) != 0 {
		t.Fatalf("empty blob: %d bytes, %v", len(got), err)
	}
	must(t, s.DeleteBlob(ctx, id))
	wantErr(t, s.DeleteBlob(ctx, id), store.ErrNotFound)
	_, err = s.GetBlob(ctx, id)
	wantErr(t, err, store.ErrNotFound)
}
