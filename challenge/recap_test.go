package challenge_test

import (
	"encoding/base64"
	"reflect"
	"strings"
	"testing"

	"github.com/idconnect/idconnect/challenge"
)

// The two examples of EIP-5573 (CC0): each URN and the statement the EIP says it
// translates to.
const (
	eipURN1       = "urn:recap:eyJhdHQiOnsiaHR0cHM6Ly9leGFtcGxlLmNvbSI6eyJleGFtcGxlL2FwcGVuZCI6W10sImV4YW1wbGUvcmVhZCI6W10sIm90aGVyL2FjdGlvbiI6W119LCJteTpyZXNvdXJjZTp1cmkuMSI6eyJleGFtcGxlL2FwcGVuZCI6W10sImV4YW1wbGUvZGVsZXRlIjpbXX0sIm15OnJlc291cmNlOnVyaS4yIjp7ImV4YW1wbGUvYXBwZW5kIjpbXX0sIm15OnJlc291cmNlOnVyaS4zIjp7ImV4YW1wbGUvYXBwZW5kIjpbXX19LCJwcmYiOltdfQ"
	eipStatement1 = "I further authorize the stated URI to perform the following actions on my behalf: " +
		"(1) 'example': 'append', 'read' for 'https://example.com'. (2) 'other': 'action' for 'https://example.com'. " +
		"(3) 'example': 'append', 'delete' for 'my:resource:uri.1'. (4) 'example': 'append' for 'my:resource:uri.2'. " +
		"(5) 'example': 'append' for 'my:resource:uri.3'."
	eipURN2       = "urn:recap:eyJhdHQiOnsiaHR0cHM6Ly9leGFtcGxlLmNvbS9waWN0dXJlcy8iOnsiY3J1ZC9kZWxldGUiOlt7fV0sImNydWQvdXBkYXRlIjpbe31dLCJvdGhlci9hY3Rpb24iOlt7fV19LCJtYWlsdG86dXNlcm5hbWVAZXhhbXBsZS5jb20iOnsibXNnL3JlY2VpdmUiOlt7Im1heF9jb3VudCI6NSwidGVtcGxhdGVzIjpbIm5ld3NsZXR0ZXIiLCJtYXJrZXRpbmciXX1dLCJtc2cvc2VuZCI6W3sidG8iOiJzb21lb25lQGVtYWlsLmNvbSJ9LHsidG8iOiJqb2VAZW1haWwuY29tIn1dfX0sInByZiI6WyJ6ZGo3V2o2Rk5TNHJVVWJzaUp2amp4Y3NOcVpkRENTaVlSOHNLUVhmb1BmcFNadUF3Il19"
	eipStatement2 = "I further authorize the stated URI to perform the following actions on my behalf: " +
		"(1) 'crud': 'delete', 'update' for 'https://example.com/pictures/'. (2) 'other': 'action' for " +
		"'https://example.com/pictures/'. (3) 'msg': 'receive', 'send' for 'mailto:username@example.com'."
)

func TestReCapEIPExamples(t *testing.T) {
	for _, tc := range []struct{ urn, statement string }{{eipURN1, eipStatement1}, {eipURN2, eipStatement2}} {
		r, err := challenge.ParseReCap(tc.urn)
		if err != nil {
			t.Fatalf("ParseReCap: %v", err)
		}
		if got := r.Statement(); got != tc.statement {
			t.Errorf("Statement:\n got %s\nwant %s", got, tc.statement)
		}
		if got := r.URN(); got != tc.urn {
			t.Errorf("URN does not round-trip:\n got %s\nwant %s", got, tc.urn)
		}
	}
}

