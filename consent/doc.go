// Package consent owns what an identity owner agrees to share: the scope catalogue
// and its plain-words rendering, the signed consent (a SIWE message whose ReCap lists
// exactly the granted scopes), grants and their lifecycle, resource reads against a
// grant, and the owner's encrypted profile.
//
// It also runs the access-request lifecycle of the Information Provider API
// (AccessRequests: requested, then active on the owner's signature, denied,
// revoked, used or expired). The notifications it causes go out through its
// Notices interface, inside the transaction that changes the grant; package
// notify implements it with the outbox, webhooks and callbacks.
//
// It speaks neither HTTP nor OAuth2: web renders and routes, authz mints tokens.
package consent
