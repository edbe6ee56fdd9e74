package screening

import (
	"bytes"
	"encoding/xml"
	"io"
	"sort"
	"strings"
)

// OFAC's sdn_advanced.xml: a <Sanctions> document in which a party's data
// are ids into reference value sets. A DistinctParty's FixedRef is the ID
// (the uid of the same entry in sdn.xml). Its Profile's PartySubTypeID, via
// PartySubTypeValues and PartyTypeValues, gives the schema. Each Identity's
// Alias holds one DocumentedName per script, made of NamePartValues whose
// NamePartGroupID leads, through the identity's NamePartGroups, to a
// NamePartType (first, middle, last name...) that orders the parts: given
// names before the surname, except in Han, Japanese and Korean script,
// which write the surname first and without spaces. The primary name is
// the Latin DocumentedName of the primary Alias; an Alias with
// LowQuality="true" is weak and left out. A Feature's FeatureTypeID names
// it: "Digital Currency Address - ETH" gives an address from its TEXT
// VersionDetail, "Birthdate" a date from its DatePeriod, and "Nationality
// Country" or "Citizenship Country" a country through its Location. The
// programmes are the SanctionsMeasures of type "Program" in the
// SanctionsEntries, which follow all parties in the file: the parties'
// entries are held until the end and emitted then. The file itself is not.

// advRefs are the reference value sets and locations the parties point to.
type advRefs struct {
	features   map[string]advFeature // FeatureType ID
	subTypes   map[string]Schema     // PartySubType ID
	scripts    map[string]advScript  // Script ID
	countries  map[string]string     // Country ID → ISO2
	nameParts  map[string]int        // NamePartType ID → rank in a name
	textDetail map[string]bool       // DetailType IDs of free text
	programs   map[string]bool       // SanctionsType IDs of programmes
	locations  map[string]string     // Location ID → ISO2
}

type advFeature int

const (
	advETH advFeature = iota + 1
	advBirth
	advNationality
)

type advScript struct{ latin, familyFirst bool }

// The ranks of name parts in a written name; a surname comes last.
const (
	rankGiven   = 0
	rankMiddle  = 1
	rankPatro   = 2
	rankSurname = 4
)

// advReader reads one sdn_advanced.xml.
type advReader struct {
	x        *xmlReader
	refs     advRefs
	in       interner
	e        entry
	parties  []Entity
	profiles map[string]int // Profile ID → index in parties
	name     advNames
}

func decodeOFACAdvanced(r io.Reader, emit func(Entity) error) error {
	a := &advReader{x: newXMLReader(r, FormatOFACAdvanced), in: interner{}, profiles: map[string]int{}}
	a.refs.locations = map[string]string{}
	if _, err := a.x.root("Sanctions"); err != nil {
		return err
	}
	err := a.x.children(func(el xml.StartElement) error {
		switch el.Name.Local {
		case "ReferenceValueSets":
			return a.readRefs()
		case "Locations":
			return a.readLocations()
		case "DistinctParties":
			return a.x.children(a.readParty)
		case "SanctionsEntries":
			return a.x.children(a.readSanctionsEntry)
		}
		return a.x.skip()
	})
	if err == nil {
		err = a.x.end()
	}
	if err != nil {
		return err
	}
	for _, p := range a.parties {
		if err := emit(p); err != nil {
			return err
		}
	}
	return nil
}

func (a *advReader) readRefs() error {
	r := &a.refs
	r.features, r.subTypes, r.scripts = map[string]advFeature{}, map[string]Schema{}, map[string]advScript{}
	r.countries, r.nameParts = map[string]string{}, map[string]int{}
	r.textDetail, r.programs = map[string]bool{}, map[string]bool{}
	partyTypes := map[string]string{}
	subTypes := map[string][2]string{} // ID → party type ID, own name
	err := a.x.children(func(set xml.StartElement) error {
		return a.x.children(func(v xml.StartElement) error {
			b, err := a.x.text()
			if err != nil {
				return err
			}
			id, text := attr(v, "ID"), strings.TrimSpace(string(b))
			switch set.Name.Local {
			case "FeatureTypeValues":
				r.features[id] = advFeatureOf(text)
			case "PartySubTypeValues":
				subTypes[id] = [2]string{attr(v, "PartyTypeID"), text}
			case "PartyTypeValues":
				partyTypes[id] = text
			case "ScriptValues":
				r.scripts[id] = advScriptOf(attr(v, "ScriptCode"), text)
			case "CountryValues":
				if code, ok := a.in.iso2([]byte(attr(v, "ISO2"))); ok {
					r.countries[id] = code
				} else if code, ok := countryCode(b); ok {
					r.countries[id] = code
				}
			case "NamePartTypeValues":
				r.nameParts[id] = namePartRank(text)
			case "DetailTypeValues":
				r.textDetail[id] = strings.EqualFold(text, "TEXT")
			case "SanctionsTypeValues":
				r.programs[id] = strings.EqualFold(text, "Program")
			}
			return nil
		})
	})
	for id, st := range subTypes {
		r.subTypes[id] = advSchema(partyTypes[st[0]], st[1])
	}
	return err
}