// TestReCapPinnedForm checks the encoding DESIGN.md pins for consent.
func TestReCapPinnedForm(t *testing.T) {
	res := "http://127.0.0.1:8080/identities/0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf"
	r := challenge.NewReCap(res, "read/profile", "read/email", "grant/persistent", "read/claim.1")
	urn := r.URN()
	payload, ok := strings.CutPrefix(urn, "urn:recap:")
	if !ok || strings.ContainsAny(payload, "=+/") {
		t.Fatalf("URN %q is not urn:recap: + unpadded base64url", urn)
	}
	raw, err := base64.RawURLEncoding.DecodeString(payload)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"att":{"` + res + `":{"grant/persistent":[{}],"read/claim.1":[{}],"read/email":[{}],"read/profile":[{}]}},"prf":[]}`
	if string(raw) != want {
		t.Fatalf("JSON:\n got %s\nwant %s", raw, want)
	}
	back, err := challenge.ParseReCap(urn)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, r) || back.URN() != urn {
		t.Fatalf("round trip: %+v != %+v", back, r)
	}
}

func TestReCapStatement(t *testing.T) {
	const pre = "I further authorize the stated URI to perform the following actions on my behalf:"
	a, b := "https://idp.example/identities/0xA", "https://idp.example/identities/0xB"
	cases := []struct {
		name string
		r    challenge.ReCap
		want string
	}{
		{"one ability", challenge.NewReCap(a, "read/profile"), pre + " (1) 'read': 'profile' for '" + a + "'."},
		{"reads and a grant kind", challenge.NewReCap(a, "read/profile", "read/address", "read/email", "grant/immediate"),
			pre + " (1) 'grant': 'immediate' for '" + a + "'. (2) 'read': 'address', 'email', 'profile' for '" + a + "'."},
		{"claim topics in byte order", challenge.NewReCap(a, "read/claim.2", "read/claim.10", "read/claim.1", "read/phone"),
			pre + " (1) 'read': 'claim.1', 'claim.10', 'claim.2', 'phone' for '" + a + "'."},
		{"two resources", twoResources(b, a),
			pre + " (1) 'read': 'email' for '" + a + "'. (2) 'grant': 'persistent' for '" + b + "'. (3) 'read': 'phone' for '" + b + "'."},
		{"namespaces sorted, not keys", challenge.NewReCap(a, "a.b/x", "a/y"),
			pre + " (1) 'a': 'y' for '" + a + "'. (2) 'a.b': 'x' for '" + a + "'."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.r.Statement(); got != tc.want {
				t.Errorf("Statement:\n got %s\nwant %s", got, tc.want)
			}
		})
	}
	r := challenge.NewReCap(a, "read/email")
	if got, want := r.Extend("Share with Shop."), "Share with Shop. "+r.Statement(); got != want {
		t.Errorf("Extend = %q, want %q", got, want)
	}
	if got := r.Extend(""); got != r.Statement() {
		t.Errorf("Extend(\"\") = %q", got)
	}
}

func twoResources(b, a string) challenge.ReCap {
	r := challenge.NewReCap(b, "read/phone", "grant/persistent")
	r.Att[a] = challenge.NewReCap(a, "read/email").Att[a]
	return r
}

func TestReCapAccessors(t *testing.T) {
	r := twoResources("x:b", "x:a")
	if got := r.Resources(); !reflect.DeepEqual(got, []string{"x:a", "x:b"}) {
		t.Errorf("Resources = %v", got)
	}
	if got := r.Abilities("x:b"); !reflect.DeepEqual(got, []string{"grant/persistent", "read/phone"}) {
		t.Errorf("Abilities = %v", got)
	}
	if got := r.Abilities("x:none"); got != nil {
		t.Errorf("Abilities of an unknown resource = %v", got)
	}
}

// TestReCapKeepsURIBytes: encoding/json would write '&' as \u0026; the canonical
// form keeps the resource's bytes.
func TestReCapKeepsURIBytes(t *testing.T) {
	r := challenge.NewReCap("https://x.example/a?b=1&c=<2>", "read/email")
	raw, _ := base64.RawURLEncoding.DecodeString(strings.TrimPrefix(r.URN(), "urn:recap:"))
	if !strings.Contains(string(raw), `"https://x.example/a?b=1&c=<2>"`) {
		t.Fatalf("JSON %s escapes the resource", raw)
	}
	if _, err := challenge.ParseReCap(r.URN()); err != nil {
		t.Fatal(err)
	}
}

func recapOf(json string) string {
	return "urn:recap:" + base64.RawURLEncoding.EncodeToString([]byte(json))
}

func TestParseReCapRejects(t *testing.T) {
	good := `{"att":{"x:a":{"read/email":[{}]}},"prf":[]}`
	cases := map[string]string{
		"no prefix":                  strings.TrimPrefix(recapOf(good), "urn:recap:"),
		"other prefix":               "urn:recapx:" + strings.TrimPrefix(recapOf(good), "urn:recap:"),
		"padded":                     "urn:recap:" + base64.URLEncoding.EncodeToString([]byte(good+" ")),
		"standard base64":            "urn:recap:" + base64.RawStdEncoding.EncodeToString([]byte(`{"att":{"x:a?>>":{"read/email":[{}]}},"prf":[]}`)),
		"line break in payload":      recapOf(good)[:20] + "\n" + recapOf(good)[20:],
		"not json":                   recapOf(`hello`),
		"spaces":                     recapOf(`{"att": {"x:a":{"read/email":[{}]}},"prf":[]}`),
		"unsorted keys":              recapOf(`{"att":{"x:a":{"read/phone":[{}],"read/email":[{}]}},"prf":[]}`),
		"unsorted top level":         recapOf(`{"prf":[],"att":{"x:a":{"read/email":[{}]}}}`),
		"escaped ampersand":          recapOf(`{"att":{"x:a\u0026b":{"read/email":[{}]}},"prf":[]}`),
		"unknown key":                recapOf(`{"att":{"x:a":{"read/email":[{}]}},"exp":1,"prf":[]}`),
		"upper-case key":             recapOf(`{"ATT":{"x:a":{"read/email":[{}]}},"prf":[]}`),
		"duplicate key":              recapOf(`{"att":{"x:a":{"read/email":[{}],"read/email":[{}]}},"prf":[]}`),
		"duplicate att":              recapOf(`{"att":{"x:a":{"read/email":[{}]}},"att":{"x:a":{"read/email":[{}]}},"prf":[]}`),
		"trailing data":              recapOf(good + `{}`),
		"empty att":                  recapOf(`{"att":{},"prf":[]}`),
		"null att":                   recapOf(`{"att":null,"prf":[]}`),
		"no att":                     recapOf(`{"prf":[]}`),
		"no prf":                     recapOf(`{"att":{"x:a":{"read/email":[{}]}}}`),
		"null prf":                   recapOf(`{"att":{"x:a":{"read/email":[{}]}},"prf":null}`),
		"resource without scheme":    recapOf(`{"att":{"a":{"read/email":[{}]}},"prf":[]}`),
		"resource with space":        recapOf(`{"att":{"x:a b":{"read/email":[{}]}},"prf":[]}`),
		"resource without abilities": recapOf(`{"att":{"x:a":{}},"prf":[]}`),
		"ability without slash":      recapOf(`{"att":{"x:a":{"email":[{}]}},"prf":[]}`),
		"ability with two slashes":   recapOf(`{"att":{"x:a":{"read/e/mail":[{}]}},"prf":[]}`),
		"ability with a space":       recapOf(`{"att":{"x:a":{"read/e mail":[{}]}},"prf":[]}`),
		"null ability":               recapOf(`{"att":{"x:a":{"read/email":null}},"prf":[]}`),
		"null restriction":           recapOf(`{"att":{"x:a":{"read/email":[null]}},"prf":[]}`),
		"restriction not object":     recapOf(`{"att":{"x:a":{"read/email":[1]}},"prf":[]}`),
		"non-canonical number":       recapOf(`{"att":{"x:a":{"read/email":[{"n":1.0}]}},"prf":[]}`),
		"invalid utf-8":              recapOf("{\"att\":{\"x:a\xff\":{\"read/email\":[{}]}},\"prf\":[]}"),
		"too long":                   recapOf(`{"att":{"x:` + strings.Repeat("a", 9000) + `":{"read/email":[{}]}},"prf":[]}`),
	}
	if _, err := challenge.ParseReCap(recapOf(good)); err != nil {
		t.Fatalf("the control case fails: %v", err)
	}
	for name, urn := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := challenge.ParseReCap(urn)
			wantErr(t, err, challenge.ErrMalformed)
		})
	}
}
