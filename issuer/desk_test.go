package issuer_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"math/big"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/idconnect/idconnect/contracts"
	"github.com/idconnect/idconnect/contracts/bindings/claimissuer"
	"github.com/idconnect/idconnect/contracts/bindings/claimrenewal"
	"github.com/idconnect/idconnect/contracts/bindings/identityregistry"
	"github.com/idconnect/idconnect/contracts/bindings/trustedissuersregistry"
	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/internal/simchain"
	"github.com/idconnect/idconnect/issuer"
	"github.com/idconnect/idconnect/store"
	"github.com/idconnect/idconnect/store/sqlite"
)

// world is a simulated chain with the suite, an issuer set up for a desk,
// and a desk over a SQLite file.
type world struct {
	chain     *simchain.Chain
	suite     contracts.Suite
	deployer  *contracts.Sender
	dep       issuer.Deployment
	deskKey   *issuer.KeySigner
	desk      *issuer.Desk
	cfg       issuer.Config
	reader    *identity.Reader
	store     *sqlite.Store
	now       time.Time
	mu        sync.Mutex
	notices   []string
	ownerKeys map[common.Address]*contracts.Sender
}

func (w *world) clock() time.Time {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.now
}

func (w *world) advance(d time.Duration) {
	w.mu.Lock()
	w.now = w.now.Add(d)
	w.mu.Unlock()
}

func (w *world) ApplicationDecided(_ context.Context, a store.Application) error {
	w.mu.Lock()
	w.notices = append(w.notices, "decided "+string(a.State)+" "+a.ID)
	w.mu.Unlock()
	return nil
}

func (w *world) ClaimExpiring(_ context.Context, c store.IssuedClaim) error {
	w.mu.Lock()
	w.notices = append(w.notices, "expiring "+c.ID)
	w.mu.Unlock()
	return nil
}

func newWorld(t testing.TB) *world {
	t.Helper()
	ctx := context.Background()
	deployerKey, deskKey := simchain.NewKey(), simchain.NewKey()
	w := &world{deskKey: issuer.NewKeySigner(deskKey), now: time.Now().Truncate(time.Second), ownerKeys: map[common.Address]*contracts.Sender{}}
	w.chain = simchain.New(crypto.PubkeyToAddress(deployerKey.PublicKey), crypto.PubkeyToAddress(deskKey.PublicKey))
	t.Cleanup(func() { w.chain.Close() })
	w.deployer = w.chain.Sender(deployerKey)
	var err error
	if w.suite, err = contracts.DeploySuite(ctx, w.deployer); err != nil {
		t.Fatal(err)
	}
	if w.dep, err = issuer.Deploy(ctx, w.chain.Sender(deskKey)); err != nil {
		t.Fatal(err)
	}
	if err := contracts.TrustIssuer(ctx, w.deployer, w.suite, w.dep.Issuer, identity.DefaultCatalogue().Numbers()...); err != nil {
		t.Fatal(err)
	}
	if w.reader, err = identity.NewReader(ctx, w.chain.Client(), identity.Config{IdFactory: w.suite.IdFactory, TrustedIssuersRegistry: w.suite.TrustedIssuersRegistry}); err != nil {
		t.Fatal(err)
	}
	if w.store, err = sqlite.Open(ctx, filepath.Join(t.TempDir(), "idc.db"), sqlite.WithMigrate()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.store.Close() })
	key := make([]byte, 32)
	rand.Read(key)
	sealer, err := store.NewSealer(key, rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	w.cfg = issuer.Config{Issuer: w.dep.Issuer, Renewal: w.dep.Renewal, Signer: w.deskKey,
		Sender: w.chain.Sender(deskKey), ChainID: simchain.ChainID, Chain: w.reader, Store: w.store, Sealer: sealer,
		Topics: identity.DefaultCatalogue(), Notices: w, Clock: w.clock}
	w.desk, err = issuer.NewDesk(w.cfg)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// identity creates an identity for a fresh funded wallet; with claimKey
// the issuer may add claims to it.
func (w *world) identity(t testing.TB, claimKey bool) common.Address {
	t.Helper()
	ctx := context.Background()
	key := simchain.NewKey()
	wallet := crypto.PubkeyToAddress(key.PublicKey)
	if err := w.deployer.Transfer(ctx, wallet, big.NewInt(1e18)); err != nil {
		t.Fatal(err)
	}
	var keys []common.Address
	if claimKey {
		keys = append(keys, w.dep.Issuer)
	}
	id, err := contracts.CreateIdentityWithClaimKeys(ctx, w.deployer, w.suite, wallet, wallet.Hex(), keys...)
	if err != nil {
		t.Fatal(err)
	}
	w.ownerKeys[id] = w.chain.Sender(key)
	return id
}

func (w *world) claim(t *testing.T, id common.Address, topic uint64) identity.Judgement {
	t.Helper()
	js, err := w.reader.ClaimsByTopic(context.Background(), id, topic, w.clock())
	if err != nil {
		t.Fatal(err)
	}
	for _, j := range js {
		if j.Issuer == w.dep.Issuer {
			return j
		}
	}
	t.Fatalf("identity %s holds no claim of the issuer on topic %d", id.Hex(), topic)
	return identity.Judgement{}
}

func (w *world) revokedOnChain(t *testing.T, sig []byte) bool {
	t.Helper()
	ci := claimissuer.NewClaimIssuer()
	out, err := call(context.Background(), w.chain, w.dep.Issuer, ci.PackIsClaimRevoked(sig))
	if err != nil {
		t.Fatal(err)
	}
	v, err := ci.UnpackIsClaimRevoked(out)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

var pdf = append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte("x"), 2000)...)

