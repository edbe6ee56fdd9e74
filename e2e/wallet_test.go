package e2e

import (
	"context"
	"crypto/ecdsa"
	"strings"
	"sync"
	"testing"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"
)

// devChainHex is eth_chainId of the dev chain, 1337.
const devChainHex = "0x539"

// wallet is an EIP-1193 wallet whose key the test holds. The page reaches it through
// a runtime binding (walletJS), because the pages' CSP lets them fetch only their
// own origin. It answers the methods the login and consent pages use, and records
// every message it signs.
type wallet struct {
	key  *ecdsa.PrivateKey
	Addr common.Address

	mu      sync.Mutex
	chainID string
	reject  bool
	signed  []signedMessage
}

// signedMessage is a personal_sign the wallet performed.
type signedMessage struct {
	Text      string // the message as the page showed it
	Signature string // 0x-hex, v in {27, 28}
}

// walletCall is what the page passes for one request: {method, params}.
type walletCall struct {
	Method string `json:"method"`
	Params []any  `json:"params"`
}

// walletAnswer carries either the result or an EIP-1193 error; walletJS throws the
// error with its code, as a real wallet's provider does.
type walletAnswer struct {
	Result any          `json:"result,omitempty"`
	Error  *walletError `json:"error,omitempty"`
}

type walletError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

func newWallet(t *testing.T) *wallet {
	t.Helper()
	key, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	return &wallet{key: key, Addr: crypto.PubkeyToAddress(key.PublicKey), chainID: devChainHex}
}

// setChain sets what eth_chainId answers, as 0x-hex.
func (w *wallet) setChain(hex string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.chainID = hex
}

// setReject makes personal_sign fail as when the owner clicks "Reject" (4001).
func (w *wallet) setReject(reject bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.reject = reject
}

// Signed returns the messages signed so far, oldest first.
func (w *wallet) Signed() []signedMessage {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]signedMessage(nil), w.signed...)
}

// request answers one EIP-1193 request from the page.
func (w *wallet) request(_ context.Context, c walletCall) (walletAnswer, error) {
	switch c.Method {
	case "eth_requestAccounts", "eth_accounts":
		return walletAnswer{Result: []string{w.Addr.Hex()}}, nil
	case "eth_chainId":
		w.mu.Lock()
		defer w.mu.Unlock()
		return walletAnswer{Result: w.chainID}, nil
	case "personal_sign":
		return w.personalSign(c.Params), nil
	}
	return refuse(4200, "The test wallet does not support "+c.Method+"."), nil
}

// personalSign signs params[0] (0x-hex bytes) for params[1] with the EIP-191 prefix.
func (w *wallet) personalSign(params []any) walletAnswer {
	if len(params) != 2 {
		return refuse(-32602, "personal_sign takes [message, address]")
	}
	hexMsg, _ := params[0].(string)
	addr, _ := params[1].(string)
	msg, err := hexutil.Decode(hexMsg)
	if err != nil {
		return refuse(-32602, "the message is not 0x-hex: "+err.Error())
	}
	if !strings.EqualFold(addr, w.Addr.Hex()) {
		return refuse(4100, "The test wallet does not hold "+addr+".")
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.reject {
		return refuse(4001, "User rejected the request.")
	}
	sig, err := crypto.Sign(accounts.TextHash(msg), w.key)
	if err != nil {
		return refuse(-32603, err.Error())
	}
	sig[64] += 27
	w.signed = append(w.signed, signedMessage{Text: string(msg), Signature: hexutil.Encode(sig)})
	return walletAnswer{Result: hexutil.Encode(sig)}
}

func refuse(code int, msg string) walletAnswer {
	return walletAnswer{Error: &walletError{Code: code, Message: msg}}
}

// walletBinding is the name of the Go function the page calls.
const walletBinding = "e2eWallet"

// walletJS installs window.ethereum before the page's own scripts run, the way a
// wallet extension does. It looks the binding up on each call, because the order in
// which new-document scripts run is not this script's to choose.
const walletJS = `(() => {
  if (window.ethereum) { return; }
  window.ethereum = Object.freeze({
    isE2ETestWallet: true,
    async request(args) {
      const { method, params } = args || {};
      const answer = await window.` + walletBinding + `({ method: String(method), params: Array.isArray(params) ? params : [] });
      if (answer && answer.error) {
        const err = new Error(answer.error.message);
        err.code = answer.error.code;
        throw err;
      }
      return answer ? answer.result : undefined;
    },
    on() {},
    removeListener() {},
  });
})();`
