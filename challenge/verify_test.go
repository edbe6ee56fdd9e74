package challenge_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/idconnect/idconnect/challenge"
	"github.com/idconnect/idconnect/internal/simchain"
	"github.com/idconnect/idconnect/store"
)

type verifyCase struct {
	name    string
	at      time.Duration                          // verify at t0+at
	expect  func(e *challenge.Expect)              // changes to the expectation
	text    func(text string) string               // tampering after signing
	sig     func(f *fixture, signed string) string // default: the wallet signs the text
	chainID uint64                                 // verifier's chain id, default testChain
	want    error                                  // nil: verifies
	after   error                                  // then verifying the genuine message at t0 gives this
}

func verifyCases() []verifyCase {
	other := common.HexToAddress("0x00000000000000000000000000000000000000aa")
	replace := func(old, new string) func(string) string {
		return func(s string) string { return strings.Replace(s, old, new, 1) }
	}
	withV := func(v byte) func(*fixture, string) string {
		return func(f *fixture, text string) string {
			sig := signBytes(f.t, f.key, text)
			sig[64] = sig[64] - 27 + v
			return hexutil.Encode(sig)
		}
	}
	constSig := func(s string) func(*fixture, string) string { return func(*fixture, string) string { return s } }
	return []verifyCase{
		{name: "login"},
		{name: "v as 0/1", sig: withV(0)},
		{name: "last second", at: 5*time.Minute - time.Second},
		{name: "issued within skew", at: -challenge.DefaultSkew},
		{name: "wrong domain", expect: func(e *challenge.Expect) { e.Domain = "evil.example" }, want: challenge.ErrMismatch},
		{name: "wrong uri", expect: func(e *challenge.Expect) { e.URI = "https://evil.example" }, want: challenge.ErrMismatch},
		{name: "wrong chain id", chainID: 1, want: challenge.ErrMismatch},
		{name: "wrong request id", expect: func(e *challenge.Expect) { e.RequestID = "req-other" }, want: challenge.ErrMismatch},
		{name: "no request id expected", expect: func(e *challenge.Expect) { e.RequestID = "" }, want: challenge.ErrMismatch},
		{name: "other wallet expected", expect: func(e *challenge.Expect) { e.Address = &other }, want: challenge.ErrMismatch},
		{name: "expired", at: 5 * time.Minute, want: challenge.ErrExpired},
		{name: "issued in the future", at: -challenge.DefaultSkew - time.Second, want: challenge.ErrExpired},
		{name: "wrong purpose burns the nonce", expect: func(e *challenge.Expect) { e.Purpose = store.PurposeAccessGrant },
			want: challenge.ErrMismatch, after: challenge.ErrNonce},
		{name: "unknown purpose", expect: func(e *challenge.Expect) { e.Purpose = "other" }, want: challenge.ErrMismatch},
		{name: "another key signed", sig: func(f *fixture, text string) string { return sign(f.t, simchain.NewKey(), text) },
			want: challenge.ErrSignature},
		{name: "v of 29", sig: withV(29), want: challenge.ErrSignature},
		{name: "signature not hex", sig: constSig("0xzz"), want: challenge.ErrSignature},
		{name: "signature without 0x", sig: func(f *fixture, text string) string { return sign(f.t, f.key, text)[2:] },
			want: challenge.ErrSignature},
		{name: "short signature", sig: constSig("0x1234"), want: challenge.ErrSignature},
		{name: "empty signature", sig: constSig(""), want: challenge.ErrSignature},
		{name: "huge signature", sig: constSig("0x" + strings.Repeat("ab", 5000)), want: challenge.ErrSignature},
		{name: "tampered statement", text: replace("Sign in to idconnect.", "Sign in to evil."), want: challenge.ErrSignature},
		{name: "tampered request id", text: replace("Request ID: "+testRequest, "Request ID: req-other"),
			expect: func(e *challenge.Expect) { e.RequestID = "req-other" }, want: challenge.ErrSignature},
		{name: "garbage", text: func(string) string { return "hello" }, want: challenge.ErrMalformed},
		{name: "empty text", text: func(string) string { return "" }, want: challenge.ErrMalformed},
		{name: "trailing newline", text: func(s string) string { return s + "\n" }, want: challenge.ErrMalformed},
		{name: "CRLF lines", text: replace("\n", "\r\n"), want: challenge.ErrMalformed},
		{name: "chain id with leading zero", text: replace("Chain ID: 1337", "Chain ID: 01337"), want: challenge.ErrMalformed},
		{name: "version 2", text: replace("Version: 1", "Version: 2"), want: challenge.ErrMalformed},
		{name: "no expiration", text: func(s string) string { return cutLine(s, "Expiration Time: ") }, want: challenge.ErrMalformed},
		{name: "longer validity", text: replace("Expiration Time: 2030-01-02T03:09:05Z", "Expiration Time: 2030-01-02T03:19:05Z"),
			want: challenge.ErrMismatch},
		{name: "oversized", text: func(s string) string { return strings.Replace(s, "Sign in", strings.Repeat("x", 20000), 1) },
			want: challenge.ErrMalformed},
	}
}

// cutLine removes the line starting with prefix.
func cutLine(s, prefix string) string {
	i := strings.Index(s, "\n"+prefix)
	j := strings.IndexByte(s[i+1:], '\n')
	if j < 0 {
		return s[:i]
	}
	return s[:i] + s[i+1+j:]
}

