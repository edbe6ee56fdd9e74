// Package notify owns the notification outbox and its delivery: owners'
// webhooks (HMAC-signed with a per-owner secret that is sealed at rest),
// services' callbacks (signed with the server's keys through CallbackSigner),
// the delivery URL policy that keeps the server from being turned against its
// own network, and the retry schedule that ends, after a configured age, in a
// dead state the operator can list.
//
// An Outbox enqueues inside the caller's store transaction, so a notification
// exists exactly when the change it announces commits. Payloads carry ids and
// states only; no identity address, webhook URL or secret is ever logged.
//
// It imports only store of the project: consent reaches it through its Notices
// interface, and authz's keys through CallbackSigner.
package notify
