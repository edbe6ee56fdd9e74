// consent.js: the Allow button. Collect the ticked scopes, fetch the consent
// message for exactly that list, have the signed-in wallet sign it, post it and
// follow the redirect. Deny is a plain form and needs none of this.
(function () {
  "use strict";
  const W = window.idconnect;
  const root = document.getElementById("consent");
  if (!W || !root) {
    return;
  }
  const request = root.dataset.request;
  const wallet = root.dataset.wallet;
  const ui = W.panel(root);
  const allow = root.querySelector("#allow");
  let busy = false;

  function scopes() {
    return Array.from(root.querySelectorAll('input[name="scope"]:checked'), (input) => input.value);
  }

  // provider returns the browser's wallet, or the development wallet the owner
  // chose at login when the server runs in development mode and there is none.
  function provider() {
    if (!window.ethereum && root.dataset.devWallet === "true" && window.idconnectDevWallet) {
      window.idconnectDevWallet.install();
    }
    if (!window.ethereum) {
      throw new W.PlainError("No wallet found. Open this page in the browser where your wallet is installed. You can still deny without a wallet.");
    }
    return window.ethereum;
  }

  async function run() {
    if (busy) {
      return;
    }
    busy = true;
    allow.disabled = true;
    ui.reset();
    try {
      await approve();
    } catch (err) {
      ui.problem(W.describe(err));
    } finally {
      busy = false;
      allow.disabled = false;
    }
  }

  async function approve() {
    const p = provider();
    ui.status("Waiting for your wallet…");
    const accounts = await p.request({ method: "eth_requestAccounts" });
    const address = (accounts || []).find((a) => typeof a === "string" && a.toLowerCase() === wallet.toLowerCase());
    if (!address) {
      throw new W.PlainError("You signed in with " + wallet + ", but your wallet offers " + ((accounts || [])[0] || "no account") + ". Switch to the signed-in account in your wallet and try again.");
    }
    if (!(await W.checkChain(p, root, ui, run))) {
      return;
    }
    const list = scopes();
    ui.status("Preparing the consent message…");
    const challenge = await W.postJSON("/consent/challenge", { request, scopes: list });
    ui.status("Sign the consent in your wallet…");
    const signature = await p.request({ method: "personal_sign", params: [W.utf8Hex(challenge.message), address] });
    ui.status("Recording your consent…");
    const done = await W.postJSON("/consent", { request, scopes: list, message: challenge.message, signature, decision: "allow" });
    ui.status("Done. Taking you back…");
    W.go(done.redirect);
  }

  allow.addEventListener("click", run);
  allow.disabled = false;
})();
