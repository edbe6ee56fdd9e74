package screening

import (
	"bytes"
	"encoding/xml"
	"io"
	"strconv"
)

// The UN Security Council consolidated list: a <CONSOLIDATED_LIST> of
// <INDIVIDUALS><INDIVIDUAL> and <ENTITIES><ENTITY>.
//
// The mapping: REFERENCE_NUMBER is the ID (DATAID when an entry has none);
// an INDIVIDUAL is SchemaPerson and an ENTITY SchemaOrganization. The
// primary name is FIRST_NAME to FOURTH_NAME in order; NAME_ORIGINAL_SCRIPT
// and each INDIVIDUAL_ALIAS or ENTITY_ALIAS whose QUALITY is not "Low" are
// aliases. UN_LIST_TYPE is the programme. NATIONALITY/VALUE are country
// names, mapped through countryByName. INDIVIDUAL_DATE_OF_BIRTH has a DATE,
// a YEAR, or a FROM_YEAR and a TO_YEAR.

// unReader reads one UN list; its buffers are reused from entry to entry.
type unReader struct {
	x       *xmlReader
	e       entry
	in      interner
	parts   [4][]byte // FIRST_NAME to FOURTH_NAME
	dataID  []byte
	name    []byte
	aliasOK bool
}

func decodeUN(r io.Reader, emit func(Entity) error) error {
	u := &unReader{x: newXMLReader(r, FormatUN), in: interner{}}
	if _, err := u.x.root("CONSOLIDATED_LIST"); err != nil {
		return err
	}
	err := u.x.children(func(group xml.StartElement) error {
		var schema Schema
		switch group.Name.Local {
		case "INDIVIDUALS":
			schema = SchemaPerson
		case "ENTITIES":
			schema = SchemaOrganization
		default:
			return u.x.skip()
		}
		return u.x.children(func(el xml.StartElement) error {
			if el.Name.Local != "INDIVIDUAL" && el.Name.Local != "ENTITY" {
				return u.x.skip()
			}
			if err := u.readEntry(schema); err != nil {
				return err
			}
			return emit(u.e.build())
		})
	})
	if err != nil {
		return err
	}
	return u.x.end()
}

func (u *unReader) readEntry(schema Schema) error {
	e := &u.e
	e.reset()
	e.schema = schema
	e.addTopic(TopicSanction)
	for i := range u.parts {
		u.parts[i] = u.parts[i][:0]
	}
	u.dataID = u.dataID[:0]
	err := u.x.children(func(el xml.StartElement) error {
		switch el.Name.Local {
		case "REFERENCE_NUMBER":
			return u.textTo(func(b []byte) { e.setID(b) })
		case "DATAID":
			return u.textTo(func(b []byte) { u.dataID = append(u.dataID, b...) })
		case "FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME":
			i := unNamePart(el.Name.Local)
			return u.textTo(func(b []byte) { u.parts[i] = append(u.parts[i][:0], b...) })
		case "NAME_ORIGINAL_SCRIPT":
			return u.textTo(e.addAlias)
		case "UN_LIST_TYPE":
			return u.textTo(func(b []byte) { e.addProgram(u.in.get(bytes.TrimSpace(b))) })
		case "NATIONALITY":
			return u.x.children(func(xml.StartElement) error {
				return u.textTo(func(b []byte) {
					if code, ok := countryCode(b); ok {
						e.addNationality(code)
					}
				})
			})
		case "INDIVIDUAL_ALIAS", "ENTITY_ALIAS":
			return u.readAlias()
		case "INDIVIDUAL_DATE_OF_BIRTH":
			return u.readBirth()
		}
		return u.x.skip()
	})
	if err != nil {
		return err
	}
	if !e.hasID() {
		e.setID(u.dataID)
	}
	if !e.hasID() {
		return u.x.fail("entry without a REFERENCE_NUMBER or DATAID")
	}
	u.name = joinName(u.name, u.parts[0], u.parts[1], u.parts[2], u.parts[3])
	e.setPrimary(u.name)
	return nil
}

func (u *unReader) textTo(use func([]byte)) error {
	b, err := u.x.text()
	if err == nil {
		use(b)
	}
	return err
}

func (u *unReader) readAlias() error {
	u.name, u.aliasOK = u.name[:0], true
	err := u.x.children(func(el xml.StartElement) error {
		switch el.Name.Local {
		case "QUALITY":
			return u.textTo(func(b []byte) { u.aliasOK = !bytes.EqualFold(bytes.TrimSpace(b), []byte("Low")) })
		case "ALIAS_NAME":
			return u.textTo(func(b []byte) { u.name = append(u.name, b...) })
		}
		return u.x.skip()
	})
	if err == nil && u.aliasOK {
		u.e.addAlias(u.name)
	}
	return err
}

func (u *unReader) readBirth() error {
	var date []byte
	var year, from, to int
	err := u.x.children(func(el xml.StartElement) error {
		return u.textTo(func(b []byte) {
			v, _ := strconv.Atoi(string(bytes.TrimSpace(b)))
			switch el.Name.Local {
			case "DATE":
				date = append(date, b...)
			case "YEAR":
				year = v
			case "FROM_YEAR":
				from = v
			case "TO_YEAR":
				to = v
			}
		})
	})
	switch y, m, d, ok := parseISODate(date); {
	case ok:
		u.e.addBirthDate(y, m, d)
	case year != 0:
		u.e.addBirthDate(year, 0, 0)
	case from != 0 && to != 0:
		u.e.addBirthYears(from, to)
	}
	return err
}

// unNamePart is the place of a name element in the primary name.
func unNamePart(local string) int {
	switch local {
	case "SECOND_NAME":
		return 1
	case "THIRD_NAME":
		return 2
	case "FOURTH_NAME":
		return 3
	}
	return 0
}
