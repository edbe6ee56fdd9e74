// Package issuer is the server acting as an ONCHAINID claim issuer: the
// key that signs claims (behind Signer, so that a KMS or an HSM can hold
// it instead of a file), and the claims it signs. A claim's data is
// abi.encode(uint64 validFrom, uint64 validUntil, bytes32 documentHash),
// and its signature is the issuer's EIP-191 signature of
// keccak256(abi.encode(identity, topic, data)), which the ClaimIssuer
// contract's isClaimValid checks against its CLAIM (purpose 3) keys.
package issuer
