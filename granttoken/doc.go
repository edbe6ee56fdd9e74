// Package granttoken verifies idconnect grant tokens for a third-party
// resource server: the RFC 9068 JWT against the issuer's JWKS (typ at+jwt,
// iss, aud naming this resource server, exp), then one call to the
// issuer's POST /oauth2/grant-reads, authenticated with the resource
// server's client credentials, which runs the issuer's read rule: the
// grant is active (a revoked grant is refused on its next read), an
// immediate grant is consumed there, exactly once across every resource
// server, the signing wallet still holds its key on the identity, and the
// granted claims are judged on the chain.
//
// It holds no grant state and imports neither fosite nor idconnect's
// store or authz: a resource server needs only this package.
package granttoken