func advFeatureOf(text string) advFeature {
	switch strings.ToLower(text) {
	case strings.ToLower(ofacETHIDType):
		return advETH
	case "birthdate":
		return advBirth
	case "nationality country", "citizenship country":
		return advNationality
	}
	return 0
}

func advScriptOf(code, name string) advScript {
	switch strings.ToLower(code) {
	case "latn":
		return advScript{latin: true}
	case "hani", "hans", "hant", "jpan", "kore", "hang":
		return advScript{familyFirst: true}
	}
	name = strings.ToLower(name)
	return advScript{
		latin:       name == "latin",
		familyFirst: strings.Contains(name, "chinese") || strings.Contains(name, "han") || strings.Contains(name, "japanese") || strings.Contains(name, "korean"),
	}
}

func namePartRank(text string) int {
	switch strings.ToLower(text) {
	case "middle name":
		return rankMiddle
	case "patronymic", "matronymic":
		return rankPatro
	case "last name", "maiden name":
		return rankSurname
	}
	return rankGiven // first name, and the whole names of entities, vessels and aircraft
}

func advSchema(partyType, subType string) Schema {
	switch strings.ToLower(subType) {
	case "vessel":
		return SchemaVessel
	case "aircraft":
		return SchemaAircraft
	}
	switch strings.ToLower(partyType) {
	case "individual":
		return SchemaPerson
	case "entity":
		return SchemaOrganization
	}
	return SchemaUnknown
}

func (a *advReader) readLocations() error {
	return a.x.children(func(loc xml.StartElement) error {
		id := attr(loc, "ID")
		return a.x.children(func(el xml.StartElement) error {
			if el.Name.Local == "LocationCountry" {
				if code, ok := a.refs.countries[attr(el, "CountryID")]; ok {
					a.refs.locations[id] = code
				}
			}
			return a.x.skip()
		})
	})
}

func (a *advReader) readParty(party xml.StartElement) error {
	e := &a.e
	e.reset()
	e.addTopic(TopicSanction)
	e.setID([]byte(attr(party, "FixedRef")))
	profile := ""
	err := a.x.children(func(el xml.StartElement) error {
		if el.Name.Local != "Profile" {
			return a.x.skip()
		}
		profile = attr(el, "ID")
		e.schema = a.refs.subTypes[attr(el, "PartySubTypeID")]
		if e.schema == "" {
			e.schema = SchemaUnknown
		}
		return a.x.children(func(el xml.StartElement) error {
			switch el.Name.Local {
			case "Identity":
				return a.readIdentity(el)
			case "Feature":
				return a.readFeature(el)
			}
			return a.x.skip()
		})
	})
	if err != nil {
		return err
	}
	if !e.hasID() {
		return a.x.fail("DistinctParty without a FixedRef")
	}
	if profile != "" {
		a.profiles[profile] = len(a.parties)
	}
	a.parties = append(a.parties, e.build())
	return nil
}

func (a *advReader) readSanctionsEntry(se xml.StartElement) error {
	i, ok := a.profiles[attr(se, "ProfileID")]
	return a.x.children(func(el xml.StartElement) error {
		if el.Name.Local != "SanctionsMeasure" || !ok || !a.refs.programs[attr(el, "SanctionsTypeID")] {
			return a.x.skip()
		}
		return a.x.children(func(c xml.StartElement) error {
			if c.Name.Local != "Comment" {
				return a.x.skip()
			}
			b, err := a.x.text()
			if b = bytes.TrimSpace(b); err == nil && len(b) > 0 {
				p := &a.parties[i]
				p.Programs = appendNew(p.Programs, a.in.get(b))
			}
			return err
		})
	})
}

// rankedParts orders the parts of one documented name for writing.
func rankedParts(parts []advPart, familyFirst bool) {
	sort.SliceStable(parts, func(i, j int) bool {
		ri, rj := parts[i].rank, parts[j].rank
		if familyFirst {
			ri, rj = (ri+1)%(rankSurname+1), (rj+1)%(rankSurname+1)
		}
		return ri < rj
	})
}
