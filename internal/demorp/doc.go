// Package demorp is the demo relying party that `serve --dev` runs on its own port:
// a small site with a "Connect with ONCHAINID" button that completes the flow with
// golang.org/x/oauth2 and github.com/coreos/go-oidc, exactly as any OIDC client
// would, and shows what it received. It is a public client with PKCE.
package demorp
