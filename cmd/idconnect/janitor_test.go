package main

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/idconnect/idconnect/store"
	"github.com/idconnect/idconnect/store/sqlite"
)

// TestSweepPurgesExpired runs the janitor on a real SQLite store: an
// expired challenge is purged within a few ticks, a live one stays, and
// sweep returns once its context ends.
func TestSweepPurgesExpired(t *testing.T) {
	ctx := t.Context()
	s, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "idconnect.db"), sqlite.WithMigrate())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	now := time.Now().UTC().Truncate(time.Microsecond)
	for nonce, exp := range map[string]time.Time{"n-old": now.Add(-time.Minute), "n-new": now.Add(time.Hour)} {
		c := store.Challenge{Nonce: nonce, Purpose: store.PurposeLogin, IssuedAt: now.Add(-time.Hour), ExpiresAt: exp}
		if err := s.CreateChallenge(ctx, c); err != nil {
			t.Fatal(err)
		}
	}

	var logs bytes.Buffer
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		sweep(runCtx, s, 5*time.Millisecond, slog.New(slog.NewTextHandler(&logs, nil)))
	}()
	deadline := time.Now().Add(5 * time.Second)
	for {
		_, err := s.ConsumeChallenge(ctx, "n-old", now.Add(-2*time.Minute))
		if errors.Is(err, store.ErrNotFound) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("expired challenge still there after 5s: %v", err)
		}
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	<-done
	if _, err := s.ConsumeChallenge(ctx, "n-new", now); err != nil {
		t.Fatalf("live challenge: %v", err)
	}
	if logs.Len() != 0 {
		t.Fatalf("sweep logged at info or above: %s", logs.String())
	}
}
