package identity

import (
	"slices"
	"strconv"
	"time"
)

// ClaimTopic is an entry of the topic catalogue. ERC-3643 leaves topic numbers to
// each deployment, so the catalogue is configuration.
type ClaimTopic struct {
	Number   uint64        `json:"number"`
	Name     string        `json:"name"`
	Validity time.Duration `json:"validity"` // default validity of claims idconnect issues
}

// Catalogue maps topic numbers to their names.
type Catalogue map[uint64]ClaimTopic

// DefaultCatalogue is topics 1–8 of the design.
func DefaultCatalogue() Catalogue {
	const year = 365 * 24 * time.Hour
	c := Catalogue{}
	for i, name := range []string{"KYC", "AML", "Accreditation", "Sanctions Clear", "Tax Residency", "UBO", "PEP Status", "Travel Rule Profile"} {
		c[uint64(i+1)] = ClaimTopic{Number: uint64(i + 1), Name: name, Validity: year}
	}
	return c
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
