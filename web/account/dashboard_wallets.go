package account

import (
	"context"
	"errors"
	"math/big"
	"net/http"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"

	"github.com/idconnect/idconnect/contracts"
	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/templates"
	"github.com/idconnect/idconnect/web"
)

// followWait bounds how long the wallet list waits for the server to see the block
// of a transaction the owner just sent; after it, the list shows what it has.
const followWait = 10 * time.Second

func (h *Dashboard) wallets(w http.ResponseWriter, r *http.Request) {
	s, ok := h.session(w, r, "wallets")
	if !ok {
		return
	}
	v := templates.WalletsView{Nav: s.nav, Notice: doneNotice(r.URL.Query(), map[string]templates.Notice{
		"sent": {Text: "The transaction was mined. The list shows the keys after it."},
	})}
	if n, ok := afterBlock(r.URL.Query()); ok && h.Follow != nil {
		ctx, cancel := context.WithTimeout(r.Context(), followWait)
		err := h.Follow.WaitBlock(ctx, n)
		cancel()
		if err != nil {
			v.Notice = templates.Notice{Text: "The server has not seen your transaction's block yet. Reload the page in a moment.", Error: true}
		}
	}
	h.renderWallets(w, r, s, v, http.StatusOK)
}

// renderWallets reads the keys from the chain into v and renders the page.
func (h *Dashboard) renderWallets(w http.ResponseWriter, r *http.Request, s ownerSession, v templates.WalletsView, status int) {
	keys, err := h.Keys.Keys(r.Context(), s.identity, s.wallet)
	switch {
	case errors.Is(err, identity.ErrChainUnavailable):
		v.Notice = templates.Notice{Text: "The blockchain cannot be reached right now, so the keys cannot be listed. Try again in a moment.", Error: true}
		status = http.StatusServiceUnavailable
	case err != nil:
		h.fail(w, r, "list keys", err)
		return
	}
	v.Keys = keyRows(keys, s.wallet)
	h.Static.Render(w, r, status, templates.WalletsPage(v))
}

// keyRows lists the keys with the signed-in wallet first.
func keyRows(keys []identity.Key, you common.Address) []templates.KeyRow {
	rows := make([]templates.KeyRow, 0, len(keys))
	for _, k := range keys {
		row := templates.KeyRow{ID: k.ID.Hex()}
		if k.Wallet != nil {
			row.Wallet, row.You = k.Wallet.Hex(), *k.Wallet == you
		}
		for _, p := range k.Purposes {
			row.Purposes = append(row.Purposes, templates.PurposeRow{Number: p, Name: identity.PurposeName(p)})
		}
		if row.You {
			rows = append([]templates.KeyRow{row}, rows...)
		} else {
			rows = append(rows, row)
		}
	}
	return rows
}

// prepareWallet answers the add and remove forms with the call for the owner's
// wallet to send: addKey(keccak256(abi.encode(address)), purpose, 1) or
// removeKey(key, purpose), to the identity contract. The server signs nothing.
func (h *Dashboard) prepareWallet(w http.ResponseWriter, r *http.Request) {
	s, ok := h.session(w, r, "wallets")
	if !ok {
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, web.MaxPostBytes)
	if err := r.ParseForm(); err != nil {
		h.errorPage(w, r, http.StatusBadRequest, "The form could not be read", "Go back and try again.")
		return
	}
	c, fields, err := parseWalletChange(r.PostForm)
	switch {
	case err != nil:
		h.errorPage(w, r, http.StatusBadRequest, "The form could not be read", "Go back to your wallets and try again.")
		return
	case fields != nil:
		h.renderWallets(w, r, s, templates.WalletsView{Nav: s.nav, Errors: fields,
			Form: templates.WalletForm{Address: one(r.PostForm, "address"), Purpose: one(r.PostForm, "purpose")}}, http.StatusUnprocessableEntity)
		return
	}
	h.Static.Render(w, r, http.StatusOK, templates.WalletCallPage(walletCall(s, c)))
}

// walletCall builds the page of a prepared key change.
func walletCall(s ownerSession, c walletChange) templates.WalletCallView {
	call := contracts.IdentityCall()
	purpose := new(big.Int).SetUint64(c.Purpose)
	name := identity.PurposeName(c.Purpose)
	v := templates.WalletCallView{Nav: s.nav, From: s.wallet.Hex(), To: s.identity.Hex()}
	if c.Add {
		v.Summary = "Add " + c.Address.Hex() + " as " + article(name) + " " + name + " key of your identity."
		v.Data = hexutil.Encode(call.PackAddKey(contracts.KeyID(c.Address), purpose, big.NewInt(contracts.KeyTypeECDSA)))
		return v
	}
	yours := c.Key == contracts.KeyID(s.wallet)
	target := "key " + c.Key.Hex()
	if yours {
		target = "the wallet you are signed in with (" + s.wallet.Hex() + ")"
	}
	v.Summary = "Remove the " + name + " purpose from " + target + "."
	v.Data = hexutil.Encode(call.PackRemoveKey(c.Key, purpose))
	if yours && (c.Purpose == identity.PurposeManagement || c.Purpose == identity.PurposeAction) {
		v.Warning = "This is the wallet you are signed in with. Without a management or action purpose it can no longer sign in for this identity, and without management it can no longer change the keys."
	}
	return v
}

// article is "a" or "an" before a purpose name.
func article(word string) string {
	if word != "" && strings.ContainsRune("aeiou", rune(word[0])) {
		return "an"
	}
	return "a"
}
