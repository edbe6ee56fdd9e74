package notify

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/store"
)

// TestScreeningHitCarriesIDsOnly: the alert goes to the issuer identity's
// webhook and names the hit, its kind, state and topics; the identity,
// the list entry and every name stay behind the reviewers' sign-in.
func TestScreeningHitCarriesIDsOnly(t *testing.T) {
	s := hookStore(t)
	if _, err := (&Webhooks{Store: s, Sealer: hookSealer}).Set(t.Context(), hookOwner, "https://hooks.example.com/issuer"); err != nil {
		t.Fatal(err)
	}
	subject := common.HexToAddress("0x00000000000000000000000000000000000Ab1e5")
	h := store.ScreeningHit{ID: "hit-1", Issuer: hookOwner, Identity: subject, Kind: store.HitName, List: "sdn.xml",
		EntityID: "36", Field: "alias", Score: 0.93, Topics: []uint64{2, 4}, State: store.HitOpen,
		CreatedAt: time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC), Explanation: []byte("Ivan Petrov")}
	if err := (&Outbox{Store: s}).ScreeningHit(t.Context(), hookOwner, h); err != nil {
		t.Fatal(err)
	}
	far := time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)
	ns, err := s.ClaimDueNotifications(t.Context(), far, far.Add(time.Hour), 10)
	if err != nil || len(ns) != 1 {
		t.Fatalf("%d notifications, %v", len(ns), err)
	}
	if ns[0].Identity != hookOwner {
		t.Fatalf("alert went to %s, want the issuer %s", ns[0].Identity.Hex(), hookOwner.Hex())
	}
	var entry outboxEntry
	if err := json.Unmarshal(ns[0].Payload, &entry); err != nil {
		t.Fatal(err)
	}
	var body map[string]any
	if err := json.Unmarshal(entry.Body, &body); err != nil {
		t.Fatal(err)
	}
	data, _ := json.Marshal(body["data"])
	if body["type"] != EventScreeningHit || string(data) != `{"hit_id":"hit-1","hit_kind":"name","state":"open","topics":[2,4]}` {
		t.Fatalf("payload %s", entry.Body)
	}
	for _, secret := range []string{subject.Hex()[2:], strings.ToLower(subject.Hex()[2:]), "sdn.xml", "36", "Ivan", "alias"} {
		if strings.Contains(string(entry.Body), secret) {
			t.Errorf("payload carries %q: %s", secret, entry.Body)
		}
	}
}
