// Package signin is wallet sign-in as a service. It issues the login
// message, verifies the signed one, resolves the wallet to its ONCHAINID
// identity (onboarding a new identity where the operator allows it), checks
// the wallet's key purpose, opens the login session and binds the pending
// authorization request to it. It also decides, for a pending request,
// whether a live session may be reused (prompt, max_age, login_hint).
//
// Every login message and every pending authorization request is bound to
// the browser that asked for it through a random cookie value; this package
// checks those values but never reads or writes cookies itself, and knows
// nothing of HTTP: web parses, calls one method, and writes the answer.
package signin
