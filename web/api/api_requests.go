package api

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/consent"
	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/store"
	"github.com/idconnect/idconnect/web"
	"github.com/idconnect/idconnect/web/httperr"
)

// accessRequestBody is the body of POST <resource>/access-requests.
type accessRequestBody struct {
	Kind        string   `json:"kind"`
	Fields      []string `json:"fields"`
	Purpose     string   `json:"purpose"`
	CallbackURL string   `json:"callback_url"`
	// Wallet names the owner's wallet the challenge is written for; by
	// default the identity's first linked wallet.
	Wallet string `json:"wallet"`
}

// accessRequestAnswer is the 201 answer: the grant request and the
// challenge its owner signs.
type accessRequestAnswer struct {
	ID                 string    `json:"id"`
	State              string    `json:"state"`
	Kind               string    `json:"kind"`
	Resource           string    `json:"resource"`
	Fields             []string  `json:"fields"`
	Purpose            string    `json:"purpose"`
	Challenge          string    `json:"challenge"`
	ChallengeExpiresAt time.Time `json:"challenge_expires_at"`
	ExpiresAt          time.Time `json:"expires_at"`
}

func (h *AccessAPI) createRequest(w http.ResponseWriter, r *http.Request) {
	clientID, err := h.Services.Authenticate(r)
	if err != nil && !errors.Is(err, ErrUnauthenticated) {
		h.fail(w, r, "authenticate", err)
		return
	}
	if err != nil {
		httperr.Unauthenticated(w, r, "Send an API key (Authorization: ApiKey …) or a service token (Authorization: Bearer …).")
		return
	}
	if h.RequestLimit != nil {
		if ok, wait := h.RequestLimit.Check(clientID); !ok {
			web.TooManyRequests(w, r, wait)
			return
		}
	}
	id, ok := pathIdentity(w, r)
	if !ok {
		return
	}
	if h.IdentityLimit != nil {
		if ok, wait := h.IdentityLimit.Check(clientID + " " + id.Hex()); !ok {
			web.TooManyRequests(w, r, wait)
			return
		}
	}
	topic, ok := pathTopic(w, r)
	if !ok {
		return
	}
	var body accessRequestBody
	if !readJSON(w, r, &body) {
		return
	}
	ask := consent.Ask{ClientID: clientID, Target: consent.Target{Identity: id, Topic: topic},
		Kind: store.GrantKind(body.Kind), Fields: body.Fields, Purpose: body.Purpose, CallbackURL: body.CallbackURL}
	if body.Wallet != "" {
		if ask.Wallet, err = identity.ParseAddress(body.Wallet); err != nil {
			httperr.Problem(w, r, http.StatusBadRequest, "Bad wallet", "wallet must be a 0x-prefixed 20-byte address.")
			return
		}
	}
	asked, err := h.Flow.Create(r.Context(), ask)
	if err != nil {
		h.requestProblem(w, r, err)
		return
	}
	g := asked.Grant
	fields := g.Fields
	if fields == nil {
		fields = []string{} // a claim has no fields; the answer still lists them
	}
	w.Header().Set("Location", "/access-grants/"+g.ID)
	web.WriteJSON(w, http.StatusCreated, accessRequestAnswer{
		ID: g.ID, State: string(g.State), Kind: string(g.Kind), Resource: g.Resource, Fields: fields,
		Purpose: g.Purpose, Challenge: asked.Challenge.Text, ChallengeExpiresAt: asked.Challenge.ExpiresAt,
		ExpiresAt: g.ExpiresAt,
	})
}

// signedBody carries an owner's signature, and the signed message when it
// is not the one issued with the request.
type signedBody struct {
	Signature string `json:"signature"`
	Message   string `json:"message"`
}

// validationAnswer is what a validation returns; the token only to the
// service the grant is for.
type validationAnswer struct {
	ID          string `json:"id"`
	State       string `json:"state"`
	AccessToken string `json:"access_token,omitempty"`
	TokenType   string `json:"token_type,omitempty"`
	ExpiresIn   int64  `json:"expires_in,omitempty"`
}

func (h *AccessAPI) validate(w http.ResponseWriter, r *http.Request) {
	c, g, ok := h.callerGrant(w, r)
	if !ok {
		return
	}
	var body signedBody
	if !readJSON(w, r, &body) {
		return
	}
	if body.Signature == "" {
		httperr.Problem(w, r, http.StatusBadRequest, "Signature required", "Send the owner's signature of the challenge as \"signature\".")
		return
	}
	g, err := h.Flow.Validate(r.Context(), g.ID, body.Message, body.Signature)
	if err != nil {
		h.requestProblem(w, r, err)
		return
	}
	answer := validationAnswer{ID: g.ID, State: string(g.State)}
	if c.clientID != "" {
		token, ttl, err := h.Tokens.MintGrantToken(r.Context(), g)
		if err != nil {
			h.fail(w, r, "mint grant token", err)
			return
		}
		answer.AccessToken, answer.TokenType, answer.ExpiresIn = token, "Bearer", int64(ttl/time.Second)
	}
	web.WriteJSON(w, http.StatusOK, answer)
}

