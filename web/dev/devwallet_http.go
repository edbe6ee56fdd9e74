package dev

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"

	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/web"
	"github.com/idconnect/idconnect/web/httperr"
)

// devWalletMaxMessage bounds what the dev wallet signs; SIWE login and consent
// messages are a few kilobytes at most.
const devWalletMaxMessage = 16 << 10

// ErrBadSignRequest wraps every reason a dev wallet sign request is refused.
var ErrBadSignRequest = errors.New("web: dev wallet: bad sign request")

// signRequestError says in plain words why a sign request was refused.
type signRequestError struct{ reason string }

func (e signRequestError) Error() string { return ErrBadSignRequest.Error() + ": " + e.reason }
func (e signRequestError) Unwrap() error { return ErrBadSignRequest }

// Mount registers the development wallet's endpoints:
//
//	POST /dev/wallet/accounts  → 201 {"address":"0x…"}
//	POST /dev/wallet/sign      {"address","message"} → 200 {"signature":"0x…"}
//	GET  /dev/wallet/chain     → 200 {"chainId":"0x539"}
func (d *DevWallet) Mount(mux *http.ServeMux) {
	mux.HandleFunc("POST /dev/wallet/accounts", d.serveAccounts)
	mux.HandleFunc("POST /dev/wallet/sign", d.serveSign)
	mux.HandleFunc("GET /dev/wallet/chain", d.serveChain)
}

func (d *DevWallet) serveAccounts(w http.ResponseWriter, r *http.Request) {
	a, err := d.NewAccount()
	switch {
	case errors.Is(err, ErrTooManyAccounts):
		httperr.JSON(w, r, http.StatusConflict, "too_many_accounts", "The development wallet is full. Delete its key file and restart the server.")
		return
	case err != nil:
		httperr.FailJSON(w, r, d.Log, "dev wallet: new account", err)
		return
	}
	web.WriteJSON(w, http.StatusCreated, map[string]string{"address": a.Hex()})
}

func (d *DevWallet) serveSign(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 2*devWalletMaxMessage+1024))
	if err != nil {
		httperr.JSON(w, r, http.StatusRequestEntityTooLarge, "bad_request", "The message is too large to sign.")
		return
	}
	addr, msg, err := parseSignRequest(body)
	var bad signRequestError
	if errors.As(err, &bad) {
		httperr.JSON(w, r, http.StatusBadRequest, "bad_request", "The development wallet refused to sign: "+bad.reason+".")
		return
	}
	sig, err := d.Sign(addr, msg)
	if errors.Is(err, ErrUnknownAccount) {
		httperr.JSON(w, r, http.StatusNotFound, "unknown_account", "The development wallet has no key for this address.")
		return
	}
	if err != nil {
		httperr.FailJSON(w, r, d.Log, "dev wallet: sign", err)
		return
	}
	web.WriteJSON(w, http.StatusOK, map[string]string{"signature": hexutil.Encode(sig)})
}

func (d *DevWallet) serveChain(w http.ResponseWriter, r *http.Request) {
	web.WriteJSON(w, http.StatusOK, map[string]string{"chainId": "0x" + strconv.FormatUint(d.chainID, 16)})
}

// parseSignRequest reads {"address":"0x…","message":"…"}. As with wallets'
// personal_sign, a message written as 0x-hex is signed as the bytes it encodes and
// anything else as its UTF-8 text.
func parseSignRequest(body []byte) (common.Address, []byte, error) {
	var req struct {
		Address *string `json:"address"`
		Message *string `json:"message"`
	}
	if err := decodeStrict(body, &req); err != nil {
		return common.Address{}, nil, signRequestError{"the request is not JSON of the expected shape"}
	}
	if req.Address == nil || req.Message == nil {
		return common.Address{}, nil, signRequestError{"address and message are required"}
	}
	addr, err := identity.ParseAddress(*req.Address)
	if err != nil {
		return common.Address{}, nil, signRequestError{"the address is not an Ethereum address"}
	}
	msg := []byte(*req.Message)
	if strings.HasPrefix(*req.Message, "0x") {
		if raw, err := hexutil.Decode(*req.Message); err == nil {
			msg = raw
		}
	}
	switch {
	case len(msg) == 0:
		return common.Address{}, nil, signRequestError{"the message is empty"}
	case len(msg) > devWalletMaxMessage:
		return common.Address{}, nil, signRequestError{fmt.Sprintf("the message is longer than %d bytes", devWalletMaxMessage)}
	}
	return addr, msg, nil
}

// decodeStrict decodes exactly one JSON value with no unknown fields.
func decodeStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errors.New("trailing data after the JSON value")
	}
	return nil
}
