package identity_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/contracts"
	"github.com/idconnect/idconnect/identity"
)

// testTrust: a claim reads valid only when its issuer is trusted for its topic, by
// the TrustedIssuersRegistry or else by the operator's list. With neither, a claim
// signed by a CLAIM key of its own issuer (which any owner can arrange by deploying
// a ClaimIssuer, or by attesting on their own identity) reads untrusted.
func testTrust(t *testing.T, w *world) {
	now := time.Now().UTC()
	o := w.newOwner(t)
	data := window(now.Add(-time.Hour), now.Add(time.Hour))
	// The owner's own ClaimIssuer, with the owner's wallet as its claim key, trusted
	// for KYC in the suite's registry.
	own := issuer{key: o.key, addr: w.newIssuer(t, o.wallet)}
	w.mustAddClaim(t, o, own, topicKYC, own.sign(t, o.id, topicKYC, data), data)
	w.mustAddClaim(t, o, own, topicAML, own.sign(t, o.id, topicAML, data), data)
	w.trust(t, own.addr, topicKYC)
	// A self-attested claim: the identity is its own issuer and the owner's
	// management key holds every purpose, CLAIM included.
	self := issuer{key: o.key, addr: o.id}
	const topicSelf = 5
	w.mustAddClaim(t, o, self, topicSelf, self.sign(t, o.id, topicSelf, data), data)

	factoryOnly := identity.Config{IdFactory: w.suite.IdFactory}
	withList := factoryOnly
	withList.TrustedIssuers = []identity.TrustedIssuer{{Topic: topicKYC, Issuer: own.addr}}
	withRegistry := factoryOnly
	withRegistry.TrustedIssuersRegistry = w.suite.TrustedIssuersRegistry
	cases := []struct {
		name  string
		cfg   identity.Config
		topic uint64
		by    common.Address
		want  identity.ClaimState
	}{
		{"no trust source: own issuer", factoryOnly, topicKYC, own.addr, identity.StateUntrusted},
		{"no trust source: self-attested", factoryOnly, topicSelf, o.id, identity.StateUntrusted},
		{"list trusts the issuer for the topic", withList, topicKYC, own.addr, identity.StateValid},
		{"list: not for another topic", withList, topicAML, own.addr, identity.StateUntrusted},
		{"list: self-attested", withList, topicSelf, o.id, identity.StateUntrusted},
		{"registry trusts the issuer for the topic", withRegistry, topicKYC, own.addr, identity.StateValid},
		{"registry: not for another topic", withRegistry, topicAML, own.addr, identity.StateUntrusted},
		{"registry: self-attested", withRegistry, topicSelf, o.id, identity.StateUntrusted},
	}
	for _, c := range cases {
		r, err := identity.NewReader(ctx(t), w.chain, c.cfg)
		if err != nil {
			t.Fatal(err)
		}
		j, ok := claimsByIssuer(t, r, o.id, c.topic, now)[c.by]
		if !ok || j.State != c.want {
			t.Errorf("%s: claim reads %q (%s), want %q", c.name, j.State, j.Reason, c.want)
		}
	}
}

// trust makes the suite's TrustedIssuersRegistry trust an issuer for topics.
func (w *world) trust(t testing.TB, is common.Address, topics ...uint64) {
	t.Helper()
	if err := contracts.TrustIssuer(ctx(t), w.deployer, w.suite, is, topics...); err != nil {
		t.Fatal(err)
	}
}

func TestParseTrustedIssuer(t *testing.T) {
	const addr = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
	cases := []struct {
		in    string
		topic uint64
		err   string // part of the message; empty for success
	}{
		{"1=" + addr, 1, ""},
		{" 10101000100001 = 0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed ", 10101000100001, ""},
		{"18446744073709551615=" + addr, 1<<64 - 1, ""},
		{"0=" + addr, 0, ""},
		{addr, 0, "no '='"},
		{"=" + addr, 0, "topic"},
		{"x=" + addr, 0, "topic"},
		{"-1=" + addr, 0, "topic"},
		{"+1=" + addr, 0, "topic"},
		{"01=" + addr, 0, "topic"},
		{"0x1=" + addr, 0, "topic"},
		{"18446744073709551616=" + addr, 0, "topic"},
		{"1=", 0, "issuer"},
		{"1=0x12", 0, "issuer"},
		{"1=" + addr + "=2", 0, "issuer"},
		{"1=0x0000000000000000000000000000000000000000", 0, "zero address"},
		{"", 0, "no '='"},
	}
	for _, c := range cases {
		got, err := identity.ParseTrustedIssuer(c.in)
		if c.err != "" {
			if !errors.Is(err, identity.ErrInvalidTrustedIssuer) || !strings.Contains(err.Error(), c.err) {
				t.Errorf("ParseTrustedIssuer(%q) err = %v, want ErrInvalidTrustedIssuer about %q", c.in, err, c.err)
			}
			continue
		}
		if err != nil || got.Topic != c.topic || got.Issuer.Hex() != addr {
			t.Errorf("ParseTrustedIssuer(%q) = %+v, %v", c.in, got, err)
		}
	}
}

// FuzzParseTrustedIssuer: any input parses to an entry that writes back and parses
// to itself, or fails with ErrInvalidTrustedIssuer; never a panic.
func FuzzParseTrustedIssuer(f *testing.F) {
	for _, s := range []string{"1=0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", "=", "1=0x", " 7 = 0X5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED", "99999999999999999999=0x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := identity.ParseTrustedIssuer(s)
		if err != nil {
			if !errors.Is(err, identity.ErrInvalidTrustedIssuer) {
				t.Fatalf("ParseTrustedIssuer(%q) err = %v, not ErrInvalidTrustedIssuer", s, err)
			}
			return
		}
		if got.Issuer == (common.Address{}) {
			t.Fatalf("ParseTrustedIssuer(%q) accepted the zero address", s)
		}
		again, err := identity.ParseTrustedIssuer(got.String())
		if err != nil || again != got {
			t.Fatalf("round trip of %q: %+v, %v; want %+v", s, again, err, got)
		}
	})
}
