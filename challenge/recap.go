package challenge

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

const (
	recapPrefix = "urn:recap:"
	// recapPreamble opens every EIP-5573 statement.
	recapPreamble = "I further authorize the stated URI to perform the following actions on my behalf:"
	// maxReCapLen bounds what ParseReCap decodes; a consent ReCap lists a handful
	// of abilities on one resource and stays far below it.
	maxReCapLen = 8 << 10
)

// ReCap is an EIP-5573 capability object: for each resource URI (att), the
// abilities granted on it, each with its list of restrictions ("nota bene"
// objects; [{}] means unrestricted). Prf lists parent capabilities and is empty
// for the ReCaps idconnect issues.
type ReCap struct {
	Att map[string]map[string][]map[string]any `json:"att"`
	Prf []string                               `json:"prf"`
}

// NewReCap grants each ability on resource without restriction.
func NewReCap(resource string, abilities ...string) ReCap {
	abs := make(map[string][]map[string]any, len(abilities))
	for _, a := range abilities {
		abs[a] = []map[string]any{{}}
	}
	return ReCap{Att: map[string]map[string][]map[string]any{resource: abs}, Prf: []string{}}
}

// URN returns the canonical ReCap URI: "urn:recap:" and the unpadded base64url
// encoding of the JSON object with sorted keys and no insignificant whitespace.
// It panics if a restriction holds a value encoding/json cannot encode (NaN, a
// channel); ReCaps from NewReCap and ParseReCap never do.
func (r ReCap) URN() string {
	return recapPrefix + base64.RawURLEncoding.EncodeToString(r.canonicalJSON())
}

// canonicalJSON encodes r with encoding/json, which writes map keys in byte order,
// the order EIP-5573 requires. HTML escaping is off so that URIs with '&' keep
// their bytes.
func (r ReCap) canonicalJSON() []byte {
	if r.Prf == nil {
		r.Prf = []string{} // the pinned form always carries "prf":[]
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		panic(fmt.Sprintf("challenge: encode recap: %v", err))
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

// ParseReCap decodes a ReCap URI strictly: the payload must be unpadded base64url
// of exactly the canonical JSON that URN would produce (so duplicate keys,
// unsorted keys, whitespace, padding and unknown top-level keys are refused),
// att must name at least one resource, each resource at least one well-formed
// ability, and each ability must map to a list of objects.
func ParseReCap(urn string) (ReCap, error) {
	if len(urn) > maxReCapLen {
		return ReCap{}, fmt.Errorf("%w: recap longer than %d bytes", ErrMalformed, maxReCapLen)
	}
	payload, ok := strings.CutPrefix(urn, recapPrefix)
	if !ok {
		return ReCap{}, fmt.Errorf("%w: recap must start with %q", ErrMalformed, recapPrefix)
	}
	raw, err := base64.RawURLEncoding.Strict().DecodeString(payload)
	if err != nil {
		return ReCap{}, fmt.Errorf("%w: recap is not unpadded base64url", ErrMalformed)
	}
	var r ReCap
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil {
		return ReCap{}, fmt.Errorf("%w: recap is not a capability object: %v", ErrMalformed, err)
	}
	if err := r.validate(); err != nil {
		return ReCap{}, err
	}
	// Decoding forgives what canonical form forbids (line breaks in base64, key
	// case, duplicates, order, spacing, trailing data); re-encoding the whole URN
	// and comparing catches it all.
	if r.URN() != urn {
		return ReCap{}, fmt.Errorf("%w: recap is not in canonical form", ErrMalformed)
	}
	return r, nil
}

func (r ReCap) validate() error {
	if len(r.Att) == 0 {
		return fmt.Errorf("%w: recap grants nothing", ErrMalformed)
	}
	for res, abs := range r.Att {
		if !validResource(res) {
			return fmt.Errorf("%w: recap resource %q is not a URI", ErrMalformed, res)
		}
		if len(abs) == 0 {
			return fmt.Errorf("%w: recap resource %q has no abilities", ErrMalformed, res)
		}
		for ab, nbs := range abs {
			if !validAbility(ab) {
				return fmt.Errorf("%w: recap ability %q is not namespace/name", ErrMalformed, ab)
			}
			if nbs == nil || slices.ContainsFunc(nbs, func(nb map[string]any) bool { return nb == nil }) {
				return fmt.Errorf("%w: recap ability %q must map to a list of objects", ErrMalformed, ab)
			}
		}
	}
	return nil
}

// validResource follows EIP-5573's "^.+:.*$" and also refuses spaces and control
// characters, which no URI holds and which would break the SIWE statement.
func validResource(s string) bool {
	i := strings.IndexByte(s, ':')
	if i < 1 {
		return false
	}
	return !strings.ContainsFunc(s, func(c rune) bool { return c <= ' ' || c == 0x7f })
}

// validAbility checks EIP-5573's "^[a-zA-Z0-9.*_+-]+/[a-zA-Z0-9.*_+-]+$".
func validAbility(s string) bool {
	ns, name, ok := strings.Cut(s, "/")
	return ok && abilityPart(ns) && abilityPart(name)
}

func abilityPart(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			strings.IndexByte(".*_+-", c) >= 0
		if !ok {
			return false
		}
	}
	return true
}

// Resources returns the resource URIs the ReCap grants abilities on, sorted.
func (r ReCap) Resources() []string {
	out := make([]string, 0, len(r.Att))
	for res := range r.Att {
		out = append(out, res)
	}
	slices.Sort(out)
	return out
}

// Abilities returns the abilities granted on resource, sorted; nil if none.
func (r ReCap) Abilities(resource string) []string {
	abs := r.Att[resource]
	if len(abs) == 0 {
		return nil
	}
	out := make([]string, 0, len(abs))
	for ab := range abs {
		out = append(out, ab)
	}
	slices.Sort(out)
	return out
}

// Statement returns the EIP-5573 sentence for r, as in the EIP's examples:
//
//	I further authorize the stated URI to perform the following actions on my
//	behalf: (1) 'read': 'email', 'profile' for 'https://x/identities/0x…'.
//
// Resources come in sorted order; within a resource, abilities are grouped by
// namespace, namespaces sorted (as the reference implementation does), and each
// group gets the next number, starting at 1.
func (r ReCap) Statement() string {
	var b strings.Builder
	b.WriteString(recapPreamble)
	n := 1
	for _, res := range r.Resources() {
		groups := map[string][]string{}
		for _, ab := range r.Abilities(res) {
			ns, name, _ := strings.Cut(ab, "/")
			groups[ns] = append(groups[ns], name)
		}
		namespaces := make([]string, 0, len(groups))
		for ns := range groups {
			namespaces = append(namespaces, ns)
		}
		slices.Sort(namespaces)
		for _, ns := range namespaces {
			b.WriteString(" (" + strconv.Itoa(n) + ") '" + ns + "': '")
			b.WriteString(strings.Join(groups[ns], "', '"))
			b.WriteString("' for '" + res + "'.")
			n++
		}
	}
	return b.String()
}

// Extend returns statement followed by r's sentence, joined by one space as
// EIP-5573 prescribes; just the sentence when statement is empty.
func (r ReCap) Extend(statement string) string {
	if statement == "" {
		return r.Statement()
	}
	return statement + " " + r.Statement()
}

// endsWithStatement reports whether a SIWE statement carries r's sentence at its
// end, either alone or after a human statement and one space.
func (r ReCap) endsWithStatement(statement string) bool {
	s := r.Statement()
	return statement == s || strings.HasSuffix(statement, " "+s)
}
