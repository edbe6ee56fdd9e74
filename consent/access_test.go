package consent_test

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/idconnect/idconnect/challenge"
	"github.com/idconnect/idconnect/consent"
	"github.com/idconnect/idconnect/contracts"
	"github.com/idconnect/idconnect/internal/simchain"
	"github.com/idconnect/idconnect/notify"
	"github.com/idconnect/idconnect/store"
)

const testIssuer = "http://127.0.0.1:5556"

// clock is a settable clock shared by the flow and its challenges.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// accessEnv is env plus the access-request flow on the real store, chain
// and challenge service, with the store's own notification outbox.
type accessEnv struct {
	*env
	clock *clock
	flow  *consent.AccessRequests
}

func newAccessEnv(t *testing.T) *accessEnv {
	e := newEnv(t)
	if err := e.store.CreateClient(context.Background(), store.Client{ID: "svc", Name: "Example Bank", CreatedAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	c := &clock{now: time.Now().UTC().Truncate(time.Second)}
	ch := challenge.New(challenge.Config{Store: e.store, Caller: e.chain.Client(), ChainID: simchain.ChainID, Clock: c.Now})
	flow := &consent.AccessRequests{
		Store: e.store, Challenges: ch, Directory: e.reader, Identities: e.reader,
		Notices: &notify.Outbox{Store: e.store, Clock: c.Now},
		Issuer:  testIssuer, CheckURL: func(raw string) (string, error) { return notify.CheckDeliveryURL(raw, true) },
		ChainID: simchain.ChainID, Clock: c.Now,
	}
	return &accessEnv{env: e, clock: c, flow: flow}
}

func (e *accessEnv) ask(kind store.GrantKind, fields ...string) consent.Ask {
	return consent.Ask{ClientID: "svc", Target: consent.Target{Identity: e.id}, Kind: kind, Fields: fields,
		Purpose: "Open an account"}
}

// personalSign signs text as EIP-191 personal_sign does.
func personalSign(t testing.TB, key *ecdsa.PrivateKey, text string) string {
	t.Helper()
	sig, err := crypto.Sign(challenge.MessageHash(text).Bytes(), key)
	if err != nil {
		t.Fatal(err)
	}
	sig[64] += 27
	return hexutil.Encode(sig)
}

func TestAccessRequestValidated(t *testing.T) {
	for _, kind := range []store.GrantKind{store.GrantImmediate, store.GrantPersistent} {
		t.Run(string(kind), func(t *testing.T) {
			e := newAccessEnv(t)
			ctx := context.Background()
			asked, err := e.flow.Create(ctx, e.ask(kind, "email", "name"))
			if err != nil {
				t.Fatal(err)
			}
			g := asked.Grant
			if g.State != store.GrantRequested || g.Resource != "/identities/"+e.id.Hex()+"/profile" ||
				strings.Join(g.Fields, ",") != "name,email" {
				t.Fatalf("requested grant = %+v", g)
			}
			for _, want := range []string{"Request ID: " + g.ID, "urn:recap:", testIssuer + "/access-grants/" + g.ID, e.wallet.Hex()} {
				if !strings.Contains(asked.Challenge.Text, want) {
					t.Errorf("challenge lacks %q:\n%s", want, asked.Challenge.Text)
				}
			}
			active, err := e.flow.Validate(ctx, g.ID, "", personalSign(t, e.owner, asked.Challenge.Text))
			if err != nil {
				t.Fatal(err)
			}
			if active.State != store.GrantActive || active.Wallet != e.wallet || active.ConsentMessage != asked.Challenge.Text ||
				(kind == store.GrantImmediate) == active.ExpiresAt.IsZero() {
				t.Fatalf("validated grant = %+v", active)
			}
			_, err = e.flow.Validate(ctx, g.ID, "", personalSign(t, e.owner, asked.Challenge.Text))
			if !errors.Is(err, consent.ErrDecided) {
				t.Fatalf("second validation: %v", err)
			}
		})
	}
}

// TestAccessRequestRefusals: signatures that must not activate a grant.
func TestAccessRequestRefusals(t *testing.T) {
	e := newAccessEnv(t)
	ctx := context.Background()
	stranger := simchain.NewKey()
	other := simchain.NewKey()
	otherID, err := contracts.CreateIdentity(ctx, e.deployer, e.suite, crypto.PubkeyToAddress(other.PublicKey), "other")
	if err != nil || otherID == e.id {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		key  *ecdsa.PrivateKey
	}{
		{"wallet without a key on the identity", stranger},
		{"another identity's wallet", other},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ask := e.ask(store.GrantPersistent, "email")
			ask.Wallet = crypto.PubkeyToAddress(tc.key.PublicKey)
			asked, err := e.flow.Create(ctx, ask)
			if err != nil {
				t.Fatal(err)
			}
			_, err = e.flow.Validate(ctx, asked.Grant.ID, "", personalSign(t, tc.key, asked.Challenge.Text))
			if !errors.Is(err, consent.ErrNotOwner) {
				t.Fatalf("validation by %s: %v", tc.name, err)
			}
			if g, _ := e.store.GetGrant(ctx, asked.Grant.ID); g.State != store.GrantRequested {
				t.Fatalf("grant is %s after a refused validation", g.State)
			}
		})
	}
	t.Run("message of another grant", func(t *testing.T) {
		a, err := e.flow.Create(ctx, e.ask(store.GrantImmediate, "email"))
		if err != nil {
			t.Fatal(err)
		}
		b, err := e.flow.Create(ctx, e.ask(store.GrantImmediate, "email", "phone"))
		if err != nil {
			t.Fatal(err)
		}
		_, err = e.flow.Validate(ctx, a.Grant.ID, b.Challenge.Text, personalSign(t, e.owner, b.Challenge.Text))
		if !errors.Is(err, consent.ErrBadSignature) {
			t.Fatalf("a's validation with b's message: %v", err)
		}
	})
	t.Run("reworded statement", func(t *testing.T) {
		asked, err := e.flow.Create(ctx, e.ask(store.GrantImmediate, "email"))
		if err != nil {
			t.Fatal(err)
		}
		forged := strings.Replace(asked.Challenge.Text, "Share with Example Bank.", "Share with Acme Bank.", 1)
		if forged == asked.Challenge.Text {
			t.Fatal("the statement is not where the test expects it")
		}
		_, err = e.flow.Validate(ctx, asked.Grant.ID, forged, personalSign(t, e.owner, forged))
		if !errors.Is(err, consent.ErrBadSignature) {
			t.Fatalf("validation of a reworded statement: %v", err)
		}
	})
	t.Run("expired challenge, then a fresh one", func(t *testing.T) {
		asked, err := e.flow.Create(ctx, e.ask(store.GrantPersistent, "phone"))
		if err != nil {
			t.Fatal(err)
		}
		e.clock.Add(6 * time.Minute)
		_, err = e.flow.Validate(ctx, asked.Grant.ID, "", personalSign(t, e.owner, asked.Challenge.Text))
		if !errors.Is(err, consent.ErrChallengeExpired) {
			t.Fatalf("validation with an expired challenge: %v", err)
		}
		fresh, err := e.flow.Challenge(ctx, asked.Grant.ID, e.id, e.wallet)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.flow.Validate(ctx, asked.Grant.ID, fresh.Text, personalSign(t, e.owner, fresh.Text)); err != nil {
			t.Fatalf("validation with a fresh challenge: %v", err)
		}
	})
	t.Run("expired request", func(t *testing.T) {
		asked, err := e.flow.Create(ctx, e.ask(store.GrantPersistent, "address"))
		if err != nil {
			t.Fatal(err)
		}
		e.clock.Add(8 * 24 * time.Hour)
		if _, err := e.flow.Challenge(ctx, asked.Grant.ID, e.id, e.wallet); !errors.Is(err, consent.ErrRequestExpired) {
			t.Fatalf("challenge of an expired request: %v", err)
		}
		g, _ := e.store.GetGrant(ctx, asked.Grant.ID)
		if consent.StateOf(g, e.clock.Now()) != store.GrantExpired {
			t.Fatalf("state of an expired request: %s", consent.StateOf(g, e.clock.Now()))
		}
	})
}

