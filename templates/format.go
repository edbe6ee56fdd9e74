package templates

import (
	"net/url"
	"strconv"
)

// u64 writes a chain id for an attribute or text.
func u64(n uint64) string { return strconv.FormatUint(n, 10) }

// chainText names a chain for people: "1337 (Development chain)".
func chainText(id uint64, name string) string {
	if name == "" {
		return u64(id)
	}
	return u64(id) + " (" + name + ")"
}

// flag writes a boolean data attribute the page scripts read.
func flag(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// httpsURL reports whether s is an absolute https URL. Logos load only from such
// URLs, so a client cannot make the page fetch from plain http or odd schemes.
func httpsURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.Scheme == "https" && u.Host != ""
}

// pageScripts lists a wallet page's scripts in the order they must run: the shared
// wallet code, then the development wallet when it is offered, then the page's own.
func pageScripts(page string, devWallet bool) []string {
	s := []string{"wallet.js"}
	if devWallet {
		s = append(s, "devwallet.js")
	}
	return append(s, page)
}

func itemID(i int) string { return "item-" + strconv.Itoa(i) }

// daysLeft says when a claim lapses, in days.
func daysLeft(n int) string {
	switch {
	case n <= 0:
		return "expires today"
	case n == 1:
		return "expires tomorrow"
	}
	return "expires in " + strconv.Itoa(n) + " days"
}

// inputType is the HTML input type of a topic field's type.
func inputType(t string) string {
	switch t {
	case "date", "email":
		return t
	}
	return "text"
}

// returnPath is where a sent transaction's page goes back to.
func returnPath(p string) string {
	if p == "" {
		return "/account/wallets"
	}
	return p
}
