package rpc

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/idconnect/idconnect/identity"
)

func TestDecodeParams(t *testing.T) {
	cat := identity.DefaultCatalogue()
	m := &methods{s: &Server{cfg: Config{Topics: cat}}}
	const id = `"0x00000000000000000000000000000000000000a1"`
	for _, tc := range []struct {
		name, raw, want string // want: "" for accepted, else a part of error.data
	}{
		{"ok", `{"identity":` + id + `,"topic":1}`, ""},
		{"any case", `{"identity":"0x00000000000000000000000000000000000000A1","topic":8}`, ""},
		{"missing params", ``, "params: want one object"},
		{"null", `null`, "params: want one object"},
		{"array", `[1]`, "not an array"},
		{"string", `"x"`, "not a string"},
		{"unknown member", `{"identity":` + id + `,"topic":1,"x":1}`, `unknown member "x"`},
		{"identity missing", `{"topic":1}`, "params.identity is required"},
		{"identity short", `{"identity":"0x12","topic":1}`, "params.identity"},
		{"identity number", `{"identity":12,"topic":1}`, "params.identity: want a string"},
		{"zero identity", `{"identity":"0x0000000000000000000000000000000000000000","topic":1}`, "zero address"},
		{"topic missing", `{"identity":` + id + `}`, "params.topic is required"},
		{"topic string", `{"identity":` + id + `,"topic":"1"}`, "params.topic: want a claim topic number"},
		{"topic negative", `{"identity":` + id + `,"topic":-1}`, "params.topic"},
		{"topic fraction", `{"identity":` + id + `,"topic":1.5}`, "params.topic"},
		{"topic unknown", `{"identity":` + id + `,"topic":99}`, "topic 99 is not in the catalogue"},
		{"trailing", `{"identity":` + id + `,"topic":1} {}`, "trailing data"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var raw *json.RawMessage
			if tc.raw != "" {
				r := json.RawMessage(tc.raw)
				raw = &r
			}
			_, _, err := m.claimParams(raw)
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("refused: %+v", err)
			case tc.want != "" && (err == nil || err.Code != CodeInvalidParams || !strings.Contains(err.Data, tc.want)):
				t.Fatalf("err = %+v, want -32602 with %q", err, tc.want)
			}
		})
	}
}

func TestParamHelpers(t *testing.T) {
	if ts, err := timestamp("validUntil", json.RawMessage(`1900000000`)); err != nil || ts.Unix() != 1900000000 {
		t.Fatalf("unix seconds: %v %+v", ts, err)
	}
	if ts, err := timestamp("validUntil", json.RawMessage(`"2030-01-02T03:04:05Z"`)); err != nil || ts.Year() != 2030 {
		t.Fatalf("RFC 3339: %v %+v", ts, err)
	}
	for _, bad := range []string{`"tomorrow"`, `-5`, `true`, `1e99`} {
		if _, err := timestamp("validUntil", json.RawMessage(bad)); err == nil || !strings.Contains(err.Data, "params.validUntil") {
			t.Errorf("validUntil %s: %+v", bad, err)
		}
	}
	for _, bad := range []string{"0x1", "12", "0xzz"} {
		if _, err := hexBytes("data", bad, 96); err == nil || !strings.Contains(err.Data, "params.data") {
			t.Errorf("data %s: %+v", bad, err)
		}
	}
	if _, err := keyID("0x00000000000000000000000000000000000000A1"); err != nil {
		t.Fatal(err)
	}
	if _, err := keyID("0x" + strings.Repeat("ab", 32)); err != nil {
		t.Fatal(err)
	}
	if _, err := keyID("0xabc"); err == nil || !strings.Contains(err.Data, "params.key") {
		t.Fatalf("short key: %+v", err)
	}
	if _, err := base64Data("documents[0].data", "not base64!"); err == nil || !strings.Contains(err.Data, "documents[0].data") {
		t.Fatalf("base64: %+v", err)
	}
}
