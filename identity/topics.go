package identity

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"slices"
	"strconv"
	"strings"
	"time"
)

// ClaimTopic is an entry of the topic catalogue. ERC-3643 leaves topic numbers to
// each deployment, so the catalogue is configuration: number, name, default
// validity, and what an application for a claim of the topic asks for.
type ClaimTopic struct {
	Number   uint64   `json:"number"`
	Name     string   `json:"name"`
	Validity Validity `json:"validity"` // default validity of claims idconnect issues
	// Rolling topics are kept by screening, which renews them before they
	// lapse (AML, Sanctions Clear, PEP Status), not by a reviewer.
	Rolling   bool            `json:"rolling,omitempty"`
	Fields    []TopicField    `json:"fields"`
	Documents []TopicDocument `json:"documents"`
}

// TopicField is a field of a topic's application form.
type TopicField struct {
	Name     string `json:"name"` // the key in an application's fields
	Label    string `json:"label"`
	Type     string `json:"type"` // one of FieldTypes
	Required bool   `json:"required,omitempty"`
}

// FieldTypes are the kinds of application field: free text, a date
// (YYYY-MM-DD), an ISO 3166-1 alpha-2 country code, an email address.
var FieldTypes = []string{"text", "date", "country", "email"}

// TopicDocument is a document an application for the topic carries.
type TopicDocument struct {
	Name         string   `json:"name"`
	Label        string   `json:"label"`
	ContentTypes []string `json:"content_types"` // the media types accepted
	Required     bool     `json:"required,omitempty"`
}

// Validity is a claim's default period, in calendar months and days, so
// that "12 months" ends on the same day of the month a year later. Its text
// form is an ISO 8601 period of years, months and days: "P12M", "P30D",
// "P1Y6M".
type Validity struct {
	Months int
	Days   int
}

// Until is when a claim valid from t expires.
func (v Validity) Until(t time.Time) time.Time { return t.AddDate(0, v.Months, v.Days) }

// String is the ISO 8601 form.
func (v Validity) String() string {
	if v.Months == 0 && v.Days == 0 {
		return "P0D"
	}
	var b strings.Builder
	b.WriteString("P")
	if v.Months != 0 {
		b.WriteString(strconv.Itoa(v.Months) + "M")
	}
	if v.Days != 0 {
		b.WriteString(strconv.Itoa(v.Days) + "D")
	}
	return b.String()
}

// ErrInvalidValidity refuses a period that is not PnYnMnD, or not positive.
var ErrInvalidValidity = errors.New("identity: a validity is an ISO 8601 period such as P12M, P30D or P1Y6M")

// ParseValidity reads "P[nY][nM][nD]" (years count as 12 months); the
// period must be longer than zero and at most 100 years.
func ParseValidity(s string) (Validity, error) {
	rest, ok := strings.CutPrefix(s, "P")
	if !ok || rest == "" {
		return Validity{}, fmt.Errorf("%w: %q", ErrInvalidValidity, clip(s))
	}
	var v Validity
	last := -1
	for rest != "" {
		i := strings.IndexFunc(rest, func(r rune) bool { return r < '0' || r > '9' })
		if i <= 0 || i > 4 {
			return Validity{}, fmt.Errorf("%w: %q", ErrInvalidValidity, clip(s))
		}
		n, _ := strconv.Atoi(rest[:i])
		unit := strings.IndexByte("YMD", rest[i])
		if unit <= last {
			return Validity{}, fmt.Errorf("%w: %q", ErrInvalidValidity, clip(s))
		}
		last = unit
		switch unit {
		case 0:
			v.Months += 12 * n
		case 1:
			v.Months += n
		case 2:
			v.Days = n
		}
		rest = rest[i+1:]
	}
	if v.Months*31+v.Days <= 0 || v.Months*31+v.Days > 100*372 {
		return Validity{}, fmt.Errorf("%w: %q is not between one day and 100 years", ErrInvalidValidity, clip(s))
	}
	return v, nil
}

// MarshalText writes the ISO 8601 form.
func (v Validity) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

// UnmarshalText reads the ISO 8601 form.
func (v *Validity) UnmarshalText(b []byte) error {
	p, err := ParseValidity(string(b))
	if err != nil {
		return err
	}
	*v = p
	return nil
}

// Catalogue maps topic numbers to their entries.
type Catalogue map[uint64]ClaimTopic

