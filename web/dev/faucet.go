package dev

import (
	"context"
	"log/slog"
	"net/http"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/web"
	"github.com/idconnect/idconnect/web/api"
	"github.com/idconnect/idconnect/web/httperr"
)

// Faucet gives a wallet gas on the dev chain, so that a fresh wallet can
// send its own transactions (an addKey, an addClaim) and never gets stuck.
// The dashboard asks for it before it hands a transaction to the wallet.
// Mounted only with --dev.
type Faucet struct {
	Fund func(ctx context.Context, wallet common.Address) error
	Log  *slog.Logger
}

// Mount registers POST /dev/faucet {"wallet":"0x…"} → {"wallet"}.
func (f *Faucet) Mount(mux *http.ServeMux) {
	mux.HandleFunc("POST /dev/faucet", f.serve)
}

func (f *Faucet) serve(w http.ResponseWriter, r *http.Request) {
	wallet, ok := api.ReadWallet(w, r)
	if !ok {
		return
	}
	if err := f.Fund(r.Context(), wallet); err != nil {
		httperr.FailJSON(w, r, f.Log, "dev faucet", err)
		return
	}
	web.WriteJSON(w, http.StatusOK, map[string]string{"wallet": wallet.Hex()})
}
