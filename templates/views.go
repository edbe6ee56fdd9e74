package templates

import "context"

// LoginView is what the login page shows. RequestID ties the page to the pending
// authorization request; the page sends it back with every call.
type LoginView struct {
	RequestID  string
	ClientName string
	ClientURI  string
	Issuer     string
	ChainID    uint64
	ChainName  string
	// DevWallet offers the built-in development wallet when the browser has none.
	DevWallet bool
	// LoginHint is the wallet the site suggested (EIP-55), or empty: the page
	// selects it and says so when the wallet shares another account.
	LoginHint string
}

// ConsentView is what the consent page shows.
type ConsentView struct {
	RequestID  string
	ClientName string
	ClientURI  string
	LogoURI    string // shown only when it is an https URL
	Identity   string // the identity contract the grant is about
	Wallet     string // the wallet that signed in; the consent must be signed with it too
	// GrantKindText says how long the grant lasts: "one-time access" or
	// "until you revoke it".
	GrantKindText string
	Items         []ConsentItem
	ChainID       uint64
	// DevWallet lets the page use the development wallet the owner chose at login
	// when the browser has no wallet of its own.
	DevWallet bool
}

// ConsentItem is one line of the consent list.
type ConsentItem struct {
	Scope string
	// Text says in plain words what the client receives, for example "Your email
	// address" or "You hold no valid KYC claim".
	Text string
	// Optional items can be unticked; Checked is their initial state.
	Optional bool
	Checked  bool
	// Available is false when there is nothing to share (no such claim, no email on
	// file). Such an item is shown but has no checkbox and is never sent as a scope.
	Available bool
	// NotHeld marks a claim the identity does not hold yet; ApplyURL is where
	// to apply for it.
	NotHeld  bool
	ApplyURL string
}

// ProfileView is the owner's basic-information form.
type ProfileView struct {
	Values ProfileForm
	// Errors holds one message per invalid field, keyed by the form field names:
	// name, given_name, family_name, email, phone_number, street_address, locality,
	// region, postal_code and country (the keys consent.Profile.Validate uses).
	Errors map[string]string
	Saved  bool
}

// ProfileForm is the form's values, as the owner typed them.
type ProfileForm struct {
	Name, GivenName, FamilyName, Email, Phone     string
	Street, Locality, Region, PostalCode, Country string
}

// NoIdentityView explains that a wallet has no ONCHAINID identity.
type NoIdentityView struct {
	Wallet      string
	Explanation string
}

// ErrorView is a plain error page.
type ErrorView struct {
	Status  int
	Title   string
	Message string
	// RequestID, when set, is shown so the visitor can quote it to the
	// operator, whose log line carries the same id.
	RequestID string
}

type assetsKey struct{}

// WithAssets sets how pages name their static files (style.css, login.js, …): the
// web package passes a function that adds a content version for caching.
func WithAssets(ctx context.Context, path func(name string) string) context.Context {
	return context.WithValue(ctx, assetsKey{}, path)
}

// asset returns the URL of a static file, unversioned when WithAssets was not used.
func asset(ctx context.Context, name string) string {
	if f, ok := ctx.Value(assetsKey{}).(func(string) string); ok && f != nil {
		return f(name)
	}
	return "/static/" + name
}
