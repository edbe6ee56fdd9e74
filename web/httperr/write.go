package httperr

import (
	"encoding/json"
	"log/slog"
	"net/http"

	"github.com/a-h/templ"

	"github.com/idconnect/idconnect/templates"
)

// Renderer writes a page with a status; web.Static is one.
type Renderer interface {
	Render(w http.ResponseWriter, r *http.Request, status int, page templ.Component)
}

// writeJSON answers with v as JSON of the given media type, never cached.
func writeJSON(w http.ResponseWriter, status int, contentType string, v any) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// JSON answers with the shape the page scripts read:
// {"error":"<code>","message":"<words>","request_id":"…"}.
func JSON(w http.ResponseWriter, r *http.Request, status int, code, message string) {
	writeJSON(w, status, "application/json", scriptError{code, message, RequestID(r.Context())})
}

type scriptError struct {
	Error     string `json:"error"`
	Message   string `json:"message"`
	RequestID string `json:"request_id,omitempty"`
}

// OAuth answers with an RFC 6749 §5.2 error:
// {"error":"<code>","error_description":"<words>","request_id":"…"}. Clients
// ignore members they do not know (§5.1), so the request id does no harm.
func OAuth(w http.ResponseWriter, r *http.Request, status int, code, description string) {
	writeJSON(w, status, "application/json", oauthError{code, description, RequestID(r.Context())})
}

type oauthError struct {
	Error       string `json:"error"`
	Description string `json:"error_description,omitempty"`
	RequestID   string `json:"request_id,omitempty"`
}

// Problem answers with an RFC 9457 problem,
// {"type":"about:blank","title","status","detail","request_id"}. An empty
// title is the status's standard phrase, as RFC 9457 asks of about:blank.
func Problem(w http.ResponseWriter, r *http.Request, status int, title, detail string) {
	if title == "" {
		title = http.StatusText(status)
	}
	writeJSON(w, status, "application/problem+json",
		problem{Type: "about:blank", Title: title, Status: status, Detail: detail, RequestID: RequestID(r.Context())})
}

type problem struct {
	Type      string `json:"type"`
	Title     string `json:"title"`
	Status    int    `json:"status"`
	Detail    string `json:"detail,omitempty"`
	RequestID string `json:"request_id,omitempty"`
}

// Page answers with the HTML error page, which shows the request id.
func Page(w http.ResponseWriter, r *http.Request, pages Renderer, status int, title, message string) {
	pages.Render(w, r, status, templates.ErrorPage(templates.ErrorView{Status: status, Title: title,
		Message: message, RequestID: RequestID(r.Context())}))
}

// BearerChallenge sets RFC 6750 §3's WWW-Authenticate for a refused bearer
// token, with its error code and description when there are. Both are
// fixed words of this server, never the caller's input, so they need no
// quoting.
func BearerChallenge(w http.ResponseWriter, code, description string) {
	challenge := `Bearer realm="idconnect"`
	if code != "" {
		challenge += `, error="` + code + `"`
	}
	if description != "" {
		challenge += `, error_description="` + description + `"`
	}
	w.Header().Set("WWW-Authenticate", challenge)
}

// Report classifies err and, when it is the server's failure (5xx), logs it
// once with the request id the answer will show: at error level for a 500,
// at warning level for a dependency that is down (503). The caller's own
// mistakes (4xx) are not logged here; the request log counts them. The
// error's text goes to the log only, never into the answer.
func Report(log *slog.Logger, r *http.Request, op string, err error) Failure {
	f := Classify(err)
	if f.Status < 500 || log == nil {
		return f
	}
	level := slog.LevelError
	if f.Status == http.StatusServiceUnavailable {
		level = slog.LevelWarn
	}
	log.LogAttrs(r.Context(), level, "request failed", slog.String("op", op), slog.String("route", r.Pattern),
		slog.Int("status", f.Status), slog.String("request_id", RequestID(r.Context())), slog.Any("err", err))
	return f
}

// FailJSON answers err in the page-script shape.
func FailJSON(w http.ResponseWriter, r *http.Request, log *slog.Logger, op string, err error) {
	f := Report(log, r, op, err)
	JSON(w, r, f.Status, f.Code, f.Message)
}

// FailOAuth answers err as an RFC 6749 error.
func FailOAuth(w http.ResponseWriter, r *http.Request, log *slog.Logger, op string, err error) {
	f := Report(log, r, op, err)
	OAuth(w, r, f.Status, f.Code, f.Message)
}

// FailProblem answers err as an RFC 9457 problem.
func FailProblem(w http.ResponseWriter, r *http.Request, log *slog.Logger, op string, err error) {
	f := Report(log, r, op, err)
	Problem(w, r, f.Status, f.Title, f.Message)
}

// FailPage answers err with the HTML error page.
func FailPage(w http.ResponseWriter, r *http.Request, log *slog.Logger, pages Renderer, op string, err error) {
	f := Report(log, r, op, err)
	Page(w, r, pages, f.Status, f.Title, f.Message)
}

// Unauthenticated is the REST API's 401: a problem, with a challenge for
// each scheme the API accepts (an API key or a bearer service token).
func Unauthenticated(w http.ResponseWriter, r *http.Request, detail string) {
	w.Header().Set("WWW-Authenticate", `ApiKey realm="idconnect", Bearer realm="idconnect"`)
	Problem(w, r, http.StatusUnauthorized, "", detail)
}
