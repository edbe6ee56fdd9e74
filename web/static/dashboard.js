// dashboard.js: the two owner's-dashboard actions that need the wallet. Approve asks
// the server for the request's approval message, has the signed-in wallet sign it
// and posts it to the access-request API. "Send with wallet" hands a prepared
// addKey/removeKey call to the wallet, waits for its receipt and reloads the key
// list. Everything else on the dashboard is plain links and forms.
(function () {
  "use strict";
  const W = window.idconnect;
  const root = document.getElementById("account");
  if (!W || !root) {
    return;
  }
  const wallet = root.dataset.wallet;
  const ui = W.panel(root);
  let busy = false;

  // provider returns the browser's wallet, or in development mode the development
  // wallet the owner chose at login when there is none (it can sign, not send).
  function provider() {
    if (!window.ethereum && root.dataset.devWallet === "true" && window.idconnectDevWallet) {
      window.idconnectDevWallet.install();
    }
    if (!window.ethereum) {
      throw new W.PlainError("No wallet found. Open this page in the browser where your wallet is installed.");
    }
    return window.ethereum;
  }

  // signedInAccount returns the wallet's account that the owner signed in with.
  async function signedInAccount(p) {
    const accounts = await p.request({ method: "eth_requestAccounts" });
    const address = (accounts || []).find((a) => typeof a === "string" && a.toLowerCase() === wallet.toLowerCase());
    if (!address) {
      throw new W.PlainError("You signed in with " + wallet + ", but your wallet offers " + ((accounts || [])[0] || "no account") + ". Switch to the signed-in account in your wallet and try again.");
    }
    return address;
  }

  // guarded runs one wallet action at a time, with the page's buttons disabled
  // while it runs; a problem is shown in plain words.
  function guarded(buttons, action) {
    const run = async (...args) => {
      if (busy) {
        return;
      }
      busy = true;
      buttons.forEach((b) => (b.disabled = true));
      ui.reset();
      try {
        await action(() => run(...args), ...args);
      } catch (err) {
        ui.problem(W.describe(err));
      } finally {
        busy = false;
        buttons.forEach((b) => (b.disabled = false));
      }
    };
    return run;
  }

  // postAPI posts to the access-request API and turns its refusals (RFC 9457
  // problems) into sentences about the approval.
  async function postAPI(url, body) {
    try {
      return await W.postJSON(url, body);
    } catch (err) {
      if (!(err instanceof W.ServerError) || err.status === 0) {
        throw err;
      }
      const detail = err.message ? " (" + err.message + ")" : "";
      switch (err.status) {
        case 409:
          throw new W.PlainError("This request was already answered. Reload the page.");
        case 410:
          throw new W.PlainError("This request expired before your answer. The service must ask again.");
        case 403:
          throw new W.PlainError("The wallet that signed is not a management or action key of your identity.");
        case 400:
          throw new W.PlainError("The server did not accept the signature" + detail + ". Try again.");
      }
      throw new W.PlainError("The server refused the approval (HTTP " + err.status + ")" + detail + ". Reload the page and try again.");
    }
  }

  async function approve(retry, id) {
    const p = provider();
    ui.status("Waiting for your wallet…");
    const address = await signedInAccount(p);
    if (!(await W.checkChain(p, root, ui, retry))) {
      return;
    }
    const path = encodeURIComponent(id);
    ui.status("Preparing the approval message…");
    const c = await W.postJSON("/account/requests/" + path + "/challenge", {});
    ui.status("Sign the approval in your wallet…");
    const signature = await p.request({ method: "personal_sign", params: [W.utf8Hex(c.challenge), address] });
    ui.status("Recording your approval…");
    await postAPI("/access-grants/" + path + "/validations", { message: c.challenge, signature });
    ui.status("Approved. Opening the grant…");
    W.go("/account/grants/" + path + "?done=approved");
  }

  async function send(retry) {
    const call = root.querySelector("#call").dataset;
    const p = provider();
    ui.status("Waiting for your wallet…");
    const from = await signedInAccount(p);
    if (!(await W.checkChain(p, root, ui, retry))) {
      return;
    }
    if (root.dataset.devWallet === "true") {
      // On the dev chain, the faucet gives the wallet gas first.
      ui.status("Getting gas for your wallet from the dev chain's faucet…");
      await W.postJSON("/dev/faucet", { wallet: from });
    }
    ui.status("Confirm the transaction in your wallet…");
    const hash = await p.request({ method: "eth_sendTransaction", params: [{ from, to: call.to, data: call.data, value: "0x0" }] });
    ui.status("Sent. Waiting for the transaction to be mined…");
    const receipt = await receiptOf(p, hash);
    if (receipt.status !== "0x1") {
      throw new W.PlainError("The transaction was mined but failed, so nothing changed. Only a management key of your identity can change its keys or add claims.");
    }
    const back = call.return && call.return.startsWith("/account/") ? call.return : "/account/wallets";
    W.go(back + "?done=sent&block=" + BigInt(receipt.blockNumber).toString());
  }

  // receiptOf polls the wallet's node for the transaction's receipt.
  async function receiptOf(p, hash) {
    const deadline = Date.now() + 5 * 60 * 1000;
    while (Date.now() < deadline) {
      const receipt = await p.request({ method: "eth_getTransactionReceipt", params: [hash] });
      if (receipt) {
        return receipt;
      }
      await new Promise((done) => setTimeout(done, 1000));
    }
    throw new W.PlainError("The transaction " + hash + " was not mined within five minutes. It may still be: look at the wallets page again later.");
  }

  const approvals = Array.from(root.querySelectorAll("button.approve"));
  const sendButton = root.querySelector("#send");
  const buttons = sendButton ? approvals.concat([sendButton]) : approvals;
  approvals.forEach((b) => {
    b.addEventListener("click", guarded(buttons, (retry) => approve(retry, b.dataset.request)));
  });
  if (sendButton) {
    sendButton.addEventListener("click", guarded(buttons, send));
  }
  buttons.forEach((b) => (b.disabled = false));
})();
