package api

import (
	"errors"
	"fmt"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/idconnect/idconnect/consent"
	"github.com/idconnect/idconnect/store"
	"github.com/idconnect/idconnect/web"
	"github.com/idconnect/idconnect/web/httperr"
)

// maxAPIBody bounds the JSON bodies of the access-request API; the largest
// (a signed message and its signature) is under 4 KiB.
const maxAPIBody = 16 << 10

// readJSON reads the request's JSON body into v, or answers the problem
// itself: 415 unless the body is application/json, 413 past maxAPIBody
// bytes, 400 unless it is one object with only the documented members.
func readJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		httperr.Problem(w, r, http.StatusUnsupportedMediaType, "", "Send the body as application/json.")
		return false
	}
	err := web.DecodeJSON(http.MaxBytesReader(w, r.Body, maxAPIBody), v)
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		httperr.Problem(w, r, http.StatusRequestEntityTooLarge, "", fmt.Sprintf("The body must be at most %d bytes.", maxAPIBody))
	case err != nil:
		httperr.Problem(w, r, http.StatusBadRequest, "", strings.TrimPrefix(err.Error(), web.ErrBadPost.Error()+": "))
	}
	return err == nil
}

// grantView is the JSON form of a grant for its owner and its service.
type grantView struct {
	ID          string     `json:"id"`
	State       string     `json:"state"`
	Kind        string     `json:"kind"`
	ClientID    string     `json:"client_id"`
	Identity    string     `json:"identity"`
	Resource    string     `json:"resource,omitempty"`
	Fields      []string   `json:"fields,omitempty"`
	Scopes      []string   `json:"scopes"`
	Purpose     string     `json:"purpose,omitempty"`
	CreatedAt   time.Time  `json:"created_at"`
	ActivatedAt *time.Time `json:"activated_at,omitempty"`
	ExpiresAt   *time.Time `json:"expires_at,omitempty"`
	RevokedAt   *time.Time `json:"revoked_at,omitempty"`
	LastUsedAt  *time.Time `json:"last_used_at,omitempty"`
	UsageCount  int64      `json:"usage_count"`
}

func viewGrant(g store.Grant, now time.Time) grantView {
	return grantView{
		ID: g.ID, State: string(consent.StateOf(g, now)), Kind: string(g.Kind), ClientID: g.ClientID,
		Identity: g.Identity.Hex(), Resource: g.Resource, Fields: g.Fields, Scopes: g.Scopes, Purpose: g.Purpose,
		CreatedAt: g.CreatedAt, ActivatedAt: optional(g.ActivatedAt), ExpiresAt: optional(g.ExpiresAt),
		RevokedAt: optional(g.RevokedAt), LastUsedAt: optional(g.LastUsedAt), UsageCount: g.UsageCount,
	}
}

func optional(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// usageView is one read of a grant's usage log.
type usageView struct {
	At       time.Time `json:"at"`
	Resource string    `json:"resource"`
	Fields   []string  `json:"fields"`
}

// page is a page of a list and the cursor of the next, empty on the last.
type page[T any] struct {
	Items []T    `json:"items"`
	Next  string `json:"next,omitempty"`
}
