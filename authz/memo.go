package authz

import (
	"context"

	"github.com/ory/fosite"

	"github.com/idconnect/idconnect/store"
)

// requestMemo remembers, for one HTTP request, what fosite asks for more
// than once: a token exchange looks up the client three times and the code
// and its grant twice. Only records that the request itself does not
// change are kept, and the single-use checks do not trust it: spending a
// code or refresh token is a conditional delete inside the transaction.
// A nil memo remembers nothing.
type requestMemo struct {
	clients map[string]fosite.Client
	rows    map[rowKey]*memoRow
	grants  map[string]store.Grant
}

type rowKey struct {
	kind store.TokenKind
	sig  string
}

// memoRow is a stored token with its decoded request.
type memoRow struct {
	t   store.OAuthToken
	req *storedRequest
	// filled is the session last filled from req, which need not be
	// decoded into again.
	filled fosite.Session
}

type memoKey struct{}

// withMemo gives ctx a fresh memo; one request is served by one goroutine,
// so the memo needs no lock.
func withMemo(ctx context.Context) context.Context {
	return context.WithValue(ctx, memoKey{}, &requestMemo{})
}

func memoFrom(ctx context.Context) *requestMemo {
	m, _ := ctx.Value(memoKey{}).(*requestMemo)
	return m
}

func (m *requestMemo) client(id string) (fosite.Client, bool) {
	if m == nil {
		return nil, false
	}
	c, ok := m.clients[id]
	return c, ok
}

func (m *requestMemo) putClient(c fosite.Client) {
	if m == nil {
		return
	}
	if m.clients == nil {
		m.clients = map[string]fosite.Client{}
	}
	m.clients[c.GetID()] = c
}

func (m *requestMemo) row(kind store.TokenKind, sig string) (*memoRow, bool) {
	if m == nil {
		return nil, false
	}
	r, ok := m.rows[rowKey{kind, sig}]
	return r, ok
}

func (m *requestMemo) putRow(kind store.TokenKind, sig string, r *memoRow) {
	if m == nil {
		return
	}
	if m.rows == nil {
		m.rows = map[rowKey]*memoRow{}
	}
	m.rows[rowKey{kind, sig}] = r
}

func (m *requestMemo) grant(id string) (store.Grant, bool) {
	if m == nil {
		return store.Grant{}, false
	}
	g, ok := m.grants[id]
	return g, ok
}

func (m *requestMemo) putGrant(g store.Grant) {
	if m == nil {
		return
	}
	if m.grants == nil {
		m.grants = map[string]store.Grant{}
	}
	m.grants[g.ID] = g
}
