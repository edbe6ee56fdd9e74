package screening

import (
	"bytes"
	"encoding/xml"
	"io"
	"strconv"
	"strings"
)

// OFAC's sdn.xml: an <sdnList> of <sdnEntry> elements.
//
// The mapping: uid is the ID; sdnType Individual, Entity, Vessel and
// Aircraft are SchemaPerson, SchemaOrganization, SchemaVessel and
// SchemaAircraft. The primary name is "firstName lastName" (an entity has
// only a lastName), and so is each aka whose category is not "weak". An id
// of idType "Digital Currency Address - ETH" gives an address. Dates of birth
// are written "12 Apr 1975", "Apr 1975", "1975", "circa 1975" or
// "1960 to 1962". Nationalities and citizenships are country names, mapped
// through countryByName.

// ofacETHIDType is the idType under which OFAC lists Ethereum addresses, in
// sdn.xml and as a FeatureType in sdn_advanced.xml.
const ofacETHIDType = "Digital Currency Address - ETH"

// sdnReader reads one sdn.xml; its buffers are reused from entry to entry.
type sdnReader struct {
	x           *xmlReader
	e           entry
	in          interner
	first, last []byte
	name        []byte
	idType      []byte
	part1       []byte // an aka's firstName, an id's idNumber
	part2       []byte // an aka's lastName
}

func decodeOFACSDN(r io.Reader, emit func(Entity) error) error {
	s := &sdnReader{x: newXMLReader(r, FormatOFACSDN), in: interner{}}
	if _, err := s.x.root("sdnList"); err != nil {
		return err
	}
	err := s.x.children(func(el xml.StartElement) error {
		if el.Name.Local != "sdnEntry" {
			return s.x.skip()
		}
		if err := s.readEntry(); err != nil {
			return err
		}
		if !s.e.hasID() {
			return s.x.fail("sdnEntry without a uid")
		}
		return emit(s.e.build())
	})
	if err != nil {
		return err
	}
	return s.x.end()
}

func (s *sdnReader) readEntry() error {
	s.e.reset()
	s.e.addTopic(TopicSanction)
	s.first, s.last = s.first[:0], s.last[:0]
	err := s.x.children(func(el xml.StartElement) error {
		switch el.Name.Local {
		case "uid":
			return s.textTo(func(b []byte) { s.e.setID(b) })
		case "firstName":
			return s.textTo(func(b []byte) { s.first = append(s.first[:0], b...) })
		case "lastName":
			return s.textTo(func(b []byte) { s.last = append(s.last[:0], b...) })
		case "sdnType":
			return s.textTo(func(b []byte) { s.e.schema = ofacSchema(b) })
		case "programList":
			return s.x.children(func(xml.StartElement) error {
				return s.textTo(func(b []byte) { s.e.addProgram(s.in.get(bytes.TrimSpace(b))) })
			})
		case "akaList":
			return s.x.children(func(xml.StartElement) error { return s.readAka() })
		case "idList":
			return s.x.children(func(xml.StartElement) error { return s.readID() })
		case "dateOfBirthList":
			return s.eachLeaf("dateOfBirth", func(b []byte) { addOFACDate(&s.e, b) })
		case "nationalityList", "citizenshipList":
			return s.eachLeaf("country", func(b []byte) {
				if code, ok := countryCode(b); ok {
					s.e.addNationality(code)
				}
			})
		}
		return s.x.skip()
	})
	s.name = joinName(s.name, s.first, s.last)
	s.e.setPrimary(s.name)
	return err
}

// textTo hands the current element's text to use.
func (s *sdnReader) textTo(use func([]byte)) error {
	b, err := s.x.text()
	if err == nil {
		use(b)
	}
	return err
}

// eachLeaf reads a list of items (dateOfBirthItem, nationality) and hands
// the text of each item's child named leaf to use.
func (s *sdnReader) eachLeaf(leaf string, use func([]byte)) error {
	return s.x.children(func(xml.StartElement) error {
		return s.x.children(func(el xml.StartElement) error {
			if el.Name.Local != leaf {
				return s.x.skip()
			}
			return s.textTo(use)
		})
	})
}

