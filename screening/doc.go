// Package screening keeps the rolling claims (AML, Sanctions Clear, PEP
// Status) honest: it loads the published sanctions and PEP lists into one
// entity model, matches identities against them (wallet and key addresses
// exactly, names after normalisation with a documented similarity), and
// runs screening: a clean identity's claim is renewed before it lapses, a
// hit revokes it on the chain through the issuer desk and alerts the
// issuer's reviewers.
//
// It must not hold issuer rules (those are the issuer package's) nor show
// list details to owners: what an owner sees is that screening is active
// and when the claim renews.
package screening