func TestVerify(t *testing.T) {
	for _, tc := range verifyCases() {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, nil)
			f.t = t
			ctx := context.Background()
			c := f.issue(t, f.loginRequest())
			genuine := sign(t, f.key, c.Text)
			text, sig := c.Text, genuine
			if tc.sig != nil {
				sig = tc.sig(f, c.Text)
			}
			if tc.text != nil {
				text = tc.text(c.Text)
			}
			want := f.loginExpect()
			if tc.expect != nil {
				tc.expect(&want)
			}
			svc := f.svc
			if tc.chainID != 0 {
				svc = challenge.New(challenge.Config{Store: f.store, ChainID: tc.chainID, Clock: f.clock.Now})
			}
			f.clock.Set(t0.Add(tc.at))
			v, err := svc.Verify(ctx, text, sig, want)
			if tc.want == nil {
				if err != nil {
					t.Fatalf("Verify: %v", err)
				}
				checkVerified(t, v, f, c)
				_, err = f.svc.Verify(ctx, c.Text, genuine, f.loginExpect())
				wantErr(t, err, challenge.ErrNonce) // replay
				return
			}
			wantErr(t, err, tc.want)
			if n := countSentinels(err); n != 1 {
				t.Errorf("error %q wraps %d sentinels, want 1", err, n)
			}
			f.clock.Set(t0)
			_, err = f.svc.Verify(ctx, c.Text, genuine, f.loginExpect())
			if tc.after == nil && err != nil {
				t.Fatalf("after a refused attempt the genuine message fails: %v", err)
			}
			if tc.after != nil {
				wantErr(t, err, tc.after)
			}
		})
	}
}

func countSentinels(err error) int {
	n := 0
	for _, s := range sentinels {
		if errors.Is(err, s) {
			n++
		}
	}
	return n
}

func checkVerified(t *testing.T, v challenge.Verified, f *fixture, c challenge.Challenge) {
	t.Helper()
	if v.Address != f.addr || v.Contract || v.ReCap != nil || v.Nonce != c.Nonce {
		t.Errorf("Verified = %+v, want address %s, EOA, no recap, nonce %s", v, f.addr, c.Nonce)
	}
	if v.Hash != challenge.MessageHash(c.Text) {
		t.Errorf("Hash = %s, want the EIP-191 hash of the text", v.Hash)
	}
	if !v.IssuedAt.Equal(c.IssuedAt) || !v.ExpiresAt.Equal(c.ExpiresAt) {
		t.Errorf("times %s–%s, want %s–%s", v.IssuedAt, v.ExpiresAt, c.IssuedAt, c.ExpiresAt)
	}
	if got := v.Message.GetNonce(); got != c.Nonce {
		t.Errorf("Message nonce %q, want %q", got, c.Nonce)
	}
}

// TestVerifyForeignMessages covers well-formed, correctly signed messages that
// this server did not issue.
func TestVerifyForeignMessages(t *testing.T) {
	f := newFixture(t, nil)
	ctx := context.Background()
	c := f.issue(t, f.loginRequest())
	cases := []struct {
		name string
		text string
		want error
	}{
		{"unknown nonce", strings.Replace(c.Text, c.Nonce, "ZZZZZZZZZZZZZZZZZZZZZZZZ", 1), challenge.ErrNonce},
		{"not before in the future", strings.Replace(c.Text, "\nRequest ID:", "\nNot Before: 2030-01-02T03:08:00Z\nRequest ID:", 1),
			challenge.ErrExpired},
		{"stored times differ", strings.NewReplacer("Issued At: 2030-01-02T03:04:05Z", "Issued At: 2030-01-02T03:04:04Z",
			"Expiration Time: 2030-01-02T03:09:05Z", "Expiration Time: 2030-01-02T03:09:04Z").Replace(c.Text), challenge.ErrMismatch},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.text == c.Text {
				t.Fatal("the case did not change the message")
			}
			_, err := f.svc.Verify(ctx, tc.text, sign(t, f.key, tc.text), f.loginExpect())
			wantErr(t, err, tc.want)
		})
	}
}

func TestVerifyStoredRecordMustMatch(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, nil)
	// A nonce issued for another wallet, signed by this one over an otherwise
	// identical message: the stored address refuses it.
	other := simchain.NewKey()
	r := f.loginRequest()
	r.Address = crypto.PubkeyToAddress(other.PublicKey)
	c := f.issue(t, r)
	text := strings.Replace(c.Text, r.Address.Hex(), f.addr.Hex(), 1)
	_, err := f.svc.Verify(ctx, text, sign(t, f.key, text), f.loginExpect())
	wantErr(t, err, challenge.ErrMismatch)
}

func TestVerifyConcurrentReplay(t *testing.T) {
	f := newFixture(t, nil)
	c := f.issue(t, f.loginRequest())
	sig := sign(t, f.key, c.Text)
	const n = 8
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { _, errs[i] = f.svc.Verify(context.Background(), c.Text, sig, f.loginExpect()) })
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		switch {
		case err == nil:
			ok++
		case !errors.Is(err, challenge.ErrNonce):
			t.Errorf("unexpected error %v", err)
		}
	}
	if ok != 1 {
		t.Fatalf("%d of %d concurrent verifications succeeded, want exactly 1", ok, n)
	}
}

func TestVerifyStoreUnavailable(t *testing.T) {
	f := newFixture(t, nil)
	c := f.issue(t, f.loginRequest())
	if err := f.store.Close(); err != nil {
		t.Fatal(err)
	}
	_, err := f.svc.Verify(context.Background(), c.Text, sign(t, f.key, c.Text), f.loginExpect())
	wantErr(t, err, challenge.ErrUnavailable)
}
