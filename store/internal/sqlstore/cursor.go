package sqlstore

import (
	"encoding/base64"
	"strconv"
	"strings"
	"time"

	"github.com/idconnect/idconnect/store"
)

// A cursor is the sort key of the last row of a page: its time (in
// microseconds, the stored precision) and its ID. Pages are read with a
// keyset condition "(time, id) < (cursor)", so inserts between pages never
// cause duplicates or gaps, and deep pages cost the same as the first.
type cursor struct {
	at time.Time
	id string
}

func (c cursor) String() string {
	raw := strconv.FormatInt(c.at.UnixMicro(), 10) + "." + c.id
	return base64.RawURLEncoding.EncodeToString([]byte(raw))
}

func parseCursor(s string) (cursor, error) {
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return cursor{}, store.ErrInvalidCursor
	}
	micros, id, ok := strings.Cut(string(raw), ".")
	if !ok || id == "" {
		return cursor{}, store.ErrInvalidCursor
	}
	us, err := strconv.ParseInt(micros, 10, 64)
	if err != nil {
		return cursor{}, store.ErrInvalidCursor
	}
	return cursor{at: time.UnixMicro(us).UTC(), id: id}, nil
}

// intID is a cursor ID for tables keyed by a database-assigned integer.
func (c cursor) intID() (int64, error) {
	n, err := strconv.ParseInt(c.id, 10, 64)
	if err != nil {
		return 0, store.ErrInvalidCursor
	}
	return n, nil
}

// page trims a result fetched with limit+1 rows to limit, and returns the
// cursor of its last row when a further page exists.
func page[T any](rows []T, limit int, key func(T) cursor) ([]T, string) {
	if len(rows) <= limit {
		return rows, ""
	}
	rows = rows[:limit]
	return rows, key(rows[limit-1]).String()
}

// where builds a conjunction with numbered placeholders.
type where struct {
	conds []string
	args  []any
}

// add appends a condition; each "?" in cond becomes the next $N.
func (w *where) add(cond string, args ...any) {
	for _, a := range args {
		w.args = append(w.args, a)
		cond = strings.Replace(cond, "?", "$"+strconv.Itoa(len(w.args)), 1)
	}
	w.conds = append(w.conds, cond)
}

// addIf adds "column = value" when value is not empty.
func (w *where) addIf(column, value string) {
	if value != "" {
		w.add(column+" = ?", value)
	}
}

// addCursor adds the keyset condition for a newest-first page.
func (w *where) addCursor(timeCol, idCol string, c cursor, id any) {
	w.add("("+timeCol+", "+idCol+") < (?, ?)", c.at, id)
}

func (w *where) String() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// limit appends the LIMIT placeholder and returns it.
func (w *where) limit(n int) string {
	w.args = append(w.args, n)
	return " LIMIT $" + strconv.Itoa(len(w.args))
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
