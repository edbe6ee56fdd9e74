package account

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/consent"
	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/templates"
)

// PathApply is where the Claims page posts an application, with its
// documents: the one page path whose body may be as large as an
// application (issuer.MaxApplicationBytes).
const PathApply = "/account/claims/apply"

// claims lists the claims on the identity for each topic of the catalogue, with
// the verdict on each: the same reads, through the same cache, that a resource read
// makes, so the page shows what a site would get.
func (h *Dashboard) claims(w http.ResponseWriter, r *http.Request) {
	s, ok := h.session(w, r, "claims")
	if !ok {
		return
	}
	v := templates.ClaimsView{Nav: s.nav, Notice: doneNotice(r.URL.Query(), map[string]templates.Notice{
		"applied": {Text: "Your application was sent. You are told here, and by webhook if you set one, when it is decided."},
		"sent":    {Text: "The transaction was mined. The list shows the claims after it."},
	})}
	if n, ok := afterBlock(r.URL.Query()); ok && h.Follow != nil {
		ctx, cancel := context.WithTimeout(r.Context(), followWait)
		err := h.Follow.WaitBlock(ctx, n)
		cancel()
		if err != nil {
			v.Notice = templates.Notice{Text: "The server has not seen your transaction's block yet. Reload the page in a moment.", Error: true}
		}
	}
	if h.Desk != nil {
		if !h.issuerSection(w, r, s, &v) {
			return
		}
	}
	kept := map[uint64]time.Time{}
	if h.Screening != nil {
		ks, err := h.Screening.Kept(r.Context(), s.identity)
		if err != nil {
			h.fail(w, r, "screened claims", err)
			return
		}
		for _, k := range ks {
			kept[k.Topic] = k.RenewsAt
		}
	}
	now := h.Clock()
	for _, topic := range h.Catalogue.Numbers() {
		found, err := h.Directory.ClaimsByTopic(r.Context(), s.identity, topic, now)
		if errors.Is(err, identity.ErrChainUnavailable) {
			v.Claims, v.Notice = nil, templates.Notice{Text: "The blockchain cannot be reached right now, so the claims cannot be listed. Try again in a moment.", Error: true}
			h.Static.Render(w, r, http.StatusServiceUnavailable, templates.ClaimsPage(v))
			return
		}
		if err != nil {
			h.fail(w, r, "read claims", err)
			return
		}
		for _, c := range found {
			row := templates.ClaimRow{Topic: topic, TopicName: h.Catalogue.Name(topic), Issuer: h.issuerName(c.Issuer), State: string(c.State)}
			if c.ValidUntil != nil {
				row.Expires = *c.ValidUntil
				if left := row.Expires.Sub(now); c.State == identity.StateValid && h.Desk != nil && left < h.Desk.NoticeAhead() {
					row.ExpiresSoon, row.DaysLeft = true, int(left/(24*time.Hour))
				}
			}
			if at, ok := kept[topic]; ok && c.Issuer == h.Desk.Issuer() && c.State == identity.StateValid {
				row.Screened, row.RenewsAt = true, at
			}
			v.Claims = append(v.Claims, row)
		}
	}
	h.Static.Render(w, r, http.StatusOK, templates.ClaimsPage(v))
}

func (h *Dashboard) issuerName(a common.Address) string {
	if n, ok := h.IssuerNames[a]; ok {
		return n
	}
	return a.Hex()
}

// accessText says in words what scopes give: "name, email address, KYC claim".
// openid is the identity itself and offline_access the grant's kind, so neither is
// listed.
func (h *Dashboard) accessText(scopes []string) []string {
	var out []string
	for _, s := range scopes {
		switch s {
		case consent.ScopeOpenID, consent.ScopeOffline:
			continue
		case consent.ScopeProfile:
			out = append(out, "name")
		case consent.ScopeEmail:
			out = append(out, "email address")
		case consent.ScopePhone:
			out = append(out, "phone number")
		case consent.ScopeAddress:
			out = append(out, "postal address")
		default:
			if topic, ok := consent.ClaimTopic(s); ok {
				out = append(out, h.Catalogue.Name(topic)+" claim")
			} else {
				out = append(out, s)
			}
		}
	}
	if len(out) == 0 {
		out = append(out, "your identity and wallet")
	}
	return out
}

// requestAccess says what an access request asks for: a claim topic from its
// resource path, or its profile fields.
func (h *Dashboard) requestAccess(resource string, fields []string) []string {
	if i := strings.LastIndex(resource, "/claims/"); i >= 0 {
		if topic, err := strconv.ParseUint(resource[i+len("/claims/"):], 10, 64); err == nil {
			return []string{h.Catalogue.Name(topic) + " claim"}
		}
	}
	var scopes []string
	for _, f := range fields {
		if s := consent.FieldScope(f); s != "" {
			scopes = append(scopes, s)
		} else {
			scopes = append(scopes, f)
		}
	}
	return h.accessText(scopes)
}
