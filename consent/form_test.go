package consent_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/idconnect/idconnect/consent"
)

var sig = "0x" + strings.Repeat("ab", 65)

func TestDecodeDecision(t *testing.T) {
	cases := []struct {
		name, ctype, body string
		ok                bool
	}{
		{"deny form", "application/x-www-form-urlencoded", "request=req_12345678&decision=deny", true},
		{"allow json", "application/json", `{"request":"req_12345678","decision":"allow","scopes":["openid","email"],"message":"m","signature":"` + sig + `"}`, true},
		{"allow json with charset", "application/json; charset=utf-8", `{"request":"req_12345678","decision":"allow","scopes":["openid"],"message":"m","signature":"` + sig + `"}`, true},
		{"unknown field", "application/json", `{"request":"req_12345678","decision":"deny","admin":true}`, false},
		{"unknown scope", "application/json", `{"request":"req_12345678","decision":"allow","scopes":["root"],"message":"m","signature":"` + sig + `"}`, false},
		{"short signature", "application/json", `{"request":"req_12345678","decision":"allow","scopes":["openid"],"message":"m","signature":"0x12"}`, false},
		{"no message", "application/json", `{"request":"req_12345678","decision":"allow","scopes":["openid"],"signature":"` + sig + `"}`, false},
		{"bad decision", "application/x-www-form-urlencoded", "request=req_12345678&decision=maybe", false},
		{"bad request id", "application/x-www-form-urlencoded", "request=../../etc&decision=deny", false},
		{"no content type", "", "request=req_12345678&decision=deny", false},
		{"malformed json", "application/json", `{"request":`, false},
		{"oversized", "application/x-www-form-urlencoded", "request=req_12345678&decision=deny&x=" + strings.Repeat("a", consent.MaxDecisionBytes), false},
	}
	for _, c := range cases {
		d, err := consent.DecodeDecision(c.ctype, strings.NewReader(c.body))
		if c.ok && err != nil {
			t.Errorf("%s: %v", c.name, err)
		}
		if !c.ok && !errors.Is(err, consent.ErrBadDecision) {
			t.Errorf("%s: err = %v, want ErrBadDecision (%+v)", c.name, err, d)
		}
	}
}

func FuzzDecodeDecision(f *testing.F) {
	f.Add("application/json", `{"request":"req_12345678","decision":"allow","scopes":["openid"],"message":"m","signature":"`+sig+`"}`)
	f.Add("application/x-www-form-urlencoded", "request=req_12345678&decision=deny")
	f.Fuzz(func(t *testing.T, ctype, body string) {
		d, err := consent.DecodeDecision(ctype, strings.NewReader(body))
		if err != nil {
			if !errors.Is(err, consent.ErrBadDecision) {
				t.Fatalf("untyped error %v", err)
			}
			return
		}
		if d.Decision != "allow" && d.Decision != "deny" {
			t.Fatalf("accepted decision %q", d.Decision)
		}
		if d.Allow() && (consent.CheckScopes(d.Scopes) != nil || len(d.Signature) != 132) {
			t.Fatalf("accepted a malformed allow: %+v", d)
		}
	})
}

func FuzzProfileValidate(f *testing.F) {
	f.Add("ada@example.com", "+441234567890", "GB")
	f.Fuzz(func(t *testing.T, email, phone, country string) {
		p := consent.Profile{Email: email, Phone: phone, Address: consent.Address{Country: country}}.Normalized()
		errs := p.Validate()
		if _, bad := errs["phone_number"]; !bad && p.Phone != "" && p.Phone[0] != '+' {
			t.Fatalf("accepted phone %q", p.Phone)
		}
		if _, bad := errs["country"]; !bad && p.Address.Country != "" && len(p.Address.Country) != 2 {
			t.Fatalf("accepted country %q", p.Address.Country)
		}
	})
}
