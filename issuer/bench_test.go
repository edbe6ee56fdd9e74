package issuer_test

import (
	"context"
	"crypto/ecdsa"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/idconnect/idconnect/issuer"
)

// BenchmarkClaimSign measures signing a claim: the EIP-191 digest of
// abi.encode(identity, topic, data) and a secp256k1 signature.
func BenchmarkClaimSign(b *testing.B) {
	s := issuer.NewKeySigner(mustKey(b))
	subject, iss := common.HexToAddress("0x01"), common.HexToAddress("0x02")
	now := time.Now()
	for b.Loop() {
		if _, err := issuer.Sign(context.Background(), s, iss, subject, issuer.Terms{Topic: 1, ValidFrom: now, ValidUntil: now.Add(time.Hour)}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkClaimIssue measures Desk.Issue on the simulated chain: sign,
// store the claim, check the issuer's CLAIM key on the identity, estimate
// and send execute(addClaim), wait for the block, and read the claim back.
// Each iteration issues to a fresh identity, made before the timer runs.
func BenchmarkClaimIssue(b *testing.B) {
	w := newWorld(b)
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		subject := w.identity(b, true)
		b.StartTimer()
		if _, err := w.desk.Issue(ctx, subject, 1, issuer.IssueOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func mustKey(tb testing.TB) *ecdsa.PrivateKey {
	tb.Helper()
	k, err := crypto.GenerateKey()
	if err != nil {
		tb.Fatal(err)
	}
	return k
}
