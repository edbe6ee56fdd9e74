package console

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/challenge"
	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/issuer"
	"github.com/idconnect/idconnect/screening"
	"github.com/idconnect/idconnect/store"
	"github.com/idconnect/idconnect/templates"
	"github.com/idconnect/idconnect/web"
	"github.com/idconnect/idconnect/web/httperr"
)

// SessionTTL bounds a reviewer's session; the key is checked on the
// chain at every request as well.
const SessionTTL = 8 * time.Hour

// Sessions is what the console keeps of a reviewer's sign-in: a login
// session whose identity is the issuer and whose wallet is the reviewer.
type Sessions interface {
	CreateLoginSession(ctx context.Context, s store.LoginSession) error
	GetLoginSession(ctx context.Context, id string) (store.LoginSession, error)
	RevokeLoginSession(ctx context.Context, id string, at time.Time) error
}

// Console serves /issuer.
type Console struct {
	Site web.Site
	Desk *issuer.Desk
	// Screening, when set, adds the screening pages: hits, runs, lists.
	Screening  *screening.Runner
	Name       string // the issuer's display name
	Cookies    *web.Sessions
	Store      Sessions
	Challenges *challenge.Service
	Static     *web.Static
	Clock      func() time.Time
	Log        *slog.Logger
	PageSize   int
}

// Mount registers the console's routes.
func (c *Console) Mount(mux *http.ServeMux) {
	mux.HandleFunc("GET /issuer", c.queue)
	mux.HandleFunc("POST /issuer/session", c.signIn)
	mux.HandleFunc("POST /issuer/logout", c.logout)
	mux.HandleFunc("GET /issuer/applications/{id}", c.application)
	mux.HandleFunc("GET /issuer/applications/{id}/documents/{n}", c.document)
	mux.HandleFunc("POST /issuer/applications/{id}/decision", c.decide)
	c.mountScreening(mux)
}

func (c *Console) frame(reviewer common.Address) templates.IssuerFrame {
	f := templates.IssuerFrame{Issuer: c.Desk.Issuer().Hex(), Name: c.Name, ChainID: c.Site.ChainID, ChainName: c.Site.ChainName, DevWallet: c.Site.Dev,
		Screening: c.Screening != nil}
	if reviewer != (common.Address{}) {
		f.Reviewer = reviewer.Hex()
	}
	return f
}

// reviewer returns the signed-in reviewer: an unrevoked, unexpired
// console session whose wallet still holds a CLAIM key on the issuer.
// A browser that is not signed in gets the sign-in page.
func (c *Console) reviewer(w http.ResponseWriter, r *http.Request) (common.Address, bool) {
	d, ok := c.Cookies.Current(r)
	if ok {
		ls, err := c.Store.GetLoginSession(r.Context(), d.LoginSessionID)
		switch {
		case errors.Is(err, store.ErrUnavailable):
			httperr.FailPage(w, r, c.Log, c.Static, "console: read session", err)
			return common.Address{}, false
		case err == nil && ls.RevokedAt.IsZero() && c.Clock().Before(ls.ExpiresAt) && ls.Identity == c.Desk.Issuer():
			err := c.Desk.Reviewer(r.Context(), ls.Wallet)
			switch {
			case err == nil:
				return ls.Wallet, true
			case errors.Is(err, identity.ErrChainUnavailable):
				httperr.Page(w, r, c.Static, http.StatusServiceUnavailable, "Chain unavailable", "The blockchain cannot be reached, so your reviewer key cannot be checked. Try again in a moment.")
				return common.Address{}, false
			}
		}
	}
	if r.Method == http.MethodGet && r.URL.Path == "/issuer" {
		c.Static.Render(w, r, http.StatusOK, templates.IssuerLoginPage(c.frame(common.Address{})))
	} else {
		http.Redirect(w, r, "/issuer", http.StatusSeeOther)
	}
	return common.Address{}, false
}

