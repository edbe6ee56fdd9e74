// login.js: the "Connect wallet" flow. Ask the wallet for an account, check its
// chain, fetch the SIWE message for that account, have the wallet sign it, post the
// signature and follow the server's redirect.
(function () {
  "use strict";
  const W = window.idconnect;
  const root = document.getElementById("login");
  if (!W || !root) {
    return;
  }
  const request = root.dataset.request;
  const hint = (root.dataset.loginHint || "").toLowerCase();
  const ui = W.panel(root);
  const connect = root.querySelector("#connect");
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
      failed(err);
    } finally {
      busy = false;
      connect.disabled = false;
    }
  }

  async function signIn() {
    // A real wallet always wins: the development wallet is only offered without one.
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
    const address = pick(accounts);
    if (!(await W.checkChain(provider, root, ui, run))) {
      return;
    }
    ui.status("Preparing the sign-in message…");
    const challenge = await W.postJSON("/login/challenge", { request, address });
    ui.status("Sign the message in your wallet…");
    const signature = await provider.request({ method: "personal_sign", params: [W.utf8Hex(challenge.message), address] });
    ui.status("Checking your signature…");
    const done = await W.postJSON("/login", { request, message: challenge.message, signature });
    ui.status("Signed in. Taking you back…");
    W.go(done.redirect);
  }

  // pick prefers the account the site suggested (login_hint) and says so when
  // the wallet did not share it; the owner may still go on with another.
  function pick(accounts) {
    const other = root.querySelector("#other-wallet");
    if (!hint) {
      return accounts[0];
    }
    const match = accounts.find((a) => typeof a === "string" && a.toLowerCase() === hint);
    if (other) {
      other.hidden = Boolean(match);
      const shared = root.querySelector("#shared-wallet");
      if (shared && !match) {
        shared.textContent = accounts[0];
      }
    }
    return match || accounts[0];
  }

  function failed(err) {
    if (err instanceof W.ServerError && err.code === "no_identity" && err.redirect) {
      ui.status("This wallet has no ONCHAINID identity yet. Opening the explanation…");
      W.go(err.redirect);
      return;
    }
    ui.problem(W.describe(err));
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
