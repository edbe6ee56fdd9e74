package web

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/idconnect/idconnect/consent"
	"github.com/idconnect/idconnect/templates"
)

// Account serves the owner's profile form and sign-out. The rest of the owner's
// dashboard under /account, including GET /account itself, is Dashboard's.
type Account struct {
	Owner    *Owner
	Profiles *consent.Profiles
	Static   *Static
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
	h.Static.Render(w, r, http.StatusOK, templates.ProfilePage(templates.ProfileView{Values: toForm(p)}))
}

func (h *Account) saveProfile(w http.ResponseWriter, r *http.Request) {
	ls, ok := h.Owner.Current(r)
	if !ok {
		http.Redirect(w, r, "/login", http.StatusSeeOther)
		return
	}
	p, err := parseProfileForm(w, r)
	if err != nil {
		h.Static.Render(w, r, http.StatusBadRequest, templates.ErrorPage(templates.ErrorView{Status: 400, Title: "The form could not be read", Message: "Go back and try again."}))
		return
	}
	if errs := p.Validate(); len(errs) > 0 {
		h.Static.Render(w, r, http.StatusUnprocessableEntity, templates.ProfilePage(templates.ProfileView{Values: toForm(p), Errors: errs}))
		return
	}
	if err := h.Profiles.Put(r.Context(), ls.Identity, p); err != nil {
		h.fail(w, r, "save profile", err)
		return
	}
	h.Static.Render(w, r, http.StatusOK, templates.ProfilePage(templates.ProfileView{Values: toForm(p), Saved: true}))
}

func (h *Account) logout(w http.ResponseWriter, r *http.Request) {
	if ls, ok := h.Owner.Current(r); ok && h.Revoke != nil {
		_ = h.Revoke(r, ls.ID, h.Clock())
	}
	h.Owner.Sessions.Logout(w, r)
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

func (h *Account) fail(w http.ResponseWriter, r *http.Request, op string, err error) {
	if h.Log != nil {
		h.Log.Error("account", "op", op, "err", err)
	}
	h.Static.Render(w, r, http.StatusInternalServerError, templates.ErrorPage(templates.ErrorView{Status: 500, Title: "Something went wrong", Message: "Try again in a moment."}))
}
