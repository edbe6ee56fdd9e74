package account

import (
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"

	"github.com/ethereum/go-ethereum/common/hexutil"

	"github.com/idconnect/idconnect/issuer"
	"github.com/idconnect/idconnect/store"
	"github.com/idconnect/idconnect/templates"
	"github.com/idconnect/idconnect/web/httperr"
)

// issuerSection fills the Claims page's issuer part: the owner's
// applications, the claims signed for them that wait for their wallet,
// and the topics to apply for. Ready claims the owner already added are
// settled first, so the page never offers one twice.
func (h *Dashboard) issuerSection(w http.ResponseWriter, r *http.Request, s ownerSession, v *templates.ClaimsView) bool {
	ctx := r.Context()
	v.IssuerName = h.issuerName(h.Desk.Issuer())
	if err := h.Desk.Settle(ctx, s.identity); err != nil {
		h.Log.Warn("dashboard: settle ready claims", "err", err)
	}
	apps, err := h.Desk.Applications(ctx, s.identity)
	if err != nil {
		h.fail(w, r, "list applications", err)
		return false
	}
	for _, a := range apps { // newest first
		v.Applications = append(v.Applications, templates.ApplicationRow{ID: a.ID, TopicName: h.Catalogue.Name(a.Topic),
			State: string(a.State), Submitted: a.SubmittedAt, Reason: a.Reason})
	}
	issued, err := h.Desk.Issued(ctx, s.identity)
	if err != nil {
		h.fail(w, r, "list issued claims", err)
		return false
	}
	for _, c := range issued {
		if c.State == store.IssuedReady && c.Issuer == h.Desk.Issuer() {
			v.Ready = append(v.Ready, templates.ReadyClaimRow{ID: c.ID, TopicName: h.Catalogue.Name(c.Topic), Expires: c.ValidUntil})
		}
	}
	for _, t := range h.Desk.Topics().List() {
		v.Topics = append(v.Topics, templates.TopicLink{Number: t.Number, Name: t.Name})
	}
	return true
}

// applyForm shows the application form of ?topic=N.
func (h *Dashboard) applyForm(w http.ResponseWriter, r *http.Request) {
	s, ok := h.session(w, r, "claims")
	if !ok {
		return
	}
	if h.noDesk(w, r) {
		return
	}
	v, ok := h.applyView(s, r.URL.Query().Get("topic"))
	if !ok {
		httperr.Page(w, r, h.Static, http.StatusNotFound, "No such topic", "This issuer does not issue claims on that topic.")
		return
	}
	h.Static.Render(w, r, http.StatusOK, templates.ApplyPage(v))
}

func (h *Dashboard) applyView(s ownerSession, rawTopic string) (templates.ApplyView, bool) {
	n, err := strconv.ParseUint(rawTopic, 10, 64)
	if err != nil {
		return templates.ApplyView{}, false
	}
	t, ok := h.Desk.Topics()[n]
	if !ok {
		return templates.ApplyView{}, false
	}
	v := templates.ApplyView{Nav: s.nav, Topic: n, TopicName: t.Name, IssuerName: h.issuerName(h.Desk.Issuer())}
	for _, f := range t.Fields {
		v.Fields = append(v.Fields, templates.ApplyField{Name: f.Name, Label: f.Label, Type: f.Type, Required: f.Required})
	}
	for _, d := range t.Documents {
		v.Documents = append(v.Documents, templates.ApplyDocument{Name: d.Name, Label: d.Label, Accept: strings.Join(d.ContentTypes, ","), Required: d.Required})
	}
	return v, true
}

