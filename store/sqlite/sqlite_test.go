package sqlite_test

import (
	"path/filepath"
	"testing"

	"github.com/idconnect/idconnect/store"
	"github.com/idconnect/idconnect/store/sqlite"
	"github.com/idconnect/idconnect/store/storetest"
)

func open(tb testing.TB) store.Store {
	s, err := sqlite.Open(tb.Context(), filepath.Join(tb.TempDir(), "idconnect.db"), sqlite.WithMigrate())
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
