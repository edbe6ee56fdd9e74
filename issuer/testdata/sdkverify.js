// sdkverify.js reads an identity's claims on a topic with the official
// ONCHAINID JavaScript SDK (@onchain-id/identity-sdk) and asks it to verify
// each against its issuer, as a relying party using that SDK would.
// Usage: node sdkverify.js <node_modules> <rpc-url> <identity> <topic>
// Prints one JSON line: [{"id","issuer","valid"}].
const path = require("path");
const [modules, rpc, address, topic] = process.argv.slice(2);
const { IdentitySDK } = require(path.join(modules, "@onchain-id/identity-sdk"));
const { ethers } = require(path.join(modules, "ethers"));

(async () => {
  const provider = new ethers.providers.JsonRpcProvider(rpc);
  const identity = await IdentitySDK.Identity.at(address, { provider });
  const claims = (await identity.getClaimsByTopic(Number(topic))).filter((c) => c);
  const out = [];
  for (const c of claims) {
    const { valid } = await identity.verifyClaim(c, { provider });
    out.push({ id: c.id, issuer: c.issuer, valid });
  }
  console.log(JSON.stringify(out));
})().catch((err) => {
  console.error(err && err.stack ? err.stack : String(err));
  process.exit(1);
});
