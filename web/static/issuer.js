// issuer.js: the issuer console's sign-in. Ask the wallet for an account, check its
// chain, fetch a wallet challenge (POST /auth/challenges), have the wallet sign it
// and post it to /issuer/session, which lets in only a claim key of the issuer.
(function () {
  "use strict";
  const W = window.idconnect;
  const root = document.getElementById("issuer");
  const connect = root && root.querySelector("#connect");
  if (!W || !connect) {
    return;
  }
  const ui = W.panel(root);
  let busy = false;

  async function run() {
    if (busy) {
      return;
    }
    busy = true;
    connect.disabled = true;
    ui.reset();
    try {
      await signIn();
    } catch (err) {
      ui.problem(W.describe(err));
    } finally {
      busy = false;
      connect.disabled = false;
    }
  }

  async function signIn() {
    const provider = window.ethereum;
    if (!provider) {
      ui.show("no-wallet");
      return;
    }
    ui.status("Waiting for your wallet to share an account…");
    const accounts = await provider.request({ method: "eth_requestAccounts" });
    if (!Array.isArray(accounts) || accounts.length === 0) {
      throw new W.PlainError("Your wallet shared no account. Unlock it and try again.");
    }
    const address = accounts[0];
    if (!(await W.checkChain(provider, root, ui, run))) {
      return;
    }
    ui.status("Preparing the sign-in message…");
    const c = await W.postJSON("/auth/challenges", { wallet: address });
    ui.status("Sign the message in your wallet…");
    const signature = await provider.request({ method: "personal_sign", params: [W.utf8Hex(c.challenge), address] });
    ui.status("Checking your signature and your key on the issuer…");
    const done = await W.postJSON("/issuer/session", { message: c.challenge, signature });
    W.go(done.redirect);
  }

  const useDev = root.querySelector("#use-dev-wallet");
  if (useDev) {
    useDev.addEventListener("click", () => {
      if (window.idconnectDevWallet && window.idconnectDevWallet.install()) {
        ui.hide("no-wallet");
        run();
      }
    });
  }
  connect.addEventListener("click", run);
  connect.disabled = false;
})();
