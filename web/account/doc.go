// Package account serves the identity owner's dashboard under /account: the
// profile form, wallets and their purposes, claims, grants with their usage,
// pending access requests and the webhook. Pages work without JavaScript; the
// server never holds the owner's keys. Decisions go through consent and the
// chain reads through identity.
package account
