package templates

// field is one input of the profile form. Name is both the form field and the key of
// ProfileView.Errors.
type field struct {
	Name, Label, Type, Autocomplete, Value string
}

type fieldGroup struct {
	Legend string
	Fields []field
}

// profileGroups lays out the form in the order the error summary lists problems.
func profileGroups(f ProfileForm) []fieldGroup {
	return []fieldGroup{
		{"Name", []field{
			{"name", "Full name", "text", "name", f.Name},
			{"given_name", "Given name", "text", "given-name", f.GivenName},
			{"family_name", "Family name", "text", "family-name", f.FamilyName},
		}},
		{"Contact", []field{
			{"email", "Email address", "email", "email", f.Email},
			{"phone_number", "Phone number, international form (+41…)", "tel", "tel", f.Phone},
		}},
		{"Postal address", []field{
			{"street_address", "Street and number", "text", "street-address", f.Street},
			{"locality", "Town or city", "text", "address-level2", f.Locality},
			{"region", "Region or state", "text", "address-level1", f.Region},
			{"postal_code", "Postal code", "text", "postal-code", f.PostalCode},
			{"country", "Country code (two letters, such as CH)", "text", "country", f.Country},
		}},
	}
}

func fieldID(name string) string { return "f-" + name }
func errorID(name string) string { return "e-" + name }