func TestAccessRequestBadAsks(t *testing.T) {
	e := newAccessEnv(t)
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		edit func(*consent.Ask)
		want error
	}{
		{"kind", func(a *consent.Ask) { a.Kind = "forever" }, consent.ErrBadRequest},
		{"no fields", func(a *consent.Ask) { a.Fields = nil }, consent.ErrBadRequest},
		{"unknown field", func(a *consent.Ask) { a.Fields = []string{"ssn"} }, consent.ErrBadRequest},
		{"field twice", func(a *consent.Ask) { a.Fields = []string{"email", "email"} }, consent.ErrBadRequest},
		{"fields on a claim", func(a *consent.Ask) { a.Target.Topic = 1 }, consent.ErrBadRequest},
		{"no purpose", func(a *consent.Ask) { a.Purpose = "" }, consent.ErrBadRequest},
		{"purpose with a newline", func(a *consent.Ask) { a.Purpose = "a\nb" }, consent.ErrBadRequest},
		{"long purpose", func(a *consent.Ask) { a.Purpose = strings.Repeat("x", 501) }, consent.ErrBadRequest},
		{"http callback", func(a *consent.Ask) { a.CallbackURL = "http://bank.example/cb" }, consent.ErrBadRequest},
		{"not an identity", func(a *consent.Ask) { a.Target.Identity = common.HexToAddress("0x1234") }, consent.ErrUnknownIdentity},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ask := e.ask(store.GrantImmediate, "email")
			tc.edit(&ask)
			if _, err := e.flow.Create(ctx, ask); !errors.Is(err, tc.want) {
				t.Fatalf("Create = %v, want %v", err, tc.want)
			}
		})
	}
	claim := e.ask(store.GrantPersistent)
	claim.Target.Topic = 1
	asked, err := e.flow.Create(ctx, claim)
	if err != nil || asked.Grant.Resource != "/identities/"+e.id.Hex()+"/claims/1" || asked.Grant.Fields != nil {
		t.Fatalf("claim request = %+v, %v", asked.Grant, err)
	}
}

