package sqlstore

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"time"
)

// Values cross the driver boundary in a form both backends accept:
// times as time.Time (the SQLite adapter turns them into sortable text),
// lists as JSON text (jsonb in PostgreSQL), and absent times as NULL.

// optTime is the argument for a nullable time column: NULL when unset.
func optTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}

// list is the argument for a list column. A nil list is stored as [] so
// that the column never holds NULL or "null".
func list(v []string) string {
	if len(v) == 0 {
		return "[]"
	}
	b, err := json.Marshal(v)
	if err != nil {
		// Marshalling a []string cannot fail.
		panic(err)
	}
	return string(b)
}

// blob is the argument for a bytes column: NULL when empty, so empty and
// nil read back the same on every backend.
func blob(b []byte) any {
	if len(b) == 0 {
		return nil
	}
	return b
}

// SQLiteTimeLayout is how the SQLite backend stores times: fixed width
// and UTC, so that text order is time order.
const SQLiteTimeLayout = "2006-01-02T15:04:05.000000Z"

type timeScanner struct{ dst *time.Time }

func (s timeScanner) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*s.dst = time.Time{}
	case time.Time:
		*s.dst = v.UTC()
	case string:
		return s.parse(v)
	case []byte:
		return s.parse(string(v))
	default:
		return fmt.Errorf("store: cannot scan %T into a time", src)
	}
	return nil
}

func (s timeScanner) parse(v string) error {
	t, err := time.Parse(SQLiteTimeLayout, v)
	if err != nil {
		return fmt.Errorf("store: bad stored time %q: %w", v, err)
	}
	*s.dst = t
	return nil
}

type listScanner struct{ dst *[]string }

func (s listScanner) Scan(src any) error {
	var raw []byte
	switch v := src.(type) {
	case nil:
		*s.dst = nil
		return nil
	case string:
		raw = []byte(v)
	case []byte:
		raw = v
	default:
		return fmt.Errorf("store: cannot scan %T into a list", src)
	}
	var out []string
	if err := json.Unmarshal(raw, &out); err != nil {
		return fmt.Errorf("store: bad stored list: %w", err)
	}
	if len(out) == 0 {
		out = nil
	}
	*s.dst = out
	return nil
}

type bytesScanner struct{ dst *[]byte }

func (s bytesScanner) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*s.dst = nil
	case []byte:
		// Drivers may reuse src after Scan returns, so copy it.
		if len(v) == 0 {
			*s.dst = nil
		} else {
			*s.dst = append([]byte(nil), v...)
		}
	case string:
		*s.dst = []byte(v)
	default:
		return fmt.Errorf("store: cannot scan %T into bytes", src)
	}
	return nil
}

// tm, ls and bs adapt record fields to the scanners above.
func tm(t *time.Time) sql.Scanner { return timeScanner{t} }
func ls(v *[]string) sql.Scanner  { return listScanner{v} }
func bs(b *[]byte) sql.Scanner    { return bytesScanner{b} }
