package signin_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/challenge"
	"github.com/idconnect/idconnect/contracts"
	"github.com/idconnect/idconnect/signin"
	"github.com/idconnect/idconnect/store"
)

func TestSignIn(t *testing.T) {
	e, svc := newEnv(t)
	owner := e.withIdentity(newWallet())
	e.park("req-live-0001", "cookie-a")
	e.park("req-old-00001", "cookie-a")
	e.advance(time.Minute)
	if _, err := e.st.UpdateAuthRequest(context.Background(), "req-old-00001", func(a store.AuthRequest) (store.AuthRequest, error) {
		a.ExpiresAt = e.clock()
		return a, nil
	}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		w        *wallet
		request  string
		cookie   string
		redirect string
		wantErr  error
	}{
		{"dashboard", owner, "acct-0123456789abcdef", "", "/account", nil},
		{"pending request", owner, "req-live-0001", "cookie-a", "/consent?request=req-live-0001", nil},
		{"request of another browser", owner, "req-live-0001", "cookie-b", "", signin.ErrForeignRequest},
		{"request without its cookie", owner, "req-live-0001", "", "", signin.ErrForeignRequest},
		{"expired request", owner, "req-old-00001", "cookie-a", "", signin.ErrRequestExpired},
		{"unknown request", owner, "req-nope-0001", "cookie-a", "", signin.ErrRequestExpired},
		{"wallet without identity", newWallet(), "acct-0123456789abcdef", "", "", signin.ErrNoIdentity},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := e.signIn(svc, tc.w, tc.request, tc.cookie)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("err = %v, want %v", err, tc.wantErr)
				}
				return
			}
			if err != nil || s.Redirect != tc.redirect || s.Login.Identity != owner.id || s.Login.Wallet != owner.addr {
				t.Fatalf("session %+v, %v", s, err)
			}
			if signin.IsAccountRequest(tc.request) {
				return
			}
			ar, err := e.st.GetAuthRequest(context.Background(), tc.request)
			if err != nil || ar.LoginSessionID != s.Login.ID || ar.Identity != owner.id {
				t.Fatalf("request not bound to the session: %+v %v", ar, err)
			}
		})
	}
}

// TestRelayedLoginMessage (finding 6): a login message asked for in one
// browser and signed by the owner cannot open a session in another browser;
// the refusal does not consume it, so the asking browser still can.
func TestRelayedLoginMessage(t *testing.T) {
	e, svc := newEnv(t)
	owner := e.withIdentity(newWallet())
	ctx := context.Background()
	issued, err := svc.Challenge(ctx, signin.ChallengeRequest{RequestID: "acct-relay-000001", Wallet: owner.addr})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(issued.Text, "Sign this only on "+testOrigin) {
		t.Fatalf("the statement does not warn against relaying:\n%s", issued.Text)
	}
	sig := owner.sign(t, issued.Text)
	relayed := signin.Attempt{RequestID: "acct-relay-000001", Message: issued.Text, Signature: sig}
	for _, other := range []string{"", "another-browser-binding-value"} {
		relayed.ChallengeBinding = other
		if _, err := svc.SignIn(ctx, relayed); !errors.Is(err, challenge.ErrBinding) {
			t.Fatalf("relayed with binding %q: err = %v, want ErrBinding", other, err)
		}
	}
	relayed.ChallengeBinding = issued.Binding
	if _, err := svc.SignIn(ctx, relayed); err != nil {
		t.Fatalf("the asking browser was refused: %v", err)
	}
}