// apply takes the form, with its files, and submits the application. A
// refused application is shown again with every problem named, the
// fields as typed (files must be chosen again), and nothing stored.
func (h *Dashboard) apply(w http.ResponseWriter, r *http.Request) {
	s, ok := h.session(w, r, "claims")
	if !ok {
		return
	}
	if h.noDesk(w, r) {
		return
	}
	if err := r.ParseMultipartForm(issuer.MaxApplicationBytes + 1<<20); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			httperr.Page(w, r, h.Static, http.StatusRequestEntityTooLarge, "Files too large", "The files are larger than 25 MiB together. Nothing was stored.")
			return
		}
		httperr.Page(w, r, h.Static, http.StatusBadRequest, "Form not readable", "The form could not be read. Reload the page and try again.")
		return
	}
	defer r.MultipartForm.RemoveAll()
	v, ok := h.applyView(s, one(r.MultipartForm.Value, "topic"))
	if !ok {
		httperr.Page(w, r, h.Static, http.StatusBadRequest, "No such topic", "This issuer does not issue claims on that topic.")
		return
	}
	b := issuer.Bundle{Fields: map[string]string{}}
	for i, f := range v.Fields {
		val := one(r.MultipartForm.Value, "field."+f.Name)
		v.Fields[i].Value = val
		if val != "" {
			b.Fields[f.Name] = val
		}
	}
	for _, d := range v.Documents {
		files := r.MultipartForm.File["doc."+d.Name]
		if len(files) == 0 {
			continue
		}
		doc, err := readUpload(files[0])
		if err != nil {
			v.Problem = err.Error()
			h.Static.Render(w, r, http.StatusBadRequest, templates.ApplyPage(v))
			return
		}
		doc.Name = d.Name
		b.Documents = append(b.Documents, doc)
	}
	_, err := h.Desk.Submit(r.Context(), s.identity, v.Topic, b)
	switch {
	case errors.Is(err, issuer.ErrApplication):
		v.Problem = "The application was not sent: " + strings.TrimPrefix(err.Error(), issuer.ErrApplication.Error()+": ") + "."
		h.Static.Render(w, r, http.StatusBadRequest, templates.ApplyPage(v))
		return
	case errors.Is(err, issuer.ErrPending):
		v.Problem = "You already have an application for " + v.TopicName + " waiting for review. You can apply again once it is decided."
		h.Static.Render(w, r, http.StatusConflict, templates.ApplyPage(v))
		return
	case err != nil:
		h.fail(w, r, "submit application", err)
		return
	}
	http.Redirect(w, r, "/account/claims?done=applied", http.StatusSeeOther)
}

// readUpload reads one uploaded file, with the content type the browser
// declared (CheckBundle holds it to the bytes).
func readUpload(fh *multipart.FileHeader) (issuer.Document, error) {
	if fh.Size > issuer.MaxDocumentBytes {
		return issuer.Document{}, errors.New("the file " + fh.Filename + " is larger than 10 MiB")
	}
	f, err := fh.Open()
	if err != nil {
		return issuer.Document{}, errors.New("the file " + fh.Filename + " could not be read")
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, issuer.MaxDocumentBytes+1))
	if err != nil {
		return issuer.Document{}, errors.New("the file " + fh.Filename + " could not be read")
	}
	ct := fh.Header.Get("Content-Type")
	if i := strings.IndexByte(ct, ';'); i >= 0 {
		ct = ct[:i]
	}
	return issuer.Document{ContentType: strings.TrimSpace(ct), Data: data}, nil
}

// readyClaim shows the addClaim call of a signed claim for the owner's
// wallet to send.
func (h *Dashboard) readyClaim(w http.ResponseWriter, r *http.Request) {
	s, ok := h.session(w, r, "claims")
	if !ok {
		return
	}
	if h.noDesk(w, r) {
		return
	}
	issued, err := h.Desk.Issued(r.Context(), s.identity)
	if err != nil {
		h.fail(w, r, "list issued claims", err)
		return
	}
	id := r.PathValue("id")
	for _, c := range issued {
		if c.ID != id || c.State != store.IssuedReady {
			continue
		}
		tx := issuer.AddClaimCall(c)
		h.Static.Render(w, r, http.StatusOK, templates.WalletCallPage(templates.WalletCallView{Nav: s.nav,
			Summary: "Add the " + h.Catalogue.Name(c.Topic) + " claim that " + h.issuerName(c.Issuer) + " signed to your identity.",
			From:    s.wallet.Hex(), To: tx.To.Hex(), Data: hexutil.Encode(tx.Data), Return: "/account/claims"}))
		return
	}
	httperr.Page(w, r, h.Static, http.StatusNotFound, "No such claim", "There is no signed claim waiting for your wallet under that link. It may already be on your identity.")
}

// noDesk answers 404 when this server runs no claim issuer.
func (h *Dashboard) noDesk(w http.ResponseWriter, r *http.Request) bool {
	if h.Desk != nil {
		return false
	}
	httperr.Page(w, r, h.Static, http.StatusNotFound, "No claim issuer here", "This server does not issue claims.")
	return true
}