func kycBundle() issuer.Bundle {
	return issuer.Bundle{
		Fields: map[string]string{"full_name": "Ada Lovelace", "date_of_birth": "1815-12-10", "nationality": "GB"},
		Documents: []issuer.Document{
			{Name: "id_document", ContentType: "application/pdf", Data: pdf},
			{Name: "proof_of_address", ContentType: "application/pdf", Data: pdf},
		},
	}
}

// TestLifecycle: apply, review (two reviewers at once: one decision, one
// claim), issue through the issuer's execute, renew (old signature
// revoked in the same transaction), revoke; each step read back from
// the chain as a reader judges it.
func TestLifecycle(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	subject := w.identity(t, true)

	app, err := w.desk.Submit(ctx, subject, 1, kycBundle())
	if err != nil {
		t.Fatal(err)
	}
	if app.State != store.ApplicationPending || app.BundleHash == (common.Hash{}) {
		t.Fatalf("submitted %+v", app)
	}
	opened, err := w.desk.Open(ctx, app.ID)
	if err != nil || opened.Bundle.Fields["full_name"] != "Ada Lovelace" || !bytes.Equal(opened.Bundle.Documents[0].Data, pdf) {
		t.Fatalf("opened %+v, %v", opened, err)
	}
	raw, err := w.store.GetApplication(ctx, app.ID)
	if err != nil || bytes.Contains(raw.Ciphertext, []byte("Lovelace")) || bytes.Contains(raw.Ciphertext, []byte("%PDF")) {
		t.Fatalf("stored bundle is not sealed: %v", err)
	}

	stranger := crypto.PubkeyToAddress(simchain.NewKey().PublicKey)
	if err := w.desk.Reviewer(ctx, stranger); !errors.Is(err, issuer.ErrNotReviewer) {
		t.Fatalf("stranger as reviewer: %v", err)
	}
	r1, r2 := crypto.PubkeyToAddress(simchain.NewKey().PublicKey), crypto.PubkeyToAddress(simchain.NewKey().PublicKey)
	for _, r := range []common.Address{r1, r2} {
		tx := issuer.AddReviewer(w.dep.Issuer, r, simchain.ChainID)
		if _, err := w.ownerKeys[subject].Transact(ctx, tx.To, tx.Data); err == nil {
			t.Fatal("a wallet without a management key on the issuer added a reviewer")
		}
		if _, err := w.cfg.Sender.Transact(ctx, tx.To, tx.Data); err != nil {
			t.Fatal(err)
		}
		if err := w.desk.Reviewer(ctx, r); err != nil {
			t.Fatal(err)
		}
	}

	// Two reviewers approve at once: one decision, one claim, one conflict.
	var wg sync.WaitGroup
	results := make([]error, 2)
	for i, r := range []common.Address{r1, r2} {
		wg.Go(func() { _, results[i] = w.desk.Review(ctx, r, app.ID, issuer.Decision{Approve: true}) })
	}
	wg.Wait()
	ok, conflicts := 0, 0
	for _, err := range results {
		switch {
		case err == nil:
			ok++
		case errors.Is(err, issuer.ErrDecided):
			conflicts++
		default:
			t.Fatal(err)
		}
	}
	if ok != 1 || conflicts != 1 {
		t.Fatalf("%d approvals, %d conflicts", ok, conflicts)
	}
	issued, err := w.desk.Issued(ctx, subject)
	if err != nil || len(issued) != 1 || issued[0].State != store.IssuedAdded || issued[0].ApplicationID != app.ID {
		t.Fatalf("issued claims %+v, %v", issued, err)
	}
	j := w.claim(t, subject, 1)
	if j.State != identity.StateValid || j.DocumentHash == nil || *j.DocumentHash != app.BundleHash {
		t.Fatalf("claim on chain: %+v", j)
	}
	decided, err := w.desk.Application(ctx, app.ID)
	if err != nil || decided.State != store.ApplicationApproved || decided.ClaimID != identity.ClaimID(w.dep.Issuer, 1) {
		t.Fatalf("decided application %+v, %v", decided, err)
	}
	if _, err := w.desk.Review(ctx, r1, app.ID, issuer.Decision{Reason: "late"}); !errors.Is(err, issuer.ErrDecided) {
		t.Fatalf("a third decision: %v", err)
	}

	// Renew: same claim id, later validUntil, old signature revoked.
	w.advance(24 * time.Hour)
	renewed, err := w.desk.Renew(ctx, subject, 1)
	if err != nil {
		t.Fatal(err)
	}
	if renewed.Claim.ID != j.ID || !renewed.Claim.ValidUntil.After(*j.ValidUntil) || renewed.TxHash == (common.Hash{}) {
		t.Fatalf("renewed %+v", renewed)
	}
	if !w.revokedOnChain(t, j.Signature) {
		t.Fatal("the renewal left the old signature unrevoked")
	}
	j2 := w.claim(t, subject, 1)
	if j2.State != identity.StateValid || !bytes.Equal(j2.Signature, renewed.Claim.Signature) || *j2.DocumentHash != app.BundleHash {
		t.Fatalf("renewed claim on chain: %+v", j2)
	}
	old, err := w.store.GetIssuedClaim(ctx, issued[0].ID)
	if err != nil || old.State != store.IssuedReplaced {
		t.Fatalf("replaced claim %+v, %v", old, err)
	}

	// Expiry notice, 14 days ahead, once.
	w.advance(366*24*time.Hour - 13*24*time.Hour)
	if n, err := w.desk.ExpiryNotices(ctx); err != nil || n != 1 {
		t.Fatalf("notices: %d, %v", n, err)
	}
	if n, err := w.desk.ExpiryNotices(ctx); err != nil || n != 0 {
		t.Fatalf("second run: %d, %v", n, err)
	}

	// Revoke.
	rec, tx, err := w.desk.Revoke(ctx, subject, 1)
	if err != nil || tx == (common.Hash{}) || rec.State != store.IssuedRevoked {
		t.Fatalf("revoke: %+v, %v", rec, err)
	}
	if j3 := w.claim(t, subject, 1); j3.State != identity.StateRevoked {
		t.Fatalf("after revoke: %+v", j3)
	}
	if _, _, err := w.desk.Revoke(ctx, subject, 1); !errors.Is(err, issuer.ErrRefused) {
		t.Fatalf("second revoke: %v", err)
	}
	if _, err := w.desk.Renew(ctx, subject, 1); !errors.Is(err, issuer.ErrRefused) {
		t.Fatalf("renewing a revoked claim: %v", err)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.notices) != 2 {
		t.Fatalf("notices: %q", w.notices)
	}
}

