// Package dev serves what only --dev mounts: a built-in development wallet
// (an EIP-1193 stand-in for the login and consent pages) and onboarding of a
// dev identity for a wallet. It must never be mounted outside --dev: its keys
// sit in a plain file.
package dev
