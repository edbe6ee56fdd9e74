package identity

import (
	"context"
	"math/big"
	"sort"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
)

// RequiredTopics lists the claim topics of the ClaimTopicsRegistry (none without one).
func (r *Reader) RequiredTopics(ctx context.Context) ([]uint64, error) {
	if r.cfg.ClaimTopicsRegistry == (common.Address{}) {
		return nil, nil
	}
	topics, err := call(ctx, r.chain, r.cfg.ClaimTopicsRegistry, r.topics.PackGetClaimTopics(), r.topics.UnpackGetClaimTopics)
	if err != nil {
		return nil, fail("getClaimTopics", r.cfg.ClaimTopicsRegistry, notRegistry(err))
	}
	out := make([]uint64, len(topics))
	for i, t := range topics {
		out[i] = clampUint64(t)
	}
	return out, nil
}

// IsVerified is ERC-3643's isVerified judged off the chain with idconnect's stricter
// rules: the wallet's identity must hold, for every required topic, a claim from an
// issuer trusted for that topic that is valid at now: not revoked under any encoding
// of its signature, and not expired.
func (r *Reader) IsVerified(ctx context.Context, wallet common.Address, now time.Time) (bool, error) {
	res, err := r.Resolve(ctx, wallet, common.Address{})
	if err != nil {
		return false, err
	}
	topics, err := r.RequiredTopics(ctx)
	if err != nil {
		return false, err
	}
	for _, topic := range topics {
		claims, err := r.ClaimsByTopic(ctx, res.Identity, topic, now)
		if err != nil {
			return false, err
		}
		if !anyValid(claims) {
			return false, nil
		}
	}
	return true, nil
}

// IsVerifiedOnChain asks the IdentityRegistry's own isVerified.
func (r *Reader) IsVerifiedOnChain(ctx context.Context, wallet common.Address) (bool, error) {
	ok, err := call(ctx, r.chain, r.cfg.IdentityRegistry, r.registry.PackIsVerified(wallet), r.registry.UnpackIsVerified)
	if err != nil {
		return false, fail("isVerified", r.cfg.IdentityRegistry, notRegistry(err))
	}
	return ok, nil
}

func anyValid(claims []Judgement) bool {
	for _, c := range claims {
		if c.State == StateValid {
			return true
		}
	}
	return false
}

// ClaimTopics lists the topics on which an identity holds or held claims, found from
// its ClaimAdded and ClaimChanged events, merged with the known topics given.
// Nodes that refuse a log query over the whole chain leave only the known topics.
func (r *Reader) ClaimTopics(ctx context.Context, id common.Address, known ...uint64) []uint64 {
	set := map[uint64]bool{}
	for _, t := range known {
		set[t] = true
	}
	logs, err := r.chain.FilterLogs(ctx, ethereum.FilterQuery{
		FromBlock: big.NewInt(0),
		Addresses: []common.Address{id},
		Topics:    [][]common.Hash{{eventClaimAdded, eventClaimChanged}},
	})
	if err == nil {
		for _, l := range logs {
			if len(l.Topics) > 2 {
				set[clampUint64(new(big.Int).SetBytes(l.Topics[2][:]))] = true
			}
		}
	}
	out := make([]uint64, 0, len(set))
	for t := range set {
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}
