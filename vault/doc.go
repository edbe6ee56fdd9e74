// Package vault seals claim documents so that only the keys they are
// wrapped to can read them: a document is encrypted once with a random
// AES-256-GCM data key, and the data key is wrapped, HPKE-style, to each
// reader's ML-KEM-768 public key (the owner's, and each verifier's the
// owner grants). A sealed document is addressed by its CIDv1 (raw,
// sha2-256), which is what a claim's documentHash commits to.
//
// It must not hold private keys other than in memory for one call, nor
// know who may read what: the chain and the capability tokens say that.
// The format is versioned and documented byte by byte in the README, so
// that the server, the CLI and the browser read the same bytes.
package vault
