package identity_test

import (
	"bytes"
	"context"
	"errors"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/idconnect/idconnect/identity"
)

// answerChain answers every contract call with the same bytes: it stands for a
// node or a contract that returns anything at all.
type answerChain struct{ answer []byte }

func (c answerChain) CallContract(context.Context, ethereum.CallMsg, *big.Int) ([]byte, error) {
	return c.answer, nil
}
func (c answerChain) CodeAt(context.Context, common.Address, *big.Int) ([]byte, error) {
	return []byte{0x60}, nil
}
func (answerChain) BlockNumber(context.Context) (uint64, error) { return 1, nil }
func (answerChain) FilterLogs(context.Context, ethereum.FilterQuery) ([]types.Log, error) {
	return nil, nil
}
func (answerChain) SubscribeFilterLogs(context.Context, ethereum.FilterQuery, chan<- types.Log) (ethereum.Subscription, error) {
	return nil, errors.New("no subscriptions")
}
func (answerChain) HeaderByNumber(context.Context, *big.Int) (*types.Header, error) {
	return &types.Header{Number: big.NewInt(1)}, nil
}
func (answerChain) SubscribeNewHead(context.Context, chan<- *types.Header) (ethereum.Subscription, error) {
	return nil, errors.New("no subscriptions")
}
func (answerChain) ChainID(context.Context) (*big.Int, error) { return big.NewInt(1337), nil }

// FuzzChainAnswers feeds arbitrary call results to every decoder of chain data:
// resolution, key checks, key lists, claims and their verdicts, registries. Each
// must return a value or a typed error, never panic.
func FuzzChainAnswers(f *testing.F) {
	f.Add([]byte{})
	f.Add(common.LeftPadBytes([]byte{1}, 32))
	f.Add(append(common.LeftPadBytes([]byte{0x20}, 32), common.LeftPadBytes([]byte{2}, 32)...))
	f.Add(bytes.Repeat([]byte{0xff}, 96))
	f.Fuzz(func(t *testing.T, answer []byte) {
		ctx := context.Background()
		a := common.HexToAddress("0x01")
		r, err := identity.NewReader(ctx, answerChain{answer}, identity.Config{IdFactory: a, IdentityRegistry: a})
		if err != nil {
			assertTyped(t, err)
			return
		}
		_, err = r.Resolve(ctx, a, a)
		assertTyped(t, err)
		_, err = r.HasPurpose(ctx, a, a, 2)
		assertTyped(t, err)
		_, err = r.Keys(ctx, a)
		assertTyped(t, err)
		_, err = r.ClaimsByTopic(ctx, a, 1, time.Unix(0, 0))
		assertTyped(t, err)
		_, err = r.RequiredTopics(ctx)
		assertTyped(t, err)
		_, err = r.IsVerified(ctx, a, time.Unix(0, 0))
		assertTyped(t, err)
	})
}

func assertTyped(t *testing.T, err error) {
	t.Helper()
	var ie *identity.Error
	if err != nil && !errors.As(err, &ie) {
		t.Fatalf("untyped error %T: %v", err, err)
	}
}

// FuzzClaimData: decoding never panics, and whatever decodes encodes back to the
// same bytes (one canonical form).
func FuzzClaimData(f *testing.F) {
	f.Add(identity.EncodeClaimData(identity.ClaimData{ValidFrom: time.Unix(1, 0), ValidUntil: time.Unix(2, 0)}))
	f.Add([]byte("not abi"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, ok := identity.DecodeClaimData(data)
		if !ok {
			return
		}
		if back := identity.EncodeClaimData(d); !bytes.Equal(back, data) && len(data) == 96 && !clamped(d) {
			t.Fatalf("round trip changed %x into %x", data, back)
		}
	})
}

// clamped reports times DecodeClaimData saturated, which cannot round-trip.
func clamped(d identity.ClaimData) bool {
	return d.ValidFrom.Unix() >= 1<<62 || d.ValidUntil.Unix() >= 1<<62
}

// FuzzClaimSignature: every encoding of a signature recovers the same signer, and
// malformed signatures are refused with an error.
func FuzzClaimSignature(f *testing.F) {
	f.Add(bytes.Repeat([]byte{1}, 65), []byte("data"))
	f.Add([]byte{27}, []byte{})
	f.Fuzz(func(t *testing.T, sig, data []byte) {
		id := common.HexToAddress("0x02")
		signer, err := identity.RecoverClaimSigner(id, 1, data, sig)
		encs := identity.SignatureEncodings(sig)
		if err != nil {
			return
		}
		if len(encs) != 4 {
			t.Fatalf("recoverable signature has %d encodings", len(encs))
		}
		for _, enc := range encs {
			if got, err := identity.RecoverClaimSigner(id, 1, data, enc); err != nil || got != signer {
				t.Fatalf("encoding %x recovers %s, %v; want %s", enc, got, err, signer)
			}
		}
	})
}

func FuzzParseAddress(f *testing.F) {
	f.Add("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")
	f.Add("0x")
	f.Fuzz(func(t *testing.T, s string) {
		a, err := identity.ParseAddress(s)
		if err != nil {
			if !errors.Is(err, identity.ErrInvalidAddress) {
				t.Fatalf("err = %v", err)
			}
			return
		}
		if again, err := identity.ParseAddress(a.Hex()); err != nil || again != a {
			t.Fatalf("%q parsed to %s, which does not parse back", s, a.Hex())
		}
	})
}
