package web

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/idconnect/idconnect/consent"
	"github.com/idconnect/idconnect/templates"
)

// errBadForm reports a form post that cannot be read.
var errBadForm = errors.New("malformed form")

// parseProfileForm reads the profile form post, bounded, into a normalized profile.
func ParseProfileForm(w http.ResponseWriter, r *http.Request) (consent.Profile, error) {
	r.Body = http.MaxBytesReader(w, r.Body, MaxPostBytes)
	if err := r.ParseForm(); err != nil {
		return consent.Profile{}, errBadForm
	}
	return profileFromValues(r.PostForm)
}

// profileFromValues maps form fields (named as consent.Profile.Validate names them)
// to a profile. A field sent twice is refused rather than silently picked.
func profileFromValues(v url.Values) (consent.Profile, error) {
	get := func(k string) (string, bool) {
		vs := v[k]
		return firstOf(vs), len(vs) <= 1
	}
	var p consent.Profile
	fields := map[string]*string{
		"name": &p.Name, "given_name": &p.GivenName, "family_name": &p.FamilyName, "email": &p.Email,
		"phone_number": &p.Phone, "street_address": &p.Address.Street, "locality": &p.Address.Locality,
		"region": &p.Address.Region, "postal_code": &p.Address.PostalCode, "country": &p.Address.Country,
	}
	for k, dst := range fields {
		val, ok := get(k)
		if !ok {
			return consent.Profile{}, errBadForm
		}
		*dst = val
	}
	return p.Normalized(), nil
}

func firstOf(vs []string) string {
	if len(vs) == 0 {
		return ""
	}
	return vs[0]
}

func ToForm(p consent.Profile) templates.ProfileForm {
	return templates.ProfileForm{Name: p.Name, GivenName: p.GivenName, FamilyName: p.FamilyName, Email: p.Email, Phone: p.Phone,
		Street: p.Address.Street, Locality: p.Address.Locality, Region: p.Address.Region, PostalCode: p.Address.PostalCode, Country: p.Address.Country}
}
