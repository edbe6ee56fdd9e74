package account_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/idconnect/idconnect/contracts"
	"github.com/idconnect/idconnect/internal/browsertest"
	"github.com/idconnect/idconnect/internal/simchain"
)

// sendingWallet is an EIP-1193 wallet for the dashboard's "Send with wallet": it
// holds the owner's key, sends transactions to the simulated chain and reports
// their receipts, answering the first receipt query with null as a wallet does
// before the transaction is mined.
type sendingWallet struct {
	e *dashEnv

	mu       sync.Mutex
	sent     []common.Address // the to of each transaction
	receipts map[string]*types.Receipt
	asked    map[string]int
}

type walletRequest struct {
	Method string            `json:"method"`
	Params []json.RawMessage `json:"params"`
}

func (w *sendingWallet) request(_ context.Context, c walletRequest) (any, error) {
	switch c.Method {
	case "eth_requestAccounts":
		return []string{w.e.wallet.Hex()}, nil
	case "eth_chainId":
		return fmt.Sprintf("0x%x", simchain.ChainID), nil
	case "eth_sendTransaction":
		var tx struct{ From, To, Data, Value string }
		if len(c.Params) != 1 || json.Unmarshal(c.Params[0], &tx) != nil || !strings.EqualFold(tx.From, w.e.wallet.Hex()) || tx.Value != "0x0" {
			return nil, fmt.Errorf("unexpected transaction %s", c.Params)
		}
		data, err := hexutil.Decode(tx.Data)
		if err != nil {
			return nil, err
		}
		to := common.HexToAddress(tx.To)
		receipt, err := w.e.chain.Sender(w.e.ownerKey).Transact(context.Background(), to, data)
		if err != nil {
			return nil, err
		}
		hash := receipt.TxHash.Hex()
		w.mu.Lock()
		defer w.mu.Unlock()
		w.sent = append(w.sent, to)
		w.receipts[hash] = receipt
		return hash, nil
	case "eth_getTransactionReceipt":
		var hash string
		if len(c.Params) != 1 || json.Unmarshal(c.Params[0], &hash) != nil {
			return nil, fmt.Errorf("unexpected params %s", c.Params)
		}
		w.mu.Lock()
		defer w.mu.Unlock()
		w.asked[hash]++
		r := w.receipts[hash]
		if r == nil || w.asked[hash] == 1 {
			return nil, nil
		}
		return map[string]string{"transactionHash": hash, "status": fmt.Sprintf("0x%x", r.Status),
			"blockNumber": fmt.Sprintf("0x%x", r.BlockNumber.Uint64())}, nil
	}
	return nil, fmt.Errorf("unsupported method %s", c.Method)
}

// sendingWalletJS installs window.ethereum on top of the Go binding.
const sendingWalletJS = `(() => {
  window.ethereum = Object.freeze({
    async request(args) { return await window.dashWallet({ method: String(args.method), params: args.params || [] }); },
    on() {},
    removeListener() {},
  });
})();`

// TestBrowserDashboardSendsKeyChange: in Chromium, the owner fills in the add
// form (no script involved), then clicks "Send with wallet"; dashboard.js sends
// the prepared call from the signed-in wallet, polls for the receipt and returns
// to the key list, which shows the new key.
func TestBrowserDashboardSendsKeyChange(t *testing.T) {
	e := newDashEnv(t)
	tab := browsertest.Tab(t)
	w := &sendingWallet{e: e, receipts: map[string]*types.Receipt{}, asked: map[string]int{}}
	u, _ := url.Parse(e.srv.URL)
	cookie := e.browser.Jar.Cookies(u)[0]
	browsertest.Run(t, tab,
		chromedp.ExposeFunc("dashWallet", w.request),
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, network.SetCookie, network.SetCookieParams{Name: cookie.Name, Value: cookie.Value, URL: e.srv.URL})
			return err
		}))
	browsertest.Inject(t, tab, sendingWalletJS)

	added := crypto.PubkeyToAddress(simchain.NewKey().PublicKey)
	browsertest.OpenPage(t, tab, e.srv.URL+"/account/wallets", "#add-wallet button[type=submit]")
	browsertest.Run(t, tab,
		chromedp.SendKeys(chromedp.CSS("#f-address"), added.Hex()),
		chromedp.Click(chromedp.CSS("#add-wallet button[type=submit]")),
		chromedp.WaitEnabled(chromedp.CSS("#send")))
	browsertest.Screenshot(t, tab, "dashboard-wallet-call.png")
	browsertest.Run(t, tab,
		chromedp.Click(chromedp.CSS("#send")),
		chromedp.WaitVisible(chromedp.CSS("main#account .notice.ok")))
	browsertest.Screenshot(t, tab, "dashboard-wallets.png")
	if got := browsertest.Eval[string](t, tab, `location.pathname + location.search`); !strings.HasPrefix(got, "/account/wallets?done=sent&block=") {
		t.Errorf("after sending the page is %s", got)
	}
	if got := browsertest.Text(t, tab, "#keys"); !strings.Contains(got, contracts.KeyID(added).Hex()) || !strings.Contains(got, "action") {
		t.Errorf("the key list after sending reads %q", got)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.sent) != 1 || w.sent[0] != e.id {
		t.Errorf("transactions sent to %v, want one to the identity %s", w.sent, e.id)
	}
}
