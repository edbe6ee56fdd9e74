// Package authz is idconnect's OAuth 2.0 and OpenID Connect core: a fosite
// provider composed of exactly the handlers idconnect offers (authorization
// code with PKCE, refresh, OpenID Connect explicit, RFC 7009 revocation,
// RFC 7662 introspection), its storage adapter over store.Store, the signing
// keyring behind the JWKS (one current RS256, ES256 and EdDSA key; ID
// tokens in the algorithm each client registered), RFC 9068 grant tokens,
// client registration, RFC 9207 iss on authorization responses, the rules
// of RP-initiated logout (CheckLogout; the web layer serves the page), and
// the Verifier that third-party resource servers use to check grant tokens.
//
// It does not render pages, run the login or consent steps, or consume
// grants: the web package parks the user at /login with the request id,
// then calls Approve or Deny; resource handlers call VerifyAccessToken and
// then store.UseGrant and the on-chain key check.
package authz
