package postgres_test

import (
	"testing"

	"github.com/idconnect/idconnect/store"
	"github.com/idconnect/idconnect/store/postgres"
	"github.com/idconnect/idconnect/store/postgres/pgtest"
	"github.com/idconnect/idconnect/store/storetest"
)

func open(tb testing.TB) store.Store {
	s, err := postgres.Open(tb.Context(), pgtest.SchemaDSN(tb), postgres.WithMigrate())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = s.Close() })
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store { return open(t) })
}

func BenchmarkConsumeChallenge(b *testing.B)   { storetest.BenchConsumeChallenge(b, open) }
func BenchmarkUseGrant(b *testing.B)           { storetest.BenchUseGrant(b, open) }
func BenchmarkListGrantsDeepPage(b *testing.B) { storetest.BenchListGrantsDeepPage(b, open) }
func BenchmarkReviewQueue(b *testing.B)        { storetest.BenchReviewQueue(b, open) }
