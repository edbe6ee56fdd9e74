package sqlite

import (
	"context"
	"database/sql"

	"github.com/idconnect/idconnect/store"
	"github.com/idconnect/idconnect/store/internal/sqlstore"
)

// pools is the sqlstore.DB of one Store: the single-connection writer and
// the read pool.
type pools struct {
	w, r    *sql.DB
	queries rebound
}

type txKey struct{}

// txState is the transaction a context carries, with the pools it belongs
// to, so that a context from one Store never leaks into another.
type txState struct {
	owner *pools
	tx    *sql.Tx
	// joined marks a BeginTx that joined an outer transaction: its Commit
	// and Rollback leave the outer one to its owner.
	joined bool
}

func (p *pools) state(ctx context.Context) *txState {
	if st, ok := ctx.Value(txKey{}).(*txState); ok && st.owner == p {
		return st
	}
	return nil
}

func (p *pools) tx(ctx context.Context) *sql.Tx {
	if st := p.state(ctx); st != nil {
		return st.tx
	}
	return nil
}

// Read uses the transaction if there is one: it may hold the only writer
// connection, and a read inside it must see its own writes. Single-row
// reads on the read pool are detached from cancellation (see conn).
func (p *pools) Read(ctx context.Context) sqlstore.Conn {
	if tx := p.tx(ctx); tx != nil {
		return conn{q: tx, queries: &p.queries}
	}
	return conn{q: p.r, detachRows: true, queries: &p.queries}
}

func (p *pools) Write(ctx context.Context) sqlstore.Conn {
	if tx := p.tx(ctx); tx != nil {
		return conn{q: tx, queries: &p.queries}
	}
	return conn{q: p.w, queries: &p.queries}
}

// InTx begins on the writer (BEGIN IMMEDIATE), so the transaction holds the
// write lock from its first statement and never fails mid-way on an
// upgrade. A nested call joins the outer transaction.
func (p *pools) InTx(ctx context.Context, fn func(ctx context.Context) error) (err error) {
	if p.tx(ctx) != nil {
		return fn(ctx)
	}
	tx, err := p.w.BeginTx(ctx, nil)
	if err != nil {
		return mapErr(err)
	}
	committed := false
	defer func() {
		// Also reached when fn panics: release the writer before unwinding.
		if !committed {
			_ = tx.Rollback()
		}
	}()
	if err := fn(context.WithValue(ctx, txKey{}, &txState{owner: p, tx: tx})); err != nil {
		return err
	}
	committed = true
	return mapErr(tx.Commit())
}

// BeginTx begins like InTx (IMMEDIATE, on the writer), or joins the
// transaction ctx already carries.
func (p *pools) BeginTx(ctx context.Context) (context.Context, error) {
	if st := p.state(ctx); st != nil {
		return context.WithValue(ctx, txKey{}, &txState{owner: p, tx: st.tx, joined: true}), nil
	}
	tx, err := p.w.BeginTx(ctx, nil)
	if err != nil {
		return ctx, mapErr(err)
	}
	return context.WithValue(ctx, txKey{}, &txState{owner: p, tx: tx}), nil
}

// Commit commits the transaction BeginTx put in ctx.
func (p *pools) Commit(ctx context.Context) error {
	st, err := p.owned(ctx)
	if st == nil {
		return err
	}
	return mapErr(st.tx.Commit())
}

// Rollback rolls back the transaction BeginTx put in ctx.
func (p *pools) Rollback(ctx context.Context) error {
	st, err := p.owned(ctx)
	if st == nil {
		return err
	}
	return mapErr(st.tx.Rollback())
}

// owned returns the transaction ctx carries when BeginTx began it here; a
// joined one is the outer owner's to end (nil, nil), and no transaction is
// ErrNoTx.
func (p *pools) owned(ctx context.Context) (*txState, error) {
	switch st := p.state(ctx); {
	case st == nil:
		return nil, store.ErrNoTx
	case st.joined:
		return nil, nil
	default:
		return st, nil
	}
}