// TestOtherFlowMessageIsNoLogin (finding 6): an access-request or service
// message, with the same domain, uri and request id, never signs anyone in.
func TestOtherFlowMessageIsNoLogin(t *testing.T) {
	e, svc := newEnv(t)
	owner := e.withIdentity(newWallet())
	ctx := context.Background()
	for _, purpose := range []store.ChallengePurpose{store.PurposeAccessGrant, store.PurposeService, store.PurposeConsent} {
		r := challenge.Request{Purpose: purpose, Domain: testDomain, URI: testOrigin, Address: owner.addr,
			Statement: svc.Statement(), RequestID: "acct-other-00001"}
		if purpose == store.PurposeConsent {
			rc := challenge.NewReCap(testOrigin+"/identities/x", "read/profile")
			r.Statement, r.Resources = rc.Extend("Share."), []string{rc.URN()}
		}
		c, err := e.ch.Issue(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		_, err = svc.SignIn(ctx, signin.Attempt{RequestID: "acct-other-00001", Message: c.Text, Signature: owner.sign(t, c.Text)})
		if !errors.Is(err, challenge.ErrMismatch) {
			t.Fatalf("%s message as a login: err = %v, want ErrMismatch", purpose, err)
		}
	}
}

// TestWalletLimitKeyedOnSigner (finding 5): messages that only name a wallet
// (signed by someone else) spend nothing of its budget; the budget is the
// signing wallet's.
func TestWalletLimitKeyedOnSigner(t *testing.T) {
	e, svc := newEnv(t, func(c *signin.Config) { c.WalletLimit = limiter(0.0001, 2) })
	ctx := context.Background()
	victim, attacker := e.withIdentity(newWallet()), e.withIdentity(newWallet())
	for range 5 {
		issued, err := svc.Challenge(ctx, signin.ChallengeRequest{RequestID: "acct-limit-000001", Wallet: victim.addr})
		if err != nil {
			t.Fatalf("a challenge naming the victim: %v", err)
		}
		_, err = svc.SignIn(ctx, signin.Attempt{RequestID: "acct-limit-000001", Message: issued.Text,
			Signature: attacker.sign(t, issued.Text), ChallengeBinding: issued.Binding})
		if !errors.Is(err, challenge.ErrSignature) {
			t.Fatalf("a forged signature: err = %v, want ErrSignature", err)
		}
	}
	for i := range 2 {
		if _, err := e.signIn(svc, victim, "acct-limit-000001", ""); err != nil {
			t.Fatalf("victim's sign-in %d after the attacker's attempts: %v", i, err)
		}
	}
	_, err := e.signIn(svc, victim, "acct-limit-000001", "")
	var limited *signin.RateLimitError
	if !errors.As(err, &limited) || !errors.Is(err, signin.ErrRateLimited) || limited.RetryAfter <= 0 {
		t.Fatalf("third sign-in: err = %v, want a rate limit", err)
	}
	if _, err := e.signIn(svc, attacker, "acct-limit-000001", ""); err != nil {
		t.Fatalf("another wallet was limited too: %v", err)
	}
}

// factory onboards through the real IdFactory on the test chain.
type factory struct{ e *env }

func (f factory) Onboard(ctx context.Context, w common.Address) (common.Address, error) {
	return contracts.CreateIdentity(ctx, f.e.chain.Sender(f.e.deployer), f.e.suite, w, w.Hex())
}

// TestOnboardingLimits (finding 7): onboarding is off without an onboarder,
// limited per client IP, and refused once the day's budget is spent, with no
// transaction sent; the next UTC day has a new budget.
func TestOnboardingLimits(t *testing.T) {
	ctx := context.Background()
	eOff, off := newEnv(t)
	if _, err := eOff.signIn(off, newWallet(), "acct-onboard-0001", ""); !errors.Is(err, signin.ErrNoIdentity) {
		t.Fatalf("onboarding off: err = %v", err)
	}
	e, _ := newEnv(t, func(c *signin.Config) {
		c.Onboarding = signin.Onboarding{PerIP: limiter(0.0001, 2), DailyLimit: 3}
	})
	e.cfg.Onboarding.Onboarder = factory{e}
	svc, err := signin.New(e.cfg)
	if err != nil {
		t.Fatal(err)
	}
	attempt := func(ip string) (*wallet, error) {
		w := newWallet()
		issued, err := svc.Challenge(ctx, signin.ChallengeRequest{RequestID: "acct-onboard-0001", Wallet: w.addr})
		if err != nil {
			t.Fatal(err)
		}
		_, err = svc.SignIn(ctx, signin.Attempt{RequestID: "acct-onboard-0001", Message: issued.Text, Signature: w.sign(t, issued.Text),
			ChallengeBinding: issued.Binding, ClientIP: ip})
		return w, err
	}
	for _, ip := range []string{"192.0.2.1", "192.0.2.1", "192.0.2.2"} {
		if _, err := attempt(ip); err != nil {
			t.Fatalf("onboarding from %s: %v", ip, err)
		}
	}
	if _, err := attempt("192.0.2.1"); !errors.Is(err, signin.ErrOnboardingLimited) {
		t.Fatalf("third from one IP: err = %v, want ErrOnboardingLimited", err)
	}
	w, err := attempt("192.0.2.3")
	if !errors.Is(err, signin.ErrOnboardingBudget) {
		t.Fatalf("fourth of the day: err = %v, want ErrOnboardingBudget", err)
	}
	if _, err := e.dir.Resolve(ctx, w.addr, common.Address{}); err == nil {
		t.Fatal("an identity was created beyond the budget")
	}
	e.advance(24 * time.Hour)
	if _, err := attempt("192.0.2.3"); err != nil {
		t.Fatalf("the next day: %v", err)
	}
}
