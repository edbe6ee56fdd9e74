package identity

import (
	"context"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// Directory is the read side the rest of idconnect uses. The Reader answers from the
// chain; the Cache answers from memory while the chain has not changed.
type Directory interface {
	Resolve(ctx context.Context, wallet, supplied common.Address) (Resolution, error)
	HasPurpose(ctx context.Context, id, wallet common.Address, purpose uint64) (bool, error)
	ClaimsByTopic(ctx context.Context, id common.Address, topic uint64, now time.Time) ([]Judgement, error)
}

var (
	_ Directory = (*Reader)(nil)
	_ Directory = (*Cache)(nil)
)
