package console

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/screening"
	"github.com/idconnect/idconnect/store"
	"github.com/idconnect/idconnect/templates"
	"github.com/idconnect/idconnect/web/httperr"
)

// mountScreening registers the screening pages, when the issuer runs
// screening.
func (c *Console) mountScreening(mux *http.ServeMux) {
	if c.Screening == nil {
		return
	}
	mux.HandleFunc("GET /issuer/screening", c.screening)
	mux.HandleFunc("POST /issuer/screening/run", c.runScreening)
	mux.HandleFunc("GET /issuer/screening/hits/{id}", c.hit)
	mux.HandleFunc("POST /issuer/screening/hits/{id}/decision", c.decideHit)
}

func (c *Console) screening(w http.ResponseWriter, r *http.Request) {
	reviewer, ok := c.reviewer(w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	state, cursor := q.Get("state"), q.Get("cursor")
	if state != "" && state != string(store.HitOpen) || len(cursor) > 200 {
		httperr.Page(w, r, c.Static, http.StatusBadRequest, "Bad page link", "This page link is not valid. Start again from the first page.")
		return
	}
	ctx := r.Context()
	hits, next, err := c.Screening.Hits(ctx, store.HitState(state), cursor, c.PageSize)
	if errors.Is(err, store.ErrInvalidCursor) {
		httperr.Page(w, r, c.Static, http.StatusBadRequest, "Bad page link", "This page link is not valid. Start again from the first page.")
		return
	}
	if err != nil {
		httperr.FailPage(w, r, c.Log, c.Static, "console: screening hits", err)
		return
	}
	runs, err := c.Screening.Runs(ctx, 20)
	if err != nil {
		httperr.FailPage(w, r, c.Log, c.Static, "console: screening runs", err)
		return
	}
	versions, err := c.Screening.ListVersions(ctx, 20)
	if err != nil {
		httperr.FailPage(w, r, c.Log, c.Static, "console: list versions", err)
		return
	}
	v := templates.IssuerScreeningView{Frame: c.frame(reviewer), State: state, Next: next, Notice: map[string]templates.Notice{
		"ran":       {Text: "Screening ran: the history below shows what it did."},
		"busy":      {Text: "Another node is screening right now; its run shows below once it is done."},
		"nolists":   {Text: "Screening cannot run until every list it was given has loaded.", Error: true},
		"cleared":   {Text: "Cleared: the claims the hit held are issued again."},
		"confirmed": {Text: "Confirmed: the claims stay revoked, and the applications the hit held are rejected."},
	}[q.Get("done")]}
	for _, h := range hits {
		v.Hits = append(v.Hits, hitRow(h))
	}
	for i, run := range runs {
		v.Runs = append(v.Runs, templates.RunRow{Started: run.StartedAt, Finished: run.FinishedAt, Trigger: string(run.Trigger),
			Node: run.Node, Lists: run.Lists, Screened: run.Screened, Renewed: run.Renewed, Approved: run.Approved,
			Hits: run.Hits, Revoked: run.Revoked, Error: run.Error,
			// Runs hold one lease: an unfinished run with a newer one after
			// it lost its lease, its node having stopped.
			Abandoned: run.FinishedAt.IsZero() && i > 0})
	}
	for _, l := range versions {
		row := templates.ListRow{Name: l.Name, Source: l.Source, Format: l.Format, Entities: l.Entities, Loaded: l.LoadedAt, Error: l.Error}
		if l.Error == "" {
			row.Hash = l.Hash.Hex()
		}
		v.Lists = append(v.Lists, row)
	}
	c.Static.Render(w, r, http.StatusOK, templates.IssuerScreeningPage(v))
}

func hitRow(h store.ScreeningHit) templates.HitRow {
	topics := make([]string, len(h.Topics))
	for i, t := range h.Topics {
		topics[i] = strconv.FormatUint(t, 10)
	}
	return templates.HitRow{ID: h.ID, Identity: h.Identity.Hex(), Kind: string(h.Kind), List: h.List, Entity: h.EntityID,
		Field: h.Field, Score: h.Score, Topics: strings.Join(topics, ", "), State: string(h.State), Created: h.CreatedAt}
}

// runScreening screens every identity now, on this node.
func (c *Console) runScreening(w http.ResponseWriter, r *http.Request) {
	if _, ok := c.reviewer(w, r); !ok {
		return
	}
	// The run goes on if the reviewer's browser gives up waiting.
	_, err := c.Screening.Run(context.WithoutCancel(r.Context()), store.TriggerManual)
	switch {
	case errors.Is(err, screening.ErrBusy):
		http.Redirect(w, r, "/issuer/screening?done=busy", http.StatusSeeOther)
	case errors.Is(err, screening.ErrNoLists):
		http.Redirect(w, r, "/issuer/screening?done=nolists", http.StatusSeeOther)
	case err != nil:
		httperr.FailPage(w, r, c.Log, c.Static, "console: screening run", err)
	default:
		http.Redirect(w, r, "/issuer/screening?done=ran", http.StatusSeeOther)
	}
}

func (c *Console) hit(w http.ResponseWriter, r *http.Request) {
	reviewer, ok := c.reviewer(w, r)
	if !ok {
		return
	}
	d, ok := c.openHit(w, r)
	if !ok {
		return
	}
	c.renderHit(w, r, reviewer, d, http.StatusOK, templates.Notice{})
}

func (c *Console) openHit(w http.ResponseWriter, r *http.Request) (screening.Detail, bool) {
	id := r.PathValue("id")
	if id == "" || len(id) > 64 {
		httperr.Page(w, r, c.Static, http.StatusNotFound, "No such hit", "There is no screening hit under this link.")
		return screening.Detail{}, false
	}
	d, err := c.Screening.Hit(r.Context(), id)
	switch {
	case errors.Is(err, screening.ErrNotFound):
		httperr.Page(w, r, c.Static, http.StatusNotFound, "No such hit", "There is no screening hit under this link.")
		return d, false
	case err != nil:
		httperr.FailPage(w, r, c.Log, c.Static, "console: open hit", err)
		return d, false
	}
	return d, true
}

func (c *Console) renderHit(w http.ResponseWriter, r *http.Request, reviewer common.Address, d screening.Detail, status int, n templates.Notice) {
	v := templates.IssuerHitView{Frame: c.frame(reviewer), Hit: hitRow(d.ScreeningHit), EntityName: d.EntityName, Value: d.Value,
		Matched: d.Matched, Reason: d.Reason, Decided: d.DecidedAt, Decision: d.Decision,
		Clearable: d.Kind == store.HitName, Notice: n}
	if d.DecidedBy != (common.Address{}) {
		v.DecidedBy = d.DecidedBy.Hex()
	}
	c.Static.Render(w, r, status, templates.IssuerHitPage(v))
}

func (c *Console) decideHit(w http.ResponseWriter, r *http.Request) {
	reviewer, ok := c.reviewer(w, r)
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		httperr.Page(w, r, c.Static, http.StatusBadRequest, "Form not readable", "The form could not be read. Reload the page and try again.")
		return
	}
	id, reason := r.PathValue("id"), r.PostForm.Get("reason")
	var err error
	var decided store.ScreeningHit
	done := "cleared"
	// What follows the decision (claims issued again, applications
	// decided) goes on if the browser gives up waiting.
	ctx := context.WithoutCancel(r.Context())
	switch r.PostForm.Get("decision") {
	case "clear":
		decided, err = c.Screening.Clear(ctx, reviewer, id, reason)
	case "confirm":
		done = "confirmed"
		decided, err = c.Screening.Confirm(ctx, reviewer, id, reason)
	default:
		httperr.Page(w, r, c.Static, http.StatusBadRequest, "No decision", "Choose Clear or Confirm.")
		return
	}
	if err == nil {
		http.Redirect(w, r, "/issuer/screening?done="+done, http.StatusSeeOther)
		return
	}
	d, ok := c.openHit(w, r)
	if !ok {
		return
	}
	switch {
	case errors.Is(err, screening.ErrDecided):
		c.renderHit(w, r, reviewer, d, http.StatusConflict, templates.Notice{Text: "Another reviewer decided this hit first; their decision stands.", Error: true})
	case errors.Is(err, screening.ErrReason):
		c.renderHit(w, r, reviewer, d, http.StatusBadRequest, templates.Notice{Text: "A decision needs a reason of at most 1000 bytes.", Error: true})
	case errors.Is(err, screening.ErrNotClearable):
		c.renderHit(w, r, reviewer, d, http.StatusConflict, templates.Notice{Text: "A listed address cannot be cleared: it stays the identity's whoever holds it.", Error: true})
	case decided.ID == "":
		httperr.FailPage(w, r, c.Log, c.Static, "console: screening decision", err)
	default:
		// The decision is stored; what failed is what follows it.
		c.Log.Error("console: after a screening decision", "hit", id, "err", err)
		c.renderHit(w, r, reviewer, d, http.StatusInternalServerError, templates.Notice{Text: "The decision is recorded, but issuing the claims again or deciding the applications it held did not complete. Look at the identity's claims and applications, and try again there.", Error: true})
	}
}