func (s *sdnReader) readAka() error {
	s.part1, s.part2 = s.part1[:0], s.part2[:0]
	weak := false
	err := s.x.children(func(el xml.StartElement) error {
		switch el.Name.Local {
		case "firstName":
			return s.textTo(func(b []byte) { s.part1 = append(s.part1, b...) })
		case "lastName":
			return s.textTo(func(b []byte) { s.part2 = append(s.part2, b...) })
		case "category":
			return s.textTo(func(b []byte) { weak = strings.EqualFold(string(bytes.TrimSpace(b)), "weak") })
		}
		return s.x.skip()
	})
	if err == nil && !weak {
		s.name = joinName(s.name, s.part1, s.part2)
		s.e.addAlias(s.name)
	}
	return err
}

func (s *sdnReader) readID() error {
	s.idType, s.part1 = s.idType[:0], s.part1[:0]
	err := s.x.children(func(el xml.StartElement) error {
		switch el.Name.Local {
		case "idType":
			return s.textTo(func(b []byte) { s.idType = append(s.idType, bytes.TrimSpace(b)...) })
		case "idNumber":
			return s.textTo(func(b []byte) { s.part1 = append(s.part1, b...) })
		}
		return s.x.skip()
	})
	if err == nil && strings.EqualFold(string(s.idType), ofacETHIDType) {
		s.e.addAddress(s.part1)
	}
	return err
}

func ofacSchema(b []byte) Schema {
	switch strings.ToLower(string(bytes.TrimSpace(b))) {
	case "individual":
		return SchemaPerson
	case "entity":
		return SchemaOrganization
	case "vessel":
		return SchemaVessel
	case "aircraft":
		return SchemaAircraft
	}
	return SchemaUnknown
}

// addOFACDate adds a date of birth as sdn.xml writes it. One it cannot read
// is left out: the rest of the entry still screens.
func addOFACDate(e *entry, b []byte) {
	s := strings.ToLower(strings.Join(strings.Fields(string(b)), " "))
	s = strings.TrimPrefix(strings.TrimPrefix(s, "circa "), "approximately ")
	if from, to, ok := strings.Cut(s, " to "); ok {
		y1, m1, d1, ok1 := parseOFACDate(from)
		y2, m2, d2, ok2 := parseOFACDate(to)
		switch {
		case ok1 && ok2 && m1 == 0 && m2 == 0:
			e.addBirthYears(y1, y2)
		case ok1 && ok2:
			e.addBirthDate(y1, m1, d1)
			e.addBirthDate(y2, m2, d2)
		}
		return
	}
	if y, m, d, ok := parseOFACDate(s); ok {
		e.addBirthDate(y, m, d)
	}
}

// parseOFACDate reads "12 apr 1975", "apr 1975" or "1975".
func parseOFACDate(s string) (y, m, d int, ok bool) {
	f := strings.Fields(s)
	if len(f) == 0 || len(f) > 3 {
		return 0, 0, 0, false
	}
	y, err := strconv.Atoi(f[len(f)-1])
	if err != nil || len(f[len(f)-1]) != 4 {
		return 0, 0, 0, false
	}
	if len(f) >= 2 {
		if m = monthNumber(f[len(f)-2]); m == 0 {
			return 0, 0, 0, false
		}
	}
	if len(f) == 3 {
		if d, err = strconv.Atoi(f[0]); err != nil || d < 1 {
			return 0, 0, 0, false
		}
	}
	return y, m, d, true
}

// monthNumber reads an English month name or its first three letters.
func monthNumber(s string) int {
	const months = "janfebmaraprmayjunjulaugsepoctnovdec"
	if len(s) < 3 {
		return 0
	}
	i := strings.Index(months, s[:3])
	if i < 0 || i%3 != 0 {
		return 0
	}
	return i/3 + 1
}
