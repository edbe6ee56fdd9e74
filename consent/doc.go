// Package consent owns what an identity owner agrees to share: the scope catalogue
// and its plain-words rendering, the signed consent (a SIWE message whose ReCap lists
// exactly the granted scopes), grants and their lifecycle, resource reads against a
// grant, and the owner's encrypted profile.
//
// It speaks neither HTTP nor OAuth2: web renders and routes, authz mints tokens.
package consent
