// wallet.js: what the login and consent pages share. It talks to the server's JSON
// endpoints and turns wallet and server errors into sentences. Exposed as
// window.idconnect; the page scripts run after it (all scripts are deferred).
(function () {
  "use strict";

  // ServerError carries the server's {"error","message"} answer; code is the
  // machine-readable part, message is meant for people.
  class ServerError extends Error {
    constructor(status, body) {
      super(body.message);
      this.status = status;
      this.code = body.error;
      this.redirect = body.redirect;
    }
  }

  // PlainError is a problem this page found itself; its message is shown as is.
  class PlainError extends Error {}

  async function postJSON(url, body) {
    let res;
    try {
      res = await fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify(body),
      });
    } catch (e) {
      throw new ServerError(0, { error: "network", message: "The server could not be reached. Check your connection and try again." });
    }
    let data = null;
    try {
      data = await res.json();
    } catch (e) {
      data = null;
    }
    if (res.ok && data) {
      return data;
    }
    if (data && typeof data.message === "string") {
      throw new ServerError(res.status, data);
    }
    if (data && typeof data.detail === "string") {
      // An RFC 9457 problem, as the access-request API answers.
      throw new ServerError(res.status, { error: "http_" + res.status, message: data.detail });
    }
    if (res.status === 429) {
      throw new ServerError(res.status, { error: "rate_limited", message: "Too many attempts. Wait a minute and try again." });
    }
    throw new ServerError(res.status, { error: "http_" + res.status, message: "The server refused the request (HTTP " + res.status + "). Reload the page and try again." });
  }

  // utf8Hex encodes a message for personal_sign: wallets expect 0x-hex bytes.
  function utf8Hex(text) {
    let hex = "0x";
    for (const b of new TextEncoder().encode(text)) {
      hex += b.toString(16).padStart(2, "0");
    }
    return hex;
  }

  // chainId parses what eth_chainId returns (a hex string, or a number from old
  // wallets) into a BigInt, so ids above 2^53 compare correctly.
  function chainId(v) {
    try {
      return BigInt(v);
    } catch (e) {
      return -1n;
    }
  }

  function chainHex(id) {
    return "0x" + BigInt(id).toString(16);
  }

  // go follows a redirect from the server, refusing anything but http(s) so that a
  // javascript: URL can never run here.
  function go(url) {
    if (typeof url !== "string" || url === "") {
      throw new PlainError("The server did not say where to continue. Reload the page and try again.");
    }
    const u = new URL(url, window.location.href);
    if (u.protocol !== "https:" && u.protocol !== "http:") {
      throw new PlainError("The server sent an address this page will not open.");
    }
    window.location.assign(u.href);
  }

  // walletMessage explains an EIP-1193 error code in plain words.
  function walletMessage(err) {
    switch (err && err.code) {
      case 4001:
        return "You declined the request in your wallet, so nothing was signed or shared. You can try again.";
      case 4100:
        return "Your wallet has not allowed this site to use the account. Unlock the wallet, approve the connection and try again.";
      case 4200:
        return "Your wallet does not support this request.";
      case 4900:
      case 4901:
        return "Your wallet is not connected to the network. Check its connection and try again.";
      case -32002:
        return "Your wallet is already showing a request. Open the wallet, finish or dismiss it, and try again.";
    }
    const detail = err && err.message ? err.message : String(err);
    return "Your wallet reported a problem: " + detail;
  }

  function describe(err) {
    if (err instanceof ServerError || err instanceof PlainError) {
      return err.message;
    }
    return walletMessage(err);
  }

  // panel drives the status line, the problem box and the notices inside root.
  function panel(root) {
    const status = root.querySelector("#status");
    const problem = root.querySelector("#problem");
    return {
      status(text) {
        status.textContent = text;
      },
      problem(text) {
        status.textContent = "";
        problem.textContent = text;
        problem.hidden = false;
      },
      reset() {
        status.textContent = "";
        problem.textContent = "";
        problem.hidden = true;
        root.querySelectorAll("section.notice").forEach((s) => (s.hidden = true));
      },
      show(id) {
        status.textContent = "";
        root.querySelector("#" + id).hidden = false;
      },
      hide(id) {
        root.querySelector("#" + id).hidden = true;
      },
    };
  }

  // checkChain returns true when the wallet is on the page's chain. Otherwise it
  // shows both chain ids and wires the switch button, which calls retry once the
  // wallet has switched.
  async function checkChain(provider, root, ui, retry) {
    const want = chainId(root.dataset.chainId);
    const have = chainId(await provider.request({ method: "eth_chainId" }));
    if (have === want) {
      return true;
    }
    root.querySelector("#wallet-chain").textContent = have < 0n ? "unknown" : have.toString() + " (" + chainHex(have) + ")";
    ui.show("wrong-chain");
    root.querySelector("#switch-chain").onclick = async () => {
      try {
        await provider.request({ method: "wallet_switchEthereumChain", params: [{ chainId: chainHex(want) }] });
        ui.hide("wrong-chain");
        retry();
      } catch (err) {
        if (err && err.code === 4902) {
          ui.problem("Your wallet does not know chain " + want.toString() + ". Add it in your wallet's network settings, then try again.");
        } else {
          ui.problem(walletMessage(err));
        }
      }
    };
    return false;
  }

  window.idconnect = Object.freeze({ ServerError, PlainError, postJSON, utf8Hex, chainId, chainHex, go, walletMessage, describe, panel, checkChain });
})();
