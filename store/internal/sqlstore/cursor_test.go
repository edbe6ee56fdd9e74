package sqlstore

import (
	"errors"
	"testing"
	"time"

	"github.com/idconnect/idconnect/store"
)

func TestCursorRoundTrip(t *testing.T) {
	tests := []cursor{
		{at: time.Date(2030, 1, 2, 3, 4, 5, 123456000, time.UTC), id: "g-1"},
		{at: time.Date(1999, 12, 31, 23, 59, 59, 0, time.UTC), id: "id.with.dots"},
		{at: time.Time{}.UTC(), id: "42"},
	}
	for _, c := range tests {
		got, err := parseCursor(c.String())
		if err != nil || !got.at.Equal(c.at) || got.id != c.id {
			t.Errorf("parseCursor(%q) = %+v, %v; want %+v", c.String(), got, err, c)
		}
	}
}

func TestParseCursorRejects(t *testing.T) {
	for _, s := range []string{"", "%%%", "bm90LWEtY3Vyc29y", "MTIz", "eC5n", "MTIzLg"} {
		if _, err := parseCursor(s); !errors.Is(err, store.ErrInvalidCursor) {
			t.Errorf("parseCursor(%q) = %v, want ErrInvalidCursor", s, err)
		}
	}
}

func TestCursorIntID(t *testing.T) {
	if n, err := (cursor{id: "17"}).intID(); n != 17 || err != nil {
		t.Fatalf("intID = %d, %v", n, err)
	}
	if _, err := (cursor{id: "g-1"}).intID(); !errors.Is(err, store.ErrInvalidCursor) {
		t.Fatalf("intID of a text ID = %v", err)
	}
}

func TestWhere(t *testing.T) {
	var w where
	w.addIf("identity", "0xabc")
	w.addIf("client_id", "")
	w.add("decided_at IS NULL")
	w.addCursor("created_at", "id", cursor{id: "g"}, "g")
	lim := w.limit(51)
	want := " WHERE identity = $1 AND decided_at IS NULL AND (created_at, id) < ($2, $3)"
	if w.String() != want || lim != " LIMIT $4" || len(w.args) != 4 {
		t.Fatalf("where = %q%q with %d args", w.String(), lim, len(w.args))
	}
	if (&where{}).String() != "" {
		t.Fatal("empty where is not empty")
	}
}

// Cursors come from clients (query parameters), so parsing must never
// panic, and whatever parses must print back to an equivalent cursor.
func FuzzParseCursor(f *testing.F) {
	f.Add(cursor{at: time.Unix(1900000000, 0), id: "g-1"}.String())
	f.Add("MTIzLmc")
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		c, err := parseCursor(s)
		if err != nil {
			return
		}
		again, err := parseCursor(c.String())
		if err != nil || !again.at.Equal(c.at) || again.id != c.id {
			t.Fatalf("cursor %+v does not round-trip: %+v, %v", c, again, err)
		}
	})
}
