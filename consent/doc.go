// Package consent owns what an identity owner agrees to share: the scope catalogue
// and its plain-words rendering, the signed consent (a SIWE message whose ReCap lists
// exactly the granted scopes), grants and their lifecycle, resource reads against a
// grant, and the owner's encrypted profile.
//
// It also runs the access-request lifecycle of the Information Provider API
// (AccessRequests: requested, then active on the owner's signature, denied,
// revoked, used or expired) and the notifications it causes: a transactional
// outbox (Outbox) whose Deliverer posts HMAC-signed webhooks to owners and thin
// callbacks to services, retrying with backoff until they are delivered.
//
// It speaks neither HTTP nor OAuth2: web renders and routes, authz mints tokens.
package consent
