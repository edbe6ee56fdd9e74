package sqlite

import (
	"context"
	"database/sql"

	"github.com/idconnect/idconnect/store/internal/sqlstore"
)

// pools is the sqlstore.DB of one Store: the single-connection writer and
// the read pool.
type pools struct {
	w, r *sql.DB
}

type txKey struct{}

// txState is the transaction a context carries, with the pools it belongs
// to, so that a context from one Store never leaks into another.
type txState struct {
	owner *pools
	tx    *sql.Tx
}

func (p *pools) tx(ctx context.Context) *sql.Tx {
	if st, ok := ctx.Value(txKey{}).(*txState); ok && st.owner == p {
		return st.tx
	}
	return nil
}

// Read uses the transaction if there is one: it may hold the only writer
// connection, and a read inside it must see its own writes.
func (p *pools) Read(ctx context.Context) sqlstore.Conn {
	if tx := p.tx(ctx); tx != nil {
		return conn{tx}
	}
	return conn{p.r}
}

func (p *pools) Write(ctx context.Context) sqlstore.Conn {
	if tx := p.tx(ctx); tx != nil {
		return conn{tx}
	}
	return conn{p.w}
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
