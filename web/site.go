package web

import (
	"net/url"
)

// Site is what every flow handler knows about the server it runs in.
type Site struct {
	Issuer    string // e.g. http://127.0.0.1:8080, no trailing slash
	ChainID   uint64
	ChainName string
	Dev       bool // offers the development wallet and onboards wallets without an identity
}

// Domain is the issuer's host:port: the SIWE domain.
func (s Site) Domain() string {
	u, err := url.Parse(s.Issuer)
	if err != nil {
		return ""
	}
	return u.Host
}

// Origin is the issuer's scheme://host:port: the login message's uri.
func (s Site) Origin() string {
	u, err := url.Parse(s.Issuer)
	if err != nil {
		return ""
	}
	return u.Scheme + "://" + u.Host
}

// originOf returns scheme://host of a URL, or "" when it has none.
func OriginOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return ""
	}
	return u.Scheme + "://" + u.Host
}
