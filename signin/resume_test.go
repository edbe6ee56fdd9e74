package signin_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/signin"
	"github.com/idconnect/idconnect/store"
)

// oneGrant is a Grants that knows one persistent grant, read through a
// pointer so the table can switch it. The covering rule itself is
// consent.Grants', driven over HTTP in the prompt=none tests; here the rule
// under test is Resume's.
type oneGrant struct{ g *store.Grant }

func (c oneGrant) Covering(_ context.Context, clientID string, id common.Address, _ []string) (store.Grant, bool, error) {
	return *c.g, c.g.ClientID == clientID && c.g.Identity == id, nil
}

func TestResume(t *testing.T) {
	ctx := context.Background()
	owner := newWallet()
	grant := store.Grant{ID: "g-1", ClientID: "client-1", Kind: store.GrantPersistent}
	e, svc := newEnv(t, func(c *signin.Config) { c.Grants = oneGrant{&grant} })
	e.withIdentity(owner)
	grant.Identity, grant.Wallet = owner.id, owner.addr
	session := store.LoginSession{ID: "ls-1", Identity: owner.id, Wallet: owner.addr, AuthTime: e.clock().Add(-10 * time.Minute)}
	other := newWallet().addr
	tests := []struct {
		name       string
		edit       func(*store.AuthRequest)
		hasSession bool
		grant      bool
		cookie     string
		want       signin.Step
		wantError  string
		wantErr    error
	}{
		{"no session", nil, false, false, "c", signin.StepLogin, "", nil},
		{"live session reused", nil, true, false, "c", signin.StepConsent, "", nil},
		{"prompt=login", func(a *store.AuthRequest) { a.Prompt = "login" }, true, false, "c", signin.StepLogin, "", nil},
		{"prompt=select_account", func(a *store.AuthRequest) { a.Prompt = "select_account" }, true, false, "c", signin.StepLogin, "", nil},
		{"prompt=consent reuses the session", func(a *store.AuthRequest) { a.Prompt = "consent" }, true, false, "c", signin.StepConsent, "", nil},
		{"max_age exceeded", func(a *store.AuthRequest) { a.MaxAge = 599 }, true, false, "c", signin.StepLogin, "", nil},
		{"max_age met", func(a *store.AuthRequest) { a.MaxAge = 600 }, true, false, "c", signin.StepConsent, "", nil},
		{"hint of this wallet", func(a *store.AuthRequest) { a.LoginHint = owner.addr }, true, false, "c", signin.StepConsent, "", nil},
		{"hint of another wallet", func(a *store.AuthRequest) { a.LoginHint = other }, true, false, "c", signin.StepLogin, "", nil},
		{"none without session", func(a *store.AuthRequest) { a.Prompt = "none" }, false, true, "c", signin.StepRefuse, signin.LoginRequired, nil},
		{"none, session too old", func(a *store.AuthRequest) { a.Prompt, a.MaxAge = "none", 60 }, true, true, "c", signin.StepRefuse, signin.LoginRequired, nil},
		{"none without grant", func(a *store.AuthRequest) { a.Prompt = "none" }, true, false, "c", signin.StepRefuse, signin.ConsentRequired, nil},
		{"none with grant", func(a *store.AuthRequest) { a.Prompt = "none" }, true, true, "c", signin.StepApprove, "", nil},
		{"another browser", nil, true, false, "d", 0, "", signin.ErrForeignRequest},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			id := e.park("req-resume-"+string(rune('a'+i))+"-0001", "c", func(a *store.AuthRequest) {
				if tc.edit != nil {
					tc.edit(a)
				}
			})
			grant.ClientID = "nobody"
			if tc.grant {
				grant.ClientID = "client-1"
			}
			next, err := svc.Resume(ctx, signin.ResumeRequest{RequestID: id, RequestBinding: tc.cookie, Session: session, HasSession: tc.hasSession})
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("err = %v, want %v", err, tc.wantErr)
				}
				return
			}
			if err != nil || next.Step != tc.want || next.Error != tc.wantError {
				t.Fatalf("next = %+v, %v; want step %d %q", next, err, tc.want, tc.wantError)
			}
			ar, _ := e.st.GetAuthRequest(ctx, id)
			bound := ar.LoginSessionID == session.ID
			if bound != (tc.want == signin.StepConsent || tc.want == signin.StepApprove) {
				t.Fatalf("request bound to the session: %v at step %d", bound, next.Step)
			}
			if tc.want == signin.StepApprove && next.Grant.ID != "g-1" {
				t.Fatalf("grant %+v", next.Grant)
			}
		})
	}
}
