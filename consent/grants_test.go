package consent_test

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/rand"
	"errors"
	"math/big"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/idconnect/idconnect/consent"
	"github.com/idconnect/idconnect/contracts"
	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/internal/simchain"
	"github.com/idconnect/idconnect/store"
	"github.com/idconnect/idconnect/store/sqlite"
)

// env is a real chain with the suite, one identity, and a real SQLite store.
type env struct {
	chain    *simchain.Chain
	deployer *contracts.Sender
	suite    contracts.Suite
	owner    *ecdsa.PrivateKey
	wallet   common.Address
	id       common.Address
	store    store.Store
	reader   *identity.Reader
}

func newEnv(t *testing.T) *env {
	t.Helper()
	ctx := context.Background()
	key, owner := simchain.NewKey(), simchain.NewKey()
	chain := simchain.New(crypto.PubkeyToAddress(key.PublicKey), crypto.PubkeyToAddress(owner.PublicKey))
	t.Cleanup(func() { chain.Close() })
	e := &env{chain: chain, deployer: chain.Sender(key), owner: owner, wallet: crypto.PubkeyToAddress(owner.PublicKey)}
	var err error
	if e.suite, err = contracts.DeploySuite(ctx, e.deployer); err != nil {
		t.Fatal(err)
	}
	if e.id, err = contracts.CreateIdentity(ctx, e.deployer, e.suite, e.wallet, "owner"); err != nil {
		t.Fatal(err)
	}
	if e.store, err = sqlite.Open(ctx, filepath.Join(t.TempDir(), "db"), sqlite.WithMigrate()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.store.Close() })
	if e.reader, err = identity.NewReader(ctx, chain.Client(), identity.Config{IdFactory: e.suite.IdFactory, IdentityRegistry: e.suite.IdentityRegistry}); err != nil {
		t.Fatal(err)
	}
	return e
}

func (e *env) grants() *consent.Grants {
	return &consent.Grants{Store: e.store, Directory: e.reader, Clock: time.Now}
}

func (e *env) consentFor(wallet common.Address, scopes ...string) consent.Consent {
	return consent.Consent{ClientID: "client-1", Identity: e.id, Wallet: wallet, ChainID: simchain.ChainID, Scopes: scopes,
		Message: "signed text", Signature: "0x" + strings.Repeat("00", 65), Hash: crypto.Keccak256Hash([]byte("signed text"))}
}

func (e *env) read(gr store.Grant, wallet common.Address) consent.Read {
	return consent.Read{GrantID: gr.ID, ClientID: gr.ClientID, Identity: e.id, Wallet: wallet, Resource: "/userinfo", Fields: []string{"sub"}}
}

