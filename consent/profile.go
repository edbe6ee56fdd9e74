package consent

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/mail"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/store"
)

// Profile is an owner's basic information. It never goes on the chain, into logs or
// into URLs, and is stored sealed.
type Profile struct {
	Name       string  `json:"name,omitempty"`
	GivenName  string  `json:"given_name,omitempty"`
	FamilyName string  `json:"family_name,omitempty"`
	Email      string  `json:"email,omitempty"`
	Phone      string  `json:"phone_number,omitempty"` // E.164
	Address    Address `json:"address"`
}

// Address is the OIDC address claim's parts.
type Address struct {
	Street     string `json:"street_address,omitempty"`
	Locality   string `json:"locality,omitempty"`
	Region     string `json:"region,omitempty"`
	PostalCode string `json:"postal_code,omitempty"`
	Country    string `json:"country,omitempty"` // ISO 3166-1 alpha-2
}

var (
	e164    = regexp.MustCompile(`^\+[1-9][0-9]{6,14}$`)
	country = regexp.MustCompile(`^[A-Z]{2}$`)
)

// Validate returns a message per invalid field, keyed by the form's field names.
func (p Profile) Validate() map[string]string {
	errs := map[string]string{}
	text := map[string]struct {
		v   string
		max int
	}{
		"name": {p.Name, 200}, "given_name": {p.GivenName, 100}, "family_name": {p.FamilyName, 100},
		"street_address": {p.Address.Street, 300}, "locality": {p.Address.Locality, 100},
		"region": {p.Address.Region, 100}, "postal_code": {p.Address.PostalCode, 20},
	}
	for field, t := range text {
		switch {
		case !utf8.ValidString(t.v) || strings.ContainsAny(t.v, "\x00\r"):
			errs[field] = "Contains characters that are not allowed."
		case utf8.RuneCountInString(t.v) > t.max:
			errs[field] = fmt.Sprintf("Use at most %d characters.", t.max)
		}
	}
	if p.Email != "" {
		if a, err := mail.ParseAddress(p.Email); err != nil || a.Address != p.Email || len(p.Email) > 254 {
			errs["email"] = "Enter an email address such as name@example.com."
		}
	}
	if p.Phone != "" && !e164.MatchString(p.Phone) {
		errs["phone_number"] = "Enter the number in international form, such as +41445551234."
	}
	if p.Address.Country != "" && !country.MatchString(p.Address.Country) {
		errs["country"] = "Enter a two-letter country code, such as CH or FR."
	}
	return errs
}

// Normalized trims spaces and upper-cases the country code.
func (p Profile) Normalized() Profile {
	for _, s := range []*string{&p.Name, &p.GivenName, &p.FamilyName, &p.Email, &p.Phone,
		&p.Address.Street, &p.Address.Locality, &p.Address.Region, &p.Address.PostalCode, &p.Address.Country} {
		*s = strings.TrimSpace(*s)
	}
	p.Address.Country = strings.ToUpper(p.Address.Country)
	return p
}

// ErrInvalidProfile wraps a profile that does not validate.
var ErrInvalidProfile = errors.New("consent: invalid profile")

// Profiles keeps profiles sealed at rest: one data key per identity, wrapped by the
// server key, bound to the identity so a record cannot be moved to another one.
type Profiles struct {
	Store  store.ProfileStore
	Sealer *store.Sealer
	Clock  func() time.Time
}

// Put validates and stores an identity's profile.
func (p *Profiles) Put(ctx context.Context, id common.Address, prof Profile) error {
	prof = prof.Normalized()
	if errs := prof.Validate(); len(errs) > 0 {
		return fmt.Errorf("%w: %d fields", ErrInvalidProfile, len(errs))
	}
	plain, err := json.Marshal(prof)
	if err != nil {
		return err
	}
	wrapped, sealed, err := p.Sealer.Seal(aad(identity.Hex(id)), plain)
	if err != nil {
		return err
	}
	return p.Store.PutProfile(ctx, store.Profile{Identity: id, WrappedKey: wrapped, Ciphertext: sealed, UpdatedAt: p.Clock()})
}

// Get returns an identity's profile; an identity without one has an empty profile.
func (p *Profiles) Get(ctx context.Context, id common.Address) (Profile, error) {
	rec, err := p.Store.GetProfile(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return Profile{}, nil
	}
	if err != nil {
		return Profile{}, err
	}
	return p.open(id, rec)
}

// open unseals a stored profile of the identity id.
func (p *Profiles) open(id common.Address, rec store.Profile) (Profile, error) {
	plain, err := p.Sealer.Open(aad(identity.Hex(id)), rec.WrappedKey, rec.Ciphertext)
	if err != nil {
		return Profile{}, err
	}
	var prof Profile
	if err := json.Unmarshal(plain, &prof); err != nil {
		return Profile{}, fmt.Errorf("consent: stored profile: %w", err)
	}
	return prof, nil
}

// aad binds a sealed profile to its identity (EIP-55 hex).
func aad(hex string) string { return "profile:" + hex }
