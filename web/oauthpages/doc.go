// Package oauthpages serves the browser side of the OAuth2/OIDC flow and the
// reads a relying party makes with its tokens: /login, /consent, RP-initiated
// logout, /userinfo and /oauth2/grant-reads. Each handler struct has a Mount
// method. The rules (sign-in, signed consent, the read rule) live in signin,
// consent and authz; this package parses, calls one flow and writes the
// answer through web/httperr.
package oauthpages