func TestImmediateGrantIsReadOnce(t *testing.T) {
	e := newEnv(t)
	g := e.grants()
	gr, err := g.Create(context.Background(), e.consentFor(e.wallet, "openid", "email"))
	if err != nil || gr.Kind != store.GrantImmediate || gr.State != store.GrantActive || gr.ExpiresAt.IsZero() {
		t.Fatalf("Create = %+v, %v", gr, err)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	ok, refused := 0, 0
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := g.Use(context.Background(), e.read(gr, e.wallet))
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil:
				ok++
			case errors.Is(err, store.ErrGrantInactive):
				refused++
			default:
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if ok != 1 || refused != 19 {
		t.Fatalf("%d reads succeeded and %d were refused; want 1 and 19", ok, refused)
	}
	usage, _, err := e.store.ListGrantUsage(context.Background(), gr.ID, "", 100)
	if err != nil || len(usage) != 1 {
		t.Fatalf("usage log = %v, %v; want one read", usage, err)
	}
}

func TestPersistentGrant(t *testing.T) {
	e := newEnv(t)
	g := e.grants()
	ctx := context.Background()
	gr, err := g.Create(ctx, e.consentFor(e.wallet, "openid", "email", "offline_access"))
	if err != nil || gr.Kind != store.GrantPersistent || !gr.ExpiresAt.IsZero() {
		t.Fatalf("Create = %+v, %v", gr, err)
	}
	for range 3 {
		if _, err := g.Use(ctx, e.read(gr, e.wallet)); err != nil {
			t.Fatal(err)
		}
	}
	if got, ok, err := g.Covering(ctx, "client-1", e.id, []string{"openid", "email"}); err != nil || !ok || got.ID != gr.ID {
		t.Errorf("Covering(same scopes) = %v, %v, %v", got.ID, ok, err)
	}
	if _, ok, _ := g.Covering(ctx, "client-1", e.id, []string{"openid", "email", "phone"}); ok {
		t.Error("a grant covers scopes it was not given")
	}
	if _, ok, _ := g.Covering(ctx, "client-2", e.id, []string{"openid"}); ok {
		t.Error("a grant of another client covers this one")
	}
	if _, err := e.store.RevokeGrant(ctx, gr.ID, time.Now()); err != nil {
		t.Fatal(err)
	}
	if _, err := g.Use(ctx, e.read(gr, e.wallet)); !errors.Is(err, store.ErrGrantInactive) {
		t.Errorf("read after revocation: err = %v", err)
	}
	if _, ok, _ := g.Covering(ctx, "client-1", e.id, []string{"openid"}); ok {
		t.Error("a revoked grant still covers")
	}
}

// TestReadAfterKeyRemoved: once the signing wallet's key is gone from the identity,
// reads are refused, audited, and an immediate grant is not burnt by the refusal.
func TestReadAfterKeyRemoved(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	actionKey := simchain.NewKey()
	action := crypto.PubkeyToAddress(actionKey.PublicKey)
	owner := e.chain.Sender(e.owner)
	call := contracts.IdentityCall()
	if _, err := owner.Transact(ctx, e.id, call.PackAddKey(contracts.KeyID(action), big.NewInt(2), big.NewInt(1))); err != nil {
		t.Fatal(err)
	}
	g := e.grants()
	gr, err := g.Create(ctx, e.consentFor(action, "openid"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := owner.Transact(ctx, e.id, call.PackRemoveKey(contracts.KeyID(action), big.NewInt(2))); err != nil {
		t.Fatal(err)
	}
	if _, err := g.Use(ctx, e.read(gr, action)); !errors.Is(err, consent.ErrKeyRevoked) {
		t.Fatalf("read after key removal: err = %v, want ErrKeyRevoked", err)
	}
	if got, _ := e.store.GetGrant(ctx, gr.ID); got.State != store.GrantActive {
		t.Errorf("refused read consumed the grant: %s", got.State)
	}
	events, _, err := e.store.ListAuditEvents(ctx, store.AuditFilter{Kind: store.AuditRefusedRead})
	if err != nil || len(events) != 1 || events[0].Detail != "key-revoked" {
		t.Errorf("audit = %+v, %v", events, err)
	}
}

func TestProfilesSealed(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	sealer, err := store.NewSealer(bytes.Repeat([]byte{7}, 32), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	p := &consent.Profiles{Store: e.store, Sealer: sealer, Clock: time.Now}
	want := consent.Profile{Name: "Ada Lovelace", Email: "ada@example.com", Phone: "+441234567890", Address: consent.Address{Locality: "London", Country: "GB"}}
	if err := p.Put(ctx, e.id, want); err != nil {
		t.Fatal(err)
	}
	got, err := p.Get(ctx, e.id)
	if err != nil || got != want {
		t.Fatalf("Get = %+v, %v", got, err)
	}
	rec, _ := e.store.GetProfile(ctx, e.id)
	if bytes.Contains(rec.Ciphertext, []byte("ada@example.com")) || bytes.Contains(rec.Ciphertext, []byte("Lovelace")) {
		t.Fatal("profile stored in clear")
	}
	if err := p.Put(ctx, e.id, consent.Profile{Email: "nope"}); !errors.Is(err, consent.ErrInvalidProfile) {
		t.Errorf("invalid profile: err = %v", err)
	}
	if empty, err := p.Get(ctx, e.wallet); err != nil || empty != (consent.Profile{}) {
		t.Errorf("identity without a profile: %+v, %v", empty, err)
	}
}

// TestReadWithRevokedToken: an access token revoked on its own (RFC 7009)
// is refused by the grant read that carries its hash, while its grant and
// other tokens stay good, for both kinds and with or without the usage log.
func TestReadWithRevokedToken(t *testing.T) {
	for _, tc := range []struct {
		name    string
		scopes  []string
		batched bool
	}{
		{"immediate", []string{"openid"}, false},
		{"persistent", []string{"openid", "offline_access"}, false},
		{"persistent batched", []string{"openid", "offline_access"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			ctx := context.Background()
			g := e.grants()
			if tc.batched {
				g.Usage = consent.NewUsageLog(e.store, consent.UsageLogConfig{})
				t.Cleanup(func() { g.Usage.Close() })
			}
			gr, err := g.Create(ctx, e.consentFor(e.wallet, tc.scopes...))
			if err != nil {
				t.Fatal(err)
			}
			deny := store.OAuthToken{Kind: store.TokenAccess, Signature: "revoked-hash", RequestID: gr.ID,
				ClientID: gr.ClientID, GrantID: gr.ID, RequestedAt: time.Now(), ExpiresAt: time.Now().Add(time.Hour)}
			if err := e.store.CreateOAuthToken(ctx, deny); err != nil {
				t.Fatal(err)
			}
			r := e.read(gr, e.wallet)
			r.TokenHash = "revoked-hash"
			if _, err := g.Use(ctx, r); !errors.Is(err, store.ErrGrantInactive) {
				t.Fatalf("read with a revoked token: err = %v", err)
			}
			r.TokenHash = "another-token"
			if _, err := g.Use(ctx, r); err != nil {
				t.Fatalf("read with another token of the grant: %v", err)
			}
		})
	}
}

// TestReadReturnsProfile: a read that asks for the profile gets the one
// stored now, from the grant's read for a persistent grant and after the
// consuming write for an immediate one; no profile stored reads as empty.
func TestReadReturnsProfile(t *testing.T) {
	for _, tc := range []struct {
		name   string
		scopes []string
	}{
		{"immediate", []string{"openid", "email"}},
		{"persistent", []string{"openid", "email", "offline_access"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			ctx := context.Background()
			sealer, err := store.NewSealer(bytes.Repeat([]byte{7}, 32), rand.Reader)
			if err != nil {
				t.Fatal(err)
			}
			g := e.grants()
			g.Profiles = &consent.Profiles{Store: e.store, Sealer: sealer, Clock: time.Now}
			g.Usage = consent.NewUsageLog(e.store, consent.UsageLogConfig{})
			t.Cleanup(func() { g.Usage.Close() })
			r := func() consent.Read {
				gr, err := g.Create(ctx, e.consentFor(e.wallet, tc.scopes...))
				if err != nil {
					t.Fatal(err)
				}
				r := e.read(gr, e.wallet)
				r.Profile = true
				return r
			}
			used, err := g.Use(ctx, r())
			if err != nil || used.Profile != (consent.Profile{}) {
				t.Fatalf("read with no profile stored = %+v, %v", used.Profile, err)
			}
			if err := g.Profiles.Put(ctx, e.id, consent.Profile{Name: "Ada", Email: "ada@example.com"}); err != nil {
				t.Fatal(err)
			}
			used, err = g.Use(ctx, r())
			if err != nil || used.Profile.Email != "ada@example.com" || used.Profile.Name != "Ada" {
				t.Fatalf("read = %+v, %v", used.Profile, err)
			}
		})
	}
}
