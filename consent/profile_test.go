package consent_test

import (
	"strings"
	"testing"

	"github.com/idconnect/idconnect/consent"
)

func TestProfileValidate(t *testing.T) {
	ok := consent.Profile{Name: "Ada Lovelace", Email: "ada@example.com", Phone: "+441234567890",
		Address: consent.Address{Street: "12 St James's Square", Locality: "London", PostalCode: "SW1Y 4JH", Country: "GB"}}
	cases := []struct {
		name  string
		edit  func(*consent.Profile)
		field string
	}{
		{"valid", func(*consent.Profile) {}, ""},
		{"empty is valid", func(p *consent.Profile) { *p = consent.Profile{} }, ""},
		{"email without domain", func(p *consent.Profile) { p.Email = "ada@" }, "email"},
		{"email with display name", func(p *consent.Profile) { p.Email = "Ada <ada@example.com>" }, "email"},
		{"phone not E.164", func(p *consent.Profile) { p.Phone = "020 7946 0000" }, "phone_number"},
		{"phone leading zero", func(p *consent.Profile) { p.Phone = "+0441234567" }, "phone_number"},
		{"phone too long", func(p *consent.Profile) { p.Phone = "+1234567890123456" }, "phone_number"},
		{"country not alpha-2", func(p *consent.Profile) { p.Address.Country = "GBR" }, "country"},
		{"name too long", func(p *consent.Profile) { p.Name = strings.Repeat("x", 201) }, "name"},
		{"control character", func(p *consent.Profile) { p.Address.Locality = "Lon\x00don" }, "locality"},
		{"invalid UTF-8", func(p *consent.Profile) { p.FamilyName = "\xff" }, "family_name"},
	}
	for _, c := range cases {
		p := ok
		c.edit(&p)
		errs := p.Validate()
		if c.field == "" {
			if len(errs) != 0 {
				t.Errorf("%s: %v", c.name, errs)
			}
			continue
		}
		if _, ok := errs[c.field]; !ok || len(errs) != 1 {
			t.Errorf("%s: errors %v, want exactly %s", c.name, errs, c.field)
		}
	}
	if n := (consent.Profile{Address: consent.Address{Country: " gb "}}).Normalized(); n.Address.Country != "GB" {
		t.Errorf("Normalized country = %q", n.Address.Country)
	}
}
