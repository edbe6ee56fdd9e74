package templates

// LogoutConfirmView asks a signed-in owner to confirm an RP-initiated
// logout that carried no ID token of theirs. The hidden fields repeat the
// request, which the server checks again when the form comes back.
type LogoutConfirmView struct {
	// ClientName is the site that asked, empty when it did not say.
	ClientName            string
	IDTokenHint           string
	ClientID              string
	PostLogoutRedirectURI string
	State                 string
}

// SignedOutView tells the visitor that their idconnect session is over.
type SignedOutView struct {
	// ClientName is the site that asked, empty when none was named.
	ClientName string
}
