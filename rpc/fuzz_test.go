package rpc

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/idconnect/idconnect/identity"
)

// FuzzNamedParams: whatever the body, the rewrite never loses a call,
// and what it returns is the body itself or valid JSON whose calls carry
// their params object as a one-element array.
func FuzzNamedParams(f *testing.F) {
	for _, s := range []string{
		`{"jsonrpc":"2.0","id":1,"method":"id_getClaim","params":{"identity":"0x01","topic":1}}`,
		`[{"jsonrpc":"2.0","id":1,"method":"id_getClaim","params":{}},{"jsonrpc":"2.0","id":2,"method":"x","params":[1]}]`,
		`{"params":{`, `[`, `[]`, `null`, `{"params":null}`, `{"params":[{}]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		out := namedParams(body)
		if string(out) == string(body) {
			return
		}
		var v any
		if err := json.Unmarshal(out, &v); err != nil {
			t.Fatalf("rewrote %q into invalid JSON %q", body, out)
		}
		var calls []map[string]json.RawMessage
		if json.Unmarshal(out, &calls) != nil {
			var one map[string]json.RawMessage
			if json.Unmarshal(out, &one) != nil {
				t.Fatalf("rewrote %q into %q", body, out)
			}
			calls = append(calls, one)
		}
		var in []json.RawMessage
		if json.Unmarshal(body, &in) == nil && len(in) != len(calls) {
			t.Fatalf("batch of %d became %d", len(in), len(calls))
		}
		for _, c := range calls {
			if p := strings.TrimSpace(string(c["params"])); p != "" && p[0] == '{' {
				t.Fatalf("params object left in %q", out)
			}
		}
	})
}

// FuzzParams: every method's params decoder answers bad input with
// -32602 and a message that names params, and never panics.
func FuzzParams(f *testing.F) {
	for _, s := range []string{
		`{"identity":"0x00000000000000000000000000000000000000A1","topic":1}`,
		`{"identity":"0x12","topic":"1"}`, `{"topic":99}`, `[]`, `null`, `{"extra":1}`, `{"identity":1}`,
		`{"applicationId":"x","decision":"approve"}`, `{"identity":"0x00000000000000000000000000000000000000A1","topic":1,"fields":{"full_name":"A"},"documents":[{"name":"id_document","contentType":"application/pdf","data":"JVBERg=="}]}`,
		`{"identity":"0x00000000000000000000000000000000000000A1","key":"0x00000000000000000000000000000000000000A1","purpose":2}`,
		`{"identity":"0x00000000000000000000000000000000000000A1","topic":1,"data":"0x12","validUntil":"2030-01-01T00:00:00Z"}`,
	} {
		f.Add([]byte(s))
	}
	cat := identity.DefaultCatalogue()
	m := &methods{s: &Server{cfg: Config{Topics: cat}}}
	f.Fuzz(func(t *testing.T, raw []byte) {
		msg := json.RawMessage(raw)
		check := func(err *Error) {
			if err != nil && (err.Code != CodeInvalidParams || !strings.HasPrefix(err.Data, "params")) {
				t.Fatalf("%q: %+v", raw, err)
			}
		}
		var cp claimParams
		if err := decode(&msg, &cp); err == nil {
			_, _, err = m.identityTopic(cp.Identity, cp.Topic)
			check(err)
		} else {
			check(err)
		}
		var ip issueParams
		if err := decode(&msg, &ip); err == nil {
			_, err = timestamp("validUntil", ip.ValidUntil)
			check(err)
			_, err = hexBytes("data", ip.Data, 96)
			check(err)
		} else {
			check(err)
		}
		var kp keyParams
		if err := decode(&msg, &kp); err == nil {
			_, err = keyID(kp.Key)
			check(err)
			_, err = number("purpose", kp.Purpose, "a key purpose")
			check(err)
		} else {
			check(err)
		}
		var sp submitParams
		if err := decode(&msg, &sp); err == nil {
			for _, d := range sp.Documents {
				_, err = base64Data("documents[0].data", d.Data)
				check(err)
			}
		} else {
			check(err)
		}
		var ap reviewParams
		check(decode(&msg, &ap))
		var gp getIdentityParams
		check(decode(&msg, &gp))
	})
}
