package web

import (
	"errors"
	"net/url"
	"strings"
	"testing"
)

var goodSig = "0x" + strings.Repeat("1b", 65)

func TestParseChallengePost(t *testing.T) {
	cases := []struct {
		name, body string
		needAddr   bool
		ok         bool
	}{
		{"login", `{"request":"req_12345678","address":"0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"}`, true, true},
		{"consent", `{"request":"req_12345678","scopes":["email"]}`, false, true},
		{"bad address", `{"request":"req_12345678","address":"0x5aae"}`, true, false},
		{"missing address", `{"request":"req_12345678"}`, true, false},
		{"bad request id", `{"request":"a b","address":"0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"}`, true, false},
		{"unknown field", `{"request":"req_12345678","admin":1}`, false, false},
		{"two objects", `{"request":"req_12345678"}{"request":"req_12345678"}`, false, false},
		{"not json", `request=req_12345678`, false, false},
		{"oversized", `{"request":"req_12345678","scopes":["` + strings.Repeat("a", MaxPostBytes) + `"]}`, false, false},
	}
	for _, c := range cases {
		_, _, err := ParseChallengePost(strings.NewReader(c.body), c.needAddr)
		if c.ok != (err == nil) || (err != nil && !errors.Is(err, ErrBadPost)) {
			t.Errorf("%s: err = %v", c.name, err)
		}
	}
}

func TestParseSignedPost(t *testing.T) {
	cases := []struct {
		name, body string
		ok         bool
	}{
		{"good", `{"request":"req_12345678","message":"m","signature":"` + goodSig + `"}`, true},
		{"short signature", `{"request":"req_12345678","message":"m","signature":"0x1b"}`, false},
		{"signature without 0x", `{"request":"req_12345678","message":"m","signature":"` + strings.Repeat("1b", 66) + `"}`, false},
		{"empty message", `{"request":"req_12345678","message":"","signature":"` + goodSig + `"}`, false},
		{"huge message", `{"request":"req_12345678","message":"` + strings.Repeat("m", 9000) + `","signature":"` + goodSig + `"}`, false},
	}
	for _, c := range cases {
		if _, err := ParseSignedPost(strings.NewReader(c.body)); c.ok != (err == nil) {
			t.Errorf("%s: err = %v", c.name, err)
		}
	}
}

func TestProfileFromValues(t *testing.T) {
	p, err := profileFromValues(url.Values{"email": {" ada@example.com "}, "country": {"gb"}})
	if err != nil || p.Email != "ada@example.com" || p.Address.Country != "GB" {
		t.Fatalf("profile = %+v, %v", p, err)
	}
	if _, err := profileFromValues(url.Values{"email": {"a@example.com", "b@example.com"}}); !errors.Is(err, errBadForm) {
		t.Errorf("a field sent twice: err = %v", err)
	}
}

func TestMessageAddress(t *testing.T) {
	a, ok := messageAddress("host wants you to sign in with your Ethereum account:\n0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed\n\n")
	if !ok || a.Hex() != "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed" {
		t.Errorf("messageAddress = %s, %v", a.Hex(), ok)
	}
	if _, ok := messageAddress("one line"); ok {
		t.Error("a one-line message has an address")
	}
}

func FuzzPosts(f *testing.F) {
	f.Add(`{"request":"req_12345678","address":"0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"}`)
	f.Add(`{"request":"req_12345678","message":"m","signature":"` + goodSig + `"}`)
	f.Fuzz(func(t *testing.T, body string) {
		if p, addr, err := ParseChallengePost(strings.NewReader(body), true); err == nil {
			if !requestIDPattern.MatchString(p.Request) || addr.Hex() == "" {
				t.Fatalf("accepted %+v", p)
			}
		} else if !errors.Is(err, ErrBadPost) {
			t.Fatalf("untyped error %v", err)
		}
		if p, err := ParseSignedPost(strings.NewReader(body)); err == nil && !signaturePattern.MatchString(p.Signature) {
			t.Fatalf("accepted signature %q", p.Signature)
		}
		_, _ = messageAddress(body)
	})
}

func FuzzProfileForm(f *testing.F) {
	f.Add("email=ada%40example.com&country=gb&phone_number=%2B441234567890")
	f.Fuzz(func(t *testing.T, form string) {
		v, err := url.ParseQuery(form)
		if err != nil {
			return
		}
		p, err := profileFromValues(v)
		if err != nil {
			return
		}
		if p != p.Normalized() {
			t.Fatalf("profile not normalized: %+v", p)
		}
	})
}
