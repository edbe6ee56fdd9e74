// devwallet.js: the development wallet, an EIP-1193 provider whose keys live on the
// server (POST /dev/wallet/accounts, POST /dev/wallet/sign). It is served only in
// --dev mode and installs itself as window.ethereum only on request, only when the
// browser has no wallet, and only on a page that says it runs in development mode.
// It signs without asking: that is why it exists in development mode only.
(function () {
  "use strict";
  const W = window.idconnect;
  const STORAGE_KEY = "idconnect.devwallet.address";

  function rpcError(code, message) {
    const err = new Error(message);
    err.code = code;
    return err;
  }

  function createProvider() {
    let chain = null;
    let hintTried = false; // a hinted account this wallet does not hold is tried once
    const listeners = new Map();

    async function account() {
      // The site's login_hint names the account to use, when this wallet may hold it.
      const root = document.querySelector("main[data-login-hint]");
      const hinted = root && root.dataset.loginHint;
      if (hinted && !hintTried && hinted !== window.localStorage.getItem(STORAGE_KEY)) {
        hintTried = true;
        window.localStorage.setItem(STORAGE_KEY, hinted);
        emit("accountsChanged", [hinted]);
      }
      const known = window.localStorage.getItem(STORAGE_KEY);
      if (known) {
        return known;
      }
      const created = await W.postJSON("/dev/wallet/accounts", {});
      window.localStorage.setItem(STORAGE_KEY, created.address);
      emit("accountsChanged", [created.address]);
      return created.address;
    }

    async function chainId() {
      if (chain === null) {
        const res = await fetch("/dev/wallet/chain", { headers: { Accept: "application/json" } });
        if (!res.ok) {
          throw rpcError(4901, "The development wallet cannot reach the server.");
        }
        chain = (await res.json()).chainId;
      }
      return chain;
    }

    async function personalSign(params) {
      const [message, address] = params || [];
      const mine = await account();
      if (typeof address !== "string" || address.toLowerCase() !== mine.toLowerCase()) {
        throw rpcError(4100, "The development wallet does not hold " + address + ".");
      }
      try {
        return (await W.postJSON("/dev/wallet/sign", { address: mine, message })).signature;
      } catch (err) {
        if (err.code === "unknown_account") {
          window.localStorage.removeItem(STORAGE_KEY);
          throw rpcError(4100, "The development wallet no longer has this account. Connect again to create a new one.");
        }
        throw rpcError(-32603, err.message);
      }
    }

    async function switchChain(params) {
      const want = params && params[0] && params[0].chainId;
      if (typeof want === "string" && want.toLowerCase() === (await chainId()).toLowerCase()) {
        return null;
      }
      throw rpcError(4902, "The development wallet knows only chain " + BigInt(await chainId()).toString() + ".");
    }

    function emit(event, value) {
      (listeners.get(event) || []).forEach((fn) => fn(value));
    }

    return Object.freeze({
      isIdconnectDevWallet: true,
      async request(args) {
        const { method, params } = args || {};
        switch (method) {
          case "eth_requestAccounts":
          case "eth_accounts":
            return [await account()];
          case "eth_chainId":
            return chainId();
          case "personal_sign":
            return personalSign(params);
          case "wallet_switchEthereumChain":
            return switchChain(params);
          default:
            throw rpcError(4200, "The development wallet does not support " + method + ".");
        }
      },
      on(event, fn) {
        listeners.set(event, (listeners.get(event) || []).concat(fn));
      },
      removeListener(event, fn) {
        listeners.set(event, (listeners.get(event) || []).filter((f) => f !== fn));
      },
    });
  }

  // install puts the development wallet in window.ethereum and reports whether it
  // did. A real wallet, or a page not in development mode, keeps it out.
  function install() {
    if (window.ethereum) {
      return false;
    }
    const root = document.querySelector("main[data-dev-wallet]");
    if (!W || !root || root.dataset.devWallet !== "true") {
      return false;
    }
    window.ethereum = createProvider();
    return true;
  }

  window.idconnectDevWallet = Object.freeze({ install });
})();