// TestIssueReadyForOwner: without a CLAIM key on the identity the claim
// is ready, with the owner's addClaim call; once the owner sends it,
// Settle marks it added. A rejection needs a reason and tells the owner.
func TestIssueReadyForOwner(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	subject := w.identity(t, false)
	out, err := w.desk.Issue(ctx, subject, 3, issuer.IssueOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if out.Transaction == nil || out.Transaction.To != subject || out.TxHash != (common.Hash{}) || out.Record.State != store.IssuedReady {
		t.Fatalf("issued %+v", out)
	}
	if _, err := w.ownerKeys[subject].Transact(ctx, out.Transaction.To, out.Transaction.Data); err != nil {
		t.Fatal(err)
	}
	if err := w.desk.Settle(ctx, subject); err != nil {
		t.Fatal(err)
	}
	got, err := w.store.GetIssuedClaim(ctx, out.Record.ID)
	if err != nil || got.State != store.IssuedAdded {
		t.Fatalf("settled %+v, %v", got, err)
	}
	if j := w.claim(t, subject, 3); j.State != identity.StateValid {
		t.Fatalf("claim %+v", j)
	}

	// A renewal the owner has not added yet is revoked with the claim: it
	// cannot be added back afterwards.
	w.advance(24 * time.Hour)
	renewed, err := w.desk.Renew(ctx, subject, 3)
	if err != nil || renewed.Transaction == nil {
		t.Fatalf("renew: %+v, %v", renewed.Transaction, err)
	}
	if _, _, err := w.desk.Revoke(ctx, subject, 3); err != nil {
		t.Fatal(err)
	}
	if !w.revokedOnChain(t, renewed.Claim.Signature) || !w.revokedOnChain(t, out.Claim.Signature) {
		t.Fatal("a signed copy was left unrevoked")
	}
	_, _ = w.ownerKeys[subject].Transact(ctx, renewed.Transaction.To, renewed.Transaction.Data)
	if j := w.claim(t, subject, 3); j.State != identity.StateRevoked {
		t.Fatalf("the owner added back a revoked renewal: %+v", j)
	}

	app, err := w.desk.Submit(ctx, subject, 1, kycBundle())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.desk.Submit(ctx, subject, 1, kycBundle()); !errors.Is(err, issuer.ErrPending) {
		t.Fatalf("a second pending application: %v", err)
	}
	if _, err := w.desk.Review(ctx, w.deskKey.Address(), app.ID, issuer.Decision{}); !errors.Is(err, issuer.ErrApplication) {
		t.Fatalf("rejection without a reason: %v", err)
	}
	r, err := w.desk.Review(ctx, w.deskKey.Address(), app.ID, issuer.Decision{Reason: "the ID document has expired"})
	if err != nil || r.Application.State != store.ApplicationRejected || r.Application.Reason != "the ID document has expired" || r.Issued != nil {
		t.Fatalf("rejected %+v, %v", r, err)
	}
	if _, err := w.desk.Submit(ctx, subject, 1, kycBundle()); err != nil {
		t.Fatalf("applying again after a rejection: %v", err)
	}
}

// TestRenewalIsAllOrNothing: when the old signature cannot be revoked
// (here, it already is), ClaimRenewal reverts, and the identity keeps the
// claim it had.
func TestRenewalIsAllOrNothing(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	subject := w.identity(t, true)
	first, err := w.desk.Issue(ctx, subject, 1, issuer.IssueOptions{})
	if err != nil {
		t.Fatal(err)
	}
	stale, err := issuer.Sign(ctx, w.deskKey, w.dep.Issuer, subject, issuer.Terms{Topic: 1, ValidFrom: w.now, ValidUntil: w.now.Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.cfg.Sender.Transact(ctx, w.dep.Issuer, claimissuer.NewClaimIssuer().PackRevokeClaimBySignature(stale.Signature)); err != nil {
		t.Fatal(err)
	}
	next, err := issuer.Sign(ctx, w.deskKey, w.dep.Issuer, subject, issuer.Terms{Topic: 1, ValidFrom: w.now, ValidUntil: w.now.Add(400 * 24 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	renew := claimrenewal.NewClaimRenewal().PackRenew(w.dep.Issuer, subject, big.NewInt(1), next.Signature, next.Data, "", stale.Signature)
	if _, err := w.cfg.Sender.Transact(ctx, w.dep.Renewal, renew); err == nil {
		t.Fatal("a renewal whose revocation fails went through")
	}
	if j := w.claim(t, subject, 1); !bytes.Equal(j.Signature, first.Claim.Signature) || j.State != identity.StateValid {
		t.Fatalf("the identity's claim changed: %+v", j)
	}
	// Only the issuer's management keys may use the renewal contract.
	owner := w.ownerKeys[subject]
	renew = claimrenewal.NewClaimRenewal().PackRenew(w.dep.Issuer, subject, big.NewInt(1), next.Signature, next.Data, "", first.Claim.Signature)
	if _, err := owner.Transact(ctx, w.dep.Renewal, renew); err == nil {
		t.Fatal("a stranger renewed through ClaimRenewal")
	}
	if w.revokedOnChain(t, first.Claim.Signature) {
		t.Fatal("a refused renewal revoked the signature")
	}
}

// TestRegistrarERC3643: with a registry agent, the desk registers an
// identity once its claim completes the required topics, and
// isVerified(wallet) holds; removing the issuer from the
// TrustedIssuersRegistry turns it false, and the claim reads untrusted.
func TestRegistrarERC3643(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	if err := contracts.RequireTopics(ctx, w.deployer, w.suite, 1); err != nil {
		t.Fatal(err)
	}
	agentKey := simchain.NewKey()
	agent := crypto.PubkeyToAddress(agentKey.PublicKey)
	if err := w.deployer.Transfer(ctx, agent, big.NewInt(1e18)); err != nil {
		t.Fatal(err)
	}
	ir := identityregistry.NewIdentityRegistry()
	if _, err := w.deployer.Transact(ctx, w.suite.IdentityRegistry, ir.PackAddAgent(agent)); err != nil {
		t.Fatal(err)
	}
	reader, err := identity.NewReader(ctx, w.chain.Client(), identity.Config{IdFactory: w.suite.IdFactory, IdentityRegistry: w.suite.IdentityRegistry})
	if err != nil {
		t.Fatal(err)
	}
	cfg := w.cfg
	cfg.Chain = reader
	cfg.Registrar = &issuer.Registrar{Registry: w.suite.IdentityRegistry, Sender: w.chain.Sender(agentKey), Chain: reader, Country: 826, Clock: w.clock}
	desk, err := issuer.NewDesk(cfg)
	if err != nil {
		t.Fatal(err)
	}
	subject := w.identity(t, true)
	wallet := w.ownerKeys[subject].From()
	verified := func() bool {
		t.Helper()
		out, err := call(ctx, w.chain, w.suite.IdentityRegistry, ir.PackIsVerified(wallet))
		if err != nil {
			t.Fatal(err)
		}
		v, err := ir.UnpackIsVerified(out)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	if verified() {
		t.Fatal("verified before any claim")
	}
	out, err := desk.Issue(ctx, subject, 1, issuer.IssueOptions{})
	if err != nil || out.RegisterErr != nil || len(out.Registered) != 1 || out.Registered[0] != wallet {
		t.Fatalf("issue: %+v, %v", out, err)
	}
	if !verified() {
		t.Fatal("isVerified is false after the required claim was issued")
	}
	tir := trustedissuersregistry.NewTrustedIssuersRegistry()
	if _, err := w.deployer.Transact(ctx, w.suite.TrustedIssuersRegistry, tir.PackRemoveTrustedIssuer(w.dep.Issuer)); err != nil {
		t.Fatal(err)
	}
	if verified() {
		t.Fatal("isVerified holds after the issuer left the TrustedIssuersRegistry")
	}
	js, err := reader.ClaimsByTopic(ctx, subject, 1, w.clock())
	if err != nil || len(js) != 1 || js[0].State != identity.StateUntrusted {
		t.Fatalf("claim after the issuer left the registry: %+v, %v", js, err)
	}
}
