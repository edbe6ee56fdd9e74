package dev

import (
	"errors"
	"log/slog"
	"net/http"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/signin"
	"github.com/idconnect/idconnect/web"
	"github.com/idconnect/idconnect/web/api"
	"github.com/idconnect/idconnect/web/httperr"
)

// DevIdentities gives a wallet its identity on the dev chain without a
// browser, for walking through the access-request API with curl: the
// login page does the same on a wallet's first sign-in. Mounted only with
// --dev.
type DevIdentities struct {
	Directory identity.Directory
	Onboarder signin.Onboarder
	Log       *slog.Logger
}

// Mount registers POST /dev/identities {"wallet":"0x…"} → {"wallet","identity"}.
func (h *DevIdentities) Mount(mux *http.ServeMux) {
	mux.HandleFunc("POST /dev/identities", h.serve)
}

func (h *DevIdentities) serve(w http.ResponseWriter, r *http.Request) {
	wallet, ok := api.ReadWallet(w, r)
	if !ok {
		return
	}
	status := http.StatusOK
	res, err := h.Directory.Resolve(r.Context(), wallet, common.Address{})
	id := res.Identity
	if errors.Is(err, identity.ErrNoIdentity) {
		status = http.StatusCreated
		id, err = h.Onboarder.Onboard(r.Context(), wallet)
	}
	if err != nil {
		httperr.FailProblem(w, r, h.Log, "dev identities: onboard", err)
		return
	}
	web.WriteJSON(w, status, map[string]string{"wallet": wallet.Hex(), "identity": id.Hex()})
}