// signIn takes a signed wallet challenge and opens a console session when
// the wallet holds a CLAIM key on the issuer.
func (c *Console) signIn(w http.ResponseWriter, r *http.Request) {
	var p struct {
		Message   string `json:"message"`
		Signature string `json:"signature"`
	}
	if err := json.NewDecoder(io.LimitReader(r.Body, 16<<10)).Decode(&p); err != nil || p.Message == "" || !strings.HasPrefix(p.Signature, "0x") {
		httperr.JSON(w, r, http.StatusBadRequest, "bad_request", "Send the signed challenge as {\"message\",\"signature\"}.")
		return
	}
	ctx := r.Context()
	wallet, err := web.VerifyWalletChallenge(ctx, c.Challenges, c.Site, p.Message, p.Signature)
	switch {
	case errors.Is(err, challenge.ErrUnavailable):
		httperr.FailJSON(w, r, c.Log, "console: verify challenge", err)
		return
	case err != nil:
		httperr.JSON(w, r, http.StatusUnauthorized, "bad_signature", "The signed message is not a challenge this server issued, or it expired. Try again.")
		return
	}
	if err := c.Desk.Reviewer(ctx, wallet); err != nil {
		if errors.Is(err, issuer.ErrNotReviewer) {
			httperr.JSON(w, r, http.StatusForbidden, "not_reviewer", "This wallet holds no claim key on the issuer, so it cannot review.")
			return
		}
		httperr.FailJSON(w, r, c.Log, "console: check reviewer", err)
		return
	}
	if old, ok := c.Cookies.Current(r); ok {
		_ = c.Store.RevokeLoginSession(ctx, old.LoginSessionID, c.Clock())
	}
	id, err := newID()
	if err != nil {
		httperr.FailJSON(w, r, c.Log, "console: session id", err)
		return
	}
	now := c.Clock()
	ls := store.LoginSession{ID: id, Identity: c.Desk.Issuer(), Wallet: wallet, ChainID: int64(c.Site.ChainID), AuthTime: now, ExpiresAt: now.Add(SessionTTL)}
	if err := c.Store.CreateLoginSession(ctx, ls); err != nil {
		httperr.FailJSON(w, r, c.Log, "console: store session", err)
		return
	}
	if err := c.Cookies.Login(w, r, web.SessionData{LoginSessionID: id}); err != nil {
		httperr.FailJSON(w, r, c.Log, "console: session cookie", err)
		return
	}
	web.WriteJSON(w, http.StatusOK, map[string]string{"redirect": "/issuer"})
}

func (c *Console) logout(w http.ResponseWriter, r *http.Request) {
	if d, ok := c.Cookies.Current(r); ok {
		_ = c.Store.RevokeLoginSession(r.Context(), d.LoginSessionID, c.Clock())
	}
	c.Cookies.Logout(w, r)
	http.Redirect(w, r, "/issuer", http.StatusSeeOther)
}

