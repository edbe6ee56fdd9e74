package sqlstore

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
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

// Addresses are stored as EIP-55 hex text, and the zero address, which
// records use for "none" (an authorization request before sign-in, an
// audit event about no identity), as the empty string: the form every
// column has always held, so typing them needed no data migration.

// addr is the argument for an address column.
func addr(a common.Address) string {
	if a == (common.Address{}) {
		return ""
	}
	return a.Hex()
}

// addrList is the argument for a column holding a list of addresses.
func addrList(v []common.Address) string {
	s := make([]string, len(v))
	for i, a := range v {
		s[i] = a.Hex()
	}
	return list(s)
}

// parseAddr reads a stored address. Any case is accepted, so that a row
// written in lower case by an older version reads back as the same
// address; anything that is not 20 bytes of hex is an error, never a
// silent zero.
func parseAddr(v string) (common.Address, error) {
	if v == "" {
		return common.Address{}, nil
	}
	if !common.IsHexAddress(v) || !strings.HasPrefix(v, "0x") && !strings.HasPrefix(v, "0X") {
		return common.Address{}, fmt.Errorf("store: bad stored address %q", v)
	}
	return common.HexToAddress(v), nil
}

type addrScanner struct{ dst *common.Address }

func (s addrScanner) Scan(src any) error {
	var v string
	switch t := src.(type) {
	case nil:
	case string:
		v = t
	case []byte:
		v = string(t)
	default:
		return fmt.Errorf("store: cannot scan %T into an address", src)
	}
	a, err := parseAddr(v)
	*s.dst = a
	return err
}

type addrListScanner struct{ dst *[]common.Address }

func (s addrListScanner) Scan(src any) error {
	var raw []string
	if err := (listScanner{&raw}).Scan(src); err != nil {
		return err
	}
	var out []common.Address
	for _, v := range raw {
		a, err := parseAddr(v)
		if err != nil {
			return err
		}
		out = append(out, a)
	}
	*s.dst = out
	return nil
}

// ad and al adapt address fields to the scanners above.
func ad(a *common.Address) sql.Scanner   { return addrScanner{a} }
func al(v *[]common.Address) sql.Scanner { return addrListScanner{v} }
