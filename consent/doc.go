// Package consent owns what an identity owner agrees to share: the scope catalogue
// and its plain-words rendering, the one signed-consent rule (SignedConsent: a SIWE
// message whose ReCap lists exactly the granted scopes and whose statement is the one
// issued), grants and their lifecycle, the one read rule (Reader.Read: token,
// key, claims, then the grant, which every resource endpoint calls), and the
// owner's encrypted profile.
//
// It also runs the access-request lifecycle of the Information Provider API
// (AccessRequests: requested, then active on the owner's signature, denied,
// revoked, used or expired). The notifications it causes go out through its
// Notices interface, inside the transaction that changes the grant; package
// notify implements it with the outbox, webhooks and callbacks.
//
// It speaks neither HTTP nor OAuth2: web renders and routes, authz mints tokens.
package consent