func (c *Console) queue(w http.ResponseWriter, r *http.Request) {
	reviewer, ok := c.reviewer(w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	cursor := q.Get("cursor")
	if len(cursor) > 200 {
		httperr.Page(w, r, c.Static, http.StatusBadRequest, "Bad page link", "This page link is not valid. Start again from the first page.")
		return
	}
	apps, next, err := c.Desk.Queue(r.Context(), store.ApplicationPending, cursor, c.PageSize)
	if errors.Is(err, store.ErrInvalidCursor) {
		httperr.Page(w, r, c.Static, http.StatusBadRequest, "Bad page link", "This page link is not valid. Start again from the first page.")
		return
	}
	if err != nil {
		httperr.FailPage(w, r, c.Log, c.Static, "console: queue", err)
		return
	}
	v := templates.IssuerQueueView{Frame: c.frame(reviewer), Next: next, Notice: map[string]templates.Notice{
		"approved":       {Text: "Approved: the claim was issued and added to the identity."},
		"approved-ready": {Text: "Approved: the claim was signed, but is not on the identity yet. The owner's dashboard offers it to their wallet."},
		"rejected":       {Text: "Rejected: the owner is told why."},
	}[q.Get("done")]}
	if c.Screening != nil {
		open, _, err := c.Screening.Hits(r.Context(), store.HitOpen, "", 100)
		if err != nil {
			httperr.FailPage(w, r, c.Log, c.Static, "console: open hits", err)
			return
		}
		v.OpenHits = len(open)
	}
	for _, a := range apps {
		v.Rows = append(v.Rows, templates.QueueRow{ID: a.ID, Identity: a.Identity.Hex(), TopicName: c.Desk.Topics().Name(a.Topic), Submitted: a.SubmittedAt})
	}
	c.Static.Render(w, r, http.StatusOK, templates.IssuerQueuePage(v))
}

// open reads the {id} application with its bundle, answering the page's
// refusal itself.
func (c *Console) open(w http.ResponseWriter, r *http.Request) (issuer.Application, bool) {
	id := r.PathValue("id")
	if id == "" || len(id) > 64 {
		httperr.Page(w, r, c.Static, http.StatusNotFound, "No such application", "There is no application under this link.")
		return issuer.Application{}, false
	}
	a, err := c.Desk.Open(r.Context(), id)
	switch {
	case errors.Is(err, issuer.ErrNotFound):
		httperr.Page(w, r, c.Static, http.StatusNotFound, "No such application", "There is no application under this link.")
		return issuer.Application{}, false
	case err != nil:
		httperr.FailPage(w, r, c.Log, c.Static, "console: open application", err)
		return issuer.Application{}, false
	}
	return a, true
}

func (c *Console) application(w http.ResponseWriter, r *http.Request) {
	reviewer, ok := c.reviewer(w, r)
	if !ok {
		return
	}
	a, ok := c.open(w, r)
	if !ok {
		return
	}
	c.render(w, r, reviewer, a, http.StatusOK, templates.Notice{})
}

func (c *Console) render(w http.ResponseWriter, r *http.Request, reviewer common.Address, a issuer.Application, status int, n templates.Notice) {
	t := c.Desk.Topics()[a.Topic]
	v := templates.IssuerApplicationView{Frame: c.frame(reviewer), ID: a.ID, Identity: a.Identity.Hex(), TopicName: c.Desk.Topics().Name(a.Topic),
		State: string(a.State), Submitted: a.SubmittedAt, Reviewed: a.ReviewedAt, Reason: a.Reason, Notice: n}
	if a.Reviewer != (common.Address{}) {
		v.Reviewer = a.Reviewer.Hex()
	}
	if a.ClaimID != (common.Hash{}) {
		v.ClaimID = a.ClaimID.Hex()
	}
	for _, f := range t.Fields {
		if val, ok := a.Bundle.Fields[f.Name]; ok {
			v.Fields = append(v.Fields, templates.FieldRow{Label: f.Label, Value: val})
		}
	}
	for i, d := range a.Bundle.Documents {
		label := d.Name
		for _, td := range t.Documents {
			if td.Name == d.Name {
				label = td.Label
			}
		}
		v.Documents = append(v.Documents, templates.DocumentRow{Index: i, Label: label, ContentType: d.ContentType, Size: len(d.Data)})
	}
	c.Static.Render(w, r, status, templates.IssuerApplicationPage(v))
}

// document serves one document as a download: never rendered by the
// browser in the console's origin, whatever its bytes.
func (c *Console) document(w http.ResponseWriter, r *http.Request) {
	if _, ok := c.reviewer(w, r); !ok {
		return
	}
	a, ok := c.open(w, r)
	if !ok {
		return
	}
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil || n < 0 || n >= len(a.Bundle.Documents) {
		httperr.Page(w, r, c.Static, http.StatusNotFound, "No such document", "This application has no document under this link.")
		return
	}
	d := a.Bundle.Documents[n]
	h := w.Header()
	h.Set("Content-Type", d.ContentType)
	h.Set("Content-Disposition", `attachment; filename="`+a.ID+"-"+strconv.Itoa(n)+`"`)
	h.Set("Content-Security-Policy", "sandbox; default-src 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	_, _ = w.Write(d.Data)
}

func (c *Console) decide(w http.ResponseWriter, r *http.Request) {
	reviewer, ok := c.reviewer(w, r)
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		httperr.Page(w, r, c.Static, http.StatusBadRequest, "Form not readable", "The form could not be read. Reload the page and try again.")
		return
	}
	var d issuer.Decision
	switch r.PostForm.Get("decision") {
	case "approve":
		d.Approve = true
	case "reject":
	default:
		httperr.Page(w, r, c.Static, http.StatusBadRequest, "No decision", "Choose Approve or Reject.")
		return
	}
	d.Reason = strings.TrimSpace(r.PostForm.Get("reason"))
	out, err := c.Desk.Review(r.Context(), reviewer, r.PathValue("id"), d)
	if err != nil && out.Application.ID == "" {
		a, ok := c.open(w, r)
		if !ok {
			return
		}
		switch {
		case errors.Is(err, issuer.ErrDecided):
			c.render(w, r, reviewer, a, http.StatusConflict, templates.Notice{Text: "Another reviewer decided this application first; their decision stands.", Error: true})
		case errors.Is(err, issuer.ErrApplication):
			c.render(w, r, reviewer, a, http.StatusBadRequest, templates.Notice{Text: "A rejection needs a reason: the owner is told why.", Error: true})
		case errors.Is(err, identity.ErrChainUnavailable):
			c.render(w, r, reviewer, a, http.StatusServiceUnavailable, templates.Notice{Text: "The blockchain cannot be reached, so nothing was decided. Try again in a moment.", Error: true})
		case errors.Is(err, issuer.ErrHeld):
			c.render(w, r, reviewer, a, http.StatusConflict, templates.Notice{Text: "A screening hit holds this topic for the identity, so nothing was decided. Clear or confirm the hit under Screening first.", Error: true})
		case errors.Is(err, issuer.ErrNotLater):
			c.render(w, r, reviewer, a, http.StatusConflict, templates.Notice{Text: "The identity already holds a claim of this issuer on this topic that runs as long or longer, so nothing was decided. Reject the application, or renew the claim instead.", Error: true})
		case errors.Is(err, issuer.ErrRefused):
			c.render(w, r, reviewer, a, http.StatusConflict, templates.Notice{Text: "The chain refused the claim, so nothing was decided: " + err.Error(), Error: true})
		default:
			httperr.FailPage(w, r, c.Log, c.Static, "console: review", err)
		}
		return
	}
	done := "rejected"
	switch {
	case err != nil:
		// Approved and signed, but the chain did not take the claim: it
		// stays ready, and the owner's dashboard offers it to their wallet.
		c.Log.Warn("console: approved claim not added", "application", out.Application.ID, "err", err)
		done = "approved-ready"
	case d.Approve && out.Issued != nil && out.Issued.Transaction != nil:
		done = "approved-ready"
	case d.Approve:
		done = "approved"
	}
	http.Redirect(w, r, "/issuer?done="+done, http.StatusSeeOther)
}

func newID() (string, error) {
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}
