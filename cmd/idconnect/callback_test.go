package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
)

// callback is one POST the service's callback endpoint received.
type callback struct {
	body   []byte
	header http.Header
}

// TestCallbackSigned: the service's callback_url learns the owner's decision,
// signed with the server's keys as a detached JWS that verifies against the
// JWKS with the body received, and carries ids only.
func TestCallbackSigned(t *testing.T) {
	got := make(chan callback, 4)
	receiver := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		got <- callback{body: body, header: r.Header.Clone()}
	}))
	defer receiver.Close()
	issuer, dataDir := devServer(t)
	o := newOwner(t, issuer)
	identity := onboard(t, issuer, dataDir, o)
	svc := newService(t, issuer, dataDir)
	code, out, _ := svc.do(http.MethodPost, "/identities/"+identity+"/profile/access-requests", map[string]any{
		"kind": "persistent", "fields": []string{"email"}, "purpose": "Open an account", "callback_url": receiver.URL + "/cb"})
	if code != http.StatusCreated {
		t.Fatalf("access request = %d %v", code, out)
	}
	id := out["id"].(string)
	if code, out, _ := svc.do(http.MethodPost, "/access-grants/"+id+"/validations",
		map[string]string{"signature": o.sign(out["challenge"].(string))}); code != http.StatusOK {
		t.Fatalf("validation = %d %v", code, out)
	}
	var cb callback
	select {
	case cb = <-got:
	case <-time.After(15 * time.Second):
		t.Fatal("no callback within 15s")
	}
	var event struct {
		Type string         `json:"type"`
		Data map[string]any `json:"data"`
	}
	if err := json.Unmarshal(cb.body, &event); err != nil || event.Type != "access_grant.decided" ||
		event.Data["grant_id"] != id || event.Data["state"] != "active" {
		t.Fatalf("callback %s (%v)", cb.body, err)
	}
	if strings.Contains(strings.ToLower(string(cb.body)), strings.ToLower(identity)) || strings.Contains(string(cb.body), "ada@") {
		t.Fatalf("the callback carries personal data: %s", cb.body)
	}
	keys := jwks(t, issuer)
	sig := cb.header.Get("Idconnect-JWS")
	if err := verifyDetached(sig, cb.body, keys); err != nil {
		t.Fatalf("callback signature: %v", err)
	}
	if err := verifyDetached(sig, []byte(strings.Replace(string(cb.body), "active", "denied", 1)), keys); err == nil {
		t.Fatal("a changed body still verifies")
	}
}

func jwks(t *testing.T, issuer string) jose.JSONWebKeySet {
	t.Helper()
	resp, err := http.Get(issuer + "/.well-known/jwks.json")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var set jose.JSONWebKeySet
	if err := json.NewDecoder(resp.Body).Decode(&set); err != nil {
		t.Fatal(err)
	}
	return set
}

// verifyDetached checks a detached JWS over body as a service would.
func verifyDetached(sig string, body []byte, keys jose.JSONWebKeySet) error {
	obj, err := jose.ParseDetached(sig, body, []jose.SignatureAlgorithm{jose.ES256, jose.EdDSA})
	if err != nil {
		return err
	}
	h := obj.Signatures[0].Header
	if typ, _ := h.ExtraHeaders[jose.HeaderType].(string); typ != "idconnect-callback+jws" {
		return jose.ErrCryptoFailure
	}
	found := keys.Key(h.KeyID)
	if len(found) == 0 {
		return jose.ErrCryptoFailure
	}
	_, err = obj.Verify(found[0])
	return err
}
