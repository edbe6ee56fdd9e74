// Package authz is idconnect's OAuth 2.0 and OpenID Connect core: a fosite
// provider composed of exactly the handlers idconnect offers (authorization
// code with PKCE, refresh, OpenID Connect explicit, RFC 7009 revocation,
// RFC 7662 introspection), its storage adapter over store.Store, the signing
// keyring behind the JWKS, RFC 9068 grant tokens, client registration, and
// the Verifier that third-party resource servers use to check grant tokens.
//
// It does not render pages, run the login or consent steps, or consume
// grants: the web package parks the user at /login with the request id,
// then calls Approve or Deny; resource handlers call VerifyAccessToken and
// then store.UseGrant and the on-chain key check.
package authz
