package screening

import (
	"bytes"
	"encoding/xml"
	"io"
	"strconv"
	"strings"
)

// The EU financial sanctions file: an <export> of <sanctionEntity>
// elements, whose data are attributes.
//
// The mapping: the sanctionEntity's logicalId is the ID; subjectType code
// "person" is SchemaPerson and "enterprise" SchemaOrganization. Each
// nameAlias is a name, its wholeName or else firstName, middleName and
// lastName; one with strong="false" is weak and left out. The primary name
// is the first nameAlias with no nameLanguage (the EU's own transliteration),
// else the first; the others, in their scripts, are aliases. A regulation's
// programme is a programme; a citizenship's countryIso2Code a nationality;
// a birthdate's birthdate, or else its year and month and day, or its
// yearRangeFrom and yearRangeTo, a birth date.

// euReader reads one EU file; its buffers are reused from entry to entry.
type euReader struct {
	x     *xmlReader
	e     entry
	in    interner
	first []byte // the first name, when no alias is unmarked by language
	name  []byte
}

func decodeEU(r io.Reader, emit func(Entity) error) error {
	u := &euReader{x: newXMLReader(r, FormatEU), in: interner{}}
	if _, err := u.x.root("export"); err != nil {
		return err
	}
	err := u.x.children(func(el xml.StartElement) error {
		if el.Name.Local != "sanctionEntity" {
			return u.x.skip()
		}
		if err := u.readEntity(el); err != nil {
			return err
		}
		return emit(u.e.build())
	})
	if err != nil {
		return err
	}
	return u.x.end()
}

func (u *euReader) readEntity(se xml.StartElement) error {
	e := &u.e
	e.reset()
	e.addTopic(TopicSanction)
	e.setID([]byte(attr(se, "logicalId")))
	if !e.hasID() {
		return u.x.fail("sanctionEntity without a logicalId")
	}
	u.first = u.first[:0]
	err := u.x.children(func(el xml.StartElement) error {
		switch el.Name.Local {
		case "subjectType":
			e.schema = euSchema(attr(el, "code"))
		case "nameAlias":
			u.addAlias(el)
		case "regulation":
			if p := strings.TrimSpace(attr(el, "programme")); p != "" {
				e.addProgram(u.in.get([]byte(p)))
			}
		case "citizenship":
			if code, ok := u.in.iso2([]byte(attr(el, "countryIso2Code"))); ok && code != "00" {
				e.addNationality(code)
			}
		case "birthdate":
			u.addBirthDate(el)
		}
		return u.x.skip()
	})
	if !e.hasPrimary {
		e.setPrimary(u.first)
	} else if len(u.first) > 0 {
		e.addAlias(u.first)
	}
	return err
}

func euSchema(code string) Schema {
	switch strings.ToLower(strings.TrimSpace(code)) {
	case "person":
		return SchemaPerson
	case "enterprise":
		return SchemaOrganization
	}
	return SchemaUnknown
}

func (u *euReader) addAlias(el xml.StartElement) {
	if attr(el, "strong") == "false" {
		return
	}
	u.name = append(u.name[:0], attr(el, "wholeName")...)
	if len(bytes.TrimSpace(u.name)) == 0 {
		u.name = joinName(u.name, []byte(attr(el, "firstName")), []byte(attr(el, "middleName")), []byte(attr(el, "lastName")))
	}
	switch {
	case len(bytes.TrimSpace(u.name)) == 0:
	case !u.e.hasPrimary && strings.TrimSpace(attr(el, "nameLanguage")) == "":
		u.e.setPrimary(u.name)
	case len(u.first) == 0 && !u.e.hasPrimary:
		// Held back: an alias without a language may still come.
		u.first = append(u.first, u.name...)
	default:
		u.e.addAlias(u.name)
	}
}

func (u *euReader) addBirthDate(el xml.StartElement) {
	if y, m, d, ok := parseISODate([]byte(attr(el, "birthdate"))); ok {
		u.e.addBirthDate(y, m, d)
		return
	}
	num := func(name string) int {
		v, _ := strconv.Atoi(strings.TrimSpace(attr(el, name)))
		return v
	}
	if y := num("year"); y != 0 {
		m, d := num("monthOfYear"), num("dayOfMonth")
		if m == 0 {
			d = 0
		}
		u.e.addBirthDate(y, m, d)
		return
	}
	u.e.addBirthYears(num("yearRangeFrom"), num("yearRangeTo"))
}