// DefaultCatalogue is topics 1–8 of the design, with the validities it
// pins: 12 months, 30 days rolling for AML, Sanctions Clear and PEP Status
// (renewed by screening), and 6 months for the Travel Rule Profile.
func DefaultCatalogue() Catalogue {
	scans := []string{"application/pdf", "image/jpeg", "image/png"}
	person := []TopicField{
		{Name: "full_name", Label: "Full name", Type: "text", Required: true},
		{Name: "date_of_birth", Label: "Date of birth", Type: "date", Required: true},
		{Name: "nationality", Label: "Nationality", Type: "country", Required: true},
	}
	doc := func(name, label string, required bool) TopicDocument {
		return TopicDocument{Name: name, Label: label, ContentTypes: scans, Required: required}
	}
	year, month := Validity{Months: 12}, Validity{Days: 30}
	topics := []ClaimTopic{
		{Number: 1, Name: "KYC", Validity: year, Fields: person, Documents: []TopicDocument{
			doc("id_document", "Passport or national ID card", true), doc("proof_of_address", "Proof of address (less than 3 months old)", true)}},
		{Number: 2, Name: "AML", Validity: month, Rolling: true, Fields: person},
		{Number: 3, Name: "Accreditation", Validity: year, Fields: []TopicField{
			{Name: "full_name", Label: "Full name", Type: "text", Required: true},
			{Name: "basis", Label: "Basis of accreditation (income, net worth or professional)", Type: "text", Required: true},
		}, Documents: []TopicDocument{doc("evidence", "Evidence of the basis", true)}},
		{Number: 4, Name: "Sanctions Clear", Validity: month, Rolling: true, Fields: person},
		{Number: 5, Name: "Tax Residency", Validity: year, Fields: []TopicField{
			{Name: "country_of_residence", Label: "Country of tax residence", Type: "country", Required: true},
			{Name: "tax_id", Label: "Tax identification number", Type: "text", Required: true},
		}, Documents: []TopicDocument{doc("residency_certificate", "Tax residency certificate", false)}},
		{Number: 6, Name: "UBO", Validity: year, Fields: []TopicField{
			{Name: "entity_name", Label: "Legal name of the entity", Type: "text", Required: true},
			{Name: "registration_number", Label: "Registration number", Type: "text", Required: true},
			{Name: "beneficial_owners", Label: "Beneficial owners (name and share, one a line)", Type: "text", Required: true},
		}, Documents: []TopicDocument{doc("register_extract", "Extract of the register of beneficial owners", true)}},
		{Number: 7, Name: "PEP Status", Validity: month, Rolling: true, Fields: person},
		{Number: 8, Name: "Travel Rule Profile", Validity: Validity{Months: 6}, Fields: []TopicField{
			{Name: "full_name", Label: "Full name", Type: "text", Required: true},
			{Name: "postal_address", Label: "Postal address", Type: "text", Required: true},
			{Name: "vasp", Label: "Your custodian or exchange (VASP), if any", Type: "text"},
		}, Documents: []TopicDocument{}},
	}
	c := Catalogue{}
	for _, t := range topics {
		if t.Documents == nil {
			t.Documents = []TopicDocument{}
		}
		c[t.Number] = t
	}
	return c
}

// ErrInvalidCatalogue refuses a topic catalogue that cannot be used.
var ErrInvalidCatalogue = errors.New("identity: invalid topic catalogue")

// ParseCatalogue reads a catalogue, a JSON array of topics, and reports
// every problem in it at once.
func ParseCatalogue(data []byte) (Catalogue, error) {
	var topics []ClaimTopic
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&topics); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidCatalogue, err)
	}
	if dec.More() {
		return nil, fmt.Errorf("%w: text after the array", ErrInvalidCatalogue)
	}
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	c := Catalogue{}
	for i, t := range topics {
		at := fmt.Sprintf("topic %d (entry %d)", t.Number, i+1)
		switch {
		case t.Number == 0:
			bad("entry %d: number must be positive", i+1)
		case c[t.Number].Number != 0:
			bad("%s: listed twice", at)
		}
		if strings.TrimSpace(t.Name) == "" {
			bad("%s: no name", at)
		}
		if t.Validity == (Validity{}) {
			bad("%s: no validity", at)
		}
		names := map[string]bool{}
		// named checks the name of a field or document: well formed, and
		// unique across both, as an application keys them together.
		named := func(kind, name string) bool {
			switch {
			case !fieldName(name):
				bad("%s: %s name %q is not lower-case letters, digits and _", at, kind, clip(name))
			case names[name]:
				bad("%s: %s %s listed twice", at, kind, name)
			default:
				names[name] = true
				return true
			}
			return false
		}
		for _, f := range t.Fields {
			if named("field", f.Name) && !slices.Contains(FieldTypes, f.Type) {
				bad("%s: field %s has type %q; want one of %s", at, f.Name, clip(f.Type), strings.Join(FieldTypes, ", "))
			}
		}
		for _, d := range t.Documents {
			if named("document", d.Name) && len(d.ContentTypes) == 0 {
				bad("%s: document %s accepts no content type", at, d.Name)
			}
			for _, ct := range d.ContentTypes {
				if mt, params, err := mime.ParseMediaType(ct); err != nil || mt != ct || len(params) != 0 {
					bad("%s: document %s: %q is not a bare media type", at, d.Name, clip(ct))
				}
			}
		}
		if t.Fields == nil {
			t.Fields = []TopicField{}
		}
		if t.Documents == nil {
			t.Documents = []TopicDocument{}
		}
		if t.Number != 0 {
			c[t.Number] = t
		}
	}
	if len(topics) == 0 {
		bad("no topic")
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%w:\n%w", ErrInvalidCatalogue, errors.Join(errs...))
	}
	return c, nil
}

// List is the catalogue's topics in ascending order.
func (c Catalogue) List() []ClaimTopic {
	out := make([]ClaimTopic, 0, len(c))
	for _, n := range c.Numbers() {
		out = append(out, c[n])
	}
	return out
}

func fieldName(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') {
			return false
		}
	}
	return true
}

// Name returns a topic's name, or its number when the catalogue does not list it.
func (c Catalogue) Name(topic uint64) string {
	if t, ok := c[topic]; ok {
		return t.Name
	}
	return strconv.FormatUint(topic, 10)
}

// Numbers lists the catalogue's topics in ascending order.
func (c Catalogue) Numbers() []uint64 {
	out := make([]uint64, 0, len(c))
	for n := range c {
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}

// PurposeName names an ERC-734 key purpose.
func PurposeName(p uint64) string {
	switch p {
	case PurposeManagement:
		return "management"
	case PurposeAction:
		return "action"
	case PurposeClaim:
		return "claim"
	case PurposeEncryption:
		return "encryption"
	}
	return strconv.FormatUint(p, 10)
}
