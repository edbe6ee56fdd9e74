package main

import (
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/idconnect/idconnect/notify"
	"github.com/idconnect/idconnect/store"
	"github.com/idconnect/idconnect/store/sqlite"
)

// TestOutboxListDead: `outbox list --dead --json` prints the notifications
// the deliverer gave up on, with ids and no identity address; without
// --dead it refuses as a configuration error.
func TestOutboxListDead(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	if _, err := runCLI(t, dir, "outbox", "list", "--dead"); err != nil {
		t.Fatal(err) // creates and migrates the dev database
	}
	ctx := context.Background()
	s, err := sqlite.Open(ctx, filepath.Join(dir, "idconnect.db"))
	if err != nil {
		t.Fatal(err)
	}
	const owner = "0x5B38Da6a701c568545dCfcB03FcB875f56beddC4"
	now := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	if err := (&notify.Outbox{Store: s, Clock: func() time.Time { return now }}).Callback(ctx,
		store.Grant{ID: "grant-1", ClientID: "svc", Identity: common.HexToAddress(owner), Kind: store.GrantPersistent, State: store.GrantActive, CallbackURL: "https://svc.example/cb"},
		notify.Event{Type: notify.EventGrantDecided}); err != nil {
		t.Fatal(err)
	}
	ns, err := s.ClaimDueNotifications(ctx, now, now.Add(time.Minute), 10)
	if err != nil || len(ns) != 1 {
		t.Fatalf("claimed %v, %v", ns, err)
	}
	if err := s.MarkNotificationDead(ctx, ns[0].ID, now.Add(72*time.Hour)); err != nil {
		t.Fatal(err)
	}
	s.Close()

	out, err := runCLI(t, dir, "outbox", "list", "--dead", "--json")
	if err != nil {
		t.Fatal(err)
	}
	var dead []notify.DeadNotification
	if err := json.Unmarshal([]byte(out), &dead); err != nil {
		t.Fatalf("printed %q: %v", out, err)
	}
	want := notify.DeadNotification{ID: ns[0].ID, Kind: notify.NotificationCallback, Event: notify.EventGrantDecided,
		GrantID: "grant-1", ClientID: "svc", Attempts: 1, CreatedAt: now, DeadAt: now.Add(72 * time.Hour)}
	if len(dead) != 1 || dead[0].Delivery == "" {
		t.Fatalf("dead = %+v", dead)
	}
	want.Delivery = dead[0].Delivery
	if dead[0] != want {
		t.Fatalf("dead = %+v\nwant %+v", dead[0], want)
	}
	for _, leak := range []string{owner, "svc.example"} {
		if strings.Contains(strings.ToLower(out), strings.ToLower(leak)) {
			t.Fatalf("the listing holds %q: %s", leak, out)
		}
	}
	var ce *configError
	if _, err := runCLI(t, dir, "outbox", "list"); !errors.As(err, &ce) {
		t.Fatalf("without --dead: %v", err)
	}
}
