package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/idconnect/idconnect/web"
)

// decodeAPI runs readJSON on a request with this body and content type and
// returns the status it answered (200 when it accepted the body).
func decodeAPI(body, contentType string, v any) int {
	r := httptest.NewRequest(http.MethodPost, "/x", strings.NewReader(body))
	if contentType != "" {
		r.Header.Set("Content-Type", contentType)
	}
	w := httptest.NewRecorder()
	if readJSON(w, r, v) {
		return http.StatusOK
	}
	return w.Code
}

func TestReadJSON(t *testing.T) {
	big := `{"purpose":"` + strings.Repeat("x", maxAPIBody) + `"}`
	for _, tc := range []struct {
		name, body, ct string
		want           int
	}{
		{"request", `{"kind":"immediate","fields":["email"],"purpose":"Open an account"}`, "application/json", http.StatusOK},
		{"charset", `{"kind":"persistent","fields":[],"purpose":"x"}`, "application/json; charset=utf-8", http.StatusOK},
		{"form content type", `{"kind":"immediate"}`, "application/x-www-form-urlencoded", http.StatusUnsupportedMediaType},
		{"no content type", `{"kind":"immediate"}`, "", http.StatusUnsupportedMediaType},
		{"empty", ``, "application/json", http.StatusBadRequest},
		{"truncated", `{"kind":`, "application/json", http.StatusBadRequest},
		{"unknown member", `{"kind":"immediate","admin":true}`, "application/json", http.StatusBadRequest},
		{"wrong type", `{"fields":"email"}`, "application/json", http.StatusBadRequest},
		{"two objects", `{"kind":"immediate"}{"kind":"immediate"}`, "application/json", http.StatusBadRequest},
		{"trailing brace", `{"kind":"immediate"}}`, "application/json", http.StatusBadRequest},
		{"array", `[]`, "application/json", http.StatusBadRequest},
		{"too big", big, "application/json", http.StatusRequestEntityTooLarge},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var v accessRequestBody
			if got := decodeAPI(tc.body, tc.ct, &v); got != tc.want {
				t.Fatalf("status %d, want %d (%+v)", got, tc.want, v)
			}
		})
	}
}

// fuzzBody checks what the body decoder does with any input for a given
// shape: it never panics, accepts only what re-encodes to an equal value,
// and otherwise refuses with errBadPost.
func fuzzBody[T any](f *testing.F, seeds ...string) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var v T
		if err := web.DecodeJSON(bytes.NewReader(body), &v); err != nil {
			if !errors.Is(err, web.ErrBadPost) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		if len(body) > maxAPIBody+1 {
			t.Fatalf("accepted %d bytes", len(body))
		}
		raw, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		var again T
		if err := web.DecodeJSON(bytes.NewReader(raw), &again); err != nil || !reflect.DeepEqual(v, again) {
			t.Fatalf("round trip: %+v → %s → %+v (%v)", v, raw, again, err)
		}
	})
}

func FuzzAccessRequestBody(f *testing.F) {
	fuzzBody[accessRequestBody](f,
		`{"kind":"immediate","fields":["email","name"],"purpose":"Open an account","callback_url":"https://bank.example/cb"}`,
		`{"kind":"persistent","fields":[],"purpose":"x","wallet":"0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"}`,
		`{"fields":null}`, `{}`, `{"kind":1}`, `[`)
}

func FuzzSignedBody(f *testing.F) {
	fuzzBody[signedBody](f, `{"signature":"0x`+strings.Repeat("1b", 65)+`"}`,
		`{"signature":"0x00","message":"example.com wants you to sign in"}`, `{"signature":null}`)
}

func FuzzWalletBody(f *testing.F) {
	fuzzBody[walletBody](f, `{"wallet":"0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"}`, `{"wallet":""}`)
}
