package sqlstore

import (
	"context"

	"github.com/idconnect/idconnect/store"
)

const auditCols = `id, at, kind, actor, identity, client_id, grant_id, detail`

func scanAuditEvent(r Row) (store.AuditEvent, error) {
	var e store.AuditEvent
	err := r.Scan(&e.ID, tm(&e.At), &e.Kind, &e.Actor, ad(&e.Identity), &e.ClientID, &e.GrantID, &e.Detail)
	return e, err
}

// AppendAuditEvent implements store.AuditStore.
func (s *Core) AppendAuditEvent(ctx context.Context, e store.AuditEvent) (store.AuditEvent, error) {
	out, err := scanAuditEvent(s.db.Write(ctx).QueryRow(ctx, `INSERT INTO audit_events
		(at, kind, actor, identity, client_id, grant_id, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)
		RETURNING `+auditCols, e.At.UTC(), e.Kind, e.Actor, addr(e.Identity), e.ClientID, e.GrantID, e.Detail))
	return out, wrap("append audit event", err)
}

// ListAuditEvents implements store.AuditStore.
func (s *Core) ListAuditEvents(ctx context.Context, f store.AuditFilter) ([]store.AuditEvent, string, error) {
	limit := store.PageLimit(f.Limit)
	var w where
	w.addIf("kind", string(f.Kind))
	w.addIf("identity", addr(f.Identity))
	w.addIf("client_id", f.ClientID)
	w.addIf("grant_id", f.GrantID)
	if f.Cursor != "" {
		c, err := parseCursor(f.Cursor)
		if err != nil {
			return nil, "", wrap("list audit events", err)
		}
		n, err := c.intID()
		if err != nil {
			return nil, "", wrap("list audit events", err)
		}
		w.addCursor("at", "id", c, n)
	}
	q := `SELECT ` + auditCols + ` FROM audit_events` + w.String() +
		` ORDER BY at DESC, id DESC` + w.limit(limit+1)
	rows, err := s.db.Read(ctx).Query(ctx, q, w.args...)
	events, err := collect(rows, err, scanAuditEvent)
	if err != nil {
		return nil, "", wrap("list audit events", err)
	}
	events, next := page(events, limit, func(e store.AuditEvent) cursor { return cursor{e.At, itoa(e.ID)} })
	return events, next, nil
}
