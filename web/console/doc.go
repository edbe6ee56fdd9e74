// Package console is the issuer console at /issuer: reviewers of this
// server's claim issuer sign in with a wallet that holds a CLAIM key on
// the issuer identity, work through the queue of applications, open one
// (its fields and documents), and approve or reject it. Every rule is the
// issuer desk's (issuer.Desk.Reviewer, Review); the handlers parse, call
// it, and answer with a page.
package console
