package consent

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/idconnect/idconnect/store"
)

func TestUsageRowRoundTrip(t *testing.T) {
	at := time.Date(2026, 12, 5, 10, 0, 0, 123456789, time.UTC)
	for _, u := range []store.GrantUsage{
		{GrantID: "g1", At: at, Resource: "/userinfo", Fields: []string{"sub", "wallet", "email"}, ClientID: "c"},
		{GrantID: "", At: time.Unix(0, 0).UTC(), Fields: nil},
		{GrantID: "ü", At: at, Resource: "/identities/0xabc/claims/1", Fields: []string{""}, ClientID: "client-ü"},
	} {
		got, err := parseUsageRow(appendUsageRow(nil, u))
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, u) {
			t.Fatalf("%+v came back as %+v", u, got)
		}
	}
}

func TestParseUsageRowRefuses(t *testing.T) {
	good := appendUsageRow(nil, store.GrantUsage{GrantID: "g", At: time.Now(), Resource: "/r", Fields: []string{"sub"}, ClientID: "c"})
	for name, b := range map[string][]byte{
		"empty":          nil,
		"other version":  append([]byte{2}, good[1:]...),
		"truncated":      good[:len(good)-1],
		"trailing bytes": append(append([]byte(nil), good...), 0),
		"huge length":    {1, 0xff, 0xff, 0xff, 0xff, 0x0f},
		"huge count":     append(appendUsageRow(nil, store.GrantUsage{})[:5], 0xff, 0xff, 0x03),
	} {
		if _, err := parseUsageRow(b); !errors.Is(err, errUsageRow) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func FuzzParseUsageRow(f *testing.F) {
	f.Add(appendUsageRow(nil, store.GrantUsage{GrantID: "g", At: time.Now(), Resource: "/r", Fields: []string{"sub"}, ClientID: "c"}))
	f.Add([]byte{1})
	f.Fuzz(func(t *testing.T, b []byte) {
		u, err := parseUsageRow(b)
		if err != nil {
			return
		}
		again, err := parseUsageRow(appendUsageRow(nil, u))
		if err != nil || !reflect.DeepEqual(again, u) {
			t.Fatalf("%+v does not round-trip: %+v, %v", u, again, err)
		}
	})
}
