package account

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/idconnect/idconnect/consent"
	"github.com/idconnect/idconnect/templates"
	"github.com/idconnect/idconnect/web"
	"github.com/idconnect/idconnect/web/httperr"
)

// Account serves the owner's profile form and sign-out. The rest of the owner's
// dashboard under /account, including GET /account itself, is Dashboard's.
type Account struct {
	Owner    *web.Owner
	Profiles *consent.Profiles
	Static   *web.Static
	Revoke   func(r *http.Request, loginSessionID string, at time.Time) error // revokes the login session at logout
	Clock    func() time.Time
	Log      *slog.Logger
}

// Mount registers the routes.
func (h *Account) Mount(mux *http.ServeMux) {
	mux.HandleFunc("GET /account/profile", h.profile)
	mux.HandleFunc("POST /account/profile", h.saveProfile)
	mux.HandleFunc("POST /logout", h.logout)
}

func (h *Account) profile(w http.ResponseWriter, r *http.Request) {
	ls, ok := h.Owner.Current(r)
	if !ok {
		http.Redirect(w, r, "/login", http.StatusSeeOther)
		return
	}
	p, err := h.Profiles.Get(r.Context(), ls.Identity)
	if err != nil {
		h.fail(w, r, "read profile", err)
		return
	}
	h.Static.Render(w, r, http.StatusOK, templates.ProfilePage(templates.ProfileView{Values: web.ToForm(p)}))
}

func (h *Account) saveProfile(w http.ResponseWriter, r *http.Request) {
	ls, ok := h.Owner.Current(r)
	if !ok {
		http.Redirect(w, r, "/login", http.StatusSeeOther)
		return
	}
	p, err := web.ParseProfileForm(w, r)
	if err != nil {
		httperr.Page(w, r, h.Static, http.StatusBadRequest, "The form could not be read", "Go back and try again.")
		return
	}
	if errs := p.Validate(); len(errs) > 0 {
		h.Static.Render(w, r, http.StatusUnprocessableEntity, templates.ProfilePage(templates.ProfileView{Values: web.ToForm(p), Errors: errs}))
		return
	}
	if err := h.Profiles.Put(r.Context(), ls.Identity, p); err != nil {
		h.fail(w, r, "save profile", err)
		return
	}
	h.Static.Render(w, r, http.StatusOK, templates.ProfilePage(templates.ProfileView{Values: web.ToForm(p), Saved: true}))
}

func (h *Account) logout(w http.ResponseWriter, r *http.Request) {
	if ls, ok := h.Owner.Current(r); ok && h.Revoke != nil {
		_ = h.Revoke(r, ls.ID, h.Clock())
	}
	h.Owner.Sessions.Logout(w, r)
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

func (h *Account) fail(w http.ResponseWriter, r *http.Request, op string, err error) {
	httperr.FailPage(w, r, h.Log, h.Static, "account: "+op, err)
}