func TestAccessRequestDenyAndRevoke(t *testing.T) {
	e := newAccessEnv(t)
	ctx := context.Background()
	asked, err := e.flow.Create(ctx, e.ask(store.GrantPersistent, "email"))
	if err != nil {
		t.Fatal(err)
	}
	// Revoked before it is answered, a request leaves the pending list.
	early, err := e.flow.Create(ctx, e.ask(store.GrantPersistent, "phone"))
	if err != nil {
		t.Fatal(err)
	}
	if g, err := e.flow.Revoke(ctx, early.Grant.ID, e.id); err != nil || g.State != store.GrantRevoked {
		t.Fatalf("revoke a requested grant = %+v, %v", g, err)
	}
	pending, _, err := e.store.ListPendingAccessRequests(ctx, e.id, "", 50)
	if err != nil || len(pending) != 1 || pending[0].ID != asked.Grant.ID {
		t.Fatalf("pending after revoking one of two = %v, %v", pending, err)
	}
	stranger := crypto.PubkeyToAddress(simchain.NewKey().PublicKey)
	if _, err := e.flow.Deny(ctx, asked.Grant.ID, stranger); !errors.Is(err, consent.ErrNotOwner) {
		t.Fatalf("deny by a stranger: %v", err)
	}
	g, err := e.flow.Deny(ctx, asked.Grant.ID, e.id)
	if err != nil || g.State != store.GrantDenied {
		t.Fatalf("deny = %+v, %v", g, err)
	}
	if _, err := e.flow.Validate(ctx, asked.Grant.ID, "", personalSign(t, e.owner, asked.Challenge.Text)); !errors.Is(err, consent.ErrDecided) {
		t.Fatalf("validation after denial: %v", err)
	}

	asked, err = e.flow.Create(ctx, e.ask(store.GrantPersistent, "email"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.flow.Validate(ctx, asked.Grant.ID, "", personalSign(t, e.owner, asked.Challenge.Text)); err != nil {
		t.Fatal(err)
	}
	// A validation message cannot revoke; a signed revocation can.
	if _, err := e.flow.RevokeSigned(ctx, asked.Grant.ID, asked.Challenge.Text, personalSign(t, e.owner, asked.Challenge.Text)); !errors.Is(err, consent.ErrBadSignature) {
		t.Fatalf("revocation with the validation message: %v", err)
	}
	rc, err := e.flow.RevocationChallenge(ctx, asked.Grant.ID, e.wallet)
	if err != nil {
		t.Fatal(err)
	}
	g, err = e.flow.RevokeSigned(ctx, asked.Grant.ID, rc.Text, personalSign(t, e.owner, rc.Text))
	if err != nil || g.State != store.GrantRevoked {
		t.Fatalf("signed revocation = %+v, %v", g, err)
	}
	if _, err := e.flow.Revoke(ctx, asked.Grant.ID, e.id); !errors.Is(err, consent.ErrDecided) {
		t.Fatalf("second revocation: %v", err)
	}
}
