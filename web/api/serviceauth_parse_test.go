package api

import (
	"errors"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/web"
)

func TestServicePostParsers(t *testing.T) {
	const wallet = "0x5b38da6a701c568545dcfcb03fcb875f56beddc4"
	msg := "host wants you to sign in with your Ethereum account:\n0x5B38Da6a701c568545dCfcB03FcB875f56beddC4\n\nRequest ID: posing\n\nURI: http://host\nRequest ID: c1\n"
	tests := []struct {
		name, body string
		ok         bool
	}{
		{"challenge", `{"client_id":"c1","wallet":"` + wallet + `"}`, true},
		{"challenge, zero wallet", `{"client_id":"c1","wallet":"0x0000000000000000000000000000000000000000"}`, false},
		{"challenge, long client id", `{"client_id":"` + strings.Repeat("c", 129) + `","wallet":"` + wallet + `"}`, false},
		{"challenge, newline in client id", `{"client_id":"c\n1","wallet":"` + wallet + `"}`, false},
		{"challenge, null", `null`, false},
		{"challenge, array", `[]`, false},
		{"challenge, duplicate member wins last", `{"client_id":"x y","client_id":"c1","wallet":"` + wallet + `"}`, true},
		{"token", jsonBody(t, map[string]string{"message": msg, "signature": "0x" + strings.Repeat("ab", 65)}), true},
		{"token, odd hex", jsonBody(t, map[string]string{"message": msg, "signature": "0xabc"}), false},
		{"token, no 0x", jsonBody(t, map[string]string{"message": msg, "signature": strings.Repeat("ab", 65)}), false},
		{"token, signature too long", jsonBody(t, map[string]string{"message": msg, "signature": "0x" + strings.Repeat("ab", maxServiceSignature+1)}), false},
		{"token, message too long", jsonBody(t, map[string]string{"message": msg + strings.Repeat("x", 8<<10), "signature": "0x00"}), false},
		{"token, number", `{"message":1,"signature":"0x00"}`, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			if strings.HasPrefix(tc.name, "challenge") {
				var p serviceChallengePost
				if err = web.DecodeJSON(strings.NewReader(tc.body), &p); err == nil {
					_, err = p.validate()
				}
			} else {
				var p serviceTokenPost
				var id string
				if err = web.DecodeJSON(strings.NewReader(tc.body), &p); err == nil {
					id, err = p.validate()
				}
				if err == nil && id != "c1" {
					t.Fatalf("request id %q, want c1: the statement must not pose as the field", id)
				}
			}
			if (err == nil) != tc.ok || (err != nil && !errors.Is(err, web.ErrBadPost)) {
				t.Fatalf("err = %v, want ok %v", err, tc.ok)
			}
		})
	}
}

func FuzzServiceChallengePost(f *testing.F) {
	for _, s := range []string{`{"client_id":"c1","wallet":"0x5b38da6a701c568545dcfcb03fcb875f56beddc4"}`, `{}`, `null`, `{"a":1}`, `{"client_id":"c"}{}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		var p serviceChallengePost
		if err := web.DecodeJSON(strings.NewReader(body), &p); err != nil {
			if !errors.Is(err, web.ErrBadPost) {
				t.Fatalf("err %v does not wrap errBadPost", err)
			}
			return
		}
		a, err := p.validate()
		if err == nil && (!serviceClientID.MatchString(p.ClientID) || a == (common.Address{})) {
			t.Fatalf("accepted %+v", p)
		}
	})
}

func FuzzServiceTokenPost(f *testing.F) {
	for _, s := range []string{
		`{"message":"a\nb\nc\nd\nRequest ID: c1","signature":"0x00"}`,
		`{"message":"a\nb\nc\nRequest ID: c1","signature":"0x00"}`,
		`{"message":"","signature":""}`, `{"message":1}`, `{} x`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		var p serviceTokenPost
		if err := web.DecodeJSON(strings.NewReader(body), &p); err != nil {
			if !errors.Is(err, web.ErrBadPost) {
				t.Fatalf("err %v does not wrap errBadPost", err)
			}
			return
		}
		id, err := p.validate()
		if err != nil {
			return
		}
		if !serviceClientID.MatchString(id) || !strings.Contains(p.Message, "\nRequest ID: "+id) ||
			!strings.HasPrefix(p.Signature, "0x") || len(p.Signature)%2 != 0 {
			t.Fatalf("accepted %+v as client %q", p, id)
		}
	})
}