// walletBody names a wallet: the owner's that will sign a revocation, or
// the dev wallet account that gets an identity.
type walletBody struct {
	Wallet string `json:"wallet"`
}

// ReadWallet reads a walletBody, answering the request itself when it is
// not one.
func ReadWallet(w http.ResponseWriter, r *http.Request) (common.Address, bool) {
	var body walletBody
	if !readJSON(w, r, &body) {
		return common.Address{}, false
	}
	wallet, err := identity.ParseAddress(body.Wallet)
	if err != nil {
		httperr.Problem(w, r, http.StatusBadRequest, "Bad wallet", "wallet must be a 0x-prefixed 20-byte address.")
		return common.Address{}, false
	}
	return wallet, true
}

func (h *AccessAPI) revocationChallenge(w http.ResponseWriter, r *http.Request) {
	if h.ChallengeLimit != nil {
		if ok, wait := h.ChallengeLimit.Check(web.ClientIP(r)); !ok {
			web.TooManyRequests(w, r, wait)
			return
		}
	}
	wallet, ok := ReadWallet(w, r)
	if !ok {
		return
	}
	ch, err := h.Flow.RevocationChallenge(r.Context(), r.PathValue("id"), wallet)
	if err != nil {
		h.requestProblem(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusCreated, map[string]any{"challenge": ch.Text, "expires_at": ch.ExpiresAt})
}

// revoke ends a grant for its owner: signed in, or with a signed
// revocation challenge in the body.
func (h *AccessAPI) revoke(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	var (
		g   store.Grant
		err error
	)
	if r.ContentLength != 0 || r.Header.Get("Content-Type") != "" {
		var body signedBody
		if !readJSON(w, r, &body) {
			return
		}
		g, err = h.Flow.RevokeSigned(r.Context(), id, body.Message, body.Signature)
	} else {
		c, cerr := h.who(r)
		switch {
		case cerr == nil && c.clientID != "":
			httperr.Problem(w, r, http.StatusForbidden, "Owner only",
				"Only the identity's owner may revoke: sign in, or send a signed revocation challenge.")
			return
		case cerr != nil || c.owner == (common.Address{}):
			httperr.Problem(w, r, http.StatusUnauthorized, "Owner authentication required",
				"Only the identity's owner may revoke: sign in, or send a signed revocation challenge.")
			return
		}
		g, err = h.Flow.Revoke(r.Context(), id, c.owner)
		if errors.Is(err, consent.ErrNotOwner) {
			// As GET does: another identity's grant does not exist for you.
			err = consent.ErrUnknownGrant
		}
	}
	if err != nil {
		h.requestProblem(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, viewGrant(g, h.Clock()))
}

// requestProblem answers the access-request flow's refusals.
func (h *AccessAPI) requestProblem(w http.ResponseWriter, r *http.Request, err error) {
	for _, p := range []struct {
		err    error
		status int
		title  string
	}{
		{consent.ErrBadRequest, http.StatusUnprocessableEntity, "Bad access request"},
		{consent.ErrUnknownIdentity, http.StatusNotFound, "Unknown identity"},
		{consent.ErrNoWallet, http.StatusUnprocessableEntity, "No wallet to ask"},
		{consent.ErrUnknownGrant, http.StatusNotFound, "Unknown access grant"},
		{consent.ErrDecided, http.StatusConflict, "Already decided"},
		{consent.ErrRequestExpired, http.StatusGone, "Access request expired"},
		{consent.ErrChallengeExpired, http.StatusBadRequest, "Challenge expired"},
		{consent.ErrBadSignature, http.StatusBadRequest, "Bad signature"},
		{consent.ErrNotOwner, http.StatusForbidden, "Not the owner"},
	} {
		if errors.Is(err, p.err) {
			httperr.Problem(w, r, p.status, p.title, problemDetail(err))
			return
		}
	}
	h.fail(w, r, "access request", err)
}

// problemDetail is the flow's sentence: it names the rule that refused the
// request and never holds personal data, only ids and wallet addresses the
// caller sent or was given.
func problemDetail(err error) string {
	return strings.ReplaceAll(err.Error(), "consent: ", "")
}
